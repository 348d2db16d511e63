//! What stands around a source sentence in its documents: the number a neighbour gives,
//! the person a pronoun means, the actor named elsewhere in the piece.

use super::candidates::Candidate;
use super::{facts, Sources};
use crate::corpus::SentenceId;
use crate::terms::Analysis;

/// Whether the source gives every number and date of the claim that it does not state:
/// in its close context, or as the span between its dates.
pub(super) fn numbers_given(sources: &Sources, draft: &Analysis, candidate: &Candidate) -> bool {
    facts::unmatched_numbers(draft, candidate.analysis)
        .into_iter()
        .all(|n| given_by(sources, candidate, n))
}

/// Whether one number of the claim that a source sentence does not state is given by it
/// all the same: as the time between the dates it names ("within three weeks" of "(Sep 30)
/// … (Oct 22)"), or said in its context ([`said_nearby`]).
pub(super) fn given_by(
    sources: &Sources,
    candidate: &Candidate,
    number: &crate::terms::NumberMention,
) -> bool {
    number.spanned_by(&candidate.analysis.numbers)
        || said_nearby(sources, candidate.sentence, &number.key())
}

/// How many sentences before and after a source sentence may hold a number or date of the
/// claim.
const NUMBER_CONTEXT: usize = 1;

/// Whether a number or date of the claim stands in the source sentence's close context
/// (the sentences just before or after it, in a document carrying it) or is the document's
/// own date. A year, a sum, a date a source gives elsewhere in a long piece is not context;
/// one sentence back is.
fn said_nearby(sources: &Sources, sentence: SentenceId, key: &str) -> bool {
    let source = sources.corpus.sentence(sentence);
    let documents = sources.documents;
    let in_context = |o: &crate::corpus::Occurrence| {
        documents.near(o.doc, sentence, NUMBER_CONTEXT, key, sources.index)
    };
    if source.occurrences.iter().any(in_context) {
        return true;
    }
    // Only now read the sentence for "today": most numbers are settled by their neighbours.
    let of_its_day = facts::speaks_of_its_day(&source.text);
    source
        .occurrences
        .iter()
        .any(|o| documents.dated(o.doc, key, of_its_day))
}

/// How many sentences away a source's pronoun may stand from the person it means.
const PRONOUN_REACH: usize = 2;

/// Whether a source sentence speaks of `name` (a name of the claim it never spells) by a
/// pronoun: "he said that the situation … could not last forever", two sentences after
/// "President Putin said". The source then names the claim's person after all.
pub(super) fn referred_to_by_pronoun(sources: &Sources, sentence: SentenceId, name: &str) -> bool {
    let source = sources.corpus.sentence(sentence);
    facts::refers_to_a_person(&source.text)
        && source.occurrences.iter().any(|o| {
            sources
                .documents
                .near(o.doc, sentence, PRONOUN_REACH, name, sources.index)
        })
}

/// Those of `names` (actors and names of a claim that a source sentence lacks) that no
/// document carrying the sentence mentions anywhere. A paraphrase may leave an actor to its
/// context ("the Russian leader", said of Putin in a piece about him); a document that never
/// names the actor at all is not the source of a claim about it.
pub(super) fn unmentioned_by_documents<'t, K: AsRef<str>>(
    sources: &Sources,
    sentence: SentenceId,
    names: &'t [K],
) -> Vec<&'t K> {
    let occurrences = &sources.corpus.sentence(sentence).occurrences;
    names
        .iter()
        .filter(|name| {
            !occurrences.iter().any(|o| {
                sources
                    .documents
                    .mentions(o.doc, name.as_ref(), sources.index, sources.analyzer)
            })
        })
        .collect()
}
