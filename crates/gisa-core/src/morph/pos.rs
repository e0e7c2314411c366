//! ko-dic (Sejong) part-of-speech tags as a compact enum, so extractors match
//! on tags without string comparisons in the hot path.

/// A ko-dic (Sejong) part-of-speech tag; particle, ending and symbol tags are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    /// 일반 명사 (common noun)
    Nng,
    /// 고유 명사 (proper noun)
    Nnp,
    /// 의존 명사 (bound noun: 등, 것, 수 …)
    Nnb,
    /// 단위 명사 (counter: 개, 명, 원 …)
    Nnbc,
    /// 수사 (numeral word: 하나, 셋, 만 …)
    Nr,
    /// 대명사
    Np,
    /// 동사 (verb)
    Vv,
    /// 형용사 (adjective)
    Va,
    /// 보조 용언 (auxiliary predicate)
    Vx,
    /// 긍정 지정사 (이다)
    Vcp,
    /// 부정 지정사 (아니다)
    Vcn,
    /// 관형사 (determiner: 이, 그, 각 …)
    Mm,
    /// 일반 부사 (adverb)
    Mag,
    /// 접속 부사 (conjunctive adverb: 그리고, 또한)
    Maj,
    /// 감탄사 (interjection)
    Ic,
    /// Case, auxiliary and conjunctive particles (JKS, JKB, JX, JC …).
    Particle,
    /// Endings (EP, EF, EC, ETN, ETM).
    Ending,
    /// 체언 접두사 (noun prefix)
    Xpn,
    /// 명사 파생 접미사 (noun-deriving suffix: 들, 적 …)
    Xsn,
    /// 동사 파생 접미사 (verb-deriving suffix: 하 …)
    Xsv,
    /// 형용사 파생 접미사 (adjective-deriving suffix)
    Xsa,
    /// 어근 (root)
    Xr,
    /// Punctuation and symbols (SF, SE, SSO, SSC, SC, SY).
    Symbol,
    /// Foreign letters (SL).
    Foreign,
    /// Hanja (SH).
    Hanja,
    /// Numerals in digits (SN).
    Number,
    /// A tag not listed here.
    Unknown,
}

impl Pos {
    /// A ko-dic tag → `Pos` (`NNG` → `Nng`); any other `J…` tag is `Particle`,
    /// `E…` `Ending`, `S…` `Symbol`.
    pub fn parse(tag: &str) -> Pos {
        match tag {
            "NNG" => Pos::Nng,
            "NNP" => Pos::Nnp,
            "NNB" => Pos::Nnb,
            "NNBC" => Pos::Nnbc,
            "NR" => Pos::Nr,
            "NP" => Pos::Np,
            "VV" => Pos::Vv,
            "VA" => Pos::Va,
            "VX" => Pos::Vx,
            "VCP" => Pos::Vcp,
            "VCN" => Pos::Vcn,
            "MM" => Pos::Mm,
            "MAG" => Pos::Mag,
            "MAJ" => Pos::Maj,
            "IC" => Pos::Ic,
            "XPN" => Pos::Xpn,
            "XSN" => Pos::Xsn,
            "XSV" => Pos::Xsv,
            "XSA" => Pos::Xsa,
            "XR" => Pos::Xr,
            "SL" => Pos::Foreign,
            "SH" => Pos::Hanja,
            "SN" => Pos::Number,
            t if t.starts_with('J') => Pos::Particle,
            t if t.starts_with('E') => Pos::Ending,
            t if t.starts_with('S') => Pos::Symbol,
            _ => Pos::Unknown,
        }
    }

    /// Content nouns that can build a name or a counted noun phrase.
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::Nng | Pos::Nnp | Pos::Foreign | Pos::Hanja | Pos::Xr)
    }

    /// Morphemes that only attach grammar to a word: particles, endings, copula.
    pub fn is_functional(self) -> bool {
        matches!(self, Pos::Particle | Pos::Ending | Pos::Vcp)
    }

    /// The tag as ko-dic writes it (`NNG`); grouped tags print as `J`, `E`, `S`.
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Nng => "NNG",
            Pos::Nnp => "NNP",
            Pos::Nnb => "NNB",
            Pos::Nnbc => "NNBC",
            Pos::Nr => "NR",
            Pos::Np => "NP",
            Pos::Vv => "VV",
            Pos::Va => "VA",
            Pos::Vx => "VX",
            Pos::Vcp => "VCP",
            Pos::Vcn => "VCN",
            Pos::Mm => "MM",
            Pos::Mag => "MAG",
            Pos::Maj => "MAJ",
            Pos::Ic => "IC",
            Pos::Particle => "J",
            Pos::Ending => "E",
            Pos::Xpn => "XPN",
            Pos::Xsn => "XSN",
            Pos::Xsv => "XSV",
            Pos::Xsa => "XSA",
            Pos::Xr => "XR",
            Pos::Symbol => "S",
            Pos::Foreign => "SL",
            Pos::Hanja => "SH",
            Pos::Number => "SN",
            Pos::Unknown => "UNK",
        }
    }
}
