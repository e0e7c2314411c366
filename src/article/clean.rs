//! Plain text → clean article text.
//!
//! Text files saved from web pages carry the page around the article: site
//! navigation above it, comment boxes, polls and copyright below it, and often
//! the lead paragraph twice. Lines are classified with the data-driven rules in
//! `dictionaries/furniture.txt` and `footer_markers.txt`; what survives is
//! joined with blank lines between paragraphs.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use super::metadata::{find_outlet, find_published, find_source_url};
use super::Article;
use crate::lexicon::Lexicon;

/// A headline: short, and not a sentence (no final period, not ending in 다).
fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    let last = line.chars().last().unwrap_or(' ');
    (4..=120).contains(&n) && !matches!(last, '.' | '다' | '。' | ':' | '…') && !line.starts_with(['[', '△', '▲', '□', '-', '※'])
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

/// How many non-empty lines at the top of a page may come before the headline
/// (site name, breadcrumb, search box, section label).
const TITLE_SEARCH: usize = 12;

/// The headline's line: the first of the top lines that reads as a headline
/// (a phrase of several words, not furniture, not a breadcrumb such as
/// "홈 > 경제 > 산업·기업"), or else the first line when it reads as one.
fn find_title_line(lines: &[&str], lex: &Lexicon) -> Option<usize> {
    let nonempty: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| !l.is_empty()).map(|(i, _)| i).collect();
    let (&first, rest) = nonempty.split_first()?;
    if rest.is_empty() {
        return None; // a one-line text is all body
    }
    let headline = |i: usize| {
        let line = lines[i];
        let stripped = strip_site_suffix(line);
        looks_like_title(line) && !lex.is_furniture(line) && stripped.chars().count() >= 12 && stripped.contains(' ')
    };
    if headline(first) {
        return Some(first);
    }
    // Look further only below a page's masthead, not inside a script that
    // opens with a label ([앵커]) or a bullet.
    if lines[first].starts_with(['[', '▲', '△', '□', '○', '-', '※', '"', '“']) {
        return None;
    }
    nonempty.iter().take(TITLE_SEARCH).copied().find(|&i| headline(i)).or_else(|| looks_like_title(lines[first]).then_some(first))
}

pub fn clean_text(raw: &str, lex: &Lexicon) -> Article {
    let text: String = raw.trim_start_matches('\u{FEFF}').nfc().collect();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}'))
        .collect();

    let published = find_published(&lines);
    let outlet = find_outlet(&lines);
    let url = find_source_url(&lines);

    let first = find_title_line(&lines, lex);
    let mut title = None;
    let mut body_start = 0;
    if let Some(i) = first {
        title = Some(strip_site_suffix(lines[i]).to_string());
        body_start = i + 1;
    }
    // Board layouts put navigation and a "본문" (body) label above the article.
    if let Some(k) = lines.iter().take(40).position(|l| *l == "본문") {
        body_start = body_start.max(k + 1);
    }
    let end = lines[body_start..]
        .iter()
        .position(|l| lex.is_footer_marker(l))
        .map_or(lines.len(), |k| body_start + k);

    let headline = first.map(|i| lines[i]);
    let text = clean_body(&lines[..end], body_start, [headline, title.as_deref()], false, lex);
    Article { title, published, outlet, url, text }
}

/// Body lines `lines[start..]` (trimmed, "" for a blank line) → clean text:
/// furniture lines dropped, a paragraph repeated verbatim (or the headline
/// again) kept out, hard-wrapped lines joined, paragraphs separated by a
/// blank line. Shared by text and HTML input.
pub fn clean_body<'a>(lines: &[&'a str], start: usize, headline: [Option<&'a str>; 2], join_breaks: bool, lex: &Lexicon) -> String {
    // The headline is kept in `title`, not repeated in the body.
    let mut seen: HashSet<&str> = headline.into_iter().flatten().collect();
    let mut kept: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start) {
        if line.is_empty() || lex.is_furniture(line) {
            continue;
        }
        // A paragraph repeated verbatim is kept once.
        if !seen.insert(line) {
            continue;
        }
        // "2 익산 국가식품클러스터 분양률 95% 돌파…": the headline again, ranked in a most-read list.
        let unranked = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
        if unranked.len() < line.len() && seen.contains(unranked) {
            continue;
        }
        kept.push((i, line));
    }
    paragraphs(&kept, join_breaks).join("\n\n")
}

/// Ends a sentence, a quote or a caption: the line break after it is real.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '?', '!', '다', '요', '"', '”', '’', '\'', ')', ']', ':', '…', '」'])
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
/// end and before a bullet, label or quote.
fn paragraphs(kept: &[(usize, &str)], always_join: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut b = 0;
    while b < kept.len() {
        let mut e = b + 1;
        while e < kept.len() && kept[e].0 == kept[e - 1].0 + 1 {
            e += 1;
        }
        let block = &kept[b..e];
        let open = block[..block.len() - 1].iter().filter(|(_, l)| !ends_sentence(l)).count();
        let wrapped = always_join || (block.len() >= 3 && open * 10 >= (block.len() - 1) * 6);
        let mut current = String::new();
        for (k, (_, line)) in block.iter().enumerate() {
            // In markup a single <br> never ends a paragraph; in text, a sentence end does.
            let join = wrapped && k > 0 && (always_join || !ends_sentence(block[k - 1].1)) && !starts_block(line);
            if join {
                current.push(' ');
            } else if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push_str(line);
        }
        out.push(current);
        b = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_dedupe_and_furniture() {
        let lex = Lexicon::builtin();
        let raw = "지방 혁신사업에 5770억원 투자 > 정책소식 | 정보모아\n \n정책소식\n지방 혁신사업에 5770억원 투자\n본문\n첫 문단이다.\n\n첫 문단이다.\n둘째 문단이다.\n관련자료\n댓글 0\n";
        let a = clean_text(raw, &lex);
        assert_eq!(a.title.as_deref(), Some("지방 혁신사업에 5770억원 투자"));
        assert_eq!(a.text, "첫 문단이다.\n\n둘째 문단이다.");
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let lex = Lexicon::builtin();
        let a = clean_text("도는 9700억원을 투자한다고 전했다.\n도는 9700억원을 투자한다고 전했다.\n\n저작권자 © 충북메이커스 무단전재 및 재배포 금지", &lex);
        assert_eq!(a.title, None);
        assert_eq!(a.text, "도는 9700억원을 투자한다고 전했다.");
        assert_eq!(a.outlet.as_deref(), Some("충북메이커스"));
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_sentences() {
        let lex = Lexicon::builtin();
        let raw = "[리포트]\n국토교통부가 국비\n11조\n5천억 원을 투입하고, 공항\n배후 단지는 내년부터\n보상에 들어갑니다.\n[인터뷰]\n\"빨리 됐으면\n좋겠습니다.\"\n\n◆ 짧은 제목\n본문 문장이다.";
        let a = clean_text(raw, &lex);
        assert_eq!(
            a.text,
            "[리포트]\n\n국토교통부가 국비 11조 5천억 원을 투입하고, 공항 배후 단지는 내년부터 보상에 들어갑니다.\n\n[인터뷰]\n\n\"빨리 됐으면 좋겠습니다.\"\n\n◆ 짧은 제목\n\n본문 문장이다."
        );
    }

    #[test]
    fn nfc_is_applied() {
        let lex = Lexicon::builtin();
        let decomposed: String = "사업을 추진한다.".nfd().collect();
        assert_eq!(clean_text(&decomposed, &lex).text, "사업을 추진한다.");
    }
}
