//! Source sentences analysed once, when the judge first needs them. A draft's sentences
//! share most of their candidates, and an editor re-checks the same draft on every pause,
//! so each source sentence is analysed at most once per engine.

use std::sync::OnceLock;

use crate::corpus::{Corpus, SentenceId};
use crate::terms::{Analysis, Analyzer};

pub struct SourceAnalyses {
    /// Boxed so an empty slot costs a pointer, not a whole `Analysis`: a million-sentence
    /// corpus of which a draft touches a few thousand.
    slots: Vec<OnceLock<Box<Analysis>>>,
}

impl SourceAnalyses {
    pub fn new(sentences: usize) -> Self {
        SourceAnalyses {
            slots: (0..sentences).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The analysis of `id`, computed on first use. Safe to call from many threads.
    pub fn get<'a>(
        &'a self,
        id: SentenceId,
        corpus: &Corpus,
        analyzer: &Analyzer,
    ) -> Option<&'a Analysis> {
        let slot = self.slots.get(id.0 as usize)?;
        Some(slot.get_or_init(|| Box::new(analyzer.analyze(&corpus.sentence(id).text))))
    }
}
