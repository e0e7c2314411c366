//! gisa-core (기사): Korean regional press articles → structured data, with
//! no network, database or terminal behind it.
//!
//! The pipeline, in module order: `decode` (bytes in any Korean encoding →
//! text) → `article` (clean body text and metadata, from HTML or text) →
//! `morph` (Lindera ko-dic) → `extract` (one module per kind of mention, on
//! the `numbers` grammar and `normalize`d chars) → `output` (the SPEC
//! record). `lexicon` holds the rules kept as data in `dictionaries/`
//! (`gazetteer` the regions table among them);
//! `pipeline` ties one article through all of it; `workqueue` runs many
//! items on every core in order.
//!
//! # The front door
//!
//! Build one [`Extractor`] (it loads the dictionary) and share it; clean
//! each input into an [`Article`]; extract its [`Record`].
//!
//! ```
//! use gisa_core::{Article, Extractor, Rules};
//!
//! let extractor = Extractor::with_rules(Rules::builtin())?;
//! let article = Article::from_text("도는 2027년까지 80개 사업에 3조 2천 638억원을 투자한다.");
//! let record = extractor.extract(&article);
//!
//! let amount = &record.extraction.amounts[0];
//! assert_eq!(amount.value, 3_263_800_000_000);
//! assert_eq!(amount.currency, "KRW");
//! assert_eq!(record.extraction.counts[0].value, 80);
//! assert_eq!(record.extraction.years[0].year, 2027);
//! // The JSON object of the SPEC:
//! let json = serde_json::to_value(&record).unwrap();
//! assert_eq!(json["amounts"][0]["text"], "3조 2천 638억원");
//! # Ok::<(), gisa_core::Error>(())
//! ```

#![warn(missing_docs)]

pub mod article;
pub mod decode;
mod error;
pub mod extract;
mod front;
pub mod gazetteer;
pub mod lexicon;
pub mod morph;
pub mod normalize;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod program_names;
pub mod workqueue;

pub use error::{Error, ErrorKind, Result};

pub use article::Article;
pub use lexicon::Lexicon as Rules;
pub use output::Record;
pub use pipeline::Engine as Extractor;
