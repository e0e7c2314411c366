//! `gisa eval`: score the extractors against fixtures, and `--bless` the
//! expected files after showing the diff and asking.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gisa_eval::{bless_plan, discover, render_json, render_text, run_fixtures, EvalReport, Fixture, Thresholds};

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let thresholds = match &args.thresholds {
        Some(path) => Thresholds::load(path)?,
        None => {
            let path = args.dir.join("thresholds.toml");
            if path.exists() { Thresholds::load(&path)? } else { Thresholds::default() }
        }
    };
    let fixtures = discover(&args.dir)?;
    let engine = args.rules.engine()?;
    let (results, actuals) = run_fixtures(&engine, fixtures);
    let report = EvalReport::build(results, thresholds);
    let rendered = if args.json { render_json(&report) } else { render_text(&report) };
    // anstream drops the colours when stdout is not a terminal (or NO_COLOR is set).
    let _ = write!(anstream::stdout(), "{rendered}");
    if args.bless {
        return bless(&actuals, args.yes);
    }
    Ok(if report.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn bless(actuals: &[(Fixture, serde_json::Value)], yes: bool) -> anyhow::Result<ExitCode> {
    let plan = bless_plan(actuals);
    if plan.is_empty() {
        eprintln!("gisa: every expected file already matches the current output; nothing to bless");
        return Ok(ExitCode::SUCCESS);
    }
    let _ = write!(anstream::stdout(), "\n{}", plan.diff());
    let n = plan.changes.len();
    if !yes && !confirmed(n) {
        eprintln!("\ngisa: not confirmed; no expected file was changed (answer y, or pass --yes)");
        return Ok(ExitCode::from(1));
    }
    plan.apply().context("cannot write expected files")?;
    eprintln!("gisa: wrote {n} expected file(s)");
    Ok(ExitCode::SUCCESS)
}

fn confirmed(n: usize) -> bool {
    eprint!("Write these changes to {n} expected file(s)? [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes")
}
