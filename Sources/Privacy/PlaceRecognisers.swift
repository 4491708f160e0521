/// Recognisers for places and local organisations: street addresses, named
/// estates, small towns and villages (the bundled list, Welsh and Scottish
/// name shapes, a capitalised word after "lives in"), and named schools,
/// surgeries, homes, teams and local services. National bodies and the
/// study's own organisations are marked quiet first.
import Foundation
import SessionModel

extension ScanContext {
    mutating func findPlacesAndOrganisations() {
        findOrganisations()
        findOrganisationsInLowerCase()
        findStreetsAndEstates()
        findTowns()
        findPrefixedPlaces()
        findNumberedWards()
        findLandmarks()
        findAddressParts()
    }

    /// Places named by what stands there, in lower case after the name (session 14, `places10`).
    static let landmarkHeads: [[String]] = [
        ["tram", "stop"], ["bus", "stop"], ["bus", "station"], ["train", "station"], ["railway", "station"],
        ["metro", "station"], ["tube", "station"], ["retail", "park"], ["car", "park"], ["shopping", "centre"],
        ["taxi", "rank"], ["precinct"], ["shops"],
        // The coast's (session 15, `health11`): "Saltby seafront", "cash at Newlyn harbour", "Penzance quay", "Sandy
        // Lane holiday park".
        ["harbour"], ["seafront"], ["quay"], ["promenade"], ["marina"], ["ferry", "terminal"], ["ferry", "port"],
        ["caravan", "park"], ["holiday", "park"], ["caravan", "site"],
    ]

    /// "this time Ward 48", "back on Ward 12": a hospital ward by its number (session 15, `health11`). Quiet: a
    /// surname before an age ("Mikey Ward 15", "J. Ward 17", "Ward 15yo"), in lower case ("ward 3 of the plan").
    mutating func findNumberedWards() {
        for i in tokens.indices.dropLast() where info[i].capitalised && !info[i].allCaps && keys[i].equals("ward") {
            // "Ward 3D": a number and a letter glued to it name a ward too (session 17, `wards13`).
            guard let n = at(i + 1), n.kind == .number || tok(i + 1).map(Self.wardNumberAndLetter) == true,
                n.spaceBefore, (1...3).contains(n.length), !quiet[i],
                !covered(i), at(i - 1).map({ !($0.isWordLike && $0.capitalised) }) ?? true,
                !(key(i - 1).equals(".") && at(i - 2).map({ $0.capitalised && $0.length == 1 }) == true),
                !Self.ageUnits.contains(key(i + 2)), at(i + 2).map({ $0.kind != .number }) ?? true
            else { continue }
            add(.organisationLocal, tokens: i, i + 1)
        }
    }

    /// A number and one capital glued to it ("3D", "12B"), as a ward's code.
    static func wardNumberAndLetter(_ t: Token) -> Bool {
        guard t.kind == .alnum, let last = t.text.unicodeScalars.last, last.properties.isUppercase else { return false }
        return t.text.unicodeScalars.dropLast().allSatisfy { ("0"..."9").contains($0) }
    }

    /// Words that open a small place's name before another capitalised word ("Port Carrow", "Great Carrow", "Little
    /// Haddow", "Upper Fenby", "Nether Edge", "Market Weighton").
    static let placePrefixes = Vocab.set("port great little upper lower nether market")

    /// "found at Port Carrow ferry terminal", "through Great Carrow": a prefix word of a small place's name and a
    /// capitalised word on no list but the surnames (session 15, `health11`). Quiet: a given name ("Little Jay" is a
    /// nickname), an everyday word ("Great Job", "Lower Sixth"), a country, a street or an organisation's head after
    /// it ("Great Ormond Street": the street rules take it), a word already found.
    mutating func findPrefixedPlaces() {
        for i in tokens.indices.dropLast() where info[i].kind == .word && info[i].capitalised && !info[i].allCaps {
            guard Self.placePrefixes.contains(keys[i]), let n = at(i + 1), n.kind == .word, n.capitalised, !n.allCaps,
                n.spaceBefore, n.length >= 3, !quiet[i], !quiet[i + 1], !covered(i), !covered(i + 1),
                !on([.word, .given, .ambiguous, .bigPlace], i + 1), !inSet(.notNames, i + 1),
                !Vocab.countries.contains(keys[i + 1]), !Vocab.streetHeads.contains(key(i + 2)),
                !Vocab.orgHeads.contains(key(i + 2)), at(i + 2).map({ !($0.capitalised && $0.spaceBefore) }) ?? true
            else { continue }
            add(.location, tokens: i, i + 1)
        }
    }

    /// "by Mumps tram stop", "the old Manningham Baths car park", "Elk Mill retail park", "seen at the Pennywell
    /// shops": one or two capitalised words before a stop, a station, a retail park or a car park written in lower
    /// case name the place (the name alone is marked, as the label sheet marks "Oldham" in "Oldham bus station").
    /// Quiet: a function word, a role, a brand or a month there ("the Tesco car park", "by the bus station"), a word
    /// already found, a head in capitals ("Alexandra Retail Park" is a name an organisation rule may take whole).
    mutating func findLandmarks() {
        var h = 1
        while h < tokens.count {
            defer { h += 1 }
            guard info[h].kind == .word, !info[h].capitalised, onGated(.landmarkFirstWords, h) else {
                continue
            }
            guard Self.landmarkHeads.contains(where: { matches($0, at: h) != nil }) else { continue }
            func nameWord(_ j: Int) -> Bool {
                guard j >= 0, let t = at(j), t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, !quiet[j],
                    !covered(j), !Vocab.functionWords.contains(key(j)), !inSet(.notNames, j), !inSet(.roles, j),
                    !Self.brands.contains(key(j)), !onGated(.months, j), !onGated(.days, j)
                else { return false }
                return true
            }
            guard nameWord(h - 1) else { continue }
            let a = nameWord(h - 2) ? h - 2 : h - 1
            // A sentence's first word alone is a name only when it is no everyday word ("Elk Mill", not "Shops").
            if a == h - 1, info[a].sentenceStart, on(.word, a) { continue }
            add(.location, tokens: a, h - 1)
        }
    }

    static let landmarkFirstWords = Set(landmarkHeads.map { $0[0] })

    static let buildingHeads = Vocab.set("house court lodge tower towers mansions point heights block buildings")

    /// The rest of an address around a street or a block: "Flat 12, Carrick House", "twenty-two Albany Street, Leith",
    /// "28 Tredegar St, merthyr", "Moston and Harpurhey".
    mutating func findAddressParts() {
        let places = candidates.indices.filter {
            candidates[$0].label == .location || candidates[$0].label == .organisationLocal
        }
        for k in places {
            guard var a = tokenIndex(startingAt: candidates[k].start), let b = tokenIndex(endingAt: candidates[k].end)
            else { continue }
            // "Flat 12, Carrick House": a flat in a named block is an address.
            var g = a - 1
            if key(g).equals(",") { g -= 1 }
            if let m = tok(g),
                m.kind == .number || (m.kind == .alnum && m.digits > 0 && m.length <= 4)
                    || ScanContext.numberWords[m.key] != nil,
                key(g - 1).isOne(of: ["flat", "apartment", "apt"])
            {
                if candidates[k].label == .organisationLocal && !Self.buildingHeads.contains(key(b)) { continue }
                a = g - 1
                candidates[k].label = .location
            }
            // "twenty-two Albany Street": a house number said in words.
            if candidates[k].label == .location,
                Vocab.streetHeads.contains(key(b)) || Self.welshStreetHeads.contains(key(a))
            {
                if let u = ScanContext.numberWords[key(a - 1)], u < 10, key(a - 2).equals("-"),
                    let t = ScanContext.numberWords[key(a - 3)], t >= 20
                {
                    a -= 3
                } else if ScanContext.numberWords[key(a - 1)] != nil, a - 1 >= 0,
                    !info[a - 1].sentenceStart || info[a - 1].capitalised
                {
                    a -= 1
                }
            }
            candidates[k].start = info[a].start
            // ", Leith", ", merthyr" after a street: the town of the address.
            // "22 Alma St Fleetwood": a listed town straight after a numbered street, no comma.
            let glued =
                !key(b + 1).equals(",") && info[a].kind == .number
                && tok(b + 1).map {
                    $0.capitalised && gazetteer.towns.contains($0.key)
                } == true
            let t0 = glued ? b + 1 : b + 2
            if candidates[k].label == .location,
                Vocab.streetHeads.contains(key(b)) || Self.welshStreetHeads.contains(key(a)) || key(b).equals("estate"),
                key(b + 1).equals(",") || glued, let t = tok(t0), t.kind == .word, !covered(t0),
                (t.capitalised && !Vocab.functionWords.contains(t.key) && !Vocab.notNames.contains(t.key)
                    && !Vocab.countries.contains(t.key))
                    || gazetteer.towns.contains(t.key)
                    || gazetteer.bigPlaces.contains(t.key) && !Vocab.countries.contains(t.key)
            {
                var e = t0
                if let multis = gazetteer.multiWordTowns[t.key] {
                    for m in multis {
                        if let me = matches(m, at: t0) {
                            e = me
                            break
                        }
                    }
                }
                add(.location, tokens: t0, e)
            }
        }
        // "27 Brackenfield Road, NG18 3LX (mansfield)": a listed town in brackets after an address, any case.
        // "Rhyl to Liverpool and back": a big city a child is taken to from a named place.
        for c in candidates where c.label == .location || c.label == .postcode {
            guard let b = tokenIndex(endingAt: c.end) else { continue }
            var j = b + 1
            if key(j).equals("fyi") || key(j).equals(",") { j += 1 }
            if key(j).equals("("), let t = tok(j + 1), t.kind == .word, key(j + 2).equals(")"), !covered(j + 1),
                gazetteer.towns.contains(t.key)
                    || gazetteer.bigPlaces.contains(t.key) && !Vocab.countries.contains(t.key)
            {
                add(.location, tokens: j + 1, j + 1)
            }
            if c.label == .location, key(b + 1).equals("to"), let t = tok(b + 2), t.kind == .word, t.capitalised,
                Vocab.cities.contains(t.key), !covered(b + 2)
            {
                add(.location, tokens: b + 2, b + 2)
            }
            // "Liverpool to Aberystwyth, two and a half hours": a journey's start too (not the generic "from London").
            if c.label == .location, let a = tokenIndex(startingAt: c.start), key(a - 1).equals("to"),
                let t = tok(a - 2), t.kind == .word, t.capitalised, Vocab.cities.contains(t.key), !covered(a - 2),
                !key(a - 3).equals("from")
            {
                add(.location, tokens: a - 2, a - 2)
            }
        }
        // "Moston and Harpurhey", "in the Gorbals, in Glasgow": the next place in a list of places.
        // "around NE4, elswick and benwell": in lower case only listed towns (or words on no list) after a place or postcode.
        var k = 0
        while k < candidates.count {
            let c = candidates[k]
            k += 1
            guard c.label == .location || c.label == .postcode, let b = tokenIndex(endingAt: c.end) else { continue }
            var j = b + 1
            guard ["and", "&", "or", ","].contains(key(j)) else { continue }
            j += 1
            if key(j).equals("in") || (key(j).equals("and") && key(j - 1).equals(",")) { j += 1 }
            guard let t = tok(j), t.kind == .word, !t.allCaps, !covered(j), !Vocab.notNames.contains(t.key),
                !Vocab.functionWords.contains(t.key), !Vocab.countries.contains(t.key), !Self.brands.contains(t.key)
            else { continue }
            if t.capitalised {
                guard gazetteer.isUnknown(t.key) || Vocab.cities.contains(t.key) || gazetteer.towns.contains(t.key)
                else { continue }
            } else {
                guard
                    gazetteer.towns.contains(t.key) && !gazetteer.isWord(t.key) && !gazetteer.ambiguous.contains(t.key)
                        || t.length >= 5 && gazetteer.isUnknown(t.key) && !ScanContext.chatWords.contains(t.key)
                            && !Self.nounShaped(t.key)
                            // "Cheetham Hill, takeaway work": a list's place ends its item.
                            && tok(j + 1).map({ $0.kind == .punct || ["and", "or"].contains($0.key) }) ?? true
                else { continue }
            }
            if Vocab.orgHeads.contains(key(j + 1)) || Vocab.orgHeadAcronyms.contains(key(j + 1)) { continue }
            // "a lad from Lozells, Haroon, was found": a name nobody listed set off after a place, then a verb, is who
            // was there (session 8).
            if t.capitalised, !gazetteer.towns.contains(t.key), key(j + 1).equals(","),
                Vocab.weakVerbs.contains(key(j + 2)) || Vocab.strongVerbs.contains(key(j + 2))
            {
                continue
            }
            add(.location, tokens: j, j)
        }
    }

    /// "kofi 15 + kwame 17 brothers, Peckham", "farah (somali) 15, Easton, older bf": in a note about a young person,
    /// a listed place (or a capitalised word on no list) set off by a comma after their age or a person word.
    /// Runs after people and ages are found.
    mutating func findPlacesSetOffInNotes() {
        findPlacesBesidePlaces()
        // "Tyler Osei, 16yrs, DOB 22.07.2008, Moortown": a date of birth marks the note as about a person too.
        let marks = candidates.filter { $0.label == .age || $0.label == .person || $0.label == .dateOfBirth }.map(\.end)
        guard !marks.isEmpty else { return }
        for c in tokens.indices where info[c].isPunct(",") && c > 0 {
            let p = c - 1
            // A word on no list there may have been taken for a possible name; in a note after an age it is the place.
            let next = tok(c + 1)
            let possibleName = candidates.firstIndex { cand in
                cand.possible && cand.label == .person
                    && next.map { cand.start == $0.start && cand.end == $0.end } == true
            }
            let afterAge = candidates.contains { $0.label == .age && $0.end == info[p].end }
            guard marks.contains(info[p].end) || Self.pluralPersonNounsForNotes.contains(key(p)),
                let t = tok(c + 1), t.kind == .word, t.capitalised, !t.allCaps, t.length >= 4,
                !covered(c + 1) || possibleName != nil && afterAge,
                !quiet[c + 1], !Vocab.notNames.contains(t.key), !Vocab.countries.contains(t.key),
                !Vocab.nationalities.contains(t.key), !Self.brands.contains(t.key)
            else { continue }
            var e = c + 1
            if let multis = gazetteer.multiWordTowns[t.key] {
                for m in multis {
                    if let me = matches(m, at: c + 1) {
                        e = me
                        break
                    }
                }
            }
            let listed = gazetteer.towns.contains(t.key) || on(.bigPlace, c + 1) && Vocab.cities.contains(t.key)
            guard listed || gazetteer.isUnknown(t.key) && !Self.nounShaped(t.key) else { continue }
            if e == c + 1, let n = tok(c + 2), n.kind == .word, n.capitalised, Self.placeElements.contains(n.key) {
                e = c + 2
            }
            // The item ends there: a comma, the end, or a dash or bracket.
            guard tok(e + 1).map({ $0.isPunct(",;.-–()/") || $0.key == "w" }) ?? true else { continue }
            if let k = possibleName, afterAge { candidates.remove(at: k) }
            add(.location, tokens: c + 1, e)
        }
    }

    static let pluralPersonNounsForNotes = Vocab.set("brothers sisters siblings twins cousins sibs bros")

    /// "Auchinleck + Cumnock", "Rumney, Trowbridge", "the DN4 area, Balby": a capitalised word on no list beside a
    /// place found (a comma, "+", "&", "/" or "and" between, either side) and ending its item is a place too.
    mutating func findPlacesBesidePlaces() {
        guard candidates.contains(where: { $0.label == .location || $0.label == .postcode }) else { return }
        func separator(_ j: Int) -> Bool { at(j)?.isPunct(",+&/") == true || Self.listWords.contains(key(j)) }
        /// The last token of the item before `i` in a list ("Caldicot, then Magor": "Caldicot"), if a separator of
        /// one or two tokens stands between.
        func itemBefore(_ i: Int) -> Int? {
            guard separator(i - 1) else { return nil }
            return separator(i - 2) ? i - 3 : i - 2
        }
        func itemAfter(_ i: Int) -> Int? {
            guard separator(i + 1) else { return nil }
            return separator(i + 2) ? i + 3 : i + 2
        }
        // Twice, so that a place found in a list lets the item before it be found too ("Leigh, Atherton, Tyldesley").
        for _ in 0..<2 {
            let places = candidates.filter { $0.label == .location || $0.label == .postcode }
            func placeEnds(_ j: Int?) -> Bool {
                guard let j, j >= 0, j < tokens.count else { return false }
                return places.contains {
                    $0.end == info[j].end || key(j).equals("area") && j >= 1 && $0.end == info[j - 1].end
                }
            }
            func placeStarts(_ j: Int?) -> Bool {
                guard let j, j >= 0, j < tokens.count else { return false }
                return places.contains { $0.start == info[j].start }
            }
            var added = false
            for i in tokens.indices {
                let t = tokens[i]
                guard t.kind == .word, t.capitalised, !t.allCaps, t.length >= 4,
                    onNoList(i) || surnameOnly(i) || on(.town, i), !quiet[i],
                    !inSet(.notNames, i), !Self.brands.contains(t.key), !Self.acronymPlural(t), !Self.nounShaped(t.key),
                    !Vocab.genericServiceWords.contains(t.key), !Vocab.genericOrgModifiers.contains(t.key),
                    !Vocab.orgHeads.contains(key(i + 1)), !Vocab.streetHeads.contains(key(i + 1)),
                    // The item ends there, or the note goes on ("Aberdare + Wexcombe mostly"), but not "Zorvek said".
                    tok(i + 1).map({
                        $0.kind == .punct || separator(i + 1)
                            || !$0.capitalised && !Vocab.strongVerbs.contains($0.key)
                                && !Vocab.weakVerbs.contains($0.key) && !Self.reportedVerbs.contains($0.key)
                    }) ?? true,
                    !candidates.contains(where: {
                        $0.start < t.end && t.start < $0.end
                            && !($0.label == .person && $0.start == t.start && $0.end == t.end)
                    })
                else { continue }
                // "a lad from Lozells, Haroon, was found": a name set off after a place, then a verb, is who was there.
                if key(i + 1).equals(","),
                    Vocab.weakVerbs.contains(key(i + 2)) || Vocab.strongVerbs.contains(key(i + 2))
                {
                    continue
                }
                let before = placeEnds(itemBefore(i))
                let after = placeStarts(itemAfter(i))
                guard before || after else { continue }
                // A listed town that is also a given name or a word ("Leigh") only in a list of places on both sides
                // of it, or in a list of three ("Leigh, Atherton, Tyldesley").
                if !(onNoList(i) || surnameOnly(i)) {
                    let chain =
                        before && after
                        || after && itemAfter(i).map { a in placeStarts(itemAfter(a)) } == true
                        || before && itemBefore(i).map { b in placeEnds(itemBefore(b)) } == true
                    guard chain else { continue }
                }
                // Taken for a person nobody listed before the place beside it was seen: it is the place.
                candidates.removeAll { $0.label == .person && $0.start == t.start && $0.end == t.end }
                add(.location, tokens: i, i)
                added = true
            }
            if !added { break }
        }
        findDistrictsOfTowns()
    }

    /// Words joining the items of a list of places ("Caldicot, then Magor", "Leigh or Wigan").
    static let listWords = Vocab.set("and or then now")

    /// "at Shelf, Halifax", "from Seacroft, Leeds": a capitalised word after a place preposition, then a comma and a
    /// listed town or big city, is a district of that town, even if it is an everyday word.
    mutating func findDistrictsOfTowns() {
        for i in tokens.indices where key(i + 1).equals(",") {
            let t = tokens[i]
            guard t.kind == .word, t.capitalised, !t.allCaps, !t.sentenceStart, t.length >= 4,
                key(i - 1).isOne(of: ["at", "in", "from", "near", "around", "round", "outside"]),
                let n = tok(i + 2), n.kind == .word, n.capitalised, on([.town, .bigPlace], i + 2),
                !Vocab.countries.contains(n.key), !Vocab.countries.contains(t.key),
                !Vocab.nationalities.contains(t.key),
                !inSet(.notNames, i), !Vocab.functionWords.contains(t.key), !Self.brands.contains(t.key),
                !Vocab.genericServiceWords.contains(t.key), !quiet[i], !given(i),
                !candidates.contains(where: {
                    $0.start < t.end && t.start < $0.end
                        && !($0.label == .person && $0.start == t.start && $0.end == t.end)
                })
            else { continue }
            candidates.removeAll { $0.label == .person && $0.start == t.start && $0.end == t.end }
            add(.location, tokens: i, i)
            if !covered(i + 2) { add(.location, tokens: i + 2, i + 2) }
        }
    }

    mutating func markNationalBodies() {
        var i = 0
        while i < tokens.count {
            var advanced = false
            if info[i].isWordLike {
                for body in (inSet(.nationalBodyFirst, i) ? Vocab.nationalBodiesByFirst[tokens[i].key] : nil) ?? [] {
                    // "the Lighthouse project": a local team named like a national service is the local team.
                    if let e = matches(body, at: i),
                        !(Self.teamLikeHeads.contains(key(e + 1)) && body.filter({ $0 != "the" }).count == 1)
                    {
                        for k in i...e { quiet[k] = true }
                        i = e + 1
                        advanced = true
                        break
                    }
                }
            }
            if !advanced { i += 1 }
        }
    }

    func isQuiet(_ a: Int, _ b: Int) -> Bool { (a...b).contains { quiet[$0] } }

    /// Capitalised, not a function word, role, month or tool; a real name-like word.
    func isProperModifier(_ i: Int) -> Bool {
        guard let t = tok(i), t.kind == .word || t.kind == .alnum, t.capitalised, t.length >= 2,
            !t.allCaps || t.length > 4 || gazetteer.towns.contains(t.key)
        else { return false }
        if Vocab.genericOrgModifiers.contains(t.key) || Vocab.genericServiceWords.contains(t.key) { return false }
        if Vocab.notNames.contains(t.key) && !gazetteer.towns.contains(t.key) { return false }
        return true
    }

    /// Modifiers before token `head` ("St Mary's", "Oakfield", "King Edward VI"): the first index, or nil if none is proper.
    /// `regions`: a county or region in lower case may name it too (a force: "devon & cornwall police").
    func modifiers(before head: Int, allowLowercase: Bool, regions: Bool = false) -> Int? {
        var j = head - 1
        var first: Int?
        var proper = false
        var count = 0
        while j >= 0, count < 6 {
            let t = tokens[j]
            if t.kind == .punct {
                // Possessive "Mary's": ' then s.
                if t.text == "'" || t.text == "’", j + 1 < head, keys[j + 1].equals("s"), !info[j + 1].spaceBefore,
                    j > 0, info[j - 1].capitalised || allowLowercase
                {
                    j -= 1
                    continue
                }
                // "Al-Noor Girls' School": a plural possessive.
                if t.text == "'" || t.text == "’", !t.spaceBefore, j > 0, tokens[j - 1].key.hasSuffix("s"),
                    info[j - 1].capitalised
                {
                    j -= 1
                    continue
                }
                if t.text == "-" && !t.spaceBefore && j > 0 && info[j - 1].capitalised {
                    j -= 1
                    continue
                }
                // "devon & cornwall police": two places in lower case joined before a head.
                if t.text == "&", allowLowercase, first != nil, j > 0, on([.town, .bigPlace], j - 1),
                    on([.town, .bigPlace], j + 1)
                {
                    j -= 1
                    continue
                }
                if t.text == "." && j > 0 && keys[j - 1].equals("st") {
                    j -= 1
                    continue
                }
                break
            }
            if quiet[j] { break }
            if t.key.equals("s"), j > 0, tokens[j - 1].text == "'" || tokens[j - 1].text == "’" {
                j -= 1
                continue
            }
            // "St Mary's RC Primary", "Holy Trinity C of E Primary", "St John's CE High".
            if t.capitalised || allowLowercase,
                t.key.isOne(of: ["rc", "ce", "cofe", "c", "e"])
                    || (t.key.equals("of") && key(j - 1).equals("c") && key(j + 1).equals("e"))
            {
                j -= 1
                count += 1
                continue
            }
            if t.key.equals("of"), key(j - 1).equals("c"), key(j + 1).equals("e") {
                j -= 1
                count += 1
                continue
            }
            if Vocab.functionWords.contains(t.key) && !t.key.isOne(of: ["of", "and", "the"]) { break }
            if t.capitalised {
                if isProperModifier(j) || t.key.equals("st") || t.key.equals("saint") {
                    if isProperModifier(j) { proper = true }
                    first = j
                } else if Vocab.genericOrgModifiers.contains(t.key) || t.key.isOne(of: ["of", "and", "&"])
                    || Vocab.genericServiceWords.contains(t.key)
                {
                    if t.key.equals("the") || t.key.equals("a") || t.key.equals("an") || t.key.equals("our")
                        || t.key.equals("my")
                        || t.key.equals("their") || t.key.equals("his") || t.key.equals("her") || t.key.equals("this")
                        || t.key.equals("that")
                    {
                        break
                    }
                    if first == nil { first = nil }
                } else {
                    break
                }
            } else if allowLowercase, t.key.equals("and"), first != nil, j > 0, on([.town, .bigPlace], j - 1),
                on([.town, .bigPlace], j + 1)
            {
                // "devon and cornwall police": two places in lower case joined before a head.
            } else if t.key.isOne(of: ["of", "&", "and", "the"]), first != nil, j > 0, info[j - 1].capitalised,
                // "Wigan YOT and Bridgeway project": two organisations, not one named "Wigan YOT and Bridgeway".
                !Vocab.orgHeads.contains(key(j - 1)), !Vocab.orgHeadAcronyms.contains(key(j - 1))
            {
                // "Our Lady of Lourdes", "Hammersmith and Fulham"
            } else if allowLowercase, t.kind == .word, !Vocab.genericOrgModifiers.contains(t.key),
                !Vocab.notNames.contains(t.key),
                // "the high street school gates": a street's word in lower case names no school.
                !Vocab.streetHeads.contains(t.key) || t.key.equals("st"),
                t.key.equals("st") || t.key.equals("saint") || gazetteer.towns.contains(t.key)
                    || regions && gazetteer.bigPlaces.contains(t.key)
                    // "st joseph's rc primary": a saint's name in lower case.
                    || key(j - 1).isOne(of: ["st", "saint"]) && gazetteer.isGiven(t.key)
                    || (gazetteer.isSurname(t.key) && !gazetteer.isAmbiguous(t.key))
                    || (t.length >= 4 && gazetteer.isUnknown(t.key))
                    || Self.compassWords.contains(t.key) && first != nil
            {
                proper = proper || !(t.key.equals("st") || t.key.equals("saint") || Self.compassWords.contains(t.key))
                first = j
            } else {
                break
            }
            j -= 1
            count += 1
        }
        guard proper, var f = first else { return nil }
        while f < head, keys[f].isOne(of: ["of", "and", "&", "the"]) || info[f].kind == .punct { f += 1 }
        return f < head ? f : nil
    }

    /// Weak heads that name a building in an address after a house number ("51 Purley Centre").
    static let buildingNamesAfterANumber = Vocab.set("centre center house court lodge hub")
    static let strongOrgTails: Set<String> = Vocab.set(
        "school academy acad college surgery primary nursery pru camhs infants juniors high comprehensive")
    /// Heads of places young people gather at, named after a capitalised name even in lower case (session 13).
    static let gatheringHeads: Set<String> = Vocab.set(
        "hotel mosque masjid gurdwara mandir theatre gym chicken cafe café")
    /// Heads named after a capitalised word even in lower case: "the Riverside team", "the Phoenix project", "the Willow unit".
    /// Session 16: "the Step Ahead base", alternative provision's base.
    static let teamLikeHeads: Set<String> = Vocab.set("team project unit base")
    /// Heads of a place's own service, named after the place even in lower case ("kirklees council", "Sandwell
    /// CSC", "sandyford cid", "Oldbury custody").
    static let servicesOfAPlaceTails: Set<String> = Vocab.set(
        "camhs mash yot council police constabulary cc mbc bc csc yjs yos hscp cid bcu custody magistrates tenancies")
    /// Welsh heads before their name: a school, college, council, hospital, club, centre, nursery, police force; and
    /// the Gaelic council ("Comhairle nan Eilean Siar").
    static let welshHeads: Set<String> = Vocab.set(
        "ysgol coleg cyngor ysbyty clwb canolfan meithrinfa heddlu comhairle")
    /// Welsh words inside a school's name after "Ysgol" ("Ysgol Gyfun Ystalyfera", "Ysgol y Strade").
    static let welshSchoolWords: Set<String> = Vocab.set(
        "y yr gyfun gymraeg gynradd uwchradd bro glan cwm gatholig babanod iau sant santes maes pen ieuenctid sir nan")

    mutating func findOrganisations() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            // "Ysgol Gyfun Ystalyfera", "ysgol y Strade", "Coleg Llandrillo": a Welsh school or college names itself
            // after the head.
            // Session 18: "Tŷ Coch", "Tŷ Hafan": a house named in Welsh, with its circumflex (a home; "Ty" is a name).
            if tokens[i].key.equals("ysgol")
                || info[i].capitalised && onGated(.welshHeads, i)
                    && (tok(i + 1)?.capitalised == true || Self.welshSchoolWords.contains(key(i + 1)))
                || tokens[i].text == "Tŷ" && tok(i + 1)?.capitalised == true,
                !quiet[i]
            {
                var e = i
                while let n = tok(e + 1), e - i < 9,
                    n.kind == .word
                        && (n.capitalised || Self.welshSchoolWords.contains(n.key)
                            || gazetteer.isUnknown(n.key) && n.length >= 4)
                        || n.text == "-" && !n.spaceBefore && at(e + 2)?.kind == .word
                            && at(e + 2)?.spaceBefore == false
                {
                    e += n.text == "-" ? 2 : 1
                }
                while e > i, Self.welshSchoolWords.contains(key(e)), !info[e].capitalised { e -= 1 }
                if e > i {
                    add(.organisationLocal, tokens: i, e)
                    i = e
                }
                continue
            }
            // "HMP Wandsworth", "HMYOI Feltham", "hmp leeds": a prison, whole (its town too: the span is the prison).
            if keys[i].isOne(of: ["hmp", "hmyoi", "yoi"]), let n = tok(i + 1), n.kind == .word,
                n.capitalised || gazetteer.towns.contains(n.key) || gazetteer.bigPlaces.contains(n.key),
                info[i].allCaps || n.capitalised
            {
                var e = i + 1
                if let multis = gazetteer.multiWordTowns[n.key] {
                    for m in multis {
                        if let me = matches(m, at: i + 1) {
                            e = me
                            break
                        }
                    }
                }
                if e == i + 1, let m = at(e + 1), m.kind == .word, m.capitalised, !m.allCaps { e += 1 }
                add(.organisationLocal, tokens: i, e)
                i = e
                continue
            }
            guard info[i].isWordLike, !quiet[i],
                inSet(.orgTailFirst, i) || gated[i] && Vocab.localServiceTailFirsts.contains(tokens[i].key),
                let tails = Vocab.orgTailsByFirst[tokens[i].key]
            else { continue }
            for tail in tails {
                guard let e = matches(tail, at: i) else { continue }
                let headKey = tail.last!
                // "Oakfield High Street" is a street; "the High Court" is not a school.
                if tail == ["high"], Vocab.streetHeads.contains(key(e + 1)) || at(e + 1)?.capitalised == true {
                    continue
                }
                let isTeam = Self.teamLikeHeads.contains(headKey)
                let strong = Self.strongOrgTails.contains(tail[0]) || tail.count > 1
                let acronymTail = Self.servicesOfAPlaceTails.contains(tail[0])
                // Weak heads (house, home, club, centre…) need a capitalised head.
                // "the Cedar Court hotel", "Guru Nanak gurdwara": a place people gather at, its own name capitalised
                // before a head in lower case (not a town's: "a Blackpool hotel" is a kind).
                let gathering =
                    Self.gatheringHeads.contains(headKey) && at(i - 1)?.capitalised == true
                    && !on([.town, .bigPlace], i - 1)
                if !strong && !isTeam && !acronymTail && !info[i].capitalised && !gathering { continue }
                // "west mids police": a force named in lower case.
                let force = tail[0] == "police" || tail[0] == "constabulary"
                // "kirklees council": a service named in lower case by a listed place.
                let byPlace = acronymTail && i > 0 && on([.town, .bigPlace], i - 1)
                guard
                    var m = modifiers(before: i, allowLowercase: strong && !isTeam || force || byPlace, regions: force)
                else {
                    continue
                }
                // "14th Brackley Scouts and Holmfield Wanderers": two bodies joined by "and", the first named by its
                // own head; the second's name starts after the "and".
                if let j = (m..<i).last(where: { key($0).equals("and") }), j > m,
                    Vocab.orgTailsByFirst[key(j - 1)]?.contains(where: { $0.count == 1 }) == true
                        || Self.uniformedHeads.contains(key(j - 1))
                {
                    m = j + 1
                    if m >= i { continue }
                }
                if isTeam || acronymTail {
                    // "the Riverside team", "Northgate CAMHS": the name must not be a service word or acronym.
                    let names = (m..<i).filter { info[$0].isWordLike }
                    let serviceWord = { (k: Int) in
                        // "WIGAN YOT ORDER": a listed place in capitals is no acronym.
                        self.info[k].allCaps && !self.on([.town, .bigPlace], k)
                            || Vocab.genericServiceWords.contains(self.tokens[k].key)
                    }
                    // A team or project may have a service word inside its name after a proper first word ("the
                    // Carlow Street project", "the Turning Point project"), not first ("the Street Team").
                    if isTeam ? names.first.map(serviceWord) ?? true : names.contains(where: serviceWord) {
                        continue
                    }
                    if isTeam, names.count == 1, gazetteer.isGiven(tokens[names[0]].key), !key(m - 1).equals("the") {
                        continue
                    }
                }
                if isQuiet(m, e) { continue }
                // "Connor's YJS", "Nia's college", "Mason's school": a person's own service, school or team, not one
                // named after them ("Sam's Chicken" is; its head is capitalised and no team or service).
                if i == m + 3, isTeam || acronymTail || !info[i].capitalised, key(m + 1).isOne(of: ["'", "’"]),
                    key(m + 2).equals("s"), given(m)
                {
                    continue
                }
                // "a Wakefield school", "every Barnsley academy": a town before a head in lower case, after a word
                // that makes it a kind, is any of that town's.
                if m == i - 1, !info[i].capitalised, on([.town, .bigPlace], m),
                    Self.kindDeterminers.contains(key(m - 1))
                {
                    continue
                }
                // "51 Purley Centre, Luton": a house number before a building's name, a place after, is an address,
                // not the organisation in it; not an age after a name ("Kayleigh 15 Beacon Centre, Leeds").
                if !strong, !isTeam, !acronymTail, let n = at(m - 1), n.kind == .number, n.length <= 3,
                    Self.buildingNamesAfterANumber.contains(headKey), key(e + 1).equals(","),
                    at(e + 2)?.capitalised == true, m < 2 || !given(m - 2)
                {
                    continue
                }
                // "Puffin Ward", "Oak Ward": a ward is named by everyday words (birds, trees, colours); "Johnny Ward",
                // "Mikey Ward", "Mrs Ward" are people whose surname is Ward.
                // "covers Rowan Ward + Kestrel Ward": a given name's ward beside another named ward is a ward too.
                if headKey == "ward",
                    !(m..<i).allSatisfy({ !info[$0].isWordLike || on(.word, $0) && !given($0) })
                        && !(wardBesideWard(m, e) && (m..<i).allSatisfy({ info[$0].capitalised }))
                        || inSet(.titles, m - 1) || inSet(.relations, m - 1)
                {
                    continue
                }
                // "T. Reid YOT - 01632…": an initial before the name makes it a person's surname.
                if m >= 2, key(m - 1).equals("."), info[m - 2].length == 1, info[m - 2].capitalised { continue }
                // Session 17 (`asylum13`): "hiwa school = Acklam Grange School": a word in lower case before a head in
                // lower case, the school's own name given after "=" or ":", is whose school it is, not its name.
                if m == i - 1, !info[m].capitalised, !info[i].capitalised, key(e + 1).isOne(of: ["=", ":"]),
                    at(e + 2)?.capitalised == true
                {
                    continue
                }
                // Session 17 (`asylum13`): "the Hessle Road hotel", "the Soho Rd mosque": a place people gather at,
                // its head in lower case after a street's name, is the one on that street: the street is the place.
                // Not a building's word ("the Cedar Court hotel" is named).
                if gathering, !info[i].capitalised, i - 1 > m,
                    key(i - 1).isOne(of: ["road", "rd", "street", "st", "lane", "ln", "avenue", "ave"])
                {
                    add(.location, tokens: m, i - 1)
                    i = e
                    break
                }
                add(.organisationLocal, tokens: m, e)
                i = e
                break
            }
        }
    }

    /// The ward named over tokens `m...e` ("Rowan Ward") stands in a list with another capitalised "Ward": "Rowan
    /// Ward + Kestrel Ward", "Kestrel Ward and Rowan Ward", "Rowan Ward / Kestrel Ward".
    func wardBesideWard(_ m: Int, _ e: Int) -> Bool {
        let joins: Set<String> = ["+", "&", "/", ",", "and"]
        let after = joins.contains(key(e + 1)) && (e + 2...e + 4).contains { key($0) == "ward" && info[$0].capitalised }
        let before = joins.contains(key(m - 1)) && key(m - 2) == "ward" && at(m - 2)?.capitalised == true
        return after || before
    }

    /// Kinds of project, not names of one ("the research project", "the art project").
    static let projectKinds = Vocab.set(
        """
        research pilot art arts music film drama sport sports football school homework garden gardening photography
        community youth mentoring outreach peer group class final big main whole new old current next last same
        other whole funded joint national local previous original evaluation study survey data book building
        """)
    /// Heads of a surgery's name in lower case ("kings mill medical centre").
    static let medicalTails: [[String]] = [
        ["medical", "centre"], ["medical", "center"], ["medical", "practice"], ["health", "centre"], ["surgery"],
    ]
    /// Before a surgery named in lower case: who or where it is.
    static let surgeryCues = Vocab.set("gp gps gp's doctor doctors doctor's dr at the to from registered")

    /// Local organisations named in lower case: "the bridge project" (one word on no list of kinds before "project"),
    /// "gp kings mill medical centre" (two or three words before a surgery's head, after a cue).
    mutating func findOrganisationsInLowerCase() {
        for i in tokens.indices
        where tokens[i].key.equals("project") || tokens[i].key.equals("medical") || tokens[i].key.equals("health")
            || tokens[i].key.equals("surgery")
        {
            if tokens[i].key.equals("project") {
                guard i >= 2, key(i - 2).equals("the"), let w = tok(i - 1), w.kind == .word, !w.capitalised,
                    w.length >= 4,
                    !covered(i - 1), !quiet[i - 1], !Self.projectKinds.contains(w.key), !inSet(.notNames, i - 1),
                    !Vocab.genericServiceWords.contains(w.key), !Vocab.genericOrgModifiers.contains(w.key),
                    !Vocab.functionWords.contains(w.key), !Self.nounShaped(w.key), !w.key.hasSuffix("ed"),
                    numberWord(i - 1) == nil
                else { continue }
                add(.organisationLocal, tokens: i - 1, i)
                continue
            }
            guard let tail = Self.medicalTails.first(where: { matches($0, at: i) != nil }), !info[i].capitalised,
                !covered(i)
            else { continue }
            let e = i + tail.count - 1
            var f = i
            while f - 1 >= 0, i - f < 3, let w = tok(f - 1), w.kind == .word, !w.capitalised, w.length >= 3,
                !Vocab.functionWords.contains(w.key), !Vocab.genericOrgModifiers.contains(w.key),
                !Vocab.genericServiceWords.contains(w.key), !inSet(.notNames, f - 1), !Self.surgeryCues.contains(w.key),
                !quiet[f - 1], !covered(f - 1)
            {
                f -= 1
            }
            guard i - f >= 2, f == 0 || Self.surgeryCues.contains(key(f - 1)) else { continue }
            add(.organisationLocal, tokens: f, e)
        }
    }

    static let estateGeneric = Vocab.set(
        "council housing local same big new old industrial retail trading whole real that this our an a private social nearby other one their his her my your the estate estates rough notorious massive huge"
    )

    static let welshStreetHeads = Vocab.set("heol ffordd stryd lon")
    /// Before a street named in lower case ("on hollins walk").
    static let streetPrepositions = Vocab.set("on off down up along near onto opposite nr via")
    static let everydayBits = Gazetteer.Lists([.word, .ambiguous]).rawValue
    static let distanceUnits = Vocab.set("hour hours hrs hr min mins minute minutes mile miles km day days week weeks")
    /// Endings of a street named in one word ("42 Kingsway", "7 Northgate").
    static let oneWordStreetEndings = ["way", "gate"]

    /// A house number ending right before token `f`: digits ("27", "12a") or said ("seven", "forty two",
    /// "forty-two"); the index of its first token.
    func houseNumber(endingBefore f: Int) -> Int? {
        let a = f - 1
        guard let n = at(a) else { return nil }
        if n.kind == .number && n.length <= 4 || n.kind == .alnum && n.digits > 0 && n.digits <= 4 && n.length <= 5 {
            // Not the end of a date or a code ("dob 30.06.09 Stornoway").
            return n.spaceBefore || a == 0 ? a : nil
        }
        guard let u = numberWord(a) else { return nil }
        if u < 10, key(a - 1).equals("-"), let t = numberWord(a - 2), t >= 20 { return a - 2 }
        if u < 10, let t = numberWord(a - 1), t >= 20 { return a - 1 }
        return a
    }

    /// Where an address starts, given its house number's first token `a`: "number seven", "no 4", "flat nine forty
    /// one", "Flat 3, 12", "Apartment 2b, 7" belong to it.
    func addressStart(houseNumber a: Int) -> Int {
        if key(a - 1).isOne(of: ["number", "no"]) { return a - 1 }
        let g = key(a - 1).equals(",") ? a - 1 : a
        if let m = houseNumber(endingBefore: g),
            key(m - 1).isOne(of: ["flat", "apartment", "apt", "unit", "room", "house"])
        {
            return m - 1
        }
        return a
    }

    /// Tokens `a...b` are words on no everyday list: a street's own name, even in lower case ("larkfield", "hartley").
    func namedWords(_ a: Int, _ b: Int) -> Bool {
        a <= b
            && (a...b).allSatisfy {
                info[$0].kind == .word && info[$0].length >= 3 && lists[$0].rawValue & Self.everydayBits == 0
                    && !inSet(.notNames, $0) && !quiet[$0]
            }
    }

    mutating func findStreetsAndEstates() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let k = key(i)
            // "Heol y Nant", "41 Ffordd Las": Welsh streets name the kind first.
            // "7 heol y felin": after a house number, in lower case too.
            let afterNumber = tok(i - 1).map { $0.kind == .number && $0.length <= 4 } == true
            if inSet(.welshStreetHeads, i), info[i].capitalised || afterNumber, let n = tok(i + 1),
                n.kind == .word, n.capitalised || n.key.isOne(of: ["y", "yr"]) || afterNumber && n.length >= 3
            {
                var e = i + 1
                if n.key.isOne(of: ["y", "yr"]) {
                    guard let m = at(e + 1), m.kind == .word, m.capitalised || afterNumber && m.length >= 3 else {
                        continue
                    }
                    e += 1
                }
                var f = i
                if let h = at(i - 1), h.kind == .number && h.length <= 4 { f = i - 1 }
                add(.location, tokens: f, e)
                i = e
                continue
            }
            guard i > 0, !quiet[i] else { continue }
            if k.equals("estate") || k.equals("estates") {
                var j = i - 1
                var first: Int?
                while j >= 0, i - j <= 3, info[j].kind == .word, !Self.estateGeneric.contains(tokens[j].key),
                    !Vocab.notNames.contains(tokens[j].key) || gazetteer.towns.contains(tokens[j].key),
                    // "found Marsh Farm estate": a lower-case word before a capitalised name is not part of it.
                    info[j].capitalised || first.map({ !info[$0].capitalised }) ?? true
                {
                    first = j
                    j -= 1
                }
                if let f = first, info[f].capitalised || key(f - 1).equals("the") {
                    if isQuiet(f, i) { continue }
                    add(.location, tokens: f, i)
                }
                continue
            }
            // "forty two kingsway", "7 Northgate": a street named in one word, after a house number.
            if info[i].kind == .word, info[i].length >= 7, !inSet(.streetHeads, i + 1),
                lists[i].rawValue & Self.everydayBits == 0, !on([.town, .bigPlace], i), !quiet[i], !covered(i),
                Self.oneWordStreetEndings.contains(where: { k.hasSuffix($0) }), let a = houseNumber(endingBefore: i),
                !isQuiet(a, i)
            {
                add(.location, tokens: addressStart(houseNumber: a), i)
                continue
            }
            guard inSet(.streetHeads, i) else { continue }
            let needsCapital = Vocab.streetHeadsNeedingCapital.contains(k)
            // "St Mary's": Saint
            // "St Mary's" is a saint; "22 Alma St Fleetwood" a street (a house number before its name).
            let houseNumbered = at(i - 2)?.kind == .number && at(i - 1)?.capitalised == true
            if k.equals("st") || k.equals("dr"), let n = at(i + 1), n.capitalised, !n.spaceBefore || n.kind == .word,
                !houseNumbered
            {
                continue
            }
            // "9 orchard way": a house number lets an everyday street word be a street in lower case.
            let numbered = (1...2).contains { d in
                tok(i - d - 1).map { $0.kind == .number && $0.length <= 4 } == true
                    && (1...d).allSatisfy { at(i - $0)?.kind == .word && !Vocab.functionWords.contains(key(i - $0)) }
                    // "number seven larkfield gardens", "forty one hartley court": a house number said, before a
                    // name that is no everyday word.
                    || numberWord(i - d - 1) != nil && namedWords(i - d, i - 1)
            }
            // "no 4 the crescent", "12 The Avenue": a house number before a street named with "the".
            if key(i - 1).equals("the"), let h = at(i - 2),
                h.kind == .number && h.length <= 4
                    || h.kind == .alnum
                        && h.digits > 0 && h.length <= 5,
                info[i].capitalised || info[i - 1].spaceBefore,
                tok(i + 1).map({ $0.kind == .punct || $0.capitalised }) ?? true, !isQuiet(i - 2, i)
            {
                let f = key(i - 3).isOne(of: ["no", "flat", "number"]) ? i - 3 : i - 2
                add(.location, tokens: f, i)
                continue
            }
            // "on hollins walk": in lower case, a street word after a word that is no everyday word, after "on/off…".
            let namedLower =
                !info[i].capitalised && i >= 2 && info[i - 1].kind == .word && info[i - 1].length >= 3
                && lists[i - 1].rawValue & Self.everydayBits == 0 && !quiet[i - 1] && !inSet(.notNames, i - 1)
                && !ScanContext.chatWords.contains(key(i - 1)) && Self.streetPrepositions.contains(key(i - 2))
            if needsCapital && !info[i].capitalised && !numbered && !namedLower { continue }
            var j = i - 1
            var first: Int?
            var anyCapital = false
            while j >= 0, i - j <= 3, info[j].kind == .word {
                let t = tokens[j]
                if Vocab.genericStreetModifiers.contains(t.key)
                    || (Vocab.notNames.contains(t.key) && !gazetteer.towns.contains(t.key))
                    || Vocab.streetHeads.contains(t.key) && j != i - 1
                {
                    break
                }
                // Never "address on", "mosque on" or a sentence's "At": a street's name is its own words.
                if Vocab.functionWords.contains(t.key) && !(t.capitalised && !t.sentenceStart && j == i - 1) { break }
                // "seen nr hollybush rd", "went down station road": a lower-case preposition is not the street's.
                if !t.capitalised, Self.streetStops.contains(t.key) { break }
                // "forty one hartley court": the house number said is not part of the street's name.
                if !t.capitalised, numberWord(j) != nil { break }
                // "2 hours drive", "ten minutes walk": a distance, not a street.
                if Self.distanceUnits.contains(t.key) { break }
                if t.capitalised {
                    anyCapital = true
                } else if needsCapital && !numbered && !(namedLower && j == i - 1) || anyCapital {
                    break
                }
                first = j
                j -= 1
            }
            guard var f = first else { continue }
            if !anyCapital {
                // Lower-case "station road": needs a house number or "on/off/in" before it.
                let before = key(f - 1)
                let number =
                    tok(f - 1).map { $0.kind == .number || ($0.kind == .alnum && $0.digits > 0 && $0.digits <= 4) }
                    ?? false || numberWord(f - 1) != nil && namedWords(f, i - 1)
                // "Kacper → hollybush rd": an arrow in notes points at a place.
                let arrow = tok(f - 1).map {
                    $0.kind == .punct && $0.scalar.value >= 0x2190 && $0.scalar.value <= 0x21FF
                }
                if !number && !Self.streetStops.contains(before) && arrow != true
                    && !["on", "in", "at", "near", "from", "onto", "opposite", "by", "behind", "outside", "to"]
                        .contains(
                            before)
                {
                    continue
                }
            } else if info[f].sentenceStart && f == i - 1 && !info[i].capitalised {
                continue
            }
            // A house number: "12 Station Road", "12a Station Road", "Flat 3, 12 Station Road", "flat 3 27 Beech
            // Close", "number seven larkfield gardens", "flat nine forty one hartley court" (said: before a capitalised
            // street or a name that is no everyday word).
            if let a = houseNumber(endingBefore: f), info[a].kind != .word || anyCapital || namedWords(f, i - 1) {
                f = addressStart(houseNumber: a)
            }
            if isQuiet(f, i) { continue }
            add(.location, tokens: f, i)
        }
    }

    /// "DSLs", "YPs": capitals and a plural s.
    static func acronymPlural(_ t: Token) -> Bool {
        t.length >= 3 && t.text.hasSuffix("s") && t.text.dropLast().allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// Endings of common nouns, never of a place nobody listed ("Omagh, sextortion").
    static let nounEndings = ["tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "ing"]
    static func nounShaped(_ key: String) -> Bool { nounEndings.contains { key.hasSuffix($0) } }

    /// Lower-case words before a street that are not part of its name ("nr hollybush rd", "down station road").
    static let streetStops = Vocab.set("nr via past round around towards along up down off outside behind")

    static let compassWords = Vocab.set("north south east west central")
    /// Words that make a neighbourhood of the name before them ("Lewsey Farm", "Southmead Park").
    static let placeElements = Vocab.set("farm park hill heath green end vale common cross moor fields village")

    static let placeSuffixes = [
        "ton", "ham", "ford", "bury", "borough", "brough", "by", "wick", "field", "ley", "worth", "chester",
        "minster", "stead", "mouth", "port", "pool", "bridge", "caster", "thorpe", "well", "combe", "hurst", "wood",
        "dale", "den", "don",
    ]
    static let celticPrefixes = ["llan", "aber", "pont", "caer", "inver", "auchter", "strath", "cwm", "ystrad", "tre"]
    static let publicReferences = Vocab.set(
        "inquiry inquiries review reviews report reports case cases scandal scandals grooming serious judgment judgement"
    )
    static let placeNouns = Vocab.set("stn station centre town area estate bus train")
    /// Where a child is kept or stays ("in a hotel in Sheffield", "in supported accommodation in Hull").
    static let lodgings = Vocab.set(
        "hotel flat house accommodation hostel airbnb b&b bnb placement caravan squat unit room motel guesthouse")
    /// A town's people or groups, named by the town ("the Fleetwood girls", "Neath folk").
    static let townFolk = Vocab.set("folk folks people lads girls boys kids youngsters gang gangs crew lot olders")
    /// Things that happen to a person somewhere: "found in a flat in Coventry", "arrested in Leeds".
    static let eventVerbs = Vocab.set(
        "found seen arrested picked taken trafficked located spotted stopped missing stayed staying")
    /// Verbs that move a child somewhere (a place a few words on is where they went).
    static let movingVerbs = Vocab.set("placed moved relocated housed sent trafficked")
    static let hesitations = Vocab.set("um umm uh er erm like")
    /// Before "from": a person ("she's from London", "a lad from Leeds", "originally from York").
    static let personBeforeFrom = Vocab.set(
        "is was are were be been both all s 's originally come comes came moved family lad lads girl girls boy boys man men woman women he she they both cousins mum dad mother father brother sister friend friends boyfriend girlfriend re us morning afternoon evening hi hiya hello visiting visited over"
    )

    /// Token `j` opens a kind of lodging ("hotel", "b&b", or "B&B" read as three tokens).
    func lodging(_ j: Int) -> Bool {
        Self.lodgings.contains(key(j)) || key(j).equals("b") && key(j + 1).equals("&") && key(j + 2).equals("b")
    }

    /// Before "in": a person somewhere ("a guy in Bradford", "her cousins in Leeds").
    static let personBeforeIn = Vocab.set(
        """
        guy guys lad lads girl girls boy boys man men woman women bloke fella someone somebody family families mate mates
        cousin cousins uncle aunt auntie nan gran dad mum brother sister friend friends dealer dealers contact contacts
        """)

    mutating func findTowns() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            guard t.kind == .word, !quiet[i] else { continue }
            // "in the Gorbals", "on the Meadows": a place nobody listed after "in the".
            if t.capitalised, !t.allCaps, t.length >= 4, key(i - 1).equals("the"),
                key(i - 2).isOne(of: ["in", "on", "from", "near", "round", "around"]),
                unknown(i), !Self.brands.contains(t.key), !quiet[i], !covered(i),
                !inSet(.notNames, i),
                !(tok(i + 1).map {
                    $0.capitalised || Vocab.orgHeads.contains($0.key) || Self.teamLikeHeads.contains($0.key)
                        || Vocab.orgHeadAcronyms.contains($0.key)
                } ?? false)
            {
                add(.location, tokens: i, i)
                continue
            }
            // "placed Hastings", "lives Boston (lincs)": a listed place straight after a verb of living or moving.
            let bareVerb =
                t.capitalised && inSet(.placeVerbs, i - 1) && !given(i)
                && (lists[i].contains(.town) || lists[i].contains(.bigPlace))
            // "trafficked through, um, Dover": hesitations between the preposition and the place.
            var p = i - 1
            while p > 0, inSet(.hesitations, p) || key(p).equals(",") { p -= 1 }
            // "ciara 15 - Derry - ran away", "Bedford ↔ Kettering": a listed place set off by dashes or arrows in notes.
            // "kacper -> Tredegar -> Newport??": an arrow typed as "->".
            let typedArrow =
                key(i - 1).equals(">") && key(i - 2).equals("-") || key(i + 1).equals("-") && key(i + 2).equals(">")
            let setOff =
                t.capitalised && lists[i].contains(.town) && !given(i)
                && (tok(i - 1).map { $0.isPunct("-–→↔") && ($0.spaceBefore || $0.scalar.value > 0x2000) } ?? false
                    || tok(i + 1).map { $0.isPunct("→↔") } ?? false || typedArrow)
                // "ME4 area mostly, Chatham way": a town and the way towards it.
                || lists[i].contains(.town) && t.capitalised
                    && key(i + 1).isOne(of: ["way", "side", "direction"]) && at(i + 1)?.capitalised == false
            let prep =
                inSet(.placePrepositions, i - 1) || (key(i - 1).equals("the") && key(i + 1).equals("area"))
                || (lists[i].contains(.town) && Self.placeNouns.contains(key(i + 1))) || bareVerb || setOff
                || p < i - 1 && key(p).isOne(of: ["through", "to", "from", "in", "near"])
            // "west belfast", "North Leeds": a part of a city narrows it down.
            if on(.bigPlace, i), Vocab.cities.contains(t.key), Self.compassWords.contains(key(i - 1)), !covered(i - 1),
                !covered(i), !quiet[i - 1]
            {
                add(.location, tokens: i - 1, i)
                continue
            }
            // Lower-case places need a preposition before them; most words stop here.
            guard t.capitalised || prep || on(.town, i) && !on([.word, .given, .surname, .ambiguous], i), !covered(i)
            else { continue }
            let verbCue =
                bareVerb
                || prep
                    && (inSet(.placeVerbs, i - 2)
                        || key(i - 2).isOne(of: ["up", "down", "over", "out", "back"])
                        || inSet(.placeVerbs, i - 3) || p < i - 1 && Self.eventVerbs.contains(key(p - 1)))
            if lists[i].contains(.bigPlace) {
                // "moved to Leeds", "placed in Birmingham", "found in a flat in Coventry", "she's from London": a big city
                // or county tied to a person (not a nation or a region).
                // "placed out of area in Leeds": a verb of moving a few words before counts too.
                let tied =
                    prep && key(i - 1).isOne(of: ["in", "to", "at", "from", "into"])
                    && (max(0, i - 7)..<i).contains {
                        Self.eventVerbs.contains(tokens[$0].key) || Self.movingVerbs.contains(tokens[$0].key)
                    }
                    // "in a hotel in Sheffield", "in supported accommodation in Hull": where a child stayed (session 8).
                    || key(i - 1).equals("in")
                        && (max(0, i - 5)..<(i - 1)).contains {
                            lodging($0) && key($0 - 1).isOne(of: ["in", "a", "an"])
                                || lodging($0) && key($0 - 2).equals("in")
                        }
                    // Session 17: "L Reid 16 - found Aberdeen", "the Dundee lad", "From Sheffield to Rotherham".
                    || t.capitalised && key(i - 1).isOne(of: ["found", "seen", "spotted", "located", "arrested"])
                    || t.capitalised && key(i - 1).equals("the") && key(i + 1).isOne(of: ["lad", "girl", "boy", "kid"])
                    // A county line's route is no one's place ("a line from London to Shrewsbury").
                    || key(i - 1).equals("from") && key(i + 1).equals("to") && at(i + 2)?.capitalised == true
                        && !(max(0, i - 4)..<i).contains { key($0).isOne(of: ["line", "lines", "route", "routes"]) }
                // "the Pennywell estate in Sunderland", "12 Mill Lane in Leeds": the city of an address. "Oakfield
                // School in Leeds", "Eastfield Health Centre, Hull": the city of a local organisation (session 14).
                let ofAnAddress =
                    ["in", ","].contains(key(i - 1))
                    && (tokenIndex(endingAt: at(i - 2)?.end ?? -1)).map { b in
                        candidates.contains {
                            $0.end == info[b].end && ($0.label == .location || $0.label == .organisationLocal)
                        }
                    } == true
                // "moved in oct to leeds": tied to a move, a big city in lower case too (session 14).
                if t.capitalised || verbCue || ofAnAddress || tied, !Vocab.countries.contains(t.key),
                    Vocab.cities.contains(t.key) || !t.key.contains(" "),
                    verbCue || tied || ofAnAddress || typedArrow
                        || (key(i - 1).equals("from") && Self.personBeforeFrom.contains(key(i - 2)))
                        // "linked to a guy in Bradford": a person somewhere is tied to it.
                        || (key(i - 1).equals("in") && Self.personBeforeIn.contains(key(i - 2)))
                {
                    add(.location, tokens: i, i)
                }
                continue
            }
            if onGated(.months, i) || onGated(.days, i) || onGated(.countries, i)
                || onGated(.nationalities, i)
            {
                continue
            }
            // "after Rotherham", "the Telford and Rochdale inquiries": a town named as its public inquiry.
            if onGated(.inquiryTowns, i),
                key(i - 1).isOne(of: ["after", "since", "post", "like", "pre", "before"])
            {
                continue
            }
            // "The Rotherham stuff", "Jay report / Rotherham / Telford": the towns of the national inquiries are, like
            // big cities, a place of a case only when tied to one ("moved to Rotherham", "lives in Telford").
            if onGated(.publicInquiryTowns, i), !(prep || bareVerb || setOff) { continue }
            // "the Jay inquiry into Rotherham", "the review in Telford": the inquiry's town.
            if onGated(.inquiryTowns, i), key(i - 1).isOne(of: ["into", "in", "on", "of"]),
                Self.publicReferences.contains(key(i - 2))
            {
                continue
            }
            if ["and", "&", ","].contains(key(i + 1)), Self.publicReferences.contains(key(i + 3)) { continue }
            var end: Int?
            if let multis = gazetteer.multiWordTowns[t.key] {
                for m in multis {
                    if let e = matches(m, at: i) {
                        end = e
                        break
                    }
                }
            }
            if end == nil, lists[i].contains(.town) { end = i }
            if let e = end {
                let single = e == i
                let wordy =
                    single
                    && (given(i) || lists[i].contains(.surname) || ambiguous(i)
                        || inSet(.notNames, i))
                let nounAfter = Self.placeNouns.contains(key(e + 1))
                // "picked up in barry", "sw in ely here": a lower-case town that is also a name (not a word) after "in/near".
                // "kids from dudley" (session 14): after "from" too.
                let nameLike =
                    wordy && !lists[i].contains(.word) && !lists[i].contains(.ambiguous)
                    && !inSet(.notNames, i)
                    && key(i - 1).isOne(of: ["in", "near", "around", "outside", "from"])
                // "P4 - keighley ref", "cwmbran": a lower-case town that is no word and no name is that town anywhere.
                let onlyAPlace =
                    !wordy && !lists[i].contains(.word) && t.length >= 5 && !lists[i].contains(.ambiguous)
                if !t.capitalised && !(prep && (!wordy || nounAfter || nameLike)) && !onlyAPlace { continue }
                // "any Neath folk on here", "the Fleetwood girls": a town's people, named by the town.
                let itsPeople = t.capitalised && !t.sentenceStart && Self.townFolk.contains(key(e + 1))
                // "from the Broadwater Farm area": a town that is also a surname, named as a neighbourhood before "area".
                let namedArea =
                    tok(e + 1).map { $0.capitalised && Self.placeElements.contains($0.key) } == true
                    && Self.placeNouns.contains(key(e + 2))
                if wordy && !prep && !itsPeople && !namedArea { continue }
                if Self.publicReferences.contains(key(e + 1)) { continue }
                if isQuiet(i, e) { continue }
                // "Lewsey Farm", "Hartcliffe Park": a place-name word after a town joins it.
                var f = e
                if let n = tok(e + 1), n.kind == .word, n.capitalised, Self.placeElements.contains(n.key),
                    n.start - info[e].end == 1
                {
                    f = e + 1
                }
                add(.location, tokens: i, f)
                i = f
                continue
            }
            // "lives in gorgie", "moved to ynysybwl": in lower case, a word on no list after a verb of living or moving.
            // Not an everyday word's plural ("moved on to handovers").
            if !t.capitalised, verbCue, t.length >= 4, unknown(i), !inSet(.notNames, i), !everydayPlural(i),
                !ScanContext.chatWords.contains(t.key),
                !Self.brands.contains(t.key), !Vocab.orgHeads.contains(key(i + 1))
            {
                add(.location, tokens: i, i)
                continue
            }
            // Unknown capitalised word where a place is expected ("DSLs", an acronym's plural, is not one).
            // Not a day named as a habit ("moved to Thursdays").
            guard t.capitalised, !t.allCaps, t.length >= 4, !inSet(.notNames, i), !given(i),
                !Self.moreNotNames.contains(t.key),
                !Self.acronymPlural(t)
            else { continue }
            let celtic = Self.celticPrefixes.contains { t.key.hasPrefix($0) && t.key.count >= $0.count + 3 }
            let suffixed = prep && Self.placeSuffixes.contains { t.key.hasSuffix($0) && t.key.count >= $0.count + 3 }
            let areaNext = key(i + 1).equals("area") || (at(i + 1)?.capitalised == true && key(i + 2).equals("area"))
            // A word on no list after "from/in/near/around" ("she's from Gorgie", "round Ynysybwl"): a place nobody listed.
            let unknownAfterPrep =
                prep && !t.sentenceStart
                && key(i - 1).isOne(of: ["from", "in", "near", "around", "round", "outside", "towards"])
                && unknown(i) && !Self.brands.contains(t.key) && !Vocab.orgHeads.contains(key(i + 1))
                && !Vocab.orgHeadAcronyms.contains(key(i + 1))
            guard
                verbCue || celtic || suffixed || unknownAfterPrep
                    || areaNext && (!t.sentenceStart || key(i + 1).equals("area"))
            else { continue }
            if Vocab.genericServiceWords.contains(t.key) || Vocab.genericOrgModifiers.contains(t.key) { continue }
            var e = i
            if let n = tok(i + 1), n.kind == .word, n.capitalised, !n.allCaps, !Vocab.notNames.contains(n.key),
                n.start - t.end == 1
            {
                e = i + 1
            }
            add(.location, tokens: i, e)
            i = e
        }
    }
}
