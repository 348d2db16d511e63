//! The writer's requests to leave sentences alone, as HTML comments in the draft
//! (docs/suppression.md): `<!-- corroborate: own -->` after a sentence marks it as the
//! writer's own analysis; `off` … `on` and `ignore-file` leave regions or the file unchecked.

use std::sync::LazyLock;

use regex::Regex;

use super::{DraftSentence, Suppression};

const OWN_ANALYSIS_MARKER: &str = "<!-- corroborate: own -->";

/// The comment that marks the sentence before it as the writer's own analysis. A client
/// inserts it right after the sentence (at `byte_range.end`, preceded by a space).
pub fn own_analysis_marker() -> &'static str {
    OWN_ANALYSIS_MARKER
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Directive {
    Own,
    Off,
    On,
    IgnoreFile,
}

/// Marks sentences the writer asked to leave alone; see docs/suppression.md.
pub(super) fn apply_suppressions(
    markdown: &str,
    sentences: &mut [DraftSentence],
    comments: &[(usize, Directive)],
) {
    if comments.is_empty() {
        return;
    }
    for &(at, directive) in comments {
        if directive != Directive::Own {
            continue;
        }
        // the sentence that holds the comment, or the one it follows with no blank line
        let i = sentences.partition_point(|s| s.byte_range.start <= at);
        let Some(s) = i.checked_sub(1).and_then(|i| sentences.get_mut(i)) else {
            continue;
        };
        let between = markdown.get(s.byte_range.end.min(at)..at).unwrap_or("");
        if at < s.byte_range.end || !has_blank_line(between) {
            s.suppression = Some(Suppression::OwnAnalysis);
        }
    }
    if comments.iter().any(|&(_, d)| d == Directive::IgnoreFile) {
        for s in sentences.iter_mut() {
            s.suppression = Some(Suppression::Ignored);
        }
        return;
    }
    let mut regions = Vec::new();
    let mut off_at = None;
    for &(at, directive) in comments {
        match directive {
            Directive::Off => {
                off_at.get_or_insert(at);
            }
            Directive::On => {
                if let Some(from) = off_at.take() {
                    regions.push(from..at);
                }
            }
            _ => {}
        }
    }
    if let Some(from) = off_at {
        regions.push(from..usize::MAX);
    }
    let mut region = regions.iter().peekable();
    for s in sentences.iter_mut() {
        while region.peek().is_some_and(|r| r.end <= s.byte_range.start) {
            region.next();
        }
        if region
            .peek()
            .is_some_and(|r| r.contains(&s.byte_range.start))
        {
            s.suppression = Some(Suppression::Ignored);
        }
    }
}

fn has_blank_line(s: &str) -> bool {
    let mut lines = s.split('\n');
    lines.next(); // the rest of the sentence's own line
    let mut lines = lines.peekable();
    while let Some(line) = lines.next() {
        // a whole line of whitespace followed by another line break
        if lines.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}

/// The suppression comments in a piece of HTML from the draft, with their byte offsets in it.
pub(super) fn directives(html: &str) -> Vec<(usize, Directive)> {
    static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)<!--\s*corroborate\s*:?\s*(own|off|on|ignore-file)\s*-->")
            .expect("suppression comment pattern")
    });
    // Most HTML in a draft is no comment: no need to run the pattern.
    if !html.contains("<!--") {
        return Vec::new();
    }
    DIRECTIVE
        .captures_iter(html)
        .filter_map(|caps| {
            let (all, word) = (caps.get(0)?, caps.get(1)?);
            let directive = match word.as_str().to_ascii_lowercase().as_str() {
                "own" => Directive::Own,
                "off" => Directive::Off,
                "on" => Directive::On,
                _ => Directive::IgnoreFile,
            };
            Some((all.start(), directive))
        })
        .collect()
}
