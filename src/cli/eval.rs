use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use corroborate::engine::{Engine, MatchSettings};
use corroborate::eval::{self, Outcome, Scorecard};

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
    /// With --verbose, list every case, not only the wrong ones.
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let mut settings = MatchSettings::default();
    if let Some(t) = args.supported_threshold {
        settings.supported_threshold = t;
    }
    let (engine, warnings) = Engine::load(std::slice::from_ref(&args.corpus), settings)
        .with_context(|| format!("loading the corpus {}", args.corpus.display()))?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let results = eval::run(&engine, &args.set)?;
    if args.verbose {
        for r in results
            .iter()
            .filter(|r| args.all || r.outcome != Outcome::Right)
        {
            println!(
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
            );
        }
    }
    print!("{}", Scorecard::from_results(&results).table());
    Ok(ExitCode::SUCCESS)
}
