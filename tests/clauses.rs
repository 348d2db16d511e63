//! A claim of two clauses: a source stating one of them word for word does not support the
//! sentence when no source says the other. Words alone, no model.

mod common;

use corroborate::judge::Verdict;

fn engine() -> (common::TempDir, corroborate::engine::Engine) {
    common::engine_of_documents(
        "clauses",
        &[
            (
                "profile.txt",
                &["The regional council has never trusted the governor, who came to power in 2018 after mass protests in the capital."],
            ),
            (
                "trade.txt",
                &[
                    "Customs data for August is out.",
                    "It shows that trade with the neighbouring provinces is gradually going back to its pre-crisis level.",
                ],
            ),
        ],
    )
}

#[test]
fn an_invented_clause_joined_to_a_real_claim_is_unsupported_and_named() {
    let (_dir, engine) = engine();
    let claim = "The regional council has never trusted the governor, and the local television spent the autumn campaigning openly for his resignation.";
    // The source that says the first clause is shown as the near miss.
    common::assert_near_miss(
        &engine,
        claim,
        "\"the local television spent the autumn campaigning openly for his resignation\"",
        "never trusted",
    );
}

#[test]
fn the_real_claim_alone_is_supported() {
    let (_dir, engine) = engine();
    common::assert_a_source_makes(
        &engine,
        "The regional council has never trusted the governor, who came to power in 2018.",
    );
}

#[test]
fn two_clauses_each_said_by_a_source_are_supported() {
    let (_dir, engine) = engine();
    // One sentence of the draft joins two sentences of the source.
    common::assert_verdict(
        &engine,
        "Customs data for August is out, and it shows that trade with the neighbouring provinces is gradually going back to its pre-crisis level.",
        Verdict::Supported,
    );
}
