//! Sentences that make no claim: headings, questions, fragments, transitions and text
//! about the draft itself ("More on this later.", "Figures in this section are provisional.").

use crate::terms::embed::StaticEmbeddings;
use crate::terms::{Analysis, TermKind};
use crate::text::{BlockKind, DraftSentence, Suppression};

/// Up to this many words, text without a sentence end is a title, a label or a link in a
/// reading list, not a claim.
const FRAGMENT_WORDS: usize = 12;

/// Words this common ("few", "points", "stand", "good", "later") say nothing a source could
/// support on their own: BERT's vocabulary order puts the top few thousand words of English
/// first, and no claim of the evaluation drafts is written with only these.
const COMMON_WORDS: usize = 2500;

/// Why a sentence is not judged, or `None` when it is a claim to check.
pub fn reason_to_skip(sentence: &DraftSentence, analysis: &Analysis) -> Option<String> {
    let content_terms = analysis.terms.len();
    match sentence.suppression {
        Some(Suppression::OwnAnalysis) => {
            return Some("marked as the writer's own analysis".into())
        }
        Some(Suppression::Ignored) => return Some("ignored by a corroborate comment".into()),
        None => {}
    }
    if sentence.block == BlockKind::Heading {
        return Some("heading".into());
    }
    let text = sentence.text.trim();
    let last = text
        .trim_end_matches(['"', '\'', '”', '’', ')', '*', '_'])
        .chars()
        .last();
    if last == Some('?') {
        return Some("a question, not a claim".into());
    }
    let words = text.split_whitespace().count();
    if words < 4 || content_terms < 2 {
        return Some("too short to be a claim".into());
    }
    if !matches!(last, Some('.' | '!' | '…' | ':' | ';')) && words <= FRAGMENT_WORDS {
        return Some("a fragment without a sentence end (a title or label)".into());
    }
    if let Some(cue) = meta_cue(text) {
        return Some(format!("about the text itself, not the world (\"{cue}\")"));
    }
    if says_nothing_specific(analysis) {
        return Some("names nothing specific (a transition or comment, not a claim)".into());
    }
    None
}

/// No actor, name or number, and only the commonest words of English: "A few points stand
/// out here.", "So far, so good." A claim names what it is about.
fn says_nothing_specific(analysis: &Analysis) -> bool {
    let table = StaticEmbeddings::builtin();
    !table.is_empty()
        && analysis.terms.iter().all(|t| {
            t.kind == TermKind::Word
                && t.surface
                    .split(|c: char| !c.is_alphanumeric())
                    .all(|w| w.is_empty() || table.word_rank(w).is_some_and(|r| r < COMMON_WORDS))
        })
}

/// Phrases by which a writer talks about their own text or steers the reader.
const META_PHRASES: &[&str] = &[
    "more on this",
    "more on that",
    "more about this",
    "we return to",
    "we will return",
    "we'll return",
    "i return to",
    "i will return",
    "come back to this",
    "come back to that",
    "return to this",
    "turn to",
    "turn now to",
    "now for ",
    "now to ",
    "let us ",
    "let's ",
    "with that background",
    "with this background",
    "with that in mind",
    "with this in mind",
    "bear in mind",
    "as noted above",
    "as noted below",
    "see below",
    "see above",
    "discussed below",
    "discussed above",
    "this brings us",
    "that brings us",
    "for circulation",
    "working draft",
    "this draft",
    "these notes",
    "this note",
    "this section",
    "the next section",
    "the following section",
    "this sidebar",
    "this piece",
    "this memo",
    "this paper",
    "this essay",
    "this post",
    "this chapter",
    "in what follows",
    "the table below",
    "the figure below",
    "the chart below",
    "are provisional",
    "is provisional",
    "to be confirmed",
    "to be checked",
    "todo",
];

/// Imperatives that open a sentence addressed to the reader.
const META_OPENERS: &[&str] = &[
    "consider ",
    "see ",
    "note that ",
    "recall ",
    "compare ",
    "first, consider",
    "next, ",
];

fn meta_cue(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase().replace('’', "'");
    if let Some(p) = META_PHRASES.iter().find(|p| lower.contains(*p)) {
        return Some(p.trim());
    }
    if let Some(p) = META_OPENERS.iter().find(|p| lower.starts_with(*p)) {
        return Some(p.trim());
    }
    // "… later." / "… below." at the very end: a pointer elsewhere in the text.
    let end = lower.trim_end_matches(['.', '!']);
    ["later", "below", "above", "in a moment"]
        .into_iter()
        .find(|w| end.ends_with(&format!(" {w}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn analyze(text: &str) -> Analysis {
        Analyzer::new(AliasTable::default_table()).analyze(text)
    }

    fn sentence(text: &str, block: BlockKind) -> DraftSentence {
        DraftSentence {
            block,
            ..DraftSentence::plain(text, 0)
        }
    }

    fn skip(text: &str) -> Option<String> {
        reason_to_skip(&sentence(text, BlockKind::Paragraph), &analyze(text))
    }

    #[test]
    fn headings_questions_fragments_are_not_claims() {
        let heading = "Russia won the war";
        assert!(
            reason_to_skip(&sentence(heading, BlockKind::Heading), &analyze(heading)).is_some()
        );
        assert!(skip("Did Russia win the war in the end?").is_some());
        assert!(skip("The view from Ankara").is_some());
        assert!(skip("Too short.").is_some());
    }

    #[test]
    fn text_about_the_text_is_not_a_claim() {
        assert!(skip("We will come back to this point in the conclusion.").is_some());
        assert!(skip("The numbers in this section are provisional.").is_some());
        assert!(skip("Let us now look at the economic side of the deal.").is_some());
        assert!(skip("Consider first the position of Iran.").is_some());
    }

    #[test]
    fn sentences_of_only_common_words_are_not_claims() {
        for text in [
            "A few points stand out here.",
            "So far, so good.",
            "That is only part of the story.",
        ] {
            let reason = skip(text).unwrap_or_default();
            assert!(reason.contains("nothing specific"), "{text}: {reason:?}");
        }
        // One specific word, name or number makes it a claim to check.
        assert_eq!(skip("A few points stand out in the treaty."), None);
        assert_eq!(skip("So far, Russia has done well."), None);
        assert_eq!(skip("So far, so good for 2 of them."), None);
    }

    #[test]
    fn claims_are_kept() {
        assert_eq!(
            skip("Russia deployed 2,000 peacekeepers to Nagorno-Karabakh in November."),
            None
        );
        assert_eq!(
            skip("In short, Putin is slowly regaining control over the former Soviet space."),
            None
        );
        assert_eq!(
            skip("Ankara gained a role in the region later than Moscow expected it to."),
            None
        );
    }
}
