//! The labelled sets, scored the way ../shared/eval/README.md says, on words alone, against
//! floors set just below today's numbers: a change that makes matching worse fails here. These
//! are regression floors, not the issues' targets; docs/quality.md has the full tables and gaps.

mod common;

use std::path::Path;

use corroborate::engine::{Engine, MatchSettings};
use corroborate::eval::{self, Scorecard};

/// Scores the set at `set` (relative to the crate) against the demo corpus.
fn score(set: &str) -> Scorecard {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (engine, warnings) =
        Engine::load(&[root.join("../shared/corpus")], MatchSettings::default())
            .expect("the demo corpus loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let results = eval::run(&engine, &root.join(set)).expect("the set reads");
    let card = Scorecard::from_results(&results);
    println!("{}", card.table());
    card
}

#[test]
fn dev_set_does_not_regress() {
    let card = score("../shared/eval/dev");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.95),
        ("supported/abstractive", 0.68),
        ("supported", 0.90),
        ("unsupported", 0.85),
        ("conflicting", 0.90),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 88, 0.90, &floors);
}

/// `eval/extra` was written apart from the rules (see its README): a rule that only fits the
/// dev set shows here.
#[test]
fn extra_set_does_not_regress() {
    let card = score("eval/extra");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.90),
        ("supported/abstractive", 0.70),
        ("supported", 0.88),
        ("unsupported", 0.90),
        ("conflicting", 0.90),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 78, 0.85, &floors);
}

/// `eval/extra2`, a third set written apart from the rules and harder on paraphrase (see its
/// README): its floors sit below the targets, at what the rules reach today.
#[test]
fn extra2_set_does_not_regress() {
    let card = score("eval/extra2");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.90),
        ("supported/abstractive", 0.73),
        ("supported", 0.89),
        ("unsupported", 0.87),
        ("conflicting", 0.95),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 80, 0.78, &floors);
}

/// `eval/extra3`, a fourth set written apart from the rules, most of whose unsupported claims
/// are a real claim with an invented detail (see its README): the floors record how far
/// below the targets the rules stay there, so that it gets no worse unnoticed.
#[test]
fn extra3_set_does_not_regress() {
    let card = score("eval/extra3");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.90),
        ("supported/abstractive", 0.80),
        ("supported", 0.92),
        ("unsupported", 0.45),
        ("conflicting", 0.85),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 80, 0.75, &floors);
}

/// `eval/extra4`, a fifth set written apart from the rules in dev's exact mix (see its
/// README).
#[test]
fn extra4_set_does_not_regress() {
    let card = score("eval/extra4");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.85),
        ("supported/abstractive", 0.70),
        ("supported", 0.85),
        ("unsupported", 0.70),
        ("conflicting", 0.90),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 88, 0.80, &floors);
}

/// `eval/extra5`, a sixth set written apart from the rules in dev's
/// exact mix (see its README): the hardest so far on paraphrases in other words and on
/// unsupported precision.
#[test]
fn extra5_set_does_not_regress() {
    let card = score("eval/extra5");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.90),
        ("supported/abstractive", 0.50),
        ("supported", 0.80),
        ("unsupported", 0.70),
        ("conflicting", 0.65),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 88, 0.60, &floors);
}

/// `eval/extra6`, a seventh set written apart from the rules in dev's exact mix (see its
/// README); its first measurement is the honest one.
#[test]
fn extra6_set_does_not_regress() {
    let card = score("eval/extra6");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.95),
        ("supported/abstractive", 0.55),
        ("supported", 0.85),
        ("unsupported", 0.78),
        ("conflicting", 0.60),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 88, 0.65, &floors);
}

/// `eval/extra7`, an eighth set written apart from the rules in dev's exact mix (see its
/// README); its first measurement, before it was read, is the honest one.
#[test]
fn extra7_set_does_not_regress() {
    let card = score("eval/extra7");
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.95),
        ("supported/abstractive", 0.55),
        ("supported", 0.85),
        ("unsupported", 0.67),
        ("conflicting", 0.60),
        ("not_claim", 0.90),
    ];
    common::assert_floors(&card, 88, 0.60, &floors);
}
