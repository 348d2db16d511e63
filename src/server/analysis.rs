//! Running the engine on a draft, off the message loop, without re-judging sentences that
//! did not change.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

use crate::engine::{CheckedSentence, Engine, JudgeKey};
use crate::judge::Judgement;
use crate::text::{self, DraftSentence};

/// Past this many entries the cache starts over: every keystroke inside a sentence makes a
/// new key, and an afternoon of typing should not grow memory without bound.
const CACHE_LIMIT: usize = 50_000;

/// Judgements by [`JudgeKey`], valid for one engine (one corpus and its settings); a new
/// engine gets a new cache.
#[derive(Default)]
pub struct SentenceCache {
    judged: Mutex<HashMap<JudgeKey, Judgement>>,
}

impl SentenceCache {
    fn get(&self, key: &JudgeKey) -> Option<Judgement> {
        self.judged
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    fn put(&self, key: JudgeKey, judgement: Judgement) {
        let mut judged = self.judged.lock().unwrap_or_else(|p| p.into_inner());
        if judged.len() >= CACHE_LIMIT {
            judged.clear();
        }
        judged.insert(key, judgement);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.judged.lock().unwrap().len()
    }
}

/// One sentence judged, through the cache.
pub fn judge(engine: &Engine, cache: &SentenceCache, sentence: DraftSentence) -> CheckedSentence {
    let key = engine.judge_key(&sentence);
    let judgement = match cache.get(&key) {
        Some(j) => j,
        None => {
            let j = engine.judge(&sentence);
            cache.put(key, j.clone());
            j
        }
    };
    CheckedSentence {
        sentence,
        judgement,
    }
}

/// Every sentence of the draft with its verdict, or `None` once `superseded()` says a newer
/// version made this work pointless.
pub fn check(
    engine: &Engine,
    cache: &SentenceCache,
    markdown: &str,
    superseded: &dyn Fn() -> bool,
) -> Option<Vec<CheckedSentence>> {
    let mut checked = Vec::new();
    for sentence in text::draft_sentences(markdown) {
        if superseded() {
            return None;
        }
        checked.push(judge(engine, cache, sentence));
    }
    Some(checked)
}

/// The texts of the draft's claims that have no embedding yet (empty when the engine does
/// not weigh embeddings).
pub fn unembedded(engine: &Engine, markdown: &str) -> Vec<String> {
    if !engine.semantic_ready() {
        return Vec::new();
    }
    text::draft_sentences(markdown)
        .into_iter()
        // The map lookup first: most sentences of a draft being edited have their vector,
        // and telling a claim needs the sentence analysed.
        .filter(|s| !engine.has_query_vector(&s.text) && engine.is_claim(s))
        .map(|s| s.text)
        .collect()
}

/// The sentences whose range touches `bytes` (a cursor is an empty range), judged.
pub fn check_range(
    engine: &Engine,
    cache: &SentenceCache,
    markdown: &str,
    bytes: Range<usize>,
) -> Vec<CheckedSentence> {
    text::draft_sentences(markdown)
        .into_iter()
        .filter(|s| touches(&s.byte_range, &bytes))
        .map(|s| judge(engine, cache, s))
        .collect()
}

/// The sentence under a cursor at byte `offset` (its end included, so a cursor right after
/// the full stop still finds it), judged.
pub fn check_at(
    engine: &Engine,
    cache: &SentenceCache,
    markdown: &str,
    offset: usize,
) -> Option<CheckedSentence> {
    check_range(engine, cache, markdown, offset..offset)
        .into_iter()
        .next()
}

fn touches(sentence: &Range<usize>, bytes: &Range<usize>) -> bool {
    sentence.start <= bytes.end && bytes.start <= sentence.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::engine::MatchSettings;

    fn engine() -> Engine {
        Engine::build(Corpus::default(), MatchSettings::default())
    }

    #[test]
    fn unchanged_sentences_are_judged_once() {
        let (engine, cache) = (engine(), SentenceCache::default());
        let draft = "One claim here. Another claim there.\n";
        let first = check(&engine, &cache, draft, &|| false).unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(cache.len(), 2);
        let edited = "One claim here. Another claim there!\nA third.\n";
        let second = check(&engine, &cache, edited, &|| false).unwrap();
        assert_eq!(second.len(), 3);
        assert_eq!(cache.len(), 4, "only the two new sentences were judged");
    }

    #[test]
    fn superseded_work_stops() {
        let (engine, cache) = (engine(), SentenceCache::default());
        assert!(check(&engine, &cache, "A claim. Another.", &|| true).is_none());
    }

    #[test]
    fn the_sentence_under_the_cursor() {
        let (engine, cache) = (engine(), SentenceCache::default());
        let draft = "First one. Second one.";
        let at = |o| check_at(&engine, &cache, draft, o).map(|c| c.sentence.text);
        assert_eq!(at(0).as_deref(), Some("First one."));
        assert_eq!(at(10).as_deref(), Some("First one."));
        assert_eq!(at(12).as_deref(), Some("Second one."));
        assert_eq!(check_range(&engine, &cache, draft, 5..15).len(), 2);
    }
}
