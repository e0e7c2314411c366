//! Finding fixtures: `NAME.txt` or `NAME.html` beside `NAME.expected.json`.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Fixture {
    /// `NAME`, the article file name without its extension.
    pub name: String,
    pub article: PathBuf,
    pub expected_path: PathBuf,
    /// `None` when no expected file exists yet (`--bless` writes one).
    pub expected: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureError(pub String);

impl std::fmt::Display for FixtureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FixtureError {}

const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Every article file directly in `dir`, sorted by name, with its expected
/// file parsed. A malformed expected file is an error naming its line.
pub fn discover(dir: &Path) -> Result<Vec<Fixture>, FixtureError> {
    let entries = std::fs::read_dir(dir).map_err(|e| FixtureError(format!("cannot read {}: {e}", dir.display())))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| FixtureError(format!("cannot read {}: {e}", dir.display())))?.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else { continue };
        if !path.is_file() || !ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else { continue };
        let expected_path = dir.join(format!("{name}.expected.json"));
        let expected = match crate::lexicon::read_text(&expected_path) {
            Ok(s) => {
                let value = serde_json::from_str(&s).map_err(|e| {
                    FixtureError(format!("{}:{}: not valid JSON: {e}", expected_path.display(), e.line()))
                })?;
                // Valid JSON that scoring would misread: an unknown key or a wrong type.
                super::schema::check(&s).map_err(|e| FixtureError(format!("{}:{e}", expected_path.display())))?;
                Some(value)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(FixtureError(format!("cannot read {}: {e}", expected_path.display()))),
        };
        out.push(Fixture { name, article: path, expected_path, expected });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    if out.is_empty() {
        return Err(FixtureError(format!("{} holds no fixtures (NAME.txt or NAME.html)", dir.display())));
    }
    Ok(out)
}
