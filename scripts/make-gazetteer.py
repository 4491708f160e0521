#!/usr/bin/env python3
"""Regenerates Sources/Privacy/Gazetteer/{given,surnames,ambiguous,words}.txt.

Sources (see docs/privacy.md for licences):
  * PyPI `names` 0.3.0 (MIT): the US Census 1990 given-name and surname
    frequency lists (public-domain data), surnames cut to the most frequent.
  * PyPI `faker` 40.54.0 (MIT): the person providers' given names and surnames
    for en_GB (ONS lists), en_IE, ga_IE, en_NG, yo_NG, ig_NG, en_PK, en_IN,
    pl_PL, ro_RO, pt_PT, it_IT, tr_TR, es_ES, fr_FR, lt_LT, so UK names of many origins are in; and (session 6)
    en_KE, sw, tw_GH, ha_NG, zu_ZA, az_AZ, uz_UZ, id_ID, cs_CZ, sk_SK, hr_HR, hu_HU, lv_LV, sl_SI and vi_VN,
    whose given names are kept only from four letters (Vietnamese ones at any length), so that short forms
    that are abbreviations in notes stay out.
  * Debian `wbritish` (British English word list, SCOWL: Copyright 2000-2011 Kevin Atkinson,
    permission to use, copy, modify, distribute with the notice kept) decides which names are also
    ordinary words (Amber, Grace, Will): those go to ambiguous.txt and need context. Its lower-case
    words (no possessives) plus scripts/gazetteer-extra-words.txt become words.txt.

Run:  python3 -m venv /tmp/gz && /tmp/gz/bin/pip install names==0.3.0 faker==40.54.0
      apt-get install -y wbritish
      /tmp/gz/bin/python scripts/make-gazetteer.py
"""
import importlib, os, re, sys
import names as names_pkg

OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "Privacy", "Gazetteer")
SURNAME_CUT = 9000          # most frequent US Census surnames kept
# Latin script, Vietnamese letters (Latin Extended Additional, ơ ư) included.
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ſƠơƯưḀ-ỿ'’-]{2,}$")
LOCALES = ["en_GB", "en_IE", "ga_IE", "en_NG", "yo_NG", "ig_NG", "en_PK", "en_IN",
           "pl_PL", "ro_RO", "pt_PT", "it_IT", "tr_TR", "es_ES", "fr_FR", "lt_LT"]
# Added in session 6 (communities the work meets, and Eastern Europe): given names from four letters only.
MORE_LOCALES = ["en_KE", "sw", "tw_GH", "ha_NG", "zu_ZA", "az_AZ", "uz_UZ", "id_ID", "cs_CZ", "sk_SK",
                "hr_HR", "hu_HU", "lv_LV", "sl_SI", "vi_VN"]

def census(fname, limit=None):
    path = os.path.join(os.path.dirname(names_pkg.__file__), fname)
    out = []
    with open(path) as f:
        for i, line in enumerate(f):
            if limit and i >= limit: break
            out.append(line.split()[0].capitalize())
    return out

def faker_names(locale, attr):
    mod = importlib.import_module(f"faker.providers.person.{locale}")
    vals = getattr(mod.Provider, attr, ()) or ()
    return [str(v) for v in (vals.keys() if hasattr(vals, "keys") else vals)]

def tidy(name):
    # "Mc" / "O'" keep their inner capital; everything else is Capitalised.
    return name if any(c.isupper() for c in name[1:]) else name[:1].upper() + name[1:].lower()

given, surnames = set(), set()
for n in census("dist.female.first") + census("dist.male.first"): given.add(n)
for n in census("dist.all.last", SURNAME_CUT): surnames.add(n)
for loc in LOCALES + MORE_LOCALES:
    shortest = 4 if loc in MORE_LOCALES and loc != "vi_VN" else 2
    for attr in ("first_names", "first_names_male", "first_names_female"):
        for n in faker_names(loc, attr):
            for part in re.split(r"[ ]", n):
                if LATIN.match(part) and len(part) >= shortest: given.add(tidy(part))
    for attr in ("last_names",):
        for n in faker_names(loc, attr):
            for part in re.split(r"[ -]", n):
                if LATIN.match(part) and len(part) > 2: surnames.add(tidy(part))

extra = os.path.join(os.path.dirname(__file__), "gazetteer-extra-given.txt")
for line in open(extra, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#"): given.add(line)

import unicodedata
def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn")

words = set()
with open("/usr/share/dict/british-english") as f:
    for w in f:
        w = w.strip()
        if w and w[0].islower(): words.add(w)
# Folded, so a Turkish "Över" counts as the word "over".
ambiguous = sorted(n for n in given | surnames if fold(n) in words or n.lower() in words)

def write(name, items):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("\n".join(sorted(items)) + "\n")
write("given.txt", given)
write("surnames.txt", surnames - given)
write("ambiguous.txt", ambiguous)
# The everyday-word list: decides which tokens could be a name nobody listed ("possible name") and which
# parts of a participant's name are ordinary words (Fab, Lab, Will) that match only where they stand as a name.
extra_words = os.path.join(os.path.dirname(__file__), "gazetteer-extra-words.txt")
for line in open(extra_words, encoding="utf-8"):
    if not line.startswith("#"): words.update(w.lower() for w in line.split())
write("words.txt", (w for w in words if "'" not in w))
print(len(given), "given;", len(surnames - given), "surnames only;", len(ambiguous), "ambiguous", file=sys.stderr)
