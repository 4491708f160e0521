/// A nickname set equal to a person in a note (session 17, the lead): "SPIDER = L Cawthorne 23", "Trigger = M. Lewis
/// 24", "J-L = Jamie-Lee Price, 16". The note says who the nickname is; the nickname is that person's alias and is
/// redacted with them. A person after "=" written as an initial and a word that is also a place ("L Cawthorne") is
/// the person. Quiet: a heading or a practice word before "=" ("NOTE = Tom to ring", "PLAN = …"), a participant's
/// code ("P2 = Bernie Doherty").
extension ScanContext {
    /// Words of a note's layout before "=" that are no alias.
    static let notesHeadings = Vocab.set(
        """
        note notes plan action actions outcome update ref key total yp cyp dob age result results answer summary
        agreed decision next risk risks concern concerns
        """)

    /// `kept` with each nickname set equal to a found person added as a person.
    func aliasesGivenAsEquals(_ kept: [Candidate]) -> [Candidate] {
        var out = kept
        var changed = false
        for e in info.indices where key(e).equals("=") && e >= 1 && e + 2 < info.count {
            // "= L Cawthorne 23": an initial before a word found as a place is a person's.
            if info[e + 1].length == 1, info[e + 1].capitalised || info[e + 1].allCaps, info[e + 1].kind == .word,
                info[e + 2].capitalised, !info[e + 2].allCaps,
                let p = out.firstIndex(where: { $0.start == info[e + 2].start && $0.label == .location }),
                tokenIndex(endingAt: out[p].end) == e + 2
            {
                out[p].label = .person
                out[p].start = info[e + 1].start
                changed = true
            }
            // The person straight after "=", or after an initial with its stop ("= M. Lewis 24").
            let personStart = [e + 1, e + 3].first { j in
                j < info.count && (j == e + 1 || info[e + 1].length == 1 && key(e + 2).equals("."))
                    && out.contains { $0.start == info[j].start && $0.label == .person }
            }
            guard let ps = personStart, let k = out.firstIndex(where: { $0.start == info[ps].start }) else {
                continue
            }
            guard out[k].label == .person, let a = aliasStart(before: e) else { continue }
            let start = info[a].start
            let end = info[e - 1].end
            // "P2 = Bernie Doherty": a participant's code is the session's own label, never an alias.
            if participantCodeOpens(Candidate(label: .person, start: start, end: end)) { continue }
            if out.contains(where: { $0.start < end && start < $0.end && $0.label != .location }) { continue }
            out.removeAll { $0.start < end && start < $0.end }
            out.append(Candidate(label: .person, start: start, end: end))
            changed = true
        }
        return changed ? out.sorted { ($0.start, $0.end) < ($1.start, $1.end) } : kept
    }

    /// The first token of a nickname of one or two words (or letters joined by a hyphen, "J-L") ending before the
    /// "=" on token `e`, opening its note or clause; nil when there is none.
    func aliasStart(before e: Int) -> Int? {
        var a = e - 1
        guard let last = at(a), last.kind == .word || last.kind == .alnum, !notAName(a) || last.allCaps,
            !Self.notesHeadings.contains(key(a)), last.capitalised || last.allCaps
        else { return nil }
        // "J-L": letters joined by a hyphen.
        while a >= 2, key(a - 1).equals("-"), !info[a - 1].spaceBefore, !info[a].spaceBefore,
            at(a - 2)?.kind == .word, at(a - 2)?.capitalised == true
        {
            a -= 2
        }
        // "Big T =": one word more before.
        if a >= 1, let w = at(a - 1), w.kind == .word, w.capitalised, !notAName(a - 1),
            !Self.notesHeadings.contains(key(a - 1)), a - 1 == 0 || at(a - 2)?.kind == .punct
        {
            a -= 1
        }
        guard a == 0 || at(a - 1)?.kind == .punct || key(a - 1).isOne(of: ["and", "aka"]) else { return nil }
        if a > 0, isApostrophe(a - 1) { return nil }
        return a
    }
}
