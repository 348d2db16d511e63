//! Claims that name no actor, place, number or date, and that no source makes: only the
//! sentence-embedding model tells them from paraphrases, since on words alone each shares a
//! word or two with some source sentence (docs/quality.md, "Why words alone fall short").
//! Needs the model installed; skipped without it unless `CORROBORATE_REQUIRE_MODEL=1` (CI).

mod common;

use corroborate::judge::Verdict;

/// Plausible sentences of an analysis that the demo corpus never says, one per paragraph.
const INVENTED: [&str; 8] = [
    "The economy grew faster than expected last year.",
    "Most observers expected the talks to collapse within days.",
    "Energy prices will remain the main driver of regional politics.",
    "The new government promised to fight corruption and reform the courts.",
    "Refugee camps lacked clean water and medical supplies throughout the winter.",
    "Local elections were postponed because of the security situation.",
    "The army relied heavily on drones supplied by foreign partners.",
    "Public opinion turned sharply against the ruling party after the defeat.",
];

#[test]
fn with_the_model_claims_naming_nothing_that_no_source_makes_are_unsupported() {
    if !common::model_installed() {
        return;
    }
    let (engine, model) = common::demo_engine_with_model();
    let draft = INVENTED.join("\n\n");
    engine
        .embed_draft(&model, &draft)
        .expect("the draft embeds");
    let checked = engine.check_markdown(&draft);
    assert_eq!(checked.len(), INVENTED.len());
    let supported: Vec<_> = checked
        .iter()
        .filter(|c| c.judgement.verdict != Verdict::Unsupported)
        .map(|c| (&c.sentence.text, &c.judgement.reason))
        .collect();
    // One may find a source on its topic ("the main driver" of the relationship); more
    // means the model's verdicts no longer tell a topic from a claim.
    assert!(supported.len() <= 1, "{supported:#?}");
}
