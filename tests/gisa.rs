//! The one integration-test binary (each binary embeds the 82 MB dictionary,
//! so everything end-to-end lives here): the seed fixtures scored against
//! their hand-checked expected files, SPEC invariants on every output, and the
//! CLI's handling of bad input.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use gisa_core::lexicon::Lexicon;

#[path = "gisa/perturb.rs"]
mod perturb;
use gisa_core::morph::Morph;
use gisa_core::pipeline::Engine;
use serde_json::Value;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(Morph::new().unwrap(), Lexicon::builtin()))
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn run_fixture(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::to_value(engine().process_text(&text, Some(path.display().to_string()))).unwrap()
}

/// SPEC: text[start:end] == item.text (in Unicode scalar values), and for
/// programs the span covers the name.
fn check_offsets(record: &Value) {
    let text: Vec<char> = record["text"].as_str().unwrap().chars().collect();
    for list in ["amounts", "counts", "years", "percentages", "programs"] {
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

fn find<'a>(record: &'a Value, list: &str, field: &str, text: &str) -> &'a Value {
    record[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m[field] == text)
        .unwrap_or_else(|| panic!("{list} has no {field} = {text:?}"))
}

fn seed(prefix: &str) -> Value {
    run_fixture(&fixtures().into_iter().find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix)).unwrap())
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

// ---- the CLI ----

fn gisa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gisa"))
}

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
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

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gisa-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Random text built from the characters the grammar reacts to: no panic,
/// and every mention's offsets still slice its text exactly.
#[test]
fn random_tricky_text_never_panics_and_keeps_offsets() {
    const ALPHABET: &[&str] = &[
        "0", "1", "2", "9", "20", "2027", ",", ".", " ", " ", "\n", "억", "조", "만", "천", "백", "십", "수", "여", "개",
        "개사", "명", "곳", "대", "원", "달러", "%", "p", "년", "까지", "부터", "~", "∼", "→", "’", "‘", "'", "「", "」",
        "“", "”", "(", ")", "▲", "약", "최대", "이상", "사업", "센터", "의", "을", "에", "제", "차", "스마트빌리지", "兆", "２",
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

fn extract_text(text: &str) -> Value {
    let r = serde_json::to_value(engine().process_text(text, None)).unwrap();
    check_offsets(&r);
    r
}

fn summary(record: &Value, list: &str, fields: &[&str]) -> Vec<String> {
    record[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| fields.iter().map(|f| m[*f].to_string().trim_matches('"').to_string()).collect::<Vec<_>>().join(" "))
        .collect()
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

// ---- rule tuning: eval, bless, explain, rules as data ----

/// A fixture directory with one article and its expected file.
fn eval_dir(name: &str, article: &str, expected: &Value, thresholds: &str) -> PathBuf {
    let dir = tempdir(name);
    std::fs::write(dir.join("a.txt"), article).unwrap();
    std::fs::write(dir.join("a.expected.json"), serde_json::to_string_pretty(expected).unwrap()).unwrap();
    std::fs::write(dir.join("thresholds.toml"), thresholds).unwrap();
    dir
}

fn field<'a>(report: &'a Value, name: &str) -> &'a Value {
    &report["fields"][name]
}

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

// ---- HTML pages, encodings, URLs ----

fn html_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every HTML fixture (ndsoft, Naver, boards, blogs, a layout with no known
/// container; UTF-8, EUC-KR, CP949 without a charset) cleans to the article
/// a person marked: same title, date, outlet, URL and paragraphs, no furniture.
#[test]
fn html_fixtures_clean_to_their_expected_articles() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(html_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 15, "{} HTML fixtures", pages.len());
    let mut encodings = std::collections::BTreeSet::new();
    for page in pages {
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(page.with_extension("article.json")).unwrap()).unwrap();
        let inp = gisa_batch::input::Input::File { label: page.display().to_string(), path: page.clone() };
        let c = gisa_batch::read::clean_input(&engine().lexicon, &inp, gisa_batch::input::DEFAULT_MAX_BYTES).unwrap_or_else(|e| panic!("{e}"));
        encodings.insert(c.encoding);
        let a = &c.article;
        let name = page.display();
        for (field, got) in [("title", &a.title), ("published", &a.published), ("outlet", &a.outlet), ("url", &a.url)] {
            assert_eq!(got.as_deref().map(collapse), expected[field].as_str().map(collapse), "{name}: {field}");
        }
        let got: Vec<String> = a.text.split("\n\n").map(collapse).collect();
        let want: Vec<String> =
            expected["paragraphs"].as_array().unwrap().iter().map(|p| collapse(p.as_str().unwrap())).filter(|p| !p.is_empty()).collect();
        assert_eq!(got, want, "{name}: paragraphs");
        assert_eq!(c.replacements, 0, "{name}");
    }
    assert!(encodings.contains("EUC-KR") && encodings.contains("UTF-8"), "{encodings:?}");
}

fn mentions(record: &Value) -> Vec<String> {
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

#[test]
fn seeds_wrapped_in_page_furniture_give_the_same_mentions() {
    for (i, seed) in fixtures().iter().filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("00")).enumerate() {
        let page = html_dir().join(format!("s0{i}.html"));
        let inp = gisa_batch::input::Input::File { label: page.display().to_string(), path: page.clone() };
        let wrapped = serde_json::to_value(gisa_batch::read::process_input(engine(), &inp, gisa_batch::input::DEFAULT_MAX_BYTES).unwrap()).unwrap();
        check_offsets(&wrapped);
        assert_eq!(mentions(&wrapped), mentions(&run_fixture(seed)), "{}", page.display());
        assert!(!mentions(&wrapped).is_empty());
    }
}

#[test]
fn bad_pages_give_clear_errors_and_the_rest_still_runs() {
    let bad = html_dir().join("bad");
    let dir = tempdir("bad_html");
    // A 20 MB page: a real page whose body repeats one paragraph.
    let big = dir.join("big.html");
    let para = "<p>도는 2027년까지 80개 사업에 9700억원을 투자한다고 밝혔다.</p>\n";
    let body = para.repeat(20 * 1024 * 1024 / para.len() + 1);
    std::fs::write(&big, format!("<html><head><title>t</title></head><body><div class=\"txt\">{body}</div></body></html>")).unwrap();
    let out = gisa()
        .arg("extract")
        .args([bad.join("image.html"), bad.join("navonly.html"), bad.join("nobody.html"), big.clone(), bad.join("truncated.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 5);
    let err = |i: usize| lines[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(err(0).contains("PNG image"), "{}", err(0));
    assert!(err(1).contains("no article text"), "{}", err(1));
    assert!(err(2).contains("no article text"), "{}", err(2));
    assert!(err(3).contains("limit"), "{}", err(3));
    // Truncated mid-tag: the complete paragraphs are still the article.
    assert!(lines[4].get("error").is_none());
    assert!(lines[4]["amounts"].as_array().unwrap().iter().any(|a| a["value"] == 48_000_000_000u64));
    // With a higher limit the 20 MB page is read, not refused.
    let out = gisa().args(["article", "--format", "jsonl", "--max-bytes", "30000000"]).arg(&big).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A small HTTP server on 127.0.0.1: answers each path from `routes`
/// (path, status, body) and closes the connection; `/euckr…` pages are served
/// as EUC-KR and `/loop` redirects to itself.
fn serve(routes: Vec<(&'static str, &'static str, Vec<u8>)>) -> String {
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

#[test]
fn urls_are_fetched_decoded_and_failures_reported() {
    // EUC-KR bytes with the charset only in the HTTP header.
    let (page, _, _) = encoding_rs::EUC_KR.encode(
        "<html><head><title>경남도, 우주항공 1039억 원 투입</title></head><body><div class=\"txt\"><p>경상남도는 2027년까지 우주항공 복합도시 조성에 1039억 원을 투입한다고 밝혔다. 도는 12개 기업을 유치할 계획이다.</p></div></body></html>",
    );
    let base = serve(vec![
        ("/euckr.html", "200 OK", page.into_owned()),
        ("/error", "500 Internal Server Error", b"oops".to_vec()),
        ("/loop", "302 Found", Vec::new()),
        ("/big", "200 OK", "<p>가나다라</p>".repeat(200).into_bytes()),
    ]);
    let out = gisa().arg("extract").args([format!("{base}/euckr.html"), format!("{base}/error"), format!("{base}/loop")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines[0]["amounts"][0]["value"].as_u64(), Some(103_900_000_000));
    assert_eq!(lines[0]["source"]["encoding"], "EUC-KR");
    assert_eq!(lines[0]["source"]["url"], format!("{base}/euckr.html"));
    assert!(lines[0]["source"].get("path").is_none());
    assert_eq!(lines[0]["title"], "경남도, 우주항공 1039억 원 투입");
    assert!(lines[1]["error"].as_str().unwrap().contains("500"), "{}", lines[1]);
    assert!(lines[2]["error"].as_str().unwrap().contains("redirect"), "{}", lines[2]);
    let out = gisa().args(["extract", "--max-bytes", "1000", &format!("{base}/big")]).output().unwrap();
    let big = &jsonl(&out.stdout)[0]["error"];
    assert!(big.as_str().unwrap().ends_with("body over 1000 bytes (--max-bytes)"), "{big}");
}

// ---- the crawler, against a fake outlet on a real HTTP server (axum) ----

mod outlet {
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

fn crawl_config(dir: &Path, port: u16) -> PathBuf {
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

fn frontier_rows(db: &Path) -> Vec<(String, String, Option<String>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut s = c.prepare("SELECT url, state, reason FROM frontier ORDER BY url").unwrap();
    let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

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

// ---- the tracking database and `gisa run`, on SQLite and PostgreSQL ----

/// A fresh database of each kind: a SQLite file, and a new database on the
/// PostgreSQL server that scripts/test.sh starts ($GISA_TEST_POSTGRES_URL).
fn databases(name: &str, dir: &Path) -> Vec<String> {
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

fn run_config(dir: &Path, port: u16, db: &str, tag: &str) -> PathBuf {
    let sub = dir.join(tag);
    std::fs::create_dir_all(&sub).unwrap();
    crawl_config(&sub, port);
    let config = sub.join("gisa.toml");
    std::fs::write(&config, format!("database = \"{db}\"\nsources = \"sources.toml\"\n")).unwrap();
    config
}

fn export(db: &str, what: &str, format: &str) -> String {
    let out = gisa().args(["export", "--database", db, "--what", what, "--format", format]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn counts(db: &str) -> Value {
    let mut store = gisa_store::Store::open(db).unwrap();
    store.counts().unwrap()
}

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
            let expected: usize = ["amounts", "counts", "years", "programs", "percentages"].iter().map(|k| r[k].as_array().unwrap().len()).sum();
            let stored = mentions.iter().filter(|m| m["article_id"] == a["id"]).count();
            assert_eq!(stored, expected, "{}", a["url"]);
        }
    }
}

// ---- archives: JSON Lines in, JSON Lines or CSV out, shards ----

#[test]
fn jsonl_archives_stream_with_line_numbered_errors_csv_and_shards() {
    let dir = tempdir("archive");
    let mut lines: Vec<String> = (1..=30)
        .map(|i| serde_json::json!({"id": i, "url": format!("https://e.kr/news/{i}"), "headline": format!("기사 {i}"),
            "body": format!("도는 2027년까지 {i}개 사업에 {i}00억원을 투자한다.\n저작권자 © 가신문 무단전재 및 재배포 금지"),
            "date": "2024.01.17", "outlet": "가신문"}).to_string())
        .collect();
    lines.insert(4, "{not json".into());
    lines.insert(9, serde_json::json!({"headline": "본문 없음"}).to_string());
    let archive = dir.join("a.jsonl");
    std::fs::write(&archive, lines.join("\n") + "\n").unwrap();
    let gz = dir.join("b.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut enc, lines[..3].join("\n").as_bytes()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let map = ["--field", "text=body", "--field", "title=headline", "--field", "published=date"];

    let out = gisa().arg("extract").args(map).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "two bad lines");
    let records = jsonl(&out.stdout);
    assert_eq!(records.len(), 32 + 3, "one line per record, in order, bad ones included");
    assert_eq!(records[4]["source"]["path"], format!("{}:5", archive.display()));
    assert!(records[4]["error"].as_str().unwrap().contains("not valid JSON"));
    assert!(records[9]["error"].as_str().unwrap().contains("no 'body' or 'html' field"));
    let first = &records[0];
    assert_eq!(first["title"], "기사 1");
    assert_eq!(first["published"], "2024-01-17");
    assert_eq!(first["source"]["outlet"], "가신문");
    assert_eq!(first["text"], "도는 2027년까지 1개 사업에 100억원을 투자한다.", "copyright line dropped");
    assert_eq!(first["amounts"][0]["value"].as_u64(), Some(10_000_000_000));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("33 articles") && summary.contains("2 errors"), "{summary}");
    assert!(summary.contains("(not valid JSON: 1; no article text field (map yours with --field text=NAME): 1)"), "errors by kind: {summary}");

    // CSV, one row per mention, with a BOM, written atomically to --output.
    let csv_path = dir.join("out").join("mentions.csv");
    std::fs::create_dir_all(csv_path.parent().unwrap()).unwrap();
    let out = gisa().arg("extract").args(map).args(["--format", "csv", "--bom", "-o"]).arg(&csv_path).arg(&archive).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("\u{FEFF}article_id,source,url,outlet,published,kind,text,value"));
    let mentions: usize = records[..32].iter().filter(|r| r.get("error").is_none()).map(|r| {
        ["amounts", "counts", "years", "programs", "percentages"].iter().map(|k| r[k].as_array().unwrap().len()).sum::<usize>()
    }).sum();
    assert_eq!(csv.lines().count(), 1 + mentions + 2, "header, mentions, two error rows");
    assert!(csv.lines().any(|l| l.contains(",amount,100억원,10000000000,KRW,")));
    let leftovers: Vec<_> = std::fs::read_dir(csv_path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

    // Shards: a partition of the archive, the same every time.
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = gisa().arg("extract").args(map).args(["--shard", &format!("{k}/3")]).arg(&archive).output().unwrap();
        let again = gisa().arg("extract").args(map).args(["--shard", &format!("{k}/3")]).arg(&archive).output().unwrap();
        assert_eq!(out.stdout, again.stdout, "deterministic");
        let part = jsonl(&out.stdout);
        assert!(!part.is_empty() && part.len() < 32, "shard {k} has {}", part.len());
        seen.extend(part.iter().map(|r| r["id"].as_str().map_or_else(|| r["source"]["path"].to_string(), str::to_string)));
    }
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (32, 32), "every record in exactly one shard");
    let bad = gisa().args(["extract", "--shard", "4/3"]).arg(&archive).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));

    // --unordered writes the same records, in whatever order they finish.
    let ordered = gisa().arg("extract").args(map).args(["--jobs", "2"]).arg(&archive).output().unwrap();
    let unordered = gisa().arg("extract").args(map).args(["--jobs", "2", "--unordered"]).arg(&archive).output().unwrap();
    assert_eq!(unordered.status.code(), Some(1));
    let sorted = |out: &[u8]| {
        let mut lines: Vec<String> = String::from_utf8_lossy(out).lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&ordered.stdout), sorted(&unordered.stdout));
    assert_eq!(jsonl(&ordered.stdout).len(), 32);

    // JSON Lines on stdin stream like an archive file, errors numbered as stdin:LINE.
    let mut child = gisa().arg("extract").args(map).arg("-").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let body = std::fs::read(&archive).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &body));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let from_stdin = jsonl(&out.stdout);
    assert_eq!(from_stdin.len(), 32);
    assert_eq!(from_stdin[4]["source"]["path"], "stdin:5");
    assert_eq!(from_stdin[0]["amounts"], jsonl(&ordered.stdout)[0]["amounts"]);
}

// ---- the crawler's politeness and frontier, exactly (issue 14) ----
#[path = "gisa/crawl_exact.rs"]
mod crawl_exact;

// ---- hostile inputs (issue 15) ----
#[path = "gisa/hostile.rs"]
mod hostile;

// ---- fuzzing: property tests on stable (issue 15) ----
#[path = "gisa/fuzz.rs"]
mod fuzz;
