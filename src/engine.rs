//! The one entry point shared by the CLI and the language server: a loaded corpus with its
//! index, and the function that checks a draft against it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::corpus::{self, Corpus, CorpusError, CorpusWarning};
use crate::index::{Embedding, Index, SentenceVectors};
use crate::judge::{self, Judgement, SourceAnalyses, SourceDocuments, Sources, Thresholds};
use crate::semantic::{EmbedStats, Embeddings, SemanticError};
use crate::terms::{AliasTable, Analyzer};
use crate::text::{self, DraftSentence};

/// Knobs of the matching core, from corroborate.toml or editor settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchSettings {
    /// Extra aliases: canonical name → other names that mean it (added to data/aliases.toml).
    pub aliases: Vec<(String, Vec<String>)>,
    /// Extra "belongs to" pairs: narrower canonical name → broader (added to the `[within]`
    /// table of data/aliases.toml).
    pub within: Vec<(String, String)>,
    /// Lowest score at which a source is taken to support a claim, judged on words.
    pub supported_threshold: f32,
    /// Lowest embedding cosine at which a source supports a claim, when the model is on.
    pub semantic_threshold: f32,
    /// Lowest score at which an unquoted, uncited sentence counts as copied.
    pub copied_threshold: f32,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            aliases: Vec::new(),
            within: Vec::new(),
            supported_threshold: 0.15,
            semantic_threshold: 0.42,
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

/// Everything [`Engine::judge`] looks at in a sentence: equal keys get equal judgements,
/// so a caller (the language server) may cache verdicts by it across edits. The byte range
/// is left out on purpose: moving a sentence does not change its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JudgeKey {
    text: String,
    quoted: bool,
    cited: bool,
    block: std::mem::Discriminant<text::BlockKind>,
    suppression: Option<std::mem::Discriminant<text::Suppression>>,
    /// Whether the judge weighs embeddings for it: the verdict may change when they arrive.
    semantic: bool,
}

impl JudgeKey {
    /// The key of a sentence judged on words alone; [`Engine::judge_key`] gives the key
    /// under the engine's current evidence.
    pub fn of(sentence: &DraftSentence) -> JudgeKey {
        JudgeKey {
            semantic: false,
            text: sentence.text.clone(),
            quoted: sentence.quoted,
            cited: sentence.cited,
            block: std::mem::discriminant(&sentence.block),
            suppression: sentence.suppression.as_ref().map(std::mem::discriminant),
        }
    }
}

/// Drafts shorter than this are judged on one thread: spawning costs more than it saves.
const PARALLEL_FROM: usize = 16;

/// A corpus, indexed, ready to check drafts.
pub struct Engine {
    pub corpus: Corpus,
    pub settings: MatchSettings,
    analyzer: Analyzer,
    index: Index,
    analyses: SourceAnalyses,
    /// What each source document mentions beyond one sentence.
    documents: SourceDocuments,
    /// Source embeddings, filled from outside (the model runs in [`crate::semantic`]).
    vectors: SentenceVectors,
    /// Embeddings of draft sentences, by text.
    queries: Mutex<HashMap<String, Embedding>>,
}

/// Past this many the remembered draft-sentence embeddings start over (each keystroke in a
/// sentence makes a new text).
const QUERY_LIMIT: usize = 20_000;

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
        for (narrow, broad) in &settings.within {
            aliases.add_within(narrow, broad);
        }
        let analyzer = Analyzer::new(aliases);
        let index = Index::build(&corpus, &analyzer);
        let analyses = SourceAnalyses::new(corpus.sentences.len());
        let documents = SourceDocuments::new(&corpus, &analyzer);
        let vectors = SentenceVectors::new(corpus.sentences.len());
        Engine {
            corpus,
            settings,
            analyzer,
            index,
            analyses,
            documents,
            vectors,
            queries: Mutex::new(HashMap::new()),
        }
    }

    fn sources(&self) -> Sources<'_> {
        Sources {
            corpus: &self.corpus,
            index: &self.index,
            analyzer: &self.analyzer,
            analyses: &self.analyses,
            documents: &self.documents,
            vectors: self.vectors.is_complete().then_some(&self.vectors),
        }
    }

    /// The embeddings of the sources; empty until [`crate::semantic`] fills them.
    pub fn source_vectors(&self) -> &SentenceVectors {
        &self.vectors
    }

    /// Whether verdicts weigh embeddings: every source has its vector (and the corpus is
    /// not empty, or there would be nothing to compare with).
    pub fn semantic_ready(&self) -> bool {
        !self.vectors.is_empty() && self.vectors.is_complete()
    }

    /// Gives every source sentence that lacks one its embedding, from the disk cache or the
    /// model; reports `progress(done, total)` as vectors arrive. Verdicts weigh embeddings
    /// once every source has its vector. Safe to run on a background thread while the
    /// engine judges on words alone.
    pub fn embed_sources(
        &self,
        embeddings: &Embeddings,
        progress: &mut dyn FnMut(usize, usize),
        cancelled: &dyn Fn() -> bool,
    ) -> Result<EmbedStats, SemanticError> {
        let missing = self.vectors.missing();
        let spelled = self.as_embedded(missing.iter().map(|&id| &self.corpus.sentence(id).text));
        let texts: Vec<&str> = spelled.iter().map(AsRef::as_ref).collect();
        let (total, mut done) = (texts.len(), 0);
        embeddings.embed_each(
            &texts,
            &mut |i, embedding| {
                self.vectors.set(missing[i], embedding);
                done += 1;
                progress(done, total);
            },
            cancelled,
        )
    }

    /// Embeds the claims of a Markdown draft that have no vector yet (so that
    /// [`Engine::check_markdown`] weighs embeddings); returns how many it embedded.
    pub fn embed_draft(
        &self,
        embeddings: &Embeddings,
        markdown: &str,
    ) -> Result<usize, SemanticError> {
        let claims: Vec<String> = text::draft_sentences(markdown)
            .into_iter()
            .filter(|s| self.is_claim(s))
            .map(|s| s.text)
            .collect();
        self.embed_sentences(embeddings, &claims, &|| false)
    }

    /// Embeds those of `texts` that have no vector yet, unless `cancelled()` says stop
    /// (checked between batches); returns how many it embedded.
    pub fn embed_sentences<T: AsRef<str>>(
        &self,
        embeddings: &Embeddings,
        texts: &[T],
        cancelled: &dyn Fn() -> bool,
    ) -> Result<usize, SemanticError> {
        let mut new: Vec<&str> = {
            let queries = self.queries.lock().unwrap_or_else(|p| p.into_inner());
            texts
                .iter()
                .flat_map(|t| judge::texts_to_embed(t.as_ref()))
                .filter(|t| !queries.contains_key(*t))
                .collect()
        };
        new.sort_unstable();
        new.dedup();
        let mut embedded = 0;
        let spelled = self.as_embedded(new.iter().copied());
        let spelled: Vec<&str> = spelled.iter().map(AsRef::as_ref).collect();
        embeddings.embed_each(
            &spelled,
            &mut |i, embedding| {
                self.set_query_vector(new[i], embedding);
                embedded += 1;
            },
            cancelled,
        )?;
        Ok(embedded)
    }

    /// The texts as the model reads them: flag emoji and handles spelled out as the actors
    /// they name, which its vocabulary knows (the cache is keyed by this text too).
    fn as_embedded<'t>(
        &self,
        texts: impl Iterator<Item = &'t (impl AsRef<str> + ?Sized + 't)>,
    ) -> Vec<std::borrow::Cow<'t, str>> {
        let aliases = self.analyzer.aliases();
        texts.map(|t| aliases.spelled_out(t.as_ref())).collect()
    }

    /// Whether the judge weighs `sentence` at all (not a heading, question, fragment...).
    pub fn is_claim(&self, sentence: &DraftSentence) -> bool {
        judge::is_claim(&self.sources(), sentence)
    }

    /// Remembers the embedding of a draft sentence's text.
    pub fn set_query_vector(&self, text: &str, embedding: Embedding) {
        let mut queries = self.queries.lock().unwrap_or_else(|p| p.into_inner());
        if queries.len() >= QUERY_LIMIT {
            queries.clear();
        }
        queries.insert(text.to_string(), embedding);
    }

    /// Whether the model has embedded all the judge weighs of `text` (the sentence, and what
    /// it reports): only then do its verdicts weigh embeddings for it, so a verdict cached by
    /// [`JudgeKey`] never goes stale for half of them.
    pub fn has_query_vector(&self, text: &str) -> bool {
        let queries = self.queries.lock().unwrap_or_else(|p| p.into_inner());
        self.semantic_ready() && judge::texts_to_embed(text).all(|t| queries.contains_key(t))
    }

    /// The embeddings of a draft sentence and of what it reports (see
    /// [`judge::texts_to_embed`]); none until the model has made all of them, as
    /// [`Engine::has_query_vector`] says.
    fn query_vectors(&self, text: &str) -> (Option<Embedding>, Option<Embedding>) {
        if !self.semantic_ready() {
            return (None, None);
        }
        let queries = self.queries.lock().unwrap_or_else(|p| p.into_inner());
        let embedded: Option<Vec<Embedding>> = judge::texts_to_embed(text)
            .map(|t| queries.get(t).cloned())
            .collect();
        let mut embedded = embedded.unwrap_or_default().into_iter();
        (embedded.next(), embedded.next())
    }

    /// The cache key of `sentence` under the evidence the engine has now.
    pub fn judge_key(&self, sentence: &DraftSentence) -> JudgeKey {
        JudgeKey {
            semantic: self.has_query_vector(&sentence.text),
            ..JudgeKey::of(sentence)
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Every sentence of a Markdown draft, in order, with its verdict.
    ///
    /// Sentences are judged on all cores: each judgement is independent of the others.
    pub fn check_markdown(&self, markdown: &str) -> Vec<CheckedSentence> {
        let sentences = text::draft_sentences(markdown);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let judge_all = |part: &[DraftSentence]| -> Vec<Judgement> {
            part.iter().map(|s| self.judge(s)).collect()
        };
        let judgements: Vec<Judgement> = if threads < 2 || sentences.len() < PARALLEL_FROM {
            judge_all(&sentences)
        } else {
            let chunk = sentences.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = sentences
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || judge_all(part)))
                    .collect();
                // A panicking judge is a bug; carry it to the caller (the server catches it).
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        sentences
            .into_iter()
            .zip(judgements)
            .map(|(sentence, judgement)| CheckedSentence {
                sentence,
                judgement,
            })
            .collect()
    }

    /// The candidates the judge weighs for a sentence, with what it saw in each.
    pub fn explain(&self, text: &str) -> Vec<judge::CandidateReport> {
        let sources = self.sources();
        let (embedded, reported) = self.query_vectors(text);
        let query = judge::Query {
            sentence: embedded.as_ref(),
            reported: reported.as_ref(),
        };
        judge::explain(&sources, text, query)
    }

    /// The verdict on one sentence. Depends only on the sentence's text, its quoted / cited
    /// flags, block and suppression ([`JudgeKey`]), so callers may cache by those.
    pub fn judge(&self, sentence: &DraftSentence) -> Judgement {
        let sources = self.sources();
        let thresholds = Thresholds {
            supported: self.settings.supported_threshold,
            semantic: self.settings.semantic_threshold,
            copied: self.settings.copied_threshold,
        };
        let (embedded, reported) = self.query_vectors(&sentence.text);
        let query = judge::Query {
            sentence: embedded.as_ref(),
            reported: reported.as_ref(),
        };
        judge::judge(&sources, thresholds, sentence, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BlockKind, Suppression};

    fn sentence(text: &str, at: usize) -> DraftSentence {
        DraftSentence::plain(text, at)
    }

    #[test]
    fn judge_key_ignores_position_but_not_what_the_judge_reads() {
        let a = sentence("Russia sent 2000 peacekeepers.", 0);
        let moved = sentence("Russia sent 2000 peacekeepers.", 40);
        assert_eq!(JudgeKey::of(&a), JudgeKey::of(&moved));

        let quoted = DraftSentence {
            quoted: true,
            ..a.clone()
        };
        let cited = DraftSentence {
            cited: true,
            ..a.clone()
        };
        let listed = DraftSentence {
            block: BlockKind::ListItem,
            ..a.clone()
        };
        let own = DraftSentence {
            suppression: Some(Suppression::OwnAnalysis),
            ..a.clone()
        };
        let ignored = DraftSentence {
            suppression: Some(Suppression::Ignored),
            ..a.clone()
        };
        let edited = sentence("Russia sent 3000 peacekeepers.", 0);
        let keys = [&a, &quoted, &cited, &listed, &own, &ignored, &edited].map(JudgeKey::of);
        for (i, x) in keys.iter().enumerate() {
            for y in &keys[i + 1..] {
                assert_ne!(x, y);
            }
        }
    }
}
