//! Rules and word lists kept as data in `dictionaries/`, so a tuner edits a
//! text file instead of Rust. The shipped copies are embedded as defaults;
//! `Lexicon::from_dir` reads another set at run time. They come as two rule
//! sets: `CleaningRules` (what on a page is not the article) for `article`,
//! `ExtractionRules` (the extractors' word lists) for `extract`.

use std::collections::HashSet;
use std::path::Path;

use regex::{Regex, RegexSet};

mod line_rules;
mod required_literals;

pub use line_rules::LineRules;

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

/// `count_words.csv` and `native_numerals.csv`: the words the count extractor
/// reads around a counter.
#[derive(Debug, Clone, Default)]
pub struct CountWords {
    /// Bound nouns that end a noun phrase instead of heading it (9대 정책 중 하나).
    pub breakers: HashSet<String>,
    /// Words stepped over between a counter and its noun (1,000개 이상 기업).
    pub bound_words: HashSet<String>,
    /// Counters that native numerals take (두 곳, 세 가지).
    pub native_counters: HashSet<String>,
    /// Native numerals with their values, longest first (열두 before 열).
    pub native_numerals: Vec<(String, u128)>,
}

/// `amount_words.csv`: the words the amount extractor reads around a number.
#[derive(Debug, Clone, Default)]
pub struct AmountWords {
    /// After a bare 억/조 number, a word that makes it something other than money (1억 그루).
    pub not_money_after: Vec<String>,
    /// Stepped over at the second end of a range (80억에서 최대 160억 원), in file order.
    pub range_max: Vec<String>,
}

/// `year_words.csv`: the words that give a year its role.
#[derive(Debug, Clone, Default)]
pub struct YearWords {
    /// The next word starts with one: a target (2030년 목표, 2027년 완공).
    pub goal: Vec<String>,
    /// A word of the year's phrase holds one: a target (2029년 완공 예정).
    pub phrase_goal: Vec<String>,
    /// A word starting with one ends the year's phrase (2019년 이후).
    pub phrase_end: Vec<String>,
}

/// `percent_words.csv`: percent words besides the sign.
#[derive(Debug, Clone, Default)]
pub struct PercentWords {
    /// After a number, with or without a space (83 퍼센트).
    pub percent: Vec<String>,
    /// Only right after the number (30프로).
    pub percent_attached: Vec<String>,
    /// After the percent: percentage points (1.3%포인트), in file order.
    pub points: Vec<String>,
}

/// `region_words.csv`: the words the region extractor reads around a place name.
#[derive(Debug, Clone, Default)]
pub struct RegionWords {
    /// After a region word, keep it a place (충북 지역에, 경기북부), in file order.
    pub place_nouns: Vec<String>,
    /// Glued to a region, keep it a mention (임실군수, 광주시장).
    pub titles: Vec<String>,
    /// Grammar that may follow a place name in its eojeol.
    pub particles: HashSet<String>,
    /// Particles of a subject or topic (경북도는).
    pub topic: HashSet<String>,
    /// After "X에", make X a source (광주시에 따르면).
    pub not_dative: Vec<String>,
    /// Endings of law, ordinance and committee names.
    pub name_endings: Vec<String>,
}

/// `program_list_words.csv`: words around program names besides `program_words.txt`.
#[derive(Debug, Clone, Default)]
pub struct ProgramListWords {
    /// List words that separate names rather than build one (SW중심대학 등 … 사업).
    pub separators: HashSet<String>,
    /// Words that, right after a quoted name, say it names a program (‘스마트빌리지’ 사업).
    pub follow: Vec<String>,
    /// Words after which a noun phrase names the kind of the things listed
    /// before it, not one program ("… 조성 등 생활 인프라 조성 사업").
    pub summary: HashSet<String>,
    /// Offices every local government has (행정복지센터, 농업기술센터): a place
    /// or an administration, never a program, even with its place before it.
    pub office: Vec<String>,
    /// Kinds of facility every city or county has (국민체육센터, 복합커뮤니티센터):
    /// not a name alone; a name or place before one makes one (반다비 체육센터).
    pub facility: HashSet<String>,
    /// A project's verbal nouns: a quoted title ending in one names a project
    /// (‘장낙대교 건설’, '옛 시청사 부지 활용한 생활SOC 건립').
    pub action: Vec<String>,
    /// Words that relate what comes before them to the name after them
    /// (국무총리 소속 …, 잼버리 파행 이후 …): a name starts after one.
    pub stop: HashSet<String>,
}

/// `about_grammar.csv`: words the purpose of an amount is read around,
/// besides `about_words.csv`.
#[derive(Debug, Clone, Default)]
pub struct AboutGrammar {
    /// A kind word after a quoted program adds nothing to it (‘…’ 정책에).
    pub program_kinds: HashSet<String>,
    /// Stepped over between a purpose and its amount (대해, 위한).
    pub frame: HashSet<String>,
    /// Funding words ending in 비, whose 비 is not a trimmed budget word (국비).
    pub funding: Vec<String>,
    /// Spending verbs after "N원을": what follows is what the money is for
    /// (100억원을 투입해 스마트팜 단지를 조성), tried in file order.
    pub spend_verbs: Vec<String>,
    /// Head nouns of a project that, ending a sentence's topic, make it what
    /// the sentence's money is for (민간공항 건설은 … 2조 7천억 원을 투입).
    pub topic_heads: Vec<String>,
}

/// Every rule file in `dictionaries/`, parsed and checked (re-exported as
/// [`Rules`](crate::Rules)): two rule sets that never see each other's
/// lists, the rules that clean a page into an article ([`CleaningRules`],
/// used by [`article`](crate::article)) and the rules that find mentions in
/// its text ([`ExtractionRules`], used by [`extract`](crate::extract)).
/// Build it with [`Lexicon::builtin`] or [`Lexicon::from_dir`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Page furniture, article containers and footers.
    pub cleaning: CleaningRules,
    /// Counters, currencies, qualifiers, program words, regions and the
    /// other extractors' word lists.
    pub extraction: ExtractionRules,
    /// A hash of every rule file's name and content as read (both sets), so
    /// a changed rule changes the extractor's version (see `pipeline::Engine`).
    pub fingerprint: u64,
}

/// The rules article cleaning uses: what on a page or in a text file is not
/// the article (`furniture.txt`, `containers.txt`, `html_furniture.txt`,
/// `footer_markers.txt`).
#[derive(Debug, Clone)]
pub struct CleaningRules {
    /// Lines of page furniture (`furniture.txt`): a whole trimmed line that matches is not article text.
    pub furniture: LineRules,
    /// CSS selectors of known article containers, tried in order.
    pub containers: Vec<scraper::Selector>,
    /// Element id/class patterns of furniture boxes inside a page.
    pub html_furniture: RegexSet,
    /// Lines that start a page footer (`footer_markers.txt`: 관련기사, 많이 본 뉴스 …),
    /// dropped with what follows until a body sentence comes back.
    pub footer_markers: LineRules,
}

/// The rules the extractors use: every word list they read in an article's
/// text (counters, currencies, qualifiers, program words, regions …).
#[derive(Debug, Clone)]
pub struct ExtractionRules {
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
    /// `regions.csv`: the 시도 and 시군구 with their codes and names.
    pub regions: crate::gazetteer::Gazetteer,
    /// `count_words.csv`, `native_numerals.csv`.
    pub count_words: CountWords,
    /// `amount_words.csv`.
    pub amount_words: AmountWords,
    /// `year_words.csv`.
    pub year_words: YearWords,
    /// `percent_words.csv`.
    pub percent_words: PercentWords,
    /// `region_words.csv`.
    pub region_words: RegionWords,
    /// `program_list_words.csv`.
    pub program_list_words: ProgramListWords,
    /// `about_grammar.csv`.
    pub about_grammar: AboutGrammar,
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

const FILES: [(&str, &str); 21] = [
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
    ("count_words.csv", include_str!("../../../dictionaries/count_words.csv")),
    ("native_numerals.csv", include_str!("../../../dictionaries/native_numerals.csv")),
    ("amount_words.csv", include_str!("../../../dictionaries/amount_words.csv")),
    ("year_words.csv", include_str!("../../../dictionaries/year_words.csv")),
    ("percent_words.csv", include_str!("../../../dictionaries/percent_words.csv")),
    ("region_words.csv", include_str!("../../../dictionaries/region_words.csv")),
    ("program_list_words.csv", include_str!("../../../dictionaries/program_list_words.csv")),
    ("about_grammar.csv", include_str!("../../../dictionaries/about_grammar.csv")),
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

/// `word,kind` rows: the words of each of `kinds`, in file order (some
/// lists are tried in order), one list per kind.
fn word_kinds(name: &str, src: &str, kinds: &[&str]) -> Result<Vec<Vec<String>>, LexiconError> {
    let mut out = vec![Vec::new(); kinds.len()];
    for (line, row) in data_lines(src) {
        let f = csv_fields(name, line, row, "word,kind")?;
        let Some(k) = kinds.iter().position(|k| *k == f[1]) else {
            return Err(LexiconError { file: name.into(), line, message: format!("kind '{}' is not one of {}", f[1], kinds.join(", ")) });
        };
        out[k].push(f[0].to_string());
    }
    Ok(out)
}

fn count_words(words: (&str, &str), numerals: (&str, &str)) -> Result<CountWords, LexiconError> {
    let [breakers, bound_words, native_counters] =
        <[Vec<String>; 3]>::try_from(word_kinds(words.0, words.1, &["breaker", "bound", "native_counter"])?).expect("three kinds");
    let mut native_numerals = Vec::new();
    for (line, row) in data_lines(numerals.1) {
        let f = csv_fields(numerals.0, line, row, "word,value")?;
        let value = f[1].parse::<u128>().map_err(|_| LexiconError { file: numerals.0.into(), line, message: format!("value '{}' is not a whole number", f[1]) })?;
        native_numerals.push((f[0].to_string(), value));
    }
    // Longest first (stable), so 열두 is not read as 열.
    native_numerals.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    Ok(CountWords {
        breakers: breakers.into_iter().collect(),
        bound_words: bound_words.into_iter().collect(),
        native_counters: native_counters.into_iter().collect(),
        native_numerals,
    })
}

fn amount_words(name: &str, src: &str) -> Result<AmountWords, LexiconError> {
    let [not_money_after, range_max] = <[Vec<String>; 2]>::try_from(word_kinds(name, src, &["not_money", "range_max"])?).expect("two kinds");
    Ok(AmountWords { not_money_after, range_max })
}

fn year_words(name: &str, src: &str) -> Result<YearWords, LexiconError> {
    let [goal, phrase_goal, phrase_end] = <[Vec<String>; 3]>::try_from(word_kinds(name, src, &["goal", "phrase_goal", "phrase_end"])?).expect("three kinds");
    Ok(YearWords { goal, phrase_goal, phrase_end })
}

fn percent_words(name: &str, src: &str) -> Result<PercentWords, LexiconError> {
    let [percent, percent_attached, points] =
        <[Vec<String>; 3]>::try_from(word_kinds(name, src, &["percent", "percent_attached", "points"])?).expect("three kinds");
    Ok(PercentWords { percent, percent_attached, points })
}

fn region_words(name: &str, src: &str) -> Result<RegionWords, LexiconError> {
    let kinds = ["place_noun", "title", "particle", "topic", "not_dative", "name_ending"];
    let [place_nouns, titles, particles, topic, not_dative, name_endings] = <[Vec<String>; 6]>::try_from(word_kinds(name, src, &kinds)?).expect("six kinds");
    Ok(RegionWords { place_nouns, titles, particles: particles.into_iter().collect(), topic: topic.into_iter().collect(), not_dative, name_endings })
}

fn program_list_words(name: &str, src: &str) -> Result<ProgramListWords, LexiconError> {
    let kinds = ["separator", "follow", "summary", "office", "facility", "action", "stop"];
    let [separators, follow, summary, office, facility, action, stop] = <[Vec<String>; 7]>::try_from(word_kinds(name, src, &kinds)?).expect("seven kinds");
    Ok(ProgramListWords {
        separators: separators.into_iter().collect(),
        follow,
        summary: summary.into_iter().collect(),
        office,
        facility: facility.into_iter().collect(),
        action,
        stop: stop.into_iter().collect(),
    })
}

fn about_grammar(name: &str, src: &str) -> Result<AboutGrammar, LexiconError> {
    let kinds = ["program_kind", "frame", "funding", "spend_verb", "topic_head"];
    let [program_kinds, frame, funding, spend_verbs, topic_heads] = <[Vec<String>; 5]>::try_from(word_kinds(name, src, &kinds)?).expect("five kinds");
    Ok(AboutGrammar { program_kinds: program_kinds.into_iter().collect(), frame: frame.into_iter().collect(), funding, spend_verbs, topic_heads })
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
        let cleaning = CleaningRules {
            furniture: LineRules::parse("furniture.txt", &read("furniture.txt")?)?,
            containers: selectors("containers.txt", &read("containers.txt")?)?,
            html_furniture: regex_list("html_furniture.txt", &read("html_furniture.txt")?)?,
            footer_markers: LineRules::parse("footer_markers.txt", &read("footer_markers.txt")?)?,
        };
        let extraction = ExtractionRules {
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
            regions: crate::gazetteer::Gazetteer::parse("regions.csv", &read("regions.csv")?)?,
            count_words: count_words(("count_words.csv", &read("count_words.csv")?), ("native_numerals.csv", &read("native_numerals.csv")?))?,
            amount_words: amount_words("amount_words.csv", &read("amount_words.csv")?)?,
            year_words: year_words("year_words.csv", &read("year_words.csv")?)?,
            percent_words: percent_words("percent_words.csv", &read("percent_words.csv")?)?,
            region_words: region_words("region_words.csv", &read("region_words.csv")?)?,
            program_list_words: program_list_words("program_list_words.csv", &read("program_list_words.csv")?)?,
            about_grammar: about_grammar("about_grammar.csv", &read("about_grammar.csv")?)?,
        };
        let fingerprint = hasher.borrow().digest();
        Ok(Lexicon { cleaning, extraction, fingerprint })
    }

    /// Adds the names of a `program_names.txt` text (as `gisa programs
    /// --lexicon` writes it from a tracking database) as learned names. The
    /// fingerprint, and so the extractor version, changes exactly when a new
    /// name comes in: counts and order do not matter, and names the rules
    /// already know add nothing.
    pub fn learn_program_names(&mut self, src: &str) -> usize {
        let new = self.extraction.program_names.learn(crate::program_names::parse(src));
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
}

impl ExtractionRules {
    /// The effect of a word written before a number, if it is a qualifier.
    pub fn before_effect(&self, word: &str) -> Option<Effect> {
        self.qualifiers_before.iter().find(|q| q.word == word).map(|q| q.effect)
    }

    /// The effect of the qualifier that `word` (after a number) starts with.
    pub fn after_effect(&self, word: &str) -> Option<Effect> {
        self.qualifiers_after.iter().find(|q| word.starts_with(q.word.as_str())).map(|q| q.effect)
    }
}

impl CleaningRules {
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
        let lex = Lexicon::builtin().extraction;
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
    fn word_lists_parse_in_file_order_and_name_bad_rows() {
        let lex = Lexicon::builtin().extraction;
        let numerals: Vec<&str> = lex.count_words.native_numerals.iter().map(|(w, _)| w.as_str()).collect();
        assert!(numerals.iter().position(|w| *w == "열두") < numerals.iter().position(|w| *w == "열"), "{numerals:?}");
        assert!(lex.count_words.breakers.contains("중") && lex.count_words.native_counters.contains("곳"));
        assert_eq!(lex.amount_words.range_max, vec!["최대", "최고"]);
        assert_eq!(lex.percent_words.points, vec!["포인트", "p"]);
        assert_eq!(lex.region_words.particles.len(), 62);
        let e = word_kinds("year_words.csv", "목표,goal\n이후,after\n", &["goal", "phrase_end"]).unwrap_err();
        assert_eq!(e.to_string(), "year_words.csv:2: kind 'after' is not one of goal, phrase_end");
        let e = count_words(("count_words.csv", ""), ("native_numerals.csv", "# w,v\n두,2\n셋,three\n")).unwrap_err();
        assert_eq!(e.to_string(), "native_numerals.csv:3: value 'three' is not a whole number");
    }

    #[test]
    fn bad_selector_names_line() {
        let e = selectors("containers.txt", "#ok\n\n#dic_area[\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("bad CSS selector '#dic_area['"), "{e}");
    }

    #[test]
    fn qualifier_lookups() {
        let lex = Lexicon::builtin().extraction;
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
        let lex = Lexicon::from_dir(&rules).unwrap().extraction;
        assert!(lex.counters.iter().any(|c| c.surface == "필지"));
        assert!(lex.program_words.contains("사업") && !lex.program_words.iter().any(|w| w.starts_with('\u{FEFF}')));
        assert_eq!(lex.currencies.len(), Lexicon::builtin().extraction.currencies.len());
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
        let lex = Lexicon::builtin().cleaning;
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
