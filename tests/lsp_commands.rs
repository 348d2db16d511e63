//! The server's own commands through `workspace/executeCommand`: `corroborate.reindex`
//! (re-read the corpus from disk, no watcher needed) and `corroborate.showSources` (the
//! sources of the sentence at a position). Tests that need the real judge (a verbatim copy
//! judged "copied") come after the marked line.

mod common;

use common::gabuev::{draft, workspace, ABSENT, COPIED, SOURCE};
use common::{is_publish_for, range, range_of, Client, Options, TempDir};
use serde_json::{json, Value};

fn command(client: &mut Client, command: &str, arguments: Value) -> Result<Value, Value> {
    client.request(
        "workspace/executeCommand",
        json!({"command": command, "arguments": arguments}),
    )
}

fn show_sources(client: &mut Client, uri: &str, line: u32, character: u32) -> Result<Value, Value> {
    command(
        client,
        "corroborate.showSources",
        json!([{"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}]),
    )
}

/// The code of the diagnostic whose range is that of `needle` in the draft.
fn code_on(diagnostics: &Value, needle: &str) -> Option<String> {
    let want = range_of(&draft(), needle, true);
    diagnostics
        .as_array()?
        .iter()
        .find(|d| range(&d["range"]) == want)
        .and_then(|d| d["code"].as_str().map(String::from))
}

#[test]
fn both_commands_are_announced() {
    let dir = workspace("announce");
    let client = Client::start(Options::new(dir.path()));
    assert_eq!(
        client.initialize_result["capabilities"]["executeCommandProvider"]["commands"],
        json!(["corroborate.reindex", "corroborate.showSources"])
    );
}

#[test]
fn reindex_rereads_the_corpus_from_disk_without_a_watcher() {
    let dir = workspace("reindex");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    client.diagnostics(&uri, 1);

    let before = command(&mut client, "corroborate.reindex", json!([])).unwrap();
    let root = dir.path().display().to_string();
    assert_eq!(before[0]["root"], root, "{before}");
    assert_eq!(before[0]["status"], "ready", "{before}");
    assert_eq!(before[0]["sources"], 1, "{before}");
    let sentences = before[0]["sentences"].as_u64().unwrap();
    assert!(sentences >= 3, "{before}");

    // Two new sentences on disk; nothing tells the server (no watcher, no save).
    dir.write(
        "sources/new.txt",
        "Venus rain fell for a week in 2040. Snow covered the Sahara in 2041.\n",
    );
    let after = command(&mut client, "corroborate.reindex", json!([])).unwrap();
    assert_eq!(after.as_array().unwrap().len(), 1, "{after}");
    assert_eq!(after[0]["status"], "ready", "{after}");
    assert_eq!(after[0]["sources"], 2, "{after}");
    assert_eq!(after[0]["sentences"], sentences + 2, "{after}");
    // the open draft is re-checked: published again, same version
    let uri2 = uri.clone();
    client.wait_for("diagnostics after reindex", move |m| {
        is_publish_for(m, &uri2) && m["params"]["version"] == 1
    });
}

#[test]
fn reindex_of_one_draft_reloads_only_its_root() {
    let (a, b) = (workspace("reindex-a"), workspace("reindex-b"));
    let mut options = Options::new(a.path());
    options.folders.push(b.path().to_path_buf());
    let mut client = Client::start(options);
    let uri = client.open(&b.path().join("draft.md"), &draft());
    client.diagnostics(&uri, 1);
    for argument in [
        json!({"uri": uri}),
        json!(uri),
        json!({"textDocument": {"uri": uri}}),
    ] {
        let done = command(&mut client, "corroborate.reindex", json!([argument])).unwrap();
        assert_eq!(
            done,
            json!([{"root": b.path().display().to_string(), "status": "ready", "sources": 1,
                    "sentences": done[0]["sentences"]}])
        );
    }
}

#[test]
fn reindex_says_why_a_root_has_no_corpus() {
    let dir = TempDir::new("reindex-missing");
    dir.write("corroborate.toml", "corpus = [\"missing-folder\"]\n");
    let mut client = Client::start(Options::new(dir.path()));
    let done = command(&mut client, "corroborate.reindex", json!([])).unwrap();
    assert_eq!(done[0]["status"], "failed", "{done}");
    assert!(
        done[0]["message"]
            .as_str()
            .unwrap()
            .contains("missing-folder"),
        "{done}"
    );

    let bare = TempDir::new("reindex-unconfigured");
    let mut client = Client::start(Options::new(bare.path()));
    // `arguments` may be left out
    let done = client
        .request(
            "workspace/executeCommand",
            json!({"command": "corroborate.reindex"}),
        )
        .unwrap();
    assert_eq!(done[0]["status"], "noCorpus", "{done}");
    assert_eq!(done[0]["sources"], 0, "{done}");
}

#[test]
fn show_sources_of_an_unsupported_claim_lists_none_and_a_blank_line_has_no_sentence() {
    let dir = workspace("sources-unsupported");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    client.diagnostics(&uri, 1);
    let shown = show_sources(&mut client, &uri, 4, 10).unwrap();
    assert_eq!(shown["verdict"], "unsupported", "{shown}");
    assert_eq!(shown["text"], ABSENT);
    assert_eq!(range(&shown["range"]), range_of(&draft(), ABSENT, true));
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .starts_with("Unsupported"),
        "{shown}"
    );
    assert_eq!(shown["sources"], json!([]));
    assert_eq!(show_sources(&mut client, &uri, 1, 0).unwrap(), Value::Null);
}

#[test]
fn show_sources_without_a_corpus_says_why() {
    let dir = TempDir::new("sources-unconfigured");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    client.diagnostics(&uri, 1);
    let error = show_sources(&mut client, &uri, 0, 3).unwrap_err();
    assert_eq!(error["code"], -32803, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("no corpus configured"),
        "{error}"
    );
}

#[test]
fn unknown_commands_and_bad_arguments_are_invalid_params() {
    let dir = workspace("bad-command");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    client.diagnostics(&uri, 1);
    let error = command(&mut client, "corroborate.nope", json!([])).unwrap_err();
    assert_eq!(error["code"], -32602, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("corroborate.reindex"),
        "{error}"
    );
    for arguments in [
        json!([]),
        json!([42]),
        json!([{"textDocument": {"uri": uri}}]),
        json!([{"textDocument": {"uri": uri}, "position": {"line": "x"}}]),
    ] {
        let error = command(&mut client, "corroborate.showSources", arguments.clone())
            .expect_err(&arguments.to_string());
        assert_eq!(error["code"], -32602, "{arguments}: {error}");
    }
    let error = command(&mut client, "corroborate.reindex", json!([17])).unwrap_err();
    assert_eq!(error["code"], -32602, "{error}");
}

#[test]
// The panic switch exists only in debug builds (the README's test command).
#[cfg_attr(
    not(debug_assertions),
    ignore = "CORROBORATE_DEBUG_PANIC needs a debug build"
)]
fn a_panic_in_show_sources_answers_an_error_and_the_server_goes_on() {
    let dir = workspace("sources-panic");
    let mut options = Options::new(dir.path());
    options
        .env
        .push(("CORROBORATE_DEBUG_PANIC", "show_sources"));
    let mut client = Client::start(options);
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    client.diagnostics(&uri, 1);
    let error = show_sources(&mut client, &uri, 4, 10).unwrap_err();
    assert_eq!(error["code"], -32603, "{error}");
    assert!(client.hover(&uri, 4, 10).is_ok());
}

// ---- with the real judge: a verbatim copy of a corpus sentence is "copied" ----

#[test]
fn show_sources_of_a_copied_sentence_names_the_source_and_its_exact_place() {
    for (encoding, utf16) in [(None, true), (Some(vec!["utf-8"]), false)] {
        let dir = workspace("sources-copied");
        let mut options = Options::new(dir.path());
        options.encodings = encoding;
        let mut client = Client::start(options);
        let uri = client.open(&dir.path().join("draft.md"), &draft());
        client.diagnostics(&uri, 1);
        let shown = show_sources(&mut client, &uri, 2, 8).unwrap();
        assert_eq!(shown["verdict"], "copied", "{shown}");
        assert_eq!(shown["text"], COPIED);
        assert!(
            shown["message"]
                .as_str()
                .unwrap()
                .contains("Alexander Gabuev"),
            "{shown}"
        );
        let best = &shown["sources"][0];
        for (key, want) in [
            ("name", "Alexander Gabuev"),
            ("author", "Alexander Gabuev"),
            ("affiliation", "Carnegie Moscow Center"),
            ("kind", "thread"),
            ("date", "2020-11-10"),
            ("title", "Russian calculus after the ceasefire"),
            ("url", "https://example.org/gabuev/1"),
            ("file", "gabuev.txt"),
            ("text", COPIED),
        ] {
            assert_eq!(best[key], want, "{key} in {best}");
        }
        assert_eq!(best["line"], 2, "{best}");
        let score = best["score"].as_f64().unwrap();
        assert!(score > 0.9 && score <= 1.0, "{best}");
        assert_eq!(
            best["location"]["uri"],
            common::uri(&dir.path().join("sources/gabuev.txt"))
        );
        // after "The Kremlin 😀 waited for weeks. ": 33 UTF-16 units, 35 bytes
        assert_eq!(
            range(&best["location"]["range"]),
            range_of(SOURCE, COPIED, utf16)
        );
        assert_eq!(
            range(&best["location"]["range"]).1,
            if utf16 { 33 } else { 35 }
        );
    }
}

#[test]
fn after_reindex_a_claim_added_to_the_corpus_is_no_longer_unsupported() {
    let dir = workspace("reindex-judge");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    let first = client.diagnostics(&uri, 1);
    assert_eq!(
        code_on(&Value::Array(first), ABSENT).as_deref(),
        Some("unsupported")
    );
    dir.write("sources/mars.txt", format!("{ABSENT}\n"));
    command(&mut client, "corroborate.reindex", json!([{"uri": uri}])).unwrap();
    let uri2 = uri.clone();
    let published = client.wait_for("the claim copied after reindex", move |m| {
        is_publish_for(m, &uri2)
            && code_on(&m["params"]["diagnostics"], ABSENT).as_deref() == Some("copied")
    });
    assert_eq!(published["params"]["version"], 1);
}
