use corroborate::terms::embed::{cosine, StaticEmbeddings};
fn main() {
    let (corpus, _) = corroborate::corpus::load(&["/work/shared/corpus".into()]).unwrap();
    let t = StaticEmbeddings::builtin();
    let vecs: Vec<Vec<f32>> = corpus.sentences.iter().map(|s| t.embed(&s.text)).collect();
    for path in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap();
            let q = t.embed(text);
            let mut sims: Vec<(f32, usize)> = vecs
                .iter()
                .enumerate()
                .map(|(i, x)| (cosine(&q, x), i))
                .collect();
            sims.sort_by(|a, b| b.0.total_cmp(&a.0));
            let docs = |i: usize| {
                corpus.sentences[i]
                    .occurrences
                    .iter()
                    .map(|o| corpus.document(o.doc).rel_path.clone())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let top: Vec<String> = sims
                .iter()
                .take(5)
                .map(|(s, i)| format!("{s:.3}|{}", docs(*i)))
                .collect();
            println!(
                "{}\t{}\t{}\t{}",
                v["id"].as_str().unwrap(),
                v["label"].as_str().unwrap(),
                v["difficulty"].as_str().unwrap_or("-"),
                top.join("\t")
            );
        }
    }
}
