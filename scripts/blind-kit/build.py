#!/usr/bin/env python3
"""Builds corpus.jsonl from corpus.txt: one utterance a line, identifiers marked [[LABEL|text]].
Lines starting with '#' are comments; '## REGISTER' (notes, chat, verbatim, whiteboard…) starts a section.
Checks labels, marks and check digits; prints counts. Usage: python3 build.py"""
import json, os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = os.path.basename(HERE).replace("blind", "b") + "-"
LABELS = {"PERSON", "POSTCODE", "PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER", "DATE_OF_BIRTH", "AGE", "LOCATION",
          "ORGANISATION_LOCAL", "HANDLE", "VEHICLE_REG", "CASE_REF", "URL", "FINANCIAL", "IP_ADDRESS"}
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]")
WORD = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
        "seven": "7", "eight": "8", "nine": "9"}

def digits(piece):
    """Digits of a written or spoken number: 'double'/'treble' repeat the next digit."""
    out, rep = [], 1
    for tok in re.findall(r"[A-Za-z]+|\d", piece.lower()):
        if tok in ("double", "treble"): rep = 2 if tok == "double" else 3; continue
        d = tok if tok.isdigit() else WORD.get(tok)
        if d is None: continue
        out += [d] * rep; rep = 1
    return "".join(out)

def nhs_ok(p):
    d = [int(c) for c in digits(p)]
    if len(d) != 10: return True  # spoken forms with words like "hundred": not checked
    check = 11 - sum(x * w for x, w in zip(d[:9], range(10, 1, -1))) % 11
    return check != 10 and (0 if check == 11 else check) == d[9]

def iban_ok(p):
    s = re.sub(r"[^A-Za-z0-9]", "", p).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s): return None
    n = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(n) % 97 == 1

def luhn_ok(p):
    d = [int(c) for c in re.sub(r"\D", "", p)]
    if not 13 <= len(d) <= 19 or not re.fullmatch(r"[\d \-]+", p.strip()): return None
    s = sum(x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(reversed(d)))
    return s % 10 == 0

src = os.path.join(HERE, "corpus.txt")
rows, n, errors, register, regs = [], 0, 0, "unsorted", collections.Counter()
for raw in open(src, encoding="utf-8"):
    line = raw.rstrip("\n").rstrip()
    if line.startswith("## "): register = line[3:].strip(); continue
    if not line or line.startswith("#"): continue
    n += 1
    text, spans, at = "", [], 0
    for m in MARK.finditer(line):
        text += line[at:m.start()]
        label, piece = m.group(1), m.group(2)
        if label not in LABELS: print(f"line {n}: unknown label {label}"); errors += 1
        if not piece or piece != piece.strip(): print(f"line {n}: empty or space-padded span {piece!r}"); errors += 1
        if label == "NHS_NUMBER" and not nhs_ok(piece): print(f"line {n}: NHS number {piece} fails Modulus 11"); errors += 1
        if label == "FINANCIAL" and iban_ok(piece) is False: print(f"line {n}: IBAN {piece} fails mod 97"); errors += 1
        if label == "FINANCIAL" and luhn_ok(piece) is False: print(f"line {n}: card {piece} fails Luhn"); errors += 1
        spans.append({"start": len(text), "end": len(text) + len(piece), "label": label, "text": piece})
        text += piece
        at = m.end()
    text += line[at:]
    if "[[" in text or "]]" in text: print(f"line {n}: a broken mark: {line}"); errors += 1
    regs[register] += 1
    rows.append({"id": f"{PREFIX}{n:03d}", "text": text, "spans": spans})
with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
labels = collections.Counter(s["label"] for r in rows for s in r["spans"])
empty = sum(1 for r in rows if not r["spans"])
print(f"{len(rows)} utterances, {sum(labels.values())} spans, {empty} ({100 * empty // max(1, len(rows))}%) with none")
print("registers:", dict(regs))
print("labels:", dict(labels.most_common()))
if errors: sys.exit(f"{errors} problem(s): fix them and run again")
