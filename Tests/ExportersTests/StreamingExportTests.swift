import Crypto
import Exporters
import Foundation
import Privacy
import SessionModel
import XCTest

/// Exports are written a piece at a time into a sink (a file or memory). The
/// bytes must be exactly those the whole-output renderers wrote before
/// streaming: Golden/bytes.sha256 holds the SHA-256 of every format of the
/// demo and of a 3 000-contribution session, recorded before the change
/// (rewritten only with CONVENE_UPDATE_GOLDEN=1 after an intended change: in
/// session 6, long.qdpx's, when project.qde came to be deflated in blocks on
/// every core; again in session 7, long.qdpx's, when those blocks came to be
/// deflated at zlib's fastest level; its entries unzip to the same bytes,
/// ZipPackageTests and QdpxChunkTests).
final class StreamingExportTests: XCTestCase {
    /// A longer session: three rooms, rounds, a guide, identifiers to redact, real names, multi-line,
    /// accented and emoji text, codes, themes, struck and background contributions, replies.
    static func longState(contributions n: Int = 3_000) throws -> SessionState {
        let t0 = DemoSession.defaultStart
        var events: [SessionEvent] = []
        var t = 0.0
        func add(_ p: any EventPayload, _ step: Double = 7) {
            t += step
            events.append(SessionEvent(at: t0.addingTimeInterval(t), by: "Sam Lead", p))
        }
        add(
            SessionCreated(
                sessionID: DemoSession.sessionID, title: "Long session", study: "Streaming", strand: "practice",
                platform: .zoom, date: "2026-05-14"))
        add(CodebookSet(name: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples))
        add(
            GuideSet(
                segments: (1...4).map {
                    GuideSegment(title: "Segment \($0)", prompts: ["Prompt \($0)a", "Prompt \($0)b"], minutes: 15)
                }))
        let names = ["Avery Quinlan", "Morgan Ellery", "Rowan Pellow", "Zoë Fairweather"]
        for (i, name) in names.enumerated() {
            let code = String(format: "P%02d", i + 1)
            add(
                ParticipantAdded(
                    code: code, jobRole: i == 0 ? "Principal Social Worker" : "Role \(i)",
                    organisationType: .localAuthority))
            add(RealNameRecorded(code: code, name: name))
            add(ConsentRecorded(code: code, items: ConsentChecklist.defaultItems, checkedBy: "Sam Lead"))
        }
        add(GroupCreated(name: "Room A"))
        add(GroupCreated(name: "Salle B 🅱"))
        let texts = [
            "Families feel less intimidated joining from home.",
            "A mum called Shannon Okafor joined from her car outside St Mary's Primary.",
            "Ring 07700 900123, near SE15 4QT — Rowan said so.",
            "Line one\nline two, with “quotes” & <angles> and a tab\there",
            "Les familles 👨‍👩‍👧 préfèrent — c’est moins intimidant; e\u{301}te\u{301}.",
            "+1 to that, =SUM(A1) and @everyone -- said in Northgate at Oakfield Academy.",
        ]
        for i in 1...n {
            if i % 500 == 1 {
                add(GuideAdvanced(segment: (i / 500) % 4))
                add(RoundStarted(minutes: 20, prompt: "Round prompt \(i)"))
            }
            let speaker = i % 11 == 0 ? nil : String(format: "P%02d", i % 4 + 1)
            add(
                ContributionLogged(
                    source: speaker == nil ? .whiteboard : (i % 5 == 0 ? .chat : .verbal), room: i % 3,
                    speaker: speaker,
                    text: texts[i % texts.count], replyTo: i % 13 == 0 ? [i - 1] : []))
            if i % 4 == 0 { add(CodeTagged(number: i, code: BuiltInCodebook.practicePrinciples[i % 8].name), 0.5) }
            if i % 97 == 0 { add(ContributionStruck(number: i), 0.5) }
            if i % 31 == 0 { add(AttributionSet(number: i, level: .background), 0.5) }
            if i % 500 == 0 { add(RoundEnded()) }
        }
        for k in 1...3 {
            add(ThemeCreated(title: "Theme \(k)"))
            for j in stride(from: k, through: n, by: 150) { add(ThemeLinked(theme: k, number: j), 0.5) }
        }
        return try SessionState.replay(events)
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    func testStreamedBytesAreTheBytesOfBefore() throws {
        var lines: [String] = []
        for (name, state) in [("demo", try Fixture.demoState()), ("long", try Self.longState())] {
            let prepared = try Exporter.prepare(state)
            let dir = try Fixture.tempDir()
            for format in ExportFormat.allCases {
                let whole = try Exporter.export(state, format: format)
                // Written to a file through the sink, as `convene export` does.
                let path = dir.appendingPathComponent("out.\(format.fileExtension)").path
                try ExportFile.write(to: path, input: nil) {
                    try Exporter.write(state, format: format, prepared: prepared, to: $0)
                }
                XCTAssertEqual(
                    try Data(contentsOf: URL(fileURLWithPath: path)), whole,
                    "\(name) \(format.rawValue): file and memory differ")
                lines.append("\(Self.sha256(whole))  \(name).\(format.rawValue)")
            }
        }
        try Golden.check(lines.joined(separator: "\n") + "\n", "bytes.sha256")
    }
}
