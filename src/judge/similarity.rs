//! How much of a claim a source sentence states: term coverage weighted by rarity, and how
//! much of the wording it shares (for copies).

use std::collections::{HashMap, HashSet};

use crate::terms::embed::{cosine, StaticEmbeddings};
use crate::terms::{Analysis, TermKind};

/// The comparison of a draft sentence with one source sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// Share of the draft's term weight found in the source (0..1).
    pub draft_coverage: f32,
    /// Share of the source's term weight found in the draft (0..1).
    pub source_coverage: f32,
    /// Indexes into the draft's terms that the source does not have.
    pub missing: Vec<usize>,
    /// Weight of each draft term (parallel to the draft's terms; 0 for repeats).
    pub weights: Vec<f32>,
}

impl Overlap {
    /// One number for "how close": mostly how much of the draft the source states, a little
    /// of how much of the source the draft restates (a long source sentence may hold more).
    pub fn score(&self) -> f32 {
        0.8 * self.draft_coverage + 0.2 * self.source_coverage
    }

    /// The score if the draft terms at `explained` were found too (facts the source states
    /// differently: they show the source is about the same thing).
    pub fn score_with(&self, explained: &[usize]) -> f32 {
        let total: f32 = self.weights.iter().sum();
        if total <= 0.0 {
            return self.score();
        }
        let extra: f32 = explained
            .iter()
            .filter(|i| self.missing.contains(i))
            .map(|&i| self.weights[i])
            .sum();
        let draft_coverage = (self.draft_coverage + extra / total).min(1.0);
        0.8 * draft_coverage + 0.2 * self.source_coverage
    }
}

/// Word vectors from the built-in static embeddings, looked up once per word per sentence.
pub struct WordVectors {
    table: &'static StaticEmbeddings,
    cache: HashMap<String, Vec<f32>>,
}

impl WordVectors {
    pub fn new() -> Self {
        WordVectors {
            table: StaticEmbeddings::builtin(),
            cache: HashMap::new(),
        }
    }

    fn similarity(&mut self, a: &str, b: &str) -> f32 {
        for w in [a, b] {
            if !self.cache.contains_key(w) {
                let v = self.table.embed(w);
                self.cache.insert(w.to_string(), v);
            }
        }
        match (self.cache.get(a), self.cache.get(b)) {
            (Some(x), Some(y)) => cosine(x, y),
            _ => 0.0,
        }
    }
}

/// How related the draft's words that the source lacks are to what the source says: the
/// cosine of their static embedding (as one bag) with the source sentence's.
pub fn residual_relatedness(o: &Overlap, draft: &Analysis, source_text: &str) -> f32 {
    let table = StaticEmbeddings::builtin();
    let missing: Vec<&str> = o
        .missing
        .iter()
        .map(|&i| draft.terms[i].surface.as_str())
        .collect();
    if missing.is_empty() {
        return 1.0;
    }
    cosine(&table.embed(&missing.join(" ")), &table.embed(source_text))
}

/// Below this cosine two different words are not taken for the same meaning.
const SYNONYM_FLOOR: f32 = 0.5;

/// Gives partial credit for draft words the source says in other words ("mainly" for
/// "primarily", "denied" for "rejected"): each missing content word is credited with its
/// closest source word's similarity when that is above [`SYNONYM_FLOOR`]. Names and numbers
/// never count as paraphrased.
pub fn credit_paraphrases(
    o: &mut Overlap,
    draft: &Analysis,
    source: &Analysis,
    vectors: &mut WordVectors,
) {
    let total: f32 = o.weights.iter().sum();
    if total <= 0.0 {
        return;
    }
    let source_words: Vec<String> = source
        .terms
        .iter()
        .filter(|t| t.kind == TermKind::Word)
        .map(|t| t.surface.to_lowercase())
        .collect();
    let mut credit = 0.0;
    for &i in &o.missing {
        let t = &draft.terms[i];
        if t.kind != TermKind::Word || o.weights[i] == 0.0 {
            continue;
        }
        let word = t.surface.to_lowercase();
        let best = source_words
            .iter()
            .map(|s| vectors.similarity(&word, s))
            .fold(0.0f32, f32::max);
        if best >= SYNONYM_FLOOR {
            credit += o.weights[i] * best;
        }
    }
    o.draft_coverage = (o.draft_coverage + credit / total).min(1.0);
}

/// Term weight: rarity in the corpus, with actors (Russia, Turkey …) worth less since every
/// sentence of a corpus on one conflict names them.
pub fn term_weight(kind: TermKind, idf: f32) -> f32 {
    match kind {
        TermKind::Actor => idf * 0.6,
        TermKind::Number => idf.max(2.0),
        TermKind::Name | TermKind::Word => idf,
    }
}

pub fn overlap(draft: &Analysis, source: &Analysis, idf: &dyn Fn(&str) -> f32) -> Overlap {
    let source_keys: HashSet<&str> = source.keys().collect();
    let draft_keys: HashSet<&str> = draft.keys().collect();
    let mut total = 0.0;
    let mut found = 0.0;
    let mut missing = Vec::new();
    let mut weights = vec![0.0; draft.terms.len()];
    let mut seen = HashSet::new();
    for (i, t) in draft.terms.iter().enumerate() {
        if !seen.insert(t.key.as_str()) {
            continue;
        }
        let w = term_weight(t.kind, idf(&t.key));
        weights[i] = w;
        total += w;
        let stated = source_keys.contains(t.key.as_str())
            || (t.kind == TermKind::Number && draft.number_stated_by(&t.key, source));
        if stated {
            found += w;
        } else {
            missing.push(i);
        }
    }
    let mut source_total = 0.0;
    let mut source_found = 0.0;
    let mut seen = HashSet::new();
    for t in &source.terms {
        if !seen.insert(t.key.as_str()) {
            continue;
        }
        let w = term_weight(t.kind, idf(&t.key));
        source_total += w;
        if draft_keys.contains(t.key.as_str())
            || (t.kind == TermKind::Number && source.number_stated_by(&t.key, draft))
        {
            source_found += w;
        }
    }
    let ratio = |a: f32, b: f32| if b > 0.0 { a / b } else { 0.0 };
    Overlap {
        draft_coverage: ratio(found, total),
        source_coverage: ratio(source_found, source_total),
        missing,
        weights,
    }
}

/// Share of the draft's words that the source has in the same order (0..1): how much of
/// the draft is a copy.
pub fn copy_ratio(draft: &str, source: &str) -> f32 {
    let d = words(draft);
    if d.is_empty() {
        return 0.0;
    }
    lcs(&d, &words(source)) as f32 / d.len() as f32
}

/// Lowercase words of a sentence, for the copy check.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Length of the longest common subsequence of two word lists.
fn lcs(a: &[String], b: &[String]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn compare(a: &str, b: &str) -> Overlap {
        let analyzer = Analyzer::new(AliasTable::default_table());
        overlap(&analyzer.analyze(a), &analyzer.analyze(b), &|_| 1.0)
    }

    #[test]
    fn a_copy_covers_everything() {
        let o = compare(
            "Moscow is satisfied with this outcome.",
            "Moscow is satisfied with this outcome.",
        );
        assert_eq!((o.draft_coverage, o.source_coverage), (1.0, 1.0));
        let copy = "Moscow is satisfied with this outcome.";
        assert_eq!(copy_ratio(copy, copy), 1.0);
    }

    #[test]
    fn aliases_and_number_forms_count_as_shared() {
        let o = compare(
            "The Kremlin sent 2,000 peacekeepers.",
            "Russia sent 2000 peacekeepers.",
        );
        assert_eq!(o.draft_coverage, 1.0);
        let ratio = copy_ratio(
            "The Kremlin sent 2,000 peacekeepers.",
            "Russia sent 2000 peacekeepers.",
        );
        assert!(ratio < 0.7, "{ratio}");
    }

    #[test]
    fn words_said_otherwise_get_partial_credit_and_names_none() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let draft = analyzer.analyze("Flights came mainly from Krasnodar.");
        let source = analyzer.analyze("Flights came primarily from Rostov.");
        let mut o = overlap(&draft, &source, &|_| 1.0);
        let before = o.draft_coverage;
        credit_paraphrases(&mut o, &draft, &source, &mut WordVectors::new());
        assert!(
            o.draft_coverage > before,
            "{before} -> {}",
            o.draft_coverage
        );
        // "Krasnodar" is a name: no synonym can stand for it, so coverage stays below 1.
        assert!(o.draft_coverage < 0.9, "{}", o.draft_coverage);
    }

    #[test]
    fn the_rest_of_a_paraphrase_relates_to_the_source_and_an_appended_fact_does_not() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let source = "The whole situation tells us something new about the way Moscow exercises foreign policy.";
        let rest = |draft: &str| {
            let draft = analyzer.analyze(draft);
            let o = overlap(&draft, &analyzer.analyze(source), &|_| 1.0);
            residual_relatedness(&o, &draft, source)
        };
        let paraphrase =
            rest("The episode reveals a shift in how the Kremlin conducts its external relations.");
        let appended =
            rest("Moscow exercises foreign policy as its sappers cleared mines near the hospital.");
        assert!(paraphrase > appended + 0.1, "{paraphrase} vs {appended}");
        assert_eq!(rest(source), 1.0, "nothing missing: nothing unrelated");
    }

    #[test]
    fn new_content_lowers_coverage_and_is_listed() {
        let o = compare(
            "Russia sent sappers who cleared mines.",
            "Russia sent peacekeepers.",
        );
        assert!(o.draft_coverage < 0.5, "{o:?}");
        assert_eq!(o.missing.len(), 3);
    }
}
