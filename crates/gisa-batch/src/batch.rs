//! Many inputs through the pipeline: processed on every core with a bounded
//! number in flight (`workqueue`), output in input order or `--unordered`,
//! shards (`--shard K/N`), an atomic output file, the progress bar, and the
//! tally for the closing summary.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::archive::{self, Fields, Item};
use crate::input;
use crate::output::{article_row, csv_header, mention_rows, render, write_json, Record, ARTICLE_HEADER, CSV_HEADER};
use crate::pipeline::{error_record, Engine};
use crate::workqueue;
use crate::{Error, ErrorKind};

/// How records are written: the core's text formats, or Parquet (which
/// lives in this crate, so gisa-core stays free of the Arrow crates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(crate::output::Format),
    /// The mention rows of `Text(Csv)` as a Parquet file (`crate::parquet`).
    Parquet,
    /// One row per article (`gisa_core::output::ARTICLE_HEADER`) as a Parquet file.
    ParquetArticles,
}

pub struct Args {
    pub paths: Vec<String>,
    pub format: Format,
    pub max_bytes: u64,
    pub output: Option<PathBuf>,
    pub bom: bool,
    pub shard: Option<(u64, u64)>,
    pub fields: Fields,
    pub progress: bool,
    /// Write each record as soon as it is done instead of in input order.
    pub unordered: bool,
}

/// Is this article (by its id, or an error by its label) in shard K of N?
pub fn in_shard(shard: Option<(u64, u64)>, key: &str) -> bool {
    let Some((k, n)) = shard else { return true };
    let h = u64::from_str_radix(key.get(..16).unwrap_or(""), 16).unwrap_or_else(|_| {
        use sha2::Digest;
        let d = sha2::Sha256::digest(key.as_bytes());
        u64::from_be_bytes(d[..8].try_into().expect("8 bytes"))
    });
    h % n == k - 1
}

/// Where records go: stdout, or a temporary file renamed over the output at
/// the end, so an interrupted run never leaves a half file that looks whole.
struct Sink {
    out: Box<dyn Write + Send>,
    rename: Option<(PathBuf, PathBuf)>,
}

impl Sink {
    fn open(output: Option<&PathBuf>) -> Result<Sink, Error> {
        let cannot = |p: &Path, e: std::io::Error| Error::new(ErrorKind::Output, format!("cannot write {}: {e}", p.display()));
        match output {
            None => Ok(Sink { out: Box::new(std::io::BufWriter::new(std::io::stdout())), rename: None }),
            Some(path) => {
                // A symlink is written through: the file it points to gets the output.
                let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                // A FIFO or a device (/dev/null, /dev/stdout) is written to as it is:
                // renaming a temporary file over it would replace it with a regular file.
                if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                    let file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| cannot(path, e))?;
                    return Ok(Sink { out: Box::new(std::io::BufWriter::new(file)), rename: None });
                }
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("gisa-output");
                let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
                let file = std::fs::File::create(&tmp).map_err(|e| cannot(&tmp, e))?;
                crate::interrupt::remove_on_signal(&tmp);
                Ok(Sink { out: Box::new(std::io::BufWriter::new(file)), rename: Some((tmp, path.clone())) })
            }
        }
    }

    fn finish(mut self) -> Result<(), Error> {
        self.out.flush().map_err(output_error)?;
        if let Some((tmp, path)) = self.rename.take() {
            crate::interrupt::finish(&tmp, || std::fs::rename(&tmp, &path))
                .map_err(|e| Error::new(ErrorKind::Output, format!("cannot move the output into {}: {e}", path.display())))?;
        }
        Ok(())
    }
}

/// A run that ends without `finish` (an error, a closed pipe) leaves no
/// temporary file behind, and the file it would have replaced untouched.
impl Drop for Sink {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.rename.take() {
            crate::interrupt::finish(&tmp, || std::fs::remove_file(&tmp).ok());
        }
    }
}

/// What one item gave: its rendered output and what the summary counts.
struct Done {
    rendered: Rendered,
    /// With `--format parquet`: the mention rows (the CSV's cells); with
    /// `parquet-articles`: the article's one row.
    rows: Vec<Vec<String>>,
    mentions: [usize; 6],
    /// The message, and the kind it is counted under in the summary.
    error: Option<(String, ErrorKind)>,
    skipped: bool,
    /// Input bytes the item stood for, for the progress bar.
    size: u64,
}

/// A record's output, ready to write.
enum Rendered {
    /// Serialised by the worker (every record of normal size, error objects, CSV).
    Text(String),
    /// A record of more than `WRITE_THROUGH_TEXT` bytes of text, serialised
    /// by the writer straight into the output (pretty when true).
    Record(Box<Record>, bool),
}

/// Text size above which a JSON record is written through: serialised into
/// a buffer first, a 12 MB text's record (32 MB of JSON) held its whole
/// output in memory beside the record itself (issue 15). Far above a news
/// article, so workers still serialise nearly everything in parallel.
const WRITE_THROUGH_TEXT: usize = 1 << 20;

fn process(engine: &Engine, item: &Item, args: &Args) -> Done {
    let result = match item {
        Item::Failed { label, error } => Err((label.clone(), error.clone())),
        Item::File(inp) => crate::read::process_input(engine, inp, args.max_bytes).map_err(|m| (inp.label().map(str::to_string), m)),
        Item::Line { label, json, .. } => {
            // The line is dropped here, before the article is extracted.
            let article = archive::article(&json.take(), label, &args.fields, &engine.lexicon.cleaning);
            article.map(|(article, _)| engine.process_article(article, Some(label.clone())))
                .map_err(|m| (Some(label.clone()), m))
        }
    };
    // Only the progress bar needs it: no extra stat per file without one.
    let size = match item {
        Item::File(input::Input::File { path, .. }) if args.progress => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        Item::Line { bytes, .. } => bytes + 1,
        _ => 0,
    };
    let skip = Done { rendered: Rendered::Text(String::new()), rows: Vec::new(), mentions: [0; 6], error: None, skipped: true, size };
    match result {
        Ok(record) if !in_shard(args.shard, &record.id) => skip,
        Ok(record) => {
            let x = &record.extraction;
            let mentions = [x.amounts.len(), x.counts.len(), x.years.len(), x.programs.len(), x.percentages.len(), x.regions.len()];
            let json = match args.format {
                Format::Text(crate::output::Format::Jsonl) => Some(false),
                Format::Text(crate::output::Format::Json) => Some(true),
                _ => None,
            };
            if let Some(pretty) = json.filter(|_| record.text.len() > WRITE_THROUGH_TEXT) {
                return Done { rendered: Rendered::Record(Box::new(record), pretty), rows: Vec::new(), mentions, error: None, skipped: false, size };
            }
            let (rendered, rows) = output(&record, args.format);
            Done { rendered: Rendered::Text(rendered), rows, mentions, error: None, skipped: false, size }
        }
        Err((label, _)) if !in_shard(args.shard, label.as_deref().unwrap_or("")) => skip,
        Err((label, error)) => {
            let (rendered, rows) = output(&error_record(label, error.message().to_string()), args.format);
            Done { rendered: Rendered::Text(rendered), rows, mentions: [0; 6], error: Some((error.message().to_string(), error.kind())), skipped: false, size }
        }
    }
}

/// The error record of an item whose processing panicked (a bug, but one
/// input's bug: the run goes on with the next).
fn internal_error(item: &Item, panic: &str, args: &Args) -> Done {
    let label = item.label().map(str::to_string);
    let message = format!("internal error while processing: {}{panic}", label.as_deref().map(|l| format!("{l}: ")).unwrap_or_default());
    let skipped = !in_shard(args.shard, label.as_deref().unwrap_or(""));
    let (rendered, rows) = if skipped { (String::new(), Vec::new()) } else { output(&error_record(label, message.clone()), args.format) };
    Done { rendered: Rendered::Text(rendered), rows, mentions: [0; 6], error: Some((message, ErrorKind::Internal)), skipped, size: 0 }
}

/// One record (or error object) in the output format: text to write, or
/// the mention rows for the Parquet table.
fn output<T: serde::Serialize>(value: &T, format: Format) -> (String, Vec<Vec<String>>) {
    match format {
        Format::Text(f) => (render(value, f), Vec::new()),
        Format::Parquet => (String::new(), serde_json::to_value(value).map(|v| mention_rows(&v)).unwrap_or_default()),
        Format::ParquetArticles => (String::new(), serde_json::to_value(value).map(|v| vec![article_row(&v)]).unwrap_or_default()),
    }
}

/// The closing summary's numbers.
#[derive(Debug, Default)]
pub struct Tally {
    pub articles: u64,
    /// amounts, counts, years, programs, percentages, regions
    pub mentions: [u64; 6],
    pub errors: std::collections::BTreeMap<ErrorKind, u64>,
    pub failed: u64,
    pub seconds: f64,
    /// The reader stopped writing (a closed pipe): not an error.
    pub closed: bool,
}

impl Tally {
    pub fn line(&self) -> String {
        let kinds = ["amounts", "counts", "years", "programs", "percentages", "regions"];
        let by_kind: Vec<String> = kinds.iter().zip(self.mentions).map(|(k, n)| format!("{n} {k}")).collect();
        let errs: Vec<String> = self.errors.iter().map(|(k, n)| format!("{}: {n}", k.describe())).collect();
        format!(
            "{} articles, {} ({}), {} errors{} in {:.1} s",
            self.articles,
            self.mentions.iter().sum::<u64>(),
            by_kind.join(", "),
            self.failed,
            if errs.is_empty() { String::new() } else { format!(" ({})", errs.join("; ")) },
            self.seconds
        )
    }
}

/// Items between the reader and the writer, per worker thread: enough to
/// keep every core busy past a slow article, few enough that memory stays flat.
const IN_FLIGHT_PER_THREAD: usize = 64;

/// Runs every input; Err only when output cannot be written at all.
pub fn run(engine: &Engine, args: &Args) -> Result<Tally, Error> {
    let started = std::time::Instant::now();
    let mut sink = Sink::open(args.output.as_ref())?;
    let mut tally = Tally::default();
    if args.format == Format::Text(crate::output::Format::Csv) {
        sink.out.write_all(csv_header(args.bom).as_bytes()).map_err(output_error)?;
    }
    // Parquet takes the output over until its footer is written.
    let mut table = match args.format {
        Format::Parquet | Format::ParquetArticles => {
            let header: &[&str] = if args.format == Format::Parquet { &CSV_HEADER } else { &ARTICLE_HEADER };
            Some(
                crate::parquet::Table::new(std::mem::replace(&mut sink.out, Box::new(std::io::sink())), header)
                    .map_err(|e| Error::new(ErrorKind::Output, format!("cannot start the Parquet output: {e}")))?,
            )
        }
        Format::Text(_) => None,
    };
    let inputs = input::expand(&args.paths);
    let bar = args.progress.then(|| progress_bar(&inputs));
    let items = archive::items(inputs, args.max_bytes);
    let limit = IN_FLIGHT_PER_THREAD * rayon::current_num_threads();
    let written = workqueue::map_bounded(items, limit, !args.unordered, |item| process(engine, item, args), |d| {
        // A panic while processing one item is that item's error record.
        let d = d.unwrap_or_else(|p| internal_error(&p.item, &p.message, args));
        if let Some(b) = &bar {
            b.inc(d.size);
        }
        if d.skipped {
            return Ok(());
        }
        match &d.error {
            Some((message, kind)) => {
                tally.failed += 1;
                // Above the bar, not through it.
                match &bar {
                    Some(b) => b.suspend(|| eprintln!("gisa: {message}")),
                    None => eprintln!("gisa: {message}"),
                }
                *tally.errors.entry(*kind).or_default() += 1;
            }
            None => {
                tally.articles += 1;
                for (m, n) in tally.mentions.iter_mut().zip(d.mentions) {
                    *m += n as u64;
                }
            }
        }
        if let Some(b) = &bar {
            if tally.articles % 64 == 0 {
                let per_sec = tally.articles as f64 / started.elapsed().as_secs_f64().max(1e-3);
                b.set_message(format!("{} articles ({per_sec:.0}/s), {} errors", tally.articles, tally.failed));
            }
        }
        match &mut table {
            Some(t) => t.push(d.rows),
            None => match &d.rendered {
                Rendered::Text(text) => sink.out.write_all(text.as_bytes()),
                Rendered::Record(record, pretty) => write_json(&mut sink.out, record, *pretty),
            },
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            tally.closed = true;
            return Ok(tally);
        }
        Err(e) => return Err(output_error(e)),
    }
    if let Some(t) = table {
        sink.out = t.finish().map_err(output_error)?;
    }
    sink.finish()?;
    tally.seconds = started.elapsed().as_secs_f64();
    Ok(tally)
}

fn output_error(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write output: {e}"))
}

/// A bar over the input bytes (with an ETA) when their size is known up
/// front; a spinner when some come compressed or from stdin.
fn progress_bar(inputs: &[Result<input::Input, input::InputError>]) -> indicatif::ProgressBar {
    let mut total = Some(0u64);
    for inp in inputs {
        total = match (total, inp) {
            (Some(t), Ok(input::Input::File { path, .. })) if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) => {
                std::fs::metadata(path).ok().map(|m| t + m.len())
            }
            (Some(t), Err(_)) => Some(t),
            _ => None,
        };
    }
    let bar = match total {
        Some(bytes) => {
            let b = indicatif::ProgressBar::new(bytes);
            b.set_style(
                indicatif::ProgressStyle::with_template("{wide_bar} {percent:>3}% {binary_bytes}/{binary_total_bytes} ETA {eta} {msg}")
                    .expect("valid template"),
            );
            b
        }
        None => {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
            b
        }
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
