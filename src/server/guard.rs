//! The server never panics on a request: heavy work runs on tokio's blocking pool inside
//! `catch_unwind`, and a panic becomes an error answer (or a log line) instead of a dead
//! server.

use std::panic::{catch_unwind, AssertUnwindSafe};

use tower_lsp::jsonrpc;

/// Work that panicked, with the panic's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked(pub String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error (panic): {}", self.0)
    }
}

/// Runs `work`, turning a panic into `Err`.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        Panicked(message)
    })
}

/// Runs `work` on the blocking pool, off the message loop, turning a panic into `Err`.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Panicked> {
    match tokio::task::spawn_blocking(move || catch(work)).await {
        Ok(result) => result,
        Err(join) => Err(Panicked(join.to_string())),
    }
}

/// The error answer for a request whose work panicked.
pub fn request_error(what: &str, panic: Panicked) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: format!("corroborate: {what} failed: {panic}").into(),
        data: None,
    }
}

/// Debug builds only: `CORROBORATE_DEBUG_PANIC=<what>` makes the guarded work named `what`
/// panic, so the integration tests can prove a panic is answered and survived.
pub fn debug_panic_point(what: &str) {
    if cfg!(debug_assertions) && std::env::var("CORROBORATE_DEBUG_PANIC").is_ok_and(|v| v == what) {
        panic!("CORROBORATE_DEBUG_PANIC={what}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let r: Result<(), _> = catch(|| panic!("boom {}", 7));
        let s: Result<(), _> = catch(|| std::panic::panic_any("static"));
        assert_eq!(r, Err(Panicked("boom 7".into())));
        assert_eq!(s, Err(Panicked("static".into())));
        assert_eq!(catch(|| 3), Ok(3));
    }

    #[tokio::test]
    async fn blocking_work_runs_and_panics_are_caught() {
        assert_eq!(blocking(|| 2 + 2).await, Ok(4));
        let r: Result<(), _> = blocking(|| panic!("off the loop")).await;
        assert_eq!(r, Err(Panicked("off the loop".into())));
    }
}
