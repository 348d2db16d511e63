//! Static sentence embeddings: a cheap semantic signal for paraphrases in other words.
//!
//! The matching core is lexical; "Putin denied any animosity towards the Armenian leadership"
//! shares almost no terms with "The Russian leader rejected suggestions that he harbours
//! hostility toward Yerevan's current government". This module embeds a sentence as the
//! L2-normalised mean of one fixed vector per WordPiece token (the model2vec recipe), so two
//! sentences compare by cosine in microseconds, with no model and no inference at run time.
//!
//! The table, `data/static_embeddings.bin`, was distilled once from all-MiniLM-L6-v2
//! (Apache-2.0) by `scripts/distill_static_embeddings.py`; `data/NOTICE-static-embeddings.md`
//! gives its origin, recipe and how well it tracks the full model. Tokenisation follows the
//! teacher's (BERT uncased): drop control characters, lowercase, strip accents, split on
//! whitespace, punctuation and CJK ideographs, then greedy longest-match WordPiece. Words the
//! vocabulary cannot spell (BERT's `[UNK]`) contribute nothing.
//!
//! # File format (version 1, integers and floats little-endian)
//!
//! | bytes | content |
//! | --- | --- |
//! | 8 | magic `CRBSTEMB` |
//! | 4 | u32 version (1) |
//! | 4 | u32 `dims`, the length of every vector |
//! | 4 | u32 `count`, the number of tokens |
//! | count × (1 + n) | each token: u8 byte length `n`, then its UTF-8 (`##` marks a continuation piece) |
//! | count × 4 | f32 scale of each token's vector |
//! | count × dims | i8 components: token `i`'s vector is `scale[i] × q[i × dims .. (i + 1) × dims]` |
//! | 4 + 8k, four times | character classes of the tokeniser, each a u32 count `k` then `k` sorted, disjoint inclusive ranges (u32 first, u32 last) of code points: punctuation, control (removed), whitespace, combining marks (removed) |
//! | 4 + … | u32 count of accent folds, then each: u32 code point, u8 byte length `n`, `n` bytes of UTF-8 that replace it |
//!
//! The character classes come from the same Unicode database as the teacher's tokeniser, so
//! this file needs no Unicode tables of its own.

use crate::hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// The table distilled from all-MiniLM-L6-v2, compiled into the binary.
static BUILTIN_TABLE: &[u8] = include_bytes!("../../data/static_embeddings.bin");

static BUILTIN: LazyLock<StaticEmbeddings> = LazyLock::new(|| {
    StaticEmbeddings::parse(BUILTIN_TABLE).unwrap_or_else(|_| StaticEmbeddings::empty())
});

const MAGIC: &[u8; 8] = b"CRBSTEMB";
const FORMAT_VERSION: u32 = 1;
/// BERT gives up on longer words (`[UNK]`), and so do we.
const MAX_WORD_CHARS: usize = 100;

/// Why a table could not be read. Only tables built in tests can fail: the built-in one is
/// checked by the tests, and would fall back to [`StaticEmbeddings::empty`] all the same.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TableError {
    #[error("not a static embedding table (bad magic bytes)")]
    BadMagic,
    #[error("static embedding table version {0} is not supported (expected {FORMAT_VERSION})")]
    UnsupportedVersion(u32),
    #[error("static embedding table ends inside its {0}")]
    Truncated(&'static str),
    #[error("static embedding table: token {0} is not UTF-8")]
    BadToken(usize),
    #[error("static embedding table: the {0} ranges are not sorted and disjoint")]
    UnsortedRanges(&'static str),
    #[error("static embedding table: bad accent fold for code point {0:#x}")]
    BadFold(u32),
    #[error("static embedding table has {0} bytes after its last section")]
    TrailingBytes(usize),
}

/// One vector per WordPiece token, and the tokeniser that finds the tokens of a text.
pub struct StaticEmbeddings {
    dims: usize,
    /// Every token as spelled in the vocabulary, by row.
    tokens: Vec<&'static str>,
    /// Word-initial pieces ("russia") to their row.
    initial: HashMap<&'static str, u32>,
    /// Continuation pieces keyed without their `##` ("##n" under "n") to their row.
    continuation: HashMap<&'static str, u32>,
    /// The longest piece in bytes: no lookup of a longer slice can succeed.
    longest_piece: usize,
    scales: Vec<f32>,
    /// `count × dims` bytes, each an i8 component.
    quantised: &'static [u8],
    chars: CharClasses,
}

/// The non-ASCII side of BERT's basic tokeniser; ASCII is decided in code.
#[derive(Default)]
struct CharClasses {
    punctuation: Vec<(u32, u32)>,
    control: Vec<(u32, u32)>,
    whitespace: Vec<(u32, u32)>,
    marks: Vec<(u32, u32)>,
    folds: HashMap<char, &'static str>,
}

impl StaticEmbeddings {
    /// The table distilled from all-MiniLM-L6-v2, parsed on first use (a few milliseconds).
    pub fn builtin() -> &'static StaticEmbeddings {
        &BUILTIN
    }

    /// A table with no tokens: every text embeds as the zero vector of length 0, and every
    /// cosine with it is 0.
    pub fn empty() -> StaticEmbeddings {
        StaticEmbeddings {
            dims: 0,
            tokens: Vec::new(),
            initial: HashMap::default(),
            continuation: HashMap::default(),
            longest_piece: 0,
            scales: Vec::new(),
            quantised: &[],
            chars: CharClasses::default(),
        }
    }

    /// Reads a table in the format described at the top of this module. Tokens and vectors
    /// are borrowed from `bytes`, hence `'static`.
    pub fn parse(bytes: &'static [u8]) -> Result<StaticEmbeddings, TableError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len(), "header")? != MAGIC {
            return Err(TableError::BadMagic);
        }
        let version = r.u32("header")?;
        if version != FORMAT_VERSION {
            return Err(TableError::UnsupportedVersion(version));
        }
        let dims = r.u32("header")? as usize;
        let count = r.u32("header")? as usize;

        let mut tokens = Vec::with_capacity(count.min(bytes.len()));
        let mut initial =
            HashMap::with_capacity_and_hasher(count.min(bytes.len()), Default::default());
        let mut continuation = HashMap::default();
        let mut longest_piece = 0;
        for row in 0..count {
            let len = r.u8("vocabulary")? as usize;
            let token = std::str::from_utf8(r.take(len, "vocabulary")?)
                .map_err(|_| TableError::BadToken(row))?;
            tokens.push(token);
            // Rows are u32 in the maps; a table with more rows than that could not be read
            // from a u32 count in the first place.
            let id = row as u32;
            match token.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => {
                    continuation.insert(rest, id);
                    longest_piece = longest_piece.max(rest.len());
                }
                _ => {
                    initial.insert(token, id);
                    longest_piece = longest_piece.max(token.len());
                }
            }
        }
        // Every token took at least a byte, so `count` is bounded by the file's size.
        let mut scales = Vec::with_capacity(count);
        for chunk in r.take(count * 4, "scales")?.chunks_exact(4) {
            scales.push(f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]));
        }
        let vector_bytes = count
            .checked_mul(dims)
            .ok_or(TableError::Truncated("vectors"))?;
        let quantised = r.take(vector_bytes, "vectors")?;

        let chars = CharClasses {
            punctuation: r.ranges("punctuation")?,
            control: r.ranges("control")?,
            whitespace: r.ranges("whitespace")?,
            marks: r.ranges("combining marks")?,
            folds: r.folds()?,
        };
        if r.pos != bytes.len() {
            return Err(TableError::TrailingBytes(bytes.len() - r.pos));
        }
        Ok(StaticEmbeddings {
            dims,
            tokens,
            initial,
            continuation,
            longest_piece,
            scales,
            quantised,
            chars,
        })
    }

    /// The length of every embedding.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// How many tokens have a vector.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// How common a word is: its place among the whole-word tokens of the vocabulary, which
    /// BERT's WordPiece vocabulary lists roughly from the commonest ("the" is 0). `None` for
    /// a word the vocabulary only spells in pieces (rare words, names) or an empty table.
    pub fn word_rank(&self, word: &str) -> Option<usize> {
        let the = *self.initial.get("the")? as usize;
        let row = *self.initial.get(word.to_lowercase().as_str())? as usize;
        row.checked_sub(the)
    }

    /// The text as an L2-normalised mean of its tokens' vectors; the zero vector when no
    /// token of it is known (empty text, only unknown words, an empty table).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut sum = vec![0f32; self.dims];
        let mut any = false;
        self.for_each_token(text, |row| {
            let row = row as usize;
            let (Some(&scale), Some(q)) = (
                self.scales.get(row),
                self.quantised.get(row * self.dims..(row + 1) * self.dims),
            ) else {
                return;
            };
            for (s, &b) in sum.iter_mut().zip(q) {
                *s += scale * f32::from(b as i8);
            }
            any = true;
        });
        // The mean and the sum point the same way: normalising the sum is enough.
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if any && norm > 0.0 {
            sum.iter_mut().for_each(|x| *x /= norm);
        }
        sum
    }

    /// The vocabulary pieces the text is read as, continuation pieces with their `##`:
    /// what [`embed`](Self::embed) averages, for tests and for explaining a similarity.
    pub fn wordpieces(&self, text: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        self.for_each_token(text, |row| {
            if let Some(token) = self.tokens.get(row as usize) {
                out.push(*token);
            }
        });
        out
    }

    /// Calls `f` with the row of every token of `text`, in order; unknown words are skipped.
    fn for_each_token(&self, text: &str, mut f: impl FnMut(u32)) {
        if self.is_empty() {
            return;
        }
        let normal = self.normalise(text);
        let mut pieces = Vec::new();
        let mut word_start = None;
        for (i, c) in normal.char_indices() {
            let boundary = c.is_whitespace();
            let punctuation = !boundary && self.chars.is_punctuation(c);
            if boundary || punctuation {
                if let Some(start) = word_start.take() {
                    self.word(&normal[start..i], &mut pieces, &mut f);
                }
                if punctuation {
                    self.word(&normal[i..i + c.len_utf8()], &mut pieces, &mut f);
                }
            } else if word_start.is_none() {
                word_start = Some(i);
            }
        }
        if let Some(start) = word_start {
            self.word(&normal[start..], &mut pieces, &mut f);
        }
    }

    /// BERT's text cleaning, lowercasing and accent stripping in one pass: control characters
    /// and combining marks go, whitespace becomes a space, CJK ideographs become words of
    /// their own. (Lowercasing is per character, so a Greek final sigma stays σ.)
    fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if c.is_ascii() {
                match c {
                    '\t' | '\n' | '\r' | ' ' => out.push(' '),
                    _ if c.is_ascii_control() => {}
                    _ => out.push(c.to_ascii_lowercase()),
                }
                continue;
            }
            if c == '\u{fffd}' || self.chars.is_control(c) {
                continue;
            }
            if self.chars.is_whitespace(c) {
                out.push(' ');
                continue;
            }
            if is_cjk_ideograph(c) {
                out.push(' ');
                out.push(c);
                out.push(' ');
                continue;
            }
            for lower in c.to_lowercase() {
                if self.chars.is_mark(lower) {
                    continue;
                }
                match self.chars.folds.get(&lower) {
                    Some(folded) => out.push_str(folded),
                    None => out.push(lower),
                }
            }
        }
        out
    }

    /// Greedy longest-match-first WordPiece of one word: all its pieces, or none when some
    /// part of it has no piece (BERT's `[UNK]`).
    fn word(&self, word: &str, pieces: &mut Vec<u32>, f: &mut impl FnMut(u32)) {
        if word.chars().nth(MAX_WORD_CHARS).is_some() {
            return;
        }
        pieces.clear();
        let mut start = 0;
        while start < word.len() {
            let map = if start == 0 {
                &self.initial
            } else {
                &self.continuation
            };
            let mut end = word.len().min(start + self.longest_piece);
            while !word.is_char_boundary(end) {
                end -= 1;
            }
            let found = loop {
                if end <= start {
                    break None;
                }
                if let Some(&row) = word.get(start..end).and_then(|piece| map.get(piece)) {
                    break Some(row);
                }
                end -= 1;
                while !word.is_char_boundary(end) {
                    end -= 1;
                }
            };
            match found {
                Some(row) => pieces.push(row),
                None => return,
            }
            start = end;
        }
        pieces.iter().for_each(|&row| f(row));
    }
}

/// Cosine similarity; 0 when either vector is zero or their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut aa, mut bb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        return 0.0;
    }
    dot / (aa.sqrt() * bb.sqrt())
}

/// The ideograph blocks BERT splits into single-character words (its `_is_chinese_char`).
fn is_cjk_ideograph(c: char) -> bool {
    matches!(
        u32::from(c),
        0x4E00..=0x9FFF
            | 0x3400..=0x4DBF
            | 0x20000..=0x2A6DF
            | 0x2A700..=0x2B73F
            | 0x2B740..=0x2B81F
            | 0x2B820..=0x2CEAF
            | 0xF900..=0xFAFF
            | 0x2F800..=0x2FA1F
    )
}

impl CharClasses {
    fn is_punctuation(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_punctuation();
        }
        in_ranges(&self.punctuation, c)
    }

    fn is_control(&self, c: char) -> bool {
        in_ranges(&self.control, c)
    }

    fn is_whitespace(&self, c: char) -> bool {
        in_ranges(&self.whitespace, c)
    }

    fn is_mark(&self, c: char) -> bool {
        !c.is_ascii() && in_ranges(&self.marks, c)
    }
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    let i = ranges.partition_point(|&(_, last)| last < cp);
    ranges.get(i).is_some_and(|&(first, _)| first <= cp)
}

/// A cursor over the table's bytes that reports which section ran short.
struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize, section: &'static str) -> Result<&'static [u8], TableError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or(TableError::Truncated(section))?;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or(TableError::Truncated(section))?;
        self.pos = end;
        Ok(slice)
    }

    fn u8(&mut self, section: &'static str) -> Result<u8, TableError> {
        Ok(self.take(1, section)?[0])
    }

    fn u32(&mut self, section: &'static str) -> Result<u32, TableError> {
        let b = self.take(4, section)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn ranges(&mut self, section: &'static str) -> Result<Vec<(u32, u32)>, TableError> {
        let count = self.u32(section)? as usize;
        let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(count.min(self.bytes.len() / 8));
        for _ in 0..count {
            let (first, last) = (self.u32(section)?, self.u32(section)?);
            let after_previous = ranges.last().is_none_or(|&(_, prev)| prev < first);
            if first > last || !after_previous {
                return Err(TableError::UnsortedRanges(section));
            }
            ranges.push((first, last));
        }
        Ok(ranges)
    }

    fn folds(&mut self) -> Result<HashMap<char, &'static str>, TableError> {
        let count = self.u32("accent folds")? as usize;
        let mut folds =
            HashMap::with_capacity_and_hasher(count.min(self.bytes.len() / 5), Default::default());
        for _ in 0..count {
            let cp = self.u32("accent folds")?;
            let len = self.u8("accent folds")? as usize;
            let to = self.take(len, "accent folds")?;
            let c = char::from_u32(cp).ok_or(TableError::BadFold(cp))?;
            let to = std::str::from_utf8(to).map_err(|_| TableError::BadFold(cp))?;
            folds.insert(c, to);
        }
        Ok(folds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made table: `dims` components per token, the ASCII-free classes given.
    struct TableSpec<'a> {
        dims: u32,
        tokens: &'a [(&'a str, f32, &'a [i8])],
        punctuation: &'a [(u32, u32)],
        whitespace: &'a [(u32, u32)],
        marks: &'a [(u32, u32)],
        folds: &'a [(char, &'a str)],
    }

    fn table_bytes(spec: &TableSpec) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for n in [FORMAT_VERSION, spec.dims, spec.tokens.len() as u32] {
            out.extend(n.to_le_bytes());
        }
        for (token, _, _) in spec.tokens {
            out.push(token.len() as u8);
            out.extend(token.as_bytes());
        }
        for (_, scale, _) in spec.tokens {
            out.extend(scale.to_le_bytes());
        }
        for (_, _, q) in spec.tokens {
            out.extend(q.iter().map(|&x| x as u8));
        }
        for ranges in [spec.punctuation, &[], spec.whitespace, spec.marks] {
            out.extend((ranges.len() as u32).to_le_bytes());
            for (a, b) in ranges {
                out.extend(a.to_le_bytes());
                out.extend(b.to_le_bytes());
            }
        }
        out.extend((spec.folds.len() as u32).to_le_bytes());
        for (c, to) in spec.folds {
            out.extend(u32::from(*c).to_le_bytes());
            out.push(to.len() as u8);
            out.extend(to.as_bytes());
        }
        out
    }

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    fn tiny() -> StaticEmbeddings {
        let spec = TableSpec {
            dims: 2,
            tokens: &[
                ("play", 1.0, &[1, 0]),
                ("##ing", 0.5, &[0, 2]),
                ("##s", 1.0, &[0, 0]),
                ("played", 2.0, &[0, 1]),
                ("cafe", 1.0, &[-1, 0]),
                (",", 1.0, &[0, -1]),
                ("\u{2014}", 1.0, &[3, 3]),
                ("p", 1.0, &[1, 1]),
            ],
            punctuation: &[(0x2014, 0x2014)],
            whitespace: &[(0xA0, 0xA0)],
            marks: &[(0x300, 0x36F)],
            folds: &[('é', "e")],
        };
        StaticEmbeddings::parse(leak(table_bytes(&spec))).expect("hand-made table parses")
    }

    #[test]
    fn wordpiece_takes_the_longest_piece_first() {
        let t = tiny();
        assert_eq!(
            t.wordpieces("playing played plays"),
            ["play", "##ing", "played", "play", "##s"]
        );
    }

    #[test]
    fn a_word_with_an_unspellable_part_is_dropped_whole() {
        let t = tiny();
        // "playx": "play" matches but nothing spells "##x"; BERT makes the word [UNK].
        assert_eq!(t.wordpieces("playx play"), ["play"]);
        assert_eq!(t.embed("playx zzz"), vec![0.0, 0.0]);
    }

    #[test]
    fn text_is_lowercased_stripped_of_accents_and_split_on_punctuation() {
        let t = tiny();
        assert_eq!(
            t.wordpieces("CAFÉ,Play\u{2014}play"),
            ["cafe", ",", "play", "\u{2014}", "play"]
        );
        // e + combining acute: the mark is dropped; no-break space separates words.
        assert_eq!(t.wordpieces("cafe\u{301}\u{a0}play"), ["cafe", "play"]);
        // Control characters vanish without splitting the word.
        assert_eq!(t.wordpieces("pla\u{7}y"), ["play"]);
    }

    #[test]
    fn embedding_is_the_normalised_mean_of_dequantised_token_vectors() {
        let t = tiny();
        // play = (1, 0); ##ing = 0.5 × (0, 2) = (0, 1): mean (0.5, 0.5), normalised.
        let e = t.embed("playing");
        let h = std::f32::consts::FRAC_1_SQRT_2;
        assert!((e[0] - h).abs() < 1e-6 && (e[1] - h).abs() < 1e-6, "{e:?}");
        // played = 2 × (0, 1) points straight up.
        assert_eq!(t.embed("played"), vec![0.0, 1.0]);
    }

    #[test]
    fn nothing_known_embeds_as_zero() {
        let t = tiny();
        assert_eq!(t.embed(""), vec![0.0, 0.0]);
        assert_eq!(t.embed("   \n"), vec![0.0, 0.0]);
        // "##s" has a zero vector: known, but still no direction.
        assert_eq!(t.embed("xyz"), vec![0.0, 0.0]);
        assert_eq!(cosine(&t.embed(""), &t.embed("play")), 0.0);
    }

    #[test]
    fn cosine_handles_zero_and_mismatched_vectors() {
        assert!((cosine(&[1.0, 0.0], &[2.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 3.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-1.0, -1.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[], &[]), 0.0);
    }

    #[test]
    fn broken_tables_are_refused_with_the_reason() {
        let spec = TableSpec {
            dims: 2,
            tokens: &[("a", 1.0, &[1, 2])],
            punctuation: &[],
            whitespace: &[],
            marks: &[],
            folds: &[],
        };
        let good = table_bytes(&spec);
        assert!(StaticEmbeddings::parse(leak(good.clone())).is_ok());

        let mut bad_magic = good.clone();
        bad_magic[0] = b'X';
        assert_eq!(
            StaticEmbeddings::parse(leak(bad_magic)).err(),
            Some(TableError::BadMagic)
        );

        let mut version = good.clone();
        version[8] = 9;
        assert_eq!(
            StaticEmbeddings::parse(leak(version)).err(),
            Some(TableError::UnsupportedVersion(9))
        );

        // Cut inside the vectors (header 20, token 2, scale 4, then 2 vector bytes).
        let cut = good[..27].to_vec();
        assert_eq!(
            StaticEmbeddings::parse(leak(cut)).err(),
            Some(TableError::Truncated("vectors"))
        );

        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(
            StaticEmbeddings::parse(leak(trailing)).err(),
            Some(TableError::TrailingBytes(1))
        );

        let unsorted = TableSpec {
            punctuation: &[(10, 20), (15, 30)],
            ..spec
        };
        assert_eq!(
            StaticEmbeddings::parse(leak(table_bytes(&unsorted))).err(),
            Some(TableError::UnsortedRanges("punctuation"))
        );

        assert_eq!(
            StaticEmbeddings::parse(&[]).err(),
            Some(TableError::Truncated("header"))
        );
    }

    #[test]
    fn the_empty_table_embeds_everything_as_zero() {
        let t = StaticEmbeddings::empty();
        assert_eq!(t.dims(), 0);
        assert!(t.embed("Putin denied it").iter().all(|&x| x == 0.0));
        assert!(t.wordpieces("Putin denied it").is_empty());
    }

    #[test]
    fn the_builtin_table_loads() {
        let t = StaticEmbeddings::builtin();
        assert_eq!(t.dims(), 256);
        // 30522 BERT tokens less 994 [unused*] and 5 special ones.
        assert_eq!(t.len(), 29523);
        let e = t.embed("The Kremlin took note.");
        assert_eq!(e.len(), 256);
        assert!((e.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-4);
    }

    /// Expected pieces from the Hugging Face `tokenizers` package loading the teacher's
    /// tokenizer.json (`encode(text, add_special_tokens=False).tokens`), an independent
    /// implementation of the same tokeniser.
    #[test]
    fn builtin_tokenisation_matches_bert_uncased() {
        let t = StaticEmbeddings::builtin();
        assert_eq!(
            t.wordpieces("Putin denied any animosity towards the Armenian leadership."),
            [
                "putin",
                "denied",
                "any",
                "an",
                "##imo",
                "##sity",
                "towards",
                "the",
                "armenian",
                "leadership",
                "."
            ]
        );
        assert_eq!(
            t.wordpieces("Erdoğan’s “ceasefire” in Nagorno-Karabakh"),
            [
                "er",
                "##dog",
                "##an",
                "’",
                "s",
                "“",
                "ceasefire",
                "”",
                "in",
                "na",
                "##gor",
                "##no",
                "-",
                "kara",
                "##ba",
                "##kh"
            ]
        );
        assert_eq!(
            t.wordpieces("İstanbul naïve ΣΟΦΊΑ 日本 café\u{a0}noir"),
            ["istanbul", "naive", "σ", "##ο", "##φ", "##ια", "日", "本", "cafe", "noir"]
        );
    }

    #[test]
    fn builtin_paraphrases_are_closer_than_unrelated_sentences() {
        let t = StaticEmbeddings::builtin();
        let claim = t.embed("Putin denied any animosity towards the Armenian leadership");
        let paraphrase = t.embed(
            "The Russian leader rejected suggestions that he harbours hostility toward Yerevan's current government",
        );
        let unrelated = t.embed("The recipe needs two eggs, flour and a pinch of salt.");
        let near = cosine(&claim, &paraphrase);
        let far = cosine(&claim, &unrelated);
        assert!(near > far + 0.2, "paraphrase {near}, unrelated {far}");
    }
}
