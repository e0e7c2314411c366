//! The tracking database: one interface, two real backends chosen by URL
//! (`sqlite://gisa.db`, a plain path, or `postgres://…`), versioned
//! migrations applied on open, one transaction per article, programs as
//! tracked entities, and near-duplicate stories. The SQL is written once
//! (both engines read `$1` parameters and `ON CONFLICT … RETURNING`); only
//! the table definitions differ per engine (`migrations/`).

// The core modules this crate builds on, under their old `crate::` paths.
pub use error::{Error, ErrorKind};

use gisa_core::{output};

mod db;
mod error;
pub mod export;
pub mod reextract;
pub mod story;

use std::path::PathBuf;

use serde_json::Value;

use db::{Db, Postgres, Sqlite, Val};

use crate::output::Record;

const MIGRATIONS: [(i64, &str, &str); 2] = [
    (1, include_str!("../migrations/sqlite/001_tracking.sql"), include_str!("../migrations/postgres/001_tracking.sql")),
    (2, include_str!("../migrations/sqlite/002_regions.sql"), include_str!("../migrations/postgres/002_regions.sql")),
];

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, and
/// `host=db password=secret` → `host=db password=***`, for every message.
pub fn redact(url: &str) -> String {
    let url = match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &userinfo[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    };
    // libpq key=value strings and ?password= in URLs; a quoted value may hold spaces.
    static PASSWORD: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&]+)").expect("valid regex"));
    PASSWORD.replace_all(&url, "${1}***").into_owned()
}

/// A libpq key=value connection string (`host=db dbname=gisa user=gisa`):
/// PostgreSQL, never a SQLite file named after it.
fn is_libpq_keywords(url: &str) -> bool {
    static KEYWORD: once_cell::sync::Lazy<regex::Regex> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"^\s*[A-Za-z_]+\s*=").expect("valid regex"));
    KEYWORD.is_match(url)
}

/// Does `url` name a PostgreSQL database (a URL or a libpq key=value string)?
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://") || is_libpq_keywords(url)
}

/// The SQLite file a database URL names (None for PostgreSQL).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    (!is_postgres(url)).then(|| PathBuf::from(url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url)))
}

/// For commands that only read (export, programs, reextract): the message
/// when `url` names a SQLite file that does not exist, which opening would
/// create empty.
pub fn missing_database(url: &str) -> Option<String> {
    let path = sqlite_path(url)?;
    (!path.exists()).then(|| {
        format!("no database at {} (only `gisa run` creates one; check --database or $GISA_DATABASE_URL)", path.display())
    })
}

pub struct Store {
    db: Box<dyn Db>,
    /// The SQLite file, for the run lock (None for PostgreSQL).
    path: Option<PathBuf>,
    lock: Option<std::fs::File>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    New,
    Updated,
    Unchanged,
}

fn key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().filter(|c| !c.is_whitespace()).collect()
}

impl Store {
    /// Opens (and migrates) the database named by `url`.
    pub fn open(url: &str) -> Result<Store, Error> {
        // postgres::Client reads both URLs and libpq key=value strings.
        let (db, path): (Box<dyn Db>, Option<PathBuf>) = if let Some(path) = sqlite_path(url) {
            let conn = rusqlite::Connection::open(&path).map_err(|e| Error::new(ErrorKind::Open, format!("cannot open {}: {e}", path.display())))?;
            let setup = |e: rusqlite::Error| Error::new(ErrorKind::Open, format!("cannot set up {}: {e}", path.display()));
            conn.pragma_update(None, "journal_mode", "WAL").map_err(setup)?;
            conn.pragma_update(None, "foreign_keys", "ON").map_err(setup)?;
            conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(setup)?;
            (Box::new(Sqlite(conn)), Some(path))
        } else {
            let client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| {
                let why = redact(&e.as_db_error().map_or(e.to_string(), |d| d.message().to_string()));
                Error::new(ErrorKind::Open, format!("cannot connect to {}: {why}", redact(url)))
            })?;
            (Box::new(Postgres(client)), None)
        };
        let mut store = Store { db, path, lock: None };
        store.migrate()?;
        Ok(store)
    }

    pub fn engine(&self) -> &'static str {
        self.db.engine()
    }

    fn migrate(&mut self) -> Result<(), Error> {
        self.db.batch("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)")?;
        let applied: Vec<i64> = self.db.query("SELECT version FROM schema_migrations", &[])?.iter().filter_map(|r| r[0].as_int()).collect();
        for (version, sqlite, postgres) in MIGRATIONS {
            if applied.contains(&version) {
                continue;
            }
            let sql = if self.db.engine() == "postgres" { postgres } else { sqlite };
            self.db.begin()?;
            let result = self.db.batch(sql).and_then(|_| {
                self.db.exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", &[Val::Int(version), Val::Text(crate::output::timestamp_now())])
            });
            match result {
                Ok(_) => self.db.commit()?,
                Err(e) => {
                    let _ = self.db.rollback();
                    return Err(Error::new(ErrorKind::Migration, format!("migration {version} failed: {e}")));
                }
            }
        }
        Ok(())
    }

    /// Takes the run lock, so two `gisa run`s never overlap: a lock file
    /// beside a SQLite database (released by the OS if the process dies), a
    /// session advisory lock on PostgreSQL.
    pub fn lock_run(&mut self) -> Result<(), Error> {
        const BUSY: &str = "another gisa run is using this database; try again when it has finished";
        match &self.path {
            Some(path) => {
                let lock_path = path.with_extension("db.lock");
                let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path)
                    .map_err(|e| Error::new(ErrorKind::Open, format!("cannot open {}: {e}", lock_path.display())))?;
                match file.try_lock() {
                    Ok(()) => {
                        self.lock = Some(file);
                        Ok(())
                    }
                    Err(std::fs::TryLockError::WouldBlock) => Err(Error::new(ErrorKind::Busy, format!("{BUSY} ({} is held)", lock_path.display()))),
                    Err(std::fs::TryLockError::Error(e)) => Err(Error::new(ErrorKind::Open, format!("cannot lock {}: {e}", lock_path.display()))),
                }
            }
            None => {
                let got = self.db.query("SELECT pg_try_advisory_lock(47481001)", &[])?;
                if got.first().and_then(|r| r[0].as_int()) == Some(1) { Ok(()) } else { Err(Error::new(ErrorKind::Busy, BUSY)) }
            }
        }
    }

    /// Stores one extracted article in one transaction: the article row, its
    /// story, its mentions (replacing any earlier ones) and its programs.
    pub fn put(&mut self, rec: &Record) -> Result<Put, Error> {
        let content_hash = crate::output::short_hash(rec.text.as_bytes());
        let old = self.db.query("SELECT content_hash, extractor_version FROM articles WHERE id = $1", &[Val::Text(rec.id.clone())])?;
        let state = match old.first() {
            Some(r) if r[0].as_text() == Some(&content_hash) && r[1].as_text() == Some(rec.extractor_version.as_str()) => return Ok(Put::Unchanged),
            Some(_) => Put::Updated,
            None => Put::New,
        };
        self.db.begin()?;
        match self.write(rec, &content_hash) {
            Ok(()) => {
                self.db.commit()?;
                Ok(state)
            }
            Err(e) => {
                let _ = self.db.rollback();
                Err(e)
            }
        }
    }

    fn write(&mut self, rec: &Record, content_hash: &str) -> Result<(), Error> {
        let id = Val::Text(rec.id.clone());
        let now = crate::output::timestamp_now();
        let seen = rec.published.clone().unwrap_or_else(|| now[..10].to_string());
        // The story: the most similar stored article's, if similar enough.
        let sig = story::signature(&rec.text);
        let mut best: Option<(f64, i64)> = None;
        for (band, h) in story::bands(&sig).iter().enumerate() {
            let rows = self.db.query(
                "SELECT a.minhash, a.story_id FROM article_bands b JOIN articles a ON a.id = b.article_id
                 WHERE b.band = $1 AND b.hash = $2 AND b.article_id <> $3",
                &[Val::Int(band as i64), Val::Text(h.clone()), id.clone()],
            )?;
            for r in rows {
                let (Some(other), Some(story_id)) = (r[0].as_text().and_then(story::from_hex), r[1].as_int()) else { continue };
                let s = story::similarity(&sig, &other);
                if s >= story::SAME_STORY && best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, story_id));
                }
            }
        }
        let story_id = match best {
            Some((_, sid)) => sid,
            None => {
                let r = self.db.query("INSERT INTO stories (created_at) VALUES ($1) RETURNING id", &[Val::Text(now.clone())])?;
                r.first().and_then(|r| r[0].as_int()).ok_or_else(|| Error::query("no story id returned"))?
            }
        };
        self.db.exec(
            "INSERT INTO articles (id, url, outlet, title, published, fetched_at, content_hash, text, extractor_version, minhash, story_id, stored_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (id) DO UPDATE SET url = excluded.url, outlet = excluded.outlet, title = excluded.title,
                 published = excluded.published, fetched_at = excluded.fetched_at, content_hash = excluded.content_hash,
                 text = excluded.text, extractor_version = excluded.extractor_version, minhash = excluded.minhash,
                 story_id = excluded.story_id, stored_at = excluded.stored_at",
            &[
                id.clone(),
                Val::text(rec.source.url.as_deref()),
                Val::text(rec.source.outlet.as_deref()),
                Val::text(rec.title.as_deref()),
                Val::text(rec.published.as_deref()),
                Val::text(rec.source.fetched_at.as_deref()),
                Val::Text(content_hash.to_string()),
                Val::Text(rec.text.clone()),
                Val::Text(rec.extractor_version.clone()),
                Val::Text(story::to_hex(&sig)),
                Val::Int(story_id),
                Val::Text(now.clone()),
            ],
        )?;
        self.db.exec("DELETE FROM article_bands WHERE article_id = $1", &[id.clone()])?;
        for (band, h) in story::bands(&sig).into_iter().enumerate() {
            self.db.exec("INSERT INTO article_bands (band, hash, article_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", &[Val::Int(band as i64), Val::Text(h), id.clone()])?;
        }
        self.db.exec("DELETE FROM mentions WHERE article_id = $1", &[id.clone()])?;
        let x = &rec.extraction;
        // Programs first: amounts link to the program their `about` names.
        let mut program_ids: Vec<(String, i64)> = Vec::new();
        for p in &x.programs {
            let k = key(&p.name);
            let r = self.db.query(
                "INSERT INTO programs (key, name, first_seen, last_seen) VALUES ($1, $2, $3, $3)
                 ON CONFLICT (key) DO UPDATE SET
                     first_seen = CASE WHEN excluded.first_seen < programs.first_seen THEN excluded.first_seen ELSE programs.first_seen END,
                     last_seen = CASE WHEN excluded.last_seen > programs.last_seen THEN excluded.last_seen ELSE programs.last_seen END
                 RETURNING id",
                &[Val::Text(k.clone()), Val::Text(p.name.clone()), Val::Text(seen.clone())],
            )?;
            let pid = r.first().and_then(|r| r[0].as_int()).ok_or_else(|| Error::query("no program id returned"))?;
            self.db.exec("INSERT INTO program_aliases (program_id, alias) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[Val::Int(pid), Val::Text(p.name.clone())])?;
            program_ids.push((k, pid));
            self.mention(&id, "program", &p.name, None, None, None, None, None, None, None, None, p.start, p.end, Some(pid), None)?;
        }
        for a in &x.amounts {
            let about_key = a.about.as_deref().map(key);
            let pid = about_key.and_then(|ak| program_ids.iter().filter(|(k, _)| ak.contains(k.as_str())).max_by_key(|(k, _)| k.len()).map(|(_, id)| *id));
            let bound = a.bound.map(|b| format!("{b:?}").to_lowercase());
            self.mention(&id, "amount", &a.text, Some(a.value.to_string()), Some(a.value as f64), Some(&a.currency), None, None, a.about.as_deref(), bound.as_deref(), Some(a.approx), a.start, a.end, pid, a.region.as_deref())?;
        }
        for c in &x.counts {
            let bound = c.bound.map(|b| format!("{b:?}").to_lowercase());
            self.mention(&id, "count", &c.text, Some(c.value.to_string()), Some(c.value as f64), Some(&c.counter), None, c.noun.as_deref(), None, bound.as_deref(), None, c.start, c.end, None, None)?;
        }
        for y in &x.years {
            let role = format!("{:?}", y.role).to_lowercase();
            self.mention(&id, "year", &y.text, Some(y.year.to_string()), Some(f64::from(y.year)), None, Some(&role), None, None, None, None, y.start, y.end, None, None)?;
        }
        for p in &x.percentages {
            self.mention(&id, "percentage", &p.text, Some(p.value.to_string()), Some(p.value), Some(p.unit), None, None, None, None, None, p.start, p.end, None, None)?;
        }
        // Regions: the mention (value and region are its code, unit its
        // level), and the region's row, so exports name it without the gazetteer.
        for r in &x.regions {
            if let (Some(code), Some(name), Some(level)) = (&r.code, &r.name, r.level) {
                let sido = if level == "sido" { code.as_str() } else { &code[..2] };
                self.db.exec(
                    "INSERT INTO regions (code, level, name, sido) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, sido = excluded.sido",
                    &[Val::Text(code.clone()), Val::Text(level.into()), Val::Text(name.clone()), Val::Text(sido.into())],
                )?;
            }
            self.mention(&id, "region", &r.text, r.code.clone(), None, r.level, None, None, None, None, None, r.start, r.end, None, r.code.as_deref())?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn mention(
        &mut self,
        article: &Val,
        kind: &str,
        text: &str,
        value: Option<String>,
        value_num: Option<f64>,
        unit: Option<&str>,
        role: Option<&str>,
        noun: Option<&str>,
        about: Option<&str>,
        bound: Option<&str>,
        approx: Option<bool>,
        start: usize,
        end: usize,
        program: Option<i64>,
        region: Option<&str>,
    ) -> Result<(), Error> {
        self.db
            .exec(
                "INSERT INTO mentions (article_id, kind, text, value, value_num, unit, role, noun, about, bound, approx, start_pos, end_pos, program_id, region)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                &[
                    article.clone(),
                    Val::Text(kind.into()),
                    Val::Text(text.into()),
                    Val::text(value.as_deref()),
                    value_num.map_or(Val::NullReal, Val::Real),
                    Val::text(unit),
                    Val::text(role),
                    Val::text(noun),
                    Val::text(about),
                    Val::text(bound),
                    Val::int(approx.map(i64::from)),
                    Val::Int(start as i64),
                    Val::Int(end as i64),
                    Val::int(program),
                    Val::text(region),
                ],
            )
            .map(|_| ())
    }

    /// Articles whose mentions came from another extractor version than
    /// `current` (rules or user dictionary changed since), without mentions.
    pub fn stale_articles(&mut self, current: &str) -> Result<Vec<Record>, Error> {
        let rows = self.db.query(
            "SELECT id, url, outlet, title, published, fetched_at, text, extractor_version FROM articles WHERE extractor_version <> $1 ORDER BY id",
            &[Val::Text(current.into())],
        )?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let t = |i: usize| r[i].as_text().map(str::to_string);
                Record {
                    schema_version: crate::output::SCHEMA_VERSION,
                    id: t(0).unwrap_or_default(),
                    extractor_version: t(7).unwrap_or_default(),
                    source: crate::output::Source { url: t(1), outlet: t(2), fetched_at: t(5), ..Default::default() },
                    title: t(3),
                    published: t(4),
                    text: t(6).unwrap_or_default(),
                    extraction: Default::default(),
                    dropped: None,
                }
            })
            .collect())
    }

    pub(crate) fn rows(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Vec<Val>>, Error> {
        self.db.query(sql, params)
    }

    /// The program names this database has seen in at least `min_articles`
    /// articles, as a `program_names.txt` text with each name's article
    /// count (`gisa programs --lexicon`; `--programs-from` and `gisa run`
    /// read it back as learned names).
    pub fn program_lexicon(&mut self, min_articles: u64) -> Result<String, Error> {
        let rows = self.db.query(
            "SELECT p.name, COUNT(DISTINCT m.article_id) FROM programs p JOIN mentions m ON m.program_id = p.id AND m.kind = 'program'
             GROUP BY p.id, p.name ORDER BY p.name",
            &[],
        )?;
        let names: Vec<(String, u64)> = rows
            .iter()
            .filter_map(|r| Some((r[0].as_text()?.to_string(), u64::try_from(r[1].as_int()?).ok()?)))
            .filter(|(_, n)| *n >= min_articles.max(1))
            .collect();
        Ok(gisa_core::program_names::write(&names))
    }

    /// How many rows each table holds (for summaries and tests).
    pub fn counts(&mut self) -> Result<Value, Error> {
        let mut out = serde_json::Map::new();
        for table in ["articles", "stories", "mentions", "programs", "regions"] {
            let n = self.db.query(&format!("SELECT COUNT(*) FROM {table}"), &[])?.first().and_then(|r| r[0].as_int()).unwrap_or(0);
            out.insert(table.into(), n.into());
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://gisa:s3cr3t@db.example:5432/gisa"), "postgres://gisa:***@db.example:5432/gisa");
        assert_eq!(redact("postgres://gisa@localhost/gisa"), "postgres://gisa@localhost/gisa");
        assert_eq!(redact("gisa.db"), "gisa.db");
        assert_eq!(redact("host=db dbname=gisa user=gisa password=s3cr3t sslmode=disable"), "host=db dbname=gisa user=gisa password=*** sslmode=disable");
        assert_eq!(redact("host=db password = 'a b\\' c' port=5"), "host=db password = *** port=5");
        assert_eq!(redact("postgres://db/gisa?user=gisa&password=s3cr3t&sslmode=disable"), "postgres://db/gisa?user=gisa&password=***&sslmode=disable");
    }

    #[test]
    fn libpq_keyword_strings_are_postgres_not_a_file() {
        assert_eq!(sqlite_path("host=localhost dbname=gisa password=x"), None);
        assert_eq!(sqlite_path(" user = gisa"), None);
        assert_eq!(sqlite_path("postgresql://h/db"), None);
        assert_eq!(sqlite_path("sqlite://a=b.db"), Some(PathBuf::from("a=b.db")));
        assert_eq!(sqlite_path("data/gisa.db"), Some(PathBuf::from("data/gisa.db")));
        assert!(missing_database("host=localhost dbname=gisa").is_none());
        assert!(missing_database("/nonexistent/gisa.db").unwrap().starts_with("no database at /nonexistent/gisa.db"));
    }
}
