//! The benchmark itself: build the index at each size, check a draft against the largest,
//! time the real binary on the demo corpus, and read memory as it goes. Returns the rows
//! of the table; printing is the CLI's business.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::engine::{Engine, MatchSettings};

use super::draft::draft;
use super::generate::generate;
use super::process;
use super::vocabulary::Vocabulary;

/// Content word types of the synthetic vocabulary (names and actor names come on top).
pub const WORD_TYPES: usize = 30_000;
pub const BUILD_TARGET: f64 = 100_000.0;
pub const DRAFT_TARGET: Duration = Duration::from_secs(1);
pub const CLI_TARGET: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct Settings {
    /// Index sizes to time the build at, ascending; the draft is checked against the last.
    pub sizes: Vec<usize>,
    pub seed: u64,
    pub draft_words: usize,
    /// Times the draft is checked: the first (cold) is the figure, the median of the others
    /// is reported as the re-check.
    pub draft_runs: usize,
    pub cli: Option<CliRun>,
    /// The real binary with the sentence-embedding model on (its cache warm).
    pub cli_with_model: Option<CliRun>,
    /// The model, when installed: its rows are measured against the largest index.
    pub semantic: Option<std::sync::Arc<crate::semantic::Embeddings>>,
}

/// The real binary run end to end, as a user runs it.
#[derive(Debug, Clone)]
pub struct CliRun {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub warmup: usize,
    pub runs: usize,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub figure: String,
    pub value: String,
    /// Empty when the figure has no target (it is reported for information).
    pub target: String,
    pub pass: Option<bool>,
}

impl Row {
    pub(crate) fn info(figure: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            figure: figure.into(),
            value: value.into(),
            target: String::new(),
            pass: None,
        }
    }
}

pub fn run(settings: &Settings, progress: &mut dyn FnMut(&str)) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut whole_run_peak = 0u64;
    let vocab = Vocabulary::new(settings.seed, WORD_TYPES);
    let mut largest: Option<Engine> = None;
    for (i, &size) in settings.sizes.iter().enumerate() {
        progress(&format!(
            "generating {} sentences (seed {})",
            thousands(size),
            settings.seed
        ));
        let started = Instant::now();
        let corpus = generate(&vocab, settings.seed, size).corpus;
        let words: usize = corpus
            .sentences
            .iter()
            .map(|s| s.text.split_whitespace().count())
            .sum();
        progress(&format!(
            "  {} documents, {:.1} words per sentence, generated in {:.1} s",
            thousands(corpus.documents.len()),
            words as f64 / size.max(1) as f64,
            started.elapsed().as_secs_f64()
        ));
        // The previous size's engine was dropped at the end of its turn, so its pages are
        // not in this build's peak.
        note_peak(&mut whole_run_peak);
        let peak_resets = process::reset_peak();
        let before = process::resident();
        progress(&format!(
            "building the index of {} sentences",
            thousands(size)
        ));
        let cpu_before = process::cpu_time();
        let started = Instant::now();
        let engine = Engine::build(corpus, MatchSettings::default());
        let elapsed = started.elapsed();
        let cpu = cpu_before
            .zip(process::cpu_time())
            .map(|(a, b)| b.saturating_sub(a));
        let after = process::resident();
        let build_peak = process::peak();
        note_peak(&mut whole_run_peak);
        let rate = size as f64 / elapsed.as_secs_f64().max(1e-9);
        rows.push(Row {
            figure: format!("index build, {} sentences", thousands(size)),
            value: format!(
                "{} sentences/s ({:.2} s{})",
                thousands(rate as usize),
                elapsed.as_secs_f64(),
                cpu.map_or(String::new(), |c| format!(", {:.2} s CPU", c.as_secs_f64()))
            ),
            target: format!("≥ {} sentences/s", thousands(BUILD_TARGET as usize)),
            pass: Some(rate >= BUILD_TARGET),
        });
        if i + 1 == settings.sizes.len() {
            rows.push(analysis_alone(&engine));
            let per = |bytes: u64| {
                format!(
                    "{} B",
                    thousands((bytes as f64 / size.max(1) as f64).round() as usize)
                )
            };
            if let (Some(before), Some(peak)) = (before, build_peak) {
                let scope = if peak_resets {
                    "peak RSS during build"
                } else {
                    "peak RSS of the run"
                };
                rows.push(Row::info(
                    format!("memory per sentence, {scope} − RSS before"),
                    per(peak.saturating_sub(before)),
                ));
            }
            if let (Some(before), Some(after)) = (before, after) {
                rows.push(Row::info(
                    "memory per sentence, RSS after build − before",
                    per(after.saturating_sub(before)),
                ));
            }
            rows.push(Row::info(
                "memory per sentence, Index::heap_bytes()",
                per(engine.index().heap_bytes() as u64),
            ));
            largest = Some(engine);
        }
    }

    if let Some(engine) = &largest {
        let d = draft(&vocab, &engine.corpus, settings.seed, settings.draft_words);
        progress(&format!(
            "checking a {}-word draft ({} sentences: {} copied, {} quoted/cited, {} paraphrased, {} conflicting, {} new)",
            thousands(d.words),
            d.mix.sentences(),
            d.mix.copied,
            d.mix.quoted_or_cited,
            d.mix.paraphrased,
            d.mix.conflicting,
            d.mix.novel
        ));
        // The first check analyses every candidate source sentence (the judge caches them
        // per engine); later checks of the same draft reuse those, as an editor's re-check
        // does. The target is on the first: it is what `corroborate check` pays.
        let timed = |engine: &Engine| {
            let cpu_before = process::cpu_time();
            let started = Instant::now();
            let checked = engine.check_markdown(&d.markdown);
            let wall = started.elapsed();
            let cpu = cpu_before
                .zip(process::cpu_time())
                .map(|(a, b)| b.saturating_sub(a));
            (checked, wall, cpu)
        };
        let (checked, first, first_cpu) = timed(engine);
        let mut verdicts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for c in &checked {
            *verdicts.entry(c.judgement.verdict.as_str()).or_default() += 1;
        }
        let cpu_note =
            |cpu: Option<Duration>| cpu.map_or(String::new(), |c| format!("; CPU {}", millis(c)));
        rows.push(Row {
            figure: format!(
                "check_markdown, {}-word draft vs {} sentences",
                thousands(d.words),
                thousands(engine.corpus.sentences.len())
            ),
            value: format!("{}{}", millis(first), cpu_note(first_cpu)),
            target: format!("≤ {}", millis(DRAFT_TARGET)),
            pass: Some(first <= DRAFT_TARGET),
        });
        let (search, search_cpu) = search_alone(engine, &d.markdown);
        let share = match (search_cpu, first_cpu) {
            (Some(part), Some(whole)) => part.as_secs_f64() / whole.as_secs_f64().max(1e-9),
            _ => search.as_secs_f64() / first.as_secs_f64().max(1e-9),
        };
        rows.push(Row::info(
            "  of which analysis + index search of each sentence",
            format!(
                "{}{} ({:.0}% of the check)",
                millis(search),
                cpu_note(search_cpu),
                100.0 * share
            ),
        ));
        let mut again: Vec<Duration> = (1..settings.draft_runs).map(|_| timed(engine).1).collect();
        if !again.is_empty() {
            rows.push(Row::info(
                "  re-check of the same draft (source analyses cached)",
                format!("{} (median of {})", millis(median(&mut again)), again.len()),
            ));
        }
        let tally: Vec<String> = verdicts.iter().map(|(v, n)| format!("{n} {v}")).collect();
        rows.push(Row::info("  verdicts on the draft", tally.join(", ")));
        if let Some(model) = &settings.semantic {
            rows.extend(super::semantic::rows(
                engine,
                model,
                &d.markdown,
                settings.seed,
                progress,
            ));
        }
    }
    drop(largest);

    if let Some(cli) = &settings.cli {
        progress(&format!(
            "running `{} {}` {} times",
            cli.program.display(),
            cli.args
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            cli.runs
        ));
        rows.push(match time_cli(cli) {
            Ok(mut times) => {
                let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
                let median = median(&mut times);
                Row {
                    figure: "`corroborate check` on the demo corpus, process start to exit".into(),
                    value: format!(
                        "median {}, mean {} ({} runs)",
                        millis(median),
                        millis(mean),
                        times.len()
                    ),
                    target: format!("≤ {}", millis(CLI_TARGET)),
                    pass: Some(median <= CLI_TARGET),
                }
            }
            Err(reason) => Row {
                figure: "`corroborate check` on the demo corpus, process start to exit".into(),
                value: format!("failed: {reason}"),
                target: format!("≤ {}", millis(CLI_TARGET)),
                pass: Some(false),
            },
        });
    }
    if let Some(cli) = &settings.cli_with_model {
        progress(&format!(
            "running the same check with the model {} times",
            cli.runs
        ));
        let figure = "`corroborate check` on the demo corpus with the model (warm cache)";
        rows.push(match time_cli(cli) {
            Ok(mut times) => Row::info(
                figure,
                format!(
                    "median {} ({} runs)",
                    millis(median(&mut times)),
                    times.len()
                ),
            ),
            Err(reason) => Row::info(figure, format!("failed: {reason}")),
        });
    }

    note_peak(&mut whole_run_peak);
    if whole_run_peak > 0 {
        rows.push(Row::info(
            "peak resident memory of the whole bench run (VmHWM)",
            format!("{} MiB", thousands((whole_run_peak >> 20) as usize)),
        ));
    }
    rows
}

/// Sentences timed for the analysis-alone figure.
const ANALYSIS_SAMPLE: usize = 20_000;
/// Candidates the judge asks the index for (its `CANDIDATES`).
const JUDGE_CANDIDATES: usize = 40;

/// CPU cost of the analyzer alone on one thread, the bulk of the index build: shows how
/// much of the build is analysis (src/terms) and how much the index itself.
fn analysis_alone(engine: &Engine) -> Row {
    let sample = &engine.corpus.sentences[..engine.corpus.sentences.len().min(ANALYSIS_SAMPLE)];
    let cpu_before = process::cpu_time();
    let started = Instant::now();
    let mut terms = 0usize;
    for s in sample {
        terms += engine.analyzer().analyze(&s.text).terms.len();
    }
    // CPU time where the process reports it: the machine may be shared, and this runs on
    // one thread, so CPU time is what the analyzer costs; wall time otherwise.
    let elapsed = cpu_before
        .zip(process::cpu_time())
        .map_or(started.elapsed(), |(a, b)| b.saturating_sub(a));
    std::hint::black_box(terms);
    let per = elapsed.as_secs_f64() / sample.len().max(1) as f64;
    Row::info(
        "  of which Analyzer::analyze alone, one thread",
        format!(
            "{:.1} µs CPU/sentence ({} sentences/s per core)",
            per * 1e6,
            thousands((1.0 / per.max(1e-12)) as usize)
        ),
    )
}

/// Time the draft's sentences take to analyse and search, without the judge's comparison
/// of each candidate.
fn search_alone(engine: &Engine, markdown: &str) -> (Duration, Option<Duration>) {
    let sentences = crate::text::draft_sentences(markdown);
    let cpu_before = process::cpu_time();
    let started = Instant::now();
    for s in &sentences {
        let analysis = engine.analyzer().analyze(&s.text);
        std::hint::black_box(engine.index().search(&analysis, JUDGE_CANDIDATES));
    }
    let cpu = cpu_before
        .zip(process::cpu_time())
        .map(|(a, b)| b.saturating_sub(a));
    (started.elapsed(), cpu)
}

fn note_peak(peak: &mut u64) {
    *peak = (*peak).max(process::peak().unwrap_or(0));
}

/// Wall times of the runs after the warm-up ones. Exit codes 0 and 1 are the check's
/// answers; anything else is a failure, reported with the first line it printed.
fn time_cli(cli: &CliRun) -> Result<Vec<Duration>, String> {
    let mut times = Vec::new();
    for run in 0..cli.warmup + cli.runs.max(1) {
        let started = Instant::now();
        let output = Command::new(&cli.program)
            .args(&cli.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", cli.program.display()))?;
        let elapsed = started.elapsed();
        if !matches!(output.status.code(), Some(0 | 1)) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!(
                "{} ({})",
                stderr.lines().next().unwrap_or("no message"),
                output.status
            ));
        }
        if run >= cli.warmup {
            times.push(elapsed);
        }
    }
    Ok(times)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

pub fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(millis(Duration::from_micros(4_250)), "4.2 ms");
        assert_eq!(millis(Duration::from_millis(312)), "312 ms");
        assert_eq!(millis(Duration::from_millis(1_500)), "1.50 s");
    }

    #[test]
    fn a_small_run_reports_every_figure() {
        let settings = Settings {
            sizes: vec![2_000, 5_000],
            seed: 3,
            draft_words: 600,
            draft_runs: 1,
            cli: None,
            cli_with_model: None,
            semantic: None,
        };
        let rows = run(&settings, &mut |_| {});
        let figures: Vec<&str> = rows.iter().map(|r| r.figure.as_str()).collect();
        assert!(figures[0].starts_with("index build, 2,000"), "{figures:?}");
        assert!(figures[1].starts_with("index build, 5,000"), "{figures:?}");
        assert!(
            figures.iter().any(|f| f.contains("heap_bytes")),
            "{figures:?}"
        );
        let check = rows
            .iter()
            .find(|r| r.figure.starts_with("check_markdown"))
            .expect("a draft check row");
        assert!(
            check.figure.contains("vs 5,000 sentences"),
            "{}",
            check.figure
        );
        assert!(check.pass.is_some());
        let verdicts = rows
            .iter()
            .find(|r| r.figure.contains("verdicts"))
            .expect("a verdict tally");
        assert!(verdicts.value.contains("skipped"), "{}", verdicts.value);
    }

    #[test]
    fn a_failing_program_is_reported_not_timed() {
        let cli = CliRun {
            program: PathBuf::from("/nonexistent/corroborate"),
            args: vec![],
            warmup: 0,
            runs: 2,
        };
        assert!(time_cli(&cli).is_err());
    }
}
