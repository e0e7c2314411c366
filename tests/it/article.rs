use crate::common::*;

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
        let c = gisa_batch::read::clean_input(&engine().lexicon.cleaning, &inp, gisa_batch::input::DEFAULT_MAX_BYTES).unwrap_or_else(|e| panic!("{e}"));
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
