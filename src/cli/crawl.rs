//! `gisa crawl`: crawl the configured sources, one JSON line per article.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gisa_crawl::frontier::SqliteFrontier;
use gisa_crawl::jsonl::crawl_to_jsonl;
use gisa_crawl::run::{Crawler, Options};

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The sources file (see the README for a commented example).
    #[arg(long)]
    config: PathBuf,
    /// Stop after this many page fetches; the next crawl resumes.
    #[arg(long)]
    max_pages: Option<u64>,
    /// Skip articles that feeds and sitemaps date before this day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_day)]
    since: Option<String>,
    /// Append the records to this file instead of stdout.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Ask every page that failed transiently (timeouts, resets, 5xx) now,
    /// rather than when its back-off between crawls says.
    #[arg(long)]
    retry_failed: bool,
    #[command(flatten)]
    rules: Rules,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = match super::sources::load(&args.config) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let out: Box<dyn std::io::Write + Send> = match &args.output {
        Some(p) => Box::new(
            std::fs::OpenOptions::new().create(true).append(true).open(p).with_context(|| format!("cannot write {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let engine = args.rules.engine()?;
    let frontier = SqliteFrontier::open(&config.state_path(&args.config))?;
    let opts = Options { max_pages: args.max_pages, since: args.since, retry_failed: args.retry_failed, progress: super::stderr_is_terminal() };
    let crawler = Crawler::new(&config, Box::new(frontier), opts)?;
    let outcome = crawl_to_jsonl(&crawler, &engine, out).context("crawl stopped")?;
    eprintln!("gisa: {}", outcome.report.line());
    if outcome.report.nothing_fetched() {
        eprintln!("gisa: no page could be fetched");
    }
    Ok(if outcome.any_failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
