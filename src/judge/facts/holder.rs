//! Whose view a claim is: the same view held by another actor is not what the source says,
//! nor a contradiction of it.

use crate::judge::{Difference, DifferenceKind};
use crate::terms::{Analysis, Term, TermKind};

/// Stems of verbs that report a view or a statement, and of nouns for those who hold one:
/// who "sees", "believes" or "says" a thing is part of the claim.
const VIEW_VERBS: &[&str] = &[
    // nouns of those who hold a view: "for many Russian decision-makers, …"
    "decis",
    "policymak",
    "see",
    "believ",
    "think",
    "say",
    "said",
    "argu",
    "view",
    "consid",
    "fear",
    "expect",
    "claim",
    "assert",
    "insist",
    "conclud",
    "deni",
    "assess",
    "suggest",
    "warn",
    "hope",
    "want",
    "understand",
    "know",
    "regard",
    "recogn",
];

/// The actor right before each view verb: "Moscow sees", "Ankara believes".
fn holders(a: &Analysis) -> Vec<(&str, &Term)> {
    let mut out = Vec::new();
    for (i, t) in a.terms.iter().enumerate() {
        if t.kind != TermKind::Word || !VIEW_VERBS.contains(&t.key.as_str()) {
            continue;
        }
        let before = a.terms[..i]
            .iter()
            .rev()
            .take(2)
            .find(|p| p.kind == TermKind::Actor || p.kind == TermKind::Name);
        if let Some(actor) = before.filter(|p| p.position + 3 >= t.position) {
            out.push((t.key.as_str(), actor));
        }
    }
    out
}

/// The same view held by someone else: the draft's "Ankara sees" where the source says
/// "Moscow sees".
pub(super) fn holder(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    let in_source = holders(source);
    holders(draft).into_iter().find_map(|(verb, actor)| {
        let same_verb: Vec<&Term> = in_source
            .iter()
            .filter(|(v, _)| *v == verb)
            .map(|(_, a)| *a)
            .collect();
        // "the Russian foreign ministry said" and "🇷🇺 said" name one holder: the ministry
        // belongs to Russia (the draft's implied actors hold the broader names).
        let same_holder = |a: &&Term| {
            a.key == actor.key
                || draft.implied.contains(&a.key)
                || source.implied.contains(&actor.key)
        };
        let held_by_other = !same_verb.is_empty() && !same_verb.iter().any(same_holder);
        held_by_other.then(|| Difference {
            kind: DifferenceKind::Actor,
            source: same_verb[0].surface.clone(),
            draft: actor.surface.clone(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use crate::terms::{AliasTable, Analyzer};

    fn other_holder(draft: &str, source: &str) -> Option<String> {
        let a = Analyzer::new(AliasTable::default_table());
        let comparison = compare(&a.analyze(draft), &a.analyze(source));
        assert!(
            comparison.differences.is_empty(),
            "{:?}",
            comparison.differences
        );
        comparison.other_holder.map(|d| d.to_string())
    }

    #[test]
    fn the_same_view_held_by_another_actor_is_no_contradiction_but_another_view() {
        assert_eq!(
            other_holder(
                "Ankara sees the deal as a guarantee.",
                "Moscow sees the deal as a guarantee."
            )
            .as_deref(),
            Some("source says Moscow, draft says Ankara")
        );
        assert_eq!(
            other_holder(
                "Moscow sees the deal as a guarantee.",
                "The Kremlin sees the deal as a guarantee."
            ),
            None
        );
        // Those who hold a view, named by a noun.
        assert_eq!(
            other_holder(
                "For many Turkish decision-makers, a new war was a matter of when rather than if.",
                "For many Russian decision-makers, a new war was a matter of when rather than if."
            )
            .as_deref(),
            Some("source says Russian, draft says Turkish")
        );
    }
}
