//! Morphological analysis: Lindera with the embedded ko-dic, fed one eojeol
//! (space-separated word) at a time.
//!
//! Why one eojeol at a time: Lindera keeps whitespace nodes in its lattice, so
//! whole lines segment differently from MeCab-ko around spaces (95.9% agreement
//! on the seeds), while single eojeols agree 99.75%. Feeding eojeols also keeps
//! every lattice tiny and lets us map offsets back without searching.
//!
//! Because an eojeol's analysis depends on nothing outside it, the tokenizer
//! keeps a bounded cache, shared by all threads, of eojeols already analysed (`cache`):
//! news text repeats its words (기준, 지원한다, 2027년까지), so most eojeols
//! skip the lattice altogether, and the result is the same as without it.

mod cache;
mod pos;
mod user_dict;

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;

use lindera::dictionary::{load_dictionary, Lattice};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

use cache::{CachedToken, SharedCache};

pub use pos::Pos;
pub use user_dict::{UserDictError, BUILTIN_USER_DICT};

/// One morpheme, with offsets in Unicode scalar values into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Char offset of the token in the analysed text.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// Byte range into the analysed text, so callers can slice without recounting.
    pub byte_start: usize,
    /// End of the byte range, exclusive.
    pub byte_end: usize,
    /// POS of the first morpheme (ko-dic's `first_part_of_speech` for compounds).
    pub pos: Pos,
    /// POS of the last morpheme (differs from `pos` only for inflected compounds).
    pub last_pos: Pos,
    /// Index of the eojeol (whitespace-delimited word) the token belongs to.
    pub eojeol: usize,
}

impl Token {
    /// The token's text, sliced from the analysed `text` its offsets point into.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.byte_start..self.byte_end]
    }
}

/// A whitespace-delimited word with its token range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eojeol {
    /// Char offset of the word in the analysed text.
    pub start: usize,
    /// End char offset, exclusive.
    pub end: usize,
    /// Byte offset of the word in the analysed text.
    pub byte_start: usize,
    /// End byte offset, exclusive.
    pub byte_end: usize,
    /// Range into `Analysis::tokens`.
    pub first_token: usize,
    /// End of the token range, exclusive.
    pub last_token: usize,
}

/// The analysed text: tokens in text order plus the eojeols they group into.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    /// Every token, in text order.
    pub tokens: Vec<Token>,
    /// Every eojeol, in text order.
    pub eojeols: Vec<Eojeol>,
}

impl Analysis {
    /// The tokens of eojeol number `eojeol`.
    pub fn eojeol_tokens(&self, eojeol: usize) -> &[Token] {
        let e = &self.eojeols[eojeol];
        &self.tokens[e.first_token..e.last_token]
    }

    /// Index of the token covering char offset `at`, if any.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end <= at);
        (i < self.tokens.len() && self.tokens[i].start <= at).then_some(i)
    }

    /// Index of the eojeol covering char offset `at`, if any.
    pub fn eojeol_at(&self, at: usize) -> Option<usize> {
        let i = self.eojeols.partition_point(|e| e.end <= at);
        (i < self.eojeols.len() && self.eojeols[i].start <= at).then_some(i)
    }
}

/// The tokenizer: built once (the dictionary is embedded; building it costs
/// tens of milliseconds) and shared by reference across threads.
pub struct Morph {
    segmenter: Segmenter,
    /// Eojeols already analysed, as tokens (for the extractors) and as
    /// printed lines (for `gisa tokenize`).
    tokens: SharedCache<Box<[CachedToken]>>,
    printed: SharedCache<Box<str>>,
    /// Off only to measure the lattice alone (`--no-cache`); results are the same.
    cache: bool,
    /// A hash of the user dictionary's content: it changes what is extracted.
    pub user_dict_fingerprint: u64,
}

/// The longest stretch of one eojeol given to Lindera at once (see `segment`);
/// far longer than any real Korean word.
const MAX_PIECE_CHARS: usize = 128;

thread_local! {
    // Lattices are large scratch buffers; one per worker thread, reused.
    static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
}

/// Why a tokenizer could not be built.
#[derive(Debug)]
pub enum MorphError {
    /// The embedded ko-dic dictionary did not load; the message says why.
    Dictionary(String),
    /// The user dictionary is unreadable or malformed (`file:line: …`).
    UserDict(UserDictError),
}

impl std::fmt::Display for MorphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MorphError::Dictionary(m) => write!(f, "cannot load the ko-dic dictionary: {m}"),
            MorphError::UserDict(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for MorphError {}

impl Morph {
    /// The embedded ko-dic with the user dictionary shipped in `dictionaries/`.
    pub fn new() -> Result<Self, MorphError> {
        Self::with_user_dict_csv(BUILTIN_USER_DICT, "dictionaries/user_dict.csv (built in)")
    }

    /// The embedded ko-dic with the user dictionary at `path` (read at run time,
    /// so adding a word needs no recompile).
    pub fn with_user_dict_file(path: &Path) -> Result<Self, MorphError> {
        let csv = crate::lexicon::read_text(path).map_err(|e| {
            MorphError::UserDict(UserDictError::new(path.display().to_string(), 0, e.to_string()))
        })?;
        Self::with_user_dict_csv(&csv, &path.display().to_string())
    }

    /// The embedded ko-dic with a user dictionary given as CSV text; `origin`
    /// names it in error messages.
    pub fn with_user_dict_csv(csv: &str, origin: &str) -> Result<Self, MorphError> {
        let mut dictionary = load_dictionary("embedded://ko-dic")
            .map_err(|e| MorphError::Dictionary(e.to_string()))?;
        // ko-dic ships mecab-ko's left-space penalty, which Lindera applies to a
        // candidate that starts right after a SPACE character. gisa never gives
        // the lattice a space (it is fed one eojeol, or a piece of one, at a
        // time, and every SPACE character is whitespace: see the test
        // `space_penalty_cannot_apply_to_an_eojeol`), so the penalty never
        // fires, yet building its table reads every entry of the dictionary:
        // four fifths of start-up and every page of the 80 MB in RSS.
        let mut metadata = (*dictionary.metadata).clone();
        metadata.space_penalty = None;
        dictionary.metadata = std::sync::Arc::new(metadata);
        let user = user_dict::build(csv, origin, &dictionary.metadata).map_err(MorphError::UserDict)?;
        let segmenter = Segmenter::new(Mode::Normal, dictionary, user);
        let user_dict_fingerprint = xxhash_rust::xxh3::xxh3_64(csv.as_bytes());
        Ok(Morph { segmenter, tokens: SharedCache::default(), printed: SharedCache::default(), cache: true, user_dict_fingerprint })
    }

    /// Analyse `text`, one eojeol at a time.
    pub fn analyse(&self, text: &str) -> Analysis {
        self.analyse_cached(text, self.cache)
    }

    /// The same tokenizer, running the lattice for every eojeol (for
    /// benchmarks that measure Lindera itself).
    pub fn without_cache(mut self) -> Morph {
        self.cache = false;
        self
    }

    fn analyse_cached(&self, text: &str, use_cache: bool) -> Analysis {
        let mut analysis = Analysis::default();
        LATTICE.with(|lattice| {
            let mut lattice = lattice.borrow_mut();
            let mut char_pos = 0usize;
            let mut byte_pos = 0usize;
            for word in text.split_inclusive(char::is_whitespace) {
                // split_inclusive leaves at most one whitespace char at the end.
                let trimmed = word.trim_end_matches(char::is_whitespace);
                let trimmed_chars = trimmed.chars().count();
                if !trimmed.is_empty() {
                    self.push_eojeol(trimmed, trimmed_chars, byte_pos, char_pos, &mut lattice, use_cache, &mut analysis);
                }
                byte_pos += word.len();
                char_pos += trimmed_chars + usize::from(trimmed.len() < word.len());
            }
        });
        analysis
    }

    /// (hits, misses) of the eojeol cache since this tokenizer was built.
    pub fn cache_stats(&self) -> (u64, u64) {
        self.tokens.stats()
    }

    #[allow(clippy::too_many_arguments)]
    fn push_eojeol(
        &self,
        word: &str,
        word_chars: usize,
        byte_base: usize,
        char_base: usize,
        lattice: &mut Lattice,
        use_cache: bool,
        analysis: &mut Analysis,
    ) {
        let index = analysis.eojeols.len();
        let first_token = analysis.tokens.len();
        // A word longer than any real one (a text without spaces) is neither
        // looked up nor kept: one such entry could hold megabytes.
        let use_cache = use_cache && word_chars <= MAX_PIECE_CHARS;
        let cached = use_cache
            && self.tokens.with(word, |cached| analysis.tokens.extend(cached.iter().map(|c| c.place(byte_base, char_base, index)))).is_some();
        if !cached {
            self.segment(word, byte_base, char_base, lattice, analysis);
            if use_cache {
                self.tokens.put(word, analysis.tokens[first_token..].iter().map(|t| CachedToken::of(t, byte_base, char_base)).collect());
            }
        }
        analysis.eojeols.push(Eojeol {
            start: char_base,
            end: char_base + word_chars,
            byte_start: byte_base,
            byte_end: byte_base + word.len(),
            first_token,
            last_token: analysis.tokens.len(),
        });
    }

    /// Runs the lattice over one eojeol and appends its tokens.
    fn segment(&self, word: &str, byte_base: usize, char_base: usize, lattice: &mut Lattice, analysis: &mut Analysis) {
        let index = analysis.eojeols.len();
        let first_token = analysis.tokens.len();
        // An eojeol is fed to Lindera in pieces of at most MAX_PIECE_CHARS:
        // a 12 MB text without spaces would otherwise be one lattice and one
        // token buffer of gigabytes (and keep the thread's lattice that big).
        let mut pieces = Vec::new();
        let (mut piece_byte, mut piece_char, mut n) = (0usize, 0usize, 0usize);
        for (b, _) in word.char_indices() {
            if n == MAX_PIECE_CHARS {
                pieces.push((piece_byte, piece_char, &word[piece_byte..b]));
                (piece_byte, piece_char, n) = (b, piece_char + n, 0);
            }
            n += 1;
        }
        pieces.push((piece_byte, piece_char, &word[piece_byte..]));
        for (piece_byte, piece_char, piece) in pieces {
            self.segment_piece(piece, byte_base + piece_byte, char_base + piece_char, index, lattice, analysis);
        }
        // ko-dic often tags a word-final 의 as NNG (의 "righteousness"); after a
        // noun at the end of an eojeol it is the genitive particle (99개의, 분야의).
        let tokens = &mut analysis.tokens[first_token..];
        if tokens.len() >= 2 {
            let last = tokens.len() - 1;
            if &word[tokens[last].byte_start - byte_base..tokens[last].byte_end - byte_base] == "의"
                && tokens[last - 1].last_pos != Pos::Symbol
            {
                tokens[last].pos = Pos::Particle;
                tokens[last].last_pos = Pos::Particle;
            }
        }
    }

    /// Runs the lattice over one piece of an eojeol (at `byte_base`,
    /// `char_base` in the text) and appends its tokens to eojeol `index`.
    fn segment_piece(&self, word: &str, byte_base: usize, char_base: usize, index: usize, lattice: &mut Lattice, analysis: &mut Analysis) {
        let mut chars_seen = 0usize;
        let mut byte_seen = 0usize;
        match self.segmenter.segment_with_lattice(Cow::Borrowed(word), lattice) {
            Ok(tokens) => {
                for token in tokens {
                    // Offsets of consecutive tokens: count only the new stretch.
                    chars_seen += word[byte_seen..token.byte_start].chars().count();
                    let start = chars_seen;
                    let len = word[token.byte_start..token.byte_end].chars().count();
                    chars_seen += len;
                    byte_seen = token.byte_end;
                    let (first, last) = token_pos(&token);
                    analysis.tokens.push(Token {
                        start: char_base + start,
                        end: char_base + start + len,
                        byte_start: byte_base + token.byte_start,
                        byte_end: byte_base + token.byte_end,
                        pos: first,
                        last_pos: last,
                        eojeol: index,
                    });
                }
            }
            Err(_) => {
                // Segmentation of a valid &str does not fail in practice; if it
                // ever does, the eojeol is kept as one unknown token rather than lost.
                analysis.tokens.push(Token {
                    start: char_base,
                    end: char_base + word.chars().count(),
                    byte_start: byte_base,
                    byte_end: byte_base + word.len(),
                    pos: Pos::Unknown,
                    last_pos: Pos::Unknown,
                    eojeol: index,
                });
            }
        }
    }

    /// Writes every token of `text` with all its ko-dic details, one per line
    /// as MeCab prints them (`surface<TAB>features`), for `gisa tokenize`.
    /// An eojeol's lines are cached like its tokens (see `cache`).
    pub fn write_tokens(&self, text: &str, out: &mut impl std::io::Write) -> std::io::Result<()> {
        LATTICE.with(|lattice| {
            let mut lattice = lattice.borrow_mut();
            for word in text.split_whitespace() {
                if self.cache {
                    if let Some(written) = self.printed.with(word, |lines| out.write_all(lines.as_bytes())) {
                        written?;
                        continue;
                    }
                }
                let mut lines = String::new();
                if let Ok(tokens) = self.segmenter.segment_with_lattice(Cow::Borrowed(word), &mut lattice) {
                    for mut t in tokens {
                        lines.push_str(&t.surface);
                        lines.push('\t');
                        lines.push_str(&t.details().join(","));
                        lines.push('\n');
                    }
                }
                out.write_all(lines.as_bytes())?;
                if self.cache {
                    self.printed.put(word, lines.into());
                }
            }
            Ok(())
        })
    }
}

/// The first and last POS of a Lindera token, read from its ko-dic entry
/// without `Token::details`, which allocates a vector of all eight fields for
/// every token (7% of the whole extraction). Reads the same fields as that
/// vector would hold, padding included, so the result is identical.
fn token_pos(token: &lindera::token::Token) -> (Pos, Pos) {
    let id = token.word_id.id() as usize;
    let fields = if token.word_id.is_unknown() {
        token.dictionary.unknown_word_details_iter(id)
    } else if token.word_id.is_system() {
        token.dictionary.word_details_iter(id)
    } else {
        match token.user_dictionary {
            Some(user) => user.word_details_iter(id),
            // (cannot happen: a user word id without a user dictionary)
            // An out-of-range id gives the UNK sentinel, as `details()` does here.
            None => token.dictionary.unknown_word_details_iter(usize::MAX),
        }
    };
    let mut got: [Option<&str>; 7] = [None; 7];
    for (slot, field) in got.iter_mut().zip(fields) {
        *slot = Some(field);
    }
    // `details()` pads a short entry with "*" up to the schema's field count.
    let padded = token.dictionary.metadata.dictionary_schema.get_custom_fields().len();
    let field = |k: usize| got[k].or_else(|| (k < padded).then_some("*"));
    let tag = field(0).unwrap_or("UNK");
    match (field(5), field(6)) {
        (Some(f), Some(l)) if f != "*" => (Pos::parse(f), Pos::parse(l)),
        _ => {
            let mut parts = tag.split('+');
            let f = Pos::parse(parts.next().unwrap_or(tag));
            let l = parts.last().map(Pos::parse).unwrap_or(f);
            (f, l)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Turning the space penalty off (see `with_user_dict_csv`) is exact only
    /// because no SPACE character of ko-dic can be inside an eojeol: each one
    /// must be whitespace to Rust, which is what eojeols are split on.
    #[test]
    fn space_penalty_cannot_apply_to_an_eojeol() {
        let dictionary = load_dictionary("embedded://ko-dic").unwrap();
        let chars = &dictionary.character_definition;
        let space = chars.category_id_by_name("SPACE").expect("ko-dic defines SPACE");
        let spaces: Vec<char> =
            (0..=char::MAX as u32).filter_map(char::from_u32).filter(|&c| chars.lookup_categories(c).contains(&space)).collect();
        assert!(spaces.contains(&' '), "the SPACE category is not where it was");
        let not_whitespace: Vec<char> = spaces.into_iter().filter(|c| !c.is_whitespace()).collect();
        assert!(not_whitespace.is_empty(), "SPACE characters an eojeol can hold: {not_whitespace:?}");
    }

    /// The cache must give exactly what the lattice gives, offsets included,
    /// wherever the same eojeol recurs (after wide spaces, at other offsets).
    #[test]
    fn cached_analysis_equals_the_lattice() {
        let morph = Morph::new().unwrap();
        let mut text = String::new();
        // The repository root, two levels above this crate.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dirs = [root.join("../shared/seeds"), root.join("fixtures")];
        for seed in dirs.iter().flat_map(|d| std::fs::read_dir(d).into_iter().flatten()) {
            let path = seed.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                text.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
        assert!(text.len() > 20_000, "fixtures are missing");
        text.push_str("\n도는\u{3000}9700억원을 투자한다.\t도는 9700억원을\u{a0}투자한다.");
        let (hits_before, _) = morph.cache_stats();
        let plain = morph.analyse_cached(&text, false);
        let cached = morph.analyse(&text);
        let (hits_after, _) = morph.cache_stats();
        assert!(hits_after > hits_before, "repeated eojeols were served from the cache");
        assert_eq!(plain.tokens, cached.tokens);
        assert_eq!(plain.eojeols, cached.eojeols);
        // `gisa tokenize` prints the same lines from its cache as from the lattice.
        let (mut fresh, mut reused) = (Vec::new(), Vec::new());
        let uncached = Morph::new().unwrap().without_cache();
        uncached.write_tokens(&text, &mut fresh).unwrap();
        morph.write_tokens(&text, &mut reused).unwrap();
        morph.write_tokens(&text, &mut Vec::new()).unwrap();
        assert!(fresh.len() > 100_000 && fresh == reused);
        // A second tokenizer with another user dictionary does not see these entries.
        let other = Morph::with_user_dict_csv("", "empty").unwrap();
        assert_eq!(other.analyse_cached(&text, false).tokens, other.analyse(&text).tokens);
    }

    /// A word far longer than MAX_PIECE_CHARS (a text without spaces) is
    /// analysed in pieces: one eojeol whose tokens tile it exactly, with
    /// char and byte offsets that slice the text, and the amount in it found.
    #[test]
    fn an_overlong_word_is_tokenised_in_pieces_that_tile_it() {
        let morph = Morph::new().unwrap();
        let word = "도는스마트빌리지사업에1039억원을투자한다".repeat(40);
        let text = format!("첫 {word} 끝");
        let a = morph.analyse(&text);
        assert_eq!(a.eojeols.len(), 3);
        let e = &a.eojeols[1];
        assert_eq!(e.end - e.start, word.chars().count());
        let tokens = a.eojeol_tokens(1);
        assert!(tokens.len() > 40);
        let mut at = (e.start, e.byte_start);
        for t in tokens {
            assert_eq!((t.start, t.byte_start), at, "tokens tile the word");
            assert_eq!(text[t.byte_start..t.byte_end].chars().count(), t.end - t.start);
            at = (t.end, t.byte_end);
        }
        assert_eq!(at, (e.end, e.byte_end));
        // Analysed twice (the second time not from the cache): the same tokens.
        assert_eq!(morph.analyse(&text).tokens, a.tokens);
    }
}
