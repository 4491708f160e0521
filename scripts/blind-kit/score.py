#!/usr/bin/env python3
"""Scores `convene scan --jsonl` against a labelled corpus: overlap (a finding touching a gold span of the same
label) and exact P/R per label. Usage: score.py CORPUS.jsonl CONVENE_BINARY [--misses] [--memory]  (misses only for
dev data; --memory reads the corpus as one session, as an export does, with `scan --jsonl --memory`)"""
import json, subprocess, sys, collections
corpus, binary = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
inp = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
args = [binary, "scan", "--jsonl"] + (["--memory"] if "--memory" in sys.argv[3:] else [])
out = subprocess.run(args, input=inp.encode(), capture_output=True, check=True).stdout.decode()
pred = {}
for l in out.splitlines():
    if l.strip():
        o = json.loads(l); pred[o["id"]] = o["spans"]
S = lambda: collections.Counter()
ov, ex = collections.defaultdict(S), collections.defaultdict(S)
misses = []
for r in rows:
    P, G = pred.get(r["id"], []), r["spans"]
    hit = lambda a, b: a["label"] == b["label"] and a["start"] < b["end"] and b["start"] < a["end"]
    same = lambda a, b: a["label"] == b["label"] and a["start"] == b["start"] and a["end"] == b["end"]
    for p in P:
        for k in (p["label"], "ALL"):
            ov[k]["preds"] += 1; ex[k]["preds"] += 1
            if any(hit(p, g) for g in G): ov[k]["pm"] += 1
            if any(same(p, g) for g in G): ex[k]["pm"] += 1
        if not any(hit(p, g) for g in G): misses.append(("FP", r["id"], p["label"], p["text"], r["text"]))
    for g in G:
        for k in (g["label"], "ALL"):
            ov[k]["golds"] += 1; ex[k]["golds"] += 1
            if any(hit(p, g) for p in P): ov[k]["gm"] += 1
            if any(same(p, g) for p in P): ex[k]["gm"] += 1
        if not any(hit(p, g) for p in P): misses.append(("FN", r["id"], g["label"], g["text"], r["text"]))
f = lambda c, a, b: c[a] / c[b] if c[b] else 1.0
print(f"{corpus}: {len(rows)} utterances, {ov['ALL']['golds']} gold spans, {ov['ALL']['preds']} predicted")
print(f"{'label':20} {'gold':>5} {'ovl P':>6} {'ovl R':>6} {'exact P':>8} {'exact R':>8}")
for k in ["ALL"] + sorted(x for x in ov if x != "ALL"):
    print(f"{k:20} {ov[k]['golds']:5d} {f(ov[k],'pm','preds'):6.3f} {f(ov[k],'gm','golds'):6.3f} "
          f"{f(ex[k],'pm','preds'):8.3f} {f(ex[k],'gm','golds'):8.3f}")
p, r = f(ov['ALL'], 'pm', 'preds'), f(ov['ALL'], 'gm', 'golds')
print(f"overlap F1 {2 * p * r / (p + r):.3f}")
if "--misses" in sys.argv:
    for m in misses: print("  ", *m, sep=" | ")
