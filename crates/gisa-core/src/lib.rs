//! gisa-core (기사): Korean regional press articles → structured data, with
//! no network, database or terminal behind it.
//!
//! The pipeline, in module order: `decode` (bytes in any Korean encoding →
//! text) → `article` (clean body text and metadata, from HTML or text) →
//! `morph` (Lindera ko-dic) → `extract` (one module per kind of mention, on
//! the `numbers` grammar and `normalize`d chars) → `output` (the SPEC
//! record). `lexicon` holds the rules kept as data in `dictionaries/`;
//! `pipeline` ties one article through all of it; `workqueue` runs many
//! items on every core in order.

pub mod article;
pub mod decode;
pub mod extract;
pub mod lexicon;
pub mod morph;
pub mod normalize;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod workqueue;
