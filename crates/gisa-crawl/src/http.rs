//! HTTP for the crawler: conditional GETs (ETag, Last-Modified), a redirect
//! policy that refuses loops, other schemes and hosts outside the allowed
//! domains, a body-size cap, and every answer sorted into what the crawler
//! does next: use it, keep the old copy, retry later, or give up.

use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER};

use super::config::{domain_allowed, Politeness};
use super::frontier::Validators;

pub struct Fetcher {
    client: reqwest::blocking::Client,
    max_body: u64,
}

#[derive(Debug)]
pub enum Outcome {
    Page { bytes: Vec<u8>, content_type: Option<String>, etag: Option<String>, last_modified: Option<String>, final_url: String },
    NotModified,
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

impl Fetcher {
    /// `allowed_domains`: where redirects may lead; None for anywhere (a URL
    /// given on the command line, not a crawl).
    pub fn new(p: &Politeness, user_agent: &str, allowed_domains: Option<Vec<String>>) -> Result<Fetcher, String> {
        let max = p.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let url = attempt.url().clone();
            if attempt.previous().len() > max {
                return attempt.error(format!("too many redirects (more than {max})"));
            }
            if attempt.previous().iter().any(|u| u == &url) {
                return attempt.error(format!("redirect loop at {url}"));
            }
            if !matches!(url.scheme(), "http" | "https") {
                return attempt.error(format!("redirect to a {} URL", url.scheme()));
            }
            let host = url.host_str().unwrap_or("");
            if allowed_domains.as_ref().is_some_and(|allowed| !domain_allowed(allowed, host)) {
                return attempt.error(format!("redirect to {host}, outside the allowed domains"));
            }
            attempt.follow()
        });
        let client = reqwest::blocking::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(Duration::from_secs(p.connect_timeout_s))
            .timeout(Duration::from_secs(p.total_timeout_s))
            .redirect(policy)
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Fetcher { client, max_body: p.max_body_bytes })
    }

    pub fn get(&self, url: &str, v: &Validators) -> (Outcome, Duration) {
        let started = Instant::now();
        let outcome = self.get_inner(url, v);
        (outcome, started.elapsed())
    }

    fn get_inner(&self, url: &str, v: &Validators) -> Outcome {
        let mut req = self.client.get(url);
        if let Some(etag) = &v.etag {
            req = req.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &v.last_modified {
            req = req.header(IF_MODIFIED_SINCE, lm);
        }
        let resp = match req.send() {
            Ok(r) => r,
            // The policy's own words ("redirect loop at …"), not reqwest's wrapping.
            Err(e) if e.is_redirect() => {
                let mut inner: &dyn std::error::Error = &e;
                while let Some(next) = inner.source() {
                    inner = next;
                }
                return Outcome::Permanent { reason: inner.to_string() };
            }
            Err(e) if e.is_timeout() => return Outcome::Transient { reason: "timeout".into(), retry_after: None },
            Err(e) if e.is_connect() => return Outcome::Transient { reason: "connection failed".into(), retry_after: None },
            Err(e) => return Outcome::Transient { reason: format!("request failed: {}", chain(&e)), retry_after: None },
        };
        let status = resp.status();
        let header = |name| resp.headers().get(name).and_then(|h: &reqwest::header::HeaderValue| h.to_str().ok()).map(str::to_string);
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Outcome::NotModified;
        }
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS || status == reqwest::StatusCode::SERVICE_UNAVAILABLE {
            return Outcome::Transient { reason: format!("http {}", status.as_u16()), retry_after: header(RETRY_AFTER).and_then(|v| retry_after(&v)) };
        }
        if status.is_server_error() {
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
        let mut bytes = Vec::new();
        if let Err(e) = resp.take(self.max_body.saturating_add(1)).read_to_end(&mut bytes) {
            return if e.kind() == std::io::ErrorKind::TimedOut || e.to_string().contains("timed out") {
                Outcome::Transient { reason: "timeout".into(), retry_after: None }
            } else {
                Outcome::Transient { reason: format!("connection reset: {e}"), retry_after: None }
            };
        }
        if bytes.len() as u64 > self.max_body {
            return Outcome::Permanent { reason: format!("body over {} bytes", self.max_body) };
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
}
