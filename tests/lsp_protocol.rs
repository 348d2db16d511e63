//! The protocol, as an editor drives it: initialize and encoding negotiation, incremental
//! sync, version-gated diagnostics, shutdown/exit, surviving a panic.

mod common;

use std::time::{Duration, Instant};

use common::gabuev::ABSENT;
use common::{range, range_of, Client, Options, TempDir};
use serde_json::{json, Value};

/// A workspace with a small corpus about a ceasefire and a corroborate.toml pointing at it.
fn workspace(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write(
        "sources/ceasefire.txt",
        "Russia deployed 2000 peacekeepers to Nagorno-Karabakh in November 2020.\n\
         The ceasefire was signed by Armenia, Azerbaijan and Russia.\n",
    );
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    dir
}

#[test]
fn utf16_is_the_default_and_utf8_is_chosen_when_offered() {
    let dir = workspace("encoding");
    let mut plain = Options::new(dir.path());
    plain.encodings = None;
    let client = Client::start(plain.clone());
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-16"
    );
    assert_eq!(
        client.initialize_result["serverInfo"]["name"],
        "corroborate"
    );
    assert_eq!(
        client.initialize_result["capabilities"]["textDocumentSync"]["change"],
        2
    );
    drop(client);

    let mut utf8 = plain.clone();
    utf8.encodings = Some(vec!["utf-8", "utf-16"]);
    assert_eq!(
        Client::start(utf8).initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );

    let mut utf32 = plain;
    utf32.encodings = Some(vec!["utf-32", "utf-16"]);
    assert_eq!(
        Client::start(utf32).initialize_result["capabilities"]["positionEncoding"],
        "utf-16"
    );
}

/// Emoji (surrogate pairs), a flag (two regional indicators), CJK and CRLF line ends before
/// the claim: the range must be exact in the negotiated encoding.
fn draft_with_wide_characters() -> String {
    format!("# Notes 😀\r\n\r\nFlags 🇦🇲🇦🇿 and 中文 come first 😀. {ABSENT}\r\n")
}

fn check_exact_range(encoding: Option<Vec<&'static str>>, utf16: bool) {
    let dir = workspace("ranges");
    let mut options = Options::new(dir.path());
    options.encodings = encoding;
    let mut client = Client::start(options);
    let draft = draft_with_wide_characters();
    let uri = client.open(&dir.path().join("draft.md"), &draft);
    let diagnostics = client.diagnostics(&uri, 1);
    let expected = range_of(&draft, ABSENT, utf16);
    let d = diagnostics
        .iter()
        .find(|d| range(&d["range"]) == expected)
        .unwrap_or_else(|| panic!("no diagnostic at {expected:?}: {diagnostics:#?}"));
    assert_eq!(d["code"], "unsupported");
    assert_eq!(d["source"], "corroborate");
    assert_eq!(d["severity"], 2, "unsupported is a warning by default");
    // line 2, after the flags, CJK and emoji: columns differ between the encodings
    assert_eq!(expected.0, 2);
    assert_eq!(expected.1, if utf16 { 37 } else { 51 });
}

#[test]
fn unsupported_claim_has_an_exact_utf16_range_after_emoji_flags_cjk_and_crlf() {
    check_exact_range(None, true);
}

#[test]
fn unsupported_claim_has_an_exact_utf8_range_after_emoji_flags_cjk_and_crlf() {
    check_exact_range(Some(vec!["utf-8"]), false);
}

/// A deterministic stream of edits like fast typing: inserts, backspaces, replacements and
/// pastes with emoji, CJK and CRLF, several per notification, none waited for.
#[test]
fn many_rapid_incremental_edits_end_with_the_editors_text() {
    for (encoding, utf16) in [(None, true), (Some(vec!["utf-8"]), false)] {
        let dir = workspace("rapid");
        let mut options = Options::new(dir.path());
        options.encodings = encoding;
        let mut client = Client::start(options);
        let mut text = String::from("Start.\r\n");
        let uri = client.open(&dir.path().join("draft.md"), &text);
        let pieces = ["a", "😀", "中", "🇦🇲", " ", ".", "\r\n", "é", "bc", "\n"];
        let mut seed: u64 = 0x5eed;
        let mut rand = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        let mut version = 1;
        for _ in 0..400 {
            let mut changes = Vec::new();
            for _ in 0..1 + rand(3) {
                let chars: Vec<(usize, char)> = text.char_indices().collect();
                let pick = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
                let a = rand(chars.len() + 1);
                let (start, end) = match rand(4) {
                    0 if a < chars.len() => (pick(a), pick(a + 1)), // delete one char
                    1 => (pick(a), pick((a + 1 + rand(4)).min(chars.len()))),
                    _ => (pick(a), pick(a)),
                };
                // never split a CRLF pair: editors don't
                if text[..start].ends_with('\r') || (end > 0 && text[..end].ends_with('\r')) {
                    continue;
                }
                let insert = pieces[rand(pieces.len())];
                let edit = json!({
                    "range": {"start": pos(&text, start, utf16), "end": pos(&text, end, utf16)},
                    "text": insert
                });
                text.replace_range(start..end, insert);
                changes.push(edit);
            }
            version += 1;
            client.change(&uri, version, Value::Array(changes));
        }
        let server = client.server_text(&uri);
        assert_eq!(server["version"], version);
        assert_eq!(server["text"].as_str().unwrap(), text);
        // diagnostics arrive for the last version; any published on the way are in order
        client.diagnostics(&uri, version);
        let versions: Vec<i64> = client
            .seen
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .filter_map(|m| m["params"]["version"].as_i64())
            .collect();
        assert!(versions.windows(2).all(|w| w[0] <= w[1]), "{versions:?}");
    }
}

fn pos(text: &str, at: usize, utf16: bool) -> Value {
    let line = text[..at].matches('\n').count();
    json!({"line": line, "character": common::column(text, at, utf16)})
}

#[test]
fn diagnostics_follow_edits_with_their_version() {
    let dir = workspace("versions");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    let at = |d: &[Value], r: (u64, u64, u64, u64)| {
        d.iter()
            .any(|d| range(&d["range"]) == r && d["code"] == "unsupported")
    };
    let claim_len = ABSENT.len() as u64;
    assert!(at(&client.diagnostics(&uri, 1), (0, 0, 0, claim_len)));
    // a heading and a blank line typed above the claim move it two lines down
    client.change(&uri, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# Title\n\n"}]));
    let d = client.diagnostics(&uri, 2);
    assert!(at(&d, (2, 0, 2, claim_len)), "{d:#?}");
    assert!(!at(&d, (0, 0, 0, claim_len)), "{d:#?}");
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
}

#[test]
fn shutdown_then_exit_ends_promptly_with_code_0() {
    let dir = workspace("exit");
    let mut client = Client::start(Options::new(dir.path()));
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    client.diagnostics(&uri, 1);
    let start = Instant::now();
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let dir = workspace("exit1");
    let mut client = Client::start(Options::new(dir.path()));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
// The panic switch exists only in debug builds (the README's test command).
#[cfg_attr(
    not(debug_assertions),
    ignore = "CORROBORATE_DEBUG_PANIC needs a debug build"
)]
fn a_panic_in_a_request_answers_an_error_and_the_server_goes_on() {
    let dir = workspace("panic");
    let mut options = Options::new(dir.path());
    options.env.push(("CORROBORATE_DEBUG_PANIC", "hover"));
    let mut client = Client::start(options);
    let uri = client.open(&dir.path().join("draft.md"), ABSENT);
    client.diagnostics(&uri, 1);
    let error = client.hover(&uri, 0, 3).unwrap_err();
    assert_eq!(error["code"], -32603, "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("hover"),
        "{error}"
    );
    // still serving: edits are checked and other requests answered
    client.change(
        &uri,
        2,
        json!([{"text": format!("{ABSENT}\n\nAnother claim about Venus rain in 2040.")}]),
    );
    assert_eq!(client.diagnostics(&uri, 2).len(), 2);
    client
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
        )
        .expect("definition still answered");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
