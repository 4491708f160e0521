/// Places and local organisations named with little or no cue (session 10, `places6`). Told stories and pasted
/// records name a school by its short local name ("excluded from Ridgeway", "head of year at Castlebrook", "St
/// Bede's", "the Grange"), a record's field says what its value is ("School: Hallfield"), and a village nobody listed
/// is said after an adverb of place ("lives up Moorside"). Each rule reads the words around the name, never the name
/// itself: the name is on no list, or on a list that does not settle what it is. Runs after every other rule, and
/// takes over a place or possible person found on the same words, since the cue says more than the word does.
import Foundation
import SessionModel

extension ScanContext {
    mutating func findLocalNamesByCue() {
        findSchoolsByRole()
        findSchoolsNamedShortAfterThe()
        findSaintsPossessives()
        findHouseNamedInstitutions()
        findOrganisationFields()
        findOrganisationsSaidShort()
        findPlacesAfterAdverbs()
        findServicesBeforeTheirPlace()
        findStations()
        findOrganisationsDescribed()
        findForceInitials()
        findPlacesOfLodgings()
        findShortHeads()
        findOrganisationsAfterTheirPlace()
        findCitiesAfterTheirDistricts()
        findOrganisationsNamedAfterTheirKind()
        findHospitalsNamedShort()
        findOrganisationsCalled()
        findOrganisationsAtAName()
        findOrganisationsNamedAfterTheirHead()
        findOrganisationLists()
        findLocalBodies()
        findHospitalsAndWards()
    }

    /// Puts `label` over tokens `a...b` in place of the places and people found on those words (not the session's own
    /// names); nothing is added where another finding crosses the span's edge or a finding of another label sits in
    /// it.
    mutating func relabel(_ label: IdentifierLabel, _ a: Int, _ b: Int) {
        let start = info[a].start
        let end = info[b].end
        for c in candidates where c.start < end && start < c.end {
            let inside = start <= c.start && c.end <= end
            if c.label == label && c.start <= start && end <= c.end { return }
            if c.sessionName || !inside || !(c.label == .person || c.label == .location || c.label == label) {
                return
            }
        }
        candidates.removeAll { start <= $0.start && $0.end <= end && !$0.sessionName }
        add(label, tokens: a, b)
    }

    /// The last token of a local name starting at token `i`: one to three capitalised words ("Ridgeway", "Castle
    /// Brook", "Thomas Telford") or a saint's possessive ("St Bede's"), none of them a word that never names one (a
    /// function word, a month, a role, a service). Nil if there is none.
    func localNameEnd(at i: Int) -> Int? {
        if let e = saintsPossessiveEnd(at: i) { return e }
        var e: Int?
        var j = i
        while j < tokens.count, j - i < 3, let t = tok(j), t.kind == .word, t.capitalised, t.length >= 3,
            !t.allCaps || t.length > 4 || on(.town, j), !quiet[j],
            !Vocab.functionWords.contains(t.key), !Vocab.notNames.contains(t.key) || on(.town, j),
            !Vocab.genericServiceWords.contains(t.key), !Vocab.genericOrgModifiers.contains(t.key),
            !Vocab.roles.contains(t.key), !Vocab.countries.contains(t.key), !Vocab.nationalities.contains(t.key),
            !Vocab.titles.contains(t.key), !Self.brands.contains(t.key), !Self.acronymPlural(t)
        {
            e = j
            j += 1
            // A possessive closes the name ("Bishop Challoner's").
            if key(j).equals("'") || key(j) == "’", key(j + 1).equals("s"), !info[j].spaceBefore {
                e = j + 1
                break
            }
        }
        guard let last = e else { return nil }
        // A big city, county or nation alone names no school ("excluded from London's figures").
        if on(.bigPlace, i), last == i || key(i + 1).equals("'") || key(i + 1) == "’" { return nil }
        return last
    }

    /// "St Bede's", "Saint Anne's", "St. Mary's": the last token (the `s`), or nil. "St Wilfrids", "St Herberts":
    /// the possessive typed without its apostrophe (session 13), the saint's name on no list but a town's ("St
    /// Helens", "St Albans" are towns).
    func saintsPossessiveEnd(at i: Int) -> Int? {
        guard key(i).isOne(of: ["st", "saint"]), info[i].capitalised else { return nil }
        var n = i + 1
        if key(n).equals(".") { n += 1 }
        guard let w = tok(n), w.kind == .word, w.capitalised, !w.allCaps || w.length > 3 else { return nil }
        if key(n + 1).equals("'") || key(n + 1) == "’", key(n + 2).equals("s"), !info[n + 1].spaceBefore {
            return n + 2
        }
        let k = w.key
        guard k.hasSuffix("s"), w.length >= 5, !on(.town, n), !isApostrophe(n + 1),
            gazetteer.multiWordTowns["st"]?.contains(where: { $0.count == 2 && $0[1] == k }) != true,
            gazetteer.multiWordTowns["saint"]?.contains(where: { $0.count == 2 && $0[1] == k }) != true,
            !Vocab.streetHeads.contains(key(n + 1)), at(n + 1)?.capitalised != true
        else { return nil }
        return n
    }

    /// Who works or learns at a school, and what happens to a pupil there ("head of year at", "a pupil at",
    /// "excluded from", "year 9 at", "attends"): the name after it is the school's.
    static let schoolPeopleBeforeAt = Vocab.set(
        """
        pupil pupils student students teacher teachers head headteacher headmaster headmistress dsl dsls senco sencos
        staff nurse tutor tutors attendance roll enrolled pastoral deputy safeguarding teaching
        worker workers keyworker manager managers mentor mentors officer coordinator volunteer volunteers counsellor
        therapist receptionist warden matron dsl senco lead leads
        """)
    static let schoolVerbsBeforeFrom = Vocab.set(
        "excluded expelled suspended exclusion exclusions excluding expulsion off-rolled offrolled")
    static let attendVerbs = Vocab.set("attends attended attending attend")

    /// "excluded from Ridgeway", "head of year at Castlebrook", "she's in year 10 at Harrowfield", "DSL at Carrowmore",
    /// "attends St Bede's": a local name after a cue that only a school (or a setting like one) takes is that school.
    mutating func findSchoolsByRole() {
        for i in tokens.indices where info[i].capitalised && info[i].kind == .word && !info[i].sentenceStart {
            var cued = false
            if key(i - 1).equals("at") || key(i - 1).equals("@") {
                let p = i - 2
                // "year 10 at", "yr 9 at", "Y11 at".
                let year =
                    tok(p).map { $0.kind == .number && $0.length <= 2 } == true
                    && key(p - 1).isOne(of: ["year", "yr", "y"])
                    || tok(p).map { $0.kind == .alnum && $0.key.hasPrefix("y") && $0.digits > 0 } == true
                // "K.B. at Parklands", "ring Pieter at Hollybank", "Shaz @ Beacon": a person at a name that is no
                // town is where they work or learn.
                let personAt = personAtEnd(p) && !on([.town, .bigPlace], i) && !Vocab.cities.contains(key(i))
                cued = Self.schoolPeopleBeforeAt.contains(key(p)) || year || personAt
                // "head of year at", "head of house at".
                if !cued, key(p).isOne(of: ["year", "house", "sixth"]), key(p - 1).equals("of"),
                    key(p - 2).equals("head")
                {
                    cued = true
                }
            } else if key(i - 1).equals("from") {
                cued =
                    Self.schoolVerbsBeforeFrom.contains(key(i - 2))
                    || Self.schoolVerbsBeforeFrom.contains(key(i - 3))
                        && key(i - 2).isOne(of: ["permanently", "temporarily", "being", "been", "was", "is", "were"])
            } else if Self.attendVerbs.contains(key(i - 1)) {
                cued = true
            }
            guard cued, let e = localNameEnd(at: i) else { continue }
            // "attends Monday group", "excluded from PE": a weekday or a lesson is no school.
            if e == i, Vocab.days.contains(key(i)) || Vocab.months.contains(key(i)) { continue }
            // A name already found as an organisation with its head ("Ridgeway Academy") is whole already.
            var f = e
            while Vocab.orgHeads.contains(key(f + 1)) { f += 1 }
            relabel(.organisationLocal, i, f)
        }
    }

    /// "excluded from the bluecoat in yr 9", "attends the Mount": after a cue only a school takes, "the" and one word
    /// on no list (any case) or a capitalised local name is the school named short (session 12, `orgs8`). Quiet: a
    /// word on a list in lower case ("excluded from the unit"), a name that goes on ("the Bluecoat Road").
    mutating func findSchoolsNamedShortAfterThe() {
        for i in tokens.indices where key(i - 1).equals("the") && !quiet[i] {
            let cued =
                key(i - 2).equals("from")
                && (Self.schoolVerbsBeforeFrom.contains(key(i - 3))
                    || Self.schoolVerbsBeforeFrom.contains(key(i - 4))
                        && key(i - 3).isOne(of: ["permanently", "temporarily", "being", "been", "was", "is", "were"]))
                || Self.attendVerbs.contains(key(i - 2))
            guard cued, let t = tok(i), t.kind == .word, t.length >= 4, !t.allCaps, !Vocab.days.contains(t.key),
                !Vocab.months.contains(t.key)
            else { continue }
            guard t.capitalised ? localNameEnd(at: i) == i : onNoList(i) && !Self.chatWords.contains(t.key) else {
                continue
            }
            if let n = tok(i + 1), n.kind == .word,
                n.capitalised || Vocab.orgHeads.contains(n.key) || Vocab.streetHeads.contains(n.key)
                    || Vocab.orgHeadAcronyms.contains(n.key)
            {
                continue
            }
            relabel(.organisationLocal, i, i)
        }
    }

    /// A person found ends at token `k` ("Shaz @ Beacon").
    func personAtEnd(_ k: Int) -> Bool {
        guard let t = at(k) else { return false }
        return candidates.contains { $0.label == .person && $0.end == t.end }
    }

    /// "went to St Bede's", "St Mary's said no": a saint's name with its possessive and nothing after it that makes it
    /// a street, a day or a district ("St Mary's Road", "St Patrick's Day", "St John's Wood") is a school, church or
    /// hospital named short.
    mutating func findSaintsPossessives() {
        for i in tokens.indices where keys[i].equals("st") || keys[i].equals("saint") {
            guard var e = saintsPossessiveEnd(at: i), !quiet[i] else { continue }
            // "St Joseph's RC", "Holy Cross's CE", "St Anne's C of E": a church school's mark closes the name.
            if key(e + 1).isOne(of: ["rc", "ce", "cofe"]), info[e + 1].allCaps {
                e += 1
            } else if key(e + 1).equals("c"), key(e + 2).equals("of"), key(e + 3).equals("e"), info[e + 1].capitalised {
                e += 3
            }
            if let n = tok(e + 1), n.kind == .word,
                n.capitalised || Vocab.streetHeads.contains(n.key)
                    || n.key.isOne(of: ["day", "eve", "night"])
            {
                continue
            }
            relabel(.organisationLocal, i, e)
        }
    }

    /// Words English houses and the homes, units and schools named after them take: "the Grange", "the Larches".
    static let houseNames = Vocab.set(
        """
        grange priory manor hollies limes larches beeches cedars laurels willows elms oaks pines gables firs poplars
        maples rowans birches chestnuts sycamores yews hawthorns lilacs junipers acorns royal general hub
        """)

    /// "she was moved to the Larches", "at the Grange for six weeks", "in the Royal", "the youth worker at the Hub": a
    /// house name (or a hospital's or centre's short name) capitalised after "the" in a sentence, where someone is, goes
    /// or comes from, is a home, unit, school or hospital named short.
    mutating func findHouseNamedInstitutions() {
        for i in tokens.indices where inSet(.placePrepositions, i - 2) || key(i - 2).equals("left") {
            guard let t = tok(i), t.capitalised, !t.sentenceStart, !t.allCaps || isShouted(),
                Self.houseNames.contains(t.key),
                key(i - 1).equals("the"), !quiet[i]
            else { continue }
            // The name ends there: "the Grange Estate", "the Limes Road", "the Priory Hospital" (found whole by its
            // head); a hospital's adjective only before a word that cannot be a noun ("the Royal Mail", "the General
            // meeting", "the Royal family").
            if let n = tok(i + 1), n.kind == .word {
                if n.capitalised || Vocab.streetHeads.contains(n.key) || Vocab.orgHeads.contains(n.key)
                    || n.key.equals("estate") || Self.placeElements.contains(n.key)
                {
                    continue
                }
                if Self.hospitalAdjectives.contains(t.key),
                    !(Vocab.functionWords.contains(n.key) || Vocab.weakVerbs.contains(n.key)
                        || Vocab.strongVerbs.contains(n.key) || Self.timeAfterAPlace.contains(n.key))
                {
                    continue
                }
            }
            relabel(.organisationLocal, i, i)
        }
    }

    /// A hospital named by its adjective ("in the Royal", "at the General").
    static let hospitalAdjectives = Vocab.set("royal general")

    /// "midwife at Hull Royal", "she was in Salford Royal for a week", "born at Leeds General": a town (or a name on
    /// no list) and a hospital's adjective, after a place preposition and before no other name or noun, is that
    /// town's hospital named short (session 12, `orgs8`). Quiet: "the Hull Royal Mail depot", "in Leeds General
    /// meetings".
    mutating func findHospitalsNamedShort() {
        // The capital first, read without a retain: the set is asked of capitalised words only.
        for i in tokens.indices where info[i].capitalised && Self.hospitalAdjectives.contains(keys[i]) {
            let p = i - 1
            guard let t = tok(p), t.kind == .word, t.capitalised, !t.sentenceStart, !quiet[i], !quiet[p],
                on([.town, .bigPlace], p) || onNoList(p), !Vocab.countries.contains(t.key),
                inSet(.placePrepositions, p - 1)
            else { continue }
            if let n = tok(i + 1), n.kind == .word,
                !(Vocab.functionWords.contains(n.key) || Vocab.weakVerbs.contains(n.key)
                    || Vocab.strongVerbs.contains(n.key) || Self.timeAfterAPlace.contains(n.key))
            {
                continue
            }
            relabel(.organisationLocal, p, i)
        }
    }

    /// "a drop-in called the hub", "a unit known as the Elms", "what they call the Bridge": a house's or centre's
    /// name (or a capitalised name on no list) after a naming verb is the name of the place just described.
    mutating func findOrganisationsCalled() {
        for i in tokens.indices where keys[i].equals("called") || keys[i].equals("named") || keys[i].equals("as") {
            if keys[i].equals("as"), !key(i - 1).equals("known") { continue }
            var n = i + 1
            if let q = at(n), q.isPunct("\"“'‘") { n += 1 }
            guard key(n).equals("the"), let t = tok(n + 1), t.kind == .word, !quiet[n + 1] else { continue }
            // A kind of place before the naming verb: "a drop in called", "a unit known as".
            let kind = (max(0, i - 4)..<i).contains {
                Self.organisationKinds.contains(key($0)) || key($0).equals("drop")
            }
            guard kind, Self.houseNames.contains(t.key) || t.capitalised && onNoList(n + 1) && t.length >= 4 else {
                continue
            }
            if let f = tok(n + 2), f.kind == .word, f.capitalised || Vocab.orgHeads.contains(f.key) { continue }
            relabel(.organisationLocal, n + 1, n + 1)
        }
    }

    /// Words of time that may follow where someone was ("at the Grange now", "the Hub again").
    static let timeAfterAPlace = Vocab.set("now again then today yesterday tonight last this next since till until")

    /// A record's field names that hold a local organisation ("School: Hallfield", "GP surgery - Meadowbank").
    static let organisationFields = Vocab.set("school college nursery education setting surgery hospital provision")

    /// "School: Hallfield", "Education - Tollgate Academy", "GP surgery: Meadowbank": in a pasted record, the local
    /// name filling a field that holds an organisation, up to the next field.
    mutating func findOrganisationFields() {
        for i in tokens.indices where onGated(.organisationFields, i) {
            // A field opens a line, follows punctuation or "GP", or stands two spaces after the field before it.
            guard info[i].capitalised || info[i].lineStart || key(i - 1).equals("gp"),
                info[i].lineStart || at(i - 1)?.kind == .punct || key(i - 1).equals("gp")
                    || tok(i - 1).map({ info[i].start - $0.end >= 2 }) == true
            else { continue }
            var v = i + 1
            guard let mark = at(v), mark.isPunct(":-–") else { continue }
            v += 1
            guard let t = tok(v), t.kind == .word, !t.lineStart,
                t.capitalised || t.length >= 4 && onNoList(v) && !Self.chatWords.contains(t.key)
            else { continue }
            // "GP: Dr Shah": a person named there is found as one.
            if Vocab.titles.contains(t.key) { continue }
            var e = v
            // The value runs to the next field: a capitalised word before a colon ("Hallfield  Address:") starts it.
            while let n = tok(e + 1), n.kind == .word, !n.lineStart, e - v < 5,
                n.capitalised || Vocab.orgHeads.contains(n.key) || n.key.isOne(of: ["of", "and", "&"]),
                !(key(e + 2).equals(":")), n.start - info[e].end <= 1
            {
                e += 1
            }
            if Vocab.functionWords.contains(key(e)) { e -= 1 }
            guard e >= v, (v...e).contains(where: { !Vocab.genericOrgModifiers.contains(key($0)) })
            else { continue }
            relabel(.organisationLocal, v, e)
        }
    }

    /// "Ridgeway Academy … Ridgeway excluded her", "the Pinewood PRU … Pinewood say": an organisation found in full,
    /// its own name said again alone in the same text (capitalised, not before a street or another head) is that
    /// organisation. A town's name said alone stays the town ("Wigan YOT … Wigan").
    mutating func findOrganisationsSaidShort() {
        let orgs = candidates.filter { $0.label == .organisationLocal }
        for o in orgs {
            guard let a = tokenIndex(startingAt: o.start), let b = tokenIndex(endingAt: o.end) else { continue }
            // The name before the head: "Ridgeway" of "Ridgeway Academy", "St Bede's" of "St Bede's RC Primary".
            var n = a
            while n <= b, !Vocab.orgHeads.contains(key(n)), !Vocab.orgHeadAcronyms.contains(key(n)),
                !Vocab.genericOrgModifiers.contains(key(n)), !Self.teamLikeHeads.contains(key(n)),
                !Self.churchMarks.contains(key(n))
            {
                n += 1
            }
            guard n > a, n <= b, !Self.servicesOfAPlace.contains(key(b)) else { continue }
            let name = (a..<n).map { key($0) }
            let words = (a..<n).filter { info[$0].kind == .word && !key($0).isOne(of: ["st", "saint", "s"]) }
            guard !words.isEmpty, words.allSatisfy({ !on(.bigPlace, $0) && !Vocab.countries.contains(key($0)) })
            else { continue }
            // A name that is an everyday word or a town ("Grange Academy … the Grange", "Greenhill Primary …
            // Greenhill's ready") is the organisation only where it stands as a name (session 12, `orgs8`).
            let plain =
                words.allSatisfy({ !on(.town, $0) })
                && words.contains(where: { !on([.word, .ambiguous], $0) || info[$0].capitalised && name.count > 1 })
            // "Marsh Farm" of "Marsh Farm Health Centre" names the district too.
            if !plain,
                words.contains(where: { given($0) || info[$0].length < 4 })
                    || Self.placeElements.contains(key(n - 1)) || Vocab.streetHeads.contains(key(n - 1))
            {
                continue
            }
            for s in tokens.indices where s + name.count <= tokens.count && (s > b || s + name.count <= a) {
                guard info[s].capitalised, matches(name, at: s) != nil else { continue }
                let e = s + name.count - 1
                if !plain, !standsAsOrganisation(s, e, town: words.contains(where: { on(.town, $0) })) { continue }
                if let next = tok(e + 1), next.kind == .word,
                    next.capitalised || Vocab.streetHeads.contains(next.key) || Vocab.orgHeads.contains(next.key)
                        || Vocab.orgHeadAcronyms.contains(next.key)
                {
                    continue
                }
                // "Victoria Academy … Victoria said": a given name before a verb of saying is a person.
                if words.count == 1, given(words[0]), Vocab.strongVerbs.contains(key(e + 1)) { continue }
                relabel(.organisationLocal, s, e)
            }
        }
    }

    /// Before a town said as a place, not as the organisation named after it ("lives in Greenhill").
    static let placeOnlyBefore = Vocab.set("in near nr around round towards toward via into across over up down")
    /// What may follow an organisation's short name said as one: "Greenhill's ready", "Gateway = good", "Beacon said".
    static let afterAnOrganisation = Vocab.set("' ’ = - : are were was is has have had said say says do did does")

    /// Tokens `s...e` (an organisation's name that is an everyday word or a town) stand as the organisation's name:
    /// capitalised, not in capitals unless the text shouts; mid-sentence after "the", a preposition or nothing, or
    /// at a sentence's start before a verb or a possessive; a town not after a word that makes it a place.
    func standsAsOrganisation(_ s: Int, _ e: Int, town: Bool) -> Bool {
        let t = info[s]
        guard t.capitalised, !t.allCaps || isShouted(), !quiet[s] else { return false }
        let before = key(s - 1)
        let after = key(e + 1)
        if town && Self.placeOnlyBefore.contains(before) { return false }
        if ScanContext.determiners.contains(before) && before != "the" { return false }
        // "the Gateway one", "the Grange (…)", "Beacon were brilliant".
        let verbAfter = Self.afterAnOrganisation.contains(after) || Vocab.strongVerbs.contains(after)
        if t.sentenceStart { return verbAfter }
        if town { return verbAfter || ["at", "@", "with"].contains(before) }
        return true
    }

    /// Kinds of local organisation a note names beside its name ("the school (St M's)", "Ridgeway (children's home)").
    static let organisationKinds = Vocab.set(
        "school college academy pru home unit club hospital nursery surgery project hub primary secondary comp")
    /// Words that may stand before the kind in a bracket that says what a name is ("(small children's home").
    static let kindModifiers = Vocab.set(
        """
        a an the small big local new old private residential secure children childrens children's care youth boxing
        football sixth form high primary secondary special girls boys catholic rc faith ' s
        """)

    /// "K moved to Ridgeway (small children's home out towards Wetherby)", "youth club again (TREVITHICK)", "the
    /// school (St M's!!)": a local name with a bracket after it that says which kind of organisation it is, or in a
    /// bracket after that kind, is that organisation. A listed given name there is a person ("Kayleigh (children's
    /// home)" says where she is).
    mutating func findOrganisationsDescribed() {
        for i in tokens.indices where info[i].isPunct("(") {
            // The name before: "Ridgeway (small children's home …".
            var k = i + 1
            while k < tokens.count, k - i <= 4, Self.kindModifiers.contains(key(k)) { k += 1 }
            if k < tokens.count, Self.organisationKinds.contains(key(k)), !info[k].capitalised || isShouted() {
                var a = i - 1
                while a - 1 >= 0, info[a - 1].kind == .word, info[a - 1].capitalised, i - a < 3,
                    !info[a - 1].sentenceStart || a - 1 == 0
                {
                    a -= 1
                }
                if let e = localNameEnd(at: a), e == i - 1, !given(a) || surnameOnly(a), !info[a].sentenceStart {
                    relabel(.organisationLocal, a, e)
                }
            }
            // The name inside: "the school (St M's!!)", "youth club again (TREVITHICK)".
            var p = i - 1
            if Self.timeAfterAPlace.contains(key(p)) { p -= 1 }
            guard let kind = tok(p), Self.organisationKinds.contains(kind.key), !kind.capitalised || isShouted(),
                let e = localNameEnd(at: i + 1), at(e + 1)?.isPunct("),!?") == true,
                !given(i + 1) || surnameOnly(i + 1) || e > i + 1
            else { continue }
            relabel(.organisationLocal, i + 1, e)
        }
    }

    /// Services named with their place after them ("CAMHS Halifax", "YOT Wigan").
    static let servicesBeforeAPlace = Vocab.set("camhs yot yos mash")

    /// "chase Dr Nwosu re shannon - CAMHS Halifax": a local service's acronym with a listed town straight after it is
    /// that town's service, whole.
    mutating func findServicesBeforeTheirPlace() {
        for i in tokens.indices where onGated(.servicesBeforeAPlace, i) && info[i].allCaps {
            guard let t = tok(i + 1), t.kind == .word, t.capitalised, on(.town, i + 1) || on(.bigPlace, i + 1),
                !Vocab.countries.contains(t.key), !quiet[i], !quiet[i + 1]
            else { continue }
            relabel(.organisationLocal, i, i + 1)
        }
    }

    /// "Riverside YC", "Ashton custody suite": a local name before a head written short ("YC", a youth club) or a
    /// police station's custody suite is that organisation, whole.
    mutating func findShortHeads() {
        for i in tokens.indices
        where keys[i].equals("yc") && info[i].allCaps
            || keys[i].equals("custody") && key(i + 1).equals("suite")
        {
            let e = keys[i].equals("yc") ? i : i + 1
            var a = i
            while a - 1 >= 0, i - a < 3, let t = at(a - 1), t.kind == .word, t.capitalised,
                !t.sentenceStart || a - 1 == 0
            {
                a -= 1
            }
            guard a < i, let n = localNameEnd(at: a), n == i - 1 else { continue }
            relabel(.organisationLocal, a, e)
        }
    }

    /// Police forces known by their initials ("GMP", "WMP"): a local force, like "Greater Manchester Police" (the PSNI
    /// polices a nation, and stays quiet as Police Scotland does).
    static let forceInitials = Vocab.set("gmp wmp wyp syp nyp tvp")

    /// "GMP log 4521": a local force by its initials, in capitals.
    mutating func findForceInitials() {
        for i in tokens.indices where info[i].allCaps && Self.forceInitials.contains(tokens[i].key) && !quiet[i] {
            relabel(.organisationLocal, i, i)
        }
    }

    /// "the men took them out to the caravans at Towyn", "a flat at Seacroft": a capitalised word on no list after
    /// "at" and a place someone stays in is where that is.
    mutating func findPlacesOfLodgings() {
        for i in tokens.indices where key(i - 1).equals("at") && Self.lodgingsBeforeAt.contains(key(i - 2)) {
            guard let t = tok(i), t.kind == .word, t.capitalised, !t.allCaps, !t.sentenceStart, t.length >= 4,
                onNoList(i), !quiet[i], !Self.brands.contains(t.key), !Vocab.orgHeads.contains(key(i + 1)),
                !Vocab.orgHeadAcronyms.contains(key(i + 1)), !Vocab.streetHeads.contains(key(i + 1)),
                !Vocab.strongVerbs.contains(key(i + 1))
            else { continue }
            relabel(.location, i, i)
        }
    }

    /// Before "at": doing that somewhere makes it a place where it was done, not an organisation ("seen at", "lives
    /// at"); where young people hang about or meet is the shop or club itself ("hang at Quarrendale").
    static let placeLeadsBeforeAt = Vocab.set(
        """
        seen found picked arrested dropped stopped spotted located missing lives living lived live stays staying stayed
        registered end ended sleeping slept parked waiting caught collected
        """)
    /// After a name, words that make it a place there ("Partick station", "Lister Park gates", "Bury market").
    static let placeWordsAfterAName = Vocab.set(
        """
        station stn bus train tram metro coach rail market library gates estate services retail shops shopping
        precinct interchange arcade beach pier sands harbour seafront quay promenade marina ferry terminal
        """)
    /// Last words that make a name a place's ("Bentley Bridge", "Barry Island", "Hilton Park").
    static let placeEndings = Vocab.set(
        "park island bridge estate village wood hill green common moor moss heath end fields field farm docks dock")

    /// "a 13yo at Fullhurst", "she's at Tauheedul now", "Shaz @ Hathershaw", "outside Netherhall": a capitalised name on
    /// no list straight after "at", "@" or "outside" is the place someone is at, and a place someone is at, named by no
    /// town, is an organisation (a school, a club, a shop) far more often than a district (session 13, `orgs9`: 209 of
    /// 262 names after "at" in the development corpora). Quiet: where something was seen, found or lived ("seen at
    /// Wellstone"), a name a station, market or gate follows, a name ending in a place's word ("at Lister Park"), a
    /// possessive ("at Tiana's": a person's house), a name on any list.
    mutating func findOrganisationsAtAName() {
        for i in tokens.indices
        where info[i].capitalised && i > 0
            && (keys[i - 1].equals("at") || keys[i - 1].equals("@") || keys[i - 1].equals("outside"))
        {
            guard let t = tok(i), t.kind == .word, t.capitalised, !t.allCaps || isShouted(), !t.sentenceStart,
                t.length >= 4, onNoList(i), !on(.ambiguous, i), !quiet[i], !Self.brands.contains(t.key),
                !Self.placeLeadsBeforeAt.contains(key(i - 2)), !Vocab.placeVerbs.contains(key(i - 2)),
                !Self.lodgingsBeforeAt.contains(key(i - 2))
            else { continue }
            var e = i
            // One more capitalised word on no list (or a short one) belongs to the name ("Rushey Mead").
            if let n = tok(i + 1), n.kind == .word, n.capitalised, !n.allCaps, n.spaceBefore,
                onNoList(i + 1)
                    || n.length <= 4 && !Vocab.functionWords.contains(n.key) && !Vocab.streetHeads.contains(n.key)
            {
                e = i + 1
            }
            if Self.placeEndings.contains(key(e)) || Vocab.streetHeads.contains(key(e)) { continue }
            if Self.placeWordsAfterAName.contains(key(e + 1)) || Vocab.streetHeads.contains(key(e + 1))
                || Vocab.orgHeads.contains(key(e + 1)) || Vocab.orgHeadAcronyms.contains(key(e + 1))
            {
                continue
            }
            if isApostrophe(e + 1) { continue }
            if let n = at(e + 1), n.kind == .word, n.capitalised, !n.sentenceStart { continue }
            relabel(.organisationLocal, i, e)
        }
    }

    /// Heads that name a place of worship, a hotel or a shop before its own name ("Hotel Ashcroft", "Masjid Al-Falah",
    /// "Jamia Masjid Hanfia", "Gurdwara Sahib Leamington").
    static let headsBeforeTheirName = Vocab.set("hotel masjid jamia gurdwara mandir madrassa madrasah")

    /// "the Hotel Ashcroft by the tram stop", "Masjid Al-Falah on Eagle St", "Masjid-e-Ghosia", "Jamia Masjid Hanfia":
    /// a place of worship's or a hotel's head, capitalised, then one to three capitalised words (not a street's) is
    /// that organisation, whole (session 13, `orgs9`). Quiet: "Hotel Street", a head alone.
    mutating func findOrganisationsNamedAfterTheirHead() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard onGated(.headsBeforeTheirName, i), let t = at(i), t.kind == .word, t.capitalised, !quiet[i]
            else { continue }
            // "Masjid-e-Ghosia", "Masjid-e-Zakariya": the name joined to its head by hyphens.
            var joined = i
            while key(joined + 1).equals("-"), let n = tok(joined + 2), n.kind == .word, !info[joined + 1].spaceBefore,
                !n.spaceBefore
            {
                joined += 2
            }
            if joined > i, info[joined].capitalised {
                relabel(.organisationLocal, i, joined)
                i = joined
                continue
            }
            var j = i + 1
            while onGated(.headsBeforeTheirName, j), at(j)?.capitalised == true { j += 1 }
            var e: Int?
            while j < tokens.count, j - i <= 4, let n = tok(j), n.kind == .word, n.capitalised,
                !n.allCaps || n.length > 3,
                !Vocab.functionWords.contains(n.key), !Vocab.streetHeads.contains(n.key), !quiet[j]
            {
                e = j
                j += 1
                // "Al-Falah": a name's hyphenated parts.
                while key(j).equals("-"), let m = at(j + 1), m.kind == .word, !info[j].spaceBefore, !m.spaceBefore {
                    e = j + 1
                    j += 2
                }
            }
            guard let last = e else { continue }
            relabel(.organisationLocal, i, last)
            i = last
        }
    }

    /// Note headings that list local organisations of a kind ("schools named:", "hotels / B&Bs:", "chicken shops:",
    /// "faith:", "orgs FG4 adds:").
    static let organisationListHeadings = Vocab.set(
        """
        schools academies colleges nurseries hotels b&bs hostels shops takeaways food faith mosques churches gurdwaras
        temples gyms clubs orgs organisations organizations settings providers homes projects venues
        wards gps surgeries practices hospitals units
        """)
    /// Headings whose items are a hospital's wards, named by everyday words, given names or codes ("wards: Rowan /
    /// Kestrel / W47").
    static let wardListHeadings: Set<String> = ["wards", "units"]
    /// Before a list's items, words a heading may carry after its kind ("schools named:", "orgs FG4 adds:").
    static let listSeparators: Set<String> = [",", ";", "+", "/", "&"]

    /// "schools named: Hathershaw, RC, Radclyffe, Oasis, Brook Lane (PRU)", "hotels: Cedar Court - NOT a concern",
    /// "orgs FG4 adds: BTH, BYT": under a note's heading that names a kind of local organisation, each item of the list
    /// after its colon that is a capitalised name on no list (or a short acronym) is one of them (session 13, `orgs9`).
    /// Quiet: an item in lower case or opening with a function word ("the one by the lights"), a town or city alone, a
    /// street, a service word ("Police", "Health"), an item whose name another rule found as an organisation already.
    mutating func findOrganisationLists() {
        for h in tokens.indices where onGated(.organisationListHeadings, h) {
            let wards = Self.wardListHeadings.contains(keys[h])
            // The heading opens its line (a participant's code may come first) and its colon is near.
            guard (max(0, h - 3)...h).contains(where: { info[$0].lineStart }),
                let colon = (h + 1..<min(tokens.count, h + 5)).first(where: { key($0).equals(":") }),
                !(h + 1..<colon).contains(where: { info[$0].kind == .punct && !key($0).isOne(of: ["/", "&"]) })
            else { continue }
            var i = colon + 1
            while i < tokens.count, !info[i].lineStart {
                // One item: capitalised words (and their hyphens and possessives) up to a separator, bracket or a word
                // in lower case.
                let a = i
                var e: Int?
                while let t = tok(i), !info[i].lineStart, !Self.listSeparators.contains(t.key), !t.key.equals("("),
                    t.kind == .word && t.capitalised
                        || wards && t.kind == .alnum && t.capitalised && t.length <= 4
                        || t.kind != .word && ["-", "'", "’"].contains(t.key) && e != nil
                            && !t.spaceBefore
                        || t.kind == .word && t.key.equals("s") && e != nil && !t.spaceBefore
                {
                    if t.kind == .word || t.kind == .alnum { e = i }
                    i += 1
                }
                // An item is a name only when nothing but punctuation follows it ("Mixed picture" is a remark).
                let closed = tok(i).map { info[i].lineStart || $0.kind == .punct } ?? true
                guard let last = e, last >= a, info[a].kind == .word || wards && info[a].kind == .alnum, closed else {
                    // The list ended: what follows is a remark ("… Oasis (PRU) - lives in Shirley, Gary Nuttall").
                    break
                }
                considerListedOrganisation(a, last, wards: wards)
                // On to the next separator; a dash with a space before it ends the list.
                while let t = tok(i), !info[i].lineStart, !Self.listSeparators.contains(t.key),
                    !(t.key.equals("-") && t.spaceBefore)
                {
                    i += 1
                }
                if key(i).equals("-") { break }
                i += 1
            }
        }
    }

    /// An item `a...b` of a heading's list of organisations stands as one (see `findOrganisationLists`).
    mutating func considerListedOrganisation(_ a: Int, _ b: Int, wards: Bool = false) {
        let words = (a...b).filter { info[$0].kind == .word || info[$0].kind == .alnum }
        guard !words.isEmpty, !isQuiet(a, b) else { return }
        // Under "wards:" an item is a ward: a given name or an everyday word ("Rowan", "Kestrel") or a code ("W47").
        if wards, words.count <= 2, words.allSatisfy({ info[$0].capitalised && !Vocab.functionWords.contains(key($0)) })
        {
            relabel(.organisationLocal, a, b)
            return
        }
        if words.contains(where: {
            Vocab.functionWords.contains(key($0)) || Vocab.genericServiceWords.contains(key($0))
                || Vocab.roles.contains(key($0)) || Vocab.countries.contains(key($0))
                || Vocab.days.contains(key($0)) || Vocab.months.contains(key($0)) || Self.brands.contains(key($0))
        }) {
            return
        }
        // Under the heading a street's or an everyday word's shape is the organisation's name ("Brook Lane",
        // "Cedar Court", "Oasis"); a park, a green or an estate is still a place.
        if Self.placeEndings.contains(key(b)) { return }
        // A town or city alone is where, not which.
        if words.count == 1, on([.town, .bigPlace], a) { return }
        // A single acronym: two to four capitals ("BTH", "RC", "HYC").
        if words.count == 1, info[a].allCaps, !(2...4).contains(info[a].length) { return }
        if words.count == 1, !info[a].allCaps,
            info[a].length < 4 || on(.given, a) || Vocab.notNames.contains(key(a))
                || Vocab.genericOrgModifiers.contains(key(a))
        {
            return
        }
        relabel(.organisationLocal, a, b)
    }

    /// Places someone stays in, before "at" and where they are.
    static let lodgingsBeforeAt = Vocab.set(
        "caravan caravans flat flats house houses hostel hotel airbnb bnb b&b chalet chalets site park parks farm")

    /// Words for a station after its place's name ("Partick station", "Leeds bus stn").
    static let stationWords = Vocab.set("station stn")

    /// "his first arrest was at Partick station", "Leeds bus stn": a place named before a station (a bus, train or
    /// coach station) is where something happened, a big city too; never a police or fire station (lower case).
    mutating func findStations() {
        for i in tokens.indices where onGated(.stationWords, i) {
            var a = i - 1
            if key(a).isOne(of: ["bus", "train", "coach", "rail", "railway"]) { a -= 1 }
            guard let t = tok(a), t.kind == .word, t.capitalised, !t.allCaps || isShouted(), !t.sentenceStart,
                t.length >= 4, !quiet[a], onNoList(a) || on([.town, .bigPlace], a),
                !Vocab.countries.contains(t.key), !Vocab.genericServiceWords.contains(t.key),
                !Vocab.notNames.contains(t.key), !Self.brands.contains(t.key)
            else { continue }
            // The place alone: the station is what is there, not its name.
            relabel(.location, a, a)
        }
    }

    /// "RC", "C of E" between a church school's name and its head.
    static let churchMarks = Vocab.set("rc ce cofe c")
    /// Services named by the place they serve ("Wigan YOT", "Kirklees Council"): said alone, the name is the place.
    static let servicesOfAPlace = Vocab.set("police constabulary council cc mbc bc camhs yot yos mash")

    /// Adverbs of place that name where someone lives or goes, in speech: "up Moorside", "over Greystone".
    static let placeAdverbs = Vocab.set("up over down")
    /// Before such an adverb: being, living, going or staying somewhere (not a verb it makes a phrase with, "picked up",
    /// "handed over").
    static let placeAdverbLeads = Vocab.set(
        """
        is was are were be been being s 's always still now back just usually mostly often all lives live lived living
        stays stay stayed staying goes go going went gone hangs hang hanging hung about around moved moving drives
        drove walks walked runs ran sleeps sleeping slept
        """)

    /// "she lives up Moorside", "he's always over Greystone", "hangs about down Kelbrook": a capitalised word on no
    /// list (or a listed town) after an adverb of place that follows being, living or going is a place, not a person.
    mutating func findPlacesAfterAdverbs() {
        for i in tokens.indices where onGated(.placeAdverbs, i - 1) {
            guard let t = tok(i), t.kind == .word, t.capitalised, !t.allCaps, !t.sentenceStart, t.length >= 4,
                onNoList(i) || on(.town, i) && !given(i), !quiet[i], !Vocab.notNames.contains(t.key),
                Self.placeAdverbLeads.contains(key(i - 2)),
                !Self.brands.contains(t.key), !Self.nounShaped(t.key),
                !Vocab.strongVerbs.contains(key(i + 1)), !Vocab.orgHeads.contains(key(i + 1)),
                !Vocab.orgHeadAcronyms.contains(key(i + 1)), !Vocab.streetHeads.contains(key(i + 1))
            else { continue }
            relabel(.location, i, i)
        }
    }

    /// Heads that make a place before them the name of an organisation ("Church Street Surgery", "moreton community
    /// school", "Marsh Farm Outreach"); singular only, since "Leeds schools" are a kind, not one.
    static let headsAfterAPlace = Vocab.set("school academy acad surgery practice college primary outreach nursery")
    /// Words that may stand between the place and that head ("handsworth wood girls academy").
    static let wordsBeforeAHead = Vocab.set(
        """
        primary secondary high special girls boys mixed catholic rc ce grammar community infant junior medical health
        wood park hill green farm vale moor road rd lane street st avenue ave
        """)
    /// Before a place and a head, words that make it a kind ("a Wakefield school", "every Barnsley academy").
    static let kindDeterminers = Vocab.set("a an any every each one another other some no most all which what")

    /// "Church Street Surgery in Ossett", "at handsworth wood girls academy", "outside melton rd academy": a place
    /// found (a street, a district), then a school's, surgery's or project's head, is that organisation, whole. Not a
    /// big city alone ("a Leeds school" is any of them), not after a word that makes it a kind.
    mutating func findOrganisationsAfterTheirPlace() {
        for h in tokens.indices where onGated(.headsAfterAPlace, h) && !quiet[h] {
            var p = h - 1
            func placeEnds(_ k: Int) -> Bool {
                candidates.contains { $0.label == .location && !$0.sessionName && $0.end == info[k].end }
            }
            while p > 0, h - p <= 3, Self.wordsBeforeAHead.contains(key(p)), !placeEnds(p) { p -= 1 }
            guard let t = tok(p), t.kind == .word else { continue }
            var a = p
            if let place = candidates.first(where: { $0.label == .location && !$0.sessionName && $0.end == t.end }) {
                guard let s = tokens.firstIndex(where: { $0.start == place.start }) else { continue }
                a = s
            } else {
                // A street's name nobody found yet ("Church Street Surgery", "melton rd academy").
                // Any word names a street ("Church Street", "Station Road"), where it is capitalised as the head is.
                guard (p + 1..<h).contains(where: { Vocab.streetHeads.contains(key($0)) }), t.length >= 3,
                    t.capitalised == info[h].capitalised, !Vocab.functionWords.contains(t.key),
                    t.capitalised || !inSet(.notNames, p), !Vocab.genericOrgModifiers.contains(t.key),
                    !covered(p)
                else { continue }
            }
            guard a <= p, !(a == p && on(.bigPlace, a)), !Self.kindDeterminers.contains(key(a - 1)),
                !Vocab.streetHeads.contains(key(h + 1)), !isQuiet(a, h)
            else { continue }
            relabel(.organisationLocal, a, h)
        }
    }

    /// Between a district and its city in a note: a comma, a slash, an arrow, or nothing.
    static let districtCitySeparators: Set<String> = [",", "/", "→", "->", ">"]

    /// "found Kirkton, Dundee", "in ely cardiff", "Bransholme, Hull", "Easterhouse/Dundee": a big city straight after
    /// a place found in it (not a big city itself) is written as part of where that place is, and is found with it.
    /// Not a city that goes on into a name ("Armley, Leeds City College").
    mutating func findCitiesAfterTheirDistricts() {
        for c in tokens.indices where onGated(.cities, c) && !covered(c) && !quiet[c] {
            var p = c - 1
            if Self.districtCitySeparators.contains(key(p)) { p -= 1 }
            if key(p).equals("-") && key(p + 1).equals(">") { p -= 1 }
            guard let t = at(p), t.isWordLike,
                let place = candidates.first(where: { $0.label == .location && $0.end == t.end }),
                let a = tokens.firstIndex(where: { $0.start == place.start }), !on(.bigPlace, a),
                tok(c + 1).map({ !$0.capitalised || $0.kind == .punct }) ?? true,
                !Vocab.orgHeads.contains(key(c + 1)), !Vocab.orgHeadAcronyms.contains(key(c + 1)),
                !key(c + 1).equals("'") && key(c + 1) != "’"
            else { continue }
            add(.location, tokens: c, c)
        }
    }

    /// Kinds of local organisation a sentence names before saying which one ("her school was …", "PRU = …").
    static let kindsBeforeTheirName = Vocab.set("school college academy pru nursery surgery hospital home unit club")
    /// Between the kind and its name.
    static let kindLinks: Set<String> = ["was", "is", "=", "were"]

    /// "the brothers' school was All Saints Kirkby", "PRU = unity learning centre", "her home is Ridgeway": a kind of
    /// local organisation, then `was`/`is`/`=`, then a local name (capitalised), or words in lower case ending in an
    /// organisation's head, is that organisation. Quiet: an adjective or a lower-case word with no head ("the school
    /// was great"), a big city alone, a day.
    mutating func findOrganisationsNamedAfterTheirKind() {
        for k in tokens.indices where onGated(.kindsBeforeTheirName, k) && !quiet[k] {
            guard Self.kindLinks.contains(key(k + 1)), !info[k].capitalised || info[k].allCaps else { continue }
            let n = k + 2
            guard let t = tok(n), t.kind == .word, !quiet[n] else { continue }
            var end: Int?
            if t.capitalised {
                // "All Saints", "All Souls": a church's name opens with "All".
                let first = t.key.equals("all") && key(n + 1).isOne(of: ["saints", "souls", "hallows"]) ? n + 1 : n
                // A given name alone, or with its possessive, is a person's ("his school was Kayleigh's too").
                let person =
                    given(n) && !surnameOnly(n) && localNameEnd(at: n).map({ $0 == n || key($0).equals("s") }) != false
                if first > n || !person,
                    let e = localNameEnd(at: first + (first > n ? 1 : 0)) ?? (first > n ? first : nil)
                {
                    end = e
                    while Vocab.orgHeads.contains(key(end! + 1)) { end! += 1 }
                }
                if end == n, Vocab.days.contains(t.key) || Vocab.months.contains(t.key) { end = nil }
            } else {
                // Lower case: up to four words, the last an organisation's head.
                var j = n
                while j - n < 4, let w = tok(j), w.kind == .word, !w.capitalised, !Vocab.functionWords.contains(w.key),
                    !Vocab.orgHeads.contains(w.key)
                {
                    j += 1
                }
                if j > n, Vocab.orgHeads.contains(key(j)), !Vocab.genericOrgModifiers.contains(key(n)) { end = j }
            }
            guard let e = end, !isQuiet(n, e) else { continue }
            relabel(.organisationLocal, n, e)
        }
    }
}
