//! Where articles come from on the command line: files, directories (searched
//! recursively for `*.txt` and `*.html`), http(s) URLs, and stdin (`-`). Every problem becomes an
//! `InputError` for that one input; the others go on.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{Error, ErrorKind};

/// What a directory is searched for, each also gzipped (`.jsonl.gz`).
const ARTICLE_EXTENSIONS: [&str; 6] = [".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson"];

fn wanted(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    ARTICLE_EXTENSIONS.iter().any(|e| name.ends_with(e))
}

/// Files larger than this are refused (a 50 MB "article" is a dump, not news).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { label: String, path: PathBuf },
    /// An http(s) URL, fetched with one polite GET.
    Url(String),
    Stdin,
}

impl Input {
    /// The path as given (for `source.path`); None for stdin.
    pub fn label(&self) -> Option<&str> {
        match self {
            Input::File { label, .. } => Some(label),
            Input::Url(url) => Some(url),
            Input::Stdin => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub label: Option<String>,
    pub message: String,
    pub kind: ErrorKind,
}

/// Expands the command-line arguments into inputs, in the order given;
/// directory contents sorted by path so runs are reproducible.
pub fn expand(args: &[String]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        if crate::crawl::fetch::is_url(arg) {
            out.push(Ok(Input::Url(arg.clone())));
            continue;
        }
        let path = Path::new(arg);
        let err = |kind: ErrorKind, message: String| InputError { label: Some(arg.clone()), message, kind };
        match std::fs::metadata(path) {
            Err(e) => out.push(Err(err(io_kind(&e), format!("cannot read {arg}: {}", io_reason(&e))))),
            Ok(m) if m.is_dir() => {
                let mut files: Vec<PathBuf> = Vec::new();
                let mut problems = Vec::new();
                for entry in walkdir::WalkDir::new(path).follow_links(true) {
                    match entry {
                        Ok(e) if e.file_type().is_file() && wanted(e.path()) => {
                            files.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => problems.push(err(ErrorKind::Unreadable, format!("cannot list part of {arg}: {e}"))),
                    }
                }
                files.sort();
                if files.is_empty() && problems.is_empty() {
                    out.push(Err(err(ErrorKind::NotFound, format!("{arg} is a directory with no .txt, .html or .jsonl files to read"))));
                }
                out.extend(problems.into_iter().map(Err));
                out.extend(files.into_iter().map(|p| Ok(Input::File { label: p.display().to_string(), path: p })));
            }
            Ok(_) => out.push(Ok(Input::File { label: arg.clone(), path: path.to_path_buf() })),
        }
    }
    out
}

fn io_kind(e: &std::io::Error) -> ErrorKind {
    if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Unreadable }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads one input's bytes, refusing what is over `max_bytes`. The limit is
/// checked while reading (`Read::take`), not from the file's size alone: a
/// FIFO, a device (`/dev/zero`), stdin or a gzip bomb has no size to check.
pub fn read_bytes(input: &Input, max_bytes: u64) -> Result<Vec<u8>, Error> {
    match input {
        Input::File { label, path } => {
            let cannot = |e: std::io::Error| Error::new(io_kind(&e), format!("cannot read {label}: {}", io_reason(&e)));
            let file = std::fs::File::open(path).map_err(cannot)?;
            let meta = file.metadata().map_err(cannot)?;
            // A regular file's size says it at once, with the size in the message.
            if meta.is_file() && meta.len() > max_bytes {
                return Err(Error::new(ErrorKind::TooLarge, format!("{label} is {} bytes, over the {max_bytes}-byte limit (--max-bytes)", meta.len())));
            }
            let size = meta.is_file().then_some(meta.len());
            let bytes = read_at_most(file, max_bytes, size).map_err(cannot)?.ok_or_else(|| over(label, max_bytes))?;
            if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) {
                return read_at_most(crate::archive::Gunzip::new(&bytes[..]), max_bytes, None)
                    .map_err(|e| Error::new(ErrorKind::BadGzip, format!("{label} is not valid gzip: {e}")))?
                    .ok_or_else(|| Error::new(ErrorKind::TooLarge, format!("{label} unpacks to over the {max_bytes}-byte limit (--max-bytes)")));
            }
            Ok(bytes)
        }
        Input::Url(url) => crate::crawl::fetch::get(url, max_bytes).map(|p| p.bytes).map_err(Error::from),
        Input::Stdin => read_at_most(std::io::stdin().lock(), max_bytes, None)
            .map_err(|e| Error::new(ErrorKind::Unreadable, format!("cannot read stdin: {e}")))?
            .ok_or_else(|| over("stdin", max_bytes)),
    }
}

fn over(name: &str, max_bytes: u64) -> Error {
    Error::new(ErrorKind::TooLarge, format!("{name} is over the {max_bytes}-byte limit (--max-bytes)"))
}

/// All of `reader`, or None when it holds more than `max` bytes (reading
/// stops one byte past the limit). `saturating_add`: `--max-bytes` at
/// u64::MAX must mean "no limit", not wrap to a limit of 0.
/// `size`, a regular file's length, sizes the buffer once: grown by doubling,
/// a 12 MB file took a 16 MB buffer (issue 15).
fn read_at_most(reader: impl Read, max: u64, size: Option<u64>) -> std::io::Result<Option<Vec<u8>>> {
    // One byte over the size: reading stops at end of file without growing.
    let capacity = size.map_or(0, |n| n.min(max).saturating_add(1));
    let mut buf = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}
