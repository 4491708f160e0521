/// Uniformed youth groups named by their number (session 16): "14th Huddersfield Scouts", "1st Marsh Lane Brownies",
/// "1221 (Rotherham) Sqn ATC". The number is what makes one troop, pack or squadron of a national movement a local
/// setting; "Brownies and Girl Guides" with no number stay the movement, and quiet.
extension ScanContext {
    /// Heads of a numbered group (the movement's own word, or a squadron's).
    static let uniformedHeads = Vocab.set(
        "scouts scout brownies guides cubs beavers rainbows explorers sqn squadron company coy bb cadets")

    /// Runs after places and organisations, so the group's span is longer than the place inside its name and wins.
    mutating func findNumberedUniformedGroups() {
        for i in tokens.indices where info[i].kind == .alnum || info[i].kind == .number {
            let k = tokens[i].key
            guard k.first?.isNumber == true, k.utf8.count <= 6 else { continue }
            let ordinal =
                info[i].kind == .alnum
                && (k.hasSuffix("st") || k.hasSuffix("nd") || k.hasSuffix("rd")
                    || k.hasSuffix("th"))
            // A squadron's number is bare ("1221 (Rotherham) Sqn").
            guard ordinal || info[i].kind == .number && k.utf8.count >= 3 else { continue }
            var e = i
            var words = 0
            while let n = tok(e + 1), words < 4 {
                if n.kind == .word && n.capitalised && !Self.uniformedHeads.contains(n.key) {
                    words += 1
                    e += 1
                } else if n.text == "(" || n.text == ")" {
                    e += 1
                } else {
                    break
                }
            }
            guard words >= 1, let h = tok(e + 1), h.kind == .word, Self.uniformedHeads.contains(h.key),
                h.capitalised || info[e + 1].allCaps
            else { continue }
            if !ordinal, !h.key.equals("sqn"), !h.key.equals("squadron") { continue }
            var end = e + 1
            // "Sqn ATC": the squadron's corps after it.
            if let c = tok(end + 1), c.kind == .word, info[end + 1].allCaps, c.key.utf8.count <= 4 { end += 1 }
            add(.organisationLocal, tokens: i, end)
        }
    }
}
