//! Rounded numbers: "nearly a thousand", "over nine hundred", "some 2,000". A writer who
//! hedges a figure states a range, not a value: "nearly a thousand refugees" says what "936
//! refugees" says, and does not contradict it.

use super::numbers::NumberKind;
use super::tokenize::{Token, TokenKind};

/// Hedges of one or two words before a number, and the range each allows as multiples of
/// the number written: "about 900" is 900 give or take 15%, "nearly 1,000" at least 800 and
/// at most 1,000, "over 900" at least 900 and at most half as much again.
const HEDGES: &[(&[&str], f64, f64)] = &[
    (&["about"], 0.85, 1.15),
    (&["around"], 0.85, 1.15),
    (&["roughly"], 0.85, 1.15),
    (&["approximately"], 0.85, 1.15),
    (&["some"], 0.85, 1.15),
    (&["circa"], 0.85, 1.15),
    (&["an", "estimated"], 0.85, 1.15),
    (&["nearly"], 0.8, 1.0),
    (&["almost"], 0.8, 1.0),
    (&["close", "to"], 0.8, 1.0),
    (&["just", "under"], 0.8, 1.0),
    (&["just", "below"], 0.8, 1.0),
    (&["under"], 0.5, 1.0),
    (&["below"], 0.5, 1.0),
    (&["less", "than"], 0.5, 1.0),
    (&["fewer", "than"], 0.5, 1.0),
    (&["up", "to"], 0.5, 1.0),
    (&["over"], 1.0, 1.5),
    (&["more", "than"], 1.0, 1.5),
    (&["at", "least"], 1.0, 1.5),
    (&["upwards", "of"], 1.0, 1.5),
    (&["just", "over"], 1.0, 1.2),
];

/// The range of values a count or percentage written from token `start` on allows, when a
/// hedge stands right before it (an article between is allowed: "nearly a thousand").
pub fn bounds(tokens: &[Token], start: usize, kind: NumberKind, value: f64) -> Option<(f64, f64)> {
    if !matches!(kind, NumberKind::Quantity | NumberKind::Percent) {
        return None;
    }
    let words: Vec<String> = tokens[..start]
        .iter()
        .rev()
        .take_while(|t| t.kind == TokenKind::Word)
        .take(3)
        .map(|t| t.lower().into_owned())
        .collect();
    // Nearest first; "nearly a thousand": the article belongs to the number.
    let words: &[String] = match words.first().map(String::as_str) {
        Some("a" | "an") => &words[1..],
        _ => &words,
    };
    HEDGES.iter().find_map(|(hedge, low, high)| {
        let n = hedge.len();
        let matches = words.len() >= n && hedge.iter().rev().zip(words.iter()).all(|(h, w)| h == w);
        matches.then_some((value * low, value * high))
    })
}

#[cfg(test)]
mod tests {
    use super::super::numbers::find;
    use super::super::tokenize::tokenize;

    fn bounds(text: &str) -> Option<(f64, f64)> {
        find(&tokenize(text)).first().and_then(|m| m.bounds)
    }

    #[test]
    fn a_hedged_count_allows_a_range() {
        assert_eq!(bounds("nearly a thousand refugees"), Some((800.0, 1000.0)));
        assert_eq!(bounds("over nine hundred refugees"), Some((900.0, 1350.0)));
        assert_eq!(bounds("more than 1,500 troops"), Some((1500.0, 2250.0)));
        let (low, high) = bounds("some 2,000 peacekeepers").unwrap_or_default();
        assert!(low < 1960.0 && 1960.0 < high);
    }

    #[test]
    fn an_exact_count_or_a_year_allows_none() {
        assert_eq!(bounds("936 refugees"), None);
        assert_eq!(bounds("the 23 buses"), None);
        // "over" a year is no hedge of it.
        assert_eq!(bounds("talks dragged on over 2019"), None);
    }
}
