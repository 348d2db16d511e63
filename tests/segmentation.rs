//! The Markdown segmentation on the labelled eval drafts in ../shared/eval/dev: every
//! labelled case must come out as exactly one sentence of its draft, ranges must hold
//! what the text says, and nothing that is not prose may leak into a sentence.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use corroborate::text::{draft_sentences, BlockKind, DraftSentence, Suppression};

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev")
}

/// Case id → case text, from cases.jsonl.
fn cases() -> HashMap<String, String> {
    let path = eval_dir().join("cases.jsonl");
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("case line is JSON");
            (
                v["id"].as_str().expect("case id").to_string(),
                v["text"].as_str().expect("case text").to_string(),
            )
        })
        .collect()
}

/// (draft name, markdown, labelled case ids) for every draft with a labels file.
fn drafts() -> Vec<(String, String, Vec<String>)> {
    let dir = eval_dir().join("drafts");
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let markdown = std::fs::read_to_string(&path).expect("draft");
        let labels = std::fs::read_to_string(dir.join(format!("{name}.labels.jsonl")))
            .expect("labels file beside the draft");
        let ids = labels
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("label line is JSON");
                v["id"].as_str().expect("label id").to_string()
            })
            .collect();
        out.push((name, markdown, ids));
    }
    out.sort();
    assert!(
        out.len() >= 3,
        "expected the eval drafts in {}",
        dir.display()
    );
    out
}

#[test]
fn every_labelled_case_is_exactly_one_sentence() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, markdown, ids) in drafts() {
        let sentences = draft_sentences(&markdown);
        for id in ids {
            let Some(case) = cases.get(&id) else {
                failures.push(format!("{name}/{id}: not in cases.jsonl"));
                continue;
            };
            let holders: Vec<&DraftSentence> = sentences
                .iter()
                .filter(|s| s.text.contains(case.as_str()))
                .collect();
            checked += 1;
            match holders.as_slice() {
                [one] if one.text == *case => {}
                [one] => failures.push(format!(
                    "{name}/{id}: found inside a longer sentence\n    case:     {case:?}\n    sentence: {:?}",
                    one.text
                )),
                [] => failures.push(format!("{name}/{id}: no sentence holds {case:?}")),
                many => failures.push(format!(
                    "{name}/{id}: {} sentences hold {case:?}",
                    many.len()
                )),
            }
        }
    }
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(checked > 80, "only {checked} labelled cases checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases failed",
        failures.len()
    );
}

/// The draft text of a range without inline code (kept out of sentence texts) and the
/// markup that may stand at its edges.
fn visible(s: &str) -> String {
    let code = regex::Regex::new(r"`[^`]*`").unwrap();
    let s = code.replace_all(s, "");
    s.trim()
        .trim_matches(|c| matches!(c, '*' | '_' | '~' | '[' | ']'))
        .to_string()
}

#[test]
fn ranges_hold_the_sentence_text() {
    for (name, markdown, _) in drafts() {
        for s in draft_sentences(&markdown) {
            let src = &markdown[s.byte_range.clone()];
            let src = visible(src);
            assert!(!src.is_empty(), "{name}: empty range for {:?}", s.text);
            assert_eq!(
                src.chars().next(),
                s.text.chars().next(),
                "{name}: {src:?} vs {:?}",
                s.text
            );
            assert_eq!(
                src.chars().last(),
                s.text.chars().last(),
                "{name}: {src:?} vs {:?}",
                s.text
            );
            assert!(
                !src.contains("\n\n"),
                "{name}: a sentence spans blocks: {src:?}"
            );
        }
    }
}

#[test]
fn block_kinds_and_flags_on_the_eval_drafts() {
    let by_text = |markdown: &str, text: &str| -> DraftSentence {
        draft_sentences(markdown)
            .into_iter()
            .find(|s| s.text == text)
            .unwrap_or_else(|| panic!("no sentence {text:?}"))
    };
    let all = drafts();
    let get = |name: &str| &all.iter().find(|d| d.0 == name).expect("draft").1;
    let baku = get("baku_ankara_yerevan");
    let heading = by_text(baku, "The Turkish factor");
    assert_eq!(heading.block, BlockKind::Heading);
    let quote = by_text(
        baku,
        "Another key factor which determines the Russian approach is Moscow’s complex and controversial ties with Turkey.",
    );
    assert_eq!(quote.block, BlockKind::BlockQuote);
    assert!(quote.quoted);
    let item = by_text(
        baku,
        "The Russian leader rejected suggestions that he harbours hostility toward Yerevan's current government.",
    );
    assert_eq!(item.block, BlockKind::ListItem);
    let link = by_text(baku, "Long-read on Russia's position in the conflict");
    assert!(link.cited);

    let ceasefire = get("ceasefire_winners");
    let footnoted = by_text(
        ceasefire,
        "The Kremlin drew lessons from the 2016 war and concluded that time was on Baku's side if Azerbaijan became determined to use force.",
    );
    assert!(footnoted.cited);
    assert_eq!(footnoted.block, BlockKind::Paragraph);
    let footnote = by_text(
        ceasefire,
        "One often underestimated factor in Moscow's attitude to Baku is the Caspian Sea status treaty signed in 2015.",
    );
    assert_eq!(footnote.block, BlockKind::Footnote);
    let note = by_text(
        ceasefire,
        "These notes are a working draft and not for circulation.",
    );
    assert_eq!(
        &ceasefire[note.byte_range.clone()],
        "These notes are a working draft and not for circulation."
    );
    let bullets = by_text(
        ceasefire,
        "Vladimir Kazimirov, the Russian diplomat who mediated the 1994 talks, described the status quo won by force as \"voting with bullets.\"",
    );
    assert!(!bullets.quoted && !bullets.cited);
}

/// Non-prose text of a draft: fenced code lines, link URLs, HTML comments, front matter.
fn forbidden(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut in_front = markdown.starts_with("---\n");
    for (i, line) in markdown.lines().enumerate() {
        let t = line.trim();
        if in_front && i > 0 && t == "---" {
            in_front = false;
            continue;
        }
        if t.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if (in_fence || in_front) && t.len() > 3 {
            out.push(t.to_string());
        }
    }
    let url = regex::Regex::new(r"\]\(([^)\s]+)").unwrap();
    out.extend(url.captures_iter(markdown).map(|c| c[1].to_string()));
    let comment = regex::Regex::new(r"(?s)<!--(.*?)-->").unwrap();
    out.extend(
        comment
            .captures_iter(markdown)
            .map(|c| c[1].trim().to_string()),
    );
    out.retain(|s| !s.is_empty());
    out
}

const KITCHEN_SINK: &str = "---\ntitle: Front matter title\nauthor: Someone Secret\n---\n\n\
# A heading with [a link](https://heading.example/x)\n\n\
Prose with `inline.code` and a [link text](https://link.example/path \"title\").\n\
<!-- an html comment that says Russia won. -->\n\n\
```python\nprint(\"code block says Russia won\")\n```\n\n\
> Quoted prose.[^n]\n\n\
[^n]: Footnote prose with <https://autolink.example/q>.\n";

#[test]
fn nothing_but_prose_reaches_a_sentence() {
    let mut docs: Vec<(String, String)> = drafts()
        .into_iter()
        .map(|(name, md, _)| (name, md))
        .collect();
    docs.push(("kitchen sink".into(), KITCHEN_SINK.into()));
    for (name, markdown) in docs {
        let banned = forbidden(&markdown);
        assert!(!banned.is_empty() || name != "kitchen sink");
        for s in draft_sentences(&markdown) {
            for b in &banned {
                assert!(
                    !s.text.contains(b.as_str()),
                    "{name}: {:?} holds {b:?}",
                    s.text
                );
            }
            assert!(
                !s.text.contains("<!--") && !s.text.contains("```"),
                "{name}: {:?}",
                s.text
            );
            assert!(!s.text.contains("http"), "{name}: {:?}", s.text);
        }
    }
    let texts: Vec<String> = draft_sentences(KITCHEN_SINK)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(
        texts,
        [
            "A heading with a link",
            "Prose with and a link text.",
            "Quoted prose.",
            "Footnote prose with.",
        ]
    );
}

#[test]
fn suppression_comments_on_a_real_draft() {
    let all = drafts();
    let markdown = &all
        .iter()
        .find(|d| d.0 == "russian_restraint")
        .expect("draft")
        .1;
    let target = "We return to this point below.";
    let at = markdown.find(target).expect("sentence in draft") + target.len();
    let mut edited = markdown.clone();
    edited.insert_str(
        at,
        &format!(" {}", corroborate::text::own_analysis_marker()),
    );
    let own: Vec<String> = draft_sentences(&edited)
        .into_iter()
        .filter(|s| s.suppression == Some(Suppression::OwnAnalysis))
        .map(|s| s.text)
        .collect();
    assert_eq!(own, [target]);
    assert_eq!(
        draft_sentences(&edited).len(),
        draft_sentences(markdown).len()
    );
}

#[test]
fn a_five_thousand_word_draft_parses_quickly() {
    let drafts = drafts();
    let mut big = String::new();
    while big.split_whitespace().count() < 5_000 {
        for (_, md, _) in &drafts {
            big.push_str(md);
            big.push_str("\n\n");
        }
    }
    let n = draft_sentences(&big).len();
    let start = std::time::Instant::now();
    let runs = 10;
    for _ in 0..runs {
        assert_eq!(draft_sentences(&big).len(), n);
    }
    let each = start.elapsed() / runs;
    eprintln!(
        "{} words, {n} sentences: {each:?} per parse",
        big.split_whitespace().count()
    );
    // release builds must stay well under 5 ms; debug builds are ~10x slower
    let limit = if cfg!(debug_assertions) { 100 } else { 5 };
    assert!(each.as_millis() < limit, "{each:?} per parse");
}
