//! Fetching pages from the web: `fetch` is one polite GET for a URL named on
//! the command line; the crawler of configured sources is `config` (the
//! sources file), `canon` (canonical URLs), `frontier` (every URL's state,
//! resumable), `http` (conditional GETs and answer classes), `discover`
//! (links in feeds, sitemaps, list pages), `sched` (which host is asked
//! next, and when: politeness), `run` (the async dispatcher on tokio) and
//! `process` (what becomes of each answer, on the rayon pool).

// The core modules this crate builds on, under their old `crate::` paths.
use gisa_core::{article, decode, lexicon, output, pipeline, workqueue};

pub mod canon;
pub mod config;
pub mod discover;
pub mod error;
pub mod fetch;
pub mod frontier;
pub mod http;
pub mod jsonl;
pub mod nightly;
mod process;
pub mod run;
pub mod sched;

pub mod page;

pub use error::{Error, ErrorKind, Result};
pub use gisa_core::output::timestamp_now;
