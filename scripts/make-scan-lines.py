#!/usr/bin/env python3
"""Writes N `{"id", "text"}` lines for `convene scan --jsonl` from the labelled corpora
(dev.jsonl then heldout.jsonl, repeated in order): the input of the scanning figures
in docs/performance.md.  Usage: scripts/make-scan-lines.py 20000 > /tmp/20k.jsonl"""
import json
import sys
from pathlib import Path

corpus = Path(__file__).resolve().parent.parent / "Tests" / "PrivacyTests" / "Corpus"
texts = []
for name in ("dev.jsonl", "heldout.jsonl"):
    for line in (corpus / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
out = sys.stdout
for i in range(n):
    out.write(json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
