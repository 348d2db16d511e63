//! One source file's text → its metadata and its clean sentences, with their byte ranges in
//! the file. The steps, in order: format (front matter, Markdown blocks, HTML tags), inline
//! residue, lines, metadata inference, units, sentences.

use std::ops::Range;

use super::clean::{clean_inline, clean_line};
use super::discover::Format;
use super::mapped::Mapped;
use super::segment::{self, LineKind};
use super::{html, markdown, metadata, SourceMeta};

pub struct Prepared {
    /// What the file declares about itself: front matter, HTML `<title>` and `<meta>`.
    pub declared: SourceMeta,
    /// What its text suggests: byline, a date near the top, first heading or line.
    pub inferred: SourceMeta,
    /// Cleaned sentences in file order, with their ranges in `orig`.
    pub sentences: Vec<(String, Range<usize>)>,
}

pub fn prepare(orig: &str, format: Format) -> Prepared {
    let whole = Mapped::identity(orig);
    let (body, kinds, declared) = match format {
        Format::Text => (whole, None, SourceMeta::default()),
        Format::Markdown => {
            let (declared, body) = match markdown::front_matter(orig) {
                Some(fm) => (
                    metadata::from_fields(&fm.fields),
                    whole.slice(fm.body_start..orig.len()),
                ),
                None => (SourceMeta::default(), whole),
            };
            let (body, kinds) = markdown::blocks(body);
            (markdown::inline(body), Some(kinds), declared)
        }
        Format::Html => {
            let (body, declared) = html::to_text(orig);
            (body, None, declared)
        }
    };
    let body = clean_inline(body, format == Format::Html);
    let mut lines = split_lines(&body, kinds.as_deref());
    let (inferred, byline) = metadata::infer(&lines);
    if let Some(line) = byline.and_then(|i| lines.get_mut(i)) {
        line.1 = None;
    }
    let units = segment::units(lines, format == Format::Markdown);
    Prepared {
        declared,
        inferred,
        sentences: segment::sentences(&units),
    }
}

/// The cleaned lines of `body`, each with its kind (`Prose` unless `kinds` says otherwise).
fn split_lines(body: &Mapped, kinds: Option<&[LineKind]>) -> Vec<(LineKind, Option<Mapped>)> {
    let text = body.as_str();
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let end = start + line.len();
        let kind = kinds
            .and_then(|k| k.get(i))
            .copied()
            .unwrap_or(LineKind::Prose);
        let cleaned = match kind {
            LineKind::Break => None,
            _ => clean_line(body.slice(start..end)),
        };
        lines.push((kind, cleaned));
        start = end + 1;
    }
    lines
}

/// 1-based line and character column of byte offsets in a text.
pub struct LineStarts {
    starts: Vec<usize>,
}

impl LineStarts {
    pub fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts { starts }
    }

    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(orig: &str, format: Format) -> Vec<String> {
        prepare(orig, format)
            .sentences
            .into_iter()
            .map(|(s, r)| {
                // every range points at text that starts like the sentence
                let first = s.split_whitespace().next().unwrap_or("");
                assert!(
                    orig[r.clone()].starts_with(first),
                    "{s:?} at {:?}",
                    &orig[r]
                );
                s
            })
            .collect()
    }

    #[test]
    fn a_thread_scrape_becomes_sentences() {
        let orig = "Conversation\n\nReplying to\n2/ For many in Moscow, the war was a matter of time.\n1\n107\n\
                    3/ The deal is signed by Russia &amp; the two powers. END\n";
        assert_eq!(
            sentences(orig, Format::Text),
            vec![
                "For many in Moscow, the war was a matter of time.",
                "The deal is signed by Russia & the two powers."
            ]
        );
    }

    #[test]
    fn markdown_front_matter_is_metadata_and_paragraphs_join() {
        let orig = "---\ntitle: \"Declared\"\nauthor: Jane Doe\n---\n# A Heading Here\n\nA paragraph that\nruns over two lines.\n\n- An item in a list.\n";
        let p = prepare(orig, Format::Markdown);
        assert_eq!(p.declared.title.as_deref(), Some("Declared"));
        assert_eq!(p.declared.author.as_deref(), Some("Jane Doe"));
        assert_eq!(p.inferred.title.as_deref(), Some("A Heading Here"));
        assert_eq!(
            sentences(orig, Format::Markdown),
            vec![
                "A Heading Here",
                "A paragraph that runs over two lines.",
                "An item in a list."
            ]
        );
    }

    #[test]
    fn html_blocks_are_units() {
        let orig = "<html><head><title>T</title><script>x()</script></head><body>\n<p>The first\nparagraph is here.</p><div>Second one&#39;s text here.</div></body></html>";
        assert_eq!(
            sentences(orig, Format::Html),
            vec!["The first paragraph is here.", "Second one's text here."]
        );
    }

    #[test]
    fn byline_is_not_a_sentence() {
        let orig = "A Title For This\n\nBy: Jane Doe - November 19, 2020\n\nThe text of the article starts here.";
        let p = prepare(orig, Format::Text);
        assert_eq!(p.inferred.author.as_deref(), Some("Jane Doe"));
        assert_eq!(p.inferred.date.as_deref(), Some("2020-11-19"));
        assert_eq!(
            sentences(orig, Format::Text),
            vec!["A Title For This", "The text of the article starts here."]
        );
    }

    /// Scraps of every kind of residue, glued together at random: nothing may panic, and
    /// every range must still point at text that starts like its sentence.
    #[test]
    fn random_residue_never_panics() {
        const PIECES: &[&str] = &[
            "<",
            ">",
            "</",
            "<p>",
            "<img alt=\"🇷🇺\">",
            "&",
            "& #39;",
            "&amp;",
            "&#",
            "\"",
            "\">",
            "@",
            "@name",
            "#",
            "#tag",
            "http://",
            "https://x.co/a",
            "x.com/…",
            "…",
            "..",
            ".",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\n\n",
            "\u{a0}",
            "1/",
            "2/7",
            "3.",
            "THREAD",
            "END",
            "---",
            "# ",
            "> ",
            "- ",
            "```",
            "[a](b)",
            "*",
            "_",
            "`",
            "By:",
            "November 19, 2020",
            "word",
            "Capital",
            "lower",
            "é",
            "沈阳",
            "👇",
            "\u{200b}",
            "\u{feff}",
            "=\"v\"",
            "draggable=\"false\"",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "107",
            "152THREAD",
        ];
        let mut rng = crate::bench::rng::Rng::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let len = rng.below(40);
            let text: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            for format in [Format::Text, Format::Markdown, Format::Html] {
                for (s, r) in prepare(&text, format).sentences {
                    let orig = text.get(r.clone()).expect("range on char boundaries");
                    assert!(!s.is_empty() && r.start <= r.end, "{text:?}");
                    let first = s.chars().next().unwrap_or(' ');
                    assert!(
                        orig.contains(first) || !first.is_alphanumeric(),
                        "{s:?} not in {orig:?} ({text:?}, {format:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\nçé x\n";
        let lines = LineStarts::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, 3), (2, 1));
        assert_eq!(lines.position(text, text.find('x').unwrap_or(0)), (2, 4));
    }
}
