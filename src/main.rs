//! The command line: `check` for shells and CI, `lsp` for editors, `eval` and `bench` for
//! measuring. Every subcommand is thin: the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod cli;

// Analysis makes many small strings; mimalloc frees them for less than glibc does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Which sources support, contradict or were copied by each sentence of your draft"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check Markdown drafts against the corpus. Exit 0: nothing to look at; 1: some sentence
    /// is unsupported, conflicting or copied; 2: an error.
    Check {
        /// A corpus folder (searched recursively) or file; repeatable. Default: `corpus` in
        /// the nearest corroborate.toml.
        #[arg(long = "corpus", value_name = "PATH")]
        corpus: Vec<PathBuf>,
        /// A corroborate.toml to use instead of the one found beside the draft.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Text format: also show skipped sentences (headings, questions, meta text).
        #[arg(short, long)]
        verbose: bool,
        /// The folder of the sentence-embedding model (default: where `corroborate model
        /// install` puts it, or `[model] path` in corroborate.toml).
        #[arg(long, value_name = "DIR", conflicts_with = "no_model")]
        model: Option<PathBuf>,
        /// Judge on words alone, even if the model is installed.
        #[arg(long)]
        no_model: bool,
        /// The drafts to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted and ignored: VS Code's client appends it.
        #[arg(long)]
        stdio: bool,
    },
    /// Show the candidate sources the judge weighs for one sentence, and why.
    Explain(cli::explain::ExplainArgs),
    /// Score the labelled evaluation set (../shared/eval/dev) and print the table.
    Eval(cli::eval::EvalArgs),
    /// Measure index build, matching and memory on a seeded synthetic corpus.
    Bench(cli::bench::BenchArgs),
    /// Install or inspect the optional sentence-embedding model (all-MiniLM-L6-v2).
    Model(cli::model::ModelArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            corpus,
            config,
            format,
            verbose,
            model,
            no_model,
            files,
        } => cli::check::run(cli::check::CheckArgs {
            corpus: &corpus,
            config: config.as_deref(),
            format,
            verbose,
            model: model.as_deref(),
            no_model,
            files: &files,
        }),
        Command::Lsp { stdio: _ } => cli::lsp::run(),
        Command::Eval(args) => cli::eval::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::Model(args) => cli::model::run(args),
    };
    match result {
        Ok(code) => code,
        // `corroborate explain … | head` closed the pipe: the reader has what it wanted.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
