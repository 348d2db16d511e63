//! A claim framed as someone's report ("TASS reported that …"): a source that is itself a
//! report, by that reporter or another, supports it only if it reports the same content.
//! Words alone, no model.

mod common;

use corroborate::engine::Engine;
use corroborate::judge::Verdict;

fn engine() -> (common::TempDir, Engine) {
    common::engine_of_documents(
        "attribution",
        &[
            (
                "dispatch.txt",
                &[
                    "Families who fled Martuni are coming home, schools are reopening and the power lines are being repaired, an Interfax correspondent reports.",
                    "“On Monday 412 more families returned to Martuni in 30 buses escorted by the border guards,” declared the regional governor.",
                ],
            ),
            (
                "interview.txt",
                &["According to the Russian president, he has rather trust-based and constructive relations with Pashinyan."],
            ),
            (
                "markets.txt",
                &["Grain prices on the regional exchange rose for the third week running."],
            ),
        ],
    )
}

#[test]
fn the_reporters_own_report_of_the_same_event_supports_the_claim() {
    let (_dir, engine) = engine();
    common::assert_verdict(
        &engine,
        "An Interfax correspondent reports that families who fled Martuni are coming home and schools are reopening.",
        Verdict::Supported,
    );
}

#[test]
fn the_reporters_report_of_another_event_in_the_same_place_does_not() {
    let (_dir, engine) = engine();
    // Interfax, its correspondent, Martuni and the families all match the dispatch; what
    // is reported (a bakery out of flour) is nowhere in it.
    common::assert_verdict(
        &engine,
        "An Interfax correspondent reports that every bakery in Martuni has run out of flour.",
        Verdict::Unsupported,
    );
}

#[test]
fn another_reporters_statement_on_the_setting_does_not_support_a_new_event() {
    let (_dir, engine) = engine();
    // The governor's statement names Martuni and the border guards; the claim's event (a
    // field hospital) is not in it.
    common::assert_verdict(
        &engine,
        "Interfax reported that the border guards had opened a field hospital in Martuni.",
        Verdict::Unsupported,
    );
}

#[test]
fn an_unframed_claim_is_weighed_as_before() {
    let (_dir, engine) = engine();
    common::assert_verdict(
        &engine,
        "Families who fled Martuni are coming home and its schools are reopening.",
        Verdict::Supported,
    );
}

#[test]
fn a_source_reporting_another_speaker_is_the_near_miss_not_the_support() {
    let (_dir, engine) = engine();
    let said = "Pashinyan told reporters that his relations with Putin remain trust-based and constructive.";
    common::assert_near_miss(&engine, said, "another speaker", "Russian president");
    // The same words with the speaker the source names are supported.
    common::assert_verdict(
        &engine,
        "Putin told reporters that his relations with Pashinyan remain trust-based and constructive.",
        Verdict::Supported,
    );
}

#[test]
fn the_outlet_a_source_cites_is_not_a_fact_the_claim_replaces() {
    let (_dir, engine) = common::engine_of_documents(
        "attribution-outlet",
        &[(
            "thread.txt",
            &[
                "A researcher from Tomsk was arrested for passing sensitive technology to China.",
                "According to @MBKhMedia, his employer was a university in Shenyang, but the city hosts some PLA-tied research institutions.",
            ],
        )],
    );
    // "Chinese" stands where the source names who reports it: no conflict of actors.
    let claim = "The Chinese city of Shenyang hosts some research institutions tied to the PLA.";
    common::assert_a_source_makes(&engine, claim);
    // A place the claim does change is still a conflict.
    let claim = "The city of Dalian hosts some research institutions tied to the PLA.";
    common::assert_verdict(&engine, claim, Verdict::Conflicting);
}

#[test]
fn a_view_held_by_another_is_unsupported_with_that_source_as_near_miss() {
    let (_dir, engine) = common::engine_of_documents(
        "attribution-holder",
        &[(
            "thread.txt",
            &[
                "For many Russian decision-makers, a new war in Karabakh was a matter of when rather than if.",
                "Ankara's growing presence in the region was in the making for years.",
            ],
        )],
    );
    let claim = "For many Turkish decision-makers, a new war in Karabakh was a matter of when rather than if.";
    common::assert_near_miss(
        &engine,
        claim,
        "another's view (source says Russian, draft says Turkish)",
        "For many Russian decision-makers",
    );
    // The view as the source holds it is supported.
    let claim = "For many Russian decision-makers, a new war in Karabakh was a matter of when rather than if.";
    common::assert_a_source_makes(&engine, claim);
}
