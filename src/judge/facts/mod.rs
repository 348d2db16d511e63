//! The facts similarity cannot check: a number, date, actor or polarity that differs
//! between a claim and a source that otherwise says the same thing.
//!
//! A difference must be *in the same place* of the claim: the draft's "Abkhazia" and the
//! source's "South Ossetia" differ only if the words around them match (both follow
//! "peacekeepers in"). Otherwise a long source sentence that also names other actors would
//! contradict every paraphrase of it.
//!
//! Each kind of difference has its module: a fact replaced by another of its sort
//! (`substitution`), a phrase negated on one side (`polarity`), an opposite word
//! (`opposites`), a name taken out (`exclusion`), the same view held by another (`holder`);
//! `anchors` says when two terms stand in the same place, `form` what a sentence's form says.

mod anchors;
mod exclusion;
mod form;
mod holder;
mod opposites;
mod polarity;
mod substitution;

use std::collections::HashSet;

use super::Difference;
use crate::terms::{Analysis, NumberMention, Term, TermKind};
pub use form::{is_question, is_rhetorical_question, refers_to_a_person, speaks_of_its_day};

/// The facts of a draft that a source states differently, and the draft terms they account
/// for: a swapped fact is a difference, not something the source fails to mention. Only
/// meaningful when the two otherwise make the same claim; the caller decides that.
pub struct Comparison {
    pub differences: Vec<Difference>,
    pub replaced_keys: Vec<String>,
    /// The view is the same but held by another ("for many Turkish decision-makers" where
    /// the source says "Russian"): the source does not support the claim, nor contradict it.
    pub other_holder: Option<Difference>,
}

/// What differs between a claim and a source taken to make it.
pub fn compare(draft: &Analysis, source: &Analysis) -> Comparison {
    compare_beside_frame(draft, source, &HashSet::new())
}

/// [`compare`] for a source that names some actors beside its claim (`frame`): the frame of a
/// report ("According to @MBKhMedia, …" says who reports, not what) or a parenthetical aside
/// ("(with Turkey in the back)"), so no fact of the claim is taken to be replaced by them.
pub fn compare_beside_frame(
    draft: &Analysis,
    source: &Analysis,
    frame: &HashSet<String>,
) -> Comparison {
    let (mut differences, replaced_keys) = substitution::substitutions(draft, source, frame);
    substitution::signs(draft, source, &mut differences);
    if let Some(p) = polarity::polarity(draft, source) {
        differences.push(p);
    }
    if let Some(o) = opposites::opposite_words(draft, source) {
        differences.push(o);
    }
    if let Some(e) =
        exclusion::exclusion(draft, source).or_else(|| exclusion::exclusion_in_draft(draft, source))
    {
        differences.push(e);
    }
    // Whose view it is stands apart: the same view held by another is no contradiction of
    // the source, only not what it says (a substitution that found the holder gives way).
    let other_holder = holder::holder(draft, source);
    if let Some(h) = &other_holder {
        differences.retain(|d| d != h);
    }
    if differences.is_empty() {
        differences.extend(substitution::swapped_actor(draft, source));
    }
    Comparison {
        differences,
        replaced_keys,
        other_holder,
    }
}

/// Numbers and dates of the draft that the source does not have (an invented figure).
pub fn unmatched_numbers<'a>(draft: &'a Analysis, source: &Analysis) -> Vec<&'a NumberMention> {
    draft
        .numbers
        .iter()
        .filter(|n| !source.numbers.iter().any(|s| n.agrees_with(s)))
        .collect()
}

/// Actors and names of the draft that the source never mentions, each once. A leader or
/// ministry counts as mentioned by a source that names its state: analysts write "Aliyev
/// could not restart the war" for "Azerbaijan would hardly be able to resume fighting".
pub fn unmatched_named<'a>(draft: &'a Analysis, source: &Analysis) -> Vec<&'a Term> {
    let mut seen = HashSet::new();
    draft
        .terms
        .iter()
        .filter(|t| matches!(t.kind, TermKind::Actor | TermKind::Name))
        .filter(|t| !source.mentions(&t.key))
        .filter(|t| !draft.broader_of(&t.key).any(|broad| source.mentions(broad)))
        .filter(|t| seen.insert(t.key.as_str()))
        .collect()
}

/// The differences `compare` finds, as a person reads them: for the tests of every kind.
#[cfg(test)]
fn diffs(draft: &str, source: &str) -> Vec<String> {
    let a = crate::terms::Analyzer::new(crate::terms::AliasTable::default_table());
    compare(&a.analyze(draft), &a.analyze(source))
        .differences
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    #[test]
    fn the_names_of_a_sources_frame_replace_no_fact() {
        let a = Analyzer::new(AliasTable::default_table());
        let draft =
            a.analyze("The Chinese city of Shenyang hosts research institutions tied to the PLA.");
        let source = a.analyze("According to @MBKhMedia, the city of Shenyang hosts research institutions tied to the PLA.");
        assert!(!compare(&draft, &source).differences.is_empty());
        let frame: HashSet<String> = ["@mbkh_media".to_string()].into();
        assert!(compare_beside_frame(&draft, &source, &frame)
            .differences
            .is_empty());
    }

    #[test]
    fn a_leader_is_mentioned_by_a_source_that_names_the_state() {
        let a = Analyzer::new(AliasTable::default_table());
        let draft = a.analyze("Aliyev could not restart the war while Russia kept its status.");
        let source =
            a.analyze("Azerbaijan would hardly be able to resume fighting as long as Russia retains the status of a global power.");
        assert!(unmatched_named(&draft, &source).is_empty());
        // The other way round the draft says more than the source: the state does not name
        // its leader.
        let unmatched: Vec<&str> = unmatched_named(&source, &a.analyze("Aliyev resumed fighting."))
            .iter()
            .map(|t| t.surface.as_str())
            .collect();
        assert!(unmatched.contains(&"Russia"), "{unmatched:?}");
    }
}
