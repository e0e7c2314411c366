//! `extract_many`: a generator over any iterable of items. Each item is
//! read with the GIL held and handed to the rayon pool as its own task;
//! results come back in any order and are yielded in input order. At most
//! `IN_FLIGHT_PER_THREAD` items per thread are between reading and
//! yielding (as in the CLI's work queue), and the pool is topped up every
//! time the generator wakes, before records are turned into dicts, so the
//! cores do not wait on Python. An item that gives no record (no text, not
//! a str or dict, a panic) yields its SPEC error object, as a bad archive
//! line does in `gisa extract`: one bad item never costs the others theirs.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};

use crate::errors::raise;
use gisa_core::output::Record;

use crate::work::{engine, error_object, Failure, Fields, Work};

/// Items per worker thread between reading and yielding: enough to keep
/// every core busy past a slow article, few enough that memory stays flat.
const IN_FLIGHT_PER_THREAD: usize = 64;

/// The generator `extract_many` returns.
#[pyclass(module = "gisa._gisa")]
pub struct ExtractMany {
    /// None once the input is used up.
    items: Option<Py<PyIterator>>,
    /// Records ready to yield, as dicts.
    ready: VecDeque<Py<PyAny>>,
    /// Finished items' JSON by sequence number, until their turn comes.
    done: BTreeMap<u64, Outcome>,
    results: Mutex<Receiver<(u64, Outcome)>>,
    sender: Sender<(u64, Outcome)>,
    pool: Option<Arc<rayon::ThreadPool>>,
    limit: usize,
    /// Items read (the next one's sequence number; names it in messages).
    read: u64,
    /// The next sequence number to yield.
    next_out: u64,
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
    let (sender, results) = channel();
    Ok(ExtractMany {
        items: Some(items.try_iter()?.unbind()),
        ready: VecDeque::new(),
        done: BTreeMap::new(),
        results: Mutex::new(results),
        sender,
        pool,
        limit: IN_FLIGHT_PER_THREAD * threads,
        read: 0,
        next_out: 0,
    })
}

#[pymethods]
impl ExtractMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if let Some(record) = self.ready.pop_front() {
            return Ok(Some(record));
        }
        self.fill(py)?;
        if self.next_out == self.read {
            return Ok(None); // everything read has been yielded, and the input is used up
        }
        // Wait (without the GIL) until the next record in order is done,
        // starting new items whenever one finishes.
        while !self.done.contains_key(&self.next_out) {
            let results = &self.results;
            let got = py.detach(|| results.lock().unwrap_or_else(|p| p.into_inner()).recv());
            let (seq, json) = got.map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("a gisa worker stopped"))?;
            self.done.insert(seq, json);
            self.drain();
            self.fill(py)?;
        }
        self.drain();
        // Every record whose turn has come, as dicts built straight from the
        // serde serialisation the CLI writes (pythonize: no JSON text to parse).
        let mut batch = Vec::new();
        while let Some(outcome) = self.done.remove(&self.next_out) {
            batch.push(outcome);
            self.next_out += 1;
        }
        self.fill(py)?;
        for outcome in batch {
            let object = match &outcome {
                Ok(record) => pythonize::pythonize(py, record),
                Err(message) => pythonize::pythonize(py, &error_object(message)),
            };
            self.ready.push_back(object.map_err(PyErr::from)?.unbind());
        }
        Ok(self.ready.pop_front())
    }
}

impl ExtractMany {
    /// Takes every result already finished, without waiting.
    fn drain(&mut self) {
        let results = self.results.lock().unwrap_or_else(|p| p.into_inner());
        while let Ok((seq, json)) = results.try_recv() {
            self.done.insert(seq, json);
        }
    }

    /// Reads and starts items until `limit` are between reading and yielding.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        while ((self.read - self.next_out) as usize) < self.limit {
            let Some(items) = &self.items else { return Ok(()) };
            let mut iter = items.bind(py).clone();
            let item = match iter.next() {
                None => {
                    self.items = None;
                    return Ok(());
                }
                Some(item) => item?,
            };
            let seq = self.read;
            self.read += 1;
            let work = work_of(&format!("item {seq}"), &item);
            let tx = self.sender.clone();
            let job = move || {
                let _ = tx.send((seq, run_one(&work)));
            };
            match &self.pool {
                Some(pool) => pool.spawn(job),
                None => rayon::spawn(job),
            }
        }
        Ok(())
    }
}

/// What one item gave: its record, or the message of its error object.
type Outcome = Result<Record, String>;

/// One item's record, or its error (a panic included).
fn run_one(work: &Work) -> Outcome {
    let engine = engine().map_err(|e| e.message().to_string())?;
    match catch_unwind(AssertUnwindSafe(|| work.record_of(engine))) {
        Ok(Ok(record)) => Ok(record),
        Ok(Err(Failure { message, .. })) => Err(message),
        Err(p) => Err(format!("internal error while processing: {}", gisa_core::workqueue::panic_message(p.as_ref()))),
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
