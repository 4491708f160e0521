/// Recognisers for people: the session's own names (any case, any accents,
/// whole or in part), titles ("Mrs Okafor", "PC Jones"), names after a
/// relationship or naming cue ("her son Tyler", "a lad called jayden"), and
/// the bundled gazetteer, where names that are also words (Amber, Grace,
/// Will) need context: capitalised mid-sentence, or followed by "said".
import Foundation
import SessionModel

extension ScanContext {
    static let chatWords = Vocab.set(
        """
        nana nanna ta im ive id dont cant wont thats youre theyre shes hes whats gonna wanna gotta kinda sorta cos coz cuz tho thru ur bc bcos pls plz thx ty np idk tbf ngl asap imho irl omw brb ikr smh wtf lmao rofl haha hahaha xx xxx innit yeah yh ye nah
        doesn wasn isn didn couldn wouldn shouldn hasn haven aren weren don ain doesnt wasnt isnt didnt couldnt wouldnt shouldnt hasnt
        havent arent werent aint edu mtg mtgs dob conf appt appts approx hosp paeds sw sws yp yps chn chldn stn cc ss sc vru fam yr
        yrs wk wks hr hrs mins pre post re ref refs docs doc med meds psych obvs prob probs def defo tho esp incl intel mgr
        dept govt uni nr btwn w wrt poss px ppl sm smth sth abt bc tmrw tmw pls ty cba tbc tbd eta aka obv cos coz prev reg carer carers
        perp perps nino ninos ppt ppts grp grps theres strat strats interp accom resi resis hadn mustn mightn neednt
        nfa nrm pnc rhi mfh icpc rcpc cpr sgo ico lang eng
        """)

    static let talkVerbs = Vocab.set(
        """
        spoke speak speaking spoken talked talk talking chatted chat chatting met meet meeting meets working worked work works sat sitting
        pass passing passed hand handing handed over
        """)
    static let contactVerbs = Vocab.set(
        "asked told rang phoned texted messaged emailed thanks thank cc tagged supervised supervising visited visiting ask tell ping email"
    )
    static let publicWorks = Vocab.set(
        "report review inquiry principles framework model act judgment judgement audit audits reports reviews")

    /// What a person has ("Jaxon's mum", "Kez's boyfriend").
    static let possessedByPeople: Set<String> = Vocab.relations.union(
        Vocab.set("phone house flat bedroom room family school social key youth case plan birthday mum's dad's nan's"))

    /// Words after "called" that are not a name ("a lad called back").
    static let afterCalled = Vocab.set(
        "back out round up off in on over by for about again everyone everybody someone somebody nobody us police ambulance time"
    )

    func notAName(_ i: Int) -> Bool {
        notANameWord[i] || quiet[i] || (!info[i].capitalised && Self.noVowel(key(i)))
    }

    /// The words `notAName` turns down in any case, as one set: looked up once per token when the scan starts
    /// (`ScanContext.notANameWord`), where `notAName` asked eight sets each time.
    static let notANameWords = Vocab.notNames.union(chatWords).union(Vocab.roles).union(Vocab.nationalities)
        .union(Vocab.countries).union(brands).union(designations).union(moreNotNames)

    /// Token `i` is on no list (`unknown(i)`), by its bits: the rules below ask it of most tokens.
    @inline(__always) func onNoList(_ i: Int) -> Bool { lists[i].rawValue & Self.nameOrWordBits == 0 }
    /// Token `i` is a listed surname and no given name or everyday word ("Okonkwo", "nguyen"; not "White").
    @inline(__always) func surnameOnly(_ i: Int) -> Bool {
        lists[i].rawValue & Self.surnameBits == Self.surnameOnlyBits
    }
    static let givenOrSurnameBits = Gazetteer.Lists([.given, .surname]).rawValue
    static let wordOrPlaceBits = Gazetteer.Lists([.word, .ambiguous, .town, .bigPlace]).rawValue
    static let nameOrWordBits = Gazetteer.Lists([.word, .given, .surname, .town, .bigPlace]).rawValue
    static let surnameBits = Gazetteer.Lists([.word, .given, .surname, .ambiguous]).rawValue
    static let surnameOnlyBits = Gazetteer.Lists.surname.rawValue

    /// Most words are in capitals (at least three of them, three in four of those of two letters or more): a note
    /// typed in capitals, where case says nothing about names.
    func isShouted() -> Bool {
        var words = 0
        var caps = 0
        for k in tokens.indices where info[k].kind == .word && info[k].end - info[k].start >= 2 {
            words += 1
            if info[k].allCaps { caps += 1 }
        }
        return caps >= 3 && caps * 4 >= words * 3
    }

    /// "grp", "ppts", "mtg": a lower-case word without a vowel is shorthand, not a name.
    static func noVowel(_ k: String) -> Bool {
        !k.utf8.contains { $0 == 97 || $0 == 101 || $0 == 105 || $0 == 111 || $0 == 117 || $0 == 121 || $0 >= 128 }
    }

    /// Particles inside a surname: "Ní Chonaill", "van der Berg", "bin Laden".
    static let nameParticles = Vocab.set(
        "ni nic mac mc van der den de da di du del della dos le la bin bint ibn al el ap von ter")

    /// A capitalised word that can be a name after a cue (not a role, month, tool or acronym).
    func nameAfterCue(_ i: Int) -> Bool {
        guard let t = at(i), t.kind == .word, t.length >= 2, !notAName(i) else { return false }
        if t.capitalised { return !t.allCaps || given(i) }
        return given(i) && !ambiguous(i) || t.length >= 3 && unknown(i)
    }

    /// The end of a name starting at `i`: a surname (or second name) may follow.
    func extendName(_ i: Int) -> Int {
        var e = i
        var added = 0
        while added < 2, let n = tok(e + 1) {
            if n.kind == .punct {
                // "Smith-Jones", "O'Neill"
                if n.text == "-" || n.text == "'" || n.text == "’", !n.spaceBefore, let m = at(e + 2), !m.spaceBefore,
                    m.kind == .word, m.capitalised
                {
                    e += 2
                    continue
                }
                break
            }
            // "Siobhan Ní Chonaill", "Pieter van der Berg": a particle then the rest of the surname.
            if n.kind == .word, info[i].capitalised, Self.nameParticles.contains(n.key), n.start - info[e].end == 1 {
                var m = e + 2
                if Self.nameParticles.contains(key(m)) { m += 1 }
                if let w = at(m), w.kind == .word, w.capitalised, !w.allCaps, !notAName(m) {
                    e = m
                    added += 1
                    continue
                }
            }
            guard n.kind == .word, n.start - info[e].end == 1, !notAName(e + 1), !n.allCaps else { break }
            if n.capitalised {
                if info[i].capitalised || gazetteer.isSurname(n.key) {
                    if Vocab.streetHeads.contains(n.key) || Vocab.orgHeads.contains(n.key) { break }
                    e += 1
                    added += 1
                    continue
                }
            } else if !info[i].capitalised, gazetteer.surnames.contains(n.key), !gazetteer.isAmbiguous(n.key) {
                e += 1
                added += 1
                continue
            } else if !info[i].capitalised, n.key.isOne(of: ["o", "d"]), isApostrophe(e + 2),
                joined(e + 2), joined(e + 3), at(e + 3)?.kind == .word
            {
                // "niamh o'sullivan": the O' of a surname in lower case.
                e += 3
                added += 1
                continue
            }
            break
        }
        return e
    }

    static let surnameModified = Vocab.set(
        "family families fam household brothers bros sisters twins kids boys girls children chn siblings sibs case cases lads clan parents boy girl lad job famly familly"
    )
    /// How reports name a person they do not name ("Boy A", "Child C", "the victim"): never a name.
    static let designations = Vocab.set(
        "boy girl child victim witness suspect perpetrator adult baby infant sibling mother father iban")
    /// "the Serious Case review", "the Brennan case load": "case" as a kind of work, not a family's case.
    static let caseWorkWords = Vocab.set(
        "review reviews conference conferences law file files management notes load loads work worker workers study studies"
    )
    /// Shops and apps people name in passing: on no word list, never a person or a place.
    static let brands = Vocab.set(
        """
        tesco tescos asda aldi lidl morrisons sainsbury sainsburys greggs primark nandos mcdonalds maccies kfc starbucks argos poundland
        wetherspoons spoons deliveroo ubereats uber bolt amazon ebay vinted depop paypal monzo revolut netflix spotify roblox fortnite
        minecraft xbox playstation ps5 yubo wizz omegle grindr tinder hinge bumble onlyfans reddit twitch whatsapp snapchat tiktok
        instagram facebook messenger imessage facetime airdrop ipad iphone android samsung nokia vodafone lebara giffgaff
        mercedes audi bmw vauxhall toyota honda nissan kia porsche ferrari skoda peugeot renault citroen fiat lexus tesla volvo
        zalo viber wechat kakaotalk botim imo moneygram
        """)

    func notAPlaceOrNation(_ k: String) -> Bool {
        gazetteer.towns.contains(k) || gazetteer.bigPlaces.contains(k) || Vocab.countries.contains(k)
            || Vocab.nationalities.contains(k)
    }

    /// Where a word nobody listed is taken for a name: before a verb of saying, "'s" or an age; after a relationship
    /// word, a contact verb or a naming cue; at a sentence's start only before a verb of saying or being.
    func possibleNamePosition(_ i: Int) -> Bool {
        let t = tokens[i]
        let next = key(i + 1)
        let prev = key(i - 1)
        let possessive = (next == "'" || next == "’") && key(i + 2).equals("s") && !info[i + 1].spaceBefore
        if Vocab.strongVerbs.contains(next) { return true }
        if possessive { return t.capitalised || Self.possessedByPeople.contains(key(i + 3)) }
        if ageAfterName(i) != nil { return true }
        // "Olumide from the exploitation team", "it's Temi from YOT", "Shilpa from Hounslow CAMHS": someone
        // introduced by where they work.
        if t.capitalised, next == "from",
            at(i + 2)?.allCaps == true
                || key(i + 2).equals("the")
                    && (i + 3...i + 5).contains(where: { Self.workplaceWords.contains(key($0)) })
                || at(i + 2)?.capitalised == true
                    && (tok(i + 3).map { $0.allCaps && $0.length <= 6 } == true
                        || Self.workplaceWords.contains(key(i + 3)) || Vocab.orgHeads.contains(key(i + 3)))
        {
            return true
        }
        // "Kwabena can you…", "Temi could u…": a vocative with no comma.
        if t.capitalised, t.sentenceStart, Self.askingVerbs.contains(next), key(i + 2).isOne(of: ["you", "u", "ya"]) {
            return true
        }
        // "mum says jovarn not home": who a person's words are about.
        if ["says", "said", "reckons", "thinks"].contains(prev),
            inSet(.relations, i - 2) || inSet(.personNouns, i - 2),
            ["not", "is", "was", "has", "had", "isn't", "wasn't", "never", "still"].contains(next)
                || Self.reportedVerbs.contains(next)
        {
            return true
        }
        // Notes report what happened to someone: "rojda missing again", "& Kez arrested".
        if Self.reportedVerbs.contains(next), t.sentenceStart || ["&", "and", "+", ","].contains(prev) { return true }
        // "bayo was the one from Peckham": in lower-case chat, a word on no list opening a sentence before was/is and
        // a determiner.
        if !t.capitalised, t.sentenceStart, ["was", "is"].contains(next),
            key(i + 2).isOne(of: ["the", "a", "an", "always", "never", "with", "one"])
        {
            return true
        }
        // "Haruka (SW) said", "Temi (police):": a name before a bracketed role.
        if t.capitalised, next == "(", inSet(.roles, i + 2) || Self.bracketRoles.contains(key(i + 2)) {
            return true
        }
        // "Haruka, can you…", "Hi Temi", "cheers Olu": a vocative or a greeting.
        if t.capitalised, t.sentenceStart, next == ",", Self.vocativeFollowers.contains(key(i + 2)) { return true }
        if t.capitalised, Self.greetings.contains(prev),
            at(i - 1)?.lineStart == true || at(i - 1)?.sentenceStart == true
        {
            return true
        }
        if Vocab.relations.contains(prev) && !(at(i - 1)?.sentenceStart == true && t.sentenceStart)
            || Self.contactVerbs.contains(prev)
            || Vocab.namingCues.contains(prev)
            || (["to", "with"].contains(prev) && Self.talkVerbs.contains(key(i - 2)))
        {
            return true
        }
        guard t.capitalised else { return false }
        // Mid-sentence, a capitalised word on no list is a name: places, organisations, brands and tools are found or
        // listed before this (not after a determiner, not a mixed-case brand like "WhatsApp").
        if !t.sentenceStart, !(tok(i - 1).map { $0.isPunct(":\"“(-–•*>/") } ?? true), !Self.determiners.contains(prev),
            !t.text.unicodeScalars.dropFirst().contains(where: { $0.properties.isUppercase }),
            !Vocab.orgHeads.contains(next), !Vocab.streetHeads.contains(next), !Vocab.orgHeadAcronyms.contains(next)
        {
            return true
        }
        // "Kelzie will send it", "Jovarn and his mates": at a sentence's start before a modal or "and his/her".
        if t.sentenceStart, Self.modalVerbs.contains(next) || next == "and" && Self.possessives.contains(key(i + 2)) {
            return true
        }
        if ["is", "was", "has", "had", "and", "who", "who's", "whos"].contains(next) {
            // "Kez and Tia": "and" needs a person-like word after it; at a sentence start only "is/was/has/had".
            if next == "and" { return !t.sentenceStart && (tok(i + 2).map { $0.capitalised && !$0.allCaps } ?? false) }
            return true
        }
        return false
    }

    /// The token index of an age given right after a name ending at `e`: "Tiah (15)", "Kez, 14,", "kez 14 missing".
    func ageAfterName(_ e: Int) -> Int? {
        var j = e + 1
        let bracket = key(j).equals("(")
        let comma =
            key(j).equals(",") || key(j).equals(":") || (["-", "–"].contains(key(j)) && at(j)?.spaceBefore == true)
        if bracket || comma { j += 1 }
        // "callum (now 17)", "Tiah (aged 15)".
        if bracket, key(j).isOne(of: ["now", "aged", "age"]) { j += 1 }
        // "jay (15yrs)", "Tiah (15yo)".
        if bracket, let t = tok(j), t.kind == .alnum, key(j + 1).equals(")"),
            ["yrs", "yr", "yo", "y"].contains(String(t.key.drop { $0.isNumber })),
            let v = Int(t.key.prefix { $0.isNumber }), (1...99).contains(v)
        {
            return j
        }
        guard let v = ageValue(j), at(j)?.kind == .number || bracket || comma,
            (0...25).contains(v) || (bracket || comma) && v <= 99
        else { return nil }
        // "Dale Orrin, forty-one, known to us": an age in words is three tokens.
        let end = ageEnd(j)
        let after = tok(end + 1)
        if bracket { return after?.text == ")" ? j : nil }
        guard let a = after else { return j }
        if a.isPunct(",;)") || (a.isPunct(".") && (end + 2 >= tokens.count || info[end + 2].spaceBefore)) { return j }
        if a.isPunct("-–") && a.spaceBefore { return j }
        if [
            "yo", "and", "now", "next", "still", "lives", "living", "missing", "m", "f", "male", "female", "boy",
            "girl",
        ].contains(a.key) {
            return j
        }
        if a.key.isOne(of: ["yrs", "years", "year"])
            && (key(end + 2).equals("old") || end + 2 >= tokens.count || info[end + 2].isPunct(",.;)"))
        {
            return j
        }
        return nil
    }

    /// Token `i` opens a note: a sentence's start, after "yp" or "re:", or after a speaker label ("P2 - kacper 15").
    func opensNote(_ i: Int) -> Bool {
        let t = info[i]
        if t.sentenceStart || key(i - 1).isOne(of: ["yp", "re"]) { return true }
        if key(i - 1).equals(":"), key(i - 2).equals("re") { return true }
        if let b = at(i - 1), b.isPunct("•*·>"), b.lineStart { return true }
        // "- Nguyen family: 2 chn": a dash as a bullet.
        if let b = at(i - 1), b.isPunct("-–"), b.lineStart, t.spaceBefore { return true }
        guard let p = at(i - 1), p.isPunct("-–:"), let s = at(i - 2), s.lineStart, s.kind != .punct, s.length <= 3
        else { return false }
        return s.kind == .alnum || s.allCaps
    }

    /// Family words that shorthand puts straight after a person's name ("jaycee mum's no.").
    static let familyWords = Vocab.set(
        "mum mums mum's dad dads dad's nan nan's nana gran stepdad stepmum bro bros bro's sis sister brother bf gf")
    /// Relative ages and birth order: "florin - older bro", "the eldest".
    static let birthOrder = Vocab.set("older younger eldest youngest elder oldest big little")

    /// What shorthand puts after a name that opens a note, other than a plain age ("kai 15"): a glued age ("noor
    /// 14yo"), an age before "&" ("rojda 14 & sister"), a school year ("fartun yr 10", "y9"), "aka", or a dash, arrow or
    /// colon and then who the person is ("florin - older bro", "jun chen - dob 7 jan", "Nasra → Somali community worker").
    func shorthandFollower(_ e: Int) -> Bool {
        guard let n = tok(e + 1) else { return false }
        if n.kind == .alnum, let v = Int(n.key.prefix { $0.isNumber }), (1...21).contains(v),
            ["yo", "yrs", "yr", "y"].contains(String(n.key.drop { $0.isNumber }))
        {
            return true
        }
        if n.kind == .number, n.length <= 2, let v = Int(n.text), (10...19).contains(v), key(e + 2).equals("&") {
            return true
        }
        // A school year: "yr 10", "year 9", "y10".
        if n.key.isOne(of: ["yr", "year", "y"]), let y = tok(e + 2), y.kind == .number, let v = Int(y.text),
            (1...13).contains(v)
        {
            return true
        }
        if n.kind == .alnum, ["y", "yr"].contains(String(n.key.prefix { $0.isLetter })),
            let v = Int(n.key.drop { $0.isLetter }), (1...13).contains(v)
        {
            return true
        }
        if n.key.equals("aka") { return true }
        // "zorvika & her bf (19)": the person and someone of theirs.
        if n.key.isOne(of: ["&", "and", "+"]), Self.possessives.contains(key(e + 2)),
            inSet(.relations, e + 3)
        {
            return true
        }
        // "Zorvika. 15. Missing x4.": notes in full stops.
        if n.isPunct("."), let v = ageValue(e + 2), at(e + 2)?.kind == .number, (1...21).contains(v),
            at(e + 3)?.isPunct(".,") == true
        {
            return true
        }
        // "Zorvika - CSE concerns", "Quennel: welcome": a capitalised word on no list opening a line, set off.
        if info[e].capitalised, info[e].lineStart || at(e - 1)?.isPunct("•*-–·>") == true,
            n.isPunct(":") || n.isPunct("-–") && n.spaceBefore, unknown(e)
        {
            return true
        }
        // "ramin (kurdish, uasc) 16": who the person is, in brackets.
        if n.isPunct("("), let w = tok(e + 2),
            Vocab.nationalities.contains(w.key) || Vocab.relations.contains(w.key) || Vocab.roles.contains(w.key)
                || Self.bracketRoles.contains(w.key) || Self.birthOrder.contains(w.key)
        {
            return true
        }
        // "jaycee mum's no.", "precious mum v protective": a relation of the person, "'s" left out.
        if Self.familyWords.contains(n.key) { return true }
        let arrow = n.kind == .punct && n.scalar.value >= 0x2190 && n.scalar.value <= 0x21FF
        guard arrow || n.isPunct("-–:") && n.spaceBefore || n.isPunct(":") else { return false }
        var j = e + 2
        if key(j).equals("?") { j += 1 }
        let w = key(j)
        if w == "dob" || Self.birthOrder.contains(w) || Vocab.nationalities.contains(w) { return true }
        // "→ community worker", "- her bf": who the person is, within three words.
        if (j...j + 2).contains(where: {
            inSet(.relations, $0) || inSet(.singlePersonNouns, $0)
        }) {
            return true
        }
        if let a = at(j), a.kind == .number, let v = ageValue(j), (1...21).contains(v),
            tok(j + 1).map({ $0.kind == .punct || !Self.ageUnits.contains($0.key) }) ?? true
        {
            return true
        }
        return false
    }

    /// Words a person's name follows in notes and chat ("seen with", "dob for", "met", "told").
    static let personObjectCues = Vocab.set(
        """
        with w for saw seen met meet told tell asked ask texted messaged rang called visited collected dropped said says
        reckons thinks
        """)
    /// What may follow a person's name in such a note: a verb, a joiner, or where and when they were seen.
    static let afterPersonObject = Vocab.set(
        "and to at in on about outside near by again yesterday today tonight last earlier")
    static let modalVerbs = Vocab.set(
        "will would could can should might must did does didn't didnt won't wont can't couldn't wouldn't isn't wasn't")
    static let possessives = Vocab.set("his her their")
    /// Words on no list that are never a person: plural days, car models said alone ("a white Corsa").
    static let moreNotNames = Vocab.set(
        """
        mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends
        gillick mca dols
        corsa astra mondeo fiesta merc clio micra qashqai juke yaris prius insignia zafira kuga vivaro sprinter evoque
        octavia passat caddy berlingo transit golf polo focus punto picanto sportage tucson navara hilux
        """)
    static let askingVerbs = Vocab.set("can could would will do did are have")
    /// What notes say happened to a person: "X missing again", "X arrested".
    static let reportedVerbs = Vocab.set(
        """
        missing arrested excluded stabbed charged absconded located returned groomed assaulted attacked injured hospitalised
        disclosed admitted refused denied attended absent disengaged
        """)

    static let workplaceWords = Vocab.set(
        "team service police council school hospital unit project yot camhs mash department dept office trust charity")

    /// Named county lines that are not drug lines.
    static let railLines = Vocab.set(
        """
        northern central jubilee piccadilly victoria district circle bakerloo metropolitan elizabeth overground
        hammersmith waterloo county main branch front bottom red blue green yellow first second third
        """)
    static let withVerbs = Vocab.set(
        "seen spotted out hanging hangs left lives living staying stays went going met seen runs run running rolls")

    /// Shorthand notes put a bare age straight after a name and go on ("jayden 14 + kai 15", "lewis 16 stabbed",
    /// "sean 15 Ballymena", "bro Hassan 19 in custody"): a number of 10–19 after a person is an age unless a unit or
    /// something counted follows ("kai 10 mins", "tyler 12 sessions"); 1–21 before an arrow or a spaced plus.
    func looseAgeAfterName(_ e: Int) -> Int? {
        let j = e + 1
        guard let t = tok(j), t.kind == .number, t.length <= 2, let v = Int(t.text), (1...21).contains(v) else {
            return nil
        }
        guard let a = tok(j + 1) else { return nil }
        if a.kind == .punct {
            if a.isPunct("+&") { return a.spaceBefore && (at(j + 2)?.spaceBefore ?? false) ? j : nil }
            return a.scalar.value >= 0x2190 && a.scalar.value <= 0x21FF ? j : nil // an arrow: "amira 13 → Oakfield"
        }
        guard (10...19).contains(v), a.kind == .word, !Self.ageUnits.contains(a.key), !Self.countedNouns.contains(a.key)
        else { return nil }
        return j
    }

    /// Things counted after a bare number ("12 sessions", "15 quid"): the number is not an age.
    static let countedNouns = Vocab.set(
        """
        sessions session visits visit calls call texts messages incidents episodes nights night goals points lessons
        grand quid pence foot feet ft inches inch cm kg stone metres meters miles km mph per out off more less lads girls
        boys kids yp yps young people cases referrals children others times occasions members pupils students staff
        """)

    /// "Tia and Kezia", "Kez, Tyler and Mo": a word on no list, capitalised, next to a person in a list is a person too.
    mutating func findPeopleInLists() {
        findLowerCaseListsOfNames()
        var k = 0
        while k < candidates.count {
            let c = candidates[k]
            k += 1
            guard c.label == .person, let b = tokenIndex(endingAt: c.end) else { continue }
            // In lower-case notes the list goes on in lower case ("mahad & hodan siblings"), and the word after it
            // must end the list or say who they are.
            let lowerList =
                !info[b].capitalised && tok(b + 2).map { !$0.capitalised } == true
                && (tok(b + 3).map {
                    $0.kind == .punct || $0.kind == .number
                        || ["and", "&", "both", "twins", "siblings", "sibs"].contains($0.key)
                        || Vocab.strongVerbs.contains($0.key) || Self.reportedVerbs.contains($0.key)
                } ?? true)
            guard ["and", "&", ","].contains(key(b + 1)), let t = tok(b + 2), t.kind == .word,
                t.capitalised || lowerList,
                !t.allCaps, t.length >= 3,
                !covered(b + 2), gazetteer.isUnknown(t.key), !notAName(b + 2), !notAPlaceOrNation(t.key),
                !Self.brands.contains(t.key),
                !(tok(b + 3).map {
                    $0.capitalised || Vocab.orgHeads.contains($0.key) || Vocab.streetHeads.contains($0.key)
                } ?? false)
            else { continue }
            var n = Candidate(label: .person, start: t.start, end: t.end)
            n.possible = true
            candidates.append(n)
        }
        // "Kelzie, Daxtyn and Ruqaya": the list read backwards from a person found in it.
        k = 0
        while k < candidates.count {
            let c = candidates[k]
            k += 1
            guard c.label == .person, let a = tokenIndex(startingAt: c.start), a >= 2,
                [",", "&", "and"].contains(key(a - 1)), let t = tok(a - 2), t.kind == .word, t.capitalised, !t.allCaps,
                t.length >= 3, info[a].capitalised, !covered(a - 2), gazetteer.isUnknown(t.key), !notAName(a - 2),
                !notAPlaceOrNation(t.key), t.sentenceStart || [",", "&", "and"].contains(key(a - 3))
            else { continue }
            var n = Candidate(label: .person, start: t.start, end: t.end)
            n.possible = true
            candidates.append(n)
        }
    }

    /// "kelzie, daxtyn and ruqaya all excluded": a note opening with a list of words nobody listed, in lower case,
    /// and then what happened to them or who they are.
    mutating func findLowerCaseListsOfNames() {
        for i in tokens.indices where info[i].kind == .word && !info[i].capitalised && opensNote(i) {
            var items = [i]
            var j = i + 1
            while [",", "&", "and"].contains(key(j)), let n = at(j + 1), n.kind == .word, !n.capitalised {
                if key(j).equals(","), key(j + 1).equals("and") { j += 1 }
                items.append(j + 1)
                j += 2
            }
            guard items.count >= 2,
                items.allSatisfy({ info[$0].length >= 3 && unknown($0) && !notAName($0) && !covered($0) }),
                let after = tok(j),
                Self.listClosers.contains(after.key) || Self.reportedVerbs.contains(after.key)
                    || Vocab.strongVerbs.contains(after.key) || ageValue(j) != nil
            else { continue }
            for m in items {
                var c = Candidate(label: .person, start: info[m].start, end: info[m].end)
                c.possible = true
                candidates.append(c)
            }
        }
    }
    static let listClosers = Vocab.set("all both twins siblings sibs were are have had brothers sisters cousins")

    /// "Connor was 16": the age of a named person; then ages given in a pair or said twice.
    mutating func findAgesOfPeople() {
        findPeopleInLists()
        defer { findAgeEchoesAndLists() }
        // "yp szymon - Peterborough, 16, placed…": a teenage age between commas a few words after a person.
        for i in tokens.indices where info[i].isPunct(",") {
            if let a = commaAge(at: i), personBefore(i, reach: 8) { add(.age, tokens: a, ageEnd(a)) }
        }
        let people = candidates.filter { $0.label == .person }
        for p in people {
            guard var last = tokens.lastIndex(where: { $0.end == p.end }) else { continue }
            // "jordan-lee 14": the other half of a hyphenated name is added to the span later (widenSpans).
            if key(last + 1).equals("-"), let h = at(last + 2), h.kind == .word, !info[last + 1].spaceBefore,
                !h.spaceBefore
            {
                last += 2
            }
            if let a = ageAfterName(last) ?? looseAgeAfterName(last), !covered(a) {
                add(.age, tokens: a, ageEnd(a))
                continue
            }
            var j = last + 1
            if key(j).equals(","), key(j + 1).isOne(of: ["who", "is", "was"]) { j += 1 }
            if key(j).equals("who") { j += 1 }
            if isApostrophe(j), key(j + 1).equals("s") {
                j += 2
            } else if isApostrophe(j), key(j + 1).equals("d"), key(j + 2).equals("be") {
                j += 3
            } else if key(j).isOne(of: ["would", "will", "must"]), key(j + 1).equals("be") {
                j += 2
            } else if key(j).isOne(of: ["is", "was", "turned", "turns", "turning"]) {
                j += 1
            } else {
                continue
            }
            while Self.ageFillers.contains(key(j)) { j += 1 }
            guard let v = ageValue(j), (1...99).contains(v), !covered(j) else { continue }
            if let next = tok(j + 1), Self.ageUnits.contains(next.key),
                !next.key.equals(".") && !next.key.equals("and"),
                !(next.key.equals("-") && ageEnd(j) > j)
            {
                continue
            }
            add(.age, tokens: j, ageEnd(j))
        }
    }

    /// The session's own names: the full name and every part that is not an everyday word always, any case, any
    /// accents, even inside a national body's name; a part that is an everyday word (Fab, Lab, Will) only where it
    /// stands as a name.
    mutating func findSessionNames(_ sessionNames: [String: [[String]]], wordLike: Set<String> = []) {
        guard !sessionNames.isEmpty else { return }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if info[i].kind == .alnum {
                if let (start, end, e) = gluedWholeName(at: i, sessionNames) {
                    candidates.append(Candidate(label: .person, start: start, end: end, sessionName: true))
                    i = e
                    continue
                }
                findSessionNamesGlued(in: i, sessionNames, wordLike: wordLike)
                continue
            }
            guard info[i].kind == .word, let names = sessionNames[tokens[i].key] else { continue }
            for n in names {
                if n.count == 1, wordLike.contains(n[0]), !standsAsName(i) { continue }
                if let e = matches(n, at: i), standalone(i, e) {
                    candidates.append(
                        Candidate(label: .person, start: info[i].start, end: info[e].end, sessionName: true))
                    i = e
                    break
                }
                if n.count > 1, let (end, e) = matchesGluedLast(n, at: i), standalone(i, i) {
                    candidates.append(Candidate(label: .person, start: info[i].start, end: end, sessionName: true))
                    i = e
                    break
                }
            }
        }
    }

    /// "cc: Quennel Harris": a capitalised word nobody listed (or a listed given name) right before a person found by
    /// their surname is the same person's first name.
    mutating func widenNamesLeft() {
        for k in candidates.indices where candidates[k].label == .person && !candidates[k].sessionName {
            guard var a = tokenIndex(startingAt: candidates[k].start), a >= 1 else { continue }
            // The other half of a hyphenated name first ("quennel-harris").
            if a >= 2, key(a - 1).equals("-"), joined(a - 1), joined(a), info[a - 2].kind == .word {
                a -= 2
                candidates[k].start = info[a].start
                guard a >= 1 else { continue }
            }
            let p = tokens[a - 1]
            // In lower case only where a note opens ("zorvika quennel-harris, 14").
            // "abdirahman warsame 14": a listed surname that is no everyday word opens the note too.
            let lower =
                !info[a].capitalised && !p.capitalised && (onNoList(a - 1) || surnameOnly(a - 1)) && opensNote(a - 1)
            guard p.kind == .word, p.capitalised && info[a].capitalised || lower, !p.allCaps, p.length >= 3,
                info[a].start - p.end == 1,
                onNoList(a - 1) || surnameOnly(a - 1) || given(a - 1) && !ambiguous(a - 1), !notAName(a - 1),
                !Vocab.titles.contains(p.key),
                !Vocab.relations.contains(p.key), !Vocab.personNouns.contains(p.key),
                !candidates.contains(where: { $0.start < p.end && p.start < $0.end })
            else { continue }
            candidates[k].start = p.start
        }
        // "ayaan farah", "Tyrone Gayle": two parts of a name found one by one, a space apart, are one name.
        var k = candidates.count - 1
        while k > 0 {
            defer { k -= 1 }
            guard candidates[k].label == .person, !candidates[k].sessionName,
                let a = tokenIndex(startingAt: candidates[k].start), a >= 1, info[a].start - info[a - 1].end == 1,
                info[a - 1].kind == .word,
                let m = candidates.firstIndex(where: {
                    $0.label == .person && !$0.sessionName && $0.end == info[a - 1].end
                })
            else { continue }
            candidates[m].end = candidates[k].end
            candidates[m].possible = candidates[m].possible && candidates[k].possible
            candidates.remove(at: k)
        }
    }

    /// The keys of the words of the people found so far, and whether every finding they came from was only possible.
    func personKeys() -> [String: Bool] {
        var known: [String: Bool] = [:]
        for c in candidates where c.label == .person {
            guard let a = tokenIndex(startingAt: c.start) ?? tokenIndex(containing: c.start) else { continue }
            var j = a
            while j < tokens.count, info[j].start < c.end {
                let k = tokens[j].key
                if info[j].kind == .word, info[j].length >= 3, !notAName(j), !Vocab.titles.contains(k),
                    !Self.nameParticles.contains(k), !Self.namePrefixes.contains(k)
                {
                    known[k] = (known[k] ?? true) && c.possible
                }
                j += 1
            }
        }
        return known
    }

    /// The token whose scalars include `offset`.
    func tokenIndex(containing offset: Int) -> Int? {
        tokens.firstIndex { $0.start <= offset && offset < $0.end }
    }

    /// A name found once in a text is that name wherever else the text says it: "it's Nguyen, … Thanh Nguyen",
    /// "His street name was Ghost. Ghost." A name that is also a word counts only capitalised, and at a sentence's
    /// start only when it stands alone ("Ghost.").
    mutating func findNamesAgainInText() {
        guard candidates.contains(where: { $0.label == .person }) else { return }
        let known = personKeys()
        guard !known.isEmpty else { return }
        for i in tokens.indices where info[i].kind == .word && !quiet[i] {
            guard let possible = known[tokens[i].key], !covered(i) else { continue }
            let t = info[i]
            if on(.word, i) || ambiguous(i) {
                // "sonny 13 - and sonny's mate": in lower case, only as an owner or a speaker.
                let owner =
                    isApostrophe(i + 1) && key(i + 2).equals("s") || Self.sayingVerbs.contains(key(i + 1))
                guard t.capitalised && !t.allCaps || owner,
                    !t.sentenceStart || owner || tok(i + 1).map({ $0.isPunct(".,!?;") }) ?? true
                else { continue }
            }
            var c = Candidate(label: .person, start: t.start, end: t.end)
            c.possible = possible
            candidates.append(c)
        }
    }

    /// A name spelled out letter by letter, as people do when asked for it ("Kemi Obi, K-E-M-I.", "N-G-U-Y-E-N"): the
    /// spelling is the name when it spells a listed name that is no everyday word, or a word of the same text nobody
    /// listed (which is then the name too).
    mutating func findSpelledNames() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .word, info[i].length == 1, !joined(i) || !key(i - 1).equals("-") else { continue }
            var e = i
            var spelled = tokens[i].key
            while key(e + 1).equals("-"), joined(e + 1), let l = tok(e + 2), l.kind == .word, l.length == 1,
                joined(e + 2)
            {
                spelled += l.key
                e += 2
            }
            guard spelled.count >= 3 else { continue }
            let a = i
            i = e
            // "W-U-six-nine": letters that go on into a code are the numbers' recognisers' business.
            if key(e + 1).equals("-"), joined(e + 1) { continue }
            if Vocab.notNames.contains(spelled) || Self.chatWords.contains(spelled) || Vocab.roles.contains(spelled)
                || gazetteer.isWord(spelled) || notAPlaceOrNation(spelled)
            {
                continue
            }
            let elsewhere = tokens.indices.filter {
                ($0 < a || $0 > e) && info[$0].kind == .word && tokens[$0].key == spelled
            }
            let listed = gazetteer.isGiven(spelled) || gazetteer.isSurname(spelled)
            guard listed || !elsewhere.isEmpty else { continue }
            if !covered(a) && !covered(e) { add(.person, tokens: a, e) }
            for j in elsewhere where !covered(j) {
                let end = info[j].capitalised ? extendName(j) : j
                add(.person, tokens: j, end)
            }
        }
    }

    static let sayingVerbs = Vocab.set("said told texted messaged reckons reckoned disclosed admitted")
    static let documentWords = Vocab.set(
        "report review inquiry guidance policy law data evidence research paper article statute legislation government")
    static let groupWords = Vocab.set(
        "both others each most few several many everyone nobody someone they we you it this that who")
    /// "Teachers said", "Officers told": a plural of a role or person word is a group, not a nickname.
    func groupSingular(_ k: String) -> Bool {
        Vocab.notNames.contains(k) || Vocab.roles.contains(k) || Vocab.relations.contains(k)
            || Vocab.personNouns.contains(k)
            || Vocab.genericServiceWords.contains(k) || k.hasSuffix("er") || k.hasSuffix("or") || k.hasSuffix("ist")
            || k.hasSuffix("ian")
    }

    static let greetings = Vocab.set(
        "hi hiya hello hey cheers morning afternoon evening sorry welcome bye ta thanks thank")
    static let bracketRoles = Vocab.set(
        """
        sw sws social police teacher nurse mum dad yp worker manager chair lead officer health education school camhs yot yos mash
        housing probation youth senco dsl iro lado ds dc pc sgt gp facilitator notetaker note-taker host cofacilitator
        """)

    /// Person words that are not relations but take a quoted name ('older male "Tiny"').
    static let quotedAfter = Vocab.set(
        "male female males man men lad lads youth older adult associate associates suspect nominal")

    static let afterContraction = Vocab.set(
        "a an the not been got gone going gonna very so really just always never no quite such all")
    static let vocativeFollowers = Vocab.set("can could would do did are have what how you your is thanks thank any")
    static let determiners = Vocab.set(
        "a an the my our your his her their this that these those its any every each some no")

    /// Token `i` stands where a name stands: capitalised (not all capitals), and after a name cue, or before a verb of
    /// saying or "'s", or on its own mid-sentence (no capitalised word beside it, no determiner before it).
    func standsAsName(_ i: Int) -> Bool {
        guard let t = at(i), t.capitalised, !t.allCaps else { return false }
        let next = key(i + 1)
        let prev = key(i - 1)
        let possessive = (next == "'" || next == "’") && key(i + 2).equals("s") && !info[i + 1].spaceBefore
        if Vocab.strongVerbs.contains(next) || possessive { return true }
        if Vocab.relations.contains(prev) || Vocab.titles.contains(prev) || Self.contactVerbs.contains(prev)
            || Vocab.namingCues.contains(prev)
            || (["to", "with"].contains(prev) && Self.talkVerbs.contains(key(i - 2)))
        {
            return true
        }
        if t.sentenceStart { return Vocab.weakVerbs.contains(next) }
        if Self.determiners.contains(prev) { return false }
        let prevCap = tok(i - 1).map { $0.isWordLike && $0.capitalised } ?? false
        let nextCap = tok(i + 1).map { $0.isWordLike && $0.capitalised } ?? false
        return !prevCap && !nextCap
    }

    /// A whole name of several parts whose last part is glued to digits ("Amber Rose43", "JO LI3"): the last token
    /// starts with the last part's letters and goes on with a digit. Returns the name's scalar end and last token.
    func matchesGluedLast(_ n: [String], at i: Int) -> (Int, Int)? {
        let last = i + n.count - 1
        guard last < tokens.count, info[last].kind == .alnum else { return nil }
        for k in 0..<(n.count - 1) where tokens[i + k].key != n[k] { return nil }
        let t = info[last]
        var b = t.start
        while b < t.end, Tokeniser.isLetter(scalars[b]) || scalars[b].properties.generalCategory == .nonspacingMark {
            b += 1
        }
        guard b > t.start, b < t.end, Tokeniser.foldedKey(scalars, t.start, b) == n[n.count - 1] else { return nil }
        return (b, last)
    }

    /// A whole name of several parts whose first part is glued to digits before it ("900123JO LI", "43Amber Rose",
    /// "9Amber Rose43"): the token ends with the first part's letters after a digit. Returns scalar start and end and
    /// the last token.
    func gluedWholeName(at i: Int, _ sessionNames: [String: [[String]]]) -> (Int, Int, Int)? {
        let t = info[i]
        var a = t.end
        while a > t.start,
            Tokeniser.isLetter(scalars[a - 1]) || scalars[a - 1].properties.generalCategory == .nonspacingMark
        {
            a -= 1
        }
        guard a < t.end, a > t.start, let names = sessionNames[Tokeniser.foldedKey(scalars, a, t.end)] else {
            return nil
        }
        for n in names where n.count > 1 && i + n.count - 1 < tokens.count {
            let rest = Array(n.dropFirst())
            if let e = matches(rest, at: i + 1), standalone(e, e) { return (a, info[e].end, e) }
            if let (end, e) = matchesGluedLast(rest, at: i + 1) { return (a, end, e) }
        }
        return nil
    }

    /// "tyler99", "23SIÂN": a one-word session name glued to digits is still that name (not an everyday word: "mac2").
    mutating func findSessionNamesGlued(in i: Int, _ sessionNames: [String: [[String]]], wordLike: Set<String>) {
        let t = info[i]
        var a = t.start
        while a < t.end {
            guard Tokeniser.isLetter(scalars[a]) else {
                a += 1
                continue
            }
            var b = a
            while b < t.end, Tokeniser.isLetter(scalars[b]) || scalars[b].properties.generalCategory == .nonspacingMark
            { b += 1 }
            let key = Tokeniser.foldedKey(scalars, a, b)
            if !wordLike.contains(key), sessionNames[key]?.contains(where: { $0.count == 1 }) == true {
                candidates.append(Candidate(label: .person, start: a, end: b, sessionName: true))
            }
            a = b
        }
    }

    /// Session memory: what a person accepted once is found again anywhere in the session, in any case.
    mutating func findAcceptedTerms(_ terms: [String: [([String], IdentifierLabel)]]) {
        guard !terms.isEmpty else { return }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard let list = terms[tokens[i].key] else { continue }
            for (keys, label) in list {
                if let e = matches(keys, at: i), standalone(i, e) {
                    add(label, tokens: i, e)
                    i = e
                    break
                }
            }
        }
    }

    mutating func findPeople(sessionNames: [String: [[String]]], wordLike: Set<String> = []) {
        findSessionNames(sessionNames, wordLike: wordLike)
        defer {
            findAliasesAndShortNames()
            widenNamesLeft()
            findSpelledNames()
            findNamesAgainInText()
            findAgesOfPeople()
        }
        // "SEAN 15 - REPORTED MISSING": a note typed in capitals says nothing by its case, so a listed name is a name.
        let shouted = isShouted()
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            guard t.kind == .word || t.kind == .alnum else { continue }
            if quiet[i] || covered(i) { continue }
            let k = t.key
            let kv = vocabAt(i)
            // Titles: "Mrs Okafor", "Dr. Patel", "PC Jones".
            if kv.contains(.titles),
                t.capitalised || k.isOne(of: ["mrs", "mr", "ms", "dr", "cllr", "pc", "dc", "ds"])
            {
                var j = i + 1
                if key(j).equals("."), !info[j].spaceBefore { j += 1 }
                if let n = tok(j), n.kind == .word, !notAName(j),
                    n.capitalised || gazetteer.isSurname(n.key) && !gazetteer.isWord(n.key)
                        || gazetteer.isUnknown(n.key) && n.length >= 3
                {
                    // "pc llewellyn": in lower case only before a listed name that is no everyday word.
                    if k.isOne(of: ["pc", "dc", "ds", "di", "dci", "dcs"]) && !t.allCaps,
                        !(on([.given, .surname], j) && !on(.word, j)) || n.capitalised
                    {
                        continue
                    }
                    if k.equals("miss") && !n.capitalised { continue }
                    let e = extendName(j)
                    add(.person, tokens: i, e)
                    i = e
                    continue
                }
            }
            // After a relationship word: "her son Tyler", "my colleague dave", "mum, Sharon,".
            if kv.contains(.relations) || kv.contains(.quotedAfter) && at(i + 1)?.isPunct("\"“") == true
                || (k.equals("young") && key(i + 1).equals("person"))
            {
                var j = i + 1
                if k.equals("young") { j += 1 }
                if key(j).equals(",") || key(j).equals("-") || key(j).equals("–") { j += 1 }
                // 'an older male "Tiny"': a name in quotes after a person.
                if at(j)?.isPunct("\"“") == true, let n = at(j + 1), !n.spaceBefore, n.kind == .word, n.capitalised,
                    !notAName(j + 1),
                    at(j + 2)?.isPunct("\"”") == true
                {
                    add(.person, tokens: j + 1, j + 1)
                    i = j + 2
                    continue
                }
                if inSet(.namingCues, j) { j += 1 }
                // "foster carer sue (?) says", "yp precious says": a listed name that is also a word, in lower case,
                // after a person word and before a verb of saying or a bracket.
                let wordNameSpeaks =
                    tok(j).map { $0.kind == .word && !$0.capitalised && $0.length >= 3 } == true && given(j)
                    && !notAName(j)
                    && (Self.sayingVerbs.contains(key(j + 1)) || Vocab.strongVerbs.contains(key(j + 1))
                        || key(j + 1).equals("(") || (ageAfterName(j) ?? looseAgeAfterName(j)) != nil)
                if wordNameSpeaks || nameAfterCue(j),
                    info[j].capitalised || !gazetteer.isAmbiguous(key(j)) || wordNameSpeaks
                {
                    if info[j].capitalised && info[j].sentenceStart { continue }
                    let e = extendName(j)
                    add(.person, tokens: j, e)
                    i = e
                    continue
                }
            }
            // After a naming cue: "called Amber", "a lad called jayden", "her name is kayla", "known as Smurf".
            var cueNext: Int?
            if kv.contains(.namingCues) {
                cueNext = key(i + 1).isOne(of: ["him", "her", "himself", "herself", "them"]) ? i + 2 : i + 1
            } else if k.equals("name"), key(i + 1).isOne(of: ["is", "was"]) {
                cueNext = i + 2
            } else if k.equals("name"), isApostrophe(i + 1), key(i + 2).equals("s") {
                cueNext = i + 3
            } else if k.equals("name"), key(i - 1).isOne(of: ["first", "real", "full", "given", "sur", "street"]),
                let n = tok(i + 1), n.kind == .word, n.capitalised || !gazetteer.isWord(n.key)
            {
                // "(first name rukhsana?)", "real name Dwayne".
                cueNext = i + 1
            } else if k.equals("known"), key(i + 1).equals("as") {
                cueNext = i + 2
            } else if k.equals("known"),
                key(i + 1).isOne(of: ["locally", "round", "around", "online", "only", "mainly"]),
                key(i + 2).equals("as") || key(i + 3).equals("as") && key(i + 2).isOne(of: ["here", "there"])
            {
                // "known locally as Skint", "known round here as Dee".
                cueNext = key(i + 2).equals("as") ? i + 3 : i + 4
            } else if k.equals("nickname") || k.equals("alias") || k.equals("nick"),
                key(i + 1).isOne(of: ["is", "was", ":", "-"])
            {
                cueNext = i + 2
            } else if k.equals("goes"), key(i + 1).equals("by") {
                cueNext = i + 2
            } else if k.equals("call") || k.equals("calls") || k.equals("called") || k.equals("calling"),
                key(i + 1).isOne(of: ["him", "her", "himself", "herself", "them"])
            {
                cueNext = i + 2
            }
            // "the lad they call Bones", "who everyone calls Tiny".
            else if k.equals("call") || k.equals("calls"),
                key(i - 1).isOne(of: ["they", "we", "everyone", "people", "everybody", "lads", "kids"]),
                at(i + 1)?.capitalised == true
            {
                cueNext = i + 1
            }
            // 'known as "Tiny"', "called 'Bones'": a quoted name.
            if let j = cueNext, at(j)?.isPunct("\"'“‘") == true, !(at(j + 1)?.spaceBefore ?? true) { cueNext = j + 1 }
            if let j = cueNext, let n = tok(j), n.kind == .word, !notAName(j) {
                let personBefore =
                    inSet(.personNouns, i - 1) || inSet(.relations, i - 1) || k.equals("name")
                let everyday = Self.afterCalled.contains(n.key)
                if n.capitalised && (!n.allCaps || gazetteer.isGiven(n.key))
                    || gazetteer.isGiven(n.key) && (personBefore || !gazetteer.isAmbiguous(n.key))
                    || personBefore && n.length >= 3 && !everyday
                {
                    let e = extendName(j)
                    add(.person, tokens: j, e)
                    i = e
                    continue
                }
            }
            // "the Smith family", "the Okafor children", "the Brennan case": a surname as a modifier.
            // "the O'Sullivan family", "the D'Souza case": the O' is part of the name.
            let apostrophed =
                isApostrophe(i - 1) && (key(i - 2).equals("o") || key(i - 2).equals("d"))
                && !info[i - 1].spaceBefore
                && !info[i].spaceBefore
                && (info[i - 2].capitalised || surnameOnly(i) || on(.surname, i) && !on(.word, i))
            if t.kind == .word, t.capitalised && !t.allCaps || unknown(i) || on(.surname, i) && !on(.word, i),
                t.length >= 3,
                key(i - 1).equals("the") || apostrophed && key(i - 3).equals("the")
                    // "osei case - YOT + CSC joint": a note opens with the family's name.
                    || opensNote(i) && !on(.word, i) && (!t.capitalised || surnameOnly(i) || onNoList(i)),
                Self.surnameModified.contains(key(i + 1)),
                !notAName(i), !Self.brands.contains(k),
                !(on([.town, .bigPlace], i) || Vocab.countries.contains(k) || Vocab.nationalities.contains(k)),
                !Vocab.genericServiceWords.contains(k), !Vocab.genericOrgModifiers.contains(k),
                !(key(i + 1).isOne(of: ["case", "cases"]) && Self.caseWorkWords.contains(key(i + 2)))
            {
                add(.person, tokens: apostrophed ? i - 2 : i, i)
                continue
            }
            // "our Kayleigh", "our Dee": a family's way of naming one of its own (not "our Head of Service", "our LA").
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 2, key(i - 1).equals("our"), !t.sentenceStart,
                !notAName(i),
                !(on([.town, .bigPlace], i) || Vocab.countries.contains(k) || Vocab.nationalities.contains(k)),
                !Vocab.genericServiceWords.contains(k), !Vocab.genericOrgModifiers.contains(k),
                !(tok(i + 1).map {
                    $0.capitalised || Vocab.orgHeads.contains($0.key) || Vocab.streetHeads.contains($0.key)
                } ?? false),
                !on(.word, i) || given(i)
            {
                let e = extendName(i)
                add(.person, tokens: i, e)
                i = e
                continue
            }
            // "tyler99", "Kayden2009": a listed given name (not a word) glued to digits, as in a gaming or user name.
            if t.kind == .alnum, !t.sentenceStart || t.length >= 6 {
                let letters = t.key.prefix { $0.isLetter }
                let rest = t.key.dropFirst(letters.count)
                if letters.count >= 4, !rest.isEmpty, rest.allSatisfy(\.isNumber), gazetteer.isGiven(String(letters)),
                    !gazetteer.isAmbiguous(String(letters)), !gazetteer.isWord(String(letters)),
                    !Vocab.notNames.contains(String(letters))
                {
                    var c = Candidate(label: .person, start: t.start, end: t.end)
                    c.possible = true
                    candidates.append(c)
                    continue
                }
            }
            // "Skinny's real name", "the Smurf line": a nickname that is a word, where only a person fits.
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, !t.sentenceStart || key(i + 1).equals("line"),
                !notAName(i), !notAPlaceOrNation(k), !Vocab.genericServiceWords.contains(k),
                !Vocab.orgHeads.contains(k), !Self.determiners.contains(k), !kv.contains(.relations),
                isApostrophe(i + 1) && key(i + 2).equals("s")
                    && key(i + 3).isOne(of: ["real", "full", "first"])
                    && key(i + 4).equals("name")
                    || key(i + 1).equals("line") && !Self.railLines.contains(k) && !on(.given, i) && !on(.surname, i)
                        && (key(i - 1).equals("the") || info[i].lineStart)
            {
                add(.person, tokens: i, i)
                continue
            }
            // "seen w/ Skinny", "out w/ Jonno": shorthand "w/" is "with".
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, key(i - 1).equals("/"),
                key(i - 2).equals("w"),
                !info[i - 1].spaceBefore, Self.withVerbs.contains(key(i - 3)), !notAName(i),
                !notAPlaceOrNation(k), !Vocab.genericServiceWords.contains(k), !Vocab.orgHeads.contains(key(i + 1)),
                !Vocab.streetHeads.contains(key(i + 1))
            {
                add(.person, tokens: i, extendName(i))
                continue
            }
            // "the lad's Lwazi", "the girl's Nasra": a person word, "'s" (is) and a name.
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, key(i - 1).equals("s"),
                isApostrophe(i - 2),
                inSet(.personNouns, i - 3) || inSet(.singlePersonNouns, i - 3),
                key(i - 4).equals("the"), !on(.word, i) || given(i), !notAName(i), !notAPlaceOrNation(k)
            {
                add(.person, tokens: i, extendName(i))
                continue
            }
            // "Nasra, she was…", "and Chen, the boy, he…": a name, then the person it is, in apposition.
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, key(i + 1).equals(","),
                !on(.word, i) || given(i) && key(i + 2).isOne(of: ["she", "he"]) && info[i].sentenceStart,
                key(i + 2).isOne(of: ["she", "he"])
                    || key(i + 2).equals("the") && inSet(.singlePersonNouns, i + 3) && key(i + 4).equals(","),
                !notAName(i), !notAPlaceOrNation(k), !Vocab.genericServiceWords.contains(k)
            {
                var c = Candidate(label: .person, start: t.start, end: t.end)
                c.possible = unknown(i)
                candidates.append(c)
                continue
            }
            // Notes open with a name and an age, in any case: "grace 15 - in care", "hope (14) - Tilbury",
            // "sadia 14 bangladeshi" (a name that is also a word, or one nobody listed, is a possible name).
            if t.kind == .word, t.length >= 3, !t.allCaps || shouted && given(i), opensNote(i),
                given(i) || unknown(i),
                !notAName(i), !on([.town, .bigPlace], i), !kv.contains(.relations), !kv.contains(.personNouns),
                !kv.contains(.singlePersonNouns)
            {
                if (ageAfterName(i) ?? looseAgeAfterName(i)) != nil {
                    var c = Candidate(label: .person, start: t.start, end: t.end)
                    c.possible = unknown(i) || ambiguous(i)
                    candidates.append(c)
                    continue
                }
                // "rojda 14 & sister…", "noor 14yo -", "fartun yr 10", "florin - older bro", "jun chen - dob…": a
                // word nobody listed (and a listed surname after it) opening a note, then who the person is.
                let e = t.capitalised ? i : extendName(i)
                if unknown(i) || given(i) && !Self.modalVerbs.contains(k) && !k.equals("may"), shorthandFollower(e) {
                    var c = Candidate(label: .person, start: t.start, end: info[e].end)
                    c.possible = true
                    candidates.append(c)
                    i = e
                    continue
                }
            }
            // "wojcik - dad works agency", "nguyen - nail bar", "Begum: 15, excluded": a note opens with a listed name
            // that is no everyday word (a surname too), set off by a spaced dash or a colon.
            if t.kind == .word, t.length >= 4, lists[i].rawValue & Self.givenOrSurnameBits != 0,
                lists[i].rawValue & Self.wordOrPlaceBits == 0, !t.allCaps || shouted,
                let n = tok(i + 1), n.isPunct("-–:") && (n.spaceBefore || n.text == ":"),
                tok(i + 2).map({ !$0.isPunct(")") }) ?? false, opensNote(i), !notAName(i),
                !kv.contains(.relations), !kv.contains(.personNouns)
            {
                var c = Candidate(label: .person, start: t.start, end: t.end)
                c.possible = !given(i)
                candidates.append(c)
                continue
            }
            // "seen with gabzira", "dob for ruqaya", "met zorvek": in lower case, a word on no list (no English word,
            // no listed name or place, no shorthand) after a preposition or verb a person follows, going nowhere else.
            if t.kind == .word, !t.capitalised, t.length >= 4, onNoList(i), i > 0,
                Self.personObjectCues.contains(tokens[i - 1].key), !covered(i), !notAName(i), !Self.brands.contains(k),
                !Self.vehicleCues.contains(k), !Self.nounShaped(k), !Vocab.genericServiceWords.contains(k),
                tok(i + 1).map({
                    $0.kind == .punct || Vocab.strongVerbs.contains($0.key) || Vocab.weakVerbs.contains($0.key)
                        || Self.reportedVerbs.contains($0.key)
                        || Self.afterPersonObject.contains($0.key)
                }) ?? true
            {
                var c = Candidate(label: .person, start: t.start, end: t.end)
                c.possible = true
                candidates.append(c)
                continue
            }
            // "the Quarshiews were known", "the Okonkwos": a family named by its surname in the plural.
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 5, k.hasSuffix("s"), key(i - 1).equals("the"),
                !on([.word, .town, .bigPlace], i), !Self.acronymPlural(t), !notAName(i), !Self.moreNotNames.contains(k),
                tok(i + 1).map({ $0.kind == .punct || !$0.capitalised }) ?? true
            {
                let stem = String(k.dropLast())
                let lists = gazetteer.lists(stem)
                if lists.isDisjoint(with: [.word, .given, .town, .bigPlace, .ambiguous]),
                    !Vocab.notNames.contains(stem), !Vocab.nationalities.contains(stem),
                    !Vocab.countries.contains(stem),
                    !Self.brands.contains(stem), !Vocab.genericServiceWords.contains(stem), !Vocab.roles.contains(stem)
                {
                    var c = Candidate(label: .person, start: t.start, end: t.end)
                    c.possible = !lists.contains(.surname)
                    candidates.append(c)
                    continue
                }
            }
            // "lil zorv runs the line", "big kez": a street name with its prefix, in lower case.
            if t.kind == .word, !t.capitalised, k.equals("lil") || k.equals("big") || k.equals("little"),
                let n = at(i + 1),
                n.kind == .word, n.length >= 3, !n.capitalised, unknown(i + 1), !notAName(i + 1), !covered(i + 1)
            {
                var c = Candidate(label: .person, start: t.start, end: n.end)
                c.possible = true
                candidates.append(c)
                i += 1
                continue
            }
            // A word on no list where a name stands: "and Kez said", "Jaxon was 14", "Tiah (15)", "her bf jaydee"; a
            // listed surname that is no everyday word stands there the same way ("spoke to nguyen", "and Kowalczyk said").
            if t.kind == .word, t.length >= 3, !t.allCaps,
                onNoList(i)
                    || surnameOnly(i)
                        // "a McDonald's by the station": a surname's "'s" is a person's only before what people have.
                        && !(isApostrophe(i + 1) && !Self.possessedByPeople.contains(key(i + 3)))
                        // "Mansfield Woodhouse": after a place found, a surname-like word goes on naming the place.
                        && !(i > 0 && info[i].spaceBefore && covered(i - 1)),
                !notAName(i),
                !(on([.town, .bigPlace], i) || Vocab.countries.contains(k) || Vocab.nationalities.contains(k)),
                !kv.contains(.relations), !kv.contains(.personNouns), !Self.vehicleCues.contains(k),
                !Self.brands.contains(k), possibleNamePosition(i)
            {
                let e = t.capitalised ? extendName(i) : i
                var c = Candidate(label: .person, start: t.start, end: info[e].end)
                c.possible = true
                candidates.append(c)
                i = e
                continue
            }
            // An unknown capitalised word before "'s mum", "'s boyfriend": a person ("Jaxon's mum rang").
            if t.capitalised, !t.allCaps, t.length >= 3, isApostrophe(i + 1),
                key(i + 2).equals("s"),
                !info[i + 1].spaceBefore,
                Self.possessedByPeople.contains(key(i + 3)), !notAName(i), !on(.town, i), !on(.bigPlace, i)
            {
                add(.person, tokens: i, i)
                continue
            }
            // An unknown capitalised word mid-sentence before "said/told/texted": a person ("and Jaxon told her").
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, !t.sentenceStart,
                Vocab.strongVerbs.contains(key(i + 1)), !key(i - 1).equals("the"),
                !notAName(i), !on(.town, i), !on(.bigPlace, i),
                !(tok(i - 1).map { $0.kind == .punct && !$0.isPunct(",") } ?? true)
            {
                add(.person, tokens: i, i)
                continue
            }
            // A nickname that is an everyday word, before a verb of saying: "Bones said he'd sort it", "Tiny told her".
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, Self.sayingVerbs.contains(key(i + 1)),
                !notAName(i),
                !kv.contains(.relations), !kv.contains(.personNouns), !Self.determiners.contains(k),
                !Self.groupWords.contains(k),
                !Vocab.genericServiceWords.contains(k), !notAPlaceOrNation(k), !Vocab.orgHeads.contains(k),
                !Self.documentWords.contains(k),
                !Self.determiners.contains(key(i - 1)),
                !(k.hasSuffix("s") && groupSingular(String(k.dropLast()))), !covered(i)
            {
                add(.person, tokens: i, i)
                continue
            }
            // An unknown capitalised word after "spoke to", "met with", "texted", "thanks": a person ("I spoke to Keanu").
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, !t.sentenceStart, !notAName(i),
                Self.contactVerbs.contains(key(i - 1))
                    || key(i - 1).isOne(of: ["to", "with"]) && Self.talkVerbs.contains(key(i - 2)),
                !on(.town, i), !on(.bigPlace, i), !Vocab.genericServiceWords.contains(k),
                !Vocab.orgHeads.contains(key(i + 1)), !Vocab.streetHeads.contains(key(i + 1)),
                !Vocab.orgHeadAcronyms.contains(key(i + 1))
            {
                let e = extendName(i)
                add(.person, tokens: i, e)
                i = e
                continue
            }
            // "jj aka Smurf", "yp tj aka Bones": a note opens with a short name in lower case and its alias.
            if t.kind == .word, !t.capitalised, t.length >= 2, t.length <= 12, key(i + 1).equals("aka"), opensNote(i),
                !on(.word, i), !kv.contains(.notNames), !Self.chatWords.contains(k), !kv.contains(.roles),
                !quiet[i], !notAPlaceOrNation(k)
            {
                add(.person, tokens: i, i)
                continue
            }
            // "DJ aka Dee", "Smurf a.k.a. Jordan": the name before "aka" is a name too.
            if t.kind == .word, t.capitalised || inSet(.relations, i - 1), t.length >= 2, t.length <= 12,
                key(i + 1).equals("aka")
                    || (key(i + 1).equals("a") && key(i + 2).equals(".")
                        && key(i + 3).equals("k")),
                !notAName(i), !gazetteer.towns.contains(k), !gazetteer.bigPlaces.contains(k)
            {
                add(.person, tokens: i, i)
                continue
            }
            // A vocative: "I'll hand back to you, Haruka.", "he'd be nineteen now, Ashok, if…": a word on no list between a
            // comma and the end of the clause (not in a list of capitalised words: "Moston, Gorton, Levenshulme").
            if t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, key(i - 1).equals(","),
                gazetteer.isUnknown(k),
                !notAName(i),
                !Self.brands.contains(k), !notAPlaceOrNation(k), tok(i + 1).map({ $0.isPunct(",.?!") }) ?? true,
                let p = previousWord(i, skipping: ","), !info[p].capitalised, info[p].kind == .word
            {
                var c = Candidate(label: .person, start: t.start, end: t.end)
                c.possible = true
                candidates.append(c)
                continue
            }
            // "grace said she wants to go home": in lower-case chat, a name that is also a word opens a sentence
            // before a verb of saying.
            if t.kind == .word, !t.capitalised, t.length >= 3, t.sentenceStart, given(i), ambiguous(i), !notAName(i),
                Self.sayingVerbs.contains(key(i + 1)), !Self.modalVerbs.contains(k), !covered(i)
            {
                var c = Candidate(label: .person, start: t.start, end: t.end)
                c.possible = true
                candidates.append(c)
                continue
            }
            // The gazetteer.
            guard t.kind == .word, t.length >= 2, given(i), !notAName(i),
                !t.allCaps || t.length > 3 && at(i + 1)?.allCaps == true
                    // "KAYLEIGH (14)", "FLORIN 17 ROMA FAMILY": a name in capitals before an age, or in a shouted note.
                    || t.length >= 3 && !ambiguous(i) && (shouted || (ageAfterName(i) ?? looseAgeAfterName(i)) != nil)
            else { continue }
            let isGiven = true
            let ambiguous = self.ambiguous(i)
            // "explained that Precious had been…": "that" is a conjunction before a name and its verb.
            let conjunction = key(i - 1).equals("that") && Vocab.weakVerbs.contains(key(i + 1))
            if t.capitalised, on(.bigPlace, i) || (Self.determiners.contains(key(i - 1)) && ambiguous && !conjunction) {
                continue
            }
            // "the Jay report", "the Munro review": a public report named after its author.
            if Self.publicWorks.contains(key(i + 1)) { continue }
            if isGiven && !ambiguous {
                if !t.capitalised && t.length < 3 { continue }
                // A capitalised name-word glued into something else (a handle, a URL) is left to those recognisers.
                let e = extendName(i)
                add(.person, tokens: i, e)
                i = e
                continue
            }
            if isGiven && ambiguous && t.capitalised {
                let next = key(i + 1)
                // "Hope's a big word": at a sentence's start, "'s" before a determiner or adverb is "is/has".
                let contraction = t.sentenceStart && Self.afterContraction.contains(key(i + 3))
                let possessive = (next == "'" || next == "’") && key(i + 2).equals("s") && !contraction
                // "Grace (sw) said", "Mark, do you want to come in?": a bracketed description or a vocative.
                let described =
                    next == "(" || (next == "," && Self.vocativeFollowers.contains(key(i + 2)) && t.sentenceStart)
                // "Mark from the police", "Rose from CAMHS": a person introduced by where they work.
                // "Grace from Barnardo's here": a national body named straight after "from".
                let fromService =
                    next == "from"
                    && (key(i + 2).equals("the")
                        && (inSet(.notNames, i + 3) || Vocab.genericServiceWords.contains(key(i + 3)))
                        || at(i + 2)?.allCaps == true || at(i + 2)?.capitalised == true && inSet(.notNames, i + 2))
                let strong = Vocab.strongVerbs.contains(next) || possessive || described || fromService
                let weak = Vocab.weakVerbs.contains(next)
                let midSentence = !t.sentenceStart && !(tok(i - 1).map { $0.isPunct(":\"“(-–•*>") } ?? false)
                if strong || (midSentence && (weak || !(at(i + 1)?.capitalised ?? false) || gazetteer.isSurname(next)))
                {
                    let e = extendName(i)
                    add(.person, tokens: i, e)
                    i = e
                    continue
                }
            }
        }
    }
}
