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
        // Every file is read whole (its bytes into `hash`, in this order) and its lines walked by static helpers: with
        // nested functions capturing `table`, every insert checked exclusive access at run time (7% of start-up).
        var files: [String: [UInt8]] = [:]
        for name in ["given", "surnames", "ambiguous", "towns", "places", "bigcities", "words"] {
            guard
                let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Gazetteer")
                    ?? Bundle.module.url(forResource: name, withExtension: "txt"),
                let data = try? Data(contentsOf: url)
            else {
                ok = false
                continue
            }
            let bytes = [UInt8](data)
            for c in bytes { hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3 }
            files[name] = bytes
        }
        var memo: [UInt32: [UInt8]] = [:]
        Self.addFolded(files["given"] ?? [], .given, &table, &memo)
        Self.addFolded(files["surnames"] ?? [], .surname, &table, &memo)
        Self.addFolded(files["ambiguous"] ?? [], .ambiguous, &table, &memo)
        var multi: [String: [[String]]] = [:]
        // towns.txt is written by hand; places.txt by scripts/make-places.py (GeoNames' places of 500 people or more).
        Self.addTowns(files["towns"] ?? [], &table, &multi)
        Self.addTowns(files["places"] ?? [], &table, &multi)
        multiWordTowns = multi.mapValues { $0.sorted { $0.count > $1.count } }
        Self.forEachLine(files["bigcities"] ?? []) { line in
            let place = String(decoding: line, as: UTF8.self)
            table.insert(Gazetteer.words(place).joined(separator: " "), UInt32(Lists.bigPlace.rawValue))
        }
        Self.forEachLine(files["words"] ?? []) { word in
            table.insert(bytes: word, UInt32(Lists.word.rawValue))
            // Tokens' keys are folded ("Café" → "cafe"): an accented word is listed under its folded key too.
            if word.contains(where: { $0 >= 0x80 }) {
                let folded = Gazetteer.foldedBytes(String(decoding: word, as: UTF8.self), memo: &memo)
                folded.withUnsafeBufferPointer { table.insert(bytes: $0, UInt32(Lists.word.rawValue)) }
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

    /// Each trimmed (spaces, tabs, CRs), non-empty line of a file's bytes.
    private static func forEachLine(_ file: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        file.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var a = 0
            while a < bytes.count {
                // The line's end found by memchr: a loop asking each byte was a twentieth of start-up.
                var b = bytes.count
                if let newline = memchr(base + a, 0x0A, bytes.count - a) {
                    b = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
                }
                var x = a
                var y = b
                while x < y, bytes[x] == 0x20 || bytes[x] == 0x09 || bytes[x] == 0x0D { x += 1 }
                while y > x, bytes[y - 1] == 0x20 || bytes[y - 1] == 0x09 || bytes[y - 1] == 0x0D { y -= 1 }
                if x < y { body(UnsafeBufferPointer(rebasing: bytes[x..<y])) }
                a = b + 1
            }
        }
    }

    /// Puts each line of a name list on `list`: ASCII lines (nearly all) lower-cased byte by byte, others folded as
    /// the tokeniser folds (`foldedBytes`).
    private static func addFolded(
        _ file: [UInt8], _ list: Lists, _ table: inout KeyTable, _ memo: inout [UInt32: [UInt8]]
    ) {
        var lower = [UInt8](repeating: 0, count: 64)
        forEachLine(file) { line in
            if line.allSatisfy({ $0 < 0x80 }) {
                if lower.count < line.count { lower = [UInt8](repeating: 0, count: line.count) }
                lower.withUnsafeMutableBufferPointer { out in
                    for k in line.indices {
                        let c = line[k]
                        out[k] = c >= 0x41 && c <= 0x5A ? c + 32 : c
                    }
                    table.insert(bytes: UnsafeBufferPointer(rebasing: out[0..<line.count]), UInt32(list.rawValue))
                }
            } else {
                let folded = foldedBytes(String(decoding: line, as: UTF8.self), memo: &memo)
                folded.withUnsafeBufferPointer { table.insert(bytes: $0, UInt32(list.rawValue)) }
            }
        }
    }

    /// Puts each place of a file on the town list (one word) or `multi` (several, by first word).
    private static func addTowns(_ file: [UInt8], _ table: inout KeyTable, _ multi: inout [String: [[String]]]) {
        forEachLine(file) { line in
            // One run of ASCII letters and digits (most places) is one token whose key is the run in lower case:
            // put so without tokenising it (tokenising every line was a tenth of start-up).
            if line.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }) {
                let key = String(unsafeUninitializedCapacity: line.count) { out in
                    for k in line.indices { out[k] = line[k] >= 0x41 && line[k] <= 0x5A ? line[k] + 32 : line[k] }
                    return line.count
                }
                table.insert(key, UInt32(Lists.town.rawValue))
                return
            }
            let parts = Gazetteer.words(String(decoding: line, as: UTF8.self))
            if parts.count == 1 {
                table.insert(parts[0], UInt32(Lists.town.rawValue))
            } else if let first = parts.first {
                multi[first, default: []].append(parts)
            }
        }
    }

    /// `Tokeniser.fold` of a name on the lists, as UTF-8, made from the folds of its scalars where that is the same:
    /// folding each of the lists' 5 400 accented names through Foundation was a fifth of start-up, and they use only
    /// 95 distinct accented letters. A letter of the Latin blocks (U+00C0–U+024F, U+1E00–U+1EFF: no combining mark,
    /// no Greek final sigma) folds alone as it folds in its word, and ASCII folds to lower case; any other scalar
    /// sends the whole name to `Tokeniser.fold`. `KeyTableTests` checks every accented name of the lists against it.
    static func foldedBytes(_ name: String, memo: inout [UInt32: [UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for c in name.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                out.append(UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v))
            } else if (0xC0...0x24F).contains(v) && v != 0xD7 && v != 0xF7 || (0x1E00...0x1EFF).contains(v) {
                if let f = memo[v] {
                    out += f
                } else {
                    let f = Array(Tokeniser.fold(String(c)).utf8)
                    memo[v] = f
                    out += f
                }
            } else {
                return Array(Tokeniser.fold(name).utf8)
            }
        }
        return out
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
