/// The sequence labeller's spans joined to the rules' findings: a rule finding always wins, so a labelled run is
/// kept only where no rule finding touches it (a person run may only widen the one person it holds over given names
/// or initials: `personWidenedByRun`), and only after the checks the rules apply to the same kind of
/// finding (an age is a number; a name or place is not made of everyday non-name words; nothing inside a
/// national body; no generic age, range of ages, big city or inquiry town, which the rules keep quiet on purpose).
/// Kept runs are `possible`: in cross-validation about half of the labeller's own findings touched a gold span,
/// whatever its margin, so no margin earns `likely` (docs/privacy.md). A `possible` finding is redacted in exports
/// like every unresolved finding, and the session memory does not hunt it elsewhere.
import SessionModel

extension ScanContext {

    /// `kept` (the rules' resolved findings) with the labeller's runs that no rule finding overlaps, in text order.
    func addLabellerFindings(_ labeller: SequenceLabeller, beside kept: [Candidate]) -> [Candidate] {
        let runs = labeller.label(tokens, lists: lists, vocab: vocab)
        guard !runs.isEmpty else { return kept }
        var out = kept
        var widened = false
        for run in runs {
            var a = run.first
            var b = run.last
            while a <= b, info[a].kind == .punct { a += 1 }
            while b >= a, info[b].kind == .punct { b -= 1 }
            guard a <= b, labellerRunPasses(run.label, a, b) else { continue }
            let start = info[a].start
            let end = info[b].end
            if out.contains(where: { $0.start < end && start < $0.end }) {
                if let k = personWidenedByRun(run.label, a, b, in: out) {
                    out[k].start = start
                    out[k].end = end
                    widened = true
                } else if let k = placeThatIsAPerson(run.label, a, b, in: out) {
                    out[k].label = .person
                    widened = true
                }
                continue
            }
            if run.label == .age, !ageHasOwner(a, found: out) { continue }
            var c = Candidate(label: run.label, start: start, end: end)
            c.possible = true
            out.append(c)
        }
        return out.count == kept.count && !widened ? kept : out.sorted { $0.start < $1.start }
    }

    /// Verbs of a journey before the preposition of a place ("arrived via", "walked to", "came through").
    static let journeyVerbs = Vocab.set(
        """
        arrived came come walked travelled traveled went moved trafficked brought crossed flew drove smuggled taken
        transported dropped sent returned escaped fled
        """)

    /// Session 18: a person (by the rules or the labeller) on tokens `a...b` on words no name list holds, after "via" or "through", or after
    /// a journey's verb and "to", "from" or "into" ("arrived via Calais", "walked to Heathrow"), is the place the
    /// journey passed: a person is reached "via" someone only in a referral's words ("came via Sarah" is on a list).
    func journeyPlace(_ label: IdentifierLabel, _ a: Int, _ b: Int) -> Bool {
        guard label == .person, (a...b).allSatisfy({ info[$0].capitalised && !on(.surnameOrGiven, $0) }) else {
            return false
        }
        let before = key(a - 1)
        return before.isOne(of: ["via", "through"]) && Self.journeyVerbs.contains(key(a - 2))
            || before.isOne(of: ["to", "from", "into", "via", "through"]) && Self.journeyVerbs.contains(key(a - 2))
            || before.isOne(of: ["via"]) && key(a - 2).isOne(of: ["lorry", "boat", "train", "bus", "plane", "car"])
    }

    /// `kept` with each person that is a journey's place (`journeyPlace`) made that place.
    func journeyPlaces(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        for k in out.indices where out[k].label == .person && !out[k].sessionName {
            guard let a = tokenIndex(startingAt: out[k].start), let b = tokenIndex(endingAt: out[k].end),
                journeyPlace(.person, a, b)
            else { continue }
            out[k].label = .location
        }
        return out
    }

    /// "Lee Harrop", "Blessing Okonkwo", "Ty Wallace": a person the rules found only by the surname, inside a
    /// labelled person run whose other words are capitalised given names or initials. The index in `out` of the one
    /// finding the run widens, or nil (the rule finding then stands as it was). Session 16: a given name that is an
    /// everyday word ("Lee", "Dean", "Blessing") was left in clear beside its redacted surname.
    func personWidenedByRun(_ label: IdentifierLabel, _ a: Int, _ b: Int, in out: [Candidate]) -> Int? {
        guard label == .person, b > a else { return nil }
        let start = info[a].start
        let end = info[b].end
        let touching = out.indices.filter { out[$0].start < end && start < out[$0].end }
        guard touching.count == 1, let k = touching.first, out[k].label == .person, start <= out[k].start,
            out[k].end <= end, out[k].start != start || out[k].end != end,
            let fa = tokenIndex(startingAt: out[k].start), let fb = tokenIndex(endingAt: out[k].end)
        else { return nil }
        let added = Array(a..<fa) + Array((fb + 1)..<(b + 1))
        let names = added.allSatisfy { i in
            guard info[i].kind == .word, !notAName(i), !quiet[i] else { return false }
            // An initial ("K Morgan"), or a capitalised given name ("Lee", "Blessing").
            return info[i].length == 1 && (info[i].capitalised || info[i].allCaps)
                || info[i].capitalised && given(i)
        }
        return names ? k : nil
    }

    /// "sixteen, Gurjeet, and he was…", "out to Nanny Price", "Mr Brathwaite stated": a place the rules found on a
    /// word on no list (set off by commas after an age, or shaped like a place name), or on a title or a relation
    /// and a name, that a labelled person run covers exactly. The index in `out` of that place, or nil. Session 17:
    /// a person called a place is redacted either way, but the reviewer read "LOCATION" for a child's name, and
    /// the development corpora counted a miss and a false alarm each time (a listed or place-shaped word stays a
    /// place: "Cawthorne", "Hathershaw").
    func placeThatIsAPerson(_ label: IdentifierLabel, _ a: Int, _ b: Int, in out: [Candidate]) -> Int? {
        guard label == .person, let k = out.firstIndex(where: { $0.start == info[a].start && $0.end == info[b].end }),
            out[k].label == .location, !out[k].sessionName
        else { return nil }
        if b == a + 1, inSet(.titles, a) || inSet(.relations, a), info[b].capitalised, !on(.town, b) {
            return k
        }
        guard a == b, info[a].capitalised, !info[a].allCaps, onNoList(a), !Self.placeShaped(key(a)),
            !quiet[a]
        else { return nil }
        return k
    }

    /// The rules' own checks for a run of tokens `a...b` labelled `label`.
    func labellerRunPasses(_ label: IdentifierLabel, _ a: Int, _ b: Int) -> Bool {
        if (a...b).contains(where: { quiet[$0] }) { return false }
        switch label {
        case .age:
            // An age is a number of years a person could be, in digits or words, and belongs to somebody: not
            // "a 14 year old shouldn't…", not a range ("15-17", "17 -> 18").
            let isAge = (a...b).contains { i in
                if let v = ages[i] { return v <= 110 }
                if info[i].kind == .number, let v = Int(tokens[i].key) { return v <= 110 }
                return numberWord(i) != nil
            }
            guard isAge, !isGenericAge(Candidate(label: .age, start: info[a].start, end: info[b].end)),
                !quietAge(a, b)
            else {
                return false
            }
            if key(b + 1).equals("and"), key(b + 2).isOne(of: ["over", "under", "above", "below"]) { return false }
            if key(b + 1).equals("+") || key(a - 1).isOne(of: ["over", "under"]) { return false }
            // "HOME BY 9", "out till 11": a time of day, not an age.
            if a == b, key(a - 1).isOne(of: ["by", "till", "until", "til", "past"]), let v = Int(tokens[a].key), v <= 12
            {
                return false
            }
            // "12 sessions", "10 mins": a count of things, not years (but "14 is", "15 was").
            if let n = tok(b + 1), n.kind == .word, n.key.hasSuffix("s"), n.key.count >= 3,
                !n.key.isOne(of: ["is", "was", "has", "his", "this", "yrs", "yo"])
            {
                return false
            }
            return !inRange(before: a) && !inRange(after: b)
        default:
            // A name, place or organisation has a word that is not an everyday non-name word, and is not only a big
            // city, county or nation (quiet when used generally) or a town named for its public inquiry.
            let words = (a...b).filter { info[$0].kind != .punct && info[$0].kind != .number }
            guard words.contains(where: { !notAName($0) }) else { return false }
            if words.allSatisfy({ on(.bigPlace, $0) || Vocab.inquiryTowns.contains(key($0)) }) { return false }
            // "Great Britain", "Northern Ireland": a nation named whole.
            if words.count == 2, key(words[0]).isOne(of: ["great", "northern"]), on(.bigPlace, words[1]) {
                return false
            }
            // Letters spelled out ("C-S-E", "M-A-C-E") are an acronym, not a name.
            if words.count >= 2, words.allSatisfy({ info[$0].length == 1 }) { return false }
            // An everyday word on no name or place list ("Actions", "Café") is a name only where the text sets it
            // off as one: in an arrow chain, a slash list, quotes or brackets ("Smurf -> Bones", "Jonesy / Bones").
            // Two or more everyday words in lower case are a phrase, not a person ("big deal -> nobody listened",
            // though Deal is a town), set off or not.
            if label == .person, words.count >= 2,
                words.allSatisfy({ on(.word, $0) && !info[$0].capitalised && !info[$0].allCaps })
            {
                return false
            }
            // "RHIs", "VPNs": an acronym's plural (capitals and an "s") is a kind of thing, never one person.
            if label == .person, a == b, acronymPlural(a) { return false }
            // "our handovers from YAS": a lower-case plural of an everyday word is a thing (session 17, `wards13`).
            if label == .location || label == .person, a == b, everydayPlural(a) { return false }
            if label == .person, a == b, eponymAt(b) { return false }
            // "the Grace of it all", "the Will of the people": a word between "the" and "of" is a thing.
            if label == .person, a == b, key(a - 1).equals("the"), key(b + 1).equals("of"), on(.word, a) {
                return false
            }
            if words.allSatisfy({ on(.word, $0) && !on(Self.nameOrPlaceLists, $0) }) {
                return setOff(before: a) || setOff(after: b)
            }
            return true
        }
    }

    /// Token `i` is capitals with a lower-case plural "s" after them ("RHIs", "GPs", "VPNs").
    func acronymPlural(_ i: Int) -> Bool {
        let scalars = tokens[i].text.unicodeScalars
        guard scalars.count >= 3, scalars.last == "s" else { return false }
        return scalars.dropLast().allSatisfy { $0.properties.isUppercase }
    }

    static let nameOrPlaceLists = Gazetteer.Lists.given.union(.surname).union(.ambiguous).union(.town).union(.bigPlace)

    /// An arrow, slash, quote or bracket stands just before token `i`.
    func setOff(before i: Int) -> Bool {
        guard let p = at(i - 1), p.kind == .punct else { return false }
        return p.isPunct(">→/\"“‘'(")
    }

    /// An arrow, slash, quote or bracket stands just after token `i`.
    func setOff(after i: Int) -> Bool {
        guard let n = at(i + 1), n.kind == .punct else { return false }
        if n.isPunct("-"), key(i + 2).equals(">") { return true }
        return n.isPunct("→/\"”’')")
    }

    /// An age belongs to somebody named or described shortly before it in the same sentence: a person found
    /// already, a relation ("nan … is 71"), a person noun ("the boy I mentioned is 14"), a sibling's place
    /// ("eldest 16"), or the word age itself ("ages 9, 12, 14").
    static let numberedThings = Vocab.set(
        "address flat house no number room bus year yr ward bed tel route door unit block floor page")

    func ageHasOwner(_ a: Int, found: [Candidate]) -> Bool {
        var j = a - 1
        let from = a - 8
        while j >= 0, j >= from {
            let t = tokens[j]
            if t.isPunct(".!?") { break }
            // A number that belongs to a thing nearer than any person: "mum's address - 14 - Mercer Street".
            if Self.numberedThings.contains(t.key) { return false }
            if inSet(.relations, j) || inSet(.personNouns, j) || inSet(.singlePersonNouns, j) || inSet(.siblingOrder, j)
                || t.key.isOne(of: ["age", "ages", "aged"])
            {
                return true
            }
            if found.contains(where: { $0.label == .person && $0.start <= t.start && t.end <= $0.end }) { return true }
            if t.lineStart { break }
            j -= 1
        }
        return false
    }

    /// Token `i` is the second end of a range of numbers: "15-17", "17 -> 18", "ten to twenty-five" (not a list of
    /// ages, "9, 12, 14", nor a second guess, "14 or 15": those are ages of people).
    func inRange(before i: Int) -> Bool {
        var j = i - 1
        guard j >= 0, ["-", "–", "—", "→", ">", "to"].contains(key(j)) else { return false }
        if key(j).equals(">"), key(j - 1).equals("-") { j -= 1 }
        return ageOrNumber(j - 1)
    }

    /// Token `i` is the first end of a range of numbers (above).
    func inRange(after i: Int) -> Bool {
        var j = i + 1
        guard j < tokens.count, ["-", "–", "—", "→", "to"].contains(key(j)) else { return false }
        if key(j).equals("-"), key(j + 1).equals(">") { j += 1 }
        return ageOrNumber(j + 1)
    }

    /// Token `i` is a number in digits or words.
    func ageOrNumber(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        return info[i].kind == .number || numberWord(i) != nil
    }
}
