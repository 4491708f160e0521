/// The bundled name and place lists (Sources/Privacy/Gazetteer/*.txt, made by
/// scripts/make-gazetteer.py; sources and licences in docs/privacy.md), loaded
/// once, lazily, and shared by every scanner.
import Foundation

final class Gazetteer: Sendable {
    /// Which lists a folded key is on.
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt8
        static let given = Lists(rawValue: 1)
        static let surname = Lists(rawValue: 2)
        static let ambiguous = Lists(rawValue: 4)
        static let town = Lists(rawValue: 8)
        static let bigPlace = Lists(rawValue: 16)
        static let word = Lists(rawValue: 32)
        // Unions asked about every token, spelled with `union`: an option-set literal (`[.word, .given]`) was
        // built through a heap array each time it was asked.
        /// On any list but the ambiguous one: a key on none of these is unknown.
        static let anyKnown = Lists.word.union(.given).union(.surname).union(.town).union(.bigPlace)
        static let ambiguousOrWord = Lists.ambiguous.union(.word)
        static let surnameOrGiven = Lists.surname.union(.given)
    }

    /// One list as a set of keys, read through the one table.
    struct List: Sendable {
        let gazetteer: Gazetteer
        let flag: Lists
        @inline(__always) func contains(_ key: String) -> Bool { gazetteer.lists(key).contains(flag) }
    }

    /// Every key on any list with the lists it is on: one hash per look-up, however many lists are asked about.
    let table: KeyTable
    /// Given names, folded lower case.
    var given: List { List(gazetteer: self, flag: .given) }
    /// Surnames that are not also given names.
    var surnames: List { List(gazetteer: self, flag: .surname) }
    /// Names that are also ordinary English words (Amber, Grace, Will): need context.
    var ambiguous: List { List(gazetteer: self, flag: .ambiguous) }
    /// Towns, villages, boroughs and neighbourhoods that narrow a person down (one-word names): towns.txt and places.txt.
    var towns: List { List(gazetteer: self, flag: .town) }
    /// First words of multi-word towns ("milton" → [["milton", "keynes"]]).
    let multiWordTowns: [String: [[String]]]
    /// Big cities, nations and counties: quiet when used generally.
    var bigPlaces: List { List(gazetteer: self, flag: .bigPlace) }
    /// Everyday English words, folded lower case (British English list plus chat words): a token on no
    /// list at all may be a name nobody listed; a name part on this list matches only where it stands as a name.
    var words: List { List(gazetteer: self, flag: .word) }
    /// Whether the files were found (a missing bundle is reported once on stderr).
    let loaded: Bool
    /// FNV-1a over the files' bytes: part of a kept scan's identity (ScanMemo.swift), so new lists mean new scans.
    let contentHash: UInt64

    static let shared = Gazetteer()

    private init() {
        var ok = true
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var table = KeyTable(capacity: 100_000)
        /// Each trimmed, non-empty line of the file, as bytes; every byte of the file goes into `hash`.
        func forEachLine(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            guard
                let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Gazetteer")
                    ?? Bundle.module.url(forResource: name, withExtension: "txt"),
                let data = try? Data(contentsOf: url)
            else {
                ok = false
                return
            }
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                for c in bytes { hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3 }
                var a = 0
                while a < bytes.count {
                    var b = a
                    while b < bytes.count, bytes[b] != 0x0A { b += 1 }
                    var x = a
                    var y = b
                    while x < y, bytes[x] == 0x20 || bytes[x] == 0x09 || bytes[x] == 0x0D { x += 1 }
                    while y > x, bytes[y - 1] == 0x20 || bytes[y - 1] == 0x09 || bytes[y - 1] == 0x0D { y -= 1 }
                    if x < y { body(UnsafeBufferPointer(rebasing: bytes[x..<y])) }
                    a = b + 1
                }
            }
        }
        /// The file's lines as Strings, kept as written.
        func lines(_ name: String) -> [String] {
            var out: [String] = []
            forEachLine(name) { out.append(String(decoding: $0, as: UTF8.self)) }
            return out
        }
        /// Puts each line of a name list on `list`: ASCII lines (nearly all) lower-cased byte by byte, others
        /// folded as the tokeniser folds.
        func addFolded(_ name: String, _ list: Lists) {
            var lower: [UInt8] = []
            forEachLine(name) { line in
                if line.allSatisfy({ $0 < 0x80 }) {
                    lower.removeAll(keepingCapacity: true)
                    for c in line { lower.append(c >= 0x41 && c <= 0x5A ? c + 32 : c) }
                    lower.withUnsafeBufferPointer { table.insert(bytes: $0, UInt32(list.rawValue)) }
                } else {
                    table.insert(Tokeniser.fold(String(decoding: line, as: UTF8.self)), UInt32(list.rawValue))
                }
            }
        }
        addFolded("given", .given)
        addFolded("surnames", .surname)
        addFolded("ambiguous", .ambiguous)
        var multi: [String: [[String]]] = [:]
        // towns.txt is written by hand; places.txt by scripts/make-places.py (GeoNames' places of 500 people or more).
        for town in lines("towns") + lines("places") {
            let parts = Gazetteer.words(town)
            if parts.count == 1 {
                table.insert(parts[0], UInt32(Lists.town.rawValue))
            } else if let first = parts.first {
                multi[first, default: []].append(parts)
            }
        }
        multiWordTowns = multi.mapValues { $0.sorted { $0.count > $1.count } }
        for place in lines("bigcities") {
            table.insert(Gazetteer.words(place).joined(separator: " "), UInt32(Lists.bigPlace.rawValue))
        }
        forEachLine("words") { word in
            table.insert(bytes: word, UInt32(Lists.word.rawValue))
            // Tokens' keys are folded ("Café" → "cafe"): an accented word is listed under its folded key too.
            if word.contains(where: { $0 >= 0x80 }) {
                table.insert(Tokeniser.fold(String(decoding: word, as: UTF8.self)), UInt32(Lists.word.rawValue))
            }
        }
        self.table = table
        loaded = ok
        contentHash = hash
        if !ok {
            FileHandle.standardError.write(
                Data(
                    "convene: the bundled name lists (Privacy/Gazetteer) were not found; only cues and session names will find people\n"
                        .utf8))
        }
    }

    /// A place name as the tokeniser's keys: "Stoke-on-Trent" → ["stoke", "-", "on", "-", "trent"].
    static func words(_ text: String) -> [String] {
        Tokeniser.tokenise(Array(text.unicodeScalars)).map(\.key)
    }

    @inline(__always) func lists(_ key: String) -> Lists { Lists(rawValue: UInt8(truncatingIfNeeded: table.bits(key))) }
    func isGiven(_ key: String) -> Bool { lists(key).contains(.given) }
    func isSurname(_ key: String) -> Bool { !lists(key).isDisjoint(with: .surnameOrGiven) }
    /// A name that is also an everyday word (the bundled list, or the wider word list: "mac", "dev").
    func isAmbiguous(_ key: String) -> Bool { !lists(key).isDisjoint(with: .ambiguousOrWord) }
    func isWord(_ key: String) -> Bool { lists(key).contains(.word) }
    /// On no list: not a word, not a listed name or place.
    func isUnknown(_ key: String) -> Bool { lists(key).isDisjoint(with: .anyKnown) }
}

/// The bundled name lists, for a program that knows it will scan soon: the
/// console starts loading them on another thread before it opens the session,
/// so the lists are ready (or nearly) by the time the first screen is drawn.
public enum NameLists {
    /// Starts loading the lists in the background; the first scanner waits only for what is left.
    public static func loadInBackground() {
        Thread.detachNewThread { _ = Gazetteer.shared }
    }
}
