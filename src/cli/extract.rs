//! `gisa extract`: files, archives, URLs or stdin → SPEC records.

use std::path::PathBuf;
use std::process::ExitCode;

use gisa_batch::archive::Fields;
use gisa_batch::batch;
use gisa_batch::input::DEFAULT_MAX_BYTES;
use gisa_core::output::Format;
use gisa_core::pipeline::Engine;

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files (.txt, .html, .jsonl/.json archives, any of them .gz), directories, URLs, or - for stdin.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    format: ExtractFormat,
    #[command(flatten)]
    rules: Rules,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Worker threads (default: every core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Give each mention the rule that produced it and the tokens it
    /// matched, and list the numbers no rule took with the reason.
    #[arg(long)]
    explain: bool,
    /// Write to this file (atomically: a temporary file renamed at the end).
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// With --format csv: start with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    bom: bool,
    /// Only shard K of N (1-based), chosen by article id: N machines split one archive.
    #[arg(long, value_parser = parse_shard, value_name = "K/N")]
    shard: Option<(u64, u64)>,
    /// Archive field names: NAME=FIELD for text, html, url, title, published, outlet, id (repeatable).
    #[arg(long = "field", value_name = "NAME=FIELD")]
    fields: Vec<String>,
    /// Write each record as soon as it is done, not in input order (faster
    /// when articles differ much in size).
    #[arg(long)]
    unordered: bool,
}

/// `--format`: the core's formats, and Parquet (written by gisa-batch).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExtractFormat {
    /// One JSON object per line.
    Jsonl,
    /// Pretty-printed JSON objects.
    Json,
    /// One row per mention (errors as rows of kind `error`).
    Csv,
    /// The CSV's rows and columns as a Parquet file (empty cells are null); needs -o FILE or a pipe.
    Parquet,
    /// One row per article as a Parquet file: metadata, mention counts per kind, text (joins the mentions on article_id).
    ParquetArticles,
}

impl ExtractFormat {
    fn batch(self) -> batch::Format {
        match self {
            ExtractFormat::Jsonl => batch::Format::Text(Format::Jsonl),
            ExtractFormat::Json => batch::Format::Text(Format::Json),
            ExtractFormat::Csv => batch::Format::Text(Format::Csv),
            ExtractFormat::Parquet => batch::Format::Parquet,
            ExtractFormat::ParquetArticles => batch::Format::ParquetArticles,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if matches!(args.format, ExtractFormat::Parquet | ExtractFormat::ParquetArticles) && args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!("--format parquet and parquet-articles write a binary file: give -o FILE.parquet (or pipe the output)");
    }
    if let Some(n) = args.jobs {
        set_threads(n);
    }
    let fields = Fields::default().with(&args.fields)?;
    let engine = Engine { explain: args.explain, ..args.rules.engine()? };
    let batch_args = batch::Args {
        paths: args.paths,
        format: args.format.batch(),
        max_bytes: args.max_bytes,
        output: args.output,
        bom: args.bom,
        shard: args.shard,
        fields,
        progress: super::stderr_is_terminal(),
        unordered: args.unordered,
    };
    let tally = batch::run(&engine, &batch_args)?;
    if tally.closed {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("gisa: {}", tally.line());
    Ok(if tally.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// More threads than 4 × the cores only add memory and start-up time
/// (--jobs 100000 spent minutes spawning threads before any output).
fn set_threads(n: usize) {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let most = 4 * cores;
    let n = if n > most {
        eprintln!("gisa: --jobs {n} is more than 4 × the {cores} cores; using {most}");
        most
    } else {
        n
    };
    // Only fails if a pool already exists; then the default one is used.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
}

/// `--shard 3/8` → (3, 8).
fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 3/8")?;
    let (k, n): (u64, u64) = (k.trim().parse().map_err(|_| "K is not a number")?, n.trim().parse().map_err(|_| "N is not a number")?);
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k, n))
}
