/// Which of the recognisers' most-asked word sets a token's key is on, looked up once per token: a scan asks
/// these sets about nearly every token several times, and one hash per token is far cheaper than one per question.
/// Each flag stands for exactly one set, so `on(.relations, i)` answers as `Vocab.relations.contains(key(i))` does.
struct TokenVocab: OptionSet, Sendable {
    let rawValue: UInt32
    static let relations = TokenVocab(rawValue: 1 << 0)
    static let personNouns = TokenVocab(rawValue: 1 << 1)
    static let titles = TokenVocab(rawValue: 1 << 2)
    static let namingCues = TokenVocab(rawValue: 1 << 3)
    static let notNames = TokenVocab(rawValue: 1 << 4)
    static let roles = TokenVocab(rawValue: 1 << 5)
    static let placePrepositions = TokenVocab(rawValue: 1 << 6)
    static let placeVerbs = TokenVocab(rawValue: 1 << 7)
    static let quotedAfter = TokenVocab(rawValue: 1 << 8)
    static let bracketAged = TokenVocab(rawValue: 1 << 9)
    static let singlePersonNouns = TokenVocab(rawValue: 1 << 10)
    static let pluralPersonNouns = TokenVocab(rawValue: 1 << 11)
    static let partnerWords = TokenVocab(rawValue: 1 << 12)
    static let timeContexts = TokenVocab(rawValue: 1 << 13)
    static let groupObjects = TokenVocab(rawValue: 1 << 14)
    static let hesitations = TokenVocab(rawValue: 1 << 15)
    static let lifeEvents = TokenVocab(rawValue: 1 << 16)
    // Sets and tables a recogniser asks about every token once, in its main loop.
    static let numberWords = TokenVocab(rawValue: 1 << 17)
    static let estimateWords = TokenVocab(rawValue: 1 << 18)
    static let siblingOrder = TokenVocab(rawValue: 1 << 19)
    static let welshStreetHeads = TokenVocab(rawValue: 1 << 20)
    static let streetHeads = TokenVocab(rawValue: 1 << 21)
    static let caseCues = TokenVocab(rawValue: 1 << 22)
    /// A key of `Vocab.nationalBodiesByFirst`.
    static let nationalBodyFirst = TokenVocab(rawValue: 1 << 23)
    /// A key of `Vocab.orgTailsByFirst`.
    static let orgTailFirst = TokenVocab(rawValue: 1 << 24)
    static let anyHandleCue = TokenVocab(rawValue: 1 << 25)
    static let spokenStarts = TokenVocab(rawValue: 1 << 26)
    /// A word one of the people rules of AliasRecognisers.swift starts from (`ScanContext.peopleCueWords`).
    static let peopleCues = TokenVocab(rawValue: 1 << 27)
    /// Not a flag of `TokenVocab`: a key of `ScanContext.notANameWords`, kept in the same table so that one look-up
    /// a token answers both. `of` masks it off (`privateBits`), since every `TokenVocab` bit is a feature of the
    /// labeller.
    static let notANameBit: UInt32 = 1 << 31
    /// Not a flag either: a word of one of `ScanContext.gatedSets`, sets a recogniser asks about every token once
    /// (or six times, the vehicle cue), whose words are rare in text. A token without the bit is on none of them, so
    /// the recogniser skips the set's look-up (a SipHash of the key: these four sets were 4% of a scan).
    static let gatedBit: UInt32 = 1 << 30
    /// The bits that are no flag of `TokenVocab`, masked off before the labeller sees a token's flags.
    static let privateBits: UInt32 = notANameBit | gatedBit

    /// Every key on any of the sets, with the sets it is on.
    static let table: KeyTable = {
        var table = KeyTable(capacity: 2_048)
        let sets: [(Set<String>, TokenVocab)] = [
            (Vocab.relations, .relations), (Vocab.personNouns, .personNouns), (Vocab.titles, .titles),
            (Vocab.namingCues, .namingCues), (Vocab.notNames, .notNames), (Vocab.roles, .roles),
            (Vocab.placePrepositions, .placePrepositions), (Vocab.placeVerbs, .placeVerbs),
            (ScanContext.quotedAfter, .quotedAfter), (ScanContext.bracketAged, .bracketAged),
            (ScanContext.singlePersonNouns, .singlePersonNouns), (ScanContext.pluralPersonNouns, .pluralPersonNouns),
            (ScanContext.partnerWords, .partnerWords), (ScanContext.timeContexts, .timeContexts),
            (ScanContext.groupObjects, .groupObjects), (ScanContext.hesitations, .hesitations),
            (ScanContext.lifeEvents, .lifeEvents), (Set(ScanContext.numberWords.keys), .numberWords),
            (ScanContext.estimateWords, .estimateWords), (ScanContext.siblingOrder, .siblingOrder),
            (ScanContext.welshStreetHeads, .welshStreetHeads), (Vocab.streetHeads, .streetHeads),
            (Vocab.caseCues, .caseCues), (Vocab.nationalBodyFirsts, .nationalBodyFirst),
            (Vocab.orgTailFirsts, .orgTailFirst), (ScanContext.anyHandleCue, .anyHandleCue),
            (ScanContext.spokenStarts, .spokenStarts), (ScanContext.peopleCueWords, .peopleCues),
        ]
        for (words, flag) in sets {
            for w in words { table.insert(w, flag.rawValue) }
        }
        for w in ScanContext.notANameWords { table.insert(w, notANameBit) }
        for set in ScanContext.gatedSets {
            for w in set { table.insert(w, gatedBit) }
        }
        return table
    }()

    /// The sets `key` is on.
    @inline(__always) static func of(_ key: String) -> TokenVocab {
        TokenVocab(rawValue: table.bits(key) & ~privateBits)
    }
    /// What `ScanContext.key` gives outside the tokens ("") is on.
    static let outside = of("")
}

/// Which of the gated sets (`ScanContext.gatedSets`) that `onGated` asks a token's key is on, one bit a set, looked
/// up once per token and only for a token with `TokenVocab.gatedBit`: asking the `Set<String>` itself fetched it
/// through its global's once-check, retained it and hashed the key with SipHash at every question.
/// `onGated(.months, i)` answers as `Vocab.months.contains(key(i))` does (the table keeps canonical equivalence).
struct GatedSet: OptionSet, Sendable {
    let rawValue: UInt32
    static let vehicleCues = GatedSet(rawValue: 1 << 0)
    static let organisationFields = GatedSet(rawValue: 1 << 1)
    static let servicesBeforeAPlace = GatedSet(rawValue: 1 << 2)
    static let stationWords = GatedSet(rawValue: 1 << 3)
    static let placeAdverbs = GatedSet(rawValue: 1 << 4)
    static let ordinalValueKeys = GatedSet(rawValue: 1 << 5)
    static let claimVerbs = GatedSet(rawValue: 1 << 6)
    static let months = GatedSet(rawValue: 1 << 7)
    static let days = GatedSet(rawValue: 1 << 8)
    static let countries = GatedSet(rawValue: 1 << 9)
    static let nationalities = GatedSet(rawValue: 1 << 10)
    static let inquiryTowns = GatedSet(rawValue: 1 << 11)
    static let publicInquiryTowns = GatedSet(rawValue: 1 << 12)
    static let headsAfterAPlace = GatedSet(rawValue: 1 << 13)
    static let cities = GatedSet(rawValue: 1 << 14)
    static let kindsBeforeTheirName = GatedSet(rawValue: 1 << 15)
    static let ownedModifiers = GatedSet(rawValue: 1 << 16)
    static let moreCaseSystems = GatedSet(rawValue: 1 << 17)
    static let headsBeforeTheirName = GatedSet(rawValue: 1 << 18)
    static let organisationListHeadings = GatedSet(rawValue: 1 << 19)
    static let pluralCaseCues = GatedSet(rawValue: 1 << 20)
    static let familyListWords = GatedSet(rawValue: 1 << 21)
    static let landmarkFirstWords = GatedSet(rawValue: 1 << 22)
    static let welshHeads = GatedSet(rawValue: 1 << 23)

    /// Every word of the flagged sets, with the sets it is on.
    static let table: KeyTable = {
        var table = KeyTable(capacity: 4_096)
        let sets: [(Set<String>, GatedSet)] = [
            (ScanContext.vehicleCues, .vehicleCues), (ScanContext.organisationFields, .organisationFields),
            (ScanContext.servicesBeforeAPlace, .servicesBeforeAPlace), (ScanContext.stationWords, .stationWords),
            (ScanContext.placeAdverbs, .placeAdverbs), (ScanContext.ordinalValueKeys, .ordinalValueKeys),
            (ScanContext.claimVerbs, .claimVerbs), (Vocab.months, .months), (Vocab.days, .days),
            (Vocab.countries, .countries), (Vocab.nationalities, .nationalities), (Vocab.inquiryTowns, .inquiryTowns),
            (Vocab.publicInquiryTowns, .publicInquiryTowns), (ScanContext.headsAfterAPlace, .headsAfterAPlace),
            (Vocab.cities, .cities), (ScanContext.kindsBeforeTheirName, .kindsBeforeTheirName),
            (ScanContext.ownedModifiers, .ownedModifiers), (ScanContext.moreCaseSystems, .moreCaseSystems),
            (ScanContext.headsBeforeTheirName, .headsBeforeTheirName),
            (ScanContext.organisationListHeadings, .organisationListHeadings),
            (ScanContext.pluralCaseCues, .pluralCaseCues), (ScanContext.familyListWords, .familyListWords),
            (ScanContext.landmarkFirstWords, .landmarkFirstWords), (ScanContext.welshHeads, .welshHeads),
        ]
        for (words, flag) in sets {
            for w in words { table.insert(w, flag.rawValue) }
        }
        return table
    }()
}

extension Array where Element == String {
    /// `key(i + 1).isOne(of: ["him", "her"])`, the recognisers' commonest question, without the heap: the library's
    /// `contains` is not inlined, so each literal array was allocated, filled and freed per token (a fifth of a
    /// scan). Inlined, the literal stays on the stack. Same answer: the first element equal to `word`.
    @inline(__always) func contains(_ word: String) -> Bool {
        for w in self where w.equals(word) { return true }
        return false
    }
}

extension ScanContext {
    /// The sets asked through `ScanContext.onGated` (and only those: a set missing here would answer false).
    static let gatedSets = [
        vehicleCues, organisationFields, servicesBeforeAPlace, stationWords, placeAdverbs, ordinalValueKeys,
        claimVerbs, Vocab.months, Vocab.days, Vocab.countries, Vocab.nationalities, Vocab.inquiryTowns,
        Vocab.publicInquiryTowns,
        // Session 12: asked of every token by four recognisers (LocalNames.swift, NoteFields.swift) and by the
        // spoken codes' first pass (a dictionary look-up of each short word); a SipHash each, 7% of a scan.
        headsAfterAPlace, Vocab.cities, kindsBeforeTheirName, ownedModifiers, Set(natoLetters.keys),
        // Session 14 (`orgs10`): the new heads' first words and the secure estate's, asked of every token.
        Vocab.localServiceTailFirsts, Set(secureEstateByFirst.keys),
        Set(spokenLetters.keys), moreCaseSystems,
        // Session 13: note headings that list organisations (LocalNames.swift).
        organisationListHeadings, headsBeforeTheirName, pluralCaseCues, familyListWords,
        // Session 15 (`speed9`): asked of every lower-case word (landmarks) and every capitalised one (Welsh heads).
        landmarkFirstWords, welshHeads,
    ]
}
