//! Near-duplicate detection, so one press release carried by five outlets is
//! one story: MinHash signatures over character 5-shingles of the clean text
//! (spaces dropped), compared through locality-sensitive hashing bands.

use xxhash_rust::xxh3::xxh3_64_with_seed;

pub const HASHES: usize = 64;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
/// Estimated Jaccard similarity at or above which two articles are one story.
pub const SAME_STORY: f64 = 0.7;

pub fn signature(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut sig = vec![u64::MAX; HASHES];
    if chars.len() < SHINGLE {
        return sig;
    }
    let mut buf = String::new();
    for w in chars.windows(SHINGLE) {
        buf.clear();
        buf.extend(w);
        for (i, slot) in sig.iter_mut().enumerate() {
            *slot = (*slot).min(xxh3_64_with_seed(buf.as_bytes(), i as u64));
        }
    }
    sig
}

pub fn to_hex(sig: &[u64]) -> String {
    sig.iter().map(|h| format!("{h:016x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Vec<u64>> {
    (0..s.len() / 16).map(|i| u64::from_str_radix(s.get(i * 16..i * 16 + 16)?, 16).ok()).collect()
}

/// One key per band: articles sharing any band key are candidates.
pub fn bands(sig: &[u64]) -> Vec<String> {
    sig.chunks(ROWS).map(|c| format!("{:016x}", xxh3_64_with_seed(&c.iter().flat_map(|h| h.to_le_bytes()).collect::<Vec<u8>>(), 0))).collect()
}

pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn republished_releases_are_one_story() {
        let release = "경상남도는 2027년까지 우주항공 복합도시 조성에 1039억 원을 투입한다고 17일 밝혔다. 도는 이번 사업으로 기업 12곳을 유치하고 일자리 3천 개를 만들 계획이다. 도 관계자는 국비 확보에 힘쓰겠다고 말했다.";
        let copy = format!("[경남일보 김기자] {release} 저작권자 © 경남일보");
        let other = "전라남도는 해상풍력 발전단지 조성을 위해 민간 투자 48조원을 유치했다고 밝혔다. 도는 신안 앞바다에 8.2GW 규모의 단지를 만든다.";
        let (a, b, c) = (signature(release), signature(&copy), signature(other));
        assert!(similarity(&a, &b) >= SAME_STORY, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.2);
        assert!(bands(&a).iter().zip(bands(&b)).any(|(x, y)| *x == y));
        assert_eq!(from_hex(&to_hex(&a)).unwrap(), a);
    }
}
