#!/usr/bin/env python3
"""A crude BM25 baseline, to tell how hard a labelled set is: `python3 eval/bm25_baseline.py
../shared/eval/dev/cases.jsonl eval/extra5/cases.jsonl`.

Every paragraph-or-sentence of the corpus (HTML tags and URLs dropped, lowercase words) is a
document. For each supported case the best BM25 hit must come from a listed document
(attribution); for unsupported cases a case is called unsupported when its best hit scores
below a threshold, as a share of the case's own score against itself, tuned on dev to
maximise the lower of precision and recall. The issue reports this kind of baseline on the
held-out set (attribution 0.89, abstractive 0.67, unsupported recall 0.41, precision 0.42); a
stand-in set that scores close to that is about as hard.
"""
import html
import json
import math
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEV = ROOT.parent / "shared" / "eval" / "dev" / "cases.jsonl"

sentences = []
for path in sorted(CORPUS.glob("*.txt")):
    text = html.unescape(path.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    for part in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        words = re.findall(r"[a-z0-9]+", part.lower())
        if len(words) >= 4:
            sentences.append((path.name, words))
N = len(sentences)
df = {}
for _, words in sentences:
    for w in set(words):
        df[w] = df.get(w, 0) + 1
average = sum(len(w) for _, w in sentences) / N


def bm25(query, words):
    score = 0.0
    for w in set(query):
        if w in words:
            tf = words.count(w)
            idf = math.log(1 + (N - df[w] + 0.5) / (df[w] + 0.5))
            score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(words) / average))
    return score


def self_score(query):
    return sum(math.log(1 + (N + 0.5) / (df.get(w, 0) + 0.5)) for w in set(query)) or 1.0


def cases(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def attribution(path):
    total, right = {}, {}
    for c in cases(path):
        if c["label"] != "supported":
            continue
        query = re.findall(r"[a-z0-9]+", c["text"].lower())
        best = max(sentences, key=lambda s: bm25(query, s[1]))
        listed = {s["doc"] for s in c["sources"]}
        for key in ("all", c["difficulty"]):
            total[key] = total.get(key, 0) + 1
            right[key] = right.get(key, 0) + (best[0] in listed)
    return {k: round(right[k] / total[k], 2) for k in total}


def closeness(path):
    out = []
    for c in cases(path):
        if c["label"] not in ("supported", "unsupported"):
            continue
        query = re.findall(r"[a-z0-9]+", c["text"].lower())
        best = max(bm25(query, s[1]) for s in sentences)
        out.append((best / self_score(query), c["label"] == "unsupported"))
    return out


def precision_recall(scored, threshold):
    called = [s < threshold for s, _ in scored]
    hits = sum(p and u for p, (_, u) in zip(called, scored))
    unsupported = sum(u for _, u in scored)
    return hits / max(1, sum(called)), hits / max(1, unsupported)


dev = closeness(DEV)
threshold = max((min(precision_recall(dev, t / 100)), t / 100) for t in range(5, 90))[1]
print(f"threshold tuned on dev: {threshold}")
for path in sys.argv[1:] or [str(DEV)]:
    p, r = precision_recall(closeness(path), threshold)
    print(f"{os.path.relpath(path)}: attribution {attribution(path)}; unsupported recall {r:.2f}, precision {p:.2f}")
