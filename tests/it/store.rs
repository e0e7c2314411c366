use crate::common::*;

#[test]
fn nightly_runs_store_identically_in_sqlite_and_postgres() {
    let (_outlet, port) = outlet::start();
    let dir = tempdir("nightly");
    let dbs = databases("nightly", &dir);
    let mut exports = Vec::new();
    for (i, db) in dbs.iter().enumerate() {
        let config = run_config(&dir, port, db, &format!("db{i}"));
        let summary_path = dir.join(format!("summary{i}.json"));
        let first = gisa().args(["run", "--config"]).arg(&config).arg("--summary-json").arg(&summary_path).output().unwrap();
        let line = String::from_utf8_lossy(&first.stderr).to_string();
        // Some test pages fail on purpose (404, loop, timeout …): exit 1, the run finished.
        assert_eq!(first.status.code(), Some(1), "{line}");
        assert!(line.contains("gisa run:") && !line.contains("s3cr3t"), "{line}");
        let summary: Value = serde_json::from_str(&std::fs::read_to_string(&summary_path).unwrap()).unwrap();
        assert_eq!(summary["articles_new"], 10, "{summary}");
        eprintln!("gisa run into {}: {:.1} s", if db.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" }, summary["seconds"].as_f64().unwrap());
        assert_eq!(summary["articles_failed"], 0, "{summary}");
        let after_first = counts(db);
        assert_eq!(after_first["articles"], 10);
        let mentions_first = export(db, "mentions", "jsonl");

        // Twice in a row: the second run changes nothing.
        let second = gisa().args(["run", "--config"]).arg(&config).output().unwrap();
        assert!(String::from_utf8_lossy(&second.stderr).contains("0 new, 0 updated"), "{}", String::from_utf8_lossy(&second.stderr));
        assert_eq!(counts(db), after_first);
        assert_eq!(export(db, "mentions", "jsonl"), mentions_first);

        // A new extractor version: reextract rebuilds mentions from stored text, without refetching.
        {
            let mut raw_sqlite = db.strip_prefix("sqlite://").map(|p| rusqlite::Connection::open(p).unwrap());
            match raw_sqlite.as_mut() {
                Some(c) => c.execute("UPDATE articles SET extractor_version = 'old'", []).map(|_| ()).unwrap(),
                None => postgres::Client::connect(db, postgres::NoTls).unwrap().batch_execute("UPDATE articles SET extractor_version = 'old'").unwrap(),
            }
        }
        let re = gisa().args(["reextract", "--database", db]).output().unwrap();
        assert!(String::from_utf8_lossy(&re.stderr).contains("re-extracted 10 articles"), "{}", String::from_utf8_lossy(&re.stderr));
        assert_eq!(counts(db), after_first);
        assert_eq!(export(db, "mentions", "jsonl"), mentions_first);

        // A changed rule file is a new extractor version: `gisa run` with it
        // re-extracts every stored article (no page changed), and `gisa
        // reextract` with the built-in rules brings them back.
        let rules = dir.join(format!("rules{i}"));
        std::fs::create_dir_all(&rules).unwrap();
        std::fs::write(rules.join("counters.csv"), "# only people are counted here\n명,self\n").unwrap();
        let changed = gisa().args(["run", "--config"]).arg(&config).arg("--rules").arg(&rules).arg("--summary-json").arg(&summary_path).output().unwrap();
        let summary: Value = serde_json::from_str(&std::fs::read_to_string(&summary_path).unwrap()).unwrap();
        assert_eq!(summary["articles_reextracted"], 10, "{summary} {}", String::from_utf8_lossy(&changed.stderr));
        let mentions_changed = export(db, "mentions", "jsonl");
        assert_ne!(mentions_changed, mentions_first, "the stored mentions follow the changed counters.csv");
        let unchanged_again = gisa().args(["run", "--config"]).arg(&config).arg("--rules").arg(&rules).arg("--summary-json").arg(&summary_path).output().unwrap();
        let summary: Value = serde_json::from_str(&std::fs::read_to_string(&summary_path).unwrap()).unwrap();
        assert_eq!(summary["articles_reextracted"], 0, "same rules, nothing stale: {summary} {}", String::from_utf8_lossy(&unchanged_again.stderr));
        let back = gisa().args(["reextract", "--database", db]).output().unwrap();
        assert!(String::from_utf8_lossy(&back.stderr).contains("re-extracted 10 articles"), "{}", String::from_utf8_lossy(&back.stderr));
        assert_eq!(export(db, "mentions", "jsonl"), mentions_first);

        // CSV for Excel: BOM, header, one row per mention.
        let csv = gisa().args(["export", "--database", db, "--what", "mentions", "--format", "csv", "--bom"]).output().unwrap().stdout;
        assert!(csv.starts_with("\u{FEFF}article_id,url,outlet".as_bytes()));
        assert_eq!(String::from_utf8_lossy(&csv).lines().count(), mentions_first.lines().count() + 1);
        // Filters.
        let one_outlet = export(db, "articles", "jsonl");
        assert_eq!(one_outlet.lines().count(), 10);
        let none = gisa().args(["export", "--database", db, "--what", "articles", "--outlet", "없는신문"]).output().unwrap();
        assert!(none.stdout.is_empty());
        exports.push((mentions_first, export(db, "programs", "csv"), export(db, "articles", "jsonl")));
    }
    // Same exported results from SQLite and PostgreSQL.
    assert_eq!(exports[0].0, exports[1].0, "mentions differ between SQLite and PostgreSQL");
    assert_eq!(exports[0].1, exports[1].1, "programs differ");
    let strip = |s: &str| s.lines().map(|l| {
        let mut v: Value = serde_json::from_str(l).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("story_id");
        o.remove("fetched_at");
        v
    }).collect::<Vec<_>>();
    assert_eq!(strip(&exports[0].2), strip(&exports[1].2), "articles differ");
}

/// Undated articles among dated ones: SQLite sorts NULL first and
/// PostgreSQL last unless told, so the export says NULLS LAST and breaks
/// ties by id; both engines then give the same bytes, in that order.
#[test]
fn exports_are_byte_identical_with_undated_articles() {
    let dir = tempdir("export_order");
    let texts = [
        ("https://a.example.kr/news/1", Some("2024-03-02"), "충청남도는 2026년까지 스마트팜 단지 조성에 250억 원을 투입한다고 밝혔다."),
        ("https://a.example.kr/news/2", None, "전라북도는 청년 창업 지원에 30억 원을 쓰기로 했다. 지원 대상은 120곳이다."),
        ("https://b.example.kr/news/3", Some("2023-12-31"), "경상북도는 내년 관광 예산을 15% 늘려 480억 원으로 편성했다."),
        ("https://b.example.kr/news/4", None, "강원도는 산불 대응 헬기 3대를 추가로 들여오는 데 90억 원을 들인다."),
        ("https://c.example.kr/news/5", Some("2024-03-02"), "제주도는 2025년까지 전기차 충전기 2000기를 설치하는 데 110억 원을 투입한다."),
        ("https://c.example.kr/news/6", None, "경기도는 공공 와이파이 확충에 12억 원을 편성했다고 밝혔다."),
    ];
    let mut outputs = Vec::new();
    for db in databases("exportorder", &dir) {
        let mut store = gisa_store::Store::open(&db).unwrap();
        for (url, date, text) in texts {
            let mut r = engine().process_text(text, None);
            r.source.url = Some(url.into());
            r.id = gisa_core::output::article_id(r.source.url.as_deref(), &r.text);
            r.source.outlet = Some("가신문".into());
            r.source.fetched_at = Some("2024-03-03T00:00:00Z".into());
            r.published = date.map(str::to_string);
            store.put(&r).unwrap();
        }
        drop(store);
        let mut formats = Vec::new();
        for (what, format) in [("articles", "jsonl"), ("articles", "csv"), ("mentions", "jsonl"), ("mentions", "csv")] {
            formats.push(export(&db, what, format));
        }
        outputs.push(formats);
    }
    for (i, name) in ["articles jsonl", "articles csv", "mentions jsonl", "mentions csv"].iter().enumerate() {
        assert_eq!(outputs[0][i], outputs[1][i], "{name} differ between SQLite and PostgreSQL");
    }
    // Dated first by date, undated last, ties by id.
    let articles: Vec<Value> = outputs[0][0].lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let order: Vec<(Option<&str>, &str)> = articles.iter().map(|a| (a["published"].as_str(), a["id"].as_str().unwrap())).collect();
    assert_eq!(order.len(), 6);
    assert_eq!(order.iter().map(|(d, _)| *d).collect::<Vec<_>>(), [Some("2023-12-31"), Some("2024-03-02"), Some("2024-03-02"), None, None, None]);
    assert!(order[1].1 < order[2].1 && order[3].1 < order[4].1 && order[4].1 < order[5].1, "{order:?}");
}

#[test]
fn store_links_stories_programs_and_refuses_a_second_run() {
    let dir = tempdir("store");
    for db in databases("store", &dir) {
        let mut store = gisa_store::Store::open(&db).unwrap();
        let release = "경상남도는 2027년까지 ‘우주항공 복합도시 조성사업’에 1039억 원을 투입한다고 17일 밝혔다. 도는 이번 사업으로 기업 12곳을 유치하고 일자리 3천 개를 만들 계획이다. 도 관계자는 국비 확보에 힘쓰겠다고 말했다.";
        let mut a = engine().process_text(release, None);
        a.source.url = Some("https://a.example.kr/news/1".into());
        a.id = gisa_core::output::article_id(a.source.url.as_deref(), &a.text);
        a.source.outlet = Some("가신문".into());
        // The same release as another outlet carries it: a byline added, a footer.
        let mut b = engine().process_text(&format!("(창원=나신문) 김기자 = {release}\n\n저작권자 © 나신문 무단전재 및 재배포 금지"), None);
        b.source.url = Some("https://b.example.kr/news/9".into());
        b.id = gisa_core::output::article_id(b.source.url.as_deref(), &b.text);
        b.source.outlet = Some("나신문".into());
        assert_eq!(store.put(&a).unwrap(), gisa_store::Put::New);
        assert_eq!(store.put(&a).unwrap(), gisa_store::Put::Unchanged);
        assert_eq!(store.put(&b).unwrap(), gisa_store::Put::New);
        let c = store.counts().unwrap();
        assert_eq!((c["articles"].as_i64(), c["stories"].as_i64()), (Some(2), Some(1)), "one story from two outlets: {c}");
        let (_, programs) = gisa_store::export::rows(&mut store, gisa_store::export::What::Programs, &Default::default()).unwrap();
        let p = programs.iter().find(|p| p["name"] == "우주항공 복합도시 조성사업").unwrap_or_else(|| panic!("{programs:?}"));
        assert_eq!((p["articles"].as_u64(), p["stories"].as_u64()), (Some(2), Some(1)));
        assert_eq!(p["amount_krw"], "103900000000", "the amount counted once for the story: {p:?}");
        assert_eq!(p["outlets"], "가신문|나신문");

        // The run lock: while this store holds it, `gisa run` refuses to start.
        store.lock_run().unwrap();
        let config = dir.join(format!("lock-{}.toml", db.len()));
        std::fs::write(&config, format!("database = \"{db}\"\nsources = \"sources.toml\"\n")).unwrap();
        crawl_config(&dir, 9);
        let out = gisa().args(["run", "--config"]).arg(&config).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("another gisa run is using this database"), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn bad_database_urls_are_reported_without_the_password() {
    let out = gisa().args(["export", "--database", "postgres://gisa:s3cr3t@127.0.0.1:1/nothing"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("postgres://gisa:***@127.0.0.1:1/nothing") && !err.contains("s3cr3t"), "{err}");
}

#[test]
fn a_run_killed_midway_leaves_no_duplicate_and_no_half_article() {
    let (outlet, port) = outlet::start();
    let dir = tempdir("run_kill");
    for (i, db) in databases("runkill", &dir).iter().enumerate() {
        let config = run_config(&dir, port, db, &format!("db{i}"));
        let before = outlet.log.lock().unwrap().len();
        let mut child = gisa().args(["run", "--config"]).arg(&config).stderr(std::process::Stdio::null()).spawn().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while outlet.log.lock().unwrap().len() < before + 10 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // A damaged frontier row is reported and skipped, not fatal.
        let crawl_db = dir.join(format!("db{i}")).join("crawl.db");
        rusqlite::Connection::open(&crawl_db)
            .unwrap()
            .execute(
                "INSERT INTO frontier (url, source, kind, depth, state, run, discovered_at, updated_at) VALUES ('http://127.0.0.1:1/x', '테스트일보', 'bogus', 1, 'queued', 1, 'x', 'x')",
                [],
            )
            .unwrap();
        let rerun = gisa().args(["run", "--config"]).arg(&config).output().unwrap();
        let err = String::from_utf8_lossy(&rerun.stderr);
        assert_eq!(rerun.status.code(), Some(1), "{err}");
        assert!(err.contains("ignoring http://127.0.0.1:1/x: unknown kind 'bogus'"), "{err}");
        // Every article once, and each with exactly the mentions its stored text gives.
        let c = counts(db);
        assert_eq!(c["articles"], 10, "{c}");
        let articles: Vec<Value> = export(db, "articles", "jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let mentions: Vec<Value> = export(db, "mentions", "jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        for a in &articles {
            let r = extract_text(a["text"].as_str().unwrap());
            let expected: usize = ["amounts", "counts", "years", "programs", "percentages", "regions"].iter().map(|k| r[k].as_array().unwrap().len()).sum();
            let stored = mentions.iter().filter(|m| m["article_id"] == a["id"]).count();
            assert_eq!(stored, expected, "{}", a["url"]);
        }
    }
}
