//! One claim, one [`SourceSentence`]: sentences repeated by the same known author across
//! documents (a thread scraped twice, once with a handle stripped) become one sentence with
//! one occurrence per document.
//!
//! Linear in the number of sentences: an exact match is a hash lookup on the normalised
//! token sequence; a near match is only looked for among the few sentences of the same
//! author that share the first or the last tokens, and confirmed by token Jaccard.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{DocId, Occurrence, SentenceId, SourceSentence};

/// Lowest token Jaccard similarity for two sentences to be one claim.
const MIN_JACCARD: f64 = 0.8;
/// Lowest ratio of the shorter to the longer token count.
const MIN_LENGTH_RATIO: f64 = 0.8;
/// Tokens at each end used to find near-duplicate candidates.
const ANCHOR_TOKENS: usize = 4;
/// Candidates remembered per anchor (the latest ones): bounds the work per sentence.
const BUCKET: usize = 4;
const EMPTY: u32 = u32::MAX;

/// Whose sentences may merge: the same known author across documents, or, for a source
/// without a known author, only its own document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Author(u32),
    Document(DocId),
}

/// A fast hash for keys that are already hashes (the default SipHash is built to resist
/// attacks, which costs more than the rest of deduplication).
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

#[derive(Default)]
pub struct Dedup {
    sentences: Vec<SourceSentence>,
    /// Token count of each sentence: most candidates fail on length alone.
    lengths: Vec<u32>,
    authors: HashMap<String, u32>,
    exact: FxMap<(Scope, u64), u32>,
    anchors: FxMap<(Scope, u64), [u32; BUCKET]>,
}

/// Hashes of the lowercased runs of letters and digits: punctuation, case, `@` and `#` do
/// not matter.
fn tokens(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut in_token = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            let l = c.to_ascii_lowercase();
            h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0100_0000_01b3);
            in_token = true;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for l in c.to_lowercase() {
                h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0100_0000_01b3);
            }
            in_token = true;
        } else if in_token {
            out.push(mix(h));
            h = 0xcbf2_9ce4_8422_2325;
            in_token = false;
        }
    }
    if in_token {
        out.push(mix(h));
    }
    out
}

/// splitmix64's finaliser: spreads FNV's low-entropy bits over the word.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn sequence_hash(toks: &[u64]) -> u64 {
    let mut h = Fx(toks.len() as u64);
    for &t in toks {
        h.add(t);
    }
    mix(h.0)
}

fn author_key(author: &str) -> String {
    author
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Token Jaccard similarity of two token lists, as sets, is at least [`MIN_JACCARD`].
fn near_equal(a: &[u64], b: &[u64]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    for v in [&mut a, &mut b] {
        v.sort_unstable();
        v.dedup();
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    union > 0 && inter as f64 >= MIN_JACCARD * union as f64
}

impl Dedup {
    /// The scope of the sentences of document `doc`, by `author` if known.
    pub fn scope(&mut self, author: Option<&str>, doc: DocId) -> Scope {
        let Some(key) = author.map(author_key).filter(|a| !a.is_empty()) else {
            return Scope::Document(doc);
        };
        let next = u32::try_from(self.authors.len()).unwrap_or(u32::MAX);
        Scope::Author(*self.authors.entry(key).or_insert(next))
    }

    /// Adds a sentence of the document in `occurrence`, whose sentences merge in `scope`.
    pub fn add(&mut self, scope: Scope, text: String, occurrence: Occurrence) {
        let doc = occurrence.doc;
        let toks = tokens(&text);
        let key = (scope, sequence_hash(&toks));
        if let Some(&id) = self.exact.get(&key) {
            // the key is a hash: confirm before merging
            if self.similar(id, &toks) {
                self.add_occurrence(id, occurrence);
                return;
            }
        }
        let anchors = anchor_keys(scope, &toks);
        if matches!(scope, Scope::Author(_)) {
            let found = anchors
                .iter()
                .flatten()
                .filter_map(|a| self.anchors.get(a))
                .flatten()
                .copied()
                .filter(|&id| id != EMPTY)
                .find(|&id| {
                    // near matches merge across documents only
                    let elsewhere = self
                        .sentences
                        .get(id as usize)
                        .is_some_and(|s| s.occurrences.iter().all(|o| o.doc != doc));
                    elsewhere && self.similar(id, &toks)
                });
            if let Some(id) = found {
                self.exact.insert(key, id);
                self.add_near_copy(id, text, toks.len(), occurrence);
                return;
            }
        }
        let Ok(id) = u32::try_from(self.sentences.len()) else {
            return;
        };
        self.sentences.push(SourceSentence {
            id: SentenceId(id),
            text,
            occurrences: vec![occurrence],
        });
        self.lengths
            .push(u32::try_from(toks.len()).unwrap_or(u32::MAX));
        self.exact.insert(key, id);
        if matches!(scope, Scope::Author(_)) {
            for a in anchors.into_iter().flatten() {
                let bucket = self.anchors.entry(a).or_insert([EMPTY; BUCKET]);
                bucket.rotate_right(1);
                bucket[0] = id;
            }
        }
    }

    /// Whether sentence `id` says what `toks` says: the same tokens, or nearly.
    fn similar(&self, id: u32, toks: &[u64]) -> bool {
        let i = id as usize;
        let (Some(&len), Some(s)) = (self.lengths.get(i), self.sentences.get(i)) else {
            return false;
        };
        let len = len as usize;
        let (short, long) = (len.min(toks.len()), len.max(toks.len()));
        if (short as f64) < MIN_LENGTH_RATIO * long as f64 {
            return false;
        }
        let other = tokens(&s.text);
        other == toks || near_equal(&other, toks)
    }

    /// One occurrence per document: a repeat inside a document adds nothing.
    fn add_occurrence(&mut self, id: u32, occurrence: Occurrence) {
        if let Some(s) = self.sentences.get_mut(id as usize) {
            if !s.occurrences.iter().any(|o| o.doc == occurrence.doc) {
                s.occurrences.push(occurrence);
            }
        }
    }

    /// A near copy of sentence `id` from another document. The fuller of the two wordings
    /// stands for both, with its occurrence first: a scraper that dropped a handle ("'s way
    /// of handling") must not hide whose way the claim is about.
    fn add_near_copy(&mut self, id: u32, text: String, token_count: usize, occurrence: Occurrence) {
        let i = id as usize;
        let fuller = self
            .lengths
            .get(i)
            .is_some_and(|&kept| token_count > kept as usize);
        match self.sentences.get_mut(i) {
            Some(s) if fuller && !s.occurrences.iter().any(|o| o.doc == occurrence.doc) => {
                s.text = text;
                s.occurrences.insert(0, occurrence);
                self.lengths[i] = u32::try_from(token_count).unwrap_or(u32::MAX);
            }
            _ => self.add_occurrence(id, occurrence),
        }
    }

    pub fn finish(self) -> Vec<SourceSentence> {
        self.sentences
    }
}

/// Keys of the first and the last tokens (sentences too short to have both have none).
fn anchor_keys(scope: Scope, toks: &[u64]) -> [Option<(Scope, u64)>; 2] {
    if toks.len() <= ANCHOR_TOKENS {
        return [None, None];
    }
    let head = sequence_hash(&toks[..ANCHOR_TOKENS]);
    let tail = sequence_hash(&toks[toks.len() - ANCHOR_TOKENS..]) ^ 1;
    [Some((scope, head)), Some((scope, tail))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(doc: u32) -> Occurrence {
        Occurrence {
            doc: DocId(doc),
            line: 1,
            column: 1,
            byte_range: 0..1,
        }
    }

    #[test]
    fn merges_near_equal_sentences_of_one_author_across_documents() {
        let mut d = Dedup::default();
        let (a0, a1) = (
            d.scope(Some("A. Author"), DocId(0)),
            d.scope(Some("a.  author"), DocId(1)),
        );
        assert_eq!(a0, a1);
        d.add(a0, "By Moscow's assessment, 's way of handling the conflict has been extremely risky since 2018.".into(), occ(0));
        d.add(a1, "By Moscow's assessment, @NikolPashinyan's way of handling the conflict has been extremely risky since 2018.".into(), occ(1));
        let s = d.finish();
        assert_eq!(s.len(), 1);
        // The wording that kept the handle stands for both, found first where it was read.
        assert!(s[0].text.contains("@NikolPashinyan's way"), "{}", s[0].text);
        assert_eq!(
            s[0].occurrences.iter().map(|o| o.doc.0).collect::<Vec<_>>(),
            vec![1, 0]
        );
    }

    #[test]
    fn never_merges_different_or_unknown_authors() {
        let text = "Russia has put its 2000 peacekeepers in the region.";
        let mut d = Dedup::default();
        for (doc, author) in [Some("A"), Some("B"), None, None].into_iter().enumerate() {
            let scope = d.scope(author, DocId(doc as u32));
            d.add(scope, text.into(), occ(doc as u32));
        }
        assert_eq!(d.finish().len(), 4);
    }

    #[test]
    fn merges_exact_repeats_inside_a_document_only() {
        let mut d = Dedup::default();
        let scope = d.scope(None, DocId(0));
        d.add(scope, "The same words said twice here.".into(), occ(0));
        d.add(scope, "The same words said twice here.".into(), occ(0));
        d.add(scope, "The same words were said twice here.".into(), occ(0));
        let s = d.finish();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].occurrences.len(), 1);
    }

    #[test]
    fn different_claims_stay_apart() {
        let mut d = Dedup::default();
        let scope = d.scope(Some("A"), DocId(0));
        d.add(
            scope,
            "Russia has put its 2000 peacekeepers in the region today.".into(),
            occ(0),
        );
        d.add(
            scope,
            "Russia has put its 2000 soldiers on the border tomorrow.".into(),
            occ(1),
        );
        assert_eq!(d.finish().len(), 2);
    }
}
