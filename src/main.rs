//! The `gisa` command line: parse, dispatch to `cli::NAME`, map the outcome
//! to an exit status. The work lives in the crates under `crates/`.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "gisa", version, about = "Korean regional press articles → structured data (SPEC JSON)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract amounts, counts, years, programs, percentages and regions from articles.
    Extract(cli::extract::Args),
    /// Print the cleaned article of each page or file (title, date, outlet,
    /// URL, text), without extracting: to check what the cleaner keeps.
    Article(cli::article::Args),
    /// Score the extractors against fixtures (NAME.txt/.html beside
    /// NAME.expected.json): precision, recall and F1 per field, and per fixture
    /// what was missed and what was extra. Exits 1 below the thresholds.
    Eval(cli::eval::Args),
    /// Crawl the configured sources politely and extract every new article
    /// (JSON Lines on stdout or --output); resumes an unfinished crawl.
    Crawl(cli::crawl::Args),
    /// The nightly job: crawl, extract and store in the tracking database,
    /// under a run lock, and re-extract articles stored under older rules.
    /// Exit 0 on success, 1 when some pages or articles failed but the run
    /// finished, 2 when it could not run.
    Run(cli::run::Args),
    /// Rebuild mentions from stored text for articles extracted by another
    /// extractor version (changed rules or user dictionary; no refetching).
    Reextract(cli::reextract::Args),
    /// Export articles, mentions, programs or regions from the tracking database.
    Export(cli::export::Args),
    /// List tracked programs with their totals and sources.
    Programs(cli::export::ProgramsArgs),
    /// Check a sources file and report each problem with its line.
    Sources {
        #[command(subcommand)]
        action: cli::sources::Action,
    },
    /// Print Lindera's tokens (surface and ko-dic details), one eojeol at a time.
    Tokenize(cli::tokenize::Args),
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Extract(a) => cli::extract::run(a),
        Command::Article(a) => cli::article::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::Crawl(a) => cli::crawl::run(a),
        Command::Run(a) => cli::run::run(a),
        Command::Reextract(a) => cli::reextract::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Programs(a) => cli::export::programs(a),
        Command::Sources { action } => cli::sources::run(action),
        Command::Tokenize(a) => cli::tokenize::run(a),
    };
    outcome.unwrap_or_else(|e| {
        // `{:#}` prints the context chain on one line: "cannot use the rules in x: counters.csv:3: …".
        eprintln!("gisa: {e:#}");
        ExitCode::from(cli::CANNOT_RUN)
    })
}
