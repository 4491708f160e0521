/// Names typed in chat in lower case in a name's position (session 16, `traffic12`): a title and one letter ("is mrs d
/// ok tho", "ask mr k"), as "Mrs D" is found capitalised. Quiet: "mrs a lot", "ms i think" (the article and the
/// pronoun), "mrs dx" (more than one letter); "miss" is left to the rule that reads it as a verb too ("i miss u").
extension ScanContext {
    /// Titles typed in lower case before a surname's initial.
    static let chatTitles = Vocab.set("mr mrs ms")

    mutating func findTitledInitialsInChat() {
        for i in tokens.indices where Self.chatTitles.contains(key(i)) && !info[i].capitalised {
            let j = i + 1
            guard let t = at(j), t.kind == .word, t.length == 1, t.spaceBefore, !key(j).isOne(of: ["a", "i"]),
                !covered(i), !covered(j)
            else { continue }
            if let n = at(j + 1), !n.spaceBefore, n.kind != .punct || n.isPunct("'’") { continue }
            add(.person, tokens: i, j)
        }
    }
}
