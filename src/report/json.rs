//! `--format json`: exactly one JSON object, the contract tools rely on (README).
