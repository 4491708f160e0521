/// Outward codes the first postcode pass (NumberRecognisers.swift) cannot read because what makes them places is
/// found later (session 15): a code straight after a place found in the text ("Stanley Road, L5", "Lea Village
/// B33"); a code in the same sentence as a found code of the same two-letter area ("ls7 mostly but some in LS8"); a
/// note that is a two-letter code and nothing else ("wf13"); a case line's code after its person or age ("Zain 18
/// B10", session 17). Quiet: a motorway ("Kirkby Road, M6"), a pupil's year.
extension ScanContext {
    /// Runs once places are found.
    mutating func findOutwardCodesBesidePlaces() {
        let places = candidates.filter { $0.label == .location }.map(\.end)
        let people = candidates.filter { $0.label == .person || $0.label == .age }.map(\.end)
        let codes = candidates.filter { $0.label == .postcode }
        for i in tokens.indices where info[i].kind == .alnum && !covered(i) && outwardAt(i) {
            let upper = tokens[i].text.uppercased()
            if Self.isMotorway(upper) || Self.scottishYear(key(i)) || Self.schoolYear(key(i)) { continue }
            let lower = tokens[i].text != upper
            let area = upper.prefix { $0.isLetter }
            // "Stanley Road, L5": a place found just before, a comma between or none; written in capitals.
            var p = i - 1
            if key(p).equals(",") { p -= 1 }
            let afterPlace = !lower && p >= 0 && places.contains(info[p].end) && ageBreak(after: i)
            // "Zain 18 B10 - escort…", "J Baptiste 17, B33": a case line's code after the person or the age
            // (session 17), in capitals and ending its item.
            let q = key(i - 1).isOne(of: [",", "-", "–"]) ? i - 2 : i - 1
            let afterCase =
                !lower && q >= 0 && ageBreak(after: i)
                && (people.contains(info[q].end)
                    // The age itself is found only once the code has ended its item: a number after the person.
                    || q >= 1 && info[q].kind == .number && ages[q] != nil && people.contains(info[q - 1].end))
            // "ls7 mostly but some in LS8": a code of the same two-letter area found in the sentence.
            let sameArea =
                area.count == 2
                && codes.contains { c in
                    String(IdentifierScanner.text(scalars[c.start..<c.end]).uppercased().prefix(2)) == area
                        && !(min(c.end, info[i].start)..<max(c.start, info[i].end)).contains { scalars[$0] == "." }
                }
            // "wf13" as a whole note.
            let wholeNote = area.count == 2 && tokens.count == 1
            if afterPlace || afterCase || sameArea || wholeNote { add(.postcode, tokens: i, i) }
        }
    }
}
