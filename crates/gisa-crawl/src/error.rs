//! gisa-crawl's error: a `kind` the command line maps to its message and
//! exit status (and a crawl records a failed page by), and the whole message.
//! Errors of the crates below keep their own kind inside (`Article`, `Store`),
//! so a caller can still tell a page with no article from a locked database.

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The run file (`gisa.toml`) or the sources file cannot be read or is wrong.
    Config,
    /// The crawl state (the frontier's SQLite file) cannot be opened or written:
    /// the crawl stops rather than lose track of what it fetched.
    State,
    /// The HTTP client or the crawler's async runtime could not start.
    Runtime,
    /// A URL could not be fetched (refused scheme, HTTP error, timeout, body
    /// over the cap, a redirect not followed).
    Fetch,
    /// A redirect that is not followed (a loop, too many, another scheme, off-domain).
    Redirect,
    /// A feed, sitemap or list page that yields no links (not XML, bad gzip,
    /// a bad selector).
    Discovery,
    /// A crawled page could not be cleaned or extracted (gisa-core's kind).
    Article(gisa_core::ErrorKind),
    /// The tracking database failed (gisa-store's kind: busy, open, query …).
    Store(gisa_store::ErrorKind),
    /// A bug: processing a page panicked. Only that page is lost.
    Internal,
}

/// An error of gisa-crawl: a kind and the whole message.
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

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, as shown to the user.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<gisa_core::Error> for Error {
    fn from(e: gisa_core::Error) -> Error {
        let kind = match e.kind() {
            gisa_core::ErrorKind::Internal => ErrorKind::Internal,
            k => ErrorKind::Article(k),
        };
        Error::new(kind, e.message())
    }
}

impl From<gisa_store::Error> for Error {
    fn from(e: gisa_store::Error) -> Error {
        Error::new(ErrorKind::Store(e.kind()), e.message())
    }
}

/// `Result` with gisa-crawl's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
