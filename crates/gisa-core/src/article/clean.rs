//! Plain text → clean article text.
//!
//! Text files saved from web pages carry the page around the article: site
//! navigation above it, comment boxes, polls and copyright below it, and often
//! the lead paragraph twice. Lines are classified with the data-driven rules in
//! `dictionaries/furniture.txt` and `footer_markers.txt`; what survives is
//! joined with blank lines between paragraphs.
//!
//! Losing a body paragraph costs the data, letting a furniture line through
//! costs little; so no line that reads as body text (a sentence, a number
//! mention, long prose) is ever dropped for where it sits. The headline is
//! only looked for above the first sentence, and only non-body lines above
//! it are dropped as masthead. Every dropped line is kept in
//! `Article::dropped` with the rule that dropped it (`gisa article --explain`).

use std::collections::HashSet;

use super::metadata::{find_outlet, find_published, find_source_url};
use super::{Article, DroppedLine};
use crate::lexicon::CleaningRules;

/// A headline: short, and not a sentence (no final period, not ending in 다).
fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    let last = line.chars().last().unwrap_or(' ');
    (4..=120).contains(&n) && !matches!(last, '.' | '다' | '。' | ':' | '…') && !line.starts_with(['[', '△', '▲', '□', '-', '※', '•', '·', '○', '◆', '■', '▶', '◇'])
}

/// Drops a breadcrumb or site suffix: "제목 > 경북", "제목 > 정책소식 | 정보모아".
pub(crate) fn strip_site_suffix(title: &str) -> &str {
    let cut = [" > ", " | ", " :: ", " - "]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len());
    title[..cut].trim()
}

/// A sentence of prose: a clause ending (다, 요, 음, 함 …) before the final
/// period or question mark, optionally inside a closing quote or bracket;
/// or a long line ending in 다/니다 without its period (scripts, cut feeds).
pub(crate) fn is_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '」', '』', ' ']);
    let mut rev = core.chars().rev();
    let (last, before) = (rev.next().unwrap_or(' '), rev.next().unwrap_or(' '));
    let n = line.chars().count();
    if matches!(last, '.' | '?' | '!' | '。') {
        return n >= 4 && matches!(before, '다' | '요' | '죠' | '음' | '함' | '임' | '됨' | '까' | '네' | '중' | '것' | '등' | '니');
    }
    last == '다' && (core.ends_with("니다") || (n >= 40 && line.split_whitespace().count() >= 6))
}

/// A number that an extractor could take: digits (or a Hangul magnitude)
/// followed by a money, count or percent unit. Years alone do not count:
/// date lines sit in every masthead.
pub(crate) fn has_number_mention(line: &str) -> bool {
    line.chars().zip(line.chars().skip(1)).any(|(a, b)| {
        (a.is_ascii_digit() || matches!(a, '억' | '조' | '천' | '만'))
            && matches!(b, '억' | '조' | '만' | '원' | '개' | '명' | '곳' | '%' | '달' | '건' | '가')
            && (a.is_ascii_digit() || matches!(b, '원' | '달'))
    })
}

/// Long running prose, sentence end or not (a paragraph cut by a feed).
fn is_long_prose(line: &str) -> bool {
    line.chars().count() >= 100 && line.split_whitespace().count() >= 12
}

/// Reads as article body: never dropped as masthead or navigation.
pub(crate) fn reads_as_body(line: &str) -> bool {
    is_sentence(line) || has_number_mention(line) || is_long_prose(line)
}

/// A byline or an e-mail, possibly cut ("최두선 기자 cds0817@"): never a headline.
fn is_byline(line: &str) -> bool {
    line.contains('@') || (line.chars().count() <= 24 && line.contains("기자"))
}

/// How many non-empty lines at the top of a page may come before the headline
/// (site name, breadcrumb, search box, section label, a weather box); the
/// headline is always looked for above the first body sentence only.
const TITLE_SEARCH: usize = 30;

/// The first line of a hard-wrapped paragraph (three or more lines of about
/// the same width, most of them ending mid-sentence) is not a headline.
fn starts_wrapped_block(lines: &[&str], i: usize) -> bool {
    let block: Vec<&str> = lines[i..].iter().take_while(|l| !l.is_empty()).take(6).copied().collect();
    if block.len() < 3 {
        return false;
    }
    // A wrap width is a real line's width (15+ chars), and every line but
    // the last comes close to it; a masthead's short lines do not.
    let width = block[0].chars().count() as i64;
    let open = block[..block.len() - 1].iter().filter(|l| !ends_sentence(l)).count();
    let same_width = width >= 15 && block[1..block.len() - 1].iter().all(|l| (l.chars().count() as i64 - width).abs() <= 6);
    // A byline between two lines is page furniture, not a wrapped sentence.
    open * 10 >= (block.len() - 1) * 6 && same_width && !block.iter().any(|l| is_byline(l))
}

/// Is line `i` inside a hard-wrapped paragraph (anywhere in it, not only
/// at its first line)?
fn in_wrapped_block(lines: &[&str], i: usize) -> bool {
    let mut s = i;
    while s > 0 && i - s < 6 && !lines[s - 1].is_empty() {
        s -= 1;
    }
    (s..=i).any(|k| starts_wrapped_block(lines, k))
}

/// The widest line of a broadcast script: reporters' scripts are wrapped
/// every few words (4 to about 35 chars); a print article's lines are longer.
const SCRIPT_LINE: usize = 45;

/// Does line `i` open a sentence wrapped like a broadcast script ("광양시가",
/// "대구시는 내년도 예산안을", then "…편성했습니다.")? The lines from it to
/// the first that ends a sentence (at most 6, no blank line between) are all
/// short, and none before that last one ends a sentence. Such a line is the
/// sentence's subject, not a headline: taking it for one would drop it.
fn opens_script_sentence(lines: &[&str], i: usize) -> bool {
    // "도, 스마트빌리지에 500억원": a subject set off by a comma is a headline's.
    let headline_comma = lines[i].split_whitespace().next().is_some_and(|w| w.ends_with(','));
    // "올해 예산보다 3699억 원 늘어", "국비 확보 나서": a headline's verb in its
    // -어 form ends the headline; a script's first line ends in a particle or
    // an adnominal form that the next line completes.
    let headline_verb = lines[i].ends_with(['어', '아', '여', '해']) || lines[i].ends_with("나서");
    if starts_block(lines[i]) || headline_comma || headline_verb {
        return false;
    }
    for (k, line) in lines[i..].iter().take(6).enumerate() {
        if line.is_empty() || line.chars().count() > SCRIPT_LINE || is_byline(line) {
            return false;
        }
        if is_sentence(line) {
            return k > 0;
        }
        if ends_sentence(line) {
            return false;
        }
    }
    false
}

/// The headline's line: the first of the top lines above `limit` (the first
/// body sentence) that reads as a headline (a phrase of several words, not
/// furniture, not a byline, not a breadcrumb such as "홈 > 경제 > 산업·기업"),
/// or else the first line when it reads as one.
fn find_title_line(lines: &[&str], limit: usize, lex: &CleaningRules) -> Option<usize> {
    let nonempty: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, _)| i).take(TITLE_SEARCH + 1).collect();
    let (&first, rest) = nonempty.split_first()?;
    if rest.is_empty() || first >= limit {
        return None; // a one-line text, or one that opens with a sentence, is all body
    }
    let headline = |i: usize| {
        let line = lines[i];
        let stripped = strip_site_suffix(line);
        i < limit
            && looks_like_title(line)
            && !lex.is_furniture(line)
            && !is_byline(line)
            && stripped.chars().count() >= 12
            && stripped.contains(' ')
            // Words, not a date line ("2025.07.28 (월)") or a figure.
            && stripped.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !in_wrapped_block(lines, i)
            && !opens_script_sentence(lines, i)
    };
    if headline(first) {
        return Some(first);
    }
    // Look further only below a page's masthead, not inside a script that
    // opens with a label ([앵커]) or a bullet.
    if lines[first].starts_with(['[', '▲', '△', '□', '○', '-', '※', '"', '“']) {
        return None;
    }
    nonempty.iter().take(TITLE_SEARCH).copied().find(|&i| headline(i)).or_else(|| {
        let line = lines[first];
        let words = line.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        (looks_like_title(line) && words && !lex.is_furniture(line) && !is_byline(line) && !in_wrapped_block(lines, first) && !opens_script_sentence(lines, first))
            .then_some(first)
    })
}

/// A line that ends a page footer's run: body text resumes (a "관련기사" box
/// set between two paragraphs, a comment box above the last one).
fn resumes_body(line: &str) -> bool {
    is_sentence(line) && line.chars().count() >= 25 && !line.starts_with(['※', '▶', '☞', '►', '▷', '·', '•', '-'])
}

/// Plain text (as saved from a page) → [`Article`]: NFC-normalised, page
/// furniture and masthead dropped (each line kept in `dropped` with its rule),
/// the headline as `title`, and the date, outlet and `출처:` URL read from the lines.
pub fn clean_text(raw: &str, lex: &CleaningRules) -> Article {
    let text = super::nfc(raw.trim_start_matches('\u{FEFF}'));
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}'))
        .collect();

    let published = find_published(&lines);
    let outlet = find_outlet(&lines);
    let url = find_source_url(&lines);

    let first_sentence = lines
        .iter()
        .position(|l| !l.is_empty() && (is_sentence(l) || is_long_prose(l)) && !lex.is_furniture(l))
        .unwrap_or(lines.len());
    let title_line = find_title_line(&lines, first_sentence, lex);
    let title = title_line.map(|i| strip_site_suffix(lines[i]).to_string());
    // Board layouts put navigation and a "본문" (body) label above the article.
    let body_label = lines.iter().take(40).position(|l| *l == "본문").filter(|&k| k < first_sentence);
    let top = title_line.max(body_label).map_or(0, |i| i + 1);

    let mut dropped = Vec::new();
    let mut candidate = vec![true; lines.len()];
    let mut drop = |i: usize, rule: String, candidate: &mut Vec<bool>| {
        candidate[i] = false;
        dropped.push(DroppedLine { line: i + 1, text: lines[i].to_string(), rule });
    };
    // Above the headline: masthead and navigation, but never a body line.
    for i in 0..top {
        let line = lines[i];
        if line.is_empty() {
            candidate[i] = false;
        } else if Some(i) == title_line {
            drop(i, "headline".into(), &mut candidate);
        } else if body_label == Some(i) || (!reads_as_body(line) && !lex.is_furniture(line)) {
            drop(i, "masthead".into(), &mut candidate);
        }
    }
    // A footer marker ("많이 본 뉴스", "관련기사") starts a run of page
    // furniture that lasts until a body sentence comes back.
    let mut footer: Option<(String, usize)> = None;
    for i in top..lines.len() {
        let line = lines[i];
        if line.is_empty() {
            continue;
        }
        if let Some(rule) = lex.footer_markers.rule_for(line) {
            drop(i, rule.clone(), &mut candidate);
            footer = Some((rule, i + 1));
        } else if let Some((rule, from)) = &footer {
            if resumes_body(line) && !lex.is_furniture(line) {
                footer = None;
            } else {
                let why = format!("{rule} (page footer from line {from})");
                drop(i, why, &mut candidate);
            }
        }
    }

    let headline = title_line.map(|i| lines[i]);
    let mut text = body_text(&lines, &candidate, [headline, title.as_deref()], false, lex, &mut dropped);
    if text.is_empty() {
        // Only a headline-like line held words: it is the body, not nothing.
        if let Some(i) = title_line {
            dropped.retain(|d| d.line != i + 1);
            text = lines[i].to_string();
        }
    }
    dropped.sort_by_key(|d| d.line);
    Article { title, published, outlet, url, text, dropped }
}

/// Body lines `lines[start..]` (trimmed, "" for a blank line) → clean text:
/// furniture lines dropped, a paragraph repeated verbatim (or the headline
/// again) kept out, hard-wrapped lines joined, paragraphs separated by a
/// blank line. Shared by text, HTML and archive input.
pub fn clean_body<'a>(lines: &[&'a str], start: usize, headline: [Option<&'a str>; 2], join_breaks: bool, lex: &CleaningRules) -> String {
    let candidate: Vec<bool> = (0..lines.len()).map(|i| i >= start).collect();
    body_text(lines, &candidate, headline, join_breaks, lex, &mut Vec::new())
}

/// As `clean_body`, for the lines marked `candidate`, recording each line it
/// leaves out (with its 1-based index in `lines`) in `dropped`.
pub(crate) fn body_text<'a>(
    lines: &[&'a str],
    candidate: &[bool],
    headline: [Option<&'a str>; 2],
    join_breaks: bool,
    lex: &CleaningRules,
    dropped: &mut Vec<DroppedLine>,
) -> String {
    // The headline is kept in `title`, not repeated in the body.
    let headline: Vec<&str> = headline.into_iter().flatten().collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut seen_sentences: HashSet<u128> = HashSet::new();
    let mut key = String::new();
    let mut kept: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || !candidate[i] {
            continue;
        }
        let mut drop = |rule: String| dropped.push(DroppedLine { line: i + 1, text: line.to_string(), rule });
        if let Some(rule) = lex.furniture.rule_for(line) {
            drop(rule);
            continue;
        }
        // The headline again, unless it opens a hard-wrapped paragraph (a
        // page that shows a lead's first line as its title).
        if headline.contains(line) && !(starts_wrapped_block(lines, i) && !ends_sentence(line)) {
            drop("headline-repeated".into());
            continue;
        }
        // A paragraph repeated verbatim is kept once.
        if !seen.insert(line) {
            drop("repeated-paragraph".into());
            continue;
        }
        // A page that prints the whole body again as one run-on paragraph:
        // every sentence of the long line was already kept.
        let sentences = sentence_keys(line, &mut key);
        if sentences.len() >= 2 && sentences.iter().all(|k| seen_sentences.contains(k)) {
            drop("repeated-text".into());
            continue;
        }
        seen_sentences.extend(sentences);
        // "2 익산 국가식품클러스터 분양률 95% 돌파…": the headline again, ranked in a most-read list.
        let unranked = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
        if unranked.len() < line.len() && (seen.contains(unranked) || headline.contains(&unranked)) {
            drop("headline-ranked".into());
            continue;
        }
        kept.push((i, line));
    }
    paragraphs(&kept, join_breaks)
}

/// The sentences of a line (split after a period and a space), spaces
/// removed, so a paragraph re-flowed into one line still matches its parts;
/// sentences of fewer than 10 chars are left out. Each is kept as a 128-bit
/// hash, not a copy: the set holds every sentence of the article, and as
/// copies it doubled the memory of a large text (issue 15). `key` is scratch
/// space reused from sentence to sentence.
fn sentence_keys(line: &str, key: &mut String) -> Vec<u128> {
    line.split_inclusive(". ")
        .filter_map(|s| {
            key.clear();
            key.extend(s.chars().filter(|c| !c.is_whitespace()));
            (key.chars().count() >= 10).then(|| xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
        })
        .collect()
}

/// Ends a sentence, a quote or a caption: the line break after it is real.
/// Not a date in brackets after a word ("광양시는 오늘(11일)"): scripts
/// wrap right after it, mid-sentence.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '?', '!', '다', '요', '"', '”', '’', '\'', ')', ']', ':', '…', '」']) && !ends_in_bracketed_date(line)
}

/// "오늘(11일)", "지난달(3월)": a word, then a day or month in brackets.
fn ends_in_bracketed_date(line: &str) -> bool {
    let Some(inner) = line.strip_suffix(')') else { return false };
    let Some(open) = inner.rfind('(') else { return false };
    let (word, date) = (&inner[..open], &inner[open + 1..]);
    word.chars().last().is_some_and(crate::normalize::is_hangul)
        && date.chars().next().is_some_and(|c| c.is_ascii_digit())
        && date.chars().count() <= 6
        && date.chars().all(|c| c.is_ascii_digit() || matches!(c, '일' | '월' | '년' | '.'))
}

/// Starts something new: a bullet, a label ([앵커]), a quote or a list number.
fn starts_block(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    matches!(first, '[' | '▲' | '△' | '□' | '○' | '◆' | '◇' | '■' | '-' | '※' | '·' | '•' | '"' | '“' | '「' | '(' | '<' | '▶')
        || (first.is_ascii_digit() && line.chars().take_while(|c| c.is_ascii_digit()).count() <= 2 && matches!(line.chars().find(|c| !c.is_ascii_digit()), Some('.' | ')')))
}

/// Lines kept from the page, as paragraphs. Each line is its own paragraph,
/// except in hard-wrapped text (broadcast scripts, e-mailed releases), where
/// a sentence runs over several short lines: a block of three or more
/// adjacent lines, most of them ending mid-sentence, is joined back with spaces
/// (so "11조\n5천억 원" reads as one amount), breaking only after a sentence
/// end and before a bullet, label or quote. Paragraphs are separated by a
/// blank line, written straight into one string.
fn paragraphs(kept: &[(usize, &str)], always_join: bool) -> String {
    let mut out = String::with_capacity(kept.iter().map(|(_, l)| l.len() + 2).sum());
    let mut b = 0;
    while b < kept.len() {
        let mut e = b + 1;
        while e < kept.len() && kept[e].0 == kept[e - 1].0 + 1 {
            e += 1;
        }
        let block = &kept[b..e];
        let open = block[..block.len() - 1].iter().filter(|(_, l)| !ends_sentence(l)).count();
        let wrapped = always_join || (block.len() >= 3 && open * 10 >= (block.len() - 1) * 6);
        for (k, (_, line)) in block.iter().enumerate() {
            // In markup a single <br> never ends a paragraph; in text, a sentence end does.
            let join = wrapped && k > 0 && (always_join || !ends_sentence(block[k - 1].1)) && !starts_block(line);
            if join {
                out.push(' ');
            } else if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(line);
        }
        b = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn title_dedupe_and_furniture() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let raw = "지방 혁신사업에 5770억원 투자 > 정책소식 | 정보모아\n \n정책소식\n지방 혁신사업에 5770억원 투자\n본문\n첫 문단이다.\n\n첫 문단이다.\n둘째 문단이다.\n관련자료\n댓글 0\n";
        let a = clean_text(raw, &lex);
        assert_eq!(a.title.as_deref(), Some("지방 혁신사업에 5770억원 투자"));
        assert_eq!(a.text, "첫 문단이다.\n\n둘째 문단이다.");
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let a = clean_text("도는 9700억원을 투자한다고 전했다.\n도는 9700억원을 투자한다고 전했다.\n\n저작권자 © 충북메이커스 무단전재 및 재배포 금지", &lex);
        assert_eq!(a.title, None);
        assert_eq!(a.text, "도는 9700억원을 투자한다고 전했다.");
        assert_eq!(a.outlet.as_deref(), Some("충북메이커스"));
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_sentences() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let raw = "[리포트]\n국토교통부가 국비\n11조\n5천억 원을 투입하고, 공항\n배후 단지는 내년부터\n보상에 들어갑니다.\n[인터뷰]\n\"빨리 됐으면\n좋겠습니다.\"\n\n◆ 짧은 제목\n본문 문장이다.";
        let a = clean_text(raw, &lex);
        assert_eq!(
            a.text,
            "[리포트]\n\n국토교통부가 국비 11조 5천억 원을 투입하고, 공항 배후 단지는 내년부터 보상에 들어갑니다.\n\n[인터뷰]\n\n\"빨리 됐으면 좋겠습니다.\"\n\n◆ 짧은 제목\n\n본문 문장이다."
        );
    }

    /// A broadcast script opens with its subject on a line of its own: that
    /// line is the sentence's start, not a headline to drop; a short
    /// headline above a long first sentence stays a headline.
    #[test]
    fn a_script_sentence_opening_is_not_a_headline() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let a = clean_text("광양시가\n태인동 도시재생사업과\n광양읍성 자원화 사업을 위한\n내년도 국비 확보에 나섰습니다.\n광양시는 오늘(11일)\n국고 건의 사업 발굴 보고회를 갖고\n246건 1조7천977억원을 확정했습니다.", &lex);
        assert_eq!(a.title, None);
        assert_eq!(
            a.text,
            "광양시가 태인동 도시재생사업과 광양읍성 자원화 사업을 위한 내년도 국비 확보에 나섰습니다.\n\n광양시는 오늘(11일) 국고 건의 사업 발굴 보고회를 갖고 246건 1조7천977억원을 확정했습니다."
        );
        let b = clean_text("올해 예산보다 3699억 원 늘어\n인천시는 내년도 15조3000억 원 규모의 본예산을 편성해 시민 행복 체감 사업에 집중한다고 5일 밝혔다.", &lex);
        assert_eq!(b.title.as_deref(), Some("올해 예산보다 3699억 원 늘어"));
        let c = clean_text("올해 예산보다 3699억 원 늘어\n인천시의 예산이 처음으로 15조원을 넘었다.", &lex);
        assert_eq!(c.title.as_deref(), Some("올해 예산보다 3699억 원 늘어"));
    }

    /// The reproductions: a text cut mid-sentence, a caption after
    /// the body, a most-read box after it, a byline cut at the e-mail.
    #[test]
    fn body_lines_are_never_dropped_for_where_they_sit() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let a = clean_text("첫 문장이다.\n거제에는 1조2664억원을 투입해 실수요 기업\n", &lex);
        assert_eq!(a.title, None);
        assert_eq!(a.text, "첫 문장이다.\n\n거제에는 1조2664억원을 투입해 실수요 기업");

        let body = "도는 스마트빌리지 사업에 500억원을 투입한다고 밝혔다.\n\n이번 사업은 30개 마을을 대상으로 한다.\n\n2027년까지 100곳으로 늘린다.";
        let caption = "자율작업 트랙터. 사진=한국지능정보사회진흥원";
        let a = clean_text(&format!("{body}\n{caption}\n{caption}\n"), &lex);
        assert_eq!(a.title, None);
        assert!(a.text.starts_with(body), "{}", a.text);

        let a = clean_text(&format!("{body}\n\n댓글 많은 뉴스\n익산 국가식품클러스터 분양률 95% 돌파\n경남 1조원 투자 유치\n"), &lex);
        assert_eq!((a.title.as_deref(), a.text.as_str()), (None, body));
        assert_eq!(a.dropped.len(), 3);
        assert!(a.dropped.iter().all(|d| d.rule.starts_with("footer_markers.txt:")), "{:?}", a.dropped);

        let a = clean_text(&format!("도, 스마트빌리지에 500억원\n최두선 기자 cds0817@\n{body}\n"), &lex);
        assert_eq!(a.title.as_deref(), Some("도, 스마트빌리지에 500억원"));
        assert_eq!(a.text, body);
        assert!(a.dropped.iter().any(|d| d.line == 2 && d.rule.starts_with("furniture.txt:")), "{:?}", a.dropped);
    }

    #[test]
    fn lines_above_the_headline_are_kept_when_they_read_as_body() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let raw = "충북메이커스\n홈 > 경제\n군은 국비 30억원을 확보했다\n군, 스마트팜 혁신밸리 선정\n\n군은 12일 스마트팜 혁신밸리 공모에 선정됐다고 밝혔다.";
        let a = clean_text(raw, &lex);
        assert_eq!(a.title.as_deref(), Some("군, 스마트팜 혁신밸리 선정"));
        assert!(a.text.starts_with("군은 국비 30억원을 확보했다"), "{}", a.text);
        let rules: Vec<(usize, &str)> = a.dropped.iter().map(|d| (d.line, d.rule.as_str())).collect();
        assert_eq!(rules, [(1, "masthead"), (2, "masthead"), (4, "headline")]);
    }

    #[test]
    fn a_footer_run_ends_where_body_sentences_resume() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let raw = "도는 500억원을 투입한다고 밝혔다.\n관련기사\n군, 국비 9조원 확보 총력\n도는 이어 2027년까지 30개 마을로 사업을 넓힌다고 덧붙였다.";
        let a = clean_text(raw, &lex);
        assert_eq!(a.text, "도는 500억원을 투입한다고 밝혔다.\n\n도는 이어 2027년까지 30개 마을로 사업을 넓힌다고 덧붙였다.");
        assert_eq!(a.dropped.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn a_body_printed_again_as_one_paragraph_is_kept_once() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let raw = "도는 500억원을 투입한다.\n군은 30억원을 보탠다.\n\n도는 500억원을 투입한다. 군은 30억원을 보탠다.";
        let a = clean_text(raw, &lex);
        assert_eq!(a.text, "도는 500억원을 투입한다.\n\n군은 30억원을 보탠다.");
        assert_eq!(a.dropped[0].rule, "repeated-text");
    }

    #[test]
    fn nfc_is_applied() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let decomposed: String = "사업을 추진한다.".nfd().collect();
        assert_eq!(clean_text(&decomposed, &lex).text, "사업을 추진한다.");
    }
}
