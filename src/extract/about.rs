//! What each amount is for (`about`), read from the sentence around it:
//!
//! 1. inside parentheses after a name: 스마트빌리지(1039억 원), 지원(217억 원);
//! 2. 규모의 after the amount: 1039억 원 규모의 스마트빌리지 사업;
//! 3. a noun phrase with 에 right before it: 디지털 인재 양성에 2175억원, 80개 사업에 9700억원;
//! 4. a noun phrase right before it: 디지털 전환 매출액 20조원;
//! 5. the object of the clause: 87개 세부과제를 발굴해 3조 2천 638억원을 투자.

use super::qualifiers::words_before;
use super::{Amount, Count, Doc, Program};
use crate::morph::Pos;

/// Tokens that may be part of a purpose phrase: nouns, numbers and counters
/// (80개 사업), and the middle dot inside compounds.
fn np_token(doc: &Doc, t: &crate::morph::Token) -> bool {
    let s = t.surface(doc.analysis_text());
    match t.pos {
        // Counters yes (80개 사업), dates no (2020년 is a baseline, not a purpose).
        Pos::Nnbc => !matches!(s, "년" | "월" | "일"),
        Pos::Number | Pos::Nr | Pos::Xpn | Pos::Xsn => true,
        Pos::Nnb => s == "등",
        Pos::Symbol => s == "·",
        p => p.is_noun(),
    }
}

fn is_bullet(c: char) -> bool {
    matches!(c, '▲' | '△' | '□' | '■' | '◆' | '◇' | '○' | '●' | '-' | '·' | '※')
}

/// The noun phrase that ends exactly at char `end` (exclusive), walking back
/// over whole eojeols made only of phrase tokens.
fn np_before(doc: &Doc, end: usize) -> Option<(usize, usize)> {
    let tokens = &doc.analysis.tokens;
    let t = tokens.partition_point(|x| x.end <= end);
    // t is the first token ending after `end`; the phrase ends at token t-1.
    if t == 0 || tokens[t - 1].end != end {
        return None;
    }
    let last_eojeol = tokens[t - 1].eojeol;
    let mut first = t;
    while first > 0 {
        let prev = &tokens[first - 1];
        if !np_token(doc, prev) {
            break;
        }
        if prev.eojeol != tokens[first.min(t - 1)].eojeol && first < t {
            // Crossing into an earlier eojeol: it must be all phrase tokens,
            // one space away, and not end with a comma.
            let e = &doc.analysis.eojeols[prev.eojeol];
            let etoks = doc.analysis.eojeol_tokens(prev.eojeol);
            // "▲디지털 혁신지구 … 조성에": a bullet opens the phrase; take what follows it and stop.
            let bullets = etoks.iter().take_while(|x| x.pos == Pos::Symbol && doc.chars[x.start..x.end].iter().all(|c| is_bullet(*c))).count();
            let whole = etoks[bullets..].iter().all(|x| np_token(doc, x)) && bullets < etoks.len();
            if !whole || e.end + 1 != doc.analysis.eojeols[prev.eojeol + 1].start || last_eojeol - prev.eojeol >= 5 {
                break;
            }
            if bullets > 0 {
                first = e.first_token + bullets;
                break;
            }
        }
        first -= 1;
    }
    // Generic openers (올해, 총, 이 …) are not part of the purpose.
    while first < t && doc.lex.generic_modifiers.contains(tokens[first].surface(doc.analysis_text())) {
        first += 1;
    }
    (first < t).then(|| (tokens[first].start, end))
}

/// The noun phrase starting at `start`, up to the first eojeol with a particle.
fn np_after(doc: &Doc, start: usize, programs: &[Program]) -> Option<String> {
    if let Some(p) = programs.iter().find(|p| p.start == start) {
        return Some(p.name.clone());
    }
    let e0 = doc.analysis.eojeol_at(start)?;
    let mut end = None;
    for e in e0..(e0 + 5).min(doc.analysis.eojeols.len()) {
        let tokens = doc.analysis.eojeol_tokens(e);
        let nouns = tokens.iter().take_while(|t| np_token(doc, t)).count();
        if nouns == 0 {
            break;
        }
        end = Some(tokens[nouns - 1].end);
        if nouns < tokens.len() {
            break;
        }
    }
    end.map(|e| doc.slice(start, e).to_string())
}

fn program_ending_at(programs: &[Program], end: usize) -> Option<&Program> {
    programs.iter().find(|p| p.end == end)
}

fn phrase(doc: &Doc, programs: &[Program], span: (usize, usize)) -> String {
    // Prefer a program's clean name when the phrase is exactly a program mention.
    if let Some(p) = programs.iter().find(|p| p.start == span.0 && p.end == span.1) {
        return p.name.clone();
    }
    doc.slice(span.0, span.1).to_string()
}

fn about_for(doc: &Doc, a: &Amount, amounts: &[Amount], programs: &[Program], counts: &[Count]) -> Option<(String, &'static str)> {
    let sentence_start = doc.sentence_start(a.start);
    // 1. Inside parentheses: the name before "(".
    let mut k = a.start;
    while k > sentence_start {
        k -= 1;
        match doc.chars[k] {
            ')' => break,
            '(' => {
                if let Some(p) = program_ending_at(programs, k) {
                    return Some((p.name.clone(), "about.parenthesis"));
                }
                if amounts.iter().any(|x| x.end == k) {
                    break; // 30조원(2020년 10.5조원): a baseline, not a purpose
                }
                if let Some((s, e)) = np_before(doc, k) {
                    // Lindera may split an unknown compound (정부연구용역비) oddly:
                    // the name before "(" is at least its whole eojeol.
                    let word_start = doc.analysis.eojeol_at(k.saturating_sub(1)).map_or(s, |w| doc.analysis.eojeols[w].start);
                    return Some((phrase(doc, programs, (s.min(word_start), e)), "about.parenthesis"));
                }
                // (’22년 100억원 → ’23년 632억원) after "… 사업을 확대한다": the
                // nearest program earlier in the sentence.
                return programs
                    .iter()
                    .rev()
                    .find(|p| p.end <= k && p.start >= sentence_start)
                    .map(|p| (p.name.clone(), "about.parenthesis.program"));
            }
            _ => {}
        }
    }
    // 2. "1039억 원 규모의 스마트빌리지 사업".
    let after = doc.skip_spaces(a.end, 1);
    for word in ["규모의", "규모로", "를 들여", "을 들여"] {
        if doc.starts_with(after, word) || doc.starts_with(a.end, word) {
            let s = doc.skip_spaces(doc.word_end(after) , 1);
            if let Some(name) = np_after(doc, s, programs) {
                return Some((name, "about.scale"));
            }
        }
    }
    // Step over qualifier words between the phrase and the number: 약, 총, 최대.
    let (_, mut before) = words_before(doc, a.start);
    // "80개 선도 사업에 대해 약 9700억원": step over 대해/대한/위해.
    for word in ["대해", "대해서", "대한", "위해", "위한"] {
        let n = word.chars().count();
        if before > n + 1 && doc.at(before - 1) == Some(' ')
            && doc.chars[before - 1 - n..before - 1].iter().copied().eq(word.chars())
            && doc.at(before - 2 - n) == Some(' ')
        {
            before -= n + 1;
            break;
        }
    }
    if before > 0 && doc.at(before - 1) == Some(' ') {
        let prev_end = before - 1;
        // 3. "디지털 인재 양성에 2175억원".
        for particle in ["에", "에는", "에만", "으로", "로"] {
            let n = particle.chars().count();
            if prev_end >= n && doc.chars[prev_end - n..prev_end].iter().copied().eq(particle.chars()) {
                if let Some(span) = np_before(doc, prev_end - n) {
                    return Some((phrase(doc, programs, span), "about.particle"));
                }
            }
        }
        // 4. "디지털 전환 매출액 20조원".
        if let Some(span) = np_before(doc, prev_end) {
            let text = phrase(doc, programs, span);
            if !counts.iter().any(|c| c.start == span.0 && c.end == span.1) {
                return Some((text, "about.noun_before"));
            }
        }
    }
    // 5. The object of the clause before the amount: "87개 세부과제를 발굴해 … 투자".
    let tokens = &doc.analysis.tokens;
    let first_in_sentence = tokens.partition_point(|t| t.start < sentence_start);
    let amount_token = tokens.partition_point(|t| t.start < a.start);
    for t in (first_in_sentence..amount_token).rev() {
        let tok = &tokens[t];
        let s = tok.surface(doc.analysis_text());
        if tok.pos == Pos::Particle && (s == "을" || s == "를") {
            if amounts.iter().any(|x| x.end == tok.start) {
                continue; // "9700억원을" is the amount itself
            }
            return np_before(doc, tok.start).map(|span| (phrase(doc, programs, span), "about.object"));
        }
        if doc.chars[tok.start] == ',' {
            break;
        }
    }
    None
}

pub fn link(doc: &Doc, amounts: &mut [Amount], programs: &[Program], counts: &[Count]) {
    let snapshot: Vec<Amount> = amounts.to_vec();
    for a in amounts.iter_mut() {
        let found = about_for(doc, a, &snapshot, programs, counts);
        a.about_rule = found.as_ref().map(|(_, rule)| *rule);
        a.about = found.map(|(about, _)| about);
    }
}
