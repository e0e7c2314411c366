//! Hostile inputs (issue 15), through the real binary: one bad input never
//! costs the batch. Each test puts good inputs around the bad one and checks
//! that the good ones still give their records, the bad one gives one SPEC
//! error object (or its record), and the exit status says whether any failed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use super::{crawl_config, frontier_rows, gisa, jsonl, outlet, tempdir};

const GOOD: &str = "도는 2027년까지 80개 사업에 9700억원을 투자한다.";

fn good_file(dir: &Path) -> PathBuf {
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    good
}

fn amount(record: &Value) -> Option<u64> {
    record["amounts"][0]["value"].as_u64()
}

fn error(record: &Value) -> &str {
    record["error"].as_str().unwrap_or_default()
}

/// Runs `gisa` with `input` on stdin.
fn with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: gisa may stop reading (a limit) before the end.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn archive_lines(n: usize) -> String {
    (1..=n).map(|i| format!("{{\"text\":\"도는 {i}억원을 투자한다.\"}}\n")).collect()
}

// ---- 1. no stack overflow on deep trees ----

/// The issue's page (20,000 unclosed `<span>`s) and one a million elements
/// deep, after a good file: no abort; the good record is written, and each
/// deep page gives its record (the spans are inline text of the article).
#[test]
fn deeply_nested_pages_do_not_overflow_the_stack() {
    let dir = tempdir("hostile_deep");
    let good = good_file(&dir);
    let head: String = (1..=5).map(|i| format!("<p>도는 {i}단계 사업에 1039억원을 투자한다고 밝혔다. 사업은 2027년까지 이어진다.</p>")).collect();
    let head = format!("<html><body><article>{head}");
    let issue = dir.join("spans.html");
    std::fs::write(&issue, head.clone() + &"<span>x".repeat(20_000) + "</article></body></html>").unwrap();
    let deep = dir.join("deep.html");
    std::fs::write(&deep, head + &"<b><span>x ".repeat(500_000) + "</article></body></html>").unwrap();
    let out = gisa().arg("extract").args([&good, &issue, &deep]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(amount(&lines[0]), Some(970_000_000_000));
    for deep in &lines[1..] {
        assert_eq!(amount(deep), Some(103_900_000_000), "{}", error(deep));
        assert!(deep["text"].as_str().unwrap().contains("xxx") || deep["text"].as_str().unwrap().contains("x x x"));
    }
}
