/// Session memory across contributions (issue 18). The scanner reads one text
/// at a time, so a name it found with a cue in one contribution ("her son
/// Tyler") was missed where another contribution says it bare ("tyler was
/// there again"). A session's memory is the names found confidently anywhere in
/// it — `likely` PERSON findings nobody resolved, less everyday words and what a
/// person rejected — hunted in every other contribution, in any case. It is a
/// cheap pass after the per-text scan, never part of a kept scan (ScanMemo.swift:
/// a kept row depends on its own text only, so it stays valid when another
/// contribution adds a name).
import Foundation
import SessionModel

/// Names found confidently somewhere in a session, hunted everywhere else in it.
public struct SessionMemory: Sendable, Equatable {
    /// Remembered names as token-key sequences (`IdentifierScanner.nameKeys`), by first key, longest first.
    let terms: [String: [[String]]]
    /// FNV-1a hashes of every first key: `mayOccur` tests a text's words against them before any tokenising.
    let firstKeyHashes: Set<UInt64>

    /// A session with nothing to remember.
    public static let empty = SessionMemory(names: [])

    public var isEmpty: Bool { terms.isEmpty }

    /// Every remembered name or part, keys joined by spaces, sorted (for messages and tests).
    public var remembered: [String] { terms.values.flatMap { $0 }.map { $0.joined(separator: " ") }.sorted() }

    /// `names`: texts of the findings to remember (`worthRemembering`); `rejected`: texts a person rejected, lower
    /// case — neither they nor their parts are hunted.
    public init(names: some Sequence<String>, rejected: Set<String> = []) {
        let gazetteer = Gazetteer.shared
        let rejectedKeys = Set(rejected.flatMap { IdentifierScanner.nameKeys($0) })
        let rejectedWholes = Set(rejected.map { IdentifierScanner.nameKeys($0) })
        var byFirst: [String: Set<[String]>] = [:]
        for name in names where !rejected.contains(name.lowercased()) {
            var keys = IdentifierScanner.nameKeys(name)
            // A title, a relation or a role is the cue the name was found by, not the name ("Mrs Okafor", "PC Jones").
            while let first = keys.first, Self.isCue(first) { keys.removeFirst() }
            while let last = keys.last, last == "-" || last == "'" || last == "’" { keys.removeLast() }
            guard !keys.isEmpty, !rejectedWholes.contains(keys) else { continue }
            let parts = keys.filter { Self.huntedAlone($0, gazetteer) && !rejectedKeys.contains($0) }
            // "Grace", "Rose Hall": a name made of everyday words only is not hunted anywhere else.
            guard !parts.isEmpty else { continue }
            if keys.count > 1 { byFirst[keys[0], default: []].insert(keys) }
            for part in parts { byFirst[part, default: []].insert([part]) }
        }
        terms = byFirst.mapValues {
            $0.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        }
        firstKeyHashes = Set(terms.keys.map(Self.fnv))
    }

    /// What of one contribution's findings a session remembers: its `likely` PERSON findings (a `possible` name is a
    /// word on no list and stays where it was found; an everyday word is dropped when the memory is built).
    public static func worthRemembering(_ findings: [Finding]) -> [String] {
        findings.filter { $0.label == .person && $0.confidence == .likely }.map(\.text)
    }

    /// A part hunted on its own: three letters or more, on no English word list, not a cue or a place.
    static func huntedAlone(_ key: String, _ gazetteer: Gazetteer) -> Bool {
        key.count >= 3 && key.first?.isLetter == true && !gazetteer.isWord(key) && !gazetteer.isAmbiguous(key)
            && !isCue(key) && !Vocab.notNames.contains(key) && !ScanContext.chatWords.contains(key)
            && !Vocab.nationalities.contains(key) && !Vocab.countries.contains(key)
            && !gazetteer.towns.contains(key) && !gazetteer.bigPlaces.contains(key)
    }

    static func isCue(_ key: String) -> Bool {
        Vocab.titles.contains(key) || Vocab.relations.contains(key) || Vocab.roles.contains(key)
            || Vocab.personNouns.contains(key)
    }

    /// The remembered names in `text`, outside `besides` (the text's own findings), as `likely` PERSON findings.
    public func findings(in text: String, besides: [Finding] = []) -> [Finding] {
        guard !terms.isEmpty, mayOccur(text) else { return [] }
        let scalars = Array(text.unicodeScalars)
        // The tokens a name is matched over: words, and the hyphens and apostrophes inside names.
        let tokens = Tokeniser.tokenise(scalars).filter {
            $0.kind != .punct || $0.text == "-" || $0.text == "'" || $0.text == "’"
        }
        var found: [Finding] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let candidates = terms[tokens[i].key] else {
                i += 1
                continue
            }
            var matched: Int?
            for keys in candidates where i + keys.count <= tokens.count {
                if (0..<keys.count).allSatisfy({ tokens[i + $0].key == keys[$0] }) {
                    matched = i + keys.count - 1
                    break
                }
            }
            guard let e = matched else {
                i += 1
                continue
            }
            let span = TextSpan(start: tokens[i].start, end: tokens[e].end)
            if !besides.contains(where: { $0.span.start < span.end && span.start < $0.span.end }) {
                found.append(
                    Finding(
                        label: .person, span: span,
                        text: String(String.UnicodeScalarView(scalars[span.start..<span.end]))))
            }
            i = e + 1
        }
        return found
    }

    /// `text` with every remembered name replaced by `[PERSON]` (the export gate's pass over text it already made).
    public func hide(_ text: String) -> String {
        let found = findings(in: text)
        guard !found.isEmpty else { return text }
        return Redactor.apply(found.map { ($0.span, "[\(IdentifierLabel.person.placeholderWord)]") }, to: text)
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
