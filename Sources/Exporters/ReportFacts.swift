/// The figures the markdown and HTML reports share, computed once from the
/// research record: counts by room, source and code, and the contributions
/// behind each theme (only those: the rest are read from the record as they are written).
import Foundation

struct ReportFacts {
    let record: ResearchRecord
    let byNumber: [Int: ResearchRecord.Entry]
    let byRoom: [(name: String, count: Int)]
    let bySource: [(name: String, count: Int)]
    let byCode: [(name: String, emergent: Bool, count: Int)]

    init(_ r: ResearchRecord) {
        record = r
        // Only the contributions behind a theme are cited by number: a copy of every entry would double the record.
        let cited = Set(r.themes.flatMap(\.contributions))
        var byNumber: [Int: ResearchRecord.Entry] = [:]
        var rooms: [Int: Int] = [:]
        var sources: [String: Int] = [:]
        var codes: [String: Int] = [:]
        for e in r.contributions {
            if cited.contains(e.number) && byNumber[e.number] == nil { byNumber[e.number] = e }
            rooms[e.roomId, default: 0] += 1
            sources[e.source, default: 0] += 1
            for c in Set(e.codes) { codes[c, default: 0] += 1 }
        }
        self.byNumber = byNumber
        byRoom = r.rooms.map { ($0.name, rooms[$0.id] ?? 0) }
        bySource = REFIQDA.contributionSourceOrder.map { ($0, sources[$0] ?? 0) }
        var known = Set<String>()
        var list: [(String, Bool, Int)] = r.codebook.map {
            known.insert($0.name)
            return ($0.name, $0.emergent, codes[$0.name] ?? 0)
        }
        for c in codes.keys.sorted() where !known.contains(c) { list.append((c, true, codes[c] ?? 0)) }
        byCode = list
    }

    /// How a contribution is cited in a report: its words and allowed label,
    /// or only that it is background material.
    func citation(_ e: ResearchRecord.Entry) -> (quote: String?, label: String) {
        if e.quotable { return (e.text, e.speakerLabel ?? "Participant") }
        // Not quotable: background material, or a participant who did not consent to quotation.
        return (
            nil,
            e.attribution == "background" ? "background material, not for quotation" : "not for quotation (consent)"
        )
    }
}
