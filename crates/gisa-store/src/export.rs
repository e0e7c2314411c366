//! The read side: articles, mentions, programs or regions out of the tracking
//! database as JSON Lines or CSV (with an optional UTF-8 BOM so Excel shows
//! Hangul), filtered by outlet, publication date, program or region, and
//! programs grouped by the region their money goes to. Rows come in a total
//! order spelled out for both engines (undated articles last: SQLite puts
//! NULL first by default, PostgreSQL last; then the id), so SQLite and
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
    /// Every region named, with its mentions, articles and the money sent to it.
    Regions,
}

/// How program rows are grouped: one per program (the default), or one per
/// program and region its amounts go to (`--by region`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum By {
    Region,
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
    /// A region code: articles that name it or one of its 시군구 (47 matches
    /// 47 and 47113), in a region mention or an amount's region.
    pub region: Option<String>,
    /// Programs per region (`--by region`).
    pub by: Option<By>,
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
    if let Some(r) = &f.region {
        // Codes are digits (checked by the CLI), so LIKE sees no wildcard but ours.
        params.push(Val::Text(format!("{r}%")));
        c.push(format!("a.id IN (SELECT m.article_id FROM mentions m WHERE m.region LIKE ${})", params.len()));
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

pub fn rows(store: &mut Store, what: What, f: &Filter) -> Result<(Vec<&'static str>, Vec<Map<String, Value>>), crate::Error> {
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
                "program", "region", "region_name",
            ];
            let sql = format!(
                "SELECT a.id, a.url, a.outlet, a.published, m.kind, m.text, m.value, m.unit, m.role, m.noun, m.about, m.bound, m.approx,
                        m.start_pos, m.end_pos, p.name, m.region, rg.name
                 FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN programs p ON p.id = m.program_id
                      LEFT JOIN regions rg ON rg.code = m.region
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
        What::Programs if f.by == Some(By::Region) => {
            let names = vec!["name", "region", "region_name", "amounts", "articles", "stories", "amount_krw"];
            (names, programs_by_region(store, &cond, &params)?)
        }
        What::Programs => {
            let names = vec!["name", "aliases", "first_seen", "last_seen", "mentions", "articles", "stories", "outlets", "amount_krw"];
            (names, programs(store, &cond, &params)?)
        }
        What::Regions => {
            let names = vec!["code", "name", "level", "sido", "mentions", "articles", "stories", "outlets", "amounts", "amount_krw", "first_seen", "last_seen"];
            (names, regions(store, &cond, &params)?)
        }
    })
}

/// The sum of distinct (story, value) pairs: the same story carried by several
/// outlets counts its money once.
fn distinct_total(amounts: &BTreeSet<(i64, String)>) -> u128 {
    amounts.iter().filter_map(|(_, v)| v.parse::<u128>().ok()).sum()
}

/// Each program once per region its amounts go to (an empty region for its
/// amounts that name none), so the rows of a program add up to its total.
fn programs_by_region(store: &mut Store, cond: &str, params: &[Val]) -> Result<Vec<Map<String, Value>>, crate::Error> {
    let sql = format!(
        "SELECT p.key, p.name, m.region, rg.name, m.value, m.unit, a.id, a.story_id
         FROM programs p JOIN mentions m ON m.program_id = p.id AND m.kind = 'amount' JOIN articles a ON a.id = m.article_id
              LEFT JOIN regions rg ON rg.code = m.region
         WHERE {cond} ORDER BY p.key, m.region ASC NULLS LAST, a.id, m.start_pos"
    );
    #[derive(Default)]
    struct Acc {
        name: String,
        region_name: String,
        count: u64,
        articles: BTreeSet<String>,
        stories: BTreeSet<i64>,
        amounts: BTreeSet<(i64, String)>,
    }
    let mut acc: BTreeMap<(String, String), Acc> = BTreeMap::new();
    for r in store.rows(&sql, params)? {
        let t = |i: usize| r[i].as_text().unwrap_or("").to_string();
        let a = acc.entry((t(0), t(2))).or_default();
        a.name = t(1);
        a.region_name = t(3);
        a.count += 1;
        let story = r[7].as_int().unwrap_or(0);
        if t(5) == "KRW" {
            a.amounts.insert((story, t(4)));
        }
        a.articles.insert(t(6));
        a.stories.insert(story);
    }
    Ok(acc
        .into_iter()
        .map(|((_, region), a)| {
            let mut o = Map::new();
            o.insert("name".into(), json!(a.name));
            o.insert("region".into(), json!(region));
            o.insert("region_name".into(), json!(a.region_name));
            o.insert("amounts".into(), json!(a.count));
            o.insert("articles".into(), json!(a.articles.len()));
            o.insert("stories".into(), json!(a.stories.len()));
            o.insert("amount_krw".into(), json!(distinct_total(&a.amounts).to_string()));
            o
        })
        .collect())
}

/// Each region named: its mentions, the articles and stories naming it, and
/// the amounts sent to it (KRW, each story's distinct amounts once).
fn regions(store: &mut Store, cond: &str, params: &[Val]) -> Result<Vec<Map<String, Value>>, crate::Error> {
    let sql = format!(
        "SELECT rg.code, rg.name, rg.level, rg.sido, m.kind, m.value, m.unit, a.id, a.story_id, a.outlet, a.published
         FROM regions rg JOIN mentions m ON m.region = rg.code JOIN articles a ON a.id = m.article_id
         WHERE {cond} ORDER BY rg.code, a.id, m.start_pos"
    );
    #[derive(Default)]
    struct Acc {
        row: Vec<String>,
        mentions: u64,
        amounts: u64,
        articles: BTreeSet<String>,
        stories: BTreeSet<i64>,
        outlets: BTreeSet<String>,
        money: BTreeSet<(i64, String)>,
        first: Option<String>,
        last: Option<String>,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for r in store.rows(&sql, params)? {
        let t = |i: usize| r[i].as_text().unwrap_or("").to_string();
        let a = acc.entry(t(0)).or_default();
        a.row = vec![t(1), t(2), t(3)];
        let story = r[8].as_int().unwrap_or(0);
        match t(4).as_str() {
            "region" => a.mentions += 1,
            "amount" => {
                a.amounts += 1;
                if t(6) == "KRW" {
                    a.money.insert((story, t(5)));
                }
            }
            _ => {}
        }
        a.articles.insert(t(7));
        a.stories.insert(story);
        if let Some(o) = r[9].as_text() {
            a.outlets.insert(o.to_string());
        }
        if let Some(day) = r[10].as_text() {
            a.first = Some(a.first.take().map_or(day.to_string(), |f| f.min(day.to_string())));
            a.last = Some(a.last.take().map_or(day.to_string(), |l| l.max(day.to_string())));
        }
    }
    Ok(acc
        .into_iter()
        .map(|(code, a)| {
            let mut o = Map::new();
            o.insert("code".into(), json!(code));
            o.insert("name".into(), json!(a.row[0]));
            o.insert("level".into(), json!(a.row[1]));
            o.insert("sido".into(), json!(a.row[2]));
            o.insert("mentions".into(), json!(a.mentions));
            o.insert("articles".into(), json!(a.articles.len()));
            o.insert("stories".into(), json!(a.stories.len()));
            o.insert("outlets".into(), json!(a.outlets.into_iter().collect::<Vec<_>>().join("|")));
            o.insert("amounts".into(), json!(a.amounts));
            o.insert("amount_krw".into(), json!(distinct_total(&a.money).to_string()));
            o.insert("first_seen".into(), json!(a.first));
            o.insert("last_seen".into(), json!(a.last));
            o
        })
        .collect())
}

/// Programs with their totals. The same story carried by several outlets is
/// counted once in `stories` and in `amount_krw` (each distinct amount per story).
fn programs(store: &mut Store, cond: &str, params: &[Val]) -> Result<Vec<Map<String, Value>>, crate::Error> {
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
        let total = distinct_total(&a.amounts);
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

pub fn write(out: &mut dyn Write, names: &[&str], rows: &[Map<String, Value>], format: Format, bom: bool) -> Result<(), crate::Error> {
    let err = |e: std::io::Error| crate::Error::new(crate::ErrorKind::Output, format!("cannot write: {e}"));
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
            w.write_record(names).map_err(|e| crate::Error::new(crate::ErrorKind::Output, format!("cannot write the export: {e}")))?;
            for r in rows {
                let record: Vec<String> = names
                    .iter()
                    .map(|n| match r.get(*n) {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Null) | None => String::new(),
                        Some(v) => v.to_string(),
                    })
                    .collect();
                w.write_record(&record).map_err(|e| crate::Error::new(crate::ErrorKind::Output, format!("cannot write the export: {e}")))?;
            }
            w.flush().map_err(err)?;
        }
    }
    Ok(())
}
