//! HTTP for the crawler: one request at a time (async reqwest), conditional
//! GETs (ETag, Last-Modified), a body-size cap, and every answer sorted into
//! what the crawler does next: use it, keep the old copy, follow a redirect,
//! retry later, or give up. Redirects are not followed here: each hop is a
//! request of its own, so the crawler can space it like any other; `follow`
//! is the policy a hop must pass (no loops, http(s) only, allowed domains).

use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION, RETRY_AFTER};
use url::Url;

use super::config::{domain_allowed, Politeness};
use super::frontier::Validators;
use crate::error::{Error, ErrorKind, Result};

/// Cheap to clone (the client is shared), so each request task holds its own.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    max_body: u64,
    max_redirects: usize,
    /// Where redirects may lead; None for anywhere.
    allowed: Option<std::sync::Arc<Vec<String>>>,
}

#[derive(Debug)]
pub enum Outcome {
    Page { bytes: Vec<u8>, content_type: Option<String>, etag: Option<String>, last_modified: Option<String>, final_url: String },
    NotModified,
    /// A 3xx with a Location, resolved against the URL asked.
    Redirect { to: String },
    /// Worth another try: a timeout, a reset, a 5xx, a 429.
    Transient { reason: String, retry_after: Option<Duration> },
    /// Not worth another try: a 4xx, a redirect loop, a body over the cap.
    Permanent { reason: String },
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        let m = inner.to_string();
        if !s.contains(&m) {
            s = format!("{s}: {m}");
        }
        src = inner.source();
    }
    s
}

/// Retry-After: seconds, or an HTTP date.
fn retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v.trim()).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

fn transport_error(e: &reqwest::Error) -> Outcome {
    if e.is_timeout() {
        Outcome::Transient { reason: "timeout".into(), retry_after: None }
    } else if e.is_connect() {
        Outcome::Transient { reason: "connection failed".into(), retry_after: None }
    } else if e.is_body() || e.is_decode() {
        Outcome::Transient { reason: format!("connection reset: {}", chain(e)), retry_after: None }
    } else {
        Outcome::Transient { reason: format!("request failed: {}", chain(e)), retry_after: None }
    }
}

impl Fetcher {
    /// `allowed_domains`: where redirects may lead; None for anywhere (a URL
    /// given on the command line, not a crawl).
    pub fn new(p: &Politeness, user_agent: &str, allowed_domains: Option<Vec<String>>) -> Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(Duration::from_secs(p.connect_timeout_s))
            .timeout(Duration::from_secs(p.total_timeout_s))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::new(ErrorKind::Runtime, format!("cannot start the HTTP client: {e}")))?;
        Ok(Fetcher { client, max_body: p.max_body_bytes, max_redirects: p.max_redirects, allowed: allowed_domains.map(std::sync::Arc::new) })
    }

    /// Whether a redirect to `to` may be followed after `earlier` (the URLs
    /// already asked in this chain, the one that redirected last).
    pub fn follow(&self, earlier: &[String], to: &str) -> Result<()> {
        let refuse = |message: String| Err(Error::new(ErrorKind::Redirect, message));
        if earlier.len() > self.max_redirects {
            return refuse(format!("too many redirects (more than {})", self.max_redirects));
        }
        if earlier.iter().any(|u| u == to) {
            return refuse(format!("redirect loop at {to}"));
        }
        let url = match Url::parse(to) {
            Ok(url) => url,
            Err(e) => return refuse(format!("bad redirect to {to}: {e}")),
        };
        if !matches!(url.scheme(), "http" | "https") {
            return refuse(format!("redirect to a {} URL", url.scheme()));
        }
        let host = url.host_str().unwrap_or("");
        if self.allowed.as_ref().is_some_and(|allowed| !domain_allowed(allowed, host)) {
            return refuse(format!("redirect to {host}, outside the allowed domains"));
        }
        Ok(())
    }

    /// One request, redirects not followed; the answer and how long it took
    /// (body included).
    pub async fn get(&self, url: &str, v: &Validators) -> (Outcome, Duration) {
        let started = Instant::now();
        let outcome = self.get_inner(url, v).await;
        (outcome, started.elapsed())
    }

    /// For a single URL: follows redirects at once, one after the other.
    pub async fn get_following(&self, url: &str) -> Outcome {
        let mut asked = vec![url.to_string()];
        loop {
            match self.get(asked.last().expect("one URL at least"), &Validators::default()).await.0 {
                Outcome::Redirect { to } => {
                    if let Err(e) = self.follow(&asked, &to) {
                        return Outcome::Permanent { reason: e.message().to_string() };
                    }
                    asked.push(to);
                }
                other => return other,
            }
        }
    }

    async fn get_inner(&self, url: &str, v: &Validators) -> Outcome {
        let mut req = self.client.get(url);
        if let Some(etag) = &v.etag {
            req = req.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &v.last_modified {
            req = req.header(IF_MODIFIED_SINCE, lm);
        }
        let mut resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return transport_error(&e),
        };
        let status = resp.status();
        let header = |name| resp.headers().get(name).and_then(|h: &reqwest::header::HeaderValue| h.to_str().ok()).map(str::to_string);
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Outcome::NotModified;
        }
        if status.is_redirection() {
            if let Some(location) = header(LOCATION) {
                return match resp.url().join(location.trim()) {
                    Ok(to) => Outcome::Redirect { to: to.to_string() },
                    Err(e) => Outcome::Permanent { reason: format!("bad redirect to {location}: {e}") },
                };
            }
        }
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS || status == reqwest::StatusCode::SERVICE_UNAVAILABLE {
            return Outcome::Transient { reason: format!("http {}", status.as_u16()), retry_after: header(RETRY_AFTER).and_then(|v| retry_after(&v)) };
        }
        if status.is_server_error() || status == reqwest::StatusCode::REQUEST_TIMEOUT {
            return Outcome::Transient { reason: format!("http {}", status.as_u16()), retry_after: None };
        }
        if !status.is_success() {
            return Outcome::Permanent { reason: format!("http {}", status.as_u16()) };
        }
        if resp.content_length().is_some_and(|n| n > self.max_body) {
            return Outcome::Permanent { reason: format!("body over {} bytes", self.max_body) };
        }
        let (content_type, etag, last_modified) = (header(CONTENT_TYPE), header(ETAG), header(LAST_MODIFIED));
        let final_url = resp.url().to_string();
        // Read chunk by chunk so a body without Content-Length stops at the cap.
        let mut bytes = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if (bytes.len() + chunk.len()) as u64 > self.max_body {
                        return Outcome::Permanent { reason: format!("body over {} bytes", self.max_body) };
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return transport_error(&e),
            }
        }
        Outcome::Page { bytes, content_type, etag, last_modified, final_url }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn redirect_policy() {
        let p = Politeness { max_redirects: 2, ..Politeness::default() };
        let f = Fetcher::new(&p, "t", Some(vec!["example.kr".into()])).unwrap();
        let a = "http://example.kr/a".to_string();
        assert!(f.follow(std::slice::from_ref(&a), "https://www.example.kr/b").is_ok());
        let e = f.follow(std::slice::from_ref(&a), "http://example.kr/a").unwrap_err();
        assert!(e.message().contains("redirect loop") && e.kind() == crate::ErrorKind::Redirect, "{e:?}");
        assert!(f.follow(std::slice::from_ref(&a), "http://other.kr/").unwrap_err().message().contains("outside the allowed domains"));
        assert!(f.follow(std::slice::from_ref(&a), "ftp://example.kr/x").unwrap_err().message().contains("ftp"));
        let chain: Vec<String> = (0..3).map(|i| format!("http://example.kr/{i}")).collect();
        assert!(f.follow(&chain, "http://example.kr/9").unwrap_err().message().contains("too many redirects"));
    }
}
