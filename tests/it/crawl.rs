use crate::common::*;

#[test]
fn crawl_is_polite_complete_and_resumable() {
    let (outlet, port) = outlet::start();
    let dir = tempdir("crawl");
    let config = crawl_config(&dir, port);
    let check = gisa().args(["sources", "check"]).arg(&config).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));

    // Aborted midway (--max-pages), then resumed.
    let first = gisa().args(["crawl", "--max-pages", "6", "--config"]).arg(&config).output().unwrap();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("still queued"), "{stderr}");
    let resumed = gisa().args(["crawl", "--config"]).arg(&config).output().unwrap();
    let summary = String::from_utf8_lossy(&resumed.stderr).to_string();
    assert_eq!(resumed.status.code(), Some(1), "some pages failed: {summary}");
    assert!(summary.contains("(resumed)"), "{summary}");

    let log = outlet.log.lock().unwrap().clone();
    let paths: Vec<&str> = log.iter().map(|h| h.path.as_str()).collect();
    let count = |p: &str| paths.iter().filter(|x| **x == p).count();
    // robots.txt is respected: nothing under /private/ was asked for.
    assert!(!paths.iter().any(|p| p.starts_with("/news/private/")), "{paths:?}");
    // No page that was answered 200 was fetched twice across the abort.
    for h in log.iter().filter(|h| h.status == 200 && h.path.starts_with("/news/")) {
        assert_eq!(log.iter().filter(|x| x.path == h.path && x.status == 200).count(), 1, "{} fetched twice", h.path);
    }
    for n in 1..=8 {
        assert_eq!(log.iter().filter(|h| h.path == format!("/news/{n}") && h.status == 200).count(), 1, "/news/{n}: {paths:?}");
    }
    // Retries only where allowed: 500s recover, 429 waits for Retry-After,
    // timeouts are retried, a 404, a redirect loop and an oversized body are not.
    assert_eq!(count("/news/flaky"), 3);
    assert_eq!(count("/news/limited"), 2);
    let limited: Vec<&outlet::Hit> = log.iter().filter(|h| h.path == "/news/limited").collect();
    assert!(limited[1].at - limited[0].at >= std::time::Duration::from_millis(950), "Retry-After honoured");
    assert_eq!(count("/news/slow"), 3, "timeouts are retried twice");
    assert_eq!(count("/news/gone"), 1);
    assert_eq!(count("/news/loop"), 1);
    assert_eq!(count("/news/huge"), 1);
    // The redirect to another host was refused before any request reached it.
    assert!(!log.iter().any(|h| h.host.starts_with("localhost")), "no request to the other host");
    // Per-host spacing: Crawl-delay 0.3 s between requests (one connection at a time).
    for w in log.windows(2) {
        let gap = w[1].at - w[0].at;
        assert!(gap >= std::time::Duration::from_millis(280), "{} then {} after {gap:?}", w[0].path, w[1].path);
    }

    // Every URL ends in a terminal state, with the reason where it was not fetched.
    let rows = frontier_rows(&dir.join("crawl.db"));
    assert!(rows.iter().all(|(_, s, _)| s != "queued"), "{rows:?}");
    let state_of = |suffix: &str| rows.iter().find(|(u, _, _)| u.ends_with(suffix)).map(|(_, s, r)| (s.clone(), r.clone())).unwrap_or_else(|| panic!("{suffix} not in {rows:?}"));
    assert_eq!(state_of("/news/private/secret"), ("skipped".into(), Some("robots".into())));
    assert_eq!(state_of("example.com/elsewhere"), ("skipped".into(), Some("off-domain".into())));
    assert_eq!(state_of("/news/gone"), ("failed".into(), Some("http 404".into())));
    assert_eq!(state_of("/news/slow").0, "failed");
    assert_eq!(state_of("/news/flaky").0, "fetched");
    assert!(state_of("/news/redirect-away").1.unwrap().contains("outside the allowed domains"));
    assert!(state_of("/news/loop").1.unwrap().contains("redirect loop"));
    assert!(state_of("/news/huge").1.unwrap().contains("body over"));
    assert!(rows.iter().all(|(u, _, _)| !u.contains("utm_") && !u.contains('#')), "canonical URLs");

    // Every fetched article was extracted as it arrived (EUC-KR pages too).
    let records: Vec<Value> = [first.stdout, resumed.stdout].iter().flat_map(|o| jsonl(o)).collect();
    let fetched_articles = rows.iter().filter(|(u, s, _)| s == "fetched" && u.contains("/news/")).count();
    assert_eq!(records.len(), fetched_articles);
    for r in &records {
        assert!(r["source"]["fetched_at"].is_string() && r["source"]["url"].as_str().unwrap().contains("/news/"));
        assert!(!r["amounts"].as_array().unwrap().is_empty(), "{r}");
        assert_eq!(r["source"]["outlet"], "테스트일보");
    }

    // Run again: feeds are asked again, articles are not; the ETag page is not
    // re-fetched. Only the page that timed out (a transient failure) is asked
    // again; the 404, the redirect loop and the oversized body are not.
    let before = outlet.log.lock().unwrap().len();
    let again = gisa().args(["crawl", "--config"]).arg(&config).output().unwrap();
    let new_hits: Vec<String> = outlet.log.lock().unwrap()[before..].iter().map(|h| h.path.clone()).collect();
    assert!(new_hits.contains(&"/rss.xml".to_string()), "{new_hits:?}");
    let news: Vec<&str> = new_hits.iter().map(String::as_str).filter(|p| p.starts_with("/news/")).collect();
    assert_eq!(news, ["/news/slow"; 3], "{new_hits:?}");
    assert!(jsonl(&again.stdout).is_empty(), "nothing new to extract");
}

#[test]
fn a_crawl_killed_at_any_moment_resumes_without_refetching() {
    let (outlet, port) = outlet::start();
    let dir = tempdir("crawl_kill");
    let config = crawl_config(&dir, port);
    let mut child = gisa().args(["crawl", "--config"]).arg(&config).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    // Kill it hard once the outlet has answered a handful of requests.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while outlet.log.lock().unwrap().len() < 9 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let killed_at = outlet.log.lock().unwrap().len();
    assert!(killed_at >= 9);

    let resumed = gisa().args(["crawl", "--config"]).arg(&config).output().unwrap();
    let summary = String::from_utf8_lossy(&resumed.stderr);
    assert!(summary.contains("(resumed)"), "{summary}");
    let rows = frontier_rows(&dir.join("crawl.db"));
    assert!(rows.iter().all(|(_, s, _)| s != "queued"), "{rows:?}");
    // At most the one page in flight at the kill is fetched again; nothing that had finished is.
    let log = outlet.log.lock().unwrap().clone();
    let twice: Vec<&str> = log
        .iter()
        .filter(|h| h.status == 200 && h.path.starts_with("/news/"))
        .map(|h| h.path.as_str())
        .filter(|p| log.iter().filter(|x| x.path == *p && x.status == 200).count() > 1)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(twice.len() <= 1, "fetched twice: {twice:?}");
    for n in 1..=8 {
        assert!(log.iter().any(|h| h.path == format!("/news/{n}") && h.status == 200), "/news/{n} never fetched");
    }
}
