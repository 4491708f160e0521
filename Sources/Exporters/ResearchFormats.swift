import Foundation
import SessionModel

/// The plain-text research formats (json, csv, quotes-csv, markdown), built
/// on `ResearchRecord` only. None of them reads the session directly.

public enum ResearchFormats {
    public static func json(_ r: ResearchRecord) throws -> Data {
        let sink = ExportSink()
        try json(r, to: sink)
        return sink.data
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    /// The same bytes as encoding the whole record with `encoder()`, without
    /// the whole document in memory: the record without its contributions is
    /// encoded, and the contributions are encoded a batch at a time into the
    /// place of its empty `contributions` array, indented as they would be there.
    static func json(_ r: ResearchRecord, to sink: ExportSink) throws {
        let e = encoder()
        var skeleton = r
        skeleton.contributions = []
        let outline = String(decoding: try e.encode(skeleton), as: UTF8.self)
        // Top-level keys are indented two spaces and strings never hold a raw line break, so this is found once.
        let empty = "\n  \"contributions\" : [\n\n  ]"
        guard !r.contributions.isEmpty, let at = outline.range(of: empty) else {
            try sink.write(outline)
            return
        }
        try sink.write(String(outline[..<at.lowerBound]) + "\n  \"contributions\" : [\n")
        // The entries are written by hand (`EntryJSON`), in the encoder's exact bytes (the encoder took
        // over a third of a JSON export's time), on every core a window at a time.
        try ParallelRows.render(
            r.contributions,
            each: { entry, k, out in
                if k > 0 { out += [0x2C, 0x0A] }
                EntryJSON.write(entry, into: &out)
            }, to: sink)
        try sink.write("\n  ]" + String(outline[at.upperBound...]))
    }

    static func stamp(_ d: Date) -> String { ExportText.iso(d) }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// A cell a spreadsheet could run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return) is neutralised as OWASP recommends: a leading apostrophe, and the cell quoted.
    static func csvField(_ s: String) -> String {
        if let first = s.unicodeScalars.first, formulaStarts.contains(first) {
            return "\"'" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return needsQuotes(s) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Whether a cell holds a comma, a quote or a line break, read as Characters (as
    /// it always was: a CR LF pair is one Character, equal to neither "\r" nor "\n").
    /// ASCII text, most cells, is read by its bytes, where only CR LF is a pair.
    static func needsQuotes(_ s: String) -> Bool {
        let byBytes: Bool?? = s.utf8.withContiguousStorageIfAvailable { u -> Bool? in
            var found = false
            for i in 0..<u.count {
                let b = u[i]
                if b >= 0x80 { return nil } // a combining mark could join a comma into another Character
                switch b {
                case 0x2C, 0x22: found = true
                case 0x0A: if i == 0 || u[i - 1] != 0x0D { found = true }
                case 0x0D: if i + 1 == u.count || u[i + 1] != 0x0A { found = true }
                default: break
                }
            }
            return found
        }
        if let byBytes, let answer = byBytes { return answer }
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    }

    /// First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func csv(_ r: ResearchRecord, quotesOnly: Bool = false) -> String {
        let sink = ExportSink()
        try? csv(r, quotesOnly: quotesOnly, to: sink)
        return String(decoding: sink.data, as: UTF8.self)
    }

    /// One row per contribution, written as it is made.
    static func csv(_ r: ResearchRecord, quotesOnly: Bool = false, to sink: ExportSink) throws {
        let out = SinkText(sink)
        func row(_ cells: [String]) {
            // quotes-csv has no speaker column (the seventh).
            let kept = quotesOnly ? cells.enumerated().filter { $0.offset != 6 }.map(\.element) : cells
            out += kept.map(csvField).joined(separator: ",") + "\r\n"
        }
        row([
            "number", "time", "room", "round", "guide_segment", "source", "speaker", "attribution", "speaker_label",
            "form", "codes", "reply_to", "text",
        ])
        try out.finish()
        // The rows on every core, a window at a time, written in order.
        try ParallelRows.render(
            r.contributions,
            each: { e, _, bytes in
                guard !quotesOnly || e.quotable else { return }
                let cells = [
                    String(e.number), stamp(e.occurredAt), e.room, e.round.map(String.init) ?? "", e.guideSegment ?? "",
                    e.source,
                    quotesOnly ? "" : e.speaker ?? "", e.attribution, e.speakerLabel ?? "", e.form,
                    e.codes.joined(separator: "; "),
                    e.replyTo.map(String.init).joined(separator: " "), e.text,
                ]
                // quotes-csv has no speaker column (the seventh).
                let kept = quotesOnly ? cells.enumerated().filter { $0.offset != 6 }.map(\.element) : cells
                bytes += Array((kept.map(csvField).joined(separator: ",") + "\r\n").utf8)
            }, to: sink)
        // A comment line after the data (readers such as pandas and R skip it with a comment character).
        for head in r.recordedHeads { out += "# " + head.text + "\r\n" }
        try out.finish()
    }

    /// Markdown table cells: inert inline text, and a pipe would end the cell.
    static func cell(_ s: String) -> String {
        MarkdownText.inline(s).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text from the session inside a Markdown line: inert (see `MarkdownText`).
    static func inert(_ s: String) -> String { MarkdownText.inline(s) }

    public static func markdown(_ r: ResearchRecord) -> String {
        let sink = ExportSink()
        try? markdown(r, to: sink)
        return String(decoding: sink.data, as: UTF8.self)
    }

    static func markdown(_ r: ResearchRecord, to sink: ExportSink) throws {
        let facts = ReportFacts(r)
        let md = SinkText(sink)
        md += "# \(inert(r.session.title))\n\n"
        md +=
            "- Date: \(inert(r.session.date)), \(ExportText.clock(r.session.startedAt))–\(ExportText.clock(r.session.endedAt)) UTC · platform: \(inert(r.session.platform))\n"
        if let study = r.session.study {
            md += "- Study: \(inert(study))\(r.session.strand.map { ", strand \(inert($0))" } ?? "")\n"
        }
        md += "- Participants: \(r.participants.count) · contributions in this record: \(r.contributions.count)\n"
        md += "- Anonymised research data: names and identifiers redacted, background material withheld.\n"
        for head in r.recordedHeads { md += "- Journal head (for `convene check --against`): \(head.text)\n" }
        md += "\n"
        md += "## Who took part\n\n| code | role | organisation | strand |\n| --- | --- | --- | --- |\n"
        for p in r.participants {
            md += "| \(cell(p.code)) | \(cell(p.role)) | \(cell(p.orgType ?? "")) | \(cell(p.strand ?? "")) |\n"
        }
        md += "\n## Rooms and rounds\n\n"
        for room in facts.byRoom { md += "- \(inert(room.name)): \(Counted.text(room.count, "contribution"))\n" }
        for round in r.rounds {
            md +=
                "- Round \(round.number): \(Counted.text(round.minutes, "minute")) from \(ExportText.clock(round.startedAt))\(round.prompt.map { " — \(inert($0))" } ?? "")\n"
        }
        if !r.guide.isEmpty {
            md += "\nDiscussion guide:\n\n"
            for g in r.guide {
                md +=
                    "\(g.index + 1). \(inert(g.title))\(g.prompts.isEmpty ? "" : " — " + g.prompts.map(inert).joined(separator: "; "))\n"
            }
        }
        md += "\n## Themes\n\n"
        if r.themes.isEmpty { md += "No themes were recorded.\n\n" }
        for t in r.themes {
            md += "### \(t.number). \(inert(t.title))\n\n"
            for n in t.contributions {
                guard let e = facts.byNumber[n] else { continue }
                let c = facts.citation(e)
                md +=
                    c.quote.map { "- “\(inert($0))” — \(inert(c.label)) (#\(n))\n" } ?? "- (#\(n), \(inert(c.label)))\n"
            }
            md += "\n"
        }
        md += "## Counts\n\n| by room | n |\n| --- | --- |\n"
        for room in facts.byRoom { md += "| \(cell(room.name)) | \(room.count) |\n" }
        md += "\n| by source | n |\n| --- | --- |\n"
        for source in facts.bySource { md += "| \(cell(source.name)) | \(source.count) |\n" }
        md += "\n| by code | n |\n| --- | --- |\n"
        for code in facts.byCode {
            md += "| \(cell(code.name))\(code.emergent ? " (emergent)" : "") | \(code.count) |\n"
        }
        let chart = Timeline(r).textChart()
        // A fence longer than any run of backticks in the chart, so a room name cannot close it.
        let fence = String(repeating: "`", count: max(3, MarkdownText.longestBacktickRun(chart) + 1))
        md += "\n## Timeline\n\n\(fence)\n" + chart + "\(fence)\n"
        md += "\n## Process log\n\n"
        md += ExportText.processSummary(r).map { "- \(inert($0))\n" }.joined()
        if !r.process.log.isEmpty {
            md += "\n| time | what |\n| --- | --- |\n"
            for entry in r.process.log { md += "| \(ExportText.clock(entry.at)) | \(cell(entry.detail)) |\n" }
        }
        try md.finish()
    }
}
