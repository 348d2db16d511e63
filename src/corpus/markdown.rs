//! Markdown sources: front matter, block markers and inline markup are not prose.
//!
//! This is deliberately line-based (scraped Markdown is rarely well-formed enough for a
//! full parser to help): each line keeps its place, its block marker (`#`, `>`, `-`, `1.`)
//! is cut and its kind noted, so paragraphs can be joined later; code is dropped.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::classes::is_word;
use super::mapped::{Builder, Mapped, Piece};
use super::segment::LineKind;

/// Flat `key: value` pairs of a YAML front matter block, and where the body starts.
pub struct FrontMatter {
    pub fields: Vec<(String, String)>,
    pub body_start: usize,
}

/// The front matter at the very start of `text` (`---` … `---` or `...`), if any.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bom = text.len() - body.len();
    let first_end = body.find('\n')?;
    if body[..first_end].trim_end() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    let mut pos = first_end + 1;
    while pos < body.len() {
        let end = body[pos..].find('\n').map_or(body.len(), |i| pos + i + 1);
        let line = body[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some(FrontMatter {
                fields,
                body_start: bom + end,
            });
        }
        // flat keys only: nested maps and lists are skipped
        if !line.starts_with([' ', '\t', '-', '#']) {
            if let Some((key, value)) = line.split_once(':') {
                let value = unquote(value.trim());
                if !key.trim().is_empty() && !value.is_empty() {
                    fields.push((key.trim().to_ascii_lowercase(), value.to_string()));
                }
            }
        }
        pos = end;
    }
    // never closed: not front matter
    None
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("comment regex"));
static FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}(```+|~~~+)").expect("fence regex"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}#{1,6}(?:[ \t]+|$)").expect("heading regex"));
static HEADING_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]+#+[ \t]*$").expect("heading close regex"));
static RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}(?:(?:[-*_=][ \t]*){3,}|=+|-+)[ \t]*$").expect("rule regex")
});
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}\[[^\]^]+\]:[ \t]*\S+").expect("reference definition regex")
});
static QUOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?:>[ \t]?)+").expect("quote regex"));
/// A list item's marker; the number of an ordered one is ASCII digits, as in CommonMark
/// (`[0-9]`, not `\d`, which costs several times as much to compile).
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)").expect("list item regex")
});
static FOOTNOTE_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}\[\^[^\]]+\]:[ \t]*").expect("footnote regex"));

/// The body with block markers cut and code emptied, and the kind of each of its lines
/// (one entry per `\n`-separated line, in order).
pub fn blocks(body: Mapped) -> (Mapped, Vec<LineKind>) {
    let body = body.rewrite(&COMMENT, |_| vec![]);
    let text = body.as_str();
    let mut b = Builder::default();
    let mut kinds = Vec::new();
    let mut fence: Option<String> = None;
    let mut start = 0;
    while start <= text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let (kind, keep) = classify(line, &mut fence);
        if let Some(keep) = keep {
            b.keep(&body, start + keep.start..start + keep.end);
        }
        kinds.push(kind);
        if end < text.len() {
            b.keep(&body, end..end + 1);
        }
        start = end + 1;
    }
    (b.finish(), kinds)
}

/// The kind of one line and the part of it that is text.
fn classify(line: &str, fence: &mut Option<String>) -> (LineKind, Option<std::ops::Range<usize>>) {
    if let Some(open) = fence.as_deref() {
        if line.trim_start().starts_with(open) {
            *fence = None;
        }
        return (LineKind::Break, None);
    }
    if let Some(m) = FENCE.captures(line).and_then(|c| c.get(1)) {
        *fence = Some(m.as_str().to_string());
        return (LineKind::Break, None);
    }
    // Indented lines are read as prose, not code: in scraped Markdown they are far more
    // often list continuations than code blocks (which come fenced), and dropping prose
    // costs more than keeping a line of code.
    if line.trim().is_empty() || RULE.is_match(line) || REFERENCE.is_match(line) {
        return (LineKind::Break, None);
    }
    let mut from = 0;
    if let Some(m) = QUOTE.find(line) {
        from = m.end();
    }
    let rest = &line[from..];
    if let Some(m) = HEADING.find(rest) {
        let content = &rest[m.end()..];
        let content_end = HEADING_CLOSE
            .find(content)
            .map_or(content.len(), |c| c.start());
        let s = from + m.end();
        return (LineKind::Heading, Some(s..s + content_end));
    }
    if let Some(m) = FOOTNOTE_DEF.find(rest).or_else(|| ITEM.find(rest)) {
        return (LineKind::ItemStart, Some(from + m.end()..line.len()));
    }
    (LineKind::Prose, Some(from..line.len()))
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])").expect("link regex")
});
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(?:https?|mailto):[^>\s]*>").expect("autolink regex"));
static FOOTNOTE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\^[^\]\n]+\]").expect("footnote ref regex"));
static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`+([^`\n]+)`+").expect("inline code regex"));
static STARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*{1,3}|~~").expect("emphasis regex"));

/// Inline markup replaced by what a reader sees: link text without the URL, no images,
/// no emphasis markers, no footnote references.
pub fn inline(text: Mapped) -> Mapped {
    let images: Vec<_> = images(text.as_str())
        .into_iter()
        .map(|image| (image, vec![]))
        .collect();
    let text = text
        .replace(images)
        .rewrite(&AUTOLINK, |_| vec![])
        .rewrite(&LINK, |caps| keep_groups(caps, &[1]))
        .rewrite(&FOOTNOTE_REF, |_| vec![])
        .rewrite(&CODE, |caps| keep_groups(caps, &[1]))
        .rewrite(&STARS, |_| vec![]);
    let underscores = underscores(text.as_str());
    text.replace(underscores)
}

/// Images, `![alt](url)` on one line. The pattern `!\[[^\]\n]*\]\([^)\n]*\)` as a scan:
/// its classes of all characters but two compile to a large automaton.
fn images(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    for (at, _) in text.match_indices("![") {
        if at < from {
            continue;
        }
        // the alt text runs to the first `]` on the line, the link from the `(` right after it
        // to the first `)` on the line
        let Some(alt_end) = text[at + 2..].find([']', '\n']).map(|i| at + 2 + i) else {
            continue;
        };
        if !text[alt_end..].starts_with("](") {
            continue;
        }
        let link = alt_end + 2;
        let Some(end) = text[link..].find([')', '\n']).map(|i| link + i) else {
            continue;
        };
        if text[end..].starts_with(')') {
            found.push(at..end + 1);
            from = end + 1;
        }
    }
    found
}

/// Underscores that wrap words go, with what is inside kept; those inside words
/// (`snake_case`, `@Tom_deWaal`) stay. This is the pattern
/// `(^|[^\w])_{1,3}([^_\n]+?)_{1,3}([^\w]|$)` (every match replaced by its three groups) as a
/// scan: `\w` costs more to compile than the whole Markdown source takes to clean.
fn underscores(text: &str) -> Vec<(Range<usize>, Vec<Piece>)> {
    let mut found = Vec::new();
    // where the last match ended: a match starts there or after
    let mut from = 0;
    for (open, _) in text.match_indices('_') {
        // after the start of the text or a character that is no word character (a match
        // takes that character along, so it cannot be one an earlier match took)
        let start = match text[..open].chars().next_back() {
            None if from == 0 => open,
            Some(c) if !is_word(c) && open - c.len_utf8() >= from => open - c.len_utf8(),
            _ => continue,
        };
        // one to three underscores, then text up to the next underscore on the line, then
        // one to three underscores again, then the end or no word character
        let run = |at: usize| text[at..].bytes().take_while(|&b| b == b'_').count();
        let opening = run(open);
        let inner = open + opening;
        let Some(close) = text[inner..].find(['_', '\n']).map(|i| inner + i) else {
            continue;
        };
        let closing = run(close);
        if opening > 3 || close == inner || closing == 0 || closing > 3 {
            continue;
        }
        let after = close + closing;
        let end = match text[after..].chars().next() {
            None => after,
            Some(c) if !is_word(c) => after + c.len_utf8(),
            Some(_) => continue,
        };
        let kept = vec![
            Piece::Keep(start..open),
            Piece::Keep(inner..close),
            Piece::Keep(after..end),
        ];
        found.push((start..end, kept));
        from = end;
    }
    found
}

fn keep_groups(caps: &regex::Captures, groups: &[usize]) -> Vec<Piece> {
    groups
        .iter()
        .filter_map(|&g| caps.get(g))
        .map(|m| Piece::Keep(m.range()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::classes::strings;
    use super::*;

    #[test]
    fn reads_flat_front_matter() {
        let text = "---\ntitle: \"A title\"\nauthor: 'Jane Doe'\ntags:\n  - a\ndate: 2020-11-19\n---\nBody.";
        let fm = front_matter(text).expect("front matter");
        assert_eq!(
            fm.fields,
            vec![
                ("title".to_string(), "A title".to_string()),
                ("author".to_string(), "Jane Doe".to_string()),
                ("date".to_string(), "2020-11-19".to_string()),
            ]
        );
        assert_eq!(&text[fm.body_start..], "Body.");
        assert!(front_matter("---\nnot: closed\n").is_none());
        assert!(front_matter("Text\n---\n").is_none());
    }

    fn lines(md: &str) -> Vec<(LineKind, String)> {
        let (m, kinds) = blocks(Mapped::identity(md));
        let m = inline(m);
        kinds
            .into_iter()
            .zip(m.as_str().split('\n').map(str::to_string))
            .collect()
    }

    #[test]
    fn cuts_block_markers_and_code() {
        let md = "# Title #\n\nSome *emphasis* and [a link](https://x.com).\n> quoted `code`\n- item one\n```\nlet x = 1;\n```\n<!-- hidden -->\n---\n1. numbered";
        let got = lines(md);
        let kinds: Vec<LineKind> = got.iter().map(|(k, _)| *k).collect();
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Title",
                "",
                "Some emphasis and a link.",
                "quoted code",
                "item one",
                "",
                "",
                "",
                "",
                "",
                "numbered"
            ]
        );
        assert_eq!(
            kinds,
            vec![
                LineKind::Heading,
                LineKind::Break,
                LineKind::Prose,
                LineKind::Prose,
                LineKind::ItemStart,
                LineKind::Break,
                LineKind::Break,
                LineKind::Break,
                LineKind::Break,
                LineKind::Break,
                LineKind::ItemStart,
            ]
        );
    }

    #[test]
    fn indented_lines_are_prose() {
        let got = lines("- item\n    continued here\n  - nested item");
        assert_eq!(
            got,
            vec![
                (LineKind::ItemStart, "item".to_string()),
                (LineKind::Prose, "    continued here".to_string()),
                (LineKind::ItemStart, "nested item".to_string()),
            ]
        );
    }

    #[test]
    fn keeps_underscores_inside_words() {
        let m = inline(Mapped::identity(
            "_said_ @Tom_deWaal in __bold__ snake_case",
        ));
        assert_eq!(m.as_str(), "said @Tom_deWaal in bold snake_case");
    }

    #[test]
    fn the_image_scan_finds_what_the_pattern_did() {
        let pattern = Regex::new(r"!\[[^\]\n]*\]\([^)\n]*\)").unwrap();
        let alphabet = ["!", "[", "]", "(", ")", "a", "\n", "é", "!["];
        for s in strings(&alphabet, 5, 20_000) {
            let by_pattern: Vec<_> = pattern.find_iter(&s).map(|m| m.range()).collect();
            assert_eq!(images(&s), by_pattern, "{s:?}");
        }
    }

    #[test]
    fn the_underscore_scan_keeps_what_the_pattern_did() {
        let pattern = Regex::new(r"(^|[^\w])_{1,3}([^_\n]+?)_{1,3}([^\w]|$)").unwrap();
        // a mark and a connector are word characters too
        let alphabet = [
            "_", "a", " ", "\n", "é", "-", "\u{301}", "‿", "٣", "½", "__",
        ];
        for s in strings(&alphabet, 5, 50_000) {
            let by_pattern =
                Mapped::identity(&s).rewrite(&pattern, |caps| keep_groups(caps, &[1, 2, 3]));
            let by_scan = Mapped::identity(&s).replace(underscores(&s));
            assert_eq!(by_scan, by_pattern, "{s:?}");
        }
    }
}
