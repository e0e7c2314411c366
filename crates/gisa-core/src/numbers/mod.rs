//! Korean number grammar: digits, commas and decimals mixed with 십/백/천 and
//! the big magnitudes 만/억/조/경, pure Hangul numerals (이천칠백사십오억), and
//! the approximate coefficient 수 (수백억) and suffix 여 (50여억, 100여).
//!
//! Works on folded chars (see `normalize`), so 兆/億/萬 and full-width digits
//! are already plain. Values are exact: kept as integers scaled by 10⁶ so that
//! 10.5조 or 1.3만 never touch floating point.

#[cfg(test)]
mod tests;

/// The largest value a number may have (i64::MAX, about 922경).
pub const MAX_VALUE: u128 = i64::MAX as u128;

/// Fixed-point scale: six decimal places are kept exactly.
const SCALE: u128 = 1_000_000;

/// A number found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// Char offsets of the whole expression, end exclusive.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// The value × 10⁶ (fixed point).
    scaled: u128,
    /// The smallest big magnitude (4 = 만, 8 = 억, 12 = 조, 16 = 경) used, if any.
    pub magnitude: Option<u32>,
    /// Written approximately: 수백, 수억, 50여.
    pub approx: bool,
    /// Contains at least one digit (as opposed to Hangul numerals only).
    pub has_digit: bool,
    /// Contains a decimal point.
    pub has_decimal: bool,
    /// Too large: beyond `MAX_VALUE`, or beyond exact arithmetic (10³² with
    /// the 10⁶ scale). The value is meaningless, and `parse_at` never
    /// returns such a number.
    pub overflow: bool,
}

impl Number {
    /// The integer value (decimals below one are dropped: 0.5원 → 0).
    pub fn value(&self) -> u128 {
        self.scaled / SCALE
    }

    /// The value as written, for percentages and other non-money uses.
    pub fn as_f64(&self) -> f64 {
        self.scaled as f64 / SCALE as f64
    }

    /// The value multiplied by 10^`power`, for ranges whose first end borrows the
    /// magnitude of the second (3~5억 → 3억); None when that overflows.
    pub fn value_times_pow10(&self, power: u32) -> Option<u128> {
        10u128.checked_pow(power).and_then(|p| self.scaled.checked_mul(p)).map(|v| v / SCALE).filter(|&v| v <= MAX_VALUE)
    }

    /// True for a number without a big magnitude word, written with digits
    /// (`2000`, `1,000`, `2천`): the first end of a range that may borrow the
    /// second end's magnitude (2천~3천억 → 2천억).
    pub fn is_plain_digits(&self) -> bool {
        self.magnitude.is_none() && self.has_digit
    }
}

fn hangul_digit(c: char) -> Option<u128> {
    Some(match c {
        '일' => 1,
        '이' => 2,
        '삼' => 3,
        '사' => 4,
        '오' => 5,
        '육' | '륙' => 6,
        '칠' => 7,
        '팔' => 8,
        '구' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<u128> {
    Some(match c {
        '십' => 10,
        '백' => 100,
        '천' => 1000,
        _ => return None,
    })
}

/// Big magnitude words as powers of ten.
pub fn magnitude(c: char) -> Option<u32> {
    Some(match c {
        '만' => 4,
        '억' => 8,
        '조' => 12,
        '경' => 16,
        _ => return None,
    })
}

/// Can a number start with this char?
pub fn can_start(c: char) -> bool {
    c.is_ascii_digit() || hangul_digit(c).is_some() || small_unit(c).is_some() || c == '수'
}

struct Small {
    scaled: u128,
    end: usize,
    has_digit: bool,
    has_unit: bool,
    has_decimal: bool,
    approx: bool,
    present: bool,
    /// Arithmetic overflowed: the extent is right, the value is not.
    overflow: bool,
}

fn at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

/// Digits with optional thousands commas (only `,ddd` groups) and decimals:
/// (value × 10⁶, end, has a decimal, overflowed). A digit run too long for
/// exact arithmetic is still read to its end, so no tail of it is read as a
/// number of its own.
fn parse_digits(chars: &[char], mut i: usize) -> Option<(u128, usize, bool, bool)> {
    let start = i;
    let mut int: u128 = 0;
    let mut overflow = false;
    while let Some(c) = at(chars, i) {
        if let Some(d) = c.to_digit(10) {
            match int.checked_mul(10).and_then(|v| v.checked_add(d as u128)) {
                Some(v) => int = v,
                None => {
                    overflow = true;
                    int = u128::MAX;
                }
            }
            i += 1;
        } else if c == ','
            && i > start
            && (1..=3).all(|k| at(chars, i + k).is_some_and(|c| c.is_ascii_digit()))
            && !at(chars, i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    if i == start {
        return None;
    }
    let mut scaled = int.checked_mul(SCALE).unwrap_or_else(|| {
        overflow = true;
        u128::MAX
    });
    let mut has_decimal = false;
    if at(chars, i) == Some('.') && at(chars, i + 1).is_some_and(|c| c.is_ascii_digit()) {
        has_decimal = true;
        i += 1;
        let mut place = SCALE / 10;
        while let Some(d) = at(chars, i).and_then(|c| c.to_digit(10)) {
            // Digits past the sixth decimal place add 0 (place is 0 by then).
            scaled = scaled.checked_add(d as u128 * place).unwrap_or_else(|| {
                overflow = true;
                u128::MAX
            });
            place /= 10;
            i += 1;
        }
    }
    Some((scaled, i, has_decimal, overflow))
}

/// `sum + a × b`, or u128::MAX with `overflow` set when that does not fit
/// (saturated, so that comparisons still treat it as the huge number it is).
fn add_product(sum: u128, a: u128, b: u128, overflow: &mut bool) -> u128 {
    a.checked_mul(b).and_then(|p| p.checked_add(sum)).unwrap_or_else(|| {
        *overflow = true;
        u128::MAX
    })
}

/// A number below 10⁴ written with 십/백/천: `2천475`, `3백`, `천`, `이천칠백사십오`, `수백`.
fn parse_small(chars: &[char], start: usize) -> Small {
    parse_small_below(chars, start, u128::MAX)
}

/// `parse_small` whose first unit must be below `below` (the unit of the
/// group before a space: "2천 3백억" reads 3백 only under 천). Units only
/// shrink, so the look-ahead nests at most three deep.
fn parse_small_below(chars: &[char], start: usize, below: u128) -> Small {
    let mut s = Small {
        scaled: 0,
        end: start,
        has_digit: false,
        has_unit: false,
        has_decimal: false,
        approx: false,
        present: false,
        overflow: false,
    };
    let mut i = start;
    let mut last_unit = below;
    loop {
        // Coefficient: digits, one Hangul digit, or 수 (several) before a unit.
        let mut coef: Option<u128> = None;
        let mut j = i;
        let mut coef_is_digits = false;
        if let Some((v, e, dec, overflow)) = parse_digits(chars, i) {
            coef = Some(v);
            j = e;
            coef_is_digits = true;
            s.has_decimal |= dec;
            s.overflow |= overflow;
        } else if let Some(d) = at(chars, i).and_then(hangul_digit) {
            coef = Some(d * SCALE);
            j = i + 1;
        } else if at(chars, i) == Some('수')
            && at(chars, i + 1).is_some_and(|c| small_unit(c).is_some() || magnitude(c).is_some())
        {
            coef = Some(SCALE);
            j = i + 1;
            s.approx = true;
        }
        match at(chars, j).and_then(small_unit) {
            Some(unit) if unit < last_unit => {
                let c = coef.unwrap_or(SCALE);
                s.scaled = add_product(s.scaled, c, unit, &mut s.overflow);
                s.has_digit |= coef_is_digits;
                s.has_unit = true;
                s.present = true;
                last_unit = unit;
                i = j + 1;
                s.end = i;
                // "3조 2천 638억", "2천 3백억", "4천 3백 97억": a space may separate a
                // unit from a smaller group, when that group runs on to a magnitude.
                if at(chars, i) == Some(' ') && at(chars, i + 1).is_some_and(can_start) {
                    let next = parse_small_below(chars, i + 1, unit);
                    let mut e = next.end;
                    if at(chars, e) == Some('여') {
                        e += 1;
                    }
                    if next.present && next.scaled < unit * SCALE && at(chars, e).and_then(magnitude).is_some() {
                        i += 1;
                    }
                }
            }
            _ => {
                if let Some(c) = coef {
                    // A trailing coefficient without a unit: 2천475 → +475.
                    // A decimal or big digit run after a unit is not part of this number.
                    if last_unit != u128::MAX && c >= last_unit * SCALE {
                        break;
                    }
                    if at(chars, i) == Some('수') {
                        break; // 수 only counts before a unit or magnitude
                    }
                    s.scaled = add_product(s.scaled, c, 1, &mut s.overflow);
                    s.has_digit |= coef_is_digits;
                    s.present = true;
                    s.end = j;
                }
                break;
            }
        }
    }
    // 수 immediately before a magnitude (수억, 수조): coefficient 1, approximate.
    if !s.present && at(chars, start) == Some('수') && at(chars, start + 1).and_then(magnitude).is_some() {
        s.scaled = SCALE;
        s.approx = true;
        s.present = true;
        s.end = start + 1;
    }
    s
}

/// Parses the longest Korean number starting exactly at `start`.
///
/// Returns `None` when nothing numeric starts there, when only Hangul
/// numerals without any unit are present (사 in 사업 is not the number 4), or
/// when the value is too large for exact arithmetic (see `parse_extent`).
pub fn parse_at(chars: &[char], start: usize) -> Option<Number> {
    parse_extent(chars, start).filter(|n| !n.overflow)
}

/// `parse_at`, but a number too large for exact arithmetic
/// (999999999999999999999999999999천) is returned too, with `overflow` set
/// and its full extent, so that no part of it is read as a smaller number.
pub fn parse_extent(chars: &[char], start: usize) -> Option<Number> {
    let mut total: u128 = 0;
    let mut last_mag = u32::MAX;
    let mut i = start;
    let mut n = Number {
        start,
        end: start,
        scaled: 0,
        magnitude: None,
        approx: false,
        has_digit: false,
        has_decimal: false,
        overflow: false,
    };
    let mut any_unit = false;
    loop {
        let small = parse_small(chars, i);
        if !small.present {
            break;
        }
        let mut j = small.end;
        let mut approx = small.approx;
        // 50여억: 여 between the coefficient and the magnitude.
        if at(chars, j) == Some('여') && at(chars, j + 1).and_then(magnitude).is_some() {
            approx = true;
            j += 1;
        }
        match at(chars, j).and_then(magnitude) {
            Some(m) if m < last_mag => {
                n.overflow |= small.overflow;
                total = add_product(total, small.scaled, 10u128.pow(m), &mut n.overflow);
                last_mag = m;
                n.magnitude = Some(m);
                n.has_digit |= small.has_digit;
                n.has_decimal |= small.has_decimal;
                n.approx |= approx;
                any_unit = true;
                i = j + 1;
                n.end = i;
                // The next group may be attached (3조20억, 3만3637) or after one space (1조 79억).
                let next = if at(chars, i) == Some(' ') { i + 1 } else { i };
                let next_small = parse_small(chars, next);
                if !next_small.present {
                    break;
                }
                let mut k = next_small.end;
                if at(chars, k) == Some('여') && at(chars, k + 1).and_then(magnitude).is_some() {
                    k += 1;
                }
                match at(chars, k).and_then(magnitude) {
                    Some(m2) if m2 < m => {
                        i = next;
                        continue;
                    }
                    Some(_) => break,
                    None => {
                        // 3만3637, 일만이천: an attached tail below the last magnitude;
                        // after a space only with a unit word (1만 2천 명), since
                        // "3억 5000" may be two numbers.
                        let tail_ok = if next == i {
                            next_small.has_digit || next_small.has_unit
                        } else {
                            next_small.has_unit
                        };
                        if tail_ok && !next_small.has_decimal
                            && next_small.scaled < 10u128.pow(m) * SCALE
                        {
                            n.overflow |= next_small.overflow;
                            total = add_product(total, next_small.scaled, 1, &mut n.overflow);
                            n.end = next_small.end;
                        }
                        break;
                    }
                }
            }
            _ => {
                if i == start {
                    // No magnitude at all: the small number is the whole number.
                    total = small.scaled;
                    n.overflow |= small.overflow;
                    n.has_digit = small.has_digit;
                    n.has_decimal = small.has_decimal;
                    n.approx = small.approx;
                    any_unit = small.has_unit;
                    n.end = small.end;
                }
                break;
            }
        }
    }
    if n.end == start {
        return None;
    }
    if !n.has_digit && !any_unit {
        return None;
    }
    // 50여, 100여: approximately, written after the number.
    if at(chars, n.end) == Some('여') {
        n.approx = true;
        n.end += 1;
    }
    n.scaled = total;
    // Beyond i64 a value no longer survives JSON readers, serde_json's Value
    // and the databases (~922경: far above any budget): too large, like an overflow.
    n.overflow |= n.value() > MAX_VALUE;
    Some(n)
}

/// Is `i` a place where a number may begin (not inside another number or word)?
pub fn is_number_boundary(chars: &[char], i: usize) -> bool {
    let Some(c) = at(chars, i) else { return false };
    if !can_start(c) {
        return false;
    }
    match i.checked_sub(1).and_then(|p| at(chars, p)) {
        None => true,
        Some(p) => {
            if c.is_ascii_digit() {
                // Not in the middle of a digit run, a decimal, or a word like "A3".
                !(p.is_ascii_digit() || p == '.' || p == ',' || p.is_ascii_alphabetic())
                    || (p == ',' && !i.checked_sub(2).and_then(|q| at(chars, q)).is_some_and(|q| q.is_ascii_digit()))
            } else {
                // Hangul numerals only at the start of a word (천억원, not 백천억).
                !crate::normalize::is_hangul(p)
            }
        }
    }
}
