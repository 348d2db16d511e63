//! The words synthetic sentences are made of: a Zipf-ranked vocabulary of nouns, verbs and
//! adjectives (real analysis words at the top ranks, pronounceable made-up words below),
//! person and place names, and every name the default alias table knows, so the analyzer's
//! alias, name and number handling is exercised as it is on real sources.

use std::collections::HashSet;

use super::rng::{Rng, Zipf};
use crate::terms::AliasTable;

const NOUNS: &str = "war ceasefire deal peacekeeper force conflict region territory border \
    agreement negotiation talk diplomacy influence security position role interest leverage \
    government leadership president minister ministry army troop operation offensive front \
    city village corridor road control presence mission mandate statement position outcome \
    assessment view calculus strategy policy option scenario risk cost gain loss defeat \
    victory capture advance attack strike drone artillery weapon supply sale contract arm \
    economy sanction trade pipeline gas oil energy price market investment budget revenue \
    refugee civilian casualty population displacement election opposition protest crowd \
    parliament party coalition elite decision decade year month week day history memory \
    narrative media coverage report analysis analyst expert observer official source claim \
    evidence question answer problem crisis escalation stability order balance power alliance \
    partner ally rival neighbour relation dialogue summit meeting visit call condition term \
    guarantee status settlement resolution process framework plan proposal approach response \
    reaction signal message interpretation nuance priority concern threat pressure incentive \
    capacity capability resource infrastructure airport railway base garrison unit brigade \
    battalion commander general officer soldier volunteer mercenary fighter militia enclave \
    province district town capital state nation republic society public opinion support \
    criticism accusation denial violation incident shelling hostility tension dispute issue";

const VERBS: &str = "sign broker deploy send withdraw resume end start launch capture lose \
    win gain secure protect guarantee prevent allow block support oppose criticize accuse \
    deny confirm announce claim state suggest argue note expect fear hope seek want need \
    push press urge warn threaten signal show reveal demonstrate indicate reflect shape \
    change shift strengthen weaken undermine reinforce maintain preserve extend expand \
    reduce limit increase raise cut halt stop open close control manage handle negotiate \
    mediate agree refuse reject accept offer propose promise demand insist return remain \
    retain keep hold leave enter cross reach approach attack strike shell bomb destroy \
    rebuild restore supply sell buy finance fund invest export import benefit suffer cost";

const ADJECTIVES: &str = "military political diplomatic strategic regional local national \
    international economic important key central major minor new old recent early late \
    long short full partial formal informal direct indirect clear unclear likely unlikely \
    possible impossible risky dangerous safe stable unstable fragile strong weak decisive \
    limited significant crucial critical broad narrow armed unarmed official unofficial \
    public private domestic foreign western eastern southern northern \
    pro-government independent neutral hostile friendly open hidden additional increasing \
    growing declining sudden gradual unprecedented traditional historic modern humanitarian";

const PERSON_SUFFIXES: &[&str] = &[
    "ov", "ev", "yan", "enko", "ski", "ova", "ian", "ani", "er", "son", "ich", "ze", "li",
];
const PLACE_SUFFIXES: &[&str] = &[
    "a", "i", "sk", "grad", "abad", "ly", "an", "ovo", "ta", "kend",
];
const NOUN_SUFFIXES: &[&str] = &["tion", "ment", "ity", "ism", "ance", "ure", "ship", "", ""];
const VERB_SUFFIXES: &[&str] = &["ize", "ate", "en", "", ""];
const ADJECTIVE_SUFFIXES: &[&str] = &["al", "ive", "ous", "ic", "ful", "ary"];

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr",
    "dr", "gr", "pr", "tr", "st", "sp", "sh", "ch", "th", "pl", "kl", "",
];
const NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "ie",
];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "s", "l", "m", "t", "nd", "rt", "st", "k",
];

/// One word class: its words by rank and the Zipf law they are drawn with.
#[derive(Debug, Clone)]
pub struct WordClass {
    pub words: Vec<String>,
    zipf: Zipf,
}

impl WordClass {
    fn new(words: Vec<String>) -> WordClass {
        // Zipf–Mandelbrot with s a little above 1, as fitted to English prose.
        let zipf = Zipf::new(words.len(), 1.07, 2.7);
        WordClass { words, zipf }
    }

    pub fn draw<'a>(&'a self, rng: &mut Rng) -> &'a str {
        self.words
            .get(self.zipf.sample(rng))
            .map_or("matter", String::as_str)
    }
}

/// A canonical actor with the names analysts write it by.
#[derive(Debug, Clone)]
pub struct Actor {
    pub canonical: String,
    pub names: Vec<String>,
}

/// Everything a synthetic sentence is drawn from.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub nouns: WordClass,
    pub verbs: WordClass,
    pub adjectives: WordClass,
    pub people: WordClass,
    pub places: WordClass,
    pub actors: Vec<Actor>,
    actor_zipf: Zipf,
}

impl Vocabulary {
    /// About `word_types` content words (half nouns, a quarter each verbs and adjectives),
    /// a tenth as many person names and a fiftieth as many place names.
    pub fn new(seed: u64, word_types: usize) -> Vocabulary {
        let mut rng = Rng::new(seed).fork(1);
        let mut taken: HashSet<String> = HashSet::new();
        let mut class = |real: &str, count: usize, suffixes: &[&str], rng: &mut Rng| {
            let mut words: Vec<String> = real
                .split_whitespace()
                .filter(|w| taken.insert(w.to_string()))
                .map(str::to_string)
                .collect();
            while words.len() < count {
                let word = made_up_word(rng, suffixes);
                if taken.insert(word.clone()) {
                    words.push(word);
                }
            }
            words
        };
        let nouns = class(NOUNS, word_types / 2, NOUN_SUFFIXES, &mut rng);
        let verbs = class(VERBS, word_types / 4, VERB_SUFFIXES, &mut rng);
        let adjectives = class(ADJECTIVES, word_types / 4, ADJECTIVE_SUFFIXES, &mut rng);
        let people = class("", (word_types / 10).max(10), PERSON_SUFFIXES, &mut rng);
        let places = class("", (word_types / 50).max(10), PLACE_SUFFIXES, &mut rng);
        let actors = alias_actors();
        let actor_zipf = Zipf::new(actors.len(), 1.0, 1.0);
        Vocabulary {
            nouns: WordClass::new(nouns),
            verbs: WordClass::new(verbs),
            adjectives: WordClass::new(adjectives),
            people: WordClass::new(people.iter().map(|w| capitalise(w)).collect()),
            places: WordClass::new(places.iter().map(|w| capitalise(w)).collect()),
            actors,
            actor_zipf,
        }
    }

    /// How many distinct words, names and actor names sentences can use.
    pub fn types(&self) -> usize {
        self.nouns.words.len()
            + self.verbs.words.len()
            + self.adjectives.words.len()
            + self.people.words.len()
            + self.places.words.len()
            + self.actors.iter().map(|a| a.names.len()).sum::<usize>()
    }

    /// An actor (Russia far more often than Transnistria), by one of its names.
    pub fn actor<'a>(&'a self, rng: &mut Rng) -> (usize, &'a str) {
        let i = self.actor_zipf.sample(rng);
        let name = self
            .actors
            .get(i)
            .and_then(|a| rng.pick(&a.names))
            .map_or("Russia", String::as_str);
        (i, name)
    }
}

/// The default alias table's actors, every name each is known by (the readable canonical
/// name included, as the table itself counts it).
fn alias_actors() -> Vec<Actor> {
    AliasTable::default_entries()
        .into_iter()
        .map(|(canonical, mut names)| {
            let readable = canonical.replace('_', " ");
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&readable)) {
                names.push(capitalise(&readable));
            }
            Actor { canonical, names }
        })
        .collect()
}

fn made_up_word(rng: &mut Rng, suffixes: &[&str]) -> String {
    // Mostly one or two syllables before the suffix: English content words average six to
    // seven letters.
    let syllables = match rng.below(20) {
        0..=6 => 1,
        7..=16 => 2,
        _ => 3,
    };
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(rng.pick(ONSETS).copied().unwrap_or("b"));
        word.push_str(rng.pick(NUCLEI).copied().unwrap_or("a"));
        word.push_str(rng.pick(CODAS).copied().unwrap_or(""));
    }
    word.push_str(rng.pick(suffixes).copied().unwrap_or(""));
    if word.len() < 3 {
        word.push_str("ra");
    }
    word
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Past forms of the real verbs that do not take -ed.
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("send", "sent"),
    ("lose", "lost"),
    ("win", "won"),
    ("hold", "held"),
    ("keep", "kept"),
    ("leave", "left"),
    ("cut", "cut"),
    ("buy", "bought"),
    ("sell", "sold"),
    ("seek", "sought"),
    ("stop", "stopped"),
    ("rebuild", "rebuilt"),
];

/// The third person singular and past forms of a base verb.
pub fn inflect(verb: &str, past: bool) -> String {
    if past {
        if let Some((_, form)) = IRREGULAR_PAST.iter().find(|(v, _)| *v == verb) {
            return form.to_string();
        }
    }
    let consonant_y = verb.ends_with('y')
        && !verb.ends_with("ay")
        && !verb.ends_with("ey")
        && !verb.ends_with("oy");
    match (past, verb) {
        (true, v) if v.ends_with('e') => format!("{v}d"),
        (true, v) if consonant_y => format!("{}ied", &v[..v.len() - 1]),
        (true, v) => format!("{v}ed"),
        (false, v) if consonant_y => format!("{}ies", &v[..v.len() - 1]),
        (false, v) if v.ends_with('s') || v.ends_with("sh") || v.ends_with("ch") => {
            format!("{v}es")
        }
        (false, v) => format!("{v}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_uniqueness() {
        let v = Vocabulary::new(1, 20_000);
        assert_eq!(v.nouns.words.len(), 10_000);
        assert_eq!(v.verbs.words.len(), 5_000);
        let mut all: Vec<&String> = v
            .nouns
            .words
            .iter()
            .chain(&v.verbs.words)
            .chain(&v.adjectives.words)
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a word type is listed twice");
        // Real analysis words take the top ranks.
        assert_eq!(v.nouns.words[0], "war");
        assert_eq!(v.verbs.words[0], "sign");
    }

    #[test]
    fn every_alias_table_actor_is_known_with_its_names() {
        let v = Vocabulary::new(1, 1_000);
        let russia = v.actors.iter().find(|a| a.canonical == "russia");
        assert!(russia.is_some_and(|a| a.names.iter().any(|n| n == "the Kremlin")));
        assert!(v.actors.len() >= 35, "{}", v.actors.len());
    }

    #[test]
    fn regular_inflection() {
        assert_eq!(inflect("sign", true), "signed");
        assert_eq!(inflect("resume", true), "resumed");
        assert_eq!(inflect("deny", true), "denied");
        assert_eq!(inflect("deny", false), "denies");
        assert_eq!(inflect("push", false), "pushes");
        assert_eq!(inflect("stay", false), "stays");
        assert_eq!(inflect("send", true), "sent");
    }
}
