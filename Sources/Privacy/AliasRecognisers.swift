/// People named the way unseen notes name them (session 9, `people5`): an alias after a cue whatever its case or
/// dictionary status ("older male known as smokey", "his street name was, er, Spider", "he used the name Shadow",
/// "lil d and skinny - names given by yp"); a short name or a shortening where only a person stands ("jay's sister",
/// "thx mo", "mtg w/ soph", "jaz d.o.b. …", "gill (TM)", "and Mo said"); names inside file names, typed or said
/// ("hughes_caseload_2024.xlsx", "Lacey underscore strat underscore notes dot docx"); a caption's restart ("dami
/// damilola", "soph (sophie - yp)"); a name typed with two letters swapped ("chnatelle"); lists of nicknames
/// ("Jonesy / Bones / Smurf"). Each rule is a class with an invented example and a quiet twin in `AliasRecogniserTests`.
/// They run after the person rules (PersonRecognisers.swift) and only where nothing was found; a finding that rests
/// on a word of the English list, or on a word nobody listed, is `possible`.
import SessionModel

extension ScanContext {
    /// Words that never start an alias ("known as a…", "called back", "goes by bus", "call him tomorrow").
    static let notAnAlias = Vocab.set(
        """
        back out round up off in on over by for about again everyone everybody someone somebody nobody us police
        ambulance time bus car train taxi foot tomorrow today tonight later now yesterday itself themselves himself
        herself online offline anyway instead
        it this that these those what something anything nothing one ones exploitation grooming cuckooing
        """)
    /// Nouns that name a name ("street name", "nickname", shorthand "strt nm").
    static let nameNouns = Vocab.set("name names nm nickname nicknames alias aliases")
    /// Before a name noun, a person's kind of name ("street name", "strt nm", "real name").
    static let nameKinds = Vocab.set("street strt st nick real first full given sur road gang")
    /// Verbs that take "the name X" ("used the name Shadow", "under the name Bones").
    static let nameTakingVerbs = Vocab.set(
        "use uses used using under gave gives give go goes went going called call calls calling answers answered")
    /// What stands between a cue and the name in speech and notes ("was, er, Spider", "is: Tee").
    static let cueFillers = Vocab.set("is was were are um umm uh er erm like just only simply ,  : - – = \" “ ' ‘")
    /// Subjects that make an everyday word after "called"/"known as" a name ("he's known as trouble" stays possible).
    static let aliasSubjects = Vocab.set("he she him her they them who hes shes he's she's one")
    /// Separators said aloud inside a file name.
    static let spokenFileSeparators = Vocab.set("underscore underscores dash hyphen dot")
    /// What ends a spoken file name's walk back ("it's called …", "saved it as …").
    static let fileNameStops = Vocab.set("called named saved save as is was it's its file files the a an sent send")
    /// What a person's name is followed by in a note, where a word on no list opens it ("jaz d.o.b. …").
    static let identifierCuesAfterName = Vocab.set("dob birthday bday born nhs mob mobile tel")
    /// Thanks and greetings a name follows at the end of a message ("thx mo", "cheers jo").
    static let thanksWords = Vocab.set("thx thanks thank ty ta cheers thankyou tx")
    /// Words after thanks that are no name ("thanks all", "cheers guys").
    static let notThanked = Vocab.set(
        "all everyone everybody guys both team folks again so very much for you u ya lol x xx xxx loads lots ra rah")

    /// The people this file's rules find, run once the person rules have run. Not inlined, so a profile shows what
    /// the pass costs (one call a scan).
    @inline(never) mutating func findAliasesAndShortNames() {
        findAliasesAfterCues()
        findNamesBeforeNameNouns()
        findAliasesBeforeRealNames()
        findFamilyShorthand()
        findBigManNames()
        findFullNamesAfterIdentifiers()
        findFamiliesTakenForPlaces()
        findNamesInFileNames()
        findShortNamesInPersonPositions()
        findRestartedNames()
        findSwappedLetterNames()
        findNicknameLists()
        findStoryPeople()
        findAliasAlternatives()
    }

    /// Session 14: the other names given with an alias ("known as Big Mo / Mo", "street name Big Mo / MoneyMo", "aka
    /// Trigger or T"): a person found within three words after an alias cue, then a slash or "or" and a name.
    mutating func findAliasAlternatives() {
        let people = candidates.filter { $0.label == .person }
        for c in people {
            guard let e = tokenIndex(endingAt: c.end), key(e + 1).equals("/") || key(e + 1).equals("or") else {
                continue
            }
            var s = e
            while s > 0, info[s - 1].end > c.start { s -= 1 }
            let cued = (max(0, s - 3)..<s).contains { k in
                key(k).isOne(of: ["aka", "nickname", "nn", "alias"])
                    || key(k).equals("as") && key(k - 1).isOne(of: ["known", "kn"])
                    || key(k).equals("by") && key(k - 1).isOne(of: ["goes", "go", "going", "went"])
                    || key(k).isOne(of: ["name", "nm"]) && key(k - 1).isOne(of: ["street", "strt", "st"])
            }
            if cued { aliasAlternatives(after: e) }
        }
    }

    /// Adds a person over tokens `a...b` unless something else is found there; a person found inside it is taken in.
    mutating func addAlias(_ a: Int, _ b: Int, possible: Bool) {
        let s = info[a].start
        let e = info[b].end
        if candidates.contains(where: {
            $0.start < e && s < $0.end && ($0.label != .person || $0.start <= s && e <= $0.end)
        }) {
            return
        }
        candidates.removeAll { $0.label == .person && $0.start >= s && $0.end <= e && !$0.sessionName }
        var c = Candidate(label: .person, start: s, end: e)
        c.possible = possible
        candidates.append(c)
    }

    /// A person is the subject just before token `i` (within three words, quotes skipped): a person word, a relation,
    /// "older male", a pronoun ("a \"bf\" called ace", "he's known as smokey").
    func aliasSubjectBefore(_ i: Int) -> Bool {
        var j = i - 1
        var words = 0
        while j >= 0, words < 3 {
            if info[j].kind == .punct {
                guard info[j].isPunct("\"“”'’‘,") else { return false }
                j -= 1
                continue
            }
            if inSet(.personNouns, j) || inSet(.relations, j) || inSet(.quotedAfter, j)
                || inSet(.singlePersonNouns, j) || Self.aliasSubjects.contains(key(j))
            {
                return true
            }
            words += 1
            j -= 1
        }
        return false
    }

    /// Where an alias cue at token `i` ends: the token after it, and whether the cue says outright that a name follows
    /// ("street name", "nickname", "aka", "the name", "call him") or only may ("called", "known as", "goes by").
    func aliasCue(at i: Int) -> (next: Int, strong: Bool)? {
        let k = key(i)
        switch k {
        case "aka": return (i + 1, true)
        case "nicknamed": return (i + 1, true)
        case "known":
            // "Known as: Rhysy": a form's field says outright that a name follows.
            if key(i + 1).equals("as") { return (i + 2, key(i + 2).equals(":")) }
            if key(i + 1).isOne(of: ["locally", "online", "round", "around", "mainly", "only"]) {
                if key(i + 2).equals("as") { return (i + 3, false) }
                if key(i + 3).equals("as"), key(i + 2).isOne(of: ["here", "there"]) { return (i + 4, false) }
            }
            return nil
        case "know", "knew":
            // "the other one we only know as Slim".
            if key(i + 1).equals("as") { return (i + 2, false) }
            return nil
        case "called", "named":
            // "he called himself Ghost", "they called her Tee".
            if key(i + 1).isOne(of: ["him", "her", "himself", "herself", "me"]) { return (i + 2, true) }
            return (i + 1, false)
        case "call", "calls", "calling":
            // Not "call them 'olders'": a group's name for a kind of person.
            if key(i + 1).isOne(of: ["him", "her", "himself", "herself", "me"]) { return (i + 2, true) }
            return nil
        case "by":
            // "goes by Tee"; "goes by the name Tee" is the name noun's.
            if key(i - 1).isOne(of: ["goes", "go", "went", "going"]), !key(i + 1).equals("the") {
                return (i + 1, false)
            }
            return nil
        default:
            break
        }
        guard Self.nameNouns.contains(k) else { return nil }
        // "street name was", "strt nm", "nickname:", "alias -"; "used the name Shadow", "his name was": a name noun
        // after a kind of name, a possessive or "the" after a verb that takes a name.
        let kind = Self.nameKinds.contains(key(i - 1)) || k.hasPrefix("nick") || k.hasPrefix("alias")
        let taken = key(i - 1).equals("the") && Self.nameTakingVerbs.contains(key(i - 2))
        let owned =
            Self.possessives.contains(key(i - 1)) || key(i - 1).equals("s") && isApostrophe(i - 2)
        guard kind || taken || owned else { return nil }
        // "the name of the school", "name and address": a name noun that goes on to something else.
        if key(i + 1).isOne(of: ["of", "and", "for", "to", "in", "on", "change", "changed"]) { return nil }
        // "gang names mentioned", "names given by yp": the names are before it (`findNamesBeforeNameNouns`).
        if Self.namesSaid.contains(key(i + 1)) { return nil }
        // "her name's Siobhan": the "'s" is "is".
        if isApostrophe(i + 1), key(i + 2).equals("s") { return (i + 3, true) }
        return (i + 1, true)
    }

    /// "older male known as smokey", "a \"bf\" called ace", "his street name was, er, Spider", "he used the name
    /// Shadow online", "strt nm \"Ghost\"", "we call him mo", "goes by Tee": the name after an alias cue, whatever its
    /// case or dictionary status where the cue says a name follows; after "called", "known as" or "goes by" a word on
    /// the English list needs a person before the cue. Quiet: "called back", "known as a hotspot", "what's known as
    /// cuckooing", "goes by bus", "call him tomorrow", "called the police", roles.
    mutating func findAliasesAfterCues() {
        for i in tokens.indices
        where (vocab[i].contains(.peopleCues) || keys[i].equals("know") || keys[i].equals("knew")) && !quiet[i] {
            guard let (next, strong) = aliasCue(at: i) else { continue }
            // "Abdirahman, we call him Abdi": the name the alias stands for, just before.
            if key(i).isOne(of: ["call", "called"]),
                ["we", "they", "everyone", "everybody", "people", "i"].contains(
                    key(i - 1)), [",", "-", "–"].contains(key(i - 2)), let p = at(i - 3), p.kind == .word,
                p.length >= 3,
                !covered(i - 3), !notAName(i - 3), !inSet(.relations, i - 3), !inSet(.personNouns, i - 3),
                given(i - 3) || onNoList(i - 3) || surnameOnly(i - 3) || p.capitalised && !p.sentenceStart
            {
                addAlias(i - 3, i - 3, possible: !given(i - 3) && !surnameOnly(i - 3))
            }
            var j = next
            var skipped = 0
            while skipped < 4, let t = tok(j), Self.cueFillers.contains(t.key) || t.isPunct(",:-–=\"“'‘") {
                // A colon or "is" after "called" is no naming ("called: 999", "called is"): only after a strong cue.
                if !strong, !t.isPunct("\"“'‘") { break }
                j += 1
                skipped += 1
            }
            // One letter only where a hyphen goes on ("aka d-money").
            let hyphenated = key(j + 1).equals("-") && joined(j + 1) && joined(j + 2)
            guard let n = tok(j), n.kind == .word || n.kind == .alnum, n.length >= 2 || hyphenated, !quiet[j],
                !covered(j),
                !Self.notAnAlias.contains(n.key), !Vocab.functionWords.contains(n.key),
                !Self.determiners.contains(n.key), !inSet(.relations, j), !inSet(.roles, j),
                !inSet(.personNouns, j), !inSet(.notNames, j), !Vocab.nationalities.contains(n.key),
                !Vocab.countries.contains(n.key), !Vocab.genericServiceWords.contains(n.key),
                !on([.town, .bigPlace], j) || given(j), !n.allCaps || given(j) || n.length <= 3,
                !Self.chatWords.contains(n.key) || n.capitalised
            else { continue }
            // "real name thought to be …", "a nickname broke the network": a verb after the cue, not a name (the
            // name, if any, comes later and has its own rules).
            if key(j + 1).equals("to"), key(j + 2).equals("be") { continue }
            if j == next, key(i - 1).isOne(of: ["a", "an", "one", "every", "any"]), !n.capitalised, on(.word, j),
                !given(j)
            {
                continue
            }
            var e = j
            // "lil d", "big man tee", "Baby Girl": a prefix takes the name after it.
            if Self.namePrefixes.contains(n.key), let m = tok(j + 1), m.kind == .word,
                !Vocab.functionWords.contains(m.key)
            {
                e = j + 1
                if Self.streetNameMiddles.contains(m.key), let l = tok(j + 2), l.kind == .word,
                    !Vocab.functionWords.contains(l.key)
                {
                    e = j + 2
                }
            } else if n.capitalised, let m = tok(j + 1), m.kind == .word, m.capitalised, !m.allCaps,
                m.start - n.end == 1, !notAName(j + 1), !covered(j + 1), !Vocab.streetHeads.contains(m.key),
                !Vocab.orgHeads.contains(m.key)
            {
                e = j + 1
            }
            let wordy = on(.word, j) && !given(j) && !n.capitalised
            // After a weak cue, an everyday word is a name only after a person ("older male known as smokey").
            if !strong, on(.word, j) || on(.ambiguous, j), !n.capitalised || n.sentenceStart,
                !aliasSubjectBefore(i)
            {
                continue
            }
            // "called" and "named" need a person before them or a name's shape after ("a lad called …").
            if !strong, key(i).isOne(of: ["called", "named"]), !aliasSubjectBefore(i),
                !(n.capitalised && !n.sentenceStart) && !given(j) && !onNoList(j)
            {
                continue
            }
            addAlias(j, e, possible: wordy || onNoList(j) && !n.capitalised)
        }
    }

    /// Session 14: "known as Big Mo / Mo", "street name Big Mo / MoneyMo", "goes by Trigger or T": the other names
    /// given with an alias, after a slash or "or", each a word (two letters or more, or one capital) that is no
    /// everyday word, role or relation. Quiet: "known as Spider / the spider man", "goes by Tee or something".
    mutating func aliasAlternatives(after e: Int) {
        var e = e
        for _ in 0..<2 {
            guard key(e + 1).equals("/") || key(e + 1).equals("or"), let n = at(e + 2),
                n.kind == .word || n.kind == .alnum,
                !covered(e + 2), !quiet[e + 2], n.capitalised || n.kind == .alnum,
                n.length >= 2 || key(e + 1).equals("or"), !Vocab.functionWords.contains(key(e + 2)),
                !Self.determiners.contains(key(e + 2)), !inSet(.relations, e + 2), !inSet(.roles, e + 2),
                !inSet(.notNames, e + 2), !Self.notAnAlias.contains(key(e + 2)),
                !on(.word, e + 2) || given(e + 2) || n.capitalised && !n.sentenceStart
            else { return }
            addAlias(e + 2, e + 2, possible: false)
            e += 2
        }
    }

    /// "ace real name poss Asif Hussain", "tee street name - …": a note opens with an alias before "real name" or
    /// "street name". Quiet: "Full name: …", "the real name".
    mutating func findAliasesBeforeRealNames() {
        for i in tokens.indices where vocab[i].contains(.peopleCues) && keys[i].equals("name") && i >= 2 {
            guard key(i - 1).isOne(of: ["real", "street", "strt", "full", "proper"]), opensNote(i - 2),
                shortNameCandidate(i - 2), !Vocab.functionWords.contains(key(i - 2))
            else { continue }
            addAlias(i - 2, i - 2, possible: true)
        }
    }

    /// "lil d and skinny - names given by yp", "Bones, Smurf (street names)", "tee = nickname": names set off before a
    /// name noun (each item of a short list). Quiet: "Mon and Tues - names of days", "name and address".
    mutating func findNamesBeforeNameNouns() {
        for i in tokens.indices where vocab[i].contains(.peopleCues) && Self.nameNouns.contains(tokens[i].key) {
            // "names given by yp", "(street names)", "= nickname?": what follows says they are names.
            let said = tok(i + 1).map { $0.kind == .punct || Self.namesSaid.contains($0.key) } ?? true
            guard said, !key(i).equals("name") || Self.nameKinds.contains(key(i - 1)) else { continue }
            var s = i - 1
            if Self.nameKinds.contains(key(s)) { s -= 1 }
            guard let sep = at(s), sep.isPunct("-–=(:"), sep.spaceBefore || sep.isPunct("("), s >= 1 else { continue }
            // The items before the separator, back to the note's start or a mark that is no joiner.
            var items: [(Int, Int)] = []
            var j = s - 1
            var end = j
            while j >= 0, s - j <= 9 {
                let t = tokens[j]
                if t.kind == .word, !t.key.isOne(of: ["and", "&"]) {
                    j -= 1
                    continue
                }
                guard ["and", "&", ",", "+", "/"].contains(t.key) else { break }
                items.append((j + 1, end))
                j -= 1
                end = j
            }
            guard j < 0 || info[j].kind == .punct && !["&", ",", "+", "/"].contains(tokens[j].key) else { continue }
            items.append((j + 1, end))
            let ok = items.allSatisfy { a, b in
                a <= b && b - a <= 2
                    && (a...b).allSatisfy {
                        info[$0].kind == .word && !Vocab.functionWords.contains(key($0)) && !inSet(.notNames, $0)
                            && !inSet(.roles, $0) && !inSet(.relations, $0)
                            && !Vocab.genericServiceWords.contains(key($0))
                    }
            }
            guard ok else { continue }
            for (a, b) in items { addAlias(a, b, possible: true) }
        }
    }

    static let namesSaid = Vocab.set("given used heard mentioned known only said by from")

    /// "hughes_caseload_2024.xlsx", "kaydee_CSE_assessment_final.docx", "Lacey underscore strat underscore notes dot
    /// docx", "it's called Tanya underscore chronology final dot docx": a file's name split at "_", "-", "." (said
    /// aloud: "underscore", "dash", "dot"); a part that is a listed name that is no everyday word, a listed surname
    /// or a word on no list is a person. Quiet: "case_notes_v2.docx", "MACE_minutes_final.pdf", "strat_notes.docx".
    mutating func findNamesInFileNames() {
        for e in tokens.indices where vocab[e].contains(.peopleCues) && Self.fileExtensions.contains(tokens[e].key) {
            var parts: [Int] = []
            if e >= 2, key(e - 1).equals("."), joined(e - 1), joined(e) {
                var j = e - 2
                while j >= 0 {
                    let t = info[j]
                    if t.kind == .word {
                        parts.append(j)
                    } else if t.kind == .punct, !t.isPunct("_-.") {
                        // ".../resources/template.docx": a web address's path, not a file someone named.
                        if t.isPunct("/") { parts = [] }
                        break
                    }
                    if !joined(j) { break }
                    j -= 1
                }
            } else if e >= 2, key(e - 1).equals("dot"), info[e].spaceBefore {
                var j = e - 2
                var separators = 0
                while j >= 0, e - j <= 10 {
                    let t = tokens[j]
                    if Self.spokenFileSeparators.contains(t.key) {
                        separators += 1
                    } else if t.kind == .word, !Self.fileNameStops.contains(t.key), !inSet(.hesitations, j),
                        !Vocab.functionWords.contains(t.key)
                    {
                        parts.append(j)
                    } else if t.kind != .number && t.kind != .alnum {
                        break
                    }
                    j -= 1
                }
                // Words said before "dot docx" with no separator said are a file's name only when few.
                if separators == 0, parts.count > 2 { continue }
            }
            for p in parts where !covered(p) && !quiet[p] {
                let t = tokens[p]
                guard t.length >= 3, !t.allCaps, !notAName(p), !on([.town, .bigPlace], p),
                    !Self.fileExtensions.contains(t.key), !Self.spokenFileSeparators.contains(t.key)
                else { continue }
                if given(p) && (!ambiguous(p) || t.capitalised) || surnameOnly(p) {
                    addAlias(p, p, possible: false)
                } else if onNoList(p), t.length >= 4 {
                    addAlias(p, p, possible: true)
                }
            }
        }
    }

    /// Every word a rule of this file starts from or looks for beside a name, flagged once per token (`TokenVocab`):
    /// the loops test a bit, not a string, for the words that are none of these.
    static let peopleCueWords: Set<String> = Vocab.set(
        "aka nicknamed known called named call calls calling by name names nm nickname nicknames alias aliases"
    ).union(namePrefixes).union(fileExtensions).union(thanksWords).union(identifierCuesAfterName).union(sayingVerbs)
        .union(movedVerbs).union(Vocab.strongVerbs).union(Vocab.set("fam family household says said"))

    /// Token `i` stands where one of the short-name rules looks: before "'s", "'" or a bracket, after "w/", beside a
    /// cue word, after a relation or before a role. Bit tests and scalar compares only.
    func shortNamePosition(_ i: Int) -> Bool {
        if i + 1 < tokens.count {
            let n = info[i + 1]
            if n.kind == .punct, n.scalar == "'" || n.scalar == "’" || n.scalar == "(" { return true }
            // "jaz d.o.b.": a one-letter "d" after the name.
            if n.length == 1, n.scalar == "d" || n.scalar == "D" { return true }
        }
        if i > 0, info[i - 1].kind == .punct, info[i - 1].scalar == "/" { return true }
        return inSet(.peopleCues, i - 1) || inSet(.peopleCues, i + 1) || inSet(.relations, i - 1)
            || inSet(.roles, i + 1) || inSet(.peopleCues, i + 2)
    }

    /// Token `i` could be a short name or a shortening where only a person stands: a listed given name (any case), a
    /// word on no list, a listed surname, or a short word of the English list (two to four letters: "mo", "jay")
    /// that is no function word, shorthand or role.
    func shortNameCandidate(_ i: Int) -> Bool {
        // The list bits first: most words are everyday words of five letters or more, and stop here.
        guard let t = tok(i), t.kind == .word, t.length >= 2, !quiet[i], !t.allCaps || given(i) else { return false }
        guard given(i) || onNoList(i) || surnameOnly(i) || t.length <= 4 && on(.word, i) else { return false }
        guard !notAName(i) || t.capitalised && Self.chatWords.contains(t.key) && t.length <= 3,
            !Vocab.functionWords.contains(t.key), !Self.determiners.contains(t.key), !inSet(.relations, i),
            !inSet(.personNouns, i), !inSet(.roles, i), !Self.groupWords.contains(t.key),
            !on([.town, .bigPlace], i), !Vocab.genericServiceWords.contains(t.key),
            !Self.modalVerbs.contains(t.key), !Self.noVowel(t.key), !covered(i)
        else { return false }
        return true
    }

    /// "jay's sister", "mo's older brother", "grace's sw", "Precious' mum", "thx mo", "mtg w/ soph", "jaz d.o.b. …",
    /// "chair gill (TM)", "his mate Ty is 16", "and Mo said", "abimbola sw says": a short name, or a name that is
    /// also a word, in lower case too, where only a person stands. Quiet: "today's plan", "the mum's phone", "thanks
    /// all", "one's own", "Ok said".
    mutating func findShortNamesInPersonPositions() {
        for i in tokens.indices where info[i].kind == .word && shortNamePosition(i) && shortNameCandidate(i) {
            let t = tokens[i]
            let k = t.key
            let wordOnly = on(.word, i) && !given(i)
            // An owner: "X's (older) sister/mum/sw/number", "X' mum" after a name ending in s.
            var o = -1
            if isApostrophe(i + 1), joined(i + 1) {
                if key(i + 2).equals("s"), joined(i + 2) { o = i + 3 } else if k.hasSuffix("s") { o = i + 2 }
            }
            if o > 0 {
                var w = o
                if inSet(.siblingOrder, w) || key(w).isOne(of: ["big", "little", "lil"]) { w += 1 }
                if (inSet(.relations, w) || Self.possessedInNotes.contains(key(w))
                    || Self.accountWords.contains(key(w)))
                    && !Self.determiners.contains(key(i - 1))
                    && !(key(i - 1).equals("'") || key(i - 1) == "’")
                    && (!wordOnly || t.length <= 3 && !t.sentenceStart || t.length <= 3 && opensNote(i))
                {
                    addAlias(i, i, possible: wordOnly || onNoList(i) || ambiguous(i))
                    continue
                }
            }
            // Thanks at the end of a message: "thx mo 👏", "cheers jo!".
            if Self.thanksWords.contains(key(i - 1)), !Self.notThanked.contains(k),
                tok(i + 1).map({ $0.kind == .punct }) ?? true,
                at(i - 1)?.sentenceStart == true || at(i - 1)?.lineStart == true
            {
                addAlias(i, i, possible: true)
                continue
            }
            // A name before a bracketed role, in lower case too: "chair gill (TM)", "kez (yp)".
            if key(i + 1).equals("("), let r = tok(i + 2),
                inSet(.roles, i + 2) || Self.bracketRoles.contains(r.key)
                    || Self.shortRoles.contains(r.key), key(i + 3).equals(")"),
                given(i) || onNoList(i) || on(.surname, i)
            {
                addAlias(i, i, possible: !t.capitalised)
                continue
            }
            if wordOnly && !t.capitalised { continue }
            // "mtg w/ soph", "seen w/ kez": shorthand "w/" is "with".
            if key(i - 1).equals("/"), key(i - 2).equals("w"), joined(i - 1),
                onNoList(i) && !typoOfEverydayWord(i) || given(i),
                t.length >= 3, tok(i + 1).map({ $0.kind == .punct || !$0.capitalised }) ?? true
            {
                addAlias(i, i, possible: !t.capitalised)
                continue
            }
            // A note opens with a name and what identifies her: "jaz d.o.b. 22/02/11", "soph birthday 9 march".
            if opensNote(i), t.length >= 3, onNoList(i) || given(i) && !ambiguous(i),
                Self.identifierCuesAfterName.contains(key(i + 1)) || key(i + 1).equals("d") && key(i + 2).equals(".")
            {
                addAlias(i, i, possible: true)
                continue
            }
            // "abimbola sw says": a name, a role, and what they said.
            if onNoList(i) || given(i) && !ambiguous(i), inSet(.roles, i + 1) || Self.bracketRoles.contains(key(i + 1)),
                Self.sayingVerbs.contains(key(i + 2)) || key(i + 2).equals("says")
            {
                addAlias(i, i, possible: true)
                continue
            }
            // Capitalised short names: "and Mo said", "his mate Ty is 16", "Olu moved to …".
            if t.capitalised, !t.allCaps, t.length <= 3 || onNoList(i) {
                let saying = Self.sayingVerbs.contains(key(i + 1)) || Vocab.strongVerbs.contains(key(i + 1))
                let related = inSet(.relations, i - 1) && !(at(i - 1)?.sentenceStart == true && t.sentenceStart)
                let moved = t.sentenceStart && Self.movedVerbs.contains(key(i + 1)) && onNoList(i)
                if saying && !t.sentenceStart || related || moved {
                    addAlias(i, i, possible: wordOnly || onNoList(i))
                    continue
                }
            }
        }
    }
    /// What a person holds in notes besides `possessedInNotes` ("precious's acct").
    static let accountWords = Vocab.set("acct account acc profile accounts")
    /// Shorthand roles in brackets after a name ("gill (TM)": team manager).
    static let shortRoles = Vocab.set("tm sm hos chair dm ptm asm iso")
    /// What a note says a person did when they moved ("Olu moved to Birmingham").
    static let movedVerbs = Vocab.set("moved placed relocated absconded")

    /// "so dami damilola sorry he was…", "soph (sophie - yp)": a name said short and then in full (captions restart
    /// a word; notes expand a shortening in brackets): both are the person. Quiet: "the theory", "ref referral",
    /// "safeg safeguarding".
    mutating func findRestartedNames() {
        for i in tokens.indices where info[i].kind == .word && info[i].length >= 2 && !quiet[i] {
            var j = i + 1
            if j < tokens.count, info[j].kind == .punct, info[j].scalar == "(" { j += 1 }
            // The first letters agree before any string is compared.
            guard let full = tok(j), full.kind == .word, full.length > info[i].length,
                full.key.utf8.first == tokens[i].key.utf8.first,
                full.key.utf8.dropFirst().first
                    == tokens[i].key.utf8.dropFirst().first,
                full.key.hasPrefix(tokens[i].key), !quiet[j]
            else { continue }
            let shortOK = (onNoList(i) || given(i) && !ambiguous(i)) && !notAName(i)
            let fullOK = (onNoList(j) && full.length >= 5 || given(j) && !ambiguous(j)) && !notAName(j)
            guard shortOK, fullOK, info[i].capitalised == full.capitalised || !info[i].capitalised else {
                continue
            }
            if !covered(i) { addAlias(i, i, possible: true) }
            if !covered(j) { addAlias(j, j, possible: !given(j)) }
        }
    }

    /// "chnatelle again mssing": a word on no list that is a listed given name (no everyday word) with two letters
    /// side by side swapped is that name mistyped. Quiet: words nobody listed that are no name turned round.
    mutating func findSwappedLetterNames() {
        for i in tokens.indices where info[i].kind == .word && info[i].length >= 5 && onNoList(i) {
            guard !covered(i), !quiet[i], !notAName(i), !info[i].allCaps else { continue }
            var letters = Array(tokens[i].key.unicodeScalars)
            guard letters.allSatisfy({ $0.value >= 97 && $0.value <= 122 }) else { continue }
            var found = false
            for p in 0..<(letters.count - 1) where letters[p] != letters[p + 1] {
                letters.swapAt(p, p + 1)
                var s = String.UnicodeScalarView()
                s.append(contentsOf: letters)
                let l = gazetteer.lists(String(s))
                letters.swapAt(p, p + 1)
                if l.contains(.given), l.isDisjoint(with: [.word, .ambiguous, .town, .bigPlace]) {
                    found = true
                    break
                }
            }
            if found { addAlias(i, i, possible: true) }
        }
    }

    /// "Jonesy / Bones / Smurf", "Smurf -> Bones -> Big Man Tee", "mo -> big man tee -> line": a list of short
    /// capitalised items (or "big man X") joined by slashes, pluses or arrows, one of them a name by its shape (a word
    /// on no list or a "big man" nickname): every item is a person. Quiet: "Red / Amber / Green", "Strengths / Risks /
    /// Actions", "Leeds + Bradford", "Housing / Police", "Kieran -> Excluded -> PRU".
    mutating func findNicknameLists() {
        guard
            tokens.contains(where: {
                guard $0.kind == .punct else { return false }
                switch $0.scalar {
                case "/", "+", "&", ">", "→", "=": return true
                default: return false
                }
            })
        else { return }
        let fields = noteFields()
        guard fields.count >= 2 else { return }
        let joins: Set<FieldMark> = [.slash, .joiner, .arrow, .equals]
        var x = 0
        while x < fields.count {
            var y = x
            while y + 1 < fields.count, joins.contains(fields[y].after), fields[y + 1].before == fields[y].after {
                y += 1
            }
            defer { x = y + 1 }
            guard y > x else { continue }
            let arrows = fields[x..<y].contains { $0.after == .arrow }
            var items: [(Int, Int, Bool)] = []
            var evidence = false
            for f in fields[x...y] {
                let a = f.first
                if f.count == 1, let t = tok(a), t.kind == .word, t.length >= 2, !notAName(a),
                    !on([.town, .bigPlace], a), !Vocab.genericServiceWords.contains(t.key), !inSet(.relations, a),
                    !inSet(.personNouns, a), !Self.colourWords.contains(t.key),
                    !candidates.contains(where: { $0.label != .person && $0.start < t.end && t.start < $0.end }),
                    t.capitalised && !t.allCaps || personAt(a) || onNoList(a) && t.length >= 3
                        || arrows && t.length <= 4 && shortNameCandidate(a)
                {
                    // A verb or adverb is what happened, not who ("Kieran -> Excluded -> PRU").
                    if on(.word, a), !on(Self.nameOrPlaceLists, a),
                        ["ed", "ing", "ly"].contains(where: t.key.hasSuffix)
                    {
                        items = []
                        break
                    }
                    // Evidence is a name's shape; a listed name found by another rule is the chain rules' business
                    // (NoteFields.swift), which keep everyday words out of a chain.
                    let named = personAt(a) || onNoList(a) && t.length >= 3 || given(a) && !ambiguous(a)
                    evidence = evidence || onNoList(a) && t.length >= 3
                    items.append((a, a, named))
                } else if f.count == 3, Self.namePrefixes.contains(key(a)), Self.streetNameMiddles.contains(key(a + 1)),
                    let l = tok(a + 2), l.kind == .word, !notAName(a + 2), !Vocab.functionWords.contains(l.key)
                {
                    evidence = true
                    items.append((a, a + 2, true))
                } else if f.count == 2, Self.namePrefixes.contains(key(a)), let l = at(a + 1), l.kind == .word,
                    !notAName(a + 1), !on(.word, a + 1) || l.length <= 2 || l.capitalised
                {
                    evidence = true
                    items.append((a, a + 1, true))
                } else if f.first == fields[y].first, items.count >= 2 {
                    // The chain may end in what the people do ("-> line into Rhyl").
                    continue
                } else {
                    items = []
                    break
                }
            }
            guard evidence, items.count >= 2 else { continue }
            for (a, b, named) in items { addAlias(a, b, possible: !named) }
        }
    }
    /// "fntn fam - dv hist": a family's name typed as its consonants, opening a note before "fam"/"family". Quiet: "cp
    /// fam", "sw family", "dv fam".
    mutating func findFamilyShorthand() {
        for i in tokens.indices where i + 1 < tokens.count && vocab[i + 1].contains(.peopleCues) {
            guard info[i].kind == .word, info[i].length >= 4, !info[i].capitalised, Self.noVowel(tokens[i].key),
                key(i + 1).isOne(of: ["fam", "family", "household"]), opensNote(i),
                !Self.chatWords.contains(tokens[i].key), !inSet(.notNames, i), !inSet(.roles, i), !covered(i)
            else { continue }
            addAlias(i, i, possible: true)
        }
    }

    /// "OWES BIG MAN TEE £800", "works for big man dee": "big man", "lil bro" and a name, in any case. Quiet: "the big
    /// man himself", "big man energy".
    mutating func findBigManNames() {
        for i in tokens.indices where vocab[i].contains(.peopleCues) && Self.namePrefixes.contains(tokens[i].key) {
            guard Self.streetNameMiddles.contains(key(i + 1)), let n = tok(i + 2), n.kind == .word, !covered(i + 2),
                !notAName(i + 2), !Vocab.functionWords.contains(n.key), !Self.notAnAlias.contains(n.key),
                onNoList(i + 2) || given(i + 2) || n.length <= 4 || n.capitalised && !n.allCaps
            else { continue }
            addAlias(i, i + 2, possible: true)
        }
    }

    /// "frends", "mesages": a word nobody listed of five letters or more that is an everyday word with one letter
    /// left out is that word mistyped, not a name. Asked only where a rule is about to take such a word for a name.
    func typoOfEverydayWord(_ i: Int) -> Bool {
        let letters = Array(tokens[i].key.unicodeScalars)
        guard letters.count >= 5, letters.allSatisfy({ $0.value >= 97 && $0.value <= 122 }) else { return false }
        for p in 0...letters.count {
            for c in UInt8(97)...UInt8(122) {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: letters[..<p])
                s.append(Unicode.Scalar(c))
                s.append(contentsOf: letters[p...])
                if gazetteer.isWord(String(s)) { return true }
            }
        }
        return false
    }

    /// "dob 03/11/2010 - mercy adjei, placed…", "nhs 943 476 5919 - zorvek okafor": a full name filling the field after
    /// a field that holds her identifier, in lower case too. Quiet: "dob 03/11/2010 - not confirmed".
    mutating func findFullNamesAfterIdentifiers() {
        guard candidates.contains(where: { Self.ownedLabels.contains($0.label) }) else { return }
        let fields = noteFields()
        for x in fields.indices.dropFirst() {
            let f = fields[x]
            let p = fields[x - 1]
            guard f.count == 2, [.dash, .slash, .arrow].contains(f.before), f.after != .open,
                !(f.first...f.last).contains(where: { k in
                    candidates.contains { $0.label != .person && $0.start < info[k].end && info[k].start < $0.end }
                })
            else { continue }
            let a = f.first
            let b = f.last
            guard info[a].kind == .word, info[b].kind == .word, info[a].length >= 3, info[b].length >= 3,
                !notAName(a), !notAName(b), given(a) || onNoList(a),
                onNoList(b) || surnameOnly(b) || given(b) && !ambiguous(b),
                !Vocab.functionWords.contains(key(a)), !on([.town, .bigPlace], b)
            else { continue }
            let pStart = info[p.first].start
            let pEnd = info[p.last].end
            guard
                candidates.contains(where: {
                    Self.ownedLabels.contains($0.label) && $0.start >= pStart && $0.end <= pEnd
                })
            else { continue }
            addAlias(a, b, possible: onNoList(a) || ambiguous(a))
        }
    }

    /// "Sibs in the Adebayo case", "on the Okonedo job": a word nobody listed taken for a place after "in the" is a
    /// family's name when a family's word follows it.
    mutating func findFamiliesTakenForPlaces() {
        for k in candidates.indices where candidates[k].label == .location {
            guard let a = tokenIndex(startingAt: candidates[k].start), tokenIndex(endingAt: candidates[k].end) == a,
                key(a - 1).equals("the"), onNoList(a), info[a].capitalised,
                Self.familyNouns.contains(key(a + 1))
            else { continue }
            candidates[k].label = .person
            candidates[k].possible = true
        }
    }
    static let familyNouns = Vocab.set(
        "family families fam case cases children chn kids siblings sibs twins household job")

    /// RAG ratings and other colour lists.
    static let colourWords = Vocab.set("red amber green blue yellow black white grey gray pink purple orange brown")
}
