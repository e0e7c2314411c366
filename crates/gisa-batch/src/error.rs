//! gisa-batch's error: why one input (file, archive line, URL, stdin) gave
//! no record, or why a run could not go on. The `kind` is what the closing
//! summary counts errors by; the message names the input.

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path does not exist.
    NotFound,
    /// The input exists but cannot be read (permissions, I/O, a directory
    /// that cannot be listed).
    Unreadable,
    /// Over `--max-bytes` (or unpacks to over it).
    TooLarge,
    /// A `.gz` file or archive that is corrupt or cut short.
    BadGzip,
    /// A URL that could not be fetched.
    Fetch,
    /// An archive line that is not JSON (or not UTF-8).
    NotJson,
    /// An archive record without a text or HTML field, or with an empty one.
    NoTextField,
    /// The bytes were read but hold no article (see gisa-core's kinds).
    Article(gisa_core::ErrorKind),
    /// Bad options (`--field`, `--shard`).
    Options,
    /// The output cannot be written: the whole run stops.
    Output,
    /// A bug: processing panicked. Only this input is lost.
    Internal,
}

impl ErrorKind {
    /// How the closing summary names this kind of error.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "no such file",
            ErrorKind::Unreadable => "cannot read",
            ErrorKind::TooLarge => "over --max-bytes",
            ErrorKind::BadGzip => "corrupt or truncated gzip",
            ErrorKind::Fetch => "cannot fetch",
            ErrorKind::NotJson => "not valid JSON",
            ErrorKind::NoTextField => "no article text field (map yours with --field text=NAME)",
            ErrorKind::Article(k) => match k {
                gisa_core::ErrorKind::NotText => "not text",
                gisa_core::ErrorKind::Undecodable => "could not be decoded",
                gisa_core::ErrorKind::Page => "page not readable",
                gisa_core::ErrorKind::NoArticle => "no article text",
                gisa_core::ErrorKind::Internal => "internal error while processing",
                _ => "rules or dictionary",
            },
            ErrorKind::Options => "bad option",
            ErrorKind::Output => "cannot write output",
            ErrorKind::Internal => "internal error while processing",
        }
    }
}

/// An error of gisa-batch: a kind and the whole message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A URL that could not be fetched (the only crawl errors a batch meets).
impl From<gisa_crawl::Error> for Error {
    fn from(e: gisa_crawl::Error) -> Error {
        Error::new(ErrorKind::Fetch, e.message())
    }
}

impl From<gisa_core::Error> for Error {
    fn from(e: gisa_core::Error) -> Error {
        Error::new(ErrorKind::Article(e.kind()), e.message())
    }
}
