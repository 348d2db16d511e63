//! How embeddings and the fact checks decide together, without the model files: a stand-in
//! embedder gives each sentence a vector chosen by the test, so each case states exactly
//! how close the "model" finds two sentences, and the verdict shows what the judge made of
//! it. The real model is exercised in tests/model.rs.

mod common;

use std::path::PathBuf;

use corroborate::engine::{CheckedSentence, Engine, MatchSettings};
use corroborate::judge::Verdict;
use corroborate::semantic::{Embedder, EmbeddingCache, Embeddings, SemanticError};

const DIMENSIONS: usize = 12;

/// Source sentences, one per line of one source file.
const SOURCES: [&str; 5] = [
    "Moscow deployed 2000 peacekeepers to Karabakh in November.",
    "The Kremlin prefers to wait and see how conflicts unfold before it takes sides.",
    "Did Ankara gain anything from the ceasefire deal?",
    "Refugees returned to Stepanakert after the ceasefire.",
    "The defence ministry said that displaced residents came back to Lachin by bus on Monday.",
];

/// A claim restated in other words: close to SOURCES[1] for the model, few shared words (the
/// actor, said otherwise; a source that shares nothing at all is no support even for the
/// model, see `judge::SHARED_TERMS_FLOOR`).
const PARAPHRASE: &str = "These days Moscow lets events play out and only then picks a winner.";
/// Close to SOURCES[1] for the model too, but not one actor, name or word in common, nor a
/// word said otherwise: at best the same topic.
const NOTHING_SHARED: &str =
    "These days the country's leadership lets events play out and only then picks a winner.";
/// SOURCES[3] plus a new fact in ordinary words: many shared words, far for the model. (Not
/// a clause of its own after "after": that one no source states, words alone see.)
const NEW_FACT: &str =
    "Refugees returned to Stepanakert and found every school closed after the ceasefire.";
/// SOURCES[0] with another number: close for the model, the fact check must see it.
const OTHER_NUMBER: &str = "Moscow deployed 5000 peacekeepers to Karabakh in November.";
/// The assertion SOURCES[2] only asks about.
const ANSWER_TO_A_QUESTION: &str = "Ankara gained a great deal from the ceasefire deal.";
/// A report restating what the report SOURCES[4] says in other words: one shared name, so
/// on words alone the reported content is not stated; the model finds the content close.
const REPORTED_IN_OTHER_WORDS: &str =
    "The army reports that uprooted families were driven home to Lachin in a single day.";
const REPORTED_CONTENT: &str = "uprooted families were driven home to Lachin in a single day.";
/// The same frame and setting reporting another event: the whole sentence is as close as
/// the paraphrase's, its content is not.
const REPORTED_OTHER_EVENT: &str =
    "The army reports that fresh troops were driven to Lachin in a single day.";
const OTHER_EVENT: &str = "fresh troops were driven to Lachin in a single day.";

fn axis(i: usize) -> Vec<f32> {
    let mut v = vec![0.0; DIMENSIONS];
    v[i] = 1.0;
    v
}

/// `cosine` with `axis(i)`, the rest of the length on `axis(j)`.
fn near(i: usize, j: usize, cosine: f32) -> Vec<f32> {
    let mut v = vec![0.0; DIMENSIONS];
    v[i] = cosine;
    v[j] = (1.0 - cosine * cosine).sqrt();
    v
}

/// The stand-in model: a fixed table, everything else on an axis of its own.
struct Table;

impl Embedder for Table {
    fn model_id(&self) -> &str {
        "table"
    }
    fn dimensions(&self) -> usize {
        DIMENSIONS
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        Ok(texts
            .iter()
            .map(|&t| match t {
                t if t == SOURCES[0] => axis(0),
                t if t == SOURCES[1] => axis(1),
                t if t == SOURCES[2] => axis(2),
                t if t == SOURCES[3] => axis(3),
                t if t == SOURCES[4] => axis(8),
                REPORTED_IN_OTHER_WORDS | REPORTED_OTHER_EVENT => near(8, 9, 0.7),
                REPORTED_CONTENT => near(8, 10, 0.7),
                OTHER_EVENT => near(8, 10, 0.5),
                PARAPHRASE | NOTHING_SHARED => near(1, 4, 0.8),
                NEW_FACT => near(3, 5, 0.3),
                OTHER_NUMBER => near(0, 6, 0.95),
                ANSWER_TO_A_QUESTION => near(2, 6, 0.9),
                _ => axis(11),
            })
            .collect())
    }
}

fn corpus() -> (common::TempDir, PathBuf) {
    let dir = common::TempDir::new("fusion");
    let folder = dir.path().join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("analyst.txt"), SOURCES.join("\n\n")).unwrap();
    (dir, folder)
}

fn source_of(engine: &Engine, checked: &CheckedSentence) -> Option<String> {
    let best = checked.judgement.matches.first()?;
    Some(engine.corpus.sentence(best.sentence).text.clone())
}

fn with_model(folder: &PathBuf) -> Engine {
    let (engine, _) = Engine::load(std::slice::from_ref(folder), MatchSettings::default()).unwrap();
    let model = Embeddings::new(
        Box::new(Table),
        EmbeddingCache::disabled(DIMENSIONS),
        "table".into(),
    );
    engine
        .embed_sources(&model, &mut |_, _| {}, &|| false)
        .unwrap();
    assert!(engine.semantic_ready());
    for draft in [
        PARAPHRASE,
        NOTHING_SHARED,
        NEW_FACT,
        OTHER_NUMBER,
        ANSWER_TO_A_QUESTION,
        REPORTED_IN_OTHER_WORDS,
        REPORTED_OTHER_EVENT,
    ] {
        engine.embed_draft(&model, draft).unwrap();
    }
    engine
}

#[test]
fn a_paraphrase_in_other_words_is_found_only_with_the_model() {
    let (_dir, folder) = corpus();
    let (words_alone, _) =
        Engine::load(std::slice::from_ref(&folder), MatchSettings::default()).unwrap();
    assert_eq!(
        common::check_one(&words_alone, PARAPHRASE)
            .judgement
            .verdict,
        Verdict::Unsupported
    );

    let engine = with_model(&folder);
    let checked = common::check_one(&engine, PARAPHRASE);
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Supported,
        "{:?}",
        checked.judgement
    );
    assert_eq!(source_of(&engine, &checked).as_deref(), Some(SOURCES[1]));
    let score = checked.judgement.matches[0].score;
    assert!((0.0..=1.0).contains(&score));
}

#[test]
fn shared_words_with_a_new_fact_are_not_support_when_the_model_disagrees() {
    let (_dir, folder) = corpus();
    let (words_alone, _) =
        Engine::load(std::slice::from_ref(&folder), MatchSettings::default()).unwrap();
    assert_eq!(
        common::check_one(&words_alone, NEW_FACT).judgement.verdict,
        Verdict::Supported,
        "on words alone the look-alike passes: the case the model is for"
    );
    let engine = with_model(&folder);
    assert_eq!(
        common::check_one(&engine, NEW_FACT).judgement.verdict,
        Verdict::Unsupported
    );
}

#[test]
fn a_close_embedding_does_not_hide_a_different_number() {
    let (_dir, folder) = corpus();
    let engine = with_model(&folder);
    let checked = common::check_one(&engine, OTHER_NUMBER);
    assert_eq!(checked.judgement.verdict, Verdict::Conflicting);
    assert!(checked.judgement.reason.contains("2000") && checked.judgement.reason.contains("5000"));
}

#[test]
fn a_question_supports_nothing_however_close() {
    let (_dir, folder) = corpus();
    let engine = with_model(&folder);
    let checked = common::check_one(&engine, ANSWER_TO_A_QUESTION);
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Unsupported,
        "{:?}",
        checked.judgement
    );
}

#[test]
fn embeddings_count_only_once_every_source_has_one() {
    let (_dir, folder) = corpus();
    let (engine, _) =
        Engine::load(std::slice::from_ref(&folder), MatchSettings::default()).unwrap();
    let model = Embeddings::new(
        Box::new(Table),
        EmbeddingCache::disabled(DIMENSIONS),
        "table".into(),
    );
    // Stop after the first batch: not every source has its vector.
    let mut calls = 0;
    engine
        .embed_sources(&model, &mut |_, _| calls += 1, &|| true)
        .unwrap();
    assert_eq!(calls, 0);
    assert!(!engine.semantic_ready());
    engine.embed_draft(&model, PARAPHRASE).unwrap();
    assert_eq!(
        common::check_one(&engine, PARAPHRASE).judgement.verdict,
        Verdict::Unsupported
    );
    engine
        .embed_sources(&model, &mut |_, _| {}, &|| false)
        .unwrap();
    assert!(engine.semantic_ready());
    engine.embed_draft(&model, PARAPHRASE).unwrap();
    assert_eq!(
        common::check_one(&engine, PARAPHRASE).judgement.verdict,
        Verdict::Supported
    );
}

#[test]
fn a_source_sharing_no_term_is_no_support_however_close_its_embedding() {
    let (_dir, folder) = corpus();
    let engine = with_model(&folder);
    let checked = common::check_one(&engine, NOTHING_SHARED);
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Unsupported,
        "{:?}",
        checked.judgement
    );
}

#[test]
fn a_report_in_other_words_is_found_by_its_contents_embedding() {
    let (_dir, folder) = corpus();
    let (words_alone, _) =
        Engine::load(std::slice::from_ref(&folder), MatchSettings::default()).unwrap();
    assert_eq!(
        common::check_one(&words_alone, REPORTED_IN_OTHER_WORDS)
            .judgement
            .verdict,
        Verdict::Unsupported
    );
    let engine = with_model(&folder);
    let checked = common::check_one(&engine, REPORTED_IN_OTHER_WORDS);
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Supported,
        "{:?}",
        checked.judgement
    );
    assert_eq!(source_of(&engine, &checked).as_deref(), Some(SOURCES[4]));
    // As close as a whole sentence, but the content is another event's.
    let checked = common::check_one(&engine, REPORTED_OTHER_EVENT);
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Unsupported,
        "{:?}",
        checked.judgement
    );
}
