#!/usr/bin/env python3
"""Turns the marked-up corpus (scripts/corpus/*.txt, [[LABEL|text]] spans) into
Tests/PrivacyTests/Corpus/*.jsonl: {"id", "text", "spans": [{start, end, label, text}]}
with Unicode scalar offsets (Python str indices are code points), end exclusive."""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "PrivacyTests", "Corpus")
LABELS = {"PERSON", "POSTCODE", "PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER", "DATE_OF_BIRTH", "AGE", "LOCATION",
          "ORGANISATION_LOCAL", "HANDLE", "VEHICLE_REG", "CASE_REF"}
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]")

def nhs_valid(digits):
    d = [int(c) for c in digits if c.isdigit()]
    if len(d) != 10: return False
    check = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    return check != 10 and (0 if check == 11 else check) == d[9]

for name in ("dev", "heldout"):
    src = os.path.join(HERE, "corpus", name + ".txt")
    if not os.path.exists(src): continue
    rows, n = [], 0
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n").rstrip()
        if not line or line.startswith("#"): continue
        n += 1
        text, spans, at = "", [], 0
        for m in MARK.finditer(line):
            text += line[at:m.start()]
            label, piece = m.group(1), m.group(2)
            if label not in LABELS: sys.exit(f"{name}:{n}: unknown label {label}")
            if label == "NHS_NUMBER" and not nhs_valid(piece): print(f"warning {name}:{n}: {piece} fails Mod 11", file=sys.stderr)
            spans.append({"start": len(text), "end": len(text) + len(piece), "label": label, "text": piece})
            text += piece
            at = m.end()
        text += line[at:]
        rows.append({"id": f"{name}-{n:03d}", "text": text, "spans": spans})
    with open(os.path.join(OUT, name + ".jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    empty = sum(1 for r in rows if not r["spans"])
    print(f"{name}: {len(rows)} utterances, {sum(len(r['spans']) for r in rows)} spans, {empty} ({100*empty//len(rows)}%) with none")
