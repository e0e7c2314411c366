//! Archives: JSON Lines files (plain or gzip) holding one article per line,
//! read as a stream so memory does not grow with the archive, and `.json`
//! files holding one article object or an array of them. Field names are
//! mappable (`--field text=body`) because every archive names them its own way.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use crate::article::{clean_body, from_html, Article};
use crate::input::{Input, InputError};
use crate::{Error, ErrorKind};
use crate::lexicon::CleaningRules;

/// Which JSON field holds what.
#[derive(Debug, Clone)]
pub struct Fields {
    pub text: String,
    pub html: String,
    pub url: String,
    pub title: String,
    pub published: String,
    pub outlet: String,
    pub id: String,
}

impl Default for Fields {
    fn default() -> Self {
        let s = |x: &str| x.to_string();
        Fields { text: s("text"), html: s("html"), url: s("url"), title: s("title"), published: s("published"), outlet: s("outlet"), id: s("id") }
    }
}

impl Fields {
    /// Applies `name=field` mappings (`text=body`, `published=date`).
    pub fn with(mut self, maps: &[String]) -> Result<Fields, Error> {
        for m in maps {
            let (name, field) =
                m.split_once('=').ok_or_else(|| Error::new(ErrorKind::Options, format!("--field '{m}': expected NAME=FIELD, e.g. text=body")))?;
            let slot = match name.trim() {
                "text" => &mut self.text,
                "html" => &mut self.html,
                "url" => &mut self.url,
                "title" => &mut self.title,
                "published" => &mut self.published,
                "outlet" => &mut self.outlet,
                "id" => &mut self.id,
                other => {
                    return Err(Error::new(
                        ErrorKind::Options,
                        format!("--field '{m}': '{other}' is not one of text, html, url, title, published, outlet, id"),
                    ))
                }
            };
            *slot = field.trim().to_string();
        }
        Ok(self)
    }
}

/// One unit of work: a whole file (text or HTML), one archive line, or an
/// input that could not be opened.
pub enum Item {
    File(Input),
    /// One record's JSON. The worker takes `json` out (leaving it empty) once
    /// it starts, so a large record's line is not held while it is
    /// extracted; `bytes` keeps its length for the progress bar.
    Line { label: String, json: std::cell::Cell<String>, bytes: u64 },
    Failed { label: Option<String>, error: Error },
}

impl Item {
    /// An archive record labelled `label`.
    pub fn line(label: String, json: String) -> Item {
        Item::Line { label, bytes: json.len() as u64, json: std::cell::Cell::new(json) }
    }

    /// The input's name for its record (`a.jsonl:5` for an archive line); None for stdin.
    pub fn label(&self) -> Option<&str> {
        match self {
            Item::File(inp) => inp.label(),
            Item::Line { label, .. } => Some(label),
            Item::Failed { label, .. } => label.as_deref(),
        }
    }
}

pub fn is_archive(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    [".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz"].iter().any(|e| name.ends_with(e))
}

fn open(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    let file = BufReader::new(std::fs::File::open(path)?);
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz { Box::new(BufReader::new(Gunzip::new(file))) } else { Box::new(file) })
}

/// Gzip members one after the other (as `gzip -d` reads them), ending at the
/// end of the input or at zero padding after the last member (which tape
/// and block-device copies add, and `gzip -d` ignores). A truncated member,
/// or bytes after the data that are not another member, is an error; after
/// the first error the reader stays at its end, so a caller that reads on
/// does not get the same error forever.
pub struct Gunzip<R: BufRead> {
    member: Option<flate2::bufread::GzDecoder<R>>,
}

impl<R: BufRead> Gunzip<R> {
    pub fn new(reader: R) -> Gunzip<R> {
        Gunzip { member: Some(flate2::bufread::GzDecoder::new(reader)) }
    }
}

impl<R: BufRead> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(member) = self.member.as_mut() else { return Ok(0) };
            match member.read(buf) {
                Ok(0) => {
                    // This member is done; what follows is another, padding, or garbage.
                    let mut rest = self.member.take().expect("checked above").into_inner();
                    loop {
                        let head = rest.fill_buf()?;
                        if head.is_empty() {
                            return Ok(0);
                        }
                        let zeros = head.iter().take_while(|&&b| b == 0).count();
                        if zeros == 0 {
                            break;
                        }
                        rest.consume(zeros);
                    }
                    if !rest.fill_buf()?.starts_with(&[0x1F]) {
                        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "bytes after the end of the gzip data that are not gzip"));
                    }
                    self.member = Some(flate2::bufread::GzDecoder::new(rest));
                }
                Ok(n) => return Ok(n),
                Err(e) => {
                    self.member = None;
                    let e = if e.kind() == std::io::ErrorKind::UnexpectedEof || e.to_string().contains("incomplete") {
                        std::io::Error::new(e.kind(), format!("the gzip data is truncated ({e})"))
                    } else {
                        e
                    };
                    return Err(e);
                }
            }
        }
    }
}

/// Every item of the inputs, in order, reading archives lazily line by line.
/// No record (archive line, `.json` file) is read into memory past `max_bytes`.
pub fn items(inputs: Vec<Result<Input, InputError>>, max_bytes: u64) -> impl Iterator<Item = Item> + Send {
    inputs.into_iter().flat_map(move |inp| -> Box<dyn Iterator<Item = Item> + Send> {
        match inp {
            Err(e) => Box::new(std::iter::once(Item::Failed { label: e.label, error: Error::new(e.kind, e.message) })),
            Ok(Input::File { label, path }) if is_archive(&path) => match open(&path) {
                Err(e) => Box::new(std::iter::once(Item::Failed { label: Some(label.clone()), error: Error::new(ErrorKind::Unreadable, format!("cannot read {label}: {e}")) })),
                Ok(reader) => {
                    let whole_json = path.to_string_lossy().to_ascii_lowercase().trim_end_matches(".gz").ends_with(".json");
                    if whole_json { Box::new(json_file(label, reader, max_bytes).into_iter()) } else { Box::new(lines(label, reader, max_bytes)) }
                }
            },
            // stdin holding JSON Lines (`zcat archive.jsonl.gz | gisa extract -`)
            // is streamed like an archive file; anything else is one article.
            Ok(Input::Stdin) if stdin_is_json_lines() => Box::new(lines("stdin".into(), Box::new(BufReader::new(std::io::stdin())), max_bytes)),
            Ok(other) => Box::new(std::iter::once(Item::File(other))),
        }
    })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Looks at the first bytes of stdin without taking them: `{` (after a
/// byte-order mark, if any) starts JSON Lines.
fn stdin_is_json_lines() -> bool {
    let mut stdin = std::io::stdin().lock();
    stdin.fill_buf().is_ok_and(|buf| {
        let buf = buf.strip_prefix(BOM).unwrap_or(buf);
        buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    })
}

/// What one bounded line read gave.
enum Line {
    End,
    /// The line, without its `\n`.
    Whole,
    /// Longer than the limit: its bytes were skipped up to the next line, not kept.
    TooLong,
}

/// Reads one line into `buf`, keeping at most `max` bytes of it: a longer
/// line is skipped through to its end in buffer-sized steps, so memory stays
/// bounded whatever the input (a gigabyte line, `/dev/zero`).
fn read_line_bounded(reader: &mut dyn BufRead, max: u64, buf: &mut Vec<u8>) -> std::io::Result<Line> {
    buf.clear();
    let mut seen = 0u64;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, used, ended) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        seen = seen.saturating_add(part.len() as u64);
        if seen <= max {
            buf.extend_from_slice(part);
        }
        reader.consume(used);
        if ended {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    Ok(if seen > max { Line::TooLong } else { Line::Whole })
}

/// A line buffer larger than this is not kept from one line to the next.
const LARGE_LINE: usize = 1 << 20;

fn lines(label: String, mut reader: Box<dyn BufRead + Send>, max_bytes: u64) -> impl Iterator<Item = Item> + Send {
    let mut buf = Vec::new();
    let mut number = 0u64;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        number += 1;
        let at = format!("{label}:{number}");
        let line = match read_line_bounded(&mut reader, max_bytes, &mut buf) {
            Ok(l) => l,
            Err(e) => {
                // One error for the rest of the file: a reader that failed
                // (a truncated gzip stream) would fail again on every read.
                done = true;
                return Some(Item::Failed { label: Some(at.clone()), error: Error::new(ErrorKind::Unreadable, format!("{at}: cannot read the rest of {label}: {e}")) });
            }
        };
        match line {
            Line::End => return None,
            Line::TooLong => {
                return Some(Item::Failed { label: Some(at.clone()), error: Error::new(ErrorKind::TooLarge, format!("{at}: the record is over the {max_bytes}-byte limit (--max-bytes)")) })
            }
            Line::Whole => {}
        }
        // A large line's buffer is handed over, not copied: kept for the next
        // line, it would hold the largest record's size for the whole run.
        let mut bytes = if buf.capacity() > LARGE_LINE { std::mem::take(&mut buf) } else { buf.clone() };
        // A byte-order mark starts some exported files; it is not part of the first record.
        if number == 1 && bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        match String::from_utf8(bytes) {
            Ok(l) if l.trim().is_empty() => continue,
            Ok(mut json) => {
                json.truncate(json.trim_end_matches('\r').len());
                return Some(Item::line(at, json));
            }
            Err(e) => {
                let e = e.utf8_error();
                return Some(Item::Failed { label: Some(at.clone()), error: Error::new(ErrorKind::NotJson, format!("{at}: the line is not valid UTF-8 ({e})")) });
            }
        }
    })
}

/// A `.json` file: one article object, or an array of them.
fn json_file(label: String, reader: Box<dyn BufRead + Send>, max_bytes: u64) -> Vec<Item> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes) {
        return vec![Item::Failed { label: Some(label.clone()), error: Error::new(ErrorKind::Unreadable, format!("cannot read {label}: {e}")) }];
    }
    if bytes.len() as u64 > max_bytes {
        return vec![Item::Failed { label: Some(label.clone()), error: Error::new(ErrorKind::TooLarge, format!("{label} is over the {max_bytes}-byte limit (--max-bytes)")) }];
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => return vec![Item::Failed { label: Some(label.clone()), error: Error::new(ErrorKind::NotJson, format!("{label} is not valid UTF-8 ({e})")) }],
    };
    match serde_json::from_str::<Value>(s) {
        Ok(Value::Array(items)) => items.into_iter().enumerate().map(|(i, v)| Item::line(format!("{label}[{i}]"), v.to_string())).collect(),
        Ok(v) => vec![Item::line(label, v.to_string())],
        Err(e) => vec![Item::Failed { label: Some(label.clone()), error: Error::new(ErrorKind::NotJson, format!("{label}:{}: not valid JSON: {e}", e.line())) }],
    }
}

/// One archive record → the article it holds, and its own id if it has one.
pub fn article(json: &str, label: &str, fields: &Fields, lex: &CleaningRules) -> Result<(Article, Option<String>), Error> {
    let v: Value = serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::NotJson, format!("{label}: not valid JSON: {e}")))?;
    // Borrowed from the parsed line: the text and HTML fields are most of a
    // record, and a copy of each would hold a large record twice (issue 15).
    let field = |k: &str| -> Option<std::borrow::Cow<str>> {
        let value: std::borrow::Cow<str> = match v.get(k)? {
            Value::String(s) => s.trim().into(),
            Value::Number(n) => n.to_string().into(),
            _ => return None,
        };
        Some(value).filter(|s| !s.is_empty())
    };
    let get = |k: &str| field(k).map(std::borrow::Cow::into_owned);
    let url = get(&fields.url);
    let mut article = if let Some(text) = field(&fields.text) {
        let text = if unicode_normalization::is_nfc(&text) { text } else { unicode_normalization::UnicodeNormalization::nfc(&*text).collect::<String>().into() };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let title = get(&fields.title);
        // The archive says what the body is: no headline guessing, furniture still dropped.
        let body = clean_body(&lines, 0, [title.as_deref(), None], false, lex);
        Article { title, published: None, outlet: None, url: url.clone(), text: body, dropped: Vec::new() }
    } else if let Some(html) = field(&fields.html) {
        from_html(&html, url.as_deref(), lex).map_err(|e| Error::new(ErrorKind::Article(e.kind()), format!("{label}: {e}")))?
    } else {
        return Err(Error::new(
            ErrorKind::NoTextField,
            format!("{label}: no '{}' or '{}' field (map yours with --field text=NAME)", fields.text, fields.html),
        ));
    };
    if article.text.trim().is_empty() {
        return Err(Error::new(ErrorKind::NoTextField, format!("{label}: the article text is empty")));
    }
    if let Some(t) = get(&fields.title) {
        article.title = Some(t);
    }
    if let Some(p) = get(&fields.published) {
        article.published = crate::article::find_published(&[format!("입력 {p}").as_str()]).or(Some(p));
    }
    if let Some(o) = get(&fields.outlet) {
        article.outlet = Some(o);
    }
    if url.is_some() {
        article.url = url;
    }
    Ok((article, get(&fields.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_field_maps() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let f = Fields::default().with(&["text=body".into(), "published=date".into()]).unwrap();
        let (a, id) = article(r#"{"body":"도는 9700억원을 투자한다.\n저작권자 © 가신문 무단전재 및 재배포 금지","date":"2024.01.17","id":7}"#, "a.jsonl:3", &f, &lex).unwrap();
        assert_eq!(a.text, "도는 9700억원을 투자한다.");
        assert_eq!(a.published.as_deref(), Some("2024-01-17"));
        assert_eq!(id.as_deref(), Some("7"));
        let e = article(r#"{"title":"x"}"#, "a.jsonl:4", &Fields::default(), &lex).unwrap_err();
        assert!(e.message().starts_with("a.jsonl:4: no 'text' or 'html' field"), "{e}");
        assert_eq!(e.kind(), ErrorKind::NoTextField);
        let e = article("{oops", "a.jsonl:5", &Fields::default(), &lex).unwrap_err();
        assert!(e.message().starts_with("a.jsonl:5: not valid JSON"), "{e}");
        assert_eq!(e.kind(), ErrorKind::NotJson);
        assert!(Fields::default().with(&["body".into()]).is_err());
        assert!(Fields::default().with(&["txt=body".into()]).is_err());
    }
}
