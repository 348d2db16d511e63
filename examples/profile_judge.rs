//! Rough timing of the matching stages on the demo corpus (not a benchmark; see `corroborate bench`).
use std::time::Instant;

use corroborate::engine::{Engine, MatchSettings};

fn main() {
    let (engine, _) =
        Engine::load(&["../shared/corpus".into()], MatchSettings::default()).expect("corpus");
    let texts: Vec<String> = engine
        .corpus
        .sentences
        .iter()
        .map(|s| s.text.clone())
        .collect();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..20 {
        for s in &texts {
            n += engine.analyzer().analyze(s).terms.len();
        }
    }
    let per = t.elapsed().as_secs_f64() / (20.0 * texts.len() as f64);
    println!("analyze: {:.1} µs per source sentence ({n})", per * 1e6);
    let draft =
        std::fs::read_to_string("../shared/eval/dev/drafts/baku_ankara_yerevan.md").expect("draft");
    let t = Instant::now();
    for _ in 0..5 {
        engine.check_markdown(&draft);
    }
    println!(
        "check draft: {:.1} ms",
        t.elapsed().as_secs_f64() / 5.0 * 1e3
    );
}
