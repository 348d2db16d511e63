//! Candidates → a verdict with its reasons.
//!
//! Decides, for one draft sentence, whether sources support it, contradict it, were copied
//! by it, or whether it is no claim at all. Knows nothing of the editor: it returns plain
//! data that the report and the server only display.
//!
//! One sentence's path: `skip` decides whether it is a claim at all; `candidates` finds the
//! sources to weigh (index and, with the model, nearest embeddings) and scores each with
//! `similarity`; `facts` compares each one's numbers, dates, actors and polarity; `context`,
//! `documents` and `reported` check what a source's surroundings give; [`judge`] weighs it
//! all into one [`Judgement`], with `near_miss` naming the source that nearly supported an
//! unsupported claim. `explain` shows the same evidence to a person.

mod analyses;
mod asides;
mod attribution;
mod candidates;
mod clauses;
mod context;
mod documents;
mod explain;
mod facts;
mod near_miss;
mod reported;
mod similarity;
mod skip;

use crate::corpus::{Corpus, SentenceId};
use crate::index::{Embedding, Index, SentenceVectors};
use crate::terms::{Analysis, Analyzer};
use crate::text::DraftSentence;
pub use analyses::SourceAnalyses;
use candidates::{
    candidates, closest_first, rank_on_static_embeddings, sentence_cosine, Candidate,
};
use context::{numbers_given, referred_to_by_pronoun, unmentioned_by_documents};
pub use documents::SourceDocuments;
pub use explain::{explain, CandidateReport};
use near_miss::{NearMiss, NearMisses};
use reported::states_reported_content;
pub use reported::{REPORTED_CONTENT_COSINE, REPORTED_CONTENT_FLOOR};

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
    /// Best first. Empty for skipped and most unsupported sentences (an unsupported one may
    /// carry its near miss).
    pub matches: Vec<SourceMatch>,
    /// For a conflict: what differs from the best match.
    pub differences: Vec<Difference>,
}

/// Where the judge looks things up: the sources, their index, and how text is analysed.
pub struct Sources<'a> {
    pub corpus: &'a Corpus,
    pub index: &'a Index,
    pub analyzer: &'a Analyzer,
    pub analyses: &'a SourceAnalyses,
    /// What each source document mentions beyond one sentence.
    pub documents: &'a SourceDocuments,
    /// Sentence embeddings, when the optional model is installed and every source has its
    /// vector; `None` judges on words alone.
    pub vectors: Option<&'a SentenceVectors>,
}

/// The semantic side of a query: the draft sentence's embedding and, for a claim framed as
/// a report, its reported content's; `None` for what the model has not embedded (or when it
/// is off).
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'a> {
    pub sentence: Option<&'a Embedding>,
    pub reported: Option<&'a Embedding>,
}

/// What of a draft sentence the model embeds for the judge: the sentence, and what it
/// reports when it is framed as a report.
pub fn texts_to_embed(text: &str) -> impl Iterator<Item = &str> {
    std::iter::once(text).chain(attribution::reported_text(text))
}

/// Score cut-offs (0..1) that turn closeness into a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Lowest score at which a source supports a claim, judged on words.
    pub supported: f32,
    /// Lowest cosine of the sentence embeddings at which a source supports a claim, when
    /// the model is on.
    pub semantic: f32,
    /// Lowest share of the draft's words, in order, that makes an unquoted sentence a copy.
    pub copied: f32,
}

/// How many supporting sources a judgement lists.
const MAX_MATCHES: usize = 5;
/// A source this close whose facts differ makes the claim a conflict.
const CONFLICT_FLOOR: f32 = 0.55;
/// A claim that restates a source in its own words shares fewer terms than
/// [`CONFLICT_FLOOR`] asks; the two sentences' cosine (the model's, or the static table's)
/// at least this high shows it is the same claim, if this share of its terms is shared once
/// the differing facts are counted ("1,700 people have moved back into the Karabakh capital
/// since 4 November" against "1,700 residents have returned to the capital of
/// Nagorno-Karabakh since November 14").
const PARAPHRASED_CONFLICT_COSINE: f32 = 0.75;
const PARAPHRASED_CONFLICT_FLOOR: f32 = 0.4;
/// A source stating more facts differently than this makes another claim in the same
/// setting, not the claim with a fact changed: "President Kocharyan met CSTO officials in
/// Minsk" does not contradict "President Sarkissyan met NATO officials in Brussels". Two
/// allow a changed date range ("9-10 October" for "19-20 October").
const MAX_DIFFERENCES: usize = 2;
/// The same, when the one difference is a phrase negated on one side and asserted on the
/// other ("no formal role" against "a formal role"): the phrase itself, shared word for word,
/// already shows the two speak of one thing.
const POLARITY_CONFLICT_FLOOR: f32 = 0.35;

/// The facts a source states differently from the claim. A named fact that seems replaced
/// is checked against the source's frame and asides: the outlet of "According to
/// @MBKhMedia, …" is who reports, and the Turkey of "(with Turkey in the back)" a remark in
/// passing, not a place or actor of the claim (only then are they read: most sources differ
/// in nothing named).
fn compare_facts(sources: &Sources, draft: &Analysis, candidate: &Candidate) -> facts::Comparison {
    let comparison = facts::compare(draft, candidate.analysis);
    let named = comparison
        .differences
        .iter()
        .any(|d| matches!(d.kind, DifferenceKind::Actor | DifferenceKind::Place));
    if !named {
        return comparison;
    }
    let source_text = &sources.corpus.sentence(candidate.sentence).text;
    let mut beside = attribution::frame_names(source_text, sources.analyzer).unwrap_or_default();
    beside.extend(asides::names_only_in_asides(source_text, sources.analyzer));
    if beside.is_empty() {
        return comparison;
    }
    facts::compare_beside_frame(draft, candidate.analysis, &beside)
}

/// Whether `sentence` makes a claim the judge weighs (else it is skipped).
pub fn is_claim(sources: &Sources, sentence: &DraftSentence) -> bool {
    let draft = sources.analyzer.analyze(&sentence.text);
    skip::reason_to_skip(sentence, &draft).is_none()
}

/// Decides the verdict on one draft sentence.
pub fn judge(
    sources: &Sources,
    thresholds: Thresholds,
    sentence: &DraftSentence,
    query: Query,
) -> Judgement {
    let draft = sources.analyzer.analyze(&sentence.text);
    if let Some(reason) = skip::reason_to_skip(sentence, &draft) {
        return Judgement {
            verdict: Verdict::Skipped,
            reason,
            matches: vec![],
            differences: vec![],
        };
    }
    let attribution = attribution::attribution(&sentence.text, sources.analyzer);
    decide(
        sources,
        thresholds,
        sentence,
        &draft,
        candidates(sources, &draft, query),
        attribution.as_ref(),
        query,
    )
}

/// The verdict on a claim, given the candidates found for it.
fn decide(
    sources: &Sources,
    thresholds: Thresholds,
    sentence: &DraftSentence,
    draft: &Analysis,
    mut candidates: Vec<Candidate>,
    attribution: Option<&attribution::Attribution>,
    query: Query,
) -> Judgement {
    // Each candidate's facts are compared once; support and conflict both read them.
    let comparisons: Vec<facts::Comparison> = candidates
        .iter()
        .map(|c| compare_facts(sources, draft, c))
        .collect();
    // Sources that would support the claim but for one thing: the near miss of an
    // unsupported claim.
    let mut near_misses = NearMisses::default();
    let clauses = clauses::Clauses::of(&sentence.text, sources.analyzer);
    let idf = |key: &str| sources.index.idf(key);
    let supporting: Vec<usize> = candidates
        .iter()
        .enumerate()
        .zip(&comparisons)
        .filter(|(_, comparison)| comparison.differences.is_empty())
        .map(|(c, _)| c)
        .filter(|(_, c)| numbers_given(sources, draft, c))
        .filter(|(_, c)| {
            let text = &sources.corpus.sentence(c.sentence).text;
            !facts::is_question(text) || facts::is_rhetorical_question(text)
        })
        .filter(|(i, c)| {
            let absent: Vec<&str> = facts::unmatched_named(draft, c.analysis)
                .iter()
                .map(|t| t.key.as_str())
                .collect();
            if !unmentioned_by_documents(sources, c.sentence, &absent).is_empty() {
                return false;
            }
            let absent = absent
                .iter()
                .filter(|name| !referred_to_by_pronoun(sources, c.sentence, name))
                .count();
            let threshold = match c.cosine {
                Some(_) => thresholds.semantic,
                None => thresholds.supported,
            };
            let source_text = &sources.corpus.sentence(c.sentence).text;
            let rest = || {
                let source_text = sources.analyzer.aliases().spelled_out(source_text);
                similarity::residual_relatedness(&c.overlap, draft, &source_text)
            };
            let supports = c.same_claim_evidence(absent, rest) >= threshold
                && attribution.is_none_or(|a| states_reported_content(sources, a, c, query));
            if let Some(clauses) = clauses.as_ref().filter(|_| supports) {
                let others = candidates
                    .iter()
                    .filter(|other| other.sentence != c.sentence)
                    .map(|other| other.analysis);
                if let Some((k, stated)) = clauses.left_unsaid(c.analysis, others, &idf) {
                    let clause = clauses.text(k).to_string();
                    near_misses.push(*i, NearMiss::UnsaidClause { clause, stated });
                    return false;
                }
            }
            if supports
                && attribution.is_some_and(|a| a.reported_by_another(source_text, sources.analyzer))
            {
                near_misses.push(*i, NearMiss::SaidByAnother);
                return false;
            }
            if let Some(holder) = comparisons[*i].other_holder.as_ref().filter(|_| supports) {
                near_misses.push(*i, NearMiss::HeldByAnother(holder.clone()));
                return false;
            }
            supports
        })
        .map(|(i, _)| i)
        .collect();
    let conflict =
        candidates
            .iter()
            .enumerate()
            .zip(&comparisons)
            .find_map(|((i, c), comparison)| {
                let explained: Vec<usize> = (0..draft.terms.len())
                    .filter(|&i| comparison.replaced_keys.contains(&draft.terms[i].key))
                    .collect();
                let polarity_only = comparison
                    .differences
                    .iter()
                    .all(|d| d.kind == DifferenceKind::Polarity);
                let floor = if polarity_only {
                    POLARITY_CONFLICT_FLOOR
                } else {
                    CONFLICT_FLOOR
                };
                if comparison.differences.is_empty()
                    || comparison.differences.len() > MAX_DIFFERENCES
                {
                    return None;
                }
                let shared = c.overlap.score_with(&explained);
                let same_claim = shared >= floor
                    || (shared >= PARAPHRASED_CONFLICT_FLOOR
                        && sentence_cosine(sources, &sentence.text, c)
                            >= PARAPHRASED_CONFLICT_COSINE);
                same_claim.then(|| (i, comparison.differences.clone()))
            });
    let deciding: Vec<usize> = supporting
        .iter()
        .copied()
        .chain(conflict.as_ref().map(|(i, _)| *i))
        .chain(near_misses.held_by_another())
        .collect();
    rank_on_static_embeddings(sources, &sentence.text, &mut candidates, Some(&deciding));
    let conflict = conflict.map(|(i, differences)| (&candidates[i], differences));
    let mut supporting: Vec<&Candidate> = supporting.iter().map(|&i| &candidates[i]).collect();
    supporting.sort_by(|a, b| closest_first(a, b));
    // The source closest to the claim decides: a weaker source that happens to agree does
    // not outvote a closer one that states a fact differently.
    let conflict_is_closer = match (&conflict, supporting.first()) {
        (Some((c, _)), Some(s)) => c.closeness() >= s.closeness(),
        (Some(_), None) => true,
        (None, _) => false,
    };
    // Likewise a closer source that gives the view as another's.
    let other_holder_is_closer = near_misses.held_by_another().is_some_and(|i| {
        supporting
            .first()
            .is_none_or(|s| candidates[i].closeness() >= s.closeness())
    });
    if let Some(best) = supporting
        .first()
        .filter(|_| !conflict_is_closer && !other_holder_is_closer)
    {
        let matches = supporting
            .iter()
            .take(MAX_MATCHES)
            .map(|c| SourceMatch {
                sentence: c.sentence,
                score: c.closeness(),
            })
            .collect();
        let source_text = &sources.corpus.sentence(best.sentence).text;
        let copied = similarity::copy_ratio(&sentence.text, source_text) >= thresholds.copied;
        let (verdict, reason) = match (copied, sentence.quoted || sentence.cited) {
            (true, false) => (
                Verdict::Copied,
                "copied near-verbatim from a source without quotation marks or citation",
            ),
            (true, true) => (Verdict::Supported, "quotes a source"),
            (false, _) if supporting.len() > 1 => (Verdict::Supported, "sources make this claim"),
            (false, _) => (Verdict::Supported, "a source makes this claim"),
        };
        return Judgement {
            verdict,
            reason: reason.to_string(),
            matches,
            differences: vec![],
        };
    }

    if let Some((c, differences)) = conflict {
        let reason = differences
            .iter()
            .map(Difference::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        return Judgement {
            verdict: Verdict::Conflicting,
            reason,
            matches: vec![SourceMatch {
                sentence: c.sentence,
                score: c.closeness(),
            }],
            differences,
        };
    }

    if let Some((i, near_miss)) = near_misses.best() {
        return unsupported_with_near_miss(near_miss.reason(), &candidates[*i]);
    }

    let reason = match candidates.first() {
        Some(c) => format!(
            "no source makes this claim (closest scores {:.2})",
            c.closeness()
        ),
        None => "no source makes this claim".to_string(),
    };
    Judgement {
        verdict: Verdict::Unsupported,
        reason,
        matches: vec![],
        differences: vec![],
    }
}

/// An unsupported claim that shows the source it nearly matched: the writer may have the
/// speaker wrong, or have added what no source says to what one does.
fn unsupported_with_near_miss(reason: String, near_miss: &Candidate) -> Judgement {
    Judgement {
        verdict: Verdict::Unsupported,
        reason,
        matches: vec![SourceMatch {
            sentence: near_miss.sentence,
            score: near_miss.closeness(),
        }],
        differences: vec![],
    }
}
