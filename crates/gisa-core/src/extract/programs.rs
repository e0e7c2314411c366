//! Program names: quoted or bracketed names that name a program (‘스마트빌리지’
//! 사업, 「지방 디지털 경쟁력 강화방안」), and unquoted noun sequences that end
//! in a program word (스마트 임대공장 시범사업, 경북 이노베이션 아카데미),
//! built from Lindera's noun tokens.

use super::{Doc, Program};
use crate::morph::{Pos, Token};
use crate::normalize::{DQUOTE, SQUOTE};

/// The longest name we accept inside quotes; longer quoted text is speech.
const MAX_QUOTED: usize = 60;
/// How many eojeols an unquoted name may span.
const MAX_EOJEOLS: usize = 6;
/// The most pieces one word of a name is read back over (see `unquoted`).
const MAX_WORD_TOKENS: usize = 24;

fn is_apostrophe_year(doc: &Doc, i: usize) -> bool {
    let d = |k: usize| doc.at(k).is_some_and(|c| c.is_ascii_digit());
    d(i + 1) && d(i + 2) && !d(i + 3)
}

fn closer_for(open: char) -> Option<char> {
    match open {
        SQUOTE => Some(SQUOTE),
        DQUOTE => Some(DQUOTE),
        '「' => Some('」'),
        '《' => Some('》'),
        _ => None,
    }
}

/// Does `name` end with a program word? (by string: quoted names are often
/// one unknown token for Lindera, e.g. 이노베이션스퀘어)
fn ends_with_program_word(doc: &Doc, name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    doc.lex.program_words.iter().any(|w| last.ends_with(w.as_str()) && (last.len() > w.len() || name.contains(' ')))
}

/// Speech and sentences, not names.
fn is_sentence(name: &str) -> bool {
    let last = name.trim_end().chars().last().unwrap_or(' ');
    matches!(last, '다' | '요' | '.' | '!' | '?' | '까') || name.contains(". ")
}

/// A trailing "(’23~’27)" or "(2024~2027)" on a name is a period, not part of it.
fn strip_period_suffix(name: &str) -> &str {
    if let Some(open) = name.rfind('(') {
        let inside = &name[open..];
        if inside.ends_with(')') && inside.chars().all(|c| c.is_ascii_digit() || "()~-'’‘. 년,".contains(c)) {
            return name[..open].trim_end();
        }
    }
    name
}

/// A trailing cost in brackets is not part of a quoted title:
/// ‘장낙대교 건설(총사업비 1,750억 원)’ → "장낙대교 건설".
fn strip_cost_suffix(name: &str) -> &str {
    if let Some(open) = name.rfind('(') {
        let inside = &name[open..];
        if inside.ends_with(')') && inside.contains('원') && inside.chars().any(|c| c.is_ascii_digit()) {
            return name[..open].trim_end();
        }
    }
    name
}

/// "(가칭)지방디지털화 특별위원회" → "지방디지털화 특별위원회".
fn strip_label_prefix(name: &str) -> &str {
    for label in ["(가칭)", "(가칭) ", "가칭 "] {
        if let Some(rest) = name.strip_prefix(label) {
            return rest.trim_start();
        }
    }
    name
}

fn quoted(doc: &Doc) -> Vec<Program> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        let c = doc.chars[i];
        let Some(close) = closer_for(c) else {
            i += 1;
            continue;
        };
        if c == SQUOTE && is_apostrophe_year(doc, i) {
            i += 1;
            continue;
        }
        // ''지역특화발전특구위원회'': a doubled quote (old pages write " as '')
        // opens and closes as one.
        let double = c == SQUOTE && doc.at(i + 1) == Some(SQUOTE);
        let w = if double { 2 } else { 1 };
        // Find the closer on the same line, skipping apostrophe years inside.
        let mut j = i + w;
        let mut found = None;
        while j < doc.len() && j - i <= MAX_QUOTED + w && doc.chars[j] != '\n' {
            if doc.chars[j] == close && !(close == SQUOTE && is_apostrophe_year(doc, j)) && (!double || doc.at(j + 1) == Some(SQUOTE)) {
                found = Some(j);
                break;
            }
            j += 1;
        }
        let Some(j) = found else {
            i += w;
            continue;
        };
        let inner_start = i + w;
        let raw = doc.slice(inner_start, j);
        let name = strip_label_prefix(strip_period_suffix(strip_cost_suffix(raw.trim())));
        // (the inner quote marks of a doubled pair stand for the quotes)
        if accept_quoted(doc, c, name, i + w - 1, j + w - 1) && name.chars().count() >= 2 {
            out.push(Program { name: name.to_string(), start: i, end: j + w, rule: "program.quoted", explain: None });
        }
        i = j + w;
    }
    out
}

fn accept_quoted(doc: &Doc, open: char, name: &str, open_at: usize, close_at: usize) -> bool {
    if is_sentence(name) {
        return false;
    }
    // "(이하 ‘과기정통부’)" defines an abbreviation, not a program.
    let before: String = doc.chars[open_at.saturating_sub(4)..open_at].iter().collect();
    // "스마트공장 보급사업(이하 ‘스마트공장 사업’)" defines a program's short
    // name, found again later; "(이하 ‘과기정통부’)" an organisation's.
    if before.contains("이하") || before.contains("약칭") {
        return ends_with_program_word(doc, name);
    }
    if matches!(open, '「' | '《') {
        return true;
    }
    if ends_with_program_word(doc, name) {
        return true;
    }
    let k = doc.skip_spaces(close_at + 1, 1);
    let after = doc.hangul_run(k);
    if doc.lex.program_list_words.follow.iter().any(|w| after.starts_with(w.as_str())) {
        return true;
    }
    // "‘2022년 농촌협약 공모’에 선정돼": what is selected is a program.
    let selected = matches!(after.as_str(), "에" | "이" | "가") && doc.starts_with(doc.skip_spaces(k + 1, 1), "선정");
    if selected {
        return true;
    }
    // A one-word coined name (‘스마트빌리지’, ‘이노베이션스퀘어’) used as a noun.
    if open == SQUOTE && !name.contains(char::is_whitespace) && name.chars().count() >= 3 {
        let tokens_are_nouns = doc
            .analysis
            .tokens
            .iter()
            .filter(|t| t.start > open_at && t.end <= close_at)
            .all(|t| t.pos.is_noun());
        let followed_by_noun_use = doc.tail_is_functional(close_at + 1) && !after.starts_with("라는") && !after.starts_with("란");
        return tokens_are_nouns && followed_by_noun_use && (program_context(doc, open_at) || said_again(doc, name, close_at));
    }
    let korean = name.chars().any(|c| ('가'..='힣').contains(&c));
    // A project's title (‘장낙대교 건설’, '옛 시청사 부지 활용한 생활SOC
    // 건립'): words ending in a project's verbal noun, where programs or money
    // are spoken of. A title may hold grammar; speech ends in a verb.
    let last = name.split_whitespace().last().unwrap_or("");
    if open == SQUOTE && korean && name.contains(' ') && doc.lex.program_list_words.action.iter().any(|w| last.ends_with(w.as_str())) {
        return program_context(doc, open_at) || said_again(doc, name, close_at);
    }
    // A coined name of a few words (‘예술인 기회소득’, ‘The 경기패스’, ‘1억
    // 플러스 아이드림’) used as a noun where programs or money are spoken of.
    // No grammar inside: ‘대한민국 어디서나 잘사는 …’ is a slogan.
    if open == SQUOTE && korean && name.contains(' ') && name.split_whitespace().count() <= MAX_COINED_WORDS {
        let inner = doc.analysis.tokens.iter().filter(|t| t.start > open_at && t.end <= close_at);
        let no_grammar = inner.clone().all(|t| {
            matches!(t.pos, Pos::Nng | Pos::Nnp | Pos::Nnb | Pos::Nnbc | Pos::Nr | Pos::Number | Pos::Foreign | Pos::Hanja | Pos::Xr | Pos::Xpn | Pos::Xsn | Pos::Symbol | Pos::Unknown)
        });
        let ends_in_noun = inner.last().is_some_and(|t| t.pos.is_noun());
        let noun_use = doc.tail_is_functional(close_at + 1) && !after.starts_with("라는") && !after.starts_with("란");
        return no_grammar && ends_in_noun && noun_use && (program_context(doc, open_at) || said_again(doc, name, close_at));
    }
    false
}

/// The most words a coined name in quotes has (‘전북청년 함께 두배적금’).
const MAX_COINED_WORDS: usize = 5;

/// Does the sentence around `at` speak of a program: a program word of its
/// own (…하는 사업이다, 시범사업 공모) or money (190억 원)? A coined word in
/// quotes with neither is a headline's catchword (도 넘은 ‘신상털기’), a
/// nickname in speech (‘윤방부’) or a term (‘접경지역’), not a program.
fn program_context(doc: &Doc, at: usize) -> bool {
    let (from, to) = (doc.sentence_start(at), doc.sentence_end(at));
    let tokens = &doc.analysis.tokens;
    let first = tokens.partition_point(|t| t.start < from);
    let words = tokens[first..].iter().take_while(|t| t.end <= to).any(|t| program_word_in(doc, t).is_some());
    words || (from..to).any(|i| doc.chars[i] == '원' && money_before(doc, i))
}

/// Is the '원' at `i` a currency: right after a digit or a magnitude word?
fn money_before(doc: &Doc, i: usize) -> bool {
    let k = if doc.at(i.wrapping_sub(1)) == Some(' ') { i.wrapping_sub(2) } else { i.wrapping_sub(1) };
    doc.at(k).is_some_and(|c| c.is_ascii_digit() || "십백천만억조".contains(c))
}

/// Is `name` written again after `from` (its later mentions make it a thing
/// the article is about)?
fn said_again(doc: &Doc, name: &str, from: usize) -> bool {
    let name: Vec<char> = name.chars().collect();
    doc.chars.get(from..).is_some_and(|rest| rest.windows(name.len()).any(|w| w == name.as_slice()))
}

/// A token that may be part of a name's word: nouns, prefixes and suffixes
/// (문화권), numbers and counters (5차), unknown words, and the joiners of a
/// compound (실증·제품화, 다사-왜관, 2.0).
fn name_token(doc: &Doc, t: &Token) -> bool {
    let s = t.surface(doc.analysis_text());
    match t.pos {
        p if p.is_noun() => true,
        Pos::Xpn | Pos::Xsn | Pos::Nr | Pos::Number | Pos::Unknown => true,
        // Ordinals and line numbers (성서 5차 산업단지, 68호선), not dates or
        // stages (15일, 1단계).
        Pos::Nnbc => matches!(s, "차" | "호" | "호선" | "기"),
        // A dot only between digits (2.0): "완공된다.임실읍" is two sentences.
        Pos::Symbol => s == "·" || (matches!(s, "-" | "+" | "&") && inside_word(doc, t)) || (s == "." && digits_around(doc, t)),
        _ => false,
    }
}

fn digits_around(doc: &Doc, t: &Token) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    digit(doc.at(t.start.wrapping_sub(1))) && digit(doc.at(t.end))
}

fn inside_word(doc: &Doc, t: &Token) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    alnum(doc.at(t.start.wrapping_sub(1))) && alnum(doc.at(t.end))
}

/// Lindera splits unknown compounds into odd pieces (음악창작소 → 음/IC +
/// 악창 + 작소, 대덕과학… → 대덕 + 과/JC + 학문): Korean writes a space after
/// grammar, so inside a word any piece but the last is still part of it.
fn inner_token(doc: &Doc, t: &Token, last: bool) -> bool {
    name_token(doc, t) || (!last && t.pos != Pos::Symbol)
}

/// Bullets and brackets that open a name inside an eojeol (△충청유교문화권,
/// [KBS 전주]지방소멸): how many tokens from `from` up to and including the
/// last such symbol, so the name starts after it.
fn lead_symbols(doc: &Doc, tokens: &[Token], from: usize, to: usize) -> usize {
    let text = doc.analysis_text();
    let mut lead = 0;
    for k in pieces(doc, tokens, from, to) {
        let t = &tokens[k];
        if t.pos == Pos::Symbol && !(matches!(t.surface(text), "·" | "-" | "+" | "&") || (t.surface(text) == "." && digits_around(doc, t))) {
            lead = k + 1 - from;
        }
    }
    lead
}

/// The tokens `from..to` of one eojeol, stepping over a parenthesised Latin
/// gloss after the first token (원더랜드(Wonderland)) as part of the word.
fn pieces<'a>(doc: &'a Doc, tokens: &'a [Token], from: usize, to: usize) -> impl Iterator<Item = usize> + 'a {
    let mut k = from;
    std::iter::from_fn(move || {
        while k < to {
            let g = gloss_at(doc, tokens, k);
            if g > 0 && k > from {
                k += g;
                continue;
            }
            k += 1;
            return Some(k - 1);
        }
        None
    })
}

/// A "(Wonderland)" gloss inside a word: ( Latin ).
fn gloss_at(doc: &Doc, tokens: &[Token], k: usize) -> usize {
    let text = doc.analysis_text();
    if tokens[k].surface(text) == "(" && tokens.get(k + 1).is_some_and(|t| t.pos == Pos::Foreign) && tokens.get(k + 2).is_some_and(|t| t.surface(text) == ")") {
        3
    } else {
        0
    }
}

/// "금성면·복수면 기초생활거점육성사업": Lindera reads the 면 of a township
/// after a noun as "(이)면" (복수 + 면/VCP+EC). In a word joined by `·` to
/// another place, it is the township.
fn misread_place(doc: &Doc, tokens: &[Token], first: usize, last: usize) -> bool {
    let text = doc.analysis_text();
    last > first + 1
        && matches!(tokens[last].surface(text), "면" | "읍" | "리")
        && !tokens[last].pos.is_noun()
        && tokens[last - 1].pos.is_noun()
        && tokens[last - 1].end == tokens[last].start
        && tokens[first..last].iter().any(|t| t.surface(text) == "·")
}

/// "올누림 행복가족센터": a coined word ending in a verb made a noun with
/// -ㅁ (누림, 나눔, 키움), read by Lindera as a verb. Only as a word before
/// the name's last word, where no clause ends.
fn nominalised(doc: &Doc, tokens: &[Token], first: usize, last: usize) -> bool {
    let t = &tokens[last];
    let jong_m = t.surface(doc.analysis_text()).chars().last().is_some_and(|c| ('가'..='힣').contains(&c) && (c as u32 - 0xAC00) % 28 == 16);
    last > first && matches!(t.pos, Pos::Vv) && t.last_pos == Pos::Ending && jong_m && !tokens[first..last].iter().any(|x| matches!(x.pos, Pos::Particle | Pos::Ending))
}

/// Are tokens `from..to` of one eojeol all word pieces of a name (the last
/// one a real noun-like piece), allowing a parenthesised Latin gloss?
fn word_pieces(doc: &Doc, tokens: &[Token], from: usize, to: usize) -> bool {
    if from >= to {
        return true;
    }
    // "가파도 상동항 정비사업": the word's last syllable misread as grammar.
    let misread = doc.misread_tail(from, to - 1) || misread_place(doc, tokens, from, to - 1) || nominalised(doc, tokens, from, to - 1);
    if !pieces(doc, tokens, from, to).all(|k| inner_token(doc, &tokens[k], k + 1 == to && !misread)) {
        return false;
    }
    let last = &tokens[to - 1];
    last.pos != Pos::Symbol || last.surface(doc.analysis_text()) == ")"
}

/// Does noun token `tok` end in a program word? Returns the length in chars
/// of the modifier glued in front inside the token (경제특구 → 2), or None.
fn program_word_in(doc: &Doc, tok: &Token) -> Option<usize> {
    let s = tok.surface(doc.analysis_text());
    if !matches!(tok.pos, Pos::Nng | Pos::Nnp) {
        return None;
    }
    if doc.lex.program_words.contains(s) {
        return Some(0);
    }
    // A compound token (경제특구, 지역특구): the program word must be two
    // syllables or more (방법 and 해법 do not end in the program word 법).
    doc.lex
        .program_words
        .iter()
        // (the byte tests first: they reject almost every word without counting chars)
        .filter(|w| s.len() > w.len() && s.ends_with(w.as_str()) && w.chars().count() >= 2)
        .map(|w| s.chars().count() - w.chars().count())
        .max()
}

/// A one-syllable word standing alone (도 추진 사업, 시 역점 사업): the
/// administration that runs it, not a name's word.
fn lone_syllable(doc: &Doc, t: &Token) -> bool {
    let e = &doc.analysis.eojeols[t.eojeol];
    t.end - t.start == 1 && e.start == t.start && e.end == t.end
}

/// A ministry or agency that runs or funds a kind of program ("해양수산부
/// 공모사업", "행정안전부 지원사업") says whose it is, not which.
fn is_ministry(word: &str) -> bool {
    word.chars().count() >= 3
        && (word.ends_with('부') || word.ends_with('처') || word.ends_with('청'))
        && !["본부", "동부", "서부", "남부", "북부", "중부", "내부", "외부", "일부"].iter().any(|w| word.ends_with(w))
}

/// An organisation or administration that owns or decides a program, written
/// as a whole word before it ("행정안전부 지원사업", "도의회 공유재산
/// 관리계획", "시군 핵심 동력사업", "우리군 핵심 사업"):
/// whose it is, not part of its name. Lindera splits many ministries
/// (행정 + 안 + 전부), so the test is on the whole word.
fn is_owner(word: &str) -> bool {
    is_ministry(word) || word.ends_with("의회") || matches!(word, "국회" | "시군" | "시·군" | "우리군" | "우리시" | "우리도")
}

/// 제2차, 제1기: an ordinal word.
fn is_ordinal(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('제') else { return false };
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && matches!(&rest[digits..], "차" | "기")
}

/// Funds and accounts ("지방소멸대응기금 사업", "국가균형발전특별회계 사업"):
/// a bare 사업 after one is the projects it pays for, and the name is the fund's.
const FUND_WORDS: [&str; 3] = ["기금", "특별회계", "펀드"];

/// Is the whole word `word` a generic word with a particle glued on
/// ("예산난을 이유로 신규사업을": 이유로 is not a name's word, though Lindera
/// reads it as a noun)?
fn generic_with_particle(doc: &Doc, word: &str) -> bool {
    word.char_indices().skip(1).any(|(b, _)| doc.lex.generic_modifiers.contains(&word[..b]) && doc.lex.particles.contains(&word[b..]))
}

/// A name that is an office every local government has (죽왕면 행정복지센터),
/// or a kind of facility standing alone (국민체육센터): not a program.
fn office_or_facility(doc: &Doc, name: &str) -> bool {
    let squashed: String = squash(name).into_iter().collect();
    let words = &doc.lex.program_list_words;
    words.office.iter().any(|w| squashed.ends_with(w.as_str())) || words.facility.contains(&squashed)
}

/// A name glued to an underscore is part of a file name or a caption
/// (▲보령시_밤섬·술뚱권역_어촌신활력증진사업_종합계획도), not prose.
fn in_identifier(doc: &Doc, start: usize, end: usize) -> bool {
    doc.at(start.wrapping_sub(1)) == Some('_') || doc.at(end) == Some('_')
}

/// "예산결산특별위원회의 심의", "국정기획위원회의 국정과제": Lindera reads
/// 위원회 + 의 as 위원 + 회의 (a meeting). Token `i` is such a 회의 ending
/// its word.
fn committee_genitive(doc: &Doc, tokens: &[Token], i: usize) -> bool {
    let text = doc.analysis_text();
    let t = &tokens[i];
    i > 0
        && t.surface(text) == "회의"
        && tokens[i - 1].eojeol == t.eojeol
        && tokens[i - 1].end == t.start
        && matches!(tokens[i - 1].surface(text), "위원" | "협의")
        && doc.at(t.end).is_none_or(|c| !c.is_alphanumeric())
}

/// Unquoted names: words ending in a program word, walking back over whole
/// eojeols made of nouns (기회발전특구, 충청유교문화권 명승문화마을 조성사업,
/// SW 융합클러스터 2.0).
fn unquoted(doc: &Doc, taken: &[bool]) -> Vec<Program> {
    let text = doc.analysis_text();
    let tokens = &doc.analysis.tokens;
    let eojeols = &doc.analysis.eojeols;
    let mut out = Vec::new();
    for (ti, tok) in tokens.iter().enumerate() {
        // `t` is the program word's first token; `cut` the chars of a glued
        // genitive after it (예산결산특별위원회의 → … 위원 + 회의).
        let (glued, t, cut) = match program_word_in(doc, tok) {
            Some(g) => (g, ti, 0),
            None if committee_genitive(doc, tokens, ti) => (0, ti - 1, 1),
            None => continue,
        };
        // The program word must end the noun run: 사업비 or 사업계획 is not a 사업.
        if tokens.get(ti + 1).is_some_and(|n| n.eojeol == tok.eojeol && n.pos.is_noun()) {
            continue;
        }
        if taken.get(tok.start).copied().unwrap_or(false) || doc.any_claimed(tok.start, tok.end) {
            continue;
        }
        let e0 = tok.eojeol;
        let ej = &eojeols[e0];
        // "지방소멸대응기금 사업": a bare 사업 after a fund is the projects it
        // pays for; the fund (found on its own) is the name.
        if glued == 0 && ej.first_token == t && e0 > 0 && eojeols[e0 - 1].end + 1 == ej.start && {
            let prev = doc.slice(eojeols[e0 - 1].start, eojeols[e0 - 1].end);
            FUND_WORDS.iter().any(|w| prev.ends_with(w) && prev.chars().count() > w.chars().count())
        } {
            continue;
        }
        // Inside its own eojeol: the whole word when it is all word pieces,
        // else the noun pieces right before the program word.
        // In a word of more pieces than any name (a text without spaces),
        // only the pieces nearest the program word are looked at: reading
        // the whole word for each program word in it was quadratic.
        let long_word = t - ej.first_token > MAX_WORD_TOKENS;
        let lead = if long_word { 0 } else { lead_symbols(doc, tokens, ej.first_token, t) };
        let mut first = if !long_word && word_pieces(doc, tokens, ej.first_token + lead, t) && !doc.any_claimed(tokens[ej.first_token + lead].start, tokens[t].start) {
            ej.first_token + lead
        } else {
            let mut f = t;
            while f > ej.first_token && t - f < MAX_WORD_TOKENS && name_token(doc, &tokens[f - 1]) && !doc.any_claimed(tokens[f - 1].start, tokens[f - 1].end) {
                f -= 1;
            }
            f
        };
        // Earlier eojeols: whole words of nouns, one space apart.
        if first == ej.first_token && lead == 0 {
            let mut e = e0;
            while e > 0 && e0 - (e - 1) < MAX_EOJEOLS {
                let prev = &eojeols[e - 1];
                if prev.end + 1 != eojeols[e].start || doc.at(prev.end) != Some(' ') {
                    break;
                }
                let word = doc.slice(prev.start, prev.end);
                if doc.lex.program_list_words.separators.contains(word) || doc.lex.program_list_words.stop.contains(word) || generic_with_particle(doc, word) {
                    break;
                }
                // "특구 지정안과 청도 반시나라특구": a word ending in 과/와 joins
                // two phrases (Lindera reads 지정안과 as a noun).
                if word.chars().count() >= 3 && (word.ends_with('과') || word.ends_with('와')) {
                    break;
                }
                // "원의 지방소멸대응기금", "전환의 전략": a genitive Lindera glued
                // into a noun ends the name.
                let genitive = word.ends_with('의') && word.chars().count() >= 2;
                let lead = lead_symbols(doc, tokens, prev.first_token, prev.last_token);
                if genitive || lead == prev.last_token - prev.first_token || doc.any_claimed(prev.start, prev.end) || !word_pieces(doc, tokens, prev.first_token + lead, prev.last_token) {
                    break;
                }
                first = prev.first_token + lead;
                if lead > 0 {
                    break; // "△충청유교문화권 …": the bullet opens the name
                }
                e -= 1;
            }
        }
        let committee = cut > 0 || ["위원회", "협의회"].iter().any(|w| tok.surface(text).ends_with(w));
        // Drop generic openers (올해, 전체, 관련, 내년도 …) from the left, and a
        // leading year when nothing specific follows it.
        // Whole generic words only: 국가 opens 국가식품클러스터 but is a word of its own in "국가 지원 사업".
        while first < t && tokens[first].eojeol < tok.eojeol && {
            let e = &eojeols[tokens[first].eojeol];
            let from = first.max(e.first_token);
            tokens[from..e.last_token].iter().all(|x| doc.lex.generic_modifiers.contains(x.surface(text)) || x.pos == Pos::Symbol)
                || doc.lex.generic_modifiers.contains(doc.slice(tokens[from].start, e.end))
                || is_owner(doc.slice(tokens[from].start, e.end))
                // "도 청년정책조정위원회": the administration that runs it.
                || matches!(doc.slice(tokens[from].start, e.end), "도" | "시" | "군")
                // "제9차 규제자유특구위원회에서": a committee's meeting number, not its name.
                || (committee && is_ordinal(doc.slice(tokens[from].start, e.end)))
        } {
            first = eojeols[tokens[first].eojeol].last_token;
        }
        while first < t && matches!(tokens[first].pos, Pos::Symbol) {
            first += 1;
        }
        // Modifier pieces before the program word (a glued modifier counts).
        let pieces: Vec<&Token> = tokens[first..t].iter().filter(|x| !matches!(x.pos, Pos::Symbol | Pos::Particle)).collect();
        let specific: Vec<&&Token> = pieces
            .iter()
            .filter(|x| !doc.lex.generic_modifiers.contains(x.surface(text)) && !matches!(x.pos, Pos::Number | Pos::Nnbc) && !is_ministry(x.surface(text)) && !lone_syllable(doc, x))
            .collect();
        let glued_generic = glued > 0 && {
            let s = tok.surface(text);
            let head: String = s.chars().take(glued).collect();
            doc.lex.generic_modifiers.contains(head.as_str())
        };
        let n_specific = specific.len() + usize::from(glued > 0 && !glued_generic);
        if n_specific == 0 {
            continue; // 사업, 이 사업, 대규모 사업, 국비 확보 사업, 공모사업
        }
        // One plain modifier makes a kind of program (지원 사업, 선도 사업,
        // 지원방안), not a name: ask for two, or one proper/foreign/coined word.
        if n_specific == 1 {
            // "충북지역 숙원사업", "경북 사업": a region and a kind of
            // program say whose it is, not which (bare region names).
            if specific.first().is_some_and(|m| doc.lex.regions.senses(m.surface(text)).is_some()) {
                continue;
            }
            let coined = match specific.first() {
                Some(m) => m.pos == Pos::Nnp || m.pos == Pos::Foreign || m.pos == Pos::Unknown || m.end - m.start >= 4,
                None => glued >= 3,
            };
            // A solid compound of three pieces or more (국가식품클러스터) is a name.
            let solid = tokens[first].eojeol == tok.eojeol && pieces.len() >= 2;
            if !coined && !solid {
                continue;
            }
        }
        let start = tokens[first].start;
        if doc.at(start.wrapping_sub(1)).is_some_and(|c| c == SQUOTE || c == DQUOTE || c == '」') {
            continue; // the rest of a quoted name: ‘스마트빌리지’ 사업
        }
        // "둘레길 조성 등 어촌 생활 지원 사업", "배수로 개선과 같은 주민 불편
        // 해소 사업": after a list, the phrase names its kind.
        let fe = &eojeols[tokens[first].eojeol];
        if fe.start == start && tokens[first].eojeol > 0 && {
            let prev = &eojeols[tokens[first].eojeol - 1];
            prev.end + 1 == start && doc.lex.program_list_words.summary.contains(doc.slice(prev.start, prev.end))
        } {
            continue;
        }
        if in_identifier(doc, start, tok.end - cut) {
            continue;
        }
        // "8개 도로 건설 사업", "99개 중점관리사업": counted, so a kind of
        // project, not one program's name ("56개의 … 사업" keeps its 의).
        if fe.start == start && tokens[first].eojeol > 0 && {
            let prev = &eojeols[tokens[first].eojeol - 1];
            let word = doc.slice(prev.start, prev.end);
            prev.end + 1 == start && word.starts_with(|c: char| c.is_ascii_digit()) && ["개", "곳", "건", "가지"].iter().any(|c| word.ends_with(c))
        } {
            continue;
        }
        // "SW 융합클러스터 2.0": a version number right after the name.
        let mut end = tok.end - cut;
        if cut == 0 && tok.end == ej.end && doc.at(end) == Some(' ') {
            let v = end + 1;
            let mut k = v;
            while doc.at(k).is_some_and(|c| c.is_ascii_digit() || c == '.') {
                k += 1;
            }
            let version = doc.slice(v, k);
            if version.contains('.') && version.starts_with(|c: char| c.is_ascii_digit()) && !version.ends_with('.') && doc.tail_is_functional(k) && !doc.any_claimed(v, k) {
                end = k;
            }
        }
        let name = doc.slice(start, end).to_string();
        if name.chars().count() < 3 || office_or_facility(doc, &name) {
            continue;
        }
        out.push(Program { name, start, end, rule: "program.unquoted", explain: None });
    }
    out
}

/// Names from `dictionaries/program_names.txt` (and any learned from a
/// tracking database), wherever they occur with any single spacing, as whole
/// words (not inside a longer word), outside the names already found; the
/// longest name wins where several start.
fn known(doc: &Doc, taken: &[bool]) -> Vec<Program> {
    let names = doc.lex.program_names.names();
    let mut hits = doc.lex.program_names.occurrences(&doc.chars);
    hits.retain(|&(i, end, _)| {
        let starts_word = i == 0 || !doc.chars[i - 1].is_alphanumeric();
        starts_word && doc.tail_is_functional(end) && !taken[i..end].iter().any(|c| *c)
    });
    hits.sort_by_key(|&(i, end, _)| (i, std::cmp::Reverse(end)));
    let mut out: Vec<Program> = Vec::new();
    let mut reach = 0;
    for (i, end, k) in hits {
        if i < reach {
            continue;
        }
        reach = end;
        let rule = if names[k].learned { "program.learned" } else { "program.known" };
        out.push(Program { name: doc.slice(i, end).to_string(), start: i, end, rule, explain: None });
    }
    out
}

/// The end of `name` (spaces removed) written at `i` with single spaces
/// anywhere between its letters.
fn match_spaced(doc: &Doc, i: usize, name: &[char]) -> Option<usize> {
    let mut k = i;
    for (n, c) in name.iter().enumerate() {
        if n > 0 && doc.at(k) == Some(' ') {
            k += 1;
        }
        if doc.at(k) != Some(*c) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Marks chars `start..end` as part of a found name.
fn mark(mask: &mut [bool], p: &Program) {
    let end = p.end.min(mask.len());
    mask[p.start..end].iter_mut().for_each(|c| *c = true);
}

/// Spaces removed: how names are compared.
fn squash(name: &str) -> Vec<char> {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The short forms of a name a later sentence may use: the name without its
/// first words ("전남형 균형발전 300 프로젝트" → "균형발전 300 프로젝트",
/// "도시재생 뉴딜사업" → "뉴딜사업"), when what is left is still specific.
fn short_forms(doc: &Doc, name: &str) -> Vec<Vec<char>> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    for k in 1..words.len() {
        let rest = &words[k..];
        let last = rest.last().copied().unwrap_or("");
        // Still a name: a program word at its end with something specific
        // in front of it, and no generic or dangling opener.
        let Some(w) = doc.lex.program_words.iter().filter(|w| last.ends_with(w.as_str())).max_by_key(|w| w.len()) else { break };
        let head_chars = squash(&rest.join("")).len() - w.chars().count();
        // One word left (뉴딜사업): it needs a longer head than a plain noun.
        // A short form keeps more than one plain word in front ("시범 사업" is not one).
        let min_head = if rest.len() == 1 { 3 } else { 4 };
        if head_chars < min_head || doc.lex.generic_modifiers.contains(rest[0]) || rest[0].chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(squash(&rest.join(" ")));
    }
    out
}

/// Chars inside double-quoted speech (“…” longer than a name, or ending a
/// sentence): a name said by someone is not a new mention of it.
fn speech_mask(doc: &Doc) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    let mut open: Option<usize> = None;
    for (i, c) in doc.chars.iter().enumerate() {
        match *c {
            '\n' => open = None,
            '“' | '"' if open.is_none() => open = Some(i),
            '”' | '"' => {
                if let Some(o) = open.take() {
                    let inner = doc.slice(o + 1, i);
                    if inner.chars().count() > MAX_QUOTED / 2 || is_sentence(inner) {
                        mask[o..=i].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
            _ => {}
        }
    }
    mask
}

/// Later bare mentions of names found once: every occurrence of a found name
/// (or a short form of one) after its first mention, as a whole word, outside
/// the names already found. Linear in the text for each distinct name.
fn repeated(doc: &Doc, found: &[Program], taken: &[bool]) -> Vec<Program> {
    // Distinct names with the offset of their first mention; full names first.
    let mut names: Vec<(Vec<char>, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in found {
        let n = squash(&p.name);
        if n.len() >= 3 && !office_or_facility(doc, &p.name) && seen.insert(n.clone()) {
            names.push((n, p.start));
        }
    }
    for p in found {
        if p.rule == "program.quoted" && !ends_with_program_word(doc, &p.name) {
            continue;
        }
        for s in short_forms(doc, &p.name) {
            let text: String = s.iter().collect();
            if !office_or_facility(doc, &text) && seen.insert(s.clone()) {
                names.push((s, p.end));
            }
        }
    }
    // Longest first, so a full name wins over its short form at the same place.
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut mask = taken.to_vec();
    let in_speech = speech_mask(doc);
    let mut out = Vec::new();
    for (name, after) in &names {
        let first = name[0];
        let mut i = *after;
        while i < doc.len() {
            if doc.chars[i] != first || mask[i] || (i > 0 && doc.chars[i - 1].is_alphanumeric()) {
                i += 1;
                continue;
            }
            let Some(end) = match_spaced(doc, i, name) else {
                i += 1;
                continue;
            };
            if doc.tail_is_functional(end) && !mask[i..end].iter().any(|c| *c) && !doc.any_claimed(i, end) && !in_speech[i] && !in_identifier(doc, i, end) {
                let p = Program { name: doc.slice(i, end).to_string(), start: i, end, rule: "program.repeated", explain: None };
                mark(&mut mask, &p);
                out.push(p);
                i = end;
            } else {
                i += 1;
            }
        }
    }
    out
}

pub fn find(doc: &mut Doc) -> Vec<Program> {
    let mut mask = vec![false; doc.len()];
    let mut programs = quoted(doc);
    programs.iter().for_each(|p| mark(&mut mask, p));
    let mut extra = unquoted(doc, &mask);
    // Nested unquoted names (제조혁신 허브 / 제조혁신 허브 구축 전략): keep the
    // longest. Sorted by start, then longest first, a name is inside an
    // earlier one exactly when it ends before the furthest end seen so far.
    extra.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    let mut reach = 0;
    for p in extra {
        if p.end <= reach || mask[p.start..p.end].iter().any(|c| *c) {
            continue;
        }
        reach = p.end;
        mark(&mut mask, &p);
        programs.push(p);
    }
    let known = known(doc, &mask);
    known.iter().for_each(|p| mark(&mut mask, p));
    programs.extend(known);
    programs.sort_by_key(|p| p.start);
    let again = repeated(doc, &programs, &mask);
    programs.extend(again);
    programs.sort_by_key(|p| p.start);
    programs
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::lexicon::Lexicon;
    use crate::morph::Morph;
    use std::sync::OnceLock;

    fn names(text: &str) -> Vec<String> {
        static MORPH: OnceLock<Morph> = OnceLock::new();
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        let morph = MORPH.get_or_init(|| Morph::new().unwrap());
        let lex = &LEX.get_or_init(Lexicon::builtin).extraction;
        extract(text, morph, lex).programs.into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn solid_compounds_that_lindera_splits_are_names() {
        // 기회 + 발전 + 특구(NNP); 지방 + 소멸 + 대응 + 기금.
        assert_eq!(names("군은 기회발전특구 지정을 신청했다."), ["기회발전특구"]);
        assert_eq!(names("시는 지방소멸대응기금을 받았다."), ["지방소멸대응기금"]);
    }

    #[test]
    fn a_name_found_once_is_found_again_bare() {
        let found = names("도는 ‘푸른바다 청년마을’ 사업을 시작했다. 푸른바다 청년마을은 내년에 문을 연다.");
        assert_eq!(found, ["푸른바다 청년마을", "푸른바다 청년마을"]);
        // A noun-phrase name, then a later mention with different spacing.
        let found = names("시는 해변관광 활성화 조성사업을 추진한다. 해변관광 활성화조성사업에는 국비가 들어간다.");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_short_name_defined_with_iha_is_found_later() {
        let found = names("시는 중소기업 스마트공장 보급사업(이하 ‘스마트공장 사업’)을 벌인다. 스마트공장 사업은 3년간 이어진다.");
        assert!(found.iter().filter(|n| n.as_str() == "스마트공장 사업").count() == 2, "{found:?}");
    }

    #[test]
    fn names_with_latin_letters_and_versions() {
        let found = names("시는 SW 융합클러스터 2.0 공모에 선정됐다.");
        assert_eq!(found, ["SW 융합클러스터 2.0"]);
    }

    #[test]
    fn generic_phrases_and_debris_are_not_names() {
        assert!(names("이 사업은 내년에 끝난다.").is_empty());
        assert!(names("군은 추진 중인 대규모 사업을 점검했다.").is_empty());
        assert!(names("도는 국비 확보 사업을 발굴했다.").is_empty());
        // 내년도 and 원의 are not part of the name.
        assert_eq!(names("내년도 지방소멸대응기금 배분이 끝났다."), ["지방소멸대응기금"]);
        assert_eq!(names("도는 100억 원의 지방소멸대응기금을 받는다."), ["지방소멸대응기금"]);
    }

    #[test]
    fn a_quoted_catchword_without_program_context_is_not_a_name() {
        // Headlines and nicknames: no program word, no money, said once.
        assert!(names("도 넘은 ‘신상털기’…경찰 수사 착수").is_empty());
        assert!(names("의원은 국방부가 ‘윤방부’가 되고 있다고 비판했다.").is_empty());
        // Money in the sentence, or a later mention, makes it one.
        assert_eq!(names("‘햇빛연금’으로 지금까지 190억 원 넘게 나갔다."), ["햇빛연금"]);
        assert_eq!(names("군은 ‘햇빛연금’을 도입했다. 햇빛연금은 주민에게 돌아간다."), ["햇빛연금", "햇빛연금"]);
        // Selected in a contest: a program, whatever its last word.
        assert_eq!(names("4개 군이 ‘2022년 농촌협약 공모’에 선정됐다."), ["2022년 농촌협약 공모"]);
    }

    #[test]
    fn a_quoted_name_of_a_few_nouns_where_money_is_spoken_of() {
        assert_eq!(names("도는 ‘기후행동 기회소득’에 90억원을 배정했다."), ["기후행동 기회소득"]);
        // A slogan has grammar inside; a foreign phrase is no Korean program.
        assert!(names("‘대한민국 어디서나 잘사는 지방시대’를 위해 100억원을 쓴다.").is_empty());
        assert!(names("translated by 'Google Translate' with 100억원.").is_empty());
    }

    #[test]
    fn an_island_or_road_word_lindera_reads_as_grammar_stays_in_the_name() {
        assert_eq!(names("올해 가파도 상동항 정비사업에 7억원을 들인다."), ["가파도 상동항 정비사업"]);
        // 충북 + 도 is the province that runs it, not part of a name.
        assert!(names("단양군이 충북도 공모사업에 선정됐다.").is_empty());
    }

    #[test]
    fn speech_does_not_repeat_a_name() {
        let found = names("도는 ‘햇살연금’을 도입했다. 지사는 “햇살연금이 주민의 삶을 바꿀 것이라고 믿는다”고 말했다.");
        assert_eq!(found, ["햇살연금"]);
    }

    #[test]
    fn a_phrase_after_a_list_names_its_kind() {
        assert!(names("권역은 둘레길 조성 등 어촌 생활 지원 사업이 추진된다.").is_empty());
        assert!(names("예산은 배수로 개선과 같은 주민 불편 해소 사업에 쓰였다.").is_empty());
    }

    #[test]
    fn offices_and_bare_facility_kinds_are_not_names() {
        assert!(names("농업기술센터는 10억여원을 받았다.").is_empty());
        assert!(names("설명회는 죽왕면 행정복지센터 회의실에서 열린다.").is_empty());
        assert!(names("국민체육센터 수영장을 고친다.").is_empty());
        assert_eq!(names("시는 반다비 체육센터를 짓는다."), ["반다비 체육센터"]);
    }

    #[test]
    fn owners_are_not_part_of_a_name() {
        assert!(names("이 사업은 행정안전부 지원사업으로 추진된다.").is_empty());
        assert_eq!(names("도의회 공유재산 관리계획 등 행정절차를 거친다."), ["공유재산 관리계획"]);
        assert!(names("정부가 예산난을 이유로 신규사업을 자제하고 있다.").is_empty());
    }

    #[test]
    fn a_funds_projects_are_named_by_the_fund() {
        assert_eq!(names("군은 지방소멸대응기금 사업으로 6개 사업을 벌인다."), ["지방소멸대응기금"]);
    }

    #[test]
    fn names_inside_file_names_are_not_mentions() {
        assert!(names("▲보령시_밤섬·술뚱권역_어촌신활력증진사업_종합계획도").is_empty());
    }

    #[test]
    fn a_quoted_project_title_ends_in_a_projects_verbal_noun() {
        assert_eq!(names("핵심사업인 ‘장낙대교 건설(총사업비 1,750억 원)’이 반영됐다."), ["장낙대교 건설"]);
        assert_eq!(names("하남시 '옛 시청사 부지 활용한 생활SOC 건립' 사업에 20억원을 준다."), ["옛 시청사 부지 활용한 생활SOC 건립"]);
        // No program or money around: a goal, not a project.
        assert!(names("시장은 ‘살기 좋은 도시 조성’을 약속했다.").is_empty());
    }

    #[test]
    fn a_counted_phrase_is_a_kind_of_project() {
        assert!(names("도내 8개 도로 건설 사업이 면제됐다.").is_empty());
    }

    #[test]
    fn a_name_starts_after_words_that_relate_it() {
        assert_eq!(names("국무총리 소속 해상풍력발전위원회가 인허가를 한다."), ["해상풍력발전위원회"]);
        assert_eq!(names("4곳의 신규 특구 지정안과 청도 반시나라특구 계획변경안을 심의했다."), ["청도 반시나라특구"]);
        assert_eq!(names("지난 18일 도 청년정책조정위원회를 열었다."), ["청년정책조정위원회"]);
    }

    #[test]
    fn a_committees_meeting_number_is_not_its_name_but_a_plans_edition_is() {
        assert_eq!(names("제9차 규제자유특구위원회에서 4곳을 지정했다."), ["규제자유특구위원회"]);
        assert_eq!(names("제4차 도서종합개발계획을 세웠다."), ["제4차 도서종합개발계획"]);
    }

    #[test]
    fn township_lists_and_coined_nominalised_words_stay_in_the_name() {
        assert_eq!(names("금성면·복수면 기초생활거점육성사업 13억3천만원이 반영됐다."), ["금성면·복수면 기초생활거점육성사업"]);
        assert_eq!(names("△올누림 행복가족센터 건립사업 183억 원"), ["올누림 행복가족센터 건립사업"]);
    }

    #[test]
    fn a_committee_with_a_genitive_lindera_reads_as_a_meeting() {
        assert_eq!(names("상임위원회와 예산결산특별위원회의 심의를 거쳤다."), ["예산결산특별위원회"]);
    }

    #[test]
    fn a_region_and_a_kind_of_program_is_not_a_name() {
        assert!(names("충북지역 숙원사업인 교통방송이 문을 연다.").is_empty());
        assert_eq!(names("충북형 뉴딜사업에 1조원을 쓴다."), ["충북형 뉴딜사업"]);
    }

    #[test]
    fn a_doubled_quote_opens_and_closes_a_name() {
        assert_eq!(names("장관 주재로 제22차 ''지역특화발전특구위원회''를 개최했다."), ["지역특화발전특구위원회"]);
    }
}
