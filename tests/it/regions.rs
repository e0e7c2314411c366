//! Regions end to end (issue 13): stored and exported the same from SQLite
//! and PostgreSQL, grouped by region, a database from before regions migrated
//! in place, and the fixtures' code-filling script reading names exactly as
//! gisa does.

use std::path::Path;

use serde_json::{json, Value};

use super::{databases, engine, gisa, jsonl, tempdir};

const GYEONGBUK: &str = "경북도는 2027년까지 ‘스마트팜 혁신밸리 조성사업’에 847억원을 투입한다고 17일 밝혔다. \
                         포항시 북구 흥해읍에는 ‘스마트팜 혁신밸리 조성사업’ 예산 120억원이 배정됐다. 대구 중구와 광주 북구도 참여한다.";
const NATIONAL: &str = "정부는 전국 시군의 ‘스마트팜 혁신밸리 조성사업’에 1조원을 투입한다. 충북 스마트빌리지 사업에는 12억원을 지원한다.";

fn export_args(db: &str, args: &[&str]) -> String {
    let out = gisa().args(["export", "--database", db]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn stored(db: &str, texts: &[(&str, &str)]) {
    let mut store = gisa_store::Store::open(db).unwrap();
    for (url, text) in texts {
        let mut r = engine().process_text(text, None);
        r.source.url = Some(url.to_string());
        r.id = gisa_core::output::article_id(r.source.url.as_deref(), &r.text);
        r.source.outlet = Some("가신문".into());
        r.published = Some("2024-05-06".into());
        store.put(&r).unwrap();
    }
}

#[test]
fn regions_are_stored_exported_and_grouped_alike_in_sqlite_and_postgres() {
    let dir = tempdir("regions_store");
    let mut results = Vec::new();
    for db in databases("regions", &dir) {
        stored(&db, &[("https://a.example.kr/1", GYEONGBUK), ("https://a.example.kr/2", NATIONAL)]);
        // Mentions carry the region code and name; region mentions are rows of their own.
        let mentions = jsonl(export_args(&db, &["--what", "mentions"]).as_bytes());
        let amount = mentions.iter().find(|m| m["kind"] == "amount" && m["text"] == "847억원").unwrap();
        assert_eq!((&amount["region"], &amount["region_name"]), (&json!("47"), &json!("경상북도")), "{amount}");
        let national = mentions.iter().find(|m| m["kind"] == "amount" && m["text"] == "1조원").unwrap();
        assert_eq!(national["region"], Value::Null, "a national total goes to no region");
        let mut kinds: Vec<(&str, &str)> =
            mentions.iter().filter(|m| m["kind"] == "region").map(|m| (m["text"].as_str().unwrap(), m["value"].as_str().unwrap_or(""))).collect();
        kinds.sort();
        // 대구 중구: two mentions (the 시도 and its 구); 포항시 북구: one, reported as the city.
        assert_eq!(
            kinds,
            vec![("경북도", "47"), ("광주", "12"), ("대구", "27"), ("북구", "12300"), ("중구", "27110"), ("충북", "43"), ("포항시 북구", "47110")]
        );

        // Per region: mentions, articles and the money sent there.
        let regions = jsonl(export_args(&db, &["--what", "regions"]).as_bytes());
        let row = |code: &str| regions.iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("{code}: {regions:?}")).clone();
        let gb = row("47");
        assert_eq!((gb["name"].as_str(), gb["level"].as_str(), gb["mentions"].as_u64(), gb["amount_krw"].as_str()), (Some("경상북도"), Some("sido"), Some(1), Some("84700000000")));
        assert_eq!((row("47110")["sido"].as_str(), row("47110")["amount_krw"].as_str()), (Some("47"), Some("12000000000")));
        assert_eq!(row("43")["amount_krw"], "1200000000");

        // Only articles naming a region: a 시도 takes in its 시군구; a name works as a code.
        let by_code = jsonl(export_args(&db, &["--what", "articles", "--region", "47"]).as_bytes());
        let by_name = jsonl(export_args(&db, &["--what", "articles", "--region", "경북"]).as_bytes());
        let by_sigungu = jsonl(export_args(&db, &["--what", "articles", "--region", "포항시 북구"]).as_bytes());
        assert_eq!((by_code.len(), by_code[0]["url"].as_str()), (1, Some("https://a.example.kr/1")));
        assert_eq!(by_name, by_code);
        assert_eq!(by_sigungu, by_code);
        assert!(export_args(&db, &["--what", "articles", "--region", "50"]).is_empty());

        // Programs by region: one row per program and region its money goes to,
        // adding up to the program's total.
        let by_region = gisa().args(["programs", "--database", &db, "--by", "region", "--format", "jsonl"]).output().unwrap();
        assert!(by_region.status.success(), "{}", String::from_utf8_lossy(&by_region.stderr));
        let rows = jsonl(&by_region.stdout);
        let farm: Vec<(String, String)> = rows
            .iter()
            .filter(|r| r["name"] == "스마트팜 혁신밸리 조성사업")
            .map(|r| (r["region"].as_str().unwrap().to_string(), r["amount_krw"].as_str().unwrap().to_string()))
            .collect();
        assert_eq!(farm, vec![("".into(), "1000000000000".into()), ("47".into(), "84700000000".into()), ("47110".into(), "12000000000".into())]);
        let programs = jsonl(export_args(&db, &["--what", "programs"]).as_bytes());
        let total = programs.iter().find(|p| p["name"] == "스마트팜 혁신밸리 조성사업").unwrap()["amount_krw"].clone();
        assert_eq!(total, "1096700000000");
        assert_eq!(export_args(&db, &["--what", "programs", "--by", "region"]), String::from_utf8(by_region.stdout).unwrap());
        results.push((export_args(&db, &["--what", "mentions"]), export_args(&db, &["--what", "regions", "--format", "csv"])));
    }
    assert_eq!(results[0], results[1], "SQLite and PostgreSQL export the same regions");
}

#[test]
fn a_database_from_before_regions_migrates_and_keeps_its_rows() {
    let dir = tempdir("regions_migrate");
    let path = dir.join("old.db");
    {
        // A tracking database as gisa left it before regions: schema 1 only, one article with a mention.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)").unwrap();
        c.execute_batch(include_str!("../../crates/gisa-store/migrations/sqlite/001_tracking.sql")).unwrap();
        c.execute_batch(
            "INSERT INTO schema_migrations VALUES (1, '2024-01-01T00:00:00Z');
             INSERT INTO stories (id, created_at) VALUES (1, '2024-01-01');
             INSERT INTO articles (id, url, outlet, title, published, fetched_at, content_hash, text, extractor_version, minhash, story_id, stored_at)
                 VALUES ('a1', 'https://old.example.kr/1', '가신문', NULL, '2024-01-01', NULL, 'h', '충북도는 100억원을 확보했다.', 'old', '00', 1, 'x');
             INSERT INTO mentions (article_id, kind, text, value, value_num, unit, start_pos, end_pos)
                 VALUES ('a1', 'amount', '100억원', '10000000000', 1e10, 'KRW', 5, 11);",
        )
        .unwrap();
    }
    let db = format!("sqlite://{}", path.display());
    let before = jsonl(export_args(&db, &["--what", "mentions"]).as_bytes());
    assert_eq!(before.len(), 1);
    assert_eq!((&before[0]["text"], &before[0]["region"]), (&json!("100억원"), &Value::Null), "old rows read with no region");
    // The stored text is re-extracted with regions, without refetching anything.
    let re = gisa().args(["reextract", "--database", &db]).output().unwrap();
    assert!(re.status.success(), "{}", String::from_utf8_lossy(&re.stderr));
    let after = jsonl(export_args(&db, &["--what", "mentions"]).as_bytes());
    let regions: Vec<(&Value, &Value)> = after.iter().map(|m| (&m["kind"], &m["region"])).collect();
    assert_eq!(regions, vec![(&json!("region"), &json!("43")), (&json!("amount"), &json!("43"))]);
    let versions: Vec<i64> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(versions, vec![1, 2]);
}

#[test]
fn bad_region_filters_are_refused_before_opening_the_database() {
    let out = gisa().args(["export", "--database", "/nonexistent/x.db", "--region", "경상북도 목포시"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'경상북도 목포시' is not a region code"), "{err}");
}

#[test]
fn fill_region_codes_reads_names_as_gisa_does() {
    let lex = gisa_core::lexicon::Lexicon::builtin();
    let g = &lex.extraction.regions;
    // Every official and former name, and short forms, as annotators may write them.
    let mut names: Vec<String> = g.entries.iter().map(|e| e.name.clone()).collect();
    let csv = include_str!("../../dictionaries/regions.csv");
    for row in csv.lines().filter(|l| !l.starts_with('#') && !l.starts_with("code,")) {
        names.extend(row.split(',').nth(4).unwrap_or("").split('|').filter(|s| !s.is_empty()).map(str::to_string));
    }
    names.extend(["경북 포항시 북구", "광주 북구", "강원도", "전남", "경기 광주시", "충남 예산"].map(String::from));
    let regions: Vec<Value> = names.iter().map(|n| json!({"text": n, "name": n})).collect();
    let dir = tempdir("fill_codes");
    let file = dir.join("a.expected.json");
    let doc = json!({
        "amounts": [{"text": "12억원", "value": 1200000000u64, "region": "충청북도"}, {"text": "1조원", "value": 1000000000000u64, "region": null},
                    {"text": "5억원", "value": 500000000}],
        "regions": regions,
    });
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fill_region_codes.py");
    let out = std::process::Command::new("python3").arg(&script).arg(&dir).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let filled: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for r in filled["regions"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let want = g.resolve_name(name).map(|e| e.code.as_str());
        assert_eq!(r["code"].as_str(), want, "{name}");
        assert!(want.is_some(), "{name} resolves");
    }
    let amounts: Vec<&Value> = filled["amounts"].as_array().unwrap().iter().map(|a| a.get("region").unwrap_or(&Value::Bool(false))).collect();
    assert_eq!(amounts, vec![&json!("43"), &Value::Null, &Value::Bool(false)], "names become codes; null and absent stay");

    // A name that picks no single region stops that file, naming it, and writes nothing.
    let bad = dir.join("b.expected.json");
    let text = serde_json::to_string_pretty(&json!({"regions": [{"text": "중구", "name": "중구"}]})).unwrap();
    std::fs::write(&bad, &text).unwrap();
    let out = std::process::Command::new("python3").arg(&script).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("region name '중구'"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text);
}
