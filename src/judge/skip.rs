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
    // The phrase lists are in lowercase with straight apostrophes.
    let lower = text.to_lowercase().replace('’', "'");
    if let Some(cue) = meta_cue(&lower) {
        return Some(format!("about the text itself, not the world (\"{cue}\")"));
    }
    if let Some(cue) = steers_the_reader(&lower) {
        return Some(format!("the writer steering the reader (\"{cue}\")"));
    }
    if names_nothing(analysis) && speaks_of_quotations(&lower) {
        return Some("about how the text quotes its sources, not the world".into());
    }
    if let Some(part) = about_a_part_of_the_text(&lower, analysis) {
        return Some(format!("about the text itself, not the world (\"{part}\")"));
    }
    if let Some(cue) =
        leads_on_to(&lower, analysis).or_else(|| takes_its_parts_in_turn(&lower, analysis))
    {
        return Some(format!("the writer steering the reader (\"{cue}\")"));
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

/// The phrase by which `lower` (the sentence in lowercase) talks about the text, if any.
fn meta_cue(lower: &str) -> Option<&'static str> {
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

/// Who steers: the writer, alone or with the reader ("I", "we", "let me", "let us").
const WRITER: &[&str] = &["i", "we", "i'll", "we'll", "let's"];
/// Words that may stand between the writer and the move: "we will now briefly turn".
const BETWEEN_WRITER_AND_MOVE: &[&str] = &[
    "will", "shall", "now", "first", "briefly", "then", "next", "finally", "also", "want", "to",
    "can", "must", "should", "would", "like",
];
/// Moves through a text: "turn to", "come back to", "look at", "trace", "conclude".
const MOVES: &[&str] = &[
    "turn",
    "return",
    "come",
    "move",
    "go",
    "look",
    "focus",
    "trace",
    "begin",
    "start",
    "close",
    "conclude",
    "sum",
    "summarise",
    "summarize",
    "recap",
    "pause",
    "digress",
    "switch",
    "shift",
];
/// A writer's "we" that is a premise, not a move: "if we look at the figures, trade fell".
const CONDITIONAL: &[&str] = &["if", "when", "once", "unless", "as", "whenever"];

/// The writer announcing a move through the text ("Let me now turn briefly to Washington",
/// "In what follows I look at three reasons") or a verbless move ("With that settled, back
/// to the battlefield.", "On to Ankara."): the sentence steers, it claims nothing.
fn steers_the_reader(lower: &str) -> Option<String> {
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, &word) in words.iter().enumerate() {
        let after_writer = match (word, words.get(i + 1)) {
            ("let" | "allow", Some(&("me" | "us"))) => i + 2,
            _ if WRITER.contains(&word) => i + 1,
            _ => continue,
        };
        if i > 0 && CONDITIONAL.contains(&words[i - 1]) {
            continue;
        }
        let mut j = after_writer;
        while words
            .get(j)
            .is_some_and(|w| BETWEEN_WRITER_AND_MOVE.contains(w))
        {
            j += 1;
        }
        if words.get(j).is_some_and(|w| MOVES.contains(w)) {
            return Some(words[i..=j].join(" "));
        }
    }
    // A verbless move, the whole sentence or the part after an opening phrase.
    let last_part = lower.rsplit(", ").next().unwrap_or(lower);
    let moves = [
        "back to ",
        "on to ",
        "onward to ",
        "over to ",
        "now to ",
        "and now to ",
    ];
    moves
        .iter()
        .find(|m| last_part.starts_with(*m) && last_part.split_whitespace().count() <= 8)
        .map(|m| m.trim().to_string())
}

/// Parts of a piece of writing that a sentence about the piece is about: "The list is
/// updated each quarter", "Quotations are from the official English versions", "These notes
/// draw only on …". ("Sources" is not among them: "sources say" reports the world.)
const PARTS_OF_THE_TEXT: &[&str] = &[
    "list",
    "section",
    "note",
    "notes",
    "draft",
    "table",
    "chart",
    "footnote",
    "footnotes",
    "quotation",
    "quotations",
    "quote",
    "quotes",
    "translation",
    "translations",
    "excerpt",
    "excerpts",
    "links",
    "references",
    "appendix",
    "bibliography",
    "sidebar",
    "glossary",
];

/// Words that may come before the part: "the list", "all quotations", "these notes".
const DETERMINERS: &[&str] = &["the", "this", "these", "all", "our", "my", "each", "every"];

/// A sentence whose subject is a part of the text ([`PARTS_OF_THE_TEXT`]) and that names no
/// actor and gives no number: it speaks of the piece, not of the world. Returns the part.
fn about_a_part_of_the_text(lower: &str, analysis: &Analysis) -> Option<String> {
    if analysis
        .terms
        .iter()
        .any(|t| matches!(t.kind, TermKind::Actor | TermKind::Number))
    {
        return None;
    }
    let words: Vec<&str> = words(lower)
        .skip_while(|w| DETERMINERS.contains(w))
        .take(3)
        .collect();
    // The part may have one word before it: "Page references will be added …".
    let (subject, verb) = match words[..] {
        [part, verb, ..] if PARTS_OF_THE_TEXT.contains(&part) => (part, verb),
        [_, part, verb] => (part, verb),
        _ => return None,
    };
    // "The list is …", "Quotations are …", "These notes draw …": the part is the subject,
    // not a modifier ("the list price of gas").
    let is_the_subject = matches!(
        verb,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "will"
            | "draw"
            | "follow"
            | "come"
            | "rely"
    );
    (PARTS_OF_THE_TEXT.contains(&subject) && is_the_subject).then(|| subject.to_string())
}

/// The topics a transition leads the reader on to: "That leads to the personal side of the
/// story", "This takes us to the question of arms".
const TOPICS: &[&str] = &[
    "story", "question", "point", "part", "side", "issue", "topic", "theme", "section", "chapter",
    "argument", "picture", "puzzle",
];

/// A sentence opening with "this", "that" or "which" leading (us) on to a topic of the
/// piece, naming nothing: a transition ("That leads to the personal side of the story").
/// "This leads to higher prices" leads to a consequence, not a topic, and is kept.
fn leads_on_to(lower: &str, analysis: &Analysis) -> Option<String> {
    let words: Vec<&str> = words(lower).collect();
    let opens = matches!(words.first(), Some(&("this" | "that" | "which")))
        && matches!(
            words.get(1),
            Some(&("leads" | "brings" | "takes" | "gets" | "moves"))
        );
    if !opens || !names_nothing(analysis) {
        return None;
    }
    let rest = &words[2..];
    let to = rest.iter().position(|w| *w == "to").filter(|&k| k <= 2)?;
    rest[to..]
        .iter()
        .any(|w| TOPICS.contains(w))
        .then(|| words[..2 + to + 1].join(" "))
}

/// Ways of reading a question that a piece may set side by side and take in turn.
const READINGS: &[&str] = &[
    "reading",
    "view",
    "interpretation",
    "explanation",
    "account",
    "answer",
    "lens",
    "approach",
    "perspective",
];

/// Where a piece takes its parts in turn: "The second reading starts from a different
/// place", "The third point is more speculative". Names nothing; returns the part.
fn takes_its_parts_in_turn(lower: &str, analysis: &Analysis) -> Option<String> {
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "next", "last", "final", "other",
    ];
    const TURNS: &[&str] = &[
        "starts", "begins", "opens", "ends", "closes", "turns", "moves", "shifts", "comes",
        "takes", "looks", "asks", "is",
    ];
    let words: Vec<&str> = words(lower).take(4).collect();
    let [first, ordinal, part, verb] = words[..] else {
        return None;
    };
    // The ordinal itself may read as a number ("third"); nothing else may.
    let names_nothing_else = analysis
        .terms
        .iter()
        .filter(|t| !t.surface.eq_ignore_ascii_case(ordinal))
        .all(|t| t.kind == TermKind::Word);
    if !names_nothing_else {
        return None;
    }
    let is_part =
        |w: &str| TOPICS.contains(&w) || PARTS_OF_THE_TEXT.contains(&w) || READINGS.contains(&w);
    (first == "the" && ORDINALS.contains(&ordinal) && is_part(part) && TURNS.contains(&verb))
        .then(|| format!("{first} {ordinal} {part}"))
}

/// The words of a lowercased sentence, punctuation dropped.
fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// No actor, name or number: nothing a source could state about the world.
fn names_nothing(analysis: &Analysis) -> bool {
    analysis.terms.iter().all(|t| t.kind == TermKind::Word)
}

/// Text about how the piece quotes or translates ("Excerpts have been condensed for
/// brevity.", "All translations are my own.", "Emphasis added.").
fn speaks_of_quotations(lower: &str) -> bool {
    const PURPOSES: &[&str] = &[
        "for readability",
        "for clarity",
        "for brevity",
        "for reasons of space",
        "emphasis added",
        "emphasis mine",
    ];
    const QUOTED: &[&str] = &[
        "quotation",
        "quote",
        "translation",
        "transcript",
        "excerpt",
        "spelling",
        "transliteration",
        "citation",
    ];
    const HANDLED: &[&str] = &[
        "edited",
        "condensed",
        "abridged",
        "shortened",
        "translated",
        "transliterated",
        "standardised",
        "standardized",
        "my own",
        "mine",
        "corrected",
        "trimmed",
    ];
    // What the writer did with them: "I have kept each author's spelling", "we left the
    // quotations as they were". Said by the writer only: "the translation kept the
    // ambiguity" is about a translation in the world.
    const KEPT: &[&str] = &["kept", "keep", "preserved", "retained", "left", "followed"];
    let by_the_writer = || {
        let words: Vec<&str> = words(lower).collect();
        words.iter().any(|w| matches!(*w, "i" | "we")) && words.iter().any(|w| KEPT.contains(w))
    };
    PURPOSES.iter().any(|p| lower.contains(p))
        || (QUOTED.iter().any(|q| lower.contains(q))
            && (HANDLED.iter().any(|h| lower.contains(h)) || by_the_writer()))
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
    fn the_writer_steering_the_reader_is_not_a_claim() {
        for text in [
            "Let me now look more closely at the economic side of the deal.",
            "I now turn briefly to Tehran and Ankara.",
            "We will come back to the Caspian question at the end.",
            "Having said that, on to the economics.",
            "With the numbers out of the way, back to the diplomacy.",
            "In the second part I trace how Ankara read the ceasefire.",
        ] {
            let reason = skip(text).unwrap_or_default();
            assert!(reason.contains("steering"), "{text}: {reason:?}");
        }
    }

    #[test]
    fn sentences_about_a_part_of_the_text_are_not_claims() {
        for text in [
            "The list is revised at the end of every month.",
            "Quotations are from the official transcripts where available.",
            "These notes rely only on published interviews.",
            "Source links will be checked again before publication.",
        ] {
            let reason = skip(text).unwrap_or_default();
            assert!(reason.contains("about the text"), "{text}: {reason:?}");
        }
        for text in [
            "The list of Russian bases abroad grew by one in November.",
            "The table of ranks was abolished in 1917.",
            "Sources in Baku say the talks have stalled.",
            "Arms list prices rose sharply after the war.",
        ] {
            assert_eq!(skip(text), None, "{text}");
        }
    }

    #[test]
    fn a_transition_to_a_topic_is_not_a_claim_a_consequence_is() {
        for text in [
            "That leads to the economic side of the story.",
            "This takes us to the question of the corridor.",
        ] {
            let reason = skip(text).unwrap_or_default();
            assert!(reason.contains("steering"), "{text}: {reason:?}");
        }
        assert_eq!(skip("This leads to higher gas prices in winter."), None);
    }

    #[test]
    fn notes_on_quoting_are_not_claims() {
        for text in [
            "Excerpts have been condensed for brevity.",
            "All translations are my own.",
            "Spellings of place names have been standardised.",
            "We have preserved the original transliteration of names.",
        ] {
            assert!(skip(text).is_some(), "{text}");
        }
        // Not the writer's handling: a translation in the world.
        assert_eq!(
            skip("A faulty translation of the treaty preserved the ambiguity for years."),
            None
        );
    }

    #[test]
    fn a_piece_taking_its_parts_in_turn_is_not_a_claim() {
        for text in [
            "The third explanation starts from economics rather than security.",
            "The next point is more speculative than the others.",
        ] {
            let reason = skip(text).unwrap_or_default();
            assert!(reason.contains("steering"), "{text}: {reason:?}");
        }
        for text in [
            "The second war began after a long stalemate.",
            "The first reading of the bill passed without debate.",
            "The second reading starts in Moscow next week.",
        ] {
            assert_eq!(skip(text), None, "{text}");
        }
    }

    #[test]
    fn claims_with_a_writer_or_a_quotation_are_kept() {
        for text in [
            "If we look at the trade figures, imports from China rose by 20 percent in August.",
            "Refugees went back to Stepanakert after the ceasefire was signed.",
            "Putin's remarks on Pashinyan were edited out of the Kremlin transcript.",
            "Armenia handed Kalbajar back to Azerbaijan in November.",
            "We know that Moscow sold arms to both sides.",
        ] {
            assert_eq!(skip(text), None, "{text}");
        }
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
