//! Running every fixture through the engine (in parallel) and scoring it.

use rayon::prelude::*;
use serde_json::Value;

use super::fixtures::Fixture;
use super::report::FixtureResult;
use super::score::score_fixture;
use gisa_batch::input::{Input, DEFAULT_MAX_BYTES};
use gisa_batch::read::process_input;
use crate::pipeline::Engine;

/// Each fixture's score, and its current output (for `--bless`); a fixture
/// that cannot be read has an error and no output.
pub fn run_fixtures(engine: &Engine, fixtures: Vec<Fixture>) -> (Vec<FixtureResult>, Vec<(Fixture, Value)>) {
    let outputs: Vec<(Fixture, Result<Value, gisa_batch::Error>)> = fixtures
        .into_par_iter()
        .map(|f| {
            let inp = Input::File { label: f.article.display().to_string(), path: f.article.clone() };
            let out = process_input(engine, &inp, DEFAULT_MAX_BYTES).map(|r| serde_json::to_value(r).expect("records always serialise"));
            (f, out)
        })
        .collect();
    let mut results = Vec::new();
    let mut actuals = Vec::new();
    for (fixture, out) in outputs {
        let (scores, error) = match (&out, &fixture.expected) {
            (Err(e), _) => (Vec::new(), Some(e.to_string())),
            (Ok(_), None) => (Vec::new(), Some(format!("no expected file {} (write one, or --bless)", fixture.expected_path.display()))),
            (Ok(actual), Some(expected)) => (score_fixture(expected, actual), None),
        };
        results.push(FixtureResult { name: fixture.name.clone(), scores, error });
        if let Ok(actual) = out {
            actuals.push((fixture, actual));
        }
    }
    (results, actuals)
}
