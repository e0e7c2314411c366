//! Metadata written in the text itself: date lines (작성일 23-05-06,
//! 입력 2024.01.17 10:00), copyright lines naming the outlet, source URLs.

use once_cell::sync::Lazy;
use regex::Regex;

static DATE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:작성일|입력|승인|등록일?|기사입력|발행일|게재일)\s*:?\s*(\d{2,4})[.\-/년]\s*(\d{1,2})[.\-/월]\s*(\d{1,2})").unwrap()
});
static OUTLET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:저작권자|Copyright)\s*(?:\(c\)|[©ⓒ])\s*(?:\d{4}\s+)?([^\s,.]+(?:\s?[^\s,.]+)?)\s*(?:무단|All|\.|$)|^\[([^\[\]\s]+)\s+[^\[\]\s]+\s*기자\]").unwrap()
});
static SOURCE_URL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:원문\s*)?출처\s*:\s*(https?://\S+)$").unwrap());

/// `23-05-06` → `2023-05-06`; `2024.1.7` → `2024-01-07`. None for impossible dates.
pub fn parse_korean_date(y: &str, m: &str, d: &str) -> Option<String> {
    let mut year: u32 = y.parse().ok()?;
    if y.len() == 2 {
        year += 2000;
    }
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    if !(1990..=2100).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A line that is only a date and a time: "2023.06.12. 오후 3:01".
static BARE_STAMP: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\d{4})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})\.?\s*(?:\([^)]{1,3}\)\s*)?(?:오전|오후|AM|PM)?\s*\d{1,2}:\d{2}").unwrap());

/// The first publication date found in a date line (입력 2024.01.17), else
/// in a line that is only a date and time.
pub fn find_published(lines: &[&str]) -> Option<String> {
    lines
        .iter()
        .find_map(|l| {
            let c = DATE_LINE.captures(l)?;
            parse_korean_date(&c[1], &c[2], &c[3])
        })
        .or_else(|| {
            // A short line: a byline with its time stamp, not a sentence.
            lines.iter().filter(|l| l.chars().count() <= 60).find_map(|l| {
                let c = BARE_STAMP.captures(l.trim())?;
                parse_korean_date(&c[1], &c[2], &c[3])
            })
        })
}

pub(crate) fn find_outlet(lines: &[&str]) -> Option<String> {
    lines.iter().find_map(|l| {
        let c = OUTLET.captures(l.trim())?;
        c.get(1).or_else(|| c.get(2)).map(|m| m.as_str().trim().to_string())
    })
}

pub fn find_source_url(lines: &[&str]) -> Option<String> {
    lines.iter().find_map(|l| SOURCE_URL.captures(l.trim()).map(|c| c[1].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(find_published(&["댓글 0건 작성일 23-05-06"]), Some("2023-05-06".into()));
        assert_eq!(find_published(&["입력 2024.01.17 10:00"]), Some("2024-01-17".into()));
        assert_eq!(find_published(&["승인 2024-03-04"]), Some("2024-03-04".into()));
        assert_eq!(find_published(&["작성일 2024-13-04"]), None);
        assert_eq!(find_published(&["강원일보", "2023.06.12. 오후 3:01"]), Some("2023-06-12".into()));
        assert_eq!(find_outlet(&["Copyright © 2016 경북동부뉴스. All rights reserved."]), Some("경북동부뉴스".into()));
    }

    #[test]
    fn outlet_and_url() {
        assert_eq!(find_outlet(&["저작권자 © 충북메이커스 무단전재 및 재배포 금지"]), Some("충북메이커스".into()));
        assert_eq!(find_outlet(&["[충북메이커스 남수미 기자]충북도가 발표했다."]), Some("충북메이커스".into()));
        assert_eq!(
            find_source_url(&["원문 출처: https://www.tokenpost.kr/article-150827"]),
            Some("https://www.tokenpost.kr/article-150827".into())
        );
    }
}
