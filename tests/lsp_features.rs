//! What the writer sees: hover, go to definition, code actions, on a small corpus written
//! into a temp folder. Tests that need the real judge (a verbatim copy judged "copied") are

mod common;

use common::gabuev::{draft, workspace, ABSENT, COPIED, SOURCE};
use common::{apply_edits, range, range_of, Client, Options, TempDir};
use serde_json::{json, Value};

/// A started client with the draft open and its first diagnostics in.
fn open(dir: &TempDir, options: Options) -> (Client, String, Vec<Value>) {
    let mut client = Client::start(options);
    let uri = client.open(&dir.path().join("draft.md"), &draft());
    let diagnostics = client.diagnostics(&uri, 1);
    (client, uri, diagnostics)
}

fn hover_text(hover: &Value) -> (String, String) {
    let contents = &hover["contents"];
    (
        contents["kind"].as_str().unwrap_or("").into(),
        contents["value"].as_str().unwrap_or("").into(),
    )
}

#[test]
fn hover_on_an_unsupported_claim_says_so_in_markdown_or_plain_text() {
    let dir = workspace("hover-unsupported");
    let (mut client, uri, _) = open(&dir, Options::new(dir.path()));
    let line = 4;
    let hover = client.hover(&uri, line, 10).unwrap();
    let (kind, value) = hover_text(&hover);
    assert_eq!(kind, "markdown");
    assert!(value.starts_with("**Unsupported**"), "{value}");
    assert_eq!(range(&hover["range"]), range_of(&draft(), ABSENT, true));
    drop(client);

    let mut plain = Options::new(dir.path());
    plain.markdown_hover = false;
    let (mut client, uri, _) = open(&dir, plain);
    let (kind, value) = hover_text(&client.hover(&uri, line, 10).unwrap());
    assert_eq!(kind, "plaintext");
    assert!(
        value.starts_with("Unsupported") && !value.contains("**"),
        "{value}"
    );
    // no sentence under the cursor: no hover
    assert_eq!(client.hover(&uri, 1, 0).unwrap(), Value::Null);
}

#[test]
fn definition_of_an_unsupported_claim_is_empty() {
    let dir = workspace("def-unsupported");
    let (mut client, uri, _) = open(&dir, Options::new(dir.path()));
    let def = client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 5}}),
        )
        .unwrap();
    assert_eq!(def, Value::Null);
}

fn actions_at(client: &mut Client, uri: &str, line: u32, diagnostics: Vec<Value>) -> Vec<Value> {
    let params = json!({
        "textDocument": {"uri": uri},
        "range": {"start": {"line": line, "character": 3}, "end": {"line": line, "character": 3}},
        "context": {"diagnostics": diagnostics}
    });
    client
        .request("textDocument/codeAction", params)
        .unwrap()
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").starts_with(prefix))
        .unwrap_or_else(|| panic!("no action {prefix:?} in {actions:#?}"))
}

#[test]
fn own_analysis_and_ignore_actions_are_plain_edits_that_apply() {
    let dir = workspace("actions");
    let (mut client, uri, diagnostics) = open(&dir, Options::new(dir.path()));
    let on_line: Vec<Value> = diagnostics
        .into_iter()
        .filter(|d| d["range"]["start"]["line"] == 4)
        .collect();
    let actions = actions_at(&mut client, &uri, 4, on_line.clone());
    let own = titled(&actions, "Mark as my own analysis");
    assert_eq!(own["kind"], "quickfix");
    assert!(
        own.get("command").is_none(),
        "no client-side command needed"
    );
    assert_eq!(
        own["diagnostics"],
        Value::Array(on_line),
        "the fix names the diagnostic it fixes"
    );
    let edits = own["edit"]["changes"][&uri].as_array().unwrap();
    let text = apply_edits(&draft(), edits, true);
    assert_eq!(
        text,
        format!("# Draft\n\n{COPIED}\n\n{ABSENT} <!-- corroborate: own -->\n")
    );

    let block = titled(&actions, "Don't check this block");
    let text = apply_edits(
        &draft(),
        block["edit"]["changes"][&uri].as_array().unwrap(),
        true,
    );
    assert_eq!(
        text,
        format!(
            "# Draft\n\n{COPIED}\n\n<!-- corroborate off -->\n{ABSENT}\n<!-- corroborate on -->\n"
        )
    );

    let file = titled(&actions, "Don't check this file");
    let text = apply_edits(
        &draft(),
        file["edit"]["changes"][&uri].as_array().unwrap(),
        true,
    );
    assert_eq!(
        text,
        format!("<!-- corroborate: ignore-file -->\n{}", draft())
    );

    // the editor applies each edit as a change; the server's text follows, and the checker
    // honours the comment: the claim is no longer flagged
    let claim = range_of(&draft(), ABSENT, true);
    let flagged = |d: &[Value], line: u64| {
        d.iter()
            .any(|d| d["code"] == "unsupported" && range(&d["range"]).0 == line)
    };
    let mut version = 1;
    for (action, line) in [(own, claim.0), (block, claim.0 + 1), (file, claim.0 + 1)] {
        let text = apply_edits(
            &draft(),
            action["edit"]["changes"][&uri].as_array().unwrap(),
            true,
        );
        version += 1;
        client.change(&uri, version, json!([{"text": text}]));
        assert_eq!(client.server_text(&uri)["text"], text.as_str());
        let d = client.diagnostics(&uri, version);
        assert!(!flagged(&d, line), "{}: {d:#?}", action["title"]);
    }
    // back to the draft: flagged again
    client.change(&uri, version + 1, json!([{"text": draft()}]));
    assert!(flagged(&client.diagnostics(&uri, version + 1), claim.0));
}

#[test]
fn actions_carry_the_document_version_when_the_client_supports_it() {
    let dir = workspace("actions-versioned");
    let mut options = Options::new(dir.path());
    options.document_changes = true;
    options.encodings = Some(vec!["utf-8"]);
    let (mut client, uri, _) = open(&dir, options);
    let actions = actions_at(&mut client, &uri, 4, vec![]);
    let own = titled(&actions, "Mark as my own analysis");
    let change = &own["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": uri, "version": 1}));
    let text = apply_edits(&draft(), change["edits"].as_array().unwrap(), false);
    assert!(
        text.contains(&format!("{ABSENT} <!-- corroborate: own -->")),
        "{text}"
    );
}

// ---- with the real judge: a verbatim copy of a corpus sentence is "copied" ----

#[test]
fn a_verbatim_copy_is_flagged_with_the_source_in_related_information() {
    let dir = workspace("copied-diag");
    let (_client, _uri, diagnostics) = open(&dir, Options::new(dir.path()));
    let d = diagnostics
        .iter()
        .find(|d| range(&d["range"]) == range_of(&draft(), COPIED, true))
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(d["code"], "copied");
    assert_eq!(d["severity"], 3, "copied is information by default");
    assert!(
        d["message"].as_str().unwrap().contains("Alexander Gabuev"),
        "{d}"
    );
    let related = &d["relatedInformation"][0]["location"];
    assert_eq!(
        related["uri"],
        common::uri(&dir.path().join("sources/gabuev.txt"))
    );
    assert_eq!(range(&related["range"]), range_of(SOURCE, COPIED, true));
}

#[test]
fn hover_on_a_copied_sentence_names_the_source_quotes_it_and_links_the_line() {
    let dir = workspace("copied-hover");
    let (mut client, uri, _) = open(&dir, Options::new(dir.path()));
    let (_, value) = hover_text(&client.hover(&uri, 2, 8).unwrap());
    for expected in [
        "**Copied**",
        "Alexander Gabuev (Carnegie Moscow Center)",
        "thread",
        "2020-11-10",
        "Russian calculus after the ceasefire",
        &format!("> {COPIED}"),
        &format!("{}#L2", common::uri(&dir.path().join("sources/gabuev.txt"))),
        "score",
    ] {
        assert!(value.contains(expected), "{expected:?} not in:\n{value}");
    }
}

#[test]
fn definition_jumps_to_the_source_sentence_in_utf16_and_utf8() {
    for (encoding, utf16) in [(None, true), (Some(vec!["utf-8"]), false)] {
        let dir = workspace("copied-def");
        let mut options = Options::new(dir.path());
        options.encodings = encoding;
        let (mut client, uri, _) = open(&dir, options);
        let def = client
            .request(
                "textDocument/definition",
                json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 8}}),
            )
            .unwrap();
        assert_eq!(
            def["uri"],
            common::uri(&dir.path().join("sources/gabuev.txt"))
        );
        // after "The Kremlin 😀 waited for weeks. " on line 2 of the source
        assert_eq!(range(&def["range"]), range_of(SOURCE, COPIED, utf16));
        assert_eq!(range(&def["range"]).1, if utf16 { 33 } else { 35 });
    }
}

#[test]
fn citing_a_source_inserts_a_footnote_and_its_definition() {
    let dir = workspace("cite");
    let (mut client, uri, _) = open(&dir, Options::new(dir.path()));
    let actions = actions_at(&mut client, &uri, 2, vec![]);
    let cite = titled(&actions, "Cite Alexander Gabuev");
    assert_eq!(cite["isPreferred"], true);
    let text = apply_edits(
        &draft(),
        cite["edit"]["changes"][&uri].as_array().unwrap(),
        true,
    );
    assert_eq!(
        text,
        format!(
            "# Draft\n\n{COPIED}[^gabuev2020]\n\n{ABSENT}\n\n[^gabuev2020]: Alexander Gabuev (Carnegie Moscow Center), \
             “Russian calculus after the ceasefire”, thread, 2020-11-10, <https://example.org/gabuev/1>.\n"
        )
    );
    // once cited, the sentence is no longer "copied"
    client.change(&uri, 2, json!([{"text": text}]));
    let d = client.diagnostics(&uri, 2);
    assert!(!d.iter().any(|d| d["code"] == "copied"), "{d:#?}");
}

#[test]
fn on_the_demo_corpus_a_copied_thread_sentence_leads_to_its_exact_place() {
    let dir = TempDir::new("demo-copied");
    let copied = "Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.";
    let mut options = Options::new(dir.path());
    options.init_options = json!({"corpus": [common::shared_corpus()]});
    options.encodings = Some(vec!["utf-8"]);
    let mut client = Client::start(options);
    let uri = client.open(
        &dir.path().join("draft.md"),
        &format!("# Notes\n\n{copied}\n"),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "copied" && d["range"]["start"]["line"] == 2),
        "{diagnostics:#?}"
    );
    let (_, hover) = hover_text(&client.hover(&uri, 2, 10).unwrap());
    assert!(
        hover.contains("Alexander Gabuev (Carnegie Moscow Center)"),
        "{hover}"
    );
    assert!(hover.contains("2020-11-10"), "{hover}");

    let def = client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 10}}),
        )
        .unwrap();
    // The thread was scraped twice (000 and 001); either copy is the sentence's place. The
    // range, in bytes of the raw scrape, must hold exactly the sentence (thread number "10/ "
    // left out).
    let path = def["uri"]
        .as_str()
        .unwrap()
        .strip_prefix("file://")
        .unwrap()
        .to_string();
    assert!(
        path.ends_with("000_f6b3baf1f9aac04f.txt") || path.ends_with("001_40994531d2f32d28.txt"),
        "{def}"
    );
    let raw = std::fs::read_to_string(&path).unwrap();
    let (l0, c0, l1, c1) = range(&def["range"]);
    assert_eq!(l0, l1, "{def}");
    let line = raw.lines().nth(l0 as usize).unwrap();
    assert_eq!(&line[c0 as usize..c1 as usize], copied);
}
