//! Bytes → text for Korean pages, which are still often EUC-KR/CP949 and
//! sometimes mislabelled. The order follows the HTML standard's encoding
//! sniffing: byte-order mark, the HTTP `Content-Type` charset, a `<meta>`
//! charset / `http-equiv` (or an XML prolog's `encoding=`), then detection
//! with chardetng using the `kr` top-level-domain hint. encoding_rs maps the
//! label `euc-kr` to windows-949, so CP949-only syllables decode cleanly.
//! ISO-2022-KR (7-bit, which encoding_rs deliberately refuses) is decoded here.

use std::borrow::Cow;
use encoding_rs::{Encoding, EUC_KR, UTF_8};

/// Where the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A byte-order mark (UTF-8 or UTF-16); it beats every declaration.
    Bom,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    HttpHeader,
    /// `<meta charset>`, `http-equiv`, or an XML prolog.
    Declared,
    /// No usable declaration: guessed from the bytes.
    Sniffed,
}

/// Bytes decoded to text, with the encoding used and what chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The decoded text, without the byte-order mark: borrowed from the
    /// bytes when they are UTF-8 already, so a large file is not held twice.
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name (`UTF-8`, `EUC-KR`, `ISO-2022-KR` …).
    pub encoding: &'static str,
    /// What decided `encoding`.
    pub evidence: Evidence,
    /// U+FFFD characters produced for bytes that did not decode.
    pub replacements: usize,
}

/// How far into the document a declaration is looked for (the HTML standard's prescan uses 1024).
const PRESCAN: usize = 4096;

/// Decodes `bytes`, given the HTTP `Content-Type` header when there is one.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], Evidence::Bom);
    }
    if is_iso2022kr(bytes) {
        let text = decode_iso2022kr(bytes);
        let replacements = count_replacements(&text);
        return Decoded { text: Cow::Owned(text), encoding: "ISO-2022-KR", evidence: Evidence::Declared, replacements };
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .map(|e| (e, Evidence::HttpHeader))
        .or_else(|| prescan(bytes).map(|e| (e, Evidence::Declared)));
    if let Some((enc, evidence)) = declared {
        // A declaration is trusted unless the bytes contradict it: "utf-8"
        // over EUC-KR bytes, or euc-kr over UTF-8, is a common server mistake.
        let d = finish(enc, bytes, evidence);
        if d.replacements == 0 {
            return d;
        }
        let sniffed = sniff(bytes);
        return if sniffed.replacements < d.replacements { sniffed } else { d };
    }
    sniff(bytes)
}

fn finish<'a>(enc: &'static Encoding, bytes: &'a [u8], evidence: Evidence) -> Decoded<'a> {
    // UTF-16 labels in a <meta> are a lie by definition (the meta was read as ASCII).
    let enc = if evidence == Evidence::Declared && (enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE) { UTF_8 } else { enc };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replacements = count_replacements(&text);
    Decoded { text, encoding: enc.name(), evidence, replacements }
}

fn sniff(bytes: &[u8]) -> Decoded<'_> {
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return finish(UTF_8, bytes, Evidence::Sniffed);
    }
    // EUC-KR that decodes cleanly to Hangul wins whatever chardetng guesses
    // (the rule below): every other encoding it can guess decodes these bytes
    // to no Hangul syllable at all (`no_other_guess_decodes_hangul` checks the
    // code tables), so detection, a full pass over the page, is skipped.
    let k = finish(EUC_KR, bytes, Evidence::Sniffed);
    if k.replacements == 0 && hangul(&k.text) > 0 {
        return k;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"kr"), chardetng::Utf8Detection::Allow);
    if guess == EUC_KR {
        return k;
    }
    let d = finish(guess, bytes, Evidence::Sniffed);
    // Korean text is what we read: when the guess is not a Korean encoding and
    // EUC-KR decodes with fewer errors, prefer EUC-KR.
    if k.replacements < d.replacements || (k.replacements == d.replacements && hangul(&k.text) > hangul(&d.text)) {
        return k;
    }
    d
}

/// UTF-8 but for a few bad bytes (a stray byte, a file cut mid-character):
/// at least 4 valid multi-byte characters for each invalid sequence. Such
/// text stays UTF-8, with U+FFFD for the bad bytes (and the pipeline still
/// refuses it when they are over 5% of the text). EUC-KR text is never this:
/// its lead bytes 0xB0–0xC8 are mostly not UTF-8 lead bytes, so nearly every
/// syllable is an invalid sequence and about one in ten is valid by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && invalid * 4 <= multibyte
}

fn hangul(s: &str) -> usize {
    s.chars().filter(|c| ('가'..='힣').contains(c)).count()
}

fn count_replacements(s: &str) -> usize {
    // A substring search (memchr), not a walk over every char.
    s.matches('\u{FFFD}').count()
}

/// `text/html; charset=EUC-KR` → `EUC-KR`.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// A `<meta charset=…>`, `<meta http-equiv=Content-Type content="…; charset=…">`
/// or `<?xml … encoding="…"?>` in the first bytes, read as ASCII.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let find = |needle: &[u8], from: usize| lower[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from);
    let value_after = |at: usize| -> Option<&'static Encoding> {
        let rest = &head[at..];
        let rest = rest.strip_prefix(b"=").or_else(|| {
            let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
            rest[skip..].strip_prefix(b"=")
        })?;
        let skip = rest.iter().take_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'').count();
        let rest = &rest[skip..];
        let len = rest.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')).count();
        Encoding::for_label(&rest[..len])
    };
    if lower.starts_with(b"<?xml") {
        let end = find(b"?>", 0).unwrap_or(lower.len());
        if let Some(at) = find(b"encoding", 0).filter(|a| *a < end) {
            if let Some(e) = value_after(at + "encoding".len()) {
                return Some(e);
            }
        }
    }
    let mut from = 0;
    while let Some(meta) = find(b"<meta", from) {
        let end = find(b">", meta).unwrap_or(lower.len());
        if let Some(at) = find(b"charset", meta).filter(|a| *a < end) {
            if let Some(e) = value_after(at + "charset".len()) {
                return Some(e);
            }
        }
        from = end.min(lower.len() - 1) + 1;
        if from >= lower.len() {
            break;
        }
    }
    None
}

/// RFC 1557: the designator `ESC $ ) C` at the start of the text (or of a line).
fn is_iso2022kr(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii()) && bytes.windows(4).take(PRESCAN).any(|w| w == b"\x1b$)C")
}

/// SO (0x0E) switches to KS X 1001 two-byte codes (EUC-KR minus the high
/// bit), SI (0x0F) and every line end switch back to ASCII.
fn decode_iso2022kr(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut shifted = false;
    let mut pair: Vec<u8> = Vec::with_capacity(2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(b"\x1b$)C") {
            i += 4;
            continue;
        }
        match b {
            0x0E => shifted = true,
            0x0F => shifted = false,
            b'\n' | b'\r' => {
                shifted = false;
                out.push(b as char);
            }
            _ if shifted && (0x21..=0x7E).contains(&b) => {
                pair.push(b | 0x80);
                if pair.len() == 2 {
                    let (s, _) = EUC_KR.decode_without_bom_handling(&pair);
                    out.push_str(&s);
                    pair.clear();
                }
            }
            _ if shifted => out.push('\u{FFFD}'),
            _ => out.push(b as char),
        }
        i += 1;
    }
    if !pair.is_empty() {
        out.push('\u{FFFD}');
    }
    out
}

/// Magic numbers of files that are sometimes served or saved as text.
const BINARY_MAGIC: [(&[u8], &str); 7] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an HWPX/DOCX file)"),
    (b"\xD0\xCF\x11\xE0", "an OLE document (HWP, DOC, XLS)"),
    (b"\x1F\x8B", "gzip-compressed data"),
];

/// Refuses bytes that are not a text or HTML document: empty, a known
/// binary format, or NUL bytes (outside UTF-16 text with a byte-order mark).
pub fn check_content(name: &str, bytes: &[u8]) -> crate::Result<()> {
    let not_text = |m: String| Err(crate::Error::new(crate::ErrorKind::NotText, m));
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return not_text(format!("{name} is empty"));
    }
    if let Some((_, what)) = BINARY_MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return not_text(format!("{name} is {what}, not text or HTML"));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && bytes.contains(&0) {
        return not_text(format!("{name} looks binary (it contains NUL bytes), not text"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // "한국 기사" in EUC-KR.
    const EUCKR: &[u8] = &[0xC7, 0xD1, 0xB1, 0xB9, 0x20, 0xB1, 0xE2, 0xBB, 0xE7];

    #[test]
    fn order_of_evidence() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("기사".as_bytes());
        assert_eq!(decode(&bom, Some("text/html; charset=euc-kr")).evidence, Evidence::Bom);
        let d = decode(EUCKR, Some("text/html; charset=\"EUC-KR\""));
        assert_eq!((d.text.as_ref(), d.encoding, d.evidence), ("한국 기사", "EUC-KR", Evidence::HttpHeader));
        let mut page = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=ks_c_5601-1987'></head><body>".to_vec();
        page.extend_from_slice(EUCKR);
        let d = decode(&page, None);
        assert_eq!((d.encoding, d.evidence), ("EUC-KR", Evidence::Declared));
        assert!(d.text.ends_with("한국 기사"));
        let d = decode(EUCKR, None);
        assert_eq!((d.text.as_ref(), d.evidence), ("한국 기사", Evidence::Sniffed));
    }

    #[test]
    fn a_wrong_declaration_loses_to_the_bytes() {
        let d = decode(EUCKR, Some("text/html; charset=utf-8"));
        assert_eq!((d.text.as_ref(), d.replacements), ("한국 기사", 0));
        let d = decode("한국 기사".as_bytes(), Some("text/html; charset=euc-kr"));
        assert_eq!(d.text, "한국 기사");
    }

    #[test]
    fn cp949_only_syllables_under_an_euckr_label() {
        // 똠 (0x8C63) exists only in CP949's extension.
        let d = decode(&[0x8C, 0x63, 0xB0, 0xA1], Some("text/plain; charset=euc-kr"));
        assert_eq!((d.text.as_ref(), d.replacements), ("똠가", 0));
    }

    #[test]
    fn iso2022kr() {
        let d = decode(b"\x1b$)C\x0e\x47\x51\x31\x39\x0f abc\n", None);
        assert_eq!((d.text.as_ref(), d.encoding), ("한국 abc\n", "ISO-2022-KR"));
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let text = "경상남도는 2027년까지 우주항공 복합도시 조성에 1039억 원을 투입한다고 밝혔다.";
        // A stray byte in the middle, and the file cut in the middle of a character.
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(9, 0xFF);
        bytes.extend_from_slice(&"다".as_bytes()[..2]);
        let d = decode(&bytes, None);
        assert_eq!((d.encoding, d.replacements), ("UTF-8", 2));
        assert!(d.text.contains("우주항공 복합도시"), "{}", d.text);
        // Declared EUC-KR over such bytes: the bytes win.
        let d = decode(&bytes, Some("text/html; charset=euc-kr"));
        assert_eq!((d.encoding, d.replacements), ("UTF-8", 2));
        // Real EUC-KR is still EUC-KR.
        let (euckr, _, _) = EUC_KR.encode(text);
        let d = decode(&euckr, None);
        assert_eq!((d.text.as_ref(), d.encoding), (text, "EUC-KR"));
    }

    /// Why `sniff` may return clean EUC-KR without asking chardetng: no
    /// other encoding it can guess turns bytes into Hangul syllables, so
    /// EUC-KR with no replacement and some Hangul always wins the comparison
    /// (fewer replacements, or as few and more Hangul). Single-byte tables
    /// hold no Hangul; for the CJK ones every one- and two-byte sequence (and
    /// EUC-JP's three-byte JIS X 0212 ones) is decoded here. GBK's decoder
    /// (GB18030) reaches Hangul only through four-byte sequences, whose second
    /// byte is an ASCII digit; in bytes that decode as EUC-KR without error
    /// every lead byte is followed by a trail byte 0x41 or above, and GB18030
    /// reads those same pairs as two-byte characters, so it never gets there.
    #[test]
    fn no_other_guess_decodes_hangul() {
        let hangul_in = |enc: &'static Encoding, bytes: &[u8]| hangul(&enc.decode_without_bom_handling(bytes).0);
        let single = [
            encoding_rs::IBM866, encoding_rs::ISO_8859_2, encoding_rs::ISO_8859_4, encoding_rs::ISO_8859_5, encoding_rs::ISO_8859_6,
            encoding_rs::ISO_8859_7, encoding_rs::ISO_8859_8, encoding_rs::ISO_8859_8_I, encoding_rs::ISO_8859_13, encoding_rs::KOI8_U,
            encoding_rs::WINDOWS_874, encoding_rs::WINDOWS_1250, encoding_rs::WINDOWS_1251, encoding_rs::WINDOWS_1252,
            encoding_rs::WINDOWS_1253, encoding_rs::WINDOWS_1254, encoding_rs::WINDOWS_1255, encoding_rs::WINDOWS_1256,
            encoding_rs::WINDOWS_1257, encoding_rs::WINDOWS_1258,
        ];
        let all: Vec<u8> = (0..=255).collect();
        for enc in single {
            assert_eq!(hangul_in(enc, &all), 0, "{}", enc.name());
        }
        for enc in [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP, encoding_rs::BIG5, encoding_rs::GBK] {
            let mut pairs = Vec::with_capacity(128 * 256 * 3);
            for a in 0x80..=0xFFu8 {
                for b in 0..=0xFFu8 {
                    pairs.extend_from_slice(&[a, b, b'\n']);
                }
            }
            assert_eq!(hangul_in(enc, &pairs), 0, "{}", enc.name());
        }
        let mut triples = Vec::new();
        for a in 0xA1..=0xFEu8 {
            for b in 0xA1..=0xFEu8 {
                triples.extend_from_slice(&[0x8F, a, b, b'\n']);
            }
        }
        assert_eq!(hangul_in(encoding_rs::EUC_JP, &triples), 0);
    }

    #[test]
    fn garbage_is_counted_not_fatal() {
        let d = decode(&[0xFF, 0xFE, 0xFD, 0x80, 0x81], Some("text/html; charset=utf-8"));
        assert!(d.replacements > 0);
    }
}

#[cfg(test)]
mod samples {
    use super::*;

    /// The real encoded samples in fixtures/encodings (copied byte for byte
    /// from the chardet project's test data): each must decode to readable
    /// Hangul with no replacement character.
    #[test]
    fn every_real_sample_decodes_to_hangul() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/encodings");
        let expect = [
            ("cp949_news_text_no_charset.html", "EUC-KR", Evidence::Sniffed),
            ("euckr_acnnewswire_press_rss.xml", "EUC-KR", Evidence::Declared),
            ("cp949_declared_euckr_ricanet_rss.xml", "EUC-KR", Evidence::Declared),
            ("euckr_naver_blog_rss.xml", "EUC-KR", Evidence::Declared),
            ("euckr_error_page.html", "EUC-KR", Evidence::Sniffed),
            ("euckr_kaist_rss.xml", "EUC-KR", Evidence::Declared),
            ("iso2022kr_text.txt", "ISO-2022-KR", Evidence::Declared),
        ];
        for (file, encoding, evidence) in expect {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let d = decode(&bytes, None);
            assert_eq!((d.encoding, d.evidence, d.replacements), (encoding, evidence, 0), "{file}");
            let hangul = d.text.chars().filter(|c| ('가'..='힣').contains(c)).count();
            assert!(hangul >= 20, "{file}: only {hangul} Hangul syllables");
        }
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(check_content("a", b"  \n").unwrap_err().message().contains("empty"));
        assert!(check_content("a", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().message().contains("PNG image"));
        assert!(check_content("a", b"abc\0def").unwrap_err().message().contains("NUL bytes"));
        // EUC-KR bytes are text; decoding is the decode module's job.
        assert!(check_content("a", &[0xC7, 0xD1, 0xB1, 0xB9]).is_ok());
        assert!(check_content("a", &[0xFF, 0xFE, b'a', 0]).is_ok());
    }
}
