//! Links found on discovery pages: RSS/Atom feeds (feed-rs), sitemaps and
//! sitemap indexes (gzip or not, with news:publication_date), and list pages
//! (CSS selectors from the config for article links and the next page).

use std::io::Read;

use once_cell::sync::Lazy;
use regex::Regex;
use url::Url;

use super::frontier::Kind;
use crate::decode::decode;
use crate::error::{Error, ErrorKind, Result};

/// A link and what it leads to; `date` (YYYY-MM-DD) when the page says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub url: String,
    pub kind: Kind,
    pub date: Option<String>,
}

/// Why a discovery page yields no links.
fn unreadable(message: String) -> Error {
    Error::new(ErrorKind::Discovery, message)
}

fn date_of(s: &str) -> Option<String> {
    crate::article::parse_korean_date(s.get(0..4)?, s.get(5..7)?, s.get(8..10)?)
}

/// Bytes of a gzip file (sitemap.xml.gz), or as they are.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1F, 0x8B]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).take(64 * 1024 * 1024).read_to_end(&mut out).map_err(|e| unreadable(format!("bad gzip data: {e}")))?;
    Ok(out)
}

/// XML as UTF-8, whatever it was served in: feed-rs reads UTF-8 only, and
/// many Korean feeds are EUC-KR.
fn xml_utf8(bytes: &[u8], content_type: Option<&str>) -> String {
    static DECL: Lazy<Regex> = Lazy::new(|| Regex::new(r#"(?i)(<\?xml[^>]*?encoding\s*=\s*["'])[^"']+(["'])"#).unwrap());
    let text = decode(bytes, content_type).text;
    DECL.replace(&text, "${1}UTF-8${2}").into_owned()
}

pub fn feed(bytes: &[u8], content_type: Option<&str>) -> Result<Vec<Found>> {
    let xml = xml_utf8(bytes, content_type);
    let feed = feed_rs::parser::parse(xml.as_bytes()).map_err(|e| unreadable(format!("not an RSS/Atom feed: {e}")))?;
    Ok(feed
        .entries
        .iter()
        .filter_map(|e| {
            let link = e.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate")).or(e.links.first())?;
            let date = e.published.or(e.updated).map(|d| d.format("%Y-%m-%d").to_string());
            Some(Found { url: link.href.trim().to_string(), kind: Kind::Article, date })
        })
        .collect())
}

pub fn sitemap(bytes: &[u8], content_type: Option<&str>) -> Result<Vec<Found>> {
    static LOC: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?s)<(url|sitemap)\b[^>]*>(.*?)</(?:url|sitemap)>").unwrap());
    static FIELD: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?s)<(loc|lastmod|news:publication_date)>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</(?:loc|lastmod|news:publication_date)>").unwrap()
    });
    let xml = xml_utf8(&gunzip(bytes)?, content_type);
    if !xml.contains("<urlset") && !xml.contains("<sitemapindex") {
        return Err(unreadable("not a sitemap (no <urlset> or <sitemapindex>)".into()));
    }
    let mut out = Vec::new();
    for item in LOC.captures_iter(&xml) {
        let kind = if &item[1] == "sitemap" { Kind::Sitemap } else { Kind::Article };
        let (mut loc, mut date) = (None, None);
        for f in FIELD.captures_iter(&item[2]) {
            match &f[1] {
                "loc" => loc = Some(f[2].replace("&amp;", "&")),
                // The news date is the article's; lastmod may be a later edit.
                "news:publication_date" => date = date_of(&f[2]),
                _ => date = date.or_else(|| date_of(&f[2])),
            }
        }
        if let Some(url) = loc {
            out.push(Found { url, kind, date });
        }
    }
    Ok(out)
}

/// Article links and the next list page, by the configured selectors.
pub fn list_page(html: &str, base: &Url, article_links: &str, next_page: Option<&str>) -> Result<Vec<Found>> {
    let doc = scraper::Html::parse_document(html);
    let sel = |css: &str| scraper::Selector::parse(css).map_err(|e| unreadable(format!("bad CSS selector '{css}': {e}")));
    let mut out = Vec::new();
    for a in doc.select(&sel(article_links)?) {
        if let Some(href) = a.value().attr("href") {
            if let Ok(u) = base.join(href) {
                out.push(Found { url: u.to_string(), kind: Kind::Article, date: None });
            }
        }
    }
    if let Some(css) = next_page {
        if let Some(href) = doc.select(&sel(css)?).find_map(|a| a.value().attr("href")) {
            if let Ok(u) = base.join(href) {
                out.push(Found { url: u.to_string(), kind: Kind::List, date: None });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_in_euc_kr() {
        let xml = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss version=\"2.0\"><channel><title>뉴스</title>\
            <item><title>도, 9700억 투자</title><link>http://news.example.kr/a?idxno=1</link><pubDate>Sat, 06 May 2023 10:00:00 +0900</pubDate></item>\
            </channel></rss>";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(xml);
        let found = feed(&bytes, None).unwrap();
        assert_eq!(found, vec![Found { url: "http://news.example.kr/a?idxno=1".into(), kind: Kind::Article, date: Some("2023-05-06".into()) }]);
    }

    #[test]
    fn sitemaps_plain_gzip_and_index() {
        let index = r#"<sitemapindex><sitemap><loc>http://e.kr/s1.xml.gz</loc></sitemap></sitemapindex>"#;
        assert_eq!(sitemap(index.as_bytes(), None).unwrap()[0].kind, Kind::Sitemap);
        let set = r#"<urlset xmlns:news="x"><url><loc>http://e.kr/a?x=1&amp;y=2</loc><lastmod>2024-03-04</lastmod></url>
            <url><loc>http://e.kr/b</loc><news:news><news:publication_date>2024-01-17T10:00:00+09:00</news:publication_date></news:news></url></urlset>"#;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, set.as_bytes()).unwrap();
        let found = sitemap(&gz.finish().unwrap(), None).unwrap();
        assert_eq!(found[0].url, "http://e.kr/a?x=1&y=2");
        assert_eq!(found[0].date.as_deref(), Some("2024-03-04"));
        assert_eq!(found[1].date.as_deref(), Some("2024-01-17"));
        assert_eq!(sitemap(b"<html></html>", None).unwrap_err().kind(), crate::ErrorKind::Discovery);
    }

    #[test]
    fn list_pages() {
        let base = Url::parse("http://e.kr/list?page=1").unwrap();
        let html = r#"<ul><li><a class="t" href="/view?id=1">a</a></li><li><a class="t" href="view?id=2">b</a></li></ul><a class="next" href="?page=2">다음</a>"#;
        let found = list_page(html, &base, "a.t", Some("a.next")).unwrap();
        let urls: Vec<&str> = found.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, vec!["http://e.kr/view?id=1", "http://e.kr/view?id=2", "http://e.kr/list?page=2"]);
        assert_eq!(found[2].kind, Kind::List);
    }
}
