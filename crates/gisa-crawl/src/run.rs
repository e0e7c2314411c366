//! The crawl itself: workers take URLs from per-host queues when the host
//! allows (robots.txt, at most N connections, a per-host delay that adapts to
//! slow answers and errors as Scrapy's AutoThrottle does, Retry-After),
//! fetch them, record every URL's final state in the frontier at once, follow
//! what feeds, sitemaps and list pages link to, and hand each new article
//! page to `on_article` as it arrives.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use regex::Regex;
use url::Url;

use super::canon::canonical;
use super::config::{domain_allowed, Config, Source};
use super::discover::{self, Found};
use super::frontier::{Entry, Frontier, Kind, State, Validators};
use super::http::{Fetcher, Outcome};

/// An article page fetched and new (or changed) since the last crawl.
pub struct ArticlePage {
    pub url: String,
    pub source: String,
    pub outlet: Option<String>,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Stop after this many page fetches (the run stays open and resumes).
    pub max_pages: Option<u64>,
    /// Skip articles a feed or sitemap dates before this (YYYY-MM-DD).
    pub since: Option<String>,
    pub progress: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub run: i64,
    pub resumed: bool,
    /// The run ended because --max-pages was reached; the next crawl resumes it.
    pub stopped_early: bool,
    /// (state, reason, count) over the run.
    pub states: Vec<(String, Option<String>, u64)>,
}

impl Report {
    pub fn line(&self) -> String {
        let mut by_state: Vec<(String, u64, Vec<String>)> = Vec::new();
        for (state, reason, n) in &self.states {
            if state == "queued" {
                continue;
            }
            match by_state.iter_mut().find(|(s, _, _)| s == state) {
                Some((_, total, reasons)) => {
                    *total += n;
                    if let Some(r) = reason {
                        reasons.push(format!("{r}: {n}"));
                    }
                }
                None => by_state.push((state.clone(), *n, reason.iter().map(|r| format!("{r}: {n}")).collect())),
            }
        }
        let parts: Vec<String> = ["fetched", "not-modified", "failed", "skipped"]
            .iter()
            .map(|s| match by_state.iter().find(|(st, _, _)| st == s) {
                Some((_, n, reasons)) if !reasons.is_empty() => format!("{s} {n} ({})", reasons.join(", ")),
                Some((_, n, _)) => format!("{s} {n}"),
                None => format!("{s} 0"),
            })
            .collect();
        let queued: u64 = self.states.iter().filter(|(s, _, _)| s == "queued").map(|(_, _, n)| n).sum();
        let tail = if queued > 0 { format!("; {queued} still queued (run again to resume)") } else { String::new() };
        format!("crawl run {}{}: {}{tail}", self.run, if self.resumed { " (resumed)" } else { "" }, parts.join(", "))
    }
}

struct SourceRules<'c> {
    source: &'c Source,
    include: Vec<Regex>,
    exclude: Vec<Regex>,
}

enum Robots {
    Unknown,
    Fetching,
    Ready(Option<texting_robots::Robot>),
    /// robots.txt could not be read (5xx, timeouts): nothing is fetched from the host.
    Unavailable(String),
}

struct Host {
    queue: VecDeque<Entry>,
    in_flight: usize,
    next_at: Instant,
    /// Current delay between requests (adaptive), at least `floor`.
    delay: Duration,
    floor: Duration,
    robots: Robots,
    base: String,
}

struct Sched {
    hosts: HashMap<String, Host>,
    pages: u64,
    stop: bool,
    active: usize,
}

enum Job {
    Robots(String),
    Page(Entry),
}

pub struct Crawler<'a> {
    cfg: &'a Config,
    rules: Vec<SourceRules<'a>>,
    fetcher: Fetcher,
    frontier: Mutex<Box<dyn Frontier>>,
    sched: Mutex<Sched>,
    wake: Condvar,
    run: i64,
    resumed: bool,
    opts: Options,
    user_agent: String,
}

pub fn user_agent(cfg: &Config) -> String {
    format!("gisa/{} (+{})", env!("CARGO_PKG_VERSION"), cfg.contact.trim())
}

fn host_of(url: &str) -> Option<(String, String)> {
    let u = Url::parse(url).ok()?;
    let host = u.host_str()?.to_string();
    let base = format!("{}://{}", u.scheme(), u.host_str()?) + &u.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some((format!("{}:{}", host, u.port_or_known_default().unwrap_or(0)), base))
}

impl<'a> Crawler<'a> {
    pub fn new(cfg: &'a Config, mut frontier: Box<dyn Frontier>, opts: Options) -> Result<Crawler<'a>, String> {
        let rules = cfg
            .sources
            .iter()
            .map(|s| SourceRules {
                source: s,
                include: s.include.iter().filter_map(|p| Regex::new(p).ok()).collect(),
                exclude: s.exclude.iter().filter_map(|p| Regex::new(p).ok()).collect(),
            })
            .collect();
        let allowed: Vec<String> = cfg.sources.iter().flat_map(|s| s.allowed_domains.clone()).collect();
        let user_agent = user_agent(cfg);
        let fetcher = Fetcher::new(&cfg.politeness, &user_agent, Some(allowed))?;
        let (run, resumed) = frontier.begin_run()?;
        if !resumed {
            for s in &cfg.sources {
                let seeds = s
                    .feeds
                    .iter()
                    .map(|u| (u, Kind::Feed))
                    .chain(s.sitemaps.iter().map(|u| (u, Kind::Sitemap)))
                    .chain(s.list_pages.iter().map(|l| (&l.url, Kind::List)));
                for (url, kind) in seeds {
                    if let Some(u) = canonical(url, None) {
                        frontier.offer(&Entry { url: u.to_string(), source: s.name.clone(), kind, depth: 1 }, run)?;
                    }
                }
            }
        }
        let sched = Sched { hosts: HashMap::new(), pages: 0, stop: false, active: 0 };
        let crawler =
            Crawler { cfg, rules, fetcher, frontier: Mutex::new(frontier), sched: Mutex::new(sched), wake: Condvar::new(), run, resumed, opts, user_agent };
        let queued = crawler.frontier.lock().unwrap().queued()?;
        {
            let mut s = crawler.sched.lock().unwrap();
            for e in queued {
                crawler.enqueue(&mut s, e);
            }
        }
        Ok(crawler)
    }

    fn enqueue(&self, s: &mut Sched, e: Entry) {
        let Some((key, base)) = host_of(&e.url) else { return };
        let p = &self.cfg.politeness;
        let floor = if p.enabled { Duration::from_millis(p.min_delay_ms) } else { Duration::ZERO };
        let host = s.hosts.entry(key).or_insert_with(|| Host {
            queue: VecDeque::new(),
            in_flight: 0,
            next_at: Instant::now(),
            delay: floor,
            floor,
            robots: if p.enabled { Robots::Unknown } else { Robots::Ready(None) },
            base,
        });
        host.queue.push_back(e);
    }

    /// Runs the crawl; `on_article` gets each new article page, and says
    /// why when the page could not be processed (it is then `failed`).
    pub fn run(&self, on_article: &(dyn Fn(ArticlePage) -> Result<(), String> + Sync)) -> Result<Report, String> {
        let bar = self.opts.progress.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        let workers = self.cfg.politeness.workers.max(1);
        let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    while let Some((key, job)) = self.next_job() {
                        let result = match job {
                            Job::Robots(base) => {
                                self.fetch_robots(&key, &base);
                                Ok(())
                            }
                            Job::Page(e) => self.fetch_page(&key, e, on_article),
                        };
                        if let Err(e) = result {
                            // The state store failing is fatal: stop, do not lose track.
                            errors.lock().unwrap().push(e);
                            let mut s = self.sched.lock().unwrap();
                            s.stop = true;
                        }
                        let mut s = self.sched.lock().unwrap();
                        s.active -= 1;
                        if let Some(b) = &bar {
                            let queued: usize = s.hosts.values().map(|h| h.queue.len()).sum();
                            b.set_message(format!("{} pages fetched, {queued} queued", s.pages));
                        }
                        drop(s);
                        self.wake.notify_all();
                    }
                });
            }
        });
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        if let Some(e) = errors.into_inner().unwrap().into_iter().next() {
            return Err(e);
        }
        let stopped_early = self.sched.lock().unwrap().stop;
        let mut f = self.frontier.lock().unwrap();
        if !stopped_early {
            f.finish_run(self.run)?;
        }
        Ok(Report { run: self.run, resumed: self.resumed, stopped_early, states: f.summary(self.run)? })
    }

    /// Blocks until some host may be asked for something; None when the crawl is done.
    fn next_job(&self) -> Option<(String, Job)> {
        let mut s = self.sched.lock().unwrap();
        loop {
            if s.stop {
                return None;
            }
            let now = Instant::now();
            let max_conn = self.cfg.politeness.max_connections_per_host;
            let mut soonest: Option<Instant> = None;
            let mut pick: Option<(String, Job)> = None;
            for (key, h) in s.hosts.iter_mut() {
                if h.queue.is_empty() || matches!(h.robots, Robots::Fetching) {
                    continue;
                }
                if h.in_flight >= max_conn {
                    continue;
                }
                if h.next_at > now {
                    soonest = Some(soonest.map_or(h.next_at, |t| t.min(h.next_at)));
                    continue;
                }
                h.in_flight += 1;
                if matches!(h.robots, Robots::Unknown) {
                    h.robots = Robots::Fetching;
                    pick = Some((key.clone(), Job::Robots(h.base.clone())));
                } else if let Some(e) = h.queue.pop_front() {
                    pick = Some((key.clone(), Job::Page(e)));
                }
                break;
            }
            if let Some(p) = pick {
                s.active += 1;
                return Some(p);
            }
            let idle = s.hosts.values().all(|h| h.queue.is_empty());
            if idle && s.active == 0 {
                return None;
            }
            let wait = soonest.map_or(Duration::from_millis(200), |t| t.saturating_duration_since(now)).max(Duration::from_millis(1));
            s = self.wake.wait_timeout(s, wait).unwrap().0;
        }
    }

    /// Done with a request to `key`: free the slot, space the next request,
    /// and adapt the delay to the answer (AutoThrottle: move halfway toward
    /// the latency; double on errors; never below the floor or above the cap).
    fn release(&self, key: &str, latency: Duration, error: bool, wait: Option<Duration>) {
        let p = &self.cfg.politeness;
        let mut s = self.sched.lock().unwrap();
        if let Some(h) = s.hosts.get_mut(key) {
            h.in_flight = h.in_flight.saturating_sub(1);
            if p.enabled {
                let cap = Duration::from_millis(p.max_delay_ms).max(h.floor);
                h.delay = if error { (h.delay * 2).max(Duration::from_millis(250)) } else { (h.delay + latency) / 2 };
                h.delay = h.delay.clamp(h.floor, cap);
            }
            let gap = wait.unwrap_or_default().max(h.delay);
            h.next_at = h.next_at.max(Instant::now() + gap);
        }
    }

    fn fetch_robots(&self, key: &str, base: &str) {
        let url = format!("{base}/robots.txt");
        let (outcome, latency) = self.fetcher.get(&url, &Validators::default());
        let (robots, error) = match outcome {
            Outcome::Page { bytes, .. } => (Robots::Ready(texting_robots::Robot::new("gisa", &bytes).ok()), false),
            // No robots.txt (4xx): everything is allowed.
            Outcome::Permanent { reason } if reason.starts_with("http 4") => (Robots::Ready(None), false),
            Outcome::Permanent { reason } | Outcome::Transient { reason, .. } => (Robots::Unavailable(format!("robots.txt unavailable ({reason})")), true),
            Outcome::NotModified => (Robots::Ready(None), false),
        };
        {
            let mut s = self.sched.lock().unwrap();
            if let Some(h) = s.hosts.get_mut(key) {
                if let Robots::Ready(Some(r)) = &robots {
                    if let Some(d) = r.delay {
                        let d = Duration::from_secs_f32(d.max(0.0));
                        h.floor = h.floor.max(d);
                        h.delay = h.delay.max(d);
                    }
                }
                h.robots = robots;
            }
        }
        self.release(key, latency, error, None);
    }

    fn rules_for(&self, source: &str) -> Option<&SourceRules<'a>> {
        self.rules.iter().find(|r| r.source.name == source)
    }

    fn fetch_page(&self, key: &str, e: Entry, on_article: &(dyn Fn(ArticlePage) -> Result<(), String> + Sync)) -> Result<(), String> {
        // robots.txt first.
        let verdict = {
            let s = self.sched.lock().unwrap();
            match s.hosts.get(key).map(|h| &h.robots) {
                Some(Robots::Ready(Some(r))) if !r.allowed(&e.url) => Some("robots".to_string()),
                Some(Robots::Unavailable(why)) => Some(why.clone()),
                _ => None,
            }
        };
        if let Some(reason) = verdict {
            self.frontier.lock().unwrap().settle(&e.url, State::Skipped, Some(&reason), 0, &Validators::default())?;
            let mut s = self.sched.lock().unwrap();
            if let Some(h) = s.hosts.get_mut(key) {
                h.in_flight = h.in_flight.saturating_sub(1);
            }
            return Ok(());
        }
        if let Some(max) = self.opts.max_pages {
            let mut s = self.sched.lock().unwrap();
            if s.pages >= max {
                s.stop = true;
                if let Some(h) = s.hosts.get_mut(key) {
                    h.in_flight = h.in_flight.saturating_sub(1);
                }
                return Ok(());
            }
            s.pages += 1;
        } else {
            self.sched.lock().unwrap().pages += 1;
        }
        let old = self.frontier.lock().unwrap().validators(&e.url)?;
        let p = &self.cfg.politeness;
        let mut attempts = 0u32;
        let outcome = loop {
            attempts += 1;
            let (outcome, latency) = self.fetcher.get(&e.url, &old);
            match outcome {
                Outcome::Transient { reason: _, retry_after } if attempts <= p.max_retries => {
                    // Exponential backoff with jitter; Retry-After wins when longer.
                    let backoff = Duration::from_millis(p.retry_base_ms.saturating_mul(1 << (attempts - 1).min(10)));
                    let jitter = Duration::from_millis(fastrand::u64(0..=p.retry_base_ms / 2 + 1));
                    let wait = retry_after.map_or(backoff + jitter, |r| r.max(backoff));
                    self.release(key, latency, true, Some(wait));
                    self.reacquire(key);
                    continue;
                }
                other => {
                    let error = matches!(other, Outcome::Transient { .. });
                    self.release(key, latency, error, None);
                    break other;
                }
            }
        };
        let mut frontier = self.frontier.lock().unwrap();
        match outcome {
            Outcome::NotModified => frontier.settle(&e.url, State::NotModified, None, attempts, &Validators::default()),
            Outcome::Transient { reason, .. } | Outcome::Permanent { reason } => frontier.settle(&e.url, State::Failed, Some(&reason), attempts, &Validators::default()),
            Outcome::Page { bytes, content_type, etag, last_modified, final_url } => {
                let content_hash = crate::output::short_hash(&bytes);
                let v = Validators { etag, last_modified, content_hash: Some(content_hash.clone()) };
                if old.content_hash.as_deref() == Some(content_hash.as_str()) {
                    return frontier.settle(&e.url, State::NotModified, Some("same content"), attempts, &v);
                }
                if e.kind == Kind::Article {
                    drop(frontier);
                    // Handed over (extracted, stored) before it is marked fetched: a
                    // crash in between fetches it again, it is never lost.
                    let outlet = self.rules_for(&e.source).and_then(|r| r.source.outlet.clone());
                    let page = ArticlePage { url: final_url.clone(), source: e.source.clone(), outlet, bytes, content_type };
                    // A page that fails (or panics) in processing is settled as failed
                    // with the reason: left queued, every later run would fetch it and
                    // fail again.
                    let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_article(page)))
                        .unwrap_or_else(|p| Err(format!("internal error while processing: {}", crate::workqueue::panic_message(p.as_ref()))));
                    let mut frontier = self.frontier.lock().unwrap();
                    return match handled {
                        Ok(()) => frontier.settle(&e.url, State::Fetched, None, attempts, &v),
                        // The URL is the row's own; the reason is what went wrong.
                        Err(why) => frontier.settle(&e.url, State::Failed, Some(&why.replacen(&format!("{final_url}: "), "", 1)), attempts, &v),
                    };
                }
                drop(frontier);
                let found = self.discover(&e, &final_url, &bytes, content_type.as_deref());
                let mut frontier = self.frontier.lock().unwrap();
                match found {
                    Err(reason) => frontier.settle(&e.url, State::Failed, Some(&reason), attempts, &v),
                    Ok(links) => {
                        let mut new_entries = Vec::new();
                        for f in links {
                            if let Some(entry) = self.admit(&e, f, &mut **frontier)? {
                                new_entries.push(entry);
                            }
                        }
                        frontier.settle(&e.url, State::Fetched, None, attempts, &v)?;
                        drop(frontier);
                        let mut s = self.sched.lock().unwrap();
                        for entry in new_entries {
                            self.enqueue(&mut s, entry);
                        }
                        Ok(())
                    }
                }
            }
        }
    }

    /// Waits until the host may be asked again, then takes its slot back (for a retry).
    fn reacquire(&self, key: &str) {
        let mut s = self.sched.lock().unwrap();
        loop {
            let now = Instant::now();
            let max_conn = self.cfg.politeness.max_connections_per_host;
            let ready = s.hosts.get(key).map(|h| (h.next_at, h.in_flight));
            match ready {
                Some((next_at, in_flight)) if next_at <= now && in_flight < max_conn => {
                    if let Some(h) = s.hosts.get_mut(key) {
                        h.in_flight += 1;
                    }
                    return;
                }
                Some((next_at, _)) => {
                    let wait = next_at.saturating_duration_since(now).max(Duration::from_millis(1));
                    s = self.wake.wait_timeout(s, wait).unwrap().0;
                }
                None => return,
            }
        }
    }

    fn discover(&self, e: &Entry, final_url: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Vec<Found>, String> {
        match e.kind {
            Kind::Feed => discover::feed(bytes, content_type),
            Kind::Sitemap => discover::sitemap(bytes, content_type),
            Kind::List => {
                let rules = self.rules_for(&e.source).ok_or("unknown source")?;
                let base = Url::parse(final_url).map_err(|err| err.to_string())?;
                let list = rules.source.list_pages.iter().find(|l| canonical(&l.url, None).is_some_and(|u| u.as_str() == e.url) || e.depth > 1);
                let list = list.or(rules.source.list_pages.first()).ok_or("no list page config")?;
                let html = crate::decode::decode(bytes, content_type).text;
                let next = if e.depth < list.max_pages.unwrap_or(5) { list.next_page.as_deref() } else { None };
                discover::list_page(&html, &base, &list.article_links, next)
            }
            Kind::Article => Ok(Vec::new()),
        }
    }

    /// A found link becomes a queued entry, or a skipped one with the reason.
    fn admit(&self, parent: &Entry, f: Found, frontier: &mut dyn Frontier) -> Result<Option<Entry>, String> {
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

    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}
