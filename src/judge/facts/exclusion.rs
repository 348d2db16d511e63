//! A name one side takes out ("covers only Armenian territory, but not NK") that the other
//! includes in the same place.

use super::anchors::{is_anchor, shared_anchors};
use super::polarity::NEGATION_REACH;
use crate::judge::{Difference, DifferenceKind};
use crate::terms::{Analysis, TermKind};

/// How far (in tokens) after an exclusion cue the excluded name may stand: "but not NK",
/// "except for the Lachin corridor".
const EXCLUSION_REACH: usize = 3;

/// Whether a negation cue stands near the token at `position`, before or after it: the draft
/// that says "Abkhazia is not covered" does not include Abkhazia.
fn negation_near(a: &Analysis, position: usize) -> bool {
    a.negation_tokens
        .iter()
        .any(|&cue| cue.abs_diff(position) <= NEGATION_REACH + 1)
}

/// Each named thing an exclusion cue takes out, by term index, with the cue's words.
fn excluded(a: &Analysis) -> Vec<(usize, String)> {
    a.exclusions
        .iter()
        .filter_map(|(cue, at)| {
            a.terms
                .iter()
                .position(|t| t.position > *at && is_anchor(t))
                .filter(|&k| {
                    let t = &a.terms[k];
                    t.kind != TermKind::Word && t.position <= at + EXCLUSION_REACH
                })
                .map(|k| (k, format!("{cue} {}", a.terms[k].surface)))
        })
        .collect()
}

/// How many shared terms must stand near an excluded name and the draft's mention of it. One
/// is too few: "… urging Yerevan to show more flexibility over Karabakh" shares only
/// "Armenian" with "the alliance covers only Armenian territory, but not NK", a clause about
/// something else.
const EXCLUSION_ANCHORS: usize = 2;

/// A name the source excludes and the draft includes in the same place: "covers only
/// Armenian territory, but not NK" against "covers Nagorno-Karabakh as well as Armenia's
/// territory".
pub(super) fn exclusion(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    let draft_excluded: Vec<usize> = excluded(draft).into_iter().map(|(k, _)| k).collect();
    excluded(source).into_iter().find_map(|(j, said)| {
        let name = &source.terms[j];
        draft
            .terms
            .iter()
            .enumerate()
            .filter(|(k, t)| t.key == name.key && !draft_excluded.contains(k))
            .filter(|(_, t)| !negation_near(draft, t.position))
            .find(|(k, _)| shared_anchors(draft, *k, source, j, false) >= EXCLUSION_ANCHORS)
            .map(|(_, t)| Difference {
                kind: DifferenceKind::Polarity,
                source: format!("\"{said}\""),
                draft: format!("\"{}\"", t.surface),
            })
    })
}

/// The other way round: the draft excludes a name the source includes in the same place.
pub(super) fn exclusion_in_draft(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    exclusion(source, draft).map(|d| Difference {
        kind: d.kind,
        source: d.draft,
        draft: d.source,
    })
}

#[cfg(test)]
mod tests {
    use super::super::diffs;

    #[test]
    fn an_exclusion_in_another_clause_is_no_conflict() {
        let d = diffs(
            "Moscow had for some time been urging Yerevan to show more flexibility over Karabakh.",
            "Russia had encouraged Yerevan to become more flexible, and has always been clear that the military alliance covers only internationally recognized Armenian territory, but not NK.",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_name_the_source_excludes_and_the_draft_includes() {
        assert_eq!(
            diffs(
                "The guarantee covers Abkhazia as well as Georgia's recognised borders.",
                "The guarantee covers only Georgia's recognised borders, but not Abkhazia."
            ),
            vec!["source says \"not Abkhazia\", draft says \"Abkhazia\""]
        );
        assert_eq!(
            diffs(
                "The guarantee covers only Georgia's recognised borders, but not Abkhazia.",
                "The guarantee covers Abkhazia as well as Georgia's recognised borders."
            ),
            vec!["source says \"Abkhazia\", draft says \"not Abkhazia\""]
        );
    }

    #[test]
    fn a_draft_that_also_leaves_the_name_out_agrees() {
        assert!(diffs(
            "Abkhazia is not covered by the guarantee for Georgia's borders.",
            "The guarantee covers only Georgia's recognised borders, but not Abkhazia."
        )
        .is_empty());
    }
}
