//! Latency benchmark of the language server (not a timed test: it prints, it does not fail
//! on numbers). Run it against a release build:
//!
//!     cargo test --release --test lsp_bench -- --ignored --nocapture
//!
//! A ~5,000-word draft (the three dev eval drafts, repeated) is checked against the demo
//! corpus (../shared/corpus). It measures: open → first diagnostics; edit → published
//! diagnostics, minus the debounce; hover round trips. Numbers go to docs/benchmarks.md.
//!
//! Against a large synthetic corpus instead, written by `corroborate bench --write-corpus DIR`:
//!
//!     CORROBORATE_BENCH_CORPUS=DIR/corpus cargo test --release --test lsp_bench -- --ignored --nocapture
//!
//! With the sentence-embedding model on (installed, its cache warm or not): every edit then
//! embeds the edited sentence before publishing:
//!
//!     CORROBORATE_BENCH_MODEL=1 cargo test --release --test lsp_bench -- --ignored --nocapture

mod common;

use std::time::{Duration, Instant};

use common::{Client, Options, TempDir};
use serde_json::json;

fn draft_of_words(target: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev/drafts");
    let mut sources: Vec<_> = std::fs::read_dir(&dir)
        .expect("../shared/eval/dev/drafts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    sources.sort();
    let texts: Vec<String> = sources
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut draft = String::new();
    let mut round = 0;
    while draft.split_whitespace().count() < target {
        for t in &texts {
            draft.push_str(&format!("\n## Part {round}\n\n"));
            draft.push_str(t);
        }
        round += 1;
    }
    draft
}

fn stats(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<44} n={:<4} median {:>7.2} ms   p90 {:>7.2} ms   max {:>7.2} ms",
        samples.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.9).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3
    );
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn lsp_latency() {
    let dir = TempDir::new("bench");
    let mut options = Options::new(dir.path());
    let corpus = std::env::var("CORROBORATE_BENCH_CORPUS")
        .unwrap_or_else(|_| common::shared_corpus().display().to_string());
    println!("corpus: {corpus}");
    options.init_options = json!({"corpus": [corpus]});
    options.progress = true;
    let with_model = std::env::var("CORROBORATE_BENCH_MODEL").is_ok_and(|v| v == "1");
    if with_model {
        options.env.retain(|(k, _)| *k != "CORROBORATE_MODEL");
    }
    let mut client = Client::start(options);
    let indexing = Instant::now();
    client
        .try_wait_for(Duration::from_secs(600), &|m: &serde_json::Value| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        })
        .expect("the corpus is indexed within 10 minutes");
    println!(
        "corpus indexed in {:.1} s",
        indexing.elapsed().as_secs_f64()
    );
    if with_model {
        let end = client
            .try_wait_for(Duration::from_secs(3600), &|m: &serde_json::Value| {
                m["method"] == "$/progress"
                    && m["params"]["value"]["kind"] == "end"
                    && m["params"]["value"]["message"]
                        .as_str()
                        .is_some_and(|s| s.contains("embedded"))
            })
            .expect("the sources are embedded within an hour");
        println!(
            "sources embedded {:.1} s after start: {}",
            indexing.elapsed().as_secs_f64(),
            end["params"]["value"]["message"]
        );
    }

    let mut text = draft_of_words(5000);
    println!(
        "draft: {} words, {} bytes, {} lines",
        text.split_whitespace().count(),
        text.len(),
        text.lines().count()
    );
    let uri = common::uri(&dir.path().join("draft.md"));
    let start = Instant::now();
    client.open(&dir.path().join("draft.md"), &text);
    let first = client.diagnostics(&uri, 1);
    println!(
        "open -> first diagnostics (cold cache): {:.1} ms, {} diagnostics",
        start.elapsed().as_secs_f64() * 1e3,
        first.len()
    );
    if with_model {
        // A whole new draft is shown on words first, then re-published once its sentences
        // are embedded: wait for that before timing edits.
        let refined = client
            .try_wait_for(Duration::from_secs(600), &|m: &serde_json::Value| {
                common::is_publish_for(m, &uri) && m["params"]["version"] == 1
            })
            .expect("the draft refined with embeddings");
        println!(
            "open -> diagnostics with embeddings: {:.1} s, {} diagnostics",
            start.elapsed().as_secs_f64(),
            refined["params"]["diagnostics"]
                .as_array()
                .map_or(0, |a| a.len())
        );
    }

    // Edits: a word typed in the middle of a different long line each time.
    let debounce = corroborate::server::DEBOUNCE;
    let long_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.len() > 200)
        .map(|(i, _)| i)
        .collect();
    let mut edit_latency = Vec::new();
    for (n, &line) in long_lines.iter().cycle().take(30).enumerate() {
        let version = n as i64 + 2;
        let line_text = text.lines().nth(line).unwrap();
        let space = line_text[line_text.len() / 2..]
            .find(' ')
            .map(|i| i + line_text.len() / 2)
            .unwrap();
        let col = common::column(line_text, space, true);
        let edit = json!([{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": " indeed"}]);
        let sent = Instant::now();
        client.change(&uri, version, edit);
        client.diagnostics(&uri, version);
        edit_latency.push(sent.elapsed().saturating_sub(debounce));
        let offset: usize = text.lines().take(line).map(|l| l.len() + 1).sum::<usize>() + space;
        text.insert_str(offset, " indeed");
    }
    assert_eq!(client.server_text(&uri)["text"], text.as_str());
    stats(
        "edit -> published diagnostics (past debounce)",
        edit_latency,
    );

    let mut hover_latency = Vec::new();
    for (n, &line) in long_lines.iter().cycle().take(100).enumerate() {
        let sent = Instant::now();
        client
            .hover(&uri, line as u32, (n as u32 * 7) % 150)
            .unwrap();
        hover_latency.push(sent.elapsed());
    }
    stats("hover round trip", hover_latency);
    // The server's memory, from the kernel's own accounting (Linux).
    if let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", client.pid())) {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("server memory {line}");
        }
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
