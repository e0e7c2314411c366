//! Money: a Korean number followed by a currency word (9700억원, 1039억 원,
//! 3조 2천 638억원, 10억 달러), with approximation (약, 여, 가량, 수백억),
//! bounds (이상, 이하, 미만, 초과, 최대, 최소, 까지), ranges (12억∼210억원,
//! 80억에서 최대 160억 원) and changes (100억원 → 632억원).

use super::qualifiers::{words_after, words_before, Qualified};
use super::sign::Signs;
use super::{Amount, Bound, Doc};
use crate::numbers::{is_number_boundary, parse_at, Number};

/// A number with its currency word.
struct Money {
    number: Number,
    currency: String,
    /// End of the currency word.
    end: usize,
    /// 억원대: "in the range of", an approximation.
    approx_suffix: bool,
}

fn currency_at(doc: &Doc, number: &Number) -> Option<Money> {
    // A space before the currency only after a Korean unit: "1039억 원",
    // "5천 위안", not "2024 원".
    let mut i = number.end;
    if doc.at(i) == Some(' ') && ends_in_hangul(doc, number) {
        i += 1;
    }
    // "(단위: 백만원)" is a table's unit, not an amount.
    let head: String = doc.chars[number.start.saturating_sub(5)..number.start].iter().filter(|c| !c.is_whitespace()).collect();
    if head.ends_with("단위:") || head.ends_with("단위") {
        return None;
    }
    let Some(currency) = doc.lex.currencies.iter().find(|c| doc.starts_with(i, &c.word)) else {
        return bare_won(doc, number);
    };
    let end = i + currency.word.chars().count();
    // 엔/불 are also ordinary syllables: only right after a magnitude word.
    if currency.attached_only && (number.magnitude.is_none() || i != number.end) {
        return None;
    }
    let approx_suffix = doc.at(end) == Some('대');
    let tail = if approx_suffix { end + 1 } else { end };
    if !doc.tail_is_functional(tail) {
        return None;
    }
    Some(Money { number: *number, currency: currency.code.clone(), end, approx_suffix })
}

/// Budget reporting drops the 원 in headlines, decks, lists and tables
/// ("474억, 1조 넘을 듯", "국비 68억 확보"): a number of at least 1억 written
/// with 억 or 조 and no currency is won, unless a counter or measure follows
/// (1억 그루, 1억 명) or letters and digits run on (1조2항).
fn bare_won(doc: &Doc, number: &Number) -> Option<Money> {
    // Digits required: Hangul numerals alone read words (구조, 이조).
    if !number.has_digit || number.magnitude.is_none() || number.value() < 100_000_000 || !matches!(doc.at(number.end - 1), Some('억' | '조' | '만' | '여')) {
        return None;
    }
    // ‘1억 플러스 아이드림’: a number that opens a quoted name is part of it.
    if number.start > 0 && matches!(doc.at(number.start - 1), Some('‘' | '\'' | '“' | '"' | '「' | '『')) {
        return None;
    }
    let next = doc.skip_spaces(number.end, 1);
    // A whole word only: 개 in "1조 개발비" is not the counter 개.
    let word_at = |w: &str| doc.starts_with(next, w) && doc.tail_is_functional(next + w.chars().count());
    let counter_follows = doc.lex.counters.iter().any(|c| word_at(&c.surface)) || doc.lex.amount_words.not_money_after.iter().any(|w| word_at(w));
    // "3조 2항", "5조 1호": an article of a law, not money.
    let mut k = next;
    while doc.at(k).is_some_and(|c| c.is_ascii_digit()) {
        k += 1;
    }
    let law_article = k > next && matches!(doc.at(k), Some('항' | '호'));
    if counter_follows || law_article || !doc.tail_is_functional(number.end) {
        return None;
    }
    Some(Money { number: *number, currency: "KRW".into(), end: number.end, approx_suffix: false })
}

/// The number ends in a Korean unit or numeral (억, 천, 여, 이천), after
/// which a counter or currency may stand as a separate word.
pub fn ends_in_hangul(doc: &Doc, number: &Number) -> bool {
    number.end > number.start && doc.at(number.end - 1).is_some_and(crate::normalize::is_hangul)
}

fn money_at(doc: &Doc, i: usize) -> Option<Money> {
    if doc.is_claimed(i) || !is_number_boundary(&doc.chars, i) {
        return None;
    }
    let number = parse_at(&doc.chars, i)?;
    currency_at(doc, &number)
}

enum Link {
    Range,
    Change,
}

/// After the first end of a range or change: the connector and where the
/// second end starts. `최대` after the connector is skipped (and implied).
fn link_after(doc: &Doc, i: usize) -> Option<(Link, usize)> {
    let k = doc.skip_spaces(i, 1);
    let (link, after) = match doc.at(k)? {
        '~' => (Link::Range, k + 1),
        '→' => (Link::Change, k + 1),
        '-' if doc.at(k + 1) == Some('>') => (Link::Change, k + 2),
        '-' => (Link::Range, k + 1),
        '에' if doc.starts_with(k, "에서") => (Link::Range, k + 2),
        _ => return None,
    };
    let mut j = doc.skip_spaces(after, 1);
    // '22년 100억원 → '23년 632억원: a year label may sit before the second end.
    if doc.at(j) == Some('\'') && doc.at(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        let mut y = j + 1;
        while doc.at(y).is_some_and(|c| c.is_ascii_digit()) {
            y += 1;
        }
        if doc.at(y) == Some('년') {
            j = doc.skip_spaces(y + 1, 1);
        }
    }
    for word in &doc.lex.amount_words.range_max {
        if doc.starts_with(j, word) {
            j = doc.skip_spaces(j + word.chars().count(), 1);
        }
    }
    Some((link, j))
}

fn make(doc: &Doc, number: &Number, end: usize, value: u128, currency: String) -> Amount {
    Amount {
        text: doc.slice(number.start, end).to_string(),
        // Exact: parsed values are at most numbers::MAX_VALUE (i64::MAX).
        value: value as i128,
        currency,
        approx: number.approx,
        bound: None,
        start: number.start,
        end,
        about: None,
        about_rule: None,
        region: None,
        region_rule: None,
        rule: "amount",
        explain: None,
    }
}

pub fn find(doc: &mut Doc) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    let mut signs = Signs::default();
    let mut i = 0;
    while i < doc.len() {
        // Claimed before: numbers too large to represent (see `extract_with`).
        if doc.is_claimed(i) || !is_number_boundary(&doc.chars, i) || doc.at(i.wrapping_sub(1)) == Some('제') {
            i += 1;
            continue;
        }
        let Some(first) = parse_at(&doc.chars, i) else {
            i += 1;
            continue;
        };
        let money = currency_at(doc, &first);
        let link_from = money.as_ref().map_or(first.end, |m| m.end);
        // A second end joined by ~, →, 에서: "12억~210억원", "100억원 → 632억원".
        let second = link_after(doc, link_from).and_then(|(link, j)| Some((link, money_at(doc, j)?)));

        // The first end: with its own currency, or borrowing the second's
        // currency, and its magnitude when written bare: 3~5억원 → 3억,
        // 2000→3000억원 → 2000억.
        let (first_amount, second) = match (money, second) {
            (Some(m), second) => {
                let mut a = make(doc, &m.number, m.end, m.number.value(), m.currency.clone());
                a.approx |= m.approx_suffix;
                (a, second.filter(|(_, m2)| m2.currency == m.currency))
            }
            (None, Some((link, m2))) => {
                let value = match (first.magnitude, m2.number.magnitude) {
                    (None, Some(mag)) if first.is_plain_digits() => first.value_times_pow10(mag),
                    _ => Some(first.value()),
                };
                // 10³⁰~5경원: a first end too large to represent is no amount.
                let Some(value) = value else {
                    i = first.end.max(i + 1);
                    continue;
                };
                (make(doc, &first, first.end, value, m2.currency.clone()), Some((link, m2)))
            }
            (None, None) => {
                i = first.end.max(i + 1);
                continue;
            }
        };
        let mut found: Vec<(Amount, Option<Bound>)> = Vec::new();
        match second {
            Some((link, m2)) => {
                let mut b = make(doc, &m2.number, m2.end, m2.number.value(), m2.currency.clone());
                b.approx |= m2.approx_suffix;
                let (ba, bb) = match link {
                    Link::Range => (Some(Bound::Min), Some(Bound::Max)),
                    Link::Change => (None, None),
                };
                let rule = match link {
                    Link::Range => "amount.range",
                    Link::Change => "amount.change",
                };
                found.push((Amount { rule, ..first_amount }, ba));
                found.push((Amount { rule, ..b }, bb));
            }
            None => found.push((first_amount, None)),
        }
        let last_end = found.last().map_or(i + 1, |(a, _)| a.end);
        let n = found.len();
        for (k, (mut a, range_bound)) in found.into_iter().enumerate() {
            let before = if k == 0 { words_before(doc, a.start).0 } else { Qualified::default() };
            let after = if k + 1 == n { words_after(doc, a.end) } else { Qualified::default() };
            a.approx |= before.approx || after.approx;
            a.bound = after.bound.or(before.bound).or(range_bound);
            // △500억원, -500억원: negative; ▲/+: kept in the text. A hyphen
            // before the second end of a range is the range's connector.
            if let Some((negative, at)) = signs.before(doc, a.start, k == 0) {
                if negative {
                    a.value = -a.value;
                }
                a.start = at;
                a.text = doc.slice(at, a.end).to_string();
            }
            doc.claim(a.start, a.end);
            out.push(a);
        }
        i = last_end;
    }
    out
}
