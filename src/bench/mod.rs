//! Synthetic corpus generator and the speed/memory benchmark (`corroborate bench`).
//!
//! `vocabulary` holds the words (Zipf-ranked) and the alias table's actor names,
//! `sentence` makes one sentence of analysis prose from them, `generate` a corpus of
//! documents in memory (or written to a folder), `draft` a Markdown draft that copies,
//! paraphrases, contradicts and adds to that corpus, and `run` times the index build, the
//! draft check and the real binary while `memory` reads resident memory. Everything is
//! seeded: one seed, one corpus, on any machine.

pub mod draft;
pub mod generate;
pub mod process;
pub mod rng;
pub mod run;
pub mod semantic;
pub mod sentence;
pub mod vocabulary;

pub use draft::{draft, Draft, DraftMix};
pub use generate::{generate, write_corpus, SyntheticCorpus};
pub use run::{run, CliRun, Row, Settings};
pub use vocabulary::Vocabulary;
