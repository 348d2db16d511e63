//! A synthetic Markdown draft written against a synthetic corpus: sections of paragraphs
//! whose sentences are copied from sources (some quoted or cited), paraphrased (other
//! aliases, other number forms, words dropped or replaced), changed to conflict (another
//! number or actor), or new. The mix makes the judge take every path it takes on a real
//! draft.

use crate::corpus::Corpus;

use super::rng::Rng;
use super::sentence::{sentence, with_commas};
use super::vocabulary::{capitalise, Vocabulary};

/// How the draft's sentences were made, to show what the matching was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DraftMix {
    pub copied: usize,
    pub quoted_or_cited: usize,
    pub paraphrased: usize,
    pub conflicting: usize,
    pub novel: usize,
    pub headings: usize,
}

impl DraftMix {
    pub fn sentences(&self) -> usize {
        self.copied + self.quoted_or_cited + self.paraphrased + self.conflicting + self.novel
    }
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub markdown: String,
    /// Words of its sentences (headings and footnote markers not counted).
    pub words: usize,
    pub mix: DraftMix,
}

/// A draft of about `words` words (it stops at the first sentence that reaches it).
pub fn draft(vocab: &Vocabulary, corpus: &Corpus, seed: u64, words: usize) -> Draft {
    let mut rng = Rng::new(seed).fork(3);
    let mut mix = DraftMix::default();
    let mut markdown = String::from("# Synthetic analysis draft\n");
    let mut footnotes = String::new();
    let mut written = 0;
    let mut paragraph_left = 0;
    let mut section_left = 0;
    while written < words {
        if section_left == 0 {
            section_left = rng.between(3, 6);
            mix.headings += 1;
            markdown.push_str(&format!(
                "\n## {} {}\n",
                capitalise(vocab.adjectives.draw(&mut rng)),
                vocab.nouns.draw(&mut rng)
            ));
            paragraph_left = 0;
        }
        if paragraph_left == 0 {
            section_left -= 1;
            paragraph_left = rng.between(3, 6);
            markdown.push('\n');
        } else {
            markdown.push(' ');
        }
        paragraph_left -= 1;
        let source = rng
            .pick(&corpus.sentences)
            .map_or("Russia has deployed 2000 peacekeepers.", |s| {
                s.text.as_str()
            });
        let text = match rng.below(20) {
            0..=4 => {
                mix.copied += 1;
                source.to_string()
            }
            5 | 6 => {
                mix.quoted_or_cited += 1;
                if rng.chance(0.5) {
                    format!("\"{source}\"")
                } else {
                    let n = mix.quoted_or_cited;
                    footnotes.push_str(&format!("\n[^{n}]: Source document {n}.\n"));
                    format!("{source}[^{n}]")
                }
            }
            7..=11 => {
                mix.paraphrased += 1;
                paraphrase(vocab, source, &mut rng)
            }
            12 => {
                mix.conflicting += 1;
                conflict(vocab, source, &mut rng)
            }
            _ => {
                mix.novel += 1;
                sentence(vocab, &mut rng)
            }
        };
        written += text.split_whitespace().count();
        markdown.push_str(&text);
        if paragraph_left == 0 {
            markdown.push('\n');
        }
    }
    markdown.push('\n');
    markdown.push_str(&footnotes);
    Draft {
        markdown,
        words: written,
        mix,
    }
}

/// The actor a single word names, with that actor's other one-word names.
fn one_word_aliases<'a>(vocab: &'a Vocabulary, word: &str) -> Option<Vec<&'a str>> {
    vocab.actors.iter().find_map(|a| {
        a.names.iter().any(|n| n == word).then(|| {
            a.names
                .iter()
                .map(String::as_str)
                .filter(|n| !n.contains(' ') && *n != word && n.is_ascii() && !n.ends_with("'s"))
                .collect()
        })
    })
}

/// Same claim, other words: one-word actor names swapped for other names of the actor,
/// numbers written another way, a few words dropped or replaced.
fn paraphrase(vocab: &Vocabulary, source: &str, rng: &mut Rng) -> String {
    let mut out: Vec<String> = Vec::new();
    for (i, word) in source.split(' ').enumerate() {
        let (core, tail) = split_punctuation(word);
        if let Some(others) = one_word_aliases(vocab, core) {
            if let Some(other) = rng.pick(&others) {
                out.push(format!("{other}{tail}"));
                continue;
            }
        }
        if let Ok(value) = core.replace(',', "").parse::<u32>() {
            if value >= 1000 && !(1900..=2100).contains(&value) {
                let other = if core.contains(',') {
                    value.to_string()
                } else {
                    with_commas(value)
                };
                out.push(format!("{other}{tail}"));
                continue;
            }
        }
        // Words after a determiner or preposition stay, so no "the of" is left behind.
        let after_function_word = out
            .last()
            .is_some_and(|w| ["the", "The", "a", "its", "of", "to", "and"].contains(&w.as_str()));
        let plain_word = i > 0
            && tail.is_empty()
            && !after_function_word
            && core.chars().all(|c| c.is_ascii_lowercase());
        if plain_word && rng.chance(0.08) {
            continue;
        }
        if plain_word && rng.chance(0.08) {
            out.push(vocab.nouns.draw(rng).to_string());
            continue;
        }
        out.push(word.to_string());
    }
    let text = out.join(" ");
    if text.ends_with('.') {
        text
    } else {
        format!("{text}.")
    }
}

/// Same claim with one fact changed: a number, else an actor, else a negation added.
fn conflict(vocab: &Vocabulary, source: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = source.split(' ').collect();
    let number = words.iter().position(|w| {
        split_punctuation(w)
            .0
            .replace(',', "")
            .parse::<u32>()
            .is_ok()
    });
    let actor = words
        .iter()
        .position(|w| one_word_aliases(vocab, split_punctuation(w).0).is_some());
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    if let Some(i) = number {
        let (core, tail) = split_punctuation(words[i]);
        let value = core.replace(',', "").parse::<u32>().unwrap_or(0);
        out[i] = format!("{}{tail}", value.saturating_mul(2).saturating_add(3));
    } else if let Some(i) = actor {
        let (core, tail) = split_punctuation(words[i]);
        let other = vocab
            .actors
            .iter()
            .filter(|a| !a.names.iter().any(|n| n == core))
            .nth(rng.below(8))
            .and_then(|a| a.names.first())
            .map_or("Iran", String::as_str);
        out[i] = format!("{other}{tail}");
    } else if out.len() > 2 {
        out.insert(2, "not".to_string());
    }
    out.join(" ")
}

fn split_punctuation(word: &str) -> (&str, &str) {
    let end = word.trim_end_matches(['.', ',', ';', ':']).len();
    word.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::super::generate::generate;
    use super::*;

    #[test]
    fn a_draft_of_five_thousand_words_has_about_250_sentences() {
        let vocab = Vocabulary::new(2, 5_000);
        let corpus = generate(&vocab, 2, 5_000).corpus;
        let d = draft(&vocab, &corpus, 2, 5_000);
        assert!((5_000..5_050).contains(&d.words), "{}", d.words);
        let n = d.mix.sentences();
        assert!((200..300).contains(&n), "{n} sentences");
        assert!(
            d.mix.copied > 20 && d.mix.paraphrased > 20 && d.mix.novel > 50,
            "{:?}",
            d.mix
        );
        assert!(
            d.mix.conflicting > 0 && d.mix.quoted_or_cited > 0,
            "{:?}",
            d.mix
        );
        // Copied sentences are in the draft word for word.
        let copied = corpus
            .sentences
            .iter()
            .filter(|s| d.markdown.contains(&s.text))
            .count();
        assert!(copied >= d.mix.copied, "{copied} < {}", d.mix.copied);
    }

    #[test]
    fn paraphrase_swaps_aliases_and_number_forms() {
        let vocab = Vocabulary::new(2, 1_000);
        let mut rng = Rng::new(4);
        let p = paraphrase(
            &vocab,
            "Moscow sent 5000 peacekeepers to Karabakh.",
            &mut rng,
        );
        assert!(!p.contains("Moscow"), "{p}");
        assert!(p.contains("5,000"), "{p}");
    }

    #[test]
    fn conflict_changes_the_number_first() {
        let vocab = Vocabulary::new(2, 1_000);
        let mut rng = Rng::new(4);
        let c = conflict(&vocab, "Moscow sent 2,000 peacekeepers.", &mut rng);
        assert_eq!(c, "Moscow sent 4003 peacekeepers.");
        let c = conflict(&vocab, "Moscow sent peacekeepers.", &mut rng);
        assert!(
            !c.contains("Moscow") && c.ends_with("sent peacekeepers."),
            "{c}"
        );
    }
}
