//! Candidates → a verdict with its reasons.
//!
//! Decides, for one draft sentence, whether sources support it, contradict it, were copied
//! by it, or whether it is no claim at all. Knows nothing of the editor: it returns plain
//! data that the report and the server only display.

use crate::corpus::SentenceId;

/// The one verdict a draft sentence gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One or more sources make this claim.
    Supported,
    /// A near-verbatim copy of a source sentence, neither quoted nor cited.
    Copied,
    /// A source makes the same claim with a different number, date, actor or polarity.
    Conflicting,
    /// No source makes this claim.
    Unsupported,
    /// Not a claim: heading, question, transition, meta text, too short, or suppressed.
    Skipped,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Copied => "copied",
            Verdict::Conflicting => "conflicting",
            Verdict::Unsupported => "unsupported",
            Verdict::Skipped => "skipped",
        }
    }

    /// Whether the writer should look at this sentence (CLI exit code 1, diagnostics).
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            Verdict::Copied | Verdict::Conflicting | Verdict::Unsupported
        )
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of fact differs between a draft sentence and a source making the same claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    Number,
    Date,
    Actor,
    Place,
    Polarity,
}

/// One fact that differs: "source says 2000, draft says 5000".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    pub kind: DifferenceKind,
    pub source: String,
    pub draft: String,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "source says {}, draft says {}", self.source, self.draft)
    }
}

/// A source sentence that makes a similar claim, with how close it is (0..1).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceMatch {
    #[serde(skip)]
    pub sentence: SentenceId,
    pub score: f32,
}

/// The judge's decision on one draft sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub verdict: Verdict,
    /// One line for a person.
    pub reason: String,
    /// Best first. Empty for skipped and most unsupported sentences.
    pub matches: Vec<SourceMatch>,
    /// For a conflict: what differs from the best match.
    pub differences: Vec<Difference>,
}
