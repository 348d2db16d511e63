//! Verdict → hover text: the verdict, then every matching source (who, where from, when,
//! the sentence quoted, a link that opens the file at that line, the score), what differs
//! for a conflict, why a sentence was skipped. Markdown when the client renders it.

use std::fmt::Write;

use super::describe;
use super::to_proto;
use crate::corpus::Corpus;
use crate::engine::CheckedSentence;
use crate::judge::Verdict;

/// Past this many sources the hover says how many more there are.
const SOURCES_SHOWN: usize = 5;

pub fn render(checked: &CheckedSentence, corpus: &Corpus, markdown: bool) -> String {
    let j = &checked.judgement;
    let mut out = String::new();
    let title = describe::verdict_title(j.verdict);
    let differences = describe::differences(checked);
    let mut reason = describe::reason(checked);
    if reason == differences {
        reason.clear(); // said once, under "What differs"
    }
    if markdown {
        let _ = write!(out, "**{title}**");
    } else {
        out.push_str(title);
    }
    if !reason.is_empty() {
        let _ = write!(out, ": {}", if markdown { escape(&reason) } else { reason });
    }

    if j.verdict == Verdict::Conflicting && !differences.is_empty() {
        if markdown {
            let _ = write!(out, "\n\n**What differs:** {}", escape(&differences));
        } else {
            let _ = write!(out, "\nWhat differs: {differences}");
        }
    }

    for (nth, m) in j.matches.iter().enumerate().take(SOURCES_SHOWN) {
        let Some(sentence) = corpus.sentences.get(m.sentence.0 as usize) else {
            continue;
        };
        let Some(doc) = describe::matched_document(corpus, checked, nth) else {
            continue;
        };
        let line = sentence.occurrences.first().map_or(1, |o| o.line);
        let meta = &doc.meta;
        let mut facts: Vec<String> = Vec::new();
        if let Some(kind) = &meta.kind {
            facts.push(kind.clone());
        }
        if let Some(date) = &meta.date {
            facts.push(date.clone());
        }
        facts.push(format!("score {:.2}", m.score));
        let who = match &meta.affiliation {
            Some(aff) => format!("{} ({aff})", doc.display_name()),
            None => doc.display_name().to_string(),
        };
        let link = to_proto::file_url_at_line(&doc.path, line);
        let place = format!("{}:{line}", doc.rel_path);
        if markdown {
            let _ = write!(
                out,
                "\n\n---\n\n**{}** · {}",
                escape(&who),
                escape(&facts.join(" · "))
            );
            if let Some(title) = meta.title.as_deref().filter(|t| *t != doc.display_name()) {
                let _ = write!(out, "  \n*{}*", escape(title));
            }
            let _ = write!(out, "\n\n> {}\n\n", escape(&sentence.text));
            match link {
                Some(url) => {
                    let _ = write!(out, "[{}]({url})", escape(&place));
                }
                None => out.push_str(&escape(&place)),
            }
        } else {
            let _ = write!(out, "\n\n{}. {who}, {}", nth + 1, facts.join(", "));
            if let Some(title) = meta.title.as_deref().filter(|t| *t != doc.display_name()) {
                let _ = write!(out, "\n   {title}");
            }
            let _ = write!(out, "\n   “{}”", sentence.text);
            match link {
                Some(url) => {
                    let _ = write!(out, "\n   {url}");
                }
                None => {
                    let _ = write!(out, "\n   {place}");
                }
            }
        }
    }
    if j.matches.len() > SOURCES_SHOWN {
        let more = j.matches.len() - SOURCES_SHOWN;
        let _ = write!(
            out,
            "\n\n… and {more} more source sentence{}",
            if more == 1 { "" } else { "s" }
        );
    }
    out
}

/// Backslash-escapes what Markdown would read as markup in source and draft text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::diagnostics::tests::{checked, corpus_on_disk};

    #[test]
    fn markdown_names_the_source_quotes_it_and_links_the_line() {
        let source = "intro\n\n10/ Russia has put its 2000 peacekeepers in NK.\n";
        let sentence = "Russia has put its 2000 peacekeepers in NK.";
        let (corpus, dir) = corpus_on_disk("hover", source, sentence);
        let c = checked(
            "Russia put 5000 peacekeepers in NK.",
            0,
            Verdict::Conflicting,
            true,
        );
        let md = render(&c, &corpus, true);
        assert!(
            md.starts_with(
                "**Conflicting**\n\n**What differs:** source says 2000, draft says 5000"
            ),
            "{md}"
        );
        assert!(
            md.contains("**What differs:** source says 2000, draft says 5000"),
            "{md}"
        );
        assert!(
            md.contains(
                "**Alexander Gabuev (Carnegie Moscow Center)** · thread · 2020-11-10 · score 0.88"
            ),
            "{md}"
        );
        assert!(md.contains("*Russian calculus*"), "{md}");
        assert!(
            md.contains("> Russia has put its 2000 peacekeepers in NK."),
            "{md}"
        );
        let url = format!("file://{}#L3", dir.join("source.txt").display());
        assert!(md.contains(&format!("[source.txt:3]({url})")), "{md}");

        let plain = render(&c, &corpus, false);
        assert!(!plain.contains("**"), "{plain}");
        assert!(
            plain.contains(
                "1. Alexander Gabuev (Carnegie Moscow Center), thread, 2020-11-10, score 0.88"
            ),
            "{plain}"
        );
        assert!(plain.contains(&url), "{plain}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn skipped_says_why() {
        let mut c = checked("Why did Russia wait?", 0, Verdict::Skipped, false);
        c.judgement.reason = "a question, not a claim".into();
        let md = render(&c, &crate::corpus::Corpus::default(), true);
        assert_eq!(md, "**Skipped**: a question, not a claim");
    }

    #[test]
    fn markup_in_sources_is_escaped() {
        assert_eq!(escape("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
    }
}
