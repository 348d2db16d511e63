//! British and American spellings of one word meet before stemming ("defence"/"defense",
//! "neighbour"/"neighbor", "recognise"/"recognize"), so they count as the same term.

use std::borrow::Cow;

const WHOLE_WORDS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("pretence", "pretense"),
    ("centre", "center"),
    ("centres", "centers"),
    ("theatre", "theater"),
    ("metre", "meter"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("sceptical", "skeptical"),
    ("sceptic", "skeptic"),
    ("sceptics", "skeptics"),
    ("grey", "gray"),
    ("fulfil", "fulfill"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
];

/// "-ise" verbs that are not the British form of an "-ize" verb.
const TRUE_ISE: &[&str] = &[
    "advertis",
    "advis",
    "apprais",
    "chastis",
    "compris",
    "compromis",
    "despis",
    "devis",
    "disguis",
    "enterpris",
    "exercis",
    "expertis",
    "franchis",
    "improvis",
    "merchandis",
    "otherwis",
    "likewis",
    "premis",
    "promis",
    "rais",
    "prais",
    "revis",
    "supervis",
    "surpris",
    "televis",
    "wis",
    "ris",
    "aris",
    "cruis",
    "nois",
    "pois",
    "precis",
    "concis",
];

pub fn american(word: &str) -> Cow<'_, str> {
    if let Some((_, us)) = WHOLE_WORDS.iter().find(|(uk, _)| *uk == word) {
        return Cow::Borrowed(us);
    }
    if word.len() >= 6 && word.ends_with("our") && !word.ends_with("hour") {
        // neighbour, behaviour, favour, honour, labour, rumour
        return Cow::Owned(format!("{}or", &word[..word.len() - 3]));
    }
    if word.len() >= 7 && word.contains("our") {
        for suffix in ["ours", "oured", "ouring", "ourhood", "ourite", "ourable"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if stem.len() >= 3 && !stem.ends_with('h') {
                    return Cow::Owned(format!("{stem}o{}", &suffix[2..]));
                }
            }
        }
    }
    for (uk, us) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if let Some(stem) = word.strip_suffix(uk) {
            let base = format!("{stem}is");
            if stem.len() >= 4
                && !TRUE_ISE
                    .iter()
                    .any(|t| base.ends_with(t) && base.len() - t.len() < 3)
            {
                return Cow::Owned(format!("{stem}{us}"));
            }
        }
    }
    if word.len() >= 8 {
        for (uk, us) in [
            ("elled", "eled"),
            ("elling", "eling"),
            ("alled", "aled"),
            ("alling", "aling"),
        ] {
            if let Some(stem) = word.strip_suffix(uk) {
                return Cow::Owned(format!("{stem}{us}"));
            }
        }
    }
    Cow::Borrowed(word)
}

#[cfg(test)]
mod tests {
    use super::american;

    #[test]
    fn british_spellings_become_american() {
        assert_eq!(american("defence"), "defense");
        assert_eq!(american("neighbourhood"), "neighborhood");
        assert_eq!(american("behaviour"), "behavior");
        assert_eq!(american("recognised"), "recognized");
        assert_eq!(american("travelled"), "traveled");
        assert_eq!(american("signalled"), "signaled");
    }

    #[test]
    fn words_that_only_look_british_are_kept() {
        for w in [
            "hour",
            "four",
            "exercise",
            "compromise",
            "surprised",
            "promise",
            "rise",
            "otherwise",
            "advised",
        ] {
            assert_eq!(american(w), w);
        }
    }
}
