//! What a source sentence's form says beside its words: a question asks rather than
//! states, "today" dates it by its document, "he" points to a sentence before it.

use std::sync::LazyLock;

use regex::Regex;

/// Whether a sentence speaks of the day it was written ("today's deal", "announced
/// yesterday", "tonight"): its date is then the document's.
pub fn speaks_of_its_day(text: &str) -> bool {
    static DEICTIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening))\b")
            .expect("the deictic day pattern is valid")
    });
    DEICTIC.is_match(text)
}

/// Whether a sentence speaks of a person by a pronoun ("he said that …"): whom it means
/// stands in a sentence before it.
pub fn refers_to_a_person(text: &str) -> bool {
    static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:he|she|him|his|her|himself|herself)\b")
            .expect("the personal pronoun pattern is valid")
    });
    PERSONAL.is_match(text)
}

/// Whether a source sentence asks rather than states: a question supports no claim, however
/// close its words ("Did Moscow gain from the deal?" against "Moscow gained from the deal").
pub fn is_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with('?')
}

/// Whether a question is asked only to make a point ("If proud Russia believes that Huawei is
/// safe, why should Brazil or South Africa resist?"): it states that Brazil has no reason
/// to, and a claim saying so restates it. A question that asks ("Will there be a base in
/// Belarus?") states nothing.
pub fn is_rhetorical_question(text: &str) -> bool {
    static RHETORICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[,:;]\s*)(?:so\s+|then\s+|and\s+)?(?:why\s+(?:should|would|else)|who\s+(?:would|could|else)|how\s+(?:could|can)\s+(?:anyone|one|we|they))\b",
        )
        .expect("the rhetorical question pattern is valid")
    });
    is_question(text) && RHETORICAL.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_asked_to_make_a_point_is_told_from_one_that_asks() {
        assert!(is_rhetorical_question(
            "If proud Russia believes that Huawei is safe, why should Brazil or South Africa resist?"
        ));
        assert!(is_rhetorical_question("Who would trust such a partner?"));
        assert!(!is_rhetorical_question(
            "Soon, will there also be a Russian air base in Belarus?"
        ));
        assert!(!is_rhetorical_question("Why did Moscow wait so long?"));
        // Not a question at all.
        assert!(!is_rhetorical_question(
            "Why should Brazil resist, analysts ask."
        ));
    }

    #[test]
    fn today_and_yesterday_speak_of_the_day_written_and_a_date_does_not() {
        assert!(speaks_of_its_day(
            "Today's deal addresses core Russian interests."
        ));
        assert!(speaks_of_its_day(
            "The statement published yesterday was short."
        ));
        assert!(!speaks_of_its_day(
            "The deal of 10 November addresses core interests."
        ));
        // "today" inside another word is not the day.
        assert!(!speaks_of_its_day("Todayville is a town."));
    }
}
