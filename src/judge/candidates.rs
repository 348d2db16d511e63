//! The sources a claim is weighed against: the index's by shared terms and, with the model,
//! the nearest by embedding, each compared term by term and ranked by closeness.

use super::similarity::{self, Overlap};
use super::{Query, Sources};
use crate::corpus::SentenceId;
use crate::terms::embed::{self, StaticEmbeddings};
use crate::terms::Analysis;

/// How many index candidates the judge examines per sentence.
const CANDIDATES: usize = 40;

/// How many nearest neighbours by embedding join them when the model is on: the two lists
/// miss different sentences, so the judge weighs their union.
const SEMANTIC_CANDIDATES: usize = 10;

/// How many of the closest candidates are also compared word by word for paraphrases.
const PARAPHRASE_CANDIDATES: usize = 10;

/// How much a source's score counts down, for deciding support, per actor or name of the
/// claim it never mentions: who did or said a thing is part of the claim.
const ABSENT_NAME_PENALTY: f32 = 0.05;

/// The same with the model: a sentence's embedding barely moves when one name in it changes,
/// while its term overlap already loses the name's weight, so the cosine pays more.
const ABSENT_NAME_PENALTY_SEMANTIC: f32 = 0.1;

/// With the model, the least term overlap (paraphrase credit included) a source needs
/// besides its cosine: one that shares no actor, name or word of weight with the claim, nor a
/// word said otherwise, is at best on its topic ("the Kremlin is sure it took note of the
/// shelling of peacekeepers in 2008" at cosine 0.54 against "the Kremlin's flurry of
/// mediation served to advertise its primacy").
const SHARED_TERMS_FLOOR: f32 = 0.03;

/// With the model on, a source stating at least this share of the claim's term weight is
/// that much evidence whatever its cosine: a long source sentence that states the claim
/// among others has an embedding diluted by the rest ("Tonoyan's doctrine … left no room
/// for compromise" within a sentence of five clauses: 0.69 of the terms, cosine 0.35).
/// The share of the claim, not of the source: a short source restated whole with a new
/// fact added states all of itself but not the claim.
const WORDS_OUTWEIGH_COSINE: f32 = 0.6;

/// On words alone, the draft's words a source lacks still count for part of the evidence
/// when, as one bag, their static embedding is closer than this to the source sentence's:
/// a paraphrase says the rest in other words about the same thing, a look-alike with a new
/// fact appended says something else.
const RELATED_REST_FLOOR: f32 = 0.3;

pub(super) struct Candidate<'a> {
    pub(super) sentence: SentenceId,
    pub(super) analysis: &'a Analysis,
    pub(super) overlap: Overlap,
    /// Cosine of the two sentences' embeddings, when the model is on.
    pub(super) cosine: Option<f32>,
    /// Cosine of the two sentences' static embeddings (the built-in word table), when the
    /// model is off: it ranks the sources that state a claim in other words.
    pub(super) static_cosine: Option<f32>,
}

impl Candidate<'_> {
    /// How close the source is to the claim, 0..1: shared terms, and the embeddings' cosine
    /// as much (the model's, or without it the static table's where computed). Ranks sources
    /// and is the score a match shows.
    pub(super) fn closeness(&self) -> f32 {
        match self.cosine.or(self.static_cosine) {
            Some(cosine) => ((self.overlap.score() + cosine) / 2.0).clamp(0.0, 1.0),
            None => self.overlap.score(),
        }
    }

    /// The evidence that the source makes the same claim, against its support threshold:
    /// the cosine when the model is on (it sees a paraphrase in other words, and a new fact
    /// in ordinary words, that term overlap cannot) if the source shares anything at all
    /// ([`SHARED_TERMS_FLOOR`]), or the share of the claim's terms it states where that is
    /// higher and at least [`WORDS_OUTWEIGH_COSINE`]; else the term overlap, raised by how
    /// related the rest of the claim is to the source (`related_rest`, computed only then).
    /// Either way each actor or name of the claim that the source never mentions counts
    /// against it.
    pub(super) fn same_claim_evidence(
        &self,
        absent_names: usize,
        related_rest: impl FnOnce() -> f32,
    ) -> f32 {
        let words = self.overlap.score();
        let (evidence, penalty) = match self.cosine {
            Some(_) if words < SHARED_TERMS_FLOOR => (0.0, ABSENT_NAME_PENALTY_SEMANTIC),
            Some(cosine) if self.overlap.draft_coverage >= WORDS_OUTWEIGH_COSINE => (
                cosine.max(self.overlap.draft_coverage),
                ABSENT_NAME_PENALTY_SEMANTIC,
            ),
            Some(cosine) => (cosine, ABSENT_NAME_PENALTY_SEMANTIC),
            None => {
                let related = (related_rest() - RELATED_REST_FLOOR).max(0.0);
                (words + (1.0 - words) * related, ABSENT_NAME_PENALTY)
            }
        };
        evidence - penalty * absent_names as f32
    }
}

/// The candidates for a draft sentence: the index's by shared terms and, with the model,
/// the nearest by embedding; each compared term by term, closest first.
pub(super) fn candidates<'a>(
    sources: &Sources<'a>,
    draft: &Analysis,
    query: Query,
) -> Vec<Candidate<'a>> {
    let idf = |key: &str| sources.index.idf(key);
    let semantic = sources.vectors.zip(query.sentence);
    let mut ids: Vec<SentenceId> = sources
        .index
        .search(draft, CANDIDATES)
        .into_iter()
        .map(|c| c.sentence)
        .collect();
    if let Some((vectors, query)) = semantic {
        for (id, _) in vectors.nearest(query, SEMANTIC_CANDIDATES) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let mut candidates: Vec<Candidate> = ids
        .into_iter()
        .filter_map(|sentence| {
            let analysis = sources
                .analyses
                .get(sentence, sources.corpus, sources.analyzer)?;
            let overlap = similarity::overlap(draft, analysis, &idf);
            let cosine = semantic.and_then(|(vectors, query)| vectors.cosine(sentence, query));
            Some(Candidate {
                sentence,
                analysis,
                overlap,
                cosine,
                static_cosine: None,
            })
        })
        .collect();
    candidates.sort_by(closest_first);
    let mut vectors = similarity::WordVectors::new();
    for c in candidates.iter_mut().take(PARAPHRASE_CANDIDATES) {
        similarity::credit_paraphrases(&mut c.overlap, draft, c.analysis, &mut vectors);
    }
    candidates.sort_by(closest_first);
    candidates
}

/// Closest first, ties by sentence: one order however the candidates arrived.
pub(super) fn closest_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.closeness()
        .total_cmp(&a.closeness())
        .then(a.sentence.cmp(&b.sentence))
}

/// On words alone, gives the candidates at `which` (all for `None`) the cosine of their
/// static embeddings with the claim's, which ranks them beside the term overlap as the
/// model's cosine does. Only the few that can decide the verdict need it: a sentence's
/// static embedding costs about as much as its analysis.
pub(super) fn rank_on_static_embeddings(
    sources: &Sources,
    text: &str,
    candidates: &mut [Candidate],
    which: Option<&[usize]>,
) {
    let wanted = |i: usize| which.is_none_or(|which| which.contains(&i));
    let model_on = candidates.iter().any(|c| c.cosine.is_some());
    if model_on || !(0..candidates.len()).any(wanted) {
        return;
    }
    let query = static_embedding(sources, text);
    for (i, c) in candidates.iter_mut().enumerate() {
        if wanted(i) {
            let source = static_embedding(sources, &sources.corpus.sentence(c.sentence).text);
            c.static_cosine = Some(embed::cosine(&query, &source));
        }
    }
}

/// A sentence in the static table, its aliases spelled out ("NK" as "Nagorno-Karabakh").
fn static_embedding(sources: &Sources, text: &str) -> Vec<f32> {
    let aliases = sources.analyzer.aliases();
    StaticEmbeddings::builtin().embed(&aliases.spelled_out(text))
}

/// The cosine of the claim and a candidate's embeddings: the model's where it is on, else
/// the static table's (computed here: only for the few candidates that need it).
pub(super) fn sentence_cosine(sources: &Sources, text: &str, candidate: &Candidate) -> f32 {
    candidate
        .cosine
        .or(candidate.static_cosine)
        .unwrap_or_else(|| {
            let source = &sources.corpus.sentence(candidate.sentence).text;
            embed::cosine(
                &static_embedding(sources, text),
                &static_embedding(sources, source),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn candidate<'a>(
        analysis: &'a Analysis,
        draft_coverage: f32,
        cosine: Option<f32>,
        static_cosine: Option<f32>,
    ) -> Candidate<'a> {
        Candidate {
            sentence: SentenceId(0),
            analysis,
            overlap: similarity::Overlap {
                draft_coverage,
                source_coverage: draft_coverage,
                missing: vec![],
                weights: vec![],
            },
            cosine,
            static_cosine,
        }
    }

    #[test]
    fn on_words_alone_the_static_cosine_ranks_sources_that_share_as_many_terms() {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        let said_otherwise = candidate(&analysis, 0.3, None, Some(0.7));
        let other_topic = candidate(&analysis, 0.3, None, Some(0.2));
        assert!(said_otherwise.closeness() > other_topic.closeness());
        // Many more shared terms still outrank a closer wording.
        let shares_more = candidate(&analysis, 0.9, None, Some(0.2));
        assert!(shares_more.closeness() > said_otherwise.closeness());
        // With the model the model's cosine decides, not the static one.
        let model = candidate(&analysis, 0.3, Some(0.4), Some(0.9));
        assert!((model.closeness() - 0.35).abs() < 1e-6);
    }

    #[test]
    fn with_the_model_a_source_sharing_nothing_is_no_evidence_however_close_its_embedding() {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        let on_topic_only = candidate(&analysis, 0.0, Some(0.6), None);
        assert_eq!(on_topic_only.same_claim_evidence(0, || 0.0), 0.0);
        let shares_a_little = candidate(&analysis, 0.1, Some(0.6), None);
        assert!((shares_a_little.same_claim_evidence(0, || 0.0) - 0.6).abs() < 1e-6);
        // Each name of the claim the source never mentions still counts against it.
        assert!((shares_a_little.same_claim_evidence(2, || 0.0) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn with_the_model_a_source_stating_most_of_the_claim_is_evidence_however_diluted_its_embedding()
    {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        // A long source sentence stating the claim among other clauses: low cosine.
        let long_source = candidate(&analysis, 0.7, Some(0.35), None);
        assert!((long_source.same_claim_evidence(0, || 0.0) - 0.7).abs() < 1e-6);
        // Below the bar the cosine alone decides, even where the overlap is higher.
        let shares_some = candidate(&analysis, 0.55, Some(0.3), None);
        assert!((shares_some.same_claim_evidence(0, || 0.0) - 0.3).abs() < 1e-6);
    }
}
