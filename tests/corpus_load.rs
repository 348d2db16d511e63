//! `corroborate::corpus::load` on the demo corpus (raw scrapes in ../shared/corpus) and on
//! small corpora written to temporary folders.

use std::path::Path;

mod common;

use common::{shared_corpus, TempDir};
use corroborate::bench::rng::Rng;
use corroborate::corpus::{load, Corpus, CorpusError, CorpusWarning, SourceSentence};

fn demo() -> Corpus {
    let (corpus, warnings) = load(&[shared_corpus()]).expect("demo corpus loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    corpus
}

fn doc_index(corpus: &Corpus, prefix: &str) -> u32 {
    corpus
        .documents
        .iter()
        .find(|d| d.rel_path.starts_with(prefix))
        .map(|d| d.id.0)
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

fn sentences_of(corpus: &Corpus, doc: u32) -> Vec<&SourceSentence> {
    corpus
        .sentences
        .iter()
        .filter(|s| s.occurrences.iter().any(|o| o.doc.0 == doc))
        .collect()
}

fn find<'a>(corpus: &'a Corpus, start: &str) -> Vec<&'a SourceSentence> {
    corpus
        .sentences
        .iter()
        .filter(|s| s.text.starts_with(start))
        .collect()
}

fn rel_paths(corpus: &Corpus) -> Vec<&str> {
    corpus
        .documents
        .iter()
        .map(|d| d.rel_path.as_str())
        .collect()
}

fn texts(corpus: &Corpus) -> Vec<&str> {
    corpus.sentences.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn demo_corpus_loads_in_file_order() {
    let corpus = demo();
    let names = rel_paths(&corpus);
    assert_eq!(
        names,
        vec![
            "000_f6b3baf1f9aac04f.txt",
            "001_40994531d2f32d28.txt",
            "002_34a0961623a02796.txt",
            "003_334ad5f244fe4e15.txt",
            "004_c8d29e6189c14854.txt",
        ]
    );
    for (i, d) in corpus.documents.iter().enumerate() {
        assert_eq!(d.id.0 as usize, i);
        assert!(d.path.is_absolute());
        assert!(
            !sentences_of(&corpus, d.id.0).is_empty(),
            "{} has no sentences",
            d.rel_path
        );
    }
}

#[test]
fn no_scrape_residue_survives() {
    let corpus = demo();
    let thread_number = regex::Regex::new(r"^\(?\d{1,3}(?:/\d{0,3}\)?|[.)])(?:\s|$)").expect("re");
    for s in &corpus.sentences {
        let t = s.text.as_str();
        for residue in [
            "http",
            "&#",
            "& #39;",
            "&amp;",
            "draggable",
            "alt=",
            "aria-label",
            "\">",
            "Read on Twitter",
            "• • •",
            "Missing some Tweet",
            "force a refresh",
            "Replying to",
            "Source link",
            "THREAD",
            "Image by",
            ".com/",
            "…",
        ] {
            assert!(!t.contains(residue), "{residue:?} in {t:?}");
        }
        assert!(!thread_number.is_match(t), "thread number left in {t:?}");
        assert!(
            !t.ends_with(" END") && !t.ends_with(" 1/"),
            "thread marker left in {t:?}"
        );
        assert!(t.split_whitespace().count() >= 3, "fragment {t:?}");
        assert_eq!(t, t.trim());
        assert!(
            !t.contains("  ") && !t.contains('\n') && !t.contains('\u{a0}'),
            "{t:?}"
        );
    }
}

#[test]
fn lines_of_counts_and_conversation_chrome_are_gone() {
    let corpus = demo();
    let t = texts(&corpus);
    assert!(!t
        .iter()
        .any(|s| s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())));
    assert!(!t.contains(&"Conversation"));
    // the byline and the image credit of 004 are not sentences
    assert!(
        !t.iter()
            .any(|s| s.contains("By:") || s.contains("DonkeyHotey")),
        "{t:?}"
    );
}

#[test]
fn emoji_of_img_residue_survives() {
    let corpus = demo();
    let d2 = doc_index(&corpus, "002");
    let mfa = find(&corpus, "Today MFA");
    assert_eq!(mfa.len(), 1);
    assert_eq!(
        mfa[0].text,
        "Today MFA 🇷🇺 said there are no reasons to use Collective Security Treaty \
         Organization's mechanisms in Karabakh conflict."
    );
    assert_eq!(mfa[0].occurrences.len(), 1);
    assert_eq!(mfa[0].primary().doc.0, d2);
    assert!(
        find(
            &corpus,
            "PM Pashinyan began to solicit the sending of 🇷🇺 peacekeepers to Karabakh."
        )
        .len()
            == 1
    );
}

#[test]
fn lines_repeated_by_the_scraper_appear_once() {
    let corpus = demo();
    let d2 = doc_index(&corpus, "002");
    let s2 = sentences_of(&corpus, d2);
    let count = |needle: &str| s2.iter().filter(|s| s.text.contains(needle)).count();
    // lines 33/34 and 72/73 of 002: the second is the tail of the first, scraped again
    assert_eq!(count("Collective Security Treaty"), 1);
    assert_eq!(count("evolution of his position"), 1);
    assert_eq!(count("peacekeepers to Karabakh"), 1);
    // no sentence starts with the emoji the repeated tail started with
    assert!(!s2.iter().any(|s| s.text.starts_with("🇷🇺")));
    // and every sentence of the document occurs there once
    for s in &s2 {
        assert_eq!(s.occurrences.iter().filter(|o| o.doc.0 == d2).count(), 1);
    }
    let mut seen = std::collections::HashSet::new();
    for s in &corpus.sentences {
        assert!(seen.insert(s.text.as_str()), "{:?} twice", s.text);
    }
}

#[test]
fn a_thread_scraped_twice_is_one_sentence_with_two_occurrences() {
    let corpus = demo();
    let (d0, d1) = (doc_index(&corpus, "000"), doc_index(&corpus, "001"));
    let pk = find(&corpus, "Russia has put its 2000 peacekeepers in NK");
    assert_eq!(pk.len(), 1, "{pk:?}");
    let occ = &pk[0].occurrences;
    assert_eq!(
        occ.iter().map(|o| o.doc.0).collect::<Vec<_>>(),
        vec![d0, d1]
    );
    // checked by hand: `10/ Russia has put …` is line 16 of 000 and line 11 of 001
    assert_eq!((occ[0].line, occ[0].column), (16, 5));
    assert_eq!((occ[1].line, occ[1].column), (11, 5));

    // 000 lost a handle that 001 has: near-equal, same author, one sentence, which reads
    // as 001 wrote it (whose way of handling the conflict is part of the claim)
    let by = find(&corpus, "By Moscow's assessment");
    assert_eq!(by.len(), 1, "{by:?}");
    assert!(
        by[0].text.contains("@NikolPashinyan's way"),
        "{}",
        by[0].text
    );
    assert_eq!(
        by[0]
            .occurrences
            .iter()
            .map(|o| (o.doc.0, o.line))
            .collect::<Vec<_>>(),
        vec![(d1, 5), (d0, 7)]
    );
    let took = find(&corpus, "The Kremlin is sure that");
    assert_eq!(took.len(), 1, "{took:?}");
    assert_eq!(took[0].occurrences.len(), 2);

    // every sentence of 000 is also in 001 (000 is a partial scrape of the same thread)
    for s in sentences_of(&corpus, d0) {
        assert!(
            s.occurrences.iter().any(|o| o.doc.0 == d1),
            "{:?} only in 000",
            s.text
        );
    }
}

#[test]
fn handles_stay_and_handles_glued_to_links_lose_the_link() {
    let corpus = demo();
    let d1 = doc_index(&corpus, "001");
    let s1: Vec<&str> = sentences_of(&corpus, d1)
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    let ends_with = |end: &str| s1.iter().any(|s| s.ends_with(end));
    // `@baunovcarnegie.ru/commentary/829…` and friends, line 6, 7 and 29 of 001
    assert!(
        ends_with("very eloquently explained recently by my colleague @baunov"),
        "{s1:#?}"
    );
    assert!(
        ends_with("dear colleagues @Tom_deWaal & @sinanulgen1"),
        "{s1:#?}"
    );
    assert!(
        ends_with("as @AndrianovaAnna explains in @business"),
        "{s1:#?}"
    );
    assert!(
        s1.iter().any(|s| s.contains("by @MID_RF on 10/31")),
        "{s1:#?}"
    );
    // hashtags keep their words
    assert!(
        s1.iter()
            .any(|s| s.contains("crisis over Belarus, US-China.")),
        "{s1:#?}"
    );
    assert!(
        s1.iter().any(|s| s.contains("a digital PaxSinica with")),
        "{s1:#?}"
    );
}

#[test]
fn different_authors_never_merge() {
    let dir = TempDir::new("authors");
    let text = "Russia has put its 2000 peacekeepers in the region today.\n";
    dir.write("a.txt", text);
    dir.write("b.txt", text);
    dir.write("c.txt", text);
    dir.write("d.txt", text);
    dir.write(
        "sources.toml",
        "[[source]]\nfile = \"a.txt\"\nauthor = \"Ann\"\n[[source]]\nfile = \"b.txt\"\nauthor = \"Bob\"\n[[source]]\nfile = \"c.txt\"\nauthor = \"Ann\"\n",
    );
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let docs = |s: &SourceSentence| s.occurrences.iter().map(|o| o.doc.0).collect::<Vec<_>>();
    let got: Vec<Vec<u32>> = corpus.sentences.iter().map(docs).collect();
    // Ann's two documents merge; Bob's stays apart; d.txt has no known author
    assert_eq!(got, vec![vec![0, 2], vec![1], vec![3]]);
}

#[test]
fn every_range_points_at_its_sentence_in_the_original_file() {
    let corpus = demo();
    let originals: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| std::fs::read_to_string(&d.path).expect("read"))
        .collect();
    let mut checked = 0;
    for s in &corpus.sentences {
        let first_word = s.text.split_whitespace().next().expect("a word");
        for o in &s.occurrences {
            let orig = &originals[o.doc.0 as usize];
            let slice = orig
                .get(o.byte_range.clone())
                .expect("range on char boundaries");
            assert!(
                slice.starts_with(first_word),
                "{:?}: {:?} does not start with {first_word:?}",
                s.text,
                &slice[..slice.len().min(60)]
            );
            let line_start = orig[..o.byte_range.start].rfind('\n').map_or(0, |i| i + 1);
            let line = orig[..o.byte_range.start].matches('\n').count() + 1;
            assert_eq!(o.line as usize, line, "{:?}", s.text);
            assert_eq!(
                o.column as usize,
                orig[line_start..o.byte_range.start].chars().count() + 1
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn positions_checked_by_hand() {
    let corpus = demo();
    let at = |start: &str| {
        let s = find(&corpus, start);
        assert_eq!(s.len(), 1, "{start}: {s:?}");
        let o = s[0].primary();
        (o.doc.0, o.line, o.column)
    };
    let (d2, d3, d4) = (
        doc_index(&corpus, "002"),
        doc_index(&corpus, "003"),
        doc_index(&corpus, "004"),
    );
    // `THREAD 1/7 On the Armenian…`: after `THREAD 1/7 `
    assert_eq!(at("On the Armenian-Azerbaijani front"), (d2, 1, 12));
    // indented 24 spaces and numbered `3. `
    assert_eq!(at("Today MFA"), (d2, 72, 28));
    assert_eq!(at("The road to war in Nagorno-Karabakh"), (d3, 2, 1));
    assert_eq!(at("Putin denied any animosity"), (d4, 27, 1));
}

#[test]
fn a_sentence_continued_in_the_next_tweet_is_joined() {
    let corpus = demo();
    let putin = find(&corpus, "President Putin said yesterday");
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!(
        putin[0].text,
        "President Putin said yesterday that \"Armenia and Azerbaijan are equal partners for Russia\"."
    );
    let o = putin[0].primary();
    assert_eq!((o.line, o.column), (47, 272));
    let orig =
        std::fs::read_to_string(shared_corpus().join("002_34a0961623a02796.txt")).expect("read");
    let slice = &orig[o.byte_range.clone()];
    // the range runs from line 47 into line 59, where the sentence ends
    assert!(
        slice.starts_with("President Putin said yesterday.."),
        "{slice:?}"
    );
    assert!(slice.ends_with("partners for Russia\"."), "{slice:?}");
}

#[test]
fn metadata_comes_from_sources_toml() {
    let corpus = demo();
    let d0 = &corpus.documents[doc_index(&corpus, "000") as usize];
    assert_eq!(d0.meta.author.as_deref(), Some("Alexander Gabuev"));
    assert_eq!(
        d0.meta.affiliation.as_deref(),
        Some("Carnegie Moscow Center")
    );
    assert_eq!(d0.meta.attribution.as_deref(), Some("inferred"));
    assert_eq!(d0.meta.kind.as_deref(), Some("thread"));
    assert_eq!(d0.meta.date.as_deref(), Some("2020-11-10"));
    assert_eq!(d0.display_name(), "Alexander Gabuev");
    let d2 = &corpus.documents[doc_index(&corpus, "002") as usize];
    assert_eq!(d2.meta.author, None);
    assert_eq!(
        d2.display_name(),
        "Russia's neutrality as Azerbaijani forces advance in Karabakh (thread unroll with HTML residue)"
    );
    let d3 = &corpus.documents[doc_index(&corpus, "003") as usize];
    assert_eq!(d3.meta.date.as_deref(), Some("2020-10"));
    let d4 = &corpus.documents[doc_index(&corpus, "004") as usize];
    assert_eq!(
        d4.meta.title.as_deref(),
        Some("The Winner In Nagorno-Karabakh Is Russia")
    );
    assert_eq!(d4.meta.kind.as_deref(), Some("article"));
}

#[test]
fn metadata_is_inferred_without_sources_toml() {
    let dir = TempDir::new("infer");
    let copy = dir.path().join("004.txt");
    std::fs::copy(shared_corpus().join("004_c8d29e6189c14854.txt"), &copy).expect("copy");
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = &corpus.documents[0];
    assert_eq!(d.rel_path, "004.txt");
    assert_eq!(d.meta.date.as_deref(), Some("2020-11-19"));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("The Winner In Nagorno-Karabakh Is Russia")
    );
    assert_eq!(d.meta.author, None);
    assert_eq!(d.meta.kind, None);
    assert_eq!(d.display_name(), "The Winner In Nagorno-Karabakh Is Russia");
    assert!(!texts(&corpus)
        .iter()
        .any(|t| t.contains("November 19, 2020")));
}

#[test]
fn front_matter_sits_between_sources_toml_and_inference() {
    let dir = TempDir::new("frontmatter");
    dir.write(
        "notes/a.md",
        "---\ntitle: \"From front matter\"\nauthor: 'Jane Doe'\ndate: 2021-01-02\n---\n# A Heading Title\n\nBy: John Roe\n\nThe first paragraph\nruns over two lines.\n",
    );
    dir.write(
        "notes/sources.toml",
        "[[source]]\nfile = \"a.md\"\ntitle = \"From the toml\"\n",
    );
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = &corpus.documents[0];
    assert_eq!(d.rel_path, "notes/a.md");
    assert_eq!(d.meta.title.as_deref(), Some("From the toml"));
    assert_eq!(d.meta.author.as_deref(), Some("Jane Doe"));
    assert_eq!(d.meta.date.as_deref(), Some("2021-01-02"));
    assert_eq!(
        texts(&corpus),
        vec![
            "A Heading Title",
            "The first paragraph runs over two lines."
        ]
    );
    let o = corpus.sentences[1].primary();
    assert_eq!((o.line, o.column), (10, 1));
}

#[test]
fn discovery_is_recursive_ordered_and_skips_hidden_and_other_files() {
    let dir = TempDir::new("discover");
    let body = |n: &str| format!("This is source number {n} of the corpus.\n");
    dir.write("b/z.TXT", body("two"));
    dir.write("b/a.Md", body("one"));
    dir.write("a.htm", format!("<p>{}</p>", body("zero")));
    dir.write("c.markdown", body("three"));
    dir.write("d.HTML", format!("<p>{}</p>", body("four")));
    dir.write(".hidden.txt", body("hidden"));
    dir.write(".git/x.txt", body("hidden dir"));
    dir.write("notes.pdf", body("pdf"));
    dir.write("corroborate.toml", "[corpus]\n");
    dir.write("sources.toml", "");
    let (corpus, warnings) =
        load(&[dir.path().to_path_buf(), dir.path().join("b/a.Md")]).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    let names = rel_paths(&corpus);
    assert_eq!(
        names,
        vec!["a.htm", "b/a.Md", "b/z.TXT", "c.markdown", "d.HTML"]
    );
    assert_eq!(
        texts(&corpus),
        vec![
            "This is source number zero of the corpus.",
            "This is source number one of the corpus.",
            "This is source number two of the corpus.",
            "This is source number three of the corpus.",
            "This is source number four of the corpus.",
        ]
    );
    // a single file as root: its name is its relative path
    let (corpus, _) = load(&[dir.path().join("b/z.TXT")]).expect("loads");
    assert_eq!(corpus.documents[0].rel_path, "z.TXT");
}

#[test]
fn a_missing_root_is_an_error_naming_it() {
    let dir = TempDir::new("missing");
    let missing = dir.path().join("nowhere");
    match load(&[dir.path().to_path_buf(), missing.clone()]) {
        Err(CorpusError::NotFound { path }) => assert_eq!(path, missing),
        other => panic!("expected NotFound, got {other:?}"),
    }
    let err = load(&[missing.join("file.txt")]).expect_err("missing file");
    assert!(err.to_string().contains("file.txt"), "{err}");
}

fn warning_for<'a>(warnings: &'a [CorpusWarning], file: &str) -> &'a CorpusWarning {
    warnings
        .iter()
        .find(|w| w.path.ends_with(file))
        .unwrap_or_else(|| panic!("no warning for {file}: {warnings:?}"))
}

#[test]
fn bad_files_are_warnings_and_the_rest_loads() {
    let dir = TempDir::new("bad");
    dir.write("good.txt", "A good source sentence is here.\n");
    dir.write("binary.txt", b"Some text\x00\x01\x02 and more text here.\n");
    let mut latin1 = b"Caf".to_vec();
    latin1.extend_from_slice(&[0xE9]);
    latin1.extend_from_slice(b" au lait is a drink.\n");
    dir.write("latin1.txt", latin1);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .expect("symlink");
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(texts(&corpus), vec!["A good source sentence is here."]);
    assert!(warning_for(&warnings, "binary.txt")
        .reason
        .contains("binary file"));
    assert_eq!(
        warning_for(&warnings, "latin1.txt").reason,
        "not UTF-8 (invalid byte at offset 3); skipped"
    );
    #[cfg(unix)]
    assert!(warning_for(&warnings, "dangling.txt")
        .to_string()
        .contains("dangling.txt"));
    // the warning's text names the file
    assert!(warning_for(&warnings, "binary.txt")
        .to_string()
        .contains("binary.txt"));
}

#[test]
fn a_malformed_sources_toml_is_a_warning_and_metadata_is_inferred() {
    let dir = TempDir::new("badtoml");
    dir.write(
        "a.txt",
        "The Title Line\n\nBy: Jane Doe - March 3, 2021\n\nA sentence of the source here.\n",
    );
    dir.write(
        "sources.toml",
        "[[source]]\nfile = \"a.txt\"\nauthor = \"Unclosed\n",
    );
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    let w = warning_for(&warnings, "sources.toml");
    assert!(
        w.reason.contains("malformed sources.toml") && w.reason.contains("line 3"),
        "{w}"
    );
    let d = &corpus.documents[0];
    assert_eq!(d.meta.author.as_deref(), Some("Jane Doe"));
    assert_eq!(d.meta.date.as_deref(), Some("2021-03-03"));
    assert_eq!(d.meta.title.as_deref(), Some("The Title Line"));
    assert_eq!(
        texts(&corpus),
        vec!["The Title Line", "A sentence of the source here."]
    );
}

#[test]
fn sources_toml_entries_for_missing_files_are_warnings() {
    let dir = TempDir::new("entries");
    dir.write("a.txt", "A sentence of the source here.\n");
    dir.write(
        "sources.toml",
        "[[source]]\nfile = \"a.txt\"\nauthor = \"Ann\"\n\n[[source]]\nfile = \"gone.txt\"\nauthor = \"Bob\"\n",
    );
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].reason.contains("gone.txt") && warnings[0].reason.contains("does not exist")
    );
    assert_eq!(corpus.documents[0].meta.author.as_deref(), Some("Ann"));
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    let dir = TempDir::new("odd");
    dir.write("empty.txt", "");
    dir.write("blank.md", "\n\n   \n");
    dir.write("only-fm.md", "---\ntitle: x\n---\n");
    dir.write("open-fm.md", "---\ntitle: x\n");
    dir.write("broken.html", "<p>Unclosed <b>tags <script>and a script");
    dir.write(
        "crlf.txt",
        "First line of text here.\r\nSecond line of text here.\r\n",
    );
    dir.write("bom.txt", "\u{feff}A file with a byte order mark.\n");
    dir.write("residue.txt", "&#; & #; <img alt=\"\"> \">\n@\n#\n1/\n…\n");
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(corpus.documents.len(), 8);
    let t = texts(&corpus);
    assert!(t.contains(&"Second line of text here."), "{t:?}");
    assert!(t.contains(&"A file with a byte order mark."), "{t:?}");
    for d in &corpus.documents {
        assert!(!d.display_name().is_empty());
    }
    assert!(load(&[]).expect("no roots").0.documents.is_empty());
}

#[test]
fn loads_the_demo_corpus_quickly() {
    let start = std::time::Instant::now();
    let (corpus, _) = load(&[shared_corpus()]).expect("loads");
    let took = start.elapsed();
    assert!(!corpus.sentences.is_empty());
    // generous: a debug build on a busy machine; a release build takes a few ms
    assert!(took.as_millis() < 2_000, "{took:?}");
}

/// A million sentences in a thousand thread scrapes by ten authors. Run with
/// `cargo test --release --test corpus_load -- --ignored`; writes ~80 MB to the temp dir.
#[test]
#[ignore]
fn loads_a_million_sentences_in_seconds() {
    let dir = TempDir::new("million");
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let words: Vec<String> = (0..20_000)
        .map(|_| {
            let len = rng.between(3, 9);
            (0..len)
                .map(|_| (b'a' + rng.below(26) as u8) as char)
                .collect()
        })
        .collect();
    let mut toml = String::new();
    for f in 0..1000 {
        let mut text = String::new();
        for t in 0..250 {
            text.push_str(&format!("{}/ ", t + 1));
            for _ in 0..4 {
                let n = rng.between(6, 14);
                let sentence: Vec<&str> = (0..n)
                    .map(|_| words[rng.below(words.len())].as_str())
                    .collect();
                text.push_str(&format!("We {}. ", sentence.join(" ")));
            }
            text.push_str(&format!("https://t.co/abc{t}\n{}\n", rng.below(200)));
        }
        let name = format!("f{f:04}.txt");
        dir.write(&name, text);
        toml.push_str(&format!(
            "[[source]]\nfile = \"{name}\"\nauthor = \"Author {}\"\n",
            f % 10
        ));
    }
    dir.write("sources.toml", toml);
    let start = std::time::Instant::now();
    let (corpus, warnings) = load(&[dir.path().to_path_buf()]).expect("loads");
    let took = start.elapsed();
    assert!(warnings.is_empty());
    assert_eq!(corpus.documents.len(), 1000);
    assert!(
        corpus.sentences.len() > 990_000,
        "{}",
        corpus.sentences.len()
    );
    eprintln!("{} sentences in {took:?}", corpus.sentences.len());
    assert!(took.as_secs() < 20, "{took:?}");
}

/// The labelled eval set quotes the sources its cases rest on: every quote must still be
/// found, whole, inside one cleaned sentence of the document it names (quotes copied with
/// the scrape's broken entity are compared decoded).
#[test]
fn every_quote_of_the_eval_set_survives_cleaning() {
    let corpus = demo();
    let cases_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev/cases.jsonl");
    let cases = std::fs::read_to_string(cases_path).expect("cases.jsonl");
    let mut checked = 0;
    for line in cases.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("json");
        for source in case["sources"].as_array().into_iter().flatten() {
            let doc = source["doc"].as_str().expect("doc");
            let quote = source["quote"]
                .as_str()
                .expect("quote")
                .replace("& #39;", "'");
            let d = doc_index(&corpus, doc);
            assert!(
                sentences_of(&corpus, d)
                    .iter()
                    .any(|s| s.text.contains(&quote)),
                "{}: {quote:?} not in a sentence of {doc}",
                case["id"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 70, "{checked}");
}
