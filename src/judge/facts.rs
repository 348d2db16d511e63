//! The facts similarity cannot check: a number, date, actor or polarity that differs
//! between a claim and a source that otherwise says the same thing.
//!
//! A difference must be *in the same place* of the claim: the draft's "Abkhazia" and the
//! source's "South Ossetia" differ only if the words around them match (both follow
//! "peacekeepers in"). Otherwise a long source sentence that also names other actors would
//! contradict every paraphrase of it.

use std::collections::{HashMap, HashSet};

use super::{Difference, DifferenceKind};
use crate::terms::{Analysis, NumberMention, Term, TermKind};

/// How far (in content terms) a differing fact may stand from a shared anchor term.
const SLOT_WINDOW: usize = 3;

/// The facts of `draft` that `source` states differently. Only meaningful when the two
/// otherwise make the same claim; the caller decides that.
pub fn differences(draft: &Analysis, source: &Analysis) -> Vec<Difference> {
    compare(draft, source).differences
}

/// Differences, and the draft terms they account for: a swapped fact is a difference, not
/// something the source fails to mention.
pub struct Comparison {
    pub differences: Vec<Difference>,
    pub replaced_keys: Vec<String>,
}

pub fn compare(draft: &Analysis, source: &Analysis) -> Comparison {
    let (mut differences, replaced_keys) = substitutions(draft, source);
    signs(draft, source, &mut differences);
    if let Some(p) = polarity(draft, source) {
        differences.push(p);
    }
    if let Some(h) = holder(draft, source).filter(|h| !differences.contains(h)) {
        differences.push(h);
    }
    Comparison {
        differences,
        replaced_keys,
    }
}

/// Whether a source sentence asks rather than states: a question supports no claim, however
/// close its words ("Did Moscow gain from the deal?" against "Moscow gained from the deal").
pub fn is_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with('?')
}

/// Numbers and dates of the draft that the source does not have (an invented figure).
pub fn unmatched_numbers<'a>(draft: &'a Analysis, source: &Analysis) -> Vec<&'a NumberMention> {
    let keys: HashSet<String> = source.numbers.iter().map(NumberMention::key).collect();
    draft
        .numbers
        .iter()
        .filter(|n| !keys.contains(&n.key()))
        .collect()
}

/// Actors and names of the draft that the source never mentions, each once.
pub fn unmatched_named<'a>(draft: &'a Analysis, source: &Analysis) -> Vec<&'a Term> {
    let mut seen = HashSet::new();
    draft
        .terms
        .iter()
        .filter(|t| matches!(t.kind, TermKind::Actor | TermKind::Name))
        .filter(|t| !source.mentions(&t.key) && seen.insert(t.key.as_str()))
        .collect()
}

/// What a term can be swapped for: a number for a number of the same sort, a named actor
/// or place for another one.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Slot {
    Quantity,
    Percent,
    Date,
    Month,
    Named,
}

fn slot(term: &Term) -> Option<Slot> {
    match term.kind {
        TermKind::Number if term.key.starts_with("#d") => Some(Slot::Date),
        TermKind::Number if term.key.starts_with("#m") => Some(Slot::Month),
        TermKind::Number if term.key.ends_with('%') => Some(Slot::Percent),
        TermKind::Number => Some(Slot::Quantity),
        TermKind::Actor | TermKind::Name => Some(Slot::Named),
        TermKind::Word => None,
    }
}

fn kind_of(slot: Slot, draft_term: &Term) -> DifferenceKind {
    match slot {
        Slot::Date | Slot::Month => DifferenceKind::Date,
        Slot::Quantity if is_year(draft_term) => DifferenceKind::Date,
        Slot::Quantity | Slot::Percent => DifferenceKind::Number,
        Slot::Named if draft_term.kind == TermKind::Actor => DifferenceKind::Actor,
        Slot::Named => DifferenceKind::Place,
    }
}

fn is_year(t: &Term) -> bool {
    t.key
        .strip_prefix('#')
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|y| (1800..=2100).contains(&y))
}

/// Draft facts replaced by a different fact of the same sort at the same place in the source.
fn substitutions(draft: &Analysis, source: &Analysis) -> (Vec<Difference>, Vec<String>) {
    let mut source_positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, t) in source.terms.iter().enumerate() {
        source_positions.entry(t.key.as_str()).or_default().push(j);
    }
    let mut used = HashSet::new();
    let mut reported = HashSet::new();
    let mut replaced = Vec::new();
    let mut out = Vec::new();
    for (i, d) in draft.terms.iter().enumerate() {
        let Some(d_slot) = slot(d) else { continue };
        if source.mentions(&d.key) || reported.contains(d.key.as_str()) {
            continue;
        }
        // Shared terms near the draft's fact, and where they stand in the source.
        let lo = i.saturating_sub(SLOT_WINDOW);
        let hi = (i + SLOT_WINDOW + 1).min(draft.terms.len());
        let anchors: Vec<usize> = draft.terms[lo..hi]
            .iter()
            .filter(|a| {
                a.kind == TermKind::Word || a.kind == TermKind::Actor || a.kind == TermKind::Name
            })
            .filter_map(|a| source_positions.get(a.key.as_str()))
            .flatten()
            .copied()
            .collect();
        if anchors.is_empty() {
            continue;
        }
        let replacement = source.terms.iter().enumerate().find(|(j, s)| {
            !used.contains(j)
                && slot(s) == Some(d_slot)
                && !draft.mentions(&s.key)
                && anchors.iter().any(|&a| a.abs_diff(*j) <= SLOT_WINDOW)
        });
        if let Some((_, s)) = replacement {
            used.extend(
                source
                    .terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.key == s.key)
                    .map(|(k, _)| k),
            );
            reported.insert(d.key.as_str());
            replaced.push(d.key.clone());
            out.push(Difference {
                kind: kind_of(d_slot, d),
                source: s.surface.clone(),
                draft: d.surface.clone(),
            });
        }
    }
    (out, replaced)
}

/// Same size, opposite direction: "-3.2%" against "up 3.2 percent".
fn signs(draft: &Analysis, source: &Analysis, out: &mut Vec<Difference>) {
    for d in draft.numbers.iter().filter(|n| n.sign != 0) {
        if let Some(s) = source
            .numbers
            .iter()
            .find(|s| s.same_value(d) && s.sign != 0 && s.sign != d.sign)
        {
            out.push(Difference {
                kind: DifferenceKind::Number,
                source: s.describe(),
                draft: d.describe(),
            });
        }
    }
}

/// Stems of verbs that report a view or a statement: who "sees", "believes" or "says" a
/// thing is part of the claim.
const VIEW_VERBS: &[&str] = &[
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
fn holder(draft: &Analysis, source: &Analysis) -> Option<Difference> {
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

/// A phrase that one side negates and the other asserts: two shared terms in a row right
/// after a negation cue on one side only ("no formal role" against "a formal role").
fn polarity(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    let negated_pairs = |a: &Analysis| -> Vec<(String, String, String)> {
        let mut v = Vec::new();
        for (cue, cue_position) in &a.negation_positions() {
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
    for (x, y, said) in negated_pairs(source) {
        if negated_pairs(draft)
            .iter()
            .any(|(a, b, _)| *a == x && *b == y)
        {
            continue;
        }
        if let Some(phrase) = adjacent_pair(draft, &x, &y) {
            return Some(Difference {
                kind: DifferenceKind::Polarity,
                source: format!("\"{said}\""),
                draft: format!("\"{phrase}\""),
            });
        }
    }
    for (x, y, said) in negated_pairs(draft) {
        if negated_pairs(source)
            .iter()
            .any(|(a, b, _)| *a == x && *b == y)
        {
            continue;
        }
        if let Some(phrase) = adjacent_pair(source, &x, &y) {
            return Some(Difference {
                kind: DifferenceKind::Polarity,
                source: format!("\"{phrase}\""),
                draft: format!("\"{said}\""),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn diffs(draft: &str, source: &str) -> Vec<String> {
        let a = Analyzer::new(AliasTable::default_table());
        differences(&a.analyze(draft), &a.analyze(source))
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_swapped_number_in_the_same_place() {
        assert_eq!(
            diffs(
                "936 refugees returned aboard 32 buses.",
                "936 refugees returned as 23 buses travelled."
            ),
            vec!["source says 23, draft says 32"]
        );
    }

    #[test]
    fn a_swapped_actor_in_the_same_place() {
        assert_eq!(
            diffs(
                "Time is on Armenia's side if Yerevan uses force.",
                "Time is on Azerbaijan's side if Baku uses force."
            ),
            vec!["source says Azerbaijan, draft says Armenia"]
        );
    }

    #[test]
    fn other_actors_elsewhere_in_a_long_source_are_no_conflict() {
        assert!(diffs(
            "Moscow cannot afford a rupture with Baku.",
            "Moscow cannot afford a rupture with Baku, while Ankara and Paris watched and Tehran kept silent."
        )
        .is_empty());
    }

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
    fn the_same_view_held_by_another_actor() {
        assert_eq!(
            diffs(
                "Ankara sees the deal as a guarantee.",
                "Moscow sees the deal as a guarantee."
            ),
            vec!["source says Moscow, draft says Ankara"]
        );
        assert!(diffs(
            "Moscow sees the deal as a guarantee.",
            "The Kremlin sees the deal as a guarantee."
        )
        .is_empty());
    }

    #[test]
    fn opposite_signs_of_one_change() {
        assert_eq!(
            diffs(
                "Trade was up 3.2 percent.",
                "Trade was -3.2% compared to 2019."
            ),
            vec!["source says -3.2%, draft says +3.2%"]
        );
    }
}
