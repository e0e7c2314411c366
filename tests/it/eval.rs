use crate::common::*;

#[test]
fn eval_arithmetic_on_a_tiny_fixture_set() {
    let expected = serde_json::json!({
        // One amount right, one that is not in the text: P 1, R 0.5.
        "amounts": [{"text": "9700억원", "value": 970000000000u64, "currency": "KRW"},
                    {"text": "5억원", "value": 500000000, "currency": "KRW"}],
        // Nothing expected, two found: P 0, R 1 (nothing to miss), F1 0.
        "counts": [],
        "years": [{"text": "2027년까지", "year": 2027, "role": "target"}]
    });
    let article = "도는 2027년까지 80개 사업에 9700억원을 투자하고 2곳을 선정한다.";
    let dir = eval_dir("eval_arith", article, &expected, "[min_f1]\namounts = 0.6\ncounts = 0.5\n");
    let out = gisa().args(["eval", "--json"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "counts are below their threshold");
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let amounts = field(&r, "amounts");
    assert_eq!((amounts["tp"].as_u64(), amounts["fp"].as_u64(), amounts["fn"].as_u64()), (Some(1), Some(0), Some(1)));
    assert!((amounts["precision"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert!((amounts["recall"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert!((amounts["f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(amounts["passed"], true);
    let counts = field(&r, "counts");
    assert_eq!((counts["tp"].as_u64(), counts["fp"].as_u64()), (Some(0), Some(2)));
    assert_eq!(counts["f1"].as_f64(), Some(0.0));
    assert_eq!(counts["passed"], false);
    assert_eq!(field(&r, "years.target")["tp"].as_u64(), Some(1));
    assert!(r["fields"].get("programs").is_none(), "fields left out of the expected file are not scored");
    assert_eq!(r["failures"], serde_json::json!(["counts: F1 0.000 < 0.5"]));
    let missed = &r["fixtures"][0]["fields"]["amounts"]["missed"];
    assert_eq!(missed, &serde_json::json!(["«5억원» 500000000|KRW"]));

    // The human table, piped: no colour codes, one row per field, the miss shown.
    let out = gisa().args(["eval"]).arg(&dir).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no ANSI colours when piped");
    assert!(text.contains("- «5억원» 500000000|KRW"), "{text}");
    let row = text.lines().find(|l| l.starts_with("amounts ")).unwrap();
    assert!(row.contains("1.000") && row.contains("0.500") && row.contains("0.667"), "{row}");
    assert!(text.contains("counts: F1 0.000 < 0.5"), "{text}");
}

#[test]
fn eval_rejects_malformed_thresholds_and_expected_files() {
    let expected = serde_json::json!({"counts": []});
    let dir = eval_dir("eval_bad", "2곳을 선정한다.", &expected, "[min_f1]\ncounts = 0.5\nprogams = 0.5\n");
    let out = gisa().args(["eval"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("thresholds.toml:3: [min_f1] names unknown field 'progams'"), "{err}");

    std::fs::write(dir.join("thresholds.toml"), "").unwrap();
    std::fs::write(dir.join("a.expected.json"), "{\n  \"counts\": [\n  }\n").unwrap();
    let out = gisa().args(["eval"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.expected.json:3: not valid JSON"));
}

#[test]
fn bless_changes_nothing_without_confirmation() {
    let expected = serde_json::json!({"counts": [{"text": "7곳", "value": 7, "counter": "곳", "noun": null, "bound": null}]});
    let dir = eval_dir("bless", "2곳을 선정하고 80개 사업을 한다.", &expected, "");
    let path = dir.join("a.expected.json");
    let before = std::fs::read_to_string(&path).unwrap();
    for answer in ["n\n", "", "maybe\n"] {
        let mut child = gisa()
            .args(["eval", "--bless"])
            .arg(&dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "answer {answer:?}");
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains("-      \"text\": \"7곳\"") && shown.contains("+      \"text\": \"2곳\""), "the diff is shown: {shown}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("no expected file was changed"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "answer {answer:?} must not write");
    }
    // Confirmed with --yes: rewritten from the output, fields kept as scored.
    let out = gisa().args(["eval", "--bless", "--yes"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let blessed: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let counts: Vec<(u64, &str)> =
        blessed["counts"].as_array().unwrap().iter().map(|c| (c["value"].as_u64().unwrap(), c["counter"].as_str().unwrap())).collect();
    assert_eq!(counts, vec![(2, "곳"), (80, "개")]);
    assert!(blessed.get("amounts").is_none(), "only the fields the file scored");
    assert!(blessed["counts"][0].get("start").is_none(), "no offsets in expected files");
    let again = gisa().args(["eval", "--bless"]).arg(&dir).stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to bless"));
}

#[test]
fn a_counter_added_to_the_rules_changes_eval_without_recompiling() {
    let expected = serde_json::json!({"counts": [{"text": "120필지", "value": 120, "counter": "필지", "noun": null, "bound": null}]});
    let dir = eval_dir("tuner", "도는 올해 농지 120필지를 매입한다.", &expected, "[min_recall]\ncounts = 1.0\n");
    let before = gisa().args(["eval", "--json"]).arg(&dir).output().unwrap();
    assert_eq!(before.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(field(&r, "counts")["fn"].as_u64(), Some(1));

    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/counters.csv")).unwrap();
    std::fs::write(rules.join("counters.csv"), format!("{shipped}필지,self\n")).unwrap();
    let after = gisa().args(["eval", "--json", "--rules"]).arg(&rules).arg(&dir).output().unwrap();
    assert_eq!(after.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(field(&r, "counts")["tp"].as_u64(), Some(1));

    // A malformed rule file stops the run with file:line, for eval and extract alike.
    std::fs::write(rules.join("counters.csv"), format!("{shipped}필지,selff\n")).unwrap();
    let line = shipped.lines().count() + 1;
    for cmd in ["eval", "extract"] {
        let out = gisa().arg(cmd).arg("--rules").arg(&rules).arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("counters.csv:{line}: kind 'selff'")), "{cmd}: {err}");
    }
    std::fs::remove_file(rules.join("counters.csv")).unwrap();
    std::fs::write(rules.join("qualifiers.csv"), "약,before,approx\n이상,after\n").unwrap();
    let out = gisa().arg("eval").arg("--rules").arg(&rules).arg(&dir).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("qualifiers.csv:2: expected 3 fields"));
}

#[test]
fn explain_names_rules_tokens_and_rejected_numbers() {
    let out = gisa()
        .args(["extract", "--explain", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all("2차관은 80개 사업에 12억~210억원을 쓴다고 3년간 밝혔다. 20대 청년을 위한 5개년 계획이다.".as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let r = &jsonl(&out.stdout)[0];
    let count = &r["counts"][0];
    assert_eq!(count["explain"]["rule"], "count.generic");
    assert!(count["explain"]["tokens"].as_array().unwrap().iter().any(|t| t == "개/NNBC"), "{count}");
    assert_eq!(r["amounts"][0]["explain"]["rule"], "amount.range");
    assert_eq!(r["amounts"][0]["explain"]["about_rule"], "about.particle");
    let rejected = r["rejected"].as_array().unwrap();
    let why = |word: &str| rejected.iter().find(|x| x["text"].as_str().unwrap().starts_with(word)).map(|x| x["reason"].as_str().unwrap().to_string());
    assert!(why("2차관").unwrap().contains("'차관"), "{rejected:?}");
    assert!(why("3년간").unwrap().contains("'년' after a number that is not a year"), "{rejected:?}");
    // The counts extractor's own reasons, recorded where it decided: the
    // limit it applies to 대 (19) and the word that goes on after 개.
    assert_eq!(why("20대").unwrap(), "'대' counts only up to 19 (20대 is an age, 100대 a ranking)", "{rejected:?}");
    assert!(why("5개년").unwrap().starts_with("'개' is a counter (counters.csv) but the word goes on with '년'"), "{rejected:?}");
    assert!(why("80개").is_none(), "80개 is a count, not rejected");
    // Without --explain the records carry none of it.
    let plain = extract_text("2차관은 80개 사업에 12억~210억원을 쓴다.");
    assert!(plain.get("rejected").is_none() && plain["counts"][0].get("explain").is_none());
}
