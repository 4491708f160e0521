/// An organisation's place inside its name (session 17, the lead). A branch or a school of a chain is named with its
/// town after the head ("Harris Academy Peckham", "Guru Nanak Gurdwara Smethwick"), and a town's own body with the
/// town before words that are everyday words on their own ("Blackburn Central Police Station", "Dewsbury and
/// District Hospital", "Wednesbury Young Carers Project"). The rules found the head's part as the organisation and
/// the town as a place, or the town alone: the place was a false alarm beside a missed or cut organisation. The two
/// are now one organisation, the span the label rules ask for. So is a police station named by its street or its
/// own word where the talk is of police ("PSNI, Strand Road station", "Musgrave station public protection", "worked
/// with him at Elland Rd nick").
extension ScanContext {
    /// Words that make "station" a police station's ("PSNI officer, Strand Road station").
    static let policeWords = Vocab.set(
        "psni police pc pcs ds dc dci di sgt sergeant officer officers custody cid garda neighbourhood npt")

    /// `kept` with a police station named by its street or its own word made an organisation: "X station" where
    /// the utterance speaks of police, and "X nick" (the station in slang) anywhere.
    func policeStationsByName(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        var changed = false
        let police = info.indices.contains { Self.policeWords.contains(key($0)) }
        for i in info.indices
        where i >= 1 && !info[i].capitalised && (key(i).equals("nick") || police && key(i).equals("station")) {
            let nick = key(i).equals("nick")
            // "Musgrave station": a surname-like word before it was taken for a person.
            if let k = out.firstIndex(where: { $0.start == info[i - 1].start && $0.end == info[i - 1].end }),
                out[k].label == .person, !out[k].sessionName, !nick, info[i - 1].capitalised,
                !key(i - 2).isOne(of: ["at", "to", "from"]) || !given(i - 1)
            {
                out[k].label = .organisationLocal
                out[k].end = info[i].end
                changed = true
            } else if let k = out.firstIndex(where: { $0.end == info[i - 1].end }) {
                // "Strand Road station", "Elland Rd nick": a street found as a place.
                // A town's station is the railway's ("found at Leeds station"); a street's is the police's.
                guard out[k].label == .location, !out[k].sessionName,
                    let a = tokenIndex(startingAt: out[k].start), info[a].capitalised,
                    nick || Vocab.streetHeads.contains(key(i - 1))
                else { continue }
                out[k].label = .organisationLocal
                if !nick { out[k].end = info[i].end }
                changed = true
            } else if let t = at(i - 1), t.kind == .word, t.capitalised, !t.allCaps, !t.sentenceStart, t.length >= 4,
                !quiet[i - 1], !notAName(i - 1), !Vocab.genericServiceWords.contains(key(i - 1)),
                nick || !on(.town, i - 1) && !on(.bigPlace, i - 1),
                !key(i - 1).isOne(of: ["central", "main", "local", "police", "bus", "train", "coach", "railway"]),
                !out.contains(where: { $0.start < info[i].end && info[i - 1].start < $0.end })
            {
                // "Musgrave station": the station's own word.
                out.append(Candidate(label: .organisationLocal, start: t.start, end: nick ? t.end : info[i].end))
                changed = true
            }
        }
        return changed ? out.sorted { ($0.start, $0.end) < ($1.start, $1.end) } : kept
    }

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
