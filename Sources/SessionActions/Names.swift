import Foundation
import SessionModel

/// Names as people type them, resolved once against the session: never
/// guessed; an unknown or ambiguous name is an error listing the candidates.
public enum Names {
    /// A participant code: exact (`P03`, any case), or by number (`3`, `03`, `p3`
    /// for P03; `FG2P7` for FG2P07).
    public static func participant(_ typed: String, in state: SessionState) throws -> String {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        let all = state.orderedParticipants.map(\.code)
        if state.participant(t) != nil { return t }
        let (head, number) = split(t)
        if let number {
            let matches = all.filter { code in
                let (h, n) = split(code)
                return n == number && (head.isEmpty || h == head)
            }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { throw ActionError.ambiguousParticipant(typed, candidates: matches) }
        }
        throw ActionError.unknownParticipant(typed, candidates: all)
    }

    /// Letters (and anything else) before the trailing digits, and the number they make.
    static func split(_ code: String) -> (head: String, number: Int?) {
        let digits = String(code.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        return (String(code.dropLast(digits.count)), digits.isEmpty ? nil : Int(digits))
    }

    /// The words that always mean the main room.
    public static let mainRoomWords: Set<String> = ["main", "main room", "plenary"]

    /// A room: `main`/`plenary`, its name (any case), or a unique prefix of its name.
    public static func room(_ ref: RoomRef, in state: SessionState) throws -> RoomID {
        switch ref {
        case .id(let id):
            guard state.room(id) != nil else {
                throw ActionError.unknownRoom("#\(id)", candidates: state.rooms.map(\.name))
            }
            return id
        case .named(let typed):
            let t = typed.trimmingCharacters(in: .whitespaces)
            if mainRoomWords.contains(t.lowercased()) { return 0 }
            if let room = state.room(named: t) { return room.id }
            let matches = t.isEmpty ? [] : state.rooms.filter { $0.name.lowercased().hasPrefix(t.lowercased()) }
            if matches.count == 1 { return matches[0].id }
            if matches.count > 1 { throw ActionError.ambiguousRoom(typed, candidates: matches.map(\.name)) }
            throw ActionError.unknownRoom(typed, candidates: state.rooms.map(\.name))
        }
    }

    /// A codebook code: its name (any case), its number in the codebook (`3`),
    /// or a unique prefix (`PP3` is "PP3 Parents and carers as partners").
    /// With `emergent`, a name outside the codebook is kept as typed (the
    /// session adds it as an emergent code).
    public static func code(_ typed: String, in state: SessionState, emergent: Bool) throws -> String {
        let t = typed.trimmingCharacters(in: .whitespaces)
        let book = state.codebook
        if let known = book.canonical(t) { return known }
        if emergent || t.isEmpty { return t } // the model refuses an empty code in its own words
        let names = book.entries.map(\.name)
        if let n = Int(t), names.indices.contains(n - 1) { return names[n - 1] }
        let matches = names.filter { $0.lowercased().hasPrefix(t.lowercased()) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw ActionError.ambiguousCode(typed, candidates: matches) }
        throw ActionError.unknownCode(typed, candidates: names)
    }

    /// Codebook codes that `typed` could complete to, as `code` would read it: the one
    /// it names exactly or by number, else every code it is a prefix of (Tab in the console).
    public static func codeCompletions(_ typed: String, in state: SessionState) -> [String] {
        let t = typed.trimmingCharacters(in: .whitespaces)
        let names = state.codebook.entries.map(\.name)
        if let known = state.codebook.canonical(t) { return [known] }
        if let n = Int(t), names.indices.contains(n - 1) { return [names[n - 1]] }
        return completions(t, among: names)
    }

    /// The names `typed` could complete to: the one it names exactly (any case), else
    /// every name it is a prefix of.
    public static func completions(_ typed: String, among names: [String]) -> [String] {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if let exact = names.first(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) { return [exact] }
        return names.filter { $0.lowercased().hasPrefix(t.lowercased()) }
    }

    /// The longest start (any case) that `names` share: what Tab can fill in when several match.
    public static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for n in names.dropFirst() {
            while !n.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }

    /// A code already on contribution `n`: its name or a unique prefix; else as typed
    /// (the model then says the contribution is not tagged with it).
    static func taggedCode(_ typed: String, on n: Int, in state: SessionState) throws -> String {
        let t = typed.trimmingCharacters(in: .whitespaces)
        guard let c = state.contribution(n) else { return t }
        if let exact = c.codes.first(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) { return exact }
        if let full = try? code(t, in: state, emergent: false), c.codes.contains(full) { return full }
        let matches = t.isEmpty ? [] : c.codes.filter { $0.lowercased().hasPrefix(t.lowercased()) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw ActionError.ambiguousCode(typed, candidates: matches) }
        return t
    }
}
