//! What two sentences are compared on: tokens, stems, aliases (data/aliases.toml) and numbers.

pub mod embed;
