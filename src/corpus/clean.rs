//! Scrape residue → prose. Two kinds of rules:
//!
//! - [`clean_inline`] runs over a whole document and rewrites what can stand inside a line:
//!   HTML tags and the attribute tails of tags whose start was lost, entities (also the
//!   broken `& #39;` form), full and truncated links, handles glued to the link after them,
//!   hashtag signs. Nothing here crosses a line break.
//! - [`clean_line`] looks at one line: thread numbering at its start, a thread marker at its
//!   end, reply/like counts, and the lines a scraper adds around a thread ("Replying to",
//!   "Read on Twitter", image credits, …), which are dropped whole.
//!
//! Every rule works on [`Mapped`] text, so the cleaned text keeps its place in the file.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::classes::{is_digit, is_letter, is_number, is_uppercase_letter};
use super::mapped::{Mapped, Piece};

/// Tags that end a block of text: in HTML they break units the way a line break does.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

pub fn is_block_tag(name: &str) -> bool {
    BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// An `<img>` shows its `alt` text in its place only when that text is an emoji or symbol
/// (Twitter renders emoji as images); a descriptive alt ("Photo of the summit") is not
/// part of the sentence around it.
pub fn emoji_alt(alt: &str) -> Option<&str> {
    let alt = alt.trim();
    let symbolic = !alt.is_empty()
        && alt.chars().count() <= 16
        && !alt
            .chars()
            .any(|c| c.is_alphanumeric() || c.is_whitespace());
    symbolic.then_some(alt)
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>\n]*?)?/?>"#).expect("tag regex")
});

/// The tail of a tag whose `<img src=` was lost: an optional link, then attributes, then `>`.
/// Attribute names are ASCII (`[A-Za-z0-9_]`, not `\w`, which costs far more to compile).
static TAG_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:https?://[^\s<>"]*[ \t\u{a0}]+)?(?:[A-Za-z][A-Za-z0-9_:-]*="[^"\n]*"[ \t\u{a0}]*)+/?>"#,
    )
    .expect("tag tail regex")
});

static ALT_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)alt\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("alt regex")
});

/// Named and numeric entities, and the numeric form broken by a space after `&`.
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|& #[0-9]{1,7};")
        .expect("entity regex")
});

/// The `">` left where an attribute ended, e.g. between a link and its visible text.
static ATTR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""[ \t]*/?>"#).expect("attribute end regex"));

/// A handle glued to the link that followed it: `@baunovcarnegie.ru/commentary/829…`. The
/// `@` starts the text or follows a character that is not an ASCII word character or `@`
/// (no address `name@host`); handles and hosts are ASCII, and `\w` costs far more to compile.
static GLUED_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^A-Za-z0-9_@])@([A-Za-z0-9_]+)((?:\.[A-Za-z0-9-]+)*\.[a-z]{2,24}(?:/[^\s]*|…|\.\.\.))",
    )
    .expect("glued handle regex")
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        # the space before a link goes with it, so `see x.com/a.` becomes `see.`
        [\ \t\u{a0}]*
        (?:
            (?:https?://|www\.)[^\s]*
          |
            # a link without its scheme, known by a path or the ellipsis of a truncated link
            (?-u:\b)(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[a-z]{2,24}(?:/[^\s]*|…|\.\.\.)
        )",
    )
    .expect("url regex")
});

/// Characters that take no space: they only get in the way of matching words.
static INVISIBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[\u{200B}\u{2060}\u{FEFF}\u{00AD}]").expect("invisible regex"));

/// Rewrites everything that can stand inside a line. In `html` mode block tags become line
/// breaks; elsewhere (text scrapes with a few tags left in) they become spaces.
pub fn clean_inline(text: Mapped, html: bool) -> Mapped {
    let text = text.rewrite(&INVISIBLE, |_| vec![]);
    let text = text.rewrite(&TAG, |caps| {
        let name = caps.get(1).map_or("", |m| m.as_str());
        let whole = caps.get(0).map_or("", |m| m.as_str());
        if name.eq_ignore_ascii_case("img") {
            return alt_piece(whole);
        }
        if is_block_tag(name) {
            return vec![Piece::Text(if html { "\n" } else { " " }.into())];
        }
        vec![]
    });
    let text = text.rewrite(&TAG_TAIL, |caps| {
        alt_piece(caps.get(0).map_or("", |m| m.as_str()))
    });
    let text = text.rewrite(&ENTITY, |caps| {
        let raw = caps.get(0).map_or("", |m| m.as_str());
        let normal: Cow<str> = if raw.starts_with("& ") {
            Cow::Owned(raw.replacen("& ", "&", 1))
        } else {
            Cow::Borrowed(raw)
        };
        let decoded = html_escape::decode_html_entities(normal.as_ref());
        if decoded.as_ref() == normal.as_ref() {
            // not an entity we know: leave the text as it was
            return vec![Piece::Keep(caps.get(0).map_or(0..0, |m| m.range()))];
        }
        // a no-break space is a space; collapsing happens per line
        vec![Piece::Text(decoded.replace('\u{a0}', " "))]
    });
    let text = text.rewrite(&ATTR_END, |_| vec![]);
    let text = text.rewrite(&GLUED_HANDLE, |caps| {
        let (Some(word), Some(whole)) = (caps.get(1), caps.get(0)) else {
            return vec![];
        };
        let handle_len = handle_length(word.as_str());
        // keep `@` and the handle, drop the rest of the word and the link
        vec![Piece::Keep(whole.start()..word.start() + handle_len)]
    });
    let text = text.rewrite(&URL, |caps| {
        let Some(m) = caps.get(0) else { return vec![] };
        let kept = trailing_punctuation(m.as_str());
        vec![Piece::Keep(m.end() - kept..m.end())]
    });
    let signs: Vec<_> = hashtag_signs(text.as_str())
        .map(|at| (at..at + 1, vec![]))
        .collect();
    text.replace(signs)
}

/// Where the sign of each hashtag is: a `#` before a letter of any script, at the start of
/// the text or after a character that is none of a letter, a number, `_`, `&`, `/` or `#`
/// (so `C#`, `#1`, `&#39;` and `a/#b` stay). A scan, not the pattern
/// `(^|[^\p{L}\p{N}_&/#])#\p{L}`: those classes cost more to compile than a small corpus
/// takes to clean.
fn hashtag_signs(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('#').filter_map(|(at, _)| {
        let starts = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(is_letter(c) || is_number(c) || matches!(c, '_' | '&' | '/' | '#')));
        let word = text[at + 1..].chars().next().is_some_and(is_letter);
        (starts && word).then_some(at)
    })
}

fn alt_piece(tag: &str) -> Vec<Piece> {
    let alt = ALT_ATTR
        .captures(tag)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map(|m| html_escape::decode_html_entities(m.as_str()).into_owned());
    match alt.as_deref().and_then(emoji_alt) {
        Some(emoji) => vec![Piece::Text(emoji.to_string())],
        None => vec![],
    }
}

/// Sentence punctuation that closed a sentence right after a link (`see x.com/a.`) belongs to
/// the sentence, not the link; an ellipsis at the end of a link marks it truncated.
fn trailing_punctuation(url: &str) -> usize {
    if url.ends_with("...") || url.ends_with('…') {
        return 0;
    }
    let trimmed =
        url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '”', '’']);
    url.len() - trimmed.len()
}

/// Domain names often linked from threads. A handle glued to a link is split where one of
/// these starts; they are a guess, not a rule, so the fallback below still applies.
const KNOWN_DOMAINS: &[&str] = &[
    "aljazeera",
    "amazon",
    "apnews",
    "atlanticcouncil",
    "axios",
    "bbc",
    "bellingcat",
    "bloomberg",
    "brookings",
    "buzzfeed",
    "carnegie",
    "carnegieendowment",
    "cfr",
    "chathamhouse",
    "cnbc",
    "cnn",
    "csis",
    "dw",
    "economist",
    "ecfr",
    "eurasianet",
    "euronews",
    "europa",
    "facebook",
    "forbes",
    "foreignaffairs",
    "foreignpolicy",
    "france24",
    "ft",
    "github",
    "google",
    "huffpost",
    "iiss",
    "independent",
    "instagram",
    "interfax",
    "jamestown",
    "kommersant",
    "kremlin",
    "latimes",
    "lemonde",
    "linkedin",
    "meduza",
    "medium",
    "nature",
    "nbcnews",
    "newyorker",
    "npr",
    "nytimes",
    "politico",
    "rand",
    "reuters",
    "rferl",
    "ria",
    "rt",
    "rusi",
    "scmp",
    "spiegel",
    "substack",
    "tass",
    "telegraph",
    "theatlantic",
    "theguardian",
    "themoscowtimes",
    "thetimes",
    "time",
    "twitter",
    "usatoday",
    "vedomosti",
    "vox",
    "warontherocks",
    "washingtonpost",
    "wikipedia",
    "wilsoncenter",
    "wsj",
    "youtube",
];

/// Twitter handles are at most 15 characters.
const MAX_HANDLE: usize = 15;

/// How much of `word` (the characters between `@` and the first dot) is the handle, the rest
/// being the first label of the link's host.
fn handle_length(word: &str) -> usize {
    let lower = word.to_ascii_lowercase();
    let known = KNOWN_DOMAINS
        .iter()
        .filter(|d| lower.len() > d.len() && lower.ends_with(*d))
        .map(|d| d.len())
        .max();
    if let Some(domain_len) = known {
        return word.len() - domain_len;
    }
    // a digit or underscore followed by lowercase letters to the end: `name1site`
    let bytes = word.as_bytes();
    if let Some(i) = (1..bytes.len()).rev().find(|&i| {
        let prev = bytes[i - 1];
        (prev.is_ascii_digit() || prev == b'_')
            && bytes[i..]
                .iter()
                .all(|b| b.is_ascii_lowercase() || *b == b'-')
    }) {
        if i <= MAX_HANDLE {
            return i;
        }
    }
    // no better guess: a handle cannot be longer than Twitter allows
    word.len().min(MAX_HANDLE)
}

/// A count glued to the word after it (`152THREAD`, `1.2KMoscow`): the range of the word's
/// first three letters, the count being everything before. This is the pattern
/// `^\d[\d,.]*[KkM]?(\p{Lu}\p{L}{2})` as a scan: its classes cost more to compile than a
/// small corpus takes to clean.
fn glued_count_word(line: &str) -> Option<Range<usize>> {
    if !line.chars().next().is_some_and(is_digit) {
        return None;
    }
    let count_end = line
        .char_indices()
        .find(|&(_, c)| !(is_digit(c) || c == ',' || c == '.'))
        .map_or(line.len(), |(at, _)| at);
    // an uppercase letter and two letters from `at`
    let word = |at: usize| {
        let mut chars = line[at..].chars();
        let first = chars.next().filter(|&c| is_uppercase_letter(c))?;
        let second = chars.next().filter(|&c| is_letter(c))?;
        let third = chars.next().filter(|&c| is_letter(c))?;
        Some(at..at + first.len_utf8() + second.len_utf8() + third.len_utf8())
    };
    // `K`, `k` or `M` after the number is its unit when a word follows it (`1.2KLikes` →
    // `Likes`), else the word's first letter (`5KGB` → `KGB`)
    line[count_end..]
        .starts_with(['K', 'k', 'M'])
        .then(|| word(count_end + 1))
        .flatten()
        .or_else(|| word(count_end))
}

/// The length of a thread marker at the start of a line: `THREAD` or 🧵, and the punctuation
/// after it (`THREAD: `, `🧵 — `). A scan: the pattern `^(?:THREAD|🧵)[ .:!\-–—]*` costs
/// more to compile than it would ever take to run.
fn thread_marker(line: &str) -> usize {
    let Some(rest) = line
        .strip_prefix("THREAD")
        .or_else(|| line.strip_prefix('🧵'))
    else {
        return 0;
    };
    line.len()
        - rest
            .trim_start_matches([' ', '.', ':', '!', '-', '–', '—'])
            .len()
}

/// `2/`, `1/7`, `(1/7)`, `3.`, `3)` at the start of a tweet. Thread numbers are ASCII digits
/// (`[0-9]`, not `\d`, which costs several times as much to compile).
static NUMBER_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?([0-9]{1,3})\s?/\s?([0-9]{0,3})\)?(?:\s+|$)|^[0-9]{1,3}[.)](?:\s+|$)")
        .expect("number start regex")
});

/// `END` closing a thread, and the number closing a tweet: `3/`, `(3/7)` or `1/7` (a bare
/// `n/m` other than `1/m` at the end of a line is more often a date or a ratio: `on 10/31`).
/// ASCII digits, as at the start.
static THREAD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s+)(?:END\.?|[0-9]{1,3}/|\(([0-9]{1,3})/([0-9]{1,3})\)|1/[0-9]{1,3})$")
        .expect("thread end regex")
});

/// Lines a scraper or a page adds around the text: dropped whole. Handles are ASCII
/// (`[A-Za-z0-9_]`, not `\w`, which costs more to compile than the rest of the pattern).
static RESIDUE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            conversation
          | replying\ to(?:\s+@[A-Za-z0-9_]+)*(?:\s*(?:and|,)\s*(?:@[A-Za-z0-9_]+|\d+\s+others?))*
          | thread | end | 🧵
          | read\ on\ twitter | view\ on\ twitter | show\ this\ thread | show\ more | show\ replies
          | translate\ tweet | quote\ tweets? | retweets? | likes? | replies | views? | bookmarks?
          | missing\ some\ tweets?\ in\ this\ thread\?(?:\s*you\ can\ try\ to)?
          | you\ can\ try\ to | force\ a\ refresh
          | source\ link | read\ more | advertisement | share\ this(?:\ article)?
          | [•·∙●◦▪\s]+
          # reply, retweet and like counts, alone or labelled
          | (?:\d[\d.,]*\s*[KkMB]?\s*(?:retweets?|likes?|replies|quote\ tweets?|views?)?\s*)+
        )$",
    )
    .expect("residue line regex")
});

/// Image and photo credits: short lines naming who made a picture. The label they start with.
const CREDIT_LABEL: &str = r"(?xi)^[(\[]?
        (?:
            (?:cover\ |header\ |featured\ |top\ )?(?:image|photo|picture|photograph|illustration|graphic)s?
            (?:\s+credits?)?\s*(?:by(?-u:\b)|:|-|–|—|courtesy(?-u:\b)|via(?-u:\b)|source(?-u:\b)|©)
          | (?:photo\ |image\ )?credits?\s*:
          | ©
        )";

static CREDIT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(CREDIT_LABEL).expect("credit label regex"));

/// The label and at most 80 characters more to the end of the line. The bounded repetition
/// costs twice the rest to compile, so this is asked only when the label [`CREDIT_START`]
/// finds leaves more than that (another way to read the label might leave less).
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{CREDIT_LABEL}[^\n]{{0,80}}$")).expect("credit line regex")
});

/// The cleaned text of one line, or `None` when nothing of the line is prose. `line` is
/// already free of inline residue (see [`clean_inline`]).
pub fn clean_line(line: Mapped) -> Option<Mapped> {
    let mut line = collapse_whitespace(line);
    // a count glued to the word after it (`152THREAD`): the count goes
    if let Some(word) = glued_count_word(line.as_str()) {
        line = line.replace(vec![(0..word.end, vec![Piece::Keep(word)])]);
    }
    // thread markers and numbering may stack: `THREAD 1/7 On the …`
    for _ in 0..3 {
        let before = line.len();
        let marker = thread_marker(line.as_str());
        if marker > 0 {
            line = line.replace(vec![(0..marker, vec![])]);
        }
        line = line.rewrite(&NUMBER_START, drop_thread_number);
        if line.len() == before {
            break;
        }
    }
    line = line.rewrite(&THREAD_END, drop_thread_number).trim();
    let text = line.as_str();
    if text.is_empty() || RESIDUE_LINE.is_match(text) || is_credit_line(text) {
        return None;
    }
    Some(line)
}

/// `n/m` is a thread number only when `n ≤ m` (so `24/7` stays); `n/` and `n.` always are.
fn drop_thread_number(caps: &Captures) -> Vec<Piece> {
    let n = caps.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
    let m = caps
        .get(2)
        .filter(|m| !m.as_str().is_empty())
        .and_then(|m| m.as_str().parse::<u32>().ok());
    match (n, m) {
        (Some(n), Some(m)) if n > m => vec![Piece::Keep(caps.get(0).map_or(0..0, |m| m.range()))],
        _ => vec![],
    }
}

/// A credit is a short label, not a sentence: it does not end in sentence punctuation.
fn is_credit_line(text: &str) -> bool {
    text.split_whitespace().count() <= 8
        && !text.ends_with(['.', '!', '?'])
        && CREDIT_START.find(text).is_some_and(|label| {
            let rest = &text[label.end()..];
            (!rest.contains('\n') && rest.chars().count() <= 80) || CREDIT_LINE.is_match(text)
        })
}

/// Whitespace that is not already a single plain space.
static WHITESPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s{2,}|[^\S ]").expect("space regex"));

/// Runs of whitespace (no-break spaces included) become one space; ends are trimmed.
pub fn collapse_whitespace(line: Mapped) -> Mapped {
    line.rewrite(&WHITESPACE, |_| vec![Piece::Text(" ".into())])
        .trim()
}

#[cfg(test)]
mod tests {
    use super::super::classes::strings;
    use super::*;

    fn inline(s: &str) -> String {
        clean_inline(Mapped::identity(s), false)
            .as_str()
            .to_string()
    }

    fn line(s: &str) -> Option<String> {
        clean_line(clean_inline(Mapped::identity(s), false)).map(|m| m.as_str().to_string())
    }

    #[test]
    fn decodes_entities_including_the_broken_form() {
        assert_eq!(inline("Russia& #39;s role"), "Russia's role");
        assert_eq!(
            inline("Russia&#39;s &amp; Turkey&#x27;s"),
            "Russia's & Turkey's"
        );
        assert_eq!(inline("&quot;neutrality&quot;"), "\"neutrality\"");
        // not entities: left alone
        assert_eq!(
            inline("near&mid-term, R&D; &bogus;"),
            "near&mid-term, R&D; &bogus;"
        );
    }

    #[test]
    fn keeps_the_emoji_of_an_img_residue() {
        let s = "sending of  https://abs.twimg.com/emoji/v2/... draggable=\"false\" alt=\"🇷🇺\" \
                 title=\"Flag of Russia\" aria-label=\"Emoji: Flag of Russia\"> peacekeepers";
        assert_eq!(line(s).as_deref(), Some("sending of 🇷🇺 peacekeepers"));
        let s = "a <img class=\"e\" alt=\"🔥\" src=\"x.png\"> fire and <img alt=\"A photo of a tank\">.";
        assert_eq!(line(s).as_deref(), Some("a 🔥 fire and ."));
    }

    #[test]
    fn drops_tags_and_attribute_fragments() {
        assert_eq!(inline("a <b>bold</b> word"), "a bold word");
        assert_eq!(line("end.</p><p>Next").as_deref(), Some("end. Next"));
        assert_eq!(
            line("clashes. https://example.com/en/2020/23-oct\">https://example.com/en/2020/2...")
                .as_deref(),
            Some("clashes.")
        );
        assert_eq!(
            line("forever. https://www.example.ru/world/733760\u{a0}\">https://www.example.ru/world/733...")
                .as_deref(),
            Some("forever.")
        );
        // a comparison is not a tag
        assert_eq!(inline("if a < b and c > d"), "if a < b and c > d");
    }

    #[test]
    fn drops_full_and_truncated_links() {
        assert_eq!(
            line("stated by @MID_RF on 10/31 mid.ru/en/foreign_pol…").as_deref(),
            Some("stated by @MID_RF on 10/31")
        );
        assert_eq!(
            line("of course). bloomberg.com/news/articles/…").as_deref(),
            Some("of course).")
        );
        assert_eq!(line("See https://x.com/a/b.").as_deref(), Some("See."));
        assert_eq!(
            line("read www.example.org/page, then").as_deref(),
            Some("read, then")
        );
        assert_eq!(
            line("details at example.co.uk…").as_deref(),
            Some("details at")
        );
        // abbreviations and ratios are not links
        assert_eq!(
            line("U.S./EU ties, e.g. trade").as_deref(),
            Some("U.S./EU ties, e.g. trade")
        );
    }

    #[test]
    fn splits_handles_glued_to_links() {
        assert_eq!(
            line("explained by my colleague @baunovcarnegie.ru/commentary/829…").as_deref(),
            Some("explained by my colleague @baunov")
        );
        assert_eq!(
            line("@Tom_deWaal & @sinanulgen1carnegie.ru/commentary/829…").as_deref(),
            Some("@Tom_deWaal & @sinanulgen1")
        );
        assert_eq!(
            line("explains in @businessbloomberg.com/news/articles/…").as_deref(),
            Some("explains in @business")
        );
        // unknown domain, no digit: the whole word is kept as the handle, the link goes
        assert_eq!(
            line("by @someone.example/x").as_deref(),
            Some("by @someone")
        );
    }

    #[test]
    fn keeps_handles_and_hashtag_words() {
        assert_eq!(
            line("fallout of @navalny's poisoning, crisis over #Belarus, a #PaxSinica").as_deref(),
            Some("fallout of @navalny's poisoning, crisis over Belarus, a PaxSinica")
        );
        assert_eq!(line("C# and #1 stay").as_deref(), Some("C# and #1 stay"));
    }

    #[test]
    fn strips_thread_numbering() {
        assert_eq!(
            line("2/ For many Russian").as_deref(),
            Some("For many Russian")
        );
        assert_eq!(
            line("THREAD 1/7 On the front").as_deref(),
            Some("On the front")
        );
        assert_eq!(
            line("THREAD. Chinese customs").as_deref(),
            Some("Chinese customs")
        );
        assert_eq!(
            line("   3. PM Pashinyan began").as_deref(),
            Some("PM Pashinyan began")
        );
        assert_eq!(line("(2/5) Second point").as_deref(), Some("Second point"));
        assert_eq!(
            line("Here is some context 👇 1/ example.com/news/v-…").as_deref(),
            Some("Here is some context 👇")
        );
        assert_eq!(line("by yours truly 1/").as_deref(), Some("by yours truly"));
        assert_eq!(
            line("realistic view on Russian aims. END").as_deref(),
            Some("realistic view on Russian aims.")
        );
        // not thread numbers
        assert_eq!(line("Open 24/7").as_deref(), Some("Open 24/7"));
        assert_eq!(
            line("A summit on 10/31").as_deref(),
            Some("A summit on 10/31")
        );
        assert_eq!(
            line("The first point. 1/7").as_deref(),
            Some("The first point.")
        );
        assert_eq!(
            line("The last point. (7/7)").as_deref(),
            Some("The last point.")
        );
        assert_eq!(
            line("1.5 million voted").as_deref(),
            Some("1.5 million voted")
        );
        assert_eq!(line("The END of it").as_deref(), Some("The END of it"));
    }

    #[test]
    fn drops_counts() {
        assert_eq!(line("107"), None);
        assert_eq!(line("  1.2K "), None);
        assert_eq!(line("3 Retweets 96 Likes"), None);
        assert_eq!(line("152THREAD"), None);
        assert_eq!(
            line("22Moscow is satisfied").as_deref(),
            Some("Moscow is satisfied")
        );
        // a number that is part of the text stays
        assert_eq!(
            line("5G networks grow").as_deref(),
            Some("5G networks grow")
        );
        assert_eq!(line("2FA codes").as_deref(), Some("2FA codes"));
    }

    #[test]
    fn drops_scraper_lines() {
        for residue in [
            "Conversation",
            "Replying to",
            "Replying to @a and @b",
            "THREAD",
            "END",
            "• • •",
            "Read on Twitter",
            "                         Read on Twitter",
            "Missing some Tweet in this thread? You can try to",
            "force a refresh",
            "Source link",
            "Image by DonkeyHotey",
            "Photo: Reuters/Jane Doe",
            "Image credit: Getty Images",
            "(Photo by John Smith/AFP)",
            "",
            "   \u{a0} ",
        ] {
            assert_eq!(line(residue), None, "{residue:?} should be dropped");
        }
        // prose that starts like residue stays
        for prose in [
            "Conversation with a diplomat revealed much.",
            "Images by satellite show the damage to the airport.",
            "Photo: the minister arrives in Baku for the talks.",
        ] {
            assert!(line(prose).is_some(), "{prose:?} should stay");
        }
    }

    #[test]
    fn collapses_whitespace_and_keeps_the_map() {
        let orig = "  a\u{a0}\u{a0}b &amp;  c ";
        let m = clean_line(clean_inline(Mapped::identity(orig), false)).expect("text");
        assert_eq!(m.as_str(), "a b & c");
        // `b` maps to itself, `&` to the whole entity
        let b = m.as_str().find('b').expect("b");
        assert_eq!(&orig[m.orig_range(b..b + 1)], "b");
        let amp = m.as_str().find('&').expect("&");
        assert_eq!(&orig[m.orig_range(amp..amp + 1)], "&amp;");
        assert_eq!(&orig[m.orig_range(0..m.len())], "a\u{a0}\u{a0}b &amp;  c");
    }

    /// Text and map of a rewrite, to compare two ways of making it.
    fn mapped_bytes(m: &Mapped) -> (String, Vec<Range<usize>>) {
        let map = (0..m.len()).map(|i| m.orig_range(i..i + 1)).collect();
        (m.as_str().to_string(), map)
    }

    /// Characters around which the scans decide: ASCII and other letters (a titlecase one,
    /// ones the standard library calls alphabetic or uppercase but the patterns do not),
    /// digits and other numbers, a mark, symbols, spaces.
    const AROUND: [&str; 14] = [
        "a", "Z", "7", "_", " ", "\u{a0}", "é", "Ж", "ǅ", "٣", "Ⅻ", "½", "\u{301}", "Ⓐ",
    ];

    #[test]
    fn the_hashtag_scan_drops_what_the_pattern_did() {
        let pattern = Regex::new(r"(^|[^\p{L}\p{N}_&/#])#(\p{L}[\p{L}\p{N}_]*)").unwrap();
        let alphabet: Vec<&str> = AROUND.into_iter().chain(["#", "&", "/", "ि"]).collect();
        for s in strings(&alphabet, 4, 20_000) {
            let by_pattern = Mapped::identity(&s).rewrite(&pattern, |caps| {
                let (Some(before), Some(word)) = (caps.get(1), caps.get(2)) else {
                    return vec![];
                };
                vec![Piece::Keep(before.range()), Piece::Keep(word.range())]
            });
            let signs = hashtag_signs(&s).map(|at| (at..at + 1, vec![])).collect();
            let by_scan = Mapped::identity(&s).replace(signs);
            assert_eq!(mapped_bytes(&by_scan), mapped_bytes(&by_pattern), "{s:?}");
        }
    }

    #[test]
    fn the_glued_count_scan_finds_what_the_pattern_did() {
        let pattern = Regex::new(r"^\d[\d,.]*[KkM]?(\p{Lu}\p{L}{2})").unwrap();
        let alphabet: Vec<&str> = AROUND
            .into_iter()
            .chain([",", ".", "K", "k", "M", "É"])
            .collect();
        for s in strings(&alphabet, 4, 20_000) {
            let by_pattern = pattern
                .captures(&s)
                .and_then(|c| c.get(1))
                .map(|m| m.range());
            assert_eq!(glued_count_word(&s), by_pattern, "{s:?}");
        }
    }

    #[test]
    fn the_thread_marker_scan_finds_what_the_pattern_did() {
        let pattern = Regex::new(r"^(?:THREAD|🧵)[ .:!\-–—]*").unwrap();
        let alphabet = [
            "THREAD", "🧵", "T", " ", ".", ":", "!", "-", "–", "—", "\u{a0}", "a",
        ];
        for s in strings(&alphabet, 4, 20_000) {
            let by_pattern = pattern.find(&s).map_or(0, |m| m.end());
            assert_eq!(thread_marker(&s), by_pattern, "{s:?}");
        }
    }

    #[test]
    fn a_credit_line_is_what_the_whole_pattern_says() {
        let long = "x".repeat(40);
        let alphabet = [
            "Photo",
            "photograph",
            "IMAGE",
            "s",
            " ",
            "credit",
            ":",
            "by",
            "line",
            "via",
            "©",
            "(",
            "-",
            "—",
            "Top ",
            "source",
            &long,
            "\n",
            ".",
        ];
        for s in strings(&alphabet, 3, 50_000) {
            let by_pattern = s.split_whitespace().count() <= 8
                && !s.ends_with(['.', '!', '?'])
                && CREDIT_LINE.is_match(&s);
            assert_eq!(is_credit_line(&s), by_pattern, "{s:?}");
        }
    }
}
