//! A Markdown footnote citing a source: `[^key]` after the sentence, `[^key]: …` at the end
//! of the file. The key is the author's surname and the year, unique in the file.

use std::ops::Range;

use crate::corpus::SourceDocument;

/// A text edit in byte offsets of the draft; converted to LSP at the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            range: at..at,
            new_text: text.into(),
        }
    }
}

/// The edits that cite `doc` after the sentence ending at byte `sentence_end`.
pub fn cite(draft: &str, sentence_end: usize, doc: &SourceDocument) -> (String, Vec<Edit>) {
    let definition = definition_text(doc);
    let base = base_key(doc);
    // The same source already defined under one of our keys: reuse it.
    let mut n = 1;
    loop {
        let key = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let label = format!("[^{key}]:");
        match existing_definition(draft, &label) {
            Some(existing) if existing == definition => {
                return (
                    key.clone(),
                    vec![Edit::insert(sentence_end, format!("[^{key}]"))],
                );
            }
            Some(_) => {}
            None if !draft.contains(&format!("[^{key}]")) => {
                let eol = line_ending(draft);
                let mut tail = String::new();
                if !draft.is_empty() && !draft.ends_with('\n') {
                    tail.push_str(eol);
                }
                if !last_line_is_footnote(draft) && !draft.trim().is_empty() {
                    tail.push_str(eol);
                }
                tail.push_str(&format!("[^{key}]: {definition}{eol}"));
                return (
                    key.clone(),
                    vec![
                        Edit::insert(sentence_end, format!("[^{key}]")),
                        Edit::insert(draft.len(), tail),
                    ],
                );
            }
            None => {}
        }
        n += 1;
    }
}

/// "Alexander Gabuev (Carnegie Moscow Center), “Title”, thread, 2020-11-10, <url>." with
/// whatever is known; the file name when nothing is.
pub fn definition_text(doc: &SourceDocument) -> String {
    let meta = &doc.meta;
    let mut parts: Vec<String> = Vec::new();
    match (&meta.author, &meta.affiliation) {
        (Some(a), Some(f)) => parts.push(format!("{a} ({f})")),
        (Some(a), None) => parts.push(a.clone()),
        (None, Some(f)) => parts.push(f.clone()),
        (None, None) => {}
    }
    if let Some(title) = &meta.title {
        parts.push(format!("“{}”", one_line(title)));
    }
    if let Some(kind) = &meta.kind {
        parts.push(kind.clone());
    }
    if let Some(date) = &meta.date {
        parts.push(date.clone());
    }
    match &meta.url {
        Some(url) => parts.push(format!("<{url}>")),
        None if parts.is_empty() => parts.push(doc.rel_path.clone()),
        None => {}
    }
    format!("{}.", one_line(&parts.join(", ")))
}

/// `gabuev2020`: surname (or first word of the title, or the file name) and year, lowercase
/// ASCII letters and digits only.
fn base_key(doc: &SourceDocument) -> String {
    let meta = &doc.meta;
    let word = meta
        .author
        .as_deref()
        .and_then(|a| a.split_whitespace().last())
        .or_else(|| {
            meta.title
                .as_deref()
                .and_then(|t| t.split_whitespace().find(|w| w.chars().count() > 3))
        })
        .unwrap_or(&doc.rel_path);
    let mut key: String = word
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .take(24)
        .collect();
    if key.is_empty() {
        key.push_str("source");
    }
    if let Some(year) = meta.date.as_deref().and_then(year) {
        key.push_str(year);
    }
    key
}

fn year(date: &str) -> Option<&str> {
    let y = date.get(..4)?;
    y.bytes().all(|b| b.is_ascii_digit()).then_some(y)
}

fn existing_definition<'a>(draft: &'a str, label: &str) -> Option<&'a str> {
    draft
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .map(|rest| rest.trim())
}

fn last_line_is_footnote(draft: &str) -> bool {
    draft
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with("[^") && l.contains("]:"))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `\r\n` when the draft already uses it, so an edit does not mix line endings.
pub fn line_ending(draft: &str) -> &'static str {
    if draft.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Applies non-overlapping edits (for tests and for checking an action's result).
#[cfg(test)]
pub fn apply(draft: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<(usize, &Edit)> = edits.iter().enumerate().collect();
    // later edits first; at the same offset, the later-listed goes in after the earlier
    sorted.sort_by(|a, b| b.1.range.start.cmp(&a.1.range.start).then(b.0.cmp(&a.0)));
    let mut out = draft.to_string();
    for (_, e) in sorted {
        out.replace_range(e.range.clone(), &e.new_text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{DocId, SourceMeta};

    fn doc(
        author: Option<&str>,
        title: Option<&str>,
        date: Option<&str>,
        url: Option<&str>,
    ) -> SourceDocument {
        SourceDocument {
            id: DocId(0),
            path: "/c/000.txt".into(),
            rel_path: "000.txt".into(),
            meta: SourceMeta {
                author: author.map(Into::into),
                title: title.map(Into::into),
                date: date.map(Into::into),
                url: url.map(Into::into),
                kind: Some("thread".into()),
                ..Default::default()
            },
        }
    }

    #[test]
    fn footnote_after_the_sentence_and_definition_at_the_end() {
        let d = doc(
            Some("Alexander Gabuev"),
            Some("Russian calculus"),
            Some("2020-11-10"),
            Some("https://x.com/a/1"),
        );
        let draft = "# Title\n\nRussia sent 2000 peacekeepers. More text.\n";
        let end = draft.find(" More").unwrap();
        let (key, edits) = cite(draft, end, &d);
        assert_eq!(key, "gabuev2020");
        assert_eq!(
            apply(draft, &edits),
            "# Title\n\nRussia sent 2000 peacekeepers.[^gabuev2020] More text.\n\n\
             [^gabuev2020]: Alexander Gabuev, “Russian calculus”, thread, 2020-11-10, <https://x.com/a/1>.\n"
        );
    }

    #[test]
    fn key_is_unique_and_an_identical_definition_is_reused() {
        let d = doc(
            Some("Alexander Gabuev"),
            Some("Russian calculus"),
            Some("2020-11-10"),
            None,
        );
        let draft = "A.[^gabuev2020] B.\n\n[^gabuev2020]: Someone else.\n";
        let (key, edits) = cite(draft, 18, &d);
        assert_eq!(key, "gabuev2020-2");
        let once = apply(draft, &edits);
        assert!(once.ends_with("[^gabuev2020]: Someone else.\n[^gabuev2020-2]: Alexander Gabuev, “Russian calculus”, thread, 2020-11-10.\n"), "{once}");
        let (again, edits) = cite(&once, 2, &d);
        assert_eq!(again, "gabuev2020-2");
        assert_eq!(edits, vec![Edit::insert(2, "[^gabuev2020-2]")]);
    }

    #[test]
    fn crlf_and_no_trailing_newline_and_unknown_author() {
        let d = doc(
            None,
            Some("The Winner In Nagorno-Karabakh Is Russia"),
            Some("2020-11-19"),
            None,
        );
        let draft = "Line one.\r\nClaim.";
        let (key, edits) = cite(draft, draft.len(), &d);
        assert_eq!(key, "winner2020");
        assert_eq!(
            apply(draft, &edits),
            "Line one.\r\nClaim.[^winner2020]\r\n\r\n[^winner2020]: “The Winner In Nagorno-Karabakh Is Russia”, thread, 2020-11-19.\r\n"
        );
        let bare = SourceDocument {
            meta: SourceMeta::default(),
            ..d
        };
        assert_eq!(definition_text(&bare), "000.txt.");
    }
}
