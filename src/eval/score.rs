//! The scoring rules of the evaluation README, and the table they add up to.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::CaseResult;
use crate::judge::Verdict;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Right,
    /// A conflict reported as supported by the right document.
    Half,
    Wrong,
}

impl Outcome {
    pub fn credit(self) -> f64 {
        match self {
            Outcome::Right => 1.0,
            Outcome::Half => 0.5,
            Outcome::Wrong => 0.0,
        }
    }
}

/// - supported: supported or copied, best match from a listed document;
/// - unsupported: unsupported;
/// - conflicting: conflicting from a listed document; half for supported from one;
/// - not_claim: skipped.
pub fn outcome(label: &str, verdict: Verdict, best_from_listed_document: bool) -> Outcome {
    let right = match label {
        "supported" => {
            matches!(verdict, Verdict::Supported | Verdict::Copied) && best_from_listed_document
        }
        "unsupported" => verdict == Verdict::Unsupported,
        "conflicting" => {
            if verdict == Verdict::Supported && best_from_listed_document {
                return Outcome::Half;
            }
            verdict == Verdict::Conflicting && best_from_listed_document
        }
        "not_claim" => verdict == Verdict::Skipped,
        _ => false,
    };
    if right {
        Outcome::Right
    } else {
        Outcome::Wrong
    }
}

/// Accuracy per label and per difficulty, and the precision of "unsupported".
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// (group, credit, count), e.g. ("supported", 40.0, 44), ("supported/lexical", …).
    pub rows: Vec<(String, f64, usize)>,
    pub unsupported_precision: Option<f64>,
    pub missing: usize,
    pub total: usize,
}

impl Scorecard {
    pub fn from_results(results: &[CaseResult]) -> Scorecard {
        let mut groups: BTreeMap<String, (f64, usize)> = BTreeMap::new();
        for r in results {
            let mut add = |key: String| {
                let e = groups.entry(key).or_insert((0.0, 0));
                e.0 += r.outcome.credit();
                e.1 += 1;
            };
            add(r.case.label.clone());
            if let Some(d) = &r.case.difficulty {
                add(format!("{}/{}", r.case.label, d));
            }
        }
        let called: Vec<&CaseResult> = results
            .iter()
            .filter(|r| r.verdict == Some(Verdict::Unsupported))
            .collect();
        let truly = called
            .iter()
            .filter(|r| r.case.label == "unsupported")
            .count();
        Scorecard {
            rows: groups.into_iter().map(|(k, (c, n))| (k, c, n)).collect(),
            unsupported_precision: (!called.is_empty()).then(|| truly as f64 / called.len() as f64),
            missing: results.iter().filter(|r| r.verdict.is_none()).count(),
            total: results.len(),
        }
    }

    pub fn accuracy(&self, group: &str) -> Option<f64> {
        self.rows
            .iter()
            .find(|(g, _, _)| g == group)
            .map(|(_, c, n)| c / *n as f64)
    }

    /// A Markdown table, ready for the docs.
    pub fn table(&self) -> String {
        Scorecard::side_by_side(&[("score", self)])
    }

    fn overall(&self) -> f64 {
        let credit: f64 = self
            .rows
            .iter()
            .filter(|(g, _, _)| !g.contains('/'))
            .map(|(_, c, _)| c)
            .sum();
        credit / self.total.max(1) as f64
    }

    /// One Markdown table with a score column per scorecard (the same cases scored under
    /// different settings, e.g. without and with the model).
    pub fn side_by_side(columns: &[(&str, &Scorecard)]) -> String {
        let mut s = String::from("| group | cases |");
        for (name, _) in columns {
            let _ = write!(s, " {name} |");
        }
        s.push_str("\n|---|---:|");
        s.push_str(&"---:|".repeat(columns.len()));
        s.push('\n');
        let Some((_, first)) = columns.first() else {
            return s;
        };
        let cells = |value: &dyn Fn(&Scorecard) -> String| -> String {
            columns
                .iter()
                .map(|(_, c)| format!(" {} |", value(c)))
                .collect()
        };
        for (group, _, n) in &first.rows {
            let row = cells(&|c: &Scorecard| {
                c.accuracy(group)
                    .map_or("n/a".into(), |a| format!("{a:.2}"))
            });
            let _ = writeln!(s, "| {group} | {n} |{row}");
        }
        let row = cells(&|c: &Scorecard| format!("{:.2}", c.overall()));
        let _ = writeln!(s, "| **all cases** | {} |{row}", first.total);
        let row = cells(&|c: &Scorecard| {
            c.unsupported_precision
                .map_or("n/a".into(), |p| format!("{p:.2}"))
        });
        let _ = writeln!(s, "| unsupported precision | |{row}");
        // Segmentation does not depend on the settings compared: one count.
        let _ = writeln!(
            s,
            "| case sentences missing from the output | {} |{}",
            first.missing,
            " |".repeat(columns.len())
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_of_the_readme() {
        assert_eq!(outcome("supported", Verdict::Copied, true), Outcome::Right);
        assert_eq!(
            outcome("supported", Verdict::Supported, false),
            Outcome::Wrong
        );
        assert_eq!(
            outcome("conflicting", Verdict::Supported, true),
            Outcome::Half
        );
        assert_eq!(
            outcome("conflicting", Verdict::Conflicting, false),
            Outcome::Wrong
        );
        assert_eq!(
            outcome("not_claim", Verdict::Skipped, false),
            Outcome::Right
        );
        assert_eq!(
            outcome("unsupported", Verdict::Skipped, false),
            Outcome::Wrong
        );
    }
}
