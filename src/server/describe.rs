//! Words for what the judge decided, shared by diagnostics and hover: how a source is named
//! and what a verdict says in one line. Formatting only; the judge decides.

use crate::corpus::{Corpus, SourceDocument};
use crate::engine::CheckedSentence;
use crate::judge::Verdict;

pub fn verdict_title(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "Supported",
        Verdict::Copied => "Copied",
        Verdict::Conflicting => "Conflicting",
        Verdict::Unsupported => "Unsupported",
        Verdict::Skipped => "Skipped",
    }
}

/// The document a match's sentence first occurs in.
pub fn matched_document<'c>(
    corpus: &'c Corpus,
    checked: &CheckedSentence,
    nth: usize,
) -> Option<&'c SourceDocument> {
    let m = checked.judgement.matches.get(nth)?;
    let sentence = corpus.sentences.get(m.sentence.0 as usize)?;
    let occurrence = sentence.occurrences.first()?;
    corpus.documents.get(occurrence.doc.0 as usize)
}

/// One line saying what the verdict means for this sentence: who was copied, what differs.
/// It starts with the verdict's title.
/// `differences` says whether a conflict's headline lists what differs (a diagnostic has
/// only its message; a hover lists them on their own line).
pub fn headline(corpus: &Corpus, checked: &CheckedSentence, differences: bool) -> String {
    let j = &checked.judgement;
    let best = matched_document(corpus, checked, 0).map(|d| d.display_name());
    let differences = if !differences {
        String::new()
    } else {
        j.differences
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match (j.verdict, best) {
        (Verdict::Conflicting, Some(name)) if !differences.is_empty() => {
            format!("Conflicting with {name}: {differences}")
        }
        (Verdict::Conflicting, _) if !differences.is_empty() => {
            format!("Conflicting: {differences}")
        }
        (Verdict::Conflicting, Some(name)) => format!("Conflicting with {name}"),
        (Verdict::Copied, Some(name)) => {
            format!("Copied from {name}, neither quoted nor cited")
        }
        (Verdict::Supported, Some(name)) => match j.matches.len() {
            1 => format!("Supported by {name}"),
            n => format!("Supported by {name} and {} more", n - 1),
        },
        (Verdict::Unsupported, _) => "Unsupported: no source makes this claim".to_string(),
        (verdict, _) => verdict_title(verdict).to_string(),
    }
}

/// `text` cut to about `max` characters at a word boundary, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("ééééééééééééé", 4), "éééé…");
    }
}
