//! The facts similarity cannot check: a number, date, actor or polarity that differs
//! between a claim and a source that otherwise says the same thing.
//!
//! A difference must be *in the same place* of the claim: the draft's "Abkhazia" and the
//! source's "South Ossetia" differ only if the words around them match (both follow
//! "peacekeepers in"). Otherwise a long source sentence that also names other actors would
//! contradict every paraphrase of it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::{Difference, DifferenceKind};
use crate::terms::{Analysis, NumberMention, Opposites, Term, TermKind};

/// How far (in content terms) a differing fact may stand from a shared anchor term.
const SLOT_WINDOW: usize = 3;

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
    let (mut differences, replaced_keys) = substitutions(draft, source, frame);
    signs(draft, source, &mut differences);
    if let Some(p) = polarity(draft, source) {
        differences.push(p);
    }
    if let Some(o) = opposite_words(draft, source) {
        differences.push(o);
    }
    if let Some(e) = exclusion(draft, source).or_else(|| exclusion_in_draft(draft, source)) {
        differences.push(e);
    }
    // Whose view it is stands apart: the same view held by another is no contradiction of
    // the source, only not what it says (a substitution that found the holder gives way).
    let other_holder = holder(draft, source);
    if let Some(h) = &other_holder {
        differences.retain(|d| d != h);
    }
    if differences.is_empty() {
        differences.extend(swapped_actor(draft, source));
    }
    Comparison {
        differences,
        replaced_keys,
        other_holder,
    }
}

/// Whether a sentence speaks of the day it was written ("today's deal", "announced
/// yesterday", "tonight"): its date is then the document's.
pub fn speaks_of_its_day(text: &str) -> bool {
    static DEICTIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening))\b")
            .expect("the deictic day pattern is valid")
    });
    DEICTIC.is_match(text)
}

/// Whether a sentence speaks of a person by a pronoun ("he said that …"): whom it means
/// stands in a sentence before it.
pub fn refers_to_a_person(text: &str) -> bool {
    static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:he|she|him|his|her|himself|herself)\b")
            .expect("the personal pronoun pattern is valid")
    });
    PERSONAL.is_match(text)
}

/// Whether a source sentence asks rather than states: a question supports no claim, however
/// close its words ("Did Moscow gain from the deal?" against "Moscow gained from the deal").
pub fn is_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with('?')
}

/// Whether a question is asked only to make a point ("If proud Russia believes that Huawei is
/// safe, why should Brazil or South Africa resist?"): it states that Brazil has no reason
/// to, and a claim saying so restates it. A question that asks ("Will there be a base in
/// Belarus?") states nothing.
pub fn is_rhetorical_question(text: &str) -> bool {
    static RHETORICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[,:;]\s*)(?:so\s+|then\s+|and\s+)?(?:why\s+(?:should|would|else)|who\s+(?:would|could|else)|how\s+(?:could|can)\s+(?:anyone|one|we|they))\b",
        )
        .expect("the rhetorical question pattern is valid")
    });
    is_question(text) && RHETORICAL.is_match(text)
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
fn substitutions(
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

/// Negating adverbs that may stand before the verb, the subject after them ("hardly has
/// it mattered", "never did Moscow say").
const INVERTING_CUES: &[&str] = &["hardly", "scarcely", "barely", "never", "rarely", "seldom"];

/// A phrase that one side negates and the other asserts: two shared terms in a row right
/// after a negation cue on one side only ("no formal role" against "a formal role").
fn polarity(draft: &Analysis, source: &Analysis) -> Option<Difference> {
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
    negated_in_place(draft, source)
        .map(|(said, asserted)| Difference {
            kind: DifferenceKind::Polarity,
            source: format!("\"{asserted}\""),
            draft: format!("\"{said}\""),
        })
        .or_else(|| {
            negated_in_place(source, draft).map(|(said, asserted)| Difference {
                kind: DifferenceKind::Polarity,
                source: format!("\"{said}\""),
                draft: format!("\"{asserted}\""),
            })
        })
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
const NEGATION_REACH: usize = 3;

/// Whether a negation cue stands shortly before the token at `position`.
fn is_negated(a: &Analysis, position: usize) -> bool {
    a.negation_tokens
        .iter()
        .any(|&cue| cue < position && position - cue <= NEGATION_REACH)
}

fn is_anchor(t: &Term) -> bool {
    matches!(t.kind, TermKind::Word | TermKind::Actor | TermKind::Name)
}

/// How firmly draft term `i` and source term `j` stand in the same place of the claim: the
/// number of distinct terms both share within [`SLOT_WINDOW`] of each, on the same side of
/// both when `ordered` ("trade volumes are growing" and "trade volumes have been falling"
/// both follow "volumes"). Opposite words are held to the order, so "trade grew in July, and
/// the ruble weakened" does not meet "the ruble fell"; an exclusion is not, since "only A,
/// but not B" and "B as well as A" put the two in either order.
fn shared_anchors(draft: &Analysis, i: usize, source: &Analysis, j: usize, ordered: bool) -> usize {
    let (d_key, s_key) = (&draft.terms[i].key, &source.terms[j].key);
    let near =
        |len: usize, at: usize| at.saturating_sub(SLOT_WINDOW)..(at + SLOT_WINDOW + 1).min(len);
    let mut anchors: Vec<&str> = near(draft.terms.len(), i)
        .filter(|&k| k != i && is_anchor(&draft.terms[k]))
        .filter(|&k| draft.terms[k].key != *d_key && draft.terms[k].key != *s_key)
        .filter(|&k| {
            near(source.terms.len(), j)
                .filter(|&l| l != j && source.terms[l].key == draft.terms[k].key)
                .any(|l| !ordered || (k < i) == (l < j))
        })
        .map(|k| draft.terms[k].key.as_str())
        .collect();
    anchors.sort_unstable();
    anchors.dedup();
    anchors.len()
}

/// How many shared terms must frame two opposite words. One is too few: every sentence of a
/// corpus on one conflict names its actors, so "Georgia's loss of ground" and "Georgia's
/// real gains" share "Georgia" beside opposite words and still say different things.
const OPPOSITE_ANCHORS: usize = 2;
/// How many shared terms frame two opposite words when they stand on either side: a verb
/// before its object on one side and a participle after it on the other ("Russia halted its
/// arms exports to Armenia" against "Russian arms export to Armenia, continuing throughout
/// the fighting"). Three tie the words to one thing; two in any order do not ("trade grew in
/// July, and the ruble weakened" against "the ruble fell").
const OPPOSITE_ANCHORS_IN_ANY_ORDER: usize = 3;

/// Two actors that trade places: "Baku staged an escalation … to capture new positions from
/// Armenia" against "Yerevan did not hide its intention to capture new positions from
/// Azerbaijan". Both sides name both, so no actor is missing and no substitution shows; what
/// differs is who stands right after the same two words. The slot is held tight — the two
/// content words just before the actor on both sides — since actors of one conflict stand
/// near each other in every sentence. An actor and one that belongs to it (Erdogan and
/// Turkey) are not different.
fn swapped_actor(draft: &Analysis, source: &Analysis) -> Option<Difference> {
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
                !related && source.mentions(&d.key) && draft.mentions(&s.key)
            })
            .map(|s| Difference {
                kind: DifferenceKind::Actor,
                source: s.surface.clone(),
                draft: d.surface.clone(),
            })
    })
}

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
fn opposite_words(draft: &Analysis, source: &Analysis) -> Option<Difference> {
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
fn exclusion(draft: &Analysis, source: &Analysis) -> Option<Difference> {
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
fn exclusion_in_draft(draft: &Analysis, source: &Analysis) -> Option<Difference> {
    exclusion(source, draft).map(|d| Difference {
        kind: d.kind,
        source: d.draft,
        draft: d.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn diffs(draft: &str, source: &str) -> Vec<String> {
        let a = Analyzer::new(AliasTable::default_table());
        compare(&a.analyze(draft), &a.analyze(source))
            .differences
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_question_asked_to_make_a_point_is_told_from_one_that_asks() {
        assert!(is_rhetorical_question(
            "If proud Russia believes that Huawei is safe, why should Brazil or South Africa resist?"
        ));
        assert!(is_rhetorical_question("Who would trust such a partner?"));
        assert!(!is_rhetorical_question(
            "Soon, will there also be a Russian air base in Belarus?"
        ));
        assert!(!is_rhetorical_question("Why did Moscow wait so long?"));
        // Not a question at all.
        assert!(!is_rhetorical_question(
            "Why should Brazil resist, analysts ask."
        ));
    }

    #[test]
    fn an_exclusion_in_another_clause_is_no_conflict() {
        let d = diffs(
            "Moscow had for some time been urging Yerevan to show more flexibility over Karabakh.",
            "Russia had encouraged Yerevan to become more flexible, and has always been clear that the military alliance covers only internationally recognized Armenian territory, but not NK.",
        );
        assert!(d.is_empty(), "{d:?}");
    }

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

    // Opposite polarity beyond "no X Y": antonyms, negating prefixes, multiword cues,
    // exclusions.

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

    #[test]
    fn today_and_yesterday_speak_of_the_day_written_and_a_date_does_not() {
        assert!(speaks_of_its_day(
            "Today's deal addresses core Russian interests."
        ));
        assert!(speaks_of_its_day(
            "The statement published yesterday was short."
        ));
        assert!(!speaks_of_its_day(
            "The deal of 10 November addresses core interests."
        ));
        // "today" inside another word is not the day.
        assert!(!speaks_of_its_day("Todayville is a town."));
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
