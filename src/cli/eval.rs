use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use corroborate::engine::{Engine, MatchSettings};
use corroborate::eval::{self, CaseResult, Outcome, Scorecard};
use corroborate::semantic::Embeddings;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The evaluation folder holding cases.jsonl and drafts/.
    #[arg(long, default_value = "../shared/eval/dev")]
    pub set: PathBuf,
    /// The corpus the set was written against.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// Also list every case the tool got wrong, with what it said.
    #[arg(long, short)]
    pub verbose: bool,
    /// Score with this support threshold instead of the default (to study the trade-off).
    #[arg(long, value_name = "0..1")]
    pub supported_threshold: Option<f32>,
    /// Score with this support threshold on the embedding cosine instead of the default.
    #[arg(long, value_name = "0..1")]
    pub semantic_threshold: Option<f32>,
    /// With --verbose, list every case, not only the wrong ones.
    #[arg(long)]
    pub all: bool,
    /// The folder of the sentence-embedding model (default: where `corroborate model
    /// install` puts it). Without an installed model the set is scored on words alone.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Score on words alone, even if the model is installed.
    #[arg(long, conflicts_with = "compare")]
    pub no_model: bool,
    /// Score twice, on words alone and with the model, and print the two side by side.
    #[arg(long)]
    pub compare: bool,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let mut settings = MatchSettings::default();
    if let Some(t) = args.supported_threshold {
        settings.supported_threshold = t;
    }
    if let Some(t) = args.semantic_threshold {
        settings.semantic_threshold = t;
    }
    let (engine, warnings) = Engine::load(std::slice::from_ref(&args.corpus), settings)
        .with_context(|| format!("loading the corpus {}", args.corpus.display()))?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    // Words alone first: the engine weighs embeddings only once they are all in.
    let lexical = eval::run(&engine, &args.set)?;
    if args.no_model {
        return report(&args, &lexical, None);
    }
    let embeddings = match Embeddings::load(args.model.as_deref()) {
        Ok(e) => e,
        Err(e) if args.compare || args.model.is_some() => {
            bail!("{e}\n(install it with `corroborate model install`)")
        }
        Err(e) => {
            eprintln!("note: scoring on words alone ({e})");
            return report(&args, &lexical, None);
        }
    };
    eprintln!("note: with the model {}", embeddings.description());
    engine.embed_sources(&embeddings, &mut |_, _| {}, &|| false)?;
    for draft in eval::drafts(&args.set)? {
        engine.embed_draft(&embeddings, &draft)?;
    }
    let semantic = eval::run(&engine, &args.set)?;
    report(&args, &semantic, args.compare.then_some(&lexical))
}

/// The failures (with --verbose) of `results`, then the table; with `words_alone`, the table
/// has its scores beside those of `results`.
fn report(
    args: &EvalArgs,
    results: &[CaseResult],
    words_alone: Option<&[CaseResult]>,
) -> anyhow::Result<ExitCode> {
    if args.verbose {
        for r in results
            .iter()
            .filter(|r| args.all || r.outcome != Outcome::Right)
        {
            outln!(
                "{} {} [{} {}] got {} — {}\n    {}\n    best: {} {}\n",
                if r.outcome == Outcome::Right {
                    "ok "
                } else {
                    "BAD"
                },
                r.case.id,
                r.case.label,
                r.case.difficulty.as_deref().unwrap_or(""),
                r.verdict.map_or("nothing", |v| v.as_str()),
                r.reason,
                r.case.text,
                r.best_documents.join(","),
                r.best_text.as_deref().unwrap_or("-"),
            )?;
        }
    }
    let card = Scorecard::from_results(results);
    match words_alone {
        Some(lexical) => {
            let lexical = Scorecard::from_results(lexical);
            out!(
                "{}",
                Scorecard::side_by_side(&[("words alone", &lexical), ("with the model", &card)])
            )?;
        }
        None => out!("{}", card.table())?,
    }
    Ok(ExitCode::SUCCESS)
}
