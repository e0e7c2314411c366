//! Words after a quantity that qualify it: bounds (이상, 초과, 이하, 미만,
//! 까지, 이내) and approximation (가량, 정도, 안팎, 내외, 쯤, 여), attached
//! (100억원까지) or as the next word (100억원 이상).

use super::{Bound, Doc};

pub fn words_after(doc: &Doc, end: usize) -> (bool, Option<Bound>) {
    let attached = doc.hangul_run(end);
    let next = {
        let k = doc.skip_spaces(end, 1);
        if k > end { doc.hangul_run(k) } else { String::new() }
    };
    let mut approx = false;
    let mut bound = None;
    for word in [attached.as_str(), next.as_str()] {
        if ["이상", "초과", "넘", "남짓"].iter().any(|w| word.starts_with(w)) {
            bound = Some(Bound::Min);
        } else if ["이하", "미만", "까지", "이내"].iter().any(|w| word.starts_with(w)) {
            bound = Some(Bound::Max);
        } else if ["가량", "정도", "안팎", "내외", "쯤", "여"].iter().any(|w| word.starts_with(w)) {
            approx = true;
        }
    }
    (approx, bound)
}
