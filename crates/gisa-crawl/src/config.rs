//! The sources file (`sources.toml`): what to crawl and how gently. Checked
//! as a whole before a crawl starts; every problem names its line.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A URL or e-mail where site owners can reach whoever runs the crawl;
    /// it goes into the User-Agent.
    pub contact: String,
    #[serde(default)]
    pub politeness: Politeness,
    /// Where the crawl state lives (default `gisa-crawl.db` beside the config).
    pub state: Option<String>,
    #[serde(rename = "source", default)]
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Politeness {
    /// Connections open to one host at a time.
    pub max_connections_per_host: usize,
    /// Least time between two requests to one host (robots.txt Crawl-delay may ask for more).
    pub min_delay_ms: u64,
    /// The adaptive delay never grows beyond this.
    pub max_delay_ms: u64,
    /// Off only for benchmarks on loopback: no delay, no robots.txt.
    pub enabled: bool,
    pub connect_timeout_s: u64,
    pub total_timeout_s: u64,
    pub max_body_bytes: u64,
    /// Retries of transient failures (timeouts, resets, 5xx, 429), never of other 4xx.
    pub max_retries: u32,
    pub retry_base_ms: u64,
    /// Later crawls that ask a page again after it failed transiently (all its
    /// retries used up): the next crawl, then 2, 4 … crawls later, this many
    /// times at most; 0 for never. Permanent failures are never asked again.
    pub max_crawl_retries: u32,
    pub max_redirects: usize,
    /// Requests in flight across all hosts. Politeness (per-host delay and
    /// connections) is what bounds a crawl; this only caps sockets and memory.
    /// The default leaves room for 1,000 hosts at 2 requests a second and
    /// 250 ms answers (2,000/s × 0.25 s = 500 in flight). (`workers`, from
    /// the threaded crawler, is read as this.)
    #[serde(alias = "workers")]
    pub max_in_flight: usize,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness {
            max_connections_per_host: 1,
            min_delay_ms: 1000,
            max_delay_ms: 60_000,
            enabled: true,
            connect_timeout_s: 10,
            total_timeout_s: 30,
            max_body_bytes: 8 * 1024 * 1024,
            max_retries: 3,
            retry_base_ms: 500,
            max_crawl_retries: 5,
            max_redirects: 5,
            max_in_flight: 1024,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub outlet: Option<String>,
    #[serde(default)]
    pub feeds: Vec<String>,
    #[serde(default)]
    pub sitemaps: Vec<String>,
    #[serde(default)]
    pub list_pages: Vec<ListPage>,
    /// Hosts this source may fetch from (subdomains included).
    pub allowed_domains: Vec<String>,
    /// Regular expressions; an article URL must match one (when any are given) …
    #[serde(default)]
    pub include: Vec<String>,
    /// … and none of these.
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListPage {
    pub url: String,
    /// CSS selector of the links to articles.
    pub article_links: String,
    /// CSS selector of the link to the next list page.
    pub next_page: Option<String>,
    /// How many list pages to follow (default 5).
    pub max_pages: Option<u32>,
}

/// One problem, with its 1-based line (0 when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// The line where `needle` first appears in `src` (0 if nowhere).
fn line_of(src: &str, needle: &str) -> usize {
    src.find(needle).map_or(0, |b| crate::lexicon::line_at(src, b))
}

impl Config {
    /// Reads and checks `path`; every problem found, or the config.
    pub fn load(path: &Path) -> Result<Config, Vec<Problem>> {
        let src = crate::lexicon::read_text(path).map_err(|e| vec![Problem { line: 0, message: format!("cannot read {}: {e}", path.display()) }])?;
        Self::parse(&src)
    }

    pub fn parse(src: &str) -> Result<Config, Vec<Problem>> {
        let config: Config = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(0, |s| crate::lexicon::line_at(src, s.start));
            vec![Problem { line, message: e.message().to_string() }]
        })?;
        let problems = config.check(src);
        if problems.is_empty() { Ok(config) } else { Err(problems) }
    }

    fn check(&self, src: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut problem = |needle: &str, message: String| out.push(Problem { line: line_of(src, needle), message });
        if self.contact.trim().is_empty() || !(self.contact.contains("://") || self.contact.contains('@')) {
            problem("contact", format!("contact '{}' should be a URL or an e-mail address site owners can use", self.contact));
        }
        if self.sources.is_empty() {
            problem("", "no [[source]] is configured".into());
        }
        let p = &self.politeness;
        if p.max_connections_per_host == 0 || p.max_in_flight == 0 {
            problem("max_connections_per_host", "max_connections_per_host and max_in_flight must be at least 1".into());
        }
        if p.max_delay_ms < p.min_delay_ms {
            problem("max_delay_ms", format!("max_delay_ms {} is below min_delay_ms {}", p.max_delay_ms, p.min_delay_ms));
        }
        for s in &self.sources {
            if s.feeds.is_empty() && s.sitemaps.is_empty() && s.list_pages.is_empty() {
                problem(&format!("\"{}\"", s.name), format!("source '{}' has no feeds, sitemaps or list_pages", s.name));
            }
            if s.allowed_domains.is_empty() {
                problem(&format!("\"{}\"", s.name), format!("source '{}' has no allowed_domains", s.name));
            }
            let seeds = s.feeds.iter().chain(&s.sitemaps).chain(s.list_pages.iter().map(|l| &l.url));
            for seed in seeds {
                match url::Url::parse(seed) {
                    Err(e) => problem(seed, format!("'{seed}' is not a URL: {e}")),
                    Ok(u) if !matches!(u.scheme(), "http" | "https") => problem(seed, format!("'{seed}': only http and https are crawled")),
                    Ok(u) if !domain_allowed(&s.allowed_domains, u.host_str().unwrap_or("")) => {
                        problem(seed, format!("'{seed}' is outside the source's allowed_domains {:?}", s.allowed_domains))
                    }
                    Ok(_) => {}
                }
            }
            for pattern in s.include.iter().chain(&s.exclude) {
                if let Err(e) = Regex::new(pattern) {
                    problem(pattern, format!("bad regular expression '{pattern}': {}", e.to_string().lines().last().unwrap_or("")));
                }
            }
            for l in &s.list_pages {
                for css in std::iter::once(&l.article_links).chain(&l.next_page) {
                    if let Err(e) = scraper::Selector::parse(css) {
                        problem(css, format!("bad CSS selector '{css}': {e}"));
                    }
                }
            }
        }
        out
    }
}

impl Config {
    /// The crawl state file: `state` relative to the sources file, or `gisa-crawl.db` beside it.
    pub fn state_path(&self, config_path: &Path) -> std::path::PathBuf {
        let state = Path::new(self.state.as_deref().unwrap_or("gisa-crawl.db"));
        if state.is_relative() { config_path.parent().unwrap_or(Path::new(".")).join(state) } else { state.to_path_buf() }
    }
}

/// `news.example.kr` is allowed by `example.kr`; `badexample.kr` is not.
pub fn domain_allowed(allowed: &[String], host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    allowed.iter().any(|d| {
        let d = d.trim().trim_start_matches('.').to_ascii_lowercase();
        host == d || host.ends_with(&format!(".{d}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
contact = "https://example.org/gisa"
[politeness]
min_delay_ms = 500
[[source]]
name = "test"
feeds = ["http://news.example.kr/rss.xml"]
allowed_domains = ["example.kr"]
include = ["articleView"]
[[source.list_pages]]
url = "http://news.example.kr/list"
article_links = "a.title"
next_page = "a.next"
"#;

    #[test]
    fn a_good_config_parses() {
        let c = Config::parse(GOOD).unwrap();
        assert_eq!(c.politeness.min_delay_ms, 500);
        assert_eq!(c.politeness.max_connections_per_host, 1);
        assert_eq!(c.sources[0].list_pages[0].next_page.as_deref(), Some("a.next"));
    }

    #[test]
    fn problems_name_their_lines() {
        let bad = GOOD.replace("http://news.example.kr/rss.xml", "ftp://news.example.kr/rss.xml").replace("a.title", "a.title[");
        let problems = Config::parse(&bad).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![7, 12], "{problems:?}");
        assert!(problems[0].message.contains("only http and https"));
        let unknown = Config::parse(&GOOD.replace("min_delay_ms", "min_dealy_ms")).unwrap_err();
        assert_eq!(unknown[0].line, 4, "{unknown:?}");
        let off = Config::parse(&GOOD.replace("allowed_domains = [\"example.kr\"]", "allowed_domains = [\"other.kr\"]")).unwrap_err();
        assert!(off.iter().all(|p| p.message.contains("outside")), "{off:?}");
    }

    #[test]
    fn domains() {
        let allowed = vec!["example.kr".to_string()];
        assert!(domain_allowed(&allowed, "example.kr"));
        assert!(domain_allowed(&allowed, "news.EXAMPLE.kr"));
        assert!(!domain_allowed(&allowed, "badexample.kr"));
    }
}
