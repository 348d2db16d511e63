use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use corroborate::engine::{Engine, MatchSettings};
use corroborate::text::DraftSentence;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A corpus folder or file; repeatable.
    #[arg(long = "corpus", value_name = "PATH", required = true)]
    pub corpus: Vec<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// The sentence to explain.
    pub sentence: String,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let (engine, warnings) =
        Engine::load(&args.corpus, MatchSettings::default()).context("loading the corpus")?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let sentence = DraftSentence::plain(&args.sentence, 0);
    let judgement = engine.judge(&sentence);
    println!("verdict: {} — {}", judgement.verdict, judgement.reason);
    for c in engine.explain(&args.sentence).into_iter().take(args.top) {
        let s = engine.corpus.sentence(c.sentence);
        let doc = engine.corpus.document(s.primary().doc);
        println!(
            "\n{:.2} (draft {:.2}, source {:.2}, copy {:.2})  {}:{}\n  | {}",
            c.score,
            c.draft_coverage,
            c.source_coverage,
            c.copy_ratio,
            doc.rel_path,
            s.primary().line,
            s.text
        );
        if !c.missing_terms.is_empty() {
            println!("  missing: {}", c.missing_terms.join(", "));
        }
        for d in &c.differences {
            println!("  differs: {d}");
        }
        if !c.unmatched_numbers.is_empty() {
            println!(
                "  numbers the source lacks: {}",
                c.unmatched_numbers.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
