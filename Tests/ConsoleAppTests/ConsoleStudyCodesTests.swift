import Foundation
import SessionModel
import SessionStore
import Study
import XCTest

@testable import ConsoleApp

/// The console's palette adds a participant through the action layer, which checks
/// the codes of the study the session belongs to, with the command line's sentence.
final class ConsoleStudyCodesTests: XCTestCase {
    func testAddingAParticipantInTheConsoleChecksTheStudysCodes() throws {
        let h = try ConsoleHarness()
        // The harness's session (group2) and group1 are the sessions of one study in its folder.
        let folder = h.dir.path
        let study = try Study.create(
            directory: folder, title: "Console study", withdrawalDays: 14,
            codebookName: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples,
            checklist: ConsentChecklist.defaultItems.map { ConsentItem(name: $0) })
        let group1 = folder + "/group1.convene"
        let other = try SQLiteJournal.create(
            path: group1, session: SessionCreated(sessionID: UUID(), title: "Group 1", date: "2026-05-14"),
            by: "Sam Lead", at: Date())
        try other.append(
            [
                ParticipantAdded(code: "P09", jobRole: "Health visitor"),
                RealNameRecorded(code: "P09", name: "Lou Tarrant"),
            ],
            by: "Sam Lead", at: Date())
        try other.close()
        try study.add(location: group1, strand: "chairs", by: "Sam Lead", at: Date())
        try study.add(location: h.path, strand: "chairs", by: "Sam Lead", at: Date())
        h.send(
            .sessionChanged(
                try {
                    try h.journal.refresh()
                    return h.journal.state
                }()))

        let before = h.journal.state.eventCount
        h.command("participant add P09 Youth worker")
        XCTAssertEqual(
            h.state.status,
            "Not saved: P09 is already someone else in group1 of this study (a Health visitor there); "
                + "a code is one person across the study, so add this participant as P07, the next free code")
        XCTAssertEqual(
            try {
                try h.journal.refresh()
                return h.journal.state.eventCount
            }(), before, "nothing was written")
        // The same person (same role) is linked.
        h.command("participant add P09 Health visitor")
        XCTAssertNotNil(h.journal.state.participant("P09"))
        XCTAssertEqual(try Study.open(folder).manifest.attendance["P09"]?.sorted(), ["group1", "group2"])
    }
}
