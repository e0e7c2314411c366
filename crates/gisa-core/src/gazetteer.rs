//! The regions gazetteer (`dictionaries/regions.csv`): every 시도 and 시군구
//! with its 법정동 code, official name and the words articles write for it,
//! indexed for the lookups the region extractor makes — a word to the regions
//! it may name, and a word after a qualifier (경북 포항시, 포항시 북구) to the
//! one region it names there. The CSV's header says what each column means.

use std::collections::HashMap;

use crate::lexicon::LexiconError;

/// A 시도 (province or metropolitan city) or a 시군구 (city, county, district).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// 시도: 2-digit code (세종특별자치시: 36110).
    Sido,
    /// 시군구, 일반구 included: 5-digit code.
    Sigungu,
}

impl Level {
    /// `sido` or `sigungu`, as records and the CSV write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Sido => "sido",
            Level::Sigungu => "sigungu",
        }
    }
}

/// How safely a word names its region when nothing qualifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// A region name and little else (청주, 경상북도, 강남구).
    Safe,
    /// Also a common noun (전주 "last week"): needs another region in its
    /// sentence, or its 시도 in the article (`?` in the CSV).
    Guarded,
    /// Mostly a common noun (예산 "budget"): needs its 시도 right before it
    /// or a list of regions (`!` in the CSV).
    Hard,
}

/// One row of `regions.csv`.
#[derive(Debug, Clone)]
pub struct RegionEntry {
    /// 2 digits for a 시도, 5 for a 시군구 (세종특별자치시: 36110).
    pub code: String,
    /// 시도 or 시군구.
    pub level: Level,
    /// The current official full name (경상북도 포항시 북구).
    pub name: String,
    /// The code of its 시도 (its own code for a 시도): what "the same 시도" compares.
    pub sido: String,
    /// Its codes before a rename, move or merger (51110 ← 42110).
    pub former_codes: Vec<String>,
    /// For a 일반구 (수원시 장안구), its city: a 일반구 has no council or budget
    /// of its own, so a mention of it is reported as the city (see [`Gazetteer::reported`]).
    pub city: Option<usize>,
}

/// A region a word may name, and how safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// How safely the word names it.
    pub reading: Reading,
    /// The region the word names when the article does not say which (`*`).
    pub default: bool,
}

/// `regions.csv`, indexed for the region extractor.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Every region, in file order.
    pub entries: Vec<RegionEntry>,
    /// Every word (official last word, short and former names, 시/군 stems) → its senses.
    words: HashMap<String, Vec<Sense>>,
    /// (qualifier entry, word) → the region the word names after that
    /// qualifier: (경상북도, 포항시) → 경상북도 포항시; (포항시, 북구) → 포항시 북구;
    /// (경상북도, 군위군) → 대구광역시 군위군 (its former 시도).
    qualified: HashMap<(usize, String), usize>,
    by_code: HashMap<String, usize>,
    /// The regions that qualify some word (a 시도, or a city with 구).
    qualifiers: std::collections::HashSet<usize>,
    /// The longest word, in chars: how far a lookup at one position probes.
    pub max_word_chars: usize,
}

const HEADER: &str = "code,level,name,aliases,former,former_codes";

impl Gazetteer {
    /// The senses of `word` as written (no spaces), if it names any region.
    pub fn senses(&self, word: &str) -> Option<&[Sense]> {
        self.words.get(word).map(Vec::as_slice)
    }

    /// The region `word` names right after the region `qualifier`.
    pub fn qualified(&self, qualifier: usize, word: &str) -> Option<usize> {
        self.qualified.get(&(qualifier, word.to_string())).copied()
    }

    /// The region a mention of `entry` is reported as: a 일반구's city, else itself.
    pub fn reported(&self, entry: usize) -> usize {
        self.entries[entry].city.unwrap_or(entry)
    }

    /// The region with this code.
    pub fn by_code(&self, code: &str) -> Option<&RegionEntry> {
        self.by_code.get(code).map(|&i| &self.entries[i])
    }

    /// The region an annotator's or a user's name means: an official name
    /// (경상북도 포항시), a former one (전라남도 목포시, 강원도), or a 시도 and a
    /// 시군구 as articles write them (경북 포항시, 광주 북구). None when the
    /// name is unknown or names more than one region (중구).
    pub fn resolve_name(&self, name: &str) -> Option<&RegionEntry> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let mut current: Option<usize> = None;
        for (k, w) in words.iter().enumerate() {
            current = match current {
                None => {
                    let senses = self.senses(w)?;
                    // Alone, a word must name one region; first of several (경북 포항시), a 시도 or a city.
                    let fits: Vec<usize> = senses.iter().map(|s| s.entry).filter(|&e| k + 1 == words.len() || self.qualifies(e)).collect();
                    match fits.as_slice() {
                        [one] => Some(*one),
                        _ => return None,
                    }
                }
                Some(q) => Some(self.qualified(q, w)?),
            };
        }
        current.map(|i| &self.entries[self.reported(i)])
    }

    /// Can this region qualify a following name (a 시도, or a city with 구)?
    fn qualifies(&self, entry: usize) -> bool {
        self.qualifiers.contains(&entry)
    }

    /// Parses `regions.csv` (`file` names it in errors: `file:line: what is wrong`).
    pub fn parse(file: &str, src: &str) -> Result<Gazetteer, LexiconError> {
        let err = |line: usize, message: String| LexiconError { file: file.into(), line, message };
        let mut g = Gazetteer::default();
        // Rows keep their aliases and former names until every entry is known.
        let mut pending: Vec<(usize, usize, Vec<(String, Reading, bool)>, Vec<String>)> = Vec::new();
        let mut header_seen = false;
        for (i, raw) in src.lines().enumerate() {
            let line = i + 1;
            let row = raw.trim();
            if row.is_empty() || row.starts_with('#') {
                continue;
            }
            if !header_seen {
                if row != HEADER {
                    return Err(err(line, format!("expected the header '{HEADER}', found '{row}'")));
                }
                header_seen = true;
                continue;
            }
            let f: Vec<&str> = row.split(',').map(str::trim).collect();
            if f.len() != 6 {
                return Err(err(line, format!("expected 6 fields '{HEADER}', found {}", f.len())));
            }
            let (code, level, name) = (f[0], f[1], f[2]);
            let level = match level {
                "sido" => Level::Sido,
                "sigungu" => Level::Sigungu,
                other => return Err(err(line, format!("level '{other}' is neither 'sido' nor 'sigungu'"))),
            };
            let digits_ok = code.chars().all(|c| c.is_ascii_digit());
            if !digits_ok || !(code.len() == 5 || (code.len() == 2 && level == Level::Sido)) {
                return Err(err(line, format!("code '{code}' is not a 법정동 code (2 digits for a 시도, 5 for a 시군구)")));
            }
            if name.is_empty() {
                return Err(err(line, "empty name".into()));
            }
            if g.by_code.contains_key(code) {
                return Err(err(line, format!("code '{code}' is listed twice")));
            }
            let mut words: Vec<(String, Reading, bool)> = Vec::new();
            // The official name is a word for a 시도 (경상북도); a 시군구 is written by its last word.
            let last = name.split_whitespace().last().unwrap_or(name);
            words.push((if level == Level::Sido { name } else { last }.to_string(), Reading::Safe, false));
            for alias in f[3].split('|').map(str::trim).filter(|a| !a.is_empty()) {
                let (alias, default) = match alias.strip_suffix('*') {
                    Some(a) => (a, true),
                    None => (alias, false),
                };
                let (word, reading) = match alias.strip_suffix('?') {
                    Some(w) => (w, Reading::Guarded),
                    None => match alias.strip_suffix('!') {
                        Some(w) => (w, Reading::Hard),
                        None => (alias, Reading::Safe),
                    },
                };
                if word.chars().count() < 2 || word.contains(char::is_whitespace) || word.contains(['?', '!', '*']) {
                    return Err(err(line, format!("alias '{alias}' is not one word of two or more letters (with an optional ? or !, then *)")));
                }
                match words.iter_mut().find(|(w, _, _)| w == word) {
                    // The official last word marked in the aliases (서구?): the mark wins.
                    Some(existing) => (existing.1, existing.2) = (reading, default),
                    None => words.push((word.to_string(), reading, default)),
                }
            }
            let former: Vec<String> = f[4].split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
            let former_codes: Vec<String> = f[5].split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
            if let Some(bad) = former_codes.iter().find(|c| !(c.len() == 2 || c.len() == 5) || !c.chars().all(|d| d.is_ascii_digit())) {
                return Err(err(line, format!("former code '{bad}' is not a 법정동 code")));
            }
            let sido = if level == Level::Sido { code.to_string() } else { code[..2].to_string() };
            let index = g.entries.len();
            g.entries.push(RegionEntry { code: code.to_string(), level, name: name.to_string(), sido, former_codes, city: None });
            g.by_code.insert(code.to_string(), index);
            pending.push((index, line, words, former));
        }
        if !header_seen {
            return Err(err(1, format!("no header '{HEADER}' and no rows")));
        }
        for (index, _, words, _) in &pending {
            for (word, reading, default) in words {
                g.max_word_chars = g.max_word_chars.max(word.chars().count());
                g.words.entry(word.clone()).or_default().push(Sense { entry: *index, reading: *reading, default: *default });
            }
        }
        // Qualifiers: a 시군구's 시도, a 일반구's city, and the 시도 of every former name.
        for (index, line, words, former) in &pending {
            let (line, e) = (*line, g.entries[*index].clone());
            if e.level == Level::Sido {
                continue;
            }
            let name_words: Vec<&str> = e.name.split_whitespace().collect();
            let mut qualifiers: Vec<usize> = Vec::new();
            match g.by_code.get(&e.sido) {
                Some(&s) => qualifiers.push(s),
                None => return Err(err(line, format!("{} has no 시도 row with code {}", e.name, e.sido))),
            }
            if name_words.len() == 3 {
                let city = name_words[..2].join(" ");
                if let Some(c) = g.entries.iter().position(|x| x.name == city) {
                    qualifiers.push(c);
                    g.entries[*index].city = Some(c);
                }
            }
            let mut keys: Vec<(usize, String)> = Vec::new();
            for &q in &qualifiers {
                for (w, _, _) in words {
                    keys.push((q, w.clone()));
                }
            }
            for f in former {
                let fw: Vec<&str> = f.split_whitespace().collect();
                let (Some(first), Some(last)) = (fw.first(), fw.last()) else { continue };
                let Some(q) = g.words.get(*first).and_then(|s| s.iter().find(|s| g.entries[s.entry].level == Level::Sido)).map(|s| s.entry) else {
                    return Err(err(line, format!("former name '{f}' of {} does not start with a known 시도", e.name)));
                };
                keys.push((q, last.to_string()));
                if last.chars().count() > 2 && (last.ends_with('시') || last.ends_with('군')) {
                    keys.push((q, last.chars().take(last.chars().count() - 1).collect()));
                }
            }
            for k in keys {
                g.qualifiers.insert(k.0);
                g.qualified.insert(k, *index);
            }
        }
        Ok(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Gazetteer {
        Gazetteer::parse("regions.csv", include_str!("../../../dictionaries/regions.csv")).unwrap()
    }

    #[test]
    fn the_shipped_table_has_every_sido_and_sigungu() {
        let g = builtin();
        let sido = g.entries.iter().filter(|e| e.level == Level::Sido).count();
        let sigungu = g.entries.iter().filter(|e| e.level == Level::Sigungu).count();
        // 16 시도 since 광주광역시 and 전라남도 merged (2026-07-01); 세종 is one of them.
        assert_eq!(sido, 16);
        assert!(sigungu >= 260, "{sigungu}");
        for (code, name) in [
            ("51", "강원특별자치도"),
            ("52", "전북특별자치도"),
            ("27720", "대구광역시 군위군"),
            ("36110", "세종특별자치시"),
            ("12", "전남광주통합특별시"),
            ("48820", "경상남도 고성군"),
            ("47113", "경상북도 포항시 북구"),
        ] {
            assert_eq!(g.by_code(code).map(|e| e.name.as_str()), Some(name), "{code}");
        }
    }

    #[test]
    fn names_resolve_official_former_and_short() {
        let g = builtin();
        let code = |n: &str| g.resolve_name(n).map(|e| e.code.clone());
        assert_eq!(code("강원도").as_deref(), Some("51"));
        assert_eq!(code("전라북도 전주시").as_deref(), Some("52110"));
        assert_eq!(code("경상북도 군위군").as_deref(), Some("27720"));
        assert_eq!(code("광주광역시 북구").as_deref(), Some("12300"));
        assert_eq!(code("전라남도 목포시").as_deref(), Some("12110"));
        // A 일반구 is reported as its city.
        assert_eq!(code("경북 포항시 북구").as_deref(), Some("47110"));
        assert_eq!(code("경기도 고양시 일산서구").as_deref(), Some("41280"));
        assert_eq!(code("인천광역시 서구").as_deref(), Some("28275"));
        assert_eq!(code("경기도 광주시").as_deref(), Some("41610"));
        // Names that do not pick one region.
        assert_eq!(code("중구"), None);
        assert_eq!(code("광주"), None);
        assert_eq!(code("인천광역시 중구"), None);
        assert_eq!(code("서울특별시 목포시"), None);
    }

    #[test]
    fn readings_come_from_the_marks() {
        let g = builtin();
        let reading = |w: &str| g.senses(w).unwrap().iter().map(|s| s.reading).max().unwrap();
        assert_eq!(reading("청주"), Reading::Safe);
        assert_eq!(reading("전주"), Reading::Guarded);
        assert_eq!(reading("예산"), Reading::Hard);
        assert_eq!(reading("서구"), Reading::Guarded);
        assert_eq!(g.senses("광주").unwrap().len(), 2);
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let head = "# c\ncode,level,name,aliases,former,former_codes\n";
        let e = Gazetteer::parse("regions.csv", &format!("{head}11,sido,서울특별시,서울,,\n111,sigungu,서울특별시 종로구,,,\n")).unwrap_err();
        assert_eq!(e.to_string(), "regions.csv:4: code '111' is not a 법정동 code (2 digits for a 시도, 5 for a 시군구)");
        let e = Gazetteer::parse("regions.csv", &format!("{head}11,state,서울특별시,,,\n")).unwrap_err();
        assert_eq!(e.line, 3);
        let e = Gazetteer::parse("regions.csv", &format!("{head}11,sido,서울특별시,서,,\n")).unwrap_err();
        assert!(e.message.contains("alias '서'"), "{e}");
        let e = Gazetteer::parse("regions.csv", "code,level,name\n").unwrap_err();
        assert!(e.message.starts_with("expected the header"), "{e}");
    }
}
