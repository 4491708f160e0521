/// Ages beside the words a story or a note uses for a person who is not named (session 15): "volunteer 17 supplying",
/// "driver 19,", "the victim was 13", "young person 16 with cash", "middle one 16 on a referral order"; two
/// children's ages given together ("kids were 8 and 9", "the girls were twelve, thirteen"); an age a speaker
/// corrects ("chloe 15 btw not 16", "callum is 19 not 20"); an age after a name and an initial ("Billy H 11 –"); and an
/// age beside a date of birth with no cue ("Ty Wallace 17 22.11.2006", "DOB 14.02.2012 12 –"). Each rule has a twin
/// that stays quiet: designations ("victim 1", "witness 2"), durations ("driver 30 minutes late"), counts ("kids 10
/// and 12 sessions") and a group's band.
extension ScanContext {
    /// Words for one person a note gives an age after, beyond `agedRelations`: roles in a story.
    static let rolesAged = Vocab.set(
        """
        volunteer victim driver passenger suspect offender perpetrator perp witness neighbour lodger tenant landlord
        friend mate stranger dealer groomer abuser runner associate
        """)

    /// Words after a corrected age that leave the sentence going ("15 btw not 16", "19 not 20 fyi").
    static let correctionAsides = Vocab.set("btw actually tho though sorry sry fyi")

    /// Token `j` is not what a number counts or measures: a unit, a counted noun, a time word or a symbol.
    func notAMeasure(_ j: Int) -> Bool {
        guard let t = tok(j) else { return true }
        if t.kind == .punct { return !t.isPunct(":/%.") || ageBreak(after: j - 1) }
        if Self.ageUnits.contains(t.key) || Self.countedNouns.contains(t.key) { return false }
        return !t.key.isOne(of: [
            "minutes", "mins", "min", "hours", "hrs", "hour", "miles", "mph", "quid", "pounds", "times",
        ])
    }

    /// The rules above, after session 7's (`findAgesInNotes`): they read the people and ages found so far.
    mutating func findAgesBesideRolesAndLists() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .number || info[i].kind == .word, let v = ageValue(i), !covered(i) else { continue }
            let digits = info[i].kind == .number
            let e = ageEnd(i)
            let closed = ageBreak(after: e)
            let role = Self.rolesAged.contains(key(i - 1))
            let onward = noteActivity(e + 1) || key(e + 1).isOne(of: ["with", "on", "in", "at", "from", "and"])
            // "volunteer 17 supplying vapes", "driver 19, passenger Abdi": a role and a teenager's or adult's age.
            if digits, role, (12...70).contains(v), closed || onward && notAMeasure(e + 1) {
                add(.age, tokens: i, e)
                i = e
                continue
            }
            // "older sister Ayaan 20 does most of the care": a found name, an age, what the person does.
            if digits, (10...99).contains(v), personEndsAt(i - 1), noteActivity(e + 1) {
                add(.age, tokens: i, e)
                i = e
                continue
            }
            // "young person 16 with cash", "middle one 16 on a referral order", "the eldest 17 - at college".
            let youngPerson = key(i - 1).equals("person") && key(i - 2).equals("young")
            let orderOne = key(i - 1).equals("one") && inSet(.siblingOrder, i - 2)
            if digits, youngPerson || orderOne, (8...25).contains(v), closed || onward && notAMeasure(e + 1) {
                add(.age, tokens: i, e)
                i = e
                continue
            }
            // "the victim was 13,", "driver is 19.": a role, "is" or "was", an age closing the clause.
            if key(i - 1).isOne(of: ["is", "was"]), Self.rolesAged.contains(key(i - 2)) || youngPersonAt(i - 2),
                (10...70).contains(v), closed
            {
                add(.age, tokens: i, e)
                i = e
                continue
            }
            // "Billy H 11 – burns": a given name, an initial, an age closed.
            if digits, (1...25).contains(v), closed, let t = tok(i - 1), t.kind == .word, t.length == 1,
                t.text != "I", t.capitalised, info[i - 1].spaceBefore, given(i - 2) || personEndsAt(i - 2)
            {
                add(.age, tokens: i, e)
                i = e
                continue
            }
            // "Ty Wallace 17 22.11.2006": a person, an age and straight after it a date whose year fits the age.
            if digits, (1...25).contains(v), e == i, personEndsAt(i - 1) || personish(i - 1),
                let d = birthDateFitting(after: i, v)
            {
                add(.age, tokens: i, e)
                add(.dateOfBirth, tokens: i + 1, d)
                i = d
                continue
            }
            // "kids were 8 and 9", "kids 10 and 12 in the…", "the girls were twelve, thirteen".
            // Not "these kids are fifteen, sixteen": what children of an age are like is said of anyone.
            // Session 18: a question about one person's age, "is he 11 or 12 now?", "was she 14?".
            if key(i - 1).isOne(of: ["he", "she"]), key(i - 2).isOne(of: ["is", "was"]), (1...25).contains(v) {
                var f = e
                if key(e + 1).equals("or"), let w = ageValue(e + 2), (1...25).contains(w),
                    (info[e + 2].kind == .number) == digits
                {
                    f = ageEnd(e + 2)
                }
                if key(f + 1).isOne(of: ["?", "now", "then", "yet"]) || ageBreak(after: f) && key(f + 1).equals("?") {
                    add(.age, tokens: i, e)
                    if f != e, !covered(e + 2) { add(.age, tokens: e + 2, f) }
                    i = f
                    continue
                }
            }
            // Session 18: "the boys are 13 and 15", "kids working for him who are twelve, thirteen", and three or
            // more ("girls were 13, 13 and 14": two of one age in a longer list).
            let plural = pluralSubject(before: i)
            var items = [(i, e)]
            while items.count < 5, let last = items.last, key(last.1 + 1).isOne(of: ["and", "&", ","]),
                let w = ageValue(last.1 + 2), (1...21).contains(w), (info[last.1 + 2].kind == .number) == digits,
                !covered(last.1 + 2) || ageFoundAt(last.1 + 2)
            {
                items.append((last.1 + 2, ageEnd(last.1 + 2)))
            }
            let values = items.compactMap { ageValue($0.0) }
            if plural >= 0, !key(plural - 1).isOne(of: ["these", "those", "all", "most", "some", "many", "our"]),
                (1...21).contains(v), items.count >= 3 || items.count == 2 && values[0] != values[1]
            {
                let f = items.last!.1
                if ageBreak(after: f)
                    || key(f + 1).isOne(of: ["in", "at", "from", "with", "both"]) && notAMeasure(f + 2)
                {
                    for (a, b) in items where !covered(a) || a == i { add(.age, tokens: a, b) }
                    i = f
                    continue
                }
            }
        }
        findCorrectedAgesAndBirthDates()
    }

    /// The plural people noun whose ages start at token `i` ("kids 8 and 9", "the girls were", "the boys are", "kids
    /// working for him who are"), or -1.
    func pluralSubject(before i: Int) -> Int {
        if inSet(.pluralPersonNouns, i - 1) { return i - 1 }
        if inSet(.pluralPersonNouns, i - 2), key(i - 1).isOne(of: ["were", "aged", "are"]) { return i - 2 }
        if key(i - 1).isOne(of: ["are", "were"]), key(i - 2).equals("who"),
            (i - 7...i - 3).contains(where: { inSet(.pluralPersonNouns, $0) })
        {
            return i - 2
        }
        return -1
    }

    /// An age is already found at token `j` ("10 at the time" of "were 7 and 10 at the time").
    func ageFoundAt(_ j: Int) -> Bool {
        guard let t = at(j) else { return false }
        return candidates.contains { $0.label == .age && $0.start == t.start }
    }

    /// Tokens `p-1...p` are "young person".
    func youngPersonAt(_ p: Int) -> Bool { key(p).equals("person") && key(p - 1).equals("young") }

    /// Beside an age already found: the age it corrects ("chloe 15 btw not 16", "19 not 20 fyi"), a date of birth
    /// after it with no cue whose year fits the age ("Ty Wallace 17 22.11.2006"); and an age after a date of birth
    /// ("DOB 14.02.2012 12 –").
    mutating func findCorrectedAgesAndBirthDates() {
        let marks = candidates.filter { $0.label == .age || $0.label == .dateOfBirth }
        for c in marks {
            guard let b = tokenIndex(endingAt: c.end) else { continue }
            if c.label == .dateOfBirth {
                if let v = ageValue(b + 1), info[b + 1].kind == .number, (1...25).contains(v), !covered(b + 1),
                    ageBreak(after: ageEnd(b + 1))
                {
                    add(.age, tokens: b + 1, ageEnd(b + 1))
                }
                continue
            }
            guard let v = ageValue(b) else { continue }
            var j = b + 1
            if Self.correctionAsides.contains(key(j)) { j += 1 }
            if key(j).equals("not"), let w = ageValue(j + 1), w != v, abs(w - v) <= 3, !covered(j + 1),
                ageBreak(after: ageEnd(j + 1)) || Self.correctionAsides.contains(key(ageEnd(j + 1) + 1))
                    || key(ageEnd(j + 1) + 1).isOne(of: ["like", "as"])
            {
                add(.age, tokens: j + 1, ageEnd(j + 1))
                continue
            }
            // A whole date straight after the age, its year the age's birth year in a plausible present.
            if let d = birthDateFitting(after: b, v) { add(.dateOfBirth, tokens: b + 1, d) }
        }
    }

    /// A whole date straight after token `b` (an age `v`), its year `v` years before a plausible present: its last
    /// token.
    func birthDateFitting(after b: Int, _ v: Int) -> Int? {
        guard at(b + 1)?.kind == .number, !covered(b + 1), let d = dateExpression(at: b + 1, allowYearAlone: false),
            d - (b + 1) >= 2, hasYear(b + 1, d), let year = birthYear(b + 1, d), (2016...2035).contains(year + v)
        else { return nil }
        return d
    }

    /// The four-digit year (or a two-digit one read as 20xx) ending the date at `a...d`.
    func birthYear(_ a: Int, _ d: Int) -> Int? {
        guard info[d].kind == .number, let y = Int(tokens[d].text) else { return nil }
        if info[d].length == 4 { return y }
        return info[d].length == 2 ? 2000 + y : nil
    }
}
