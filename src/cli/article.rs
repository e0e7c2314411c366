//! `gisa article`: the cleaned article of each page or file, without
//! extracting, to check what the cleaner keeps (and with --explain, what it
//! dropped and why).

use std::io::Write;
use std::process::ExitCode;

use gisa_batch::input::{self, DEFAULT_MAX_BYTES};
use gisa_batch::read::clean_input;
use gisa_core::article::DroppedLine;
use gisa_core::pipeline::Cleaned;

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files (.html, .txt), http(s) URLs, or - for stdin.
    #[arg(default_value = "-")]
    paths: Vec<String>,
    /// `text` for reading, `jsonl` for machines.
    #[arg(long, value_enum, default_value_t = ArticleFormat::Text)]
    format: ArticleFormat,
    #[command(flatten)]
    rules: Rules,
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Also list every line left out of the text, with the rule that
    /// dropped it (furniture.txt:12, masthead, repeated-paragraph …).
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ArticleFormat {
    Text,
    Jsonl,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Cleaning needs the rules only, not the 82 MB tokenizer.
    let lexicon = args.rules.lexicon()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for item in &input::expand(&args.paths) {
        let result = item
            .as_ref()
            .map_err(|e| e.message.clone())
            .and_then(|inp| clean_input(&lexicon.cleaning, inp, args.max_bytes).map(|c| (inp.label(), c)).map_err(|e| e.to_string()));
        let (label, c) = match result {
            Ok(ok) => ok,
            Err(message) => {
                failed += 1;
                eprintln!("gisa: {message}");
                continue;
            }
        };
        let shown = match args.format {
            ArticleFormat::Jsonl => writeln!(out, "{}", as_json(label, &c, args.explain)),
            ArticleFormat::Text => write!(out, "{}", as_text(label, &c, args.explain)),
        };
        if shown.is_err() {
            return Ok(ExitCode::SUCCESS); // stdout closed (a pager quit)
        }
    }
    let _ = out.flush();
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn as_json(label: Option<&str>, c: &Cleaned, explain: bool) -> serde_json::Value {
    let a = &c.article;
    let mut v = serde_json::json!({"path": label, "title": a.title, "published": a.published, "outlet": a.outlet,
        "url": a.url, "encoding": c.encoding, "replacement_chars": c.replacements, "html": c.html, "text": a.text});
    if explain {
        v["dropped"] = serde_json::json!(a.dropped);
    }
    v
}

fn as_text(label: Option<&str>, c: &Cleaned, explain: bool) -> String {
    let a = &c.article;
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let undecodable = if c.replacements > 0 { format!(" ({} undecodable characters)", c.replacements) } else { String::new() };
    let mut s = format!(
        "== {}\ntitle: {}\npublished: {}\noutlet: {}\nurl: {}\nencoding: {}{undecodable}\n\n{}\n\n",
        label.unwrap_or("stdin"),
        show(&a.title),
        show(&a.published),
        show(&a.outlet),
        show(&a.url),
        c.encoding,
        a.text
    );
    if explain {
        s.push_str(&dropped_listing(&a.dropped));
    }
    s
}

/// One line per dropped line, with its rule.
fn dropped_listing(dropped: &[DroppedLine]) -> String {
    let mut s = format!("dropped: {} lines\n", dropped.len());
    for d in dropped {
        s.push_str(&format!("  {:>5}  {:<40}  {}\n", d.line, d.rule, d.text));
    }
    s + "\n"
}
