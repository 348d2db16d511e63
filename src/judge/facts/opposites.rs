//! A word whose opposite the other side says in its place: an antonym ("falling" against
//! "rising") or the word with a negating prefix ("unhappy" against "happy").

use std::collections::HashSet;

use super::anchors::shared_anchors;
use super::polarity::is_negated;
use crate::judge::{Difference, DifferenceKind};
use crate::terms::{Analysis, Opposites, TermKind};

/// How many shared terms must frame two opposite words. One is too few: every sentence of a
/// corpus on one conflict names its actors, so "Georgia's loss of ground" and "Georgia's
/// real gains" share "Georgia" beside opposite words and still say different things.
pub(super) const OPPOSITE_ANCHORS: usize = 2;
/// How many shared terms frame two opposite words when they stand on either side: a verb
/// before its object on one side and a participle after it on the other ("Russia halted its
/// arms exports to Armenia" against "Russian arms export to Armenia, continuing throughout
/// the fighting"). Three tie the words to one thing; two in any order do not ("trade grew in
/// July, and the ruble weakened" against "the ruble fell").
const OPPOSITE_ANCHORS_IN_ANY_ORDER: usize = 3;

/// A content word that may state the opposite of a word on the other side: its term index,
/// and the stem of the word it negates with its prefix ("dissatisfied" → "satisfi"), if any.
struct Polar {
    index: usize,
    negated_base: Option<String>,
}

/// Whether one word states the opposite of the other: listed as antonyms ("growing" and
/// "falling"), or one is the other with a negating prefix ("dissatisfied", "satisfied").
fn are_opposite(table: &Opposites, a: &Analysis, x: &Polar, b: &Analysis, y: &Polar) -> bool {
    let (x_key, y_key) = (&a.terms[x.index].key, &b.terms[y.index].key);
    table.are_opposite(x_key, y_key)
        || x.negated_base.as_ref() == Some(y_key)
        || y.negated_base.as_ref() == Some(x_key)
}

/// A word of the draft whose opposite the source says in its place: "trade volumes have
/// been falling" against "trade volumes are growing". A word either side negates is left
/// alone ("did not fall" agrees with "grew"), and so is a word both sides use somewhere
/// (a source that says "rose, then fell" does not contradict "fell").
pub(super) fn opposite_words(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    let table = Opposites::builtin();
    let draft_keys: HashSet<&str> = draft.keys().collect();
    let source_keys: HashSet<&str> = source.keys().collect();
    let words = |a: &Analysis, other_keys: &HashSet<&str>| -> Vec<Polar> {
        a.terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TermKind::Word && !other_keys.contains(t.key.as_str()))
            .filter(|(_, t)| !is_negated(a, t.position))
            .map(|(index, t)| Polar {
                index,
                negated_base: table.negated_base(&t.surface.to_lowercase()),
            })
            .collect()
    };
    let source_words = words(source, &draft_keys);
    let restated = restates_the_rest(draft, &source_keys);
    words(draft, &source_keys).into_iter().find_map(|d| {
        source_words
            .iter()
            .find(|s| {
                are_opposite(table, draft, &d, source, s)
                    && (restated
                        || shared_anchors(draft, d.index, source, s.index, true)
                            >= OPPOSITE_ANCHORS
                        || shared_anchors(draft, d.index, source, s.index, false)
                            >= OPPOSITE_ANCHORS_IN_ANY_ORDER)
            })
            .map(|s| Difference {
                kind: DifferenceKind::Polarity,
                source: format!("\"{}\"", source.terms[s.index].surface),
                draft: format!("\"{}\"", draft.terms[d.index].surface),
            })
    })
}

/// How many of the draft's terms, at the least, the source must restate for an opposite word
/// to count wherever it stands.
const RESTATED_TERMS: usize = 5;
/// And the share of the draft's terms that makes.
const RESTATED_SHARE: f32 = 0.75;

/// Whether the source restates nearly every other term of the draft: then the two make one
/// claim, however its clauses are ordered ("Despite a change of rhetoric in Yerevan in
/// 2016-17, these expectations were largely fulfilled" against "However, these expectations,
/// despite a change of rhetoric in Yerevan in 2016-17, proved futile"), and an opposite word
/// anywhere in it says the opposite.
fn restates_the_rest(draft: &Analysis, source_keys: &HashSet<&str>) -> bool {
    let mut keys: Vec<&str> = draft.keys().collect();
    keys.sort_unstable();
    keys.dedup();
    let shared = keys.iter().filter(|k| source_keys.contains(*k)).count();
    shared >= RESTATED_TERMS && shared as f32 >= RESTATED_SHARE * (keys.len() as f32 - 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::diffs;

    #[test]
    fn an_antonym_in_the_same_place() {
        assert_eq!(
            diffs(
                "Exports to Georgia have been falling for a third month.",
                "Exports to Georgia have been rising for a third month."
            ),
            vec!["source says \"rising\", draft says \"falling\""]
        );
        assert_eq!(
            diffs(
                "The ministry denied that the convoy had reached the border.",
                "The ministry confirmed that the convoy had reached the border."
            ),
            vec!["source says \"confirmed\", draft says \"denied\""]
        );
        assert_eq!(
            diffs(
                "Once the war resumed, it left the ministry with plenty of good options.",
                "As the war resumed, it left the ministry with few good options."
            ),
            vec!["source says \"few\", draft says \"plenty\""]
        );
    }

    #[test]
    fn a_word_with_a_negating_prefix_against_the_word() {
        assert_eq!(
            diffs(
                "Ankara is unhappy with the new arrangement in the region.",
                "Ankara is happy with the new arrangement in the region."
            ),
            vec!["source says \"happy\", draft says \"unhappy\""]
        );
        assert_eq!(
            diffs(
                "The truce looks stable after the latest shelling.",
                "The truce looks unstable after the latest shelling."
            ),
            vec!["source says \"unstable\", draft says \"stable\""]
        );
    }

    #[test]
    fn a_synonym_or_a_false_prefix_is_no_opposite() {
        assert!(diffs(
            "Ankara is content with the new arrangement in the region.",
            "Ankara is happy with the new arrangement in the region."
        )
        .is_empty());
        // "discuss" is not "dis-" + "cuss".
        assert!(diffs(
            "The ministers discussed the truce in Sochi.",
            "The ministers cussed the truce in Sochi."
        )
        .is_empty());
        assert!(diffs(
            "Turkish drones proved invaluable to the army.",
            "Turkish drones proved valuable to the army."
        )
        .is_empty());
    }

    #[test]
    fn an_antonym_elsewhere_in_the_source_is_no_conflict() {
        // "grew" is about trade; "the ruble" stands after it, not before it as in the draft.
        assert!(diffs(
            "The ruble fell after the sanctions were announced.",
            "Trade grew steadily, the ruble weakened after the sanctions were announced."
        )
        .is_empty());
        assert!(diffs("Oil prices fell in July.", "Trade with China grew in July.").is_empty());
    }

    #[test]
    fn an_opposite_word_in_a_restated_claim_counts_wherever_it_stands() {
        let d = diffs(
            "Despite a certain change of rhetoric in Yerevan in 2016-17, these expectations were largely fulfilled.",
            "However, these expectations, despite of a certain rhetoric change in Yerevan in 2016-17, proved futile.",
        );
        assert_eq!(d, vec!["source says \"futile\", draft says \"fulfilled\""]);
    }

    #[test]
    fn opposite_words_framed_by_three_shared_terms_in_any_order_conflict() {
        let d = diffs(
            "Russia halted its arms exports to Armenia as soon as the fighting began.",
            "Finally, the issue of Russian arms export to Armenia, continuing throughout the whole period of fighting, must be thrown light on.",
        );
        assert_eq!(
            d,
            vec!["source says \"continuing\", draft says \"halted\"".to_string()]
        );
    }

    #[test]
    fn opposite_words_beside_one_shared_actor_are_no_conflict() {
        assert!(diffs(
            "Georgia's loss of ground in the north was temporary.",
            "Georgia's real gains came after the winter."
        )
        .is_empty());
    }

    #[test]
    fn a_negated_antonym_or_one_the_source_also_says_agrees() {
        assert!(diffs(
            "Exports to Georgia did not fall for a third month.",
            "Exports to Georgia have been rising for a third month."
        )
        .is_empty());
        assert!(diffs(
            "Exports to Georgia fell in the third month.",
            "Exports to Georgia rose, then fell in the third month."
        )
        .is_empty());
    }
}
