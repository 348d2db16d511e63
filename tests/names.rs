//! Who a claim is about: a person named first in a sentence is a name like any other, which
//! a source must mention to support the claim. Words alone, no model.

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
    common::assert_verdict_among(
        &engine,
        "Hakobyan warned that the planned trip to Paris was cancelled at the last moment.",
        &[Verdict::Unsupported, Verdict::Conflicting],
    );
}
