//! gisa-store's error: a `kind` the command line maps to its message and
//! exit status, and a message that never holds a password.

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The database cannot be opened or connected to.
    Open,
    /// A read command named a SQLite file that does not exist.
    Missing,
    /// A schema migration failed.
    Migration,
    /// Another `gisa run` holds the run lock.
    Busy,
    /// A statement failed (constraint, I/O, lost connection …).
    Query,
    /// Rows could not be written out (export).
    Output,
}

/// An error of gisa-store: a kind and the whole message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` with its message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    /// A failed statement.
    pub(crate) fn query(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Query, message)
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, as shown to the user.
    pub fn message(&self) -> &str {
        &self.message
    }
}
