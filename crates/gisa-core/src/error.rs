//! gisa-core's error: what went wrong with one article, as a `kind` a
//! program can branch on (exit codes, summary counts) and a message a
//! person can act on ("a.html is a PNG image, not text or HTML").

/// What kind of problem an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a text or HTML document (empty, binary, an image).
    NotText,
    /// The text is in no encoding gisa reads (too many undecodable bytes).
    Undecodable,
    /// The HTML page cannot be read as an article (nesting too deep, no body).
    Page,
    /// Nothing was left after removing page furniture.
    NoArticle,
    /// A rule file or the user dictionary is wrong (`file:line: …`).
    Rules,
    /// The embedded ko-dic dictionary could not be loaded.
    Dictionary,
    /// A bug: processing panicked. Only this input is lost.
    Internal,
}

impl ErrorKind {
    /// A short stable name, for summaries and logs ("not-text", "no-article").
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NotText => "not-text",
            ErrorKind::Undecodable => "undecodable",
            ErrorKind::Page => "page",
            ErrorKind::NoArticle => "no-article",
            ErrorKind::Rules => "rules",
            ErrorKind::Dictionary => "dictionary",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error of gisa-core: a kind and the whole message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` with a message a person can act on.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    /// What kind of problem this is, for a program to branch on.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The whole message (what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<crate::lexicon::LexiconError> for Error {
    fn from(e: crate::lexicon::LexiconError) -> Error {
        Error::new(ErrorKind::Rules, e.to_string())
    }
}

impl From<crate::morph::MorphError> for Error {
    fn from(e: crate::morph::MorphError) -> Error {
        let kind = match e {
            crate::morph::MorphError::Dictionary(_) => ErrorKind::Dictionary,
            crate::morph::MorphError::UserDict(_) => ErrorKind::Rules,
        };
        Error::new(kind, e.to_string())
    }
}

/// `Result` with gisa-core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
