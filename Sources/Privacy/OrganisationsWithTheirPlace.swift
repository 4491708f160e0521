/// An organisation's place inside its name (session 17, the lead). A branch or a school of a chain is named with its
/// town after the head ("Harris Academy Peckham", "Guru Nanak Gurdwara Smethwick"), and a town's own body with the
/// town before words that are everyday words on their own ("Blackburn Central Police Station", "Dewsbury and
/// District Hospital", "Wednesbury Young Carers Project"). The rules found the head's part as the organisation and
/// the town as a place, or the town alone: the place was a false alarm beside a missed or cut organisation. The two
/// are now one organisation, the span the label rules ask for.
extension ScanContext {
    /// Heads that end a town's own body named with everyday words between ("Central Police Station", "Young Carers
    /// Project"), beside the heads the organisation rules already know.
    static let headsAfterATownsWords = Vocab.set(
        """
        station project unit team camp church network service services partnership office trust hospital centre
        academy college school club library ward hub
        """)

    /// `kept` with an organisation and the town next to it made one organisation.
    func organisationsWithTheirPlace(_ kept: [Candidate]) -> [Candidate] {
        guard kept.contains(where: { $0.label == .organisationLocal || $0.label == .location }) else { return kept }
        var out: [Candidate] = []
        var k = 0
        while k < kept.count {
            var c = kept[k]
            k += 1
            guard let a = tokenIndex(startingAt: c.start), let b = tokenIndex(endingAt: c.end) else {
                out.append(c)
                continue
            }
            if c.label == .organisationLocal, let e = townAfterHead(b, next: k < kept.count ? kept[k] : nil) {
                // "Harris Academy Peckham": the town (found as a place, or not found) joins the organisation.
                if k < kept.count, kept[k].start == info[b + 1].start { k += 1 }
                c.end = info[e].end
            } else if c.label == .location, a == b, let e = headAfterTownsWords(b),
                !kept.contains(where: { $0.start < info[e].end && info[b + 1].start < $0.end && $0.label != .location })
            {
                // "Blackburn Central Police Station": the town and the words to the head.
                c.label = .organisationLocal
                c.end = info[e].end
            }
            out.append(c)
        }
        return out
    }

    /// The last token of a town straight after an organisation ending on token `b` with a head word, or nil.
    func townAfterHead(_ b: Int, next: Candidate?) -> Int? {
        guard let t = at(b + 1), t.spaceBefore, t.kind == .word, t.capitalised, !t.allCaps,
            on(.town, b + 1) || on(.bigPlace, b + 1),
            Vocab.orgHeads.contains(key(b)) || Self.gatheringHeads.contains(key(b)) || Self.bodyHeads.contains(key(b))
        else { return nil }
        // Only a place, or nothing, may be found on the town.
        if let n = next, n.start == t.start, n.label != .location { return nil }
        if let n = next, n.start == t.start, let e = tokenIndex(endingAt: n.end) { return e }
        // "Academy Peckham Rye": a town of several words is taken whole only when found; one word otherwise, and
        // not when another capitalised word follows (a name of its own).
        if at(b + 2)?.capitalised == true, at(b + 2)?.spaceBefore == true { return nil }
        return b + 1
    }

    /// The head ending a town's body named with capitalised everyday words after the town on token `b`
    /// ("Blackburn Central Police Station", "Dewsbury and District Hospital"), or nil.
    func headAfterTownsWords(_ b: Int) -> Int? {
        guard info[b].capitalised, on(.town, b) || on(.bigPlace, b) else { return nil }
        var j = b + 1
        var head: Int?
        while let t = at(j), j - b <= 4, t.kind == .word, t.spaceBefore {
            if t.capitalised, !t.allCaps {
                // A station is a body's only as a police station ("Leeds City Station" is a place).
                if Self.headsAfterATownsWords.contains(key(j)), !key(j).equals("station") || key(j - 1).equals("police")
                {
                    head = j
                }
            } else if !(key(j).equals("and") && j == b + 1 && at(j + 1)?.capitalised == true) {
                break
            }
            j += 1
        }
        // The words before the head are everyday words or the head's kind ("Central", "Young Carers"), not a name.
        guard let h = head, h > b + 1 else { return nil }
        return h
    }
}
