use crate::common::*;

#[test]
fn every_fixture_keeps_offsets_exact() {
    for path in fixtures() {
        check_offsets(&run_fixture(&path));
    }
}

/// The shipped fixtures meet `fixtures/thresholds.toml`, through the real
/// `gisa eval` (the same run `scripts/test.sh` prints as a table).
#[test]
fn fixtures_meet_thresholds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = gisa().args(["eval", "--json"]).arg(&dir).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["passed"], true, "{}", report["failures"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(report["fixtures"].as_array().unwrap().len() >= 5);
}

#[test]
fn issue_examples_from_the_seeds() {
    let s002 = seed("002");
    let a = find(&s002, "amounts", "text", "3조 2천 638억원");
    assert_eq!(a["value"].as_u64(), Some(3_263_800_000_000));
    assert_eq!(a["about"], "87개 세부과제");
    assert_eq!(s002["published"], "2023-05-06");

    let s000 = seed("000");
    let c = find(&s000, "counts", "text", "3만3637개사");
    assert_eq!((c["value"].as_u64(), c["counter"].as_str(), c["noun"].is_null()), (Some(33637), Some("개사"), true));
    let c = find(&s000, "counts", "text", "80개");
    assert_eq!(c["noun"], "사업");
    assert_eq!(find(&s000, "amounts", "text", "9700억원")["about"], "80개 사업");
    // The lead paragraph appears three times in the file and once in the text.
    assert_eq!(s000["text"].as_str().unwrap().matches("80개 사업에 9700억원을").count(), 1);

    let s001 = seed("001");
    let start = find(&s001, "years", "text", "‘23");
    assert_eq!((start["year"].as_u64(), start["role"].as_str()), (Some(2023), Some("start")));
    let target = find(&s001, "years", "text", "’27");
    assert_eq!((target["year"].as_u64(), target["role"].as_str()), (Some(2027), Some("target")));
    for not_count in ["2차관", "2차", "1단계", "2단계", "18일"] {
        assert!(s001["counts"].as_array().unwrap().iter().all(|c| c["text"] != not_count), "{not_count} counted");
    }
    find(&s001, "programs", "name", "지방 디지털 경쟁력 강화방안");

    // Page furniture: the poll box "총 0명 참여" gives no count.
    let s004 = seed("004");
    assert!(s004["counts"].as_array().unwrap().iter().all(|c| c["value"] != 0));
    assert!(!s004["text"].as_str().unwrap().contains("참여"));
}

#[test]
fn bad_inputs_give_error_objects_and_the_rest_still_runs() {
    let dir = tempdir("bad_inputs");
    let good = dir.join("good.txt");
    std::fs::write(&good, "도는 2027년까지 80개 사업에 9700억원을 투자한다.").unwrap();
    // EUC-KR text is decoded, not refused: "사업에 9700억원" after "한국".
    let euckr = dir.join("euckr.txt");
    let (bytes, _, _) = encoding_rs::EUC_KR.encode("한국 정부는 80개 사업에 9700억원을 투자한다.");
    std::fs::write(&euckr, &bytes).unwrap();
    let garbage = dir.join("garbage.txt");
    std::fs::write(&garbage, [0x81u8, 0x20, 0xFF, 0xFE, 0x80, 0x41, 0xFF, 0x81, 0x82]).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let big = dir.join("big.txt");
    std::fs::write(&big, "가".repeat(1000)).unwrap();
    let empty_dir = dir.join("nothing");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let missing = dir.join("missing.txt");

    let out = gisa()
        .args(["extract", "--max-bytes", "2000"])
        .args([&missing, &garbage, &empty, &binary, &big, &empty_dir, &good, &euckr])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 8, "one line per input");
    let errors: Vec<&str> = lines[..6].iter().map(|l| l["error"].as_str().unwrap()).collect();
    assert!(errors[0].contains("no such file"), "{}", errors[0]);
    assert!(errors[1].contains("could not be decoded"), "{}", errors[1]);
    assert!(errors[2].contains("empty"), "{}", errors[2]);
    assert!(errors[3].contains("PNG image"), "{}", errors[3]);
    assert!(errors[4].contains("limit"), "{}", errors[4]);
    assert!(errors[5].contains("no .txt, .html or .jsonl files"), "{}", errors[5]);
    for l in &lines[..6] {
        assert_eq!(l["schema_version"], 1);
        assert!(l["source"]["path"].is_string());
    }
    assert_eq!(lines[6]["amounts"][0]["value"].as_u64(), Some(970_000_000_000));
    assert_eq!(lines[7]["amounts"][0]["value"].as_u64(), Some(970_000_000_000));
    assert_eq!(lines[7]["source"]["encoding"], "EUC-KR");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 articles") && stderr.contains("6 errors"), "{stderr}");
}

#[test]
fn directories_stdin_and_pretty_json() {
    let dir = tempdir("dirs");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/b.txt"), "총 5770억 원을 투입한다.").unwrap();
    std::fs::write(dir.join("a.txt"), "2곳을 선정했다.").unwrap();
    std::fs::write(dir.join("skip.md"), "100억원").unwrap();
    let out = gisa().args(["extract"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["counts"][0]["value"], 2);
    assert_eq!(lines[1]["amounts"][0]["value"].as_u64(), Some(577_000_000_000));

    let mut child = gisa()
        .args(["extract", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("52.5%로 10%p 늘었다.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 5, "pretty output spans lines");
    assert_eq!(v["percentages"][1]["unit"], "pp");
    assert!(v["source"].get("path").is_none(), "stdin has no path");
}

#[test]
fn user_dictionary_is_read_at_run_time_and_checked() {
    let dir = tempdir("userdict");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "지자체,NNG,지자체\n스마트빌리지,NNG\n").unwrap();
    let out = gisa().args(["tokenize", "스마트빌리지"]).arg("--user-dict").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.csv:2:"));

    // A word added at run time becomes one token.
    let good = dir.join("good.csv");
    std::fs::write(&good, "가나다라마바,NNP,가나다라마바\n").unwrap();
    let with = gisa().args(["tokenize", "가나다라마바"]).arg("--user-dict").arg(&good).output().unwrap();
    let without = gisa().args(["tokenize", "가나다라마바"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&with.stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(&without.stdout).lines().count() > 1);
}

/// The word lists that were once Rust constants are rule files like the
/// others: a `--rules` directory replaces one (the rest stay built in), the
/// output follows it, and the extractor version changes with it.
#[test]
fn moved_word_lists_are_rules_a_rules_dir_overrides() {
    let dir = tempdir("moved_lists");
    let article = dir.join("a.txt");
    std::fs::write(&article, "도는 서른 곳과 두 곳에 센터를 짓는다. 80억에서 최고 160억 원을 쓴다.").unwrap();
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    // Native numerals: only 서른, so 두 is no longer one. Amounts: 최고 is no
    // longer stepped over at a range's second end.
    std::fs::write(rules.join("native_numerals.csv"), "# word,value\n서른,30\n").unwrap();
    std::fs::write(rules.join("amount_words.csv"), "최대,range_max\n").unwrap();
    let run = |rules: Option<&std::path::Path>| {
        let mut cmd = gisa();
        cmd.arg("extract");
        if let Some(r) = rules {
            cmd.arg("--rules").arg(r);
        }
        let out = cmd.arg(&article).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        jsonl(&out.stdout).remove(0)
    };
    let texts = |r: &serde_json::Value, field: &str| -> Vec<String> { r[field].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect() };
    let (builtin, custom) = (run(None), run(Some(&rules)));
    assert_eq!(texts(&builtin, "counts"), vec!["두 곳"]);
    assert_eq!(texts(&custom, "counts"), vec!["서른 곳"]);
    // 80억에서 최고 160억 원 is a range (80억 the lower bound) only while 최고 is stepped over.
    assert_eq!((builtin["amounts"][0]["text"].as_str(), builtin["amounts"][0]["bound"].as_str()), (Some("80억"), Some("min")));
    assert_eq!((custom["amounts"][0]["text"].as_str(), custom["amounts"][0]["bound"].as_str()), (Some("80억"), None));
    assert_ne!(builtin["extractor_version"], custom["extractor_version"]);
}

/// Random text built from the characters the grammar reacts to: no panic,
/// and every mention's offsets still slice its text exactly.
#[test]
fn random_tricky_text_never_panics_and_keeps_offsets() {
    const ALPHABET: &[&str] = &[
        "0", "1", "2", "9", "20", "2027", ",", ".", " ", " ", "\n", "억", "조", "만", "천", "백", "십", "수", "여", "개",
        "개사", "명", "곳", "대", "원", "달러", "%", "p", "년", "까지", "부터", "~", "∼", "→", "’", "‘", "'", "「", "」",
        "“", "”", "(", ")", "▲", "약", "최대", "이상", "사업", "센터", "의", "을", "에", "제", "차", "스마트빌리지", "兆", "２",
        "경북", "포항시", "북구", "광주", "도는", "예산", "·", "[", "]", "=",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let len = 5 + next() % 80;
        let text: String = (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize]).collect();
        let record = serde_json::to_value(engine().process_text(&text, None)).unwrap();
        check_offsets(&record);
    }
}

#[test]
fn hard_cases_for_amounts() {
    let r = extract_text(
        "예산은 12억∼210억원이며, 지원액은 80억에서 최대 160억 원까지 늘고, ’22년 100억원 → ’23년 632억원으로 확대됐다. \
         총사업비는 약 2천475억원, 국비 1조2,000억원과 25兆4825億원, 이천칠백사십오억원, 수백억원대, 5천만 원 이상, 10억 달러를 들인다.",
    );
    assert_eq!(
        summary(&r, "amounts", &["text", "value", "currency", "approx", "bound"]),
        vec![
            "12억 1200000000 KRW false min",
            "210억원 21000000000 KRW false max",
            "80억 8000000000 KRW false min",
            "160억 원 16000000000 KRW false max",
            "100억원 10000000000 KRW false null",
            "632억원 63200000000 KRW false null",
            "2천475억원 247500000000 KRW true null",
            "1조2,000억원 1200000000000 KRW false null",
            "25兆4825億원 25482500000000 KRW false null",
            "이천칠백사십오억원 274500000000 KRW false null",
            "수백억원 10000000000 KRW true null",
            "5천만 원 50000000 KRW false min",
            "10억 달러 1000000000 USD false null",
        ]
    );
}

#[test]
fn hard_cases_for_counts_years_and_percentages() {
    let r = extract_text(
        "제2차 회의에서 2차관은 4차산업혁명과 1단계 사업, 5개년 계획, 3년 동안 18일, 100㎡, 30평을 말했다. \
         도는 두 곳과 12개 기업, 99개의 디지털 기반 생활혁신 과제, 431개사만이 참여한 6대 분야를 ’23~’27 기간에 2020년부터 2030년까지 추진하며 \
         (’24~) 비중은 52.5%로 10%p 늘었다.",
    );
    assert_eq!(
        summary(&r, "counts", &["text", "value", "counter", "noun"]),
        vec!["두 곳 2 곳 null", "12개 12 개 기업", "99개 99 개 과제", "431개사 431 개사 null", "6대 6 대 분야"]
    );
    assert_eq!(
        summary(&r, "years", &["text", "year", "role"]),
        vec!["’23 2023 start", "’27 2027 target", "2020년부터 2020 start", "2030년까지 2030 target", "’24 2024 start"]
    );
    assert_eq!(summary(&r, "percentages", &["text", "unit"]), vec!["52.5% %", "10%p pp"]);
}

#[test]
fn hard_cases_for_programs_and_about() {
    let r = extract_text(
        "과학기술정보통신부(이하 ‘과기정통부’)는 「지방 디지털 경쟁력 강화방안」과 「제1차 지방시대 종합계획(’23~’27)」에 따라 \
         ‘스마트빌리지’ 사업을 확대하고 스마트 임대공장 시범사업도 추진한다. 이 사업은 지원 사업이다. \
         스마트빌리지(1039억 원)와 디지털 인재 양성에 2175억원을 지원한다.",
    );
    assert_eq!(
        summary(&r, "programs", &["name"]),
        // The bare 스마트빌리지 before (1039억 원) is a later mention of the quoted name (issue 13).
        vec!["지방 디지털 경쟁력 강화방안", "제1차 지방시대 종합계획", "스마트빌리지", "스마트 임대공장 시범사업", "스마트빌리지"]
    );
    assert_eq!(summary(&r, "amounts", &["value", "about"]), vec!["103900000000 스마트빌리지", "217500000000 디지털 인재 양성"]);
}
