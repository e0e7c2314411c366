//! What becomes of a page's final answer, on the rayon pool (CPU work and
//! database writes stay off the async runtime): its state in the frontier,
//! the links a feed, sitemap or list page leads to (queued in the same
//! transaction as the page's own state), and each new article page handed to
//! extraction before it is marked fetched.

use url::Url;

use super::canon::canonical;
use super::config::domain_allowed;
use super::discover::{self, Found};
use super::frontier::{Entry, Frontier, Kind, Later, State, Validators};
use super::http::Outcome;
use super::run::{ArticlePage, Crawler, OnArticle, SourceRules};
use super::sched::{Job, Purpose};
use crate::error::{Error, ErrorKind, Result};

/// How a page's fetch ended.
pub enum Final {
    Answer(Outcome),
    /// Not asked: robots.txt forbids it, or (`transient`) could not be read.
    Refused { reason: String, transient: bool },
}

impl Final {
    /// The body's bytes, held until the page is processed.
    pub fn size(&self) -> usize {
        match self {
            Final::Answer(Outcome::Page { bytes, .. }) => bytes.len(),
            _ => 0,
        }
    }
}

impl Crawler<'_> {
    fn rules_for(&self, source: &str) -> Option<&SourceRules<'_>> {
        self.rules.get(source)
    }

    /// Settles the page; returns the URLs it newly queued, with what makes
    /// their fetch conditional. Err only when the frontier cannot be written.
    pub(super) fn process(&self, job: Job, fin: Final, on_article: &OnArticle<'_>) -> Result<Vec<(Entry, Validators)>> {
        let Purpose::Page(e) = job.purpose else { return Ok(Vec::new()) };
        let retry_later = Later::Backoff { max: self.cfg.politeness.max_crawl_retries };
        let none = Validators::default();
        let settle = |state, reason: Option<&str>, v: &Validators, later| self.frontier.lock().unwrap().settle(&e.url, state, reason, job.attempts, v, later);
        let outcome = match fin {
            Final::Refused { reason, transient: false } => return settle(State::Skipped, Some(&reason), &none, Later::Never).map(|_| Vec::new()),
            Final::Refused { reason, transient: true } => return settle(State::Failed, Some(&reason), &none, retry_later).map(|_| Vec::new()),
            Final::Answer(outcome) => outcome,
        };
        let (bytes, content_type, etag, last_modified, final_url) = match outcome {
            Outcome::Page { bytes, content_type, etag, last_modified, final_url } => (bytes, content_type, etag, last_modified, final_url),
            Outcome::NotModified => return settle(State::NotModified, None, &none, Later::Never).map(|_| Vec::new()),
            Outcome::Transient { reason, .. } => return settle(State::Failed, Some(&reason), &none, retry_later).map(|_| Vec::new()),
            Outcome::Permanent { reason } => return settle(State::Failed, Some(&reason), &none, Later::Never).map(|_| Vec::new()),
            Outcome::Redirect { to } => return settle(State::Failed, Some(&format!("redirect to {to} not followed")), &none, Later::Never).map(|_| Vec::new()),
        };
        let content_hash = crate::output::short_hash(&bytes);
        let v = Validators { etag, last_modified, content_hash: Some(content_hash.clone()) };
        if job.validators.content_hash.as_deref() == Some(content_hash.as_str()) {
            return settle(State::NotModified, Some("same content"), &v, Later::Never).map(|_| Vec::new());
        }
        if e.kind == Kind::Article {
            // Handed over (extracted, stored) before it is marked fetched: a
            // crash in between fetches it again, it is never lost.
            let outlet = self.rules_for(&e.source).and_then(|r| r.source.outlet.clone());
            let page = ArticlePage { url: final_url.clone(), source: e.source.clone(), outlet, bytes, content_type };
            // A page that fails (or panics) in processing is settled as failed
            // with the reason: left queued, every later run would fetch it and
            // fail again.
            let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_article(page)))
                .unwrap_or_else(|p| Err(Error::new(ErrorKind::Internal, format!("internal error while processing: {}", crate::workqueue::panic_message(p.as_ref())))));
            return match handled {
                Ok(()) => settle(State::Fetched, None, &v, Later::Never),
                // The URL is the row's own; the reason is what went wrong.
                Err(why) => settle(State::Failed, Some(&why.message().replacen(&format!("{final_url}: "), "", 1)), &v, Later::Never),
            }
            .map(|_| Vec::new());
        }
        let links = match self.discover(&e, &final_url, &bytes, content_type.as_deref()) {
            Ok(links) => links,
            Err(why) => return settle(State::Failed, Some(why.message()), &v, Later::Never).map(|_| Vec::new()),
        };
        // The links and the page's own state land together: a crash before
        // the commit fetches the page again, after it nothing is lost.
        let mut frontier = self.frontier.lock().unwrap();
        frontier.begin()?;
        let mut queued = Vec::new();
        for f in links {
            if let Some(entry) = self.admit(&e, f, &mut **frontier)? {
                // A discovery page seen in an earlier run is asked conditionally.
                let v = if entry.kind == Kind::Article { Validators::default() } else { frontier.validators(&entry.url)? };
                queued.push((entry, v));
            }
        }
        frontier.settle(&e.url, State::Fetched, None, job.attempts, &v, Later::Never)?;
        frontier.commit()?;
        Ok(queued)
    }

    fn discover(&self, e: &Entry, final_url: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Vec<Found>> {
        match e.kind {
            Kind::Feed => discover::feed(bytes, content_type),
            Kind::Sitemap => discover::sitemap(bytes, content_type),
            Kind::List => {
                let problem = |message: String| Error::new(ErrorKind::Discovery, message);
                let rules = self.rules_for(&e.source).ok_or_else(|| problem("unknown source".into()))?;
                let base = Url::parse(final_url).map_err(|err| problem(err.to_string()))?;
                let list = rules.source.list_pages.iter().find(|l| canonical(&l.url, None).is_some_and(|u| u.as_str() == e.url) || e.depth > 1);
                let list = list.or(rules.source.list_pages.first()).ok_or_else(|| problem("no list page config".into()))?;
                let html = crate::decode::decode(bytes, content_type).text;
                let next = if e.depth < list.max_pages.unwrap_or(5) { list.next_page.as_deref() } else { None };
                discover::list_page(&html, &base, &list.article_links, next)
            }
            Kind::Article => Ok(Vec::new()),
        }
    }

    /// A found link becomes a queued entry (None when it is known already),
    /// or a skipped one with the reason.
    fn admit(&self, parent: &Entry, f: Found, frontier: &mut dyn Frontier) -> Result<Option<Entry>> {
        let Some(rules) = self.rules_for(&parent.source) else { return Ok(None) };
        let base = Url::parse(&parent.url).ok();
        let Some(u) = canonical(&f.url, base.as_ref()) else { return Ok(None) };
        let depth = if f.kind == Kind::List { parent.depth + 1 } else { 1 };
        let entry = Entry { url: u.to_string(), source: parent.source.clone(), kind: f.kind, depth };
        let host = u.host_str().unwrap_or("");
        let reason = if !domain_allowed(&rules.source.allowed_domains, host) {
            Some("off-domain")
        } else if f.kind == Kind::Article
            && ((!rules.include.is_empty() && !rules.include.iter().any(|r| r.is_match(&entry.url))) || rules.exclude.iter().any(|r| r.is_match(&entry.url)))
        {
            Some("filter")
        } else if f.kind == Kind::Article && self.opts.since.as_deref().is_some_and(|since| f.date.as_deref().is_some_and(|d| d < since)) {
            Some("older than --since")
        } else {
            None
        };
        if let Some(reason) = reason {
            frontier.skip(&entry, reason)?;
            return Ok(None);
        }
        Ok(frontier.offer(&entry, self.run)?.then_some(entry))
    }
}
