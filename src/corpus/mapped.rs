//! Text being cleaned, with a map from every byte back to the original file.
//!
//! Cleaning is a chain of small rewrites (drop a tag, decode an entity, cut a URL). Each
//! rewrite builds a new [`Mapped`] from the previous one, copying the map along, so at the
//! end every byte of a cleaned sentence still knows which bytes of the original file it came
//! from. The map is a list of segments rather than one entry per byte: text copied as is is
//! one segment however long it is, so memory grows with the number of edits, not the size.

use std::ops::Range;

use regex::{Captures, Regex};

/// A run of cleaned text and the original bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// Where the run starts in the cleaned text.
    clean: usize,
    /// The original bytes. For a verbatim run it has the run's length and byte `i` of the run
    /// is byte `orig.start + i`; for replacement text (a decoded entity, an emoji taken from
    /// an `alt` attribute) every byte of the run stands for the whole range.
    orig: Range<usize>,
    verbatim: bool,
}

/// Cleaned text whose bytes map back to byte ranges of an original file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    text: String,
    segments: Vec<Segment>,
}

/// One piece of the output of a rewrite: either a range of the input copied with its map,
/// or new text standing for the whole matched range.
pub enum Piece {
    Keep(Range<usize>),
    Text(String),
}

impl Mapped {
    /// The original text itself: every byte maps to itself.
    pub fn identity(original: &str) -> Mapped {
        let mut segments = Vec::new();
        if !original.is_empty() {
            segments.push(Segment {
                clean: 0,
                orig: 0..original.len(),
                verbatim: true,
            });
        }
        Mapped {
            text: original.to_string(),
            segments,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn segment_at(&self, clean: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.clean <= clean);
        self.segments.get(i.checked_sub(1)?)
    }

    /// Original offset of the character starting at cleaned byte `clean`.
    pub fn orig_start(&self, clean: usize) -> usize {
        match self.segment_at(clean) {
            Some(s) if s.verbatim => s.orig.start + (clean - s.clean),
            Some(s) => s.orig.start,
            None => 0,
        }
    }

    /// Original end offset (exclusive) of the cleaned byte at `clean`.
    pub fn orig_end(&self, clean: usize) -> usize {
        match self.segment_at(clean) {
            Some(s) if s.verbatim => s.orig.start + (clean - s.clean) + 1,
            Some(s) => s.orig.end,
            None => 0,
        }
    }

    /// The original byte range a non-empty cleaned range comes from: from the first
    /// original byte of its first character to the end of its last one.
    pub fn orig_range(&self, clean: Range<usize>) -> Range<usize> {
        if clean.is_empty() {
            let at = if clean.start < self.len() {
                self.orig_start(clean.start)
            } else if self.is_empty() {
                0
            } else {
                self.orig_end(self.len() - 1)
            };
            return at..at;
        }
        self.orig_start(clean.start)..self.orig_end(clean.end - 1)
    }

    /// The cleaned sub-range `range` (on char boundaries) as its own mapped text.
    pub fn slice(&self, range: Range<usize>) -> Mapped {
        let mut b = Builder::default();
        b.keep(self, range);
        b.finish()
    }

    /// Leading and trailing whitespace removed.
    pub fn trim(self) -> Mapped {
        let t = &self.text;
        let start = t.len() - t.trim_start().len();
        let end = t.trim_end().len().max(start);
        if start == 0 && end == t.len() {
            return self;
        }
        self.slice(start..end)
    }

    /// Every match of `re` replaced by the pieces `f` gives for it. `Piece::Keep` ranges are
    /// absolute offsets in `self` and should lie inside the match.
    pub fn rewrite(self, re: &Regex, mut f: impl FnMut(&Captures) -> Vec<Piece>) -> Mapped {
        let edits = re.captures_iter(&self.text).filter_map(|caps| {
            let m = caps.get(0).filter(|m| !m.is_empty())?;
            Some((m.range(), f(&caps)))
        });
        match self.edited(edits) {
            Some(edited) => edited,
            None => self,
        }
    }

    /// Each range replaced by its pieces, as [`Mapped::rewrite`] does with matches, for the
    /// rewrites found by a scan rather than a pattern. The ranges are in order, do not
    /// overlap and are not empty.
    pub fn replace(self, edits: Vec<(Range<usize>, Vec<Piece>)>) -> Mapped {
        match self.edited(edits) {
            Some(edited) => edited,
            None => self,
        }
    }

    /// The text with `edits` made, or `None` when there are none (nothing to copy).
    fn edited(
        &self,
        edits: impl IntoIterator<Item = (Range<usize>, Vec<Piece>)>,
    ) -> Option<Mapped> {
        let mut b = Builder::default();
        let mut last = 0;
        for (range, pieces) in edits {
            b.keep(self, last..range.start);
            for piece in pieces {
                match piece {
                    Piece::Keep(r) => b.keep(self, r),
                    Piece::Text(s) => b.text(&s, self.orig_range(range.clone())),
                }
            }
            last = range.end;
        }
        if last == 0 {
            return None;
        }
        b.keep(self, last..self.len());
        Some(b.finish())
    }

    /// The given ranges of mapped texts one after the other, `separator` between them (it
    /// stands for the empty range where the previous part ended in the original).
    pub fn join(parts: &[(&Mapped, Range<usize>)], separator: &str) -> Mapped {
        let mut b = Builder::default();
        let mut prev_end: Option<usize> = None;
        for (m, r) in parts {
            if let Some(at) = prev_end {
                b.text(separator, at..at);
            }
            b.keep(m, r.clone());
            prev_end = Some(m.orig_range(r.clone()).end);
        }
        b.finish()
    }
}

/// Builds a [`Mapped`] piece by piece.
#[derive(Default)]
pub struct Builder {
    out: Mapped,
}

impl Builder {
    /// Copies `src[range]` with its map. `range` must lie on char boundaries of `src`.
    pub fn keep(&mut self, src: &Mapped, range: Range<usize>) {
        if range.is_empty() || src.text.get(range.clone()).is_none() {
            return;
        }
        let first = src
            .segments
            .partition_point(|s| s.clean <= range.start)
            .saturating_sub(1);
        for (i, seg) in src.segments.iter().enumerate().skip(first) {
            if seg.clean >= range.end {
                break;
            }
            let seg_end = src
                .segments
                .get(i + 1)
                .map_or(src.text.len(), |next| next.clean);
            let lo = seg.clean.max(range.start);
            let hi = seg_end.min(range.end);
            if lo >= hi {
                continue;
            }
            let orig = if seg.verbatim {
                let o = seg.orig.start + (lo - seg.clean);
                o..o + (hi - lo)
            } else {
                seg.orig.clone()
            };
            if let Some(t) = src.text.get(lo..hi) {
                self.push(t, orig, seg.verbatim);
            }
        }
    }

    /// New text standing for the original bytes `orig`.
    pub fn text(&mut self, s: &str, orig: Range<usize>) {
        self.push(s, orig, false);
    }

    fn push(&mut self, s: &str, orig: Range<usize>, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let clean = self.out.text.len();
        self.out.text.push_str(s);
        if let Some(last) = self.out.segments.last_mut() {
            if verbatim && last.verbatim && last.orig.end == orig.start {
                last.orig.end = orig.end;
                return;
            }
        }
        self.out.segments.push(Segment {
            clean,
            orig,
            verbatim,
        });
    }

    pub fn finish(self) -> Mapped {
        self.out
    }
}
