//! The `gisa` command line: wiring only; the work lives in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use gisa::archive;
use gisa::eval;
use gisa::input::{self, DEFAULT_MAX_BYTES};
use gisa::lexicon::Lexicon;
use gisa::morph::Morph;
use gisa::output::{render, Format};
use gisa::pipeline::{error_record, Engine};

#[derive(Parser)]
#[command(name = "gisa", version, about = "Korean regional press articles → structured data (SPEC JSON)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Rules {
    /// User dictionary for Lindera (ko-dic simple CSV: surface,POS,reading),
    /// instead of the built-in dictionaries/user_dict.csv.
    #[arg(long, value_name = "PATH")]
    user_dict: Option<PathBuf>,
    /// Directory of rule files (counters.csv, program_words.txt, …) to use
    /// instead of the built-in copies; files missing there fall back to them.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Run Lindera's lattice for every word instead of reusing the analysis
    /// of a word seen before (same results, slower; for benchmarks).
    #[arg(long)]
    no_cache: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract amounts, counts, years, programs, percentages and regions from articles.
    Extract {
        /// Files (.txt, .html, .jsonl/.json archives, any of them .gz), directories, URLs, or - for stdin.
        #[arg(default_value = "-")]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
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
        #[arg(long, value_parser = gisa::batch::parse_shard, value_name = "K/N")]
        shard: Option<(u64, u64)>,
        /// Archive field names: NAME=FIELD for text, html, url, title, published, outlet, id (repeatable).
        #[arg(long = "field", value_name = "NAME=FIELD")]
        fields: Vec<String>,
        /// Write each record as soon as it is done, not in input order (faster
        /// when articles differ much in size).
        #[arg(long)]
        unordered: bool,
    },
    /// Print the cleaned article of each page or file (title, date, outlet,
    /// URL, text), without extracting: to check what the cleaner keeps.
    Article {
        /// Files (.html, .txt), http(s) URLs, or - for stdin.
        #[arg(default_value = "-")]
        paths: Vec<String>,
        /// `text` for reading, `jsonl` for machines.
        #[arg(long, value_enum, default_value_t = ArticleFormat::Text)]
        format: ArticleFormat,
        #[command(flatten)]
        rules: Rules,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Also list every line left out of the text, with the rule that
        /// dropped it (furniture.txt:12, masthead, repeated-paragraph …).
        #[arg(long)]
        explain: bool,
    },
    /// Score the extractors against fixtures (NAME.txt/.html beside
    /// NAME.expected.json): precision, recall and F1 per field, and per fixture
    /// what was missed and what was extra. Exits 1 below the thresholds.
    Eval {
        /// Directory of fixtures.
        #[arg(default_value = "fixtures")]
        dir: PathBuf,
        /// Thresholds file (default: DIR/thresholds.toml, if present).
        #[arg(long, value_name = "PATH")]
        thresholds: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Rewrite expected files from the current output, after showing the diff and asking.
        #[arg(long)]
        bless: bool,
        /// With --bless: write without asking.
        #[arg(long, requires = "bless")]
        yes: bool,
        #[command(flatten)]
        rules: Rules,
    },
    /// Crawl the configured sources politely and extract every new article
    /// (JSON Lines on stdout or --output); resumes an unfinished crawl.
    Crawl {
        /// The sources file (see the README for a commented example).
        #[arg(long)]
        config: PathBuf,
        /// Stop after this many page fetches; the next crawl resumes.
        #[arg(long)]
        max_pages: Option<u64>,
        /// Skip articles that feeds and sitemaps date before this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        since: Option<String>,
        /// Append the records to this file instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: Rules,
    },
    /// The nightly job: crawl, extract and store in the tracking database,
    /// under a run lock. Exit 0 on success, 1 when some pages or articles
    /// failed but the run finished, 2 when it could not run.
    Run {
        /// The run file (gisa.toml: database URL and sources file).
        #[arg(long)]
        config: PathBuf,
        /// Also write the summary as JSON to this file (- for stdout).
        #[arg(long, value_name = "PATH")]
        summary_json: Option<String>,
        #[command(flatten)]
        rules: Rules,
    },
    /// Rebuild mentions from stored text for articles extracted by another
    /// extractor version (no refetching).
    Reextract {
        /// Database URL (sqlite://gisa.db, a path, or postgres://…); default $GISA_DATABASE_URL.
        #[arg(long, env = "GISA_DATABASE_URL")]
        database: String,
        #[command(flatten)]
        rules: Rules,
    },
    /// Export articles, mentions, programs or regions from the tracking database.
    Export {
        #[arg(long, env = "GISA_DATABASE_URL")]
        database: String,
        #[arg(long, value_enum, default_value_t = gisa::store::export::What::Mentions)]
        what: gisa::store::export::What,
        #[arg(long, value_enum, default_value_t = gisa::store::export::Format::Jsonl)]
        format: gisa::store::export::Format,
        /// Start CSV with a UTF-8 byte-order mark, so Excel shows Hangul.
        #[arg(long)]
        bom: bool,
        #[arg(long)]
        outlet: Option<String>,
        /// Published on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        from: Option<String>,
        /// Published on or before this day.
        #[arg(long, value_parser = parse_day)]
        to: Option<String>,
        /// Only articles that mention this program (spaces ignored).
        #[arg(long)]
        program: Option<String>,
        /// Only articles naming this region: a 법정동 code (47, or 47113) or a
        /// name (경북, 포항시 북구); a 시도 takes in its 시군구.
        #[arg(long, value_parser = parse_region)]
        region: Option<String>,
        /// With --what programs: one row per program and region its money goes to.
        #[arg(long, value_enum)]
        by: Option<gisa::store::export::By>,
    },
    /// List tracked programs with their totals and sources.
    Programs {
        #[arg(long, env = "GISA_DATABASE_URL")]
        database: String,
        #[arg(long, value_enum, default_value_t = gisa::store::export::Format::Csv)]
        format: gisa::store::export::Format,
        /// One row per program and region its money goes to (`--by region`).
        #[arg(long, value_enum)]
        by: Option<gisa::store::export::By>,
        /// Only articles naming this region (a code or a name, as for export).
        #[arg(long, value_parser = parse_region)]
        region: Option<String>,
    },
    /// Check a sources file and report each problem with its line.
    Sources {
        #[command(subcommand)]
        action: SourcesAction,
    },
    /// Print Lindera's tokens (surface and ko-dic details), one eojeol at a time.
    Tokenize {
        /// Text to tokenize; reads stdin when absent.
        text: Option<String>,
        #[command(flatten)]
        rules: Rules,
    },
}

fn build_engine(rules: &Rules) -> Result<Engine, String> {
    let morph = match &rules.user_dict {
        Some(path) => Morph::with_user_dict_file(path),
        None => Morph::new(),
    }
    .map_err(|e| e.to_string())?;
    let morph = if rules.no_cache { morph.without_cache() } else { morph };
    Ok(Engine::new(morph, build_lexicon(rules)?))
}

struct ExtractArgs {
    paths: Vec<String>,
    format: Format,
    max_bytes: u64,
    jobs: Option<usize>,
    explain: bool,
    output: Option<PathBuf>,
    bom: bool,
    shard: Option<(u64, u64)>,
    fields: Vec<String>,
    unordered: bool,
}

fn extract(args: ExtractArgs, rules: Rules) -> ExitCode {
    use std::io::IsTerminal;
    if let Some(n) = args.jobs {
        // More threads than this only add memory and start-up time (--jobs
        // 100000 spent minutes spawning threads before any output).
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
    let setup = || -> Result<(Engine, archive::Fields), String> {
        let fields = archive::Fields::default().with(&args.fields)?;
        let engine = build_engine(&rules)?;
        Ok((Engine { explain: args.explain, ..engine }, fields))
    };
    let (engine, fields) = match setup() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let batch_args = gisa::batch::Args {
        paths: args.paths,
        format: args.format,
        max_bytes: args.max_bytes,
        output: args.output,
        bom: args.bom,
        shard: args.shard,
        fields,
        progress: std::io::stderr().is_terminal(),
        unordered: args.unordered,
    };
    match gisa::batch::run(&engine, &batch_args) {
        Ok(tally) if tally.closed => ExitCode::SUCCESS,
        Ok(tally) => {
            eprintln!("gisa: {}", tally.line());
            if tally.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("gisa: {e}");
            ExitCode::from(2)
        }
    }
}

fn tokenize(text: Option<String>, rules: Rules) -> ExitCode {
    let engine = match build_engine(&rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut write_tokens = |line: &str| -> bool { engine.morph.write_tokens(line, &mut out).is_ok() };
    match text {
        Some(t) => {
            write_tokens(&t);
        }
        // stdin is streamed a line at a time, so a corpus of any size fits.
        None => {
            use std::io::BufRead;
            for line in std::io::stdin().lock().lines() {
                match line {
                    Ok(l) => {
                        if !write_tokens(&l) {
                            break;
                        }
                    }
                    Err(e) => {
                        eprintln!("gisa: cannot read stdin as UTF-8 text: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
        }
    }
    ExitCode::SUCCESS
}

#[derive(Subcommand)]
enum SourcesAction {
    /// Validate CONFIG: exit 0 when it is usable, 2 with each problem's line.
    Check { config: PathBuf },
}

/// A region code (2 or 5 digits in the built-in gazetteer) or a name it knows.
fn parse_region(s: &str) -> Result<String, String> {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    let regions = &LEX.get_or_init(Lexicon::builtin).regions;
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit()) && (s.len() == 2 || s.len() == 5) {
        return Ok(s.to_string());
    }
    regions
        .resolve_name(s)
        .map(|e| e.code.clone())
        .ok_or_else(|| format!("'{s}' is not a region code (47, 47113) or a region name in dictionaries/regions.csv"))
}

fn parse_day(s: &str) -> Result<String, String> {
    gisa::article::parse_korean_date(s.get(0..4).unwrap_or(""), s.get(5..7).unwrap_or(""), s.get(8..10).unwrap_or(""))
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("'{s}' is not a date like 2024-01-17"))
}

fn load_config(path: &std::path::Path) -> Result<gisa::crawl::config::Config, ExitCode> {
    gisa::crawl::config::Config::load(path).map_err(|problems| {
        for p in &problems {
            eprintln!("{}:{}: {}", path.display(), p.line, p.message);
        }
        ExitCode::from(2)
    })
}

fn sources_check(config: PathBuf) -> ExitCode {
    match load_config(&config) {
        Ok(c) => {
            println!("{}: {} sources, user agent \"{}\"", config.display(), c.sources.len(), gisa::crawl::run::user_agent(&c));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn crawl(config_path: PathBuf, opts: gisa::crawl::run::Options, output: Option<PathBuf>, rules: Rules) -> ExitCode {
    use gisa::crawl::{frontier::SqliteFrontier, run::Crawler};
    let config = match load_config(&config_path) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let state = config.state_path(&config_path);
    let setup = || -> Result<(Engine, Box<dyn std::io::Write + Send>, SqliteFrontier), String> {
        let out: Box<dyn std::io::Write + Send> = match &output {
            Some(p) => Box::new(std::fs::OpenOptions::new().create(true).append(true).open(p).map_err(|e| format!("cannot write {}: {e}", p.display()))?),
            None => Box::new(std::io::stdout()),
        };
        Ok((build_engine(&rules)?, out, SqliteFrontier::open(&state)?))
    };
    let (engine, out, frontier) = match setup() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let crawler = match Crawler::new(&config, Box::new(frontier), opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let out = std::sync::Mutex::new(out);
    let failed = std::sync::atomic::AtomicU64::new(0);
    // Pages go to extraction as they arrive; one line per article, written at once.
    let on_article = |page: gisa::crawl::run::ArticlePage| {
        let (line, result) = match engine.process_page(&page) {
            Ok(record) => (render(&record, Format::Jsonl), Ok(())),
            Err(message) => {
                failed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                eprintln!("gisa: {message}");
                let mut e = error_record(None, message.clone());
                e.source.url = Some(page.url.clone());
                // The crawler records the page as failed with this reason.
                (render(&e, Format::Jsonl), Err(message))
            }
        };
        let mut w = out.lock().unwrap();
        let _ = w.write_all(line.as_bytes()).and_then(|_| w.flush());
        result
    };
    match crawler.run(&on_article) {
        Ok(report) => {
            eprintln!("gisa: {}", report.line());
            let extraction_failed = failed.load(std::sync::atomic::Ordering::Relaxed);
            let any_failed = extraction_failed > 0 || report.states.iter().any(|(s, _, _)| s == "failed");
            if any_failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("gisa: crawl stopped: {e}");
            ExitCode::from(2)
        }
    }
}

fn nightly(config: PathBuf, summary_json: Option<String>, rules: Rules) -> ExitCode {
    use std::io::IsTerminal;
    let engine = match build_engine(&rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    match gisa::nightly::run(&config, &engine, std::io::stderr().is_terminal()) {
        Ok(summary) => {
            eprintln!("{}", summary.line());
            if let Some(path) = summary_json {
                let json = serde_json::to_string_pretty(&summary).expect("summaries serialise") + "\n";
                let written = if path == "-" { std::io::stdout().write_all(json.as_bytes()) } else { std::fs::write(&path, json) };
                if let Err(e) = written {
                    eprintln!("gisa: cannot write the summary to {path}: {e}");
                    return ExitCode::from(2);
                }
            }
            ExitCode::from(summary.exit_status)
        }
        Err(e) => {
            eprintln!("gisa: {}", gisa::store::redact(&e));
            ExitCode::from(2)
        }
    }
}

fn open_store(url: &str) -> Result<gisa::store::Store, ExitCode> {
    gisa::store::Store::open(url).map_err(|e| {
        eprintln!("gisa: {}", gisa::store::redact(&e));
        ExitCode::from(2)
    })
}

fn reextract(database: String, rules: Rules) -> ExitCode {
    let mut store = match open_store(&database) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let engine = match build_engine(&rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let stale = match store.stale_articles() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut done, mut failed) = (0, 0);
    for mut record in stale {
        record.extraction = gisa::extract::extract(&record.text, &engine.morph, &engine.lexicon);
        match store.put(&record) {
            Ok(_) => done += 1,
            Err(e) => {
                failed += 1;
                eprintln!("gisa: {}: {e}", record.id);
            }
        }
    }
    eprintln!("gisa: re-extracted {done} articles with {}{}", gisa::store::EXTRACTOR_VERSION, if failed > 0 { format!(", {failed} failed") } else { String::new() });
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn export(database: String, what: gisa::store::export::What, format: gisa::store::export::Format, bom: bool, filter: gisa::store::export::Filter) -> ExitCode {
    let mut store = match open_store(&database) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let result = gisa::store::export::rows(&mut store, what, &filter)
        .and_then(|(names, rows)| gisa::store::export::write(&mut std::io::stdout().lock(), &names, &rows, format, bom));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gisa: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ArticleFormat {
    Text,
    Jsonl,
}

fn build_lexicon(rules: &Rules) -> Result<Lexicon, String> {
    match &rules.rules {
        Some(dir) => Lexicon::from_dir(dir).map_err(|e| e.to_string()),
        None => Ok(Lexicon::builtin()),
    }
}

fn article(paths: Vec<String>, format: ArticleFormat, rules: Rules, max_bytes: u64, explain: bool) -> ExitCode {
    // Cleaning needs the rules only, not the 82 MB tokenizer.
    let lexicon = match build_lexicon(&rules) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    let inputs = input::expand(&paths);
    for item in &inputs {
        let result = item
            .as_ref()
            .map_err(|e| e.message.clone())
            .and_then(|inp| gisa::pipeline::clean_input(&lexicon, inp, max_bytes).map(|c| (inp.label(), c)));
        let written = match (result, format) {
            (Err(message), _) => {
                failed += 1;
                eprintln!("gisa: {message}");
                continue;
            }
            (Ok((label, c)), ArticleFormat::Jsonl) => {
                let a = &c.article;
                let mut v = serde_json::json!({"path": label, "title": a.title, "published": a.published, "outlet": a.outlet,
                    "url": a.url, "encoding": c.encoding, "replacement_chars": c.replacements, "html": c.html, "text": a.text});
                if explain {
                    v["dropped"] = serde_json::json!(a.dropped);
                }
                writeln!(out, "{v}")
            }
            (Ok((label, c)), ArticleFormat::Text) => {
                let a = &c.article;
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                writeln!(
                    out,
                    "== {}\ntitle: {}\npublished: {}\noutlet: {}\nurl: {}\nencoding: {}{}\n\n{}\n",
                    label.unwrap_or("stdin"),
                    show(&a.title),
                    show(&a.published),
                    show(&a.outlet),
                    show(&a.url),
                    c.encoding,
                    if c.replacements > 0 { format!(" ({} undecodable characters)", c.replacements) } else { String::new() },
                    a.text
                )
                .and_then(|()| if explain { write!(out, "{}", dropped_listing(&a.dropped)) } else { Ok(()) })
            }
        };
        if written.is_err() {
            return ExitCode::SUCCESS; // stdout closed (a pager quit)
        }
    }
    let _ = out.flush();
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `gisa article --explain`: one line per dropped line, with its rule.
fn dropped_listing(dropped: &[gisa::article::DroppedLine]) -> String {
    let mut s = format!("dropped: {} lines\n", dropped.len());
    for d in dropped {
        s.push_str(&format!("  {:>5}  {:<40}  {}\n", d.line, d.rule, d.text));
    }
    s + "\n"
}

struct EvalArgs {
    dir: PathBuf,
    thresholds: Option<PathBuf>,
    json: bool,
    bless: bool,
    yes: bool,
}

fn eval(args: EvalArgs, rules: Rules) -> ExitCode {
    let setup = || -> Result<(Engine, Vec<eval::Fixture>, eval::Thresholds), String> {
        let thresholds = match &args.thresholds {
            Some(path) => eval::Thresholds::load(path).map_err(|e| e.to_string())?,
            None => {
                let path = args.dir.join("thresholds.toml");
                if path.exists() { eval::Thresholds::load(&path).map_err(|e| e.to_string())? } else { eval::Thresholds::default() }
            }
        };
        let fixtures = eval::discover(&args.dir).map_err(|e| e.to_string())?;
        Ok((build_engine(&rules)?, fixtures, thresholds))
    };
    let (engine, fixtures, thresholds) = match setup() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gisa: {e}");
            return ExitCode::from(2);
        }
    };
    let (results, actuals) = eval::run_fixtures(&engine, fixtures);
    let report = eval::EvalReport::build(results, thresholds);
    let rendered = if args.json { eval::render_json(&report) } else { eval::render_text(&report) };
    // anstream drops the colours when stdout is not a terminal (or NO_COLOR is set).
    let _ = write!(anstream::stdout(), "{rendered}");
    if args.bless {
        return bless(&actuals, args.yes);
    }
    if report.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn bless(actuals: &[(eval::Fixture, serde_json::Value)], yes: bool) -> ExitCode {
    let plan = eval::bless_plan(actuals);
    if plan.is_empty() {
        eprintln!("gisa: every expected file already matches the current output; nothing to bless");
        return ExitCode::SUCCESS;
    }
    let _ = write!(anstream::stdout(), "\n{}", plan.diff());
    let n = plan.changes.len();
    if !yes {
        eprint!("Write these changes to {n} expected file(s)? [y/N] ");
        let mut answer = String::new();
        let confirmed = std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes");
        if !confirmed {
            eprintln!("\ngisa: not confirmed; no expected file was changed (answer y, or pass --yes)");
            return ExitCode::from(1);
        }
    }
    match plan.apply() {
        Ok(()) => {
            eprintln!("gisa: wrote {n} expected file(s)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gisa: cannot write expected files: {e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, format, rules, max_bytes, jobs, explain, output, bom, shard, fields, unordered } => {
            extract(ExtractArgs { paths, format, max_bytes, jobs, explain, output, bom, shard, fields, unordered }, rules)
        }
        Command::Article { paths, format, rules, max_bytes, explain } => article(paths, format, rules, max_bytes, explain),
        Command::Eval { dir, thresholds, json, bless, yes, rules } => eval(EvalArgs { dir, thresholds, json, bless, yes }, rules),
        Command::Tokenize { text, rules } => tokenize(text, rules),
        Command::Crawl { config, max_pages, since, output, rules } => {
            use std::io::IsTerminal;
            let opts = gisa::crawl::run::Options { max_pages, since, progress: std::io::stderr().is_terminal() };
            crawl(config, opts, output, rules)
        }
        Command::Sources { action: SourcesAction::Check { config } } => sources_check(config),
        Command::Run { config, summary_json, rules } => nightly(config, summary_json, rules),
        Command::Reextract { database, rules } => reextract(database, rules),
        Command::Export { database, what, format, bom, outlet, from, to, program, region, by } => {
            export(database, what, format, bom, gisa::store::export::Filter { outlet, from, to, program, region, by })
        }
        Command::Programs { database, format, by, region } => {
            let filter = gisa::store::export::Filter { by, region, ..Default::default() };
            export(database, gisa::store::export::What::Programs, format, false, filter)
        }
    }
}
