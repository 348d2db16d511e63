//! Text → tokens: words (possessive stripped, hyphenated words split), numbers as written,
//! flag emoji, handles and punctuation. Other emoji and symbols are dropped.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// Digits with their separators, currency sign and suffix: `2,000`, `$68.63b`, `-3.2%`.
    Number,
    /// A flag emoji (a pair of regional indicators).
    Flag,
    /// A single punctuation character that matters between words or numbers (`-`, `/`, `%`).
    Punct,
}

use std::borrow::Cow;

/// A token borrows its text from the sentence (or is a fixed word, "not"): the analyzer
/// tokenizes every sentence of a million-sentence corpus, and copying each token was a good
/// part of its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
}

impl<'a> Token<'a> {
    /// The token in lowercase; most tokens already are, and are lent rather than copied.
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.bytes().any(|b| !b.is_ascii_lowercase()) {
            Cow::Owned(self.text.to_lowercase())
        } else {
            Cow::Borrowed(self.text)
        }
    }
}

pub(crate) fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<char> = text.chars().collect();
    // Byte offset of each char, and of the end: tokens are slices of `text`.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .collect();
    let slice = |from: usize, to: usize| &text[offsets[from]..offsets[to]];
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_regional_indicator(c) {
            if i + 1 < chars.len() && is_regional_indicator(chars[i + 1]) {
                tokens.push(Token {
                    kind: TokenKind::Flag,
                    text: slice(i, i + 2),
                });
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        let signed_number = matches!(c, '-' | '+' | '−')
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
            && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(');
        let currency =
            matches!(c, '$' | '€' | '£') && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
        if c.is_ascii_digit() || signed_number || currency {
            let start = i;
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let separator =
                    matches!(d, ',' | '.') && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || separator {
                    i += 1;
                } else {
                    break;
                }
            }
            // Suffixes glued to the number: 3.2%, $68.63b, 5bn, 10k.
            if i < chars.len() && chars[i] == '%' {
                i += 1;
            } else {
                let suffix_end = (i..chars.len())
                    .find(|&j| !chars[j].is_alphabetic())
                    .unwrap_or(chars.len());
                let suffix = slice(i, suffix_end).to_lowercase();
                if matches!(
                    suffix.as_str(),
                    "b" | "bn" | "m" | "mn" | "k" | "st" | "nd" | "rd" | "th" | "s"
                ) {
                    i = suffix_end;
                }
            }
            tokens.push(Token {
                kind: TokenKind::Number,
                text: slice(start, i),
            });
            continue;
        }
        if c.is_alphanumeric()
            || (c == '@'
                && chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_alphanumeric() || *n == '_'))
        {
            let start = i;
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let inner_apostrophe =
                    is_apostrophe(d) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
                if d.is_alphanumeric()
                    || d == '_'
                    || d == '.' && is_initialism(&chars, start, i)
                    || inner_apostrophe
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let mut word: &str = slice(start, i);
            // Possessives and contractions: "Baku's" is about Baku; "don't" keeps its negation.
            if let Some(pos) = word.rfind(is_apostrophe) {
                let (stem, tail) = word.split_at(pos);
                let mut tail_chars = tail.chars().skip(1);
                let tail_letter = tail_chars
                    .next()
                    .filter(|_| tail_chars.next().is_none())
                    .map(|c| c.to_ascii_lowercase());
                if tail_letter == Some('s') {
                    word = stem;
                } else if tail_letter == Some('t')
                    && stem
                        .chars()
                        .last()
                        .is_some_and(|c| c.eq_ignore_ascii_case(&'n'))
                {
                    let base = &stem[..stem.len() - 1];
                    if !base.is_empty() {
                        tokens.push(Token {
                            kind: TokenKind::Word,
                            text: base,
                        });
                    }
                    word = "not";
                }
            }
            // "U.S." keeps its dots; a sentence-final "end." does not.
            if word.ends_with('.') && !word[..word.len() - 1].contains('.') {
                word = &word[..word.len() - 1];
            }
            for part in camel_case_parts(word) {
                tokens.push(Token {
                    kind: TokenKind::Word,
                    text: part,
                });
            }
            continue;
        }
        if is_apostrophe(c)
            && chars.get(i + 1).is_some_and(|n| *n == 's' || *n == 'S')
            && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric())
        {
            // "Azerbaijan’ s" or "Moscows’s" residue: a stray possessive.
            i += 2;
            continue;
        }
        if matches!(c, '-' | '–' | '—' | '/' | '%' | '+') {
            tokens.push(Token {
                kind: TokenKind::Punct,
                text: slice(i, i + 1),
            });
        }
        i += 1;
    }
    tokens
}

/// A name written in one word from several ("PaxSinica") as its words, so that "Pax Sinica"
/// meets it; a handle (`@NikolPashinyan`) stays whole, since the alias table knows it so.
fn camel_case_parts(word: &str) -> Vec<&str> {
    if word.starts_with('@') {
        return vec![word];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (at, c) in word.char_indices() {
        if c.is_ascii_uppercase() && previous_lower {
            parts.push(&word[start..at]);
            start = at;
        }
        previous_lower = c.is_ascii_lowercase();
    }
    parts.push(&word[start..]);
    parts
}

/// "U.S." and "e.g.": a dot between single letters belongs to the word.
fn is_initialism(chars: &[char], start: usize, dot: usize) -> bool {
    let segment_len = chars[start..dot]
        .iter()
        .rev()
        .take_while(|c| **c != '.')
        .count();
    segment_len == 1
        && chars
            .get(dot + 1)
            .is_some_and(|n| n.is_alphabetic() || n.is_whitespace() || *n == ',')
        && {
            // the letter after the dot must itself be single (U.S) or the end (U.S.)
            let after: Vec<char> = chars[dot + 1..].iter().take(2).copied().collect();
            match after.as_slice() {
                [a, b, ..] if a.is_alphabetic() => !b.is_alphabetic(),
                _ => chars[start..dot].iter().filter(|c| **c == '.').count() >= 1,
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn a_name_written_in_one_word_is_its_words_and_a_handle_stays_whole() {
        assert_eq!(texts("a digital PaxSinica"), texts("a digital Pax Sinica"));
        assert_eq!(
            texts("@NikolPashinyan's way"),
            vec!["@NikolPashinyan", "way"]
        );
        assert_eq!(
            texts("NATO and the USSR"),
            vec!["NATO", "and", "the", "USSR"]
        );
    }

    #[test]
    fn possessives_are_stripped_and_hyphens_split() {
        assert_eq!(
            texts("Baku’s Nagorno-Karabakh"),
            vec!["Baku", "Nagorno", "-", "Karabakh"]
        );
    }

    #[test]
    fn numbers_keep_separators_signs_and_suffixes() {
        assert_eq!(
            texts("was $68.63b, -3.2% and 2,000."),
            vec!["was", "$68.63b", "-3.2%", "and", "2,000"]
        );
    }

    #[test]
    fn flags_are_tokens_and_other_emoji_vanish() {
        assert_eq!(texts("🇷🇺🇦🇲 alliance 👇"), vec!["🇷🇺", "🇦🇲", "alliance"]);
    }

    #[test]
    fn initialisms_keep_dots_and_contractions_split() {
        assert_eq!(
            texts("U.S. officials don't"),
            vec!["U.S.", "officials", "do", "not"]
        );
        assert_eq!(
            texts("@MID_RF on 10/31"),
            vec!["@MID_RF", "on", "10", "/", "31"]
        );
    }
}
