/// The timeline chart of the reports: contributions over the session's time,
/// one lane per room, coloured by source, with breakout rounds shaded. As an
/// inline SVG for HTML (no external assets) and as a text chart for markdown.
import Foundation

struct Timeline {
    let record: ResearchRecord
    let start: Date
    let span: TimeInterval
    let lanes: [(id: Int, name: String)]

    static let colours = ["verbal": "#4E79A7", "chat": "#F28E2B", "whiteboard": "#59A14F", "facilitator": "#9C755F"]

    init(_ r: ResearchRecord) {
        record = r
        // The chart spans the first to the last contribution (an imported chat
        // may come long after the session file was made); with none, the session.
        let times = r.contributions.map(\.occurredAt)
        let first = times.min() ?? r.session.startedAt
        let last = times.max() ?? r.session.endedAt
        start = first
        span = max(60, last.timeIntervalSince(first))
        let used = Set(r.contributions.map(\.roomId))
        // One line per lane whatever the room's name holds (the text chart is a code block).
        lanes = r.rooms.filter { used.contains($0.id) }.map { room in
            (
                room.id,
                String(
                    String.UnicodeScalarView(
                        room.name.unicodeScalars.map { MarkdownText.lineBreaks.contains($0) ? " " : $0 }))
            )
        }
    }

    /// Tick spacing in minutes so that there are at most about a dozen ticks.
    var tickMinutes: Int {
        let minutes = span / 60
        return [1, 2, 5, 10, 15, 30, 60, 120, 240, 480].first { minutes / Double($0) <= 12 } ?? 1440
    }

    static func fmt(_ v: Double) -> String { String(Int((v * 10).rounded())).withDecimal }

    /// The chart, written into `out` (a dot per contribution: long for a long session).
    func svg(into s: SinkText) {
        let left = 140.0
        let width = 820.0
        let laneHeight = 36.0
        let top = 30.0
        let height = top + Double(max(1, lanes.count)) * laneHeight + 50
        func x(_ d: Date) -> Double { left + width * min(1, max(0, d.timeIntervalSince(start) / span)) }
        s +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" role=\"img\" aria-labelledby=\"timeline-title\" viewBox=\"0 0 \(Int(left + width + 20)) \(Int(height))\" width=\"\(Int(left + width + 20))\" height=\"\(Int(height))\">\n"
        s += "<title id=\"timeline-title\">Timeline of contributions by room</title>\n"
        for round in record.rounds {
            let x0 = x(round.startedAt)
            let x1 = x(round.endedAt ?? round.startedAt.addingTimeInterval(Double(round.minutes * 60)))
            s +=
                "<rect class=\"round\" x=\"\(Timeline.fmt(x0))\" y=\"\(Int(top - 12))\" width=\"\(Timeline.fmt(max(1, x1 - x0)))\" height=\"\(Int(Double(max(1, lanes.count)) * laneHeight + 12))\" fill=\"#EEF2F7\"/>\n"
            s +=
                "<text x=\"\(Timeline.fmt(x0 + 3))\" y=\"\(Int(top - 2))\" font-size=\"11\" fill=\"#555555\">Round \(round.number)</text>\n"
        }
        for (i, lane) in lanes.enumerated() {
            let y = top + Double(i) * laneHeight + laneHeight / 2
            s +=
                "<text x=\"\(Int(left - 8))\" y=\"\(Timeline.fmt(y + 4))\" font-size=\"13\" text-anchor=\"end\">\(ExportText.xml(lane.name))</text>\n"
            s +=
                "<line x1=\"\(Int(left))\" y1=\"\(Timeline.fmt(y))\" x2=\"\(Int(left + width))\" y2=\"\(Timeline.fmt(y))\" stroke=\"#CCCCCC\"/>\n"
        }
        let laneIndex = Dictionary(
            lanes.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for e in record.contributions {
            guard let i = laneIndex[e.roomId] else { continue }
            let y = top + Double(i) * laneHeight + laneHeight / 2
            s +=
                "<circle cx=\"\(Timeline.fmt(x(e.occurredAt)))\" cy=\"\(Timeline.fmt(y))\" r=\"5\" fill=\"\(Timeline.colours[e.source] ?? "#777777")\"><title>#\(e.number) \(e.source)</title></circle>\n"
        }
        let axisY = top + Double(max(1, lanes.count)) * laneHeight + 8
        s +=
            "<line x1=\"\(Int(left))\" y1=\"\(Timeline.fmt(axisY))\" x2=\"\(Int(left + width))\" y2=\"\(Timeline.fmt(axisY))\" stroke=\"#333333\"/>\n"
        var m = 0
        while Double(m * 60) <= span {
            let tx = left + width * Double(m * 60) / span
            s +=
                "<text x=\"\(Timeline.fmt(tx))\" y=\"\(Timeline.fmt(axisY + 16))\" font-size=\"11\" text-anchor=\"middle\">\(ExportText.clock(start.addingTimeInterval(Double(m * 60))).prefix(5))</text>\n"
            m += tickMinutes
        }
        var lx = left
        for source in REFIQDA.contributionSourceOrder {
            s +=
                "<circle cx=\"\(Timeline.fmt(lx + 5))\" cy=\"\(Timeline.fmt(axisY + 34))\" r=\"5\" fill=\"\(Timeline.colours[source]!)\"/><text x=\"\(Timeline.fmt(lx + 14))\" y=\"\(Timeline.fmt(axisY + 38))\" font-size=\"12\">\(source)</text>\n"
            lx += 110
        }
        s += "</svg>"
    }

    /// Markdown: contributions per room in time bins, as a row of digits/marks.
    func textChart() -> String {
        let bins = 24
        let width = lanes.map(\.name.count).max() ?? 4
        var out = ""
        let marks: [Character] = [" ", "·", "▪", "■", "█"]
        var counts: [Int: [Int]] = [:]
        for e in record.contributions {
            let b = min(bins - 1, max(0, Int(e.occurredAt.timeIntervalSince(start) / span * Double(bins))))
            counts[e.roomId, default: Array(repeating: 0, count: bins)][b] += 1
        }
        let peak = max(1, counts.values.flatMap { $0 }.max() ?? 1)
        for lane in lanes {
            let row = (counts[lane.id] ?? []).map { n in n == 0 ? marks[0] : marks[min(4, 1 + (n - 1) * 4 / peak)] }
            out += lane.name.padding(toLength: width, withPad: " ", startingAt: 0) + " |" + String(row) + "|\n"
        }
        out +=
            String(repeating: " ", count: width) + "  \(ExportText.clock(start).prefix(5))"
            + String(repeating: " ", count: max(1, bins - 10))
            + "\(ExportText.clock(start.addingTimeInterval(span)).prefix(5))\n"
        return out
    }
}

extension String {
    /// "12345" (tenths) → "1234.5"; "120" → "12".
    fileprivate var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        let whole = digits.dropLast()
        let tenth = digits.last!
        return (negative ? "-" : "") + whole + (tenth == "0" ? "" : ".\(tenth)")
    }
}
