//! `gisa eval`: run every fixture, score it against its hand-checked
//! expected file, compare with the thresholds, and (with `--bless`) rewrite
//! the expected files after review. Scoring arithmetic, fixture discovery,
//! thresholds, the report and blessing each live in their own module.

// The core modules this crate builds on, under their old `crate::` paths.
use gisa_core::{lexicon, pipeline};

mod bless;
mod fixtures;
mod report;
mod run;
mod schema;
mod score;
mod thresholds;

pub use bless::{bless_plan, BlessPlan};
pub use fixtures::{discover, Fixture, FixtureError};
pub use report::{render_json, render_text, EvalReport, FixtureResult};
pub use run::run_fixtures;
pub use score::{score_field, score_fixture, Field, Score, FIELDS};
pub use thresholds::{Thresholds, ThresholdError};
