//! Crawl throughput and memory: `gisa crawl` against a loopback outlet of N
//! article pages listed in a sitemap index, politeness off (no delay, no
//! robots.txt), 8 connections. Prints pages/s and the crawler's peak RSS for two
//! sizes, to show memory does not grow with the crawl (pages are streamed to
//! extraction and output, never held).
//!
//!   cargo bench --bench crawl            (or: bash bench/crawl.sh)

use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::routing::get;

const PER_SITEMAP: usize = 1000;

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

async fn sitemap_index(State(n): State<Arc<(usize, u16)>>) -> impl IntoResponse {
    let (pages, port) = *n;
    let maps: String = (0..pages.div_ceil(PER_SITEMAP))
        .map(|i| format!("<sitemap><loc>http://127.0.0.1:{port}/sitemap/{i}</loc></sitemap>"))
        .collect();
    ([("content-type", "application/xml")], format!("<sitemapindex>{maps}</sitemapindex>"))
}

async fn sitemap(State(n): State<Arc<(usize, u16)>>, Path(i): Path<usize>) -> impl IntoResponse {
    let (pages, port) = *n;
    let urls: String = (i * PER_SITEMAP..((i + 1) * PER_SITEMAP).min(pages))
        .map(|k| format!("<url><loc>http://127.0.0.1:{port}/news/{k}</loc></url>"))
        .collect();
    ([("content-type", "application/xml")], format!("<urlset>{urls}</urlset>"))
}

async fn article(Path(k): Path<usize>) -> impl IntoResponse {
    ([("content-type", "text/html; charset=utf-8")], page(k))
}

fn serve(pages: usize) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        rt.block_on(async move {
            let app = axum::Router::new()
                .route("/sitemap_index.xml", get(sitemap_index))
                .route("/sitemap/{i}", get(sitemap))
                .route("/news/{k}", get(article))
                .with_state(Arc::new((pages, port)));
            axum::serve(tokio::net::TcpListener::from_std(listener).unwrap(), app).await.unwrap();
        });
    });
    port
}

/// (seconds, peak RSS in MB, articles written)
fn crawl(pages: usize) -> (f64, f64, usize) {
    let port = serve(pages);
    let dir = std::env::temp_dir().join(format!("gisa-crawl-bench-{}-{pages}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("sources.toml");
    std::fs::write(
        &config,
        format!(
            "contact = \"https://example.org/bench\"\n[politeness]\nenabled = false\nmax_connections_per_host = 8\n\
             [[source]]\nname = \"bench\"\nsitemaps = [\"http://127.0.0.1:{port}/sitemap_index.xml\"]\nallowed_domains = [\"127.0.0.1\"]\n"
        ),
    )
    .unwrap();
    let out = dir.join("out.jsonl");
    let gisa = env!("CARGO_BIN_EXE_gisa");
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(gisa)
        .args(["crawl", "--config"])
        .arg(&config)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("/usr/bin/time and the gisa binary");
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&status.stderr);
    let rss_kb: f64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(f64::NAN);
    let written = std::fs::read_to_string(&out).map_or(0, |s| s.lines().count());
    let _ = std::fs::remove_dir_all(&dir);
    (secs, rss_kb / 1024.0, written)
}

fn main() {
    for pages in [2_000, 10_000] {
        let (secs, rss, written) = crawl(pages);
        println!(
            "crawl {pages:>6} loopback pages: {:>7.1} pages/s ({secs:.1} s, {written} articles extracted), peak RSS {rss:.0} MB",
            pages as f64 / secs
        );
    }
}
