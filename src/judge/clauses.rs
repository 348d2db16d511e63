//! A claim of several clauses ("X, and Y", "X because Y"): each clause is a claim of its
//! own. A source that states one clause word for word and says nothing of the other does not
//! support the sentence, unless another source says the other: a real claim with an invented
//! event joined to it ("The Kremlin has never trusted Pashinyan, and Russian state
//! television spent the autumn campaigning for his resignation") otherwise passes on the
//! strength of its first half.

use std::sync::LazyLock;

use regex::Regex;

use super::similarity::{self, WordVectors};
use crate::terms::{Analysis, Analyzer, TermKind};

/// Where one clause ends and another begins: a comma before "and", "but", "while" or
/// "whereas", a semicolon, "because", or "before", "after", "until" or "once" (a condition
/// in time is a fact of its own: "obliges Azerbaijan to consult Moscow before buying
/// warships"). A part too short to be a clause ("after the war") stays with its sentence.
static BETWEEN_CLAUSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),\s+(?:and|but|while|whereas)\s+|;\s+|\s+(?:because|before|after|until|once)\s+",
    )
    .expect("the clause boundary pattern is valid")
});

/// The fewest content terms that make a part a clause rather than one more item of a list
/// ("Russia, Turkey, and Iran").
const CLAUSE_TERMS: usize = 3;
/// A clause a source states this much of (paraphrases credited) is said by it.
const STATED: f32 = 0.45;
/// A clause a source states no more of than this, it does not say at all: about one word in
/// eight said otherwise ("campaigning" near "protests") is chance, not a paraphrase.
const UNSAID: f32 = 0.12;

/// The clauses of a claim, each analysed on its own; `None` for a claim of one clause.
pub struct Clauses {
    /// Each clause as written.
    texts: Vec<String>,
    parts: Vec<Analysis>,
    /// The same without their actors: every sentence of a corpus on one conflict names
    /// Russia or Armenia, so an actor alone does not say a clause.
    content: Vec<Analysis>,
}

impl Clauses {
    pub fn of(text: &str, analyzer: &Analyzer) -> Option<Clauses> {
        if !BETWEEN_CLAUSES.is_match(text) {
            return None;
        }
        let (texts, parts): (Vec<String>, Vec<Analysis>) = BETWEEN_CLAUSES
            .split(text)
            .map(|part| (part.trim().to_string(), analyzer.analyze(part)))
            .filter(|(_, a)| a.terms.len() >= CLAUSE_TERMS)
            .unzip();
        let content = parts
            .iter()
            .map(|part| Analysis {
                terms: part
                    .terms
                    .iter()
                    .filter(|t| t.kind != TermKind::Actor)
                    .cloned()
                    .collect(),
                ..Analysis::default()
            })
            .collect();
        (parts.len() >= 2).then_some(Clauses {
            texts,
            parts,
            content,
        })
    }

    /// The clause at `k` as the draft writes it.
    pub fn text(&self, k: usize) -> &str {
        self.texts
            .get(k)
            .map_or("", |t| t.trim_end_matches(['.', '!']))
    }

    /// How much of each of `parts` `source` states (0..1), paraphrases credited.
    fn coverage(
        parts: &[Analysis],
        source: &Analysis,
        idf: &dyn Fn(&str) -> f32,
        vectors: &mut WordVectors,
    ) -> Vec<f32> {
        parts
            .iter()
            .map(|part| {
                let mut o = similarity::overlap(part, source, idf);
                similarity::credit_paraphrases(&mut o, part, source, vectors);
                o.draft_coverage
            })
            .collect()
    }

    /// The clause that `source` leaves unsaid while it states another, if no one of
    /// `others` (the other sources weighed) states it either: its index, and how much of
    /// the clause the source states best it states.
    pub fn left_unsaid<'a>(
        &self,
        source: &Analysis,
        others: impl Iterator<Item = &'a Analysis>,
        idf: &dyn Fn(&str) -> f32,
    ) -> Option<(usize, f32)> {
        let mut vectors = WordVectors::new();
        let stated = Clauses::coverage(&self.parts, source, idf, &mut vectors);
        let best = stated.iter().copied().fold(0.0f32, f32::max);
        if best < STATED {
            return None;
        }
        let content = Clauses::coverage(&self.content, source, idf, &mut vectors);
        let unsaid: Vec<usize> = (0..content.len())
            .filter(|&k| content[k] <= UNSAID && !self.content[k].terms.is_empty())
            .collect();
        if unsaid.is_empty() {
            return None;
        }
        let mut said_elsewhere = vec![false; self.parts.len()];
        for other in others {
            for &k in &unsaid {
                if !said_elsewhere[k]
                    && similarity::overlap(&self.parts[k], other, idf).draft_coverage >= STATED
                {
                    said_elsewhere[k] = true;
                }
            }
        }
        unsaid
            .into_iter()
            .find(|&k| !said_elsewhere[k])
            .map(|k| (k, best))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::AliasTable;

    fn left_unsaid(claim: &str, source: &str, others: &[&str]) -> Option<usize> {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let clauses = Clauses::of(claim, &analyzer)?;
        let others: Vec<Analysis> = others.iter().map(|o| analyzer.analyze(o)).collect();
        clauses
            .left_unsaid(&analyzer.analyze(source), others.iter(), &|_| 1.0)
            .map(|(k, _)| k)
    }

    #[test]
    fn a_clause_no_source_says_is_left_unsaid() {
        let claim = "The Kremlin has never trusted Pashinyan, and Russian state television spent the autumn campaigning openly for his resignation.";
        let source = "The Kremlin has never trusted Pashinyan, who came to power in 2018 after a revolution.";
        assert_eq!(left_unsaid(claim, source, &[]), Some(1));
        let claim = "Lavrov recorded only a short video for the forum because he was in self-isolation at the time.";
        let source = "FM Sergey Lavrov recorded only a short video for the forum.";
        assert_eq!(left_unsaid(claim, source, &[]), Some(1));
        let claim = "The treaty obliges Baku to consult Moscow before buying foreign warships.";
        let source = "The treaty obliges Azerbaijan to consult Russia on Caspian security.";
        assert_eq!(left_unsaid(claim, source, &[]), Some(1));
    }

    #[test]
    fn a_clause_another_source_says_is_not() {
        // One sentence of the draft joins two of the source's.
        let claim = "Chinese customs data is out, and it shows that Sino-Russian trade is going back to pre-COVID levels.";
        let first = "Chinese customs data is out.";
        let second = "It shows that Sino-Russian trade is going back to pre-COVID levels.";
        assert_eq!(left_unsaid(claim, first, &[second]), None);
        assert_eq!(left_unsaid(claim, first, &[]), Some(1));
    }

    #[test]
    fn one_clause_lists_and_sources_stating_a_little_of_each_are_left_alone() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        assert!(Clauses::of(
            "Moscow keeps troops in Georgia, Moldova, and Armenia.",
            &analyzer
        )
        .is_none());
        // A time too short to be a clause stays with its sentence.
        assert!(Clauses::of(
            "Moscow kept its troops in Armenia after the war.",
            &analyzer
        )
        .is_none());
        // A paraphrase says each clause in other words: nothing is left unsaid outright.
        let claim = "Ankara's footprint had been growing for years, and the Kremlin sees it as the price of the new order.";
        let source = "Ankara's growing presence in the region was in the making for years; Moscow accepts it as a cost of the arrangement.";
        assert_eq!(left_unsaid(claim, source, &[]), None);
    }
}
