//! Compiler-like text output: `path:line:col: verdict: sentence` and its best sources.
//!
//! ```text
//! draft.md:14:1: supported (0.83): Russia has put its 2,000 peacekeepers in NK, something …
//!    --> ../shared/corpus/000_f6b3baf1f9aac04f.txt:11  Alexander Gabuev (Carnegie Moscow Center), thread, 2020-11-10, "Russian calculus after …"
//!     | Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.
//!     = also in ../shared/corpus/001_40994531d2f32d28.txt:12
//! draft.md: 12 supported, 1 copied, 2 conflicting, 5 unsupported, 8 skipped
//! ```

use std::io::{self, Write};

use super::{human_position, round_score, Counts, FileReport, Sources};
use crate::corpus::SourceDocument;
use crate::engine::CheckedSentence;
use crate::judge::{SourceMatch, Verdict};
use crate::text::LineIndex;

/// Sources shown per sentence; the JSON output has them all.
const MAX_MATCHES: usize = 3;
/// For an unsupported sentence the sources are near misses: the closest one helps to see
/// what the sources do say, more would bury the warning.
const MAX_NEAR_MISSES: usize = 1;
/// Characters of the draft sentence shown on its header line.
const SENTENCE_WIDTH: usize = 72;
/// Characters of a source title shown in its metadata.
const TITLE_WIDTH: usize = 28;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Show skipped sentences too.
    pub verbose: bool,
    /// ANSI colors (only for a terminal without NO_COLOR).
    pub color: bool,
}

/// Writes one block per sentence (skipped ones only when verbose) and the summary line.
pub fn write_file(out: &mut impl Write, file: &FileReport, options: TextOptions) -> io::Result<()> {
    let paint = Paint(options.color);
    let lines = LineIndex::new(file.text);
    let path = file.path.display();
    for checked in file.sentences {
        if checked.judgement.verdict == Verdict::Skipped && !options.verbose {
            continue;
        }
        let (line, column) = human_position(file.text, &lines, checked.sentence.byte_range.start);
        write_sentence(
            out,
            &format!("{path}:{line}:{column}"),
            checked,
            file.sources,
            paint,
        )?;
    }
    let counts = Counts::of(file.sentences);
    writeln!(
        out,
        "{}: {} supported, {} copied, {} conflicting, {} unsupported, {} skipped",
        paint.bold(&path.to_string()),
        counts.supported,
        counts.copied,
        counts.conflicting,
        counts.unsupported,
        counts.skipped
    )
}

fn write_sentence(
    out: &mut impl Write,
    location: &str,
    checked: &CheckedSentence,
    sources: &Sources,
    paint: Paint,
) -> io::Result<()> {
    let judgement = &checked.judgement;
    let verdict = judgement.verdict;
    let score = match (verdict, judgement.matches.first()) {
        (Verdict::Unsupported | Verdict::Skipped, _) | (_, None) => String::new(),
        (_, Some(best)) => format!(" ({:.2})", round_score(best.score)),
    };
    writeln!(
        out,
        "{}: {}{score}: {}",
        paint.bold(location),
        paint.verdict(verdict),
        shorten(&checked.sentence.text, SENTENCE_WIDTH)
    )?;
    // Why, when the sources alone do not say it: a conflict lists what differs.
    let notes: Vec<String> = if verdict == Verdict::Conflicting && !judgement.differences.is_empty()
    {
        judgement
            .differences
            .iter()
            .map(|d| d.to_string())
            .collect()
    } else if verdict != Verdict::Supported && !judgement.reason.trim().is_empty() {
        vec![one_line(&judgement.reason)]
    } else {
        vec![]
    };
    let shown = match verdict {
        Verdict::Unsupported => MAX_NEAR_MISSES,
        _ => MAX_MATCHES,
    };
    for m in judgement.matches.iter().take(shown) {
        write_match(out, m, sources, paint)?;
    }
    for note in notes {
        writeln!(out, "    {} {note}", paint.gutter("="))?;
    }
    Ok(())
}

fn write_match(
    out: &mut impl Write,
    m: &SourceMatch,
    sources: &Sources,
    paint: Paint,
) -> io::Result<()> {
    // A match the corpus does not know is a bug elsewhere; show nothing rather than panic.
    let Some(sentence) = sources.sentence(m.sentence) else {
        return Ok(());
    };
    let mut occurrences = sentence.occurrences.iter();
    let Some(first) = occurrences.next() else {
        return Ok(());
    };
    let location = |doc, line| {
        format!(
            "{}:{line}",
            sources.open_path(doc).unwrap_or("<unknown source>")
        )
    };
    let about = sources
        .document(first.doc)
        .map(describe)
        .unwrap_or_default();
    writeln!(
        out,
        "   {} {}  {about}",
        paint.gutter("-->"),
        location(first.doc, first.line)
    )?;
    writeln!(
        out,
        "    {} {}",
        paint.gutter("|"),
        one_line(&sentence.text)
    )?;
    let also: Vec<String> = occurrences.map(|o| location(o.doc, o.line)).collect();
    if !also.is_empty() {
        writeln!(out, "    {} also in {}", paint.gutter("="), also.join(", "))?;
    }
    Ok(())
}

/// `Alexander Gabuev (Carnegie Moscow Center), thread, 2020-11-10, "Russian calculus …"`:
/// who, then what and when; the title only when the name is not already the title.
fn describe(doc: &SourceDocument) -> String {
    let meta = &doc.meta;
    let mut who = doc.display_name().to_string();
    if meta.author.is_some() && meta.attribution.as_deref() == Some("inferred") {
        who.push_str(" [inferred]");
    }
    if let Some(affiliation) = meta.affiliation.as_deref().filter(|a| !a.trim().is_empty()) {
        who = format!("{who} ({affiliation})");
    }
    let mut parts = vec![who];
    parts.extend(meta.kind.clone());
    parts.extend(meta.date.clone());
    if meta.author.is_some() {
        if let Some(title) = &meta.title {
            parts.push(format!("\"{}\"", shorten(title, TITLE_WIDTH)));
        }
    }
    parts.join(", ")
}

/// `text` on one line, cut at a word boundary to at most `width` characters plus " …".
fn shorten(text: &str, width: usize) -> String {
    let text = one_line(text);
    if text.chars().count() <= width {
        return text;
    }
    let cut = text
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    // a word cut in half reads worse than a shorter line
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{} …", head.trim_end_matches([' ', ',', ';', ':', '-']))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ANSI styling, a no-op when off.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn gutter(self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    fn verdict(self, verdict: Verdict) -> String {
        let code = match verdict {
            Verdict::Supported => "1;32",
            Verdict::Copied => "1;35",
            Verdict::Conflicting => "1;31",
            Verdict::Unsupported => "1;33",
            Verdict::Skipped => "2",
        };
        self.wrap(code, verdict.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::report::tests::{checked, corpus, number_difference};

    const DRAFT: &str = "# Russia after the war\n\nRussia has put its 2000 peacekeepers in NK. \
                         Russia sent 5000 peacekeepers.\n\n🙂 The winner is Turkey.\n";

    fn sentences() -> Vec<CheckedSentence> {
        vec![
            checked(
                DRAFT,
                "# Russia after the war",
                Verdict::Skipped,
                "heading",
                &[],
                vec![],
            ),
            checked(
                DRAFT,
                "Russia has put its 2000 peacekeepers in NK.",
                Verdict::Supported,
                "Gabuev makes this claim",
                &[(0, 0.834)],
                vec![],
            ),
            checked(
                DRAFT,
                "Russia sent 5000 peacekeepers.",
                Verdict::Conflicting,
                "a number differs",
                &[(0, 0.61)],
                number_difference(),
            ),
            checked(
                DRAFT,
                "The winner is Turkey.",
                Verdict::Unsupported,
                "no source makes this claim",
                &[(1, 0.3), (0, 0.2)],
                vec![],
            ),
        ]
    }

    fn render(options: TextOptions) -> String {
        let corpus = corpus();
        let sources = Sources::new(&corpus, &[]);
        let sentences = sentences();
        let file = FileReport {
            path: Path::new("drafts/a.md"),
            text: DRAFT,
            sentences: &sentences,
            sources: &sources,
        };
        let mut out = Vec::new();
        write_file(&mut out, &file, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn compiler_like_blocks_and_a_summary() {
        let out = render(TextOptions::default());
        let expected = "\
drafts/a.md:3:1: supported (0.83): Russia has put its 2000 peacekeepers in NK.
   --> /corpus/000_a.txt:11  Alexander Gabuev [inferred] (Carnegie Moscow Center), thread, 2020-11-10, \"Russian calculus after the …\"
    | Russia has put its 2000 peacekeepers in NK.
    = also in /corpus/001_b.txt:12
drafts/a.md:3:45: conflicting (0.61): Russia sent 5000 peacekeepers.
   --> /corpus/000_a.txt:11  Alexander Gabuev [inferred] (Carnegie Moscow Center), thread, 2020-11-10, \"Russian calculus after the …\"
    | Russia has put its 2000 peacekeepers in NK.
    = also in /corpus/001_b.txt:12
    = source says 2000, draft says 5000
drafts/a.md:5:3: unsupported: The winner is Turkey.
   --> /corpus/sub/004_c.txt:9  sub/004_c.txt
    | The real winner in this conflict is Russia.
    = no source makes this claim
drafts/a.md: 1 supported, 0 copied, 1 conflicting, 1 unsupported, 1 skipped
";
        assert_eq!(out, expected);
    }

    #[test]
    fn verbose_shows_skipped_sentences() {
        let out = render(TextOptions {
            verbose: true,
            color: false,
        });
        assert!(
            out.starts_with("drafts/a.md:1:1: skipped: # Russia after the war\n    = heading\n")
        );
    }

    #[test]
    fn color_only_when_asked() {
        assert!(!render(TextOptions::default()).contains('\x1b'));
        let colored = render(TextOptions {
            verbose: false,
            color: true,
        });
        assert!(colored.contains("\x1b[1;32msupported\x1b[0m"));
    }

    #[test]
    fn anonymous_sources_show_their_title_or_file_name() {
        let corpus = corpus();
        // no author, no title: the file name, never blank
        assert_eq!(describe(&corpus.documents[2]), "sub/004_c.txt");
        let mut doc = corpus.documents[2].clone();
        doc.meta.title = Some("The Winner In Nagorno-Karabakh Is Russia".into());
        doc.meta.kind = Some("article".into());
        assert_eq!(
            describe(&doc),
            "The Winner In Nagorno-Karabakh Is Russia, article"
        );
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "Russia has put its 2,000 peacekeepers in NK, something that Moscow wanted to do back in 1994.";
        assert_eq!(
            shorten(long, 50),
            "Russia has put its 2,000 peacekeepers in NK …"
        );
        assert_eq!(shorten("short\n  one", 50), "short one");
        // a single long word is cut inside, on a character boundary
        assert_eq!(shorten("ééééééééé", 4), "éééé …");
    }
}
