//! How the built-in static embeddings separate the labelled dev cases, and how fast they are.
//!
//!     cargo run --release --example embed_report [-- CASES.jsonl]
//!     cargo run --release --example embed_report -- --wordpieces < sentences.txt
//!
//! The first form prints, per difficulty of the supported cases, the cosine of the case text
//! with each of its own source quotes and with the best-scoring quote of any other case
//! (standing in for "the other sentences of the corpus"), and for unsupported cases their best
//! cosine to any quote; the numbers of the full model come from
//! `scripts/distill_static_embeddings.py report`. The second form prints the wordpieces of
//! each input line, to compare the tokeniser with the teacher's.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::time::Instant;

use anyhow::{Context, Result};
use corroborate::terms::embed::{cosine, StaticEmbeddings};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    text: String,
    label: String,
    difficulty: Option<String>,
    sources: Vec<Source>,
}

#[derive(Deserialize)]
struct Source {
    quote: String,
}

fn main() -> Result<()> {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("--wordpieces") {
        let table = StaticEmbeddings::builtin();
        for line in std::io::stdin().lock().lines() {
            println!("{}", table.wordpieces(&line?).join(" "));
        }
        return Ok(());
    }

    let started = Instant::now();
    let table = StaticEmbeddings::builtin();
    println!(
        "table: {} tokens × {} dims, parsed in {:.1} ms",
        table.len(),
        table.dims(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let paraphrase =
        "The Russian leader rejected suggestions that he harbours hostility toward Yerevan's \
                    current government";
    let long_sentence = "The Russian leader rejected suggestions that he harbours hostility toward Yerevan's \
                         current government, saying Moscow would keep working with whoever the Armenian \
                         people elect in the coming months and beyond.";
    let rounds = 20_000;
    let started = Instant::now();
    let mut checksum = 0f32;
    for _ in 0..rounds {
        checksum += table.embed(std::hint::black_box(long_sentence))[0];
    }
    println!(
        "embed: {:.2} µs per {}-word sentence ({} wordpieces; checksum {checksum:.1})",
        started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds),
        long_sentence.split_whitespace().count(),
        table.wordpieces(long_sentence).len()
    );

    let claim = table.embed("Putin denied any animosity towards the Armenian leadership");
    let unrelated = table.embed("The recipe needs two eggs, flour and a pinch of salt.");
    println!(
        "the brief's paraphrase pair: {:.3} (an unrelated sentence: {:.3})",
        cosine(&claim, &table.embed(paraphrase)),
        cosine(&claim, &unrelated)
    );

    let path = arg.unwrap_or_else(|| "../shared/eval/dev/cases.jsonl".into());
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let cases = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<Vec<Case>, _>>()
        .with_context(|| format!("parsing {path}"))?;

    let quotes: Vec<(&str, Vec<f32>)> = cases
        .iter()
        .flat_map(|c| &c.sources)
        .map(|s| s.quote.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|q| (q, table.embed(q)))
        .collect();
    println!(
        "\n## static table, {} cases, {} distinct quotes",
        cases.len(),
        quotes.len()
    );
    for difficulty in ["verbatim", "lexical", "abstractive"] {
        let (mut own, mut other, mut margin) = (Vec::new(), Vec::new(), Vec::new());
        for case in cases
            .iter()
            .filter(|c| c.label == "supported" && c.difficulty.as_deref() == Some(difficulty))
        {
            let v = table.embed(&case.text);
            let mine: BTreeSet<&str> = case.sources.iter().map(|s| s.quote.as_str()).collect();
            let own_case: Vec<f32> = quotes
                .iter()
                .filter(|(q, _)| mine.contains(q))
                .map(|(_, e)| cosine(&v, e))
                .collect();
            let best_other = best(
                quotes
                    .iter()
                    .filter(|(q, _)| !mine.contains(q))
                    .map(|(_, e)| cosine(&v, e)),
            );
            margin.push(best(own_case.iter().copied()) - best_other);
            own.extend(own_case);
            other.push(best_other);
        }
        row(&format!("supported/{difficulty}: own quote"), &own);
        row(&format!("supported/{difficulty}: best other quote"), &other);
        row(
            &format!("supported/{difficulty}: best own - best other"),
            &margin,
        );
    }
    let unsupported: Vec<f32> = cases
        .iter()
        .filter(|c| c.label == "unsupported")
        .map(|c| {
            let v = table.embed(&c.text);
            best(quotes.iter().map(|(_, e)| cosine(&v, e)))
        })
        .collect();
    row("unsupported: best quote", &unsupported);
    let conflicting: Vec<f32> = cases
        .iter()
        .filter(|c| c.label == "conflicting")
        .map(|c| {
            let v = table.embed(&c.text);
            best(c.sources.iter().map(|s| cosine(&v, &table.embed(&s.quote))))
        })
        .collect();
    row("conflicting: own quote (best)", &conflicting);
    Ok(())
}

fn best(values: impl Iterator<Item = f32>) -> f32 {
    values.fold(f32::NEG_INFINITY, f32::max)
}

/// n, mean, min, quartiles (linear interpolation, as numpy.percentile) and max.
fn row(name: &str, values: &[f32]) {
    let mut v = values.to_vec();
    v.sort_by(f32::total_cmp);
    if v.is_empty() {
        println!("{name:42} n=  0");
        return;
    }
    let quantile = |p: f64| {
        let at = p * (v.len() - 1) as f64;
        let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (at - lo as f64) as f32
    };
    let mean = v.iter().sum::<f32>() / v.len() as f32;
    println!(
        "{name:42} n={:3} mean={mean:.3} min={:.3} q1={:.3} median={:.3} q3={:.3} max={:.3}",
        v.len(),
        v[0],
        quantile(0.25),
        quantile(0.5),
        quantile(0.75),
        v[v.len() - 1]
    );
}
