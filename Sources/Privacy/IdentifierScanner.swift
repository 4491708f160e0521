/// Privacy owns finding identifiers in what people say. This file holds the
/// public scanner: it tokenises a text once (Tokeniser.swift), runs the
/// recognisers over the tokens (NumberRecognisers.swift, PlaceRecognisers.swift,
/// PersonRecognisers.swift) and keeps the longest of overlapping findings.
/// Offline and deterministic; the name lists load once (Gazetteer.swift).
import Foundation
import SessionModel

/// One identifier found in a text: what it is and where (Unicode scalar offsets, end exclusive).
public struct Finding: Equatable, Sendable, Codable {
    /// How sure the scanner is: `possible` is a word on no list standing where a name stands (shown as such to the reviewer).
    public enum Confidence: String, Equatable, Sendable, Codable { case likely, possible }
    public var label: IdentifierLabel
    public var span: TextSpan
    public var text: String
    public var confidence: Confidence
    public init(label: IdentifierLabel, span: TextSpan, text: String, confidence: Confidence = .likely) {
        self.label = label
        self.span = span
        self.text = text
        self.confidence = confidence
    }
}

/// Finds identifiers. Built once per session (its names: cheap, the gazetteer is shared), then cheap per text.
public struct IdentifierScanner: Sendable {
    /// Session names as token-key sequences, by first key.
    let sessionNames: [String: [[String]]]
    /// Parts of session names that are also everyday words (Fab, Lab, Will, Grace): alone, they match only where
    /// they stand as a name (capitalised, in a name position); the full name and every other part match anywhere.
    let wordLikeParts: Set<String>
    /// Session memory: texts a person accepted as identifiers, found again anywhere in the session, any case.
    let acceptedTerms: [String: [([String], IdentifierLabel)]]
    /// The trained sequence labeller whose spans join the rules' findings where no rule found anything
    /// (LabellerFindings.swift); nil for the rules alone.
    let labeller: SequenceLabeller?

    /// `names`: the session's real names and block-listed names. Matched whole or in part, any case, any accents.
    /// `accepted`: texts accepted as identifiers elsewhere in the session, with their label.
    /// `labeller`: the shipped sequence labeller by default; nil scans with the rules alone (cross-validation).
    public init(
        names: [String] = [], accepted: [(String, IdentifierLabel)] = [],
        labeller: SequenceLabeller? = SequenceLabeller.shared
    ) {
        self.labeller = labeller
        let gazetteer = Gazetteer.shared
        var byFirst: [String: Set<[String]>] = [:]
        var wordLike = Set<String>()
        for name in names {
            let keys = Self.nameKeys(name)
            guard let first = keys.first, keys.joined().count >= 2 else { continue }
            byFirst[first, default: []].insert(keys)
            for part in keys where part.count >= 3 && part.first?.isLetter == true {
                byFirst[part, default: []].insert([part])
                if gazetteer.isAmbiguous(part) { wordLike.insert(part) }
            }
        }
        sessionNames = byFirst.mapValues { $0.sorted { $0.count > $1.count } }
        // A word-like part that is also a whole one-word name (a block-listed "Will") is still only a word alone.
        wordLikeParts = wordLike
        var terms: [String: Set<Pair>] = [:]
        for (text, label) in accepted where label.isIdentifier {
            let keys = Tokeniser.tokenise(Array(text.unicodeScalars)).map(\.key)
            guard let first = keys.first, keys.joined().count >= 3 else { continue }
            // Everyday words alone ("Grace" accepted once, a hand-marked "at the") are not hunted everywhere.
            let words = keys.filter { $0.first?.isLetter == true || $0.first?.isNumber == true }
            if words.allSatisfy({ gazetteer.isWord($0) || Vocab.notNames.contains($0) || $0.count < 2 }) { continue }
            terms[first, default: []].insert(Pair(keys: keys, label: label))
        }
        acceptedTerms = terms.mapValues { $0.sorted { $0.keys.count > $1.keys.count }.map { ($0.keys, $0.label) } }
    }

    private struct Pair: Hashable {
        var keys: [String]
        var label: IdentifierLabel
    }

    static func nameKeys(_ name: String) -> [String] {
        Tokeniser.tokenise(Array(name.unicodeScalars)).filter {
            $0.kind != .punct || $0.text == "-" || $0.text == "'" || $0.text == "’"
        }.map(\.key)
    }

    public init(session: SessionState) {
        var accepted: [(String, IdentifierLabel)] = []
        for c in session.contributions where !c.erased {
            for r in c.redactions {
                if let t = try? SessionState.slice(c.text, r.span, number: c.number) { accepted.append((t, r.label)) }
            }
        }
        self.init(names: Array(session.linkage.values) + session.blocklist, accepted: accepted)
    }

    /// Only the session's own names (real and block-listed): these are never left in an export, whatever was rejected.
    func scanSessionNames(_ text: String) -> [Finding] {
        guard !sessionNames.isEmpty else { return [] }
        let scalars = Self.scalars(text)
        var ctx = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        ctx.findSessionNames(sessionNames, wordLike: wordLikeParts)
        return ctx.candidates.map { c in
            Finding(
                label: c.label, span: TextSpan(start: c.start, end: c.end),
                text: Self.text(scalars[c.start..<c.end]))
        }
    }

    public func scan(_ text: String) -> [Finding] {
        let scalars = Self.scalars(text)
        var ctx = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        ctx.markNationalBodies()
        ctx.findWebAndNetwork()
        ctx.findEmailsAndHandles()
        ctx.findSpokenContacts()
        ctx.findFinancial()
        ctx.findNumbers()
        ctx.findPlacesAndOrganisations()
        ctx.findAcceptedTerms(acceptedTerms)
        ctx.findPeople(sessionNames: sessionNames, wordLike: wordLikeParts)
        ctx.findTitledInitialsInChat()
        ctx.findAgesAroundPeople()
        ctx.findFieldsInNotes()
        ctx.findAgesAfterNamesInRows()
        ctx.findPlacesSetOffInNotes()
        ctx.findLocalNamesByCue()
        ctx.findOutwardCodesBesidePlaces()
        ctx.findNumberedUniformedGroups()
        ctx.findClubsNamedTheirOwnWay()
        ctx.findOutwardCodesAfterActivities()
        ctx.findBareHandles()
        ctx.findAgesInSpeech()
        ctx.findAgesInAccounts()
        // An age found by a later rule ("kian was 12 or 13") takes its second guess too.
        ctx.findSecondAges()
        // A second age, reference or handle said in the same breath as one found ("no sorry fourteen", "2207, 2299").
        ctx.findValuesSaidAgain()
        ctx.dropAcronymPluralsTakenForPeople()
        ctx.dropEponymsTakenForPeople()
        ctx.widenSpans()
        var kept = Self.resolveOverlaps(ctx.candidates)
        if let labeller {
            kept = ctx.addLabellerFindings(labeller, beside: kept)
            kept = ctx.agesBesideLabelledPeople(kept)
            kept = ctx.secondAgesBesideLabelledAges(kept)
        }
        // "a 17 year old is still a child": an age said of anyone that age, whichever rule or the labeller took it.
        let generic = ctx.genericAgeRanges()
        if !generic.isEmpty { kept.removeAll { c in c.label == .age && generic.contains { $0.contains(c.start) } } }
        kept = ctx.placeShapedNamesAsPlaces(kept)
        kept = ctx.peopleNamedAsBodies(kept)
        kept = ctx.journeyPlaces(kept)
        kept = ctx.organisationsWithTheirPlace(kept)
        kept = ctx.policeStationsByName(kept)
        kept = ctx.placesActingAsAuthorities(kept)
        kept = ctx.aliasesGivenAsEquals(kept)
        kept = ctx.providersNamedAfterTheirKind(kept)
        return kept.map { c in
            Finding(
                label: c.label, span: TextSpan(start: c.start, end: c.end),
                text: Self.text(scalars[c.start..<c.end]),
                confidence: c.possible ? .possible : .likely)
        }
    }

    /// Mentions of special-category data (health, ethnicity, religion, politics, union membership, sex life or
    /// orientation): never identifiers on their own, so never in `scan`; the review screen and the
    /// implicit-identification check use them, since such a detail narrows a person down in combination.
    public func specialCategories(_ text: String) -> [Finding] {
        let scalars = Self.scalars(text)
        var ctx = ScanContext(scalars: scalars, tokens: Tokeniser.tokenise(scalars), gazetteer: Gazetteer.shared)
        ctx.findSpecialCategories()
        return ctx.candidates.map { c in
            Finding(
                label: c.label, span: TextSpan(start: c.start, end: c.end),
                text: Self.text(scalars[c.start..<c.end]))
        }
    }

    /// The text of some scalars, written as UTF-8 straight into the new String: `String(String.UnicodeScalarView(
    /// slice))` appended scalar by scalar through the generic path, and decoding the slice as UTF-32 still cost
    /// about 3 800 instructions a finding. Scalars are valid by type, so no check or repair is needed.
    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        scalars.withUnsafeBufferPointer { buffer in
            var size = 0
            for c in buffer { size += c.value < 0x80 ? 1 : c.value < 0x800 ? 2 : c.value < 0x10000 ? 3 : 4 }
            return String(unsafeUninitializedCapacity: size) { out in
                var k = 0
                for c in buffer {
                    let v = c.value
                    if v < 0x80 {
                        out[k] = UInt8(truncatingIfNeeded: v)
                        k += 1
                    } else if v < 0x800 {
                        out[k] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                        out[k + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        k += 2
                    } else if v < 0x10000 {
                        out[k] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                        out[k + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                        out[k + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        k += 3
                    } else {
                        out[k] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                        out[k + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                        out[k + 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                        out[k + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        k += 4
                    }
                }
                return k
            }
        }
    }

    /// A text's scalars, decoded from its UTF-8 in one pass: `Array(text.unicodeScalars)` counted the scalars
    /// through the generic view and then copied them one by one (2 700 instructions an utterance). A native
    /// String's UTF-8 is valid, so each lead byte says how long its scalar is; a bridged string takes the old path.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> [Unicode.Scalar] in
            var count = 0
            for b in bytes where b & 0xC0 != 0x80 { count += 1 }
            // Filled, then written over: `init(unsafeUninitializedCapacity:)` makes its buffer in the library's
            // unspecialised function (see `Array(filled:count:)`).
            var scalars = [Unicode.Scalar](filled: "\0", count: count)
            scalars.withUnsafeMutableBufferPointer { out in
                var i = 0
                var k = 0
                while i < bytes.count {
                    let b = UInt32(bytes[i])
                    var v: UInt32
                    if b < 0x80 {
                        v = b
                        i += 1
                    } else if b < 0xE0 {
                        v = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b < 0xF0 {
                        v = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v =
                            (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    // Valid by the String's own check, so the scalar needs no second one.
                    out[k] = unsafeBitCast(v, to: Unicode.Scalar.self)
                    k += 1
                }
            }
            return scalars
        }
        return fast ?? Array(text.unicodeScalars)
    }

    static func scalarSpan(_ text: String, _ r: Range<String.Index>) -> TextSpan {
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        let length = text.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound)
        return TextSpan(start: start, end: start + length)
    }

    /// Keeps the session's own names first, then the longest candidate where two overlap (ties: the more specific label), in text order.
    static func resolveOverlaps(_ candidates: [Candidate]) -> [Candidate] {
        // A session name inside a longer finding (a handle, an address) is redacted with it.
        var candidates = candidates
        let sessionNames = candidates.filter(\.sessionName)
        for k in candidates.indices where candidates[k].sessionName {
            let c = candidates[k]
            if candidates.contains(where: {
                !$0.sessionName && $0.start <= c.start && c.end <= $0.end && $0.end - $0.start > c.end - c.start
            }) {
                candidates[k].sessionName = false
            }
        }
        let ranked = candidates.sorted { a, b in
            if a.sessionName != b.sessionName { return a.sessionName }
            let la = a.end - a.start
            let lb = b.end - b.start
            if la != lb { return la > lb }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.start < b.start
        }
        var kept: [Candidate] = []
        for c in ranked where !kept.contains(where: { $0.start < c.end && c.start < $0.end }) { kept.append(c) }
        // Two session names widened into each other ("Lacey-MaeLacey-Mae": each took the other's hyphen half): the
        // one left out still covers a part nobody else does, so the two merge instead of one being dropped.
        for c in sessionNames {
            let overlapping = kept.indices.filter { kept[$0].start < c.end && c.start < kept[$0].end }
            guard let first = overlapping.first,
                !overlapping.contains(where: { kept[$0].start <= c.start && c.end <= kept[$0].end })
            else { continue }
            var merged = kept[first]
            merged.start = overlapping.map { kept[$0].start }.reduce(c.start, min)
            merged.end = overlapping.map { kept[$0].end }.reduce(c.end, max)
            for k in overlapping.reversed() { kept.remove(at: k) }
            kept.append(merged)
        }
        return kept.sorted { $0.start < $1.start }
    }
}

/// A finding before overlaps are resolved; scalar offsets.
struct Candidate {
    var label: IdentifierLabel
    var start: Int
    var end: Int
    /// One of the session's real or block-listed names: always kept.
    var sessionName = false
    /// A word on no list standing where a name stands: lower confidence.
    var possible = false
    /// Lower wins a tie of equal length.
    var rank: Int { Candidate.order.firstIndex(of: label) ?? 99 }
    static let order: [IdentifierLabel] = [
        .url, .email, .ipAddress, .financial, .handle, .nhsNumber, .phone, .niNumber, .postcode,
        .vehicleReg, .caseRef, .dateOfBirth, .age, .organisationLocal, .location, .person,
        .specialCategory,
    ]
}

/// What one scan works on: the scalars, their tokens, and what was found so far.
struct ScanContext {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    /// Each token's fields but its Strings, read without a retain (`TokenInfo`).
    let info: [TokenInfo]
    let gazetteer: Gazetteer
    var candidates: [Candidate] = []
    /// Tokens inside a national body or the study's own organisation: nothing is found there.
    var quiet: [Bool]

    /// Each token's key, read without going through its `Token` (a retain and a release a question).
    let keys: [String]
    /// The gazetteer lists each token's key is on, looked up once per token (recognisers ask several times).
    let lists: [Gazetteer.Lists]
    /// Each token's `ageValue` and `ageEnd`, worked out once: the age recognisers ask about every token many times.
    /// The recognisers' hot word sets each token's key is on (`TokenVocab`), looked up once per token.
    let vocab: [TokenVocab]
    /// Each token's key is one of `ScanContext.notANameWords` (`notAName` asks for nearly every candidate name).
    let notANameWord: [Bool]
    /// Each token's key is on one of `ScanContext.gatedSets` (`TokenVocab.gatedBit`); when false, on none of them.
    let gated: [Bool]
    /// The gated sets each token's key is on (`GatedSet`), looked up only for a key with `gated`; 0 otherwise.
    let gatedBits: [UInt32]
    private(set) var ages: [Int?] = []
    private(set) var ageEnds: [Int] = []

    init(scalars: [Unicode.Scalar], tokens: [Token], gazetteer: Gazetteer) {
        self.scalars = scalars
        self.tokens = tokens
        self.gazetteer = gazetteer
        quiet = [Bool](filled: false, count: tokens.count)
        // The tables copied out once: read through the class and the global on every token, they were fetched again
        // (a retain and a once-check) for each look-up.
        let listTable = gazetteer.table
        let vocabTable = TokenVocab.table
        let gatedTable = GatedSet.table
        var keys: [String] = []
        var lists: [Gazetteer.Lists] = []
        var vocab: [TokenVocab] = []
        var notANameWord: [Bool] = []
        var gated: [Bool] = []
        var gatedBits: [UInt32] = []
        var info: [TokenInfo] = []
        info.reserveCapacity(tokens.count)
        keys.reserveCapacity(tokens.count)
        lists.reserveCapacity(tokens.count)
        vocab.reserveCapacity(tokens.count)
        notANameWord.reserveCapacity(tokens.count)
        gated.reserveCapacity(tokens.count)
        gatedBits.reserveCapacity(tokens.count)
        for t in tokens {
            info.append(TokenInfo(t))
            keys.append(t.key)
            let listBits: UInt32
            let bits: UInt32
            if t.kind == .punct {
                listBits = 0
                bits = vocabTable.bits(t.key)
            } else {
                (listBits, bits) = KeyTable.bits(t.key, listTable, vocabTable)
            }
            lists.append(Gazetteer.Lists(rawValue: UInt8(truncatingIfNeeded: listBits)))
            vocab.append(TokenVocab(rawValue: bits & ~TokenVocab.privateBits))
            notANameWord.append(bits & TokenVocab.notANameBit != 0)
            gated.append(bits & TokenVocab.gatedBit != 0)
            gatedBits.append(bits & TokenVocab.gatedBit != 0 ? gatedTable.bits(t.key) : 0)
        }
        self.info = info
        self.keys = keys
        self.lists = lists
        self.vocab = vocab
        self.notANameWord = notANameWord
        self.gated = gated
        self.gatedBits = gatedBits
        // Only a number or a number word can start an age (`computeAgeValue` gives nil and `computeAgeEnd` gives the
        // token itself for any other), so the others are not asked.
        ages = tokens.indices.map {
            info[$0].kind == .number || vocab[$0].contains(.numberWords) ? computeAgeValue($0) : nil
        }
        ageEnds = tokens.indices.map {
            info[$0].kind == .number || vocab[$0].contains(.numberWords) ? computeAgeEnd($0) : $0
        }
    }

    /// Token `i` is on no list (not a word, not a listed name or place): `Gazetteer.isUnknown` of its key.
    @inline(__always) func unknown(_ i: Int) -> Bool {
        lists[i].isDisjoint(with: .anyKnown)
    }
    /// Token `i` is a listed given name.
    @inline(__always) func given(_ i: Int) -> Bool { lists[i].contains(.given) }
    /// Token `i` is a name that is also an everyday word: `Gazetteer.isAmbiguous` of its key.
    @inline(__always) func ambiguous(_ i: Int) -> Bool { !lists[i].isDisjoint(with: .ambiguousOrWord) }
    /// Token `i` is on list `list`.
    @inline(__always) func on(_ list: Gazetteer.Lists, _ i: Int) -> Bool { !lists[i].isDisjoint(with: list) }

    mutating func add(_ label: IdentifierLabel, tokens a: Int, _ b: Int) {
        candidates.append(Candidate(label: label, start: info[a].start, end: info[b].end))
    }

    mutating func add(_ label: IdentifierLabel, scalars a: Int, _ b: Int) {
        candidates.append(Candidate(label: label, start: a, end: b))
    }

    /// The hot word sets `key(i)` is on.
    @inline(__always) func vocabAt(_ i: Int) -> TokenVocab { i >= 0 && i < vocab.count ? vocab[i] : TokenVocab.outside }
    /// `key(i)` is on the word set `set` (`TokenVocab`).
    @inline(__always) func inSet(_ set: TokenVocab, _ i: Int) -> Bool { vocabAt(i).contains(set) }
    /// `ScanContext.numberWords[key(i)]`, hashing the key only for the tokens on that table.
    @inline(__always) func numberWord(_ i: Int) -> Int? { inSet(.numberWords, i) ? Self.numberWords[key(i)] : nil }

    /// `set.contains(key(i))` for one of `ScanContext.gatedSets`: the set is asked only when the key is on one of them.
    @inline(__always) func onGated(_ set: Set<String>, _ i: Int) -> Bool {
        i >= 0 && i < gated.count && gated[i] && set.contains(keys[i])
    }
    /// `set`'s own `Set<String>` `.contains(key(i))`, from the bits looked up once per token (`GatedSet`).
    @inline(__always) func onGated(_ set: GatedSet, _ i: Int) -> Bool {
        i >= 0 && i < gatedBits.count && gatedBits[i] & set.rawValue != 0
    }
    /// `key(i)` is on one of `ScanContext.gatedSets` (a dictionary whose keys are there is asked only then).
    @inline(__always) func isGated(_ i: Int) -> Bool { i >= 0 && i < gated.count && gated[i] }

    /// `["'", "’"].contains(key(i))`: an apostrophe, straight or curly. The curly one (U+2019) has no canonical
    /// decomposition, so no ASCII key equals it: only other keys are compared with it (a compare with a non-ASCII
    /// literal always makes the library's call).
    @inline(__always) func isApostrophe(_ i: Int) -> Bool {
        let k = key(i)
        return k.equals("'") || !k.isSmallASCII && k == "’"
    }

    @inline(__always) func key(_ i: Int) -> String { i >= 0 && i < keys.count ? keys[i] : "" }
    @inline(__always) func tok(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }
    /// `tok(i)` without its Strings, and without a retain.
    @inline(__always) func at(_ i: Int) -> TokenInfo? { i >= 0 && i < info.count ? info[i] : nil }

    /// Token `i` directly follows token `i - 1` (no whitespace).
    func joined(_ i: Int) -> Bool { i > 0 && i < info.count && !info[i].spaceBefore }

    /// Whether tokens from `i` spell `words` (keys), ignoring case; returns the last index.
    func matches(_ words: [String], at i: Int) -> Int? {
        guard i + words.count <= tokens.count else { return nil }
        for (k, w) in words.enumerated() where !keys[i + k].equals(w) { return nil }
        return i + words.count - 1
    }

    /// Whether token `i` is covered by a candidate found so far.
    func covered(_ i: Int) -> Bool {
        let t = info[i]
        return candidates.contains { $0.start < t.end && t.start < $0.end }
    }

    /// The previous word-like token's index, skipping punctuation in `skipping`.
    func previousWord(_ i: Int, skipping: String = "") -> Int? {
        var j = i - 1
        while j >= 0 {
            if info[j].kind != .punct { return j }
            if !info[j].isPunct(skipping) { return nil }
            j -= 1
        }
        return nil
    }
}

/// NHS numbers: ten digits whose last is a Modulus 11 check digit.
public enum NHSNumber {
    public static func isValid(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 10 else { return false }
        let sum = zip(digits.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        if check == 10 { return false }
        return (check == 11 ? 0 : check) == digits[9]
    }
}
