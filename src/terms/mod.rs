//! What two sentences are compared on.
//!
//! The [`Analyzer`] turns a sentence into [`Analysis`]: content terms (stemmed words,
//! canonical actors from the alias table, normalised numbers and dates) plus the facts a
//! judge checks beyond similarity (numbers with their sign, negation and exclusion cues), and
//! which words state opposites ([`Opposites`], data/antonyms.toml). "Moscow" and
//! "the Kremlin" become one actor; "2,000", "2000" and "two thousand" one number. Nothing
//! here knows about sources, drafts or scores.

mod aliases;
pub mod embed;
mod hedges;
mod negation;
mod numbers;
mod opposites;
mod spelling;
mod stopwords;
mod tokenize;

pub use aliases::{AliasError, AliasTable};
pub use numbers::{NumberKind, NumberMention};
pub use opposites::{Opposites, OppositesError};

use crate::hash::FxHashMap;
use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};

use tokenize::{Token, TokenKind};

/// What a term stands for; decides how it is compared and weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A stemmed content word.
    Word,
    /// A canonical actor or place from the alias table.
    Actor,
    /// A capitalised name not in the alias table (a person, place, group).
    Name,
    /// A normalised number, percentage or date.
    Number,
}

/// One content term of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The key terms are compared and indexed on: a stem (names too, so a name at the start
    /// of one sentence and inside another still meet), `@canonical` actor, `#number`.
    pub key: String,
    pub kind: TermKind,
    /// The words of the sentence this term came from, as written.
    pub surface: String,
    /// Position among the sentence's tokens, for order-sensitive checks.
    pub position: usize,
}

/// A sentence broken into what it is compared on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub terms: Vec<Term>,
    pub numbers: Vec<NumberMention>,
    /// Surface forms of negation cues ("not", "no", "never", "without", …), in order.
    pub negations: Vec<String>,
    /// Token positions of the negation cues, parallel to `negations`.
    pub negation_tokens: Vec<usize>,
    /// Cues that take what follows out of what the sentence covers ("except", "but not",
    /// "not" after "only"), each as written with its token position.
    pub exclusions: Vec<(String, usize)>,
    /// Number of word tokens, stopwords included.
    pub word_count: usize,
    /// Keys of the broader actors the named ones belong to (`@turkey` for "Erdogan"), when
    /// not named themselves: a text about Erdogan is about Turkey too.
    pub implied: Vec<String>,
    /// Each named actor that belongs to a broader one, with it: (`@aliyev`, `@azerbaijan`).
    pub belongs_to: Vec<(String, String)>,
}

impl Analysis {
    /// Each negation cue with its token position.
    pub fn negation_positions(&self) -> Vec<(&str, usize)> {
        self.negations
            .iter()
            .map(String::as_str)
            .zip(self.negation_tokens.iter().copied())
            .collect()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.key.as_str())
    }

    /// Whether the text names the term's actor, itself or through a narrower one.
    pub fn mentions(&self, key: &str) -> bool {
        self.keys().any(|k| k == key) || self.implied.iter().any(|k| k == key)
    }

    /// Whether `other` states the number this text gives under `key`: the same value, or one
    /// the hedge of either allows ([`NumberMention::agrees_with`]).
    pub fn number_stated_by(&self, key: &str, other: &Analysis) -> bool {
        self.numbers
            .iter()
            .filter(|n| n.key() == key)
            .any(|n| other.numbers.iter().any(|o| n.agrees_with(o)))
    }

    /// The broader actors the named actor `key` belongs to (`@azerbaijan` for `@aliyev`).
    pub fn broader_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.belongs_to
            .iter()
            .filter(move |(narrow, _)| narrow == key)
            .map(|(_, broad)| broad.as_str())
    }
}

/// Turns text into [`Analysis`]. Cheap to share; build once per corpus/settings.
pub struct Analyzer {
    aliases: AliasTable,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("aliases", &self.aliases.len())
            .finish()
    }
}

impl Analyzer {
    pub fn new(aliases: AliasTable) -> Self {
        Analyzer {
            aliases,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    pub fn aliases(&self) -> &AliasTable {
        &self.aliases
    }

    /// The stem a single lowercase word is indexed under.
    pub fn stem(&self, word: &str) -> String {
        // A corpus repeats a few tens of thousands of words millions of times; each thread
        // remembers the stems it has made (bounded, so a long-running server stays small).
        thread_local! {
            static STEMS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
        }
        const REMEMBERED: usize = 100_000;
        STEMS.with(|cell| {
            let mut stems = cell.borrow_mut();
            if let Some(stem) = stems.get(word) {
                return stem.clone();
            }
            let stem = stem_with(&self.stemmer, word);
            if stems.len() >= REMEMBERED {
                stems.clear();
            }
            stems.insert(word.to_string(), stem.clone());
            stem
        })
    }

    pub fn analyze(&self, text: &str) -> Analysis {
        let tokens = tokenize::tokenize(text);
        let mut analysis = Analysis {
            word_count: tokens.iter().filter(|t| t.kind == TokenKind::Word).count(),
            ..Analysis::default()
        };
        analysis.numbers = numbers::find(&tokens);
        let number_tokens: Vec<bool> = {
            let mut v = vec![false; tokens.len()];
            for n in &analysis.numbers {
                for flag in &mut v[n.tokens.clone()] {
                    *flag = true;
                }
            }
            v
        };
        for n in &analysis.numbers {
            analysis.terms.push(Term {
                key: n.key(),
                kind: TermKind::Number,
                surface: n.surface.clone(),
                position: n.tokens.start,
            });
        }

        let mut i = 0;
        while i < tokens.len() {
            if number_tokens[i] {
                i += 1;
                continue;
            }
            if let Some((canonical, len)) = self.aliases.longest_match(&tokens[i..]) {
                let surface = tokens[i..i + len]
                    .iter()
                    .map(|t| t.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                for broad in self.aliases.broader(canonical) {
                    analysis.implied.push(format!("@{broad}"));
                    analysis
                        .belongs_to
                        .push((format!("@{canonical}"), format!("@{broad}")));
                }
                analysis.terms.push(Term {
                    key: format!("@{canonical}"),
                    kind: TermKind::Actor,
                    surface,
                    position: i,
                });
                i += len;
                continue;
            }
            let token = &tokens[i];
            i += 1;
            if token.kind != TokenKind::Word {
                continue;
            }
            if let Some(handle) = token.text.strip_prefix('@') {
                self.handle_terms(handle, i - 1, &mut analysis);
                continue;
            }
            let lower = token.lower();
            let position = i - 1;
            if negation::is_exclusion(&tokens, position, &lower) {
                analysis.exclusions.push((token.text.to_string(), position));
            }
            match negation::reading(&tokens, position, &lower) {
                Some(negation::Reading::Negation(cue)) => {
                    analysis.negations.push(cue.surface);
                    analysis.negation_tokens.push(position);
                    i = position + cue.len;
                    continue;
                }
                Some(negation::Reading::Additive) => continue,
                None => {}
            }
            if stopwords::is_stopword(&lower)
                || lower.chars().count() < 2
                || is_title_of_name(&tokens, position)
            {
                continue;
            }
            if let Some(directions) = compound_direction(&lower) {
                // "northeast China" is the "North-East China" of another writer.
                for direction in directions {
                    analysis.terms.push(Term {
                        key: self.stem(direction),
                        kind: TermKind::Word,
                        surface: token.text.to_string(),
                        position,
                    });
                }
                continue;
            }
            if is_name(token, position, &tokens) {
                analysis.terms.push(Term {
                    key: self.stem(&lower),
                    kind: TermKind::Name,
                    surface: token.text.to_string(),
                    position,
                });
            } else {
                analysis.terms.push(Term {
                    key: self.stem(&lower),
                    kind: TermKind::Word,
                    surface: token.text.to_string(),
                    position,
                });
            }
        }
        analysis.terms.sort_by_key(|t| t.position);
        if !analysis.implied.is_empty() {
            let Analysis { terms, implied, .. } = &mut analysis;
            implied.retain(|k| !terms.iter().any(|t| &t.key == k));
            implied.sort_unstable();
            implied.dedup();
        }
        analysis
    }
}

/// Words the stemmer leaves apart that name one thing: the "Northern Caucasus" is the
/// "North Caucasus", "Western capitals" those of "the West".
const SAME_AS: &[(&str, &str)] = &[
    ("northern", "north"),
    ("southern", "south"),
    ("eastern", "east"),
    ("western", "west"),
];

/// The points of the compass and the words made of them: directions, never names, however
/// written ("North-East China", "the West").
const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
];

/// The two directions of a compound one, "northeast" or "south-western" written as one word.
fn compound_direction(word: &str) -> Option<[&'static str; 2]> {
    let (first, rest) = ["north", "south"]
        .into_iter()
        .find_map(|f| word.strip_prefix(f).map(|rest| (f, rest)))?;
    let second = match rest.trim_start_matches('-') {
        "east" | "eastern" => "east",
        "west" | "western" => "west",
        _ => return None,
    };
    Some([first, second])
}

/// The stem of a lowercase word: spelling made American, then Snowball English.
fn stem_with(stemmer: &Stemmer, word: &str) -> String {
    let word = SAME_AS
        .iter()
        .find(|(form, _)| *form == word)
        .map_or(word, |(_, base)| base);
    stemmer.stem(&spelling::american(word)).into_owned()
}

impl Analyzer {
    /// The names in a handle that is no alias: "@DmitriTrenin" is Dmitri and Trenin,
    /// "@CarnegieRussia" Carnegie and Russia, "@Huawei" Huawei — what a draft writes when it
    /// speaks of them. Pieces split where a capital follows a small letter, at underscores and
    /// digits.
    fn handle_terms(&self, handle: &str, position: usize, analysis: &mut Analysis) {
        for piece in handle_pieces(handle) {
            let lower = piece.to_lowercase();
            if piece.chars().count() < 2 || stopwords::is_stopword(&lower) {
                continue;
            }
            let piece_tokens = tokenize::tokenize(&piece);
            match self.aliases.longest_match(&piece_tokens) {
                Some((canonical, len)) if len == piece_tokens.len() => {
                    for broad in self.aliases.broader(canonical) {
                        analysis.implied.push(format!("@{broad}"));
                        analysis
                            .belongs_to
                            .push((format!("@{canonical}"), format!("@{broad}")));
                    }
                    analysis.terms.push(Term {
                        key: format!("@{canonical}"),
                        kind: TermKind::Actor,
                        surface: piece,
                        position,
                    });
                }
                _ => analysis.terms.push(Term {
                    key: self.stem(&lower),
                    kind: TermKind::Name,
                    surface: piece,
                    position,
                }),
            }
        }
    }
}

/// "DmitriTrenin" → Dmitri, Trenin; "MID_RF" → MID, RF; "10DowningStreet" → Downing, Street.
fn handle_pieces(handle: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in handle.chars() {
        let boundary =
            !c.is_alphabetic() || (c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase()));
        if boundary && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
        }
        if c.is_alphabetic() {
            current.push(c);
        }
        previous = Some(c);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Offices and forms of address, capitalised before a name ("President Aliyev", "Defense
/// Minister Tonoyan", "PM Pashinyan") but no name themselves: "President" in one sentence
/// is not a different actor from "Aliyev" in another.
const TITLES: &[&str] = &[
    "admiral",
    "ambassador",
    "chairman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "defence",
    "defense",
    "deputy",
    "director",
    "dr",
    "envoy",
    "fm",
    "foreign",
    "gen",
    "general",
    "governor",
    "head",
    "king",
    "lt",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pm",
    "premier",
    "president",
    "presidential",
    "prime",
    "prince",
    "prof",
    "queen",
    "secretary",
    "sen",
    "senator",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "vice",
];

/// Whether the token is a capitalised title in the run of titles just before a name
/// ("Deputy Foreign Minister Igor Morgulov", "President Aliyev"): it adds nothing the name
/// does not say, and left in it would stand in the name's place when two sentences name
/// different people.
fn is_title_of_name(tokens: &[Token], position: usize) -> bool {
    let capitalised_title = |t: &Token| {
        t.kind == TokenKind::Word
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && TITLES.contains(&t.lower().as_ref())
    };
    let mut next = position;
    while tokens.get(next).is_some_and(capitalised_title) {
        next += 1;
    }
    next > position
        && tokens.get(next).is_some_and(|t| {
            t.kind == TokenKind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
        })
}

/// A capitalised word that does not start the sentence (or an all-caps acronym, or a
/// handle, or a word no dictionary holds: "Trenin warned …") is taken for a name. Names are
/// compared like words but flagged, since a name that no source mentions is a strong sign
/// of an unsupported or conflicting claim.
fn is_name(token: &Token, position: usize, tokens: &[Token]) -> bool {
    if token.text.starts_with('@') {
        return true;
    }
    if TITLES.contains(&token.lower().as_ref()) || COMPASS.contains(&token.lower().as_ref()) {
        return false;
    }
    let mut chars = token.text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || after_a_qualifying_prefix(position, tokens) {
        return false;
    }
    let sentence_start = tokens[..position].iter().all(|t| t.kind != TokenKind::Word);
    let acronym = token
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && token.text.len() > 1;
    !sentence_start || acronym || !is_dictionary_word(token.text)
}

/// Prefixes that make an adjective of a name: "post-Soviet space" is a region, not the
/// Soviet Union, and "pro-Western" a leaning, not the West.
const QUALIFYING_PREFIXES: &[&str] = &["post", "pre", "pro", "anti", "ex", "non", "neo", "pan"];

/// Whether the word at `position` follows a qualifying prefix and a hyphen ("post-Soviet").
fn after_a_qualifying_prefix(position: usize, tokens: &[Token]) -> bool {
    position >= 2
        && tokens[position - 1].kind == TokenKind::Punct
        && tokens[position - 1].text == "-"
        && QUALIFYING_PREFIXES.contains(&tokens[position - 2].text)
}

/// Endings of English words and their inflections, rare in surnames: a word the vocabulary
/// lacks that ends so ("Rebukes", "Admittedly") is a rare word, not a name.
const WORD_ENDINGS: &[&str] = &["s", "ed", "ing", "ly", "tion", "ment", "ness"];

/// Whether a word is an ordinary English word, as far as the vocabulary of the static table
/// (BERT's) tells: it holds the word whole, or the word has an English ending, or each part
/// of a hyphenated word is one ("Long-standing"). A surname it only spells in pieces
/// ("Lukanin") is not: at the start of a sentence that tells a name from a capitalised word.
fn is_dictionary_word(word: &str) -> bool {
    let table = embed::StaticEmbeddings::builtin();
    if table.is_empty() {
        return true;
    }
    let known = |part: &str| {
        let part = part.to_lowercase();
        table.word_rank(&part).is_some() || WORD_ENDINGS.iter().any(|e| part.ends_with(e))
    };
    word.split('-').all(|part| part.is_empty() || known(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        Analyzer::new(AliasTable::default_table())
            .analyze(text)
            .terms
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn note_markers_are_no_names() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        for text in [
            "N.b. evolution of his position on this.",
            "P.S. Moscow is aware of it.",
            "NB: Moscow is aware of it.",
        ] {
            let names: Vec<String> = analyzer
                .analyze(text)
                .terms
                .into_iter()
                .filter(|t| t.kind == TermKind::Name)
                .map(|t| t.surface)
                .collect();
            assert!(names.is_empty(), "{text}: {names:?}");
        }
    }

    #[test]
    fn handles_are_read_as_the_names_they_spell() {
        assert_eq!(
            keys("As my @CarnegieRussia colleague @DmitriTrenin says, @Huawei wins."),
            keys("As my Carnegie Russia colleague Dmitri Trenin says, Huawei wins.")
        );
        assert_eq!(handle_pieces("10DowningStreet"), ["Downing", "Street"]);
        assert_eq!(handle_pieces("MID_RF"), ["MID", "RF"]);
        // A handle in the alias table stays the actor it names.
        assert_eq!(keys("@NikolPashinyan said so."), keys("Pashinyan said so."));
    }

    #[test]
    fn aliases_map_capitals_and_seats_of_power_to_one_actor() {
        assert_eq!(keys("Moscow"), keys("the Kremlin"));
        assert_eq!(keys("Baku's gains"), keys("Azerbaijan gains"));
        assert_eq!(keys("in 🇷🇺"), keys("in Russia"));
        assert_eq!(keys("Nagorno-Karabakh"), keys("NK"));
        assert_ne!(keys("Baku"), keys("Yerevan"));
    }

    #[test]
    fn numbers_written_three_ways_are_one_term() {
        assert_eq!(keys("2000 peacekeepers"), keys("2,000 peacekeepers"));
        assert_eq!(keys("2000 peacekeepers"), keys("two thousand peacekeepers"));
        assert_ne!(keys("2000 peacekeepers"), keys("5000 peacekeepers"));
    }

    #[test]
    fn a_title_before_a_name_is_no_term_of_its_own() {
        assert_eq!(
            keys("President Aliyev hinted so."),
            keys("Aliyev hinted so.")
        );
        assert_eq!(
            keys("It was Deputy Foreign Minister Igor Morgulov."),
            keys("It was Igor Morgulov.")
        );
        // Without a name after it, the office is what the sentence speaks of.
        assert!(keys("The president hinted so.").contains(&"presid".to_string()));
        let analysis = Analyzer::new(AliasTable::default_table())
            .analyze("He met the President of the Commission.");
        let president = analysis.terms.iter().find(|t| t.key == "presid");
        assert_eq!(president.map(|t| t.kind), Some(TermKind::Word));
    }

    #[test]
    fn compass_adjectives_are_their_direction() {
        assert_eq!(keys("the Northern Caucasus"), keys("the North Caucasus"));
        assert_eq!(keys("Western capitals"), keys("West capitals"));
        assert_eq!(keys("in northeast China"), keys("in North-East China"));
        assert_eq!(
            keys("the south-western border"),
            keys("the South West border")
        );
        // A direction is a word, never a name that could stand in another's place.
        assert!(names("He went to North-East China.").is_empty());
    }

    #[test]
    fn stopwords_dropped_and_words_stemmed() {
        assert_eq!(keys("the wars were resumed"), vec!["war", "resum"]);
        assert_eq!(keys("defence"), keys("defense"));
        assert_eq!(keys("neighbourhood"), keys("neighborhood"));
    }

    #[test]
    fn negation_is_a_cue_not_a_term() {
        let a = Analyzer::new(AliasTable::default_table()).analyze("Turkey had no formal role.");
        assert_eq!(a.negations, vec!["no"]);
        assert!(!a.keys().any(|k| k == "no"));
    }

    #[test]
    fn multiword_cues_are_read_as_one() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let a = analyzer.analyze("Turkey is no longer an ally.");
        assert_eq!(a.negations, vec!["no longer"]);
        assert!(!a.keys().any(|k| k == "longer"));
        let a = analyzer.analyze("Russia sent not only arms.");
        assert!(a.negations.is_empty());
        let a = analyzer.analyze("It covers only Armenia, but not NK.");
        assert_eq!(a.negations, vec!["not"]);
        assert_eq!(a.exclusions.len(), 1);
    }

    /// The words of `text` taken for names, as written.
    fn names(text: &str) -> Vec<String> {
        Analyzer::new(AliasTable::default_table())
            .analyze(text)
            .terms
            .into_iter()
            .filter(|t| t.kind == TermKind::Name)
            .map(|t| t.surface)
            .collect()
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_names() {
        assert_eq!(
            names("Flights from Rostov-on-Don rose."),
            vec!["Rostov", "Don"]
        );
        // A prefix makes an adjective of a name: a region, not the state.
        assert!(names("Moscow sees the post-Soviet space as its own.").is_empty());
    }

    #[test]
    fn a_word_first_in_a_sentence_is_a_name_only_if_no_dictionary_holds_it() {
        assert_eq!(names("Trenin warned of dependence."), vec!["Trenin"]);
        assert_eq!(
            names("Lukanin's research was on power supplies."),
            vec!["Lukanin"]
        );
        for ordinary in [
            "Protesters stormed the building.",
            "Rebukes followed.",
            "Long-standing partnerships endure.",
            "Unsurprisingly, prices rose.",
            "Admittedly, prices rose.",
        ] {
            assert!(
                names(ordinary).is_empty(),
                "{ordinary}: {:?}",
                names(ordinary)
            );
        }
    }
}
