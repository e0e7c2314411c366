//! The program gazetteer that learns from the archive: names a tracking
//! database has seen, written by `gisa programs --lexicon` and read back by
//! `--programs-from`, `--rules` and `gisa run`.

use super::*;

/// An article quoting the name, one about something else, and a third
/// (not stored) that names it bare, where no rule would find it alone.
const QUOTING: &str = "전라남도는 올해 ‘해오름 청년마을’ 사업에 30억 원을 투입한다고 17일 밝혔다. 도는 청년 50명을 모집할 계획이다.";
const OTHER: &str = "경상북도는 2027년까지 도로 정비에 120억 원을 쓴다고 밝혔다. 도 관계자는 공사를 서두르겠다고 말했다.";
const BARE: &str = "보성군은 해오름 청년마을에 12억 원을 더 들이기로 했다. 군은 내년 상반기에 입주자를 모집한다.";

fn store_two(db: &str) {
    let mut store = gisa_store::Store::open(db).unwrap();
    for (k, text) in [QUOTING, OTHER].iter().enumerate() {
        let mut r = engine().process_text(text, None);
        r.source.url = Some(format!("https://a.example.kr/news/{k}"));
        r.id = gisa_core::output::article_id(r.source.url.as_deref(), &r.text);
        assert_eq!(store.put(&r).unwrap(), gisa_store::Put::New);
    }
}

/// `gisa extract --explain` of `path` with `extra` options: the record.
fn extract(path: &Path, extra: &[&str]) -> Value {
    let out = gisa().arg("extract").arg("--explain").args(extra).arg(path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    jsonl(&out.stdout).remove(0)
}

fn programs_with_rule(record: &Value) -> Vec<(String, String)> {
    record["programs"].as_array().unwrap().iter().map(|p| (p["name"].as_str().unwrap().to_string(), p["explain"]["rule"].as_str().unwrap_or("").to_string())).collect()
}

#[test]
fn a_name_quoted_in_one_stored_article_is_found_bare_in_another() {
    let dir = tempdir("gazetteer");
    let bare = dir.join("bare.txt");
    std::fs::write(&bare, BARE).unwrap();
    let plain = extract(&bare, &[]);
    assert!(programs_with_rule(&plain).is_empty(), "the rules alone do not find the bare name: {plain}");
    for db in databases("gazetteer", &dir) {
        store_two(&db);
        let learned = extract(&bare, &["--programs-from", &db]);
        assert_eq!(programs_with_rule(&learned), [("해오름 청년마을".to_string(), "program.learned".to_string())], "{db}");
        check_offsets(&learned);
        // The learned names are a rule input: another version.
        assert_ne!(learned["extractor_version"], plain["extractor_version"]);
        // The amount's sentence names the program.
        assert_eq!(learned["amounts"][0]["about"], "해오름 청년마을", "{}", learned["amounts"]);
    }
    // A database that is not there is an error, not an empty gazetteer.
    let out = gisa().args(["extract", "--programs-from"]).arg(dir.join("none.db")).arg(&bare).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_lexicon_round_trips_into_rules() {
    let dir = tempdir("lexicon");
    let bare = dir.join("bare.txt");
    std::fs::write(&bare, BARE).unwrap();
    let db = format!("sqlite://{}", dir.join("lex.db").display());
    store_two(&db);
    let out = gisa().args(["programs", "--lexicon", "--database", &db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(names, ["해오름 청년마을  # 1"], "{text}");
    // Seen in one article only: a higher bar leaves no name.
    let out = gisa().args(["programs", "--lexicon", "--min-articles", "2", "--database", &db]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().lines().all(|l| l.starts_with('#')));

    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(rules.join("program_names.txt"), &text).unwrap();
    let r = extract(&bare, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(programs_with_rule(&r), [("해오름 청년마을".to_string(), "program.known".to_string())]);
    // And the same names as learned names give the same mentions.
    let learned = extract(&bare, &["--programs-from", &db]);
    assert_eq!(learned["programs"][0]["name"], r["programs"][0]["name"]);
}

#[test]
fn reextract_learns_the_names_of_its_database_and_then_stays_put() {
    let dir = tempdir("learn-reextract");
    let db = format!("sqlite://{}", dir.join("learn.db").display());
    store_two(&db);
    let mut store = gisa_store::Store::open(&db).unwrap();
    let mut r = engine().process_text(BARE, None);
    r.source.url = Some("https://b.example.kr/news/7".into());
    r.id = gisa_core::output::article_id(r.source.url.as_deref(), &r.text);
    store.put(&r).unwrap();
    drop(store);
    let reextract = || {
        let out = gisa().args(["reextract", "--database", &db]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // A new name in the database is a new extractor version: every article again.
    assert!(reextract().contains("re-extracted 3 articles"));
    let out = gisa().args(["export", "--what", "mentions", "--database", &db, "--program", "해오름청년마을"]).output().unwrap();
    let urls: std::collections::BTreeSet<String> = jsonl(&out.stdout).iter().map(|m| m["url"].as_str().unwrap().to_string()).collect();
    assert!(urls.contains("https://b.example.kr/news/7"), "the bare mention is stored: {urls:?}");
    // The names did not change, so neither did the version.
    assert!(reextract().contains("re-extracted 0 articles"));
    // Without learning, the rules are the built-in ones again.
    let out = gisa().args(["reextract", "--no-learned-programs", "--database", &db]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("re-extracted 3 articles"));
}
