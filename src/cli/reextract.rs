//! `gisa reextract`: rebuild the mentions of stored articles that other
//! rules (another extractor version) produced, from their stored text.

use std::process::ExitCode;

use gisa_store::reextract::reextract_stale;

use super::{msg, Rules};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Database URL (sqlite://gisa.db, a path, or postgres://…); default $GISA_DATABASE_URL.
    #[arg(long, env = "GISA_DATABASE_URL")]
    database: String,
    /// Do not add the program names the database has seen to the rules
    /// (by default they are, as `gisa run` does, so both agree on the
    /// extractor version).
    #[arg(long)]
    no_learned_programs: bool,
    #[command(flatten)]
    rules: Rules,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(code) = super::export::missing(&args.database) {
        return Ok(code);
    }
    let mut store = super::export::open_store(&args.database)?;
    let mut engine = args.rules.engine()?;
    if !args.no_learned_programs {
        super::learn_programs(&mut engine, &mut store)?;
    }
    let re = reextract_stale(&mut store, &engine).map_err(msg)?;
    for (id, e) in &re.failed {
        eprintln!("gisa: {id}: {}", gisa_store::redact(e));
    }
    let failed = if re.failed.is_empty() { String::new() } else { format!(", {} failed", re.failed.len()) };
    eprintln!("gisa: re-extracted {} articles with {}{failed}", re.done, engine.extractor_version);
    Ok(if re.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
