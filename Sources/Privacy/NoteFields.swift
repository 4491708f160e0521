/// A note read as fields (session 8). Note-takers write `NAME - role - AGE - place`, `A 16 / B 14 / C 13 - cousins`,
/// `Dad (Kieran) - email`, `Kieran → Wexworth`: fields split by spaced dashes, arrows, slashes, bars,
/// semicolons, brackets, `=` and line starts. What a field holds is read from its shape and the fields beside it,
/// not from one cue word before it: a bare number in a note about a person is an age; a name-shaped word and an
/// age fill a field together; a word on no list in a later field is a place when it is shaped like one. Each rule
/// has a quiet twin in `NoteFieldTests` (`Strategy meeting - 14 - room B`, `Sibling group (4)`, `Year 10 / Year 11`).
import Foundation
import SessionModel

/// What begins or ends a field of a note.
enum FieldMark: UInt8 {
    /// The text's start or end, a line's start, a bullet.
    case edge
    case dash, arrow, slash, bar, semicolon, open, close, equals, comma, colon
    /// `&`, `+`: items of one list.
    case joiner
    /// `?`, `!`.
    case mark
    /// A full stop that ends a sentence.
    case stop

    /// Sets a field off as firmly as a note does (a comma or a joiner may be prose).
    var isFirm: Bool { self != .comma && self != .joiner && self != .stop }
}

/// One field of a note: its first and last token (quotes at its edges left out) and the marks around it.
struct NoteField {
    var first: Int
    var last: Int
    var before: FieldMark
    var after: FieldMark
    var count: Int { last - first + 1 }
}

extension ScanContext {
    /// Counts and designations a bare number after them stands for, not an age ("Sibling group (4)", "Year - 10").
    static let fieldCountWords = Vocab.set(
        """
        group groups room rooms flat flats no number num house year yr yrs y page pg step tier level section ext item
        point slide question q route bus platform ward bed unit block floor door session sessions week wk day days
        total count score rating class set version v p x sibs siblings kids children chn referrals episodes times
        cases families incidents members people ppl visits calls texts mins minutes hours hrs months weeks pupils
        staff boys girls lads cohort wave stage phase round table pc of
        """)
    /// The ends of English place names, for a word on no list in a place's field ("Brackenthorpe", "Wexworth").
    static let toponymEndings = [
        "thorpe", "thwaite", "field", "ford", "bury", "borough", "brough", "worth", "chester", "caster", "cester",
        "minster", "stead", "mouth", "port", "pool", "bridge", "combe", "hurst", "wick", "wike", "wich", "ham",
        "ton", "by", "sea", "dale", "holme", "mead", "well",
    ]
    /// Person cues before a word that make it a person, whatever it is shaped like ("Mrs Brackenthorpe").
    static let personCuesBefore = Vocab.set("w with called aka named call him her mr mrs ms miss dr")

    /// The separator at token `j`, and how many tokens it takes ("->" is two).
    func fieldSeparator(_ j: Int) -> (FieldMark, Int)? {
        let t = info[j]
        guard t.kind == .punct else { return nil }
        let next = tok(j + 1)
        switch t.scalar {
        case "-", "–", "—", "=":
            if let n = next, n.isPunct(">"), !n.spaceBefore { return (.arrow, 2) }
            if t.scalar == "=" { return (.equals, 1) }
            if t.lineStart { return (.edge, 1) }
            guard t.spaceBefore, next?.spaceBefore ?? true else { return nil }
            // "14 - 16" is a range.
            if at(j - 1)?.kind == .number, next?.kind == .number { return nil }
            return (.dash, 1)
        case "→", "⇒", "➡", "⟶", ">": return (.arrow, 1)
        case "/":
            guard t.spaceBefore || next?.spaceBefore ?? true else { return nil }
            return (.slash, 1)
        case "|": return (.bar, 1)
        case ";": return (.semicolon, 1)
        case "(", "[": return (.open, 1)
        case ")", "]": return (.close, 1)
        case ",": return (.comma, 1)
        case ":": return (.colon, 1)
        case "&", "+": return (.joiner, 1)
        case "?", "!": return (.mark, 1)
        // A stop before a closing quote or bracket ("…was 14.\"") too.
        case ".", "…": return next.map { $0.spaceBefore || $0.kind == .punct } ?? true ? (.stop, 1) : nil
        default: return nil
        }
    }

    /// The text split into fields; a line break starts a new one.
    func noteFields() -> [NoteField] {
        var fields: [NoteField] = []
        var start: Int?
        var before = FieldMark.edge
        func close(_ end: Int, _ after: FieldMark) {
            guard var a = start else { return }
            var b = end
            // Quotes and other marks at a field's edges are no part of it ("'Tilvan'", "KIERAN??").
            while a <= b, info[a].kind == .punct { a += 1 }
            while b >= a, info[b].kind == .punct { b -= 1 }
            if a <= b { fields.append(NoteField(first: a, last: b, before: before, after: after)) }
            start = nil
        }
        var j = 0
        while j < tokens.count {
            if info[j].lineStart, start != nil {
                close(j - 1, .edge)
                before = .edge
            }
            if let (mark, width) = fieldSeparator(j) {
                close(j - 1, mark)
                before = mark
                j += width
                continue
            }
            if start == nil { start = j }
            j += 1
        }
        close(tokens.count - 1, .edge)
        return fields
    }

    /// The note is about a person: a person found, or a relation or person word in it.
    func noteIsAboutAPerson() -> Bool {
        if candidates.contains(where: { $0.label == .person }) { return true }
        for i in tokens.indices where info[i].kind == .word {
            let v = vocab[i]
            if v.contains(.relations) || v.contains(.singlePersonNouns) || v.contains(.pluralPersonNouns)
                || v.contains(.bracketAged) || Self.agedRelations.contains(tokens[i].key)
            {
                return true
            }
        }
        return false
    }

    /// Token `k` can be a name in a field: a listed given name or surname, or a word on no list, and nothing the
    /// field's words are (a role, a month, a relation, shorthand, an acronym in a note not typed in capitals).
    func nameInField(_ k: Int, shouted: Bool, opening: Bool) -> Bool {
        guard let t = tok(k), t.kind == .word, t.length >= 2, !notAName(k), !inSet(.relations, k),
            !Self.agedRelations.contains(t.key), !Self.fieldCountWords.contains(t.key),
            !on([.town, .bigPlace], k) || given(k)
        else { return false }
        if t.allCaps && !shouted { return given(k) && !ambiguous(k) || surnameOnly(k) && opening }
        if given(k) { return !ambiguous(k) || opening || t.capitalised }
        return surnameOnly(k) || onNoList(k) && t.length >= 3
    }

    /// A found person or a name-shaped word at token `k`.
    func personAt(_ k: Int) -> Bool {
        guard let t = at(k) else { return false }
        return candidates.contains { $0.label == .person && $0.start <= t.start && t.end <= $0.end }
    }

    /// A person over tokens `a...b`, taking in the parts of it found already ("DARNELL" of "DARNELL QUENBY").
    mutating func addPerson(_ a: Int, _ b: Int) {
        let s = info[a].start
        let e = info[b].end
        if candidates.contains(where: {
            $0.start < e && s < $0.end && ($0.label != .person || $0.start < s || $0.end > e)
        }) {
            return
        }
        candidates.removeAll { $0.label == .person && $0.start >= s && $0.end <= e }
        add(.person, tokens: a, b)
    }

    mutating func addIfFree(_ label: IdentifierLabel, _ a: Int, _ b: Int) {
        let s = info[a].start
        let e = info[b].end
        if candidates.contains(where: { $0.start < e && s < $0.end }) { return }
        add(label, tokens: a, b)
    }

    /// The field holds a name and an age and nothing else ("Zorvek 13", "DARNELL QUENBY 16", "nadia fourteen"): the
    /// age's token, or nil.
    func nameAgeField(_ f: NoteField, shouted: Bool, words: Bool) -> Int? {
        guard f.count >= 2, f.count <= 4 else { return nil }
        // The age is the field's end (a compound "twenty-three" is three tokens).
        var n = f.last
        while n > f.first, ageEnd(n - 1) == f.last, ageValue(n - 1) != nil { n -= 1 }
        guard let v = ageValue(n), ageEnd(n) == f.last, n > f.first, n - f.first <= 2 else { return nil }
        if info[n].kind == .number ? !(1...21).contains(v) : !words || !(5...21).contains(v) { return nil }
        let opening = f.before == .edge
        for k in f.first..<n where !(nameInField(k, shouted: shouted, opening: opening) || personAt(k)) { return nil }
        // "Red 3 / Amber 2": a name that is also a word, with a small number, is a rating or a count.
        if (f.first..<n).contains(where: { ambiguous($0) && !personAt($0) }), v < 5 { return nil }
        return n
    }

    /// Notes read as fields: ages, people and places by the shape of each field and its neighbours.
    mutating func findFieldsInNotes() {
        let fields = noteFields()
        let shouted = isShouted()
        // Rules of one field or none: a note need not be split to say these.
        findNamesBesideRelationsInBrackets(shouted: shouted)
        findPeopleInChains(fields, shouted: shouted)
        findInitialledSurnames()
        findAgeLists()
        findPossessivesWithoutApostrophe()
        findBirthDatesInRecords()
        guard fields.count >= 2 else { return }
        let firm = fields.contains { $0.before.isFirm && $0.before != .edge || $0.after.isFirm && $0.after != .edge }
        findNameAgeFields(fields, shouted: shouted)
        if firm, noteIsAboutAPerson() { findBareAgeFields(fields) }
        findOrganisationsSaidAgain(fields)
        findNamesBesideWhoTheyAre(fields)
        findPlaceFields(fields, shouted: shouted)
    }

    /// "Kieran 15 / Zorvek 13 / Shanice 12", "logan 15 & tilvan 16 both…", "nadia fourteen, declan twelve", "TYLER
    /// 14 ->", "DARNELL QUENBY 16 - STABBED": a name and an age filling a field that opens a note
    /// or an item of a list. Ages in words need a second such field beside it. Quiet: "Year 10 / Year 11", "Room 4".
    mutating func findNameAgeFields(_ fields: [NoteField], shouted: Bool) {
        var previousWasPair = false
        for (x, f) in fields.enumerated() {
            var age = nameAgeField(f, shouted: shouted, words: false)
            let nextPair =
                x + 1 < fields.count && nameAgeField(fields[x + 1], shouted: shouted, words: true) != nil
                && [.comma, .joiner, .slash, .semicolon].contains(f.after)
            if age == nil, previousWasPair || nextPair { age = nameAgeField(f, shouted: shouted, words: true) }
            // "logan 15 & tilvan 16 both stopped": the second item of a list of pairs goes on into the note.
            if age == nil, previousWasPair, [.joiner, .slash, .comma].contains(f.before), f.count >= 3,
                nameInField(f.first, shouted: shouted, opening: true) || personAt(f.first),
                let v = ageValue(f.first + 1), info[f.first + 1].kind == .number, (1...21).contains(v),
                let w = tok(f.first + 2), w.kind == .word, !Self.ageUnits.contains(w.key),
                !Self.countedNouns.contains(w.key)
            {
                age = f.first + 1
            }
            // A pair must open the note or an item; a field after a comma in prose needs a pair beside it.
            guard let a = age, f.before != .comma || previousWasPair || nextPair || f.after.isFirm,
                f.before != .stop
            else {
                previousWasPair = false
                continue
            }
            // Ages in words alone ("nadia fourteen") need the next field to be a pair too.
            if info[a].kind != .number, !(previousWasPair || nextPair) {
                previousWasPair = false
                continue
            }
            addPerson(f.first, a - 1)
            addIfFree(.age, a, ageEnd(a))
            previousWasPair = true
        }
    }

    /// "Stepdad - 38 - check with police", "Tilvan - cousin - 17 - drives", "(zorvek.x) - 16?", "Quenby (14) -",
    /// "DECLAN (BROTHER) 11 - SAME ADDRESS": a bare number set off as a field of a note about a person. Quiet on counts
    /// and designations before it ("Sibling group (4)", "Year - 10"), house numbers before a street, times.
    mutating func findBareAgeFields(_ fields: [NoteField]) {
        for (x, f) in fields.enumerated() {
            var i = f.first
            if inSet(.estimateWords, i) || inSet(.siblingOrder, i) || key(i).equals("now") || key(i).equals("~") {
                i += 1
            }
            guard i <= f.last, let v = ageValue(i), ageEnd(i) == f.last, !covered(i) else { continue }
            let digits = info[i].kind == .number
            guard digits ? (1...110).contains(v) : (5...99).contains(v) else { continue }
            // Firm on one side at least; a comma on the other.
            guard f.before.isFirm || f.after.isFirm || f.before == .comma && f.after == .edge,
                f.before != .stop, f.after != .colon,
                // "1. kieran - missing", "2) mum": a list's numbering.
                !(f.before == .edge && (f.after == .stop || f.after == .close))
            else { continue }
            if f.before == .colon, !personish(f.first - 2) { continue }
            // The word before the field: a count or a designation makes the number one ("eldest 16" says whose).
            let before = i == f.first ? previousWord(f.first, skipping: "-–—()[]/|;=>→:,'\"‘’“”&+?!") : nil
            if let p = before {
                // A word inside a handle or a name found ("(zorvek.x) - 16") counts nothing.
                if !covered(p),
                    Self.fieldCountWords.contains(key(p)) || Self.countedNouns.contains(key(p))
                        || Self.ageUnits.contains(key(p)) || info[p].kind == .number || info[p].kind == .alnum
                        // "(3)" after a plural or collective word is how many.
                        || f.before == .open && tokens[p].key.hasSuffix("s") && !inSet(.pluralPersonNouns, p)
                {
                    continue
                }
            } else if i == f.first, f.before != .edge {
                continue
            }
            // The field after it: a unit, or a street (a house number).
            if x + 1 < fields.count {
                let n = fields[x + 1]
                if n.before == f.after,
                    !info[n.first].capitalised
                        && (Self.ageUnits.contains(key(n.first)) || Self.countedNouns.contains(key(n.first)))
                        || Vocab.streetHeads.contains(key(n.last)) && info[n.first].capitalised
                {
                    continue
                }
            }
            add(.age, tokens: i, f.last)
            // "Quenby (14) - known to CAMHS": the name the bracketed age follows, opening the note.
            if f.before == .open, x > 0, fields[x - 1].after == .open, fields[x - 1].before == .edge {
                let p = fields[x - 1]
                if p.count <= 3, (p.first...p.last).allSatisfy({ nameInField($0, shouted: isShouted(), opening: true) })
                {
                    addPerson(p.first, p.last)
                }
            }
        }
    }

    /// "Dad (Kieran)", "gran (shirley) is 68": a name in brackets after a relation; "DECLAN (BROTHER) 11": a name before
    /// a relation in brackets, opening a note. Quiet: "dad (deceased)", "mum (sw)".
    mutating func findNamesBesideRelationsInBrackets(shouted: Bool) {
        for i in tokens.indices where info[i].isPunct("(") && i >= 1 && i + 2 < tokens.count {
            guard key(i + 2).equals(")") else { continue }
            let w = i + 1
            if inSet(.relations, i - 1) || Self.agedRelations.contains(key(i - 1)),
                let t = at(w), t.kind == .word, t.length >= 2, !notAName(w), !inSet(.relations, w),
                given(w) || onNoList(w) && t.length >= 3
            {
                addIfFree(.person, w, w)
                // "gran (shirley) is 68".
                if key(i + 3).isOne(of: ["is", "was"]), let v = ageValue(i + 4), (1...110).contains(v),
                    ageBreak(after: ageEnd(i + 4)) || key(ageEnd(i + 4) + 1).equals("and")
                {
                    addIfFree(.age, i + 4, ageEnd(i + 4))
                }
                continue
            }
            let n = i - 1
            if inSet(.relations, w) || Self.agedRelations.contains(key(w)), opensAgeNote(n) || opensNote(n),
                nameInField(n, shouted: shouted, opening: true)
            {
                addIfFree(.person, n, n)
            }
        }
    }

    /// "ages 9, 12, 14", "aged 13, 14 and 16": every age of the list. Quiet on a range ("aged 10 to 25", "13-17").
    mutating func findAgeLists() {
        for i in tokens.indices where info[i].length == 4 && (key(i).equals("ages") || key(i).equals("aged")) {
            var items: [Int] = []
            var j = i + 1
            // "Ages: 14, 12 and 9" on a form.
            if at(j)?.isPunct(":-–") == true { j += 1 }
            while let v = ageValue(j), (1...25).contains(v) {
                items.append(j)
                let e = ageEnd(j)
                guard [",", "and", "&"].contains(key(e + 1)) else { break }
                j = e + 2
                if key(j).equals("and") { j += 1 }
            }
            guard items.count >= 2, let last = items.last, !["to", "-", "–", "/", "+"].contains(key(ageEnd(last) + 1))
            else { continue }
            for j in items { addIfFree(.age, j, ageEnd(j)) }
        }
    }

    /// What shorthand puts after a name with the possessive's apostrophe left out ("kierans bf", "shanices sw").
    static let possessedInNotes: Set<String> = possessedByPeople.union(
        Vocab.set("sw phone nhs no number dob address snap insta email mob mobile school sch case cp profile handle"))

    /// Words shorthand puts between an owner and what is owned ("jordans other profile", "kians new phone").
    static let ownedModifiers = Vocab.set("other new old main second real fake own")

    /// "kierans bf is 19", "shanices sw is off", "nadias nhs no": a listed given name with the
    /// possessive's apostrophe left out, before what a person has; the name without its "s". Quiet: "mums phone",
    /// "the kids school", "carers phone" (no given name without the "s").
    mutating func findPossessivesWithoutApostrophe() {
        for i in tokens.indices {
            let t = tokens[i]
            // "jordans other profile", "kians new phone": a word between the owner and what is owned.
            let owned = onGated(.ownedModifiers, i + 1) ? i + 2 : i + 1
            guard t.kind == .word, t.length >= 4, t.key.hasSuffix("s"), !t.allCaps,
                Self.possessedInNotes.contains(key(owned)), !quiet[i], !on(.word, i), !inSet(.notNames, i)
            else { continue }
            let stem = String(t.key.dropLast())
            guard !Vocab.relations.contains(stem), !Vocab.notNames.contains(stem), !Self.agedRelations.contains(stem)
            else { continue }
            let lists = gazetteer.lists(stem)
            guard lists.contains(.given), !lists.contains(.word) || lists.contains(.ambiguous) || t.capitalised else {
                continue
            }
            // A finding of the whole word ("kierans") loses its "s"; nothing else may be there.
            if let k = candidates.firstIndex(where: { $0.start == t.start && $0.end == t.end }) {
                // "jordans other profile": a town spelt like the possessive is a person before what a person has.
                let town = candidates[k].label == .location && !lists.contains(.word) && !t.capitalised
                guard candidates[k].label == .person || town else { continue }
                if town { candidates[k].possible = true }
                candidates[k].label = .person
                candidates[k].end = t.end - 1
            } else if !covered(i) {
                add(.person, scalars: t.start, t.end - 1)
            }
        }
    }

    /// A word on no list shaped like an English place name ("Brackenthorpe", "Wexworth", "Marrowfield").
    func toponymShaped(_ k: Int) -> Bool {
        guard let t = tok(k), t.kind == .word, t.length >= 7, onNoList(k) else { return false }
        return Self.toponymEndings.contains { t.key.hasSuffix($0) }
    }

    /// Places in notes: "the Okafor brothers -> car wash -> Clayton", "Shanice 15 - Brackenthorpe - caravan site",
    /// "Kieran → Wexworth", "Morley / Caerau / Splott", "car wash Upper Marrowfield". A listed town standing as a
    /// field after the first, unless a person just before makes it a chain of people (`Mo → Leigh`, Leigh a name);
    /// a word on no list shaped like a place name wherever it was taken for a person without a person's cue.
    mutating func findPlaceFields(_ fields: [NoteField], shouted: Bool) {
        for (x, f) in fields.enumerated() where f.count <= 2 {
            let p = x > 0 ? fields[x - 1] : nil
            let listBefore = [.slash, .comma, .joiner].contains(f.before)
            let listAfter = [.slash, .comma, .joiner].contains(f.after)
            let besidePlace = candidates.contains { c in
                guard c.label == .location else { return false }
                if let q = p, listBefore, c.end == info[q.last].end { return true }
                return x + 1 < fields.count && listAfter && c.start == info[fields[x + 1].first].start
            }
            guard x > 0 || besidePlace else { continue }
            guard [.arrow, .dash, .slash, .comma, .bar, .semicolon, .joiner].contains(f.before) || besidePlace,
                [.edge, .arrow, .dash, .slash, .comma, .bar, .semicolon, .mark, .stop, .open].contains(f.after)
            else { continue }
            let first = tokens[f.first]
            guard first.kind == .word, first.capitalised, !first.allCaps || shouted, !quiet[f.first],
                !inSet(.notNames, f.first), !Vocab.countries.contains(first.key),
                !Vocab.inquiryTowns.contains(first.key)
            else { continue }
            var end: Int?
            if let multis = gazetteer.multiWordTowns[first.key] {
                for m in multis {
                    if let e = matches(m, at: f.first), e == f.last { end = e }
                }
            }
            if end == nil, f.count == 1, lists[f.first].contains(.town) || toponymShaped(f.first) { end = f.first }
            guard let e = end else { continue }
            let s = first.start
            let last = info[e].end
            if candidates.contains(where: { $0.label != .person && $0.start < last && s < $0.end }) { continue }
            let personBefore =
                p.map { q in (q.first...q.last).contains { personAt($0) || inSet(.relations, $0) } } ?? false
            guard !given(f.first) || !personBefore && f.before == .arrow || besidePlace else { continue }
            candidates.removeAll { $0.label == .person && $0.start >= s && $0.end <= last }
            add(.location, tokens: f.first, e)
        }
        // A person found without a person's cue whose word is shaped like a place is the place.
        for k in candidates.indices where candidates[k].label == .person && !candidates[k].sessionName {
            guard let a = tokenIndex(startingAt: candidates[k].start), let b = tokenIndex(endingAt: candidates[k].end),
                toponymShaped(b), a == b || b == a + 1,
                // "Dan Whitcombe", "D Whitcombe": a given name or an initial before it makes it a surname.
                a == b || !given(a) && info[a].length > 1,
                !inSet(.titles, a - 1), !inSet(.relations, a - 1), !inSet(.namingCues, a - 1),
                !Self.personCuesBefore.contains(key(a - 1)), !inSet(.personNouns, a - 1),
                !Vocab.strongVerbs.contains(key(b + 1)), !Self.sayingVerbs.contains(key(b + 1)),
                !key(b + 1).equals("'"), key(b + 1) != "’", !Vocab.weakVerbs.contains(key(b + 1))
            else { continue }
            candidates[k].label = .location
            candidates[k].possible = false
            // "car wash Upper Marrowfield": a capitalised word straight before joins the place.
            if a == b, let w = tok(a - 1), w.kind == .word, w.capitalised, !w.allCaps, !w.sentenceStart,
                !Vocab.functionWords.contains(w.key), !inSet(.notNames, a - 1), !covered(a - 1)
            {
                candidates[k].start = w.start
            }
        }
    }

    /// Words after a note's first field that say who it is ("-> older male", "= Kieran", "-> runs the line").
    static let chainPersonWords = Vocab.set("older younger elder male female man woman lad boy girl adult runs sells")
    /// What a chain says after a nickname: how old the person is next to others, or that it is a person.
    static let nicknameFollowers = Vocab.set("older younger elder eldest male female man lad adult")
    /// Shorthand roles a name opens a note with ("Zorvek interpreter - not family").
    static let noteRoles = Vocab.set(
        "interpreter translator advocate mentor keyworker carer sw iso cw pa befriender volunteer chaperone")

    /// "Big Quenby -> runs the line", "declan -> big man zee -> the line", "\"Tilvan\" -> older male", "KIERAN ->
    /// ??", "Zorvek interpreter - not family", "logan just turned 15", "disc 'uncle' zorvek": people in the first
    /// field of a chain of arrows or dashes, nicknames typed as fields, names opening a note before an age or a role.
    /// Quiet: "big deal", "Housing - rang back", "Bones" alone with nothing after it.
    mutating func findPeopleInChains(_ fields: [NoteField], shouted: Bool) {
        for (x, f) in fields.enumerated() {
            let chained = [.arrow, .equals].contains(f.after) || [.arrow, .equals].contains(f.before)
            // "big man zee", "Big Quenby", "lil k": a nickname filling a field of a chain.
            if chained || f.before == .dash || f.after == .dash, f.count >= 2, f.count <= 3,
                key(f.first).isOne(of: ["big", "lil", "little"]),
                (f.first + 1...f.last).allSatisfy({ info[$0].kind == .word && !inSet(.notNames, $0) }),
                !(f.count == 2 && key(f.last).equals("man")),
                (f.first + 1...f.last).contains(where: { !on(.word, $0) || info[$0].capitalised })
            {
                addPerson(f.first, f.last)
                continue
            }
            guard x == 0, f.count <= 2, x + 1 < fields.count else { continue }
            let n = fields[x + 1]
            // "KIERAN -> ??", "\"Tilvan\" -> older male -> …": a name-shaped first field of a chain.
            if [.arrow, .equals, .dash].contains(f.after),
                (f.first...f.last).allSatisfy({ nameInField($0, shouted: shouted, opening: true) && !ambiguous($0) }),
                f.after != .dash || Self.chainPersonWords.contains(key(n.first)) || inSet(.relations, n.first)
                    || inSet(.siblingOrder, n.first)
            {
                addPerson(f.first, f.last)
                continue
            }
            // "Scrapper -> older male": a nickname that is an everyday word, capitalised alone before an arrow and
            // who it is (a sibling-order or person word, not a relation: "Referral -> mum" is no one's name).
            if f.count == 1, f.after == .arrow, info[f.first].capitalised, !info[f.first].allCaps,
                info[f.first].kind == .word, info[f.first].length >= 3, !notAName(f.first),
                !Vocab.genericServiceWords.contains(key(f.first)), !on([.town, .bigPlace], f.first),
                Self.nicknameFollowers.contains(key(n.first)), !covered(f.first)
            {
                add(.person, tokens: f.first, f.first)
                continue
            }
            // "Zorvek interpreter - not family": a name and a role opening a note.
            if f.count == 2, Self.noteRoles.contains(key(f.last)),
                nameInField(f.first, shouted: shouted, opening: true), !ambiguous(f.first)
            {
                addPerson(f.first, f.first)
            }
        }
        findPeopleBesidePeopleInChains(fields)
        for i in tokens.indices where info[i].kind == .word && !covered(i) {
            let t = info[i]
            // "logan just turned 15", "shanice placed out of area": a name opening a note before an age or what
            // happened to them.
            if t.sentenceStart || opensAgeNote(i), !t.allCaps || isShouted(), t.length >= 3,
                nameInField(i, shouted: false, opening: true) || given(i) && !notAName(i) && !inSet(.relations, i)
            {
                var j = i + 1
                while j < i + 4, key(j).isOne(of: ["just", "turned", "is", "was", "now", "nearly", "aged"]) { j += 1 }
                let aged = j > i + 1 && candidates.contains { $0.label == .age && $0.start == at(j)?.start }
                let event = Self.lifeEvents.contains(key(i + 1)) && !t.capitalised && given(i)
                if aged && (!ambiguous(i) || !t.capitalised) || event {
                    add(.person, tokens: i, i)
                    continue
                }
            }
            // "disc 'uncle' zorvek", "sent pics to 'kieran'": a name after a quoted relation, or quoted after "to".
            if let q = at(i - 1), q.isPunct("'’\"”"), inSet(.relations, i - 2), t.length >= 3, !notAName(i),
                given(i) && !ambiguous(i) || onNoList(i) || surnameOnly(i)
            {
                add(.person, tokens: i, i)
                continue
            }
            if let q = at(i - 1), q.isPunct("'‘\"“"), let c = at(i + 1), c.isPunct("'’\"”"), !c.spaceBefore,
                key(i - 2).isOne(of: ["to", "from", "with", "by", "w"]), given(i), !notAName(i)
            {
                add(.person, tokens: i, i)
            }
        }
    }

    /// "K. Brennan", "J Okonkwo": an initial before a listed surname is a person. Quiet: "P. S.", "A. Level".
    mutating func findInitialledSurnames() {
        for i in tokens.indices where info[i].kind == .word && info[i].length == 1 && info[i].capitalised {
            var j = i + 1
            if key(j).equals("."), !info[j].spaceBefore { j += 1 }
            guard let s = at(j), s.kind == .word, s.capitalised, !s.allCaps, s.length >= 3, s.spaceBefore,
                surnameOnly(j), !notAName(j), !covered(i)
            else { continue }
            if candidates.contains(where: { $0.label != .person && $0.start < s.end && info[i].start < $0.end }) {
                continue
            }
            addPerson(i, j)
        }
    }

    /// "She was in Ravensholt - Ravensholt Hospital", "It was St Anne's - St Anne's Catholic Primary": the start of an
    /// organisation's name said again at the end of another field of the same text is that organisation.
    mutating func findOrganisationsSaidAgain(_ fields: [NoteField]) {
        let orgs = candidates.filter { $0.label == .organisationLocal }
        guard !orgs.isEmpty else { return }
        for o in orgs {
            guard let a = tokenIndex(startingAt: o.start), let b = tokenIndex(endingAt: o.end), b > a else { continue }
            for f in fields where f.last < a || f.first > b {
                // The longest start of the organisation's name the field ends with.
                var k = min(b - a, f.count)
                while k > 0, !(0..<k).allSatisfy({ tokens[f.last - k + 1 + $0].key == tokens[a + $0].key }) { k -= 1 }
                guard k > 0 else { continue }
                let s = f.last - k + 1
                guard info[s].capitalised, info[s].kind == .word,
                    (s...f.last).contains(where: {
                        info[$0].length >= 4 && !Vocab.genericOrgModifiers.contains(key($0))
                            && !Vocab.functionWords.contains(key($0))
                    })
                else { continue }
                let start = info[s].start
                let end = info[f.last].end
                if candidates.contains(where: { $0.label != .person && $0.start < end && start < $0.end }) { continue }
                candidates.removeAll { $0.start >= start && $0.end <= end }
                add(.organisationLocal, tokens: s, f.last)
            }
        }
    }

    /// "Kieran -> Tilvan -> Big Man Quen", "Kieran -> Clayton -> Zorvek": a chain of arrows with a person in it is a
    /// chain of people, so a name-shaped field in it is one more (a listed name, a surname that is also a word, a
    /// word on no list; never a town, a service or an everyday word alone: `Kai -> Excluded -> PRU`). "Shanice and Li -
    /// sisters", "gabe and tilvan on the group chat": two names joined by "and" opening a note, before who they are or,
    /// in lower case, when neither is an everyday word.
    mutating func findPeopleBesidePeopleInChains(_ fields: [NoteField]) {
        let arrows = fields.contains { $0.after == .arrow || $0.after == .equals }
        if arrows, candidates.contains(where: { $0.label == .person }) {
            for f in fields where f.count == 1 && (f.before == .arrow || f.after == .arrow || f.after == .equals) {
                let k = f.first
                let t = info[k]
                guard t.kind == .word, t.capitalised, !t.allCaps, t.length >= 3, !covered(k), !notAName(k),
                    !on([.town, .bigPlace], k),
                    onNoList(k) || given(k) && !ambiguous(k) || on([.surname, .ambiguous], k) && on(.surname, k)
                else { continue }
                add(.person, tokens: k, k)
            }
        }
        guard let f = fields.first, f.before == .edge, f.count >= 3, key(f.first + 1).isOne(of: ["and", "&"]) else {
            return
        }
        let a = f.first
        let b = f.first + 2
        let whoNext =
            f.count == 3 && fields.count > 1 && [.dash, .arrow, .colon].contains(f.after)
            && (inSet(.pluralPersonNouns, fields[1].first) || inSet(.relations, fields[1].first)
                || Self.pluralPersonNounsForNotes.contains(key(fields[1].first)))
        func nameLike(_ k: Int) -> Bool {
            guard let t = at(k), t.kind == .word, !notAName(k), !inSet(.relations, k), !on([.town, .bigPlace], k)
            else { return false }
            if whoNext { return t.capitalised && (given(k) || onNoList(k) || surnameOnly(k)) }
            return !t.capitalised && t.length >= 3 && (given(k) && !on(.word, k) || onNoList(k))
        }
        guard nameLike(a), nameLike(b), !covered(a) || personAt(a), !covered(b) || personAt(b),
            !(covered(a) && covered(b))
        else { return }
        // In lower case, what follows says they are people: a preposition, a verb or an age.
        if !whoNext,
            !(tok(b + 1).map { ["on", "in", "at", "both", "were", "are", "seen", "went", "missing"].contains($0.key) }
                ?? false)
        {
            return
        }
        for k in [a, b] where !covered(k) { add(.person, tokens: k, k) }
    }

    /// Findings a name in the next field belongs to ("07700 900123 - zorvek").
    static let ownedLabels: Set<IdentifierLabel> = [.phone, .email, .nhsNumber, .niNumber, .dateOfBirth, .handle]

    /// "nhs 943 476 5919 - zorvek", "the girl from Moston - Shanice - she's 14": a name filling a field after a field
    /// that holds an identifier of hers, or after a field that says who she is. Quiet: "07700 900123 - mobile",
    /// "the lad - mum's - Tuesday", a town ("the girl - Leeds -").
    mutating func findNamesBesideWhoTheyAre(_ fields: [NoteField]) {
        for x in fields.indices.dropFirst() {
            let f = fields[x]
            let p = fields[x - 1]
            let k = f.first
            guard f.count == 1, [.dash, .slash, .arrow].contains(f.before),
                [.dash, .slash, .arrow, .edge, .comma, .mark].contains(f.after), !covered(k),
                let t = at(k), t.kind == .word, t.length >= 3,
                nameInField(k, shouted: isShouted(), opening: false)
                    || given(k) && t.capitalised && !notAName(k)
                        && !on([.town, .bigPlace], k)
            else { continue }
            let pStart = info[p.first].start
            let pEnd = info[p.last].end
            let owned = candidates.contains {
                Self.ownedLabels.contains($0.label) && $0.start >= pStart && $0.end <= pEnd
            }
            let described =
                t.capitalised
                && (p.first...p.last).contains {
                    inSet(.singlePersonNouns, $0) || inSet(.relations, $0) || inSet(.personNouns, $0)
                }
            guard owned || described else { continue }
            add(.person, tokens: k, k)
        }
    }

    /// The last year a date written straight after a name is read as a birth date without any other sign: notes
    /// date what happens to a person in recent years, and a child's or parent's birth date lies further back.
    static let latestBirthYearAlone = 2017

    /// The year of a written date over tokens `a...b` ("2008-07-22", "22/07/08", "14-Jan-2008", "22 July 2008").
    func writtenYear(_ a: Int, _ b: Int) -> Int? {
        if year(a) { return Int(tokens[a].text) }
        if year(b) { return Int(tokens[b].text) }
        guard b > a, info[b].kind == .number, info[b].length == 2, let v = Int(tokens[b].text),
            info[b - 1].isPunct("/.-") || isMonth(b - 1) || key(b - 1).equals(".")
        else { return nil }
        return v <= 35 ? 2000 + v : 1900 + v
    }

    /// Dates of birth a record's shape gives away, with no cue: a written date filling a field of a pasted row next to
    /// the person's name or an age that agrees with it ("Nowak,Zofia,2009-03-14,15,School", "Price | Kai |
    /// 03/09/2010 | Year 9"), or written straight after a found name in a note ("Tiah Morgan 21-Mar-2009 - known to
    /// YOT", "Kai (03/09/2010)"). An age agrees when the year and the age add up to a year notes are written in
    /// (2015 on); a date after a name alone must lie before `latestBirthYearAlone` (an event's date is recent).
    mutating func findBirthDatesInRecords() {
        guard candidates.contains(where: { $0.label == .person }) else { return }
        func separator(_ k: Int) -> Bool {
            at(k)?.isPunct(",|;-–:(/") == true && !(info[k].isPunct("/") && !info[k].spaceBefore)
        }
        func ageField(_ k: Int) -> Int? {
            guard let t = tok(k), t.kind == .number, t.length <= 2, let v = Int(t.text), (0...110).contains(v),
                tok(k + 1).map({ separator(k + 1) || $0.isPunct(")") }) ?? true
            else { return nil }
            return v
        }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .number || isMonth(i), !covered(i) || coveredOnlyByAge(i),
                let e = dateExpression(at: i, allowYearAlone: false), e - i >= 2, let y = writtenYear(i, e),
                (1920...2035).contains(y), standalone(i, e),
                !(i...e).contains(where: { covered($0) && !coveredOnlyByAge($0) })
            else { continue }
            // The field before: separators, then a person or an age.
            var p = i - 1
            while p >= 0, separator(p) { p -= 1 }
            // "kieran d - 14-Jan-2008": a surname's initial after the name.
            if p >= 1, let t = at(p), t.kind == .word, t.length == 1, !personAt(p), personAt(p - 1) { p -= 1 }
            let nameBefore =
                p >= 0 && personAt(p)
                && !candidates.contains {
                    $0.label != .person && $0.end > info[p].start && $0.start < info[i].start
                }
            var n = e + 1
            if key(n).equals(")") { n += 1 }
            while n < tokens.count, separator(n) { n += 1 }
            let ageAfter = separator(e + 1) || key(e + 1).equals(")") ? ageField(n) : nil
            // An age before the date counts only where it was found as one ("Kai, 15, 03/09/2010").
            let ageBefore =
                p >= 0 && p < i - 1 && candidates.contains { $0.label == .age && $0.start == info[p].start }
                ? ageField(p) : nil
            let agrees = [ageAfter, ageBefore].contains { $0.map { (2015...2035).contains(y + $0) } ?? false }
            guard agrees || nameBefore && y <= Self.latestBirthYearAlone else { continue }
            candidates.removeAll { $0.label == .age && $0.start >= info[i].start && $0.end <= info[e].end }
            add(.dateOfBirth, tokens: i, e)
            i = e
        }
    }

    /// Token `k` is covered only by ages found so far ("14" of "14-Jan-2008" read as an age after a name).
    func coveredOnlyByAge(_ k: Int) -> Bool {
        let t = info[k]
        return candidates.allSatisfy { $0.label == .age || !($0.start < t.end && t.start < $0.end) }
    }
}
