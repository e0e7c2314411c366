//! gisa for Python: the native module `gisa._gisa` behind the `gisa`
//! package (python/gisa/__init__.py). Every record is made the way
//! `gisa extract` makes it, and its dict is built by `pythonize` from the
//! same serde serialisation the CLI writes as JSON: a dict that
//! `json.dumps` writes back to the CLI's bytes.
//!
//! Inputs mean what they mean to the CLI: text (with url, title, published)
//! is a JSON Lines archive record, HTML bytes are an `.html` file.

mod errors;
mod many;
mod work;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use errors::raise;
use work::{engine, Work};

/// The record of one article's text, as `gisa extract` gives it for the
/// archive record {"text", "url", "title", "published"}; raises GisaError.
#[pyfunction]
#[pyo3(signature = (text, *, url=None, title=None, published=None))]
fn extract(py: Python<'_>, text: String, url: Option<String>, title: Option<String>, published: Option<String>) -> PyResult<Py<PyAny>> {
    let fields = work::Fields { text: Some(text), url, title, published, ..work::Fields::default() };
    let item = Work::record("text", fields);
    one(py, item)
}

/// The record of one HTML page (bytes in any Korean encoding, or str), as
/// `gisa extract page.html` gives it; `url` is the page's address.
#[pyfunction]
#[pyo3(signature = (html, url=None))]
fn extract_html(py: Python<'_>, html: &Bound<'_, PyAny>, url: Option<String>) -> PyResult<Py<PyAny>> {
    let bytes = if let Ok(b) = html.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = html.extract::<String>() {
        s.into_bytes()
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err("extract_html takes bytes or str"));
    };
    one(py, Work::Html { bytes, url })
}

/// One item on this thread, without the GIL; an error raises.
fn one(py: Python<'_>, item: Work) -> PyResult<Py<PyAny>> {
    let engine = py.detach(engine).map_err(|e| raise(e.kind().name(), e.message()))?;
    match py.detach(|| item.record_of(engine)) {
        Ok(record) => Ok(pythonize::pythonize(py, &record).map_err(PyErr::from)?.unbind()),
        Err(e) => Err(raise(e.kind, &e.message)),
    }
}

/// The mention rows (`CSV_HEADER`'s columns, one list of str per mention)
/// of records given as one JSON array: what `--format csv` writes.
#[pyfunction]
fn mention_rows(py: Python<'_>, records_json: &str) -> PyResult<Vec<Vec<String>>> {
    let records: Vec<serde_json::Value> =
        serde_json::from_str(records_json).map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("records are not SPEC records: {e}")))?;
    Ok(py.detach(|| records.iter().flat_map(gisa_core::output::mention_rows).collect()))
}

/// The `extractor_version` every record carries (loads the dictionary).
#[pyfunction]
fn extractor_version(py: Python<'_>) -> PyResult<String> {
    let engine = py.detach(engine).map_err(|e| raise(e.kind().name(), e.message()))?;
    Ok(engine.extractor_version.clone())
}

#[pymodule]
fn _gisa(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_html, m)?)?;
    m.add_function(wrap_pyfunction!(many::extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(mention_rows, m)?)?;
    m.add_function(wrap_pyfunction!(extractor_version, m)?)?;
    m.add_class::<many::ExtractMany>()?;
    m.add("MENTION_COLUMNS", gisa_core::output::CSV_HEADER.to_vec())?;
    m.add("SCHEMA_VERSION", gisa_core::output::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::add(m)?;
    Ok(())
}
