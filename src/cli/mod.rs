//! One file per subcommand: parse nothing, decide nothing; call the library and print.

pub mod bench;
pub mod check;
pub mod eval;
pub mod explain;
pub mod lsp;
pub mod model;
