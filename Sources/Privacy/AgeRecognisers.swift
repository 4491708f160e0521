/// Ages in the shapes notes and talk give them that the first age passes (NumberRecognisers.swift) do not read, and
/// the generic ages that must stay quiet (session 7). Each rule is the general shape of how people type or say an
/// age beside a person — an adult's age after a relation or a name, an age closed by a dash, an arrow or a slash in
/// notes, an age after a listed name opening a note in any case, "now 14" after a person, "14 or 15", an ordinal
/// birthday — with a twin that stays quiet ("mum 2 kids", "Year 10", "a 14 year old shouldn't…").
import Foundation

extension ScanContext {
    /// Relations and person words whose bare number in notes is their age ("mum 34", "cousin 24", "bf 19").
    static let agedRelations = Vocab.set(
        """
        mum mam mom mother dad father stepdad stepmum stepfather stepmother aunt auntie aunty uncle cousin nan nana
        gran granny grandma grandad grandpa bf gf boyfriend girlfriend partner husband wife fella brother sister bro
        sis sibling sib stepbrother stepsister son daughter lad girl boy yp child kid male female
        """)
    /// Words numbered as designations in notes ("child 1 and child 2", "male 2"), not given an age that small.
    static let designationWords = Vocab.set("child yp victim sibling sib person male female boy girl kid")
    /// Of `agedRelations`, the children's words: their age in notes is at most 21 ("lad 16", not "boy 40").
    static let childWords = Vocab.set("son daughter lad girl boy yp child kid")
    /// Verbs a note puts straight after a person and an age ("bf 22 drives her round", "dad 40 works nights").
    static let noteVerbs = Vocab.set(
        """
        drives lives works goes hangs stays sells deals picks takes runs uses has had was is said says drove lived worked
        went hung stayed sold dealt picked took ran used collects collected buys bought owns owned does did helps
        helped gets got keeps kept looks looked
        """)
    /// Words of a relative clause between a person and "was" ("the girl I mentioned was 13").
    static let relativeClauseWords = Vocab.set(
        """
        i we you they he she mentioned met saw told said described know knew that who spoke talked discussed about
        earlier before yesterday from our my your this last week referred raised flagged ' ’ ve d had ever worked
        with seen
        """)
    /// Things that have an age in years and are no person ("the Jay report is 10 years old").
    static let agedThings = Vocab.set(
        """
        report review policy guidance building house home flat car app phone law act data research study scheme service
        framework legislation strategy document video photo picture post account article book film system model file
        record computer laptop procedure protocol process school church estate street property software website site
        platform tool form course programme program project campaign it this that inquiry guideline team unit group
        hub panel board partnership pilot charity organisation relationship contract plan order case referral
        referrals assessment assessments
        """)
    /// Of `agedThings`, the nouns that say a thing's age when they follow it ("a 10 year old car"); "the 14 year old
    /// that I mentioned", "a 15 year old school boy" are people.
    static let agedThingNouns = agedThings.subtracting(["it", "this", "that", "school", "home", "house", "group"])
    /// Words that make "a 16 year old" in their sentence anyone of that age: what the law or guidance says.
    static let lawWords = Vocab.set("law laws legally legislation statutory guidance threshold thresholds")
    /// Words after "a 14 year old (girl)" that make it anyone of that age ("a 14 year old shouldn't be…").
    static let genericModals = Vocab.set(
        """
        should shouldn't shouldnt would wouldn't wouldnt could couldn't couldnt can can't cant cannot might must mustn't
        needs need won't wont doesn't doesnt isn't isnt shouldn couldn wouldn mustn doesn isn
        """)
    static let agePossessives = Vocab.set("her his their my your our")
    /// Ordinals said as words, by value ("in her fifteenth year").
    /// The keys of `ordinalValues`, for `onGated` (one of `gatedSets`).
    static let ordinalValueKeys = Set(ordinalValues.keys)
    static let ordinalValues: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
        "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    ]

    /// The age ending at token `e` is closed the way notes close one: the text's end, `, ; ! ? ) & |`, a full stop,
    /// a spaced dash or slash (not a range: "14 - 16"), an arrow ("-> Leagrave", "→").
    func ageBreak(after e: Int) -> Bool {
        guard let n = at(e + 1) else { return true }
        // A tab between fields of a pasted spreadsheet row ("Kai Brennan<tab>14<tab>Luton").
        if tabBefore(e + 1) { return true }
        if n.isPunct(",;!?)&|→⇒") { return true }
        if n.isPunct(".") { return fullStop(e + 1) }
        if n.isPunct("-–—=") && key(e + 2).equals(">") && !info[e + 2].spaceBefore { return true }
        if n.isPunct("-–—/"), n.spaceBefore {
            guard let m = at(e + 2) else { return true }
            return m.spaceBefore && m.kind != .number && ageValue(e + 2) == nil
        }
        return false
    }

    /// Initials typed with stops end at token `p` ("A.O.", "T.O", "J.P.M."): a person in notes.
    func initialsEndAt(_ p: Int) -> Bool {
        var j = p
        if key(j).equals(".") { j -= 1 }
        var letters = 0
        while let t = at(j), t.kind == .word, t.length == 1, t.capitalised {
            letters += 1
            guard key(j - 1).equals("."), !info[j - 1].spaceBefore,
                tok(j - 2).map({ $0.kind == .word && $0.length == 1 }) == true
            else { break }
            j -= 2
        }
        return letters >= 2
    }

    /// The age in words at `i...e` is said as a sentence of its own ("Fourteen." / "Fifteen and he…" / "Nineteen,
    /// can you…") after a sentence about one person (he, she, a found name), and the same number was said nowhere
    /// before in the text as anything but an age ("14 referrals… Fourteen." is a count said again).
    func ageSaidAlone(_ i: Int, _ e: Int) -> Bool {
        guard opensSentence(i) else { return false }
        guard let n = tok(e + 1) else { return false }
        if n.isPunct(",") {
            // "Fifteen, maybe twenty people": a count going on.
            if (e + 2...e + 4).contains(where: { ageValue($0) != nil || Self.countGoingOn.contains(key($0)) }) {
                return false
            }
        } else if n.key.equals("and") {
            guard key(e + 2).isOne(of: ["he", "she"]) else { return false }
        } else if !n.isPunct(".!?") {
            return false
        }
        // One person spoken of before, within two sentences.
        var sentences = 0
        var j = i - 1
        var person = false
        while j >= 0, sentences <= 2, !person {
            if info[j].isPunct(".!?") { sentences += 1 }
            person = Self.storyPronouns.contains(tokens[j].key) || personAt(j)
            j -= 1
        }
        guard person, let v = ageValue(i) else { return false }
        // The same number said before as a count.
        for k in 0..<i where ageValue(k) == v && !covered(k) { return false }
        return true
    }

    /// Token `i` opens a sentence, an opening quote before it or not (`P5: "At seventeen.`).
    func opensSentence(_ i: Int) -> Bool {
        if info[i].sentenceStart { return true }
        var a = i - 1
        while a >= 0, info[a].isPunct("\"“‘'") { a -= 1 }
        return a < i - 1 && (a < 0 || info[a + 1].sentenceStart || info[a].isPunct(".!?:"))
    }

    static let storyPronouns = Vocab.set("he she him her his hes shes")
    /// Words after "Fifteen," that make it a count going on ("Fifteen, maybe twenty people").
    static let countGoingOn = Vocab.set("maybe perhaps about around or people kids")

    /// Words after a second age that leave it a guess ("thirteen, fourteen maybe").
    static let secondGuessWords = Vocab.set("maybe perhaps probably possibly or ish tops")

    /// Token `j` is a full stop: "." before a space, the end or a closing mark ("she was 14.\"", "(age 14.)"), not
    /// a decimal point or a time ("14.5", "15.30").
    func fullStop(_ j: Int) -> Bool {
        guard let t = at(j), t.isPunct(".") else { return false }
        guard let n = at(j + 1) else { return true }
        return n.spaceBefore || n.kind == .punct
    }

    /// A tab stands between token `i` and the one before it: a pasted row's fields.
    func tabBefore(_ i: Int) -> Bool {
        guard i > 0, i < tokens.count, info[i].spaceBefore else { return false }
        return scalars[info[i - 1].end..<info[i].start].contains("\t")
    }

    /// "14 or 15", "14/15", "15, nearly 16", "13 going on 14": a second age said with the one ending at `e`; its token.
    func ageAlternative(after e: Int, _ v: Int) -> Int? {
        var j = e + 1
        switch key(j) {
        case "or": j += 1
        case "/":
            guard !info[j].spaceBefore, tok(j + 1).map({ !$0.spaceBefore }) == true else { return nil }
            j += 1
        case ",":
            if key(j + 1).isOne(of: ["nearly", "almost", "turning"]) {
                j += 2
            } else {
                // "she was thirteen, fourteen maybe": the next year said as a second guess.
                j += 1
                guard ageValue(j) == v + 1,
                    ageBreak(after: ageEnd(j)) || Self.secondGuessWords.contains(key(ageEnd(j) + 1))
                else { return nil }
            }
        case "going":
            guard key(j + 1).equals("on") else { return nil }
            j += 2
        default:
            // "he's like sixteen seventeen": two ages in words, one after the other (captions).
            guard info[e].kind == .word, at(j)?.kind == .word, numberWord(j) != nil else { return nil }
        }
        guard let w = ageValue(j), w > v, w - v <= 3, !covered(j) else { return nil }
        let after = tok(ageEnd(j) + 1)
        if let a = after, Self.ageUnits.contains(a.key) || Self.countedNouns.contains(a.key),
            !ageBreak(after: ageEnd(j))
        {
            return nil
        }
        return j
    }

    /// Token `p` stands for a person: a found name, a person or relation word, a listed given name, or a word
    /// nobody listed opening a line.
    func personish(_ p: Int) -> Bool {
        guard let t = at(p), t.kind == .word else { return false }
        if candidates.contains(where: { $0.label == .person && $0.end == t.end }) { return true }
        let v = vocabAt(p)
        if v.contains(.relations) || v.contains(.personNouns) || v.contains(.singlePersonNouns)
            || v.contains(.bracketAged) || v.contains(.pluralPersonNouns)
        {
            return true
        }
        if v.contains(.notNames) || v.contains(.roles) { return false }
        return given(p) && !ambiguous(p) || t.lineStart && unknown(p) && t.length >= 3
    }

    /// Token `p` is the end of a found name.
    func personEndsAt(_ p: Int) -> Bool {
        guard let t = at(p) else { return false }
        return candidates.contains { $0.label == .person && $0.end == t.end }
    }

    /// Token `p` opens a note or an item of one: the text's or a line's start, or after a bullet, a spaced slash or
    /// bar, a semicolon, an arrow or a dash typed as a bullet.
    func opensAgeNote(_ p: Int) -> Bool {
        guard let t = at(p) else { return false }
        if p == 0 || t.lineStart || t.sentenceStart { return true }
        guard let b = at(p - 1), b.kind == .punct else { return false }
        // "- Ty 17 - mule": a dash typed as a bullet opens a line's item too.
        if b.isPunct("-–"), p == 1 || b.lineStart, t.spaceBefore { return true }
        return b.isPunct("/|;*•→>") && t.spaceBefore
    }

    /// A word after an age in a note that says what the person does or is ("rahim 20 picking up", "bf 22 drives").
    func noteActivity(_ j: Int) -> Bool {
        guard let w = tok(j), w.kind == .word, !w.capitalised || w.allCaps else { return false }
        return w.key.hasSuffix("ing") && w.length >= 5 || inSet(.lifeEvents, j) || Self.noteVerbs.contains(w.key)
    }

    mutating func addAgeWithPartner(_ a: Int, _ e: Int) {
        add(.age, tokens: a, e)
        // "(14 & 15)", "ages 14 and 16", "14 or 15".
        if key(e + 1).isOne(of: ["&", "and", "or"]), let w = ageValue(e + 2), (1...99).contains(w), !covered(e + 2),
            ageBreak(after: ageEnd(e + 2))
        {
            add(.age, tokens: e + 2, ageEnd(e + 2))
        }
    }

    /// Session 7's age shapes; runs once people are found (a name before an age is read from the findings).
    mutating func findAgesInNotes() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = info[i]
            if t.kind == .alnum {
                if let a = gluedAge(at: i) {
                    add(.age, scalars: a.start, a.end)
                } else if bareOrdinalAge(i) {
                    add(.age, tokens: i, i)
                }
                continue
            }
            if t.kind == .word, onGated(.ordinalValueKeys, i), bareOrdinalAge(i) {
                add(.age, tokens: i, i)
                continue
            }
            if t.kind == .word, t.length == 4 || t.length == 8,
                keys[i].equals("year") || keys[i].equals("bday") || keys[i].equals("birthday"),
                !covered(i), let o = ordinalAge(before: i)
            {
                add(.age, tokens: o, o)
                continue
            }
            guard let v = ageValue(i), !covered(i) else { continue }
            let digits = t.kind == .number
            let e = ageEnd(i)
            let closed = ageBreak(after: e)
            var found = false
            // "mum 34, dad 40", "cousin 24 - grooming", "bf 22 drives her round" (not "Child 1", "mum 2 kids").
            if digits, Self.agedRelations.contains(key(i - 1)), !(info[i - 1].capitalised && v < 10),
                !(Self.designationWords.contains(key(i - 1)) && v <= 5),
                Self.childWords.contains(key(i - 1)) ? (1...21).contains(v) : (1...99).contains(v),
                closed || v >= 10 && noteActivity(e + 1)
            {
                found = true
            }
            // "kerry mcbride 38 - mum", "Darren 31 - nfa", "Cerys 15 / Aled 13": any age after a found name, closed.
            if !found, digits, personEndsAt(i - 1) || initialsEndAt(i - 1),
                closed || v <= 25 && key(e + 1).equals("now")
            {
                found = true
            }
            // "SEAN 15 - REPORTED MISSING", "FLORIN 17 ROMA FAMILY": a listed given name opening a note, in any case.
            if !found, digits, (1...21).contains(v), let w = tok(i - 1), w.kind == .word, opensAgeNote(i - 1),
                given(i - 1),
                !inSet(.notNames, i - 1), !ambiguous(i - 1) || closed && w.capitalised,
                closed
                    || tok(e + 1).map({
                        $0.kind == .word && !Self.ageUnits.contains($0.key) && !Self.countedNouns.contains($0.key)
                    }) == true
            {
                found = true
            }
            // "her son Kieran now 14,", "YP now 17 →", "Kai nearly 15 now".
            if !found, key(i - 1).isOne(of: ["now", "nearly", "almost", "only", "just", "approx", "about"]),
                personish(i - 2), (1...25).contains(v) || inSet(.relations, i - 2) && v <= 99,
                closed || key(e + 1).equals("now")
            {
                found = true
            }
            // "Kayleigh Doherty, then 14, went missing": a found name, a comma, "then" or "now", the age closed by a
            // comma, a bracket or a dash (a story told of the past; "now 14 referrals" stays a count).
            if !found, key(i - 1).isOne(of: ["then", "now"]), key(i - 2).equals(","),
                personEndsAt(i - 3) || personish(i - 3),
                (1...25).contains(v), [",", ")", "-", "–", "—"].contains(key(e + 1))
            {
                found = true
            }
            // "Kai (14 yrs)", "KAYLEIGH (14) ->", "Kai (M, 15)", "the two girls (14 & 15)", "Jaylen (nearly 15)".
            var last = e
            if !found, digits || Self.numberWords[keys[i]] != nil {
                var open = i - 1
                if key(open).isOne(of: ["nearly", "almost", "about", "approx", "just", "around", "roughly"]),
                    key(open - 1).equals("(")
                {
                    open -= 1
                }
                if [",", "/"].contains(key(open)), let m = tok(open - 1), m.text == "M" || m.text == "F" {
                    open -= 2
                }
                if key(open).equals("("), personish(open - 1) || initialsEndAt(open - 1) {
                    if key(e + 1).isOne(of: ["yrs", "yr", "yo"]) { last = e + 1 }
                    if key(e + 1).equals("y"), key(e + 2).equals("/"), key(e + 3).equals("o") { last = e + 3 }
                    if [")", ",", "&", "and", "/"].contains(key(last + 1)) {
                        found = true
                    } else if key(last + 1).isOne(of: ["in", "next", "this", "on"]),
                        (last + 2...last + 4).contains(where: { key($0).equals(")") }),
                        !(last + 2...last + 3).contains(where: { at($0)?.kind == .number })
                    {
                        // "Jaylen (15 in May)", "(16 next month)".
                        found = true
                    } else {
                        last = e
                    }
                }
            }
            // "the girl I mentioned was 13 - sorry": a person, a relative clause, "was", an age, closed.
            if !found, key(i - 1).isOne(of: ["is", "was"]), closed, (1...25).contains(v) {
                var q = i - 2
                var between = 0
                while q >= 0, between < 6, Self.relativeClauseWords.contains(key(q)) {
                    q -= 1
                    between += 1
                }
                if between > 0,
                    inSet(.singlePersonNouns, q) || inSet(.relations, q) || inSet(.personNouns, q)
                        || inSet(.siblingOrder, q)
                {
                    found = true
                }
            }
            // "Girl, 14 – Tonypandy", "the lad, 14/15, was dealing": a person word, a comma, an age, closed.
            if !found, key(i - 1).equals(","),
                inSet(.singlePersonNouns, i - 2) || inSet(.relations, i - 2)
                    || Self.storyPersonNouns.contains(key(i - 2)),
                (1...21).contains(v)
                    || (inSet(.relations, i - 2) || Self.storyPersonNouns.contains(key(i - 2))) && v <= 99
            {
                if closed {
                    found = true
                } else if let a = ageAlternative(after: e, v), key(e + 1).equals("/") {
                    last = a
                    found = ageBreak(after: a)
                }
            }
            // "Ruby - 15 years - Yr 10": an age and its unit filling a field after a person.
            if !found, digits, key(e + 1).isOne(of: ["years", "yrs"]), ageBreak(after: e + 1), (1...99).contains(v),
                personEndsAt(i - 1) || ["-", "–", "|", "/", ","].contains(key(i - 1)) && personish(i - 2)
            {
                found = true
                last = e + 1
            }
            // "she moved in with him and was only 14", "he left school and was 15 when…": a second verb of a
            // sentence whose subject is a person, its age closing the clause.
            if !found, (1...25).contains(v), closed || key(e + 1).isOne(of: ["when", "then", "now", "at"]) {
                var p = i - 1
                while p > i - 3, Self.ageFillers.contains(key(p)) { p -= 1 }
                if key(p).isOne(of: ["is", "was"]), key(p - 1).isOne(of: ["and", "but", "so"]),
                    sentenceSubjectIsAPerson(p - 1)
                {
                    found = true
                }
            }
            // "14 (DOB 03/04/2011)", "Kai Brennan - 14 (DOB …)": an age before its date of birth in brackets.
            if !found, digits, (1...25).contains(v), key(e + 1).equals("("), birthCue(e + 2),
                opensAgeNote(i) || personEndsAt(i - 1) || at(i - 1)?.isPunct("-–—,:|") == true
            {
                found = true
            }
            // "the 13 was his age at the time": the number said to be someone's age.
            if !found, key(e + 1).isOne(of: ["is", "was"]), Self.agePossessives.contains(key(e + 2)),
                key(e + 3).equals("age"), (1...99).contains(v)
            {
                found = true
            }
            // "Fourteen. He cried the whole way", "Fifteen and he looked about ten", "Nineteen, can you believe it":
            // an age in words said as a sentence of its own, in a story about a person.
            if !found, !digits, (10...25).contains(v), ageSaidAlone(i, e) { found = true }
            // "At seventeen." as a sentence: an age in words (a time is said in digits or with "o'clock").
            if !found, !digits, (13...25).contains(v), key(i - 1).equals("at"), opensSentence(i - 1),
                at(e + 1)?.isPunct(".!?") ?? true
            {
                found = true
            }
            // "Hussain brothers 17/15", "the sisters 14 & 12": each of a plural's ages, in any order.
            if !found, digits, inSet(.pluralPersonNouns, i - 1), (1...21).contains(v),
                key(e + 1).isOne(of: ["/", "&"]), let w = ageValue(e + 2), (1...21).contains(w),
                info[e + 2].kind == .number, ageBreak(after: e + 2)
            {
                add(.age, tokens: e + 2, e + 2)
                found = true
            }
            // "one of the lads was 17 and the other 15": one of a group, its age.
            if !found, key(i - 1).isOne(of: ["is", "was"]), inSet(.pluralPersonNouns, i - 2), key(i - 3).equals("the"),
                key(i - 4).equals("of"), key(i - 5).equals("one"), (1...25).contains(v),
                closed || key(e + 1).equals("and")
            {
                found = true
            }
            // "ages 14 and 16".
            if !found, key(i - 1).equals("ages"), closed || ["and", "&", ","].contains(key(e + 1)) { found = true }
            // "14 F, Walsall", "(14, F)": an age then a sex marker, opening a note or in brackets.
            if !found, digits, (10...99).contains(v), opensAgeNote(i) || key(i - 1).equals("(") {
                let m = [",", "/"].contains(key(e + 1)) ? e + 2 : e + 1
                if let x = tok(m), x.text == "F" || x.text == "M", tok(m + 1).map({ $0.kind == .punct }) ?? true {
                    found = true
                }
            }
            // "in year 10 so 14 or 15": an age worked out from a school year.
            if !found, key(i - 1).equals("so"), (4...19).contains(v), closed || ageAlternative(after: e, v) != nil,
                (max(0, i - 4)..<(i - 1)).contains(where: {
                    key($0).isOne(of: ["year", "yr"]) && at($0 + 1)?.kind == .number || Self.schoolYear(key($0))
                })
            {
                found = true
            }
            guard found else { continue }
            addAgeWithPartner(i, last)
            i = last
        }
        findAgesSaidAside()
        findRoughAgesBesideNames()
        findSecondAges()
        // An age found here said again ("was eight. Eight."), or a second one given with it ("and the other 15").
        findAgeEchoesAndLists()
    }

    /// The token after an aside a speaker puts before an age, from `j`: "I think", "I reckon", "I'd say", "I guess",
    /// "I dunno", "you know", ", what,", fillers and hesitations; `j` itself when there is none.
    func skipSpokenAside(_ j: Int) -> Int {
        var k = j
        while k < j + 6 {
            if key(k).equals(",") || inSet(.hesitations, k) || Self.ageFillers.contains(key(k)) || key(k).equals("what")
            {
                k += 1
            } else if key(k).equals("i"), Self.asideVerbs.contains(key(k + 1)) {
                k += 2
            } else if key(k).equals("i"), isApostrophe(k + 1), key(k + 2).equals("d"), key(k + 3).equals("say") {
                k += 4
            } else if key(k).equals("you"), key(k + 1).equals("know") {
                k += 2
            } else {
                break
            }
        }
        return k
    }

    static let asideVerbs = Vocab.set("think reckon guess believe thought dunno suppose")

    /// "I think" or "I reckon" straight after token `e`, closing what was said.
    func asideAfter(_ e: Int) -> Bool {
        key(e + 1).equals("i") && Self.asideVerbs.contains(key(e + 2)) && ageBreak(after: e + 2)
    }

    /// "15ish", "fifteen-ish" at `j`: an age said roughly (1–25), and its last token.
    func roughAge(at j: Int) -> Int? {
        guard let t = tok(j) else { return nil }
        if t.kind == .alnum, t.key.hasSuffix("ish"), let v = Int(t.key.dropLast(3)), (1...25).contains(v) {
            return j
        }
        if let v = numberWord(j), (1...25).contains(v), key(j + 1).equals("-"), joined(j + 1), key(j + 2).equals("ish"),
            joined(j + 2)
        {
            return j + 2
        }
        return nil
    }

    /// "her cousin Rhodri, fifteen-ish, goes…", "Tyler (15ish)": an age said roughly, set off beside a found name.
    mutating func findRoughAgesBesideNames() {
        for i in tokens.indices where personEndsAt(i) {
            guard let open = at(i + 1), open.isPunct(",("), let e = roughAge(at: i + 2), !covered(i + 2) else {
                continue
            }
            let closer = open.isPunct("(") ? ")" : ",.;"
            guard e + 1 == tokens.count || at(e + 1)?.isPunct(closer) == true else { continue }
            add(.age, tokens: i + 2, e)
        }
    }

    /// "that made her fifteen at the first meeting", "which would make him sixteen now": an age after what makes a
    /// person that age; "he's, what, seventeen now?", "she was, I think, fourteen": an age after an aside between a
    /// pronoun and "is/was". Quiet: "made him 20 quid", "make her 10 copies", "it was, I think, 14 of us".
    mutating func findAgesSaidAside() {
        for i in tokens.indices {
            let k = key(i)
            var j: Int?
            if k.isOne(of: ["make", "makes", "made", "making"]), key(i + 1).isOne(of: ["her", "him"]) {
                j = skipAgeFillers(i + 2)
            } else if k.isOne(of: ["is", "was", "s"]) {
                let subject = k.equals("s") ? (isApostrophe(i - 1) && joined(i) ? i - 2 : -1) : i - 1
                guard subject >= 0, key(subject).isOne(of: ["he", "she"]) else { continue }
                let a = skipSpokenAside(i + 1)
                // "she was fifteen-ish", "he's about 15ish": an age said roughly (the plain shapes are other rules').
                if let e = roughAge(at: a), !covered(a),
                    ageBreak(after: e) || key(e + 1).isOne(of: ["when", "now", "then", "and", "maybe", "or"])
                {
                    add(.age, tokens: a, e)
                    continue
                }
                // Only where an aside stands between or follows ("she was fifteen I think").
                let aside = a > i + 1 && (i + 1..<a).contains(where: { !Self.ageFillers.contains(key($0)) })
                guard aside || asideAfter(ageEnd(a)) else { continue }
                j = a
            }
            guard let at = j, let v = ageValue(at), (1...25).contains(v), !covered(at) else { continue }
            let e = ageEnd(at)
            guard
                ageBreak(after: e) || key(e + 1).isOne(of: ["now", "then", "when", "at", "maybe", "or", "and"])
                    || tok(e + 1)?.isPunct("?") == true || asideAfter(e)
            else { continue }
            add(.age, tokens: at, e)
        }
    }

    /// People a story gives an adult's age after, set off by commas ("the driver, 32, was charged").
    static let storyPersonNouns = Vocab.set(
        """
        driver suspect offender perpetrator perp abuser groomer neighbour landlord stranger passenger owner dealer victim
        male female
        """)

    /// The sentence holding token `i` opens with a person: "she", "he", "I", a found name, or "her/his/my/the" and a
    /// relation or person word ("her brother", "the lad").
    func sentenceSubjectIsAPerson(_ i: Int) -> Bool {
        var s = i
        while s > 0, i - s < 20, !info[s].sentenceStart, !info[s - 1].isPunct(";:") { s -= 1 }
        guard i - s < 20, let t = tok(s) else { return false }
        if Self.subjectPronouns.contains(t.key) || personAt(s) { return true }
        if t.key.isOne(of: ["her", "his", "my", "the", "our", "their"]) {
            return inSet(.relations, s + 1) || inSet(.personNouns, s + 1) || inSet(.singlePersonNouns, s + 1)
        }
        return false
    }

    /// Token `j` opens a date of birth: "DOB", "D.O.B.", "born", or a date of birth found there.
    func birthCue(_ j: Int) -> Bool {
        guard let t = tok(j) else { return false }
        if t.key.equals("dob") || t.key.equals("born")
            || t.key.equals("d") && key(j + 1).equals(".") && key(j + 2).equals("o")
        {
            return true
        }
        return candidates.contains { $0.label == .dateOfBirth && $0.start == t.start }
    }

    /// "16F", "15M" in notes: an age glued to a sex marker at a note's start or after a person; the digits.
    /// "Kai, 15yrs,", "Kai (15yrs)": an age glued to its unit after a person and a comma or bracket; the token.
    func gluedAge(at i: Int) -> (start: Int, end: Int)? {
        let t = tokens[i]
        if t.length <= 5, t.length >= 3, t.key.hasSuffix("yrs") || t.key.hasSuffix("yr"), !covered(i),
            [",", "(", "-", "–", "|", "/"].contains(key(i - 1)), personish(i - 2),
            let v = Int(t.key.prefix { $0.isNumber }), (1...99).contains(v),
            t.key.drop(while: { $0.isNumber }).count <= 3,
            tok(i + 1).map({ $0.isPunct(",);-–|/") }) ?? true
        {
            return (t.start, t.end)
        }
        // "bro 16yrs", "kai is 14yrs", "male approx 25yrs": an age glued to its unit after a relation, "is/was" or
        // a guess, closing the clause (not "10yrs experience", "2yrs ago").
        if let v = gluedUnitAge(i), (1...99).contains(v), !covered(i),
            Self.agedRelations.contains(key(i - 1)) || Self.gluedAgeCues.contains(key(i - 1))
                || inSet(.estimateWords, i - 1),
            tok(i + 1).map({ $0.kind == .punct && !$0.isPunct("/:") || ["now", "and", "but"].contains($0.key) }) ?? true
        {
            return (t.start, t.end)
        }
        // "F14 - missing", "m15 stopped with older males": a sex marker glued before a teenage age opening a note or
        // after a person (not a road, "the M18", "on the A14", nor a postcode, "M15 4AB").
        if t.length == 3, t.digits == 2, let first = t.key.unicodeScalars.first, first == "f" || first == "m",
            let v = Int(t.key.dropFirst()), (10...21).contains(v), !covered(i),
            opensAgeNote(i) || at(i - 1)?.isPunct("(,") == true || personish(i - 1),
            !key(i - 1).isOne(of: ["the", "on", "form", "junction", "via", "off"]),
            tok(i + 1).map({
                $0.kind == .punct && !$0.isPunct("/")
                    || $0.kind == .word && !$0.capitalised
                        && !Self.roadWords.contains($0.key)
            }) ?? true
        {
            return (t.start + 1, t.end)
        }
        guard t.length == 3, t.digits == 2, let last = t.text.unicodeScalars.last, last == "F" || last == "M",
            let v = Int(t.text.prefix(2)), (10...21).contains(v), !covered(i),
            opensAgeNote(i) || at(i - 1)?.isPunct("(,-–") == true || personish(i - 1),
            tok(i + 1).map({ $0.kind == .punct || $0.kind == .word && !$0.capitalised }) ?? true,
            !(at(i - 1)?.isPunct("£$€") ?? false)
        else { return nil }
        return (t.start, t.start + 2)
    }

    /// Words before a glued age ("is 14yrs", "hes 15yo").
    static let gluedAgeCues = Vocab.set("is was s hes shes im now age aged")
    /// Words after a motorway's number ("M18 northbound").
    static let roadWords = Vocab.set(
        "northbound southbound eastbound westbound closed junction j jct motorway services slip traffic roadworks")

    /// "her 16th birthday", "his fifteenth bday", "in her fifteenth year" (not "in his second year at uni"): the
    /// ordinal before `i` (a birthday or "year"), when it is a person's age.
    func ordinalAge(before i: Int) -> Int? {
        let o = i - 1
        guard let t = tok(o), Self.agePossessives.contains(key(o - 1)) else { return nil }
        var value: Int?
        if t.kind == .word {
            value = Self.ordinalValues[t.key]
        } else if t.kind == .alnum {
            let digits = t.key.prefix { $0.isNumber }
            if ["st", "nd", "rd", "th"].contains(String(t.key.dropFirst(digits.count))) { value = Int(digits) }
        }
        guard let v = value, (1...110).contains(v) else { return nil }
        if key(i).equals("year") {
            guard key(o - 2).equals("in"), v >= 10, !key(i + 1).isOne(of: ["of", "at", "in"]) else { return nil }
        }
        return o
    }

    /// "it's her 16th next week", "for his 18th": an ordinal after a possessive that stands for a birthday (not "her
    /// 2nd placement", "his 14th missing episode").
    func bareOrdinalAge(_ i: Int) -> Bool {
        guard Self.agePossessives.contains(key(i - 1)), !covered(i), let t = tok(i) else { return false }
        var value: Int?
        if t.kind == .word {
            value = Self.ordinalValues[t.key]
        } else {
            let digits = t.key.prefix { $0.isNumber }
            if ["st", "nd", "rd", "th"].contains(String(t.key.dropFirst(digits.count))) { value = Int(digits) }
        }
        guard let v = value, (10...99).contains(v) else { return false }
        guard let n = tok(i + 1) else { return true }
        return n.kind == .punct && !n.isPunct("/-") || Self.birthdayFollowers.contains(n.key)
    }

    /// Words after "her 16th" that leave it her birthday.
    static let birthdayFollowers = Vocab.set(
        "next last this on in at party birthday bday and tomorrow today yesterday coming soon is was weekend do when then"
    )

    /// A second age said with one already found: "she's 14 or 15", "he's 17, nearly 18", "13 going on 14".
    mutating func findSecondAges() {
        let ages = candidates.filter { $0.label == .age }
        for c in ages {
            guard let b = tokenIndex(endingAt: c.end), let v = ageValue(b),
                let j = ageAlternative(after: b, v) ?? correctedAge(after: b, v)
            else { continue }
            add(.age, tokens: j, ageEnd(j))
        }
    }

    /// `kept` with the second guesses said after ages the labeller found ("kian was 12 or 13 not sure", the 12 the
    /// labeller's), `possible` as the first is, in text order.
    func secondAgesBesideLabelledAges(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        for c in kept where c.label == .age && c.possible {
            guard let b = tokenIndex(endingAt: c.end), let v = ageValue(b), let j = ageAlternative(after: b, v)
            else { continue }
            let e = ageEnd(j)
            if out.contains(where: { $0.start < info[e].end && info[j].start < $0.end }) { continue }
            var a = Candidate(label: .age, start: info[j].start, end: info[e].end)
            a.possible = true
            out.append(a)
        }
        return out.count == kept.count ? kept : out.sorted { $0.start < $1.start }
    }

    /// "only 13 at the very first contact, not fourteen.": the age an age ending at `b` corrects, a few words on in
    /// the same sentence after ", not"; its token.
    func correctedAge(after b: Int, _ v: Int) -> Int? {
        var j = b + 1
        while j < b + 10, let t = tok(j), !t.isPunct(".!?;") {
            if t.key.equals("not"), key(j - 1).equals(","), let w = ageValue(j + 1), w != v, abs(w - v) <= 3,
                !covered(j + 1),
                ageBreak(after: ageEnd(j + 1))
            {
                return j + 1
            }
            j += 1
        }
        return nil
    }

    /// Unit words and halves said after an age join it ("14 yrs", "14 y.o.", "fifteen and a half").
    mutating func widenAges() {
        for k in candidates.indices where candidates[k].label == .age {
            guard let b = tokenIndex(endingAt: candidates[k].end), ageValue(b) != nil || key(b).equals("aged") else {
                continue
            }
            var e = b
            if key(e + 1).isOne(of: ["yrs", "yr"]), info[e + 1].spaceBefore || info[e].kind == .number,
                ageBreak(after: e + 1)
            {
                e += 1
            } else if key(e + 1).equals("y"), key(e + 2).equals("."), key(e + 3).equals("o"), !info[e + 2].spaceBefore {
                e += 3
                if key(e + 1).equals("."), !info[e + 1].spaceBefore { e += 1 }
            }
            if key(e + 1).equals("and"), key(e + 2).equals("a"), key(e + 3).equals("half") {
                e += 3
            } else if key(e + 1) == "½" {
                e += 1
            }
            if e > b { candidates[k].end = info[e].end }
        }
    }

    /// Ages that belong to nobody: "a 14 year old shouldn't have to…", "any 14-year-old would…", "the Jay report is
    /// 10 years old".
    mutating func dropGenericAges() {
        let generic = candidates.indices.filter { isGenericAge(candidates[$0]) }
        for k in generic.reversed() { candidates.remove(at: k) }
    }

    /// Numbers the sequence labeller may take for an age that the rules keep quiet on purpose, tokens `a...b`: the
    /// law's age ("the age of consent is 16", "under the age of 16"), a designation ("child 1 and child 2").
    /// Who a rule speaks to: "from the age of 16 you can…", "… anyone can…".
    static let anyone = Vocab.set("you anyone everyone children kids people a young")

    func quietAge(_ a: Int, _ b: Int) -> Bool {
        for j in max(0, a - 5)..<a where key(j).equals("age") {
            if key(j + 1).equals("of"), key(j + 2).equals("consent"), a - (j + 2) <= 2 { return true }
            if key(j - 1).equals("the"), Self.ageBounds.contains(key(j - 2)), key(j + 1).equals("of"), a == j + 2 {
                return true
            }
            // "from the age of 16 you can consent": the age the law gives anyone, not a person's age ("from the age
            // of 11 she was in care" keeps it).
            if key(j - 1).equals("the"), key(j + 1).equals("of"), a == j + 2, Self.anyone.contains(key(b + 1)) {
                return true
            }
            // "the age of criminal responsibility is 10": what the age of something is, set by a rule.
            if key(j - 1).equals("the"), key(j + 1).equals("of"), key(a - 1).isOne(of: ["is", "was"]) { return true }
            // "the minimum age is 16", "the legal age was 18": an age a rule sets (not "her age is 14").
            if key(j + 1).isOne(of: ["is", "was", "be"]), a == j + 2,
                key(j - 1).equals("the") || key(j - 2).equals("the") && info[j - 1].kind == .word
            {
                return true
            }
        }
        // "(12 vs 17)": ages compared, nobody's (the labeller may take the whole "12 vs 17" as one run).
        if key(a - 1).isOne(of: ["vs", "versus"]) || key(b + 1).isOne(of: ["vs", "versus"]) { return true }
        if (a...b).contains(where: { key($0).isOne(of: ["vs", "versus"]) }) { return true }
        if a == b, info[a].kind == .number, let v = ageValue(a), v < 6,
            inSet(.singlePersonNouns, a - 1) || inSet(.bracketAged, a - 1)
        {
            return true
        }
        return false
    }

    /// A year-old age that belongs to nobody (above).
    func isGenericAge(_ c: Candidate) -> Bool {
        guard c.label == .age, let a = tokenIndex(startingAt: c.start), let b = tokenIndex(endingAt: c.end),
            key(b).equals("old")
        else { return false }
        if key(a - 1).isOne(of: ["any", "every", "no", "each"]) { return true }
        // "any 13 year old in a car with a 25 year old": an age beside a generic one in the same sentence is generic;
        // so is "a 16 year old" in a sentence about the law ("the law treats a 16 year old as able to consent").
        if key(a - 1).isOne(of: ["a", "an"]) {
            var j = a - 2
            while j >= 0, !info[j].isPunct(".!?") {
                if j > 0, key(j - 1).isOne(of: ["any", "every", "each"]), ageValue(j) != nil { return true }
                if Self.lawWords.contains(key(j)) { return true }
                j -= 1
            }
        }
        // "14 year old girls are at risk" (not "the 14 year old girls", "two 14 year old girls": those are people).
        if inSet(.pluralPersonNouns, b + 1) || key(b + 1).equals("babies"),
            !key(a - 1).isOne(of: ["the", "these", "those", "both", "her", "his", "their"]),
            ageValue(a - 1) == nil, at(a - 1)?.kind != .number
        {
            return true
        }
        if key(a - 1).isOne(of: ["a", "an"]) {
            var n = b + 1
            if inSet(.singlePersonNouns, n) || inSet(.personNouns, n) { n += 1 }
            if Self.genericModals.contains(key(n)) { return true }
        }
        // "the report is 10 years old": the thing before the verb is no person.
        var verb = a - 1
        while verb > a - 3, Self.ageFillers.contains(key(verb)) { verb -= 1 } // "is only 18 months old"
        if key(verb).equals("s"), isApostrophe(verb - 1) { verb -= 1 }
        guard ["is", "was", "are", "were", "s", "'", "’"].contains(key(verb)) else { return false }
        return Self.agedThings.contains(key(verb - 1))
    }
}

extension ScanContext {
    /// Ages beside a person only the sequence labeller found, which no rule could read an age after: "Tayvon, 14,
    /// was…", "Tayvon (14)", "Tayvon is 14 now", "Tayvon 14 -". `kept` holds every finding so far; the result is it
    /// with those ages (`possible`, as the name is), in text order.
    func agesBesideLabelledPeople(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        for c in kept where c.label == .person && c.possible {
            if candidates.contains(where: { $0.label == .person && $0.start == c.start && $0.end == c.end }) {
                continue
            }
            guard let b = tokenIndex(endingAt: c.end) else { continue }
            if let (j, e) = rowAge(after: b) {
                // "Tyreese Holt, 16 years, Luton": a pasted row's age field.
                if !out.contains(where: { $0.start < info[e].end && info[j].start < $0.end }) {
                    var a = Candidate(label: .age, start: info[j].start, end: info[e].end)
                    a.possible = true
                    out.append(a)
                }
                continue
            }
            var j = b + 1
            let bracket = key(j).equals("(")
            let verb = key(j).isOne(of: ["is", "was"])
            if bracket || key(j).equals(",") {
                j += 1
            } else if verb {
                // "smokey was I think nineteen maybe twenty": a speaker's aside between.
                j = skipSpokenAside(j + 1)
            }
            // "a Lee Brantwood, fifty-four, who's…": set off by commas, an adult's age too.
            let adult = bracket || key(b + 1).equals(",")
            guard let v = ageValue(j), (1...(adult ? 99 : 25)).contains(v), info[j].kind == .number || j > b + 1
            else { continue }
            let e = ageEnd(j)
            let closes =
                bracket
                ? key(e + 1).equals(")")
                : ageBreak(after: e) || verb && key(e + 1).isOne(of: ["when", "now", "then", "and", "but"])
                    || verb && ageAlternative(after: e, v) != nil
            guard closes, !out.contains(where: { $0.start < info[e].end && info[j].start < $0.end }) else {
                continue
            }
            var a = Candidate(label: .age, start: info[j].start, end: info[e].end)
            a.possible = true
            out.append(a)
        }
        return out.count == kept.count ? kept : out.sorted { $0.start < $1.start }
    }
}

extension ScanContext {
    /// "Kayden Morris, 14, Luton", "Morris, Kayden, 14, M", "Tyreese Holt, 16 years, Luton", "Holt, Tyreese, 16yrs":
    /// a found name, a comma (or a tab) and a bare age closed as a field is — a pasted row or an apposition. Not "Kai,
    /// 14 Mercer Street", not a run of numbers ("Kai, 14, 12, 9"). Runs once every person is found, those the note's
    /// fields name included (NoteFields.swift).
    mutating func findAgesAfterNamesInRows() {
        let ends = candidates.filter { $0.label == .person }.compactMap { tokenIndex(endingAt: $0.end) }
        for b in ends {
            guard let (j, e) = rowAge(after: b), !covered(j) else { continue }
            add(.age, tokens: j, e)
        }
    }

    /// The age a comma or a tab sets off after a name ending at token `b` (above): its first and last token.
    func rowAge(after b: Int) -> (Int, Int)? {
        var j = b + 1
        if key(j).equals(",") {
            j += 1
        } else if !tabBefore(j) {
            return nil
        }
        guard let t = tok(j) else { return nil }
        if t.kind == .number, t.length <= 2, let v = Int(t.text), (1...25).contains(v) {
            if key(j + 1).isOne(of: ["years", "yrs"]), ageBreak(after: j + 1) { return (j, j + 1) }
            return ageBreak(after: j) && at(j + 2)?.kind != .number ? (j, j) : nil
        }
        if let v = gluedUnitAge(j), (1...25).contains(v), ageBreak(after: j) { return (j, j) }
        return nil
    }
}
