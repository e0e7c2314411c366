//! The crawler's exactness (issue 14), through the real binary against a
//! small web of two outlets on 127.0.0.1 and 127.0.0.2 (axum), every request
//! logged on arrival with the time its answer went out: per-host spacing
//! with one and with two connections, redirect hops and robots.txt included;
//! no URL fetched twice however often it is listed; transient failures asked
//! again by later crawls, permanent ones never.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;

use super::{frontier_rows, gisa, tempdir};

/// Every answer takes this long: longer than the delay, so a second
/// connection has something to overlap with.
const LATENCY: Duration = Duration::from_millis(250);
/// min_delay_ms: host A's gap; host B's robots.txt asks for 0.4 s.
const MIN_DELAY: u64 = 150;
const B_CRAWL_DELAY: u64 = 400;

#[derive(Debug, Clone)]
struct Hit {
    host: char,
    path: String,
    at: Instant,
    /// When the answer was handed to the server.
    done: Instant,
    status: u16,
}

#[derive(Default)]
struct Web {
    log: Mutex<Vec<Hit>>,
    counts: Mutex<HashMap<(char, String), u32>>,
    ports: Mutex<(u16, u16)>,
}

fn article(n: &str) -> Vec<u8> {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>기사 {n} - 두곳일보</title></head><body>\
         <article id=\"article-view-content-div\"><p>충청북도는 2027년까지 {}개 사업에 120억원을 투입한다고 밝혔다. \
         도는 이번 사업으로 지역 산업을 키울 계획이다.</p></article></body></html>",
        n.len() + 3
    )
    .into_bytes()
}

fn answer(status: StatusCode, ctype: &str, body: Vec<u8>, location: Option<String>) -> Response {
    let mut b = Response::builder().status(status).header(header::CONTENT_TYPE, ctype);
    if let Some(l) = location {
        b = b.header(header::LOCATION, l);
    }
    b.body(Body::from(body)).unwrap()
}

fn feed(links: &[String]) -> Vec<u8> {
    let items: String = links.iter().map(|l| format!("<item><title>기사</title><link>{l}</link></item>")).collect();
    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>두곳일보</title>{items}</channel></rss>").into_bytes()
}

fn route(host: char, path: &str, n: u32, (pa, pb): (u16, u16)) -> Response {
    let (a, b) = (format!("http://127.0.0.1:{pa}"), format!("http://127.0.0.2:{pb}"));
    let ok = StatusCode::OK;
    let html = "text/html; charset=utf-8";
    match (host, path) {
        ('A', "/robots.txt") => answer(ok, "text/plain", b"User-agent: *\nDisallow: /news/private/\n".to_vec(), None),
        ('B', "/robots.txt") => answer(ok, "text/plain", format!("User-agent: *\nCrawl-delay: {}\n", B_CRAWL_DELAY as f64 / 1000.0).into_bytes(), None),
        // The same articles listed in several places, with tracking
        // parameters and fragments: each must be fetched once.
        ('A', "/rss.xml") => {
            let paths = [
                "/news/1?utm_source=rss#top", "/news/2", "/news/2#comments", "/news/3?utm_medium=feed", "/news/hop1", "/news/away",
                "/news/private/x", "/news/flaky", "/news/bad", "/news/gone", "/news/gone410",
            ];
            answer(ok, "application/rss+xml", feed(&paths.iter().map(|p| format!("{a}{p}")).collect::<Vec<_>>()), None)
        }
        ('A', "/sitemap.xml") => {
            let urls: String = (1..=5).map(|k| format!("<url><loc>{a}/news/{k}</loc></url>")).collect();
            answer(ok, "application/xml", format!("<urlset>{urls}</urlset>").into_bytes(), None)
        }
        ('A', "/list") => {
            let items: String = ["/news/1", "/news/4#x", "/news/6"].iter().map(|p| format!("<li><a class=\"title\" href=\"{p}\">기사</a></li>")).collect();
            answer(ok, html, format!("<html><body><ul>{items}</ul></body></html>").into_bytes(), None)
        }
        ('B', "/rss.xml") => {
            let mut links: Vec<String> = (1..=4).map(|k| format!("{b}/news/b{k}")).collect();
            links.push(format!("{b}/news/bhop"));
            // Host A's article, listed by host B too.
            links.push(format!("{a}/news/1?utm_campaign=b"));
            answer(ok, "application/rss+xml", feed(&links), None)
        }
        // Redirect chains: two hops on A; one from A to B; one on B (Crawl-delay).
        ('A', "/news/hop1") => answer(StatusCode::FOUND, html, Vec::new(), Some("/news/hop2".into())),
        ('A', "/news/hop2") => answer(StatusCode::MOVED_PERMANENTLY, html, Vec::new(), Some(format!("{a}/news/30"))),
        ('A', "/news/away") => answer(StatusCode::FOUND, html, Vec::new(), Some(format!("{b}/news/b9"))),
        ('B', "/news/bhop") => answer(StatusCode::FOUND, html, Vec::new(), Some("/news/b20".into())),
        // Transient failures: a 500 for the first 3 (one crawl's tries) or 6 requests.
        ('A', "/news/flaky") if n <= 3 => answer(StatusCode::INTERNAL_SERVER_ERROR, "text/plain", b"busy".to_vec(), None),
        ('A', "/news/bad") if n <= 6 => answer(StatusCode::BAD_GATEWAY, "text/plain", b"busy".to_vec(), None),
        ('A', "/news/gone") => answer(StatusCode::NOT_FOUND, "text/plain", Vec::new(), None),
        ('A', "/news/gone410") => answer(StatusCode::GONE, "text/plain", Vec::new(), None),
        (_, p) if p.starts_with("/news/") => answer(ok, html, article(p), None),
        _ => answer(StatusCode::NOT_FOUND, "text/plain", Vec::new(), None),
    }
}

async fn handle(State((web, host)): State<(Arc<Web>, char)>, req: Request) -> Response {
    let at = Instant::now();
    let path = req.uri().path_and_query().map_or("/".to_string(), |p| p.as_str().to_string());
    let n = {
        let mut c = web.counts.lock().unwrap();
        let e = c.entry((host, path.clone())).or_default();
        *e += 1;
        *e
    };
    tokio::time::sleep(LATENCY).await;
    let ports = *web.ports.lock().unwrap();
    let resp = route(host, &path, n, ports);
    web.log.lock().unwrap().push(Hit { host, path, at, done: Instant::now(), status: resp.status().as_u16() });
    resp
}

/// Host A on 127.0.0.1, host B on 127.0.0.2 (all of 127/8 is loopback on Linux).
fn start() -> Arc<Web> {
    let web = Arc::new(Web::default());
    let la = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let lb = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
    *web.ports.lock().unwrap() = (la.local_addr().unwrap().port(), lb.local_addr().unwrap().port());
    for (listener, host) in [(la, 'A'), (lb, 'B')] {
        listener.set_nonblocking(true).unwrap();
        let state = (web.clone(), host);
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let app = axum::Router::new().fallback(handle).with_state(state);
                axum::serve(tokio::net::TcpListener::from_std(listener).unwrap(), app).await.unwrap();
            });
        });
    }
    web
}

fn config(dir: &Path, web: &Web, connections: usize) -> PathBuf {
    let (pa, pb) = *web.ports.lock().unwrap();
    let path = dir.join("sources.toml");
    std::fs::write(
        &path,
        format!(
            r#"contact = "https://example.org/gisa-tests"
state = "crawl.db"

[politeness]
max_connections_per_host = {connections}
min_delay_ms = {MIN_DELAY}
max_delay_ms = 200
total_timeout_s = 5
max_retries = 2
retry_base_ms = 50
max_crawl_retries = 1

[[source]]
name = "두곳일보"
outlet = "두곳일보"
feeds = ["http://127.0.0.1:{pa}/rss.xml", "http://127.0.0.2:{pb}/rss.xml"]
sitemaps = ["http://127.0.0.1:{pa}/sitemap.xml"]
allowed_domains = ["127.0.0.1", "127.0.0.2"]

[[source.list_pages]]
url = "http://127.0.0.1:{pa}/list"
article_links = "a.title"
"#
        ),
    )
    .unwrap();
    path
}

fn crawl(config: &Path, extra: &[&str]) -> String {
    let out = gisa().arg("crawl").args(extra).arg("--config").arg(config).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
    stderr
}

/// Server clocks see a request a little after the client sent it, by an
/// amount that varies on a busy machine; gaps are checked to this slack.
fn slack(gap: Duration) -> Duration {
    gap.mul_f64(0.9)
}

#[test]
fn crawl_spacing_holds_with_one_and_two_connections_and_nothing_is_fetched_twice() {
    for connections in [1, 2] {
        let web = start();
        let dir = tempdir(&format!("crawl_exact_{connections}"));
        let summary = crawl(&config(&dir, &web, connections), &[]);
        let log = web.log.lock().unwrap().clone();
        let paths = |host: char| log.iter().filter(|h| h.host == host).map(|h| h.path.as_str()).collect::<Vec<_>>();

        // Every request counts toward a host's spacing: robots.txt, feeds,
        // redirect hops (A → A, A → B, B → B) and retries.
        for (host, floor) in [('A', MIN_DELAY), ('B', B_CRAWL_DELAY)] {
            let mut hits: Vec<&Hit> = log.iter().filter(|h| h.host == host).collect();
            hits.sort_by_key(|h| h.at);
            assert_eq!(hits[0].path, "/robots.txt", "robots.txt first on {host}");
            let mut overlapping = 0;
            for w in hits.windows(2) {
                let gap = w[1].at - w[0].at;
                assert!(gap >= slack(Duration::from_millis(floor)), "{connections} connections, host {host}: {} then {} after {gap:?}", w[0].path, w[1].path);
                if w[1].at < w[0].done {
                    overlapping += 1;
                }
            }
            // One connection: never a request while the previous is open. Two:
            // host A (delay below the latency) does use the second.
            if connections == 1 {
                assert_eq!(overlapping, 0, "host {host}: a second request while one was open");
            } else if host == 'A' {
                assert!(overlapping > 0, "two connections were never both used on A");
            }
        }
        for (host, path) in [('A', "/news/hop2"), ('A', "/news/30"), ('B', "/news/b9"), ('B', "/news/b20")] {
            let answered = log.iter().any(|h| h.host == host && h.path == path && (h.status == 200 || h.status == 301));
            assert!(answered, "{path} on {host}: {:?}", paths(host));
        }

        // Listed in the feed, the sitemap, the list page and the other host's
        // feed, with utm_* and #fragments: each article is asked once.
        let mut asked: HashMap<(char, &str), usize> = HashMap::new();
        for h in &log {
            *asked.entry((h.host, h.path.as_str())).or_default() += 1;
        }
        for ((host, path), n) in &asked {
            let retried = matches!(*path, "/news/flaky" | "/news/bad");
            assert!(*n == 1 || retried, "{host}{path} asked {n} times ({connections} connections)");
        }
        for k in 1..=6 {
            assert_eq!(asked.get(&('A', format!("/news/{k}").as_str())), Some(&1), "/news/{k}");
        }
        assert!(!paths('A').iter().any(|p| p.contains("private")), "robots.txt is obeyed");
        assert!(summary.contains("fetched"), "{summary}");
        let rows = frontier_rows(&dir.join("crawl.db"));
        assert!(rows.iter().all(|(_, s, _)| s != "queued"), "{rows:?}");
    }
}

#[test]
fn transient_failures_are_asked_again_by_later_crawls_permanent_ones_never() {
    let web = start();
    let dir = tempdir("crawl_later");
    let config = config(&dir, &web, 1);
    let state_of = |suffix: &str| {
        let rows = frontier_rows(&dir.join("crawl.db"));
        rows.into_iter().find(|(u, _, _)| u.ends_with(suffix)).map(|(_, s, r)| (s, r.unwrap_or_default())).unwrap()
    };
    let asked = |from: usize| -> Vec<String> {
        let log = web.log.lock().unwrap();
        let mut v: Vec<String> = log[from..].iter().filter(|h| h.path.starts_with("/news/")).map(|h| h.path.clone()).collect();
        v.sort();
        v.dedup();
        v
    };

    // Crawl 1: /news/flaky and /news/bad fail all three tries (500, 502).
    crawl(&config, &[]);
    assert_eq!(state_of("/news/flaky"), ("failed".into(), "http 500".into()));
    assert_eq!(state_of("/news/bad"), ("failed".into(), "http 502".into()));
    assert_eq!(state_of("/news/gone"), ("failed".into(), "http 404".into()));
    assert_eq!(state_of("/news/gone410"), ("failed".into(), "http 410".into()));
    assert_eq!(state_of("/news/private/x"), ("skipped".into(), "robots".into()));

    // Crawl 2 asks the transient failures again, nothing else: /news/flaky
    // now answers; /news/bad fails again (its last retry: max_crawl_retries = 1).
    let before = web.log.lock().unwrap().len();
    crawl(&config, &[]);
    assert_eq!(asked(before), vec!["/news/bad", "/news/flaky"]);
    assert_eq!(state_of("/news/flaky").0, "fetched");
    assert_eq!(state_of("/news/bad").0, "failed");

    // Crawl 3: /news/bad is given up; the 404, the 410 and robots stay as they are.
    let before = web.log.lock().unwrap().len();
    crawl(&config, &[]);
    assert!(asked(before).is_empty(), "{:?}", asked(before));

    // --retry-failed asks it now.
    let before = web.log.lock().unwrap().len();
    crawl(&config, &["--retry-failed"]);
    assert_eq!(asked(before), vec!["/news/bad"]);
    assert_eq!(state_of("/news/bad").0, "fetched");
    assert_eq!(state_of("/news/gone").0, "failed");
}
