//! One file per subcommand: parse nothing, decide nothing; call the library and print.

/// `println!` that returns the write error instead of panicking on it: a reader that closes
/// the pipe early (`corroborate explain … | head`) ends the output, and `main` ends quietly.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` that returns the write error, as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

pub mod bench;
pub mod check;
pub mod eval;
pub mod explain;
pub mod lsp;
pub mod model;
