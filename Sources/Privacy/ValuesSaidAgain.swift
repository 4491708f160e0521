/// Values said again: once one age, reference or handle is found, the same person's next age, the next log number
/// or the second account in the same breath is the same kind of identifier, though it carries no cue of its own.
/// Spoken accounts correct themselves ("thirteen at the time, no sorry fourteen"), move on in time ("fifteen when I
/// got her, sixteen by the time it went to court") and list ("logs 2207, 2299, 2314"); a rule that reads each
/// number alone misses every one after the first.
extension ScanContext {
    /// Words that correct what was just said ("no sorry", "actually", "I mean", "correction").
    static let ageCorrectionWords = Vocab.set("no sorry actually correction mean wait nah oops scratch")

    /// Words after a later age that place it in time ("sixteen by the time", "fifteen now", "sixteen this March").
    static let laterAgeCues = Vocab.set("now by this next when then later today nowadays")

    /// Words after an age said twice that leave it a guess ("seventy-three I think", "forty-two maybe").
    static let guessAfterAge = Vocab.set("maybe perhaps probably possibly tops ish")

    /// People whose age a story gives with "was" ("the perpetrator was nineteen").
    static let agedStoryPeople = Vocab.set(
        """
        perpetrator perp offender suspect abuser groomer driver boyfriend girlfriend partner stepdad stepmum dad mum
        father mother grandad grandma nan uncle aunt auntie brother sister cousin victim lad girl boy man woman
        """)

    /// Plural and short cues for case numbers that the cue list leaves out ("logs 2207, 2299").
    static let pluralCaseCues = Vocab.set("logs refs cads crns urns incidents")

    /// Runs the rules of this file, after every other rule has had its say.
    mutating func findValuesSaidAgain() {
        findAgesSaidAgain()
        findCaseRefsSaidAgain()
        findHandlesSaidAgain()
    }

    // MARK: Ages

    mutating func findAgesSaidAgain() {
        findAgesOfStoryPeople()
        findShorthandAges()
        // In text order, so a third age said after a second one found here is found too.
        var k = 0
        while k < candidates.count {
            defer { k += 1 }
            let c = candidates[k]
            guard c.label == .age, let b = tokenIndex(endingAt: c.end) else { continue }
            // "twenty-six" ends on "six": its value is read from its first token.
            let first = tokens.firstIndex { $0.start == c.start }.flatMap { ageEnd($0) == b ? ageValue($0) : nil }
            let v = first ?? ageValue(b) ?? roughDecade(endingAt: b)
            guard let v, let (j, e) = ageSaidAgain(after: b, v) else { continue }
            add(.age, tokens: j, e)
        }
    }

    /// "seventy-odd": a decade said roughly, ending at `b`; its value.
    func roughDecade(endingAt b: Int) -> Int? {
        guard key(b).equals("odd"), key(b - 1).equals("-"), joined(b), joined(b - 1), let v = numberWord(b - 2),
            v >= 20,
            v % 10 == 0
        else { return nil }
        return v
    }

    /// The age said again after one ending at `b` (value `v`), in the same sentence: corrected ("…, no sorry
    /// fourteen"), said twice or guessed ("80, eighty", "seventy-odd, seventy-three I think") or later in time
    /// ("fifteen when I got her, sixteen by the time…", "15 at allocation, 16 by court"); its first and last tokens.
    func ageSaidAgain(after b: Int, _ v: Int) -> (Int, Int)? {
        var j = b + 1
        var sawComma = false
        var sawCorrection = false
        var words = 0
        while j < tokens.count, j <= b + 9 {
            let t = tokens[j]
            if t.isPunct(".!?;:()[]\"") || t.lineStart || tabBefore(j) { return nil }
            if t.isPunct(",") {
                sawComma = true
            } else if Self.ageCorrectionWords.contains(t.key) || t.key.equals("i") && key(j + 1).equals("mean") {
                sawCorrection = true
            } else if let w = ageValue(j), t.kind == .number || numberWord(j) != nil {
                let e = ageEnd(j)
                guard !covered(j), abs(w - v) <= 10, !countFollows(e) else { return nil }
                // "… no sorry fourteen", "… actually 24": a correction names the right age.
                if sawCorrection { return (j, e) }
                guard key(j - 1).equals(",") else { return nil }
                // "sixteen by the time", "seventeen now": later, never younger.
                if w >= v, Self.laterAgeCues.contains(key(e + 1)) { return (j, e) }
                // "Sixteen, yeah, seventeen in June": the next birthday's month.
                if w == v + 1, key(e + 1).equals("in"), Vocab.months.contains(key(e + 2)) { return (j, e) }
                // "about twenty-six, twenty-seven.": a guess said as two years side by side.
                if words == 0, w == v + 1, ageBreak(after: e) { return (j, e) }
                // "80, eighty,", "seventy-three I think": said straight after, the same or a near guess.
                if words == 0, abs(w - v) <= 3,
                    w == v && ageBreak(after: e) || Self.guessAfterAge.contains(key(e + 1)) || asideAfter(e)
                {
                    return (j, e)
                }
                return nil
            } else if t.kind == .number || t.kind == .alnum {
                return nil
            } else {
                words += 1
                // Only a short clause may stand between ("when I got her", "at allocation").
                if words > 5 || !sawComma && words > 4 { return nil }
            }
            j += 1
        }
        return nil
    }

    /// A unit or a counted noun follows the number ending at `e`: a count, a time or a sum, not an age.
    func countFollows(_ e: Int) -> Bool {
        guard let n = tok(e + 1), !n.isPunct(",.;!?") else { return false }
        if key(e + 1).equals("years") || key(e + 1).equals("yrs") { return !key(e + 2).equals("old") }
        return Self.ageUnits.contains(n.key) || Self.countedNouns.contains(n.key)
    }

    /// "the perpetrator was nineteen, a lad called Kai", "Mrs Hussain was seventy-odd": the age a story gives a
    /// person it names by a noun or a found name, with "was" or "is" and nothing after but a break.
    mutating func findAgesOfStoryPeople() {
        for i in tokens.indices where key(i).isOne(of: ["was", "is"]) {
            let subject = i - 1
            let named = personEndsAt(subject)
            guard named || Self.agedStoryPeople.contains(key(subject)) && Self.determiners.contains(key(subject - 1))
            else { continue }
            let j = skipAgeFillers(i + 1)
            guard j < tokens.count, !covered(j) else { continue }
            if let v = numberWord(j), v >= 20, v % 10 == 0, key(j + 1).equals("-"), key(j + 2).equals("odd"),
                joined(j + 1),
                joined(j + 2), ageBreak(after: j + 2)
            {
                add(.age, tokens: j, j + 2)
                continue
            }
            // A found name's plain age is other rules' work; only nouns here.
            guard !named, let v = ageValue(j), (1...99).contains(v), info[j].kind == .number || numberWord(j) != nil
            else { continue }
            let e = ageEnd(j)
            guard ageBreak(after: e) || key(e + 1).equals("and") && !countFollows(e) else { continue }
            add(.age, tokens: j, e)
        }
    }

    /// Shorthand: "eldest 18", "youngest is 9", "Riley ~8", "Blakey ~41/42"; and "ages as above - 16/14/11/8", a
    /// slashed list of ages that is no reference.
    mutating func findShorthandAges() {
        for i in tokens.indices {
            let k = key(i)
            if k.isOne(of: ["eldest", "youngest", "oldest"]) {
                var j = i + 1
                if key(j).isOne(of: ["is", "was", "one", ":", "-"]) { j += 1 }
                guard let v = ageValue(j), info[j].kind == .number, v <= 60, !covered(j), ageBreak(after: j) else {
                    continue
                }
                add(.age, tokens: j, j)
            } else if k.equals("~"), personEndsAt(i - 1) || personEndsAt(i - 2) && key(i - 1).equals("(") {
                guard let n = at(i + 1), n.kind == .number, !n.spaceBefore, let v = ageValue(i + 1), v <= 110,
                    !covered(i + 1)
                else { continue }
                var e = i + 1
                if key(e + 1).equals("/"), joined(e + 1), joined(e + 2), at(e + 2)?.kind == .number,
                    let w = ageValue(e + 2), abs(w - v) <= 3
                {
                    e += 2
                }
                add(.age, tokens: i + 1, e)
            } else if k.equals("ages") {
                agesListedBySlash(after: i)
            }
        }
    }

    /// "ages as above - 16/14/11/8": the slashed list a few words after "ages", each part an age, taken from a
    /// case reference if one claimed it.
    mutating func agesListedBySlash(after i: Int) {
        var j = i + 1
        while j < i + 5, let t = tok(j), t.kind != .number {
            if t.isPunct(".;!?") { return }
            j += 1
        }
        var parts: [Int] = []
        var e = j
        while let t = at(e), t.kind == .number, let v = ageValue(e), v <= 25, t.digits <= 2 {
            parts.append(e)
            guard key(e + 1).equals("/"), joined(e + 1), joined(e + 2) else { break }
            e += 2
        }
        guard parts.count >= 3, let last = parts.last else { return }
        let start = info[parts[0]].start
        let end = info[last].end
        candidates.removeAll { $0.label == .caseRef && $0.start < end && start < $0.end }
        guard !parts.contains(where: covered) else { return }
        for p in parts { add(.age, tokens: p, p) }
    }

    // MARK: Case references

    mutating func findCaseRefsSaidAgain() {
        // The cue first (a bit, or a gated set), then what follows it.
        for i in tokens.indices where inSet(.caseCues, i) || onGated(.pluralCaseCues, i) {
            if at(i + 1)?.kind == .number || Vocab.caseFillers.contains(key(i + 1)) { spacedCaseRef(after: i) }
        }
        for i in tokens.indices where info[i].kind == .word && keys[i].equals("slash") { spokenSlashRef(around: i) }
        var k = 0
        while k < candidates.count {
            defer { k += 1 }
            let c = candidates[k]
            guard c.label == .caseRef, let a = tokenIndex(startingAt: c.start), let b = tokenIndex(endingAt: c.end)
            else { continue }
            // "Refs: 13/48211/24, 24/0931": a reference with a separator listed after one found (session 17).
            if a < b {
                if let j = slashedRefListed(after: b) { add(.caseRef, tokens: j.0, j.1) }
                continue
            }
            guard info[a].kind == .number, info[a].digits >= 3 else { continue }
            if let j = refSaidAgain(after: b, digits: info[a].digits) { add(.caseRef, tokens: j, j) }
        }
    }

    /// The reference listed straight after a found reference ending at `b`, written with a slash or hyphen inside
    /// ("13/48211/24, 24/0931"): five digits or more, no date; its first and last tokens.
    func slashedRefListed(after b: Int) -> (Int, Int)? {
        guard info[b].kind == .number || info[b].kind == .alnum else { return nil }
        var j = b + 1
        guard key(j).equals(",") || key(j).equals("&") || key(j).equals("and") else { return nil }
        j += 1
        guard let t = at(j), t.kind == .number, t.spaceBefore, !covered(j), let e = refRun(from: j), e > j,
            (j...e).contains(where: { info[$0].isPunct("/-") }), !isNumericDate(j, e)
        else { return nil }
        let digits = (j...e).reduce(0) { $0 + info[$1].digits }
        return digits >= 5 ? (j, e) : nil
    }

    /// After a cue at `i`: "police log 13 22 47", groups of digits with single spaces, read out from paperwork; and
    /// "logs 2207, …", the first number after a plural cue.
    mutating func spacedCaseRef(after i: Int) {
        var j = i + 1
        while j < i + 4, Vocab.caseFillers.contains(key(j)) { j += 1 }
        guard let first = tok(j), first.kind == .number, !covered(j) else { return }
        if Self.pluralCaseCues.contains(key(i)), j == i + 1, first.digits >= 4, !isNumericDate(j, j) {
            if !(first.digits == 4 && (first.text.hasPrefix("19") || first.text.hasPrefix("20"))) {
                add(.caseRef, tokens: j, j)
            }
            return
        }
        var e = j
        var digits = first.digits
        while let n = tok(e + 1), n.kind == .number, n.start - info[e].end == 1, (2...4).contains(n.digits),
            (2...4).contains(info[e].digits)
        {
            e += 1
            digits += n.digits
        }
        guard e > j, digits >= 5, !(j...e).contains(where: covered) else { return }
        // "a log of 10 12 15 minutes": not when a unit follows.
        if let n = tok(e + 1), Self.ageUnits.contains(n.key) || Self.countedNouns.contains(n.key),
            !n.isPunct(".,;")
        {
            return
        }
        add(.caseRef, tokens: j, e)
    }

    /// "06 slash 88213 slash 20": a reference with its slashes said as words (three parts, six digits or more).
    mutating func spokenSlashRef(around i: Int) {
        guard let a = at(i - 1), a.kind == .number, at(i + 1)?.kind == .number, key(i + 2).equals("slash"),
            at(i + 3)?.kind == .number, !covered(i - 1), !covered(i + 3)
        else { return }
        let digits = a.digits + info[i + 1].digits + info[i + 3].digits
        guard digits >= 6, !(key(i - 2).equals("slash")) else { return }
        add(.caseRef, tokens: i - 1, i + 3)
    }

    /// The next reference after one ending at `b` (a number of `digits` digits) in the same sentence: listed ("2207,
    /// 2299", "Log 2207, Log 2299, Log, um, 2314") or corrected ("CAD 2231 no sorry it was 2213"); its token.
    func refSaidAgain(after b: Int, digits: Int) -> Int? {
        var j = b + 1
        var corrected = false
        while j < tokens.count, j <= b + 7 {
            let t = tokens[j]
            if t.isPunct(".!?;") || t.lineStart { return nil }
            if t.kind == .number {
                guard abs(t.digits - digits) <= 1, !covered(j) else { return nil }
                // Listed: only separators, the cue again or a hesitation between.
                let listed = (b + 1..<j).allSatisfy {
                    info[$0].isPunct(",&/") || key($0).isOne(of: ["and", "or", "then"]) || inSet(.caseCues, $0)
                        || inSet(.hesitations, $0)
                }
                if listed && (b + 1..<j).contains(where: { !inSet(.hesitations, $0) }) || corrected {
                    if let n = tok(j + 1), Self.ageUnits.contains(n.key) && !n.isPunct(".,"), !n.isPunct("-/") {
                        return nil
                    }
                    return j
                }
                return nil
            }
            if t.kind == .alnum { return nil }
            // "log was 0491 not 0419": "not" names the right one too.
            if Self.ageCorrectionWords.contains(t.key) || t.key.equals("not") { corrected = true }
            j += 1
        }
        return nil
    }

    // MARK: Handles

    /// "chap_town_ace, … and then a second one, ace.2.times": a handle-shaped word in the same sentence as a found
    /// handle is a handle too.
    mutating func findHandlesSaidAgain() {
        let handles = candidates.filter { $0.label == .handle }
        guard !handles.isEmpty else { return }
        for h in handles {
            guard let b = tokenIndex(endingAt: h.end) else { continue }
            var j = b + 1
            while j < tokens.count, j <= b + 14 {
                if info[j].isPunct(".!?") && at(j + 1)?.spaceBefore != false || info[j].lineStart { break }
                if !covered(j), info[j].spaceBefore || at(j - 1)?.isPunct(",;/+&(") == true,
                    let e = handleShaped(at: j)
                {
                    add(.handle, tokens: j, e)
                    break
                }
                j += 1
            }
        }
    }
}
