/// Ages in accounts of disputed and claimed ages (session 16, `traffic12`): what a person or a document says a
/// person's age is ("kent did merton, came out as 18", "turned out to be 14", "posed as 17", "looking twelve"), and,
/// once the text gives an age or a date of birth, the other ages said beside it ("says 15, LA said 20", "the
/// jobcentre put 21", "18 per HO, says 16", "so 16 confirmed", "15 v 20", "14 not 15"); the youngest or oldest's
/// age ("the youngest one i had this yr was 11", "youngest this yr: 11"); an age in words after "at" ("at fifteen,
/// with a travel warrant"; not "they get a flat at eighteen"); an age said alone as an answer opening a turn ("P6:
/// Twelve.", "P4: Thirteen now"; not "10. Faith leaders").
/// Each rule has a quiet twin in `AgesInAccountsTests`: "said 20 minutes", "put 21 in the box", "at ten",
/// "the youngest is 3 weeks", "P7: 19 months".
extension ScanContext {
    /// Words straight before an age that give it as a claim, a record or a correction; they need the text to give an
    /// age or a date of birth elsewhere, or a found name right before them ("Nowak said 16").
    static let claimedAgeCues = Vocab.set(
        "says said say claims claimed claiming put puts assessed confirms confirmed believed believes thinks actually")
    /// Words that join a second age to one found just before ("15 v 20", "14 not 15", "17 -> 18").
    static let ageContrasts = Vocab.set("v vs versus not")
    /// Words that make a sentence about its youngest or oldest person ("the youngest one … was 11").
    static let extremeAgeWords = Vocab.set("youngest oldest eldest")
    /// What may follow an age given as a claim ("18 per HO", "16 confirmed", "sixteen, yes, or eighteen, depending").
    static let claimFollowers = Vocab.set("per confirmed actually now and but so depending according when")

    /// A yes said as its own sentence before an answer ("P5: yep. fourteen").
    static let answerYeses = Vocab.set("yep yeah yes yh yeh aye oh")

    /// The rules of this file; they read the ages and dates of birth found so far.
    mutating func findAgesInAccounts() {
        // Strong shapes first: they give the text its age for the claims read after them.
        for i in tokens.indices where !covered(i) {
            guard let v = ageValue(i), (8...30).contains(v), info[i].kind == .number || numberWord(i) != nil else {
                continue
            }
            let e = ageEnd(i)
            // Session 17 (`asylum13`): "now 16 per LA": the age an authority now gives ("per" before a body, no
            // count: not "now 16 per month").
            let nowPer =
                key(i - 1).equals("now") && key(e + 1).equals("per")
                && at(e + 2).map { $0.capitalised || $0.allCaps } == true
            // "had him down as 23 on the initial decision": a record's age, then where it was recorded.
            guard claimClosed(after: e) || nowPer || key(e + 1).isOne(of: ["on", "in"]) && assessedAt(i, v) else {
                continue
            }
            if strongAgeCueEnds(at: i - 1) || extremeAgeBefore(i) || atAgeInWords(i, v) || answerAge(i, v)
                || setOffAfterName(i, v) || nowPer || assessedAt(i, v)
            {
                add(.age, tokens: i, e)
            }
        }
        guard candidates.contains(where: { $0.label == .age || $0.label == .dateOfBirth }) else { return }
        for i in tokens.indices where !covered(i) {
            guard let v = ageValue(i), (10...30).contains(v), info[i].kind == .number || numberWord(i) != nil else {
                continue
            }
            let e = ageEnd(i)
            // "18 per HO", "16 confirmed": the claim's word after the age.
            let after =
                key(e + 1).equals("per") && at(e + 2).map { $0.capitalised || $0.allCaps } == true
                || key(e + 1).equals("confirmed")
            guard after || claimClosed(after: e) else { continue }
            let cue =
                Self.claimedAgeCues.contains(key(i - 1))
                || key(i - 1).equals("as") && key(i - 2).isOne(of: ["put", "down", "assessed", "recorded"])
            // Session 17 (`asylum13`): "Gul 15 (HO: 19)": the age a body gives, in brackets after its name.
            let bodySays =
                key(i - 1).equals(":") && at(i - 2)?.allCaps == true
                && key(i - 3).equals("(") && key(e + 1).equals(")")
            let contrast =
                (Self.ageContrasts.contains(key(i - 1)) || key(i - 1).equals(">") && key(i - 2).equals("-"))
                && (i - 4..<i - 1).contains { k in k >= 0 && ageEndsAt(k) }
            if cue || contrast || after || bodySays {
                add(.age, tokens: i, e)
            }
        }
    }

    /// The age ending at token `e` is not a count or a measure and ends its clause or leads into a claim's words.
    func claimClosed(after e: Int) -> Bool {
        if countedAfter(e) || !notAMeasure(e + 1) { return false }
        if ageBreak(after: e) { return true }
        return Self.claimFollowers.contains(key(e + 1))
    }

    /// An age found ends at token `k`.
    func ageEndsAt(_ k: Int) -> Bool {
        guard let t = at(k) else { return false }
        return candidates.contains { $0.label == .age && $0.end == t.end }
    }

    /// "came out as", "turned out to be", "posed as", "passing as", "pretending to be", "looked about", "looking",
    /// "looks like": words that give what a person was found or made out to be, ending at token `p`.
    func strongAgeCueEnds(at p: Int) -> Bool {
        let k = key(p)
        if k.equals("looking") || k.equals("looked") && !key(p - 1).equals("i") { return true }
        if k.isOne(of: ["about", "like"]) { return key(p - 1).isOne(of: ["looked", "looks", "looking"]) }
        if k.equals("as") {
            if key(p - 1).equals("out") { return key(p - 2).isOne(of: ["came", "come", "comes", "coming"]) }
            return key(p - 1).isOne(of: ["posed", "posing", "passing", "passed", "presenting"])
        }
        if k.equals("be") {
            if key(p - 1).equals("to"), key(p - 2).isOne(of: ["out", "pretending", "pretended", "claiming"]) {
                return !key(p - 2).equals("out") || key(p - 3).isOne(of: ["turned", "turns", "turn"])
            }
        }
        return false
    }

    /// Session 17 (`asylum13`): what an age assessment, a court or an authority found or recorded a person to be:
    /// "assessed as 17", "court found her to be 16", "had him down as 23", "the Home Office had him at twenty-five",
    /// "we concluded sixteen". Quiet: "assessed as 3 on the scale" (under 10), "had him at 11" (a time: an age
    /// after "had him at" from 13), "concluded 16 cases" (a count: `claimClosed`).
    func assessedAt(_ i: Int, _ v: Int) -> Bool {
        let p = i - 1
        let k = key(p)
        let person = { (j: Int) in self.key(j).isOne(of: ["him", "her", "them", "he", "she", "they"]) }
        if k.equals("as") {
            if key(p - 1).isOne(of: ["assessed", "assessing", "reassessed", "age-assessed"]) { return v >= 10 }
            // "had him down as 23", "put her down as 19".
            return key(p - 1).equals("down") && person(p - 2) && v >= 10
        }
        if k.equals("at"), person(p - 1), key(p - 2).isOne(of: ["had", "has", "have", "put", "puts", "assessed"]) {
            return v >= 13
        }
        if k.equals("be"), key(p - 1).equals("to"), person(p - 2),
            key(p - 3).isOne(of: ["found", "find", "finds", "assessed", "deemed", "judged", "believed", "considered"])
        {
            return v >= 10
        }
        return k.equals("concluded") && v >= 10
    }

    /// Token `i` follows "was", "is", ":", "=" or "had a" in a sentence that speaks of its youngest or oldest person
    /// within twelve tokens before.
    func extremeAgeBefore(_ i: Int) -> Bool {
        let p = i - 1
        guard key(p).isOne(of: ["was", "is", ":", "=", "a"]) else { return false }
        if key(p).equals("a"), !key(p - 1).isOne(of: ["had", "have", "got"]) { return false }
        var k = p - 1
        while k >= 0, k >= i - 13 {
            if info[k].isPunct(".!?;") { return false }
            if Self.extremeAgeWords.contains(key(k)) { return true }
            k -= 1
        }
        return false
    }

    /// "Yasir, Sudanese, seventeen,", "Quang, yes, twenty,", "Faith O., 17,": an age set off by commas after a
    /// person's name, with one word (a yes, a nationality) or an initial between. Quiet: "Kai, 14 Mercer Street".
    func setOffAfterName(_ i: Int, _ v: Int) -> Bool {
        let e = ageEnd(i)
        let closing = at(e + 1).map { $0.isPunct(",.;") } ?? true
        guard key(i - 1).equals(","), ageBreak(after: e), closing else { return false }
        guard info[i].kind == .word ? (10...30).contains(v) : (1...25).contains(v) else { return false }
        var b = i - 2
        if let t = at(b), t.kind == .word, t.capitalised || Self.answerYeses.contains(key(b)), key(b - 1).equals(","),
            !personEndsAt(b), !(given(b) && !ambiguous(b))
        {
            b -= 2
        }
        // "Faith O.": a name and its initial.
        if key(b).equals("."), let c = at(b - 1), c.length == 1, c.capitalised { b -= 2 }
        guard let t = at(b), t.kind == .word else { return false }
        return personEndsAt(b) || t.capitalised && personish(b)
    }

    /// "at fifteen, with a travel warrant": an age of 13–19 said in words after "at" (never a time of day).
    /// Quiet when the sentence speaks of many ("they get their first flat at eighteen", "we get them at fifteen").
    func atAgeInWords(_ i: Int, _ v: Int) -> Bool {
        guard numberWord(i) != nil, (13...19).contains(v), key(i - 1).equals("at"), ageEnd(i) == i else { return false }
        var k = i - 2
        while k >= 0, !info[k].isPunct(".!?;") {
            if Self.manyWords.contains(key(k)) || inSet(.pluralPersonNouns, k) { return false }
            k -= 1
        }
        return true
    }

    /// Words for many people, whose sentence gives a group's age ("they", "them").
    static let manyWords = Vocab.set("they them their theyre we us ages")

    /// "P6: Twelve.", "P4: Thirteen now, I think", "P5: yep. fourteen", "P4: 10": an age of 10–19 said alone as the
    /// first sentence of a turn (after the speaker's code and a yes), closed by the text's end, a stop, a question mark
    /// or "now". Quiet: "P7: 19 months", "P2: 5".
    func answerAge(_ i: Int, _ v: Int) -> Bool {
        guard (10...19).contains(v) else { return false }
        let e = ageEnd(i)
        if let n = at(e + 1) {
            guard n.isPunct(".?!") || key(e + 1).equals("now") && (at(e + 2).map { $0.isPunct(",.?!") } ?? true) else {
                return false
            }
            if n.isPunct("."), !fullStop(e + 1) { return false }
        }
        var p = i - 1
        while p >= 0, info[p].isPunct("\"“'‘") { p -= 1 }
        // A yes before it, as its own sentence ("yep.").
        if p >= 1, info[p].isPunct("."), Self.answerYeses.contains(key(p - 1)) { p -= 2 }
        // At the text's start, a number in digits is an item's ("10. Faith leaders") unless it is all there is.
        if p < 0 { return info[i].kind == .word || e + 2 >= tokens.count }
        // The speaker's code ("P6:").
        guard info[p].isPunct(":"), p == 1, info[0].kind == .alnum, key(0).hasPrefix("p") else { return false }
        return true
    }
}
