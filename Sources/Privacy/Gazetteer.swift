/// The bundled name and place lists (Sources/Privacy/Gazetteer/*.txt, made by
/// scripts/make-gazetteer.py; sources and licences in docs/privacy.md), loaded
/// once, lazily, and shared by every scanner.
import Foundation

final class Gazetteer: Sendable {
    /// Given names, folded lower case.
    let given: Set<String>
    /// Surnames that are not also given names.
    let surnames: Set<String>
    /// Names that are also ordinary English words (Amber, Grace, Will): need context.
    let ambiguous: Set<String>
    /// Towns, villages, boroughs and neighbourhoods that narrow a person down.
    let towns: Set<String>
    /// First words of multi-word towns ("milton" → [["milton", "keynes"]]).
    let multiWordTowns: [String: [[String]]]
    /// Big cities, nations and counties: quiet when used generally.
    let bigPlaces: Set<String>
    /// Everyday English words, folded lower case (British English list plus chat words): a token on no
    /// list at all may be a name nobody listed; a name part on this list matches only where it stands as a name.
    let words: Set<String>
    /// Whether the files were found (a missing bundle is reported once on stderr).
    let loaded: Bool

    static let shared = Gazetteer()

    private init() {
        var ok = true
        func lines(_ name: String) -> [String] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Gazetteer")
                    ?? Bundle.module.url(forResource: name, withExtension: "txt"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { ok = false; return [] }
            return text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        given = Set(lines("given").map(Tokeniser.fold))
        surnames = Set(lines("surnames").map(Tokeniser.fold))
        ambiguous = Set(lines("ambiguous").map(Tokeniser.fold))
        var single = Set<String>()
        var multi: [String: [[String]]] = [:]
        for town in lines("towns") {
            let parts = Gazetteer.words(town)
            if parts.count == 1 { single.insert(parts[0]) } else if let first = parts.first { multi[first, default: []].append(parts) }
        }
        towns = single
        multiWordTowns = multi.mapValues { $0.sorted { $0.count > $1.count } }
        var big = Set<String>()
        for place in lines("bigcities") { big.insert(Gazetteer.words(place).joined(separator: " ")) }
        bigPlaces = big
        words = Set(lines("words"))
        loaded = ok
        if !ok {
            FileHandle.standardError.write(Data("convene: the bundled name lists (Privacy/Gazetteer) were not found; only cues and session names will find people\n".utf8))
        }
    }

    /// A place name as the tokeniser's keys: "Stoke-on-Trent" → ["stoke", "-", "on", "-", "trent"].
    static func words(_ text: String) -> [String] {
        Tokeniser.tokenise(Array(text.unicodeScalars)).map(\.key)
    }

    func isGiven(_ key: String) -> Bool { given.contains(key) }
    func isSurname(_ key: String) -> Bool { surnames.contains(key) || given.contains(key) }
    /// A name that is also an everyday word (the bundled list, or the wider word list: "mac", "dev").
    func isAmbiguous(_ key: String) -> Bool { ambiguous.contains(key) || words.contains(key) }
    func isWord(_ key: String) -> Bool { words.contains(key) }
    /// On no list: not a word, not a listed name or place.
    func isUnknown(_ key: String) -> Bool {
        !words.contains(key) && !given.contains(key) && !surnames.contains(key) && !towns.contains(key) && !bigPlaces.contains(key)
    }
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
