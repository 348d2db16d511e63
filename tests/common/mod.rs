//! A small LSP client for the integration tests: spawns the real `corroborate lsp`, speaks
//! JSON-RPC over its stdio, answers the server's own requests as an editor would, and waits
//! for messages with a timeout (never an unbounded sleep).

#![allow(dead_code)] // each test binary uses a different part

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub mod gabuev;

/// Long enough for a debug build on a busy 2-core machine; a healthy server answers in ms.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Whether the sentence-embedding model is installed for the tests that need it. Without it
/// they say they are skipped and pass, unless `CORROBORATE_REQUIRE_MODEL=1` (CI), which makes
/// a missing model a failure.
pub fn model_installed() -> bool {
    match corroborate::semantic::ModelFiles::locate(None) {
        Ok(_) => true,
        Err(e) if std::env::var("CORROBORATE_REQUIRE_MODEL").is_ok_and(|v| v == "1") => {
            panic!("CORROBORATE_REQUIRE_MODEL=1 but the model is not installed: {e}")
        }
        Err(e) => {
            eprintln!("skipped: no sentence-embedding model ({e})");
            false
        }
    }
}

/// The demo corpus beside the repository (read-only).
pub fn shared_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// A folder under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// Canonical, so that paths the binary prints compare equal.
    pub fn new(name: &str) -> TempDir {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "corroborate-test-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir.canonicalize().unwrap())
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` at `rel`, creating folders; returns the full path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for ch in path.to_string_lossy().chars() {
        match ch {
            ' ' => s.push_str("%20"),
            '#' => s.push_str("%23"),
            '%' => s.push_str("%25"),
            _ => s.push(ch),
        }
    }
    s
}

/// How the pretend editor introduces itself.
#[derive(Clone)]
pub struct Options {
    /// `general.positionEncodings`, e.g. `["utf-8", "utf-16"]`; `None` leaves it out.
    pub encodings: Option<Vec<&'static str>>,
    pub init_options: Value,
    /// Answer to `workspace/configuration` (per item); `None`: the client does not pull.
    pub configuration: Option<Value>,
    pub markdown_hover: bool,
    pub progress: bool,
    pub watch_files: bool,
    pub document_changes: bool,
    pub folders: Vec<PathBuf>,
    pub env: Vec<(&'static str, &'static str)>,
}

impl Options {
    pub fn new(folder: &Path) -> Options {
        Options {
            encodings: None,
            init_options: Value::Null,
            configuration: None,
            markdown_hover: true,
            progress: false,
            watch_files: false,
            document_changes: false,
            folders: vec![folder.to_path_buf()],
            // Words alone unless a test asks for the model: the verdicts these tests expect
            // must not depend on whether this machine has it installed.
            env: vec![("CORROBORATE_MODEL", "off")],
        }
    }
}

pub struct Client {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Value>,
    /// Messages read while waiting for something else, oldest first.
    stash: VecDeque<Value>,
    /// Everything the server sent, for assertions about order and absence.
    pub seen: Vec<Value>,
    next_id: i64,
    pub configuration: Arc<Mutex<Option<Value>>>,
    pub initialize_result: Value,
}

fn send(stdin: &Mutex<ChildStdin>, message: &Value) {
    let body = serde_json::to_string(message).unwrap();
    let mut w = stdin.lock().unwrap();
    // A server that already exited closes its stdin; the test notices on the next wait.
    let _ = write!(w, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = w.flush();
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    pub fn start(options: Options) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_corroborate"));
        cmd.args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in &options.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn corroborate lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let configuration = Arc::new(Mutex::new(options.configuration.clone()));
        let (tx, rx) = mpsc::channel();
        {
            let (stdin, configuration) = (stdin.clone(), configuration.clone());
            std::thread::spawn(move || {
                let mut r = BufReader::new(stdout);
                while let Some(msg) = read_message(&mut r) {
                    // Answer the server's requests at once, as an editor does.
                    if let (Some(id), Some(method)) = (msg.get("id"), msg["method"].as_str()) {
                        let result = match method {
                            "workspace/configuration" => {
                                let n = msg["params"]["items"].as_array().map_or(0, |a| a.len());
                                let answer =
                                    configuration.lock().unwrap().clone().unwrap_or(Value::Null);
                                Value::Array(vec![answer; n])
                            }
                            _ => Value::Null,
                        };
                        send(
                            &stdin,
                            &json!({"jsonrpc": "2.0", "id": id, "result": result}),
                        );
                    }
                    if tx.send(msg).is_err() {
                        break;
                    }
                }
            });
        }
        let mut client = Client {
            child,
            stdin,
            rx,
            stash: VecDeque::new(),
            seen: Vec::new(),
            next_id: 1,
            configuration,
            initialize_result: Value::Null,
        };
        let mut general = json!({});
        if let Some(enc) = &options.encodings {
            general["positionEncodings"] = json!(enc);
        }
        let hover_formats = if options.markdown_hover {
            json!(["markdown", "plaintext"])
        } else {
            json!(["plaintext"])
        };
        let folders: Vec<Value> = options
            .folders
            .iter()
            .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_string_lossy()}))
            .collect();
        let params = json!({
            "processId": std::process::id(),
            "rootUri": options.folders.first().map(|f| uri(f)),
            "workspaceFolders": folders,
            "initializationOptions": options.init_options,
            "capabilities": {
                "general": general,
                "window": {"workDoneProgress": options.progress},
                "workspace": {
                    "configuration": options.configuration.is_some(),
                    "didChangeConfiguration": {"dynamicRegistration": options.configuration.is_some()},
                    "didChangeWatchedFiles": {"dynamicRegistration": options.watch_files, "relativePatternSupport": true},
                    "workspaceEdit": {"documentChanges": options.document_changes},
                    "workspaceFolders": true
                },
                "textDocument": {
                    "hover": {"contentFormat": hover_formats},
                    "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
                    "synchronization": {"didSave": true}
                }
            }
        });
        let result = client.request("initialize", params).expect("initialize");
        client.initialize_result = result;
        client.notify("initialized", json!({}));
        client
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    /// Sends a request and waits for its answer: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        let answer = self.wait_for(&format!("answer to {method}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        });
        match answer.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(answer["result"].clone()),
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(m) => {
                self.seen.push(m.clone());
                Some(m)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The server's process id (to read its memory from /proc).
    #[allow(dead_code)] // used by the benchmark only
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The first message (stashed or new) matching `pred`; panics after [`TIMEOUT`].
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(TIMEOUT, &pred)
            .unwrap_or_else(|| panic!("timed out waiting for {what}; seen: {:#?}", self.seen))
    }

    /// Like [`wait_for`], `None` after `timeout`.
    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        pred: &dyn Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.stash.iter().position(pred) {
            return self.stash.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(m) = self.next(deadline) {
            if pred(&m) {
                return Some(m);
            }
            self.stash.push_back(m);
        }
        None
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let u = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": text}}),
        );
        u
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Result<Value, Value> {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// The server's copy of a draft (`corroborate/documentText`).
    pub fn server_text(&mut self, uri: &str) -> Value {
        self.request(
            "corroborate/documentText",
            json!({"textDocument": {"uri": uri}}),
        )
        .expect("documentText")
    }

    /// `shutdown` then `exit`; the exit status, waited for at most [`TIMEOUT`].
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null).expect("shutdown");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `m` publishes diagnostics for `uri` (any version).
pub fn is_publish_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// A range as `(start line, start char, end line, end char)`.
pub fn range(v: &Value) -> (u64, u64, u64, u64) {
    let n = |p: &str| v.pointer(p).and_then(Value::as_u64).unwrap_or(u64::MAX);
    (
        n("/start/line"),
        n("/start/character"),
        n("/end/line"),
        n("/end/character"),
    )
}

/// Column of byte offset `at` on its line, in UTF-16 units or bytes.
pub fn column(text: &str, at: usize, utf16: bool) -> u64 {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    if utf16 {
        prefix.encode_utf16().count() as u64
    } else {
        prefix.len() as u64
    }
}

/// The range of the first occurrence of `needle` in `text`, as an editor counts it.
pub fn range_of(text: &str, needle: &str, utf16: bool) -> (u64, u64, u64, u64) {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in draft"));
    let end = start + needle.len();
    let line = |at: usize| text[..at].matches('\n').count() as u64;
    (
        line(start),
        column(text, start, utf16),
        line(end),
        column(text, end, utf16),
    )
}

/// Applies LSP text edits (UTF-16 or UTF-8 columns) to `text`, as an editor does.
pub fn apply_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (
            pos["line"].as_u64().unwrap() as usize,
            pos["character"].as_u64().unwrap() as usize,
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' || c == '\r' {
                return start + i;
            }
            units += if utf16 { c.len_utf16() } else { c.len_utf8() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, usize, String)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                i,
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // from the end, so earlier offsets stay valid; same start: later-listed first
    spans.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)));
    let mut out = text.to_string();
    for (s, e, _, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// The engine's judgement of one sentence, given as a one-sentence Markdown draft.
pub fn check_one(
    engine: &corroborate::engine::Engine,
    sentence: &str,
) -> corroborate::engine::CheckedSentence {
    let checked = engine.check_markdown(sentence);
    assert_eq!(checked.len(), 1, "{sentence}");
    checked.into_iter().next().unwrap()
}

/// Asserts the engine's verdict on one sentence, showing the whole judgement when it differs.
pub fn assert_verdict(
    engine: &corroborate::engine::Engine,
    sentence: &str,
    expected: corroborate::judge::Verdict,
) {
    let checked = check_one(engine, sentence);
    assert_eq!(
        checked.judgement.verdict, expected,
        "{sentence}: {:?}",
        checked.judgement
    );
}

/// Asserts that no source makes the claim, that the reason says `why`, and that the source
/// shown as the near miss says `near_miss`.
pub fn assert_near_miss(
    engine: &corroborate::engine::Engine,
    sentence: &str,
    why: &str,
    near_miss: &str,
) {
    let checked = check_one(engine, sentence);
    let judgement = &checked.judgement;
    assert_eq!(
        judgement.verdict,
        corroborate::judge::Verdict::Unsupported,
        "{sentence}: {judgement:?}"
    );
    assert!(judgement.reason.contains(why), "{}", judgement.reason);
    let shown = judgement.matches.first().expect("a near miss is shown");
    let text = &engine.corpus.sentence(shown.sentence).text;
    assert!(text.contains(near_miss), "{text}");
}

/// The demo corpus with the installed model, its sources embedded.
pub fn demo_engine_with_model() -> (
    corroborate::engine::Engine,
    corroborate::semantic::Embeddings,
) {
    let (engine, _) = corroborate::engine::Engine::load(
        &[shared_corpus()],
        corroborate::engine::MatchSettings::default(),
    )
    .expect("the demo corpus loads");
    let model = corroborate::semantic::Embeddings::load(None).expect("the installed model loads");
    engine
        .embed_sources(&model, &mut |_, _| {}, &|| false)
        .expect("the sources embed");
    (engine, model)
}

/// Asserts that a source makes the claim: supported, or copied when it is close enough to
/// the source's words.
pub fn assert_a_source_makes(engine: &corroborate::engine::Engine, sentence: &str) {
    use corroborate::judge::Verdict;
    assert_verdict_among(engine, sentence, &[Verdict::Supported, Verdict::Copied]);
}

/// Asserts that the engine's verdict on one sentence is one of `expected`.
pub fn assert_verdict_among(
    engine: &corroborate::engine::Engine,
    sentence: &str,
    expected: &[corroborate::judge::Verdict],
) {
    let checked = check_one(engine, sentence);
    assert!(
        expected.contains(&checked.judgement.verdict),
        "{sentence}: {:?}",
        checked.judgement
    );
}

/// Writes each document (file name, paragraphs) into one corpus folder and loads it with
/// the default settings, words alone.
pub fn engine_of_documents(
    name: &str,
    documents: &[(&str, &[&str])],
) -> (TempDir, corroborate::engine::Engine) {
    let dir = TempDir::new(name);
    let folder: PathBuf = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    for (file, paragraphs) in documents {
        std::fs::write(folder.join(file), paragraphs.join("\n\n")).unwrap();
    }
    let settings = corroborate::engine::MatchSettings::default();
    let (engine, warnings) = corroborate::engine::Engine::load(&[folder], settings).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (dir, engine)
}

/// Every case scored, none missing, and each group and the precision of "unsupported" at
/// least at its floor.
pub fn assert_floors(
    card: &corroborate::eval::Scorecard,
    cases: usize,
    precision_floor: f64,
    floors: &[(&str, f64)],
) {
    assert_eq!(card.total, cases, "every case of the set is scored");
    assert_eq!(
        card.missing, 0,
        "no case sentence is missing from the output"
    );
    let precision = card.unsupported_precision.unwrap_or(0.0);
    assert!(
        precision >= precision_floor,
        "unsupported precision {precision:.2} fell below {precision_floor:.2}\n{}",
        card.table()
    );
    for &(group, floor) in floors {
        let got = card.accuracy(group).unwrap_or(0.0);
        assert!(
            got >= floor,
            "{group}: {got:.2} fell below {floor:.2}\n{}",
            card.table()
        );
    }
}
