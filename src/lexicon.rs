//! Rules and word lists kept as data in `dictionaries/`, so a tuner edits a
//! text file instead of Rust. The shipped copies are embedded as defaults;
//! `Lexicon::from_dir` reads another set at run time.

use std::collections::HashSet;
use std::path::Path;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterKind {
    /// Counts whatever noun the sentence names (80개 사업).
    Generic,
    /// Already says what is counted (431개사, 5만명).
    SelfContained,
}

#[derive(Debug, Clone)]
pub struct Counter {
    pub surface: String,
    pub kind: CounterKind,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Longest surface first, so 개사 wins over 개.
    pub counters: Vec<Counter>,
    pub program_words: HashSet<String>,
    pub generic_modifiers: HashSet<String>,
    pub particles: HashSet<String>,
    pub furniture: Vec<Regex>,
    pub footer_markers: Vec<Regex>,
}

/// `file:line: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

const FILES: [(&str, &str); 6] = [
    ("counters.csv", include_str!("../dictionaries/counters.csv")),
    ("program_words.txt", include_str!("../dictionaries/program_words.txt")),
    ("generic_modifiers.txt", include_str!("../dictionaries/generic_modifiers.txt")),
    ("particles.txt", include_str!("../dictionaries/particles.txt")),
    ("furniture.txt", include_str!("../dictionaries/furniture.txt")),
    ("footer_markers.txt", include_str!("../dictionaries/footer_markers.txt")),
];

/// The embedded copy of one rule file.
fn builtin_file(name: &str) -> String {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, s)| s.to_string()).unwrap_or_default()
}

/// Non-blank, non-comment lines with their 1-based line numbers.
fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn word_set(name: &str, src: &str) -> Result<HashSet<String>, LexiconError> {
    let mut set = HashSet::new();
    for (line, word) in data_lines(src) {
        if word.contains(char::is_whitespace) && name != "generic_modifiers.txt" {
            return Err(LexiconError { file: name.into(), line, message: format!("'{word}' holds a space; one word per line") });
        }
        set.insert(word.to_string());
    }
    Ok(set)
}

fn regex_list(name: &str, src: &str) -> Result<Vec<Regex>, LexiconError> {
    data_lines(src)
        .map(|(line, pattern)| {
            Regex::new(pattern).map_err(|e| LexiconError {
                file: name.into(),
                line,
                message: format!("bad regular expression: {}", e.to_string().lines().last().unwrap_or("")),
            })
        })
        .collect()
}

fn counters(name: &str, src: &str) -> Result<Vec<Counter>, LexiconError> {
    let mut out = Vec::new();
    for (line, row) in data_lines(src) {
        let err = |message: String| LexiconError { file: name.into(), line, message };
        let mut fields = row.split(',').map(str::trim);
        let surface = fields.next().filter(|s| !s.is_empty()).ok_or_else(|| err("empty counter".into()))?;
        let kind = match fields.next() {
            Some("generic") => CounterKind::Generic,
            Some("self") => CounterKind::SelfContained,
            Some(other) => return Err(err(format!("kind '{other}' is neither 'generic' nor 'self'"))),
            None => return Err(err("expected 'counter,kind'".into())),
        };
        if fields.next().is_some() {
            return Err(err("expected 2 fields 'counter,kind'".into()));
        }
        out.push(Counter { surface: surface.to_string(), kind });
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.surface.chars().count()));
    Ok(out)
}

impl Lexicon {
    /// The copies embedded from `dictionaries/` at build time.
    pub fn builtin() -> Lexicon {
        Self::parse(|name| Ok(builtin_file(name)))
            .expect("the embedded dictionaries are checked by tests")
    }

    /// Reads the lists from `dir`; a file missing there falls back to the built-in copy.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        Self::parse(|name| {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(s) => Ok(s),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Ok(builtin_file(name))
                }
                Err(e) => Err(LexiconError { file: path.display().to_string(), line: 0, message: e.to_string() }),
            }
        })
    }

    fn parse(read: impl Fn(&str) -> Result<String, LexiconError>) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {
            counters: counters("counters.csv", &read("counters.csv")?)?,
            program_words: word_set("program_words.txt", &read("program_words.txt")?)?,
            generic_modifiers: word_set("generic_modifiers.txt", &read("generic_modifiers.txt")?)?,
            particles: word_set("particles.txt", &read("particles.txt")?)?,
            furniture: regex_list("furniture.txt", &read("furniture.txt")?)?,
            footer_markers: regex_list("footer_markers.txt", &read("footer_markers.txt")?)?,
        })
    }

    pub fn is_furniture(&self, line: &str) -> bool {
        self.furniture.iter().any(|r| r.is_match(line))
    }

    pub fn is_footer_marker(&self, line: &str) -> bool {
        self.footer_markers.iter().any(|r| r.is_match(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_orders_counters_longest_first() {
        let lex = Lexicon::builtin();
        let pos = |s: &str| lex.counters.iter().position(|c| c.surface == s).unwrap();
        assert!(pos("개사") < pos("개"));
        assert!(lex.program_words.contains("사업"));
        assert!(lex.particles.contains("를"));
    }

    #[test]
    fn malformed_counter_names_file_and_line() {
        let e = counters("counters.csv", "# c\n개,generic\n개사,maybe\n").unwrap_err();
        assert_eq!(e.to_string(), "counters.csv:3: kind 'maybe' is neither 'generic' nor 'self'");
        let e = counters("counters.csv", "개\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn bad_regex_names_line() {
        let e = regex_list("furniture.txt", "^ok$\n\n^(unclosed$\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("bad regular expression"));
    }

    #[test]
    fn furniture_lines() {
        let lex = Lexicon::builtin();
        for line in ["저작권자 © 충북메이커스 무단전재 및 재배포 금지", "press@tokenpost.kr", "댓글 0건 작성일 23-05-06",
            "총 0명 참여", "조영준 기자(jebo777@hanmail.net)", "사진 = 지방 디지털 경쟁력 강화방안 기본방향 / 과학기술정보통신부",
            "btn_textview.gif", "알림 0", "원문 출처: https://www.tokenpost.kr/article-150827"] {
            assert!(lex.is_furniture(line), "{line}");
        }
        for line in ["경북도는 지난 3일 언론 브리핑을 통해 발표했다.", "2. 디지털 기반 지방 경제·사회 혁신", "◆ 스마트빌리지 사업 대폭 확대"] {
            assert!(!lex.is_furniture(line), "{line}");
        }
    }
}
