//! Hostile inputs (issue 15), through the real binary: one bad input never
//! costs the batch. Each test puts good inputs around the bad one and checks
//! that the good ones still give their records, the bad one gives one SPEC
//! error object (or its record), and the exit status says whether any failed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use super::{crawl_config, frontier_rows, gisa, jsonl, outlet, tempdir};

const GOOD: &str = "도는 2027년까지 80개 사업에 9700억원을 투자한다.";

fn good_file(dir: &Path) -> PathBuf {
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    good
}

fn amount(record: &Value) -> Option<u64> {
    record["amounts"][0]["value"].as_u64()
}

fn error(record: &Value) -> &str {
    record["error"].as_str().unwrap_or_default()
}

/// Runs `gisa` with `input` on stdin.
fn with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: gisa may stop reading (a limit) before the end.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn archive_lines(n: usize) -> String {
    (1..=n).map(|i| format!("{{\"text\":\"도는 {i}억원을 투자한다.\"}}\n")).collect()
}

// ---- 1. no stack overflow on deep trees ----

/// The issue's page (20,000 unclosed `<span>`s) and one a million elements
/// deep, after a good file: no abort; the good record is written, and each
/// deep page gives its record (the spans are inline text of the article).
#[test]
fn deeply_nested_pages_do_not_overflow_the_stack() {
    let dir = tempdir("hostile_deep");
    let good = good_file(&dir);
    let head: String = (1..=5).map(|i| format!("<p>도는 {i}단계 사업에 1039억원을 투자한다고 밝혔다. 사업은 2027년까지 이어진다.</p>")).collect();
    let head = format!("<html><body><article>{head}");
    let issue = dir.join("spans.html");
    std::fs::write(&issue, head.clone() + &"<span>x".repeat(20_000) + "</article></body></html>").unwrap();
    let deep = dir.join("deep.html");
    std::fs::write(&deep, head + &"<b><span>x ".repeat(500_000) + "</article></body></html>").unwrap();
    let out = gisa().arg("extract").args([&good, &issue, &deep]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(amount(&lines[0]), Some(970_000_000_000));
    for deep in &lines[1..] {
        assert_eq!(amount(deep), Some(103_900_000_000), "{}", error(deep));
        assert!(deep["text"].as_str().unwrap().contains("xxx") || deep["text"].as_str().unwrap().contains("x x x"));
    }
}

/// A million nested unclosed `<div>`s would keep the HTML parser busy for
/// hours (it looks through every open element at each `<div>`): the page is
/// one clear error, found before parsing, and the good file is still read.
#[test]
fn a_million_nested_divs_is_one_clear_error() {
    let dir = tempdir("hostile_divs");
    let good = good_file(&dir);
    let divs = dir.join("divs.html");
    std::fs::write(&divs, "<html><body>".to_string() + &"<div>x".repeat(1_000_000) + "</body></html>").unwrap();
    let out = gisa().arg("extract").args([&good, &divs]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(amount(&lines[0]), Some(970_000_000_000));
    assert!(error(&lines[1]).contains("nests 1000000 unclosed block elements"), "{}", lines[1]);
    assert_eq!(lines.len(), 2);
}

// ---- 2. a panic is one input's error ----

/// With the fault hook armed, processing any article that contains the word
/// panics as a bug would: that file, archive line or stdin record becomes
/// "internal error while processing", and the others are still written.
#[test]
fn a_panic_is_that_inputs_error_and_the_run_goes_on() {
    let dir = tempdir("hostile_panic");
    let good = good_file(&dir);
    let bomb = dir.join("bomb.txt");
    std::fs::write(&bomb, "폭탄 기사: 도는 500억원을 투자한다.").unwrap();
    let archive = dir.join("a.jsonl");
    std::fs::write(&archive, "{\"text\":\"도는 1억원을 투자한다.\"}\n{\"text\":\"폭탄 2억원\"}\n{\"text\":\"도는 3억원을 투자한다.\"}\n").unwrap();
    for unordered in [false, true] {
        let mut cmd = gisa();
        cmd.env("GISA_TEST_PANIC_ON", "폭탄").arg("extract").args([&bomb, &good, &archive]);
        if unordered {
            cmd.arg("--unordered");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let lines = jsonl(&out.stdout);
        assert_eq!(lines.len(), 5, "{}", String::from_utf8_lossy(&out.stderr));
        let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
        assert_eq!(errors.len(), 2, "{lines:?}");
        for e in &errors {
            assert!(error(e).starts_with("internal error while processing: "), "{}", error(e));
            assert_eq!(e["schema_version"], 1);
        }
        let mut paths: Vec<&str> = errors.iter().map(|e| e["source"]["path"].as_str().unwrap()).collect();
        paths.sort();
        assert_eq!(paths, [format!("{}", archive.display()) + ":2", bomb.display().to_string()]);
        let mut values: Vec<u64> = lines.iter().filter_map(amount).collect();
        values.sort();
        assert_eq!(values, [100_000_000, 300_000_000, 970_000_000_000]);
        if !unordered {
            assert!(lines[0].get("error").is_some() && lines[3].get("error").is_some(), "input order");
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("3 articles") && stderr.contains("2 errors"), "{stderr}");
    }
    // stdin JSON Lines too.
    let out = with_stdin(gisa().env("GISA_TEST_PANIC_ON", "폭탄").args(["extract", "-"]), &std::fs::read(&archive).unwrap());
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!((amount(&lines[0]), amount(&lines[2])), (Some(100_000_000), Some(300_000_000)));
    assert_eq!(lines[1]["source"]["path"], "stdin:2");
    assert!(error(&lines[1]).starts_with("internal error while processing"));
}

/// In a crawl, a page whose processing panics is recorded as failed with the
/// reason (never left queued, to be fetched and fail again every night),
/// gets its error object, and the other pages are still extracted.
#[test]
fn a_crawled_page_that_panics_is_failed_not_left_queued() {
    let (_outlet, port) = outlet::start();
    let dir = tempdir("hostile_crawl");
    let config = crawl_config(&dir, port);
    // Only /news/3 says "2027년까지 3개 사업".
    let out = gisa().env("GISA_TEST_PANIC_ON", "까지 3개 사업").args(["crawl", "--config"]).arg(&config).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let rows = frontier_rows(&dir.join("crawl.db"));
    assert!(rows.iter().all(|(_, s, _)| s != "queued"), "{rows:?}");
    let (_, state, reason) = rows.iter().find(|(u, _, _)| u.ends_with("/news/3")).unwrap();
    assert_eq!(state, "failed");
    let reason = reason.as_deref().unwrap();
    assert!(reason.starts_with("internal error while processing") && !reason.contains("/news/3"), "{reason}");
    assert!(stderr.contains("internal error while processing"), "{stderr}");
    let records = jsonl(&out.stdout);
    let failed: Vec<&Value> = records.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(failed.len(), 1, "{records:?}");
    assert!(failed[0]["source"]["url"].as_str().unwrap().ends_with("/news/3"));
    for n in [1, 2, 4, 5, 6, 7, 8] {
        let row = rows.iter().find(|(u, _, _)| u.ends_with(&format!("/news/{n}"))).unwrap();
        assert_eq!(row.1, "fetched", "{row:?}");
        assert!(records.iter().any(|r| r["source"]["url"].as_str().is_some_and(|u| u.ends_with(&format!("/news/{n}"))) && amount(r).is_some()));
    }
}

// ---- 3. gzip that ends badly ----

/// A truncated `.jsonl.gz` gives the records before the cut and one error for
/// the rest (it used to repeat the error forever); zero padding after the
/// data is accepted as `gzip -d` does; garbage after it is one error.
#[test]
fn truncated_or_padded_gzip_archives_end_with_one_error() {
    let dir = tempdir("hostile_gzip");
    let good = good_file(&dir);
    let whole = gzip(archive_lines(300).as_bytes());

    let truncated = dir.join("truncated.jsonl.gz");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let out = gisa().arg("extract").args([&truncated, &good]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    let (last, records) = lines.split_last().unwrap();
    assert_eq!(amount(last), Some(970_000_000_000), "the next input still runs");
    let (cut, records) = records.split_last().unwrap();
    assert!(error(cut).contains("truncated"), "{cut}");
    assert!(records.len() > 10 && records.len() < 300, "{} records before the cut", records.len());
    for (i, r) in records.iter().enumerate() {
        assert_eq!(amount(r), Some((i as u64 + 1) * 100_000_000), "record {i} in order, none lost");
    }

    let mut padded = whole.clone();
    padded.extend(std::iter::repeat(0u8).take(10_000));
    let padded_path = dir.join("padded.jsonl.gz");
    std::fs::write(&padded_path, &padded).unwrap();
    // Two members, as `cat a.gz b.gz` gives, then padding.
    let mut two = gzip(archive_lines(2).as_bytes());
    two.extend(&padded);
    let two_path = dir.join("two.jsonl.gz");
    std::fs::write(&two_path, &two).unwrap();
    let out = gisa().arg("extract").args([&padded_path, &two_path]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(jsonl(&out.stdout).len(), 300 + 2 + 300);

    let mut garbage = whole;
    garbage.extend(b"this is not gzip\n");
    let garbage_path = dir.join("garbage.jsonl.gz");
    std::fs::write(&garbage_path, &garbage).unwrap();
    let out = gisa().arg("extract").arg(&garbage_path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 301);
    assert!(error(&lines[300]).contains("not gzip"), "{}", lines[300]);
    assert!(lines[..300].iter().all(|l| amount(l).is_some()));
}

// ---- 4. --max-bytes for every record ----

/// A line over the limit is one error and the next line is read; the limit
/// holds for plain and gzip archives (a gzip bomb line), stdin and devices.
#[test]
fn max_bytes_bounds_every_record_whatever_its_source() {
    let dir = tempdir("hostile_max");
    let long = format!("{{\"text\":\"{}\"}}\n", "가".repeat(400_000));
    let archive = format!("{{\"text\":\"도는 1억원을 투자한다.\"}}\n{long}{{\"text\":\"도는 3억원을 투자한다.\"}}\n");
    let plain = dir.join("a.jsonl");
    std::fs::write(&plain, &archive).unwrap();
    let packed = dir.join("b.jsonl.gz");
    std::fs::write(&packed, gzip(archive.as_bytes())).unwrap();
    let bomb = dir.join("bomb.txt.gz");
    std::fs::write(&bomb, gzip(&vec![b'a'; 5_000_000])).unwrap();
    let out = gisa().args(["extract", "--max-bytes", "100000"]).args([&plain, &packed, &bomb]).arg("/dev/zero").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 8, "{}", String::from_utf8_lossy(&out.stderr));
    for (file, at) in [(&plain, 0), (&packed, 3)] {
        assert_eq!(amount(&lines[at]), Some(100_000_000));
        assert_eq!(lines[at + 1]["source"]["path"], format!("{}:2", file.display()));
        assert!(error(&lines[at + 1]).ends_with("over the 100000-byte limit (--max-bytes)"), "{}", lines[at + 1]);
        assert_eq!(amount(&lines[at + 2]), Some(300_000_000), "reading goes on at the next line");
    }
    assert!(error(&lines[6]).contains("unpacks to over the 100000-byte limit"), "{}", lines[6]);
    assert!(error(&lines[7]).contains("/dev/zero is over the 100000-byte limit"), "{}", lines[7]);

    // stdin: JSON Lines and one text article.
    let out = with_stdin(gisa().args(["extract", "--max-bytes", "100000", "-"]), archive.as_bytes());
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert!(error(&lines[1]).contains("over the 100000-byte limit"));
    let out = with_stdin(gisa().args(["extract", "--max-bytes", "1000", "-"]), "가".repeat(1000).as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(error(&jsonl(&out.stdout)[0]).contains("stdin is over the 1000-byte limit"));
    // The largest limit is no limit, not a limit of 0 (max + 1 wrapped).
    let out = with_stdin(gisa().args(["extract", "--max-bytes", "18446744073709551615", "-"]), GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(amount(&jsonl(&out.stdout)[0]), Some(970_000_000_000));
}

// ---- 5. decoding keeps what it can ----

/// UTF-8 with a stray byte, or cut in the middle of a character, stays UTF-8
/// with U+FFFD counted; a byte-order mark does not cost the first record of a
/// JSON Lines file or of stdin.
#[test]
fn stray_bytes_and_byte_order_marks_lose_nothing() {
    let dir = tempdir("hostile_decode");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.insert(3, 0xFF); // after "도"
    let stray = dir.join("stray.txt");
    std::fs::write(&stray, &bytes).unwrap();
    let mut cut = GOOD.as_bytes().to_vec();
    cut.extend_from_slice(&"다".as_bytes()[..2]);
    let cut_path = dir.join("cut.txt");
    std::fs::write(&cut_path, &cut).unwrap();
    let bom = "\u{FEFF}{\"text\":\"도는 1억원을 투자한다.\"}\n{\"text\":\"도는 2억원을 투자한다.\"}\n";
    let bom_path = dir.join("bom.jsonl");
    std::fs::write(&bom_path, bom).unwrap();
    let out = gisa().arg("extract").args([&stray, &cut_path, &bom_path]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 4);
    for l in &lines[..2] {
        assert_eq!(amount(l), Some(970_000_000_000));
        assert_eq!(l["source"]["replacement_chars"], 1);
        assert!(l["source"].get("encoding").is_none(), "UTF-8: {l}");
    }
    assert_eq!((amount(&lines[2]), amount(&lines[3])), (Some(100_000_000), Some(200_000_000)));

    let out = with_stdin(gisa().args(["extract", "-"]), bom.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines = jsonl(&out.stdout);
    assert_eq!(lines.len(), 2, "streamed as JSON Lines, not one article");
    assert_eq!(amount(&lines[0]), Some(100_000_000));
}

// ---- 6. smaller items ----

/// ’99 is 1999 (and starts a range to ’27); `--jobs` far over the cores is
/// capped with a warning instead of spawning threads for minutes.
#[test]
fn two_digit_years_and_too_many_jobs() {
    let r = super::extract_text("도는 ’99~’27년 계획과 ’75년 이후, ’30년까지의 목표를 세웠다.");
    let years: Vec<(u64, &str)> = r["years"].as_array().unwrap().iter().map(|y| (y["year"].as_u64().unwrap(), y["role"].as_str().unwrap())).collect();
    assert_eq!(years, [(1999, "start"), (2027, "target"), (1975, "mention"), (2030, "target")]);

    let dir = tempdir("hostile_jobs");
    let good = good_file(&dir);
    let out = gisa().args(["extract", "--jobs", "100000"]).arg(&good).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jobs 100000 is more than 4 ×"));
    assert_eq!(amount(&jsonl(&out.stdout)[0]), Some(970_000_000_000));
}

/// `-o` onto something that is not a regular file writes through it: a
/// symlink keeps pointing at the file that now holds the output, a FIFO gets
/// the records, and /dev/null stays a device.
#[test]
fn output_onto_a_symlink_fifo_or_device_writes_through_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir("hostile_output");
    let good = good_file(&dir);
    let target = dir.join("target.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = gisa().arg("extract").arg(&good).arg("-o").arg(&link).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a symlink");
    assert_eq!(amount(&jsonl(&std::fs::read(&target).unwrap())[0]), Some(970_000_000_000));

    let fifo = dir.join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = gisa().arg("extract").arg(&good).arg("-o").arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(amount(&jsonl(&reader.join().unwrap())[0]), Some(970_000_000_000));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");

    let out = gisa().arg("extract").arg(&good).args(["-o", "/dev/null"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

// ---- 7. the smaller silent losses ----

fn values(record: &Value, list: &str) -> Vec<(String, f64)> {
    record[list].as_array().unwrap().iter().map(|m| (m["text"].as_str().unwrap().to_string(), m["value"].as_f64().unwrap())).collect()
}

/// △ and - directly before a number make it negative, ▲ and + keep it
/// positive; the sign is part of the mention's text either way. A triangle
/// used as a bullet, a dash inside a word and a range's hyphen are no signs.
#[test]
fn signs_before_numbers_are_kept() {
    let r = super::extract_text("영업손실은 △500억원, 순이익은 -20억원(+3억원)이고 투자는 ▲10억원이다. 매출은 전년 대비 -3.2%, 점유율은 ▲1.5%p다.");
    assert_eq!(
        values(&r, "amounts"),
        [("△500억원".into(), -5e10), ("-20억원".into(), -2e9), ("+3억원".into(), 3e8), ("▲10억원".into(), 1e9)]
    );
    assert_eq!(r["amounts"][0]["value"].as_i64(), Some(-50_000_000_000), "an exact integer");
    assert_eq!(values(&r, "percentages"), [("-3.2%".into(), -3.2), ("▲1.5%p".into(), 1.5)]);

    let r = super::extract_text("주요 사업은 △500억원 규모 펀드 조성 △인재 양성이다. 사업비는 3-5억원이다.\n△1조원 투입\n- 200억원 확보");
    assert_eq!(
        values(&r, "amounts"),
        [("500억원".into(), 5e10), ("3".into(), 3e8), ("5억원".into(), 5e8), ("1조원".into(), 1e12), ("200억원".into(), 2e10)]
    );
}

/// A number too large for exact arithmetic is no mention (never a wrapped
/// value, and no tail of it read as 천원); `--explain` says why.
#[test]
fn numbers_too_large_are_no_mention_and_explain_says_why() {
    let r = super::extract_text("도는 999999999999999999999999999999천원과 99999999999999999999999999999999999999999억원, 5억원을 쓴다.");
    assert_eq!(values(&r, "amounts"), [("5억원".into(), 5e8)]);
    assert_eq!(r["counts"].as_array().unwrap().len(), 0);

    let out = with_stdin(gisa().args(["extract", "--explain", "-"]), "도는 999999999999999999999999999999천원을 쓴다.".as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let record = &jsonl(&out.stdout)[0];
    assert_eq!(record["amounts"].as_array().unwrap().len(), 0);
    let rejected = record["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["text"], "999999999999999999999999999999천");
    assert!(rejected[0]["reason"].as_str().unwrap().starts_with("too large to represent exactly"));
}

/// Commands that only read the database refuse a path that does not exist
/// (exit 1) instead of creating an empty database there.
#[test]
fn read_commands_on_a_missing_database_create_nothing() {
    let dir = tempdir("hostile_missing_db");
    let db = dir.join("typo.db");
    for args in [vec!["export", "--what", "articles"], vec!["programs"], vec!["reextract"]] {
        for url in [db.display().to_string(), format!("sqlite://{}", db.display())] {
            let out = gisa().args(&args).args(["--database", &url]).env_remove("GISA_DATABASE_URL").output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(&format!("no database at {}", db.display())), "{err}");
            assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "{args:?} created a file");
        }
    }
}

/// A libpq key=value string is PostgreSQL: it connects to the real server
/// (and when it cannot, the message hides the password); no SQLite file
/// named after it ever appears.
#[test]
fn libpq_keyword_strings_are_postgres() {
    let dir = tempdir("hostile_libpq");
    // A fresh database on the server scripts/test.sh starts, as a URL …
    let pg = super::databases("libpq", &dir).pop().unwrap();
    let config: postgres::Config = pg.parse().unwrap();
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        other => panic!("not a TCP host: {other:?}"),
    };
    // … and as the same database in libpq's key=value form.
    let keywords = format!(
        "host={host} port={} user={} dbname={}",
        config.get_ports()[0],
        config.get_user().unwrap(),
        config.get_dbname().unwrap()
    );
    let out = gisa().current_dir(&dir).args(["export", "--what", "articles", "--database", &keywords]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let out = gisa().current_dir(&dir).args(["export", "--database", "host=127.0.0.1 port=1 dbname=gisa user=gisa password=s3cr3t"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("cannot connect to host=127.0.0.1 port=1 dbname=gisa user=gisa password=***") && !err.contains("s3cr3t"), "{err}");
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "no file named after the string");
}

/// `--rules` naming a missing directory, or one holding no rule file, stops
/// gisa (exit 2) instead of running on the built-in rules; a rule file that
/// starts with a byte-order mark keeps its first entry.
#[test]
fn rules_directories_are_checked_and_byte_order_marks_skipped() {
    let dir = tempdir("hostile_rules");
    let good = good_file(&dir);
    let out = gisa().args(["extract", "--rules"]).arg(dir.join("nope")).arg(&good).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the --rules directory"));
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = gisa().args(["extract", "--rules"]).arg(&empty).arg(&good).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds none of the rule files"), "{}", String::from_utf8_lossy(&out.stderr));

    // 필지 as the first entry of a counters file written with a BOM.
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/counters.csv")).unwrap();
    std::fs::write(rules.join("counters.csv"), format!("\u{FEFF}필지,self\n{shipped}")).unwrap();
    let land = dir.join("land.txt");
    std::fs::write(&land, "도는 농지 30필지를 매입한다.").unwrap();
    let out = gisa().args(["extract", "--rules"]).arg(&rules).arg(&land).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let counts = &jsonl(&out.stdout)[0]["counts"];
    assert_eq!(counts[0]["counter"], "필지", "{counts}");
}

/// An expected file with a misspelt key or a wrongly typed value stops
/// `gisa eval` with `file:line`, instead of "all thresholds met".
#[test]
fn eval_rejects_unknown_fields_and_wrong_types() {
    let dir = tempdir("hostile_eval");
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    let expected = dir.join("a.expected.json");
    let cases = [
        ("{\n  \"title\": null,\n  \"ammounts\": []\n}\n", 3, "unknown field `ammounts`"),
        ("{\n  \"amounts\": [\n    {\"value\": \"970000000000\", \"currency\": \"KRW\"}\n  ]\n}\n", 3, "invalid type: string"),
        ("{\n  \"years\": [{\"year\": 2027, \"role\": \"target\", \"rol\": \"x\"}]\n}\n", 2, "unknown field `rol`"),
    ];
    for (text, line, what) in cases {
        std::fs::write(&expected, text).unwrap();
        let out = gisa().arg("eval").arg(&dir).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(&format!("{}:{line}: {what}", expected.display())), "{err}");
    }
    // The fields the regions work adds are known.
    std::fs::write(
        &expected,
        r#"{"extractor_version": "x", "regions": [{"name": "충청북도", "code": "43", "text": "충북", "level": "sido", "start": 0, "end": 2}],
            "amounts": [{"text": "9700억원", "value": 970000000000, "currency": "KRW", "approx": false, "bound": null, "about": "80개 사업", "region": null}]}"#,
    )
    .unwrap();
    let out = gisa().arg("eval").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A crawl against a host that refuses every connection fetched nothing:
/// exit 1, not 0.
#[test]
fn a_crawl_that_fetches_nothing_fails() {
    let dir = tempdir("hostile_refused");
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = crawl_config(&dir, port);
    let out = gisa().args(["crawl", "--config"]).arg(&config).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no page could be fetched"), "{err}");
    assert!(out.stdout.is_empty());
}

/// SIGTERM (or Ctrl-C) while `-o` is being written: the temporary file is
/// removed and the file it would have replaced is untouched.
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempdir("hostile_sigterm");
    let archive = dir.join("big.jsonl");
    std::fs::write(&archive, archive_lines(200_000)).unwrap();
    let target = dir.join("out.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    for signal in ["TERM", "INT"] {
        let mut child = gisa().arg("extract").args([&archive, &archive, &archive]).arg("-o").arg(&target).stderr(Stdio::null()).spawn().unwrap();
        let tmp = || std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).find(|n| n.starts_with(".out.jsonl.") && n.ends_with(".tmp"));
        // Wait until the output is being written (the dictionary loads first).
        let mut waited = 0;
        while tmp().is_none() && waited < 600 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        }
        assert!(tmp().is_some(), "no temporary file appeared");
        assert!(Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap().success());
        let status = child.wait().unwrap();
        assert!(status.signal().is_some(), "killed by the signal, not finished: {status:?}");
        assert_eq!(tmp(), None, "SIG{signal} left the temporary file");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
    }
}

/// A text far longer than any article is extracted a section at a time and
/// its record written through (issue 15's memory bound): nothing of it may
/// be lost, and every offset must still point into the whole text, in the
/// JSON Lines and the pretty JSON output, from a file and as an archive record.
#[test]
fn a_huge_article_loses_no_mention_and_keeps_its_offsets() {
    let dir = tempdir("huge-article");
    let n = 30_000;
    // Distinct lines (a repeated paragraph would be kept once): ~1.8 MB, ~600,000 chars.
    let text: String = (1..=n).map(|i| format!("제{i}차 사업에는 {i}억원을 투자하고 {i}개 기관이 참여한다.\n")).collect();
    std::fs::write(dir.join("huge.txt"), &text).unwrap();
    std::fs::write(dir.join("huge.jsonl"), format!("{}\n", serde_json::json!({ "text": text }))).unwrap();
    for (file, format) in [("huge.txt", "jsonl"), ("huge.txt", "json"), ("huge.jsonl", "jsonl")] {
        let out = gisa().args(["extract", "--format", format]).arg(dir.join(file)).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{file} {format}: {}", String::from_utf8_lossy(&out.stderr));
        let record: Value = serde_json::from_slice(&out.stdout).unwrap();
        crate::common::check_offsets(&record);
        let values: Vec<u64> = record["amounts"].as_array().unwrap().iter().map(|a| a["value"].as_u64().unwrap()).collect();
        assert_eq!(values, (1..=n as u64).map(|i| i * 100_000_000).collect::<Vec<_>>(), "{file} {format}");
        assert_eq!(record["counts"].as_array().unwrap().len(), n, "{file} {format}");
        let kept = record["text"].as_str().unwrap();
        assert_eq!(kept.matches("억원을 투자하고").count(), n, "{file} {format}: every line kept");
    }
}
