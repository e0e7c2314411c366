//! Many outlets at once, at the politeness limit: an axum server plays N
//! hosts on 127.1.x.y (all of 127/8 is loopback on Linux), each with a
//! robots.txt, a sitemap of P article pages (6.5 kB of Korean each) and a
//! fixed latency on every answer; `gisa crawl` with default settings except
//! `min_delay_ms` crawls them all, every article extracted. Prints, from the
//! server's own log:
//!
//! - pages/s: articles ÷ (first request → gisa's exit, every article
//!   extracted and written);
//! - the politeness bound: what a perfect crawler could do, articles ÷ the
//!   busiest host's (requests − 1) × delay + latency;
//! - their ratio, the crawler's peak RSS (/usr/bin/time), and the spread of
//!   hosts' finish times ((latest − earliest) ÷ earliest).
//!
//!   bash bench/crawl_hosts.sh            (50 and 1,000 hosts)
//!   cargo bench --bench crawl_hosts -- 200 [pages] [latency_ms] [delay_ms]

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::get;

/// What the server saw of one host.
#[derive(Default, Clone, Copy)]
struct HostLog {
    requests: u32,
    first: Option<Instant>,
    last_done: Option<Instant>,
}

struct Outlet {
    latency: Duration,
    /// Bodies made once: the server stands in for the web, so its own CPU
    /// should take as little of this machine as it can.
    sitemap: Bytes,
    articles: Arc<Vec<Bytes>>,
    ip: String,
    log: Mutex<HostLog>,
}

fn page(n: usize) -> String {
    let para = format!(
        "<p>경상남도는 2027년까지 {n}개 사업에 {n}억원을 투입해 우주항공 복합도시와 스마트 산업단지를 조성한다고 밝혔다. \
         도는 ‘지역 디지털 혁신 사업’으로 기업 {n}곳을 유치하고 청년 일자리 {n}개를 만들 계획이다.</p>"
    );
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>기사 {n} - 벤치일보</title></head><body>\
         <nav><a href=\"/\">홈</a><a href=\"/a\">정치</a><a href=\"/b\">경제</a></nav>\
         <article id=\"article-view-content-div\">{}</article><footer>저작권자 © 벤치일보 무단전재 및 재배포 금지</footer></body></html>",
        para.repeat(12)
    )
}

/// Logs the request, waits the latency, logs the answer's time.
async fn answer<T>(o: &Outlet, body: T) -> T {
    let now = Instant::now();
    {
        let mut l = o.log.lock().unwrap();
        l.requests += 1;
        l.first.get_or_insert(now);
    }
    tokio::time::sleep(o.latency).await;
    o.log.lock().unwrap().last_done = Some(Instant::now());
    body
}

async fn robots(State(o): State<Arc<Outlet>>) -> impl IntoResponse {
    answer(&o, ([("content-type", "text/plain")], "User-agent: *\nAllow: /\n")).await
}

async fn sitemap(State(o): State<Arc<Outlet>>) -> impl IntoResponse {
    answer(&o, ([("content-type", "application/xml")], o.sitemap.clone())).await
}

async fn article(State(o): State<Arc<Outlet>>, Path(k): Path<usize>) -> impl IntoResponse {
    let body = o.articles.get(k).cloned().unwrap_or_default();
    answer(&o, ([("content-type", "text/html; charset=utf-8")], body)).await
}

/// 127.1.0.1, 127.1.0.2 … (clear of 127.0.0.1, which other tests use).
fn ip(i: usize) -> String {
    format!("127.1.{}.{}", i / 250, i % 250 + 1)
}

/// Binds every host on one port and serves them from one runtime.
fn serve(hosts: usize, pages: usize, latency: Duration) -> (Vec<Arc<Outlet>>, u16) {
    let first = std::net::TcpListener::bind((ip(0), 0)).expect("127.1.0.1 is loopback");
    let port = first.local_addr().unwrap().port();
    let mut listeners = vec![first];
    for i in 1..hosts {
        listeners.push(std::net::TcpListener::bind((ip(i), port)).unwrap_or_else(|e| panic!("cannot bind {}:{port}: {e}", ip(i))));
    }
    let articles: Arc<Vec<Bytes>> = Arc::new((0..pages).map(|k| Bytes::from(page(k))).collect());
    let outlets: Vec<Arc<Outlet>> = (0..hosts)
        .map(|i| {
            let urls: String = (0..pages).map(|k| format!("<url><loc>http://{}:{port}/news/{k}</loc></url>", ip(i))).collect();
            let sitemap = Bytes::from(format!("<urlset>{urls}</urlset>"));
            Arc::new(Outlet { latency, sitemap, articles: articles.clone(), ip: ip(i), log: Mutex::new(HostLog::default()) })
        })
        .collect();
    let served = outlets.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        rt.block_on(async move {
            for (listener, outlet) in listeners.into_iter().zip(served) {
                listener.set_nonblocking(true).unwrap();
                let app = axum::Router::new()
                    .route("/robots.txt", get(robots))
                    .route("/sitemap.xml", get(sitemap))
                    .route("/news/{k}", get(article))
                    .with_state(outlet);
                tokio::spawn(async move { axum::serve(tokio::net::TcpListener::from_std(listener).unwrap(), app).await.unwrap() });
            }
            std::future::pending::<()>().await;
        });
    });
    (outlets, port)
}

fn run(hosts: usize, pages: usize, latency: Duration, delay_ms: u64) {
    let (outlets, port) = serve(hosts, pages, latency);
    let dir = std::env::temp_dir().join(format!("gisa-crawl-hosts-{}-{hosts}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // GISA_BENCH_POLITENESS: extra `[politeness]` lines, to try other settings.
    let extra = std::env::var("GISA_BENCH_POLITENESS").unwrap_or_default().replace(';', "\n");
    let mut config = format!("contact = \"https://example.org/bench\"\n[politeness]\nmin_delay_ms = {delay_ms}\n{extra}\n");
    for o in &outlets {
        config += &format!("[[source]]\nname = \"{ip}\"\nsitemaps = [\"http://{ip}:{port}/sitemap.xml\"]\nallowed_domains = [\"{ip}\"]\n", ip = o.ip);
    }
    std::fs::write(dir.join("sources.toml"), config).unwrap();
    let out = dir.join("out.jsonl");
    let started = Instant::now();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M"])
        .arg(env!("CARGO_BIN_EXE_gisa"))
        .args(["crawl", "--config"])
        .arg(dir.join("sources.toml"))
        .arg("--output")
        .arg(&out)
        .output()
        .expect("/usr/bin/time and the gisa binary");
    let exited = Instant::now();
    let wall = (exited - started).as_secs_f64();
    let stderr = String::from_utf8_lossy(&status.stderr);
    // /usr/bin/time's last line: user and system CPU seconds, peak RSS in kB.
    let times: Vec<f64> = stderr.lines().last().unwrap_or("").split_whitespace().filter_map(|v| v.parse().ok()).collect();
    let (cpu, rss_mb) = match times[..] {
        [user, sys, rss] => (user + sys, rss / 1024.0),
        _ => (f64::NAN, f64::NAN),
    };
    let articles = std::fs::read_to_string(&out).map_or(0, |s| s.lines().filter(|l| !l.contains("\"error\"")).count());
    let logs: Vec<HostLog> = outlets.iter().map(|o| *o.log.lock().unwrap()).collect();
    // From the first request to gisa's exit: the last pages' extraction counts.
    let start = logs.iter().filter_map(|l| l.first).min().expect("some request arrived");
    let span = (exited - start).as_secs_f64();
    let delay = delay_ms as f64 / 1000.0;
    let busiest = logs.iter().map(|l| l.requests).max().unwrap_or(0);
    let bound_time = (busiest.saturating_sub(1)) as f64 * delay + latency.as_secs_f64();
    let bound = articles as f64 / bound_time;
    let rate = articles as f64 / span;
    let finishes: Vec<f64> = logs.iter().map(|l| l.last_done.map_or(f64::NAN, |t| (t - start).as_secs_f64())).collect();
    let (earliest, latest) = finishes.iter().fold((f64::MAX, 0f64), |(lo, hi), &f| (lo.min(f), hi.max(f)));
    println!(
        "{hosts:>5} hosts × {pages} pages, {} ms latency, {delay_ms} ms delay: {articles} articles in {span:.1} s ({wall:.1} s with start-up): \
         {rate:.1} pages/s, bound {bound:.1} pages/s, ratio {:.2}; peak RSS {rss_mb:.0} MB, CPU {cpu:.1} s; hosts finished {earliest:.1}–{latest:.1} s (spread {:.0}%)",
        latency.as_millis(),
        rate / bound,
        (latest - earliest) / earliest * 100.0
    );
    if articles != hosts * pages {
        println!("  (expected {} articles; gisa said: {})", hosts * pages, stderr.lines().rev().nth(1).unwrap_or(""));
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("  (the server's CPU so far: {:.1} s; load average now: {})", server_cpu(), load_average());
}

/// The machine's 1-minute load average: other work competes for the cores.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |l| l.split_whitespace().next().unwrap_or("?").to_string())
}

/// This process's CPU seconds (user + system): the server's share of the machine.
fn server_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After "pid (comm)": field 3 (state) onward; utime and stime are fields
    // 14 and 15, in clock ticks (100 a second).
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    // cargo bench passes --bench; the numbers are ours.
    let args: Vec<u64> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).filter_map(|a| a.parse().ok()).collect();
    let hosts = args.first().map_or(vec![50, 1000], |&h| vec![h as usize]);
    let pages = args.get(1).copied().unwrap_or(20) as usize;
    let latency = Duration::from_millis(args.get(2).copied().unwrap_or(250));
    let delay_ms = args.get(3).copied().unwrap_or(500);
    for h in hosts {
        run(h, pages, latency, delay_ms);
    }
}
