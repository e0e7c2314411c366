//! `gisa run`: the nightly job. Crawl the configured sources, extract each new
//! article as it arrives, and store it in the tracking database, under a run
//! lock, ending with a one-line summary (and `--summary-json`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::config::Config as Sources;
use crate::frontier::SqliteFrontier;
use crate::run::{ArticlePage, Crawler, Options};
use crate::pipeline::Engine;
use gisa_store::{redact, Put, Store};

/// `gisa.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    /// `sqlite://gisa.db` (default, beside this file), a path, or
    /// `postgres://user@host/db`. `GISA_DATABASE_URL` overrides it, so a
    /// password need not be written into the file.
    pub database: Option<String>,
    /// The sources file, relative to this file.
    pub sources: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub database: String,
    pub articles_new: u64,
    pub articles_updated: u64,
    pub articles_unchanged: u64,
    /// Pages that could not be cleaned or extracted, or not stored.
    pub articles_failed: u64,
    /// Stored articles extracted again because the rules (extractor
    /// version) changed since they were stored.
    pub articles_reextracted: u64,
    pub pages: serde_json::Value,
    pub crawl: String,
    pub seconds: f64,
    pub exit_status: u8,
}

impl Summary {
    pub fn line(&self) -> String {
        format!(
            "gisa run: {} new, {} updated, {} unchanged, {} failed, {} re-extracted articles into {}; {} ({:.1} s)",
            self.articles_new,
            self.articles_updated,
            self.articles_unchanged,
            self.articles_failed,
            self.articles_reextracted,
            self.database,
            self.crawl,
            self.seconds
        )
    }
}

fn relative(base: &Path, p: &str) -> PathBuf {
    let p = PathBuf::from(p);
    if p.is_relative() { base.parent().unwrap_or(Path::new(".")).join(p) } else { p }
}

/// The database URL: the environment, the config, or `gisa.db` beside it.
pub fn database_url(config_path: &Path, config: &RunConfig) -> String {
    if let Ok(url) = std::env::var("GISA_DATABASE_URL") {
        if !url.is_empty() {
            return url;
        }
    }
    match &config.database {
        Some(u) if gisa_store::is_postgres(u) => u.clone(),
        Some(u) => relative(config_path, u.strip_prefix("sqlite://").unwrap_or(u)).display().to_string(),
        None => relative(config_path, "gisa.db").display().to_string(),
    }
}

/// Runs the nightly job. Err means it could not run (exit 2). With
/// `learn_programs`, the program names the database has already seen are
/// added to the engine's rules first (so a name quoted in one outlet's
/// article is found bare in another's), which changes its extractor version
/// when a name is new, and so re-extracts what older names produced.
pub fn run(config_path: &Path, engine: &mut Engine, learn_programs: bool, progress: bool) -> Result<Summary, String> {
    let started = Instant::now();
    let text = crate::lexicon::read_text(config_path).map_err(|e| format!("cannot read {}: {e}", config_path.display()))?;
    let config: RunConfig = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(0, |s| crate::lexicon::line_at(&text, s.start));
        format!("{}:{line}: {}", config_path.display(), e.message())
    })?;
    let sources_path = relative(config_path, &config.sources);
    let sources = Sources::load(&sources_path)
        .map_err(|ps| ps.iter().map(|p| format!("{}:{}: {}", sources_path.display(), p.line, p.message)).collect::<Vec<_>>().join("\n"))?;
    let url = database_url(config_path, &config);
    let mut store = Store::open(&url).map_err(|e| e.to_string())?;
    store.lock_run().map_err(|e| e.to_string())?;
    if learn_programs {
        let names = store.program_lexicon(1).map_err(|e| e.to_string())?;
        engine.learn_program_names(&names);
    }
    let engine = &*engine;
    let state = sources.state_path(&sources_path);
    let frontier = SqliteFrontier::open(&state)?;
    let crawler = Crawler::new(&sources, Box::new(frontier), Options { progress, ..Options::default() })?;
    let store = Mutex::new(store);
    let summary = Mutex::new(Summary { database: redact(&url), ..Summary::default() });
    let on_article = |page: ArticlePage| {
        let result = crate::page::process_page(engine, &page).map_err(|e| e.to_string()).and_then(|record| store.lock().unwrap().put(&record).map_err(|e| e.to_string()));
        let mut s = summary.lock().unwrap();
        match result {
            Ok(Put::New) => s.articles_new += 1,
            Ok(Put::Updated) => s.articles_updated += 1,
            Ok(Put::Unchanged) => s.articles_unchanged += 1,
            Err(e) => {
                s.articles_failed += 1;
                eprintln!("gisa: {}: {}", page.url, redact(&e));
                return Err(redact(&e));
            }
        }
        Ok(())
    };
    let report = crawler.run(&on_article)?;
    let mut s = summary.into_inner().unwrap();
    // Articles stored under other rules are brought up to these rules, so
    // the database never mixes what two rule sets found.
    let re = gisa_store::reextract::reextract_stale(&mut store.lock().unwrap(), engine).map_err(|e| e.to_string())?;
    s.articles_reextracted = re.done;
    for (id, e) in &re.failed {
        s.articles_failed += 1;
        eprintln!("gisa: re-extracting {id}: {}", redact(e));
    }
    s.crawl = report.line();
    s.pages = serde_json::Value::Array(
        report.states.iter().map(|(state, reason, n)| serde_json::json!({"state": state, "reason": reason, "count": n})).collect(),
    );
    s.seconds = started.elapsed().as_secs_f64();
    // Not one page answered (hosts refusing every connection) is a failed night too.
    let pages_failed = report.states.iter().any(|(st, _, _)| st == "failed") || report.nothing_fetched();
    s.exit_status = if s.articles_failed > 0 || pages_failed { 1 } else { 0 };
    Ok(s)
}
