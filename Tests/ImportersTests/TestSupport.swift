import Foundation
import SessionModel
import XCTest

@testable import Importers

/// Fixture files and a small session to import into. Every name is invented.
enum Fixture {
    static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func text(_ name: String) throws -> ImportText { try ImportText.read(path: url(name).path) }
}

enum TestSession {
    static let day = SessionDate.parse("2026-03-12")!
    /// 13:55 UTC on the session day: the session is created before the group meets at 14:00.
    static let createdAt = day.addingTimeInterval(13 * 3600 + 55 * 60)

    /// A session with a lead and a note-taker, and participants P01–P03.
    static func make(participants: Int = 3, linkage: [String: String] = [:]) -> SessionState {
        var events: [any EventPayload] = [
            SessionCreated(
                sessionID: UUID(), title: "Exploitation outside the home", platform: .zoom, date: "2026-03-12"),
            FacilitatorAdded(name: "Dr Morgan Hale", role: .lead),
            FacilitatorAdded(name: "Riley Chen", role: .notetaker),
        ]
        let roles = ["youth worker", "school nurse", "police officer", "social worker", "health visitor"]
        for i in 0..<participants {
            events.append(ParticipantAdded(code: String(format: "P%02d", i + 1), jobRole: roles[i % roles.count]))
        }
        for (code, name) in linkage.sorted(by: { $0.key < $1.key }) {
            events.append(RealNameRecorded(code: code, name: name))
        }
        return try! apply(events, to: SessionState(), at: createdAt)
    }

    static func apply(_ payloads: [any EventPayload], to state: SessionState, at: Date, by: String = "Riley Chen")
        throws -> SessionState
    {
        var s = state
        for p in payloads { try s.apply(SessionEvent(at: at, by: by, p)) }
        return s
    }

    /// Appends a plan as the command line would, an hour after the session started.
    static func applying(_ plan: ImportPlan, to state: SessionState) throws -> SessionState {
        try apply(plan.payloads, to: state, at: createdAt.addingTimeInterval(3 * 3600))
    }

    /// A live contribution typed by a note-taker at `at`.
    static func logLive(_ state: SessionState, speaker: String, text: String, at: Date, summary: Bool = true) throws
        -> SessionState
    {
        try apply(
            [ContributionLogged(source: .verbal, speaker: speaker, text: text, form: summary ? .summary : .verbatim)],
            to: state, at: at)
    }

    static func time(_ clock: String) -> Date {
        let parts = clock.split(separator: ":").map { Double($0)! }
        return day.addingTimeInterval(parts[0] * 3600 + parts[1] * 60 + parts[2])
    }
}

extension ImportPlan {
    var contributionTexts: [String] { contributions.map(\.text) }
}

func mapping(_ rows: String) throws -> NameMapping { try NameMapping.parse(ImportText(rows, fileName: "names.csv")) }
