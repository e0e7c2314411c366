//! Canonical URLs, so one page is one frontier entry: resolved against the
//! page it was found on, http(s) only, no fragment, no tracking parameters.

use url::Url;

/// Query parameters that track a click rather than name a page.
fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "dclid" | "msclkid" | "igshid" | "mc_cid" | "mc_eid" | "_ga")
}

pub fn canonical(href: &str, base: Option<&Url>) -> Option<Url> {
    let href = href.trim();
    let mut u = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return None;
    }
    u.set_fragment(None);
    if u.query().is_some() {
        let kept: Vec<(String, String)> = u.query_pairs().filter(|(k, _)| !is_tracking(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        if kept.is_empty() {
            u.set_query(None);
        } else {
            u.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_urls() {
        let base = Url::parse("https://news.example.kr/news/articleList.html?page=2").unwrap();
        assert_eq!(
            canonical("articleView.html?idxno=7&utm_source=naver&fbclid=x#comments", Some(&base)).unwrap().as_str(),
            "https://news.example.kr/news/articleView.html?idxno=7"
        );
        assert_eq!(canonical("HTTP://News.Example.KR:80/a?utm_medium=rss", None).unwrap().as_str(), "http://news.example.kr/a");
        assert!(canonical("javascript:void(0)", Some(&base)).is_none());
        assert!(canonical("mailto:a@b.kr", Some(&base)).is_none());
        assert!(canonical("ftp://example.kr/x", None).is_none());
    }
}
