use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use anyhow::Context;
use corroborate::bench::{self, run::thousands, CliRun, Row, Settings, Vocabulary};
use corroborate::semantic::Embeddings;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Source sentences in the largest index [default: 1,000,000; 50,000 with --quick]. The
    /// build is also timed at 100,000 when this is larger.
    #[arg(long, value_name = "N")]
    pub sentences: Option<usize>,
    /// Seed of the synthetic corpus and draft: one seed, one corpus.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Words of the synthetic Markdown draft checked against the largest index.
    #[arg(long, value_name = "W", default_value_t = 5_000)]
    pub draft_words: usize,
    /// For CI: 50,000 sentences, one draft check, five runs of the binary; takes seconds.
    #[arg(long)]
    pub quick: bool,
    /// Write the synthetic corpus to DIR/corpus and the draft to DIR/draft.md instead of
    /// measuring (DIR must be new or empty).
    #[arg(long, value_name = "DIR")]
    pub write_corpus: Option<PathBuf>,
    /// The demo corpus the real binary is timed against.
    #[arg(long, value_name = "PATH", default_value = "../shared/corpus")]
    pub demo_corpus: PathBuf,
    /// The draft the real binary checks.
    #[arg(long, value_name = "FILE", default_value = "examples/draft.md")]
    pub demo_draft: PathBuf,
    /// Timed runs of the real binary (0 skips it) [default: 30; 5 with --quick].
    #[arg(long, value_name = "N")]
    pub cli_runs: Option<usize>,
    /// The folder of the sentence-embedding model (default: where `corroborate model
    /// install` puts it). When installed, its throughput, vector store and a check with it
    /// on are measured too.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Leave the model out even if it is installed.
    #[arg(long)]
    pub no_model: bool,
}

const SMALL_SIZE: usize = 100_000;

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let largest = args
        .sentences
        .unwrap_or(if args.quick { 50_000 } else { 1_000_000 })
        .max(1);
    if let Some(dir) = &args.write_corpus {
        return write(dir, largest, args.seed, args.draft_words);
    }
    let sizes = if largest > SMALL_SIZE && !args.quick {
        vec![SMALL_SIZE, largest]
    } else {
        vec![largest]
    };
    let cli_runs = args.cli_runs.unwrap_or(if args.quick { 5 } else { 30 });
    let mut notes = Vec::new();
    let cli = if cli_runs == 0 {
        None
    } else if !args.demo_corpus.exists() || !args.demo_draft.exists() {
        notes.push(format!(
            "the real binary was not timed: {} or {} is missing",
            args.demo_corpus.display(),
            args.demo_draft.display()
        ));
        None
    } else {
        // The target is on words alone (the core's promise); the model's run is extra.
        let mut cli_args: Vec<OsString> = vec!["check".into(), "--no-model".into()];
        cli_args.extend(["--corpus".into(), args.demo_corpus.clone().into()]);
        cli_args.push(args.demo_draft.clone().into());
        Some(CliRun {
            program: std::env::current_exe().context("finding this program to time it")?,
            args: cli_args,
            warmup: 3,
            runs: cli_runs,
        })
    };
    let semantic = if args.no_model {
        None
    } else {
        match Embeddings::load(args.model.as_deref()) {
            Ok(model) => Some(Arc::new(model)),
            Err(e) => {
                notes.push(format!("the model was not measured: {e}"));
                None
            }
        }
    };
    let cli_with_model = match (&cli, &semantic) {
        (Some(cli), Some(_)) => {
            let mut args_with_model: Vec<OsString> = vec!["check".into()];
            if let Some(dir) = &args.model {
                args_with_model.extend(["--model".into(), dir.clone().into()]);
            }
            args_with_model.extend(cli.args.iter().skip(2).cloned());
            Some(CliRun {
                program: cli.program.clone(),
                args: args_with_model,
                warmup: 3,
                runs: cli.runs.min(10),
            })
        }
        _ => None,
    };
    let settings = Settings {
        sizes,
        seed: args.seed,
        draft_words: args.draft_words,
        draft_runs: if args.quick { 1 } else { 3 },
        cli,
        cli_with_model,
        semantic,
    };
    let rows = bench::run(&settings, &mut |line| eprintln!("{line}"));
    let mut out = table(&rows);
    for note in notes {
        out.push_str(&format!("note: {note}\n"));
    }
    emit(&out)
}

/// Prints to stdout; a reader that closed the pipe (`| head`) already has what it wanted.
fn emit(text: &str) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("writing the table: {e}"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn write(
    dir: &std::path::Path,
    sentences: usize,
    seed: u64,
    draft_words: usize,
) -> anyhow::Result<ExitCode> {
    let vocab = Vocabulary::new(seed, bench::run::WORD_TYPES);
    let synthetic = bench::generate(&vocab, seed, sentences);
    let corpus_dir = dir.join("corpus");
    bench::write_corpus(&synthetic, &corpus_dir)?;
    let draft = bench::draft(&vocab, &synthetic.corpus, seed, draft_words);
    let draft_path = dir.join("draft.md");
    std::fs::write(&draft_path, &draft.markdown)
        .with_context(|| format!("writing {}", draft_path.display()))?;
    emit(&format!(
        "wrote {} sentences in {} documents to {} and a {}-word draft to {}\ntry: corroborate check --corpus {} {}\n",
        thousands(sentences),
        thousands(synthetic.corpus.documents.len()),
        corpus_dir.display(),
        thousands(draft.words),
        draft_path.display(),
        corpus_dir.display(),
        draft_path.display()
    ))
}

/// The rows as an aligned plain-text table.
fn table(rows: &[Row]) -> String {
    let header = ["figure", "value", "target", "result"];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            let result = match r.pass {
                Some(true) => "pass",
                Some(false) => "FAIL",
                None => "",
            };
            [
                r.figure.clone(),
                r.value.clone(),
                r.target.clone(),
                result.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(cell);
            if i < 3 {
                s.push_str(&" ".repeat(w - cell.chars().count()));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    out.push_str(&line(
        widths.map(|w| "-".repeat(w)).each_ref().map(String::as_str),
    ));
    for row in &cells {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}
