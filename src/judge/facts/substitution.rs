//! A fact of the claim replaced by another of its sort: a number, a date, an actor or a
//! place where the source has a different one, and actors that trade places.

use std::collections::{HashMap, HashSet};

use super::anchors::SLOT_WINDOW;
use crate::judge::{Difference, DifferenceKind};
use crate::terms::{Analysis, Term, TermKind};

/// What a term can be swapped for: a number for a number of the same sort, a named actor
/// or place for another one.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Slot {
    Quantity,
    Percent,
    Date,
    Month,
    Duration,
    Named,
}

fn slot(term: &Term) -> Option<Slot> {
    match term.kind {
        TermKind::Number if term.key.starts_with("#d") => Some(Slot::Date),
        TermKind::Number if term.key.starts_with("#m") => Some(Slot::Month),
        TermKind::Number if term.key.starts_with("#t") => Some(Slot::Duration),
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
        Slot::Quantity | Slot::Percent | Slot::Duration => DifferenceKind::Number,
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
pub(super) fn substitutions(
    draft: &Analysis,
    source: &Analysis,
    frame: &HashSet<String>,
) -> (Vec<Difference>, Vec<String>) {
    let mut source_positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, t) in source.terms.iter().enumerate() {
        source_positions.entry(t.key.as_str()).or_default().push(j);
    }
    // A source fact the draft states too (a number within a draft's hedge included) stands
    // in no draft fact's place.
    let said_in_the_draft = |s: &Term| {
        draft.mentions(&s.key)
            || (s.kind == TermKind::Number && source.number_stated_by(&s.key, draft))
    };
    let mut used = HashSet::new();
    let mut reported = HashSet::new();
    let mut replaced = Vec::new();
    let mut out = Vec::new();
    for (i, d) in draft.terms.iter().enumerate() {
        let Some(d_slot) = slot(d) else { continue };
        if source.mentions(&d.key)
            || reported.contains(d.key.as_str())
            || (d.kind == TermKind::Number && draft.number_stated_by(&d.key, source))
        {
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
        // A number changed in a restated claim may stand far from any shared word ("wanted
        // to put its peacekeepers into Karabakh back in 1998" against "… something that
        // Moscow wanted to do back in 1994"): when it is the one number of its sort each side
        // lacks, it is the other's in that place.
        let lone = lone_number(draft, source, d);
        if anchors.is_empty() && !lone {
            continue;
        }
        let replacement = source.terms.iter().enumerate().find(|(j, s)| {
            !used.contains(j)
                && slot(s) == Some(d_slot)
                && !frame.contains(&s.key)
                && !said_in_the_draft(s)
                && !part_of_shared_name(source, *j, draft)
                && (lone || anchors.iter().any(|&a| a.abs_diff(*j) <= SLOT_WINDOW))
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

/// Whether number `d` is the only number of its sort that the draft states and the source
/// does not, and the source has exactly one of that sort the draft does not state: a claim
/// restated with one number changed, however far apart the two stand from shared words.
fn lone_number(draft: &Analysis, source: &Analysis, d: &Term) -> bool {
    let Some(sort) = slot(d).filter(|s| *s != Slot::Named) else {
        return false;
    };
    let unshared = |a: &Analysis, other: &Analysis| {
        let mut keys: Vec<&str> = a
            .terms
            .iter()
            .filter(|t| {
                slot(t) == Some(sort)
                    && !other.mentions(&t.key)
                    && !a.number_stated_by(&t.key, other)
            })
            .map(|t| t.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len()
    };
    unshared(draft, source) == 1 && unshared(source, draft) == 1
}

/// Whether source term `j` is one word of a longer name whose other word the draft names:
/// the "DC" of "Washington DC" when the draft says "Washington". It stands beside a shared
/// name, not in the place of a draft fact. A known actor is a name of its own however close
/// it stands ("Aliyev & Pashinyan").
fn part_of_shared_name(source: &Analysis, j: usize, draft: &Analysis) -> bool {
    let term = &source.terms[j];
    let named = |t: &Term| matches!(t.kind, TermKind::Actor | TermKind::Name);
    term.kind == TermKind::Name
        && [j.checked_sub(1), Some(j + 1)]
            .into_iter()
            .flatten()
            .filter_map(|k| source.terms.get(k))
            .any(|t| named(t) && t.position.abs_diff(term.position) == 1 && draft.mentions(&t.key))
}

/// Same size, opposite direction: "-3.2%" against "up 3.2 percent".
pub(super) fn signs(draft: &Analysis, source: &Analysis, out: &mut Vec<Difference>) {
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

/// Two actors that trade places: "Baku staged an escalation … to capture new positions from
/// Armenia" against "Yerevan did not hide its intention to capture new positions from
/// Azerbaijan". Both sides name both, so no actor is missing and no substitution shows; what
/// differs is who stands right after the same two words. The slot is held tight — the two
/// content words just before the actor on both sides — since actors of one conflict stand
/// near each other in every sentence. An actor and one that belongs to it (Erdogan and
/// Turkey) are not different.
///
/// The source need not name the draft's actor at all: against "his visit to Ankara, …
/// Turkey remains an ally", the draft's "Turkey" covers "Ankara" (one actor), so "Turkey's
/// place as an ally, confirmed on his visit to Baku" shows no substitution, yet "Ankara"
/// stands right where the draft says "Baku".
pub(super) fn swapped_actor(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    fn slots(a: &Analysis) -> Vec<(usize, [&str; 2])> {
        (2..a.terms.len())
            .filter(|&k| a.terms[k].kind == TermKind::Actor)
            .filter(|&k| a.terms[k - 2..k].iter().all(|t| t.kind == TermKind::Word))
            .map(|k| {
                (
                    k,
                    [a.terms[k - 2].key.as_str(), a.terms[k - 1].key.as_str()],
                )
            })
            .collect()
    }
    let source_slots = slots(source);
    slots(draft).into_iter().find_map(|(i, frame)| {
        let d = &draft.terms[i];
        source_slots
            .iter()
            .filter(|(_, other)| *other == frame)
            // "an operation by Russia in Karabakh" holds the draft's "operation in Karabakh"
            // too: the actor right after the source's names the same place.
            .filter(|&&(j, _)| source.terms.get(j + 1).is_none_or(|next| next.key != d.key))
            .map(|&(j, _)| &source.terms[j])
            .find(|s| {
                let related = s.key == d.key
                    || draft.implied.contains(&s.key)
                    || source.implied.contains(&d.key);
                !related && draft.mentions(&s.key)
            })
            .map(|s| Difference {
                kind: DifferenceKind::Actor,
                source: s.surface.clone(),
                draft: d.surface.clone(),
            })
    })
}

#[cfg(test)]
mod tests {
    use super::super::diffs;

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
    fn one_word_of_a_longer_shared_name_is_no_substitute() {
        // "DC" stands beside "Washington", which the draft names; it replaces nothing.
        assert!(diffs(
            "The foreign ministers of Armenia and Azerbaijan were visiting Washington separately.",
            "Foreign min. of both states visiting (separately) Washington DC today.",
        )
        .is_empty());
        // A different city in the place of the draft's still is.
        assert_eq!(
            diffs(
                "The foreign ministers were visiting Washington separately.",
                "The foreign ministers were visiting Paris separately.",
            ),
            vec!["source says Paris, draft says Washington"]
        );
        // Two known actors side by side are two names: the one the draft left out was
        // replaced.
        assert_eq!(
            diffs(
                "The deal announced by Putin, Aliyev and Erdogan addresses core Russian interests.",
                "The deal announced by Putin, @presidentaz & @NikolPashinyan addresses core Russian interests.",
            ),
            vec!["source says @NikolPashinyan, draft says Erdogan"]
        );
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

    #[test]
    fn the_one_number_each_side_lacks_is_swapped_however_far_from_shared_words() {
        let d = diffs(
            "Moscow had already wanted to put its own peacekeepers into Karabakh back in 1998 but could not; now 2,000 of them are there.",
            "Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.",
        );
        assert_eq!(d, vec!["source says 1994, draft says 1998".to_string()]);
        // Two years the source lacks: neither is known to stand for its one.
        let d = diffs(
            "Moscow had already wanted to put its own peacekeepers into Karabakh back in 1998 and in 2005 but could not; now 2,000 of them are there.",
            "Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn actors_that_trade_places_after_the_same_two_words_differ() {
        assert_eq!(
            diffs(
                "In spring Baku massed troops, hoping to seize strategic heights from Armenia.",
                "In spring Yerevan massed troops, hoping to seize strategic heights from Azerbaijan."
            ),
            vec!["source says Azerbaijan, draft says Armenia"]
        );
    }

    #[test]
    fn a_place_in_the_slot_of_one_the_draft_names_elsewhere_differs() {
        // The draft's "Georgia" covers the source's "Tbilisi" (one actor), but in the slot
        // after "visit to" the draft says another.
        assert_eq!(
            diffs(
                "The envoy praised Georgia as a partner during his recent visit to Yerevan.",
                "During his recent visit to Tbilisi, the envoy said that Georgia remains a partner.",
            ),
            vec!["source says Tbilisi, draft says Yerevan"]
        );
        // The same place in other words agrees.
        assert!(diffs(
            "The envoy praised Georgia as a partner during his recent visit to Tbilisi.",
            "During his recent visit to Tbilisi, the envoy said that Georgia remains a partner.",
        )
        .is_empty());
    }

    #[test]
    fn the_same_actors_in_another_order_or_slot_do_not_differ() {
        // One pair named in the other order.
        assert!(diffs(
            "Trade between Russia and Turkey grew last year.",
            "Trade between Turkey and Russia grew last year."
        )
        .is_empty());
        // A leader and his state in the same slot.
        assert!(diffs(
            "The ceasefire was a personal success for Erdogan in Syria.",
            "The ceasefire was a personal success for Turkey in Syria."
        )
        .is_empty());
        // Two actors near each other in one sentence, said word for word.
        let same = "Azerbaijani forces, ignoring a Russian-sponsored ceasefire, seized areas held by Armenians.";
        assert!(diffs(same, same).is_empty());
        // The source names who acts and where, the draft says where after the same words.
        assert!(diffs(
            "Talk of a Russian anti-terrorist operation in Karabakh is wishful thinking.",
            "Talk of an anti-terrorist operation by Russia in Nagorno-Karabakh is wishful thinking."
        )
        .is_empty());
    }
}
