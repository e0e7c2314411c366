//! Where articles come from on the command line: files, directories (searched
//! recursively for `*.txt`), and stdin (`-`). Every problem becomes an
//! `InputError` for that one input; the others go on.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused (a 50 MB "article" is a dump, not news).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { label: String, path: PathBuf },
    Stdin,
}

impl Input {
    /// The path as given (for `source.path`); None for stdin.
    pub fn label(&self) -> Option<&str> {
        match self {
            Input::File { label, .. } => Some(label),
            Input::Stdin => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub label: Option<String>,
    pub message: String,
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
        let path = Path::new(arg);
        let err = |message: String| InputError { label: Some(arg.clone()), message };
        match std::fs::metadata(path) {
            Err(e) => out.push(Err(err(format!("cannot read {arg}: {}", io_reason(&e))))),
            Ok(m) if m.is_dir() => {
                let mut files: Vec<PathBuf> = Vec::new();
                let mut problems = Vec::new();
                for entry in walkdir::WalkDir::new(path).follow_links(true) {
                    match entry {
                        Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") => {
                            files.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => problems.push(err(format!("cannot list part of {arg}: {e}"))),
                    }
                }
                files.sort();
                if files.is_empty() && problems.is_empty() {
                    out.push(Err(err(format!("{arg} is a directory with no .txt files to read"))));
                }
                out.extend(problems.into_iter().map(Err));
                out.extend(files.into_iter().map(|p| Ok(Input::File { label: p.display().to_string(), path: p })));
            }
            Ok(_) => out.push(Ok(Input::File { label: arg.clone(), path: path.to_path_buf() })),
        }
    }
    out
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads one input as text, refusing what is not a readable article.
pub fn read(input: &Input, max_bytes: u64) -> Result<String, String> {
    let bytes = match input {
        Input::File { label, path } => {
            let size = std::fs::metadata(path).map_err(|e| format!("cannot read {label}: {}", io_reason(&e)))?.len();
            if size > max_bytes {
                return Err(format!("{label} is {size} bytes, over the {max_bytes}-byte limit (--max-bytes)"));
            }
            std::fs::read(path).map_err(|e| format!("cannot read {label}: {}", io_reason(&e)))?
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            if buf.len() as u64 > max_bytes {
                return Err(format!("stdin is over the {max_bytes}-byte limit (--max-bytes)"));
            }
            buf
        }
    };
    let name = input.label().unwrap_or("stdin");
    decode(name, bytes)
}

/// Checks the bytes are UTF-8 Korean text, not empty and not binary.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("{name} is empty"));
    }
    if bytes.contains(&0) {
        return Err(format!("{name} looks binary (it contains NUL bytes), not text"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not valid UTF-8 (first bad byte at offset {}); convert it first, e.g. `iconv -f CP949 -t UTF-8`",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_bad_bytes() {
        assert!(decode("a", b"  \n".to_vec()).unwrap_err().contains("empty"));
        assert!(decode("a", b"\x89PNG\0\0".to_vec()).unwrap_err().contains("binary"));
        // "한국" in EUC-KR
        let e = decode("a", vec![0xC7, 0xD1, 0xB1, 0xB9]).unwrap_err();
        assert!(e.contains("not valid UTF-8") && e.contains("offset 0"), "{e}");
        assert_eq!(decode("a", "기사".as_bytes().to_vec()).unwrap(), "기사");
    }
}
