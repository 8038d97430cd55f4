#!/usr/bin/env python3
"""Quote detection on GUM news (../shared/data/gum-news): precision, recall
and F1 of predicted quotes against the gold <quote> and <q> spans.

A prediction matches a gold quote when they overlap by at least 30% of the
longer span (the Gender Gap Tracker's criterion), one-to-one; `exact` also
reports whole-quote exact matches (quote marks and edge punctuation ignored).

It also prints speaker and via accuracy on the hand-checked seed quotes
of tests/data/seed-quotes.tsv (../shared/samples/seeds).

Usage: python3 scripts/eval/quotes.py [--dossier target/release/dossier]
"""
import argparse
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUM = os.path.join(ROOT, "..", "shared", "data", "gum-news")
STRIP = " \t\n\"'\u201c\u201d\u2018\u2019.,;:!?"


def read_doc(path):
    """Rebuilds the running text and the gold quote spans (code points)."""
    text = ""
    spans = []  # (start, end, tag)
    open_stack = []

    def emit(form, misc):
        nonlocal text
        tags = []
        for x in misc.split("|"):
            if x.startswith("XML="):
                tags += [t.strip("<>") for t in x[4:].split("><")]
        start = len(text)
        for t in tags:
            if t in ("quote", "q") or t.startswith(("quote ", "q ")):
                open_stack.append((start, t.split(" ")[0]))
        text += form
        end = len(text)
        for t in tags:
            if t in ("/quote", "/q") and open_stack:
                s, tag = open_stack.pop()
                spans.append((s, end, tag))
        if "SpaceAfter=No" not in misc.split("|")[-1:] and "SpaceAfter=No" not in misc:
            text += " "
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")]
    skip_until = 0
    for n, line in enumerate(lines):
        if line.startswith("# newpar"):
            if text and not text.endswith("\n"):
                text = text.rstrip(" ") + "\n"
            continue
        if not line or line.startswith("#"):
            if not line and text and not text.endswith(("\n", " ")):
                text += " "
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            # a multiword token ("can't"): its surface form carries the text,
            # its words carry the tags
            first, last = (int(x) for x in cols[0].split("-"))
            words = [l.split("\t") for l in lines[n + 1:n + 1 + (last - first + 1)]]
            misc = "|".join(w[9] for w in words) + "|" + cols[9]
            emit(cols[1], misc)
            skip_until = last
            continue
        if int(cols[0]) <= skip_until:
            continue
        skip_until = 0
        emit(cols[1], cols[9])
    return text.strip(), spans


def core(text, start, end):
    """The quoted words without marks or edge punctuation, with their span."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(STRIP))
    inner = piece.strip(STRIP)
    return start + lead, start + lead + len(inner), inner


def overlap(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    longer = max(a[1] - a[0], b[1] - b[0], 1)
    return inter / longer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=os.path.join(ROOT, "target", "release", "dossier"))
    ap.add_argument("--tags", default="quote,q", help="gold tags to score (quote,q)")
    args = ap.parse_args()
    if not os.path.isdir(GUM):
        print(f"SKIPPED: {GUM} is not present")
        return 0
    wanted = set(args.tags.split(","))
    docs = []
    for path in sorted(glob.glob(os.path.join(GUM, "GUM_news_*.conllu"))):
        text, spans = read_doc(path)
        docs.append((os.path.basename(path), text, [s for s in spans if s[2] in wanted]))
    records = "".join(json.dumps({"name": n, "text": t}) + "\n" for n, t, _ in docs)
    out = subprocess.run([args.dossier, "analyze", "--jsonl"], input=records.encode(),
                         capture_output=True, check=True).stdout.decode()
    results = [json.loads(l) for l in out.splitlines() if l.strip()]
    tp = fp = fn = exact = 0
    misses = []
    for (name, text, gold), doc in zip(docs, results):
        gold_spans = [core(text, s, e) for s, e, _ in gold]
        pred_spans = [core(text, q["start"], q["end"]) for q in doc["quotes"]]
        used = set()
        for p in pred_spans:
            best = max(((overlap(p, g), i) for i, g in enumerate(gold_spans) if i not in used),
                       default=(0, None))
            if best[1] is not None and best[0] >= 0.3:
                used.add(best[1])
                tp += 1
                exact += p[2] == gold_spans[best[1]][2]
            else:
                fp += 1
                misses.append(f"  FP {name}: {p[2][:70]!r}")
        for i, g in enumerate(gold_spans):
            if i not in used:
                fn += 1
                misses.append(f"  FN {name}: {g[2][:70]!r}")
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    gold_n = tp + fn
    print(f"GUM news quotes ({args.tags}; {len(docs)} docs, {gold_n} gold, {tp + fp} predicted)")
    print(f"  overlap>=30%: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    ep = exact / max(tp + fp, 1)
    er = exact / max(gold_n, 1)
    print(f"  exact:        P {ep:.3f}  R {er:.3f}  F1 {2 * ep * er / max(ep + er, 1e-9):.3f}")
    if "-v" in sys.argv or os.environ.get("VERBOSE"):
        print("\n".join(misses))
    seed_speakers(args.dossier)
    return 0


def seed_speakers(dossier):
    """Speaker and via accuracy on the hand-checked seed quotes."""
    seeds = os.path.join(ROOT, "..", "shared", "samples", "seeds")
    table = os.path.join(ROOT, "tests", "data", "seed-quotes.tsv")
    if not os.path.isdir(seeds):
        print(f"SKIPPED seed speakers: {seeds} is not present")
        return
    rows = [l.rstrip("\n").split("\t") for l in open(table, encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    reports = {}
    right = via_right = 0
    for file, start, speaker, via in rows:
        if file not in reports:
            out = subprocess.run([dossier, "analyze", os.path.join(seeds, file)],
                                 capture_output=True, check=True).stdout
            reports[file] = json.loads(out)
        report = reports[file]
        names = {e["id"]: e["name"] for e in report["entities"]}
        quote = next(q for q in report["documents"][0]["quotes"] if q["start"] == int(start))
        right += names.get(quote["speaker"], "-") == speaker
        via_right += names.get(quote["via"], "-") == via
    n = len(rows)
    print(f"Seed quotes (hand-checked, {n}): speaker accuracy {right}/{n} = {right / n:.3f}; "
          f"via accuracy {via_right}/{n} = {via_right / n:.3f}")


if __name__ == "__main__":
    sys.exit(main())
