use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BenchArgs {}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("bench: not yet implemented")
}
