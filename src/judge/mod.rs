//! Candidates → a verdict with its reasons.
//!
//! Decides, for one draft sentence, whether sources support it, contradict it, were copied
//! by it, or whether it is no claim at all. Knows nothing of the editor: it returns plain
//! data that the report and the server only display.

mod analyses;
mod asides;
mod attribution;
mod clauses;
mod documents;
mod facts;
mod near_miss;
mod similarity;
mod skip;

use crate::corpus::{Corpus, SentenceId};
use crate::index::{Embedding, Index, SentenceVectors};
use crate::terms::embed::{self, StaticEmbeddings};
use crate::terms::{Analysis, Analyzer};
use crate::text::DraftSentence;
pub use analyses::SourceAnalyses;
pub use documents::SourceDocuments;
use near_miss::{NearMiss, NearMisses};
use similarity::Overlap;

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

/// How many index candidates the judge examines per sentence.
const CANDIDATES: usize = 40;
/// How many nearest neighbours by embedding join them when the model is on: the two lists
/// miss different sentences, so the judge weighs their union.
const SEMANTIC_CANDIDATES: usize = 10;
/// How many of the closest candidates are also compared word by word for paraphrases.
const PARAPHRASE_CANDIDATES: usize = 10;
/// How much a source's score counts down, for deciding support, per actor or name of the
/// claim it never mentions: who did or said a thing is part of the claim.
const ABSENT_NAME_PENALTY: f32 = 0.05;
/// The same with the model: a sentence's embedding barely moves when one name in it changes,
/// while its term overlap already loses the name's weight, so the cosine pays more.
const ABSENT_NAME_PENALTY_SEMANTIC: f32 = 0.1;
/// With the model, the least term overlap (paraphrase credit included) a source needs
/// besides its cosine: one that shares no actor, name or word of weight with the claim, nor a
/// word said otherwise, is at best on its topic ("the Kremlin is sure it took note of the
/// shelling of peacekeepers in 2008" at cosine 0.54 against "the Kremlin's flurry of
/// mediation served to advertise its primacy").
const SHARED_TERMS_FLOOR: f32 = 0.03;
/// With the model on, a source stating at least this share of the claim's term weight is
/// that much evidence whatever its cosine: a long source sentence that states the claim
/// among others has an embedding diluted by the rest ("Tonoyan's doctrine … left no room
/// for compromise" within a sentence of five clauses: 0.69 of the terms, cosine 0.35).
/// The share of the claim, not of the source: a short source restated whole with a new
/// fact added states all of itself but not the claim.
const WORDS_OUTWEIGH_COSINE: f32 = 0.6;
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
/// On words alone, the draft's words a source lacks still count for part of the evidence
/// when, as one bag, their static embedding is closer than this to the source sentence's:
/// a paraphrase says the rest in other words about the same thing, a look-alike with a new
/// fact appended says something else.
const RELATED_REST_FLOOR: f32 = 0.3;
/// When a claim is framed as a report ("TASS reported that …") and a source names its
/// reporter or is itself a report, the least share of the reported content the source must
/// state: a shared reporter and setting lift its overlap as high as a paraphrase's even when
/// it reports another event.
pub const REPORTED_CONTENT_FLOOR: f32 = 0.4;
/// With the model, the cosine of the reported content's embedding with a source's at which
/// the source states it, however few of its words it shares ("nearly a thousand more
/// displaced people were driven home" for "936 more refugees returned"): a report of
/// another event by the same reporter stays below (0.54 for "observers could be drawn from
/// other member states" against "observers … only with the consent of both sides").
pub const REPORTED_CONTENT_COSINE: f32 = 0.6;

struct Candidate<'a> {
    sentence: SentenceId,
    analysis: &'a Analysis,
    overlap: Overlap,
    /// Cosine of the two sentences' embeddings, when the model is on.
    cosine: Option<f32>,
    /// Cosine of the two sentences' static embeddings (the built-in word table), when the
    /// model is off: it ranks the sources that state a claim in other words.
    static_cosine: Option<f32>,
}

impl Candidate<'_> {
    /// How close the source is to the claim, 0..1: shared terms, and the embeddings' cosine
    /// as much (the model's, or without it the static table's where computed). Ranks sources
    /// and is the score a match shows.
    fn closeness(&self) -> f32 {
        match self.cosine.or(self.static_cosine) {
            Some(cosine) => ((self.overlap.score() + cosine) / 2.0).clamp(0.0, 1.0),
            None => self.overlap.score(),
        }
    }

    /// The evidence that the source makes the same claim, against its support threshold:
    /// the cosine when the model is on (it sees a paraphrase in other words, and a new fact
    /// in ordinary words, that term overlap cannot) if the source shares anything at all
    /// ([`SHARED_TERMS_FLOOR`]), or the share of the claim's terms it states where that is
    /// higher and at least [`WORDS_OUTWEIGH_COSINE`]; else the term overlap, raised by how
    /// related the rest of the claim is to the source (`related_rest`, computed only then).
    /// Either way each actor or name of the claim that the source never mentions counts
    /// against it.
    fn same_claim_evidence(&self, absent_names: usize, related_rest: impl FnOnce() -> f32) -> f32 {
        let words = self.overlap.score();
        let (evidence, penalty) = match self.cosine {
            Some(_) if words < SHARED_TERMS_FLOOR => (0.0, ABSENT_NAME_PENALTY_SEMANTIC),
            Some(cosine) if self.overlap.draft_coverage >= WORDS_OUTWEIGH_COSINE => (
                cosine.max(self.overlap.draft_coverage),
                ABSENT_NAME_PENALTY_SEMANTIC,
            ),
            Some(cosine) => (cosine, ABSENT_NAME_PENALTY_SEMANTIC),
            None => {
                let related = (related_rest() - RELATED_REST_FLOOR).max(0.0);
                (words + (1.0 - words) * related, ABSENT_NAME_PENALTY)
            }
        };
        evidence - penalty * absent_names as f32
    }
}

/// What the judge saw in one candidate source sentence: for `corroborate explain`.
#[derive(Debug, Clone)]
pub struct CandidateReport {
    pub sentence: SentenceId,
    pub score: f32,
    /// Cosine of the sentence embeddings, when the model is on.
    pub cosine: Option<f32>,
    /// Cosine of the static embeddings, when the model is off (ranks with the score).
    pub static_cosine: Option<f32>,
    pub draft_coverage: f32,
    pub source_coverage: f32,
    pub copy_ratio: f32,
    pub differences: Vec<Difference>,
    /// The same view, held by another in the source: no support.
    pub other_holder: Option<Difference>,
    /// Numbers of the draft the source lacks.
    pub unmatched_numbers: Vec<String>,
    /// Actors and names of the draft the source never mentions.
    pub unmatched_names: Vec<String>,
    /// Draft terms the source lacks.
    pub missing_terms: Vec<String>,
    /// Actors and names of the draft that no document carrying the source names anywhere:
    /// the source cannot support the claim.
    pub unmentioned_by_document: Vec<String>,
    /// Numbers of the draft that neither the source nor its neighbours nor its document's
    /// date give: the source cannot support the claim.
    pub numbers_out_of_context: Vec<String>,
    /// For a claim framed as a report, when the source is a report too: the share of the
    /// reported content it states (below [`REPORTED_CONTENT_FLOOR`], no support).
    pub reported_content: Option<f32>,
    /// With the model, the cosine of the reported content with the source, when the source
    /// is a report (at least [`REPORTED_CONTENT_COSINE`] also states it).
    pub reported_content_cosine: Option<f32>,
}

/// Every candidate the judge would weigh for `text`, best first.
pub fn explain(sources: &Sources, text: &str, query: Query) -> Vec<CandidateReport> {
    let draft = sources.analyzer.analyze(text);
    let attribution = attribution::attribution(text, sources.analyzer);
    let mut candidates = candidates(sources, &draft, query);
    rank_on_static_embeddings(sources, text, &mut candidates, None);
    candidates.sort_by(closest_first);
    candidates
        .into_iter()
        .map(|c| {
            let comparison = compare_facts(sources, &draft, &c);
            let reported_content = attribution
                .as_ref()
                .and_then(|a| reported_content_stated(sources, a, &c));
            (comparison, c, reported_content)
        })
        .map(|(comparison, c, reported_content)| CandidateReport {
            unmentioned_by_document: {
                let absent = facts::unmatched_named(&draft, c.analysis);
                let keys: Vec<&str> = absent.iter().map(|t| t.key.as_str()).collect();
                let unmentioned = unmentioned_by_documents(sources, c.sentence, &keys);
                absent
                    .iter()
                    .filter(|t| unmentioned.contains(&&t.key.as_str()))
                    .map(|t| t.surface.clone())
                    .collect()
            },
            numbers_out_of_context: facts::unmatched_numbers(&draft, c.analysis)
                .into_iter()
                .filter(|n| !given_by(sources, &c, n))
                .map(|n| n.surface.clone())
                .collect(),
            reported_content_cosine: reported_content
                .and_then(|_| reported_content_cosine(sources, &c, query)),
            reported_content,
            sentence: c.sentence,
            score: c.overlap.score(),
            cosine: c.cosine,
            static_cosine: c.static_cosine,
            draft_coverage: c.overlap.draft_coverage,
            source_coverage: c.overlap.source_coverage,
            copy_ratio: similarity::copy_ratio(text, &sources.corpus.sentence(c.sentence).text),
            differences: comparison.differences,
            other_holder: comparison.other_holder,
            unmatched_numbers: facts::unmatched_numbers(&draft, c.analysis)
                .iter()
                .map(|n| n.surface.clone())
                .collect(),
            unmatched_names: facts::unmatched_named(&draft, c.analysis)
                .iter()
                .map(|t| t.surface.clone())
                .collect(),
            missing_terms: c
                .overlap
                .missing
                .iter()
                .map(|&i| draft.terms[i].surface.clone())
                .collect(),
        })
        .collect()
}

/// The candidates for a draft sentence: the index's by shared terms and, with the model,
/// the nearest by embedding; each compared term by term, closest first.
fn candidates<'a>(sources: &Sources<'a>, draft: &Analysis, query: Query) -> Vec<Candidate<'a>> {
    let idf = |key: &str| sources.index.idf(key);
    let semantic = sources.vectors.zip(query.sentence);
    let mut ids: Vec<SentenceId> = sources
        .index
        .search(draft, CANDIDATES)
        .into_iter()
        .map(|c| c.sentence)
        .collect();
    if let Some((vectors, query)) = semantic {
        for (id, _) in vectors.nearest(query, SEMANTIC_CANDIDATES) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let mut candidates: Vec<Candidate> = ids
        .into_iter()
        .filter_map(|sentence| {
            let analysis = sources
                .analyses
                .get(sentence, sources.corpus, sources.analyzer)?;
            let overlap = similarity::overlap(draft, analysis, &idf);
            let cosine = semantic.and_then(|(vectors, query)| vectors.cosine(sentence, query));
            Some(Candidate {
                sentence,
                analysis,
                overlap,
                cosine,
                static_cosine: None,
            })
        })
        .collect();
    candidates.sort_by(closest_first);
    let mut vectors = similarity::WordVectors::new();
    for c in candidates.iter_mut().take(PARAPHRASE_CANDIDATES) {
        similarity::credit_paraphrases(&mut c.overlap, draft, c.analysis, &mut vectors);
    }
    candidates.sort_by(closest_first);
    candidates
}

/// Closest first, ties by sentence: one order however the candidates arrived.
fn closest_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.closeness()
        .total_cmp(&a.closeness())
        .then(a.sentence.cmp(&b.sentence))
}

/// On words alone, gives the candidates at `which` (all for `None`) the cosine of their
/// static embeddings with the claim's, which ranks them beside the term overlap as the
/// model's cosine does. Only the few that can decide the verdict need it: a sentence's
/// static embedding costs about as much as its analysis.
fn rank_on_static_embeddings(
    sources: &Sources,
    text: &str,
    candidates: &mut [Candidate],
    which: Option<&[usize]>,
) {
    let wanted = |i: usize| which.is_none_or(|which| which.contains(&i));
    let model_on = candidates.iter().any(|c| c.cosine.is_some());
    if model_on || !(0..candidates.len()).any(wanted) {
        return;
    }
    let query = static_embedding(sources, text);
    for (i, c) in candidates.iter_mut().enumerate() {
        if wanted(i) {
            let source = static_embedding(sources, &sources.corpus.sentence(c.sentence).text);
            c.static_cosine = Some(embed::cosine(&query, &source));
        }
    }
}

/// A sentence in the static table, its aliases spelled out ("NK" as "Nagorno-Karabakh").
fn static_embedding(sources: &Sources, text: &str) -> Vec<f32> {
    let aliases = sources.analyzer.aliases();
    StaticEmbeddings::builtin().embed(&aliases.spelled_out(text))
}

/// The cosine of the claim and a candidate's embeddings: the model's where it is on, else
/// the static table's (computed here: only for the few candidates that need it).
fn sentence_cosine(sources: &Sources, text: &str, candidate: &Candidate) -> f32 {
    candidate
        .cosine
        .or(candidate.static_cosine)
        .unwrap_or_else(|| {
            let source = &sources.corpus.sentence(candidate.sentence).text;
            embed::cosine(
                &static_embedding(sources, text),
                &static_embedding(sources, source),
            )
        })
}

/// Whether the source gives every number and date of the claim that it does not state:
/// in its close context, or as the span between its dates.
fn numbers_given(sources: &Sources, draft: &Analysis, candidate: &Candidate) -> bool {
    facts::unmatched_numbers(draft, candidate.analysis)
        .into_iter()
        .all(|n| given_by(sources, candidate, n))
}

/// Whether one number of the claim that a source sentence does not state is given by it
/// all the same: as the time between the dates it names ("within three weeks" of "(Sep 30)
/// … (Oct 22)"), or said in its context ([`said_nearby`]).
fn given_by(
    sources: &Sources,
    candidate: &Candidate,
    number: &crate::terms::NumberMention,
) -> bool {
    number.spanned_by(&candidate.analysis.numbers)
        || said_nearby(sources, candidate.sentence, &number.key())
}

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

/// How many sentences before and after a source sentence may hold a number or date of the
/// claim.
const NUMBER_CONTEXT: usize = 1;

/// Whether a number or date of the claim stands in the source sentence's close context
/// (the sentences just before or after it, in a document carrying it) or is the document's
/// own date. A year, a sum, a date a source gives elsewhere in a long piece is not context;
/// one sentence back is.
fn said_nearby(sources: &Sources, sentence: SentenceId, key: &str) -> bool {
    let source = sources.corpus.sentence(sentence);
    let documents = sources.documents;
    let in_context = |o: &crate::corpus::Occurrence| {
        documents.near(o.doc, sentence, NUMBER_CONTEXT, key, sources.index)
    };
    if source.occurrences.iter().any(in_context) {
        return true;
    }
    // Only now read the sentence for "today": most numbers are settled by their neighbours.
    let of_its_day = facts::speaks_of_its_day(&source.text);
    source
        .occurrences
        .iter()
        .any(|o| documents.dated(o.doc, key, of_its_day))
}

/// How many sentences away a source's pronoun may stand from the person it means.
const PRONOUN_REACH: usize = 2;

/// Whether a source sentence speaks of `name` (a name of the claim it never spells) by a
/// pronoun: "he said that the situation … could not last forever", two sentences after
/// "President Putin said". The source then names the claim's person after all.
fn referred_to_by_pronoun(sources: &Sources, sentence: SentenceId, name: &str) -> bool {
    let source = sources.corpus.sentence(sentence);
    facts::refers_to_a_person(&source.text)
        && source.occurrences.iter().any(|o| {
            sources
                .documents
                .near(o.doc, sentence, PRONOUN_REACH, name, sources.index)
        })
}

/// Those of `names` (actors and names of a claim that a source sentence lacks) that no
/// document carrying the sentence mentions anywhere. A paraphrase may leave an actor to its
/// context ("the Russian leader", said of Putin in a piece about him); a document that never
/// names the actor at all is not the source of a claim about it.
fn unmentioned_by_documents<'t, K: AsRef<str>>(
    sources: &Sources,
    sentence: SentenceId,
    names: &'t [K],
) -> Vec<&'t K> {
    let occurrences = &sources.corpus.sentence(sentence).occurrences;
    names
        .iter()
        .filter(|name| {
            !occurrences.iter().any(|o| {
                sources
                    .documents
                    .mentions(o.doc, name.as_ref(), sources.index, sources.analyzer)
            })
        })
        .collect()
}

/// Whether a source that is itself a report (by the claim's reporter or another) states
/// enough of what the claim says was reported; a source that reports nothing is weighed as
/// any other.
fn states_reported_content(
    sources: &Sources,
    attribution: &attribution::Attribution,
    candidate: &Candidate,
    query: Query,
) -> bool {
    reported_content_stated(sources, attribution, candidate).is_none_or(|share| {
        share >= REPORTED_CONTENT_FLOOR
            || reported_content_cosine(sources, candidate, query)
                .is_some_and(|cosine| cosine >= REPORTED_CONTENT_COSINE)
    })
}

/// The cosine of the claim's reported content with a source sentence, when the model has
/// embedded both.
fn reported_content_cosine(sources: &Sources, candidate: &Candidate, query: Query) -> Option<f32> {
    sources
        .vectors
        .zip(query.reported)
        .and_then(|(vectors, reported)| vectors.cosine(candidate.sentence, reported))
}

/// The share of the claim's reported content a source states (paraphrases credited), when
/// the source is a report itself; `None` when the source reports nothing.
fn reported_content_stated(
    sources: &Sources,
    attribution: &attribution::Attribution,
    candidate: &Candidate,
) -> Option<f32> {
    let source_text = &sources.corpus.sentence(candidate.sentence).text;
    if !attribution.weighs_content_of(candidate.analysis, source_text) {
        return None;
    }
    let idf = |key: &str| sources.index.idf(key);
    let mut content = similarity::overlap(&attribution.content, candidate.analysis, &idf);
    let mut vectors = similarity::WordVectors::new();
    similarity::credit_paraphrases(
        &mut content,
        &attribution.content,
        candidate.analysis,
        &mut vectors,
    );
    Some(content.draft_coverage)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::{AliasTable, Analyzer};

    fn candidate<'a>(
        analysis: &'a Analysis,
        draft_coverage: f32,
        cosine: Option<f32>,
        static_cosine: Option<f32>,
    ) -> Candidate<'a> {
        Candidate {
            sentence: SentenceId(0),
            analysis,
            overlap: similarity::Overlap {
                draft_coverage,
                source_coverage: draft_coverage,
                missing: vec![],
                weights: vec![],
            },
            cosine,
            static_cosine,
        }
    }

    #[test]
    fn on_words_alone_the_static_cosine_ranks_sources_that_share_as_many_terms() {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        let said_otherwise = candidate(&analysis, 0.3, None, Some(0.7));
        let other_topic = candidate(&analysis, 0.3, None, Some(0.2));
        assert!(said_otherwise.closeness() > other_topic.closeness());
        // Many more shared terms still outrank a closer wording.
        let shares_more = candidate(&analysis, 0.9, None, Some(0.2));
        assert!(shares_more.closeness() > said_otherwise.closeness());
        // With the model the model's cosine decides, not the static one.
        let model = candidate(&analysis, 0.3, Some(0.4), Some(0.9));
        assert!((model.closeness() - 0.35).abs() < 1e-6);
    }

    #[test]
    fn with_the_model_a_source_sharing_nothing_is_no_evidence_however_close_its_embedding() {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        let on_topic_only = candidate(&analysis, 0.0, Some(0.6), None);
        assert_eq!(on_topic_only.same_claim_evidence(0, || 0.0), 0.0);
        let shares_a_little = candidate(&analysis, 0.1, Some(0.6), None);
        assert!((shares_a_little.same_claim_evidence(0, || 0.0) - 0.6).abs() < 1e-6);
        // Each name of the claim the source never mentions still counts against it.
        assert!((shares_a_little.same_claim_evidence(2, || 0.0) - 0.4).abs() < 1e-6);
    }

    #[test]
    fn with_the_model_a_source_stating_most_of_the_claim_is_evidence_however_diluted_its_embedding()
    {
        let analysis = Analyzer::new(AliasTable::default_table()).analyze("x");
        // A long source sentence stating the claim among other clauses: low cosine.
        let long_source = candidate(&analysis, 0.7, Some(0.35), None);
        assert!((long_source.same_claim_evidence(0, || 0.0) - 0.7).abs() < 1e-6);
        // Below the bar the cosine alone decides, even where the overlap is higher.
        let shares_some = candidate(&analysis, 0.55, Some(0.3), None);
        assert!((shares_some.same_claim_evidence(0, || 0.0) - 0.3).abs() < 1e-6);
    }
}
