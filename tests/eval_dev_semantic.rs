//! The labelled dev set scored with the real sentence-embedding model, against floors just
//! below today's numbers (docs/quality.md has the table beside the one on words alone).
//! Needs the model installed; skipped without it unless `CORROBORATE_REQUIRE_MODEL=1` (CI).

mod common;

use std::path::Path;

use corroborate::engine::{Engine, MatchSettings};
use corroborate::eval::{self, Scorecard};
use corroborate::semantic::Embeddings;

#[test]
fn dev_set_with_the_model_does_not_regress() {
    if !common::model_installed() {
        return;
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let set = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev");
    let (engine, _) =
        Engine::load(&[corpus], MatchSettings::default()).expect("the demo corpus loads");
    let model = Embeddings::load(None).expect("the installed model loads");
    engine
        .embed_sources(&model, &mut |_, _| {}, &|| false)
        .expect("the sources embed");
    assert!(engine.semantic_ready());
    for draft in eval::drafts(&set).expect("the dev drafts read") {
        engine
            .embed_draft(&model, &draft)
            .expect("the drafts embed");
    }
    let card = Scorecard::from_results(&eval::run(&engine, &set).expect("the dev set reads"));
    println!("{}", card.table());

    assert_eq!((card.total, card.missing), (88, 0));
    let floors = [
        ("supported/verbatim", 0.98),
        ("supported/lexical", 0.95),
        ("supported/abstractive", 0.90),
        ("supported", 0.95),
        ("unsupported", 0.90),
        ("conflicting", 0.75),
        ("not_claim", 0.90),
    ];
    let precision = card.unsupported_precision.unwrap_or(0.0);
    assert!(
        precision >= 0.90,
        "unsupported precision {precision:.2}\n{}",
        card.table()
    );
    for (group, floor) in floors {
        let got = card.accuracy(group).unwrap_or(0.0);
        assert!(
            got >= floor,
            "{group}: {got:.2} < {floor:.2}\n{}",
            card.table()
        );
    }
}
