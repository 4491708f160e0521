/// Ages in speech (session 13, `people8`): an age given as an answer or a correction ("Sixteen, yeah, seventeen in
/// June.", "Sorry, thirteen or fourteen?", "Twenty-three and she's fourteen"), a baby's age in months ("Remy,
/// eighteen months", "baby Remy 18m", "the baby's eighteen months"), an assessed age range ("the assessment said
/// sixteen to seventeen"), "they're eight" after the people named, and "Mo's 16?". Each rule has an invented example
/// and a quiet twin in `AgesInSpeechTests`.
import SessionModel

extension ScanContext {
    /// Words after "Sixteen," that make it an answer about a person, not a count ("Sixteen, yeah, …", "Fifteen,
    /// sorry, she turned…", "Sixteen, lives in…").
    static let answerFollowers = Vocab.set(
        """
        yeah yes yep yeh yh aye sorry nearly almost just turned turning lives living she he shes hes goes lived
        """)
    /// What may open a sentence before an age given as an answer ("Sorry, thirteen or fourteen?", "Yeah, sixteen.").
    static let answerOpeners = Vocab.set("sorry so wait yeah yes oh um er erm well and no hang")
    /// Words before an age range that say an age was assessed ("the assessment said sixteen to seventeen").
    static let assessmentWords = Vocab.set("assessment assessed ax assessments")
    /// Siblings spoken of together, whose age "they're" gives ("the twins, they're eight").
    static let siblingGroups = Vocab.set("twins twin sibs siblings bros brothers sisters triplets")
    /// A baby's age in months: "eighteen months", "18m", "18 mths".
    static let monthWords = Vocab.set("months month mths mth mos")

    /// The rules of this file, run before the second guesses (`findSecondAges`) and the values said again.
    mutating func findAgesInSpeech() {
        for i in tokens.indices {
            // Each shape opens with a number, a number word, a unit glued to digits or "they": asked first, since
            // `covered` reads every finding.
            let kind = info[i].kind
            guard kind == .number || kind == .alnum || numberWord(i) != nil || keys[i].equals("they"), !covered(i)
            else { continue }
            if let (a, e) = answeredAge(at: i) {
                add(.age, tokens: a, e)
            } else if let (a, e) = assessedAgeRange(at: i) {
                add(.age, tokens: a, e)
            } else if let (a, e) = monthsOld(at: i) {
                add(.age, tokens: a, e)
            } else if let a = theirAge(at: i) {
                add(.age, tokens: a, ageEnd(a))
            }
        }
        findShortNamesBeforeAges()
    }

    /// A speech age of 11–25 in words or digits at token `i`, with no count after it.
    func spokenAge(_ i: Int) -> Int? {
        guard let t = at(i), t.kind == .number && t.length <= 2 || numberWord(i) != nil, let v = ageValue(i),
            (11...25).contains(v), !countedAfter(ageEnd(i))
        else { return nil }
        return v
    }

    /// A unit or counted noun after the number ending at `e` ("sixteen weeks", "twelve of us"); "or" and "to" start a
    /// second age.
    func countedAfter(_ e: Int) -> Bool {
        guard let n = tok(e + 1), !n.isPunct(",.;!?") else { return false }
        if n.key.equals("or") || n.key.equals("to") || n.key.equals("-") || n.key == "–" { return false }
        return countFollows(e)
    }

    /// "Sixteen, yeah, seventeen in June.", "Fifteen, sorry, she turned fifteen", "Sorry, thirteen or fourteen?",
    /// "Twenty-three and she's fourteen", "16, yeah, and he was…": an age opening an answer, then what says it is a
    /// person's (a yes, a correction, "she"/"he", "lives") or a question about it. Quiet: "Fifteen, maybe twenty
    /// people", "Twelve of us", "Sixteen, that's the number of referrals" (no follower).
    func answeredAge(at i: Int) -> (Int, Int)? {
        guard spokenAge(i) != nil else { return nil }
        // The sentence's start, or after an opener ("Sorry, …", "Hang on, …").
        var p = i - 1
        if key(p).equals(",") { p -= 1 }
        var opened = false
        if p < i - 1 || p == i - 1 && p >= 0 && info[p].kind == .word {
            guard p >= 0, Self.answerOpeners.contains(key(p)) || key(p).equals("on") && key(p - 1).equals("hang")
            else { return nil }
            let q = key(p).equals("on") ? p - 1 : p
            guard opensSentence(q) else { return nil }
            opened = true
        } else if !opensSentence(i) {
            return nil
        }
        let e = ageEnd(i)
        // No number counted in the rest of the sentence ("Twenty, yeah, twenty of us").
        var k = e + 1
        while k < tokens.count, k <= e + 10, !info[k].isPunct(".!?") {
            if ageValue(k) != nil, countedAfter(ageEnd(k)) { return nil }
            k += 1
        }
        let n = key(e + 1)
        if n == ",", Self.answerFollowers.contains(key(e + 2)) { return (i, e) }
        // "Twenty-three and she's fourteen".
        if n == "and", key(e + 2).isOne(of: ["she", "he", "shes", "hes"]) { return (i, e) }
        // "Sorry, thirteen or fourteen?", "Sorry, fourteen and year 10?", "Sorry, fifteen?".
        if opened {
            if n == "?" { return (i, e) }
            if n == "or", spokenAge(e + 2) != nil, key(ageEnd(e + 2) + 1).equals("?") { return (i, e) }
            if n == "and", key(e + 2).isOne(of: ["year", "yr", "y"]) || at(e + 2)?.kind == .alnum,
                (e + 2...e + 4).contains(where: { key($0).equals("?") })
            {
                return (i, e)
            }
        }
        return nil
    }

    /// "the assessment said sixteen to seventeen", "age assessed as 16-17": an assessed age given as a range, whole.
    /// Quiet: "the assessment took sixteen to seventeen weeks" (a count), a range with no assessment before it.
    func assessedAgeRange(at i: Int) -> (Int, Int)? {
        guard let v = spokenAge(i) else { return nil }
        guard (max(0, i - 4)..<i).contains(where: { Self.assessmentWords.contains(key($0)) }) else { return nil }
        let e = ageEnd(i)
        guard key(e + 1).equals("to") || key(e + 1).equals("-") || key(e + 1).equals("–") else { return nil }
        guard let w = spokenAge(e + 2), w > v, w - v <= 3 else { return nil }
        let f = ageEnd(e + 2)
        guard ageBreak(after: f) || key(f + 1).equals("and") else { return nil }
        return (i, f)
    }

    /// "Remy, eighteen months", "baby Remy 18m", "the baby's eighteen months", "her baby, 9 months": a baby's age
    /// after a person or "baby". Quiet: "for eighteen months she…" (no person before), "the baby's due in two
    /// months", "Remy, 18 months ago".
    func monthsOld(at i: Int) -> (Int, Int)? {
        guard let t = at(i) else { return nil }
        var p = i - 1
        var e = i
        if t.kind == .alnum {
            // "18m": the unit glued.
            let k = key(i)
            let digits = k.prefix { $0.isNumber }
            guard let v = Int(digits), (1...36).contains(v),
                ["m", "mths", "mth", "mo", "mos"].contains(String(k.dropFirst(digits.count)))
            else { return nil }
        } else {
            guard t.kind == .number && t.length <= 2 || numberWord(i) != nil, let v = ageValue(i), (1...36).contains(v)
            else { return nil }
            e = ageEnd(i) + 1
            guard Self.monthWords.contains(key(e)) else { return nil }
            if key(e + 1).equals("old") { e += 1 }
        }
        guard ageBreak(after: e) || at(e + 1) == nil || key(e + 1).isOne(of: ["and", "who", "but"]) else { return nil }
        if key(p).equals(",") { p -= 1 }
        // "the baby's eighteen months", "baby is 9 months".
        if isApostrophe(p - 1) && key(p).equals("s") { p -= 2 } else if key(p).equals("is") { p -= 1 }
        let baby = key(p).isOne(of: ["baby", "babys", "infant", "newborn"])
        let person =
            candidates.contains { $0.label == .person && $0.end == info[max(p, 0)].end } && p >= 0
            && (key(p - 1).equals("baby") || key(i - 1).equals(","))
        guard baby || person else { return nil }
        return (i, e)
    }

    /// "the twins, Ruby and Rose, they're eight", "the boys, they're 12 and 14": "they're" and an age after the
    /// people named in the same sentence. Quiet: "they're 20 minutes away", "they're 16 and over" (a band), a
    /// "they" with nobody named.
    func theirAge(at i: Int) -> Int? {
        guard key(i).equals("they"), isApostrophe(i + 1), key(i + 2).equals("re") else { return nil }
        let a = skipAgeFillers(i + 3)
        guard let t = at(a), t.kind == .number && t.length <= 2 || numberWord(a) != nil, let v = ageValue(a),
            (1...25).contains(v), !covered(a)
        else { return nil }
        let e = ageEnd(a)
        guard ageBreak(after: e) || key(e + 1).equals("and") && ageValue(e + 2) != nil else { return nil }
        if key(e + 1).equals("and"), key(e + 2).isOne(of: ["over", "under", "up"]) { return nil }
        let named = personBefore(i, reach: 12)
        // "the twins, …, they're eight"; not "these kids, they're fourteen" (anyone's age).
        let group = (max(0, i - 8)..<i).contains { Self.siblingGroups.contains(key($0)) }
        return named || group ? a : nil
    }

    /// "Hang on, Mo's 16?", "Ty's 15 now": a short capitalised name (a listed given name or a word on no list), "'s"
    /// and an age before a break is a person and their age. Quiet: "It's 16?", "Tesco's 24 hours", "Year's 16".
    mutating func findShortNamesBeforeAges() {
        for i in tokens.indices where info[i].kind == .word && info[i].capitalised && !info[i].allCaps {
            guard info[i].length >= 2, info[i].length <= 4, !quiet[i], !covered(i), isApostrophe(i + 1),
                key(i + 2).equals("s"), joined(i + 1), joined(i + 2),
                given(i) || onNoList(i) || !info[i].sentenceStart && !on([.town, .bigPlace], i), !notAName(i),
                !Vocab.functionWords.contains(key(i)), !inSet(.relations, i), !inSet(.personNouns, i)
            else { continue }
            let a = i + 3
            guard let t = at(a), t.kind == .number, t.length <= 2, let v = ageValue(a), (1...25).contains(v),
                !covered(a), let n = at(a + 1),
                n.isPunct("?!,") || n.isPunct(".") && fullStop(a + 1) || key(a + 1).equals("now")
            else { continue }
            addAlias(i, i, possible: true)
            add(.age, tokens: a, a)
        }
    }
}
