use crate::common::*;

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
        ["amounts", "counts", "years", "programs", "percentages", "regions"].iter().map(|k| r[k].as_array().unwrap().len()).sum::<usize>()
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
