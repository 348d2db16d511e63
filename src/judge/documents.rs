//! What a source's whole document mentions, beyond the one sentence a match quotes.
//!
//! A paraphrase may leave an actor to its context ("the Russian leader" in a piece about
//! Putin), but a document that never names an actor is not the source of a claim about it:
//! that is how a source's claim with a new actor or place appended is told from the claim.

use std::collections::HashSet;

use crate::corpus::{Corpus, DocId, SentenceId};
use crate::index::Index;
use crate::terms::Analyzer;

pub struct SourceDocuments {
    /// Each document's sentences, ascending by id (looked up in the index's postings).
    sentences: Vec<Vec<SentenceId>>,
    /// Each document's sentences in the order the document says them.
    in_order: Vec<Vec<SentenceId>>,
    /// Keys of what each document's metadata names: author, affiliation, title.
    metadata: Vec<HashSet<String>>,
    /// The month and year keys of each document's date (its day is in `metadata`).
    month_and_year: Vec<Vec<String>>,
}

impl SourceDocuments {
    pub fn new(corpus: &Corpus, analyzer: &Analyzer) -> Self {
        let metadata = corpus
            .documents
            .iter()
            .map(|d| {
                let m = &d.meta;
                [&m.author, &m.affiliation, &m.attribution, &m.title]
                    .into_iter()
                    .flatten()
                    .flat_map(|text| analyzer.analyze(text).terms)
                    .map(|t| t.key)
                    .chain(m.date.as_deref().and_then(|date| date_keys(date).day))
                    .collect()
            })
            .collect();
        let month_and_year = corpus
            .documents
            .iter()
            .map(|d| match d.meta.date.as_deref().map(date_keys) {
                Some(keys) => keys.month.into_iter().chain(keys.year).collect(),
                None => Vec::new(),
            })
            .collect();
        let in_order = corpus.sentences_by_document();
        let sentences = in_order
            .iter()
            .map(|list| {
                let mut sorted = list.clone();
                sorted.sort_unstable();
                sorted
            })
            .collect();
        SourceDocuments {
            sentences,
            in_order,
            metadata,
            month_and_year,
        }
    }

    /// Whether document `doc` names the actor or name `key` anywhere: in a sentence or its
    /// metadata, itself or through an actor that belongs to it (Erdogan for Turkey).
    pub fn mentions(&self, doc: DocId, key: &str, index: &Index, analyzer: &Analyzer) -> bool {
        let narrower = key
            .strip_prefix('@')
            .map(|canonical| analyzer.aliases().narrower(canonical))
            .unwrap_or_default();
        let keys =
            std::iter::once(key.to_string()).chain(narrower.into_iter().map(|n| format!("@{n}")));
        let (Some(sentences), Some(metadata)) = (
            self.sentences.get(doc.0 as usize),
            self.metadata.get(doc.0 as usize),
        ) else {
            return false;
        };
        keys.into_iter()
            .any(|k| metadata.contains(&k) || index.any_holds(&k, sentences))
    }

    /// Whether the document is dated `key`, a day: a thread of 10 November on "today's deal"
    /// speaks of the deal of 10 November. When the sentence speaks of its own day
    /// (`speaks_of_its_day`: "today", "yesterday"), the document's month and year count too:
    /// "today's deal" in that thread is the November deal, the 2020 deal.
    pub fn dated(&self, doc: DocId, key: &str, speaks_of_its_day: bool) -> bool {
        let day = self
            .metadata
            .get(doc.0 as usize)
            .is_some_and(|keys| keys.contains(key));
        let month_or_year = speaks_of_its_day
            && self
                .month_and_year
                .get(doc.0 as usize)
                .is_some_and(|keys| keys.iter().any(|k| k == key));
        key.starts_with('#') && (day || month_or_year)
    }

    /// Whether one of the `radius` sentences before or after `sentence` in document `doc`
    /// holds `key`: the context a number or date of a claim may come from ("back then",
    /// said after a sentence naming 2016).
    pub fn near(
        &self,
        doc: DocId,
        sentence: SentenceId,
        radius: usize,
        key: &str,
        index: &Index,
    ) -> bool {
        let Some(list) = self.in_order.get(doc.0 as usize) else {
            return false;
        };
        let Some(at) = list.iter().position(|&s| s == sentence) else {
            return false;
        };
        let mut around: Vec<SentenceId> =
            list[at.saturating_sub(radius)..(at + radius + 1).min(list.len())].to_vec();
        around.sort_unstable();
        index.any_holds(key, &around)
    }
}

/// The keys of a metadata date (`YYYY-MM-DD`, as the corpus stores it), keyed as the analyzer
/// keys "10 November", "November" and "2020" in text.
struct DateKeys {
    day: Option<String>,
    month: Option<String>,
    year: Option<String>,
}

/// The day alone is context for any sentence of the document: a piece dated in October
/// speaks of events all through the year, and taking its month or year for context would
/// excuse any invented "in October" or "in 2020"; "today" in a thread of 10 November is 10
/// November, the November deal, the 2020 deal (`SourceDocuments::dated`).
fn date_keys(date: &str) -> DateKeys {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (
        parts.next().flatten().filter(|y| (1000..=2999).contains(y)),
        parts.next().flatten().filter(|m| (1..=12).contains(m)),
        parts.next().flatten().filter(|d| (1..=31).contains(d)),
    );
    DateKeys {
        day: month.zip(day).map(|(m, d)| format!("#d{}", m * 100 + d)),
        month: month.map(|m| format!("#m{m}")),
        year: year.map(|y| format!("#{y}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::AliasTable;

    #[test]
    fn a_metadata_day_keys_as_the_analyzer_keys_the_same_day_in_text() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let from_text: Vec<String> = analyzer
            .analyze("on 10 November")
            .terms
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(
            date_keys("2020-11-10").day.into_iter().collect::<Vec<_>>(),
            from_text
        );
        // A month or a year alone is no day.
        assert!(date_keys("2020-10").day.is_none());
        assert!(date_keys("sometime").day.is_none());
    }

    #[test]
    fn a_metadata_month_and_year_key_as_the_analyzer_keys_them_in_text() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let mut from_text: Vec<String> = analyzer
            .analyze("in November, in 2020")
            .terms
            .into_iter()
            .map(|t| t.key)
            .collect();
        from_text.sort();
        let keys = date_keys("2020-11-10");
        let mut keys: Vec<String> = keys.month.into_iter().chain(keys.year).collect();
        keys.sort();
        assert_eq!(keys, from_text);
        let none = date_keys("sometime");
        assert!(none.month.is_none() && none.year.is_none());
    }
}
