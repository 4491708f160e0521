/// People in told stories (session 10, `stories`): practitioners telling a past case name a person once and then
/// by an initial ("J said", "K's mum wouldn't let us in", "I told J", "we placed K with her aunt"). Each rule is a
/// general shape with an invented example and a quiet twin in `StoryRecogniserTests`; they run after the person
/// and alias rules and add a person only where nothing else was found. An initial is `possible`: one letter says
/// little on its own, and the session memory never hunts it.
import SessionModel

extension ScanContext {
    /// Words a letter follows as a label, not a person: "Boy A said", "Plan B", "Child C's mum", "Flat D".
    static let letterTakers = Vocab.set(
        """
        boy girl child victim witness suspect perpetrator adult baby infant sibling person family families young
        plan vitamin section part type grade block class form flat room option group tier level category year stage
        wing ward unit exhibit appendix schedule annex zone gate platform bay floor house team key letter point
        mr mrs ms miss dr
        """)
    /// Verbs whose object is a person in a told story ("we placed K with her aunt", "picked J up", "I told J").
    static let personObjectVerbs = Vocab.set(
        """
        told tell asked ask placed moved visited met saw seen picked collected interviewed supported warned called rang
        phoned texted messaged found took take brought bring drove dropped helped helping support supporting
        """)
    /// What may follow an initial that is the object of such a verb: a joiner, a preposition, a pronoun, "up".
    static let afterInitialObject = Vocab.set(
        """
        and to at in on about with from for up back off home again that we i you he she they it if because but so
        when after before outside near yesterday today last
        """)
    /// What a person did in a told story, after "was"/"got"/"had been": "K was moved", "J got arrested".
    static let reportedParticiples = Vocab.set(
        """
        moved placed arrested excluded stabbed charged located returned groomed assaulted attacked injured found taken
        picked collected interviewed seen spotted released remanded sentenced convicted adopted removed referred
        discharged exploited trafficked missing killed hurt beaten raped abused recovered caught stopped searched
        """)

    /// Dotted or typed pairs of letters that are abbreviations, never a person's initials ("P.S.", "e.g.", "U.K.").
    static let letterAbbreviations = Vocab.set(
        """
        ps pps eg ie nb uk us vs ad bc am pm ok tv gp dj mc qc kc rn ot hr eu un cc dob aka asap rsvp pto etc st rd
        dr mr ms jr sr ph bsc msc mba phd cv id ip pc dc ds di yp sw cp dv la lac ch cse cce sen ehcp ae oj fyi
        ni dl ra ta hb ct mri ecg bp eta tbc
        """)

    /// Words dotted letters spell as abbreviations rather than initials ("I.T.", "N.O."; "P.S." is listed above).
    static let dottedWords = Vocab.set("it no re in on at an as is of or so up we me my by be do go hi us am")

    /// The rules of this file, run once the person and alias rules have run.
    mutating func findStoryPeople() {
        findInitialsInShorthand()
        findInitials()
        findDottedInitials()
        findInitialsBeforeSurnames()
        findLetterPairNames()
        findNamesWithDigitsForLetters()
        findMisspeltNames()
        findCapitalNamesSetOff()
        findNamesBeforeBracketedAges()
        findLowerCaseTitledInitials()
        findNicknamesAfterNames()
    }

    /// "RHIs - same provider", "VPNs = dead end": an acronym's plural (capitals and an "s") is a kind of thing, never
    /// one person, wherever a rule took it for a name. Run once every rule has run.
    mutating func dropAcronymPluralsTakenForPeople() {
        let drop = candidates.indices.filter { k in
            let c = candidates[k]
            guard c.label == .person, !c.sessionName, let b = tokenIndex(endingAt: c.end), info[b].start == c.start
            else { return false }
            return acronymPlural(b)
        }
        for k in drop.reversed() { candidates.remove(at: k) }
    }

    /// "Mo (15) - youth club -> Oldham", "T. (13) - no link made", "JD (14) →": a note's first word, a short name,
    /// an initial or a given name, straight before an age in brackets and a break: a person, however everyday the
    /// word (the age says so). Quiet: a count in brackets after a thing ("Referrals (15) - up"), a role or
    /// designation ("P3 (15)", "Mum (40)": the relation's age is its own rule), a word that takes a letter.
    mutating func findNamesBeforeBracketedAges() {
        for i in tokens.indices where info[i].kind == .word && !key(i + 1).equals("") {
            let t = tokens[i]
            guard t.capitalised, !quiet[i], !covered(i), opensNote(i) else { continue }
            var e = i
            // "T. (13)": an initial keeps its stop.
            if t.length == 1, key(i + 1).equals("."), joined(i + 1) { e = i + 1 }
            guard key(e + 1).equals("("), let v = ageValue(e + 2), (1...25).contains(v), at(e + 2)?.kind != .word,
                key(ageEnd(e + 2) + 1).equals(")")
            else { continue }
            let close = ageEnd(e + 2) + 1
            guard tok(close + 1).map({ $0.isPunct("-–—>→,:;|") }) ?? true else { continue }
            // A short name or initial whatever the lists say; a longer word only as a given name or on no list.
            let short = t.length <= 2 || t.length == 3 && t.allCaps
            guard short || given(i) || onNoList(i) else { continue }
            guard !inSet(.notNames, i), !inSet(.roles, i), !inSet(.relations, i), !inSet(.personNouns, i),
                !inSet(.singlePersonNouns, i), !Self.designations.contains(t.key),
                !Self.letterTakers.contains(t.key), !Self.letterAbbreviations.contains(t.key) || t.length == 1
            else { continue }
            addAlias(i, e, possible: true)
        }
    }

    /// "mrs k said she'd look into it", "miss j was the form tutor": a title typed in lower case before a letter
    /// alone, standing as a subject or set off. Quiet: "miss a lot", "miss u", "i miss i" (a word, not a title).
    mutating func findLowerCaseTitledInitials() {
        for i in tokens.indices where info[i].kind == .word && info[i].length == 1 && i > 0 {
            let t = tokens[i]
            guard !t.capitalised, !quiet[i], !covered(i), t.spaceBefore, !t.key.isOne(of: ["a", "i", "u", "o", "x"]),
                key(i - 1).isOne(of: ["mr", "mrs", "ms", "miss"]), !info[i - 1].capitalised || info[i - 1].allCaps
            else { continue }
            let n = key(i + 1)
            let standing =
                n == "" || Self.sayingVerbs.contains(n) || Vocab.strongVerbs.contains(n)
                || ["was", "is", "has", "had", "says", "thinks", "reckons", "rang", "called", "emailed"].contains(n)
                || tok(i + 1).map { $0.isPunct(",.;:)") || $0.isPunct("-–=") && $0.spaceBefore } ?? false
            guard standing else { continue }
            addAlias(i - 1, i, possible: true)
        }
    }

    /// "Mrs A", "MR X", "Dr B said": a title before a capital letter alone is a person named by an initial.
    func titledInitial(_ i: Int) -> Bool {
        guard i > 0, inSet(.titles, i - 1), info[i - 1].capitalised, info[i].spaceBefore else { return false }
        let p = key(i - 1)
        return ["mr", "mrs", "ms", "miss", "dr", "mx"].contains(p)
    }

    /// "J said he'd been sleeping at a mate's", "K's mum wouldn't let us in", "I told J", "we placed K with her
    /// aunt", "D kept going missing", "M was moved": a capital letter alone standing where a person stands — before
    /// a verb of saying or what a person did, before "'s" and what a person has, after a verb whose object is a
    /// person. Quiet: "I said", "Boy A said", "Plan B's cost", "went to A and E", "U said" (chat's "you"), a letter
    /// in a code ("T-shirt", "A1"), initials before a surname (found by the title and name rules).
    mutating func findInitials() {
        for i in tokens.indices where info[i].kind == .word && info[i].length == 1 {
            let t = tokens[i]
            guard t.capitalised, !quiet[i], !t.key.equals("i"), !covered(i) else { continue }
            if titledInitial(i), !(tok(i + 1).map { !$0.spaceBefore && $0.isPunct("-&") } ?? false) {
                addAlias(i - 1, i, possible: true)
                continue
            }
            // A letter glued to a hyphen, dot or digit is part of something else ("T-shirt", "J.Smith"), and one after
            // an apostrophe inside a word is its ending ("WHO'S").
            if let n = tok(i + 1), !n.spaceBefore, !(n.isPunct("'’,")) { continue }
            if i > 0, !t.spaceBefore, !info[i - 1].isPunct("(\"“'‘") { continue }
            if i > 1, !t.spaceBefore, !info[i - 1].spaceBefore, info[i - 2].isWordLike { continue }
            let prev = key(i - 1)
            if Self.letterTakers.contains(prev) || Self.designations.contains(prev) { continue }
            // "Category C", "Exhibit D": a capitalised word before the letter names a thing, unless it opens the
            // sentence ("Then J said").
            if let p = tok(i - 1), p.kind == .word, p.capitalised, !p.sentenceStart, !Vocab.titles.contains(p.key) {
                continue
            }
            let next = key(i + 1)
            let possessive = (next == "'" || next == "’") && key(i + 2).equals("s") && joined(i + 1) && joined(i + 2)
            if possessive {
                if inSet(.relations, i + 3) || Self.possessedInNotes.contains(key(i + 3))
                    || Self.accountWords.contains(key(i + 3))
                    || (inSet(.siblingOrder, i + 3) && inSet(.relations, i + 4))
                {
                    addAlias(i, i, possible: true)
                }
                continue
            }
            // "A" and "U" alone are an article and chat's "you" too often to be taken anywhere but as an owner.
            if t.key.equals("a") || t.key.equals("u") { continue }
            let subject =
                Self.sayingVerbs.contains(next) || Vocab.strongVerbs.contains(next)
                || Self.reportedVerbs.contains(next) || Self.movedVerbs.contains(next)
                || (["was", "were", "got", "had", "has", "is"].contains(next)
                    && (Self.reportedParticiples.contains(key(i + 2))
                        || key(i + 2).equals("been") && Self.reportedParticiples.contains(key(i + 3))))
            if subject {
                addAlias(i, i, possible: true)
                continue
            }
            // "a lad, J, who was fourteen": an initial between commas after a person word.
            if prev == ",", inSet(.personNouns, i - 2) || inSet(.relations, i - 2) || inSet(.singlePersonNouns, i - 2),
                key(i + 1).equals(",")
            {
                addAlias(i, i, possible: true)
                continue
            }
            // An object in running prose: one space from its verb, and something after it ("not found\tN" is a
            // table's column).
            if Self.personObjectVerbs.contains(prev), t.start > 0, scalars[t.start - 1] == " ",
                let n = tok(i + 1), !n.lineStart, n.isPunct(".,;:!?)") || Self.afterInitialObject.contains(n.key)
            {
                addAlias(i, i, possible: true)
            }
        }
    }

    /// "A.O. 13 - Cheetham Hill", "strat for T.O. (16)", "(K.B. at the school)", "(N.P. - Wisbech)": two or three
    /// capitals each with its stop are a person's initials where a person stands — before an age or a verb of saying,
    /// after a verb or preposition a person follows, or alone in brackets. Quiet: "P.S.", "e.g.", "U.K.", "A.M.".
    mutating func findDottedInitials() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .word, info[i].length == 1, info[i].capitalised, !quiet[i] else { continue }
            if i > 0, !info[i].spaceBefore, !info[i - 1].isPunct("(\"“'‘") { continue }
            var e = i
            var letters = tokens[i].key
            while key(e + 1).equals("."), joined(e + 1), let l = tok(e + 2), l.kind == .word, l.length == 1,
                l.capitalised,
                joined(e + 2)
            {
                letters += l.key
                e += 2
            }
            guard letters.count >= 2, letters.count <= 3 else { continue }
            let a = i
            i = e
            // The last stop belongs to the initials ("A.O."), unless it ends the sentence.
            var last = e
            if key(e + 1).equals("."), joined(e + 1) { last = e + 1 }
            // Initials may spell a word ("T.O."); the short words a dotted pair spells otherwise are listed.
            if Self.letterAbbreviations.contains(letters) || Self.dottedWords.contains(letters)
                || Vocab.notNames.contains(letters)
                || Self.chatWords.contains(letters) || Vocab.roles.contains(letters)
            {
                continue
            }
            if tok(last + 1).map({ !$0.spaceBefore && !$0.isPunct(",;:)\"”'’?!") }) ?? false { continue }
            if (a...last).contains(where: covered) { continue }
            // Session 15: "K.D. still identifies", "- I.H. -", "\"I.H.\" = Ibby": every letter with its stop, the
            // closing one too, is written as initials wherever it stands (abbreviations are listed above).
            if last == e + 1, e > a {
                addAlias(a, last, possible: true)
                continue
            }
            let prev = key(a - 1)
            let next = key(last + 1)
            let aged = (ageAfterName(last) ?? looseAgeAfterName(last)) != nil
            let bracketed = prev == "(" && [")", "-", "–", "at", "in", ",", "/"].contains(next)
            let subject = Self.sayingVerbs.contains(next) || Vocab.strongVerbs.contains(next)
            let object =
                Self.personObjectVerbs.contains(prev) || Self.personObjectCues.contains(prev)
                || ["for", "with", "by"].contains(prev)
            // "P.A. -> moved out of area", "- T.R. - missing again": initials opening a note before an arrow or a
            // spaced dash (the note's subject).
            let arrowed =
                next == "→" || ["-", "–", "="].contains(next) && key(last + 2).equals(">") && joined(last + 2)
            let opening = opensNote(a) && (arrowed || ["-", "–"].contains(next) && info[last + 1].spaceBefore)
            if aged || bracketed || subject || object || opening {
                addAlias(a, last, possible: true)
            }
        }
    }

    /// "Callum "Cal-Z" 15 -", "Callum Reilly (Cal-Z), 15", "Shanice 'Shan' Doyle": a nickname set off in quotes or
    /// brackets straight after a person's name. Quiet: a role, relation, place, age or note in brackets ("Callum
    /// (sw)", "Callum (Leeds)", "Callum (15)", "Callum (not his real name)"), a quoted everyday phrase.
    mutating func findNicknamesAfterNames() {
        let people = candidates.filter { $0.label == .person }
        for c in people {
            guard let b = tokenIndex(endingAt: c.end), let open = at(b + 1), open.spaceBefore,
                open.isPunct("\"“'‘(")
            else { continue }
            let j = b + 2
            guard let n = tok(j), n.kind == .word, !quiet[j], !covered(j) else { continue }
            // One word, or a hyphenated one ("Cal-Z", "T-Bone"), then the closing mark.
            var e = j
            if key(e + 1).equals("-"), joined(e + 1), let h = at(e + 2), joined(e + 2), h.kind != .punct { e += 2 }
            guard let close = at(e + 1), !close.spaceBefore,
                close.isPunct(open.isPunct("(") ? ")" : "\"”'’")
            else { continue }
            guard !notAName(j), !inSet(.relations, j), !inSet(.roles, j), !inSet(.personNouns, j),
                !on([.town, .bigPlace], j), ageValue(j) == nil, !Vocab.functionWords.contains(n.key)
            else { continue }
            // A word with a name's shape: hyphenated, or capitalised (not an acronym: "(BTP)", "(TM)"); in quotes,
            // a given name or a word on no list in any case too (not in brackets: "(sibs)" is a note).
            let named = n.capitalised && !n.allCaps && (given(j) || onNoList(j) || !on(.word, j))
            let quoted = !open.isPunct("(") && (given(j) || onNoList(j)) && !n.allCaps
            guard e > j || named || quoted else { continue }
            addAlias(j, e, possible: true)
        }
    }

    /// "T. Reid YOT - 01632 …", "Allocated: D Whitcombe": a capital letter (with or without its stop) before a
    /// capitalised word that is a listed surname (no everyday word) or on no list is a person's initial and surname.
    /// Quiet: "A Level", "Plan B Smith" (a letter a word takes), "P. S.", "I Think", "J Street" (a street's name).
    mutating func findInitialsBeforeSurnames() {
        for i in tokens.indices where info[i].kind == .word && info[i].length == 1 && info[i].capitalised {
            guard !quiet[i], !keys[i].equals("i"), !keys[i].equals("a"), !covered(i) else { continue }
            if i > 0, !info[i].spaceBefore, !info[i - 1].isPunct("(\"“'‘,") { continue }
            if Self.letterTakers.contains(key(i - 1)) || Self.designations.contains(key(i - 1)) { continue }
            var j = i + 1
            if key(j).equals("."), joined(j) { j += 1 }
            guard let s = at(j), s.kind == .word, s.capitalised, !s.allCaps || isShouted(), s.length >= 3,
                s.spaceBefore, !on([.word, .town, .bigPlace], j), on(.surname, j) || onNoList(j), !notAName(j),
                !covered(j), !Vocab.streetHeads.contains(key(j + 1)), !Vocab.orgHeads.contains(key(j + 1))
            else { continue }
            addAlias(i, j, possible: onNoList(j))
        }
    }

    /// "JT was sixteen", "JJ 14yo Luton", "her bf DK", "JT, bless her, she was…", "RJ's mum": two capitals on no list
    /// (no acronym, role or shorthand) are a person's initials where a person stands — before an age, or "'s" and what a
    /// person has, after a relation, or named and then called "she"/"he". Quiet: "CP was closed", "RA said low risk"
    /// (a document speaks too, so a verb of saying is not enough), "SW said" (roles and acronyms are on lists).
    mutating func findLetterPairNames() {
        for i in tokens.indices where info[i].kind == .word && info[i].length == 2 && info[i].allCaps {
            guard !quiet[i], onNoList(i), !notAName(i), !covered(i), !Self.letterAbbreviations.contains(key(i)),
                !Vocab.orgHeadAcronyms.contains(key(i)), !inSet(.caseCues, i), !Self.practiceAcronyms.contains(key(i))
            else { continue }
            if let n = tok(i + 1), !n.spaceBefore, !n.isPunct(",;:)'’") { continue }
            if i > 0, !info[i].spaceBefore, !info[i - 1].isPunct("(\"“'‘") { continue }
            if Self.letterTakers.contains(key(i - 1)) || Self.designations.contains(key(i - 1)) { continue }
            let next = key(i + 1)
            // "JJ 14yo": an age glued to its unit.
            let glued =
                tok(i + 1).map { n in
                    n.kind == .alnum && ["yo", "yrs", "yr"].contains(String(n.key.drop { $0.isNumber }))
                        && Int(n.key.prefix { $0.isNumber }).map { (1...25).contains($0) } == true
                } ?? false
            let aged =
                glued || (ageAfterName(i) ?? looseAgeAfterName(i)) != nil
                || ["was", "is"].contains(next) && ageValue(i + 2) != nil
                    && (tok(i + 3).map { $0.kind == .punct || ["but", "and", "when"].contains($0.key) } ?? true)
            let owner =
                ["'", "’"].contains(next) && key(i + 2).equals("s") && joined(i + 1)
                && (inSet(.relations, i + 3) || Self.possessedInNotes.contains(key(i + 3)))
            let related = inSet(.relations, i - 1) && !(at(i - 1)?.sentenceStart == true && info[i].sentenceStart)
            let named = next == "," && (i + 2...i + 5).contains { key($0).isOne(of: ["she", "he"]) }
            if aged || owner || related || named {
                addAlias(i, i, possible: true)
            }
        }
    }

    /// Digits typed for the letters they look like, inside a word ("Shann0n", "j4yden", "K1era").
    static let lookalikeLetters: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"]

    /// "Shann0n new number …", "texts from j4yden": a word with a digit typed for a letter between letters that then
    /// spells a listed given name of four letters or more (no everyday word) is that name. Quiet: "MA17KLP" (a
    /// plate), "b4", "gr8", "tyler99" (digits after a name: its own rule).
    mutating func findNamesWithDigitsForLetters() {
        for i in tokens.indices where info[i].kind == .alnum && !quiet[i] && !covered(i) {
            let k = Array(tokens[i].key)
            guard k.count >= 4, k.count <= 14, k.first?.isLetter == true, k.last?.isLetter == true else { continue }
            var spelled = ""
            var swapped = 0
            for c in k {
                if c.isLetter {
                    spelled.append(c)
                } else if let l = Self.lookalikeLetters[c] {
                    spelled.append(l)
                    swapped += 1
                } else {
                    spelled = ""
                    break
                }
            }
            guard swapped >= 1, swapped <= 2, spelled.count == k.count, gazetteer.isGiven(spelled),
                !gazetteer.isWord(spelled), !gazetteer.isAmbiguous(spelled)
            else { continue }
            var c = Candidate(label: .person, start: info[i].start, end: info[i].end)
            c.possible = true
            candidates.append(c)
        }
    }

    /// The listed names one typing slip away from `word`: a letter changed, dropped, added or two swapped.
    func nameOneSlipAway(_ word: String) -> Bool {
        let w = Array(word)
        let letters = "abcdefghijklmnopqrstuvwxyz"
        func listed(_ c: [Character]) -> Bool {
            let s = String(c)
            return (gazetteer.isGiven(s) || gazetteer.isSurname(s)) && !gazetteer.isWord(s) && !gazetteer.isAmbiguous(s)
        }
        for p in w.indices {
            var d = w
            d.remove(at: p)
            if d.count >= 4, listed(d) { return true }
            if p + 1 < w.count {
                var t = w
                t.swapAt(p, p + 1)
                if t != w, listed(t) { return true }
            }
            for l in letters where l != w[p] {
                var r = w
                r[p] = l
                if listed(r) { return true }
            }
        }
        for p in 0...w.count {
            for l in letters {
                var a = w
                a.insert(l, at: p)
                if listed(a) { return true }
            }
        }
        return false
    }

    /// `a` and `b` differ by one typing slip: a letter changed, dropped or added, or two neighbours swapped.
    static func oneSlipApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        if x == y { return false }
        if x.count == y.count {
            let diff = x.indices.filter { x[$0] != y[$0] }
            if diff.count == 1 { return true }
            return diff.count == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var p = 0
        while p < short.count, long[p] == short[p] { p += 1 }
        return Array(long[(p + 1)...]) == Array(short[p...])
    }

    /// 'Popescu was on our system as "Popesku"', 'a misspelt surname, "Lavertey"', "LAVERTY/LAVERTEY": a word on no
    /// list, five letters or more, one typing slip from a person found in the same text, or set off in quotes or a
    /// slash pair one slip from a listed name (no everyday word), is that name misspelt. Quiet: "Popular", an everyday
    /// word mistyped ("recieved": on no name list), a quoted word far from any name.
    mutating func findMisspeltNames() {
        let found = personKeys().keys.filter { $0.count >= 5 }
        for i in tokens.indices where info[i].kind == .word && info[i].length >= 5 {
            guard !quiet[i], onNoList(i), !notAName(i), !covered(i), !Self.brands.contains(key(i)) else { continue }
            let k = key(i)
            let near = found.contains { Self.oneSlipApart($0, k) }
            let quoted = at(i - 1)?.isPunct("\"“'‘") == true && at(i + 1)?.isPunct("\"”'’") == true
            let paired = key(i - 1).equals("/") && joined(i - 1) || key(i + 1).equals("/") && joined(i + 1)
            guard near || (quoted || paired) && info[i].capitalised else { continue }
            // The dearer tests last, on the few words left.
            guard !typoOfEverydayWord(i), near || nameOneSlipAway(k) else { continue }
            var c = Candidate(label: .person, start: info[i].start, end: info[i].end)
            c.possible = true
            candidates.append(c)
        }
    }

    /// "(AMIR, SKEGNESS)", "key worker at the home (MARCIA)", "(JT / CHELSEA)": in a note otherwise in lower case, a
    /// listed given name in capitals (no everyday word or place) set off alone or in a list inside brackets is a name.
    /// Quiet: "(CSE)", "(MASH, YOT)" (acronyms are no given names), "(PARIS)" (a place).
    mutating func findCapitalNamesSetOff() {
        guard tokens.contains(where: { $0.isPunct("(") }) else { return }
        for i in tokens.indices where info[i].kind == .word && info[i].allCaps && info[i].length >= 3 {
            guard !quiet[i], given(i), !on([.word, .town, .bigPlace], i), !ambiguous(i), !notAName(i), !covered(i)
            else { continue }
            // Inside brackets: walk back over a list of capitals to the opening bracket.
            var j = i - 1
            while j >= 0, info[j].isPunct(",/&+") || info[j].kind == .word && info[j].allCaps { j -= 1 }
            guard j >= 0, info[j].isPunct("("), let n = at(i + 1), n.isPunct(",/&+)") else { continue }
            var c = Candidate(label: .person, start: info[i].start, end: info[i].end)
            c.possible = true
            candidates.append(c)
        }
    }
}
