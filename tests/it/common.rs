//! Helpers every test module shares: the binary, fixtures, servers, databases.
#![allow(dead_code, unused_imports)]

pub(crate) use std::path::{Path, PathBuf};
pub(crate) use std::process::Command;
pub(crate) use std::sync::OnceLock;
pub(crate) use gisa_core::lexicon::Lexicon;

pub(crate) use gisa_core::morph::Morph;

pub(crate) use gisa_core::pipeline::Engine;

pub(crate) use serde_json::Value;

pub(crate) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Morph::new().unwrap(), Lexicon::builtin()))
}

pub(crate) fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

pub(crate) fn run_fixture(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::to_value(engine().process_text(&text, Some(path.display().to_string()))).unwrap()
}

/// SPEC: text[start:end] == item.text (in Unicode scalar values), and for
/// programs the span covers the name.
pub(crate) fn check_offsets(record: &Value) {
    let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
    for list in ["amounts", "counts", "years", "percentages", "programs", "regions"] {
        for item in record[list].as_array().unwrap() {
            let (s, e) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
            assert!(s < e && e <= text.len(), "{list} span {s}..{e} out of range");
            let slice: String = text[s..e].iter().collect();
            if list == "programs" {
                let name = item["name"].as_str().unwrap();
                let head: String = name.chars().take(4).collect();
                assert!(slice.contains(&head), "program span {slice:?} does not cover {name:?}");
            } else {
                assert_eq!(slice, item["text"].as_str().unwrap(), "{list} offsets");
            }
        }
    }
}

pub(crate) fn find<'a>(record: &'a Value, list: &str, field: &str, text: &str) -> &'a Value {
    record[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m[field] == text)
        .unwrap_or_else(|| panic!("{list} has no {field} = {text:?}"))
}

pub(crate) fn seed(prefix: &str) -> Value {
    run_fixture(&fixtures().into_iter().find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix)).unwrap())
}

pub(crate) fn gisa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gisa"))
}

pub(crate) fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

pub(crate) fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gisa-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn extract_text(text: &str) -> Value {
    let r = serde_json::to_value(engine().process_text(text, None)).unwrap();
    check_offsets(&r);
    r
}

pub(crate) fn summary(record: &Value, list: &str, fields: &[&str]) -> Vec<String> {
    record[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| fields.iter().map(|f| m[*f].to_string().trim_matches('"').to_string()).collect::<Vec<_>>().join(" "))
        .collect()
}

/// A fixture directory with one article and its expected file.
pub(crate) fn eval_dir(name: &str, article: &str, expected: &Value, thresholds: &str) -> PathBuf {
    let dir = tempdir(name);
    std::fs::write(dir.join("a.txt"), article).unwrap();
    std::fs::write(dir.join("a.expected.json"), serde_json::to_string_pretty(expected).unwrap()).unwrap();
    std::fs::write(dir.join("thresholds.toml"), thresholds).unwrap();
    dir
}

pub(crate) fn field<'a>(report: &'a Value, name: &str) -> &'a Value {
    &report["fields"][name]
}

pub(crate) fn html_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html")
}

pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn mentions(record: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (list, fields) in [
        ("amounts", &["value", "currency", "approx", "bound", "about"][..]),
        ("counts", &["value", "counter", "noun", "bound"][..]),
        ("years", &["year", "role"][..]),
        ("programs", &["name"][..]),
        ("percentages", &["value", "unit"][..]),
    ] {
        for m in record[list].as_array().unwrap() {
            out.push(format!("{list} {}", fields.iter().map(|f| m[*f].to_string()).collect::<Vec<_>>().join(" ")));
        }
    }
    out.sort();
    out
}

/// A small HTTP server on 127.0.0.1: answers each path from `routes`
/// (path, status, body) and closes the connection; `/euckr…` pages are served
/// as EUC-KR and `/loop` redirects to itself.
pub(crate) fn serve(routes: Vec<(&'static str, &'static str, Vec<u8>)>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, body) = routes.iter().find(|(p, _, _)| *p == path).map_or(("404 Not Found", Vec::new()), |r| (r.1, r.2.clone()));
            let extra = if path == "/loop" { "Location: /loop\r\n" } else { "" };
            let ctype = if path.starts_with("/euckr") { "text/html; charset=euc-kr" } else { "text/html; charset=utf-8" };
            let head = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}")
}

pub(crate) mod outlet {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use axum::body::Body;
    use axum::extract::{Request, State};
    use axum::http::{header, HeaderMap, StatusCode};
    use axum::response::Response;

    /// One request as the server saw it.
    #[derive(Debug, Clone)]
    pub struct Hit {
        pub at: Instant,
        pub host: String,
        pub path: String,
        pub status: u16,
    }

    #[derive(Default)]
    pub struct Outlet {
        pub log: Mutex<Vec<Hit>>,
        /// How many times each path was asked for (for the flaky endpoints).
        counts: Mutex<HashMap<String, u32>>,
        port: Mutex<u16>,
    }

    fn article(n: u32, euckr: bool) -> (Vec<u8>, &'static str) {
        let html = format!(
            "<!doctype html><html><head><meta charset=\"{cs}\"><title>기사 {n} - 테스트일보</title>\
             <meta property=\"og:site_name\" content=\"테스트일보\"></head><body><nav><a href=\"/\">홈</a></nav>\
             <article id=\"article-view-content-div\"><p>경상남도는 2027년까지 {n}개 사업에 {n}00억원을 투입한다고 밝혔다. \
             도는 이번 사업으로 지역 산업을 키울 계획이다.</p><p>도 관계자는 예산 확보에 힘쓰겠다고 말했다.</p></article>\
             <div class=\"copyright\">저작권자 © 테스트일보 무단전재 및 재배포 금지</div></body></html>",
            cs = if euckr { "euc-kr" } else { "utf-8" }
        );
        if euckr {
            (encoding_rs::EUC_KR.encode(&html).0.into_owned(), "text/html")
        } else {
            (html.into_bytes(), "text/html; charset=utf-8")
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn respond(status: StatusCode, ctype: &str, body: Vec<u8>, extra: &[(header::HeaderName, String)]) -> Response {
        let mut b = Response::builder().status(status).header(header::CONTENT_TYPE, ctype);
        for (k, v) in extra {
            b = b.header(k, v);
        }
        b.body(Body::from(body)).unwrap()
    }

    async fn handle(State(o): State<Arc<Outlet>>, req: Request) -> Response {
        let path = req.uri().path_and_query().map_or("/".to_string(), |p| p.as_str().to_string());
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
        let n = {
            let mut c = o.counts.lock().unwrap();
            let e = c.entry(path.clone()).or_default();
            *e += 1;
            *e
        };
        let port = *o.port.lock().unwrap();
        // Logged on arrival: a client that times out never sees the answer.
        let index = {
            let mut log = o.log.lock().unwrap();
            log.push(Hit { at: Instant::now(), host, path: path.clone(), status: 0 });
            log.len() - 1
        };
        let resp = route(&path, n, port, req.headers()).await;
        o.log.lock().unwrap()[index].status = resp.status().as_u16();
        resp
    }

    async fn route(path: &str, n: u32, port: u16, headers: &HeaderMap) -> Response {
        let ok = StatusCode::OK;
        match path {
            "/robots.txt" => respond(ok, "text/plain", b"User-agent: *\nDisallow: /news/private/\nCrawl-delay: 0.3\n".to_vec(), &[]),
            "/rss.xml" => {
                let items: String = [
                    "/news/1?utm_source=rss#top", "/news/2", "/news/3", "/news/private/secret", "/news/redirect-away", "/news/flaky",
                    "/news/limited", "/news/slow", "/news/loop", "/news/huge", "/news/gone", "http://example.com/elsewhere",
                ]
                .iter()
                .map(|p| {
                    let link = if p.starts_with("http") { p.to_string() } else { format!("http://127.0.0.1:{port}{p}") };
                    format!("<item><title>기사</title><link>{link}</link><pubDate>Mon, 15 Jan 2024 10:00:00 +0900</pubDate></item>")
                })
                .collect();
                let xml = format!("<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss version=\"2.0\"><channel><title>테스트일보</title>{items}</channel></rss>");
                respond(ok, "application/rss+xml", encoding_rs::EUC_KR.encode(&xml).0.into_owned(), &[])
            }
            "/sitemap_index.xml" => respond(
                ok,
                "application/xml",
                format!("<sitemapindex><sitemap><loc>http://127.0.0.1:{port}/sitemap-news.xml.gz</loc></sitemap></sitemapindex>").into_bytes(),
                &[],
            ),
            "/sitemap-news.xml.gz" => {
                let urls: String = ["/news/4", "/news/5", "/news/1"]
                    .iter()
                    .map(|p| format!("<url><loc>http://127.0.0.1:{port}{p}</loc><lastmod>2024-01-16</lastmod></url>"))
                    .collect();
                respond(ok, "application/gzip", gzip(format!("<urlset>{urls}</urlset>").as_bytes()), &[])
            }
            "/list?page=1" | "/list?page=2" => {
                let (links, next) = if path.ends_with('1') { (vec![6, 7], "<a class=\"next\" href=\"/list?page=2\">다음</a>") } else { (vec![8], "") };
                let items: String = links.iter().map(|n| format!("<li><a class=\"title\" href=\"/news/{n}\">기사 {n}</a></li>")).collect();
                respond(ok, "text/html; charset=utf-8", format!("<html><body><ul>{items}</ul>{next}</body></html>").into_bytes(), &[])
            }
            "/news/1" => {
                // Conditional GET: the same ETag gets a 304.
                if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == "\"v1\"") {
                    return respond(StatusCode::NOT_MODIFIED, "text/html", Vec::new(), &[(header::ETAG, "\"v1\"".into())]);
                }
                let (b, t) = article(1, false);
                respond(ok, t, b, &[(header::ETAG, "\"v1\"".into())])
            }
            "/news/redirect-away" => respond(StatusCode::FOUND, "text/html", Vec::new(), &[(header::LOCATION, format!("http://localhost:{port}/news/9"))]),
            "/news/flaky" if n <= 2 => respond(StatusCode::INTERNAL_SERVER_ERROR, "text/plain", b"busy".to_vec(), &[]),
            "/news/limited" if n == 1 => respond(StatusCode::TOO_MANY_REQUESTS, "text/plain", Vec::new(), &[(header::RETRY_AFTER, "1".into())]),
            "/news/slow" => {
                tokio::time::sleep(Duration::from_millis(2500)).await;
                let (b, t) = article(77, false);
                respond(ok, t, b, &[])
            }
            "/news/loop" => respond(StatusCode::FOUND, "text/html", Vec::new(), &[(header::LOCATION, "/news/loop".into())]),
            "/news/huge" => respond(ok, "text/html", vec![b'a'; 300_000], &[]),
            p if p.starts_with("/news/") && p != "/news/gone" => {
                let k: u32 = p.trim_start_matches("/news/").parse().unwrap_or(50);
                let (b, t) = article(k + 10 * u32::from(p == "/news/flaky" || p == "/news/limited"), k % 2 == 0);
                respond(ok, t, b, &[])
            }
            _ => respond(StatusCode::NOT_FOUND, "text/plain", b"not here".to_vec(), &[]),
        }
    }

    /// Starts the outlet on 127.0.0.1 (in its own thread and runtime).
    pub fn start() -> (Arc<Outlet>, u16) {
        let outlet = Arc::new(Outlet::default());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        *outlet.port.lock().unwrap() = port;
        let state = outlet.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let app = axum::Router::new().fallback(handle).with_state(state);
                axum::serve(listener, app).await.unwrap();
            });
        });
        (outlet, port)
    }
}

pub(crate) fn crawl_config(dir: &Path, port: u16) -> PathBuf {
    let config = dir.join("sources.toml");
    std::fs::write(
        &config,
        format!(
            r#"# the fake outlet
contact = "https://example.org/gisa-tests"
state = "crawl.db"

[politeness]
min_delay_ms = 100
max_delay_ms = 2000
total_timeout_s = 1
max_body_bytes = 200000
max_retries = 2
retry_base_ms = 100

[[source]]
name = "테스트일보"
outlet = "테스트일보"
feeds = ["http://127.0.0.1:{port}/rss.xml"]
sitemaps = ["http://127.0.0.1:{port}/sitemap_index.xml"]
allowed_domains = ["127.0.0.1"]
include = ["/news/"]

[[source.list_pages]]
url = "http://127.0.0.1:{port}/list?page=1"
article_links = "a.title"
next_page = "a.next"
"#
        ),
    )
    .unwrap();
    config
}

pub(crate) fn frontier_rows(db: &Path) -> Vec<(String, String, Option<String>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut s = c.prepare("SELECT url, state, reason FROM frontier ORDER BY url").unwrap();
    let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

/// A fresh database of each kind: a SQLite file, and a new database on the
/// PostgreSQL server that scripts/test.sh starts ($GISA_TEST_POSTGRES_URL).
pub(crate) fn databases(name: &str, dir: &Path) -> Vec<String> {
    let pg = std::env::var("GISA_TEST_POSTGRES_URL")
        .expect("GISA_TEST_POSTGRES_URL is not set: run the suite with `bash scripts/test.sh`, which starts PostgreSQL");
    let db = format!("gisa_{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&pg, postgres::NoTls).expect("the test PostgreSQL server");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let pg_db = match pg.rfind('/') {
        Some(i) => format!("{}/{db}", &pg[..i]),
        None => panic!("bad URL {pg}"),
    };
    vec![format!("sqlite://{}", dir.join(format!("{name}.db")).display()), pg_db]
}

pub(crate) fn run_config(dir: &Path, port: u16, db: &str, tag: &str) -> PathBuf {
    let sub = dir.join(tag);
    std::fs::create_dir_all(&sub).unwrap();
    crawl_config(&sub, port);
    let config = sub.join("gisa.toml");
    std::fs::write(&config, format!("database = \"{db}\"\nsources = \"sources.toml\"\n")).unwrap();
    config
}

pub(crate) fn export(db: &str, what: &str, format: &str) -> String {
    let out = gisa().args(["export", "--database", db, "--what", what, "--format", format]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub(crate) fn counts(db: &str) -> Value {
    let mut store = gisa_store::Store::open(db).unwrap();
    store.counts().unwrap()
}
