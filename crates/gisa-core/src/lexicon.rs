//! Rules and word lists kept as data in `dictionaries/`, so a tuner edits a
//! text file instead of Rust. The shipped copies are embedded as defaults;
//! `Lexicon::from_dir` reads another set at run time.

use std::collections::HashSet;
use std::path::Path;

use regex::{Regex, RegexSet};

/// How a counter finds its noun (`counters.csv` column `kind`: `generic` or `self`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterKind {
    /// Counts whatever noun the sentence names (80개 사업).
    Generic,
    /// Already says what is counted (431개사, 5만명).
    SelfContained,
}

/// One row of `counters.csv`.
#[derive(Debug, Clone)]
pub struct Counter {
    /// The counter as written (개, 개사, 명 …).
    pub surface: String,
    /// Generic or self-contained.
    pub kind: CounterKind,
}

/// One row of `currencies.csv`: a currency word after a number makes it money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// The currency word (원, 달러, 유로, 엔 …).
    pub word: String,
    /// ISO 4217 code.
    pub code: String,
    /// Also an ordinary syllable (엔, 불): only right after a magnitude word.
    pub attached_only: bool,
}

/// What a qualifier does to the quantity it qualifies (`qualifiers.csv` column `effect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Sets `approx: true` (약, 가량).
    Approx,
    /// Sets `bound: "min"` (이상, 초과, 최소).
    Min,
    /// Sets `bound: "max"` (이하, 미만, 최대, 까지).
    Max,
    /// Allowed before a number without changing it (총, 모두).
    None,
}

/// One row of `qualifiers.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualifier {
    /// The word (약, 최대, 이상 …); a word after a number matches the start of that word (넘는, 넘게).
    pub word: String,
    /// What the word does to the quantity.
    pub effect: Effect,
}

/// Every rule list in `dictionaries/`, parsed and checked (re-exported as
/// [`Rules`](crate::Rules)). Build it with [`Lexicon::builtin`] or [`Lexicon::from_dir`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Longest surface first, so 개사 wins over 개.
    pub counters: Vec<Counter>,
    /// Words that end an unquoted program name (사업, 프로젝트, 센터 …; `program_words.txt`).
    pub program_words: HashSet<String>,
    /// Known program names (`program_names.txt`) and any learned from a
    /// tracking database ([`Lexicon::learn_program_names`]), spaces removed.
    pub program_names: crate::program_names::ProgramNames,
    /// Longest word first, so 달러 is tried before a shorter word.
    pub currencies: Vec<Currency>,
    /// Words before a number (약, 최대, 총) and after it (이상, 가량).
    pub qualifiers_before: Vec<Qualifier>,
    /// Words after a number (이상, 가량, 넘는), longest first.
    pub qualifiers_after: Vec<Qualifier>,
    /// Words that make a phrase generic rather than a name (이 사업, 해당 사업, 관련
    /// 사업), stripped from the left of unquoted names (`generic_modifiers.txt`).
    pub generic_modifiers: HashSet<String>,
    /// `about_words.csv`: words stepped over, trimmed, or never a purpose.
    pub about_skip: HashSet<String>,
    /// `trim` words, cut from the end of a purpose ("스마트농업 관련 예산" → 스마트농업).
    pub about_trim: HashSet<String>,
    /// `never` words: never a purpose by themselves; a purpose made only of them is null.
    pub about_never: HashSet<String>,
    /// `measure` words, which say what a number measures (매출액): a purpose ending in one is null.
    pub about_measure: HashSet<String>,
    /// Particles and endings that may follow a counter or currency word inside
    /// one eojeol (80개를, 9700억원을; `particles.txt`).
    pub particles: HashSet<String>,
    /// Lines of page furniture (`furniture.txt`): a whole trimmed line that matches is not article text.
    pub furniture: LineRules,
    /// CSS selectors of known article containers, tried in order.
    pub containers: Vec<scraper::Selector>,
    /// Element id/class patterns of furniture boxes inside a page.
    pub html_furniture: RegexSet,
    /// Lines that start a page footer (`footer_markers.txt`: 관련기사, 많이 본 뉴스 …),
    /// dropped with what follows until a body sentence comes back.
    pub footer_markers: LineRules,
    /// `regions.csv`: the 시도 and 시군구 with their codes and names.
    pub regions: crate::gazetteer::Gazetteer,
    /// A hash of every rule file's name and content as read, so a changed
    /// rule changes the extractor's version (see `pipeline::Engine`).
    pub fingerprint: u64,
}

/// The line patterns of one rule file, run as one set, that can say which
/// line of the file matched (so `--explain` can name the rule, `furniture.txt:12`).
#[derive(Debug, Clone)]
pub struct LineRules {
    /// The rule file's name (`furniture.txt`), the first half of a `file:line` rule name.
    pub file: &'static str,
    set: RegexSet,
    /// The file line of each pattern in `set`.
    lines: Vec<usize>,
}

impl LineRules {
    fn parse(file: &'static str, src: &str) -> Result<LineRules, LexiconError> {
        let lines = data_lines(src).map(|(line, _)| line).collect();
        Ok(LineRules { file, set: regex_list(file, src)?, lines })
    }

    /// Does any pattern match `text` (a whole trimmed line)?
    pub fn is_match(&self, text: &str) -> bool {
        self.set.is_match(text)
    }

    /// `file:line` of the first pattern that matches the whole of `text`.
    pub fn rule_for(&self, text: &str) -> Option<String> {
        // is_match first: the common no-match case skips computing every match.
        if !self.set.is_match(text) {
            return None;
        }
        let k = self.set.matches(text).iter().next()?;
        Some(format!("{}:{}", self.file, self.lines[k]))
    }
}

/// The 1-based line of byte offset `byte` in `src` (for `file:line` messages
/// from parsers that report byte spans, such as toml's).
pub fn line_at(src: &str, byte: usize) -> usize {
    src[..byte.min(src.len())].matches('\n').count() + 1
}

/// `file:line: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The rule file: its name, or its path when it could not be read.
    pub file: String,
    /// 1-based line in the file; 0 when the error is not about one line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for LexiconError {}

const FILES: [(&str, &str); 13] = [
    ("containers.txt", include_str!("../../../dictionaries/containers.txt")),
    ("html_furniture.txt", include_str!("../../../dictionaries/html_furniture.txt")),
    ("about_words.csv", include_str!("../../../dictionaries/about_words.csv")),
    ("counters.csv", include_str!("../../../dictionaries/counters.csv")),
    ("currencies.csv", include_str!("../../../dictionaries/currencies.csv")),
    ("qualifiers.csv", include_str!("../../../dictionaries/qualifiers.csv")),
    ("program_words.txt", include_str!("../../../dictionaries/program_words.txt")),
    ("program_names.txt", include_str!("../../../dictionaries/program_names.txt")),
    ("generic_modifiers.txt", include_str!("../../../dictionaries/generic_modifiers.txt")),
    ("particles.txt", include_str!("../../../dictionaries/particles.txt")),
    ("furniture.txt", include_str!("../../../dictionaries/furniture.txt")),
    ("footer_markers.txt", include_str!("../../../dictionaries/footer_markers.txt")),
    ("regions.csv", include_str!("../../../dictionaries/regions.csv")),
];

/// Reads a rule or configuration file as UTF-8, without the byte-order mark
/// an editor on Windows may put first (which would otherwise become part of
/// the first entry: "\u{FEFF}개" is not the counter 개).
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let s = std::fs::read_to_string(path)?;
    Ok(match s.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => s,
    })
}

/// The embedded copy of one rule file.
fn builtin_file(name: &str) -> String {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, s)| s.to_string()).unwrap_or_default()
}

/// Non-blank, non-comment lines ("# …") with their 1-based line numbers.
fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        // "# " starts a comment; "#dic_area" is a CSS id selector.
        .filter(|(_, l)| !l.is_empty() && *l != "#" && !l.starts_with("# "))
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

/// One set per file: every line is checked alone first (so an error names its
/// line), then all run as one automaton, one pass per text line however
/// many patterns the file holds.
fn regex_list(name: &str, src: &str) -> Result<RegexSet, LexiconError> {
    let rows: Vec<(usize, &str)> = data_lines(src).collect();
    // The lazy DFA of a whole file's patterns needs more room than regex's
    // default; without it, the set falls back to the much slower PikeVM.
    let built = regex::RegexSetBuilder::new(rows.iter().map(|&(_, pattern)| pattern)).dfa_size_limit(64 << 20).build();
    built.or_else(|e| {
        // Only now compile the patterns one by one, to name the bad line:
        // doing it up front for every start doubled the rules' share of start-up.
        for &(line, pattern) in &rows {
            if let Err(e) = Regex::new(pattern) {
                let message = format!("bad regular expression: {}", e.to_string().lines().last().unwrap_or(""));
                return Err(LexiconError { file: name.into(), line, message });
            }
        }
        Err(LexiconError { file: name.into(), line: 0, message: format!("the patterns together are too large: {e}") })
    })
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

/// Splits a CSV row into exactly `n` trimmed, non-empty fields.
fn csv_fields<'s>(name: &str, line: usize, row: &'s str, header: &str) -> Result<Vec<&'s str>, LexiconError> {
    let fields: Vec<&str> = row.split(',').map(str::trim).collect();
    let n = header.split(',').count();
    if fields.len() != n || fields.iter().any(|f| f.is_empty()) {
        return Err(LexiconError { file: name.into(), line, message: format!("expected {n} fields '{header}', found '{row}'") });
    }
    Ok(fields)
}

fn currencies(name: &str, src: &str) -> Result<Vec<Currency>, LexiconError> {
    let mut out = Vec::new();
    for (line, row) in data_lines(src) {
        let f = csv_fields(name, line, row, "word,code,attached_only")?;
        let err = |message: String| LexiconError { file: name.into(), line, message };
        if f[1].len() != 3 || !f[1].chars().all(|c| c.is_ascii_uppercase()) {
            return Err(err(format!("code '{}' is not a three-letter ISO 4217 code such as KRW", f[1])));
        }
        let attached_only = match f[2] {
            "yes" => true,
            "no" => false,
            other => return Err(err(format!("attached_only '{other}' is neither 'yes' nor 'no'"))),
        };
        out.push(Currency { word: f[0].to_string(), code: f[1].to_string(), attached_only });
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.word.chars().count()));
    Ok(out)
}

type QualifierLists = (Vec<Qualifier>, Vec<Qualifier>);
type AboutWords = (HashSet<String>, HashSet<String>, HashSet<String>, HashSet<String>);

fn about_words(name: &str, src: &str) -> Result<AboutWords, LexiconError> {
    let (mut skip, mut trim, mut never, mut measure) = (HashSet::new(), HashSet::new(), HashSet::new(), HashSet::new());
    for (line, row) in data_lines(src) {
        let f = csv_fields(name, line, row, "word,kind")?;
        let set = match f[1] {
            "skip" => &mut skip,
            "trim" => &mut trim,
            "never" => &mut never,
            "measure" => &mut measure,
            other => {
                return Err(LexiconError { file: name.into(), line, message: format!("kind '{other}' is not one of skip, trim, never, measure") })
            }
        };
        set.insert(f[0].to_string());
    }
    Ok((skip, trim, never, measure))
}

fn qualifiers(name: &str, src: &str) -> Result<QualifierLists, LexiconError> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (line, row) in data_lines(src) {
        let f = csv_fields(name, line, row, "word,position,effect")?;
        let err = |message: String| LexiconError { file: name.into(), line, message };
        let effect = match f[2] {
            "approx" => Effect::Approx,
            "min" => Effect::Min,
            "max" => Effect::Max,
            "none" => Effect::None,
            other => return Err(err(format!("effect '{other}' is not one of approx, min, max, none"))),
        };
        let q = Qualifier { word: f[0].to_string(), effect };
        match f[1] {
            "before" => before.push(q),
            "after" if effect == Effect::None => return Err(err("an 'after' word needs an effect (approx, min or max)".into())),
            "after" => after.push(q),
            other => return Err(err(format!("position '{other}' is neither 'before' nor 'after'"))),
        }
    }
    // Longest first: 이상 before a shorter word that starts the same way.
    after.sort_by_key(|q| std::cmp::Reverse(q.word.chars().count()));
    Ok((before, after))
}

fn selectors(name: &str, src: &str) -> Result<Vec<scraper::Selector>, LexiconError> {
    data_lines(src)
        .map(|(line, css)| {
            scraper::Selector::parse(css).map_err(|e| LexiconError { file: name.into(), line, message: format!("bad CSS selector '{css}': {e}") })
        })
        .collect()
}


impl Lexicon {
    /// The copies embedded from `dictionaries/` at build time.
    pub fn builtin() -> Lexicon {
        Self::parse(|name| Ok(builtin_file(name)))
            .expect("the embedded dictionaries are checked by tests")
    }

    /// Reads the lists from `dir`; a file missing there falls back to the
    /// built-in copy. A missing directory, or one holding none of the rule
    /// files, is an error: silently running on the built-in rules would look
    /// like the edited rules had no effect.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let problem = |message: String| LexiconError { file: dir.display().to_string(), line: 0, message };
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(problem("--rules needs a directory of rule files, not a file".into())),
            Err(e) => return Err(problem(format!("cannot read the --rules directory: {e}"))),
        }
        if !FILES.iter().any(|(name, _)| dir.join(name).exists()) {
            let names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
            return Err(problem(format!("holds none of the rule files ({}); is it the right directory?", names.join(", "))));
        }
        Self::parse(|name| {
            let path = dir.join(name);
            match read_text(&path) {
                Ok(s) => Ok(s),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Ok(builtin_file(name))
                }
                Err(e) => Err(LexiconError { file: path.display().to_string(), line: 0, message: e.to_string() }),
            }
        })
    }

    fn parse(read_file: impl Fn(&str) -> Result<String, LexiconError>) -> Result<Lexicon, LexiconError> {
        // Every file's name and content feed the fingerprint as it is read.
        let hasher = std::cell::RefCell::new(xxhash_rust::xxh3::Xxh3::new());
        let read = |name: &str| -> Result<String, LexiconError> {
            let src = read_file(name)?;
            let mut h = hasher.borrow_mut();
            h.update(name.as_bytes());
            h.update(&(src.len() as u64).to_le_bytes());
            h.update(src.as_bytes());
            Ok(src)
        };
        let (qualifiers_before, qualifiers_after) = qualifiers("qualifiers.csv", &read("qualifiers.csv")?)?;
        let (about_skip, about_trim, about_never, about_measure) = about_words("about_words.csv", &read("about_words.csv")?)?;
        let mut lexicon = Lexicon {
            about_skip,
            about_trim,
            about_never,
            about_measure,
            counters: counters("counters.csv", &read("counters.csv")?)?,
            currencies: currencies("currencies.csv", &read("currencies.csv")?)?,
            qualifiers_before,
            qualifiers_after,
            program_words: word_set("program_words.txt", &read("program_words.txt")?)?,
            program_names: crate::program_names::ProgramNames::new(crate::program_names::parse(&read("program_names.txt")?)),
            generic_modifiers: word_set("generic_modifiers.txt", &read("generic_modifiers.txt")?)?,
            particles: word_set("particles.txt", &read("particles.txt")?)?,
            furniture: LineRules::parse("furniture.txt", &read("furniture.txt")?)?,
            containers: selectors("containers.txt", &read("containers.txt")?)?,
            html_furniture: regex_list("html_furniture.txt", &read("html_furniture.txt")?)?,
            footer_markers: LineRules::parse("footer_markers.txt", &read("footer_markers.txt")?)?,
            regions: crate::gazetteer::Gazetteer::parse("regions.csv", &read("regions.csv")?)?,
            fingerprint: 0,
        };
        lexicon.fingerprint = hasher.borrow().digest();
        Ok(lexicon)
    }

    /// Adds the names of a `program_names.txt` text (as `gisa programs
    /// --lexicon` writes it from a tracking database) as learned names. The
    /// fingerprint, and so the extractor version, changes exactly when a new
    /// name comes in: counts and order do not matter, and names the rules
    /// already know add nothing.
    pub fn learn_program_names(&mut self, src: &str) -> usize {
        let new = self.program_names.learn(crate::program_names::parse(src));
        if !new.is_empty() {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&self.fingerprint.to_le_bytes());
            h.update(b"learned program names");
            for name in &new {
                h.update(name.iter().collect::<String>().as_bytes());
                h.update(b"\n");
            }
            self.fingerprint = h.digest();
        }
        new.len()
    }

    /// The effect of a word written before a number, if it is a qualifier.
    pub fn before_effect(&self, word: &str) -> Option<Effect> {
        self.qualifiers_before.iter().find(|q| q.word == word).map(|q| q.effect)
    }

    /// The effect of the qualifier that `word` (after a number) starts with.
    pub fn after_effect(&self, word: &str) -> Option<Effect> {
        self.qualifiers_after.iter().find(|q| word.starts_with(q.word.as_str())).map(|q| q.effect)
    }

    /// Is `line` (trimmed) page furniture by `furniture.txt`?
    pub fn is_furniture(&self, line: &str) -> bool {
        self.furniture.is_match(line)
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
    fn malformed_currency_and_qualifier_rows_name_file_and_line() {
        let e = currencies("currencies.csv", "원,KRW,no\n달러,usd,no\n").unwrap_err();
        assert_eq!(e.to_string(), "currencies.csv:2: code 'usd' is not a three-letter ISO 4217 code such as KRW");
        let e = currencies("currencies.csv", "원,KRW\n").unwrap_err();
        assert_eq!(e.to_string(), "currencies.csv:1: expected 3 fields 'word,code,attached_only', found '원,KRW'");
        let e = currencies("currencies.csv", "엔,JPY,maybe\n").unwrap_err();
        assert!(e.to_string().starts_with("currencies.csv:1: attached_only 'maybe'"), "{e}");
        let e = qualifiers("qualifiers.csv", "# c\n약,before,approx\n이상,behind,min\n").unwrap_err();
        assert_eq!(e.to_string(), "qualifiers.csv:3: position 'behind' is neither 'before' nor 'after'");
        let e = qualifiers("qualifiers.csv", "이상,after,more\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = qualifiers("qualifiers.csv", "총,after,none\n").unwrap_err();
        assert!(e.message.contains("needs an effect"), "{e}");
        let e = about_words("about_words.csv", "국비,skip\n예산,cut\n").unwrap_err();
        assert_eq!(e.to_string(), "about_words.csv:2: kind 'cut' is not one of skip, trim, never, measure");
    }

    #[test]
    fn bad_selector_names_line() {
        let e = selectors("containers.txt", "#ok\n\n#dic_area[\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("bad CSS selector '#dic_area['"), "{e}");
    }

    #[test]
    fn qualifier_lookups() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.before_effect("약"), Some(Effect::Approx));
        assert_eq!(lex.before_effect("총"), Some(Effect::None));
        assert_eq!(lex.before_effect("사업"), None);
        assert_eq!(lex.after_effect("넘는"), Some(Effect::Min));
        assert_eq!(lex.after_effect("미만으로"), Some(Effect::Max));
        assert_eq!(lex.after_effect("가량을"), Some(Effect::Approx));
        let usd: Vec<&str> = lex.currencies.iter().filter(|c| c.code == "USD").map(|c| c.word.as_str()).collect();
        assert_eq!(usd, vec!["달러", "불", "弗"]);
        assert!(lex.program_names.contains(&"한국판뉴딜".chars().collect::<Vec<char>>()));
    }

    #[test]
    fn rules_dir_missing_or_empty_is_an_error_and_a_bom_is_skipped() {
        let base = std::env::temp_dir().join(format!("gisa_lexicon_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let e = Lexicon::from_dir(&base.join("missing")).unwrap_err();
        assert!(e.to_string().contains("cannot read the --rules directory"), "{e}");
        std::fs::create_dir_all(base.join("empty")).unwrap();
        let e = Lexicon::from_dir(&base.join("empty")).unwrap_err();
        assert!(e.to_string().contains("holds none of the rule files (containers.txt"), "{e}");
        let rules = base.join("rules");
        std::fs::create_dir_all(&rules).unwrap();
        // The first entry of every file with a BOM survives: a new counter,
        // and a program word, each on the file's first line.
        std::fs::write(rules.join("counters.csv"), format!("\u{FEFF}필지,self\n{}", builtin_file("counters.csv"))).unwrap();
        std::fs::write(rules.join("program_words.txt"), "\u{FEFF}사업\n계획\n").unwrap();
        std::fs::write(rules.join("currencies.csv"), format!("\u{FEFF}{}", builtin_file("currencies.csv"))).unwrap();
        let lex = Lexicon::from_dir(&rules).unwrap();
        assert!(lex.counters.iter().any(|c| c.surface == "필지"));
        assert!(lex.program_words.contains("사업") && !lex.program_words.iter().any(|w| w.starts_with('\u{FEFF}')));
        assert_eq!(lex.currencies.len(), Lexicon::builtin().currencies.len());
        let _ = std::fs::remove_dir_all(&base);
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
