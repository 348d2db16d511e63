//! Sources that would support a claim but for one thing.
//!
//! A source can state a claim and still not support the writer: it gives the view as
//! someone else's, it reports another speaker saying it, or it states only part of the claim.
//! The claim is then unsupported, and the source is shown as its near miss, since the writer
//! may have the holder or the speaker wrong, or have added what no source says.

use super::Difference;

/// Why a source that states the claim is still no support for it.
#[derive(Debug, Clone, PartialEq)]
pub enum NearMiss {
    /// The source gives the same view as another's ("Moscow's view" against "Ankara's").
    HeldByAnother(Difference),
    /// The source reports another speaker saying it.
    SaidByAnother,
    /// The source states the claim but one clause, which no source weighed states;
    /// `stated` is how much of the rest the source states.
    UnsaidClause { clause: String, stated: f32 },
}

impl NearMiss {
    /// The line a person reads.
    pub fn reason(&self) -> String {
        match self {
            NearMiss::HeldByAnother(holder) => {
                format!("a source says this as another's view ({holder})")
            }
            NearMiss::SaidByAnother => {
                "a source says this, but reports another speaker saying it".to_string()
            }
            NearMiss::UnsaidClause { clause, .. } => {
                format!("a source says part of this, but no source says \"{clause}\"")
            }
        }
    }

    /// Which kind explains an unsupported claim best, lowest first: a holder or speaker
    /// the writer may have wrong is a sharper reason than a clause nobody states.
    fn rank(&self) -> u8 {
        match self {
            NearMiss::HeldByAnother(_) => 0,
            NearMiss::SaidByAnother => 1,
            NearMiss::UnsaidClause { .. } => 2,
        }
    }

    fn stated(&self) -> f32 {
        match self {
            NearMiss::UnsaidClause { stated, .. } => *stated,
            _ => 1.0,
        }
    }
}

/// The near misses of one claim, each with the index of its candidate source, in the order
/// the candidates were weighed.
#[derive(Debug, Default)]
pub struct NearMisses(Vec<(usize, NearMiss)>);

impl NearMisses {
    pub fn push(&mut self, candidate: usize, near_miss: NearMiss) {
        self.0.push((candidate, near_miss));
    }

    /// The first candidate that gives the claim as another's view: it outweighs a weaker
    /// source that supports the claim.
    pub fn held_by_another(&self) -> Option<usize> {
        self.0
            .iter()
            .find(|(_, m)| matches!(m, NearMiss::HeldByAnother(_)))
            .map(|(i, _)| *i)
    }

    /// The near miss to show: of the best-ranked kind, the source stating most of the
    /// claim, and of equals the first weighed.
    pub fn best(&self) -> Option<&(usize, NearMiss)> {
        self.0.iter().min_by(|(i, a), (j, b)| {
            a.rank()
                .cmp(&b.rank())
                .then(b.stated().total_cmp(&a.stated()))
                .then(i.cmp(j))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::DifferenceKind;

    fn clause(text: &str, stated: f32) -> NearMiss {
        NearMiss::UnsaidClause {
            clause: text.to_string(),
            stated,
        }
    }

    #[test]
    fn another_holder_outranks_another_speaker_and_an_unsaid_clause() {
        let holder = Difference {
            kind: DifferenceKind::Actor,
            source: "Turkey".to_string(),
            draft: "Russia".to_string(),
        };
        let mut misses = NearMisses::default();
        misses.push(0, clause("and then it rained", 0.9));
        misses.push(1, NearMiss::SaidByAnother);
        misses.push(2, NearMiss::HeldByAnother(holder.clone()));
        assert_eq!(misses.best(), Some(&(2, NearMiss::HeldByAnother(holder))));
        assert_eq!(misses.held_by_another(), Some(2));
    }

    #[test]
    fn of_unsaid_clauses_the_source_stating_most_of_the_rest_is_shown_and_ties_go_first() {
        let mut misses = NearMisses::default();
        misses.push(0, clause("a", 0.6));
        misses.push(1, clause("b", 0.8));
        misses.push(2, clause("c", 0.8));
        assert_eq!(misses.best().map(|(i, _)| *i), Some(1));
        assert_eq!(misses.held_by_another(), None);
    }

    #[test]
    fn the_reason_names_what_differs() {
        let reason = clause("under Russian guard", 0.7).reason();
        assert_eq!(
            reason,
            "a source says part of this, but no source says \"under Russian guard\""
        );
    }
}
