//! Numbers, percentages and dates as values, however they are written: "2,000", "2000" and
//! "two thousand" are one number; "-3.2%" and "3.2 percent lower" one signed change;
//! "Oct 3", "3 October" and "October 3" one date.

use std::borrow::Cow;
use std::ops::Range;

use super::tokenize::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A count or amount.
    Quantity,
    Percent,
    Year,
    /// A day of a month; value = month * 100 + day.
    Date,
    /// A month named without a day; value = month.
    Month,
    /// A stretch of time, "three weeks", "44 days"; value = days, so "21 days" is the same.
    Duration,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub kind: NumberKind,
    pub value: f64,
    /// -1 for a fall or a negative value, +1 for a rise, 0 when the text does not say.
    pub sign: i8,
    /// The words as written.
    pub surface: String,
    /// Tokens this mention spans.
    pub tokens: Range<usize>,
    /// For a hedged count ("nearly a thousand"), the lowest and highest values it allows.
    pub bounds: Option<(f64, f64)>,
}

impl NumberMention {
    /// The key a number is compared and indexed on. Quantities and years share keys, since
    /// "the 2000 peacekeepers" and "in 2000" cannot be told apart without a parser.
    pub fn key(&self) -> String {
        match self.kind {
            NumberKind::Quantity | NumberKind::Year => format!("#{}", format_value(self.value)),
            NumberKind::Percent => format!("#{}%", format_value(self.value)),
            NumberKind::Date => format!("#d{}", self.value as u32),
            NumberKind::Month => format!("#m{}", self.value as u32),
            NumberKind::Duration => format!("#t{}", format_value(self.value)),
        }
    }

    /// Whether this is a duration that the first and last of `dates` lie apart: "within
    /// about three weeks" says what "(Sep 30) … (Oct 22)" shows. The dates carry no year, so
    /// they are taken to fall in one year, or across one new year when they run backwards.
    pub fn spanned_by(&self, dates: &[NumberMention]) -> bool {
        if self.kind != NumberKind::Duration {
            return false;
        }
        let days: Vec<f64> = dates
            .iter()
            .filter(|d| d.kind == NumberKind::Date)
            .map(|d| day_of_year(d.value as u32))
            .collect();
        let (Some(first), Some(last)) = (days.first(), days.last()) else {
            return false;
        };
        let span = if last >= first {
            last - first
        } else {
            last + 365.0 - first
        };
        (span - self.value).abs() <= (self.value * DURATION_TOLERANCE).max(1.0)
    }

    pub fn same_value(&self, other: &NumberMention) -> bool {
        self.key() == other.key()
    }

    /// Whether this mention and `other` may state one fact: the same value, or a hedged
    /// count whose range holds the other's value ("nearly a thousand" and "936"), either way.
    ///
    /// (A month is not taken to state a date in it: "in November" of "November 18" reads
    /// right, but on words alone the month a claim gives is one of the few checks that keeps
    /// an invented event from borrowing a source's date: three of dev's unsupported claims
    /// passed when it was tried.)
    pub fn agrees_with(&self, other: &NumberMention) -> bool {
        let within = |hedged: &NumberMention, exact: &NumberMention| {
            hedged.kind == exact.kind
                && hedged
                    .bounds
                    .is_some_and(|(low, high)| low <= exact.value && exact.value <= high)
        };
        self.same_value(other) || within(self, other) || within(other, self)
    }

    /// How a person reads it in a message: "-3.2%", "2000", "October 19".
    pub fn describe(&self) -> String {
        match self.kind {
            NumberKind::Percent if self.sign < 0 => format!("-{}%", format_value(self.value)),
            NumberKind::Percent if self.sign > 0 => format!("+{}%", format_value(self.value)),
            _ => self.surface.clone(),
        }
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// How far a duration may be from the span of two dates and still be that span: analysts
/// round ("about three weeks" for 22 days).
const DURATION_TOLERANCE: f64 = 0.2;

/// Days in a stretch of time named by `word`, "weeks" → 7.
fn time_unit(word: &str) -> Option<f64> {
    match word {
        "day" | "days" => Some(1.0),
        "week" | "weeks" => Some(7.0),
        "month" | "months" => Some(30.0),
        "year" | "years" => Some(365.0),
        "decade" | "decades" => Some(3650.0),
        _ => None,
    }
}

/// "and a half" after a number ("seven and a half years"): 0.5 and the token after it, else
/// 0 and `at` itself.
fn and_a_half(tokens: &[Token], at: usize) -> (f64, usize) {
    let words: Vec<_> = (at..at + 3).map(|i| word_at(tokens, i)).collect();
    match words.as_slice() {
        [Some(a), Some(b), Some(c)] if a == "and" && b == "a" && c == "half" => (0.5, at + 3),
        _ => (0.0, at),
    }
}

/// The day of the year of a date valued month * 100 + day (a year of 365 days).
fn day_of_year(date: u32) -> f64 {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let month = (date / 100).clamp(1, 12) as usize;
    f64::from(BEFORE[month - 1] + date % 100)
}

fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

fn unit_word(word: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let w = word.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|i| (i as f64 + 2.0) * 10.0)
}

fn scale_word(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bln" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

const RISE: [&str; 14] = [
    "up",
    "rise",
    "rose",
    "risen",
    "rising",
    "increase",
    "increased",
    "grew",
    "grown",
    "growth",
    "higher",
    "more",
    "gain",
    "gained",
];
const FALL: [&str; 16] = [
    "down",
    "decline",
    "declined",
    "fell",
    "fall",
    "fallen",
    "drop",
    "dropped",
    "lower",
    "less",
    "fewer",
    "shrank",
    "shrunk",
    "decrease",
    "decreased",
    "minus",
];

fn word_at<'a>(tokens: &[Token<'a>], i: usize) -> Option<Cow<'a, str>> {
    tokens
        .get(i)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.lower())
}

/// Parses a numeric token: "2,000", "$68.63b", "-3.2%", "102nd".
fn parse_numeric(text: &str) -> Option<(f64, i8, bool)> {
    let mut s = text;
    let mut sign = 0;
    if let Some(rest) = s.strip_prefix(['-', '−']) {
        sign = -1;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        sign = 1;
        s = rest;
    }
    s = s.trim_start_matches(['$', '€', '£']);
    let percent = s.ends_with('%');
    let s = s.trim_end_matches('%');
    let digits_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    let (digits, suffix) = s.split_at(digits_end);
    let mut value: f64 = digits.replace(',', "").parse().ok()?;
    value *= match suffix.to_lowercase().as_str() {
        "b" | "bn" => 1e9,
        "m" | "mn" => 1e6,
        "k" => 1e3,
        _ => 1.0,
    };
    Some((round(value), sign, percent))
}

/// Drops the float noise of scaling ("68.63" × 1e9), which would make equal numbers differ.
fn round(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

/// Every number, percentage, year and date in `tokens`.
pub fn find(tokens: &[Token]) -> Vec<NumberMention> {
    let mut out: Vec<NumberMention> = Vec::new();
    let mut i = 0;
    let surface = |r: Range<usize>| {
        tokens[r]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    while i < tokens.len() {
        let t = &tokens[i];
        match t.kind {
            TokenKind::Number => {
                let Some((mut value, mut sign, mut percent)) = parse_numeric(t.text) else {
                    i += 1;
                    continue;
                };
                let start = i;
                let mut end = i + 1;
                let integer =
                    !t.text.contains('.') && !t.text.contains(',') && value.fract() == 0.0;
                // day-month: "3 October", "9-10 October"
                let range_end = if tokens.get(end).is_some_and(|p| p.text == "-")
                    && tokens
                        .get(end + 1)
                        .is_some_and(|n| n.kind == TokenKind::Number)
                {
                    Some(end + 1)
                } else {
                    None
                };
                let after_range = range_end.map_or(end, |e| e + 1);
                if integer && (1.0..=31.0).contains(&value) {
                    if let Some(m) = word_at(tokens, after_range).and_then(|w| month(&w)) {
                        // the month token belongs to the (last) date, so it is not read again as a word
                        let month_token = after_range + 1;
                        match range_end {
                            None => out.push(date(
                                m,
                                value,
                                surface(start..month_token),
                                start..month_token,
                            )),
                            Some(e) => {
                                out.push(date(
                                    m,
                                    value,
                                    surface(start..start + 1),
                                    start..start + 1,
                                ));
                                if let Some((d2, _, _)) = parse_numeric(tokens[e].text) {
                                    out.push(date(m, d2, surface(e..month_token), e..month_token));
                                }
                            }
                        }
                        i = after_range + 1;
                        continue;
                    }
                }
                // month/day: "10/31"
                if integer
                    && (1.0..=12.0).contains(&value)
                    && tokens.get(end).is_some_and(|p| p.text == "/")
                {
                    if let Some((d, _, _)) = tokens.get(end + 1).and_then(|n| parse_numeric(n.text))
                    {
                        if (1.0..=31.0).contains(&d) {
                            out.push(date(
                                value as u32,
                                d,
                                surface(start..end + 2),
                                start..end + 2,
                            ));
                            i = end + 2;
                            continue;
                        }
                    }
                }
                // spelled-out scale and unit after the digits: "68.63 billion", "3.2 percent"
                if let Some(scale) = word_at(tokens, end).and_then(|w| scale_word(&w)) {
                    value = round(value * scale);
                    end += 1;
                }
                match word_at(tokens, end).as_deref() {
                    Some("percent") => {
                        percent = true;
                        end += 1;
                    }
                    Some("per") if word_at(tokens, end + 1).as_deref() == Some("cent") => {
                        percent = true;
                        end += 2;
                    }
                    _ => {}
                }
                // "2000 peacekeepers" counts; "the 2016 war", "in 2018" are years.
                let counts_a_plural = tokens.get(end).is_some_and(|n| {
                    n.kind == TokenKind::Word && n.text.len() > 3 && n.text.ends_with('s')
                });
                let year = integer
                    && !percent
                    && (1800.0..=2100.0).contains(&value)
                    && t.text.len() == 4
                    && !counts_a_plural;
                // "5th month" is a place in a series, not five months.
                let ordinal = t.text.ends_with(|c: char| c.is_alphabetic());
                let (half, after_half) = and_a_half(tokens, end);
                let unit = (!percent && !ordinal)
                    .then(|| word_at(tokens, after_half).and_then(|w| time_unit(&w)))
                    .flatten();
                let kind = if let Some(days) = unit {
                    value = (value + half) * days;
                    end = after_half + 1;
                    NumberKind::Duration
                } else if percent {
                    NumberKind::Percent
                } else if year {
                    NumberKind::Year
                } else {
                    NumberKind::Quantity
                };
                if percent && sign == 0 {
                    sign = direction(tokens, start, end);
                }
                if sign < 0 {
                    value = value.abs();
                }
                out.push(NumberMention {
                    kind,
                    value,
                    sign,
                    surface: surface(start..end),
                    tokens: start..end,
                    bounds: None,
                });
                // "2016-17": the short second year
                if year && tokens.get(end).is_some_and(|p| p.text == "-") {
                    if let Some(n) = tokens
                        .get(end + 1)
                        .filter(|n| n.kind == TokenKind::Number && n.text.len() == 2)
                    {
                        if let Some((v, _, _)) = parse_numeric(n.text) {
                            let century = (value / 100.0).floor() * 100.0;
                            out.push(NumberMention {
                                kind: NumberKind::Year,
                                value: century + v,
                                sign: 0,
                                surface: n.text.to_string(),
                                tokens: end + 1..end + 2,
                                bounds: None,
                            });
                            end += 2;
                        }
                    }
                }
                i = end;
            }
            TokenKind::Word => {
                let lower = t.lower();
                if let Some(m) = month(&lower) {
                    // "October 3", "Oct 3", else a month on its own ("May" only with a day)
                    if let Some((d, _, _)) = tokens
                        .get(i + 1)
                        .filter(|n| n.kind == TokenKind::Number)
                        .and_then(|n| parse_numeric(n.text))
                        .filter(|(d, _, _)| (1.0..=31.0).contains(d) && d.fract() == 0.0)
                    {
                        out.push(date(m, d, surface(i..i + 2), i..i + 2));
                        i += 2;
                        continue;
                    }
                    if lower != "may" && lower != "mar" {
                        out.push(NumberMention {
                            kind: NumberKind::Month,
                            value: m as f64,
                            sign: 0,
                            surface: t.text.to_string(),
                            tokens: i..i + 1,
                            bounds: None,
                        });
                    }
                    i += 1;
                    continue;
                }
                if let Some(value) = ordinal_in_a_series(tokens, i) {
                    out.push(NumberMention {
                        kind: NumberKind::Quantity,
                        value,
                        sign: 0,
                        surface: t.text.to_string(),
                        tokens: i..i + 1,
                        bounds: None,
                    });
                    i += 1;
                    continue;
                }
                // "the two countries", "the two sides": the pair named before, not a count
                // the claim adds.
                let the_two = lower == "two"
                    && word_at(tokens, i + 1).is_none_or(|n| scale_word(&n).is_none())
                    && i.checked_sub(1)
                        .and_then(|p| word_at(tokens, p))
                        .is_some_and(|p| p == "the");
                if the_two {
                    i += 1;
                    continue;
                }
                // "a thousand", "a million": one of the scale.
                let a_scale = matches!(lower.as_ref(), "a" | "an")
                    .then(|| word_at(tokens, i + 1).and_then(|w| scale_word(&w)))
                    .flatten()
                    .filter(|_| word_at(tokens, i + 2).is_none_or(|w| w != "of"));
                if let Some(value) = a_scale {
                    out.push(NumberMention {
                        kind: NumberKind::Quantity,
                        value,
                        sign: 0,
                        surface: surface(i..i + 2),
                        tokens: i..i + 2,
                        bounds: None,
                    });
                    i += 2;
                    continue;
                }
                if let Some((value, end)) = spelled_number(tokens, i) {
                    let (half, after_half) = and_a_half(tokens, end);
                    let days = word_at(tokens, after_half).and_then(|w| time_unit(&w));
                    let (kind, value, end) = match (word_at(tokens, end).as_deref(), days) {
                        (Some("percent"), _) => (NumberKind::Percent, value, end + 1),
                        (_, Some(days)) => {
                            (NumberKind::Duration, (value + half) * days, after_half + 1)
                        }
                        _ => (NumberKind::Quantity, value, end),
                    };
                    let sign = if kind == NumberKind::Percent {
                        direction(tokens, i, end)
                    } else {
                        0
                    };
                    out.push(NumberMention {
                        kind,
                        value,
                        sign,
                        surface: surface(i..end),
                        tokens: i..end,
                        bounds: None,
                    });
                    i = end;
                    continue;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    for m in &mut out {
        m.bounds = super::hedges::bounds(tokens, m.tokens.start, m.kind, m.value);
    }
    out
}

fn date(month: u32, day: f64, surface: String, tokens: Range<usize>) -> NumberMention {
    NumberMention {
        kind: NumberKind::Date,
        value: (month * 100) as f64 + day,
        sign: 0,
        surface,
        tokens,
        bounds: None,
    }
}

/// "two thousand", "ninety-five", "six": the value and the token after it. A lone "one"
/// is not a number ("one of the most").
/// An ordinal word after "the" or a possessive, "for the fifth month", "its third
/// attempt": the same number as "5th". "First" and "second" say too many other things
/// ("at first", "a second look"), and "a third of" is a share.
fn ordinal_in_a_series(tokens: &[Token], i: usize) -> Option<f64> {
    const ORDINALS: [&str; 10] = [
        "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ];
    // Every word of a corpus passes here: most are dismissed by their ending alone.
    let text = tokens.get(i)?.text;
    if !(5..=8).contains(&text.len()) || !(text.ends_with("th") || text.ends_with("rd")) {
        return None;
    }
    let word = word_at(tokens, i)?;
    let value = ORDINALS.iter().position(|o| *o == word)? as f64 + 3.0;
    let previous = word_at(tokens, i.checked_sub(1)?)?;
    matches!(previous.as_ref(), "the" | "its" | "their" | "his" | "her").then_some(value)
}

fn spelled_number(tokens: &[Token], start: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut i = start;
    let mut seen = 0;
    while let Some(w) = word_at(tokens, i) {
        if let Some(u) = unit_word(&w) {
            current += u;
        } else if let Some(s) = scale_word(&w) {
            if seen == 0 {
                break;
            }
            if s == 100.0 {
                current *= s;
            } else {
                total += current.max(1.0) * s;
                current = 0.0;
            }
        } else if w == "and"
            && seen > 0
            && word_at(tokens, i + 1).is_some_and(|n| unit_word(&n).is_some())
        {
            // "one hundred and five"
        } else {
            break;
        }
        seen += 1;
        i += 1;
        // "ninety-five"
        if tokens.get(i).is_some_and(|t| t.text == "-")
            && word_at(tokens, i + 1).is_some_and(|n| unit_word(&n).is_some())
        {
            i += 1;
        }
    }
    if seen == 0 {
        return None;
    }
    let value = total + current;
    let lone_one = seen == 1 && value == 1.0;
    (!lone_one).then_some((value, i))
}

/// Whether the words around a change say it went up or down.
fn direction(tokens: &[Token], start: usize, end: usize) -> i8 {
    let window = start.saturating_sub(3)..(end + 3).min(tokens.len());
    for j in window {
        if (start..end).contains(&j) {
            continue;
        }
        if let Some(w) = word_at(tokens, j) {
            if RISE.contains(&w.as_ref()) {
                return 1;
            }
            if FALL.contains(&w.as_ref()) {
                return -1;
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn mentions(text: &str) -> Vec<(NumberKind, f64, i8)> {
        find(&tokenize(text))
            .into_iter()
            .map(|m| (m.kind, m.value, m.sign))
            .collect()
    }

    #[test]
    fn thousands_written_three_ways() {
        let q = |v| vec![(NumberKind::Quantity, v, 0)];
        assert_eq!(mentions("its 2000 peacekeepers"), q(2000.0));
        assert_eq!(mentions("its 2,000 peacekeepers"), q(2000.0));
        assert_eq!(mentions("its two thousand peacekeepers"), q(2000.0));
        assert_eq!(mentions("ninety-five thousand people"), q(95000.0));
        assert!(mentions("one of the most").is_empty());
    }

    #[test]
    fn a_hedged_count_agrees_with_the_values_its_range_holds() {
        let first = |text: &str| find(&tokenize(text)).remove(0);
        let exact = first("936 more refugees returned");
        assert!(first("nearly a thousand more refugees").agrees_with(&exact));
        assert!(exact.agrees_with(&first("over nine hundred refugees")));
        assert!(!first("nearly a thousand refugees").agrees_with(&first("1,200 refugees")));
        assert!(!first("about 900 refugees").agrees_with(&first("2,000 refugees")));
        // Exact values agree only when equal.
        assert!(!first("900 refugees").agrees_with(&exact));
        assert_eq!(first("a thousand refugees").value, 1000.0);
    }

    #[test]
    fn an_ordinal_in_a_series_is_its_number() {
        let q = |v| vec![(NumberKind::Quantity, v, 0)];
        assert_eq!(mentions("for the fifth month in a row"), q(5.0));
        assert_eq!(mentions("for the 5th month in a row"), q(5.0));
        assert_eq!(mentions("its third attempt"), q(3.0));
        // A share, and ordinals that say other things, are no numbers.
        assert!(mentions("a third of the refugees").is_empty());
        assert!(mentions("the first round and the second round").is_empty());
    }

    #[test]
    fn money_scales_and_signed_percentages() {
        assert_eq!(
            mentions("trade was $68.63b, -3.2% compared to 2019"),
            vec![
                (NumberKind::Quantity, 68.63e9, 0),
                (NumberKind::Percent, 3.2, -1),
                (NumberKind::Year, 2019.0, 0)
            ]
        );
        assert_eq!(
            mentions("68.63 billion dollars, up 3.2 percent")[1],
            (NumberKind::Percent, 3.2, 1)
        );
        assert_eq!(
            mentions("3.2 percent lower than")[0],
            (NumberKind::Percent, 3.2, -1)
        );
    }

    #[test]
    fn dates_in_several_orders() {
        let d = |v| (NumberKind::Date, v, 0);
        assert_eq!(mentions("(Oct 3)"), vec![d(1003.0)]);
        assert_eq!(mentions("on 3 October"), vec![d(1003.0)]);
        assert_eq!(mentions("on 9-10 October"), vec![d(1009.0), d(1010.0)]);
        assert_eq!(mentions("on 10/31"), vec![d(1031.0)]);
        assert_eq!(
            mentions("in 2016-17"),
            vec![(NumberKind::Year, 2016.0, 0), (NumberKind::Year, 2017.0, 0)]
        );
        assert_eq!(
            mentions("in January-August"),
            vec![(NumberKind::Month, 1.0, 0), (NumberKind::Month, 8.0, 0)]
        );
    }

    #[test]
    fn the_two_of_a_pair_named_before_is_no_count() {
        assert!(mentions("contradictions between the two countries").is_empty());
        assert_eq!(mentions("two countries signed")[0].1, 2.0);
        assert_eq!(mentions("the two thousand peacekeepers")[0].1, 2000.0);
    }

    #[test]
    fn durations_are_days_however_counted() {
        let t = |v| (NumberKind::Duration, v, 0);
        assert_eq!(mentions("within about three weeks"), vec![t(21.0)]);
        assert_eq!(mentions("after 21 days of talks"), vec![t(21.0)]);
        assert_eq!(mentions("6 weeks"), mentions("42 days"));
        assert_eq!(mentions("for two decades"), vec![t(7300.0)]);
        assert_eq!(
            mentions("seven and a half years"),
            mentions("7 and a half years")
        );
        assert_eq!(mentions("seven and a half years"), vec![t(7.5 * 365.0)]);
        // "and a half" of something else leaves the number as it was.
        assert_eq!(mentions("two and a half hours")[0].1, 2.0);
        // A count of other things is no duration.
        assert_eq!(mentions("three weekly meetings")[0].0, NumberKind::Quantity);
    }

    #[test]
    fn a_duration_is_spanned_by_the_dates_it_rounds() {
        let duration = |text: &str| find(&tokenize(text)).remove(0);
        let dates = find(&tokenize(
            "unnecessary (Sep 30), an option (Oct 3), support (Oct 22)",
        ));
        assert!(duration("about three weeks").spanned_by(&dates));
        assert!(duration("22 days").spanned_by(&dates));
        assert!(!duration("two months").spanned_by(&dates));
        assert!(!duration("a week or 10 days").spanned_by(&dates));
        // Across a new year: December 20 to January 10.
        let winter = find(&tokenize("from Dec 20 to Jan 10"));
        assert!(duration("three weeks").spanned_by(&winter));
        // One date spans nothing; a count is no duration.
        assert!(!duration("three weeks").spanned_by(&dates[..1]));
        assert!(!duration("22 drones").spanned_by(&dates));
    }
}
