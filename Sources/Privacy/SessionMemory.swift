/// Session memory across contributions (issue 18). The scanner reads one text
/// at a time, so a name it found with a cue in one contribution ("her son
/// Tyler", "lives in Thurnscoe") was missed where another contribution says it
/// bare ("tyler was there again", "Thurnscoe again"). A session's memory is the
/// people, places and local organisations found confidently anywhere in it —
/// `likely` findings nobody rejected, and what a person accepted — less
/// everyday words, big places and what a person rejected, hunted in every other
/// contribution, in any case. It is a cheap pass after the per-text scan, never
/// part of a kept scan (ScanMemo.swift: a kept row depends on its own text only,
/// so it stays valid when another contribution adds a name).
import Foundation
import SessionModel

/// One thing a session remembers: the text of a finding (or of an accepted redaction) and its label.
public struct RememberedTerm: Sendable, Hashable, Comparable {
    public var text: String
    public var label: IdentifierLabel
    public init(_ text: String, _ label: IdentifierLabel) {
        self.text = text
        self.label = label
    }
    public static func < (a: RememberedTerm, b: RememberedTerm) -> Bool {
        (a.text, a.label.rawValue) < (b.text, b.label.rawValue)
    }
}

/// People, places and local organisations found confidently somewhere in a session, hunted everywhere else in it.
public struct SessionMemory: Sendable, Equatable {
    /// One hunted sequence of token keys (`IdentifierScanner.nameKeys`) and the label a match gets.
    struct Term: Sendable, Equatable {
        var keys: [String]
        var label: IdentifierLabel
        /// A name that is also an everyday word ("Dizzy", "Precious"): found only where it stands as a name.
        var asName = false
        /// Found only where its first word is capitalised: an organisation's short name stands as a name there.
        var capitalised = false
        /// An organisation's short name that is an everyday word or a town ("Beacon" of "Beacon Project",
        /// "Greenhill" of "Greenhill Primary"): found only where it stands as the organisation's name
        /// (`standsAsOrganisation`); `town` when a part is a listed town.
        var namePosition = false
        var town = false
        /// An organisation's initials ("OPS" of "Oakfield Primary School"): found only in capitals.
        var initials = false
        /// A person's two-letter name, nickname or initials ("Mo" of "Big Mo", "KD"): found in lower case too where
        /// it stands as a name in chat (`standsAsLowerCaseName`: "mo got picked up", "same chat as mo").
        var lowerCase = false
    }
    /// Remembered terms by first key, longest first.
    let terms: [String: [Term]]
    /// Remembered one-word names with an `s` typed after them: the possessive without its apostrophe ("eilidhs").
    let possessives: Set<String>
    /// FNV-1a hashes of every first key: `mayOccur` tests a text's words against them before any tokenising.
    let firstKeyHashes: Set<UInt64>
    /// Words the session found alone as a place twice or more, more than twice as often as an organisation and more
    /// often than a person (session 15, `health11`): `completed` gives a person found on one the place's label.
    let placesOverPeople: Set<String>

    /// The labels a session remembers: what a bare mention can be recognised by once a cue has named it.
    public static let labels: Set<IdentifierLabel> = [.person, .location, .organisationLocal]

    /// A session with nothing to remember.
    public static let empty = SessionMemory(terms: [])

    public var isEmpty: Bool { terms.isEmpty }

    /// Every remembered term or part, keys joined by spaces, sorted (for messages and tests).
    public var remembered: [String] {
        terms.values.flatMap { $0 }.map { $0.keys.joined(separator: " ") }.sorted()
    }

    /// The same with each term's label, `LABEL: keys`, sorted (for tests).
    public var rememberedWithLabels: [String] {
        terms.values.flatMap { $0 }.map { "\($0.label.rawValue): \($0.keys.joined(separator: " "))" }.sorted()
    }

    /// Names only (PERSON): texts of the findings to remember; `rejected` as below.
    public init(names: some Sequence<String>, rejected: Set<String> = []) {
        self.init(terms: names.map { RememberedTerm($0, .person) }, rejected: rejected)
    }

    /// `terms`: texts to remember with their labels (`worthRemembering`, accepted redactions); `rejected`: texts a
    /// person rejected, lower case — neither they nor their parts are hunted.
    public init(terms remembered: some Sequence<RememberedTerm>, rejected: Set<String> = []) {
        let gazetteer = Gazetteer.shared
        let rejectedKeys = Set(rejected.flatMap { IdentifierScanner.nameKeys($0) })
        let rejectedWholes = Set(rejected.map { IdentifierScanner.nameKeys($0) })
        var byKeys: [[String]: IdentifierLabel] = [:]
        var asNames = Set<String>()
        var shortNames: Set<[String]> = []
        // Short names that are everyday words or towns, and initials (session 12, `orgs8`): kept apart, since the same
        // words may be hunted as a place too ("greenhill" said anywhere is the town).
        var wordShorts: [[String]: Bool] = [:]
        var initials = Set<String>()
        var personInitials = Set<String>()
        var bigNames: [[String]: Bool] = [:]
        // Session 15 (`health11`): a word the session found alone as a place twice or more, and more than twice as
        // often as alone as an organisation ("the pharmacy in Hexby", "lives on Marram Way, Saltby"), stays that place
        // where it is said alone elsewhere, though a service is named after it ("Hexby Health Centre", "Saltby
        // Academy"): a small town's surgery, school and clinic carry its name. Once or twice as a place may be the
        // scanner's slip on a children's home or a school ("moved from Rosemead", "at Rosemead").
        var saidAlone: [String: (place: Int, organisation: Int, person: Int)] = [:]
        for term in remembered where !rejected.contains(term.text.lowercased()) {
            let keys = IdentifierScanner.nameKeys(term.text)
            guard keys.count == 1 else { continue }
            if term.label == .location { saidAlone[keys[0], default: (0, 0, 0)].place += 1 }
            if term.label == .organisationLocal { saidAlone[keys[0], default: (0, 0, 0)].organisation += 1 }
            if term.label == .person { saidAlone[keys[0], default: (0, 0, 0)].person += 1 }
        }
        let places = saidAlone.filter { $0.value.place >= 2 && $0.value.place > 2 * $0.value.organisation }
        let placesSaid = Set(places.map { [$0.key] })
        // Said as a place more often than as a person too: where the scanner took it for a person, it is the place.
        placesOverPeople = Set(places.filter { $0.value.place > $0.value.person }.map(\.key))
        // Session 17 (`asylum13`): a word the session found alone as a person twice or more, and more than twice as
        // often as alone as an organisation, is no organisation's short name ("hiwa school = …" is that person's
        // school, beside "Hiwa 16 - brother …", "Hiwa's brother …").
        let peopleSaid = Set(
            saidAlone.filter { $0.value.person >= 2 && $0.value.person > 2 * $0.value.organisation }.map { [$0.key] })
        // Session 15: two-letter names, nicknames and initials also hunted in lower case where they stand as names.
        var lowerCaseShorts = Set<String>()
        func insert(_ keys: [String], _ label: IdentifierLabel) {
            // One label a sequence: the more specific, as `resolveOverlaps` breaks a tie.
            if let old = byKeys[keys], Self.rank(old) <= Self.rank(label) { return }
            byKeys[keys] = label
        }
        for term in remembered
        where Self.labels.contains(term.label) && !rejected.contains(term.text.lowercased())
            && !Self.participantCode(term.text)
        {
            var keys = IdentifierScanner.nameKeys(term.text)
            // A title, a relation or a role is the cue a name was found by, not the name ("Mrs Okafor", "PC Jones");
            // an article is not part of a place ("the Phoenix project").
            while let first = keys.first, first == "the" || term.label == .person && Self.isCue(first) {
                keys.removeFirst()
            }
            while let last = keys.last, last == "-" || last == "'" || last == "’" { keys.removeLast() }
            guard !keys.isEmpty, !rejectedWholes.contains(keys) else { continue }
            if term.label == .person {
                // "QV 15" … "QV -> the flat": a person's initials, hunted only in capitals.
                if keys.count == 1, Self.personInitials(term.text.trimmingCharacters(in: .whitespaces)) {
                    if !rejectedKeys.contains(keys[0]) {
                        personInitials.insert(keys[0])
                        if keys[0].count == 2 { lowerCaseShorts.insert(keys[0]) }
                    }
                    continue
                }
                // "Mo's carers", "I'll call her Em": a two-letter name found confidently is hunted where it stands
                // as a name, capitalised or (in chat) in lower case.
                if keys.count == 1, Self.twoLetterName(keys[0]), !rejectedKeys.contains(keys[0]) {
                    asNames.insert(keys[0])
                    lowerCaseShorts.insert(keys[0])
                    continue
                }
                // "Big M", "Lil T": a nickname of a word and a letter, hunted whole where its word is capitalised.
                if keys.count == 2, keys[0].isOne(of: ["big", "lil", "little", "young"]), keys[1].count <= 2,
                    keys[1].first?.isLetter == true
                {
                    // Session 14: "Big Mo" … "is he still linked w big mo", "everyone's scared of Mo": a nickname of a
                    // word and two letters is hunted whole in any case, and its two letters alone where they stand as
                    // a name (a single letter is too common for either).
                    let twoLetters = keys[1].count == 2 && keys[1].allSatisfy(\.isLetter)
                    bigNames[keys] = twoLetters
                    if twoLetters, !rejectedKeys.contains(keys[1]), !Vocab.functionWords.contains(keys[1]) {
                        asNames.insert(keys[1])
                        if Self.twoLetterName(keys[1]) { lowerCaseShorts.insert(keys[1]) }
                    }
                    continue
                }
                // "Lee Brantwood" … "how did Brantwood get access": a surname that is also a town's name, hunted where
                // it stands as a name (capitalised, no determiner before it).
                if keys.count >= 2, let last = keys.last, gazetteer.towns.contains(last), gazetteer.isSurname(last),
                    gazetteer.isGiven(keys[0]), !gazetteer.isWord(last), !rejectedKeys.contains(last)
                {
                    asNames.insert(last)
                }
                let parts = keys.filter { Self.huntedAlone($0, gazetteer) && !rejectedKeys.contains($0) }
                // "Dizzy", "her daughter Precious", "Will Brennan": a name (or part) that is also an everyday word is
                // hunted only where it stands as a name, capitalised (`standsAsName`); "a dizzy spell" stays.
                for part in keys where !parts.contains(part) && !rejectedKeys.contains(part) {
                    // A surname that is a word ("Hall", "White") names streets and buildings too: only a one-word
                    // name (a nickname) or a given name carries.
                    if Self.nameWord(part, gazetteer), keys.count == 1 || gazetteer.isGiven(part) {
                        asNames.insert(part)
                    }
                }
                // "Grace Hall", "Rose Hall": a name made of everyday words only is not hunted whole elsewhere.
                guard !parts.isEmpty else { continue }
                if keys.count > 1 { insert(keys, .person) }
                for part in parts { insert([part], .person) }
            } else {
                let parts = keys.filter { Self.placeHuntedAlone($0, gazetteer) && !rejectedKeys.contains($0) }
                // "Beacon Project" … "Beacon were brilliant", "Greenhill Primary" … "Greenhill's ready": a short
                // name that is an everyday word or a town, hunted where it stands as the name; and the initials.
                if term.label == .organisationLocal {
                    if let short = Self.shortName(keys, teams: true),
                        !short.allSatisfy({ parts.contains($0) && !gazetteer.towns.contains($0) }),
                        short.allSatisfy({ Self.shortWordHunted($0, gazetteer) && !rejectedKeys.contains($0) }),
                        // "Marsh Farm" of "Marsh Farm Health Centre" names the district too; a school's does not.
                        !ScanContext.placeElements.contains(short.last!) && !Vocab.streetHeads.contains(short.last!)
                            || keys.last.map(Self.schoolHeads.contains) == true
                                && Self.schoolPlaceWords.contains(short.last!),
                        !rejectedWholes.contains(short), !placesSaid.contains(short), !peopleSaid.contains(short)
                    {
                        wordShorts[short] = short.contains(where: { gazetteer.towns.contains($0) })
                    }
                    if let letters = Self.initials(term.text), !rejectedKeys.contains(letters),
                        !rejected.contains(letters)
                    {
                        initials.insert(letters)
                    }
                }
                // "Station Road", "West Belfast", "Marsh Farm estate": a place made of everyday words and big places
                // is found by its own cues where it is said again, not hunted; a house number makes an address.
                // Session 16: a school whose short name's parts are all given names or short ("Al-Huda").
                if parts.isEmpty, term.label == .organisationLocal, let short = Self.shortName(keys),
                    Self.schoolNamedShort(short, keys, parts, gazetteer), !placesSaid.contains(short),
                    !peopleSaid.contains(short)
                {
                    insert(short, .organisationLocal)
                    shortNames.insert(short)
                }
                guard !parts.isEmpty || keys.count > 1 && keys.contains(where: { $0.first?.isNumber == true }) else {
                    continue
                }
                if keys.count > 1 { insert(keys, term.label) }
                // "a 13yo at Fullhurst" … "fullhurst kid is doing better", "Carlton Bolling Academy" … "bolling has a
                // new dsl": an organisation named by one word on no list at all (or its short name's last such
                // word), said alone in any case elsewhere in the session, is that organisation (session 13, `orgs9`).
                if term.label == .organisationLocal {
                    let short = keys.count == 1 ? keys : Self.shortName(keys).flatMap { $0.count > 1 ? $0 : nil }
                    if let last = short?.last, parts.contains(last), gazetteer.isUnknown(last), last.count >= 4,
                        !gazetteer.towns.contains(last), !placesSaid.contains([last]), !peopleSaid.contains([last])
                    {
                        insert([last], .organisationLocal)
                    }
                }
                // "Ridgeway Academy" … "at Ridgeway": an organisation's own name before its head, said alone and
                // capitalised elsewhere in the session, is that organisation (not a town's service: "Wigan YOT").
                if term.label == .organisationLocal, let short = Self.shortName(keys),
                    Self.schoolNamedShort(short, keys, parts, gazetteer)
                        || short.allSatisfy({ parts.contains($0) && !gazetteer.towns.contains($0) }),
                    !placesSaid.contains(short), !peopleSaid.contains(short)
                {
                    insert(short, .organisationLocal)
                    shortNames.insert(short)
                }
                for part in parts {
                    if term.label == .location {
                        insert([part], .location)
                    } else if gazetteer.towns.contains(part) {
                        // A town inside an organisation's name is a place said alone ("Easton Youth Club", "Easton
                        // boys"); another part is not hunted alone ("Cwm Taf Morgannwg": "cwm taf" is a public body).
                        insert([part], .location)
                    }
                }
            }
        }
        var byFirst: [String: [Term]] = [:]
        for (keys, label) in byKeys {
            let capitalised = label == .organisationLocal && shortNames.contains(keys)
            byFirst[keys[0], default: []].append(Term(keys: keys, label: label, capitalised: capitalised))
        }
        for (keys, town) in wordShorts where byKeys[keys] != .organisationLocal {
            byFirst[keys[0], default: []].append(
                Term(keys: keys, label: .organisationLocal, namePosition: true, town: town))
        }
        for letters in initials where byKeys[[letters]] == nil && wordShorts[[letters]] == nil {
            byFirst[letters, default: []].append(Term(keys: [letters], label: .organisationLocal, initials: true))
        }
        for letters in personInitials where byKeys[[letters]] == nil {
            byFirst[letters, default: []].append(
                Term(keys: [letters], label: .person, initials: true, lowerCase: lowerCaseShorts.contains(letters)))
        }
        for (keys, anyCase) in bigNames where byKeys[keys] == nil {
            byFirst[keys[0], default: []].append(Term(keys: keys, label: .person, capitalised: !anyCase))
        }
        for key in asNames where byKeys[[key]] == nil && !personInitials.contains(key) {
            byFirst[key, default: []].append(
                Term(keys: [key], label: .person, asName: true, lowerCase: lowerCaseShorts.contains(key)))
        }
        terms = byFirst.mapValues {
            $0.sorted {
                $0.keys.count != $1.keys.count
                    ? $0.keys.count > $1.keys.count
                    : $0.namePosition != $1.namePosition
                        ? $0.namePosition : $0.keys.lexicographicallyPrecedes($1.keys)
            }
        }
        // "eilidhs nhs no", "skyes sw": a possessive typed without its apostrophe, where that word is on no list (so
        // "nicholas" is never taken for a remembered "Nichola's").
        var possessives = Set<String>()
        for (key, list) in terms where list.contains(where: { $0.keys == [key] && $0.label == .person && !$0.asName }) {
            let typed = key + "s"
            if terms[typed] == nil && gazetteer.isUnknown(typed) { possessives.insert(typed) }
        }
        self.possessives = possessives
        firstKeyHashes = Set(terms.keys.map(Self.fnv) + possessives.map(Self.fnv))
    }

    /// What of one contribution's findings a session remembers: its `likely` people, places and local
    /// organisations (a `possible` name is a word on no list and stays where it was found; everyday words and big
    /// places are dropped when the memory is built).
    public static func worthRemembering(_ findings: [Finding]) -> [RememberedTerm] {
        findings.filter {
            labels.contains($0.label) && ($0.confidence == .likely || $0.label == .person && personInitials($0.text))
        }.map {
            RememberedTerm($0.text, $0.label)
        }
    }

    /// A person named by initials ("QV", "KBW"; session 13, `people8`): two or three capitals, no practice
    /// abbreviation or role. Remembered though found `possible`, and hunted only in capitals.
    static func personInitials(_ text: String) -> Bool {
        let u = Array(text.unicodeScalars)
        guard u.count >= 2, u.count <= 3, u.allSatisfy({ $0.value >= 65 && $0.value <= 90 }) else { return false }
        let k = text.lowercased()
        return !ScanContext.practiceAcronyms.contains(k) && !Vocab.roles.contains(k) && !Vocab.titles.contains(k)
            && !Vocab.orgHeadAcronyms.contains(k) && !Vocab.functionWords.contains(k)
            && !ScanContext.dottedWords.contains(k)
    }

    /// A part of a name hunted on its own: three letters or more, on no English word list, not a cue or a place.
    static func huntedAlone(_ key: String, _ gazetteer: Gazetteer) -> Bool {
        key.count >= 3 && key.first?.isLetter == true && !gazetteer.isWord(key) && !gazetteer.isAmbiguous(key)
            && !isCue(key) && !Vocab.notNames.contains(key) && !ScanContext.chatWords.contains(key)
            && !Vocab.nationalities.contains(key) && !Vocab.countries.contains(key)
            && !gazetteer.towns.contains(key) && !gazetteer.bigPlaces.contains(key)
    }

    /// A place (or a part of one) hunted on its own: three letters or more, on no English word list, not a given
    /// name, and no big city, county or nation, which are identifiers only when tied to a person
    /// (docs/privacy.md), nor a town that names a public inquiry ("the Oxford review", "after Rotherham").
    static func placeHuntedAlone(_ key: String, _ gazetteer: Gazetteer) -> Bool {
        key.count >= 3 && key.first?.isLetter == true && !gazetteer.isWord(key) && !gazetteer.isAmbiguous(key)
            && !gazetteer.isGiven(key) && !isCue(key) && !Vocab.notNames.contains(key)
            && !ScanContext.chatWords.contains(key) && !Vocab.nationalities.contains(key)
            && !Vocab.countries.contains(key) && !Vocab.cities.contains(key) && !gazetteer.bigPlaces.contains(key)
            && !Vocab.inquiryTowns.contains(key)
    }

    /// A part of a name that is also an everyday word, hunted only where it stands as a name: three letters or more,
    /// no cue, function word, shorthand, nationality or place.
    static func nameWord(_ key: String, _ gazetteer: Gazetteer) -> Bool {
        key.count >= 3 && key.first?.isLetter == true && (gazetteer.isWord(key) || gazetteer.isAmbiguous(key))
            && !isCue(key) && !Vocab.notNames.contains(key) && !ScanContext.chatWords.contains(key)
            && !Vocab.functionWords.contains(key) && !ScanContext.determiners.contains(key)
            && !Vocab.nationalities.contains(key) && !Vocab.countries.contains(key)
            && !gazetteer.towns.contains(key) && !gazetteer.bigPlaces.contains(key)
            && !Vocab.genericServiceWords.contains(key) && !ScanContext.groupWords.contains(key)
    }

    /// Token `i` of `tokens` (words, numbers and the hyphens and apostrophes inside names) stands as a name:
    /// capitalised but not in capitals, before a verb of saying or "'s", or mid-sentence after no determiner with no
    /// capitalised word beside it ("Hope Street", "Grace Academy" name other things).
    static func standsAsName(_ tokens: [Token], _ i: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        let t = tokens[i]
        guard t.capitalised, !t.allCaps else { return false }
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        if let n = next, Vocab.strongVerbs.contains(n.key) || n.key.equals("'") || n.key == "’" { return true }
        if t.sentenceStart { return false }
        // '"Hope" is not a strategy': a capital just inside a quote or bracket may open what is quoted.
        if t.start > 0, "\"“'‘(".unicodeScalars.contains(scalars[t.start - 1]) { return false }
        if next.map({ $0.capitalised && $0.isWordLike }) ?? false { return false }
        guard i > 0 else { return true }
        let p = tokens[i - 1]
        return !ScanContext.determiners.contains(p.key) && !(p.capitalised && p.isWordLike && !p.sentenceStart)
    }

    /// A participant's code ("P14"): the session's label for a speaker, never remembered as a name (session 15).
    static func participantCode(_ text: String) -> Bool {
        let u = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        return u.count >= 2 && u.count <= 4 && (u[0] == "P" || u[0] == "p")
            && u.dropFirst().allSatisfy { $0.value >= 48 && $0.value <= 57 }
    }

    /// A two-letter name worth hunting alone ("mo", "em", "jo"): letters only, no function word, abbreviation,
    /// role, title or chat word.
    static func twoLetterName(_ key: String) -> Bool {
        key.count == 2 && key.allSatisfy(\.isLetter) && !Vocab.functionWords.contains(key)
            && !ScanContext.letterAbbreviations.contains(key) && !ScanContext.dottedWords.contains(key)
            && !isCue(key) && !Vocab.notNames.contains(key) && !ScanContext.chatWords.contains(key)
            && !ScanContext.determiners.contains(key)
    }

    /// Words after which a short name typed in lower case stands as a person: what a name is the subject of.
    static let lowerCaseNameVerbs = Vocab.strongVerbs.union(Vocab.weakVerbs).union(
        Vocab.set("got gets never always alone still too just")
    ).subtracting(["and"])
    /// Words before a short name typed in lower case at the end of a clause ("same chat as mo", "insta for mo btw").
    static let lowerCaseNameBefore = Vocab.set("as for with from to at like and than")
    /// Chat words a clause may end on after a name ("for mo btw").
    static let clauseEnders = Vocab.set("btw tho though too lol aswell")

    /// Token `i`, in lower case, stands as a person's short name in chat (session 15): no determiner or number
    /// before it, and a verb after it ("mo got picked up", "kd alone is 3 strats"), or after "as", "for", "with"…
    /// at a clause's end ("same group chat as mo", "insta for mo btw"). Quiet: "just a mo", "6 mo", "a mo and".
    static func standsAsLowerCaseName(_ tokens: [Token], _ i: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        let t = tokens[i]
        guard !t.capitalised, t.kind == .word else { return false }
        let prev = i > 0 ? tokens[i - 1] : nil
        // Between the previous token and this one, or this one and the next: a mark that ends a clause.
        func markBetween(_ a: Int, _ b: Int) -> Bool {
            (a..<b).contains { ",.;:!?-–()\"“”".unicodeScalars.contains(scalars[$0]) }
        }
        if let p = prev, !markBetween(p.end, t.start),
            ScanContext.determiners.contains(p.key) || p.kind == .number || ScanContext.numberWords[p.key] != nil
                || p.key == "half"
        {
            return false
        }
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        if let n = next, n.kind == .word, !markBetween(t.end, n.start), lowerCaseNameVerbs.contains(n.key) {
            return true
        }
        guard let p = prev, lowerCaseNameBefore.contains(p.key), !markBetween(p.end, t.start) else { return false }
        guard let n = next else { return true }
        return markBetween(t.end, n.start) || clauseEnders.contains(n.key)
    }

    /// Words of a school's kind between its name and its head (session 16): "short stay school", "learning centre".
    static let schoolKinds = Vocab.set("short stay learning studio technical")

    /// A school's heads (session 16): its short name is the school though it ends on a place's word ("Wrekin View"
    /// of "Wrekin View Academy", "Nunhead Park" of "Nunhead Park Academy"), which a surgery's or a centre's is not
    /// ("Marsh Farm" of "Marsh Farm Health Centre" names the district).
    static let schoolHeads = Vocab.set("school academy acad college primary prim high pru sch")

    /// A place's words a school's short name may end on ("Wrekin View", "Nunhead Park"); not a road's ("Preston Road").
    static let schoolPlaceWords = ScanContext.placeElements.union(
        Vocab.set("view rise heights meadow meadows side gate croft chase grange"))

    /// A school's short name (session 16) hunted though not every part is a word on no list: a Welsh school's after
    /// its head ("Llys Hywel" of "Ysgol Gyfun Gymraeg Llys Hywel": "Hywel" is a given name too), a school's of two
    /// words one of which is on no list ("Wrekin View" of "Wrekin View Academy"), a hyphened name with a part that is
    /// no everyday word ("Al-Huda" of "Al-Huda Girls' Academy"). No town inside, and not a road's name.
    static func schoolNamedShort(_ short: [String], _ keys: [String], _ parts: [String], _ gazetteer: Gazetteer)
        -> Bool
    {
        let welsh = keys.first.map(ScanContext.welshHeads.contains) == true
        guard welsh || keys.last.map(schoolHeads.contains) == true, let last = short.last,
            !short.contains(where: { gazetteer.towns.contains($0) || gazetteer.bigPlaces.contains($0) })
        else { return false }
        if short.contains("-") {
            return short.contains { $0.count >= 3 && !gazetteer.isWord($0) && !gazetteer.isAmbiguous($0) }
        }
        let placeWord = ScanContext.placeElements.contains(last) || Vocab.streetHeads.contains(last)
        return short.count == 2 && short.contains(where: parts.contains)
            && (!placeWord || schoolPlaceWords.contains(last))
    }

    /// Heads of a fostering agency's name (session 15): "northstar" of "Northstar Fostering" is its short name.
    static let agencyHeads = Vocab.set("fostering placements")

    /// The name an organisation is called by before its head ("ridgeway" of "ridgeway academy"), or nil when its
    /// name has no head or is its head's place ("wigan yot").
    /// `teams`: a team's, project's or unit's name too ("beacon" of "beacon project").
    static func shortName(_ keys: [String], teams: Bool = false) -> [String]? {
        // Session 15 (`health11`): a hospital's ward or suite is a team's kind of head ("on Puffin" of "Puffin Ward").
        func head(_ k: String) -> Bool {
            Vocab.orgHeads.contains(k) || ScanContext.strongOrgTails.contains(k)
                || teams && (ScanContext.teamLikeHeads.contains(k) || k == "ward" || k == "suite")
                || agencyHeads.contains(k)
        }
        // Session 16 (`schools12`): a Welsh head comes first ("llys hywel" of "ysgol gyfun gymraeg llys hywel").
        if let first = keys.first, ScanContext.welshHeads.contains(first) {
            // One word is the village the school is in ("Ysgol Maesgeirchen"): the place, not hunted as the school.
            let short = Array(keys.dropFirst().drop { ScanContext.welshSchoolWords.contains($0) })
            return short.count == 2 && !short.contains(where: head) ? short : nil
        }
        guard
            let h = keys.firstIndex(where: head),
            h > 0, h == keys.count - 1 || keys[(h + 1)...].allSatisfy(head)
        else { return nil }
        var short = Array(keys[..<h])
        // "quenbridge youth club": the kind of organisation is not its name; nor "girls'" ("al-huda girls' academy"),
        // nor a school's kind ("hillside short stay school", "brightwell learning centre"; session 16).
        while let last = short.last,
            Vocab.genericOrgModifiers.contains(last) || Vocab.genericServiceWords.contains(last) || last == "'"
                || last == "’" || schoolKinds.contains(last)
        {
            short.removeLast()
        }
        // "al - huda": a hyphened name is one word.
        return (1...2).contains(short.filter { $0 != "-" }.count) && short.first != "-" ? short : nil
    }

    /// A word of an organisation's short name hunted where it stands as that name (`standsAsOrganisation`) though it
    /// is an everyday word or a town: four letters or more, no given name (a person is likelier), cue, function
    /// word, kind of service, nationality, big place or inquiry town.
    static func shortWordHunted(_ key: String, _ gazetteer: Gazetteer) -> Bool {
        key.count >= 4 && key.first?.isLetter == true && !gazetteer.isGiven(key) && !isCue(key)
            && !Vocab.notNames.contains(key) && !ScanContext.chatWords.contains(key)
            && !Vocab.functionWords.contains(key) && !ScanContext.determiners.contains(key)
            && !Vocab.nationalities.contains(key) && !Vocab.countries.contains(key) && !Vocab.cities.contains(key)
            && !gazetteer.bigPlaces.contains(key) && !Vocab.inquiryTowns.contains(key)
            && !Vocab.genericServiceWords.contains(key) && !Vocab.genericOrgModifiers.contains(key)
            && !Vocab.orgHeads.contains(key) && !ScanContext.groupWords.contains(key) && !Vocab.days.contains(key)
            && !Vocab.months.contains(key)
    }

    /// The initials of an organisation written with three or more capitalised words ("Oakfield Primary School" →
    /// "ops"; "of", "and", "the" skipped), or nil when a word is in lower case, the initials are fewer than three,
    /// or they spell a word, a service's acronym or a shorthand ("Child And Teen Service" → "cats").
    static func initials(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "-" }).filter {
            !["of", "and", "&", "the"].contains($0.lowercased())
        }
        guard (3...5).contains(words.count),
            words.allSatisfy({ $0.first.map { $0.isUppercase && $0.isLetter } == true })
        else { return nil }
        let letters = String(words.map { $0.first! }).lowercased()
        let gazetteer = Gazetteer.shared
        guard !gazetteer.isWord(letters), !gazetteer.isAmbiguous(letters), !Vocab.notNames.contains(letters),
            !Vocab.orgHeadAcronyms.contains(letters), !Vocab.genericServiceWords.contains(letters),
            !ScanContext.chatWords.contains(letters), !gazetteer.towns.contains(letters)
        else { return nil }
        return letters
    }

    /// Before a town said as a place, not as the organisation named after it ("lives in Greenhill").
    static let placeOnlyBefore = ScanContext.placeOnlyBefore
    static let verbsAfterAnOrganisation = ScanContext.afterAnOrganisation

    /// Tokens `i...e` stand as an organisation's short name: capitalised, not in capitals; after "the", a preposition
    /// or nothing mid-sentence, or opening a sentence before a verb, "=", ":" or a possessive; a town only before a
    /// verb or after "at" or "with" ("Greenhill's ready", "at Greenhill", not "in Greenhill", "from Greenhill").
    static func standsAsOrganisation(
        _ tokens: [Token], _ i: Int, _ e: Int, _ scalars: [Unicode.Scalar], town: Bool
    ) -> Bool {
        let t = tokens[i]
        guard t.capitalised, !t.allCaps else { return false }
        let before = i > 0 ? tokens[i - 1].key : ""
        if town && placeOnlyBefore.contains(before) { return false }
        if ScanContext.determiners.contains(before) && before != "the" { return false }
        // The next character that is not a space, and the next word.
        var c = tokens[e].end
        while c < scalars.count, scalars[c] == " " { c += 1 }
        let mark = c < scalars.count ? String(scalars[c]) : ""
        let next = e + 1 < tokens.count ? tokens[e + 1] : nil
        if let n = next, n.capitalised, n.isWordLike, n.start == c { return false }
        let verbAfter =
            ["'", "’", "=", ":"].contains(mark)
            || next.map {
                $0.start == c && (verbsAfterAnOrganisation.contains($0.key) || Vocab.strongVerbs.contains($0.key))
            }
                ?? false
        if t.sentenceStart { return verbAfter }
        if town { return verbAfter || ["at", "@", "with"].contains(before) }
        return true
    }

    static func rank(_ label: IdentifierLabel) -> Int { Candidate.order.firstIndex(of: label) ?? 99 }

    static func isCue(_ key: String) -> Bool {
        Vocab.titles.contains(key) || Vocab.relations.contains(key) || Vocab.roles.contains(key)
            || Vocab.personNouns.contains(key)
    }

    /// The remembered terms in `text`, outside `besides` (the text's own findings), as `likely` findings.
    public func findings(in text: String, besides: [Finding] = []) -> [Finding] {
        guard !terms.isEmpty, mayOccur(text) else { return [] }
        let scalars = Array(text.unicodeScalars)
        // The tokens a term is matched over: words and numbers, and the hyphens and apostrophes inside names.
        let tokens = Tokeniser.tokenise(scalars).filter {
            $0.kind != .punct || $0.text == "-" || $0.text == "'" || $0.text == "’"
        }
        var found: [Finding] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind != .punct, let candidates = terms[tokens[i].key] else {
                if tokens[i].kind == .word, possessives.contains(tokens[i].key) {
                    // The name without the `s`, so the export reads "[PERSON]s nhs no".
                    let span = TextSpan(start: tokens[i].start, end: tokens[i].end - 1)
                    if !besides.contains(where: { $0.span.start < span.end && span.start < $0.span.end }) {
                        found.append(
                            Finding(
                                label: .person, span: span,
                                text: String(String.UnicodeScalarView(scalars[span.start..<span.end]))))
                    }
                }
                i += 1
                continue
            }
            var matched: (end: Int, label: IdentifierLabel)?
            for term in candidates where i + term.keys.count <= tokens.count {
                let lowerName = term.lowerCase && Self.standsAsLowerCaseName(tokens, i, scalars)
                if term.asName && !lowerName && !Self.standsAsName(tokens, i, scalars) { continue }
                if term.capitalised && !tokens[i].capitalised { continue }
                if term.initials && !lowerName && !tokens[i].allCaps { continue }
                if term.namePosition,
                    !Self.standsAsOrganisation(tokens, i, i + term.keys.count - 1, scalars, town: term.town)
                {
                    continue
                }
                if (0..<term.keys.count).allSatisfy({ tokens[i + $0].key == term.keys[$0] }) {
                    matched = (i + term.keys.count - 1, term.label)
                    break
                }
            }
            guard var (e, label) = matched else {
                i += 1
                continue
            }
            // Session 14: an organisation's own short name after a word that makes it a place ("Beckfield Academy"
            // … "twenty minutes from Beckfield") is the place the organisation is named after.
            if label == .organisationLocal, Self.saidAsPlace(tokens, i, e, scalars) { label = .location }
            let span = TextSpan(start: tokens[i].start, end: tokens[e].end)
            if !besides.contains(where: { $0.span.start < span.end && span.start < $0.span.end }) {
                found.append(
                    Finding(
                        label: label, span: span,
                        text: String(String.UnicodeScalarView(scalars[span.start..<span.end]))))
            }
            i = e + 1
        }
        return found
    }

    /// `findings` of `text`, with the remembered terms added, and a person or place found on exactly the words of a
    /// remembered organisation ("at Ridgeway she settled", after "Ridgeway (small children's home …)" elsewhere)
    /// given the organisation's label: the session said what it is.
    public func completed(_ findings: [Finding], in text: String) -> [Finding] {
        guard !terms.isEmpty, mayOccur(text) else { return findings }
        let remembered = self.findings(in: text)
        var words: [Token]?
        var out = findings.map { f in
            var f = f
            if f.label == .person || f.label == .location,
                remembered.contains(where: { $0.label == .organisationLocal && $0.span == f.span }),
                f.label == .person || placeStandsAsOrganisation(f.span, text, &words)
            {
                f.label = .organisationLocal
            } else if f.label == .location,
                remembered.contains(where: { $0.label == .person && $0.span == f.span })
            {
                // "how did Brantwood get access", after "a Lee Brantwood, fifty-four": a town's name the session
                // gave a person, standing as a name.
                f.label = .person
            } else if f.label == .person,
                remembered.contains(where: { $0.label == .location && $0.span == f.span }),
                placeOverPeople(f.text)
            {
                // Session 15 (`health11`): "once it was Hexby", "-> Hexby + Saltby" taken for a person, after the
                // session said "the pharmacy in Hexby": a word on no list the session found as a place is that place.
                f.label = .location
            }
            return f
        }
        out += remembered.filter { r in !findings.contains { $0.span.start < r.span.end && r.span.start < $0.span.end }
        }
        return out.sorted { $0.span.start < $1.span.start }
    }

    /// One word on no list of names, words or places ("Hexby", not "Milford", a given name too), in
    /// `placesOverPeople`.
    func placeOverPeople(_ text: String) -> Bool {
        let keys = IdentifierScanner.nameKeys(text)
        return keys.count == 1 && placesOverPeople.contains(keys[0]) && Gazetteer.shared.isUnknown(keys[0])
    }

    /// A place the scanner found on the words of a remembered organisation stands as that organisation except where
    /// it is said as a place (`saidAsPlace`; session 14: "Beckfield Academy" made every "Beckfield" of a session an
    /// organisation). `words` caches the tokens.
    func placeStandsAsOrganisation(_ span: TextSpan, _ text: String, _ words: inout [Token]?) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if words == nil {
            words = Tokeniser.tokenise(scalars).filter {
                $0.kind != .punct || $0.text == "-" || $0.text == "'" || $0.text == "’"
            }
        }
        guard let tokens = words, let i = tokens.firstIndex(where: { $0.start == span.start }),
            let e = tokens.firstIndex(where: { $0.end == span.end })
        else { return true }
        return !Self.saidAsPlace(tokens, i, e, scalars)
    }

    /// Tokens `i...e` (the memory's tokens: no punctuation but hyphens and apostrophes) are said as a place: after
    /// "in", "near", "around" and the like; in an address, before a postcode ("22 Ferndale Avenue, Beckfield, BD7
    /// 4LR"); or as a stop on a route ("Beckfield -> Netherton").
    static func saidAsPlace(_ tokens: [Token], _ i: Int, _ e: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        let before = i > 0 ? tokens[i - 1].key : ""
        if placeOnlyBefore.contains(before) { return true }
        let n = e + 1
        if n < tokens.count, tokens[n].kind == .alnum, tokens[n].allCaps || tokens[n].capitalised,
            tokens[n].length <= 4,
            tokens[n].digits <= 2
        {
            return true
        }
        // The matching tokens keep no ">" or "→": the arrows are read from the text.
        var c = tokens[e].end
        while c < scalars.count, scalars[c] == " " { c += 1 }
        let arrowAfter =
            c < scalars.count
            && (scalars[c] == "→" || scalars[c] == "-" && c + 1 < scalars.count && scalars[c + 1] == ">")
            // A route goes on to a place ("-> Netherton"), not to what happened ("-> went quiet").
            && tokens[(e + 1)...].first(where: { $0.kind != .punct })?.capitalised == true
        var b = tokens[i].start - 1
        while b >= 0, scalars[b] == " " { b -= 1 }
        let arrowBefore = b >= 0 && (scalars[b] == "→" || scalars[b] == ">" && b > 0 && scalars[b - 1] == "-")
        return arrowAfter || arrowBefore
    }

    /// `text` with every remembered term replaced by its label, `[PERSON]`, `[PLACE]` (the export gate's pass over
    /// text it already made).
    public func hide(_ text: String) -> String {
        let found = findings(in: text)
        guard !found.isEmpty else { return text }
        return Redactor.apply(found.map { ($0.span, "[\($0.label.placeholderWord)]") }, to: text)
    }

    /// Whether a remembered name may be in `text`: each run of ASCII letters, folded to lower case, is hashed and
    /// looked up; a run with other letters in it ("Siân") always may (the tokeniser folds accents). Cheap, so the
    /// export gate can ask it of every contribution.
    public func mayOccur(_ text: String) -> Bool { mayOccur(bytes: text.utf8) }

    /// The same over a text's UTF-8 bytes where they lie (the export gate's compact entry list), read in place.
    public func mayOccur(utf8: UnsafeBufferPointer<UInt8>) -> Bool { mayOccur(bytes: utf8) }

    @inline(__always) private func mayOccur(bytes: some Sequence<UInt8>) -> Bool {
        guard !terms.isEmpty else { return false }
        var hash: UInt64 = Self.basis
        var length = 0
        var other = false
        func end() -> Bool {
            defer {
                hash = Self.basis
                length = 0
                other = false
            }
            return length > 0 && (other || firstKeyHashes.contains(hash))
        }
        for b in bytes {
            if b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A {
                hash = (hash ^ UInt64(b | 0x20)) &* Self.prime
                length += 1
            } else if b >= 0x80 {
                other = true
                length += 1
            } else if b >= 0x30 && b <= 0x39 || b == 0x5F {
                // A digit or underscore glues a run into one token ("tyler99"), which no remembered key matches.
                hash = (hash ^ UInt64(b)) &* Self.prime
                length += 1
            } else if end() {
                return true
            }
        }
        return end()
    }

    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3
    static func fnv(_ key: String) -> UInt64 {
        var hash = basis
        for b in key.utf8 { hash = (hash ^ UInt64(b)) &* prime }
        return hash
    }
}
