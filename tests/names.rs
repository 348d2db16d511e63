//! Who a claim is about: a person named first in a sentence is a name like any other, and a
//! source that differs from a claim in several of its names makes another claim, not a
//! contradicting one. Words alone, no model.

mod common;

use corroborate::engine::Engine;
use corroborate::judge::Verdict;

fn engine() -> (common::TempDir, Engine) {
    common::engine_of_documents(
        "names",
        &[
            (
                "trip.txt",
                &[
                    "Gevorgyan's planned trip to Paris was cancelled at the last moment because of a positive coronavirus test.",
                    "The former minister had hoped to meet French officials.",
                ],
            ),
            (
                "visits.txt",
                &["President Sarkissyan held long meetings with NATO officials in Brussels last spring."],
            ),
        ],
    )
}

#[test]
fn a_person_named_first_is_a_name_the_source_must_mention() {
    let (_dir, engine) = engine();
    // The same person first in the sentence: the source makes the claim.
    common::assert_a_source_makes(
        &engine,
        "Gevorgyan's trip to Paris was cancelled at the last moment after a positive test.",
    );
    // Someone no document mentions, named first: the trip is the source's, the speaker is
    // not, so the source does not support the claim (it may contradict who it names).
    let checked = common::check_one(
        &engine,
        "Hakobyan warned that the planned trip to Paris was cancelled at the last moment.",
    );
    assert!(
        matches!(
            checked.judgement.verdict,
            Verdict::Unsupported | Verdict::Conflicting
        ),
        "{:?}",
        checked.judgement
    );
}

#[test]
fn a_source_differing_in_three_names_makes_another_claim_not_a_contradiction() {
    let (_dir, engine) = engine();
    // One name changed is a contradiction of the source.
    common::assert_verdict(
        &engine,
        "President Sarkissyan held long meetings with NATO officials in Vienna last spring.",
        Verdict::Conflicting,
    );
    // Who met whom, and where, all differ: the shared words are only the setting.
    let checked = common::check_one(
        &engine,
        "President Kocharyan held long meetings with CSTO officials in Minsk last spring.",
    );
    assert_ne!(
        checked.judgement.verdict,
        Verdict::Conflicting,
        "{:?}",
        checked.judgement
    );
}
