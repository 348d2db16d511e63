//! `corroborate check` driven as a shell user would: the real binary, real files, exit codes,
//! stdout and stderr.
//!
//! Corpora are small .txt files in temporary folders made here; the demo corpus
//! (../shared/corpus) is only read. Verdict tests assert what any sound judge must say
//! (a verbatim copy is supported or copied, an invented claim unsupported, a changed number
//! conflicting), not the scores of today's one.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::{shared_corpus, TempDir};

/// Runs `corroborate <args>` in `cwd`.
fn corroborate(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        // Words alone: the expected verdicts must not depend on an installed model.
        .env("CORROBORATE_MODEL", "off")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

/// stdout as exactly one JSON object.
fn json(out: &Output) -> Value {
    let text = stdout(out);
    let value: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not one JSON value ({e}):\n{text}\nstderr: {}", stderr(out)));
    assert!(value.is_object(), "{text}");
    value
}

fn sentences(report: &Value, file: usize) -> &Vec<Value> {
    report["files"][file]["sentences"]
        .as_array()
        .expect("sentences array")
}

/// A corpus of two small sources about the 2020 ceasefire, in `dir/corpus`.
fn small_corpus(dir: &TempDir) {
    dir.write(
        "corpus/thread.txt",
        "Russia has put its 2000 peacekeepers in Nagorno-Karabakh under the November ceasefire.\n\
         There will be no Turkish armed peacekeepers, which matters a great deal to Moscow.\n",
    );
    dir.write(
        "corpus/notes/article.txt",
        "Azerbaijan recaptured the town of Shusha shortly before the ceasefire was signed.\n",
    );
}

// ---------------------------------------------------------------- errors: exit 2

#[test]
fn a_missing_draft_is_an_error_naming_it() {
    let dir = TempDir::new("missing-draft");
    small_corpus(&dir);
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "nope.md"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("nope.md"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn an_error_in_a_later_draft_leaves_stdout_empty() {
    // a tool reading --format json must never see half an object
    let dir = TempDir::new("half-object");
    small_corpus(&dir);
    dir.write("good.md", "Russia sent peacekeepers.\n");
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "good.md", "gone.md",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("gone.md"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_draft_that_is_not_utf8_is_an_error_naming_it() {
    let dir = TempDir::new("latin1");
    small_corpus(&dir);
    // "Moscou a déployé" in Latin-1: é is the single byte 0xE9
    dir.write(
        "latin1.md",
        b"# Note\n\nMoscou a d\xe9ploy\xe9 des troupes.\n",
    );
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "latin1.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("latin1.md"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn no_corpus_anywhere_is_an_error_saying_how_to_give_one() {
    let dir = TempDir::new("no-corpus");
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "draft.md"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("no corpus: pass --corpus PATH or add corpus = [...] to corroborate.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_config_without_corpus_and_no_flag_is_the_same_error() {
    let dir = TempDir::new("config-no-corpus");
    dir.write("corroborate.toml", "[thresholds]\nsupported = 0.4\n");
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "draft.md"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no corpus:"), "{}", stderr(&out));
}

#[test]
fn a_malformed_config_is_an_error_naming_the_file_the_line_and_the_key() {
    let dir = TempDir::new("bad-toml");
    small_corpus(&dir);
    dir.write(
        "corroborate.toml",
        "corpus = [\"corpus\"]\n\n[thresholds]\nsuported = 0.4\n",
    );
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "draft.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("corroborate.toml"), "{err}");
    assert!(err.contains("line 4"), "{err}");
    assert!(err.contains("suported"), "{err}");
}

#[test]
fn the_config_beside_the_draft_is_read_even_with_corpus_flags() {
    // --corpus replaces the toml's corpus, but its aliases and thresholds still apply, so a
    // broken toml must still be reported
    let dir = TempDir::new("bad-toml-with-flag");
    small_corpus(&dir);
    dir.write("drafts/corroborate.toml", "corpus = \"not a list\"\n");
    dir.write("drafts/draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(
        dir.path(),
        &["check", "--corpus", "corpus", "drafts/draft.md"],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("drafts/corroborate.toml"), "{err}");
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn an_explicit_config_that_is_malformed_or_missing_is_an_error() {
    let dir = TempDir::new("explicit-config");
    small_corpus(&dir);
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    dir.write("other.toml", "corpus = [\"corpus\"]\ncolour = true\n");
    let out = corroborate(dir.path(), &["check", "--config", "other.toml", "draft.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("other.toml") && err.contains("line 2") && err.contains("colour"),
        "{err}"
    );

    let out = corroborate(
        dir.path(),
        &["check", "--config", "absent.toml", "draft.md"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("absent.toml"), "{}", stderr(&out));
}

#[test]
fn discovery_walks_up_from_the_drafts_folder() {
    // the nearest corroborate.toml is two folders up; a malformed one proves it was found
    let dir = TempDir::new("discover-parent");
    dir.write(
        "project/corroborate.toml",
        "corpus = [\"sources\"]\nbogus = 1\n",
    );
    dir.write(
        "project/drafts/2020/draft.md",
        "Russia sent peacekeepers.\n",
    );
    let out = corroborate(dir.path(), &["check", "project/drafts/2020/draft.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("project/corroborate.toml"), "{err}");
    assert!(err.contains("bogus"), "{err}");

    // run from inside the drafts folder: the walk goes above the current folder
    let inside = dir.path().join("project/drafts/2020");
    let out = corroborate(&inside, &["check", "draft.md"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("../../corroborate.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_corpus_folder_is_an_error_naming_it() {
    let dir = TempDir::new("missing-corpus");
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(
        dir.path(),
        &["check", "--corpus", "no-such-folder", "draft.md"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no-such-folder"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_missing_corpus_folder_from_the_config_is_named_relative_to_it() {
    let dir = TempDir::new("missing-corpus-config");
    dir.write("notes/corroborate.toml", "corpus = [\"../gone\"]\n");
    dir.write("notes/draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "notes/draft.md"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    // resolved against the toml's folder (notes/../gone), shown as a person would type it
    assert!(err.contains("gone"), "{err}");
    assert!(!err.contains("notes/gone"), "{err}");
}

// ---------------------------------------------------------------- the JSON contract

#[test]
fn json_is_one_object_with_every_sentence_in_order() {
    let dir = TempDir::new("json-contract");
    small_corpus(&dir);
    let draft = "# Peacekeepers\n\nRussia has put its 2000 peacekeepers in Nagorno-Karabakh. \
                 What will Ankara do?\n\n- The ceasefire froze the front.\n";
    dir.write("draft.md", draft);
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "draft.md",
        ],
    );
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "draft.md");

    let sentences = sentences(&report, 0);
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    // headings and questions are reported too (skipped), in document order; the text is
    // the sentence as a reader sees it, so allow for markup removal ("# ", "- ")
    let expected = [
        "Peacekeepers",
        "Russia has put its 2000 peacekeepers in Nagorno-Karabakh.",
        "What will Ankara do?",
        "The ceasefire froze the front.",
    ];
    assert_eq!(texts.len(), expected.len(), "{texts:?}");
    for (got, want) in texts.iter().zip(expected) {
        assert!(got.ends_with(want), "{got:?} vs {want:?}");
    }
    let verdicts = [
        "supported",
        "copied",
        "conflicting",
        "unsupported",
        "skipped",
    ];
    let mut previous_start = 0;
    for s in sentences {
        for key in [
            "text",
            "range",
            "verdict",
            "reason",
            "matches",
            "byte_range",
            "block",
            "differences",
        ] {
            assert!(s.get(key).is_some(), "missing {key} in {s}");
        }
        assert!(verdicts.contains(&s["verdict"].as_str().unwrap()), "{s}");
        let start = s["byte_range"]["start"].as_u64().unwrap() as usize;
        let end = s["byte_range"]["end"].as_u64().unwrap() as usize;
        assert!(
            start >= previous_start && end <= draft.len() && start < end,
            "{s}"
        );
        previous_start = start;
        // ASCII draft: the LSP range agrees with the bytes
        let line_start = draft[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            s["range"]["start"]["line"].as_u64().unwrap() as usize,
            draft[..start].matches('\n').count()
        );
        assert_eq!(
            s["range"]["start"]["character"].as_u64().unwrap() as usize,
            start - line_start
        );
        for m in s["matches"].as_array().unwrap() {
            for key in ["source", "author", "title", "date", "text", "line", "score"] {
                assert!(m.get(key).is_some(), "missing {key} in {m}");
            }
        }
    }
}

#[test]
fn json_ranges_count_utf16_after_an_emoji() {
    let dir = TempDir::new("json-utf16");
    small_corpus(&dir);
    // "Peace 🙂 came." is 14 UTF-16 units (🙂 is 2) and 16 bytes (🙂 is 4)
    dir.write("draft.md", "Peace 🙂 came. Russia deployed peacekeepers.\n");
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "draft.md",
        ],
    );
    let report = json(&out);
    let second = sentences(&report, 0)
        .iter()
        .find(|s| s["text"] == "Russia deployed peacekeepers.")
        .unwrap_or_else(|| panic!("sentence not found in {report}"));
    assert_eq!(
        second["range"],
        serde_json::json!({"start": {"line": 0, "character": 15}, "end": {"line": 0, "character": 44}})
    );
    assert_eq!(
        second["byte_range"],
        serde_json::json!({"start": 17, "end": 46})
    );
}

#[test]
fn an_empty_draft_has_no_sentences_and_exits_0() {
    let dir = TempDir::new("empty-draft");
    small_corpus(&dir);
    dir.write("empty.md", "");
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "empty.md",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(sentences(&json(&out), 0).len(), 0);

    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "empty.md"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        "empty.md: 0 supported, 0 copied, 0 conflicting, 0 unsupported, 0 skipped\n"
    );
}

// ---------------------------------------------------------------- corpus loading

#[test]
fn a_binary_file_in_the_corpus_is_a_warning_and_the_rest_loads() {
    let dir = TempDir::new("binary-source");
    small_corpus(&dir);
    dir.write(
        "corpus/scan.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "draft.md"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let warning = stderr(&out)
        .lines()
        .find(|l| l.starts_with("warning: "))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no warning in {:?}", stderr(&out)));
    assert!(warning.contains("scan.txt"), "{warning}");
    // the report went to stdout, the warning did not
    assert!(!stdout(&out).contains("warning"));
    assert!(stdout(&out).contains("draft.md: "));
}

#[test]
fn drafts_in_different_folders_use_their_own_config() {
    let dir = TempDir::new("two-configs");
    small_corpus(&dir);
    dir.write("a/corroborate.toml", "corpus = [\"../corpus\"]\n");
    dir.write("a/draft.md", "Russia sent peacekeepers.\n");
    dir.write("b/corroborate.toml", "corpus = [\"../elsewhere\"]\n");
    dir.write("b/draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(dir.path(), &["check", "a/draft.md"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    let out = corroborate(dir.path(), &["check", "a/draft.md", "b/draft.md"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("elsewhere"), "{}", stderr(&out));
}

#[test]
fn an_explicit_configs_corpus_is_relative_to_the_config_not_the_current_folder() {
    let dir = TempDir::new("explicit-relative");
    small_corpus(&dir);
    // from dir/, "../corpus" would be outside the temp folder; from dir/settings/ it is dir/corpus
    dir.write("settings/team.toml", "corpus = [\"../corpus\"]\n");
    dir.write("draft.md", "Russia sent peacekeepers.\n");
    let out = corroborate(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "settings/team.toml",
            "draft.md",
        ],
    );
    assert_ne!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(json(&out)["files"][0]["path"], "draft.md");
}

#[test]
fn several_drafts_are_reported_in_the_order_given() {
    let dir = TempDir::new("order");
    small_corpus(&dir);
    dir.write("corroborate.toml", "corpus = [\"corpus\"]\n");
    dir.write("z.md", "Russia sent peacekeepers.\n");
    dir.write("sub/a.md", "Turkey sent none.\n");
    let out = corroborate(
        dir.path(),
        &["check", "--format", "json", "z.md", "sub/a.md"],
    );
    let report = json(&out);
    assert_eq!(report["files"][0]["path"], "z.md");
    assert_eq!(report["files"][1]["path"], "sub/a.md");
    let out = corroborate(dir.path(), &["check", "z.md", "sub/a.md"]);
    let text = stdout(&out);
    let z = text.find("z.md: ").unwrap();
    let a = text.find("sub/a.md: ").unwrap();
    assert!(z < a, "{text}");
}

// ---------------------------------------------------------------- verdicts and exit codes

#[test]
fn a_claim_no_source_makes_is_unsupported_and_exits_1() {
    let dir = TempDir::new("unsupported");
    small_corpus(&dir);
    dir.write(
        "draft.md",
        "The European Union pledged three billion euros to rebuild the water network of Stepanakert.\n",
    );
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "draft.md",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(sentences(&json(&out), 0)[0]["verdict"], "unsupported");

    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "draft.md"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("draft.md:1:1: unsupported: The European Union"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_verbatim_source_sentence_is_supported_or_copied_and_points_at_its_source() {
    let dir = TempDir::new("verbatim");
    small_corpus(&dir);
    dir.write(
        "draft.md",
        "# Notes\n\nAzerbaijan recaptured the town of Shusha shortly before the ceasefire was signed.\n",
    );
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "draft.md",
        ],
    );
    let report = json(&out);
    let s = sentences(&report, 0)
        .iter()
        .find(|s| s["text"].as_str().unwrap().starts_with("Azerbaijan"))
        .unwrap();
    assert!(
        s["verdict"] == "supported" || s["verdict"] == "copied",
        "{s}"
    );
    let best = &s["matches"][0];
    assert_eq!(best["source"], "notes/article.txt");
    assert_eq!(best["line"], 1);
    assert_eq!(best["author"], Value::Null);
    assert!(best["score"].as_f64().unwrap() > 0.5, "{best}");

    // text: the source as a path to open from here, with its line
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "draft.md"]);
    let text = stdout(&out);
    assert!(text.contains("draft.md:3:1: "), "{text}");
    assert!(text.contains("--> corpus/notes/article.txt:1"), "{text}");
}

#[test]
fn a_changed_number_is_conflicting() {
    let dir = TempDir::new("conflict");
    small_corpus(&dir);
    dir.write(
        "draft.md",
        "Russia has put its 5000 peacekeepers in Nagorno-Karabakh under the November ceasefire.\n",
    );
    let out = corroborate(
        dir.path(),
        &[
            "check", "--format", "json", "--corpus", "corpus", "draft.md",
        ],
    );
    assert_eq!(code(&out), 1);
    let report = json(&out);
    let s = &sentences(&report, 0)[0];
    assert_eq!(s["verdict"], "conflicting", "{s}");
    assert_eq!(s["matches"][0]["source"], "thread.txt");
    let differences = s["differences"].as_array().unwrap();
    assert!(
        differences
            .iter()
            .any(|d| d["source"] == "2000" && d["draft"] == "5000"),
        "{s}"
    );
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "draft.md"]);
    assert!(
        stdout(&out).contains("= source says 2000, draft says 5000"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn only_headings_and_questions_exit_0_and_show_only_with_verbose() {
    let dir = TempDir::new("nothing-to-see");
    small_corpus(&dir);
    dir.write(
        "draft.md",
        "# Russia after the ceasefire\n\nWhat does Moscow want in the South Caucasus?\n",
    );
    let out = corroborate(dir.path(), &["check", "--corpus", "corpus", "draft.md"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "draft.md: 0 supported, 0 copied, 0 conflicting, 0 unsupported, 2 skipped\n"
    );
    let out = corroborate(
        dir.path(),
        &["check", "-v", "--corpus", "corpus", "draft.md"],
    );
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("draft.md:3:1: skipped: What does Moscow want"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_demo_corpus_finds_both_scrapes_of_the_thread() {
    let dir = TempDir::new("demo");
    let corpus = shared_corpus();
    dir.write(
        "draft.md",
        "Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.\n",
    );
    let out = corroborate(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--corpus",
            corpus.to_str().unwrap(),
            "draft.md",
        ],
    );
    let report = json(&out);
    let s = &sentences(&report, 0)[0];
    assert!(
        s["verdict"] == "copied" || s["verdict"] == "supported",
        "{s}"
    );
    let best = &s["matches"][0];
    assert_eq!(best["author"], "Alexander Gabuev");
    let mut docs: Vec<&str> = vec![best["source"].as_str().unwrap()];
    docs.extend(
        best["also_in"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["source"].as_str().unwrap()),
    );
    docs.sort();
    assert_eq!(
        docs,
        ["000_f6b3baf1f9aac04f.txt", "001_40994531d2f32d28.txt"],
        "{best}"
    );
}

#[test]
fn the_example_draft_runs_as_the_readme_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = corroborate(
        root,
        &[
            "check",
            "--format",
            "json",
            "--corpus",
            "../shared/corpus",
            "examples/draft.md",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    let verdicts: Vec<&str> = sentences(&report, 0)
        .iter()
        .map(|s| s["verdict"].as_str().unwrap())
        .collect();
    for verdict in [
        "supported",
        "copied",
        "conflicting",
        "unsupported",
        "skipped",
    ] {
        assert!(verdicts.contains(&verdict), "no {verdict} in {verdicts:?}");
    }
    // without --corpus, examples/corroborate.toml names the same corpus
    let found = corroborate(root, &["check", "--format", "json", "examples/draft.md"]);
    assert_eq!(json(&found), report);
}

/// `corroborate explain … | head -1`: the reader closes the pipe after one line; the program
/// stops writing and exits quietly, no panic on the closed stdout.
#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_output_not_in_a_panic() {
    use std::process::Stdio;
    let corpus = shared_corpus();
    for args in [
        vec!["explain", "--top", "40", "--corpus"],
        vec!["eval", "--all", "--verbose", "--corpus"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
            .args(&args)
            .arg(&corpus)
            .args(if args[0] == "explain" {
                vec!["Russia sent peacekeepers to Karabakh after the ceasefire."]
            } else {
                vec![]
            })
            .env("CORROBORATE_MODEL", "off")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn corroborate");
        // Closing the only reader makes every later write fail with a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("corroborate ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{}: {err}", args[0]);
        assert_eq!(out.status.code(), Some(0), "{}: {err}", args[0]);
    }
}

/// `corroborate explain` says which check keeps each candidate from supporting the claim:
/// a name the source's document never mentions, a number with no context, a report of
/// other content.
#[test]
fn explain_names_the_checks_that_refuse_a_candidate() {
    let dir = TempDir::new("cli-explain");
    dir.write(
        "corpus/dispatch.txt",
        "Families who fled Martuni are coming home and schools are reopening, an Interfax correspondent reports.\n",
    );
    let explain = |claim: &str| {
        let out = corroborate(
            dir.path(),
            &[
                "explain",
                "--no-model",
                "--top",
                "1",
                "--corpus",
                "corpus",
                claim,
            ],
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stdout(&out)
    };
    let text = explain("Families who fled Martuni with the Red Cross are coming home in 2021.");
    assert!(text.contains("verdict: unsupported"), "{text}");
    assert!(
        text.contains("names its document never mentions (no support): Red Cross")
            || text.contains("names its document never mentions (no support): Red, Cross"),
        "{text}"
    );
    assert!(
        text.contains(
            "numbers not in the sentence, its neighbours or its document's date (no support): 2021"
        ),
        "{text}"
    );
    let text = explain(
        "An Interfax correspondent reports that every bakery in Martuni has run out of flour.",
    );
    assert!(text.contains("verdict: unsupported"), "{text}");
    assert!(
        text.contains("the source is a report: it states 0."),
        "{text}"
    );
    assert!(text.contains("(0.40 needed)"), "{text}");
}
