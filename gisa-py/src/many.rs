//! `extract_many`: a generator over any iterable of items. Items are read
//! in chunks with the GIL held, worked on by every core (rayon) without it,
//! and handed back in input order; two chunks are in flight while Python
//! takes the records of a third, so the cores do not wait on Python. An
//! item that gives no record (no text, not a str or dict, a panic) yields
//! its SPEC error object, as a bad archive line does in `gisa extract`:
//! one bad item never costs the others their records.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use rayon::prelude::*;

use crate::errors::raise;
use crate::work::{engine, error_json, Failure, Fields, Work};

/// Items per chunk per worker thread: enough that the end of a chunk
/// (one core finishing the last article) is a small share of it.
const CHUNK_PER_THREAD: usize = 32;
/// Chunks being worked on while Python reads the records of another.
const IN_FLIGHT: usize = 2;

/// The generator `extract_many` returns.
#[pyclass(module = "gisa._gisa")]
pub struct ExtractMany {
    /// None once the input is used up.
    items: Option<Py<PyIterator>>,
    /// Records of the current chunk not yet yielded.
    ready: VecDeque<Py<PyAny>>,
    pending: VecDeque<Mutex<Receiver<Vec<String>>>>,
    pool: Option<Arc<rayon::ThreadPool>>,
    chunk: usize,
    /// Items read so far (names items in error messages: "item 7").
    read: usize,
}

/// A generator of the records of `items` (str, or dicts with text, html,
/// url, title, published, outlet, id), in their order.
#[pyfunction]
#[pyo3(signature = (items, jobs=None))]
pub fn extract_many(py: Python<'_>, items: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<ExtractMany> {
    // The dictionary is loaded now, so a broken install raises here and not mid-stream.
    py.detach(engine).map_err(|e| raise(e.kind().name(), e.message()))?;
    let pool = match jobs {
        Some(0) => return Err(pyo3::exceptions::PyValueError::new_err("jobs must be at least 1")),
        Some(n) => Some(Arc::new(
            rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?,
        )),
        None => None,
    };
    let threads = pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    Ok(ExtractMany { items: Some(items.try_iter()?.unbind()), ready: VecDeque::new(), pending: VecDeque::new(), pool, chunk: CHUNK_PER_THREAD * threads, read: 0 })
}

#[pymethods]
impl ExtractMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(record) = self.ready.pop_front() {
                return Ok(Some(record));
            }
            self.fill(py)?;
            let Some(rx) = self.pending.pop_front() else { return Ok(None) };
            let rx = rx.into_inner().unwrap_or_else(|p| p.into_inner());
            let done = py.detach(move || rx.recv()).map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("a gisa worker stopped"))?;
            // The next chunk starts before this one is turned into dicts.
            self.fill(py)?;
            if done.is_empty() {
                continue;
            }
            let array = format!("[{}]", done.join(","));
            let list = py.import("json")?.getattr("loads")?.call1((array,))?;
            for record in list.try_iter()? {
                self.ready.push_back(record?.unbind());
            }
        }
    }
}

impl ExtractMany {
    /// Reads and starts chunks until `IN_FLIGHT` are running or the input ends.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        while self.pending.len() < IN_FLIGHT {
            let Some(items) = &self.items else { return Ok(()) };
            let mut iter = items.bind(py).clone();
            let mut chunk = Vec::with_capacity(self.chunk);
            while chunk.len() < self.chunk {
                match iter.next() {
                    None => {
                        self.items = None;
                        break;
                    }
                    Some(item) => {
                        let label = format!("item {}", self.read);
                        self.read += 1;
                        chunk.push(work_of(&label, &item?));
                    }
                }
            }
            if chunk.is_empty() {
                return Ok(());
            }
            let (tx, rx) = sync_channel(1);
            let job = move || {
                let out: Vec<String> = chunk.par_iter().map(run_one).collect();
                let _ = tx.send(out);
            };
            match &self.pool {
                Some(pool) => pool.spawn(job),
                None => rayon::spawn(job),
            }
            self.pending.push_back(Mutex::new(rx));
        }
        Ok(())
    }
}

/// One item's JSON: its record, or its error object (a panic included).
fn run_one(work: &Work) -> String {
    let engine = match engine() {
        Ok(e) => e,
        Err(e) => return error_json(e.message()),
    };
    match catch_unwind(AssertUnwindSafe(|| work.run(engine))) {
        Ok(Ok(json)) => json,
        Ok(Err(Failure { message, .. })) => error_json(&message),
        Err(p) => error_json(&format!("internal error while processing: {}", gisa_core::workqueue::panic_message(p.as_ref()))),
    }
}

/// A Python item → work: a str is an article's text, a dict an archive record.
fn work_of(label: &str, item: &Bound<'_, PyAny>) -> Work {
    if let Ok(s) = item.cast::<PyString>() {
        return Work::record(label, Fields { text: Some(s.to_string_lossy().into_owned()), ..Fields::default() });
    }
    let Ok(d) = item.cast::<PyDict>() else {
        let type_name = item.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        return Work::Bad(Failure { kind: "no-text", message: format!("{label}: {type_name} is not a str or a dict") });
    };
    // str values as they are, numbers as their text (as the CLI reads JSON numbers), anything else as absent.
    let get = |k: &str| -> Option<String> {
        let v = d.get_item(k).ok().flatten()?;
        if let Ok(s) = v.cast::<PyString>() {
            return Some(s.to_string_lossy().into_owned());
        }
        if v.is_instance_of::<pyo3::types::PyBool>() {
            return None;
        }
        if v.is_instance_of::<pyo3::types::PyInt>() || v.is_instance_of::<pyo3::types::PyFloat>() {
            return v.str().ok().map(|s| s.to_string_lossy().into_owned());
        }
        None
    };
    Work::record(
        label,
        Fields { text: get("text"), html: get("html"), url: get("url"), title: get("title"), published: get("published"), outlet: get("outlet"), id: get("id") },
    )
}
