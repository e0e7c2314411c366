//! The eval report: per-field totals with their thresholds, and per fixture
//! what was missed and what was extra; as a coloured table or as JSON.

use anstyle::{AnsiColor, Style};
use serde_json::{json, Value};

use super::score::{Score, FIELDS};
use super::thresholds::Thresholds;

#[derive(Debug, Clone)]
pub struct FixtureResult {
    pub name: String,
    pub scores: Vec<(&'static str, Score)>,
    /// The fixture could not be run or has no expected file.
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EvalReport {
    pub fixtures: Vec<FixtureResult>,
    /// Summed over fixtures, in `FIELDS` order; only fields some fixture scores.
    pub totals: Vec<(&'static str, Score)>,
    /// Thresholds not met and fixtures that failed, one line each.
    pub failures: Vec<String>,
    pub thresholds: Thresholds,
}

impl EvalReport {
    pub fn build(fixtures: Vec<FixtureResult>, thresholds: Thresholds) -> EvalReport {
        let mut totals: Vec<(&'static str, Score)> = Vec::new();
        for field in FIELDS.iter() {
            let mut total: Option<Score> = None;
            for f in &fixtures {
                if let Some((_, s)) = f.scores.iter().find(|(n, _)| *n == field.name) {
                    total.get_or_insert_with(Score::default).add(s);
                }
            }
            if let Some(t) = total {
                totals.push((field.name, t));
            }
        }
        let mut failures: Vec<String> =
            fixtures.iter().filter_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.name))).collect();
        for (name, score) in &totals {
            failures.extend(thresholds.failures(name, score));
        }
        // A threshold for a field no fixture scores cannot be met silently.
        for name in thresholds.min_f1.keys().chain(thresholds.min_precision.keys()).chain(thresholds.min_recall.keys()) {
            if !totals.iter().any(|(n, _)| n == name) {
                failures.push(format!("{name}: has a threshold but no fixture scores it"));
            }
        }
        failures.dedup();
        EvalReport { fixtures, totals, failures, thresholds }
    }

    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    fn threshold_label(&self, field: &str) -> String {
        let mut parts = Vec::new();
        for (what, map) in [("F1", &self.thresholds.min_f1), ("P", &self.thresholds.min_precision), ("R", &self.thresholds.min_recall)] {
            if let Some(v) = map.get(field) {
                parts.push(format!("{what}≥{v}"));
            }
        }
        parts.join(" ")
    }
}

const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const BOLD: Style = Style::new().bold();

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

/// The human report, with ANSI colours; the caller writes it through
/// `anstream`, which strips them when stdout is not a terminal.
pub fn render_text(report: &EvalReport) -> String {
    let mut out = String::new();
    for f in &report.fixtures {
        if let Some(e) = &f.error {
            out += &format!("{} {}\n", paint(BOLD, &f.name), paint(RED, e));
            continue;
        }
        let mut lines = Vec::new();
        for (field, s) in &f.scores {
            // The per-role year rows repeat the `years` row's misses.
            if field.starts_with("years.") {
                continue;
            }
            lines.extend(s.missed.iter().map(|m| format!("  {field:14} {}", paint(RED, &format!("- {m}")))));
            lines.extend(s.extra.iter().map(|m| format!("  {field:14} {}", paint(GREEN, &format!("+ {m}")))));
        }
        if !lines.is_empty() {
            out += &format!("{}  (- missed, + extra)\n{}\n", paint(BOLD, &f.name), lines.join("\n"));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out += &paint(BOLD, &format!("{:16}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}  threshold\n", "field", "P", "R", "F1", "TP", "FP", "FN"));
    for (name, s) in &report.totals {
        let limit = report.threshold_label(name);
        let failed = !report.thresholds.failures(name, s).is_empty();
        let row = format!(
            "{name:16}{:>7.3}{:>7.3}{:>7.3}{:>6}{:>6}{:>6}  {limit}",
            s.precision(), s.recall(), s.f1(), s.true_pos, s.false_pos, s.false_neg
        );
        out += &if failed { paint(RED, &row) } else { row };
        out.push('\n');
    }
    let scored = report.fixtures.iter().filter(|f| f.error.is_none()).count();
    out += &format!("\n{} fixtures scored", scored);
    if report.passed() {
        out += &format!(", {}\n", paint(GREEN, "all thresholds met"));
    } else {
        out += &format!(", {}\n", paint(RED, &format!("{} failure(s):", report.failures.len())));
        for f in &report.failures {
            out += &format!("  {}\n", paint(YELLOW, f));
        }
    }
    out
}

fn score_json(s: &Score) -> Value {
    json!({
        "precision": s.precision(), "recall": s.recall(), "f1": s.f1(),
        "tp": s.true_pos, "fp": s.false_pos, "fn": s.false_neg,
        "missed": s.missed, "extra": s.extra,
    })
}

pub fn render_json(report: &EvalReport) -> String {
    let fields: serde_json::Map<String, Value> = report
        .totals
        .iter()
        .map(|(n, s)| {
            let mut v = score_json(s);
            v["passed"] = json!(report.thresholds.failures(n, s).is_empty());
            (n.to_string(), v)
        })
        .collect();
    let fixtures: Vec<Value> = report
        .fixtures
        .iter()
        .map(|f| {
            let scores: serde_json::Map<String, Value> = f.scores.iter().map(|(n, s)| (n.to_string(), score_json(s))).collect();
            json!({"name": f.name, "error": f.error, "fields": scores})
        })
        .collect();
    let v = json!({"passed": report.passed(), "failures": report.failures, "fields": fields, "fixtures": fixtures});
    serde_json::to_string_pretty(&v).expect("JSON values always serialise") + "\n"
}
