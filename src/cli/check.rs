use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::Format;

pub fn run(
    corpus: &[PathBuf],
    config: Option<&Path>,
    format: Format,
    files: &[PathBuf],
) -> anyhow::Result<ExitCode> {
    let _ = (corpus, config, format, files);
    anyhow::bail!("check: not yet implemented")
}
