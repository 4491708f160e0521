/// Clubs and local bodies named their own way, outward codes after an activity, and handles with no "@" (session 17,
/// `clubs13`, from blind35):
/// - a club named by its place and a plural team word, its mascot ("Pudsey Dolphins", "Sparkhill Strikers"): any
///   capitalised plural after a listed place, or after an unlisted capitalised name where the text speaks of a club
///   ("Club name Benchill Rangers"); quiet: a people word ("Leeds Lads"), a street or place word ("Oak Gardens");
/// - a club by a sport's short head after its capitalised name ("Iron Lions MMA", "Beeston Jnrs");
/// - a place's designated officer or social care ("Waltham Forest LADO", "the luton lado", "Luton social care");
/// - an outward code after an activity ("dance E17", "boxing N17") or after a place and a comma in lower case
///   ("the Boggart Hill estate, ls14");
/// - a cash tag ("$ironlionsdan") and a camel-case handle typed without "@" ("scoutmasterKRL").
extension ScanContext {
    /// Plurals after a place that are not a team's word: people, places and institutions of that place.
    static let notMascots = Vocab.set(
        """
        lads kids children families parents people residents councillors officers teachers schools services councils
        mosques churches estates areas streets roads gangs travellers students pupils youths fans supporters police
        wells springs lees hills heights villas towers flats houses cottages buildings mills homes
        docks sands fields gardens mews meadows woods moors roads lanes crescents closes terraces others days nights
        weekends years times mondays tuesdays wednesdays thursdays fridays saturdays sundays cases reviews procedures
        news services options authorities partnerships hospitals
        """)
    /// Words that say a text speaks of a club or a sport.
    static let clubCues = Vocab.set(
        """
        club clubs team teams squad training coach coaches coaching league cup match matches fixture fixtures pitch kit
        ref reffing referee academy gym swim swimming football rugby boxing netball cricket hockey dance basketball
        athletics gymnastics karate judo mma tournament welfare u9s u10s u11s u12s u13s u14s u15s u16s
        """)
    /// A sport's short head after a club's name.
    static let sportHeads = Vocab.set("mma bjj jnrs jnr")
    /// Activities an outward code is said after ("dance E17").
    static let activitiesBeforeCodes = Vocab.set(
        """
        dance boxing football swimming swim gym karate judo mma rugby cricket netball basketball athletics gymnastics
        tennis hockey cadets scouts club training youth
        """)
    /// Words in lower case with a capital inside that are products, not handles ("iPhone", "eBay").
    static let camelProducts = Vocab.set("iphone ipad ipod icloud imessage itunes ebay macos ios youtube myconcern")

    /// The index of the last token of a listed place starting at `i` (one word or a multi-word town), or nil.
    func listedPlaceEnd(at i: Int) -> Int? {
        guard let t = at(i), t.kind == .word else { return nil }
        if let multis = gazetteer.multiWordTowns[key(i)] {
            for m in multis {
                if let e = matches(m, at: i) { return e }
            }
        }
        return on([.town, .bigPlace], i) ? i : nil
    }

    /// Runs after places and organisations: each span is longer than the place inside it and wins.
    mutating func findClubsNamedTheirOwnWay() {
        let clubText = keys.contains { Self.clubCues.contains($0) }
        for i in tokens.indices where info[i].kind == .word && !quiet[i] {
            // Asked once for both rules below (a look-up in the multi-word towns per word).
            let placeEnd = listedPlaceEnd(at: i)
            if info[i].capitalised, !inSet(.titles, i - 1) {
                // "Pudsey Dolphins": a listed place, then a capitalised plural; "Benchill Rangers" in a club's text.
                let named =
                    clubText && unknown(i) && info[i].length >= 4 && !info[i].sentenceStart
                    && !Vocab.functionWords.contains(key(i))
                if let e = placeEnd ?? (named ? i : nil), let m = at(e + 1), m.kind == .word, m.capitalised,
                    !m.allCaps, isMascot(e + 1)
                {
                    add(.organisationLocal, tokens: i, e + 1)
                    continue
                }
                // "Iron Lions MMA", "Beeston Jnrs": up to three capitalised words before a sport's head.
                var e = i
                while e - i < 3, let n = at(e + 1), n.kind == .word, n.capitalised,
                    !Self.sportHeads.contains(key(e + 1)),
                    !Vocab.functionWords.contains(key(e + 1))
                {
                    e += 1
                }
                if let h = at(e + 1), Self.sportHeads.contains(key(e + 1)), h.capitalised,
                    !Vocab.functionWords.contains(key(i)), !inSet(.titles, i - 1),
                    i == 0 || at(i - 1)?.capitalised != true || at(i - 1)?.kind != .word
                {
                    add(.organisationLocal, tokens: i, e + 1)
                    continue
                }
            }
            // "Waltham Forest LADO", "the luton lado", "Luton social care": a place's own officer or service.
            if let e = placeEnd, info[i].capitalised || on(.town, i) {
                if key(e + 1).equals("lado") {
                    add(.organisationLocal, tokens: i, e + 1)
                } else if key(e + 1).equals("social"), key(e + 2).equals("care") {
                    add(.organisationLocal, tokens: i, e + 2)
                }
            }
        }
    }

    /// Token `j` is a team's plural word after a place: a capitalised plural, not a people, place or street word.
    func isMascot(_ j: Int) -> Bool {
        let k = key(j)
        guard info[j].length >= 4, k.hasSuffix("s"), !k.hasSuffix("ss"), !k.hasSuffix("us"), !k.hasSuffix("is"),
            !Self.notMascots.contains(k), !Vocab.streetHeads.contains(k)
        else { return false }
        // "Leeds Evans": a surname, not a word.
        if on(.surnameOrGiven, j), !on(.word, j) { return false }
        // "Pudsey Dolphins Juniors" is still the club; "Leeds Rhinos' ground" too; "Leeds Dolphins Road" is a street.
        if let n = at(j + 1), n.kind == .word, Vocab.streetHeads.contains(key(j + 1)), n.capitalised { return false }
        return true
    }

    /// "dance E17", "estate, ls14": outward codes after an activity, or in lower case after a place and a comma.
    mutating func findOutwardCodesAfterActivities() {
        let places = candidates.filter { $0.label == .location || $0.label == .organisationLocal }.map(\.end)
        for i in tokens.indices where info[i].kind == .alnum && !covered(i) && outwardAt(i) {
            let upper = tokens[i].text.uppercased()
            if Self.isMotorway(upper) || Self.scottishYear(key(i)) || Self.schoolYear(key(i)) { continue }
            let area = upper.prefix { $0.isLetter }
            guard ageBreak(after: i) else { continue }
            let written = tokens[i].text == upper
            if Self.activitiesBeforeCodes.contains(key(i - 1)), written || area.count == 2 {
                add(.postcode, tokens: i, i)
            } else if key(i - 1).equals(","), i >= 2, places.contains(info[i - 2].end), area.count == 2, !written {
                add(.postcode, tokens: i, i)
            }
        }
    }

    /// "$ironlionsdan", "scoutmasterKRL": a cash tag, and a handle in camel case with no "@".
    mutating func findBareHandles() {
        // The shape is asked before `covered` (a walk over the candidates) and the products' set: most tokens fail
        // on their first scalars (session 18).
        for i in tokens.indices where info[i].isWordLike {
            let text = tokens[i].text
            if key(i - 1).equals("$"), !info[i].spaceBefore, text.first?.isLetter == true, text.count >= 3,
                at(i - 1)?.spaceBefore != false, !covered(i)
            {
                add(.handle, scalars: info[i - 1].start, info[i].end)
                continue
            }
            // Scalars are never fewer than characters: `length` rules out most tokens before `count` walks any.
            guard info[i].kind == .word || info[i].kind == .alnum, !info[i].capitalised, info[i].length >= 7,
                text.count >= 7, let first = text.unicodeScalars.first, first.properties.isLowercase
            else { continue }
            let scalars = Array(text.unicodeScalars)
            let lowerRun = scalars.prefix { $0.properties.isLowercase }.count
            guard lowerRun >= 3, lowerRun < scalars.count, scalars[lowerRun].properties.isUppercase,
                !Self.camelProducts.contains(key(i)), !covered(i)
            else { continue }
            add(.handle, tokens: i, i)
        }
    }

    /// "a 17 year old is still a child", "a 14 yr old can't be expected to": an age in a statement about anyone of
    /// that age (an article, the age, a modal after it), not a person's; the scalar ranges of such ages.
    func genericAgeRanges() -> [Range<Int>] {
        var out: [Range<Int>] = []
        for i in tokens.indices where key(i - 1).isOne(of: ["a", "an"]) && ages[i] != nil {
            var j = i + 1
            var end: Int?
            while j <= i + 4, let t = at(j) {
                if key(j).isOne(of: ["old", "yo", "yr", "yrs"]) || key(j).equals("o") && key(j - 1).equals("/") {
                    end = j
                }
                // "a 16 or 17 year old": two ages joined.
                if t.kind == .word, !key(j).isOne(of: ["year", "years", "yr", "yrs", "old", "yo", "y", "o", "or"]) {
                    break
                }
                j += 1
            }
            guard let e = end else { continue }
            var n = e + 1
            if key(n).equals("is"), key(n + 1).equals("still") { n += 1 }
            // "a 16 or 17 year old who's homeless should be": one word said of them between.
            if key(n).equals("who") {
                if isApostrophe(n + 1), key(n + 2).equals("s") {
                    n += 4
                } else if key(n + 1).equals("is") {
                    n += 3
                }
            }
            let modal = key(n).isOne(of: [
                "can", "cannot", "could", "couldn", "should", "shouldn", "must", "would", "wouldn", "still",
            ])
            if modal { out.append(info[i].start..<info[e].end) }
        }
        // Session 18: a number before "per cent" or "%" is a share, whichever rule or the labeller took it for an
        // age ("13 and 14 per cent").
        for i in tokens.indices
        where info[i].kind == .number
            && (key(i + 1).isOne(of: ["percent", "%"]) || key(i + 1).equals("per") && key(i + 2).equals("cent"))
        {
            // With the numbers listed before it ("13 and 14 per cent", "between 10 and 12%").
            var a = i
            while key(a - 1).isOne(of: ["and", "or", "to", ",", "-"]), a >= 2, info[a - 2].kind == .number { a -= 2 }
            out.append(info[a].start..<info[i].end)
        }
        return out
    }
}
