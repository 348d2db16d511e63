//! A phrase one side negates and the other asserts: "no formal role" against "a formal
//! role", "Moscow never recognised" against "Moscow recognised".

use super::anchors::shared_anchors;
use super::opposites::OPPOSITE_ANCHORS;
use crate::judge::{Difference, DifferenceKind};
use crate::terms::{Analysis, TermKind};

/// Negating adverbs that may stand before the verb, the subject after them ("hardly has
/// it mattered", "never did Moscow say").
const INVERTING_CUES: &[&str] = &["hardly", "scarcely", "barely", "never", "rarely", "seldom"];

/// A phrase that one side negates and the other asserts: two shared terms in a row right
/// after a negation cue on one side only ("no formal role" against "a formal role").
pub(super) fn polarity(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    // "hardly has the motive played a role" is "the motive hardly played a role": an
    // adverb that can move before the verb negates the clause wherever it stands, so both
    // sides saying it agree.
    let said_by_both = |cue: &str| {
        INVERTING_CUES.contains(&cue.to_lowercase().as_str())
            && draft.negations.iter().any(|c| c.eq_ignore_ascii_case(cue))
            && source.negations.iter().any(|c| c.eq_ignore_ascii_case(cue))
    };
    let negated_pairs = |a: &Analysis| -> Vec<(String, String, String)> {
        let mut v = Vec::new();
        for (cue, cue_position) in &a.negation_positions() {
            if said_by_both(cue) {
                continue;
            }
            let mut after = a.terms.iter().filter(|t| t.position > *cue_position);
            if let (Some(x), Some(y)) = (after.next(), after.next()) {
                if y.position <= x.position + 3 && x.position <= cue_position + 3 {
                    v.push((
                        x.key.clone(),
                        y.key.clone(),
                        format!("{cue} {} {}", x.surface, y.surface),
                    ));
                }
            }
        }
        v
    };
    let adjacent_pair = |a: &Analysis, x: &str, y: &str| -> Option<String> {
        a.terms
            .windows(2)
            .find(|w| w[0].key == x && w[1].key == y)
            .map(|w| format!("{} {}", w[0].surface, w[1].surface))
    };
    // Each side's negated phrases, read once: a phrase one side negates and the other
    // says as it stands, negating it nowhere, is the difference.
    let in_source = negated_pairs(source);
    let in_draft = negated_pairs(draft);
    let asserted_by = |negated: &[(String, String, String)],
                       other_negated: &[(String, String, String)],
                       other: &Analysis| {
        negated
            .iter()
            .filter(|(x, y, _)| !other_negated.iter().any(|(a, b, _)| a == x && b == y))
            .find_map(|(x, y, said)| adjacent_pair(other, x, y).map(|p| (said.clone(), p)))
    };
    let polar = |source: String, draft: String| Difference {
        kind: DifferenceKind::Polarity,
        source: format!("\"{source}\""),
        draft: format!("\"{draft}\""),
    };
    if let Some((said, phrase)) = asserted_by(&in_source, &in_draft, draft) {
        return Some(polar(said, phrase));
    }
    if let Some((said, phrase)) = asserted_by(&in_draft, &in_source, source) {
        return Some(polar(phrase, said));
    }
    negated_in_place(draft, source)
        .map(|(said, asserted)| polar(asserted, said))
        .or_else(|| negated_in_place(source, draft).map(|(said, asserted)| polar(said, asserted)))
}

/// A word that `a` negates and `b` asserts in the same place of the claim, framed by at
/// least [`OPPOSITE_ANCHORS`] shared terms on the same sides ("Moscow has shown no concern
/// about the military union" against "Moscow has demonstrated certain concern about the
/// de-facto formed military union"): the negated phrase as `a` says it, and the word in `b`.
fn negated_in_place(a: &Analysis, b: &Analysis) -> Option<(String, String)> {
    a.negation_positions()
        .into_iter()
        .find_map(|(cue, cue_position)| {
            // The first word the cue reaches, past a name that qualifies it: "without
            // Azerbaijan's consent" negates the consent.
            let i = a.terms.iter().position(|t| {
                t.kind == TermKind::Word
                    && t.position > cue_position
                    && t.position <= cue_position + NEGATION_REACH
            })?;
            let word = &a.terms[i];
            let j = b.terms.iter().position(|t| t.key == word.key)?;
            let asserted = &b.terms[j];
            // A side that negates or leaves out anything itself may say the same thing the other
            // way round ("X is not covered" against "covers only Y, but not X").
            let b_plain = b.negations.is_empty() && b.exclusions.is_empty();
            (b_plain && shared_anchors(a, i, b, j, true) >= OPPOSITE_ANCHORS)
                .then(|| (format!("{cue} {}", word.surface), asserted.surface.clone()))
        })
}

/// How far (in tokens) a negation cue reaches forward: "not at all satisfied".
pub(super) const NEGATION_REACH: usize = 3;

/// Whether a negation cue stands shortly before the token at `position`.
pub(super) fn is_negated(a: &Analysis, position: usize) -> bool {
    a.negation_tokens
        .iter()
        .any(|&cue| cue < position && position - cue <= NEGATION_REACH)
}

#[cfg(test)]
mod tests {
    use super::super::diffs;

    #[test]
    fn a_negated_phrase_against_an_asserted_one() {
        let d = diffs(
            "Turkey gained a formal role in the deal.",
            "Turkey stayed in the back, with no formal role in the deal.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("no formal role"), "{d:?}");
    }

    #[test]
    fn a_negating_adverb_before_the_verb_or_the_subject_says_the_same() {
        assert!(diffs(
            "But the motive of punishing the leader hardly played a decisive role.",
            "But hardly has the motive of punishing the leader played a decisive role.",
        )
        .is_empty());
        // Only one side says it: they differ.
        let d = diffs(
            "But the motive of punishing the leader played a decisive role.",
            "But hardly has the motive of punishing the leader played a decisive role.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn a_word_negated_in_the_same_place_as_the_source_asserts_it() {
        // No two-word phrase is shared ("de facto" against "de-facto formed"); the shared
        // words around "concern" place it.
        let d = diffs(
            "Since the first days, Moscow has shown no concern about the de facto military union of Azerbaijan and Turkey.",
            "Since the first days Moscow has demonstrated certain concern about the de-facto formed military union of Azerbaijan and Turkey.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("no concern"), "{d:?}");
        // A name between the cue and the word: the word is still what is negated.
        let d = diffs(
            "Lavrov said that observers could be sent to the conflict area even without Azerbaijan's consent.",
            "Lavrov emphasized that sending observers to the conflict area was possible only with the consent of both sides.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("without consent"), "{d:?}");
        // Both negate it: they agree.
        assert!(diffs(
            "Moscow has shown no concern about the military union of Azerbaijan and Turkey.",
            "Moscow has voiced no concern about the military union of Azerbaijan and Turkey.",
        )
        .is_empty());
        // The source says the word elsewhere, among other words: no place is shared.
        let d = diffs(
            "Moscow has shown no concern about the military union.",
            "Concern grew as the talks in the capital stalled over the union.",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn no_longer_negates_what_follows_it() {
        let d = diffs(
            "The minister said that Georgia was no longer a reliable partner of the bloc.",
            "The minister said that Georgia remains a reliable partner of the bloc.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("no longer reliable partner"), "{d:?}");
    }

    #[test]
    fn ill_at_ease_negates_at_ease() {
        let d = diffs(
            "The envoy felt ill at ease talking to reporters.",
            "The envoy felt at ease talking to reporters.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("ill ease talking"), "{d:?}");
        assert!(diffs(
            "The ill envoy talked to reporters.",
            "The envoy talked to reporters."
        )
        .is_empty());
    }

    #[test]
    fn failed_to_negates_the_verb() {
        let d = diffs(
            "Moscow failed to secure a lasting ceasefire.",
            "Moscow secured a lasting ceasefire.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn never_negates_what_follows_it() {
        let d = diffs(
            "Moscow never recognised Abkhazia's independence.",
            "Moscow recognised Abkhazia's independence in 2008.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn not_only_adds_rather_than_negates() {
        assert!(diffs(
            "The deal gives not only formal status to Turkey.",
            "The deal gives formal status to Turkey."
        )
        .is_empty());
    }
}
