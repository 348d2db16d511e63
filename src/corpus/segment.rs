//! Cleaned lines → units → sentences.
//!
//! A unit is what a writer wrote in one go: a tweet, a paragraph. In scrapes a physical line
//! is a unit, except that a line not ending a sentence continues on the next one when that
//! starts in lowercase (a sentence running across tweets). In Markdown the lines of one
//! paragraph are one unit. Units repeated by the scraper are dropped, then units are split
//! into sentences with [`crate::text::split_sentences`].

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use super::mapped::Mapped;

/// What a line is, as far as joining it to its neighbours goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Ordinary text.
    Prose,
    /// A heading: always a unit of its own.
    Heading,
    /// The first line of a list item or footnote: starts a new unit.
    ItemStart,
    /// A blank line, code or markup: ends a Markdown paragraph.
    Break,
}

struct Unit {
    text: Mapped,
    heading: bool,
}

/// Joins cleaned lines into units. `lines` holds `None` for lines with no text left;
/// `paragraphs` joins consecutive lines the way Markdown paragraphs are joined.
pub fn units(lines: Vec<(LineKind, Option<Mapped>)>, paragraphs: bool) -> Vec<Mapped> {
    let mut units: Vec<Unit> = Vec::new();
    let mut paragraph_open = false;
    for (kind, line) in lines {
        let Some(line) = line.filter(|l| !l.is_empty()) else {
            if kind == LineKind::Break || paragraphs {
                paragraph_open = false;
            }
            continue;
        };
        if kind == LineKind::Heading {
            units.push(Unit {
                text: line,
                heading: true,
            });
            paragraph_open = false;
            continue;
        }
        let same_paragraph = paragraphs && paragraph_open && kind == LineKind::Prose;
        match units.last_mut() {
            Some(last) if !last.heading && same_paragraph => {
                last.text = Mapped::join(
                    &[(&last.text, 0..last.text.len()), (&line, 0..line.len())],
                    " ",
                );
            }
            Some(last)
                if !last.heading
                    && continues(last.text.as_str())
                    && starts_lowercase(line.as_str()) =>
            {
                // the dots that marked the sentence as continued are not part of it
                let keep = last
                    .text
                    .as_str()
                    .trim_end_matches(['.', '…'])
                    .trim_end()
                    .len();
                last.text = Mapped::join(&[(&last.text, 0..keep), (&line, 0..line.len())], " ");
            }
            _ => units.push(Unit {
                text: line,
                heading: false,
            }),
        }
        paragraph_open = true;
    }
    drop_repeats(units.into_iter().map(|u| u.text).collect())
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Whether a unit stops mid-sentence: no sentence punctuation at its end, or an ellipsis
/// (`..`, `...`, `…`), which in threads marks a sentence continued in the next tweet.
fn continues(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    t.ends_with("..") || t.ends_with('…') || !t.ends_with(['.', '!', '?'])
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// How far back a scraper's repeat of the end of a unit is looked for.
const RECENT_UNITS: usize = 3;

/// Drops units the scraper repeated: the same text as an earlier unit, or the tail of one
/// of the units just before (scrapers split a tweet at an image and emit the rest again).
fn drop_repeats(units: Vec<Mapped>) -> Vec<Mapped> {
    // units by the hash of their text; a hash match is confirmed by comparing texts
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out: Vec<Mapped> = Vec::new();
    for unit in units {
        let text = unit.as_str();
        let hash = {
            let mut h = DefaultHasher::new();
            text.hash(&mut h);
            h.finish()
        };
        let same = seen.get(&hash).into_iter().flatten();
        if same
            .into_iter()
            .any(|&i| out.get(i).is_some_and(|u| u.as_str() == text))
        {
            continue;
        }
        let recent = &out[out.len().saturating_sub(RECENT_UNITS)..];
        let is_tail = recent.iter().any(|r| {
            let r = r.as_str();
            r.len() > text.len() && r.ends_with(text) && r[..r.len() - text.len()].ends_with(' ')
        }) && word_count(text) >= 3;
        if is_tail {
            continue;
        }
        seen.entry(hash).or_default().push(out.len());
        out.push(unit);
    }
    out
}

/// Words of prose: whitespace-separated tokens with a letter in them, handles not counted.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            !w.starts_with('@')
                && (w.bytes().any(|b| b.is_ascii_alphabetic())
                    || (!w.is_ascii() && w.chars().any(char::is_alphabetic)))
        })
        .count()
}

/// Fewer words than this is a fragment, not a claim.
const MIN_WORDS: usize = 3;

/// The sentences of the units, each with its byte range in the original file.
pub fn sentences(units: &[Mapped]) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for unit in units {
        let text = unit.as_str();
        for r in crate::text::split_sentences(text) {
            let Some(sentence) = text.get(r.clone()) else {
                continue;
            };
            if word_count(sentence) < MIN_WORDS {
                continue;
            }
            out.push((sentence.to_string(), unit.orig_range(r)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str], paragraphs: bool) -> Vec<String> {
        let lines = lines
            .iter()
            .map(|l| {
                let kind = if l.is_empty() {
                    LineKind::Break
                } else {
                    LineKind::Prose
                };
                (kind, (!l.is_empty()).then(|| Mapped::identity(l)))
            })
            .collect();
        units(lines, paragraphs)
            .iter()
            .map(|u| u.as_str().to_string())
            .collect()
    }

    #[test]
    fn joins_a_sentence_continued_in_lowercase() {
        assert_eq!(
            run(
                &[
                    "President Putin said yesterday..",
                    "",
                    "that they are equal partners."
                ],
                false
            ),
            vec!["President Putin said yesterday that they are equal partners."]
        );
        assert_eq!(
            run(&["a sentence without end", "goes on here."], false),
            vec!["a sentence without end goes on here."]
        );
        // a finished sentence, or an uppercase start, is a new unit
        assert_eq!(
            run(
                &[
                    "One is done.",
                    "two starts lowercase.",
                    "Three no end",
                    "Four."
                ],
                false
            ),
            vec![
                "One is done.",
                "two starts lowercase.",
                "Three no end",
                "Four."
            ]
        );
    }

    #[test]
    fn joins_markdown_paragraph_lines() {
        assert_eq!(
            run(&["First line of", "A paragraph.", "", "Second."], true),
            vec!["First line of A paragraph.", "Second."]
        );
    }

    #[test]
    fn drops_repeated_units_and_repeated_tails() {
        assert_eq!(
            run(
                &["Same line here.", "Other line here.", "Same line here."],
                false
            ),
            vec!["Same line here.", "Other line here."]
        );
        assert_eq!(
            run(
                &[
                    "PM began to ask for 🇷🇺 peacekeepers in Karabakh.",
                    "🇷🇺 peacekeepers in Karabakh."
                ],
                false
            ),
            vec!["PM began to ask for 🇷🇺 peacekeepers in Karabakh."]
        );
        // a short tail is not taken for a repeat
        assert_eq!(
            run(&["It is so.", "is so."], false),
            vec!["It is so.", "is so."]
        );
    }

    #[test]
    fn keeps_sentences_of_three_words_or_more() {
        let units = vec![Mapped::identity(
            "Too short. @a @b @c. This one is long enough. 🇷🇺🇷🇺.",
        )];
        let got: Vec<String> = sentences(&units).into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, vec!["This one is long enough."]);
    }
}
