import ConveneTestSupport
import Exporters
import Foundation
import Privacy
import SessionModel
import XCTest

/// Text a participant, an imported chat or a careless paste can put in a
/// session must stay words in every export: no spreadsheet formula (OWASP CSV
/// injection), no HTML element, link, image, heading or table in the Markdown
/// report (rendered with the real pandoc and python-markdown).
final class HostileTextExportTests: XCTestCase {
    static let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">here</a>",
        "![tracker](https://evil.example/pixel.png) <https://evil.example/auto>",
        "line one\n# Injected heading\n| a | b |\n| --- | --- |\n| 1 | 2 |",
        "Setext attempt\n===\n---\n> quoted\n* listed\n1. numbered",
        "```\nan unclosed fence swallows the rest",
        "<!-- an unclosed comment",
        "&lt;script&gt;entity&lt;/script&gt; and *emphasis* _under_ `code` \\ back",
        "\u{2028}# after a line separator\u{2029}| x | y |",
        "[a pandoc span]{onclick=alert(4)} and `raw`{=html}",
    ]

    /// A consented participant whose contributions are `texts`, every one linked to a theme
    /// (so the report quotes them), in a room and under a theme whose names are hostile too.
    static func session(_ texts: [String], room: String, theme: String) throws -> SessionState {
        let t0 = DemoSession.defaultStart
        var events: [SessionEvent] = []
        var t = 0.0
        func add(_ p: any EventPayload) {
            t += 10
            events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p))
        }
        add(SessionCreated(sessionID: DemoSession.sessionID, title: "Hostile text", date: "2026-05-14"))
        add(ParticipantAdded(code: "P01", jobRole: "Social worker"))
        add(ParticipantAdded(code: "P02", jobRole: "Social worker"))
        for c in ["P01", "P02"] {
            add(ConsentRecorded(code: c, items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        }
        add(GroupCreated(name: room))
        for (i, text) in texts.enumerated() {
            add(
                ContributionLogged(
                    source: i % 2 == 0 ? .verbal : .chat, room: 1, speaker: i % 2 == 0 ? "P01" : "P02", text: text))
        }
        add(ThemeCreated(title: theme))
        for n in 1...texts.count { add(ThemeLinked(theme: 1, number: n)) }
        return try SessionState.replay(events)
    }

    // MARK: CSV

    /// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" {
                        field.unicodeScalars.append("\"")
                        it.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" && it.first == "\n" {
                it.removeFirst()
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        return rows
    }

    func testCSVCellsThatASpreadsheetWouldRunAreNeutralised() throws {
        let formulas = [
            "=HYPERLINK(\"http://evil.example\",\"x\")", "+1 to a separate space", "-2+3", "@ SUM(A1:A2)",
            "\tTabbed", "\rReturned", "=cmd|' /C calc'!A0",
        ]
        let state = try Self.session(formulas + ["plain words"], room: "=Room", theme: "-Theme")
        for format in [ExportFormat.csv, .quotesCSV] {
            let text = String(decoding: try Exporter.export(state, format: format), as: UTF8.self)
            let rows = Self.csvRows(text)
            XCTAssertEqual(rows.count, 1 + formulas.count + 1, "\(format): one row per contribution")
            let header = rows[0]
            let textColumn = try XCTUnwrap(header.firstIndex(of: "text"))
            for row in rows.dropFirst() {
                XCTAssertEqual(row.count, header.count)
                for cell in row {
                    guard let first = cell.unicodeScalars.first else { continue }
                    XCTAssertFalse(
                        ["=", "+", "-", "@", "\t", "\r"].contains(first),
                        "\(format): cell \(cell.debugDescription) could run as a formula")
                }
                XCTAssertEqual(
                    row[header.firstIndex(of: "room")!], "'=Room", "\(format): a room name is neutralised too")
            }
            // The words are all there, behind the apostrophe, so nothing is lost.
            let texts = rows.dropFirst().map { $0[textColumn] }
            for (cell, original) in zip(texts, formulas) {
                XCTAssertEqual(cell, "'" + original, "\(format)")
            }
            XCTAssertEqual(texts.last, "plain words", "\(format): ordinary text is left as it is")
            // Every neutralised cell is quoted in the file (OWASP: prefix and quote).
            XCTAssertTrue(text.contains("\"'+1 to a separate space\""), "\(format)")
        }
    }

    // MARK: Markdown

    /// The rendered HTML of `markdown` by `renderer` (pandoc's markdown, GFM and CommonMark; python-markdown).
    static func render(_ markdown: String, _ renderer: String) throws -> String {
        let dir = try Fixture.tempDir()
        let input = dir.appendingPathComponent("report.md")
        try Data(markdown.utf8).write(to: input)
        let r: Tool.Result
        if renderer == "python-markdown" {
            let python = try TestRun.tool("python3", install: "python3")
            r = try Tool.run(
                python,
                [
                    "-c",
                    """
                    import sys, markdown
                    print(markdown.markdown(open(sys.argv[1], encoding='utf-8').read(), extensions=['tables', 'fenced_code']))
                    """, input.path,
                ])
        } else {
            let pandoc = try TestRun.tool("pandoc", install: "pandoc")
            r = try Tool.run(pandoc, ["-f", renderer, "-t", "html", input.path])
        }
        XCTAssertEqual(r.status, 0, "\(renderer) failed: \(r.stderr)")
        return r.stdout
    }

    /// How many of each structural element the HTML holds.
    static func structure(_ html: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for tag in [
            "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre", "ul", "ol", "li", "blockquote", "hr", "img", "a",
            "script", "code", "em", "strong", "p",
        ] {
            counts[tag] =
                html.components(separatedBy: "<\(tag)>").count - 1 + html.components(separatedBy: "<\(tag) ").count - 1
        }
        return counts
    }

    func testMarkdownReportKeepsHostileContributionsInertAndInsideTheirBlock() throws {
        let hostileRoom = "Room ```\n# heading in a room name"
        let hostileTheme = "<b>bold</b> ## theme | cell {onclick=alert(3)}"
        let evil = try Self.session(Self.hostile, room: hostileRoom, theme: hostileTheme)
        let calm = try Self.session(
            Self.hostile.indices.map { "plain words \($0)" }, room: "Room calm", theme: "Calm theme")
        let evilMD = String(decoding: try Exporter.export(evil, format: .markdown), as: UTF8.self)
        let calmMD = String(decoding: try Exporter.export(calm, format: .markdown), as: UTF8.self)
        for renderer in ["markdown", "gfm", "commonmark", "python-markdown"] {
            let evilHTML = try Self.render(evilMD, renderer)
            let calmHTML = try Self.render(calmMD, renderer)
            // No raw HTML element, handler, script link or remote image came from the text.
            for bad in ["<script", "<img", "<b>", "<a ", "<!--", "javascript:alert(2)\">"] {
                XCTAssertFalse(evilHTML.contains(bad), "\(renderer): \(bad) reached the rendered report")
            }
            XCTAssertNil(
                evilHTML.range(of: "<[^>]*\\sonerror\\s*=", options: .regularExpression),
                "\(renderer): an onerror handler")
            XCTAssertNil(
                evilHTML.range(of: "<[^>]*\\sonclick\\s*=", options: .regularExpression),
                "\(renderer): an onclick attribute")
            XCTAssertNil(
                evilHTML.range(of: "<a\\s[^>]*href\\s*=\\s*\"?javascript:", options: .regularExpression),
                "\(renderer): a javascript: link")
            // The same structure as the calm twin: the text created no heading, table, list, fence or link.
            XCTAssertEqual(
                Self.structure(evilHTML), Self.structure(calmHTML),
                "\(renderer): the contributions changed the report's structure")
            // The report after the timeline is still there (an unclosed fence did not swallow it).
            XCTAssertTrue(evilHTML.contains("Process log"), "\(renderer)")
            // The words themselves survive, as text.
            XCTAssertTrue(evilHTML.contains("alert(1)"), "\(renderer): the words are kept")
            XCTAssertTrue(evilHTML.contains("Injected heading"), "\(renderer)")
        }
    }

    // MARK: HTML timeline

    func testTimelineSpansTheFirstToTheLastContribution() throws {
        // The file was made two hours before anyone spoke (an imported chat): the chart starts at the first message.
        let t0 = DemoSession.defaultStart
        var events = [
            SessionEvent(
                at: t0, by: "Sam Lead",
                SessionCreated(sessionID: DemoSession.sessionID, title: "Late chat", date: "2026-05-14")),
            SessionEvent(at: t0, by: "Sam Lead", ParticipantAdded(code: "P01", jobRole: "Social worker")),
            SessionEvent(
                at: t0, by: "Sam Lead",
                ConsentRecorded(code: "P01", items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead")),
        ]
        for i in 0..<20 {
            events.append(
                SessionEvent(
                    at: t0.addingTimeInterval(7_200 + Double(i) * 60), by: "Sam Lead",
                    ContributionLogged(source: .chat, speaker: "P01", text: "message \(i)")))
        }
        let html = String(decoding: try Exporter.export(try SessionState.replay(events), format: .html), as: UTF8.self)
        let dots = html.components(separatedBy: "<circle cx=\"").dropFirst().compactMap { part -> Double? in
            guard part.contains("<title>#") else { return nil }
            return Double(part.prefix { $0 != "\"" })
        }
        XCTAssertEqual(dots.count, 20)
        XCTAssertEqual(dots.min(), 140, "the first contribution is at the chart's left edge")
        XCTAssertEqual(dots.max(), 960, "the last contribution is at the chart's right edge")
        XCTAssertTrue(
            html.contains(">12:00</text>"),
            "the axis starts at the first contribution (12:00), not the file's creation (10:00)")
    }
}
