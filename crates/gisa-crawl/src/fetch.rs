//! One GET for a URL given on the command line: the crawler's `Fetcher`
//! (timeouts, redirect policy, body cap, http(s) only) with redirects allowed
//! to any host, and a User-Agent that names gisa, on a small runtime of its
//! own. The body is read as bytes; decoding is the `decode` module's job, with
//! the Content-Type.

use super::config::Politeness;
use super::http::{Fetcher, Outcome};
use crate::error::{Error, ErrorKind, Result};

pub const USER_AGENT: &str = concat!("gisa/", env!("CARGO_PKG_VERSION"), " (Korean press research; +https://crates.io/crates/gisa)");

pub struct Page {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    /// After redirects.
    pub final_url: String,
}

pub fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// GETs `url`, refusing bodies over `max_bytes`, non-2xx answers and
/// non-HTTP schemes, with a message that says which.
pub fn get(url: &str, max_bytes: u64) -> Result<Page> {
    let fail = |message: String| Err(Error::new(ErrorKind::Fetch, message));
    if !is_url(url) {
        return fail(format!("{url}: only http:// and https:// URLs are fetched"));
    }
    // The crawler's timeouts and redirect cap; the body cap is --max-bytes.
    let politeness = Politeness { max_body_bytes: max_bytes, ..Politeness::default() };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| Error::new(ErrorKind::Runtime, format!("cannot start the HTTP runtime: {e}")))?;
    let outcome = runtime.block_on(async { Ok::<_, Error>(Fetcher::new(&politeness, USER_AGENT, None)?.get_following(url).await) })?;
    match outcome {
        Outcome::Page { bytes, content_type, final_url, .. } => Ok(Page { bytes, content_type, final_url }),
        // No validators were sent, so a 304 is the server's mistake.
        Outcome::NotModified => fail(format!("{url}: the server answered 304 Not Modified to a plain GET")),
        Outcome::Permanent { reason } if reason.starts_with("body over") => fail(format!("{url}: {reason} (--max-bytes)")),
        Outcome::Transient { reason, .. } | Outcome::Permanent { reason } => fail(format!("{url}: {reason}")),
        Outcome::Redirect { to } => fail(format!("{url}: redirected to {to}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_http_urls_are_fetched() {
        let e = super::get("ftp://example.kr/a.html", 1024).err().unwrap();
        assert_eq!(e.kind(), crate::ErrorKind::Fetch);
        assert_eq!(e.message(), "ftp://example.kr/a.html: only http:// and https:// URLs are fetched");
    }
}
