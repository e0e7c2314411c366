//! Rebuilding mentions from stored text when the rules changed: every
//! article whose `extractor_version` is not the engine's is extracted again
//! from its stored text (no refetching) and stored under the new version.

use gisa_core::extract::extract_with;
use gisa_core::pipeline::Engine;

use crate::Store;

/// What one re-extraction pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reextracted {
    pub done: u64,
    /// (article id, why it could not be stored).
    pub failed: Vec<(String, String)>,
}

/// Re-extracts every stale article; one article's failure is recorded and
/// the rest go on.
pub fn reextract_stale(store: &mut Store, engine: &Engine) -> Result<Reextracted, crate::Error> {
    let mut out = Reextracted::default();
    for mut record in store.stale_articles(&engine.extractor_version)? {
        record.extraction = extract_with(&record.text, &engine.morph, &engine.lexicon.extraction, false);
        record.extractor_version = engine.extractor_version.clone();
        match store.put(&record) {
            Ok(_) => out.done += 1,
            Err(e) => out.failed.push((record.id.clone(), e.to_string())),
        }
    }
    Ok(out)
}
