//! One polite GET: a User-Agent that names gisa, connect and total timeouts,
//! a cap on redirects and on the body size, http(s) only. The body is read
//! as bytes; decoding is the `decode` module's job, with the Content-Type.

use std::io::Read;
use std::time::Duration;

pub const USER_AGENT: &str = concat!("gisa/", env!("CARGO_PKG_VERSION"), " (Korean press research; +https://crates.io/crates/gisa)");
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_REDIRECTS: usize = 5;

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
pub fn get(url: &str, max_bytes: u64) -> Result<Page, String> {
    if !is_url(url) {
        return Err(format!("{url}: only http:// and https:// URLs are fetched"));
    }
    let client = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .build()
        .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
    let resp = client.get(url).send().map_err(|e| format!("{url}: {}", describe(&e)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(format!("{url}: the server answered {status}"));
    }
    if resp.content_length().is_some_and(|n| n > max_bytes) {
        return Err(format!("{url}: the page is {} bytes, over the {max_bytes}-byte limit (--max-bytes)", resp.content_length().unwrap_or(0)));
    }
    let content_type = resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let final_url = resp.url().to_string();
    let mut bytes = Vec::new();
    resp.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| format!("{url}: reading the body failed: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("{url}: the page is over the {max_bytes}-byte limit (--max-bytes)"));
    }
    Ok(Page { bytes, content_type, final_url })
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_redirect() {
        format!("too many redirects (more than {MAX_REDIRECTS})")
    } else if e.is_connect() {
        "could not connect".into()
    } else {
        e.to_string()
    }
}
