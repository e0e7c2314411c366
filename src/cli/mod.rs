//! One module per subcommand: its `#[derive(Args)]` options and the few
//! lines that hand them to the library crates. Shared here: the rule options
//! every extracting command takes, and how a failure becomes an exit code.

pub mod article;
pub mod crawl;
pub mod eval;
pub mod export;
pub mod extract;
pub mod reextract;
pub mod run;
pub mod sources;
pub mod tokenize;

use std::path::PathBuf;

use anyhow::Context;
use gisa_core::lexicon::Lexicon;
use gisa_core::morph::Morph;
use gisa_core::pipeline::Engine;

/// Exit status 2: the command could not run at all (bad options, unreadable
/// rules or config, no database). 1 is kept for "ran, but some inputs failed".
pub const CANNOT_RUN: u8 = 2;

/// Where the extraction rules come from.
#[derive(clap::Args, Debug, Clone)]
pub struct Rules {
    /// User dictionary for Lindera (ko-dic simple CSV: surface,POS,reading),
    /// instead of the built-in dictionaries/user_dict.csv.
    #[arg(long, value_name = "PATH")]
    pub user_dict: Option<PathBuf>,
    /// Directory of rule files (counters.csv, program_words.txt, …) to use
    /// instead of the built-in copies; files missing there fall back to them.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Run Lindera's lattice for every word instead of reusing the analysis
    /// of a word seen before (same results, slower; for benchmarks).
    #[arg(long)]
    pub no_cache: bool,
    /// Also find, wherever they occur, the program names a tracking database
    /// has seen (a SQLite path or a postgres:// URL; see `gisa programs
    /// --lexicon`): a name quoted in one article is then found bare in another.
    #[arg(long, value_name = "DB")]
    pub programs_from: Option<String>,
}

impl Rules {
    pub fn lexicon(&self) -> anyhow::Result<Lexicon> {
        match &self.rules {
            Some(dir) => Lexicon::from_dir(dir).with_context(|| format!("cannot use the rules in {}", dir.display())),
            None => Ok(Lexicon::builtin()),
        }
    }

    /// The tokenizer and the rules, built once and shared by every thread.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        let morph = match &self.user_dict {
            Some(path) => Morph::with_user_dict_file(path),
            None => Morph::new(),
        }?;
        let morph = if self.no_cache { morph.without_cache() } else { morph };
        let mut engine = Engine::new(morph, self.lexicon()?);
        if let Some(db) = &self.programs_from {
            if let Some(message) = gisa_store::missing_database(db) {
                anyhow::bail!("--programs-from: {message}");
            }
            let mut store = export::open_store(db)?;
            learn_programs(&mut engine, &mut store)?;
        }
        Ok(engine)
    }
}

/// Adds the program names `store` has seen to the engine's rules (which
/// changes its extractor version when a name is new).
pub fn learn_programs(engine: &mut Engine, store: &mut gisa_store::Store) -> anyhow::Result<usize> {
    let names = store.program_lexicon(1).map_err(|e| anyhow::anyhow!("cannot read the program names: {}", gisa_store::redact(e.message())))?;
    Ok(engine.learn_program_names(&names))
}

/// A region for `--region`: a code (2 or 5 digits) or a name the built-in
/// gazetteer knows (경북, 포항시 북구, 강원도), as its code.
pub fn parse_region(s: &str) -> Result<String, String> {
    static RULES: std::sync::OnceLock<gisa_core::Rules> = std::sync::OnceLock::new();
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit()) && (s.len() == 2 || s.len() == 5) {
        return Ok(s.to_string());
    }
    RULES
        .get_or_init(gisa_core::Rules::builtin)
        .regions
        .resolve_name(s)
        .map(|e| e.code.clone())
        .ok_or_else(|| format!("'{s}' is not a region code (47, 47113) or a region name in dictionaries/regions.csv"))
}

/// `2024-01-17` → itself, checked as a real day.
pub fn parse_day(s: &str) -> Result<String, String> {
    gisa_core::article::parse_korean_date(s.get(0..4).unwrap_or(""), s.get(5..7).unwrap_or(""), s.get(8..10).unwrap_or(""))
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("'{s}' is not a date like 2024-01-17"))
}

/// A library error message as an error of the command.
pub fn msg(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}
