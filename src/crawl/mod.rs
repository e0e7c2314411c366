//! Fetching pages from the web: `fetch` is one polite GET for a URL named on
//! the command line; the crawler of configured sources is `config` (the
//! sources file), `canon` (canonical URLs), `frontier` (every URL's state,
//! resumable), `http` (conditional GETs and answer classes), `discover`
//! (links in feeds, sitemaps, list pages), `sched` (which host is asked
//! next, and when: politeness), `run` (the async dispatcher on tokio) and
//! `process` (what becomes of each answer, on the rayon pool).

pub mod canon;
pub mod config;
pub mod discover;
pub mod fetch;
pub mod frontier;
pub mod http;
mod process;
pub mod run;
pub mod sched;

/// Now, as RFC 3339 UTC ("2026-11-22T01:00:00Z").
pub fn timestamp_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
