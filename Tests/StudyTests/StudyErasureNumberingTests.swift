import Exporters
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import Study

/// A study's anonymisation redacts every name of the study in every session through the one erasure path
/// (`SessionErasure`), so its redactions record their placeholder numbers like any other (issue 15 item 7): an
/// existing number never moves, a new name takes the next free one, and the state and the CSV agree; and every
/// one of those names, its own session's or another's, leaves the bytes.
final class StudyErasureNumberingTests: XCTestCase {
    func testStudyAnonymisationNumbersItsRedactionsAndMovesNoExistingNumber() throws {
        let f = try StudyFixture()
        let study = try f.createStudy()
        try f.session("alpha.convene", date: "2020-03-02") { e in
            e.append(studyChecklist)
            person("P01", "Conference chair", name: "Alex Fenwick", into: &e)
            person("P02", "Social worker", name: "Jo Marsh", into: &e)
            e.append(BlocklistNameAdded(name: "Tyler Brennan"))
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "Tyler Brennan rang the team."))
            e.append(RedactionAccepted(number: 1, span: TextSpan(start: 0, end: 13), label: .person, placeholder: 1))
            // Kit Arden is a participant of the other session: named here, redacted here at the end.
            e.append(
                ContributionLogged(source: .verbal, speaker: "P02", text: "Kit Arden chaired it, not Tyler Brennan."))
        }
        try f.session("beta.convene", date: "2020-03-02") { e in
            e.append(studyChecklist)
            person("P03", "Youth worker", name: "Kit Arden", into: &e)
            e.append(ContributionLogged(source: .chat, speaker: "P03", text: "Jo Marsh asked me first."))
        }
        try study.add(location: f.path("alpha.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        try study.add(location: f.path("beta.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)

        let later = SessionDate.format(Date().addingTimeInterval(30 * 86_400))
        let result = try f.open().anonymise(by: "Sam Lead", at: Date(), today: later)
        XCTAssertEqual(result.realNames, 3)
        // A name of one session written in another is replaced in that session's bytes too.
        XCTAssertEqual(result.namesStillFound, [])
        for (file, name) in [("alpha.convene", "kit arden"), ("beta.convene", "jo marsh")] {
            XCTAssertFalse(f.contains(name, in: StudyFixture.lower(f.rawBytes(file))), "\(name) is in \(file)")
        }

        func recorded(_ file: String) throws -> (numbers: [Int?], state: SessionState) {
            let journal = try SQLiteJournal.open(path: f.path(file), readOnly: true)
            defer { try? journal.close() }
            let numbers = try journal.allEvents().compactMap { $0.event.payload as? RedactionAccepted }
                .map(\.placeholder)
            return (numbers, journal.state)
        }
        let alpha = try recorded("alpha.convene")
        XCTAssertTrue(alpha.numbers.allSatisfy { $0 != nil }, "every redaction records its number: \(alpha.numbers)")
        XCTAssertEqual(alpha.numbers.first, 1, "the redaction made before keeps [PERSON 1]")
        XCTAssertEqual(Set(alpha.numbers.compactMap { $0 }), [1, 2], "Tyler Brennan keeps 1, Kit Arden takes 2")
        let beta = try recorded("beta.convene")
        XCTAssertEqual(beta.numbers, [1], "a name of the other session is numbered in this one")

        // The state (what the console and `list` show) and the CSV export say the same.
        for (name, state, placeholders, lines) in [
            (
                "alpha", alpha.state, [["[PERSON 1]"], ["[PERSON 1]", "[PERSON 2]"]],
                ["[PERSON 1] rang the team.", "[PERSON 2] chaired it, not [PERSON 1]."]
            ),
            ("beta", beta.state, [["[PERSON 1]"]], ["[PERSON 1] asked me first."]),
        ] {
            XCTAssertEqual(
                state.contributions.map { $0.redactions.map(\.placeholder).sorted() }, placeholders,
                "\(name): the state's placeholders")
            let csv = String(decoding: try Exporter.render(ResearchGate.record(state), format: .csv), as: UTF8.self)
            for line in lines { XCTAssertTrue(csv.contains(line), "\(name) CSV lacks '\(line)':\n\(csv)") }
        }
    }
}
