use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The evaluation folder holding cases.jsonl and drafts/.
    #[arg(long, default_value = "../shared/eval/dev")]
    pub set: PathBuf,
    /// The corpus the set was written against.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("eval: not yet implemented")
}
