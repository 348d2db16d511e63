#!/usr/bin/env python3
"""Checks a labelled eval set of this folder: `python3 eval/validate.py eval/extra`.

- cases.jsonl: well-formed, ids <letter>001.. unique, labels/difficulties as specified, counts
  as the set's README says;
- every source quote is an exact substring of its corpus document;
- supported/conflicting cases have sources, unsupported/not_claim have none;
- every case text occurs exactly once across all drafts (also after joining wrapped lines);
- each NAME.labels.jsonl lists exactly the ids of NAME.md, each once, in order of appearance;
- no case text is wrapped in quotation marks or followed directly by a footnote reference;
- no case text is copied from the dev set or another set of this folder.
Exit status 0 when everything passes.
"""
import collections
import glob
import json
import os
import re
import sys
import pathlib

EVAL = pathlib.Path(__file__).resolve().parent
CORPUS = str(EVAL.parents[1] / "shared/corpus")
DEV = str(EVAL.parents[1] / "shared/eval/dev/cases.jsonl")

# Each set: the letter of its ids and how many cases of each kind it holds.
SETS = {
    "extra": ("x", {
        ("supported", "verbatim"): 10,
        ("supported", "lexical"): 12,
        ("supported", "abstractive"): 14,
        ("unsupported", None): 22,
        ("conflicting", None): 10,
        ("not_claim", None): 10,
    }),
    "extra2": ("y", {
        ("supported", "verbatim"): 10,
        ("supported", "lexical"): 12,
        ("supported", "abstractive"): 15,
        ("unsupported", None): 23,
        ("conflicting", None): 10,
        ("not_claim", None): 10,
    }),
    "extra3": ("z", {
        ("supported", "verbatim"): 10,
        ("supported", "lexical"): 12,
        ("supported", "abstractive"): 15,
        ("unsupported", None): 23,
        ("conflicting", None): 10,
        ("not_claim", None): 10,
    }),
    "extra4": ("w", {
        ("supported", "verbatim"): 12,
        ("supported", "lexical"): 20,
        ("supported", "abstractive"): 16,
        ("unsupported", None): 18,
        ("conflicting", None): 10,
        ("not_claim", None): 12,
    }),
    "extra5": ("v", {
        ("supported", "verbatim"): 12,
        ("supported", "lexical"): 20,
        ("supported", "abstractive"): 16,
        ("unsupported", None): 18,
        ("conflicting", None): 10,
        ("not_claim", None): 12,
    }),
    "extra6": ("u", {
        ("supported", "verbatim"): 12,
        ("supported", "lexical"): 20,
        ("supported", "abstractive"): 16,
        ("unsupported", None): 18,
        ("conflicting", None): 10,
        ("not_claim", None): 12,
    }),
    "extra7": ("t", {
        ("supported", "verbatim"): 12,
        ("supported", "lexical"): 20,
        ("supported", "abstractive"): 16,
        ("unsupported", None): 18,
        ("conflicting", None): 10,
        ("not_claim", None): 12,
    }),
}

if len(sys.argv) != 2 or pathlib.Path(sys.argv[1]).resolve().name not in SETS:
    sys.exit(f"usage: {sys.argv[0]} eval/<set>, one of {', '.join(SETS)}")
HERE = str(pathlib.Path(sys.argv[1]).resolve())
NAME = pathlib.Path(HERE).name
LETTER, EXPECTED = SETS[NAME]
OTHERS = [str(EVAL / other / "cases.jsonl") for other in SETS if other != NAME]

errors = []


def err(msg):
    errors.append(msg)


def load_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{path}:{n}: bad JSON ({e})")
    return out


cases = load_jsonl(os.path.join(HERE, "cases.jsonl"))
by_id = {}
for c in cases:
    for field in ("id", "text", "label", "difficulty", "sources", "note"):
        if field not in c:
            err(f"{c.get('id')}: missing field {field}")
    cid = c.get("id", "")
    if not re.fullmatch(LETTER + r"\d{3}", cid):
        err(f"bad id {cid!r}")
    if cid in by_id:
        err(f"duplicate id {cid}")
    by_id[cid] = c
    if "\n" in c["text"] or c["text"] != c["text"].strip():
        err(f"{cid}: text has line break or surrounding whitespace")
    if not c["note"]:
        err(f"{cid}: empty note")

ids_sorted = sorted(by_id)
if ids_sorted != [LETTER + "%03d" % i for i in range(1, len(ids_sorted) + 1)]:
    err(f"ids are not a contiguous {LETTER}001.. sequence")

# counts
counts = collections.Counter((c["label"], c["difficulty"]) for c in cases)
for key, n in EXPECTED.items():
    if counts.get(key, 0) != n:
        err(f"count {key}: {counts.get(key, 0)} != {n}")
for key in counts:
    if key not in EXPECTED:
        err(f"unexpected label/difficulty {key}")

# sources and quotes
docs = {}
for path in glob.glob(os.path.join(CORPUS, "*.txt")):
    with open(path, encoding="utf-8") as f:
        docs[os.path.basename(path)] = f.read()

for c in cases:
    cid, label, srcs = c["id"], c["label"], c["sources"]
    if label in ("supported", "conflicting"):
        if not srcs:
            err(f"{cid}: {label} case without sources")
    elif srcs:
        err(f"{cid}: {label} case should have no sources")
    seen_docs = set()
    for s in srcs:
        doc, quote = s.get("doc"), s.get("quote", "")
        if doc not in docs:
            err(f"{cid}: unknown doc {doc}")
            continue
        if doc in seen_docs:
            err(f"{cid}: doc {doc} listed twice")
        seen_docs.add(doc)
        if len(quote) < 20:
            err(f"{cid}: quote too short in {doc}")
        if quote not in docs[doc]:
            err(f"{cid}: quote not an exact substring of {doc}: {quote[:60]!r}")
    # the two scrapes of the same thread: a quote found in one should be listed for both
    pair = ("000_f6b3baf1f9aac04f.txt", "001_40994531d2f32d28.txt")
    for a, b in (pair, pair[::-1]):
        if a in seen_docs and b not in seen_docs:
            q = next(s["quote"] for s in srcs if s["doc"] == a)
            if q in docs[b]:
                err(f"{cid}: quote from {a} also occurs in {b} but {b} is not listed")

# not copied from dev
if os.path.exists(DEV):
    dev_texts = {json.loads(l)["text"].strip().lower() for l in open(DEV, encoding="utf-8") if l.strip()}
    for c in cases:
        if c["text"].strip().lower() in dev_texts:
            err(f"{c['id']}: text copied from the dev set")
for other in OTHERS:
    if os.path.exists(other):
        other_texts = {json.loads(l)["text"].strip().lower() for l in open(other, encoding="utf-8") if l.strip()}
        for c in cases:
            if c["text"].strip().lower() in other_texts:
                err(f"{c['id']}: text copied from {other}")

# drafts
draft_paths = sorted(glob.glob(os.path.join(HERE, "drafts", "*.md")))
if len(draft_paths) != 3:
    err(f"expected 3 drafts, found {len(draft_paths)}")
drafts = {}
for p in draft_paths:
    with open(p, encoding="utf-8") as f:
        raw = f.read()
    # joined version: wrapped lines inside a paragraph become one line
    joined = re.sub(r"(?<=\S)\n(?=[^\n#>\-*\d`|\[\s])", " ", raw)
    drafts[os.path.basename(p)[:-3]] = (raw, joined)

total = collections.Counter()
positions = {}
for c in cases:
    t = c["text"]
    for name, (raw, joined) in drafts.items():
        n = joined.count(t)
        if n != raw.count(t):
            err(f"{c['id']}: text found {raw.count(t)}x raw but {n}x after joining lines in {name}")
        total[c["id"]] += n
        if n:
            positions[c["id"]] = (name, joined.index(t))
            i = joined.index(t)
            before, after = joined[max(0, i - 1):i], joined[i + len(t):i + len(t) + 2]
            if before in ('"', "“", "'") and after[:1] in ('"', "”", "'"):
                err(f"{c['id']}: case text wrapped in quotation marks in {name}")
            if after.startswith("[^") or after.startswith("[") and c["label"] == "supported":
                err(f"{c['id']}: footnote/citation right after the case text in {name}")
for c in cases:
    if total[c["id"]] != 1:
        err(f"{c['id']}: occurs {total[c['id']]} times across drafts (must be exactly 1)")

# case texts must not be substrings of one another (would make 'exactly once' ambiguous)
texts = [(c["id"], c["text"]) for c in cases]
for a, ta in texts:
    for b, tb in texts:
        if a != b and ta in tb:
            err(f"{a} text is contained in {b}")

# labels files
for name in drafts:
    lp = os.path.join(HERE, "drafts", name + ".labels.jsonl")
    if not os.path.exists(lp):
        err(f"missing {lp}")
        continue
    listed = [o.get("id") for o in load_jsonl(lp)]
    if len(listed) != len(set(listed)):
        err(f"{name}: duplicate ids in labels file")
    expected = sorted((pos, cid) for cid, (dn, pos) in positions.items() if dn == name)
    expected = [cid for _, cid in expected]
    if listed != expected:
        err(f"{name}: labels file order/content differs from appearance order\n  listed   {listed}\n  expected {expected}")
all_listed = []
for name in drafts:
    lp = os.path.join(HERE, "drafts", name + ".labels.jsonl")
    if os.path.exists(lp):
        all_listed += [o.get("id") for o in load_jsonl(lp)]
if sorted(all_listed) != ids_sorted:
    err("labels files together do not list every case id exactly once")

# report
print("cases:", len(cases))
for key, n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
    print(f"  {key[0]:12s} {str(key[1]):12s} {n}")
for name in drafts:
    n = sum(1 for cid, (dn, _) in positions.items() if dn == name)
    words = len(drafts[name][0].split())
    print(f"  draft {name}: {n} cases, {words} words")
if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("\nOK: all checks passed")
