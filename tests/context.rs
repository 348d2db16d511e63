//! What a source's document says around the sentence a match quotes: an actor the whole
//! document never names, or a number the neighbouring sentences do not give, is a new fact
//! the source cannot support; one the document does give is context. Words alone, no model.

mod common;

use corroborate::engine::Engine;
use corroborate::judge::Verdict;

fn engine(documents: &[(&str, &[&str])]) -> (common::TempDir, Engine) {
    common::engine_of_documents("context", documents)
}

const STRIKE: &str =
    "Russia's strike on the camp of Syrian fighters in Idlib drew a red line for Ankara.";

#[test]
fn an_actor_the_source_document_never_names_is_a_new_fact() {
    let (_dir, engine) = engine(&[
        (
            "strike.txt",
            &[STRIKE, "The Kremlin wanted Ankara to notice."],
        ),
        (
            "groups.txt",
            &[
                "Faylaq al-Sham is one of the groups Turkey backs in Syria.",
                "Its fighters were recruited for the war in Karabakh.",
            ],
        ),
    ]);
    // The strike and Idlib come from the source; Faylaq al-Sham is named only in another
    // document, so the source of the strike says nothing about it.
    let claim = "Russia's strike on the camp of Syrian fighters in Idlib hit Faylaq al-Sham.";
    common::assert_verdict(&engine, claim, Verdict::Unsupported);
}

#[test]
fn an_actor_named_elsewhere_in_the_same_document_is_context() {
    let (_dir, engine) = engine(&[(
        "strike.txt",
        &[
            STRIKE,
            "Faylaq al-Sham, the group hit in the strike, is one Turkey backs.",
        ],
    )]);
    let claim = "Russia's strike on the camp of Syrian fighters in Idlib hit Faylaq al-Sham and drew a red line for Ankara.";
    common::assert_verdict(&engine, claim, Verdict::Supported);
}

#[test]
fn a_year_from_the_sentence_before_is_context_and_one_from_far_away_is_not() {
    let filler: Vec<String> = (0..6)
        .map(|i| format!("Paragraph {i} of the piece is about the economy of the region."))
        .collect();
    let mut paragraphs: Vec<&str> = vec!["The two countries nearly went to war in 2016."];
    paragraphs.push(
        "Russia and Turkey stood one step from a full-scale conflict back then and then became bitter friends.",
    );
    paragraphs.extend(filler.iter().map(String::as_str));
    paragraphs.push("Trade between them fell in 2019.");
    let (_dir, engine) = engine(&[("rivals.txt", &paragraphs)]);

    let from_context = "In 2016 Moscow and Ankara stood one step from a full-scale conflict and then became bitter friends.";
    common::assert_verdict(&engine, from_context, Verdict::Supported);

    // 2019 is in the document, but eight sentences away: an invented date for this claim.
    let far = "In 2019 Moscow and Ankara stood one step from a full-scale conflict and then became bitter friends.";
    let checked = common::check_one(&engine, far);
    assert_ne!(
        checked.judgement.verdict,
        Verdict::Supported,
        "{:?}",
        checked.judgement
    );
}

#[test]
fn a_leader_names_his_state_and_a_city_its_region() {
    let (_dir, engine) = engine(&[(
        "war.txt",
        &[
            "Azerbaijan won the war with the help of Turkish President Recep Erdogan and his Syrian mercenaries.",
            "According to the Defense Ministry, 1,700 residents have returned to the capital of Nagorno-Karabakh since November 14.",
            "Shops in Stepanakert are opening again.",
        ],
    )]);
    // "Turkey" is not in the source's words, but its president is.
    common::assert_a_source_makes(
        &engine,
        "Azerbaijan won the war with the help of Turkey and Syrian mercenaries.",
    );
    // Stepanakert (named elsewhere in the piece) lies in Nagorno-Karabakh: not a conflict
    // of places.
    common::assert_verdict(&engine, "The Defense Ministry says 1,700 residents have come back to Stepanakert since November 14.", Verdict::Supported);
}

#[test]
fn a_source_on_its_own_day_gives_the_documents_month_as_context() {
    let (_dir, engine) = engine(&[(
        "thread.txt",
        &[
            "November 10, 2020",
            "Today's deal gives Moscow the upper hand over the whole region.",
        ],
    )]);
    // "Today" in a thread of 10 November is November; October is invented.
    let claim = "The November deal gives Moscow the upper hand over the whole region.";
    common::assert_verdict(&engine, claim, Verdict::Supported);
    let claim = "The October deal gives Moscow the upper hand over the whole region.";
    common::assert_verdict(&engine, claim, Verdict::Unsupported);
}

#[test]
fn a_source_not_on_its_own_day_does_not_give_the_documents_month() {
    let (_dir, engine) = engine(&[(
        "essay.txt",
        &[
            "November 10, 2020",
            "The deal gives Moscow the upper hand over the whole region.",
        ],
    )]);
    // A piece written in November speaks of deals of any month.
    let claim = "The November deal gives Moscow the upper hand over the whole region.";
    common::assert_verdict(&engine, claim, Verdict::Unsupported);
}

#[test]
fn a_duration_is_given_by_the_dates_a_source_names() {
    let (_dir, engine) = engine(&[(
        "timeline.txt",
        &["The prime minister moved from calling a Russian troop deployment unnecessary (Sep 30) to its public support (Oct 22)."],
    )]);
    // Sep 30 to Oct 22 is three weeks and a day: the writer's rounding, not a new fact.
    let claim = "Within about three weeks the prime minister moved from calling a Russian troop deployment unnecessary to its public support.";
    common::assert_verdict(&engine, claim, Verdict::Supported);
    // Two months is not what the dates span.
    let claim = "Within about two months the prime minister moved from calling a Russian troop deployment unnecessary to its public support.";
    common::assert_verdict(&engine, claim, Verdict::Unsupported);
}
