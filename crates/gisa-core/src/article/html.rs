//! HTML page → clean article. The body comes from a known article container
//! (`dictionaries/containers.txt`), else from the block that a readability-style
//! score (text length, commas, link density) picks; inside it, scripts,
//! figures and furniture boxes (`dictionaries/html_furniture.txt`) are
//! skipped, block elements and `<br>` become line breaks, and the lines go
//! through the same furniture and dedupe rules as text input.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::selector::ToCss;
use scraper::{ElementRef, Html, Node, Selector};

use super::clean::body_text;
use super::html_meta;
use super::Article;
use crate::lexicon::CleaningRules;

/// Never article text, wherever they are.
const SKIP_TAGS: [&str; 19] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "figure", "figcaption",
    "button", "form", "select", "textarea", "input", "nav", "aside", "head",
];
/// Elements that start a new line.
const BLOCK_TAGS: [&str; 27] = [
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td",
    "th", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
];
/// A container with less text than this is a placeholder; look elsewhere.
const MIN_CONTAINER_CHARS: usize = 80;
/// A block with less text than this does not vote in the fallback score.
const MIN_BLOCK_CHARS: usize = 25;

/// Why a page gave no article.
pub const NO_ARTICLE: &str = "no article text found in the page (only navigation, links or an empty body)";

/// Start tags for which the HTML parser looks through its whole stack of
/// open elements (for a `<p>` to close): nested and unclosed, they cost time
/// quadratic in their number (40,000 nested `<div>`s took 4 s, a million
/// would take hours). `p`, `li`, headings and `table` are left out: they
/// close their like or stop the search.
const NESTING_TAGS: [&str; 21] = [
    "div", "section", "article", "aside", "nav", "header", "footer", "main", "blockquote", "ul", "ol", "dl", "center",
    "address", "details", "figure", "fieldset", "menu", "dir", "hgroup", "summary",
];
/// Real pages nest a few dozen; sloppy ones leave some hundreds unclosed.
const MAX_OPEN_BLOCKS: usize = 10_000;

/// The most `NESTING_TAGS` elements open at once, counted on the raw markup
/// (a start tag opens, an end tag of any of them closes one), in one linear
/// pass before the parser sees the page.
fn deepest_nesting(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut open, mut most, mut at) = (0usize, 0usize, 0usize);
    while let Some(lt) = bytes[at..].iter().position(|&b| b == b'<') {
        at += lt + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_at = at + usize::from(closing);
        let len = bytes[name_at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = &bytes[name_at..name_at + len];
        let ends = matches!(bytes.get(name_at + len), None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0C'));
        if len == 0 || !ends || !NESTING_TAGS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            open = open.saturating_sub(1);
        } else {
            open += 1;
            most = most.max(open);
        }
    }
    most
}

/// An HTML page's text → [`Article`]: the body from a known container
/// (`containers.txt`) or the best-scoring block, cleaned like text input; title,
/// date, outlet and canonical URL from the markup, else from the page text, else
/// `page_url`. Fails with [`Page`](crate::ErrorKind::Page) when over 10,000 blocks
/// are left open, and [`NoArticle`](crate::ErrorKind::NoArticle) when no body text is left.
pub fn from_html(html: &str, page_url: Option<&str>, lex: &CleaningRules) -> crate::Result<Article> {
    let depth = deepest_nesting(html);
    if depth > MAX_OPEN_BLOCKS {
        return Err(crate::Error::new(crate::ErrorKind::Page, format!(
            "the page nests {depth} unclosed block elements (<div>, <section> …), over the {MAX_OPEN_BLOCKS} gisa reads: not parsed, it would take hours"
        )));
    }
    // The parser turns CR LF and a lone CR into LF before it tokenizes (the
    // standard's newline normalisation), but one CR at a time, each newline
    // then reaching the tree as a token of its own; doing it here first, in
    // one pass, gives the same tree.
    let normalized;
    let html = if html.contains('\r') {
        normalized = html.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        html
    };
    let doc = Html::parse_document(html);
    let meta = html_meta::read(&doc, page_url);
    let body = find_container(&doc, &lex.containers).or_else(|| best_block(&doc, lex));
    let Some(body) = body else {
        return Err(crate::Error::new(crate::ErrorKind::NoArticle, NO_ARTICLE));
    };
    let mut lines = Lines::default();
    for child in body.children() {
        walk(child, lex, &mut lines);
    }
    let lines: Vec<String> = lines
        .finish()
        .into_iter()
        .map(|l| match super::nfc(&l) {
            std::borrow::Cow::Borrowed(_) => l,
            std::borrow::Cow::Owned(n) => n,
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let title = meta.title.clone();
    // In markup a line break inside a paragraph is a <br> in a running sentence.
    let mut dropped = Vec::new();
    let text = body_text(&refs, &vec![true; refs.len()], [title.as_deref(), None], true, lex, &mut dropped);
    if text.trim().is_empty() {
        return Err(crate::Error::new(crate::ErrorKind::NoArticle, NO_ARTICLE));
    }
    // Dates and outlets written in the page's text, when the markup has none
    // (the page's lines are only gathered then).
    let (mut published, mut outlet) = (meta.published, meta.outlet);
    if published.is_none() || outlet.is_none() {
        let page_lines = page_text_lines(&doc);
        // Not the site footer's "등록번호 … 등록일 2013년 4월 2일 … 발행인" (the paper's registration).
        let page_refs: Vec<&str> =
            page_lines.iter().map(String::as_str).filter(|l| !["등록번호", "발행인", "사업자"].iter().any(|w| l.contains(w))).collect();
        published = published.or_else(|| super::find_published(&page_refs));
        outlet = outlet.or_else(|| super::metadata::find_outlet(&page_refs));
    }
    let outlet = outlet.or(meta.domain);
    Ok(Article { title, published, outlet, url: meta.url, text, dropped })
}

/// What an element must carry for a selector to match it, read from the
/// selector's last compound (`.a`, `div.a.b`, `[itemprop=…]`, `#id`): a cheap
/// test before the real match, looser than it (names compared without case).
#[derive(Default)]
struct Needs {
    classes: Vec<String>,
    attrs: Vec<String>,
    id: Option<String>,
}

impl Needs {
    /// None when the selector is not of that plain shape (pseudo-classes,
    /// combinators other than a space, lists, escapes): the real match decides alone.
    fn of(sel: &Selector) -> Option<Needs> {
        let css = sel.to_css_string();
        if css.contains([',', ':', '>', '+', '~', '(', '*', '|', '\\']) {
            return None;
        }
        // The last compound: after the last space outside brackets.
        let (mut depth, mut start) = (0i32, 0);
        for (i, c) in css.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                ' ' if depth == 0 => start = i + 1,
                ' ' => return None,
                _ => {}
            }
        }
        let last = &css[start..];
        let mut needs = Needs::default();
        let mut rest = last.trim_start_matches(|c: char| c.is_alphanumeric() || c == '-' || c == '_');
        while let Some(c) = rest.chars().next() {
            let body = &rest[1..];
            match c {
                '.' | '#' => {
                    let end = body.find(['.', '#', '[']).unwrap_or(body.len());
                    let name = body[..end].to_string();
                    if name.is_empty() {
                        return None;
                    }
                    if c == '.' {
                        needs.classes.push(name);
                    } else {
                        needs.id = Some(name);
                    }
                    rest = &body[end..];
                }
                '[' => {
                    let close = body.find(']')?;
                    let name = body[..close].split(['=', '~', '^', '$', '*', '|']).next().unwrap_or("").trim();
                    if name.is_empty() {
                        return None;
                    }
                    needs.attrs.push(name.to_string());
                    rest = &body[close + 1..];
                }
                _ => return None,
            }
        }
        Some(needs)
    }

    /// `classes`: the element's, from `class_names`.
    fn may_match(&self, el: &scraper::node::Element, classes: &[&str]) -> bool {
        self.classes.iter().all(|c| classes.iter().any(|k| k.eq_ignore_ascii_case(c)))
            && self.attrs.iter().all(|a| el.attrs().any(|(n, _)| n.eq_ignore_ascii_case(a)))
            && self.id.as_ref().is_none_or(|id| el.id().is_some_and(|i| i.eq_ignore_ascii_case(id)))
    }
}

/// The first element, in the order `Html::select` visits them (the tree's
/// node order), of the first selector in `containers` that has one with at
/// least `MIN_CONTAINER_CHARS` of text: what trying each selector over the
/// whole page in turn finds, in one pass over the nodes.
fn find_container<'a>(doc: &'a Html, containers: &[Selector]) -> Option<ElementRef<'a>> {
    let needs: Vec<Option<Needs>> = containers.iter().map(Needs::of).collect();
    let mut best: Option<(usize, ElementRef<'a>)> = None;
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let limit = best.map_or(containers.len(), |(k, _)| k);
        let classes = class_names(el.value());
        for k in 0..limit {
            if needs[k].as_ref().is_some_and(|n| !n.may_match(el.value(), &classes)) || !containers[k].matches(&el) {
                continue;
            }
            if text_len(&el) >= MIN_CONTAINER_CHARS {
                best = Some((k, el));
                break;
            }
        }
        if best.is_some_and(|(k, _)| k == 0) {
            break;
        }
    }
    best.map(|(_, el)| el)
}

/// The element's classes as `Element::classes` lists them (sorted, each
/// once), read from the attribute: `classes()` interns every name in the
/// global atom table (a lock and a hash each), for nothing here.
fn class_names(el: &scraper::node::Element) -> Vec<&str> {
    let mut names: Vec<&str> = el.attrs().filter(|(n, _)| *n == "class").flat_map(|(_, v)| v.split_ascii_whitespace()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Does this element's id or class name a furniture box (share bar, ads …)?
fn is_furniture_box(el: &scraper::node::Element, lex: &CleaningRules) -> bool {
    let mut names = String::new();
    if let Some(id) = el.id() {
        names.push_str(id);
    }
    for c in class_names(el) {
        names.push(' ');
        names.push_str(c);
    }
    if names.is_empty() {
        return false;
    }
    let names = names.replace(['-', '_'], " ").to_lowercase();
    lex.html_furniture.is_match(&names)
}

fn skipped(el: &scraper::node::Element, lex: &CleaningRules) -> bool {
    SKIP_TAGS.contains(&el.name()) || is_furniture_box(el, lex) || el.attr("hidden").is_some()
        || el.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// Text lines under construction: `<br>` ends a line, a block ends a
/// paragraph (a blank line), text runs are whitespace-collapsed.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
}

impl Lines {
    fn text(&mut self, t: &str) {
        // Runs of ordinary characters are copied whole; only whitespace and
        // zero-width characters are looked at one by one.
        let mut run = 0;
        for (i, c) in t.char_indices() {
            let zero_width = matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}');
            if !zero_width && !c.is_whitespace() && c != '\u{a0}' {
                continue;
            }
            self.current.push_str(&t[run..i]);
            run = i + c.len_utf8();
            if zero_width {
                continue; // zero-width characters some editors scatter
            }
            if !(self.current.is_empty() || self.current.ends_with(' ')) {
                self.current.push(' ');
            }
        }
        self.current.push_str(&t[run..]);
    }

    fn line_break(&mut self) {
        let line = self.current.trim().to_string();
        self.current.clear();
        if !line.is_empty() {
            self.lines.push(line);
        } else if self.lines.last().is_some_and(|l| !l.is_empty()) {
            // Two <br> in a row: a paragraph break.
            self.lines.push(String::new());
        }
    }

    fn paragraph_break(&mut self) {
        self.line_break();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.paragraph_break();
        self.lines
    }
}

/// One step of an iterative tree walk. The walks below keep their own stack
/// instead of recursing: a page of 1,000,000 unclosed `<span>`s is a tree
/// that deep, and recursion would overflow the thread's stack (an abort that
/// loses the whole batch, not an error for the one page).
enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    /// The element's children are done: end its line or paragraph.
    Leave,
}

fn walk(node: NodeRef<'_, Node>, lex: &CleaningRules, out: &mut Lines) {
    let mut stack = vec![Step::Enter(node)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave => {
                out.paragraph_break();
                continue;
            }
        };
        match node.value() {
            Node::Text(t) => out.text(t),
            Node::Element(el) => {
                if skipped(el, lex) {
                    continue;
                }
                if el.name() == "br" {
                    out.line_break();
                    continue;
                }
                if BLOCK_TAGS.contains(&el.name()) {
                    out.paragraph_break();
                    stack.push(Step::Leave);
                }
                // Reversed, so the first child is popped first.
                stack.extend(node.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
}

fn text_len(el: &ElementRef<'_>) -> usize {
    el.text().map(|t| t.trim().chars().count()).sum()
}

/// The text of a block's own inline content (not of nested blocks), and how
/// much of it sits inside links. Iterative (see `Step`); the order does not
/// matter for sums.
fn own_text(node: NodeRef<'_, Node>, lex: &CleaningRules, text: &mut usize, link: &mut usize, commas: &mut usize) {
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = node.children().map(|c| (c, false)).collect();
    while let Some((child, in_link)) = stack.pop() {
        match child.value() {
            Node::Text(t) => {
                let n = t.trim().chars().count();
                *text += n;
                *commas += t.matches([',', '.', '다']).count();
                if in_link {
                    *link += n;
                }
            }
            Node::Element(el) if !skipped(el, lex) && !BLOCK_TAGS.contains(&el.name()) => {
                let in_link = in_link || el.name() == "a";
                stack.extend(child.children().map(|c| (c, in_link)));
            }
            _ => {}
        }
    }
}

/// Readability's idea: every text block votes for its parent (and half for its
/// grandparent) with its length and punctuation; link lists vote nothing.
fn best_block<'a>(doc: &'a Html, lex: &CleaningRules) -> Option<ElementRef<'a>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let body = doc.root_element();
    let mut stack: Vec<NodeRef<'a, Node>> = vec![*body];
    while let Some(node) = stack.pop() {
        let Node::Element(el) = node.value() else { continue };
        if skipped(el, lex) {
            continue;
        }
        stack.extend(node.children());
        if !matches!(el.name(), "p" | "div" | "td" | "section" | "article" | "pre" | "blockquote" | "dd") {
            continue;
        }
        let (mut text, mut link, mut commas) = (0, 0, 0);
        own_text(node, lex, &mut text, &mut link, &mut commas);
        if text < MIN_BLOCK_CHARS || link * 2 > text {
            continue;
        }
        let vote = 1.0 + commas as f64 + (text as f64 / 100.0).min(3.0);
        // Text written straight into a div counts for the div itself too.
        let mut target = if el.name() == "p" { node.parent() } else { Some(node) };
        let mut weight = 1.0;
        for _ in 0..2 {
            let Some(t) = target else { break };
            *scores.entry(t.id()).or_default() += vote * weight;
            weight /= 2.0;
            target = t.parent();
        }
    }
    let (id, score) = scores.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    // A handful of short captions is not an article.
    if score < 5.0 {
        return None;
    }
    doc.tree.get(id).and_then(ElementRef::wrap)
}

/// All visible text of the page as lines (for date and outlet lines).
fn page_text_lines(doc: &Html) -> Vec<String> {
    let mut lines = Lines::default();
    collect_all(*doc.root_element(), &mut lines);
    lines.finish().into_iter().filter(|l| !l.is_empty()).collect()
}

fn collect_all(node: NodeRef<'_, Node>, out: &mut Lines) {
    // Iterative, as `walk`; `Leave` ends the line of a block element here.
    let mut stack = vec![Step::Enter(node)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave => {
                out.line_break();
                continue;
            }
        };
        match node.value() {
            Node::Text(t) => out.text(t),
            Node::Element(el) => {
                if matches!(el.name(), "script" | "style" | "noscript" | "template" | "head") {
                    continue;
                }
                // A table row is one line: "작성일 2024-03-14".
                let cell = matches!(el.name(), "td" | "th");
                let block = !cell && (el.name() == "br" || BLOCK_TAGS.contains(&el.name()));
                if block {
                    out.line_break();
                    stack.push(Step::Leave);
                }
                if cell {
                    out.text(" ");
                }
                stack.extend(node.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
}

/// Does this look like an HTML document rather than text that mentions a tag?
pub fn looks_like_html(head: &str) -> bool {
    let start: String = head.trim_start_matches('\u{FEFF}').trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && start.contains("<html")
        || (start.starts_with('<') && ["<head", "<body", "<meta", "<div", "<title"].iter().any(|t| start.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass container search finds what trying each selector over
    /// the page in turn finds: on every HTML fixture, with the built-in
    /// selectors, reversed, and with shapes the pre-test leaves to the real match.
    #[test]
    fn container_search_matches_selector_by_selector() {
        let by_selector = |doc: &Html, sels: &[Selector]| {
            sels.iter().flat_map(|sel| doc.select(sel)).find(|el| text_len(el) >= MIN_CONTAINER_CHARS).map(|e| e.id())
        };
        let builtin = crate::lexicon::Lexicon::builtin().cleaning.containers;
        let mut reversed = builtin.clone();
        reversed.reverse();
        let odd: Vec<Selector> = ["div > p", "DIV.Content", "[ITEMPROP]", "#dic_area", "td:not(.x)", "div, article", "body div div", "p"]
            .iter()
            .map(|s| Selector::parse(s).unwrap())
            .collect();
        let mut pages = crate::article::fixture_pages();
        pages.push(r#"<div id="DIC_AREA" class="Content">짧다</div><div id="dic_area">"#.to_string() + &"가".repeat(90) + "</div>");
        assert!(pages.len() > 10);
        for page in &pages {
            let doc = Html::parse_document(page);
            for sels in [&builtin, &reversed, &odd] {
                assert_eq!(find_container(&doc, sels).map(|e| e.id()), by_selector(&doc, sels));
            }
        }
        assert!(Needs::of(&odd[0]).is_none() && Needs::of(&odd[4]).is_none() && Needs::of(&odd[5]).is_none());
        let needs = Needs::of(&Selector::parse("div.a.b [itemprop=articleBody]#x").unwrap()).unwrap();
        assert_eq!((needs.classes.len(), needs.attrs.as_slice(), needs.id.as_deref()), (0, &["itemprop".to_string()][..], Some("x")));
        assert_eq!(Needs::of(&Selector::parse("div.a.b").unwrap()).unwrap().classes, ["a", "b"]);
    }

    #[test]
    fn class_names_are_listed_as_scraper_lists_them() {
        let doc = Html::parse_document(r#"<div class=" b-x  a_y b-x Z a_y	c" id=q>x</div><p>y</p><span class="">z</span>"#);
        for node in doc.tree.nodes() {
            if let Some(el) = ElementRef::wrap(node) {
                assert_eq!(class_names(el.value()), el.value().classes().collect::<Vec<_>>());
            }
        }
    }

    /// CR LF and lone CRs normalised before parsing: the same tree as the parser's own normalisation.
    #[test]
    fn newlines_normalised_before_parsing_give_the_same_tree() {
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let page = "<html><head><title>t</title></head><body>\r\n<div class=\"article_body\">\r\n첫 줄이다.\r\r둘째 줄<br>\r\n<textarea>\r\na</textarea><pre>\r\nb\rc</pre>".to_string()
            + &"본문 문장이 이어진다. ".repeat(10)
            + "<p title=\"a\r\nb\">끝이다.</p></div></body></html>";
        let with_cr = Html::parse_document(&page);
        let without = Html::parse_document(&page.replace("\r\n", "\n").replace('\r', "\n"));
        assert_eq!(with_cr.html(), without.html());
        assert!(from_html(&page, None, &lex).unwrap().text.contains("첫 줄이다."));
    }

    #[test]
    fn nesting_is_counted_on_the_raw_markup() {
        assert_eq!(deepest_nesting("<html><body><div><DIV class=a><p>x</p></div><section>y</section></div></body>"), 2);
        // Not these tags: <divx>, <p>, a text "<" and a lone "<".
        assert_eq!(deepest_nesting("<divx><p><p>a < b <"), 0);
        assert_eq!(deepest_nesting(&"<div>x".repeat(12_000)), 12_000);
        assert_eq!(deepest_nesting(&"<span>x".repeat(12_000)), 0);
        let lex = crate::lexicon::Lexicon::builtin().cleaning;
        let e = from_html(&"<div>x".repeat(MAX_OPEN_BLOCKS + 1), None, &lex).unwrap_err();
        assert!(e.message().contains("10001 unclosed block elements"), "{e}");
        assert_eq!(e.kind(), crate::ErrorKind::Page);
    }
}
