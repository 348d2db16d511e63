//! Words that state the opposite of each other: pairs from data/antonyms.toml ("grow" and
//! "fall", "confirm" and "deny"), and words formed with a negating prefix ("dissatisfied" is
//! the negation of "satisfied"). Compared by stem, as terms are. Whether two opposite words
//! make two sentences contradict is the judge's business: it also asks that they stand in the
//! same place of the same claim.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

const DEFAULT_TABLE: &str = include_str!("../../data/antonyms.toml");

static BUILTIN: LazyLock<Opposites> =
    LazyLock::new(|| Opposites::parse(DEFAULT_TABLE).unwrap_or_else(|_| Opposites::empty()));

#[derive(Debug, thiserror::Error)]
#[error("antonym table: {0}")]
pub struct OppositesError(String);

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    opposites: Vec<Group>,
    #[serde(default)]
    not_negations: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    one: Vec<String>,
    other: Vec<String>,
}

/// Prefixes that negate any word they precede ("unlikely", "non-binding").
const ALWAYS_NEGATING: &[&str] = &["non", "un"];

/// Prefixes that negate only adjectives and participles ("disloyal", "inactive",
/// "impossible", "illegal", "irrelevant"), never verbs ("discuss", "improve", "inform").
const NEGATING_ADJECTIVES: &[&str] = &["dis", "in", "im", "il", "ir"];

/// Endings of the adjectives and participles that take [`NEGATING_ADJECTIVES`]. "-ed" is left
/// out: "dismissed", "displayed" and "informed" are no negations of "missed", "played" and
/// "formed"; "-ied" stays for "dissatisfied" and "disqualified".
const ADJECTIVE_ENDINGS: &[&str] = &[
    "able", "ible", "al", "ive", "ent", "ant", "ate", "ete", "ect", "ure", "ar", "ic", "ous",
    "ied", "id", "ite", "ile",
];

/// A shorter rest is too often a fragment: "un-it", "in-tent", "dis-mal".
const MIN_BASE_CHARS: usize = 4;

/// The antonym table and the means to stem a word the way terms are stemmed.
pub struct Opposites {
    /// Stem → stems of its opposites, both ways.
    pairs: HashMap<String, HashSet<String>>,
    /// Prefixed words that negate nothing, lowercased.
    not_negations: HashSet<String>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Opposites {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opposites")
            .field("pairs", &self.pairs.len())
            .finish()
    }
}

impl Opposites {
    /// The table shipped in data/antonyms.toml.
    pub fn builtin() -> &'static Opposites {
        &BUILTIN
    }

    fn empty() -> Opposites {
        Opposites {
            pairs: HashMap::new(),
            not_negations: HashSet::new(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    pub fn parse(toml_text: &str) -> Result<Opposites, OppositesError> {
        let table: Table = toml::from_str(toml_text).map_err(|e| OppositesError(e.to_string()))?;
        let mut opposites = Opposites::empty();
        for group in &table.opposites {
            let one: Vec<String> = group.one.iter().map(|w| opposites.stem(w)).collect();
            let other: Vec<String> = group.other.iter().map(|w| opposites.stem(w)).collect();
            for a in &one {
                for b in &other {
                    if a == b {
                        return Err(OppositesError(format!("\"{a}\" is its own opposite")));
                    }
                    opposites
                        .pairs
                        .entry(a.clone())
                        .or_default()
                        .insert(b.clone());
                    opposites
                        .pairs
                        .entry(b.clone())
                        .or_default()
                        .insert(a.clone());
                }
            }
        }
        opposites.not_negations = table
            .not_negations
            .iter()
            .map(|w| w.trim().to_lowercase())
            .collect();
        Ok(opposites)
    }

    /// The stem of one word, as the analyzer makes it.
    fn stem(&self, word: &str) -> String {
        super::stem_with(&self.stemmer, &word.trim().to_lowercase())
    }

    /// Whether two term keys (stems) are listed as opposites.
    pub fn are_opposite(&self, a: &str, b: &str) -> bool {
        self.pairs.get(a).is_some_and(|o| o.contains(b))
    }

    /// The stem of the word that `word` (lowercase, as written) negates with its prefix, if it
    /// has a negating prefix: "dissatisfied" → the stem of "satisfied". Whether that word is
    /// a real one is for the caller to see on the other side.
    pub fn negated_base(&self, word: &str) -> Option<String> {
        if self.not_negations.contains(word) {
            return None;
        }
        let (prefix, base) = ALWAYS_NEGATING
            .iter()
            .chain(NEGATING_ADJECTIVES)
            .find_map(|p| word.strip_prefix(p).map(|rest| (*p, rest)))?;
        if base.chars().count() < MIN_BASE_CHARS || !base.chars().all(char::is_alphabetic) {
            return None;
        }
        if NEGATING_ADJECTIVES.contains(&prefix) {
            let assimilated = match prefix {
                "im" => base.starts_with(['b', 'm', 'p']),
                "il" => base.starts_with('l'),
                "ir" => base.starts_with('r'),
                "in" => !base.starts_with(['b', 'm', 'p', 'l', 'r']),
                _ => true,
            };
            if !assimilated || !ADJECTIVE_ENDINGS.iter().any(|e| base.ends_with(e)) {
                return None;
            }
        }
        Some(self.stem(base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Opposites {
        Opposites::parse(DEFAULT_TABLE).expect("data/antonyms.toml must parse")
    }

    fn opposite(a: &str, b: &str) -> bool {
        let t = table();
        t.are_opposite(&t.stem(a), &t.stem(b))
    }

    fn negates(word: &str, base: &str) -> bool {
        let t = table();
        t.negated_base(word) == Some(t.stem(base))
    }

    #[test]
    fn shipped_table_parses_and_pairs_both_ways() {
        assert!(table().pairs.len() > 50);
        assert!(table().not_negations.contains("invaluable"));
        assert!(opposite("growing", "falling"));
        assert!(opposite("falling", "growing"));
        assert!(opposite("confirmed", "denied"));
        assert!(opposite("grew", "fell"));
        assert!(!opposite("growing", "rising"));
    }

    #[test]
    fn a_word_cannot_be_its_own_opposite() {
        assert!(Opposites::parse("[[opposites]]\none = [\"rise\"]\nother = [\"rising\"]").is_err());
    }

    #[test]
    fn negating_prefixes_on_adjectives() {
        assert!(negates("dissatisfied", "satisfied"));
        assert!(negates("unlikely", "likely"));
        assert!(negates("unstable", "stable"));
        assert!(negates("illegal", "legal"));
        assert!(negates("irrelevant", "relevant"));
        assert!(negates("impossible", "possible"));
        assert!(negates("informal", "formal"));
    }

    #[test]
    fn verbs_and_fragments_after_a_prefix_are_no_negation() {
        assert!(!negates("discuss", "cuss"));
        assert!(!negates("dismissed", "missed"));
        assert!(!negates("improve", "prove"));
        assert!(!negates("inform", "form"));
        assert!(!negates("unite", "ite"));
        // "in" does not go before "p": that is "im".
        assert!(!negates("inpossible", "possible"));
    }

    #[test]
    fn listed_words_negate_nothing() {
        assert!(!negates("invaluable", "valuable"));
        assert!(!negates("immigrant", "migrant"));
    }
}
