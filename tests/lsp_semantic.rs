//! The language server with the real sentence-embedding model: verdicts on words alone come
//! at once, the sources are embedded in the background with progress, then the draft is
//! checked again and a claim restated in other words is found. Needs the model installed
//! (`corroborate model install`, or `CORROBORATE_MODEL=DIR`); skipped without it unless
//! `CORROBORATE_REQUIRE_MODEL=1` (CI sets it).

mod common;

use std::time::Duration;

use common::{range_of, shared_corpus, Client, Options, TempDir};
use serde_json::{json, Value};

/// A saying a source quotes, put in a sentence of the writer's own: on words alone it shares
/// too little with the source for the strict word threshold these tests set (0.5, as in
/// examples/corroborate.toml); its meaning is the source's.
const RESTATED: &str = "\"Keys from Karabakh are kept in Moscow,\" as the saying in Baku goes.";
/// The same thesis said without its words.
const TYPED: &str = "In Azerbaijan people long repeated that the solution to the Karabakh question lay in Russian hands.";
const TITLE: &str = "Russia's role in the hot phase";

fn unsupported_at(diagnostics: &[Value], range: (u64, u64, u64, u64)) -> bool {
    diagnostics
        .iter()
        .any(|d| common::range(&d["range"]) == range && d["code"] == "unsupported")
}

#[test]
fn words_first_then_embeddings_find_a_claim_in_other_words() {
    if !common::model_installed() {
        return;
    }
    let dir = TempDir::new("lsp-semantic");
    let cache = dir.path().join("cache");
    let cache = cache.to_string_lossy().into_owned();
    let draft = format!("# Notes\n\n{RESTATED}\n");
    let path = dir.write("draft.md", &draft);

    let mut options = Options::new(dir.path());
    // The model as this machine has it; an empty cache, so the sources are embedded anew.
    options.env.retain(|(k, _)| *k != "CORROBORATE_MODEL");
    let cache: &'static str = Box::leak(cache.into_boxed_str());
    options.env.push(("CORROBORATE_CACHE_DIR", cache));
    options.init_options = json!({"corpus": [shared_corpus()], "thresholds": {"supported": 0.5}});
    options.progress = true;
    let mut client = Client::start(options);
    let uri = client.open(&path, &draft);
    let claim = range_of(&draft, RESTATED, true);

    // On words alone the restated claim finds no source.
    let first = client.diagnostics(&uri, 1);
    assert!(unsupported_at(&first, claim), "{first:#?}");

    let mode = client.wait_for("the mode in the log", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("matching on words and sentence embeddings"))
    });
    assert_eq!(mode["params"]["type"], 3, "an information, not a warning");
    client
        .try_wait_for(Duration::from_secs(300), &|m: &Value| {
            m["method"] == "$/progress"
                && m["params"]["value"]["kind"] == "end"
                && m["params"]["value"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("embedded"))
        })
        .expect("the sources are embedded");

    // The draft is checked again with the embeddings: the claim is now supported.
    let refined = client
        .try_wait_for(Duration::from_secs(60), &|m: &Value| {
            common::is_publish_for(m, &uri)
                && !unsupported_at(m["params"]["diagnostics"].as_array().unwrap(), claim)
        })
        .expect("diagnostics without the unsupported claim");
    assert_eq!(refined["params"]["version"], 1);
    let hover = client.hover(&uri, 2, 5).unwrap();
    let value = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        value.contains("Supported") && value.contains(TITLE),
        "{value}"
    );

    // A sentence typed now is embedded before its diagnostics are published: no flash of
    // "unsupported" first.
    let added = format!(" {TYPED}");
    let line = draft.lines().nth(2).unwrap();
    let end = common::column(line, line.len(), true);
    client.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 2, "character": end}, "end": {"line": 2, "character": end}}, "text": &added}]),
    );
    let after = client.diagnostics(&uri, 2);
    let edited = format!("# Notes\n\n{RESTATED}{added}\n");
    let typed = range_of(&edited, TYPED, true);
    assert!(!unsupported_at(&after, typed), "{after:#?}");
    assert!(!unsupported_at(&after, claim), "{after:#?}");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_missing_configured_model_is_said_once_and_words_alone_go_on() {
    let dir = TempDir::new("lsp-semantic-missing");
    let draft = format!("{RESTATED}\n");
    let path = dir.write("draft.md", &draft);
    let mut options = Options::new(dir.path());
    // Empty counts as unset, whatever the environment running the tests says: only the
    // configured folder decides.
    options.env = vec![("CORROBORATE_MODEL", "")];
    let nowhere = dir.path().join("no-model-here");
    options.init_options = json!({
        "corpus": [shared_corpus()],
        "thresholds": {"supported": 0.5},
        "model": {"path": nowhere}
    });
    let mut client = Client::start(options);
    let uri = client.open(&path, &draft);
    let shown = client.wait_for("the warning", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 2, "a warning");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("no-model-here") && message.contains("words alone"),
        "{message}"
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(unsupported_at(
        &diagnostics,
        range_of(&draft, RESTATED, true)
    ));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
