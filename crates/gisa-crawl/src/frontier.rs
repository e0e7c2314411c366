//! The crawl frontier: every URL ever seen, in exactly one state, kept in a
//! store that survives a crash (SQLite by default; the tracking database of
//! issue 6 implements the same trait). Every change is committed at once (a
//! discovery page's links together with its own state), so a killed crawl
//! resumes where it stood. A URL is queued at most once; a transient failure
//! is queued again by later crawls, further apart each time.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Queued,
    Fetched,
    NotModified,
    Failed,
    Skipped,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Fetched => "fetched",
            State::NotModified => "not-modified",
            State::Failed => "failed",
            State::Skipped => "skipped",
        }
    }

    fn parse(s: &str) -> Option<State> {
        Some(match s {
            "queued" => State::Queued,
            "fetched" => State::Fetched,
            "not-modified" => State::NotModified,
            "failed" => State::Failed,
            "skipped" => State::Skipped,
            _ => return None,
        })
    }
}

/// What a URL is fetched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Feed,
    Sitemap,
    List,
    Article,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feed => "feed",
            Kind::Sitemap => "sitemap",
            Kind::List => "list",
            Kind::Article => "article",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "feed" => Kind::Feed,
            "sitemap" => Kind::Sitemap,
            "list" => Kind::List,
            "article" => Kind::Article,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub source: String,
    pub kind: Kind,
    /// For list pages: how many pages deep (1 = the configured page).
    pub depth: u32,
}

/// What the last fetch left to make the next one conditional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_hash: Option<String>,
}

pub use crate::error::Result;
use crate::error::{Error, ErrorKind};

/// Whether later crawls ask a failed URL again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// Fetched, or failed for good (404, 410, robots, a redirect loop …).
    Never,
    /// Failed on a timeout, a reset, a 5xx: asked again by the next crawl,
    /// then 2, 4 … crawls later, at most `max` times.
    Backoff { max: u32 },
}

/// The frontier's operations; small on purpose so another database can hold it.
pub trait Frontier: Send {
    /// Starts a crawl: resumes the last run if it did not finish, else opens a
    /// new one. Returns (run id, resumed).
    fn begin_run(&mut self) -> Result<(i64, bool)>;
    fn finish_run(&mut self, run: i64) -> Result<()>;
    /// Adds a URL as queued if it is new. Discovery pages (feeds, sitemaps,
    /// list pages) seen in an earlier run are queued again for this run;
    /// articles keep their state. Returns whether this call queued it: a URL
    /// already queued is not queued twice.
    fn offer(&mut self, entry: &Entry, run: i64) -> Result<bool>;
    /// Records a URL that will not be fetched (robots, filter, off-domain), unless it is known already.
    fn skip(&mut self, entry: &Entry, reason: &str) -> Result<()>;
    /// Queues for `run` the URLs that failed transiently and are due by now
    /// (`all`: every transient failure, due or given up). Returns how many.
    fn requeue_failed(&mut self, run: i64, all: bool) -> Result<u64>;
    /// Every queued URL with what makes its fetch conditional, oldest first.
    fn queued(&mut self) -> Result<Vec<(Entry, Validators)>>;
    fn validators(&mut self, url: &str) -> Result<Validators>;
    /// Moves a URL to a final state.
    fn settle(&mut self, url: &str, state: State, reason: Option<&str>, attempts: u32, v: &Validators, later: Later) -> Result<()>;
    /// The changes until `commit` land together or not at all.
    fn begin(&mut self) -> Result<()>;
    fn commit(&mut self) -> Result<()>;
    /// (state, reason, count) for the URLs settled in `run`.
    fn summary(&mut self, run: i64) -> Result<Vec<(String, Option<String>, u64)>>;
}

pub struct SqliteFrontier {
    db: Connection,
}

fn err(e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::State, format!("crawl state: {e}"))
}

fn now() -> String {
    crate::timestamp_now()
}

impl SqliteFrontier {
    pub fn open(path: &Path) -> Result<SqliteFrontier> {
        let db = Connection::open(path).map_err(|e| Error::new(ErrorKind::State, format!("cannot open the crawl state {}: {e}", path.display())))?;
        db.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        db.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        db.busy_timeout(std::time::Duration::from_secs(10)).map_err(err)?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS crawl_runs (
                 id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT);
             CREATE TABLE IF NOT EXISTS frontier (
                 url TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, depth INTEGER NOT NULL DEFAULT 1,
                 state TEXT NOT NULL, reason TEXT, attempts INTEGER NOT NULL DEFAULT 0,
                 etag TEXT, last_modified TEXT, content_hash TEXT,
                 run INTEGER, discovered_at TEXT NOT NULL, updated_at TEXT NOT NULL);
             CREATE INDEX IF NOT EXISTS frontier_state ON frontier(state);",
        )
        .map_err(err)?;
        // Added for retries by later crawls; older state files gain them here.
        // failures: crawls in a row that failed transiently; retry_run: the
        // first run that asks the URL again (NULL: none will).
        let columns: Vec<String> =
            db.prepare("SELECT name FROM pragma_table_info('frontier')").and_then(|mut s| s.query_map([], |r| r.get(0))?.collect()).map_err(err)?;
        for (name, decl) in [("failures", "INTEGER NOT NULL DEFAULT 0"), ("retry_run", "INTEGER")] {
            if !columns.iter().any(|c| c == name) {
                db.execute_batch(&format!("ALTER TABLE frontier ADD COLUMN {name} {decl}")).map_err(err)?;
            }
        }
        Ok(SqliteFrontier { db })
    }
}

impl Frontier for SqliteFrontier {
    fn begin_run(&mut self) -> Result<(i64, bool)> {
        let open: Option<i64> = self
            .db
            .query_row("SELECT id FROM crawl_runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
            .optional()
            .map_err(err)?;
        if let Some(id) = open {
            return Ok((id, true));
        }
        self.db.execute("INSERT INTO crawl_runs (started_at) VALUES (?1)", params![now()]).map_err(err)?;
        Ok((self.db.last_insert_rowid(), false))
    }

    fn finish_run(&mut self, run: i64) -> Result<()> {
        self.db.execute("UPDATE crawl_runs SET finished_at = ?1 WHERE id = ?2", params![now(), run]).map_err(err)?;
        Ok(())
    }

    fn offer(&mut self, e: &Entry, run: i64) -> Result<bool> {
        let known: Option<(String, Option<i64>)> = self
            .db
            .query_row("SELECT state, run FROM frontier WHERE url = ?1", params![e.url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(err)?;
        match known {
            None => {
                self.db
                    .execute(
                        "INSERT INTO frontier (url, source, kind, depth, state, run, discovered_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?6)",
                        params![e.url, e.source, e.kind.as_str(), e.depth, run, now()],
                    )
                    .map_err(err)?;
                Ok(true)
            }
            // Queued already (found twice: in the feed and the sitemap …).
            Some((state, _)) if state == "queued" => Ok(false),
            // A feed or list page changes between runs: fetch it again (conditionally), once per run.
            Some((_, last_run)) if e.kind != Kind::Article && last_run != Some(run) => {
                self.db
                    .execute(
                        "UPDATE frontier SET state = 'queued', reason = NULL, attempts = 0, run = ?2, updated_at = ?3 WHERE url = ?1",
                        params![e.url, run, now()],
                    )
                    .map_err(err)?;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    fn skip(&mut self, e: &Entry, reason: &str) -> Result<()> {
        self.db
            .execute(
                "INSERT OR IGNORE INTO frontier (url, source, kind, depth, state, reason, discovered_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'skipped', ?5, ?6, ?6)",
                params![e.url, e.source, e.kind.as_str(), e.depth, reason, now()],
            )
            .map_err(err)?;
        Ok(())
    }

    fn requeue_failed(&mut self, run: i64, all: bool) -> Result<u64> {
        let due = if all { "failures > 0" } else { "retry_run IS NOT NULL AND retry_run <= ?1" };
        let n = self
            .db
            .execute(&format!("UPDATE frontier SET state = 'queued', run = ?1, updated_at = ?2 WHERE state = 'failed' AND {due}"), params![run, now()])
            .map_err(err)?;
        Ok(n as u64)
    }

    fn queued(&mut self) -> Result<Vec<(Entry, Validators)>> {
        let mut stmt = self
            .db
            .prepare("SELECT url, source, kind, depth, etag, last_modified, content_hash FROM frontier WHERE state = 'queued' ORDER BY rowid")
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                let v = Validators { etag: r.get(4)?, last_modified: r.get(5)?, content_hash: r.get(6)? };
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, u32>(3)?, v))
            })
            .map_err(err)?;
        let mut out = Vec::new();
        for row in rows {
            let (url, source, kind, depth, v) = row.map_err(err)?;
            // A row another program damaged is reported, not fatal.
            match Kind::parse(&kind) {
                Some(kind) => out.push((Entry { url, source, kind, depth }, v)),
                None => eprintln!("gisa: crawl state: ignoring {url}: unknown kind '{kind}'"),
            }
        }
        Ok(out)
    }

    fn validators(&mut self, url: &str) -> Result<Validators> {
        self.db
            .query_row("SELECT etag, last_modified, content_hash FROM frontier WHERE url = ?1", params![url], |r| {
                Ok(Validators { etag: r.get(0)?, last_modified: r.get(1)?, content_hash: r.get(2)? })
            })
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(err)
    }

    fn settle(&mut self, url: &str, state: State, reason: Option<&str>, attempts: u32, v: &Validators, later: Later) -> Result<()> {
        debug_assert!(State::parse(state.as_str()) == Some(state));
        // A transient failure is one more failed crawl in a row; the next try
        // is 1, 2, 4 … runs after this one, none once `max` retries have failed.
        let (transient, max) = match later {
            Later::Never => (false, 0),
            Later::Backoff { max } => (true, max),
        };
        self.db
            .execute(
                "UPDATE frontier SET state = ?2, reason = ?3, attempts = attempts + ?4,
                     etag = COALESCE(?5, etag), last_modified = COALESCE(?6, last_modified),
                     content_hash = COALESCE(?7, content_hash), updated_at = ?8,
                     failures = CASE WHEN ?9 THEN failures + 1 ELSE 0 END,
                     retry_run = CASE WHEN ?9 AND failures < ?10 THEN run + (1 << MIN(failures, 30)) END
                 WHERE url = ?1",
                params![url, state.as_str(), reason, attempts, v.etag, v.last_modified, v.content_hash, now(), transient, max],
            )
            .map_err(err)?;
        Ok(())
    }

    fn begin(&mut self) -> Result<()> {
        self.db.execute_batch("BEGIN IMMEDIATE").map_err(err)
    }

    fn commit(&mut self) -> Result<()> {
        self.db.execute_batch("COMMIT").map_err(err)
    }

    fn summary(&mut self, run: i64) -> Result<Vec<(String, Option<String>, u64)>> {
        let mut stmt = self
            .db
            .prepare(
                "SELECT state, reason, COUNT(*) FROM frontier WHERE run = ?1 OR (state = 'skipped' AND run IS NULL)
                 GROUP BY state, reason ORDER BY state, reason",
            )
            .map_err(err)?;
        let rows = stmt.query_map(params![run], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))).map_err(err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, kind: Kind) -> Entry {
        Entry { url: url.into(), source: "s".into(), kind, depth: 1 }
    }

    #[test]
    fn states_runs_and_requeueing() {
        let dir = std::env::temp_dir().join(format!("gisa-frontier-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // A state file that cannot be opened is a State error, which stops a crawl.
        let e = SqliteFrontier::open(&dir.join("no-such-dir").join("state.db")).err().unwrap();
        assert_eq!(e.kind(), crate::ErrorKind::State, "{e}");
        let mut f = SqliteFrontier::open(&dir.join("state.db")).unwrap();
        let (run, resumed) = f.begin_run().unwrap();
        assert!(!resumed);
        assert!(f.offer(&entry("http://a/rss", Kind::Feed), run).unwrap());
        assert!(f.offer(&entry("http://a/1", Kind::Article), run).unwrap());
        f.skip(&entry("http://a/private", Kind::Article), "robots").unwrap();
        assert!(!f.offer(&entry("http://a/1", Kind::Article), run).unwrap(), "queued once");
        f.settle("http://a/rss", State::Fetched, None, 1, &Validators { etag: Some("\"e1\"".into()), ..Validators::default() }, Later::Never).unwrap();
        f.settle("http://a/1", State::Fetched, None, 1, &Validators::default(), Later::Never).unwrap();
        assert!(f.queued().unwrap().is_empty());
        // Unfinished: the next start resumes the same run and re-offers nothing.
        drop(f);
        let mut f = SqliteFrontier::open(&dir.join("state.db")).unwrap();
        assert_eq!(f.begin_run().unwrap(), (run, true));
        assert!(!f.offer(&entry("http://a/rss", Kind::Feed), run).unwrap());
        f.finish_run(run).unwrap();
        // A new run fetches the feed again (conditionally), never the article.
        let (run2, resumed) = f.begin_run().unwrap();
        assert!(run2 > run && !resumed);
        assert!(f.offer(&entry("http://a/rss", Kind::Feed), run2).unwrap());
        assert!(!f.offer(&entry("http://a/1", Kind::Article), run2).unwrap());
        assert_eq!(f.validators("http://a/rss").unwrap().etag.as_deref(), Some("\"e1\""));
        let states: Vec<String> = f.summary(run).unwrap().into_iter().map(|(s, r, n)| format!("{s}:{r:?}:{n}")).collect();
        assert!(states.contains(&"skipped:Some(\"robots\"):1".to_string()), "{states:?}");
    }

    #[test]
    fn transient_failures_come_back_further_apart_then_never() {
        let dir = std::env::temp_dir().join(format!("gisa-frontier-backoff-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut f = SqliteFrontier::open(&dir.join("state.db")).unwrap();
        let later = Later::Backoff { max: 3 };
        // Crawls that ask http://a/flaky; it fails every time.
        let mut asked = Vec::new();
        for _ in 0..12 {
            let (run, _) = f.begin_run().unwrap();
            f.requeue_failed(run, false).unwrap();
            if run == 1 {
                f.offer(&entry("http://a/flaky", Kind::Article), run).unwrap();
                f.offer(&entry("http://a/gone", Kind::Article), run).unwrap();
                f.settle("http://a/gone", State::Failed, Some("http 404"), 1, &Validators::default(), Later::Never).unwrap();
            }
            for (e, _) in f.queued().unwrap() {
                assert_eq!(e.url, "http://a/flaky", "a 404 is never asked again");
                asked.push(run);
                f.settle(&e.url, State::Failed, Some("timeout"), 3, &Validators::default(), later).unwrap();
            }
            f.finish_run(run).unwrap();
        }
        // First failure in run 1; then 1, 2 and 4 crawls later; then given up.
        assert_eq!(asked, vec![1, 2, 4, 8]);
        // --retry-failed asks it now, given up or not; the 404 stays.
        let (run, _) = f.begin_run().unwrap();
        assert_eq!(f.requeue_failed(run, true).unwrap(), 1);
        let queued: Vec<String> = f.queued().unwrap().into_iter().map(|(e, _)| e.url).collect();
        assert_eq!(queued, vec!["http://a/flaky"]);
        // A success resets the count.
        f.settle("http://a/flaky", State::Fetched, None, 1, &Validators::default(), Later::Never).unwrap();
        f.finish_run(run).unwrap();
        let (run, _) = f.begin_run().unwrap();
        assert_eq!(f.requeue_failed(run, true).unwrap(), 0);
    }
}
