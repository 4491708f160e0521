import Foundation
import SessionModel

/// The research formats built on `ResearchRecord`. None of them reads the session directly.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, csv, quotesCSV = "quotes-csv", markdown, safeguarding
}

public enum ResearchFormats {
    public static func json(_ r: ResearchRecord) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(r)
    }

    static func stamp(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func csv(_ r: ResearchRecord, quotesOnly: Bool = false) -> String {
        var rows = [["number", "time", "room", "round", "guide_segment", "source", "speaker", "attribution", "speaker_label", "form", "codes", "reply_to", "text"]]
        for e in r.contributions where !quotesOnly || e.quotable {
            rows.append([String(e.number), stamp(e.occurredAt), e.room, e.round.map(String.init) ?? "", e.guideSegment ?? "", e.source,
                         quotesOnly ? "" : e.speaker ?? "", e.attribution, e.speakerLabel ?? "", e.form, e.codes.joined(separator: "; "),
                         e.replyTo.map(String.init).joined(separator: " "), e.text])
        }
        if quotesOnly { rows = rows.map { row in row.enumerated().filter { $0.offset != 6 }.map(\.element) } }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func markdown(_ r: ResearchRecord) -> String {
        var md = "# \(r.session.title)\n\n"
        md += "- Date: \(r.session.date) · platform: \(r.session.platform)\n"
        if let study = r.session.study { md += "- Study: \(study)\(r.session.strand.map { ", strand \($0)" } ?? "")\n" }
        md += "- Participants: \(r.participants.count) · contributions in this record: \(r.contributions.count)\n\n"
        md += "## Who took part\n\n| code | role | organisation | strand |\n| --- | --- | --- | --- |\n"
        for p in r.participants { md += "| \(p.code) | \(p.role) | \(p.orgType ?? "") | \(p.strand ?? "") |\n" }
        md += "\n## Rooms and rounds\n\n"
        for room in r.rooms { md += "- \(room.name): \(r.contributions.filter { $0.room == room.name }.count) contributions\n" }
        for round in r.rounds { md += "- Round \(round.number): \(round.minutes) minutes\(round.prompt.map { " — \($0)" } ?? "")\n" }
        md += "\n## Themes\n\n"
        for t in r.themes {
            md += "### \(t.number). \(t.title)\n\n"
            for n in t.contributions {
                guard let e = r.contributions.first(where: { $0.number == n }) else { continue }
                md += e.quotable ? "- “\(e.text)” — \(e.speakerLabel ?? "Participant") (#\(n))\n" : "- (background, #\(n))\n"
            }
            md += "\n"
        }
        md += "## Counts\n\n| by source | n |\n| --- | --- |\n"
        for source in ContributionSource.allCases { md += "| \(source.rawValue) | \(r.contributions.filter { $0.source == source.rawValue }.count) |\n" }
        md += "\n| by code | n |\n| --- | --- |\n"
        for code in r.codebook { md += "| \(code.name)\(code.emergent ? " (emergent)" : "") | \(r.contributions.filter { $0.codes.contains(code.name) }.count) |\n" }
        md += "\n## Process log\n\n"
        md += "- Consent recorded for \(r.process.consentRecorded) participant(s)\n"
        md += "- Confidentiality reminders given: \(r.process.confidentialityReminders)\n"
        md += "- Redactions applied: \(r.process.redactions)\n"
        md += "- Withdrawals: \(r.process.withdrawals)\n"
        md += "- Left out: \(r.process.excludedStruck) struck, \(r.process.excludedWithoutConsent) without consent\n"
        return md
    }
}
