//! The one entry point shared by the CLI and the language server: a loaded corpus with its
//! index, and the function that checks a draft against it.

use std::path::PathBuf;

use crate::corpus::{self, Corpus, CorpusError, CorpusWarning};
use crate::index::Index;
use crate::judge::{self, Judgement, SourceAnalyses, Sources, Thresholds};
use crate::terms::{AliasTable, Analyzer};
use crate::text::{self, DraftSentence};

/// Knobs of the matching core, from corroborate.toml or editor settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchSettings {
    /// Extra aliases: canonical name → other names that mean it (added to data/aliases.toml).
    pub aliases: Vec<(String, Vec<String>)>,
    /// Lowest score at which a source is taken to support a claim.
    pub supported_threshold: f32,
    /// Lowest score at which an unquoted, uncited sentence counts as copied.
    pub copied_threshold: f32,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            aliases: Vec::new(),
            supported_threshold: 0.5,
            copied_threshold: 0.9,
        }
    }
}

/// A draft sentence with the judge's decision on it.
#[derive(Debug, Clone)]
pub struct CheckedSentence {
    pub sentence: DraftSentence,
    pub judgement: Judgement,
}

/// A corpus, indexed, ready to check drafts.
pub struct Engine {
    pub corpus: Corpus,
    pub settings: MatchSettings,
    analyzer: Analyzer,
    index: Index,
    analyses: SourceAnalyses,
}

impl Engine {
    /// Loads and indexes the corpus under `roots`.
    pub fn load(
        roots: &[PathBuf],
        settings: MatchSettings,
    ) -> Result<(Engine, Vec<CorpusWarning>), CorpusError> {
        let (corpus, warnings) = corpus::load(roots)?;
        Ok((Engine::build(corpus, settings), warnings))
    }

    /// Indexes an already loaded corpus.
    pub fn build(corpus: Corpus, settings: MatchSettings) -> Engine {
        let mut aliases = AliasTable::default_table();
        for (canonical, names) in &settings.aliases {
            aliases.add(canonical, names);
        }
        let analyzer = Analyzer::new(aliases);
        let index = Index::build(&corpus, &analyzer);
        let analyses = SourceAnalyses::new(corpus.sentences.len());
        Engine {
            corpus,
            settings,
            analyzer,
            index,
            analyses,
        }
    }

    fn sources(&self) -> Sources<'_> {
        Sources {
            corpus: &self.corpus,
            index: &self.index,
            analyzer: &self.analyzer,
            analyses: &self.analyses,
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Every sentence of a Markdown draft, in order, with its verdict.
    pub fn check_markdown(&self, markdown: &str) -> Vec<CheckedSentence> {
        text::draft_sentences(markdown)
            .into_iter()
            .map(|sentence| {
                let judgement = self.judge(&sentence);
                CheckedSentence {
                    sentence,
                    judgement,
                }
            })
            .collect()
    }

    /// The candidates the judge weighs for a sentence, with what it saw in each.
    pub fn explain(&self, text: &str) -> Vec<judge::CandidateReport> {
        let sources = self.sources();
        judge::explain(&sources, text)
    }

    /// The verdict on one sentence. Depends only on the sentence's text, its quoted / cited
    /// flags, block and suppression, so callers may cache by those.
    pub fn judge(&self, sentence: &DraftSentence) -> Judgement {
        let sources = self.sources();
        let thresholds = Thresholds {
            supported: self.settings.supported_threshold,
            copied: self.settings.copied_threshold,
        };
        judge::judge(&sources, thresholds, sentence)
    }
}
