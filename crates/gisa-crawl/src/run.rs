//! The crawl itself, on one tokio runtime: a dispatcher asks the scheduler
//! (`sched`) for whatever request is due, across every host at once, starts
//! it as a task (async reqwest), and on each answer frees the host's slot,
//! follows a redirect as a new spaced request, retries a transient failure,
//! or hands the final answer to the rayon pool (`process`: the frontier,
//! links, extraction), whose new URLs come back to the scheduler. Requests in
//! flight are capped by `max_in_flight`; pages waiting for the pool are
//! capped too, so memory stays bounded when extraction is the slower side.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use regex::Regex;
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use super::canon::canonical;
use super::config::{Config, Source};
use super::frontier::{Entry, Frontier, Kind, Validators};
use super::http::{Fetcher, Outcome};
use super::process::Final;
use super::sched::{Job, Purpose, Robots, Scheduler, Take};
use crate::error::{Error, ErrorKind, Result};

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
    /// Ask every page that failed transiently now, not when its back-off says.
    pub retry_failed: bool,
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
    /// URLs were tried but not one page answered (every host refused, timed
    /// out or had no readable robots.txt): the crawl did nothing useful.
    pub fn nothing_fetched(&self) -> bool {
        let count = |pred: &dyn Fn(&str) -> bool| -> u64 { self.states.iter().filter(|(s, _, _)| pred(s)).map(|(_, _, n)| n).sum() };
        let answered = count(&|s| s == "fetched" || s == "not-modified");
        let tried = count(&|s| s != "queued");
        tried > 0 && answered == 0
    }

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

pub(super) struct SourceRules<'c> {
    pub source: &'c Source,
    pub include: Vec<Regex>,
    pub exclude: Vec<Regex>,
}

pub struct Crawler<'a> {
    pub(super) cfg: &'a Config,
    /// By source name.
    pub(super) rules: HashMap<String, SourceRules<'a>>,
    fetcher: Fetcher,
    pub(super) frontier: Mutex<Box<dyn Frontier>>,
    /// What is queued when the crawl starts (taken by `run`).
    start: Mutex<Vec<(Entry, Validators)>>,
    pub(super) run: i64,
    resumed: bool,
    pub(super) opts: Options,
    user_agent: String,
}

pub fn user_agent(cfg: &Config) -> String {
    format!("gisa/{} (+{})", env!("CARGO_PKG_VERSION"), cfg.contact.trim())
}

/// What the dispatcher hears about. (An answer is the large variant; each
/// lives only from its request's end to the dispatcher, so boxing it would
/// buy an allocation per request and save nothing.)
#[allow(clippy::large_enum_variant)]
enum Event {
    /// A request's answer (or failure), and how long it took.
    /// `sent`: when the task sent it.
    Answer { host: usize, job: Job, outcome: Outcome, sent: Instant, latency: Duration },
    /// The pool is done with a page (of this many bytes): the URLs it
    /// queued, or a fatal error (the crawl state could not be written).
    Processed(Result<Vec<(Entry, Validators)>>, usize),
}

pub type OnArticle<'f> = dyn Fn(ArticlePage) -> Result<()> + Sync + 'f;

/// Bytes of answers waiting for the pool before no new request starts: a
/// bound on memory when extraction is the slower side. A count of pages was
/// tried first; any count small enough for memory starved the pool, because
/// the answers to requests started when it had room arrive a latency later.
const POOL_BACKLOG_BYTES: usize = 64 << 20;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// robots.txt from its final answer.
fn robots_from(outcome: Outcome) -> Robots {
    match outcome {
        Outcome::Page { bytes, .. } => Robots::Ready(texting_robots::Robot::new("gisa", &bytes).ok()),
        // No robots.txt (4xx): everything is allowed.
        Outcome::Permanent { reason } if reason.starts_with("http 4") => Robots::Ready(None),
        Outcome::NotModified => Robots::Ready(None),
        Outcome::Permanent { reason } | Outcome::Transient { reason, .. } => Robots::Unavailable(format!("robots.txt unavailable ({reason})")),
        Outcome::Redirect { to } => Robots::Unavailable(format!("robots.txt unavailable (redirect to {to} not followed)")),
    }
}

impl<'a> Crawler<'a> {
    pub fn new(cfg: &'a Config, mut frontier: Box<dyn Frontier>, opts: Options) -> Result<Crawler<'a>> {
        let mut rules = HashMap::new();
        for s in &cfg.sources {
            rules.entry(s.name.clone()).or_insert_with(|| SourceRules {
                source: s,
                include: s.include.iter().filter_map(|p| Regex::new(p).ok()).collect(),
                exclude: s.exclude.iter().filter_map(|p| Regex::new(p).ok()).collect(),
            });
        }
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
            // Pages that failed transiently in earlier crawls and are due again.
            frontier.requeue_failed(run, false)?;
        }
        if opts.retry_failed {
            frontier.requeue_failed(run, true)?;
        }
        let start = Mutex::new(frontier.queued()?);
        Ok(Crawler { cfg, rules, fetcher, frontier: Mutex::new(frontier), start, run, resumed, opts, user_agent })
    }

    /// Runs the crawl; `on_article` gets each new article page (on the rayon
    /// pool), and says why when the page could not be processed (it is then
    /// `failed`).
    pub fn run(&self, on_article: &OnArticle<'_>) -> Result<Report> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("gisa-crawl")
            .enable_all()
            .build()
            .map_err(|e| Error::new(ErrorKind::Runtime, format!("cannot start the crawler's runtime: {e}")))?;
        // Pages are handed to the pool from the dispatcher; the scope ends
        // when the last one is done.
        let stopped_early = rayon::in_place_scope(|pool| runtime.block_on(self.dispatch(pool, on_article)))?;
        let mut f = self.frontier.lock().unwrap();
        if !stopped_early {
            f.finish_run(self.run)?;
        }
        Ok(Report { run: self.run, resumed: self.resumed, stopped_early, states: f.summary(self.run)? })
    }

    /// Starts what is due, hears what comes back, until nothing is left (or
    /// --max-pages is reached). Returns whether it stopped early.
    async fn dispatch<'s>(&'s self, pool: &rayon::Scope<'s>, on_article: &'s OnArticle<'s>) -> Result<bool> {
        let p = &self.cfg.politeness;
        let mut sched = Scheduler::new(p.max_connections_per_host, p.enabled, ms(p.min_delay_ms), ms(p.max_delay_ms));
        let now = Instant::now();
        for (e, v) in std::mem::take(&mut *self.start.lock().unwrap()) {
            if let Some(h) = sched.host_for(&e.url, now) {
                sched.push_back(h, Job::page(e, v));
            }
        }
        let (tx, mut rx) = unbounded_channel::<Event>();
        // Answers handed to the pool and not yet done: how many, and their bytes.
        let (mut processing, mut backlog) = (0usize, 0usize);
        let (mut pages, mut stop) = (0u64, false);
        let mut fatal: Option<Error> = None;
        let bar = self.opts.progress.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
            b.enable_steady_tick(ms(200));
            b
        });
        loop {
            while !stop && sched.in_flight < p.max_in_flight && backlog < POOL_BACKLOG_BYTES {
                match sched.take(Instant::now()) {
                    None => break,
                    Some(Take::Refuse { job, reason, transient }) => {
                        processing += 1;
                        self.hand_over(pool, &tx, job, Final::Refused { reason, transient }, on_article);
                    }
                    Some(Take::Request { host, job }) => {
                        if job.is_first() {
                            if self.opts.max_pages.is_some_and(|max| pages >= max) {
                                // Still queued in the frontier: the next crawl resumes it.
                                sched.cancel(host);
                                stop = true;
                                break;
                            }
                            pages += 1;
                        }
                        let (fetcher, tx) = (self.fetcher.clone(), tx.clone());
                        tokio::spawn(async move {
                            let sent = Instant::now();
                            let (outcome, latency) = fetcher.get(&job.url, &job.validators).await;
                            let _ = tx.send(Event::Answer { host, job, outcome, sent, latency });
                        });
                    }
                }
            }
            if sched.in_flight == 0 && processing == 0 && (stop || sched.waiting == 0) {
                break;
            }
            let can_start = !stop && sched.in_flight < p.max_in_flight && backlog < POOL_BACKLOG_BYTES;
            let due = sched.next_due().filter(|_| can_start);
            let wake = tokio::time::Instant::from_std(due.unwrap_or_else(Instant::now));
            let event = tokio::select! {
                ev = rx.recv() => ev,
                _ = tokio::time::sleep_until(wake), if due.is_some() => None,
            };
            match event {
                None => {}
                Some(Event::Answer { host, job, outcome, sent, latency }) => {
                    if let Some(fin) = self.answered(&mut sched, host, job, outcome, sent, latency) {
                        processing += 1;
                        backlog += fin.1.size();
                        self.hand_over(pool, &tx, fin.0, fin.1, on_article);
                    }
                }
                Some(Event::Processed(result, size)) => {
                    processing -= 1;
                    backlog -= size;
                    match result {
                        Ok(found) => {
                            let now = Instant::now();
                            for (e, v) in found {
                                if let Some(h) = sched.host_for(&e.url, now) {
                                    sched.push_back(h, Job::page(e, v));
                                }
                            }
                        }
                        // The state store failing is fatal: stop, do not lose track.
                        Err(e) => {
                            fatal.get_or_insert(e);
                            stop = true;
                        }
                    }
                    if let Some(b) = &bar {
                        b.set_message(format!("{pages} pages asked, {} queued, {} in flight", sched.waiting, sched.in_flight));
                    }
                }
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        match fatal {
            Some(e) => Err(e),
            None => Ok(stop),
        }
    }

    /// An answer is in: the host's slot is freed and its delay adapted; a
    /// redirect becomes the next hop (queued first on its host, so it is
    /// spaced like any request), a transient failure with retries left is
    /// queued again after its back-off (or Retry-After); robots.txt is read.
    /// Anything else is final: returned for the pool.
    fn answered(&self, sched: &mut Scheduler, host: usize, mut job: Job, outcome: Outcome, sent: Instant, latency: Duration) -> Option<(Job, Final)> {
        let p = &self.cfg.politeness;
        let now = Instant::now();
        job.attempts += 1;
        match outcome {
            Outcome::Redirect { to } => {
                sched.release(host, now, sent, latency, false, None);
                job.hops.push(job.url.clone());
                if let Err(e) = self.fetcher.follow(&job.hops, &to) {
                    return self.final_answer(sched, job, Outcome::Permanent { reason: e.message().to_string() });
                }
                job.url = to;
                job.retries = 0;
                match sched.host_for(&job.url, now) {
                    Some(next) => sched.push_front(next, job),
                    None => return self.final_answer(sched, job, Outcome::Permanent { reason: "redirect to a URL without a host".into() }),
                }
                None
            }
            Outcome::Transient { retry_after, .. } if job.retries < p.max_retries && matches!(job.purpose, Purpose::Page(_)) => {
                // Exponential back-off with jitter; Retry-After wins when longer.
                let backoff = ms(p.retry_base_ms.saturating_mul(1 << job.retries.min(10)));
                let jitter = ms(fastrand::u64(0..=p.retry_base_ms / 2 + 1));
                let wait = retry_after.map_or(backoff + jitter, |r| r.max(backoff));
                sched.release(host, now, sent, latency, true, Some(wait));
                job.retries += 1;
                sched.push_front(host, job);
                None
            }
            other => {
                sched.release(host, now, sent, latency, matches!(other, Outcome::Transient { .. }), None);
                self.final_answer(sched, job, other)
            }
        }
    }

    fn final_answer(&self, sched: &mut Scheduler, job: Job, outcome: Outcome) -> Option<(Job, Final)> {
        match job.purpose {
            Purpose::Robots(owner) => {
                sched.robots_known(owner, robots_from(outcome));
                None
            }
            Purpose::Page(_) => Some((job, Final::Answer(outcome))),
        }
    }

    /// To the rayon pool: the page's state, links and extraction; the result
    /// comes back as an event.
    fn hand_over<'s>(&'s self, pool: &rayon::Scope<'s>, tx: &UnboundedSender<Event>, job: Job, fin: Final, on_article: &'s OnArticle<'s>) {
        let tx = tx.clone();
        pool.spawn(move |_| {
            let size = fin.size();
            let result = self.process(job, fin, on_article);
            let _ = tx.send(Event::Processed(result, size));
        });
    }

    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}
