//! Batch processing: `input` (files, directories, URLs, stdin, each read
//! with a size bound) → `archive` (JSON Lines and gzip archives, one article
//! per record) → `batch` (every core, records in input order, one error
//! object per bad input, a progress bar on a terminal).

// The modules this crate builds on, under their old `crate::` paths.
use gisa_core::{article, lexicon, output, pipeline, workqueue};
use gisa_crawl as crawl;

pub mod archive;
pub mod batch;
mod error;
pub mod input;
pub mod parquet;
pub mod interrupt;
pub mod read;

pub use error::{Error, ErrorKind};
