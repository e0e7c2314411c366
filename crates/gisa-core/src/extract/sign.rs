//! A sign written directly before a number: △/▼/-/− (a decrease or a
//! negative figure, as in Korean financial tables: 영업손실 △500억원, 전년
//! 대비 -3.2%) and ▲/+ (an increase). The SPEC has no sign field, so a
//! minus makes `value` negative and either sign becomes part of the
//! mention's text; a number never silently loses its sign.
//!
//! △ and ▲ are also bullets in Korean press ("주요 내용은 △500억원 규모 펀드
//! 조성 △인재 양성"): a triangle at the start of a line, or on a line where a
//! triangle of the same kind starts a word, is a bullet, not a sign.

use super::Doc;

/// Lines that use each triangle as a bullet, found once per document on the
/// first triangle seen (so the check stays linear in the text).
#[derive(Default)]
pub struct Signs {
    /// Start offset of every line, ascending.
    line_starts: Vec<usize>,
    /// Per line: (△ is a bullet, ▲ is a bullet, ▼ is a bullet).
    bullets: Vec<[bool; 3]>,
    ready: bool,
}

fn triangle(c: char) -> Option<usize> {
    match c {
        '△' | '▽' => Some(0),
        '▲' => Some(1),
        '▼' => Some(2),
        _ => None,
    }
}

impl Signs {
    fn prepare(&mut self, doc: &Doc) {
        if self.ready {
            return;
        }
        self.ready = true;
        self.line_starts.push(0);
        self.bullets.push([false; 3]);
        for (i, &c) in doc.chars.iter().enumerate() {
            if c == '\n' {
                self.line_starts.push(i + 1);
                self.bullets.push([false; 3]);
            } else if let Some(t) = triangle(c) {
                // A bullet starts a word: "△인재 양성", "△ 500억원".
                let next = doc.at(doc.skip_spaces(i + 1, 1));
                if next.is_some_and(|n| !n.is_ascii_digit() && !n.is_whitespace()) || doc.at(i + 1) == Some(' ') {
                    self.bullets.last_mut().expect("one line at least")[t] = true;
                }
            }
        }
    }

    /// The sign directly before the number starting at `start`: Some((negative,
    /// the sign's offset)). `hyphen`: whether `-` may be a minus here (not for
    /// the second end of a range, where it is the connector).
    pub fn before(&mut self, doc: &Doc, start: usize, hyphen: bool) -> Option<(bool, usize)> {
        let p = start.checked_sub(1)?;
        let written = doc.slice(p, start).chars().next()?;
        let negative = match written {
            '△' | '▽' | '▼' => true,
            '-' | '−' | '－' | '﹣' if hyphen => true,
            '▲' | '+' | '＋' => false,
            _ => return None,
        };
        // After a word or a number it is a dash or a connector (코로나-19, 3-5억).
        let q = p.checked_sub(1).and_then(|q| doc.at(q));
        if !q.is_none_or(|q| q.is_whitespace() || matches!(q, '(' | '[' | '{' | ':' | '=' | ',' | '"' | '\'' | '「' | '《' | '/' | '·')) {
            return None;
        }
        // At the start of a line: a list bullet ("- 500억원 확보", "△1조원 투입").
        let mut k = p;
        while k > 0 && matches!(doc.at(k - 1), Some(' ' | '\t')) {
            k -= 1;
        }
        if k == 0 || doc.at(k - 1) == Some('\n') {
            return None;
        }
        if let Some(t) = triangle(written) {
            self.prepare(doc);
            let line = self.line_starts.partition_point(|&s| s <= p) - 1;
            if self.bullets[line][t] {
                return None;
            }
        }
        Some((negative, p))
    }
}
