//! The benchmark's synthetic corpus, written to disk, read back by the real loader; and the
//! `bench` subcommand run as a user runs it.

use std::path::PathBuf;
use std::process::Command;

use corroborate::bench::{generate, write_corpus, Vocabulary};
use corroborate::corpus;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_loader_reads_back_the_sentences_and_places_the_generator_wrote() {
    let vocab = Vocabulary::new(4, 3_000);
    let synthetic = generate(&vocab, 4, 2_000);
    let dir = temp_dir("bench-load");
    write_corpus(&synthetic, &dir).expect("writes the corpus");
    let (loaded, warnings) = corpus::load(std::slice::from_ref(&dir)).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(loaded.documents.len(), synthetic.corpus.documents.len());

    let written: std::collections::HashMap<&str, &corpus::SourceSentence> = synthetic
        .corpus
        .sentences
        .iter()
        .map(|s| (s.text.as_str(), s))
        .collect();
    let mut same = 0;
    for sentence in &loaded.sentences {
        let Some(original) = written.get(sentence.text.as_str()) else {
            continue;
        };
        same += 1;
        let (a, b) = (sentence.primary(), original.primary());
        let name = |d: corpus::DocId| loaded.document(d).rel_path.clone();
        let original_name = synthetic.corpus.document(b.doc).rel_path.clone();
        assert_eq!(name(a.doc), original_name, "{}", sentence.text);
        assert_eq!((a.line, a.column), (b.line, b.column), "{}", sentence.text);
        assert_eq!(a.byte_range, b.byte_range, "{}", sentence.text);
        assert_eq!(
            sentence.occurrences.len(),
            original.occurrences.len(),
            "{}",
            sentence.text
        );
    }
    // The loader splits sentences with its own rules; nearly all generated sentences must
    // come back whole (a few may be cut at an abbreviation such as "U.S.").
    let share = same as f64 / synthetic.corpus.sentences.len() as f64;
    assert!(
        share > 0.9,
        "only {same} of {} sentences read back whole",
        synthetic.corpus.sentences.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bench_writes_a_corpus_and_a_draft_that_check_reads() {
    let dir = temp_dir("bench-cli");
    let bin = env!("CARGO_BIN_EXE_corroborate");
    let out = Command::new(bin)
        .env("CORROBORATE_MODEL", "off")
        .args([
            "bench",
            "--sentences",
            "400",
            "--draft-words",
            "300",
            "--write-corpus",
        ])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("wrote 400 sentences"), "{stdout}");
    let draft = std::fs::read_to_string(dir.join("draft.md")).expect("a draft");
    assert!(draft.starts_with("# "), "{draft}");

    let check = Command::new(bin)
        .env("CORROBORATE_MODEL", "off")
        .arg("check")
        .arg("--corpus")
        .arg(dir.join("corpus"))
        .arg(dir.join("draft.md"))
        .output()
        .expect("runs");
    // 1: some sentence needs attention (the draft has new and conflicting sentences).
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("copied") && report.contains("unsupported"),
        "{report}"
    );

    let again = Command::new(bin)
        .args(["bench", "--sentences", "10", "--write-corpus"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(
        again.status.code(),
        Some(2),
        "wrote into a non-empty folder"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quick_bench_prints_every_figure() {
    let bin = env!("CARGO_BIN_EXE_corroborate");
    let out = Command::new(bin)
        .env("CORROBORATE_MODEL", "off")
        .args([
            "bench",
            "--quick",
            "--sentences",
            "3000",
            "--draft-words",
            "400",
            "--cli-runs",
            "0",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    for figure in [
        "index build, 3,000 sentences",
        "Analyzer::analyze alone",
        "memory per sentence",
        "Index::heap_bytes()",
        "check_markdown",
        "verdicts on the draft",
    ] {
        assert!(table.contains(figure), "no {figure:?} in\n{table}");
    }
    assert!(table.contains("pass") || table.contains("FAIL"), "{table}");
}
