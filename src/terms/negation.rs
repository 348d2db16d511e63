//! Negation and exclusion cues, read from a word and the words beside it.
//!
//! One word rarely decides: "not" negates, but "not only" adds; "no longer" is one cue, not a
//! cue and a content word; "ill" negates in "ill at ease" and "ill-prepared" but not in "ill
//! health"; "failed to" negates the verb after it. An exclusion ("except NK", "only A, but not
//! B") takes one named thing out of what the sentence covers.

use super::stopwords;
use super::tokenize::{Token, TokenKind};
use std::borrow::Cow;

/// A negation cue at some token: what it reads as, and how many tokens it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub surface: String,
    pub len: usize,
}

/// What the token at `i` does to the phrase after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A negation cue; its tokens are no content terms.
    Negation(Cue),
    /// A word usually read as negation that here adds instead ("not only"): neither a cue nor
    /// a content term.
    Additive,
}

/// After "not", these make an addition: "not only Moscow but also Ankara".
const ADDITIVE_AFTER_NOT: &[&str] = &["only", "just", "merely", "simply"];

/// Verbs that negate the verb after "to": "failed to secure", "refused to recognise".
const NEGATING_BEFORE_TO: &[&str] = &[
    "fail", "fails", "failed", "failing", "refuse", "refuses", "refused", "refusing", "unable",
];

/// Words that restrict a sentence to what follows, so a later "but not X" excludes X.
const RESTRICTIVE: &[&str] = &["only", "solely", "exclusively"];

/// How many tokens back a restrictive word still governs a "not".
const RESTRICTION_REACH: usize = 12;

fn lower_word<'a>(tokens: &[Token<'a>], i: usize) -> Option<Cow<'a, str>> {
    tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Word)
        .map(Token::lower)
}

fn surface(tokens: &[Token], i: usize, len: usize) -> String {
    tokens
        .get(i..(i + len).min(tokens.len()))
        .unwrap_or_default()
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How the word token at `i` (lowercased `lower`) reads, if as a negation at all.
pub fn reading(tokens: &[Token], i: usize, lower: &str) -> Option<Reading> {
    // Most words are none of the cues: decide that before looking at the next word (the
    // analyzer asks this of every word of a million-sentence corpus).
    let may_be_cue = stopwords::is_negation(lower)
        || matches!(lower, "ill" | "non")
        || NEGATING_BEFORE_TO.contains(&lower);
    if !may_be_cue {
        return None;
    }
    let next = lower_word(tokens, i + 1);
    let next = next.as_deref();
    let next_is_hyphen = tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text == "-");
    let cue = |len: usize| {
        Some(Reading::Negation(Cue {
            surface: surface(tokens, i, len),
            len,
        }))
    };
    if stopwords::is_negation(lower) {
        return match (lower, next) {
            ("not", Some(n)) if ADDITIVE_AFTER_NOT.contains(&n) => Some(Reading::Additive),
            ("no" | "not", Some("longer")) => cue(2),
            _ => cue(1),
        };
    }
    match lower {
        // "ill at ease", "ill-prepared": not "ill health".
        "ill" if next == Some("at") || next_is_hyphen => cue(1),
        // "non-aligned", "non-binding".
        "non" if next_is_hyphen => cue(1),
        _ if NEGATING_BEFORE_TO.contains(&lower) && next == Some("to") => cue(2),
        _ => None,
    }
}

/// Whether the word token at `i` (lowercased `lower`) excludes what follows it: "except",
/// "excluding", and "not" after "but" or in a sentence restricted by "only".
pub fn is_exclusion(tokens: &[Token], i: usize, lower: &str) -> bool {
    match lower {
        "except" | "excluding" => true,
        "not" => {
            let previous = i.checked_sub(1).and_then(|p| lower_word(tokens, p));
            let restricted = tokens
                .get(i.saturating_sub(RESTRICTION_REACH)..i)
                .unwrap_or_default()
                .iter()
                .any(|t| t.kind == TokenKind::Word && RESTRICTIVE.contains(&t.lower().as_ref()));
            previous.as_deref() == Some("but") || restricted
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn read(text: &str, word: &str) -> Option<Reading> {
        let tokens = tokenize(text);
        let i = tokens.iter().position(|t| t.lower() == word)?;
        reading(&tokens, i, word)
    }

    fn cue(text: &str, word: &str) -> Option<String> {
        match read(text, word) {
            Some(Reading::Negation(c)) => Some(c.surface),
            _ => None,
        }
    }

    #[test]
    fn no_longer_is_one_cue() {
        assert_eq!(
            cue("Turkey is no longer an ally", "no").as_deref(),
            Some("no longer")
        );
        assert_eq!(cue("Turkey is not an ally", "not").as_deref(), Some("not"));
    }

    #[test]
    fn not_only_adds() {
        assert_eq!(
            read("not only Moscow but Ankara", "not"),
            Some(Reading::Additive)
        );
        assert_eq!(cue("not Moscow but Ankara", "not").as_deref(), Some("not"));
    }

    #[test]
    fn ill_negates_only_before_at_or_a_hyphen() {
        assert_eq!(cue("he feels ill at ease", "ill").as_deref(), Some("ill"));
        assert_eq!(cue("an ill-prepared army", "ill").as_deref(), Some("ill"));
        assert_eq!(cue("his ill health", "ill"), None);
    }

    #[test]
    fn non_negates_before_a_hyphen() {
        assert_eq!(cue("a non-aligned state", "non").as_deref(), Some("non"));
    }

    #[test]
    fn failed_to_negates_the_verb_after_it() {
        assert_eq!(
            cue("Moscow failed to secure a deal", "failed").as_deref(),
            Some("failed to")
        );
        assert_eq!(cue("the talks failed", "failed"), None);
    }

    #[test]
    fn exclusions_need_except_but_or_only() {
        let excludes = |text: &str, word: &str| {
            let tokens = tokenize(text);
            let i = tokens.iter().position(|t| t.lower() == word).unwrap_or(0);
            is_exclusion(&tokens, i, word)
        };
        assert!(excludes("covers Armenia, but not NK", "not"));
        assert!(excludes("covers only Armenia and not NK", "not"));
        assert!(excludes("covers everything except NK", "except"));
        assert!(!excludes("Russia did not cover NK", "not"));
    }
}
