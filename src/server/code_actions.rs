//! Fixes the writer can pick on a sentence: cite a matching source, mark the sentence as
//! their own analysis, leave a block or the whole file unchecked. Every fix is a plain text
//! edit (inline HTML comments the checker honours, Markdown footnotes): no client-side
//! command is needed, so they work in any editor.

use std::ops::Range;

use super::citation::{self, line_ending, Edit};
use super::describe;
use crate::corpus::Corpus;
use crate::engine::CheckedSentence;
use crate::judge::Verdict;

pub const OWN_MARKER: &str = "<!-- corroborate: own -->";
pub const OFF_MARKER: &str = "<!-- corroborate off -->";
pub const ON_MARKER: &str = "<!-- corroborate on -->";
pub const IGNORE_FILE_MARKER: &str = "<!-- corroborate: ignore-file -->";

/// Citations offered per sentence, best match first.
const CITATIONS_OFFERED: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The sentence the action is about (to attach the client's diagnostics on it).
    pub sentence: Range<usize>,
    pub preferred: bool,
}

pub fn actions(draft: &str, checked: &[CheckedSentence], corpus: &Corpus) -> Vec<Action> {
    let mut out = Vec::new();
    for c in checked {
        let range = c.sentence.byte_range.clone();
        let verdict = c.judgement.verdict;
        if verdict != Verdict::Skipped {
            for (nth, _) in c
                .judgement
                .matches
                .iter()
                .enumerate()
                .take(CITATIONS_OFFERED)
            {
                let Some(doc) = describe::matched_document(corpus, c, nth) else {
                    continue;
                };
                let (key, edits) = citation::cite(draft, range.end, doc);
                let date = doc
                    .meta
                    .date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default();
                out.push(Action {
                    title: format!("Cite {}{date} as [^{key}]", doc.display_name()),
                    edits,
                    sentence: range.clone(),
                    preferred: nth == 0 && verdict == Verdict::Copied,
                });
            }
        }
        if verdict.needs_attention() && c.sentence.suppression.is_none() {
            out.push(Action {
                title: "Mark as my own analysis (corroborate: own)".into(),
                edits: vec![Edit::insert(range.end, format!(" {OWN_MARKER}"))],
                sentence: range.clone(),
                preferred: false,
            });
            out.push(Action {
                title: "Don't check this block (corroborate off … on)".into(),
                edits: ignore_block(draft, range.clone()),
                sentence: range.clone(),
                preferred: false,
            });
        }
    }
    let any_attention = checked
        .iter()
        .any(|c| c.judgement.verdict.needs_attention());
    if any_attention && !draft.contains(IGNORE_FILE_MARKER) {
        if let Some(first) = checked.first() {
            out.push(Action {
                title: "Don't check this file (corroborate: ignore-file)".into(),
                edits: vec![Edit::insert(
                    after_front_matter(draft),
                    format!("{IGNORE_FILE_MARKER}{}", line_ending(draft)),
                )],
                sentence: first.sentence.byte_range.clone(),
                preferred: false,
            });
        }
    }
    out
}

/// `corroborate off` before and `corroborate on` after the run of non-blank lines holding
/// the sentence, indented like its first line so a list item or quote keeps its structure.
fn ignore_block(draft: &str, sentence: Range<usize>) -> Vec<Edit> {
    let eol = line_ending(draft);
    let lines: Vec<(usize, &str)> = line_spans(draft);
    let Some(here) = lines
        .iter()
        .position(|&(start, line)| start <= sentence.start && sentence.start < start + line.len())
    else {
        return vec![];
    };
    let blank = |i: usize| lines[i].1.trim().is_empty();
    let mut first = here;
    while first > 0 && !blank(first - 1) {
        first -= 1;
    }
    let mut last = here;
    while last + 1 < lines.len() && !blank(last + 1) {
        last += 1;
    }
    let (start, first_line) = lines[first];
    let indent: String = first_line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let (last_start, last_line) = lines[last];
    let end = last_start + last_line.len();
    let after = if draft[..end].ends_with('\n') {
        format!("{indent}{ON_MARKER}{eol}")
    } else {
        format!("{eol}{indent}{ON_MARKER}")
    };
    vec![
        Edit::insert(start, format!("{indent}{OFF_MARKER}{eol}")),
        Edit::insert(end, after),
    ]
}

/// Each line with its start offset, line break included.
fn line_spans(draft: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in draft.split_inclusive('\n') {
        out.push((start, line));
        start += line.len();
    }
    out
}

/// Where the file's first line is, past YAML front matter (which must stay first).
fn after_front_matter(draft: &str) -> usize {
    let lines = line_spans(draft);
    match lines.first() {
        Some((_, first)) if first.trim_end() == "---" => lines
            .iter()
            .skip(1)
            .find(|(_, l)| matches!(l.trim_end(), "---" | "..."))
            .map_or(0, |(start, l)| start + l.len()),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::citation::apply;
    use crate::server::diagnostics::tests::{checked, corpus_on_disk};

    fn only(actions: &[Action], prefix: &str) -> Action {
        let found: Vec<_> = actions
            .iter()
            .filter(|a| a.title.starts_with(prefix))
            .collect();
        assert_eq!(found.len(), 1, "{prefix}: {actions:#?}");
        found[0].clone()
    }

    #[test]
    fn own_and_ignore_markers() {
        let draft = "---\ntitle: x\n---\n# Head\n\nFirst line.\nClaim here. Next.\n\nOther.\n";
        let at = draft.find("Claim").unwrap();
        let c = checked("Claim here.", at, Verdict::Unsupported, false);
        let actions = actions(draft, &[c], &Corpus::default());
        assert_eq!(
            apply(draft, &only(&actions, "Mark as my own").edits),
            "---\ntitle: x\n---\n# Head\n\nFirst line.\nClaim here. <!-- corroborate: own --> Next.\n\nOther.\n"
        );
        assert_eq!(
            apply(draft, &only(&actions, "Don't check this block").edits),
            "---\ntitle: x\n---\n# Head\n\n<!-- corroborate off -->\nFirst line.\nClaim here. Next.\n<!-- corroborate on -->\n\nOther.\n"
        );
        assert_eq!(
            apply(draft, &only(&actions, "Don't check this file").edits),
            "---\ntitle: x\n---\n<!-- corroborate: ignore-file -->\n# Head\n\nFirst line.\nClaim here. Next.\n\nOther.\n"
        );
    }

    #[test]
    fn ignore_block_takes_the_paragraph_the_sentence_starts_in() {
        let draft = "One.\n\nTwo.\nThree.\n\nFour.\n";
        let at = draft.find("Two").unwrap();
        assert_eq!(
            apply(draft, &ignore_block(draft, at..at + 4)),
            "One.\n\n<!-- corroborate off -->\nTwo.\nThree.\n<!-- corroborate on -->\n\nFour.\n"
        );
    }

    #[test]
    fn ignore_block_keeps_indentation_and_handles_the_last_line() {
        let draft = "- item\n\n  Claim in item.";
        let at = draft.find("Claim").unwrap();
        let edits = ignore_block(draft, at..draft.len());
        assert_eq!(
            apply(draft, &edits),
            "- item\n\n  <!-- corroborate off -->\n  Claim in item.\n  <!-- corroborate on -->"
        );
    }

    #[test]
    fn citations_for_matches_and_nothing_for_skipped() {
        let source = "x\nRussia has put its 2000 peacekeepers in NK.\n";
        let (corpus, dir) = corpus_on_disk(
            "actions",
            source,
            "Russia has put its 2000 peacekeepers in NK.",
        );
        let draft = "Russia has put its 2000 peacekeepers in NK.\n";
        let c = checked(
            "Russia has put its 2000 peacekeepers in NK.",
            0,
            Verdict::Copied,
            true,
        );
        let list = actions(draft, &[c], &corpus);
        let cite = only(&list, "Cite Alexander Gabuev, 2020-11-10");
        assert!(cite.preferred);
        assert!(apply(draft, &cite.edits).starts_with(
            "Russia has put its 2000 peacekeepers in NK.[^gabuev2020]\n\n[^gabuev2020]: "
        ));
        let skipped = checked("# Heading", 0, Verdict::Skipped, true);
        assert!(actions("# Heading\n", &[skipped], &corpus).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
