//! The perturbation suite: every fixture's body (the curated fixtures and
//! both real-article splits) is dressed in the page furniture real sites put
//! around articles — captions between paragraphs, most-read boxes, cut
//! bylines, mastheads, hard wrapping, cut-off text — and the mentions found
//! in the untouched part of the body must not change. Cleaning that drops a
//! body line for where it sits shows up here as lost mentions.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::engine;

const CAPTIONS: [&str; 3] = ["자율작업 트랙터. 사진=한국지능정보사회진흥원", "행사 참석자들이 기념촬영을 하고 있다. /사진=강원일보DB", "시청 전경. ⓒ 경상북도 제공"];

const FOOTER_BOXES: [&str; 3] = [
    "많이 본 뉴스\n1 익산 국가식품클러스터 분양률 95% 돌파\n2 도, 내년 국비 9조원 확보 총력\n3 시의회 임시회 개회",
    "관련기사\n스마트팜 혁신밸리 2곳 추가 선정\n도, 2030년까지 1조원 투입 계획",
    "댓글 많은 뉴스\n군, 농촌협약 공모 선정…국비 300억원\n시민 500명 참여 토론회 열려",
];

const BYLINE: &str = "최두선 기자 cds0817@";
const MASTHEAD: &str = "경북매일\n홈 > 경제 > 지역경제\n입력 2024.05.06 10:30";

/// A mention reduced to what survives any honest cut around it: the kind and
/// the value (qualifiers and `about` may legitimately change when the words
/// after a mention are cut away).
fn keys(record: &Value, body_limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (list, fields) in [
        ("amounts", &["value", "currency"][..]),
        ("counts", &["value", "counter"][..]),
        ("years", &["year"][..]),
        ("percentages", &["value"][..]),
        ("programs", &["name"][..]),
    ] {
        for m in record[list].as_array().into_iter().flatten() {
            if m["end"].as_u64().unwrap_or(0) as usize > body_limit {
                continue;
            }
            let parts: Vec<String> = fields.iter().map(|f| m[*f].to_string()).collect();
            out.push(format!("{list}:{}", parts.join("|")));
        }
    }
    out
}

/// How many of `expected` are in `got` (multisets), and which are missing.
fn retained(expected: &[String], got: &[String]) -> (usize, Vec<String>) {
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in got {
        *pool.entry(g.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    let mut kept = 0;
    for e in expected {
        match pool.get_mut(e.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                kept += 1;
            }
            _ => missing.push(e.clone()),
        }
    }
    (kept, missing)
}

/// Lines of at most `width` chars, broken at the last space before it (as
/// e-mailed releases and broadcast scripts are).
fn hard_wrap(paragraph: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

/// A small deterministic generator (the same variants on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

struct Variant {
    name: String,
    raw: String,
    /// Mentions of the baseline ending at or before this char of the body are expected.
    body_limit: usize,
}

/// Every variant of one article (title + body paragraphs).
fn variants(title: Option<&str>, body: &str, seed: u64) -> Vec<Variant> {
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    let head = title.map(|t| format!("{t}\n\n")).unwrap_or_default();
    let all = usize::MAX;
    let mut out = Vec::new();
    let mut push = |name: String, raw: String, body_limit: usize| out.push(Variant { name, raw, body_limit });
    for k in 0..paragraphs.len() {
        for (c, caption) in CAPTIONS.iter().enumerate() {
            let mut p = paragraphs.clone();
            let twice = format!("{caption}\n{caption}");
            p.insert(k + 1, if c == 0 { &twice } else { caption });
            push(format!("caption{c} after paragraph {}", k + 1), head.clone() + &p.join("\n\n"), all);
        }
    }
    for (b, box_) in FOOTER_BOXES.iter().enumerate() {
        push(format!("footer box {b}"), format!("{head}{body}\n\n{box_}\n"), all);
    }
    push("byline at the top".into(), format!("{head}{BYLINE}\n{body}"), all);
    push("byline at the end".into(), format!("{head}{body}\n{BYLINE}"), all);
    push("masthead and breadcrumb".into(), format!("{MASTHEAD}\n{head}{body}"), all);
    push("final period removed".into(), head.clone() + body.strip_suffix('.').unwrap_or(body), body.chars().count().saturating_sub(3));
    let wrapped: Vec<String> = paragraphs.iter().map(|p| hard_wrap(p, 38)).collect();
    push("hard-wrapped at 38".into(), head.clone() + &wrapped.join("\n\n"), all);
    push("no blank lines".into(), head.clone() + &paragraphs.join("\n"), all);
    let chars: Vec<char> = body.chars().collect();
    let mut rng = Lcg(seed);
    for _ in 0..10 {
        let cut = 1 + rng.below(chars.len().saturating_sub(1));
        let cut_text: String = chars[..cut].iter().collect();
        // A mention cut through (or its unit word cut off) is not expected back.
        push(format!("cut at char {cut}"), head.clone() + &cut_text, cut.saturating_sub(3));
    }
    out
}

fn fixture_texts() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("real/dev"), root.join("real/test")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mentions_survive_page_furniture_around_every_fixture() {
    let engine = engine();
    let (mut total, mut kept, mut variants_run) = (0usize, 0usize, 0usize);
    let mut worst: Vec<(f64, String, Vec<String>)> = Vec::new();
    for (n, path) in fixture_texts().iter().enumerate() {
        let raw = std::fs::read_to_string(path).unwrap();
        let first = engine.process_text(&raw, None);
        // The baseline is the article as cleaning presents it: title, then body.
        let canonical = match &first.title {
            Some(t) => format!("{t}\n\n{}", first.text),
            None => first.text.clone(),
        };
        let base = serde_json::to_value(engine.process_text(&canonical, None)).unwrap();
        let body = base["text"].as_str().unwrap().to_string();
        let title = base["title"].as_str().map(str::to_string);
        for v in variants(title.as_deref(), &body, n as u64 + 1) {
            let expected = keys(&base, v.body_limit);
            let got = keys(&serde_json::to_value(engine.process_text(&v.raw, None)).unwrap(), usize::MAX);
            let (k, missing) = retained(&expected, &got);
            total += expected.len();
            kept += k;
            variants_run += 1;
            if !missing.is_empty() {
                let name = format!("{} — {}", path.file_name().unwrap().to_string_lossy(), v.name);
                worst.push((k as f64 / expected.len() as f64, name, missing));
            }
        }
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let retention = kept as f64 / total.max(1) as f64;
    println!("perturbation suite: {variants_run} variants, {kept}/{total} mentions retained ({:.4})", retention);
    for (r, name, missing) in worst.iter().take(15) {
        println!("  {r:.3}  {name}: missing {}", missing.join(", "));
    }
    assert!(variants_run >= 2000, "only {variants_run} variants");
    assert!(retention >= 0.995, "mention retention {retention:.4} is below 0.995 (worst variants above)");
}
