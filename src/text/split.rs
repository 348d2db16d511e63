//! Plain prose → sentences. Abbreviations (U.S., e.g., Mr., Jan., No.), decimals,
//! ellipses, quotes and parentheses do not end a sentence.
//!
//! Hand-written rather than `sentencex` or `unicode-segmentation`: UAX #29 misses a split
//! before a flag emoji and splits after "Mr.", sentencex missed some of our hard cases and
//! offers no control over its abbreviation list. A single linear scan with a small table
//! keeps the rules visible, gives byte ranges directly and costs one pass (two when a
//! paragraph's quotes or parentheses do not balance), which matters on a million scraped
//! source sentences.
//!
//! The rules, in order:
//! - A blank line always ends a sentence; a single newline is a space (hard-wrapped prose).
//! - A sentence ends after `.`, `?`, `!` (or a run such as `!?`) plus any closing quotes
//!   and brackets, when whitespace follows; after `。！？` no whitespace is needed.
//! - Nothing ends inside an open quotation or parenthesis; if a paragraph's quotes or
//!   brackets never balance (inch marks, smileys), that kind of nesting is ignored there.
//! - Ellipses (`...`, `..`, `…`) never end a sentence.
//! - After `.`, `?` or `!` a lowercase letter continues the sentence (after `?`/`!` only
//!   when a quote or bracket closed: `"Why?" he asked`).
//! - After `.`, the word before it decides: titles (Mr., Gen., e.g., vs.) never end a
//!   sentence; No./Fig./p. do not before a number; abbreviations that may close a
//!   sentence (U.S., etc., Inc., Jan., single initials, dotted acronyms) end one only
//!   when the next word is a typical sentence opener ("The", "But", "It"…); a lone
//!   list number ("2. In this…") does not.

use std::ops::Range;

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace, in order.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let mark = out.len();
        let unbalanced = scan(text, para.clone(), Nesting::ALL, &mut out);
        if unbalanced != Nesting::NONE {
            out.truncate(mark);
            let keep = Nesting {
                straight: Nesting::ALL.straight && !unbalanced.straight,
                curly: Nesting::ALL.curly && !unbalanced.curly,
                brackets: Nesting::ALL.brackets && !unbalanced.brackets,
            };
            scan(text, para, keep, &mut out);
        }
    }
    out
}

/// Ranges of `text` between blank lines (a line holding only whitespace counts as blank).
fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if bytes[i] == b'\n' {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    let para = start..i;
                    // skip the whole run of blank lines
                    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                        j += 1;
                    }
                    start = j;
                    i = j;
                    return Some(para);
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if start < bytes.len() {
            let para = start..bytes.len();
            start = bytes.len();
            return Some(para);
        }
        None
    })
}

/// Which kinds of quotes and brackets are tracked (or, as a result, did not balance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Nesting {
    straight: bool,
    curly: bool,
    brackets: bool,
}

impl Nesting {
    const ALL: Nesting = Nesting {
        straight: true,
        curly: true,
        brackets: true,
    };
    const NONE: Nesting = Nesting {
        straight: false,
        curly: false,
        brackets: false,
    };
}

#[derive(Default)]
struct Depth {
    straight_open: bool,
    curly: u32,
    brackets: u32,
}

impl Depth {
    fn inside(&self) -> bool {
        self.straight_open || self.curly > 0 || self.brackets > 0
    }
}

/// Bytes the scan must look at: non-ASCII (curly quotes, CJK marks, …) and ASCII
/// quotes, brackets and terminal marks.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80
            || matches!(
                b as u8,
                b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'.' | b'!' | b'?'
            );
        b += 1;
    }
    table
};

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '„' | '‘' | '\'' | '«' | '(' | '[' | '{' | '「' | '『' | '（'
    )
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits one paragraph, appending to `out`; returns the kinds of nesting left open.
fn scan(text: &str, para: Range<usize>, track: Nesting, out: &mut Vec<Range<usize>>) -> Nesting {
    let end = para.end;
    let mut depth = Depth::default();
    let mut start = para.start;
    let mut i = para.start;
    let bytes = text.as_bytes();
    while i < end {
        // fast path: skip ASCII that neither nests nor ends a sentence
        let skip = bytes
            .get(i..end)
            .and_then(|rest| rest.iter().position(|&b| INTERESTING[usize::from(b)]))
            .unwrap_or(end - i);
        i += skip;
        if i >= end {
            break;
        }
        let Some(c) = char_at(text, i) else { break };
        match c {
            '"' if track.straight => depth.straight_open = !depth.straight_open,
            '“' | '«' | '„' if track.curly => depth.curly += 1,
            '”' | '»' if track.curly => depth.curly = depth.curly.saturating_sub(1),
            '(' | '[' | '{' | '（' | '「' | '『' if track.brackets => depth.brackets += 1,
            ')' | ']' | '}' | '）' | '」' | '』' if track.brackets => {
                depth.brackets = depth.brackets.saturating_sub(1)
            }
            c if is_terminal(c) => {
                let term_start = i;
                let mut j = i;
                let mut mark = Terminal::default();
                while let Some(t) = char_at(text, j).filter(|&t| j < end && is_terminal(t)) {
                    mark.add(t);
                    j += t.len_utf8();
                }
                // closing quotes and brackets right after the mark belong to the sentence
                let mut closed = false;
                while let Some(t) = char_at(text, j).filter(|_| j < end) {
                    match t {
                        '"' => depth.straight_open = false,
                        '”' | '»' => depth.curly = depth.curly.saturating_sub(1),
                        ')' | ']' | '}' | '）' | '」' | '』' => {
                            depth.brackets = depth.brackets.saturating_sub(1)
                        }
                        '’' | '\'' => {}
                        _ => break,
                    }
                    closed = true;
                    j += t.len_utf8();
                }
                i = j;
                let next = char_at(text, j).filter(|_| j < end);
                let at_gap = match next {
                    None => false, // the paragraph's end closes the sentence anyway
                    Some(n) => n.is_whitespace() || mark.cjk,
                };
                if !at_gap || depth.inside() {
                    continue;
                }
                let k = skip_whitespace(text, j, end);
                if k >= end {
                    continue;
                }
                if ends_sentence(text, start, term_start, &mark, closed, k, end) {
                    push_trimmed(text, start..j, out);
                    start = k;
                }
                continue;
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    push_trimmed(text, start..end, out);
    Nesting {
        straight: track.straight && depth.straight_open,
        curly: track.curly && depth.curly > 0,
        brackets: track.brackets && depth.brackets > 0,
    }
}

/// What a run of terminal marks holds.
#[derive(Default)]
struct Terminal {
    dots: usize,
    ellipsis: bool,
    question_or_bang: bool,
    cjk: bool,
}

impl Terminal {
    fn add(&mut self, c: char) {
        match c {
            '.' => self.dots += 1,
            '…' => self.ellipsis = true,
            '。' => self.cjk = true,
            '！' | '？' => {
                self.cjk = true;
                self.question_or_bang = true;
            }
            _ => self.question_or_bang = true,
        }
    }
}

fn skip_whitespace(text: &str, mut i: usize, end: usize) -> usize {
    while let Some(c) = char_at(text, i).filter(|_| i < end) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Whether the terminal mark at `term_start` ends the sentence begun at `start`, given
/// that the next sentence would begin at `next` (not whitespace).
fn ends_sentence(
    text: &str,
    start: usize,
    term_start: usize,
    mark: &Terminal,
    closed: bool,
    next: usize,
    end: usize,
) -> bool {
    if mark.cjk {
        return true;
    }
    let next_word = word_after(text, next, end);
    let next_lower = next_word.chars().next().is_some_and(char::is_lowercase);
    if mark.question_or_bang {
        return !(closed && next_lower);
    }
    if mark.ellipsis || mark.dots > 1 {
        return false;
    }
    if next_lower {
        return false;
    }
    if closed {
        return true;
    }
    let (word, word_start) = word_before(text, start, term_start);
    match classify(word) {
        Abbreviation::Title => false,
        Abbreviation::BeforeNumber => !char_at(text, next).is_some_and(|c| c.is_ascii_digit()),
        Abbreviation::MayEnd => is_sentence_opener(next_word),
        Abbreviation::NotOne => {
            // "2. In this situation": a list number alone is not a sentence
            !(word_start == start && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

/// The word ending at `term_start` (without the terminal mark, surrounding quotes and
/// brackets stripped) and where it starts. Looks back at most a few dozen bytes: longer
/// words are no abbreviations, and the bound keeps the scan linear.
fn word_before(text: &str, start: usize, term_start: usize) -> (&str, usize) {
    const LOOK_BACK: usize = 24;
    let mut lo = term_start.saturating_sub(LOOK_BACK).max(start);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let Some(window) = text.get(lo..term_start) else {
        return ("", term_start);
    };
    let word_start = window
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    if word_start == lo && lo > start {
        // the word is longer than the window: not an abbreviation
        return ("", term_start);
    }
    let word = text.get(word_start..term_start).unwrap_or("");
    let trimmed = word.trim_start_matches(is_opening);
    let trimmed = trimmed.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    (trimmed, word_start)
}

/// The first word at `next`, opening quotes and brackets skipped.
fn word_after(text: &str, next: usize, end: usize) -> &str {
    let rest = text.get(next..end).unwrap_or("");
    let rest = rest.trim_start_matches(is_opening);
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..len]
}

enum Abbreviation {
    /// Mr., Gen., e.g.: a name or phrase always follows.
    Title,
    /// No., Fig., p.: an abbreviation before a number, a word otherwise.
    BeforeNumber,
    /// U.S., etc., Inc., Jan., initials: may close a sentence.
    MayEnd,
    NotOne,
}

const TITLES: &[&str] = &[
    "Adm", "Amb", "Capt", "Cmdr", "Col", "Dr", "Ft", "Gen", "Gov", "Hon", "Lt", "Maj", "Mr", "Mrs",
    "Ms", "Mt", "N.B", "N.b", "Pres", "Prof", "Rep", "Rev", "Sen", "Sgt", "St", "approx", "cf",
    "e.g", "i.e", "n.b", "viz", "vs",
];

const BEFORE_NUMBER: &[&str] = &[
    "Art", "Ch", "Fig", "Figs", "No", "Nos", "Vol", "no", "nos", "p", "para", "pp", "vol",
];

const MAY_END: &[&str] = &[
    "Apr", "Aug", "Co", "Corp", "Dec", "Feb", "Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "Mar",
    "Nov", "Oct", "Sep", "Sept", "Sr", "al", "etc",
];

fn classify(word: &str) -> Abbreviation {
    if TITLES.contains(&word) {
        return Abbreviation::Title;
    }
    if BEFORE_NUMBER.contains(&word) {
        return Abbreviation::BeforeNumber;
    }
    if MAY_END.contains(&word) {
        return Abbreviation::MayEnd;
    }
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() {
        return Abbreviation::MayEnd; // an initial: "J. Smith", "George W. Bush"
    }
    // dotted acronyms: U.S, U.K, E.U, a.m, Ph.D
    if word.contains('.')
        && word.split('.').all(|seg| {
            (1..=3).contains(&seg.chars().count()) && seg.chars().all(char::is_alphabetic)
        })
    {
        return Abbreviation::MayEnd;
    }
    Abbreviation::NotOne
}

/// Capitalised function words that usually open a sentence and rarely follow "U.S." or
/// an initial inside a name.
fn is_sentence_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "A",
        "After",
        "All",
        "Also",
        "Although",
        "An",
        "And",
        "As",
        "At",
        "Because",
        "Before",
        "Both",
        "But",
        "By",
        "Despite",
        "Each",
        "Even",
        "For",
        "From",
        "He",
        "Her",
        "His",
        "How",
        "However",
        "I",
        "If",
        "In",
        "It",
        "Its",
        "Many",
        "Meanwhile",
        "Moreover",
        "Most",
        "My",
        "Neither",
        "No",
        "Nor",
        "Not",
        "Now",
        "On",
        "One",
        "Or",
        "Our",
        "She",
        "Since",
        "So",
        "Some",
        "Still",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "These",
        "They",
        "This",
        "Those",
        "Thus",
        "To",
        "Under",
        "We",
        "What",
        "When",
        "Where",
        "Which",
        "While",
        "Who",
        "Why",
        "With",
        "Yet",
        "You",
    ];
    OPENERS.contains(&word)
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(r.clone()) else { return };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn hard_cases() {
        let cases: &[(&str, &[&str])] = &[
            // plain
            ("One. Two. Three.", &["One.", "Two.", "Three."]),
            ("No terminal mark", &["No terminal mark"]),
            ("", &[]),
            ("   \n\n  ", &[]),
            // abbreviations before a capitalised word
            (
                "Mr. Putin met Dr. Aliyev. They talked.",
                &["Mr. Putin met Dr. Aliyev.", "They talked."],
            ),
            (
                "Gen. Gerasimov and Prof. Trenin agreed with Sen. Graham. Nobody else did.",
                &[
                    "Gen. Gerasimov and Prof. Trenin agreed with Sen. Graham.",
                    "Nobody else did.",
                ],
            ),
            (
                "Flights from St. Petersburg rose. Flights from Rostov fell.",
                &[
                    "Flights from St. Petersburg rose.",
                    "Flights from Rostov fell.",
                ],
            ),
            (
                "Some allies, e.g. Armenia, objected. Others, i.e. Belarus, did not.",
                &[
                    "Some allies, e.g. Armenia, objected.",
                    "Others, i.e. Belarus, did not.",
                ],
            ),
            (
                "Compare Baku vs. Yerevan. Then decide.",
                &["Compare Baku vs. Yerevan.", "Then decide."],
            ),
            (
                "See cf. Gabuev. It helps.",
                &["See cf. Gabuev.", "It helps."],
            ),
            (
                "It costs approx. 5 dollars. Cheap.",
                &["It costs approx. 5 dollars.", "Cheap."],
            ),
            (
                "N.b. Evolution of his position matters. So does timing.",
                &["N.b. Evolution of his position matters.", "So does timing."],
            ),
            (
                "N.b. evolution of his position.",
                &["N.b. evolution of his position."],
            ),
            // U.S. and friends
            (
                "Talks stalled, U.S. officials said. Russia disagreed.",
                &["Talks stalled, U.S. officials said.", "Russia disagreed."],
            ),
            (
                "The U.S. Army left. The U.K. Foreign Office stayed.",
                &["The U.S. Army left.", "The U.K. Foreign Office stayed."],
            ),
            (
                "Talks moved to the U.S. The Kremlin objected.",
                &["Talks moved to the U.S.", "The Kremlin objected."],
            ),
            (
                "The deal was signed at the U.N. in 2020. It held.",
                &["The deal was signed at the U.N. in 2020.", "It held."],
            ),
            (
                "Oil, gas, grain etc. The list is long.",
                &["Oil, gas, grain etc.", "The list is long."],
            ),
            (
                "Oil, gas etc. were traded.",
                &["Oil, gas etc. were traded."],
            ),
            (
                "Gazprom Inc. Chairman Miller spoke. Nobody listened.",
                &["Gazprom Inc. Chairman Miller spoke.", "Nobody listened."],
            ),
            // initials and months, numbers
            (
                "J. Smith wrote it. George W. Bush read it.",
                &["J. Smith wrote it.", "George W. Bush read it."],
            ),
            ("So did I. The rest left.", &["So did I.", "The rest left."]),
            (
                "Trade fell on Jan. 5 and Sept. 11. Prices rose.",
                &["Trade fell on Jan. 5 and Sept. 11.", "Prices rose."],
            ),
            (
                "See No. 10 and Fig. 3 for details. No. They disagree.",
                &[
                    "See No. 10 and Fig. 3 for details.",
                    "No.",
                    "They disagree.",
                ],
            ),
            (
                "The war began in 2020. 2021 was calmer.",
                &["The war began in 2020.", "2021 was calmer."],
            ),
            (
                "2. In this situation, Armenia lobbied. 3. Pashinyan asked for help.",
                &[
                    "2. In this situation, Armenia lobbied.",
                    "3. Pashinyan asked for help.",
                ],
            ),
            (
                "It was 9 a.m. Moscow time. Fine.",
                &["It was 9 a.m. Moscow time.", "Fine."],
            ),
            // decimals and money
            (
                "Trade came to $68.63b, down 3.2 percent. Exports fell 1.5%.",
                &[
                    "Trade came to $68.63b, down 3.2 percent.",
                    "Exports fell 1.5%.",
                ],
            ),
            (
                "Version 2.0.1 shipped. Done.",
                &["Version 2.0.1 shipped.", "Done."],
            ),
            // ellipses
            (
                "Moscow waited... Then it struck.",
                &["Moscow waited... Then it struck."],
            ),
            (
                "Moscow waited… and then struck.",
                &["Moscow waited… and then struck."],
            ),
            ("He paused.. Then spoke.", &["He paused.. Then spoke."]),
            // quotes
            (
                "He called it \"voting with bullets.\" Yerevan disagreed.",
                &[
                    "He called it \"voting with bullets.\"",
                    "Yerevan disagreed.",
                ],
            ),
            (
                "He said: \"We will win. They will lose.\" Then he left.",
                &["He said: \"We will win. They will lose.\"", "Then he left."],
            ),
            (
                "“We will win. They will lose,” he said. Nobody believed him.",
                &[
                    "“We will win. They will lose,” he said.",
                    "Nobody believed him.",
                ],
            ),
            (
                "He said “no.” and left. Good.",
                &["He said “no.” and left.", "Good."],
            ),
            (
                "\"Why?\" he asked. \"Because!\" She replied.",
                &["\"Why?\" he asked.", "\"Because!\"", "She replied."],
            ),
            (
                "Aliyev will turn Karabakh into a 'paradise'. Many doubt it.",
                &[
                    "Aliyev will turn Karabakh into a 'paradise'.",
                    "Many doubt it.",
                ],
            ),
            (
                "He left. \"We lost,\" they said.",
                &["He left.", "\"We lost,\" they said."],
            ),
            (
                "Thus Baku says: “Keys from Karabakh are kept in Moscow”, implying leverage. Next.",
                &[
                    "Thus Baku says: “Keys from Karabakh are kept in Moscow”, implying leverage.",
                    "Next.",
                ],
            ),
            // parentheses
            (
                "Russia won (it did. Really.) The end.",
                &["Russia won (it did. Really.)", "The end."],
            ),
            (
                "Russia won. (Turkey lost too.) Then it ended.",
                &["Russia won.", "(Turkey lost too.)", "Then it ended."],
            ),
            (
                "He spoke (briefly.) and left.",
                &["He spoke (briefly.) and left."],
            ),
            (
                "Peace held (see Fig. 2. The map.) for weeks. Then not.",
                &["Peace held (see Fig. 2. The map.) for weeks.", "Then not."],
            ),
            // unbalanced quotes and brackets fall back to ignoring them
            (
                "The screen is 5\" wide. It broke. Sad.",
                &["The screen is 5\" wide.", "It broke.", "Sad."],
            ),
            (
                "Good news :) Really. Yes.",
                &["Good news :) Really.", "Yes."],
            ),
            (
                "1) First point. 2) Second point.",
                &["1) First point.", "2) Second point."],
            ),
            (
                "Unclosed (paren. Next one.",
                &["Unclosed (paren.", "Next one."],
            ),
            // ? and !
            ("Who won? Russia did!", &["Who won?", "Russia did!"]),
            ("Really!? Yes.", &["Really!?", "Yes."]),
            ("Really?! yes.", &["Really?!", "yes."]),
            ("What now?? Wait!!! Go.", &["What now??", "Wait!!!", "Go."]),
            // flags, emoji, digits start sentences
            (
                "Moscow is pleased. 🇷🇺 peacekeepers are deployed.",
                &["Moscow is pleased.", "🇷🇺 peacekeepers are deployed."],
            ),
            (
                "Hello world! 😀 Emoji next.",
                &["Hello world!", "😀 Emoji next."],
            ),
            // lowercase continues after a period
            (
                "The talks ended. and then resumed.",
                &["The talks ended. and then resumed."],
            ),
            // CJK
            ("我们赢了。他们输了。", &["我们赢了。", "他们输了。"]),
            ("真的吗？是的！好。", &["真的吗？", "是的！", "好。"]),
            (
                "Moscow said. 俄罗斯赢了。",
                &["Moscow said.", "俄罗斯赢了。"],
            ),
            // whitespace
            ("  One.   Two.\n  Three.  ", &["One.", "Two.", "Three."]),
            (
                "A line that wraps\nacross lines. Next.",
                &["A line that wraps\nacross lines.", "Next."],
            ),
            (
                "A heading without a stop\n\nA paragraph. Next.",
                &["A heading without a stop", "A paragraph.", "Next."],
            ),
            (
                "Quote \"opens here\n\n and this\" closes. Fine.",
                &["Quote \"opens here", "and this\" closes.", "Fine."],
            ),
            ("One.\r\n\r\nTwo.\r\nThree.", &["One.", "Two.", "Three."]),
            ("Tab\tseparated.\tNext.", &["Tab\tseparated.", "Next."]),
            // URLs and domains do not split
            (
                "See mid.ru/en/foreign_policy for more. And example.org. The end.",
                &[
                    "See mid.ru/en/foreign_policy for more.",
                    "And example.org.",
                    "The end.",
                ],
            ),
        ];
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = split(text);
            if got != *want {
                failures.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn ranges_are_trimmed_char_boundaries() {
        let text = " 🇷🇺 Россия победила.  日本語。 «Да.» Next… ";
        for r in split_sentences(text) {
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "{r:?}");
            assert!(!s.is_empty());
        }
    }

    #[test]
    fn random_text_gives_ordered_trimmed_ranges() {
        const PIECES: &[&str] = &[
            ".", "!", "?", "…", "...", "\"", "“", "”", "'", "’", "(", ")", "[", "]", " ", "  ",
            "\n", "\n\n", "\r\n", "word", "Word", "U.S", "Mr", "e.g", "3", "😀", "🇷🇺", "日本",
            "。", "？", "The", "a", "I",
        ];
        let mut rng = crate::bench::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5000 {
            let len = rng.below(30);
            let text: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let mut last_end = 0;
            for r in split_sentences(&text) {
                let s = text.get(r.clone()).expect("char boundaries");
                assert!(
                    r.start >= last_end && !s.is_empty() && s == s.trim(),
                    "{text:?}: {r:?}"
                );
                last_end = r.end;
            }
            // nothing but whitespace is lost
            let kept: usize = split_sentences(&text).iter().map(|r| r.len()).sum();
            let non_space = text.chars().filter(|c| !c.is_whitespace()).count();
            let kept_non_space: usize = split_sentences(&text)
                .iter()
                .map(|r| {
                    text[r.clone()]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count()
                })
                .sum();
            assert_eq!(kept_non_space, non_space, "{text:?}");
            assert!(kept <= text.len());
        }
    }

    #[test]
    fn linear_on_long_input() {
        // one long paragraph with many dots and unbalanced quotes: must stay fast
        let chunk = "Mr. A said \"x. Y. Z. 3.2 e.g. U.S. (no… ";
        let text = chunk.repeat(20_000);
        let t = std::time::Instant::now();
        let n = split_sentences(&text).len();
        assert!(n > 0);
        assert!(t.elapsed().as_secs() < 2, "took {:?}", t.elapsed());
    }
}
