//! One synthetic sentence of analysis prose: a subject, a verb and an object, then
//! prepositional phrases, numbers, dates and subordinate clauses until a length drawn from a
//! log-normal law (8–45 words, mean about 22) is reached.

use super::rng::Rng;
use super::vocabulary::{capitalise, inflect, Vocabulary};

pub const MIN_WORDS: usize = 8;
pub const MAX_WORDS: usize = 45;

const PREPOSITIONS: &[&str] = &[
    "in", "for", "with", "against", "over", "after", "before", "across", "toward", "by", "from",
    "on", "within", "despite", "under",
];
const CONNECTORS: &[&str] = &[
    ", and",
    ", but",
    ", while",
    ", which",
    "because",
    ", although",
    ", so",
    "as",
    "since",
];
const OPENERS: &[&str] = &[
    "According to",
    "For",
    "In the view of",
    "After the",
    "Since the",
    "In",
    "Meanwhile,",
    "At the same time,",
    "Crucially,",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SPELLED: &[(u32, &str)] = &[
    (2, "two"),
    (3, "three"),
    (4, "four"),
    (5, "five"),
    (6, "six"),
    (7, "seven"),
    (10, "ten"),
    (12, "twelve"),
    (20, "twenty"),
    (2000, "two thousand"),
    (5000, "five thousand"),
    (10000, "ten thousand"),
];
const COUNTS: &[u32] = &[
    2, 3, 4, 5, 6, 7, 10, 12, 15, 20, 30, 40, 50, 100, 150, 200, 250, 300, 500, 1000, 1200, 1500,
    2000, 3000, 5000, 10000, 15000, 25000, 90000,
];

/// Text being built, with its word count.
#[derive(Default)]
struct Words {
    text: String,
    count: usize,
}

impl Words {
    fn push(&mut self, phrase: &str) {
        if phrase.is_empty() {
            return;
        }
        if !self.text.is_empty() && !phrase.starts_with(',') {
            self.text.push(' ');
        }
        self.text.push_str(phrase);
        self.count += phrase.split_whitespace().filter(|w| *w != ",").count();
    }

    fn push_words(&mut self, other: Words) {
        if !self.text.is_empty() && !other.text.starts_with(',') {
            self.text.push(' ');
        }
        self.text.push_str(&other.text);
        self.count += other.count;
    }
}

/// A target length in words: log-normal around 19.2, clamped to 8–45. Sentences end at the
/// first phrase that reaches it, about 1.5 words past on average: a mean near 22 words.
pub fn draw_length(rng: &mut Rng) -> usize {
    // Box–Muller: a standard normal from two uniforms.
    let u1 = rng.unit().max(f64::MIN_POSITIVE);
    let u2 = rng.unit();
    let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
    let words = (19.2f64.ln() + 0.38 * z).exp().round() as usize;
    words.clamp(MIN_WORDS, MAX_WORDS)
}

pub fn sentence(vocab: &Vocabulary, rng: &mut Rng) -> String {
    let target = draw_length(rng);
    let mut s = Words::default();
    if rng.chance(0.15) {
        opener(vocab, rng, &mut s);
    }
    subject(vocab, rng, &mut s);
    verb_phrase(vocab, rng, &mut s);
    object(vocab, rng, &mut s);
    while s.count < target {
        let mut chunk = Words::default();
        match rng.below(20) {
            0..=9 => prepositional(vocab, rng, &mut chunk),
            10..=14 => {
                chunk.push(rng.pick(CONNECTORS).copied().unwrap_or(", and"));
                if rng.chance(0.5) {
                    subject(vocab, rng, &mut chunk);
                }
                verb_phrase(vocab, rng, &mut chunk);
                object(vocab, rng, &mut chunk);
            }
            15..=17 => number_phrase(vocab, rng, &mut chunk),
            _ => {
                chunk.push("and");
                noun_phrase(vocab, rng, &mut chunk);
            }
        }
        if s.count + chunk.count > MAX_WORDS {
            break;
        }
        s.push_words(chunk);
    }
    let mut text = capitalise(&s.text);
    text.push('.');
    text
}

fn opener(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    let opener = rng.pick(OPENERS).copied().unwrap_or("In");
    s.push(opener);
    match opener {
        "According to" | "In the view of" => {
            s.push(vocab.people.draw(rng));
            s.push(",");
        }
        "For" => {
            s.push(vocab.actor(rng).1);
            s.push(",");
        }
        "After the" | "Since the" => {
            s.push(vocab.nouns.draw(rng));
            s.push(",");
        }
        "In" => {
            s.push(&rng.between(1991, 2024).to_string());
            s.push(",");
        }
        _ => {}
    }
}

fn subject(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    match rng.below(20) {
        0..=6 => s.push(vocab.actor(rng).1),
        7..=10 => {
            s.push("the");
            noun_phrase(vocab, rng, s);
        }
        11..=13 => {
            let actor = vocab.actor(rng).1;
            if actor.ends_with("'s") || !actor.is_ascii() {
                s.push(actor);
            } else {
                s.push(&format!("{actor}'s"));
            }
            s.push(vocab.nouns.draw(rng));
        }
        14..=16 => s.push(vocab.people.draw(rng)),
        _ => {
            s.push("the");
            s.push(vocab.nouns.draw(rng));
            s.push("of");
            if rng.chance(0.7) {
                s.push(vocab.actor(rng).1);
            } else {
                s.push(vocab.places.draw(rng));
            }
        }
    }
}

fn verb_phrase(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    let verb = vocab.verbs.draw(rng);
    match rng.below(10) {
        0..=3 => s.push(&inflect(verb, true)),
        4 | 5 => {
            s.push("has");
            s.push(&inflect(verb, true));
        }
        6 => {
            s.push(
                rng.pick(&["did not", "will not", "could not", "never"])
                    .copied()
                    .unwrap_or("did not"),
            );
            s.push(verb);
        }
        7 | 8 => s.push(&inflect(verb, false)),
        _ => {
            s.push("is likely to");
            s.push(verb);
        }
    }
}

fn object(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    match rng.below(10) {
        0..=5 => {
            s.push(if rng.chance(0.6) { "the" } else { "a" });
            noun_phrase(vocab, rng, s);
        }
        6 | 7 => s.push(vocab.actor(rng).1),
        8 => number_count(vocab, rng, s),
        _ => {
            s.push("its");
            noun_phrase(vocab, rng, s);
        }
    }
}

fn noun_phrase(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    if rng.chance(0.4) {
        s.push(vocab.adjectives.draw(rng));
    }
    let noun = vocab.nouns.draw(rng);
    if rng.chance(0.25) {
        s.push(&plural(noun));
    } else {
        s.push(noun);
    }
}

fn prepositional(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    s.push(rng.pick(PREPOSITIONS).copied().unwrap_or("in"));
    match rng.below(10) {
        0..=4 => {
            s.push("the");
            noun_phrase(vocab, rng, s);
        }
        5..=7 => s.push(vocab.actor(rng).1),
        8 => s.push(vocab.places.draw(rng)),
        _ => {
            s.push(vocab.people.draw(rng));
            s.push("and");
            s.push(vocab.actor(rng).1);
        }
    }
}

fn number_phrase(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    match rng.below(10) {
        0..=2 => {
            s.push(
                rng.pick(&["with", "of", "about", "nearly"])
                    .copied()
                    .unwrap_or("with"),
            );
            number_count(vocab, rng, s);
        }
        3 | 4 => {
            s.push("by");
            let whole = rng.between(1, 60);
            let value = if rng.chance(0.3) {
                format!("{whole}.{}", rng.between(1, 9))
            } else {
                whole.to_string()
            };
            if rng.chance(0.6) {
                s.push(&format!("{value}%"));
            } else {
                s.push(&format!("{value} percent"));
            }
        }
        5 | 6 => {
            s.push("in");
            s.push(&rng.between(1991, 2024).to_string());
        }
        7 | 8 => {
            s.push(
                rng.pick(&["on", "by", "until", "since"])
                    .copied()
                    .unwrap_or("on"),
            );
            let month = rng.below(12);
            let day = rng.between(1, 28);
            match rng.below(3) {
                0 => s.push(&format!(
                    "{day} {} {}",
                    MONTHS[month],
                    rng.between(2014, 2024)
                )),
                1 => s.push(&format!("{} {day}", MONTHS[month])),
                _ => s.push(&format!("{} {day}", SHORT_MONTHS[month])),
            }
        }
        _ => {
            s.push("worth");
            s.push(&format!(
                "${} {}",
                rng.between(1, 900),
                rng.pick(&["million", "billion"])
                    .copied()
                    .unwrap_or("million")
            ));
        }
    }
}

/// A count of something: "2,000 peacekeepers", "2000 troops", "two thousand soldiers".
fn number_count(vocab: &Vocabulary, rng: &mut Rng, s: &mut Words) {
    let value = rng.pick(COUNTS).copied().unwrap_or(2);
    let spelled = SPELLED.iter().find(|(v, _)| *v == value).map(|(_, w)| *w);
    let written = match (rng.below(3), spelled) {
        (0, Some(words)) => words.to_string(),
        (1, _) if value >= 1000 => with_commas(value),
        _ => value.to_string(),
    };
    s.push(&written);
    s.push(&plural(vocab.nouns.draw(rng)));
}

pub fn with_commas(value: u32) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn plural(noun: &str) -> String {
    let consonant_y = noun.ends_with('y') && !noun.ends_with("ay") && !noun.ends_with("ey");
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_prose_like() {
        let vocab = Vocabulary::new(5, 2_000);
        let mut rng = Rng::new(5);
        let lengths: Vec<usize> = (0..5_000)
            .map(|_| sentence(&vocab, &mut rng).split_whitespace().count())
            .collect();
        let mean = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
        assert!((21.0..23.0).contains(&mean), "mean {mean}");
        assert!(lengths
            .iter()
            .all(|&n| (MIN_WORDS..=MAX_WORDS).contains(&n)));
        assert!(lengths.iter().any(|&n| n >= 35), "no long sentences");
        assert!(lengths.iter().any(|&n| n <= 12), "no short sentences");
    }

    #[test]
    fn a_sentence_starts_capitalised_and_ends_with_a_period() {
        let vocab = Vocabulary::new(5, 2_000);
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let s = sentence(&vocab, &mut rng);
            assert!(s.ends_with('.'), "{s}");
            assert!(!s.contains("  ") && !s.contains(" ,"), "{s}");
            assert!(!s.starts_with(|c: char| c.is_lowercase()), "{s}");
        }
    }

    #[test]
    fn number_forms() {
        assert_eq!(with_commas(2000), "2,000");
        assert_eq!(with_commas(90000), "90,000");
        assert_eq!(with_commas(250), "250");
        assert_eq!(plural("casualty"), "casualties");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("loss"), "losses");
    }
}
