//! Extracts one article with gisa-core alone (no crawler, database or CLI):
//! `cargo run -p gisa-core --example extract -- article.txt` (or .html),
//! printing the SPEC record as JSON.

use gisa_core::{Article, Extractor, Rules};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: extract ARTICLE.txt|ARTICLE.html")?;
    let bytes = std::fs::read(&path)?;
    let article = if path.ends_with(".html") || path.ends_with(".htm") {
        Article::from_html(&bytes, None)?
    } else {
        Article::from_text(&String::from_utf8_lossy(&bytes))
    };
    let extractor = Extractor::with_rules(Rules::builtin())?;
    let record = extractor.extract(&article);
    println!("{}", serde_json::to_string_pretty(&record)?);
    Ok(())
}
