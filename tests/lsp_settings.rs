//! Settings and the corpus over time: initializationOptions, workspace/configuration,
//! didChangeConfiguration, corroborate.toml, multi-root workspaces, progress while
//! indexing, re-indexing on file changes, configuration errors.

mod common;

use std::path::Path;

use common::gabuev::ABSENT;
use common::{is_publish_for, range_of, Client, Options, TempDir};
use serde_json::{json, Value};

const SOURCE: &str = "Russia deployed 2000 peacekeepers along the Lachin corridor.\n";

/// A folder with a corpus and no corroborate.toml (unless a test writes one).
fn folder(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("sources/a.txt", SOURCE);
    dir
}

/// The severity of the diagnostic on the absent claim in `diagnostics`, `None` if absent.
fn severity_of_claim(diagnostics: &[Value], text: &str) -> Option<i64> {
    let r = range_of(text, ABSENT, true);
    diagnostics
        .iter()
        .find(|d| common::range(&d["range"]) == r)
        .map(|d| d["severity"].as_i64().unwrap())
}

/// Waits for a publish for `uri` whose claim severity is `severity` (`None`: no diagnostic).
fn wait_severity(client: &mut Client, uri: &str, severity: Option<i64>) {
    let uri = uri.to_string();
    client.wait_for(&format!("severity {severity:?}"), move |m| {
        is_publish_for(m, &uri)
            && severity_of_claim(m["params"]["diagnostics"].as_array().unwrap(), ABSENT) == severity
    });
}

/// The severity on the absent claim in the first diagnostics published for `uri`.
fn first_severity(client: &mut Client, uri: &str) -> Option<i64> {
    severity_of_claim(&client.diagnostics(uri, 1), ABSENT)
}

/// Waits for a `window/showMessage` and asserts its type and that it names `named`.
fn expect_shown(client: &mut Client, kind: i64, named: &str) {
    let shown = client.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], kind);
    assert!(
        shown["params"]["message"].as_str().unwrap().contains(named),
        "{shown}"
    );
}

/// Tells the server that the file at `path` changed (`kind`: 1 created, 2 changed, 3 deleted).
fn notify_watched(client: &mut Client, path: &Path, kind: u8) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": common::uri(path), "type": kind}]}),
    );
}

/// Waits for the end of an indexing whose report starts with `report` ("2 sources,").
fn wait_indexed(client: &mut Client, report: &str) {
    client.wait_for(&format!("index of {report}"), |m| {
        m["method"] == "$/progress"
            && m["params"]["value"]["kind"] == "end"
            && m["params"]["value"]["message"]
                .as_str()
                .unwrap()
                .starts_with(report)
    });
}

#[test]
fn initialization_options_flat_or_nested_with_corpus_relative_to_the_folder() {
    for options in [
        json!({"corpus": ["sources"], "severity": {"unsupported": "error"}}),
        json!({"corroborate": {"corpus": "sources", "severity": {"unsupported": "error"}}}),
    ] {
        let dir = folder("init");
        let mut o = Options::new(dir.path());
        o.init_options = options;
        let mut client = Client::start(o);
        let uri = client.open(&dir.path().join("draft.md"), ABSENT);
        assert_eq!(first_severity(&mut client, &uri), Some(1));
    }
}

#[test]
fn did_change_configuration_pushes_new_severities_and_off_removes_them() {
    let dir = folder("push");
    let mut o = Options::new(dir.path());
    o.init_options = json!({"corpus": ["sources"]});
    let mut client = Client::start(o);
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &uri), Some(2));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"corroborate": {"corpus": ["sources"], "severity": {"unsupported": "hint"}}}}),
    );
    wait_severity(&mut client, &uri, Some(4));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"corroborate": {"corpus": ["sources"], "severity": {"unsupported": "off"}}}}),
    );
    wait_severity(&mut client, &uri, None);
}

#[test]
fn workspace_configuration_is_pulled_at_start_and_on_change() {
    let dir = folder("pull");
    let mut o = Options::new(dir.path());
    o.configuration = Some(
        json!({"corpus": ["sources"], "severity": {"unsupported": "information"}, "trace": {"server": "off"}}),
    );
    let mut client = Client::start(o);
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &uri), Some(3));
    let asked = client.wait_for("workspace/configuration", |m| {
        m["method"] == "workspace/configuration"
    });
    assert_eq!(asked["params"]["items"][0]["section"], "corroborate");
    assert_eq!(
        asked["params"]["items"][0]["scopeUri"],
        common::uri(dir.path())
    );
    // the client registered for changes is told with `settings: null` and the server pulls
    *client.configuration.lock().unwrap() =
        Some(json!({"corpus": ["sources"], "severity": {"unsupported": "error"}}));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    wait_severity(&mut client, &uri, Some(1));
}

#[test]
fn corroborate_toml_in_the_workspace_wins_over_editor_settings() {
    let dir = folder("toml");
    dir.write(
        "corroborate.toml",
        "corpus = [\"sources\"]\n[severity]\nunsupported = \"hint\"\n",
    );
    let mut o = Options::new(dir.path());
    o.init_options = json!({"corpus": ["elsewhere"], "severity": {"unsupported": "error"}});
    let mut client = Client::start(o);
    let uri = client.open(&dir.path().join("notes/draft.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &uri), Some(4));
}

#[test]
fn each_workspace_folder_has_its_own_corpus_and_settings() {
    let (one, two) = (folder("root-one"), folder("root-two"));
    one.write(
        "corroborate.toml",
        "corpus = [\"sources\"]\n[severity]\nunsupported = \"error\"\n",
    );
    two.write(
        "corroborate.toml",
        "corpus = [\"sources\"]\n[severity]\nunsupported = \"information\"\n",
    );
    let mut o = Options::new(one.path());
    o.folders = vec![one.path().to_path_buf(), two.path().to_path_buf()];
    let mut client = Client::start(o);
    let a = client.open(&one.path().join("a.md"), ABSENT);
    let b = client.open(&two.path().join("b.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &a), Some(1));
    assert_eq!(first_severity(&mut client, &b), Some(3));
}

#[test]
fn a_draft_outside_the_folders_uses_the_nearest_corroborate_toml() {
    let (workspace, elsewhere) = (folder("ws"), folder("elsewhere"));
    elsewhere.write(
        "corroborate.toml",
        "corpus = [\"sources\"]\n[severity]\nunsupported = \"error\"\n",
    );
    let mut client = Client::start(Options::new(workspace.path()));
    let uri = client.open(&elsewhere.path().join("deep/draft.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &uri), Some(1));
}

#[test]
fn progress_is_reported_while_the_corpus_is_indexed() {
    let dir = folder("progress");
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    let mut o = Options::new(dir.path());
    o.progress = true;
    let mut client = Client::start(o);
    let create = client.wait_for("progress create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    let token = create["params"]["token"].clone();
    let begin = client.wait_for("progress begin", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    assert_eq!(begin["params"]["token"], token);
    assert!(begin["params"]["value"]["title"]
        .as_str()
        .unwrap()
        .contains("indexing"));
    let end = client.wait_for("progress end", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert_eq!(end["params"]["token"], token);
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("1 source,"),
        "{end}"
    );
}

#[test]
fn the_demo_corpus_loads() {
    let dir = TempDir::new("demo");
    let mut o = Options::new(dir.path());
    o.progress = true;
    o.init_options = json!({"corpus": [common::shared_corpus()]});
    let mut client = Client::start(o);
    let end = client.wait_for("progress end", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("5 sources,"),
        "{end}"
    );
    assert!(!client
        .seen
        .iter()
        .any(|m| m["method"] == "window/showMessage" && m["params"]["type"] == 1));
}

#[test]
fn changed_corpus_files_are_watched_reindexed_and_drafts_rechecked() {
    let dir = folder("watch");
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    let mut o = Options::new(dir.path());
    o.watch_files = true;
    o.progress = true;
    let mut client = Client::start(o);
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    client.diagnostics(&uri, 1);
    let registration = client.wait_for("watcher registration", |m| {
        m["method"] == "client/registerCapability"
            && m["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    });
    let watchers =
        registration["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(
        watchers.contains(&common::uri(&dir.path().join("sources"))),
        "{watchers}"
    );
    assert!(watchers.contains("**/corroborate.toml"), "{watchers}");

    let before = client
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .count();
    let added = dir.write(
        "sources/b.txt",
        "Armenia and Azerbaijan signed the statement in Moscow.\n",
    );
    notify_watched(&mut client, &added, 1);
    wait_indexed(&mut client, "2 sources,");
    assert!(
        client
            .seen
            .iter()
            .filter(|m| m["method"] == "$/progress")
            .count()
            > before
    );
    // the open draft is checked again against the new corpus
    let publishes = client
        .seen
        .iter()
        .filter(|m| is_publish_for(m, &uri))
        .count();
    client.diagnostics(&uri, 1);
    assert!(
        client
            .seen
            .iter()
            .filter(|m| is_publish_for(m, &uri))
            .count()
            > publishes
    );
}

#[test]
fn a_claim_added_to_the_corpus_stops_being_unsupported() {
    let dir = folder("watch-judge");
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    assert!(client
        .diagnostics(&uri, 1)
        .iter()
        .any(|d| d["code"] == "unsupported"));
    let added = dir.write("sources/b.txt", format!("{ABSENT}\n"));
    notify_watched(&mut client, &added, 1);
    let uri2 = uri.clone();
    client.wait_for("copied after re-index", move |m| {
        is_publish_for(m, &uri2)
            && m["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == "copied")
    });
}

#[test]
fn a_malformed_corroborate_toml_is_named_and_the_server_keeps_running() {
    let dir = folder("bad-toml");
    let toml = dir.write("corroborate.toml", "corpus = [\"sources\"\n");
    let mut client = Client::start(Options::new(dir.path()));
    expect_shown(&mut client, 1, &toml.display().to_string());
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    // still answering: hover explains, and fixing the file brings the diagnostics
    let hover = client.hover(&uri, 0, 3).unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("corroborate.toml"),
        "{hover}"
    );
    std::fs::write(&toml, "corpus = [\"sources\"]\n").unwrap();
    notify_watched(&mut client, &toml, 2);
    wait_severity(&mut client, &uri, Some(2));
}

#[test]
fn a_missing_corpus_folder_is_named() {
    let dir = TempDir::new("no-corpus");
    dir.write("corroborate.toml", "corpus = [\"missing-folder\"]\n");
    let mut client = Client::start(Options::new(dir.path()));
    expect_shown(&mut client, 1, "missing-folder");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_malformed_sources_toml_is_named() {
    let dir = folder("bad-sources");
    let sources = dir.write("sources/sources.toml", "[[source]\nfile = \"a.txt\"\n");
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    let mut client = Client::start(Options::new(dir.path()));
    // a warning (the corpus loads, with that folder's metadata inferred), naming the file
    expect_shown(&mut client, 2, &sources.display().to_string());
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &uri), Some(2));
}

#[test]
fn a_bad_setting_from_the_editor_is_shown() {
    let dir = folder("bad-setting");
    let mut o = Options::new(dir.path());
    o.init_options = json!({"corpus": ["sources"], "severity": {"unsupported": "loud"}});
    let mut client = Client::start(o);
    expect_shown(&mut client, 1, "loud");
}

#[test]
fn without_a_corpus_nothing_is_flagged_and_hover_says_why() {
    let dir = TempDir::new("unconfigured");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    let hover = client.hover(&uri, 0, 3).unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("no corpus configured"),
        "{hover}"
    );
    let logged = client.wait_for("log", |m| m["method"] == "window/logMessage");
    assert!(
        logged["params"]["message"]
            .as_str()
            .unwrap()
            .contains("no corpus configured"),
        "{logged}"
    );
    assert!(!client
        .seen
        .iter()
        .any(|m| m["method"] == "window/showMessage"));
}

#[test]
fn a_project_nested_in_the_workspace_uses_its_own_corroborate_toml_as_the_cli_would() {
    let dir = folder("nested");
    dir.write(
        "corroborate.toml",
        "corpus = [\"sources\"]\n[severity]\nunsupported = \"error\"\n",
    );
    // the nested project sets only a severity: the corpus comes from the editor, relative to
    // the workspace folder
    dir.write(
        "project/corroborate.toml",
        "[severity]\nunsupported = \"hint\"\n",
    );
    let mut o = Options::new(dir.path());
    o.init_options = json!({"corpus": ["sources"]});
    let mut client = Client::start(o);
    let top = client.open(&dir.path().join("top.md"), ABSENT);
    let nested = client.open(&dir.path().join("project/drafts/nested.md"), ABSENT);
    assert_eq!(first_severity(&mut client, &top), Some(1));
    assert_eq!(first_severity(&mut client, &nested), Some(4));
    // the nested project file goes away: its drafts fall back to the workspace's settings
    let gone = dir.path().join("project/corroborate.toml");
    std::fs::remove_file(&gone).unwrap();
    notify_watched(&mut client, &gone, 3);
    wait_severity(&mut client, &nested, Some(1));
}

#[test]
fn saving_a_corpus_file_in_the_editor_reindexes_without_a_watcher() {
    let dir = folder("save");
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    let mut o = Options::new(dir.path());
    o.progress = true;
    let mut client = Client::start(o);
    client.wait_for("first index", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let notes = dir.write(
        "sources/notes.md",
        "Armenia and Azerbaijan signed the statement in Moscow.\n",
    );
    let uri = client.open(
        &notes,
        "Armenia and Azerbaijan signed the statement in Moscow.\n",
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    wait_indexed(&mut client, "2 sources,");
}
