//! Markdown → prose sentences with exact byte ranges.
//!
//! pulldown-cmark gives every event its source range. Each prose block (paragraph, list
//! item text, table cell, heading) is rebuilt as plain text with a map from plain-text
//! offsets back to draft offsets, split into sentences there, and mapped back, so a
//! sentence's range runs from its first visible character to its last in the draft
//! whatever markup stands around or inside it.
//!
//! Not prose: code blocks, HTML blocks, front matter, link URLs. Inline code, images,
//! autolinks and bare URLs become a placeholder in the plain text: a sentence's range
//! covers them but its text leaves them out.
//!
//! Suppression comments are found here too, and applied by `super::suppression`.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::citation::{ends_with_citation, is_quotation, leading_citation_end};
use super::suppression::{apply_suppressions, directives, Directive};
use super::{split_sentences, BlockKind, DraftSentence};

/// Stands in the plain text for inline content that a sentence's range covers but that
/// is not prose: inline code, images, autolinks, bare URLs.
const PLACEHOLDER: char = '\u{FFFC}';

/// Every sentence of a Markdown draft, in document order, headings included.
pub fn prose_sentences(markdown: &str) -> Vec<DraftSentence> {
    // Front matter is cut by hand rather than with ENABLE_YAML_STYLE_METADATA_BLOCKS:
    // pulldown-cmark takes any `---` … `---` block anywhere in the document for metadata,
    // which would silently hide prose between two thematic breaks.
    let body_start = front_matter_end(markdown);
    let body = markdown.get(body_start..).unwrap_or("");
    let mut options = Options::empty();
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut walker = Walker::new(markdown);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walker.event(event, range.start + body_start..range.end + body_start);
    }
    walker.finish()
}

/// Where the Markdown body starts: after a leading byte-order mark and a YAML front
/// matter block (`---` on the first line, YAML-looking lines, then `---` or `...`).
fn front_matter_end(markdown: &str) -> usize {
    let bom = if markdown.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let rest = markdown.get(bom..).unwrap_or("");
    let mut lines = rest.split_inclusive('\n');
    let first = match lines.next() {
        Some(first) if first.trim_end() == "---" => first,
        _ => return bom,
    };
    let mut offset = bom + first.len();
    for line in lines {
        offset += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return offset;
        }
        if !looks_like_yaml(t) {
            return bom;
        }
    }
    bom
}

fn looks_like_yaml(line: &str) -> bool {
    // `(?:…)`: a group captured for no one costs a one-pass automaton more to compile
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[\w"'.-][\w "'.-]*:(?:\s|$)"#).expect("front matter key pattern")
    });
    line.is_empty()
        || line.starts_with([' ', '\t', '#'])
        || line.starts_with("- ")
        || line == "-"
        || KEY.is_match(line)
}

/// A block that gives prose its kind, or a block that holds none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Paragraph,
    Heading,
    ListItem,
    BlockQuote,
    Footnote,
    TableCell,
    /// Code, HTML and metadata blocks: their text is not prose.
    Opaque,
    Other,
}

/// A piece of a block's plain text and where it stands in the draft.
#[derive(Debug)]
struct Segment {
    plain_start: usize,
    src: Range<usize>,
    /// Plain text equals the draft text byte for byte; otherwise (entities, line breaks,
    /// placeholders) offsets inside the piece round to its start or end.
    exact: bool,
}

/// The plain text of one prose block being collected.
#[derive(Debug, Default)]
struct Prose {
    plain: String,
    segments: Vec<Segment>,
    /// Plain offsets of footnote references and links.
    citations: Vec<usize>,
}

impl Prose {
    fn push(&mut self, text: &str, src: Range<usize>, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            plain_start: self.plain.len(),
            src,
            exact,
        });
        self.plain.push_str(text);
    }

    fn placeholder(&mut self, src: Range<usize>) {
        let mut buf = [0u8; 4];
        self.push(PLACEHOLDER.encode_utf8(&mut buf), src, false);
    }

    /// Draft offset of the plain-text character starting at `p`.
    fn src_start(&self, p: usize) -> usize {
        let i = self.segments.partition_point(|s| s.plain_start <= p);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(s) if s.exact => s.src.start + (p - s.plain_start),
            Some(s) => s.src.start,
            None => 0,
        }
    }

    /// Draft offset just past the plain-text character ending at `q`.
    fn src_end(&self, q: usize) -> usize {
        let i = self.segments.partition_point(|s| s.plain_start < q);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(s) if s.exact => s.src.start + (q - s.plain_start),
            Some(s) => s.src.end,
            None => 0,
        }
    }
}

struct Walker<'a> {
    markdown: &'a str,
    containers: Vec<Container>,
    /// Inside an image or autolink: its text is covered by a placeholder already.
    inline_skip: usize,
    /// Per open link: whether its text is skipped (autolinks).
    links: Vec<bool>,
    prose: Prose,
    sentences: Vec<DraftSentence>,
    comments: Vec<(usize, Directive)>,
}

impl<'a> Walker<'a> {
    fn new(markdown: &'a str) -> Self {
        Walker {
            markdown,
            containers: Vec::new(),
            inline_skip: 0,
            links: Vec::new(),
            prose: Prose::default(),
            sentences: Vec::new(),
            comments: Vec::new(),
        }
    }

    fn opaque(&self) -> bool {
        self.containers.contains(&Container::Opaque)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if !self.opaque() && self.inline_skip == 0 {
                    self.text(&text, range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if !self.opaque() && self.inline_skip == 0 {
                    self.prose.placeholder(range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if !self.opaque() && self.inline_skip == 0 {
                    self.prose.push(" ", range, false);
                }
            }
            Event::InlineHtml(_) => self.scan_comments(range),
            Event::FootnoteReference(_) => self.prose.citations.push(self.prose.plain.len()),
            Event::Rule => self.flush(),
            Event::Html(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let container = match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => return,
            Tag::Link { link_type, .. } => {
                self.prose.citations.push(self.prose.plain.len());
                let skip = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if skip {
                    if self.inline_skip == 0 && !self.opaque() {
                        self.prose.placeholder(range);
                    }
                    self.inline_skip += 1;
                }
                self.links.push(skip);
                return;
            }
            Tag::Image { .. } => {
                if self.inline_skip == 0 && !self.opaque() {
                    self.prose.placeholder(range);
                }
                self.inline_skip += 1;
                return;
            }
            Tag::Paragraph => Container::Paragraph,
            Tag::Heading { .. } => Container::Heading,
            Tag::Item => Container::ListItem,
            Tag::BlockQuote(_) => Container::BlockQuote,
            Tag::FootnoteDefinition(_) => Container::Footnote,
            Tag::TableCell => Container::TableCell,
            Tag::HtmlBlock => {
                self.scan_comments(range);
                Container::Opaque
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => Container::Opaque,
            _ => Container::Other,
        };
        self.flush();
        self.containers.push(container);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.inline_skip = self.inline_skip.saturating_sub(1);
                }
            }
            TagEnd::Image => self.inline_skip = self.inline_skip.saturating_sub(1),
            _ => {
                self.flush();
                self.containers.pop();
            }
        }
    }

    /// Adds a text event, bare URLs in it replaced by placeholders.
    fn text(&mut self, text: &str, range: Range<usize>) {
        let source = self.markdown.get(range.clone()).unwrap_or("");
        // pulldown-cmark's text is the source itself, or its tail after an escape
        // backslash; entities are their own events and map to their whole range.
        let exact_start = if source == text {
            Some(range.start)
        } else if source.ends_with(text) {
            Some(range.end - text.len())
        } else {
            None
        };
        let Some(base) = exact_start else {
            self.prose.push(text, range, false);
            return;
        };
        let mut at = 0;
        for url in bare_urls(text) {
            self.prose
                .push(&text[at..url.start], base + at..base + url.start, true);
            self.prose.citations.push(self.prose.plain.len());
            self.prose.placeholder(base + url.start..base + url.end);
            at = url.end;
        }
        self.prose
            .push(&text[at..], base + at..base + text.len(), true);
    }

    fn scan_comments(&mut self, range: Range<usize>) {
        let Some(html) = self.markdown.get(range.clone()) else {
            return;
        };
        self.comments.extend(
            directives(html)
                .into_iter()
                .map(|(at, d)| (range.start + at, d)),
        );
    }

    /// The kind of the prose being collected: headings and table cells win, then the
    /// innermost list item, blockquote or footnote, else a plain paragraph.
    fn kind(&self) -> BlockKind {
        if self.containers.contains(&Container::Heading) {
            return BlockKind::Heading;
        }
        if self.containers.contains(&Container::TableCell) {
            return BlockKind::TableCell;
        }
        for c in self.containers.iter().rev() {
            match c {
                Container::ListItem => return BlockKind::ListItem,
                Container::BlockQuote => return BlockKind::BlockQuote,
                Container::Footnote => return BlockKind::Footnote,
                _ => {}
            }
        }
        BlockKind::Paragraph
    }

    /// Turns the collected block into sentences.
    fn flush(&mut self) {
        let prose = std::mem::take(&mut self.prose);
        if prose.plain.trim().is_empty() {
            return;
        }
        let kind = self.kind();
        let in_quote = self.containers.contains(&Container::BlockQuote);
        let ranges = if kind == BlockKind::Heading {
            trimmed_range(&prose.plain).into_iter().collect()
        } else {
            split_sentences(&prose.plain)
        };
        let mut block: Vec<(Range<usize>, DraftSentence)> = Vec::with_capacity(ranges.len());
        for mut r in ranges {
            if kind != BlockKind::Heading {
                if let Some((_, previous)) = block.last_mut() {
                    if let Some(rest) = leading_citation_end(&prose.plain, r.clone()) {
                        // "… won. (Gabuev 2020) Next": a citation of the sentence before
                        previous.cited = true;
                        r.start = rest;
                    }
                }
            }
            let Some(slice) = prose.plain.get(r.clone()) else {
                continue;
            };
            let text = clean(slice);
            if !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let cited = ends_with_citation(&text);
            block.push((
                r.clone(),
                DraftSentence {
                    quoted: in_quote || is_quotation(&text),
                    text,
                    byte_range: prose.src_start(r.start)..prose.src_end(r.end),
                    block: kind,
                    cited,
                    suppression: None,
                },
            ));
        }
        // a footnote or link counts for the sentence it stands in or follows
        for i in 0..block.len() {
            let from = block[i].0.start;
            let to = block.get(i + 1).map_or(usize::MAX, |(r, _)| r.start);
            if prose.citations.iter().any(|&c| from <= c && c < to) {
                block[i].1.cited = true;
            }
        }
        self.sentences.extend(block.into_iter().map(|(_, s)| s));
    }

    fn finish(mut self) -> Vec<DraftSentence> {
        self.flush();
        apply_suppressions(self.markdown, &mut self.sentences, &self.comments);
        self.sentences
    }
}

fn trimmed_range(s: &str) -> Option<Range<usize>> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    (start < end).then_some(start..end)
}

/// Byte ranges of `http(s)://` URLs in running text, trailing punctuation left out.
fn bare_urls(text: &str) -> Vec<Range<usize>> {
    static URL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"https?://[^\s<>]+").expect("url pattern"));
    if !text.contains("://") {
        return Vec::new();
    }
    URL.find_iter(text)
        .map(|m| {
            let url = m.as_str();
            let balanced = url.contains('(');
            let kept = url.trim_end_matches(|c: char| {
                matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’'
                ) || (c == ')' && !balanced)
            });
            m.start()..m.start() + kept.len()
        })
        .collect()
}

/// The sentence as a reader sees it: placeholders dropped, whitespace collapsed.
pub(super) fn clean(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    // a placeholder was just dropped: punctuation after it attaches to the text before
    let mut glue = false;
    for word in plain.split_whitespace() {
        let has_placeholder = word.contains(PLACEHOLDER);
        let stripped = if has_placeholder {
            std::borrow::Cow::Owned(word.replace(PLACEHOLDER, ""))
        } else {
            std::borrow::Cow::Borrowed(word)
        };
        if stripped.is_empty() {
            glue = true;
            continue;
        }
        let punctuation = stripped.starts_with(['.', ',', ';', ':', '!', '?', ')']);
        let glued = punctuation && (glue || word.starts_with(PLACEHOLDER));
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&stripped);
        glue = word.ends_with(PLACEHOLDER);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{own_analysis_marker, Suppression};

    fn sentences(md: &str) -> Vec<DraftSentence> {
        prose_sentences(md)
    }

    fn texts(md: &str) -> Vec<String> {
        sentences(md).into_iter().map(|s| s.text).collect()
    }

    /// Checks that each sentence's range holds exactly what its text says, give or take
    /// markup: same first and last character.
    fn assert_ranges_match(md: &str) {
        for s in prose_sentences(md) {
            let src = &md[s.byte_range.clone()];
            assert_eq!(
                src.chars().next(),
                s.text.chars().next(),
                "start of {:?} vs {src:?}",
                s.text
            );
            assert_eq!(
                src.chars().last(),
                s.text.chars().last(),
                "end of {:?} vs {src:?}",
                s.text
            );
        }
    }

    #[test]
    fn paragraph_sentences_and_ranges() {
        let md = "Russia won. Turkey gained.\nArmenia lost.\n";
        let s = sentences(md);
        assert_eq!(s.len(), 3);
        assert_eq!(&md[s[0].byte_range.clone()], "Russia won.");
        assert_eq!(&md[s[1].byte_range.clone()], "Turkey gained.");
        assert_eq!(&md[s[2].byte_range.clone()], "Armenia lost.");
        assert!(s.iter().all(|s| s.block == BlockKind::Paragraph));
        assert!(s
            .iter()
            .all(|s| !s.quoted && !s.cited && s.suppression.is_none()));
    }

    #[test]
    fn soft_breaks_join_lines_and_whitespace_collapses() {
        let md = "Russia   was\nclearly   determined.\n";
        let s = sentences(md);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "Russia was clearly determined.");
        assert_eq!(
            &md[s[0].byte_range.clone()],
            "Russia   was\nclearly   determined."
        );
    }

    #[test]
    fn emphasis_around_a_sentence_is_outside_its_range() {
        let md = "*These notes are a draft.* Next **one** here.\n";
        let s = sentences(md);
        assert_eq!(s[0].text, "These notes are a draft.");
        assert_eq!(&md[s[0].byte_range.clone()], "These notes are a draft.");
        assert_eq!(s[1].text, "Next one here.");
        assert_eq!(&md[s[1].byte_range.clone()], "Next **one** here.");
    }

    #[test]
    fn headings_are_one_sentence_never_split() {
        let md = "# Who won? Notes on Russia. And more\n\n## The Turkish *factor* ##\n";
        let s = sentences(md);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Who won? Notes on Russia. And more");
        assert_eq!(s[0].block, BlockKind::Heading);
        assert_eq!(s[1].text, "The Turkish factor");
        assert_eq!(&md[s[1].byte_range.clone()], "The Turkish *factor");
        let setext = "Setext heading. Two\n===\n";
        assert_eq!(texts(setext), ["Setext heading. Two"]);
        assert_eq!(sentences(setext)[0].block, BlockKind::Heading);
    }

    #[test]
    fn list_items_tight_loose_and_nested() {
        let md = "- First item. Second sentence.\n- Second item.\n  - Nested item.\n\n1. Loose.\n\n2. Also loose.\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.block)).collect();
        assert_eq!(
            got,
            [
                ("First item.", BlockKind::ListItem),
                ("Second sentence.", BlockKind::ListItem),
                ("Second item.", BlockKind::ListItem),
                ("Nested item.", BlockKind::ListItem),
                ("Loose.", BlockKind::ListItem),
                ("Also loose.", BlockKind::ListItem),
            ]
        );
        assert_ranges_match(md);
    }

    #[test]
    fn blockquotes_are_quoted() {
        let md = "> Another key factor is Turkey.\n> It matters.\n\nPlain.\n";
        let s = sentences(md);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].block, BlockKind::BlockQuote);
        assert!(s[0].quoted && s[1].quoted);
        assert_eq!(&md[s[1].byte_range.clone()], "It matters.");
        assert!(!s[2].quoted);
        assert_eq!(s[2].block, BlockKind::Paragraph);
        // a list in a blockquote: list item, still quoted
        let nested = sentences("> - Quoted item.\n");
        assert_eq!(nested[0].block, BlockKind::ListItem);
        assert!(nested[0].quoted);
    }

    #[test]
    fn quotation_marks_around_the_whole_sentence() {
        let md =
            "\"We will win.\" “We won”. He said \"no.\" ‘Russia’s war.’ \"A,\" he said, \"b.\"\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.quoted)).collect();
        assert_eq!(
            got,
            [
                ("\"We will win.\"", true),
                ("“We won”.", true),
                ("He said \"no.\"", false),
                ("‘Russia’s war.’", true),
                ("\"A,\" he said, \"b.\"", false),
            ]
        );
    }

    #[test]
    fn footnotes_links_and_parenthetical_citations() {
        let md = "Baku gained.[^1] Moscow waited. See [the thread](https://x.org/t) now. \
                  Turkey won (de Waal 2020). Russia lost. (Gabuev and Trenin, 2019, p. 4) Armenia wept. \
                  Peace came (November 2020). Then [a link](https://y.org).\n\n\
                  [^1]: A footnote sentence.\n";
        let s = sentences(md);
        let got: Vec<_> = s
            .iter()
            .map(|s| (s.text.as_str(), s.cited, s.block))
            .collect();
        assert_eq!(
            got,
            [
                ("Baku gained.", true, BlockKind::Paragraph),
                ("Moscow waited.", false, BlockKind::Paragraph),
                ("See the thread now.", true, BlockKind::Paragraph),
                ("Turkey won (de Waal 2020).", true, BlockKind::Paragraph),
                ("Russia lost.", true, BlockKind::Paragraph),
                ("Armenia wept.", false, BlockKind::Paragraph),
                ("Peace came (November 2020).", false, BlockKind::Paragraph),
                ("Then a link.", true, BlockKind::Paragraph),
                ("A footnote sentence.", false, BlockKind::Footnote),
            ]
        );
        assert_eq!(&md[s[0].byte_range.clone()], "Baku gained.");
        assert_eq!(
            &md[s[2].byte_range.clone()],
            "See [the thread](https://x.org/t) now."
        );
        assert!(s
            .iter()
            .all(|s| !s.text.contains("x.org") && !s.text.contains("[^")));
    }

    #[test]
    fn link_as_whole_item_keeps_its_text() {
        let md = "- [Long-read on Russia](https://example.org/russia-position)\n";
        let s = sentences(md);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "Long-read on Russia");
        assert!(s[0].cited);
        assert_eq!(&md[s[0].byte_range.clone()], "Long-read on Russia");
    }

    #[test]
    fn code_urls_images_and_html_are_not_prose() {
        let md = "Intro `code.here` text. Run <https://auto.org> now. See https://bare.org/x. \
                  Look ![chart alt](chart.png) here.\n\n\
                  ```sql\nSELECT secret FROM t;\n```\n\n    indented code line.\n\n\
                  <div>\nhtml block text.\n</div>\n\n<!-- comment text. -->\n\n\
                  Working file: `cn_ru_trade_2020.csv`\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "Intro text.",
                "Run now.",
                "See.",
                "Look here.",
                "Working file:",
            ]
        );
        // the range still covers the inline code, even at the end
        assert_eq!(&md[s[0].byte_range.clone()], "Intro `code.here` text.");
        assert_eq!(
            &md[s[4].byte_range.clone()],
            "Working file: `cn_ru_trade_2020.csv`"
        );
        assert!(s[1].cited && s[2].cited);
    }

    #[test]
    fn front_matter_only_at_the_top() {
        let md = "---\ntitle: Draft\ntags: [a, b]\n---\n\nBody sentence.\n\n---\n\nAfter a rule.\n";
        assert_eq!(texts(md), ["Body sentence.", "After a rule."]);
        let crlf = "---\r\ntitle: Draft\r\n---\r\nBody.\r\n";
        assert_eq!(texts(crlf), ["Body."]);
        // a thematic break first and prose after it is no front matter
        let rule = "---\nRussia won the war, clearly.\n\nMore.\n";
        assert_eq!(texts(rule), ["Russia won the war, clearly.", "More."]);
        // prose between two rules mid-document stays (a setext heading here)
        let mid = "Intro.\n\n---\nkey: looks like yaml\n---\n";
        assert_eq!(texts(mid), ["Intro.", "key: looks like yaml"]);
    }

    #[test]
    fn table_cells() {
        let md = "| Claim | Note |\n|---|---|\n| Russia won. Turkey too. | *Provisional.* |\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "Claim",
                "Note",
                "Russia won.",
                "Turkey too.",
                "Provisional."
            ]
        );
        assert!(s.iter().all(|s| s.block == BlockKind::TableCell));
        assert_ranges_match(md);
    }

    #[test]
    fn crlf_drafts() {
        let md = "# Title\r\n\r\nOne sentence\r\nwraps here. Two.\r\n\r\n- Item.\r\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(got, ["Title", "One sentence wraps here.", "Two.", "Item."]);
        assert_eq!(&md[s[1].byte_range.clone()], "One sentence\r\nwraps here.");
        for s in &s {
            let src = &md[s.byte_range.clone()];
            assert!(!src.ends_with('\r') && !src.starts_with('\n'), "{src:?}");
        }
    }

    #[test]
    fn emoji_flags_and_cjk_before_sentences() {
        let md = "😀 Moscow won. 🇷🇺 peacekeepers arrived. 日本語の文。Next one.\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "😀 Moscow won.",
                "🇷🇺 peacekeepers arrived.",
                "日本語の文。",
                "Next one."
            ]
        );
        assert_ranges_match(md);
    }

    #[test]
    fn entities_and_escapes_map_to_the_draft() {
        let md = "AT&amp;T said \\*no\\*. Next &copy; sentence.\n";
        let s = sentences(md);
        assert_eq!(s[0].text, "AT&T said *no*.");
        assert_eq!(&md[s[0].byte_range.clone()], "AT&amp;T said \\*no\\*.");
        assert_eq!(s[1].text, "Next © sentence.");
        assert_eq!(&md[s[1].byte_range.clone()], "Next &copy; sentence.");
    }

    #[test]
    fn own_analysis_marker_inline_and_on_the_next_line() {
        let md = format!(
            "Russia won. Turkey gained. {m}\nArmenia lost.\n{m}\n\nBaku smiled.\n\n{m}\n",
            m = own_analysis_marker()
        );
        let s = sentences(&md);
        let got: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.suppression)).collect();
        assert_eq!(
            got,
            [
                ("Russia won.", None),
                ("Turkey gained.", Some(Suppression::OwnAnalysis)),
                ("Armenia lost.", Some(Suppression::OwnAnalysis)),
                // a blank line between: the comment belongs to nothing
                ("Baku smiled.", None),
            ]
        );
        assert!(s.iter().all(|s| !s.text.contains("corroborate")));
    }

    #[test]
    fn inserting_the_marker_after_a_sentence_marks_it() {
        let md = "Intro *sentence one.* Baku gained.[^1] Then more.\n\n- Item one. Item two.\n\n[^1]: Note.\n";
        let before = sentences(md);
        for (i, target) in before.iter().enumerate() {
            let mut edited = md.to_string();
            edited.insert_str(
                target.byte_range.end,
                &format!(" {}", own_analysis_marker()),
            );
            let after = sentences(&edited);
            let texts_before: Vec<_> = before.iter().map(|s| &s.text).collect();
            let texts_after: Vec<_> = after.iter().map(|s| &s.text).collect();
            assert_eq!(
                texts_before, texts_after,
                "inserting after {:?}",
                target.text
            );
            for (j, s) in after.iter().enumerate() {
                let want = (i == j).then_some(Suppression::OwnAnalysis);
                assert_eq!(
                    s.suppression, want,
                    "marker after {:?}: {:?}",
                    target.text, s.text
                );
            }
        }
    }

    #[test]
    fn off_on_regions_and_ignore_file() {
        let md = "One.\n\n<!-- corroborate off -->\n\nTwo. Three.\n\n<!-- corroborate on -->\n\nFour. <!-- corroborate off --> Five.\n";
        let s = sentences(md);
        let got: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.suppression)).collect();
        assert_eq!(
            got,
            [
                ("One.", None),
                ("Two.", Some(Suppression::Ignored)),
                ("Three.", Some(Suppression::Ignored)),
                ("Four.", None),
                ("Five.", Some(Suppression::Ignored)),
            ]
        );
        let whole = "One. Two.\n\n<!--Corroborate:IGNORE-FILE-->\n";
        assert!(sentences(whole)
            .iter()
            .all(|s| s.suppression == Some(Suppression::Ignored)));
        // comments in code blocks are not directives
        let code = "One.\n\n```\n<!-- corroborate: ignore-file -->\n```\n";
        assert_eq!(sentences(code)[0].suppression, None);
    }

    #[test]
    fn random_markdown_gives_valid_ordered_ranges() {
        const PIECES: &[&str] = &[
            "*",
            "**",
            "_",
            "`",
            "[",
            "]",
            "(",
            ")",
            "](http://x.y)",
            "http://a.b/c.",
            "<!--",
            "-->",
            "<!-- corroborate off -->",
            "<!-- corroborate: own -->",
            "\n",
            "\r\n",
            "\n\n",
            "> ",
            "- ",
            "# ",
            "|",
            "---",
            "😀",
            "🇷🇺",
            "日本。",
            ".",
            "!",
            "?",
            "\"",
            "“",
            "”",
            "Mr.",
            "U.S.",
            " ",
            "word",
            "Word",
            "[^1]",
            "[^1]: ",
            "&amp;",
            "\\",
            "```",
            "    ",
            "1. ",
            "3.2",
            "…",
            "(Gabuev 2020)",
            "<div>",
            "![i](p.png)",
            "<b>",
        ];
        let mut rng = crate::bench::rng::Rng::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let len = rng.below(40);
            let md: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            let mut last_end = 0;
            for s in prose_sentences(&md) {
                let r = s.byte_range.clone();
                assert!(
                    r.start <= r.end && md.get(r.clone()).is_some(),
                    "{md:?}: {s:?}"
                );
                assert!(r.start >= last_end, "overlap in {md:?}: {s:?}");
                assert!(
                    !s.text.is_empty() && !s.text.contains(PLACEHOLDER),
                    "{md:?}: {s:?}"
                );
                last_end = r.end;
            }
        }
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for md in [
            "",
            "\n\n",
            "#",
            "> ",
            "- ",
            "[^1]:",
            "`",
            "<!--",
            "---",
            "---\n",
            "\u{feff}Body.",
            "*",
            "| a |\n|---|\n",
            "[x]: http://x.org\n",
            "\r\r\n\r",
        ] {
            let s = sentences(md);
            for s in s {
                assert!(md.get(s.byte_range.clone()).is_some(), "{md:?}: {s:?}");
            }
        }
        assert_eq!(texts("\u{feff}Body."), ["Body."]);
    }
}
