//! Words for what the judge decided, shared by diagnostics and hover: which source a match
//! is from and what a verdict says in one line. Formatting only; the judge decides.

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

/// The judge's reason without a leading repeat of the verdict: under "Copied", the reason
/// "copied near-verbatim from …" reads "near-verbatim from …".
pub fn reason(checked: &CheckedSentence) -> String {
    let title = verdict_title(checked.judgement.verdict);
    let reason = checked.judgement.reason.trim();
    match reason.get(..title.len()) {
        Some(head) if head.eq_ignore_ascii_case(title) => {
            reason[title.len()..].trim_start().to_string()
        }
        _ => reason.to_string(),
    }
}

/// What differs, as "source says 2000, draft says 5000; …".
pub fn differences(checked: &CheckedSentence) -> String {
    checked
        .judgement
        .differences
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A diagnostic's message: the verdict, the judge's reason, what differs (unless the reason
/// says it already) and the best source's name, e.g.
/// "Conflicting: source says 2000, draft says 5000 — Alexander Gabuev".
pub fn message(corpus: &Corpus, checked: &CheckedSentence) -> String {
    let j = &checked.judgement;
    let mut message = verdict_title(j.verdict).to_string();
    let reason = reason(checked);
    if !reason.is_empty() {
        message.push_str(": ");
        message.push_str(&reason);
    }
    let differences = differences(checked);
    if !differences.is_empty() && !message.contains(&differences) {
        message.push_str(if reason.is_empty() { ": " } else { "; " });
        message.push_str(&differences);
    }
    if let Some(doc) = matched_document(corpus, checked, 0) {
        let name = doc.display_name();
        if !message.contains(name) {
            message.push_str(" — ");
            message.push_str(name);
            if j.matches.len() > 1 {
                message.push_str(&format!(" (+{} more)", j.matches.len() - 1));
            }
        }
    }
    message
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

    use crate::server::diagnostics::tests::checked;

    #[test]
    fn the_reason_does_not_repeat_the_verdict() {
        let mut c = checked("x", 0, Verdict::Copied, false);
        c.judgement.reason = "copied near-verbatim from a source".into();
        assert_eq!(reason(&c), "near-verbatim from a source");
        assert_eq!(
            message(&Corpus::default(), &c),
            "Copied: near-verbatim from a source"
        );
        c.judgement.reason = "a copy".into();
        assert_eq!(reason(&c), "a copy");
    }

    #[test]
    fn differences_are_said_once() {
        let mut c = checked("x", 0, Verdict::Conflicting, false);
        assert_eq!(
            message(&Corpus::default(), &c),
            "Conflicting: source says 2000, draft says 5000"
        );
        c.judgement.reason = "source says 2000, draft says 5000".into();
        assert_eq!(
            message(&Corpus::default(), &c),
            "Conflicting: source says 2000, draft says 5000"
        );
        c.judgement.reason = "numbers differ".into();
        assert_eq!(
            message(&Corpus::default(), &c),
            "Conflicting: numbers differ; source says 2000, draft says 5000"
        );
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("ééééééééééééé", 4), "éééé…");
    }
}
