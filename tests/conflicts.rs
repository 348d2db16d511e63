//! When a source contradicts a claim: the same claim with one or two facts changed, also when
//! the claim is in the writer's own words; not when so much differs that it is another claim
//! in the same setting. Words alone, no model.

mod common;

use corroborate::engine::Engine;
use corroborate::judge::Verdict;

fn engine() -> (common::TempDir, Engine) {
    common::engine_of_documents(
        "conflicts",
        &[
            (
                "returns.txt",
                &[
                    "According to the Interior Ministry, 1,200 residents have returned to the capital of Syunik province since March 3, reported the state news agency Armenpress.",
                    "The ministry said schools in the province would reopen in April.",
                ],
            ),
            (
                "visits.txt",
                &["President Sarkissyan held long meetings with NATO officials in Brussels last spring."],
            ),
            (
                "truce.txt",
                &["The truce is mediated and signed by France and the two warring parties (with Spain watching from the sidelines, without a formal role)."],
            ),
        ],
    )
}

#[test]
fn a_claim_in_other_words_with_a_date_changed_contradicts_the_source() {
    let (_dir, engine) = engine();
    // Few words in common ("people have moved back" for "residents have returned"), but the
    // same claim: with the source's date it is supported, with another it is contradicted.
    common::assert_verdict(
        &engine,
        "Since 3 March, 1,200 people have moved back into the Syunik capital, the ministry told Armenpress.",
        Verdict::Supported,
    );
    let checked = common::check_one(
        &engine,
        "Since 13 March, 1,200 people have moved back into the Syunik capital, the ministry told Armenpress.",
    );
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Conflicting,
        "{:?}",
        checked.judgement
    );
    assert!(
        checked.judgement.reason.contains("March 3"),
        "{}",
        checked.judgement.reason
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

#[test]
fn an_actor_named_in_a_sources_aside_does_not_stand_in_for_the_claims() {
    let (_dir, engine) = engine();
    // "Spain" stands only in the source's parenthesis: a remark in passing, not one of the
    // parties the draft names.
    common::assert_verdict_among(
        &engine,
        "Mediated by France and signed by Paris, Tbilisi and Sukhumi, the truce was agreed by the warring parties.",
        &[Verdict::Supported, Verdict::Unsupported],
    );
    // The same actor outside the parenthesis is in the claim's place.
    let checked = common::check_one(
        &engine,
        "The truce is mediated and signed by Italy and the two warring parties.",
    );
    assert_eq!(
        checked.judgement.verdict,
        Verdict::Conflicting,
        "{:?}",
        checked.judgement
    );
}

#[test]
fn a_rounded_figure_agrees_with_the_value_it_rounds_and_not_with_another() {
    let (_dir, engine) = engine();
    // "Some 1,100" and "nearly thirteen hundred" allow 1,200; neither contradicts the source.
    for hedged in [
        "Some 1,100 residents have returned to the capital of Syunik province since March 3, Armenpress reported.",
        "Nearly thirteen hundred residents have returned to the capital of Syunik province since March 3, Armenpress reported.",
    ] {
        common::assert_verdict(&engine, hedged, Verdict::Supported);
    }
    // Unhedged, or hedged far from it, the figure is another one.
    for other in [
        "1,100 residents have returned to the capital of Syunik province since March 3, Armenpress reported.",
        "Some 3,000 residents have returned to the capital of Syunik province since March 3, Armenpress reported.",
    ] {
        common::assert_verdict(&engine, other, Verdict::Conflicting);
    }
}
