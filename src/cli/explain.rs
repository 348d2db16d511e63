use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use corroborate::engine::{Engine, MatchSettings};
use corroborate::semantic::Embeddings;
use corroborate::text::DraftSentence;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A corpus folder or file; repeatable.
    #[arg(long = "corpus", value_name = "PATH", required = true)]
    pub corpus: Vec<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// The folder of the sentence-embedding model (default: where `corroborate model
    /// install` puts it); without one, candidates are weighed on words alone.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Weigh words alone even if the model is installed.
    #[arg(long)]
    pub no_model: bool,
    /// The sentence to explain.
    pub sentence: String,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let (engine, warnings) =
        Engine::load(&args.corpus, MatchSettings::default()).context("loading the corpus")?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    if !args.no_model {
        match Embeddings::load(args.model.as_deref()) {
            Ok(model) => {
                engine.embed_sources(&model, &mut |_, _| {}, &|| false)?;
                engine.embed_sentences(&model, &[args.sentence.as_str()], &|| false)?;
                outln!("model: {}", model.description())?;
            }
            Err(e) => outln!("model: none, words alone ({e})")?,
        }
    }
    let sentence = DraftSentence::plain(&args.sentence, 0);
    let judgement = engine.judge(&sentence);
    outln!("verdict: {} — {}", judgement.verdict, judgement.reason)?;
    for c in engine.explain(&args.sentence).into_iter().take(args.top) {
        let s = engine.corpus.sentence(c.sentence);
        let doc = engine.corpus.document(s.primary().doc);
        outln!(
            "\n{:.2}{} (draft {:.2}, source {:.2}, copy {:.2})  {}:{}\n  | {}",
            c.score,
            match (c.cosine, c.static_cosine) {
                (Some(cos), _) => format!(" cosine {cos:.2}"),
                (None, Some(cos)) => format!(" static cosine {cos:.2}"),
                (None, None) => String::new(),
            },
            c.draft_coverage,
            c.source_coverage,
            c.copy_ratio,
            doc.rel_path,
            s.primary().line,
            s.text
        )?;
        if !c.missing_terms.is_empty() {
            outln!("  missing: {}", c.missing_terms.join(", "))?;
        }
        if !c.unmatched_names.is_empty() {
            outln!("  names the source lacks: {}", c.unmatched_names.join(", "))?;
        }
        for d in &c.differences {
            outln!("  differs: {d}")?;
        }
        if let Some(h) = &c.other_holder {
            outln!("  the same view held by another (no support): {h}")?;
        }
        if !c.unmatched_numbers.is_empty() {
            outln!(
                "  numbers the source lacks: {}",
                c.unmatched_numbers.join(", ")
            )?;
        }
        if !c.unmentioned_by_document.is_empty() {
            outln!(
                "  names its document never mentions (no support): {}",
                c.unmentioned_by_document.join(", ")
            )?;
        }
        if !c.numbers_out_of_context.is_empty() {
            outln!(
                "  numbers not in the sentence, its neighbours or its document's date (no support): {}",
                c.numbers_out_of_context.join(", ")
            )?;
        }
        if let Some(share) = c.reported_content {
            outln!(
                "  the source is a report: it states {share:.2} of the reported content ({:.2} needed)",
                corroborate::judge::REPORTED_CONTENT_FLOOR
            )?;
        }
        if let Some(cosine) = c.reported_content_cosine {
            outln!(
                "  … or in other words: the reported content's cosine with it is {cosine:.2} ({:.2} needed)",
                corroborate::judge::REPORTED_CONTENT_COSINE
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
