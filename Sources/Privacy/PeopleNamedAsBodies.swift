/// Places of worship and community bodies taken for people (session 15). A saint's name in "St Luke's Methodist" or
/// "St Joseph's Parish Hall", "Trinity" in "Holy Trinity Sunday School", "Mountain" in "Mountain of Fire Ministries",
/// and whole names such as "Ruach City Church" or "Masjid-e-Noor Dewsbury" were found as people, by a rule or by the
/// sequence labeller; they are the organisation, widened over its name. A lower-case kind of body ("temple priest")
/// or a youth movement ("Girl Guides", "Scouts") found as a person is no person.
extension ScanContext {
    /// Words that make a name a place of worship or a community body, wherever they stand in it.
    static let bodyHeads = Vocab.set(
        """
        church temple masjid mosque gurdwara mandir chapel ministries ministry madrassa madrasa madrasah uloom
        tabernacle fellowship assembly synagogue cathedral abbey mission methodist baptist pentecostal parish
        congregation kingdom diocese jamia darul islamia
        """)
    /// Words opening such a name before the person-like word ("Holy Trinity", "Sri Murugan", "St Luke's").
    static let bodyOpeners = Vocab.set("st saint holy sri shri")
    /// Words that end a street's name.
    static let streetWords = Vocab.set(
        "road rd street lane avenue ave close way drive crescent terrace tce grove gardens walk row square")
    /// Kinds of body and youth movements that are never a person on their own.
    static let bodyKinds = Vocab.set(
        """
        temple church mosque masjid gurdwara mandir chapel madrassa guides scouts brownies cubs beavers rainbows cadets
        sqn atc explorers
        """)

    /// `kept` with people that are bodies made organisations (widened over the body's name) or dropped, and with no
    /// participant's code taken for a name.
    func peopleNamedAsBodies(_ kept: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        for c in kept {
            if participantCodeOpens(c) { continue }
            guard c.label == .person, !c.sessionName, let a = tokenIndex(startingAt: c.start),
                let b = tokenIndex(endingAt: c.end)
            else {
                out.append(c)
                continue
            }
            if a == b, Self.bodyKinds.contains(key(a)), !info[a].capitalised || c.possible || key(a - 1).equals("girl")
            {
                continue
            }
            // Session 16: a practice's abbreviation written with two capitals or more ("EHE / CME", "PEx -> PRU")
            // is no person, whichever rule or the labeller found it ("Ed", "Di" stay names; initials with an age
            // after them are a person's: "DA 15 - Fernlea").
            if a == b, Self.practiceAcronyms.contains(key(a)),
                tokens[a].text.unicodeScalars.filter({ $0.properties.isUppercase }).count >= 2,
                at(a + 1)?.kind != .number
            {
                continue
            }
            guard let (s, e) = bodyAround(a, b) else {
                out.append(c)
                continue
            }
            var o = c
            o.label = .organisationLocal
            o.start = info[s].start
            o.end = info[e].end
            out.append(o)
        }
        // A widened body may now cover another finding inside its name.
        return out.filter { c in
            !out.contains { o in
                o.label == .organisationLocal && o.start <= c.start && c.end <= o.end
                    && (o.start, o.end) != (c.start, c.end)
            }
        }
    }

    /// A person, place or organisation found on a participant's code ("P30", "P30's colleague", "P12 school", "P13's
    /// team"): the
    /// session's own label for a speaker, never an identifier (session 15; blind31's memory hunted "P12" and "P30"
    /// through every line they spoke).
    func participantCodeOpens(_ c: Candidate) -> Bool {
        guard c.label == .person || c.label == .organisationLocal || c.label == .location,
            let a = tokenIndex(startingAt: c.start), let b = tokenIndex(endingAt: c.end)
        else { return false }
        let t = tokens[a]
        guard t.kind == .alnum, t.key.count >= 2, t.key.count <= 4, t.key.first == "p",
            t.key.dropFirst().allSatisfy(\.isNumber)
        else { return false }
        // The code alone, or with one word in lower case after it, or after its possessive ("P13's team").
        if a == b || b == a + 1 && tok(b)?.capitalised == false { return true }
        return b == a + 3 && (key(a + 1).equals("'") || key(a + 1).equals("’")) && key(a + 2).equals("s")
            && tok(b)?.capitalised == false
    }

    /// The first and last token of the body's name around a person found at `a...b`, or nil when it is no body.
    func bodyAround(_ a: Int, _ b: Int) -> (Int, Int)? {
        var s = a
        // "St. Luke's": the opener with its stop.
        if key(a - 1).equals("."), Self.bodyOpeners.contains(key(a - 2)) {
            s = a - 2
        } else if Self.bodyOpeners.contains(key(a - 1)), at(a - 1)?.capitalised == true {
            s = a - 1
        }
        var e = b
        // The saint's possessive.
        if s < a, isApostrophe(e + 1), key(e + 2).equals("s") { e += 2 }
        // The rest of the name: capitalised words, "of" or "e" joining them ("Mountain of Fire Ministries"), up to
        // a listed place ("Holy Trinity Sunday School Heckmondwike": the town is where it is).
        var headSeen = (a...b).contains { Self.bodyHeads.contains(key($0)) }
        var j = e + 1
        while j - e <= 5, let t = tok(j) {
            if t.kind == .word, t.capitalised, info[j].spaceBefore || key(j - 1).equals("-") {
                // "St Cuthbert's Road": a street named after the saint is a place.
                if Self.streetWords.contains(t.key) { return nil }
                if on(.town, j) || on(.bigPlace, j), !Self.bodyHeads.contains(t.key) { break }
                if Self.bodyHeads.contains(t.key) { headSeen = true }
                e = j
                j += 1
            } else if t.key.isOne(of: ["of", "e"]), tok(j + 1)?.capitalised == true {
                j += 1
            } else {
                break
            }
        }
        let opened = s < a && (key(s).isOne(of: ["holy", "sri", "shri"]) || isApostrophe(b + 1))
        // "Jordan Church", "Kai Temple": a given name and a surname that is a head word are a person.
        if !opened, e == b, b == a + 1, given(a), !ambiguous(a) { return nil }
        return opened || headSeen ? (s, e) : nil
    }
}
