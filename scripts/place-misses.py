#!/usr/bin/env python3
"""Per-corpus figures and miss lists for places (LOCATION, ORGANISATION_LOCAL, POSTCODE) from `convene scan --jsonl`.

Scores each development corpus in Tests/PrivacyTests/Corpus the way CorpusEvaluationTests does in overlap mode (a
finding matches a gold span of the same label that it overlaps), prints recall and precision for the place labels and
for all labels, and lists the place misses (FN) and false alarms (FP). blind2's held-out third (ids that are multiples
of 3) is scored but its lines are never printed, as in CorpusEvaluationTests.

  scripts/place-misses.py [--convene .build/debug/convene] [--labels LOCATION,ORGANISATION_LOCAL] [--quiet] [CORPUS...]

`--quiet` prints the table only; `--save FILE` keeps the findings (JSON) so that two builds can be compared with
`--diff FILE`, which lists the place findings gained and lost against the saved run.
"""
import argparse, json, os, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "Tests", "PrivacyTests", "Corpus")
ALL = ["dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9",
       "blind10", "blind15", "blind16"]


def held_out(name, line_id):
    if name != "blind2":
        return False
    try:
        return int(line_id.split("-")[-1]) % 3 == 0
    except ValueError:
        return False


def scan(convene, lines):
    feed = "".join(json.dumps({"id": l["id"], "text": l["text"]}) + "\n" for l in lines)
    out = subprocess.run([convene, "scan", "--jsonl"], input=feed, capture_output=True, text=True, check=True).stdout
    return {r["id"]: r["spans"] for r in map(json.loads, out.splitlines())}


def overlaps(p, g):
    return p["label"] == g["label"] and p["start"] < g["end"] and g["start"] < p["end"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--convene", default=os.path.join(ROOT, ".build", "debug", "convene"))
    ap.add_argument("--labels", default="LOCATION,ORGANISATION_LOCAL,POSTCODE")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--save")
    ap.add_argument("--diff")
    ap.add_argument("corpora", nargs="*")
    a = ap.parse_args()
    labels = a.labels.split(",")
    names = a.corpora or ALL
    saved = {}
    old = json.load(open(a.diff)) if a.diff else None
    header = f"{'corpus':9} " + " ".join(f"{l[:15]:>15}" for l in labels + ["ALL"])
    rows, details = [], []
    for name in names:
        lines = [json.loads(x) for x in open(os.path.join(CORPUS, name + ".jsonl")) if x.strip()]
        found = scan(a.convene, lines)
        saved[name] = found
        stat = {l: [0, 0, 0, 0] for l in labels + ["ALL"]}  # gold, gold found, preds, preds matched
        for l in lines:
            preds, golds = found.get(l["id"], []), l["spans"]
            hide = held_out(name, l["id"])
            for g in golds:
                hit = any(overlaps(p, g) for p in preds)
                for k in {g["label"], "ALL"} & stat.keys():
                    stat[k][0] += 1
                    stat[k][1] += hit
                if not hit and g["label"] in labels and not hide:
                    details.append(f"FN {l['id']} {g['label']} “{g['text']}”  in: {l['text']}")
            for p in preds:
                hit = any(overlaps(p, g) for g in golds)
                for k in {p["label"], "ALL"} & stat.keys():
                    stat[k][2] += 1
                    stat[k][3] += hit
                if not hit and p["label"] in labels and not hide:
                    details.append(f"FP {l['id']} {p['label']} “{p['text']}”  in: {l['text']}")
            if old is not None and not hide:
                before = {(s["start"], s["end"], s["label"]) for s in old.get(name, {}).get(l["id"], [])}
                after = {(s["start"], s["end"], s["label"]) for s in preds}
                for s, e, lab in sorted(after - before):
                    if lab in labels:
                        details.append(f"+  {l['id']} {lab} “{l['text'][s:e]}”  in: {l['text']}")
                for s, e, lab in sorted(before - after):
                    if lab in labels:
                        details.append(f"-  {l['id']} {lab} “{l['text'][s:e]}”  in: {l['text']}")
        cells = []
        for k in labels + ["ALL"]:
            g, gf, p, pm = stat[k]
            r = gf / g if g else 1.0
            pr = pm / p if p else 1.0
            cells.append(f"{r:.3f} {pr:.3f} {g - gf:2d}")
        rows.append(f"{name:9} " + " ".join(f"{c:>15}" for c in cells))
    if not a.quiet:
        print("\n".join(details))
    print(header)
    print("\n".join(rows))
    if a.save:
        json.dump(saved, open(a.save, "w"))


if __name__ == "__main__":
    main()
