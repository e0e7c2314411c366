//! Which host is asked next, and when. Each host has a queue of requests, a
//! number of connection slots and the earliest time its next request may
//! start; a heap of hosts keyed by that time always yields the host that has
//! waited longest, so every outlet advances at its own politeness limit and
//! none starves. Taking a slot reserves the host's gap at once (the next start
//! is this start + the delay), so two connections never start together, and
//! every request counts: robots.txt, feeds, each redirect hop, each retry.
//! The delay adapts as Scrapy's AutoThrottle does: it moves halfway toward
//! each answer's latency, doubles on errors, stays between the floor (the
//! configured minimum, or robots.txt's Crawl-delay) and the cap. Pure
//! bookkeeping: no I/O, the caller passes the time.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use url::Url;

use super::frontier::{Entry, Validators};

/// What a request is for.
#[derive(Debug)]
pub enum Purpose {
    /// robots.txt of this host (by index); its redirect hops may be asked
    /// from another host.
    Robots(usize),
    Page(Entry),
}

/// One request to make: the URL (a redirect's target after the first hop),
/// the chain that led here, and the tries so far.
#[derive(Debug)]
pub struct Job {
    pub purpose: Purpose,
    pub url: String,
    /// URLs asked before this one in its redirect chain.
    pub hops: Vec<String>,
    /// Requests made for this job so far (retries and hops included).
    pub attempts: u32,
    /// Transient failures of `url` so far (for the in-crawl retries).
    pub retries: u32,
    pub validators: Validators,
}

impl Job {
    pub fn page(entry: Entry, validators: Validators) -> Job {
        Job { url: entry.url.clone(), purpose: Purpose::Page(entry), hops: Vec::new(), attempts: 0, retries: 0, validators }
    }

    /// The first request of a page (not a retry, not a redirect hop).
    pub fn is_first(&self) -> bool {
        matches!(self.purpose, Purpose::Page(_)) && self.attempts == 0 && self.hops.is_empty()
    }
}

pub enum Robots {
    Unknown,
    Fetching,
    Ready(Option<texting_robots::Robot>),
    /// robots.txt could not be read (5xx, timeouts): nothing is fetched from
    /// the host in this crawl.
    Unavailable(String),
}

struct Host {
    base: String,
    queue: VecDeque<Job>,
    in_flight: usize,
    /// No request to this host starts before this.
    next_start: Instant,
    last_start: Option<Instant>,
    delay: Duration,
    floor: Duration,
    robots: Robots,
    /// The time of this host's live heap entry, if it has one.
    listed: Option<Instant>,
}

/// What `take` hands out.
pub enum Take {
    /// Make this request now; the host's slot is taken.
    Request { host: usize, job: Job },
    /// Do not ask: robots.txt forbids it (`transient` false) or could not be
    /// read (`transient` true). No slot was taken.
    Refuse { job: Job, reason: String, transient: bool },
}

pub struct Scheduler {
    hosts: Vec<Host>,
    by_key: HashMap<String, usize>,
    heap: BinaryHeap<Reverse<(Instant, u64, usize)>>,
    seq: u64,
    max_conn: usize,
    polite: bool,
    floor: Duration,
    cap: Duration,
    /// Requests in flight across all hosts.
    pub in_flight: usize,
    /// Jobs waiting in host queues.
    pub waiting: usize,
}

/// The host key (name and port) and base URL of `url`.
fn host_of(url: &str) -> Option<(String, String)> {
    let u = Url::parse(url).ok()?;
    let host = u.host_str()?;
    let base = format!("{}://{host}", u.scheme()) + &u.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some((format!("{host}:{}", u.port_or_known_default().unwrap_or(0)), base))
}

impl Scheduler {
    /// `polite` false: no delay and no robots.txt (loopback benchmarks only).
    pub fn new(max_conn: usize, polite: bool, min_delay: Duration, max_delay: Duration) -> Scheduler {
        let floor = if polite { min_delay } else { Duration::ZERO };
        Scheduler {
            hosts: Vec::new(),
            by_key: HashMap::new(),
            heap: BinaryHeap::new(),
            seq: 0,
            max_conn: max_conn.max(1),
            polite,
            floor,
            cap: max_delay.max(floor),
            in_flight: 0,
            waiting: 0,
        }
    }

    /// The host that serves `url` (created on first sight); None for a URL
    /// without a host.
    pub fn host_for(&mut self, url: &str, now: Instant) -> Option<usize> {
        let (key, base) = host_of(url)?;
        if let Some(&h) = self.by_key.get(&key) {
            return Some(h);
        }
        let robots = if self.polite { Robots::Unknown } else { Robots::Ready(None) };
        self.hosts.push(Host {
            base,
            queue: VecDeque::new(),
            in_flight: 0,
            next_start: now,
            last_start: None,
            delay: self.floor,
            floor: self.floor,
            robots,
            listed: None,
        });
        self.by_key.insert(key, self.hosts.len() - 1);
        Some(self.hosts.len() - 1)
    }

    pub fn push_back(&mut self, h: usize, job: Job) {
        self.hosts[h].queue.push_back(job);
        self.waiting += 1;
        self.list(h);
    }

    /// Ahead of the host's queue: retries and redirect hops finish what was
    /// started before anything new begins.
    pub fn push_front(&mut self, h: usize, job: Job) {
        self.hosts[h].queue.push_front(job);
        self.waiting += 1;
        self.list(h);
    }

    fn ready(&self, h: usize) -> bool {
        let host = &self.hosts[h];
        let Some(front) = host.queue.front() else { return false };
        let robots_job = matches!(front.purpose, Purpose::Robots(_));
        host.in_flight < self.max_conn && (robots_job || !matches!(host.robots, Robots::Fetching))
    }

    /// Puts the host on the heap at its next start, if it has something to ask.
    fn list(&mut self, h: usize) {
        if !self.ready(h) {
            return;
        }
        let host = &mut self.hosts[h];
        if host.listed == Some(host.next_start) {
            return;
        }
        // An older entry (an earlier time) becomes stale and is skipped.
        host.listed = Some(host.next_start);
        self.seq += 1;
        self.heap.push(Reverse((host.next_start, self.seq, h)));
    }

    /// When the next request may start (None: nothing is waiting for time).
    pub fn next_due(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((t, _, _))| *t)
    }

    /// The request of the host that has waited longest, if one may start at
    /// `now`; its slot is taken and its next start reserved.
    pub fn take(&mut self, now: Instant) -> Option<Take> {
        while let Some(&Reverse((t, _, h))) = self.heap.peek() {
            if t > now {
                return None;
            }
            self.heap.pop();
            if self.hosts[h].listed != Some(t) {
                continue;
            }
            self.hosts[h].listed = None;
            if !self.ready(h) {
                continue;
            }
            let host = &mut self.hosts[h];
            let hop_of_robots = matches!(host.queue.front().map(|j| &j.purpose), Some(Purpose::Robots(_)));
            let job = if !hop_of_robots && matches!(host.robots, Robots::Unknown) {
                host.robots = Robots::Fetching;
                let url = format!("{}/robots.txt", host.base);
                Job { purpose: Purpose::Robots(h), url, hops: Vec::new(), attempts: 0, retries: 0, validators: Validators::default() }
            } else {
                let job = host.queue.pop_front().expect("a ready host has a job");
                let refused = if matches!(job.purpose, Purpose::Page(_)) { refusal(&host.robots, &job.url) } else { None };
                self.waiting -= 1;
                if let Some((reason, transient)) = refused {
                    self.list(h);
                    return Some(Take::Refuse { job, reason, transient });
                }
                job
            };
            let host = &mut self.hosts[h];
            host.in_flight += 1;
            host.last_start = Some(now);
            host.next_start = now + host.delay;
            self.in_flight += 1;
            self.list(h);
            return Some(Take::Request { host: h, job });
        }
        None
    }

    /// A page that was taken but will not be asked after all (the crawl is
    /// stopping): the slot is freed, the job dropped.
    pub fn cancel(&mut self, h: usize) {
        self.hosts[h].in_flight -= 1;
        self.in_flight -= 1;
    }

    /// The answer to a request of host `h` is in (or it failed): the slot is
    /// free, the delay adapts (AutoThrottle: halfway toward the latency,
    /// doubled on errors, between floor and cap), and the next start is at
    /// least the last start + the delay, and `wait` from now (Retry-After,
    /// retry back-off). `sent` is when the request really went out, which a
    /// busy machine can make later than when its slot was taken.
    pub fn release(&mut self, h: usize, now: Instant, sent: Instant, latency: Duration, error: bool, wait: Option<Duration>) {
        let (polite, cap) = (self.polite, self.cap);
        let host = &mut self.hosts[h];
        host.last_start = host.last_start.max(Some(sent));
        host.in_flight -= 1;
        self.in_flight -= 1;
        if polite {
            let cap = cap.max(host.floor);
            host.delay = if error { (host.delay * 2).max(Duration::from_millis(250)) } else { (host.delay + latency) / 2 };
            host.delay = host.delay.clamp(host.floor, cap);
        }
        let spaced = host.last_start.map_or(now, |s| s + host.delay);
        host.next_start = host.next_start.max(spaced).max(now + wait.unwrap_or_default());
        self.list(h);
    }

    /// robots.txt of host `h` is known (or could not be read): its Crawl-delay
    /// raises the floor, and the host's pages may be asked.
    pub fn robots_known(&mut self, h: usize, robots: Robots) {
        let host = &mut self.hosts[h];
        if let Robots::Ready(Some(r)) = &robots {
            if let Some(d) = r.delay {
                let d = Duration::from_secs_f32(d.clamp(0.0, 86_400.0));
                host.floor = host.floor.max(d);
                host.delay = host.delay.max(d);
                if let Some(s) = host.last_start {
                    host.next_start = host.next_start.max(s + host.delay);
                }
            }
        }
        host.robots = robots;
        self.list(h);
    }

    /// Nothing waiting and nothing in flight.
    pub fn is_idle(&self) -> bool {
        self.waiting == 0 && self.in_flight == 0
    }
}

/// Why robots.txt keeps `url` from being asked, and whether that may change.
fn refusal(robots: &Robots, url: &str) -> Option<(String, bool)> {
    match robots {
        Robots::Ready(Some(r)) if !r.allowed(url) => Some(("robots".to_string(), false)),
        Robots::Unavailable(why) => Some((why.clone(), true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontier::Kind;

    fn page(url: &str) -> Job {
        Job::page(Entry { url: url.into(), source: "s".into(), kind: Kind::Article, depth: 1 }, Validators::default())
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn request(t: Option<Take>) -> (usize, Job) {
        match t {
            Some(Take::Request { host, job }) => (host, job),
            Some(Take::Refuse { reason, .. }) => panic!("refused: {reason}"),
            None => panic!("nothing to take"),
        }
    }

    /// Two connections to one host: the second request waits for the delay
    /// even though a slot is free, and a slow answer does not push the next
    /// start beyond last start + delay.
    #[test]
    fn slots_reserve_the_gap_between_starts() {
        let t0 = Instant::now();
        let mut s = Scheduler::new(2, true, ms(500), ms(500));
        let h = s.host_for("http://a.kr/1", t0).unwrap();
        s.hosts[h].robots = Robots::Ready(None);
        for i in 1..=3 {
            s.push_back(h, page(&format!("http://a.kr/{i}")));
        }
        let (_, first) = request(s.take(t0));
        assert_eq!(first.url, "http://a.kr/1");
        assert!(s.take(t0).is_none(), "a free slot, but the gap is reserved");
        assert!(s.take(t0 + ms(499)).is_none());
        assert_eq!(s.next_due(), Some(t0 + ms(500)));
        let (_, second) = request(s.take(t0 + ms(500)));
        assert_eq!(second.url, "http://a.kr/2");
        // Both slots busy: not even after the gap.
        assert!(s.take(t0 + ms(1000)).is_none());
        // The first answer took 700 ms: the next start is 500 ms after the
        // second start (the delay is between starts), not 500 ms after now.
        s.release(h, t0 + ms(700), t0, ms(700), false, None);
        let (_, third) = request(s.take(t0 + ms(1000)));
        assert_eq!(third.url, "http://a.kr/3");
        assert_eq!(s.in_flight, 2);
        assert!(!s.is_idle() && s.waiting == 0);
    }

    /// The host whose next start is earliest goes first, so hosts take turns.
    #[test]
    fn the_longest_waiting_host_goes_first() {
        let t0 = Instant::now();
        let mut s = Scheduler::new(1, false, ms(0), ms(0));
        let hosts: Vec<usize> = ["a", "b", "c"].iter().map(|n| s.host_for(&format!("http://{n}.kr/"), t0).unwrap()).collect();
        for &h in &hosts {
            s.hosts[h].delay = ms(100);
            for i in 0..3 {
                s.push_back(h, page(&format!("{}/{i}", s.hosts[h].base)));
            }
        }
        let mut order = Vec::new();
        let mut now = t0;
        loop {
            while let Some(Take::Request { host, .. }) = s.take(now) {
                order.push(host);
                s.release(host, now, now, ms(1), false, None);
            }
            let Some(next) = s.next_due() else { break };
            now = next;
        }
        assert_eq!(order, vec![0, 1, 2, 0, 1, 2, 0, 1, 2]);
    }

    /// robots.txt first; its Crawl-delay spaces what follows; disallowed
    /// pages are refused without a request; a Retry-After holds the host.
    #[test]
    fn robots_crawl_delay_and_retry_after() {
        let t0 = Instant::now();
        let mut s = Scheduler::new(1, true, ms(100), ms(60_000));
        let h = s.host_for("http://a.kr/x", t0).unwrap();
        s.push_back(h, page("http://a.kr/private/1"));
        s.push_back(h, page("http://a.kr/2"));
        let (_, robots) = request(s.take(t0));
        assert_eq!(robots.url, "http://a.kr/robots.txt");
        assert!(matches!(robots.purpose, Purpose::Robots(0)));
        s.release(h, t0 + ms(10), t0, ms(10), false, None);
        assert!(s.take(t0 + ms(200)).is_none(), "pages wait for robots.txt");
        let robot = texting_robots::Robot::new("gisa", b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n").unwrap();
        s.robots_known(h, Robots::Ready(Some(robot)));
        assert!(s.take(t0 + ms(1999)).is_none(), "Crawl-delay 2 s from the robots.txt request");
        match s.take(t0 + ms(2000)) {
            Some(Take::Refuse { reason, transient, .. }) => assert_eq!((reason.as_str(), transient), ("robots", false)),
            _ => panic!("refused by robots.txt"),
        }
        let (_, p) = request(s.take(t0 + ms(2000)));
        assert_eq!(p.url, "http://a.kr/2");
        // A 429 with Retry-After 30 s: the retry waits 30 s from the answer.
        s.release(h, t0 + ms(2100), t0 + ms(2000), ms(100), true, Some(Duration::from_secs(30)));
        s.push_front(h, p);
        assert!(s.take(t0 + ms(32_000)).is_none());
        assert!(s.take(t0 + ms(32_100)).is_some());
    }
}
