use std::process::ExitCode;

/// `corroborate lsp [--stdio]`: the language server on stdin/stdout (see docs/server.md).
pub fn run() -> anyhow::Result<ExitCode> {
    let code = corroborate::server::run_stdio()?;
    Ok(ExitCode::from(code))
}
