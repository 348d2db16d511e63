//! Who a claim is reported by: the frame of "TASS reported that …", "…, a TASS correspondent
//! reports" or "According to the ministry, …", apart from what is reported.
//!
//! The reporter is not the claim. A source sentence by the same reporter shares the frame's
//! words ("TASS", "correspondent", "reports") and the setting's ("Stepanakert", "residents"),
//! which lifts its term overlap as high as a paraphrase's, while the event it reports may be
//! another one entirely. So when a source shares the reporter, the judge also asks how much
//! of the *reported content* it states.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::terms::{Analysis, Analyzer, TermKind};

/// Verbs that introduce a reported statement, in the forms a frame uses: a stem and its endings
/// (`stat(?:ed|es)` is "stated" or "states"), which compiles to a smaller automaton than the
/// forms one by one. Whatever follows a verb in a frame is no letter, so no form can be
/// taken for a longer one.
const REPORTING_VERBS: &str = "sa(?:id|ys?)|report(?:ed|s)?|stat(?:ed|es)|announc(?:ed|es)|\
declar(?:ed|es)|claim(?:ed|s)|told|tells|not(?:ed|es)|wrote|writes|stress(?:ed|es)|\
insist(?:ed|s)|argu(?:ed|es)|add(?:ed|s)|confirm(?:ed|s)|suggest(?:ed|s)|emphasi[sz](?:ed|es)|\
warn(?:ed|s)|explain(?:ed|s)|acknowledg(?:ed|es)|admi(?:tted|ts)|promis(?:ed|es)|\
pledg(?:ed|es)|threaten(?:ed|s)|urg(?:ed|es)|assert(?:ed|s)|reiterat(?:ed|es)|recall(?:ed|s)|\
predict(?:ed|s)|conced(?:ed|es)";

/// "TASS reported that …", "The Russian Defence Ministry said its …": a subject of a few
/// words with no punctuation in it, a reporting verb, then the content.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?P<frame>(?:[^\s,;:]+\s+){{1,7}}?(?:{REPORTING_VERBS}))(?:\s+that)?\s+(?P<content>\S.*)$"
    ))
    .expect("the leading frame pattern is valid")
});

/// "…, a TASS correspondent reports." and "…, according to TASS."
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<content>.*\S)\s*,\s*(?P<frame>(?:[^\s,;:]+\s+){{1,6}}(?:{REPORTING_VERBS})|according\s+to\s+[^,;:]{{1,80}}?)\s*[.!]?\s*$"
    ))
    .expect("the trailing frame pattern is valid")
});

/// "…,” declared the Russian Defense Ministry." and "…, said Lavrov.": the verb first.
static TRAILING_INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)^(?P<content>.*\S)\s*,\s*["”’']?\s*(?P<frame>(?:{REPORTING_VERBS})(?:\s+[^\s,;:]+){{1,6}})\s*[.!]?\s*$"#
    ))
    .expect("the inverted trailing frame pattern is valid")
});

/// "According to the ministry, …"
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?P<frame>according\s+to\s+[^,;:]{1,80}?)\s*,\s*(?P<content>\S.*)$")
        .expect("the according-to pattern is valid")
});

/// One reporting verb (or "according"), to leave out of the reporter.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i)^(?:{REPORTING_VERBS}|according)$"))
        .expect("the reporting verb pattern is valid")
});

/// A claim split into who reports it and what is reported.
pub struct Attribution {
    /// Keys of the reporter: the frame's actors, names and words other than its verb.
    pub reporter: HashSet<String>,
    /// The reported content, analysed on its own.
    pub content: Analysis,
    /// Who speaks: the frame's named actors and the broader ones they belong to.
    speakers: HashSet<String>,
}

/// The named actors of a frame with those they belong to ("Lavrov said" and "the Russian
/// foreign ministry said" both speak for Russia), and of a frame inside its content: "the
/// ministry says …, according to TASS" has two speakers.
fn speakers_of(frame: &Analysis, content: &str, analyzer: &Analyzer) -> HashSet<String> {
    let inner = split(content).map(|(inner, _)| analyzer.analyze(inner));
    std::iter::once(frame)
        .chain(inner.as_ref())
        .flat_map(|frame| {
            frame
                .terms
                .iter()
                .filter(|t| matches!(t.kind, TermKind::Actor | TermKind::Name))
                .map(|t| t.key.clone())
                .chain(frame.implied.iter().cloned())
        })
        .collect()
}

/// The frame and the content of `text` as written, if it is framed as a report.
fn split(text: &str) -> Option<(&str, &str)> {
    let captures = ACCORDING
        .captures(text)
        .or_else(|| TRAILING.captures(text))
        .or_else(|| TRAILING_INVERTED.captures(text))
        .or_else(|| LEADING.captures(text))?;
    Some((
        captures.name("frame")?.as_str(),
        captures.name("content")?.as_str(),
    ))
}

/// What `text` reports, as written, if it is framed as a report ("Lavrov said that …" →
/// what he said): embedded on its own, it is compared with sources that report.
pub fn reported_text(text: &str) -> Option<&str> {
    split(text).map(|(_, content)| content)
}

/// The attribution frame of `text`, if it has one: a reporter of at least one term and a
/// content of at least three.
pub fn attribution(text: &str, analyzer: &Analyzer) -> Option<Attribution> {
    let (frame_text, content_text) = split(text)?;
    let frame = analyzer.analyze(frame_text);
    let content = analyzer.analyze(content_text);
    let reporter: HashSet<String> = frame
        .terms
        .iter()
        .filter(|t| !VERB.is_match(&t.surface))
        .map(|t| t.key.clone())
        .collect();
    let speakers = speakers_of(&frame, content_text, analyzer);
    (!reporter.is_empty() && content.terms.len() >= 3).then_some(Attribution {
        reporter,
        content,
        speakers,
    })
}

/// The actors and names of the frame of `text` ("According to @MBKhMedia, …" → the
/// outlet), if it is framed as a report: they say who reports, not what.
pub fn frame_names(text: &str, analyzer: &Analyzer) -> Option<HashSet<String>> {
    let (frame, _) = split(text)?;
    let names: HashSet<String> = analyzer
        .analyze(frame)
        .terms
        .into_iter()
        .filter(|t| matches!(t.kind, TermKind::Actor | TermKind::Name))
        .map(|t| t.key)
        .collect();
    (!names.is_empty()).then_some(names)
}

impl Attribution {
    /// Whether `source` names the whole reporter: it is the same reporter's statement.
    pub fn same_reporter(&self, source: &Analysis) -> bool {
        self.reporter.iter().all(|key| {
            source.terms.iter().any(|t| &t.key == key) || source.implied.iter().any(|k| k == key)
        })
    }

    /// Whether a source sentence reports what someone else said: both name who speaks, and
    /// no one, nor anyone they speak for, is the same ("Pashinyan told TASS that …" against
    /// "According to the Russian president, …"). Such a source does not support the claim
    /// that the draft's speaker said it.
    pub fn reported_by_another(&self, source_text: &str, analyzer: &Analyzer) -> bool {
        let Some((frame, content)) = split(source_text) else {
            return false;
        };
        let theirs = speakers_of(&analyzer.analyze(frame), content, analyzer);
        !self.speakers.is_empty() && !theirs.is_empty() && self.speakers.is_disjoint(&theirs)
    }

    /// Whether a source sentence is itself a report, by this reporter or another: either
    /// way its frame and setting say nothing of whether it reports the same content.
    pub fn weighs_content_of(&self, source: &Analysis, source_text: &str) -> bool {
        self.same_reporter(source) || split(source_text).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::AliasTable;

    fn split(text: &str) -> Option<(Vec<String>, String)> {
        let analyzer = Analyzer::new(AliasTable::default_table());
        attribution(text, &analyzer).map(|a| {
            let mut reporter: Vec<String> = a.reporter.into_iter().collect();
            reporter.sort();
            let content: Vec<String> = a.content.terms.iter().map(|t| t.surface.clone()).collect();
            (reporter, content.join(" "))
        })
    }

    #[test]
    fn a_leading_reporter_and_its_verb_frame_the_content() {
        let (reporter, content) =
            split("TASS reported that the contingent had opened a hospital in the city.").unwrap();
        assert_eq!(reporter.len(), 1);
        assert!(reporter[0].contains("tass"), "{reporter:?}");
        assert_eq!(content, "contingent opened hospital city");
    }

    #[test]
    fn a_trailing_reporter_after_a_comma_frames_what_comes_before() {
        let (reporter, content) = split(
            "Shops are opening and the roads are being repaired, a TASS correspondent reports.",
        )
        .unwrap();
        assert_eq!(reporter.len(), 2, "{reporter:?}");
        assert_eq!(content, "Shops opening roads repaired");
    }

    #[test]
    fn a_trailing_verb_before_its_reporter_frames_what_comes_before() {
        let (reporter, content) = split(
            "“Some 900 refugees returned to the city by bus,” declared the Russian Defense Ministry.",
        )
        .unwrap();
        // The alias table knows the ministry as one actor.
        assert_eq!(reporter, vec!["@russian_defence_ministry".to_string()]);
        assert_eq!(content, "900 refugees returned city bus");
    }

    #[test]
    fn according_to_frames_either_end() {
        assert!(split("According to the ministry, 1,700 residents have returned home.").is_some());
        assert!(
            split("Some 1,700 residents have returned home, according to the ministry.").is_some()
        );
    }

    #[test]
    fn a_source_reporting_another_speaker_is_told_apart() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let claim = attribution(
            "Pashinyan told TASS that his relations with Putin remain trust-based.",
            &analyzer,
        )
        .unwrap();
        assert!(claim.reported_by_another(
            "According to the Russian president, he has trust-based relations with Pashinyan.",
            &analyzer
        ));
        assert!(!claim.reported_by_another(
            "Pashinyan said his relations with Putin are trust-based.",
            &analyzer
        ));
        // A minister and his ministry speak for one state; a source that is no report is
        // weighed as any other.
        let claim = attribution(
            "Lavrov said that observers could only be sent with the consent of both sides.",
            &analyzer,
        )
        .unwrap();
        assert!(!claim.reported_by_another(
            "Observers need the consent of both sides, the Russian foreign ministry said.",
            &analyzer
        ));
        assert!(!claim.reported_by_another("Observers need the consent of both sides.", &analyzer));
        // A report of a report names both speakers.
        let claim = attribution(
            "Russia's Defence Ministry says 1,700 residents have come back, according to TASS.",
            &analyzer,
        )
        .unwrap();
        assert!(!claim.reported_by_another(
            "According to the Russian Defence Ministry, 1,700 residents have returned.",
            &analyzer
        ));
    }

    #[test]
    fn a_warning_or_a_pledge_is_a_statement_too() {
        let (reporter, content) = split(
            "At the Valdai forum Putin warned Ankara that Russian troops would stay in the region.",
        )
        .unwrap();
        assert!(reporter.iter().any(|r| r == "@putin"), "{reporter:?}");
        assert!(content.contains("troops"), "{content}");
        // A thing that "reveals" or "signals" is no speaker.
        assert!(
            split("The episode reveals a shift in how the Kremlin conducts its relations.")
                .is_none()
        );
        assert!(split("The deal signals that Moscow will stay out of the fighting.").is_none());
    }

    #[test]
    fn a_sentence_without_a_reporting_verb_has_no_frame() {
        assert!(split("The residents are returning to the city and shops are opening.").is_none());
        // A reporting verb deep in a long subject is no frame.
        assert!(split("Armenia, which had long relied on Moscow, said nothing.").is_none());
    }
}
