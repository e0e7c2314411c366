//! Fetching pages from the web: `fetch` is one polite GET for a URL named on
//! the command line; the crawler of configured sources is `config` (the
//! sources file), `canon` (canonical URLs), `frontier` (every URL's state,
//! resumable), `http` (conditional GETs and answer classes), `discover`
//! (links in feeds, sitemaps, list pages) and `run` (politeness and workers).

pub mod canon;
pub mod config;
pub mod discover;
pub mod fetch;
pub mod frontier;
pub mod http;
pub mod run;

/// Now, as RFC 3339 UTC ("2026-11-22T01:00:00Z").
pub fn timestamp_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
