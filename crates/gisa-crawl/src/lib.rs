//! Fetching pages from the web: `fetch` is one polite GET for a URL named on
//! the command line; the crawler of configured sources is `config` (the
//! sources file), `canon` (canonical URLs), `frontier` (every URL's state,
//! resumable), `http` (conditional GETs and answer classes), `discover`
//! (links in feeds, sitemaps, list pages) and `run` (politeness and workers).

// The core modules this crate builds on, under their old `crate::` paths.
use gisa_core::{article, decode, lexicon, output, pipeline, workqueue};

pub mod canon;
pub mod config;
pub mod discover;
pub mod fetch;
pub mod frontier;
pub mod http;
pub mod jsonl;
pub mod nightly;
pub mod run;

pub mod page;

pub use gisa_core::output::timestamp_now;
