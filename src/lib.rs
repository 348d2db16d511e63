//! corroborate: tells the writer of an analysis which sources support, contradict or were
//! copied by each sentence of a draft.
//!
//! The flow runs one way (see docs/architecture.md):
//! corpus files → [`corpus`] cleaned source sentences → [`index`];
//! draft → [`text`] sentences with ranges → [`index`] candidates → [`judge`] verdicts →
//! [`report`] (text, JSON) or [`server`] (diagnostics, hover).
//! [`engine`] is the one entry point the CLI and the server share.
//! [`semantic`] is the optional sentence-embedding model (installed apart, never downloaded
//! at run time).

pub mod bench;
pub mod config;
pub mod corpus;
pub mod engine;
pub mod eval;
pub mod hash;
pub mod index;
pub mod judge;
pub mod report;
pub mod semantic;
pub mod server;
pub mod terms;
pub mod text;
