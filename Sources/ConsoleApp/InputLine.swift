import TerminalKit

/// The note-taker's input line: text with a caret, readline-style editing and history.
public struct InputLine: Equatable, Sendable {
    public var characters: [Character] = []
    public var caret = 0
    public var history: [String] = []
    private var historyIndex: Int?
    private var stash: [Character] = []

    public init(_ text: String = "") {
        characters = Array(text)
        caret = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func set(_ text: String) {
        characters = Array(text)
        caret = characters.count
    }

    public mutating func insert(_ c: Character) {
        characters.insert(c, at: caret)
        caret += 1
    }
    public mutating func insert(_ s: String) { for c in s { insert(c) } }
    public mutating func backspace() {
        if caret > 0 {
            caret -= 1
            characters.remove(at: caret)
        }
    }
    public mutating func deleteForward() { if caret < characters.count { characters.remove(at: caret) } }
    public mutating func left() { caret = max(0, caret - 1) }
    public mutating func right() { caret = min(characters.count, caret + 1) }
    public mutating func home() { caret = 0 }
    public mutating func end() { caret = characters.count }
    /// ^U: delete to the start of the line.
    public mutating func killToStart() {
        characters.removeFirst(caret)
        caret = 0
    }
    /// ^K: delete to the end of the line.
    public mutating func killToEnd() { characters.removeLast(characters.count - caret) }
    /// ^W: delete the word before the caret.
    public mutating func deleteWord() {
        var i = caret
        while i > 0 && characters[i - 1] == " " { i -= 1 }
        while i > 0 && characters[i - 1] != " " { i -= 1 }
        characters.removeSubrange(i..<caret)
        caret = i
    }

    /// Clears the line and remembers it for ↑.
    public mutating func commit() -> String {
        let t = text
        if !t.isEmpty && history.last != t { history.append(t) }
        if history.count > 500 { history.removeFirst(history.count - 500) }
        characters = []
        caret = 0
        historyIndex = nil
        return t
    }

    public mutating func historyUp() {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            stash = characters
            historyIndex = history.count
        }
        historyIndex = max(0, historyIndex! - 1)
        characters = Array(history[historyIndex!])
        caret = characters.count
    }

    public mutating func historyDown() {
        guard let i = historyIndex else { return }
        if i + 1 >= history.count {
            historyIndex = nil
            characters = stash
        } else {
            historyIndex = i + 1
            characters = Array(history[i + 1])
        }
        caret = characters.count
    }

    /// Display columns before the caret (for placing the terminal cursor).
    public var caretColumns: Int { characters[..<caret].reduce(0) { $0 + max(0, TerminalKitWidth.of($1)) } }
}

enum TerminalKitWidth { static func of(_ c: Character) -> Int { DisplayWidth.of(c) } }
