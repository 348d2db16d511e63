//! A claim framed as a report ("TASS reported that …") against a source that is itself a
//! report: the source must state what the claim says was reported, not only share its
//! reporter and setting.

use super::candidates::Candidate;
use super::{attribution, similarity, Query, Sources};

/// When a claim is framed as a report ("TASS reported that …") and a source names its
/// reporter or is itself a report, the least share of the reported content the source must
/// state: a shared reporter and setting lift its overlap as high as a paraphrase's even when
/// it reports another event.
pub const REPORTED_CONTENT_FLOOR: f32 = 0.4;

/// With the model, the cosine of the reported content's embedding with a source's at which
/// the source states it, however few of its words it shares ("nearly a thousand more
/// displaced people were driven home" for "936 more refugees returned"): a report of
/// another event by the same reporter stays below (0.54 for "observers could be drawn from
/// other member states" against "observers … only with the consent of both sides").
pub const REPORTED_CONTENT_COSINE: f32 = 0.6;

/// Whether a source that is itself a report (by the claim's reporter or another) states
/// enough of what the claim says was reported; a source that reports nothing is weighed as
/// any other.
pub(super) fn states_reported_content(
    sources: &Sources,
    attribution: &attribution::Attribution,
    candidate: &Candidate,
    query: Query,
) -> bool {
    reported_content_stated(sources, attribution, candidate).is_none_or(|share| {
        share >= REPORTED_CONTENT_FLOOR
            || reported_content_cosine(sources, candidate, query)
                .is_some_and(|cosine| cosine >= REPORTED_CONTENT_COSINE)
    })
}

/// The cosine of the claim's reported content with a source sentence, when the model has
/// embedded both.
pub(super) fn reported_content_cosine(
    sources: &Sources,
    candidate: &Candidate,
    query: Query,
) -> Option<f32> {
    sources
        .vectors
        .zip(query.reported)
        .and_then(|(vectors, reported)| vectors.cosine(candidate.sentence, reported))
}

/// The share of the claim's reported content a source states (paraphrases credited), when
/// the source is a report itself; `None` when the source reports nothing.
pub(super) fn reported_content_stated(
    sources: &Sources,
    attribution: &attribution::Attribution,
    candidate: &Candidate,
) -> Option<f32> {
    let source_text = &sources.corpus.sentence(candidate.sentence).text;
    if !attribution.weighs_content_of(candidate.analysis, source_text) {
        return None;
    }
    let idf = |key: &str| sources.index.idf(key);
    let mut content = similarity::overlap(&attribution.content, candidate.analysis, &idf);
    let mut vectors = similarity::WordVectors::new();
    similarity::credit_paraphrases(
        &mut content,
        &attribution.content,
        candidate.analysis,
        &mut vectors,
    );
    Some(content.draft_coverage)
}
