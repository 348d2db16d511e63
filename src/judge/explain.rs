//! What the judge saw in each candidate source, for `corroborate explain`.

use super::candidates::{candidates, closest_first, rank_on_static_embeddings};
use super::context::{given_by, unmentioned_by_documents};
use super::reported::{reported_content_cosine, reported_content_stated};
use super::{attribution, compare_facts, facts, similarity, Difference, Query, Sources};
use crate::corpus::SentenceId;

/// What the judge saw in one candidate source sentence: for `corroborate explain`.
#[derive(Debug, Clone)]
pub struct CandidateReport {
    pub sentence: SentenceId,
    pub score: f32,
    /// Cosine of the sentence embeddings, when the model is on.
    pub cosine: Option<f32>,
    /// Cosine of the static embeddings, when the model is off (ranks with the score).
    pub static_cosine: Option<f32>,
    pub draft_coverage: f32,
    pub source_coverage: f32,
    pub copy_ratio: f32,
    pub differences: Vec<Difference>,
    /// The same view, held by another in the source: no support.
    pub other_holder: Option<Difference>,
    /// Numbers of the draft the source lacks.
    pub unmatched_numbers: Vec<String>,
    /// Actors and names of the draft the source never mentions.
    pub unmatched_names: Vec<String>,
    /// Draft terms the source lacks.
    pub missing_terms: Vec<String>,
    /// Actors and names of the draft that no document carrying the source names anywhere:
    /// the source cannot support the claim.
    pub unmentioned_by_document: Vec<String>,
    /// Numbers of the draft that neither the source nor its neighbours nor its document's
    /// date give: the source cannot support the claim.
    pub numbers_out_of_context: Vec<String>,
    /// For a claim framed as a report, when the source is a report too: the share of the
    /// reported content it states (below [`super::REPORTED_CONTENT_FLOOR`], no support).
    pub reported_content: Option<f32>,
    /// With the model, the cosine of the reported content with the source, when the source
    /// is a report (at least [`super::REPORTED_CONTENT_COSINE`] also states it).
    pub reported_content_cosine: Option<f32>,
}

/// Every candidate the judge would weigh for `text`, best first.
pub fn explain(sources: &Sources, text: &str, query: Query) -> Vec<CandidateReport> {
    let draft = sources.analyzer.analyze(text);
    let attribution = attribution::attribution(text, sources.analyzer);
    let mut candidates = candidates(sources, &draft, query);
    rank_on_static_embeddings(sources, text, &mut candidates, None);
    candidates.sort_by(closest_first);
    candidates
        .into_iter()
        .map(|c| {
            let comparison = compare_facts(sources, &draft, &c);
            let reported_content = attribution
                .as_ref()
                .and_then(|a| reported_content_stated(sources, a, &c));
            (comparison, c, reported_content)
        })
        .map(|(comparison, c, reported_content)| CandidateReport {
            unmentioned_by_document: {
                let absent = facts::unmatched_named(&draft, c.analysis);
                let keys: Vec<&str> = absent.iter().map(|t| t.key.as_str()).collect();
                let unmentioned = unmentioned_by_documents(sources, c.sentence, &keys);
                absent
                    .iter()
                    .filter(|t| unmentioned.contains(&&t.key.as_str()))
                    .map(|t| t.surface.clone())
                    .collect()
            },
            numbers_out_of_context: facts::unmatched_numbers(&draft, c.analysis)
                .into_iter()
                .filter(|n| !given_by(sources, &c, n))
                .map(|n| n.surface.clone())
                .collect(),
            reported_content_cosine: reported_content
                .and_then(|_| reported_content_cosine(sources, &c, query)),
            reported_content,
            sentence: c.sentence,
            score: c.overlap.score(),
            cosine: c.cosine,
            static_cosine: c.static_cosine,
            draft_coverage: c.overlap.draft_coverage,
            source_coverage: c.overlap.source_coverage,
            copy_ratio: similarity::copy_ratio(text, &sources.corpus.sentence(c.sentence).text),
            differences: comparison.differences,
            other_holder: comparison.other_holder,
            unmatched_numbers: facts::unmatched_numbers(&draft, c.analysis)
                .iter()
                .map(|n| n.surface.clone())
                .collect(),
            unmatched_names: facts::unmatched_named(&draft, c.analysis)
                .iter()
                .map(|t| t.surface.clone())
                .collect(),
            missing_terms: c
                .overlap
                .missing
                .iter()
                .map(|&i| draft.terms[i].surface.clone())
                .collect(),
        })
        .collect()
}
