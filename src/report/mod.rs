//! Verdicts → what a shell user or a tool reads: compiler-like text and one JSON object.

pub mod json;
pub mod text;
