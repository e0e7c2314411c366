//! `gisa run`: the nightly job (crawl, extract, store, re-extract what older
//! rules produced), with a one-line summary and an exit status for cron.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gisa_store::redact;

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The run file (gisa.toml: database URL and sources file).
    #[arg(long)]
    config: PathBuf,
    /// Also write the summary as JSON to this file (- for stdout).
    #[arg(long, value_name = "PATH")]
    summary_json: Option<String>,
    /// Do not add the program names the database has seen to the rules
    /// (by default they are, as with `gisa extract --programs-from`).
    #[arg(long)]
    no_learned_programs: bool,
    #[command(flatten)]
    rules: Rules,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut engine = args.rules.engine()?;
    let summary = gisa_crawl::nightly::run(&args.config, &mut engine, !args.no_learned_programs, super::stderr_is_terminal()).map_err(|e| anyhow::anyhow!("{}", redact(&e)))?;
    eprintln!("{}", summary.line());
    if let Some(path) = args.summary_json {
        let json = serde_json::to_string_pretty(&summary).expect("summaries serialise") + "\n";
        let written = if path == "-" { std::io::stdout().write_all(json.as_bytes()) } else { std::fs::write(&path, json) };
        written.with_context(|| format!("cannot write the summary to {path}"))?;
    }
    Ok(ExitCode::from(summary.exit_status))
}
