import Foundation
import SessionActions
import SessionModel
import SessionStore
import XCTest

@testable import Study

/// A participant added to a session that belongs to a study is checked against the
/// study's other sessions by the action layer (the command line and the console both
/// go through `SessionActions.perform`): a code is one person across the study.
final class StudyMembershipTests: XCTestCase {
    let lead = ActingUser(name: "Sam Lead", role: .lead)

    /// group1 has P03 (Jo Marsh, social worker); group2 has P01 and is in the study too.
    func twoGroups(_ f: StudyFixture) throws -> Study {
        let study = try f.createStudy()
        try f.session("group1.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P03", "Social worker", name: "Jo Marsh", into: &e)
        }
        try f.session("group2.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P01", "Conference chair", name: "Ann Quorn", into: &e)
        }
        try study.add(location: f.path("group1.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        try study.add(location: f.path("group2.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        return try f.open()
    }

    func add(_ p: NewParticipant, to file: String) throws -> ActionOutcome {
        let journal = try SQLiteJournal.open(path: file)
        defer { try? journal.close() }
        return try SessionActions.perform(.addParticipant(p), by: lead, on: journal, at: Date())
    }

    func refusal(_ p: NewParticipant, _ file: String, _ f: StudyFixture) throws -> String {
        // The files themselves and the manifest (a -wal and -shm come and go as files are opened).
        func files() throws -> [String: Data] {
            try f.fingerprint().filter { !$0.key.hasSuffix("-wal") && !$0.key.hasSuffix("-shm") }
        }
        let before = try files()
        let events = try SQLiteJournal.open(path: file, readOnly: true).state.eventCount
        var sentence = ""
        XCTAssertThrowsError(try add(p, to: file)) { sentence = "\($0)" }
        XCTAssertEqual(try files(), before, "a refusal changes no file and not the manifest")
        XCTAssertEqual(
            try SQLiteJournal.open(path: file, readOnly: true).state.eventCount, events, "nothing was appended")
        return sentence
    }

    func testAnotherPersonUnderACodeTheStudyAlreadyUsesIsRefused() throws {
        let f = try StudyFixture()
        _ = try twoGroups(f)
        let g2 = f.path("group2.convene")
        // Another job role: not the P03 of group1.
        XCTAssertEqual(
            try refusal(NewParticipant(code: "p03", jobRole: "Youth worker"), g2, f),
            "P03 is already someone else in group1 of this study (a Social worker there); a code is one person "
                + "across the study, so add this participant as P02, the next free code")
        // The same role but another real name.
        XCTAssertTrue(
            try refusal(NewParticipant(code: "P03", jobRole: "Social worker", realName: "Mo Brand"), g2, f)
                .hasPrefix("P03 is already someone else in group1 of this study (another real name there)"))
        // A person the study knows under another code.
        XCTAssertEqual(
            try refusal(NewParticipant(code: "P07", jobRole: "Social worker", realName: "jo  MARSH"), g2, f),
            "this person is already P03 in group1 of this study (the same real name); a person keeps one code "
                + "across the study, so add them as P03, not P07")
    }

    func testTheSamePersonIsLinkedAcrossTheStudy() throws {
        let f = try StudyFixture()
        _ = try twoGroups(f)
        let outcome = try add(
            NewParticipant(code: "P03", jobRole: "social worker", realName: "Jo Marsh"), to: f.path("group2.convene"))
        XCTAssertEqual(outcome.message, "added P03 (the same person as P03 in group1 of the study)")
        XCTAssertEqual(
            try f.open().manifest.attendance["P03"], ["group1", "group2"], "the manifest links the code to both")
        // A new code for a new person joins the attendance too.
        XCTAssertEqual(
            try add(NewParticipant(code: "P02", jobRole: "Nurse"), to: f.path("group2.convene")).message, "added P02")
        XCTAssertEqual(try f.open().manifest.attendance["P02"], ["group2"])
    }

    func testASessionInNoStudyIsNotChecked() throws {
        let f = try StudyFixture()
        try FileManager.default.createDirectory(atPath: f.dir, withIntermediateDirectories: true)
        try f.session("alone.convene", date: StudyFixture.today()) { e in
            person("P03", "Social worker", name: "Jo Marsh", into: &e)
        }
        XCTAssertEqual(
            try add(
                NewParticipant(code: "P04", jobRole: "Youth worker", realName: "Jo Marsh"),
                to: f.path("alone.convene")
            ).message, "added P04")
    }
}
