//! Where a fact stands in a claim: two facts differ only if they stand in the same place,
//! framed by terms both sides share.

use crate::terms::{Analysis, Term, TermKind};

/// How far (in content terms) a differing fact may stand from a shared anchor term.
pub(super) const SLOT_WINDOW: usize = 3;

/// A term that can place another: a word or a name, not a number (numbers are what
/// differs).
pub(super) fn is_anchor(t: &Term) -> bool {
    matches!(t.kind, TermKind::Word | TermKind::Actor | TermKind::Name)
}

/// How firmly draft term `i` and source term `j` stand in the same place of the claim: the
/// number of distinct terms both share within [`SLOT_WINDOW`] of each, on the same side of
/// both when `ordered` ("trade volumes are growing" and "trade volumes have been falling"
/// both follow "volumes"). Opposite words are held to the order, so "trade grew in July, and
/// the ruble weakened" does not meet "the ruble fell"; an exclusion is not, since "only A,
/// but not B" and "B as well as A" put the two in either order.
pub(super) fn shared_anchors(
    draft: &Analysis,
    i: usize,
    source: &Analysis,
    j: usize,
    ordered: bool,
) -> usize {
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
