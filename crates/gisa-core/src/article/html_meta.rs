//! Article metadata from HTML markup: the title (og:title, then the first
//! `<h1>`, then `<title>`, without the site-name suffix), the publication date
//! (article:published_time and friends, JSON-LD datePublished, `<time>`), the
//! outlet (og:site_name, JSON-LD publisher) and the canonical URL.

use once_cell::sync::Lazy;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::clean::strip_site_suffix;

pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// The host of the URL, the outlet of last resort.
    pub domain: Option<String>,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("built-in selectors are valid")
}

static META: Lazy<Selector> = Lazy::new(|| sel("meta"));
/// Headline elements, in the order tried after og:title: news headlines, then board "subject" cells.
static H1: Lazy<Selector> = Lazy::new(|| sel("h1, h2.media_end_head_headline, .article_title, .news_title, .view_title, td.subject, .subject"));
static TITLE: Lazy<Selector> = Lazy::new(|| sel("title"));
static CANONICAL: Lazy<Selector> = Lazy::new(|| sel("link[rel=canonical]"));
static LD_JSON: Lazy<Selector> = Lazy::new(|| sel("script[type='application/ld+json']"));
static TIME: Lazy<Selector> = Lazy::new(|| sel("time[datetime], [itemprop=datePublished], [data-date-time]"));
static ISO_DATE: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})").unwrap());

/// `<meta property|name|itemprop=KEY content=…>`, from the page's `<meta>`
/// elements (gathered once, in document order).
fn meta(metas: &[&scraper::node::Element], keys: &[&str]) -> Option<String> {
    for key in keys {
        for &el in metas {
            let named = ["property", "name", "itemprop"].iter().any(|a| el.attr(a).is_some_and(|v| v.eq_ignore_ascii_case(key)));
            if let Some(content) = el.attr("content").filter(|_| named).map(str::trim).filter(|c| !c.is_empty()) {
                return Some(content.to_string());
            }
        }
    }
    None
}

/// "2024-01-17T10:00:00+09:00", "2024.1.17" → "2024-01-17".
pub fn date_of(s: &str) -> Option<String> {
    let c = ISO_DATE.captures(s)?;
    super::parse_korean_date(&c[1], &c[2], &c[3])
}

/// JSON-LD objects, flattening arrays and `@graph`.
fn ld_objects(scripts: &[ElementRef<'_>]) -> Vec<Value> {
    let mut out = Vec::new();
    for script in scripts {
        let Ok(v) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else { continue };
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(ref o) => {
                    if let Some(g) = o.get("@graph") {
                        stack.push(g.clone());
                    }
                    out.push(v);
                }
                _ => {}
            }
        }
    }
    out
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_string())
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(crate::normalize::is_hangul)
}

/// "JEOLLANAM-DO" as og:site_name, but "보도자료 < 전남소식 < 전라남도" as the
/// page title: readers know the outlet by its Korean name, the title's last part.
fn korean_site_name(site: Option<String>, page_title: Option<&str>) -> Option<String> {
    if site.as_deref().is_some_and(has_hangul) {
        return site;
    }
    let last = page_title.and_then(|t| {
        [" < ", " > ", " | ", " - ", " :: "].iter().find_map(|sep| t.rsplit_once(sep).map(|(_, last)| last.trim().to_string()))
    });
    last.filter(|l| has_hangul(l) && l.chars().count() <= 20).or(site)
}

fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(site) = site.filter(|s| !s.is_empty()) {
        for sep in [" - ", " | ", " :: ", " : ", " < ", " > ", " – ", " — "] {
            if let Some(rest) = t.strip_suffix(site).and_then(|r| r.strip_suffix(sep.trim_end())).map(str::trim_end) {
                return rest.to_string();
            }
            if let Some(rest) = t.strip_suffix(&format!("{sep}{site}")) {
                return rest.trim().to_string();
            }
        }
    }
    strip_site_suffix(&t).to_string()
}

/// The `<meta>`, `<title>`, canonical `<link>` and JSON-LD `<script>`
/// elements, each list in the order `Html::select` gives (the tree's node
/// order), from one pass over the nodes: the tag name first, then the selector.
#[derive(Default)]
struct HeadElements<'a> {
    metas: Vec<&'a scraper::node::Element>,
    title: Option<ElementRef<'a>>,
    canonical: Vec<ElementRef<'a>>,
    ld_json: Vec<ElementRef<'a>>,
}

fn head_elements(doc: &Html) -> HeadElements<'_> {
    let mut found = HeadElements::default();
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let name = el.value().name();
        if name.eq_ignore_ascii_case("meta") && META.matches(&el) {
            found.metas.push(el.value());
        } else if name.eq_ignore_ascii_case("title") && found.title.is_none() && TITLE.matches(&el) {
            found.title = Some(el);
        } else if name.eq_ignore_ascii_case("link") && CANONICAL.matches(&el) {
            found.canonical.push(el);
        } else if name.eq_ignore_ascii_case("script") && LD_JSON.matches(&el) {
            found.ld_json.push(el);
        }
    }
    found
}

pub fn read(doc: &Html, page_url: Option<&str>) -> PageMeta {
    let head = head_elements(doc);
    let meta = |keys: &[&str]| meta(&head.metas, keys);
    let ld = ld_objects(&head.ld_json);
    let ld_str = |key: &str| ld.iter().find_map(|o| o.get(key).and_then(Value::as_str).map(str::to_string));
    let page_title = head.title.map(|t| t.text().collect::<String>());
    let site = meta(&["og:site_name"])
        .or_else(|| ld.iter().find_map(|o| o.get("publisher")?.get("name")?.as_str().map(str::to_string)))
        // Portals name the press in og:article:author ("강원일보 | 네이버 뉴스"); elsewhere it is a reporter.
        .or_else(|| meta(&["og:article:author"]).map(|a| strip_site_suffix(&a).to_string()).filter(|a| !a.ends_with("기자")));
    let site = korean_site_name(site, page_title.as_deref());
    let raw_title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_str("headline"))
        .or_else(|| doc.select(&H1).map(|h| h.text().collect::<String>()).find(|t| !t.trim().is_empty()))
        .or_else(|| page_title.clone());
    let title = raw_title.map(|t| clean_title(&t, site.as_deref())).filter(|t| !t.is_empty());
    let published = meta(&["article:published_time", "og:article:published_time", "pubdate", "publishdate", "datePublished", "date", "article:published"])
        .and_then(|d| date_of(&d))
        .or_else(|| ld_str("datePublished").and_then(|d| date_of(&d)))
        .or_else(|| {
            doc.select(&TIME).find_map(|t| {
                let el = t.value();
                let v = el.attr("datetime").or_else(|| el.attr("content")).or_else(|| el.attr("data-date-time")).map(str::to_string).unwrap_or_else(|| t.text().collect());
                date_of(&v)
            })
        });
    let url = head
        .canonical
        .iter()
        .find_map(|l| l.value().attr("href").map(str::trim).filter(|h| h.starts_with("http")).map(str::to_string))
        .or_else(|| meta(&["og:url"]).filter(|u| u.starts_with("http")))
        .or_else(|| page_url.map(str::to_string));
    let domain = url.as_deref().and_then(host);
    PageMeta { title, published, outlet: site, url, domain }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass finds what a `select` per selector finds, in the same order.
    #[test]
    fn head_elements_are_what_select_finds() {
        let mut pages = crate::article::fixture_pages();
        pages.push(r#"<META NAME=a content=b><Title>x</Title><svg><title>s</title></svg><LINK REL=canonical href=http://a><link rel=CANONICAL href=http://b><script TYPE="Application/LD+JSON">{}</script><script type="application/ld+json">[]</script><title>y</title>"#.into());
        for page in &pages {
            let doc = Html::parse_document(page);
            let head = head_elements(&doc);
            let ids = |v: &[ElementRef<'_>]| v.iter().map(|e| e.id()).collect::<Vec<_>>();
            assert_eq!(head.metas.len(), doc.select(&META).count());
            assert!(head.metas.iter().zip(doc.select(&META)).all(|(a, b)| std::ptr::eq(*a, b.value())));
            assert_eq!(head.title.map(|t| t.id()), doc.select(&TITLE).next().map(|t| t.id()));
            assert_eq!(ids(&head.canonical), doc.select(&CANONICAL).map(|e| e.id()).collect::<Vec<_>>());
            assert_eq!(ids(&head.ld_json), doc.select(&LD_JSON).map(|e| e.id()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn markup_metadata() {
        let html = r#"<html><head><title>무시되는 제목</title>
            <meta property="og:title" content="도, 9700억원 투입 - 충북일보">
            <meta property="og:site_name" content="충북일보">
            <meta property="article:published_time" content="2024-01-17T10:00:00+09:00">
            <link rel="canonical" href="https://www.inews.kr/news/articleView.html?idxno=1">
            </head><body><h1>다른 제목</h1></body></html>"#;
        let m = read(&Html::parse_document(html), None);
        assert_eq!(m.title.as_deref(), Some("도, 9700억원 투입"));
        assert_eq!(m.published.as_deref(), Some("2024-01-17"));
        assert_eq!(m.outlet.as_deref(), Some("충북일보"));
        assert_eq!(m.url.as_deref(), Some("https://www.inews.kr/news/articleView.html?idxno=1"));
        assert_eq!(m.domain.as_deref(), Some("inews.kr"));
    }

    #[test]
    fn json_ld_h1_and_time() {
        let html = r#"<html><head><title>제목 | 사이트</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-05-06T09:00:00+09:00","publisher":{"name":"경북일보"}}]}</script>
            </head><body><h1> 경북 디지털 대전환 </h1><time datetime="2020-01-01">x</time></body></html>"#;
        let m = read(&Html::parse_document(html), Some("http://kb.example/a"));
        assert_eq!(m.title.as_deref(), Some("경북 디지털 대전환"));
        assert_eq!(m.published.as_deref(), Some("2023-05-06"));
        assert_eq!(m.outlet.as_deref(), Some("경북일보"));
        assert_eq!(m.url.as_deref(), Some("http://kb.example/a"));
    }
}
