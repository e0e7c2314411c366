//! gisa (기사): Korean regional press articles → structured data.
//!
//! The pipeline, in module order: `input` (files, stdin) → `article` (clean
//! body text and metadata) → `morph` (Lindera ko-dic) → `extract` (one module
//! per kind of mention, on the `numbers` grammar and `normalize`d chars) →
//! `output` (SPEC JSON). `lexicon` holds the rules kept as data in
//! `dictionaries/`; `pipeline` ties one article through all of it.

pub mod archive;
pub mod article;
pub mod batch;
pub mod crawl;
pub mod decode;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod lexicon;
pub mod morph;
pub mod nightly;
pub mod normalize;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod store;
pub mod workqueue;
