//! The Python exceptions: `GisaError` (a ValueError) carries the library's
//! error kind as `.kind` ("no-article", "not-text" …, the names of
//! `gisa_core::ErrorKind::name`), and each kind a program is likely to
//! catch has its own subclass.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(gisa, GisaError, PyValueError, "An input gisa cannot make a record of; `.kind` names the kind of problem.");
create_exception!(gisa, NoTextError, GisaError, "No text: neither a non-empty `text` nor `html` (kind \"no-text\").");
create_exception!(gisa, NotTextError, GisaError, "The bytes are not a text or HTML document: empty, binary, an image (kind \"not-text\").");
create_exception!(gisa, UndecodableError, GisaError, "The bytes are in no encoding gisa reads (kind \"undecodable\").");
create_exception!(gisa, PageError, GisaError, "The HTML page cannot be read as an article (kind \"page\").");
create_exception!(gisa, NoArticleError, GisaError, "Nothing was left after removing page furniture (kind \"no-article\").");

/// The exception for an error of `kind`, with `.kind` and `.message` set.
pub fn raise(kind: &str, message: &str) -> PyErr {
    Python::attach(|py| {
        let err = match kind {
            "no-text" => NoTextError::new_err(message.to_string()),
            "not-text" => NotTextError::new_err(message.to_string()),
            "undecodable" => UndecodableError::new_err(message.to_string()),
            "page" => PageError::new_err(message.to_string()),
            "no-article" => NoArticleError::new_err(message.to_string()),
            _ => GisaError::new_err(message.to_string()),
        };
        let value = err.value(py);
        // Setting attributes on a fresh exception object cannot fail short of memory.
        let _ = value.setattr("kind", kind);
        let _ = value.setattr("message", message);
        err
    })
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("GisaError", py.get_type::<GisaError>())?;
    m.add("NoTextError", py.get_type::<NoTextError>())?;
    m.add("NotTextError", py.get_type::<NotTextError>())?;
    m.add("UndecodableError", py.get_type::<UndecodableError>())?;
    m.add("PageError", py.get_type::<PageError>())?;
    m.add("NoArticleError", py.get_type::<NoArticleError>())?;
    Ok(())
}
