//! The read side: articles, mentions or programs out of the tracking
//! database as JSON Lines or CSV (with an optional UTF-8 BOM so Excel shows
//! Hangul), filtered by outlet, publication date or program. Rows come in a
//! total order spelled out for both engines (undated articles last: SQLite
//! puts NULL first by default, PostgreSQL last; then the id), so SQLite and
//! PostgreSQL export the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde_json::{json, Map, Value};

use super::db::Val;
use super::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum What {
    Articles,
    Mentions,
    Programs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub outlet: Option<String>,
    /// Published on or after (YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before.
    pub to: Option<String>,
    /// A program name (spaces ignored).
    pub program: Option<String>,
}

/// `WHERE` conditions on the `articles a` table, with their parameters.
fn article_conditions(f: &Filter, params: &mut Vec<Val>) -> String {
    let mut c = vec!["1 = 1".to_string()];
    if let Some(o) = &f.outlet {
        params.push(Val::Text(o.clone()));
        c.push(format!("a.outlet = ${}", params.len()));
    }
    if let Some(d) = &f.from {
        params.push(Val::Text(d.clone()));
        c.push(format!("a.published >= ${}", params.len()));
    }
    if let Some(d) = &f.to {
        params.push(Val::Text(d.clone()));
        c.push(format!("a.published <= ${}", params.len()));
    }
    if let Some(p) = &f.program {
        params.push(Val::Text(super::key(p)));
        c.push(format!("a.id IN (SELECT m.article_id FROM mentions m JOIN programs p ON p.id = m.program_id WHERE p.key = ${})", params.len()));
    }
    c.join(" AND ")
}

fn cell(v: &Val) -> Value {
    match v {
        Val::Int(i) => json!(i),
        Val::Real(f) => json!(f),
        Val::Text(s) => json!(s),
        _ => Value::Null,
    }
}

fn objects(names: &[&str], rows: Vec<Vec<Val>>) -> Vec<Map<String, Value>> {
    rows.into_iter().map(|r| names.iter().zip(r.iter()).map(|(n, v)| (n.to_string(), cell(v))).collect()).collect()
}

pub fn rows(store: &mut Store, what: What, f: &Filter) -> Result<(Vec<&'static str>, Vec<Map<String, Value>>), String> {
    let mut params = Vec::new();
    let cond = article_conditions(f, &mut params);
    Ok(match what {
        What::Articles => {
            let names = vec!["id", "url", "outlet", "title", "published", "fetched_at", "story_id", "extractor_version", "content_hash", "text"];
            let sql = format!(
                "SELECT a.id, a.url, a.outlet, a.title, a.published, a.fetched_at, a.story_id, a.extractor_version, a.content_hash, a.text
                 FROM articles a WHERE {cond} ORDER BY a.published ASC NULLS LAST, a.id"
            );
            let rows = store.rows(&sql, &params)?;
            (names.clone(), objects(&names, rows))
        }
        What::Mentions => {
            let names = vec![
                "article_id", "url", "outlet", "published", "kind", "text", "value", "unit", "role", "noun", "about", "bound", "approx", "start", "end",
                "program",
            ];
            let sql = format!(
                "SELECT a.id, a.url, a.outlet, a.published, m.kind, m.text, m.value, m.unit, m.role, m.noun, m.about, m.bound, m.approx,
                        m.start_pos, m.end_pos, p.name
                 FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN programs p ON p.id = m.program_id
                 WHERE {cond} ORDER BY a.published ASC NULLS LAST, a.id, m.start_pos, m.kind, m.end_pos, m.id"
            );
            let rows = store.rows(&sql, &params)?;
            let mut objs = objects(&names, rows);
            for o in &mut objs {
                if let Some(Value::Number(n)) = o.get("approx") {
                    let b = n.as_i64() == Some(1);
                    o.insert("approx".into(), json!(b));
                }
            }
            (names, objs)
        }
        What::Programs => {
            let names = vec!["name", "aliases", "first_seen", "last_seen", "mentions", "articles", "stories", "outlets", "amount_krw"];
            (names, programs(store, &cond, &params)?)
        }
    })
}

/// Programs with their totals. The same story carried by several outlets is
/// counted once in `stories` and in `amount_krw` (each distinct amount per story).
fn programs(store: &mut Store, cond: &str, params: &[Val]) -> Result<Vec<Map<String, Value>>, String> {
    let sql = format!(
        "SELECT p.key, p.name, p.first_seen, p.last_seen, m.kind, m.value, m.unit, a.id, a.story_id, a.outlet
         FROM programs p JOIN mentions m ON m.program_id = p.id JOIN articles a ON a.id = m.article_id
         WHERE {cond} ORDER BY p.key, a.id, m.start_pos"
    );
    let rows = store.rows(&sql, params)?;
    #[derive(Default)]
    struct Acc {
        name: String,
        first: String,
        last: String,
        mentions: u64,
        articles: BTreeSet<String>,
        stories: BTreeSet<i64>,
        outlets: BTreeSet<String>,
        amounts: BTreeSet<(i64, String)>,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for r in rows {
        let t = |i: usize| r[i].as_text().unwrap_or("").to_string();
        let a = acc.entry(t(0)).or_default();
        a.name = t(1);
        a.first = t(2);
        a.last = t(3);
        let story = r[8].as_int().unwrap_or(0);
        if t(4) == "program" {
            a.mentions += 1;
        } else if t(4) == "amount" && t(6) == "KRW" {
            a.amounts.insert((story, t(5)));
        }
        a.articles.insert(t(7));
        a.stories.insert(story);
        if let Some(o) = r[9].as_text() {
            a.outlets.insert(o.to_string());
        }
    }
    let mut out = Vec::new();
    for (key, a) in acc {
        let aliases = store.rows(
            "SELECT pa.alias FROM program_aliases pa JOIN programs p ON p.id = pa.program_id WHERE p.key = $1 ORDER BY pa.alias",
            &[Val::Text(key.clone())],
        )?;
        let total: u128 = a.amounts.iter().filter_map(|(_, v)| v.parse::<u128>().ok()).sum();
        let mut o = Map::new();
        o.insert("name".into(), json!(a.name));
        o.insert("aliases".into(), json!(aliases.iter().filter_map(|r| r[0].as_text()).collect::<Vec<_>>().join("|")));
        o.insert("first_seen".into(), json!(a.first));
        o.insert("last_seen".into(), json!(a.last));
        o.insert("mentions".into(), json!(a.mentions));
        o.insert("articles".into(), json!(a.articles.len()));
        o.insert("stories".into(), json!(a.stories.len()));
        o.insert("outlets".into(), json!(a.outlets.into_iter().collect::<Vec<_>>().join("|")));
        o.insert("amount_krw".into(), json!(total.to_string()));
        out.push(o);
    }
    Ok(out)
}

pub fn write(out: &mut dyn Write, names: &[&str], rows: &[Map<String, Value>], format: Format, bom: bool) -> Result<(), String> {
    let err = |e: std::io::Error| format!("cannot write: {e}");
    match format {
        Format::Jsonl => {
            for r in rows {
                writeln!(out, "{}", Value::Object(r.clone())).map_err(err)?;
            }
        }
        Format::Csv => {
            if bom {
                out.write_all("\u{FEFF}".as_bytes()).map_err(err)?;
            }
            let mut w = csv::Writer::from_writer(out);
            w.write_record(names).map_err(|e| e.to_string())?;
            for r in rows {
                let record: Vec<String> = names
                    .iter()
                    .map(|n| match r.get(*n) {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Null) | None => String::new(),
                        Some(v) => v.to_string(),
                    })
                    .collect();
                w.write_record(&record).map_err(|e| e.to_string())?;
            }
            w.flush().map_err(err)?;
        }
    }
    Ok(())
}
