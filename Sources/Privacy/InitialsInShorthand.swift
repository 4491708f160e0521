/// People by their initials in a note-taker's shorthand (session 13, `people8`): "QV 15 MFH x2", "older bf TW 24",
/// "sibs: JX 11, ZR 2/3", "mum GL, TX 16 (17 in Jun), FQ 12", "RW dob 3.5.09", "CQ -> parties", "assault charge vs
/// MJ", "bros B 12 Y 9", "twins R+R 8". Practice writes its own words in capitals too (CSE, MFH, LAC, NFA, DSL…), so
/// two or three capitals are a person only where a person stands — an age after them, "dob", a relation before, an
/// arrow opening the note, "vs"/"against" — and never when they are one of the practice abbreviations listed here.
/// Each rule has an invented example and a quiet twin in `InitialsAndSpokenAgesTests`.
import SessionModel

extension ScanContext {
    /// Abbreviations practice writes in capitals: never a person's initials, whatever follows them.
    static let practiceAcronyms = Vocab.set(
        """
        cse cce cp cin lac cla mfh nfa cps dsl dsp yp yps uasc msa cad oic csc gp ed icpc rcpc mash eha sw sws iro lado
        cme ehe pex fte ewo esw iep elsa hoy hod isi
        nts arap acrs asu sef ilr nrpf ukvi ftt nass
        yot yos pru sen send ehcp camhs nhs ae aande rhi nrm pnc sgo co ico dv da abh gbh asb asbo cbo cpn cpo cpa cpd
        ypp ypo slt dslo ddsl sg sgl fgc fgm hbv pcso pc dc ds di dci sgt amhp ot psw ehp ep cjs cpr cpo ssw tas
        mp mps hmp hmyoi yoi stc sch la las lscp lscb lsp ofsted dfe doh dwp hmrc ukba ho hoi bme bame lgbt lgbtq sti
        stis std hiv ptsd adhd asd asc ld ldd semh sld mld pmld spld sca cams ccg icb ics pcn ae sar sarc isva idva
        marac mappa mapp rm rso sor soi sopo shpo srhp cso trp tpo epo npo npc ncb nca ncrm cid mit moj cjsm cms pnd
        ibo rtc ctc css fsw fsws sws pa pas ad vs eg ie nb ps etc aka fyi asap tbc tbd eta dob nok gcse gcses alevel
        ks ks1 ks2 ks3 ks4 y7 y8 y9 y10 y11 pe re ict dt rs pshe rse sre sat sats ofs ok tv uk us eu un bbc itv gmt
        am pm id ip it pdf doc ppt ict cctv anpr abc qa kpi kpis rag bau ooh edt ert eht ipc crn dsr sar cyp chn
        lac cic dbs cafcass hcpc swe bsw msw nqsw asye pq mh hv hvs sn fp cfp cmht cmhn ahp slt sltn lo caf cwd
        dol dols sgo ro smt cdt ceop iicsa nspcc ceo coo cfo hr it pa cv ni gb usa eea eu vip rip sos omg lol
        snap ig fb wa ok nfa fta rup ftr bail ibo rui mfh mop vrr yjb yjs yjt yos rj rjs ai gp gps ae ace aces ppe met
        pro tac kcsie wt wtsc ccr ccrs ce cs ca cr yw aa
        """)

    /// Family words and plurals a list of initials follows in notes ("bros B 12 Y 9", "sibs: JX 11", "twins R+R 8").
    static let familyListWords = Vocab.set(
        """
        bros brothers sis sisters sibs siblings sibling twins twin kids chn children cousins mum dad nan gran stepdad
        stepmum bf gf boyfriend girlfriend cousin uncle aunt auntie brother sister bro grandad grandma partner baby
        """)

    static let familyPlurals = Vocab.set("bros brothers sisters sibs siblings twins kids chn children cousins")

    /// Words before initials that say the person is the one a case is about: "vs MJ", "against DX" (not "re": "re MA
    /// arrangements" is about a thing as often).
    static let caseAgainstWords = Vocab.set("vs v versus against")
    /// Decisions taken on a person ("NFA on DX", "charge on KL", "bail on TM").
    static let decisionsOnPeople = Vocab.set("nfa charge charging decision bail rui caution conviction")

    /// Two or three capitals that may be a person's initials: no practice abbreviation, role or shorthand, in a text
    /// not typed in capitals.
    func initialsShaped(_ i: Int) -> Bool {
        guard let t = at(i), t.kind == .word, t.allCaps, t.length >= 2, t.length <= 3, !quiet[i] else {
            return false
        }
        let k = key(i)
        return !Self.practiceAcronyms.contains(k) && !Vocab.roles.contains(k) && !Vocab.orgHeadAcronyms.contains(k)
            && !Self.dottedWords.contains(k) && !inSet(.caseCues, i) && !Vocab.functionWords.contains(k)
    }

    /// The age after initials ending at `e` in shorthand: a number of 1–25 (up to 99 after a relation) that is no count
    /// ("15 MFH x2", "23", "2/3", "16 (17 in Mar)"); the last token of the age, with its start.
    func ageAfterInitials(_ e: Int, elder: Bool) -> (Int, Int)? {
        var j = e + 1
        if key(j).equals(",") || key(j).equals(":") { j += 1 }
        guard let n = at(j), n.kind == .number, n.length <= 2, let v = ageValue(j), (0...(elder ? 99 : 25)).contains(v)
        else { return nil }
        // "ZR 2/3": a toddler's age said as a range.
        if key(j + 1).equals("/"), joined(j + 1), joined(j + 2), let w = at(j + 2), w.kind == .number,
            let u = ageValue(j + 2), abs(u - v) <= 1
        {
            return (j, j + 2)
        }
        guard let a = at(j + 1) else { return (j, j) }
        if a.kind == .punct {
            // "20+ MFH", "14/15 episodes", "12%": counts.
            if a.isPunct("+/%:.") && joined(j + 1) && !(a.isPunct(".") && (at(j + 2)?.spaceBefore ?? true)) {
                return nil
            }
            return (j, j)
        }
        let k = key(j + 1)
        if Self.ageUnits.contains(k) || Self.countedNouns.contains(k) || k.equals("x") { return nil }
        return (j, j)
    }

    /// The rules of this file, run with the story rules.
    mutating func findInitialsInShorthand() {
        guard !isShouted() else { return }
        for i in tokens.indices where initialsShaped(i) && !covered(i) {
            if i > 0, !info[i].spaceBefore, !info[i - 1].isPunct("(\"“'‘") { continue }
            if let n = at(i + 1), !n.spaceBefore, !n.isPunct(",;:)'’") { continue }
            if Self.letterTakers.contains(key(i - 1)) || Self.designations.contains(key(i - 1)) { continue }
            var p = i - 1
            if key(p).equals(":") { p -= 1 }
            // "older bf TW 24", "mum KX 39", "sibs: JX 11", "nan PW 70".
            let related = Self.familyListWords.contains(key(p)) || inSet(.relations, p)
            let age = ageAfterInitials(i, elder: related)
            // "MS 16": a title's letters only before an age.
            if Vocab.titles.contains(key(i)), age == nil { continue }
            let next = key(i + 1)
            let dob = next == "dob" || next == "nhs" && at(i + 2)?.kind == .number
            // "CQ -> parties", "QV → the flat": the note's subject before an arrow.
            let arrow =
                next == "→" || next == "-" && key(i + 2).equals(">") && joined(i + 2)
            // A note's start, or after a speaker label's arrow ("P4 (Leeds) -> WV 14").
            let opening =
                opensNote(i) || key(i - 1).equals(".") || key(i - 1).equals(";") || key(i - 1).equals("→")
                || key(i - 1).equals(">") && key(i - 2).equals("-") && joined(i - 1)
            // "assault charge vs MJ fell through", "NFA on DX".
            let against =
                Self.caseAgainstWords.contains(key(i - 1))
                || key(i - 1).equals("on") && Self.decisionsOnPeople.contains(key(i - 2))
            // "FQ y7 Hollins", "WV 14 y9": a school year after the initials.
            let schoolYear =
                at(i + 1)?.kind == .alnum && ["y", "yr"].contains(String(next.prefix { $0.isLetter }))
                && Int(next.drop { $0.isLetter }).map { (1...13).contains($0) } == true
            // "TX stabbed o/s the shop", "JX stopped attending": what happened to the note's subject.
            let reported =
                opening
                && (Self.reportedVerbs.contains(next) || Self.reportedParticiples.contains(next)
                    || next == "stopped" || next == "started")
            guard
                age != nil && (related || opening || key(i - 1).equals(",") || key(i - 1).equals("+"))
                    || related || dob || arrow && opening || against || schoolYear || reported
            else { continue }
            addAlias(i, i, possible: true)
            if let (a, b) = age, !covered(a) {
                add(.age, tokens: a, b)
                agesInBracketAfter(b)
            }
            initialsListAfter(i)
        }
        findFamilyListsOfInitials()
        findShortNamesAsSubjects()
        findInitialledCaseHeads()
    }

    /// The token after the initialled name opening at `i`, and how many initials it has: capitals each alone, with a
    /// stop ("K."), or two joined by a hyphen ("W-H", a double-barrelled surname's initials), with at most one
    /// surname after an initial ("K. Moss", "F. Begum"); three parts at most.
    func initialledName(at i: Int) -> (next: Int, initials: Int)? {
        var j = i
        var initials = 0
        var surname = false
        var parts = 0
        while parts < 3, let t = at(j), t.kind == .word, t.capitalised, !quiet[j] {
            if t.length == 1 {
                if key(j).equals("i") || key(j).equals("a") && !key(j + 1).equals(".") { break }
                initials += 1
                if key(j + 1).equals("."), joined(j + 1) {
                    j += 2
                } else if key(j + 1).equals("-"), joined(j + 1), let u = at(j + 2), u.length == 1, u.capitalised,
                    joined(j + 2)
                {
                    j += 3
                } else {
                    j += 1
                }
            } else if initials > 0, !surname, !t.allCaps, !Vocab.notNames.contains(key(j)),
                !Vocab.functionWords.contains(key(j)), !on(.bigPlace, j)
            {
                surname = true
                j += 1
            } else {
                break
            }
            parts += 1
        }
        return initials > 0 ? (j, initials) : nil
    }

    /// Session 14: a case note's heading names its person by initials and gives an age — "CASE 2 - R W-H 16 -
    /// Telford", "-> O P-H 11 Solihull", "CASE 13 - K. Moss 18 - NI …", "Mrs F. Begum 17 + baby", "nephew D. 15":
    /// initials opening a note item (a line, after a spaced dash or an arrow, after a title or a relation) and an age
    /// of 0–25 closed the way notes close one. Quiet: "A 15 minute call", "Room B 12 - booked", "I 16 -".
    mutating func findInitialledCaseHeads() {
        for i in tokens.indices where info[i].kind == .word && info[i].capitalised && info[i].length == 1 {
            let s = info[i].start
            guard !candidates.contains(where: { $0.label != .person && $0.start <= s && s < $0.end }) else { continue }
            // Inside dotted initials ("R.W."): the run is read from its first letter.
            if key(i - 1).equals("."), joined(i), at(i - 2)?.length == 1 { continue }
            var p = i - 1
            let titled = Vocab.titles.contains(key(p))
            if titled { p -= 1 }
            let related = Self.familyListWords.contains(key(p)) || inSet(.relations, p)
            let opening =
                opensNote(p + 1) || key(p).equals("→")
                || key(p).equals(">") && key(p - 1).equals("-") && joined(p)
                || (key(p).equals("-") || key(p).equals("–")) && info[p].spaceBefore && info[p + 1].spaceBefore
                || key(p).equals(":") && info[p + 1].spaceBefore
                || key(p - 1).equals("case") && at(p)?.kind == .number
            // Session 15: "Thursday's list, R W-H 16 - Telford": after a comma, two initials or more.
            let afterComma = key(p).equals(",") && info[p + 1].spaceBefore && !titled
            guard opening || related || afterComma, let (next, count) = initialledName(at: i),
                next - 1 > i || !titled || related, opening || related || count >= 2,
                let n = at(next), n.kind == .number, n.length <= 2, let v = ageValue(next), v <= 25, !covered(next)
            else { continue }
            // Closed as notes close an age, by a spaced "+" ("+ baby"), or by the town the person is in ("11 Solihull").
            let placeAfter =
                at(next + 1)?.capitalised == true && (on(.town, next + 1) || on(.bigPlace, next + 1))
            guard ageBreak(after: next) || key(next + 1).equals("+") && info[next + 1].spaceBefore || placeAfter
            else { continue }
            // "Room B 12", "Flat C 4": a designation's letter.
            if !titled, Self.letterTakers.contains(key(i - 1)) || Self.designations.contains(key(i - 1)) { continue }
            let from = titled ? i - 1 : i
            // A dotted initial keeps its stop ("R.W.", "D."), as the dotted-initials rule finds it.
            addAlias(from, next - 1, possible: true)
            add(.age, tokens: next, next)
        }
    }

    /// "Ty was being sent out to the coast", "how did you find out Ty was going there?": a short listed given name
    /// (chat shorthand too: "ty") as the subject of "was/is" and a verb in "-ing" or "being"; and a capital letter
    /// opening a note before "turned"/"was" and an age ("E turned 18 mid-process", "D was 15 at allocation") or a verb
    /// in "-ing" ("J running for a group"). Quiet: "It was going", "May was being…" (a month), "So was being…", "E
    /// turned left", "B was 15 minutes late".
    mutating func findShortNamesAsSubjects() {
        for i in tokens.indices where info[i].kind == .word && info[i].capitalised && !quiet[i] && !covered(i) {
            let k = key(i)
            if info[i].length == 1 {
                guard opensNote(i), !k.equals("i"), !k.equals("a"), !joined(i + 1) else { continue }
                // "E turned 18", "D was 15 at allocation": a letter and an age; "J running for a group": a letter
                // and what the person is doing.
                let aged =
                    key(i + 1).isOne(of: ["turned", "turns", "was", "is"])
                    && at(i + 2)?.kind == .number && ageValue(i + 2).map { (10...25).contains($0) } == true
                    && !countFollows(i + 2)
                let doing = key(i + 1).count >= 6 && key(i + 1).hasSuffix("ing") && !on(.given, i + 1)
                guard aged || doing else { continue }
                addAlias(i, i, possible: true)
                continue
            }
            guard !info[i].allCaps, info[i].length <= 3, given(i), !Vocab.notNames.contains(k),
                !Vocab.functionWords.contains(k), !inSet(.roles, i), !inSet(.relations, i),
                key(i + 1).isOne(of: ["was", "is"]), !joined(i + 1)
            else { continue }
            let v = key(i + 2)
            guard v == "being" || v.count >= 5 && v.hasSuffix("ing") && !on(.given, i + 2) else { continue }
            addAlias(i, i, possible: true)
        }
    }

    /// "TX 16 (17 in Jun)", "TW 15 (16 soon)": the age a person turns next, in brackets after their age.
    mutating func agesInBracketAfter(_ b: Int) {
        guard key(b + 1).equals("("), let n = at(b + 2), n.kind == .number, let v = ageValue(b + 2), v <= 25,
            !covered(b + 2)
        else { return }
        let k = key(b + 3)
        guard k.isOne(of: ["soon", "in", "next", "on", "by", "from", "nearly", "at", "this"]) || k.equals(")")
        else { return }
        add(.age, tokens: b + 2, b + 2)
    }

    /// An item of a list of initials: capitals (one to three, or two joined by "+": "R+R") and an age; the tokens
    /// of the people, and the age's first and last token.
    func initialsItem(at i: Int) -> (people: [Int], age: (Int, Int))? {
        var people: [Int] = []
        var j = i
        while let t = at(j), t.kind == .word, t.capitalised, t.length <= 3,
            t.length == 1 ? !quiet[j] && !key(j).equals("i") && !key(j).equals("a") : initialsShaped(j)
        {
            people.append(j)
            guard key(j + 1).equals("+") || key(j + 1).equals("&"), joined(j + 1), joined(j + 2) else { break }
            j += 2
        }
        guard let last = people.last, let age = ageAfterInitials(last, elder: false), age.0 == last + 1 else {
            return nil
        }
        return (people, age)
    }

    /// "mum KX 39, L 17, CQ 14, twins R+R 8", "bros B 12 Y 9": once initials and an age are found, the next items of
    /// the same list (after a comma or a space, or after a family word) are people with ages too.
    mutating func initialsListAfter(_ i: Int) {
        var j = i
        while true {
            // The age of the item just read.
            guard let (_, b) = ageAfterInitials(j, elder: true) else { return }
            var k = b + 1
            // Skip "(17 in Mar)" to the comma.
            if key(k).equals("(") {
                guard let c = (k..<min(tokens.count, k + 6)).first(where: { key($0).equals(")") }) else { return }
                k = c + 1
            }
            if key(k).equals(",") || key(k).equals(";") { k += 1 }
            if Self.familyListWords.contains(key(k)) { k += 1 }
            guard let item = initialsItem(at: k) else { return }
            for p in item.people where !covered(p) { addAlias(p, p, possible: true) }
            if !covered(item.age.0) { add(.age, tokens: item.age.0, item.age.1) }
            j = item.people.last!
        }
    }

    /// "bros B 12 Y 9", "twins R+R 8", "sibs: JX 11, ZR 2/3": after a family word, capitals and an age are a person and
    /// their age, single letters included.
    mutating func findFamilyListsOfInitials() {
        for i in tokens.indices where onGated(.familyListWords, i) {
            var k = i + 1
            if key(k).equals(":") || key(k).equals("-") { k += 1 }
            guard let item = initialsItem(at: k), !item.people.contains(where: { covered($0) }) else { continue }
            // A single letter and a number after a family word: "bros B 12"; not "mum Y 9" alone (a school year).
            if item.people.count == 1, info[item.people[0]].length == 1, !Self.familyPlurals.contains(key(i)) {
                continue
            }
            for p in item.people { addAlias(p, p, possible: true) }
            if !covered(item.age.0) { add(.age, tokens: item.age.0, item.age.1) }
            initialsListAfter(item.people.last!)
        }
    }
}
