import ConveneTestSupport
import Exporters
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import Study
@testable import TeamStore

/// A study whose sessions are a file and a team session on a real PostgreSQL
/// cluster (`CONVENE_TEST_PG`, its folder in `CONVENE_PG_DIR`; see
/// scripts/pg-test-cluster.sh). The same person is in both; the study's
/// withdrawal and anonymisation reach the server's rows and table files.
final class StudyTeamSessionTests: XCTestCase {
    func server() throws -> String {
        guard let u = ProcessInfo.processInfo.environment["CONVENE_TEST_PG"], u.hasPrefix("postgres://") else {
            XCTFail(
                "NO POSTGRESQL SERVER: start one with `export CONVENE_PG_DIR=/tmp/pg-X; export CONVENE_TEST_PG=$(scripts/pg-test-cluster.sh start)`"
            )
            throw TestRun.cannotRun("no PostgreSQL server")
        }
        return u
    }

    /// The relation files of the cluster holding `needle` (after a CHECKPOINT has flushed them).
    func relationFilesHolding(_ needle: String, location: String) throws -> [String] {
        let admin = PostgresLink(location: try PostgresLocation(parsing: location), password: nil)
        try admin.connect()
        defer { admin.close() }
        _ = try admin.run("CHECKPOINT")
        guard let dir = ProcessInfo.processInfo.environment["CONVENE_PG_DIR"], !dir.isEmpty else {
            XCTFail("CONVENE_PG_DIR is not set: the test cannot find the cluster's data directory to grep")
            throw TestRun.cannotRun("no data directory")
        }
        let base = dir + "/data/base"
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            XCTFail("cannot read \(base)")
            throw TestRun.cannotRun("unreadable data directory")
        }
        var files: [String] = []
        for case let name as String in walker { files.append(base + "/" + name) }
        XCTAssertGreaterThan(files.count, 10, "the data directory holds relation files")
        return files.filter { FileManager.default.contents(atPath: $0)?.range(of: Data(needle.utf8)) != nil }
    }

    /// Letters unique to this run, so rows other tests left on the cluster cannot match.
    func tag(_ label: String) -> String {
        var rng = SeededRandom(label)
        return String((0..<8).map { _ in Array("bcdfghjkmnpqrstvwxz")[Int(rng.next() % 19)] })
    }

    /// group1 is a file, the second a team session; Jo (P03) is in both, P04 replies to her in each.
    func fileAndTeam(_ f: StudyFixture, date: String, tag: String) throws -> (Study, String) {
        let study = try f.createStudy()
        try f.session("group1.convene", date: date) { e in
            e.append(studyChecklist)
            person("P03", "Social worker", name: "Jo Marsh\(tag)", into: &e)
            person("P04", "Family support worker", name: "Kit Arden", into: &e)
            e.append(
                ContributionLogged(source: .verbal, speaker: "P03", text: "QZF-\(tag) the hybrid link kept dropping"))
            e.append(ContributionLogged(source: .chat, speaker: "P04", text: "QZF-REPLY-\(tag) agree", replyTo: [1]))
            e.append(ContributionLogged(source: .whiteboard, text: "QZF-WHITEBOARD-\(tag) camera placement"))
        }
        let location = try server() + "?session=study-\(tag)"
        let team = try PostgresJournal.create(
            location, session: SessionCreated(sessionID: UUID(), title: "Team group", date: date),
            by: "Sam Lead", at: StudyFixture.t0)
        var events: [any EventPayload] = [FacilitatorAdded(name: "Sam Lead", role: .lead)]
        person("P03", "Social worker", name: "Jo Marsh\(tag)", into: &events)
        person("P09", "Conference chair", name: "Ed Voss", into: &events)
        events.append(ContributionLogged(source: .chat, speaker: "P03", text: "QZT-\(tag) families feel watched"))
        events.append(
            ContributionLogged(source: .verbal, speaker: "P09", text: "QZT-REPLY-\(tag) responding to #1, yes"))
        events.append(ContributionLogged(source: .verbal, speaker: "P09", text: "QZT-KEEP-\(tag) chairs set the tone"))
        try team.append(events, by: "Sam Lead", at: StudyFixture.t0 + 5)
        team.close()
        try study.add(location: f.path("group1.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        // The team session takes the study's codebook and checklist on the server.
        try study.add(location: location, strand: "social workers", by: "Sam Lead", at: StudyFixture.t0)
        return (try f.open(), location)
    }

    func testStudyWithdrawalErasesTheSamePersonFromAFileAndATeamSession() throws {
        let f = try StudyFixture()
        let tag = tag("StudyTeamSessionTests.withdraw")
        let (study, location) = try fileAndTeam(f, date: StudyFixture.today(), tag: tag)
        let teamName = "study-\(tag)"
        XCTAssertEqual(study.manifest.sessions.map(\.name), ["group1", teamName])
        XCTAssertEqual(study.manifest.attendance["P03"], ["group1", teamName])
        let teamState = try study.state(of: study.manifest.session(named: teamName)!)
        XCTAssertEqual(
            teamState.codebook.name, BuiltInCodebook.practicePrinciplesName, "study add set the study's codebook")
        // study show reads both.
        let overview = study.overview(today: StudyFixture.today())
        XCTAssertEqual(overview.sessions.map(\.problem), [nil, nil])
        XCTAssertEqual(overview.sessions[1].participants, ["P03", "P09"])
        // Before: the grep can see the team session's words in the table files.
        XCTAssertFalse(
            try relationFilesHolding("QZT-\(tag)", location: location).isEmpty, "the grep sees the text before")

        let receipt = try study.withdraw(
            code: "P03", requestedOn: StudyFixture.today(), by: "Sam Lead", at: Date(),
            today: StudyFixture.today(), dryRun: false)
        XCTAssertEqual(receipt.sessions.map(\.name), ["group1", teamName])
        XCTAssertEqual(
            receipt.sessions.map(\.receipt.erased), [[1, 2], [1, 2]], "their words and the replies to them, in each")
        XCTAssertTrue(receipt.purged)
        // The file: no byte left in it, its -wal or -shm.
        let bytes = f.rawBytes("group1.convene")
        for gone in ["QZF-\(tag)", "QZF-REPLY-\(tag)", "Jo Marsh\(tag)"] {
            XCTAssertFalse(f.contains(gone, in: bytes), "\(gone) is still in the file's bytes")
        }
        XCTAssertTrue(f.contains("QZF-WHITEBOARD-\(tag)", in: bytes), "whiteboard notes stay")
        // The team session: no row holds the words or the name, nor does any relation file.
        let check = try PostgresJournal.open(location)
        defer { check.close() }
        XCTAssertTrue(try check.check().isHealthy)
        for stored in try check.allEvents() where !stored.event.isErased {
            let json = String(decoding: try EventCodec.encode(stored.event.payload), as: UTF8.self)
            XCTAssertFalse(
                json.contains("QZT-\(tag)") || json.contains("QZT-REPLY-\(tag)") || json.contains("Marsh\(tag)"),
                "event \(stored.seq) (\(stored.event.kind)) still holds withdrawn words")
        }
        XCTAssertEqual(check.state.participant("P03")?.withdrawn, true)
        XCTAssertEqual(check.state.liveContributions.map(\.text), ["QZT-KEEP-\(tag) chairs set the tone"])
        for gone in ["QZT-\(tag)", "QZT-REPLY-\(tag)", "Marsh\(tag)"] {
            XCTAssertEqual(
                try relationFilesHolding(gone, location: location), [], "\(gone) is still in a relation file")
        }
        // The study export holds the team session's remaining words and is recorded there too.
        let export = try study.export(format: .json)
        let text = String(decoding: export.data, as: UTF8.self)
        XCTAssertTrue(text.contains("QZT-KEEP-\(tag)"))
        XCTAssertFalse(text.contains("QZT-\(tag) "))
        try study.recordExport(format: .json, fileName: "study.json", by: "Sam Lead", at: Date())
        XCTAssertTrue(
            try study.state(of: study.manifest.session(named: teamName)!).exports.contains { $0.kind == "study-json" })
    }

    func testStudyAnonymiseDestroysTheLinkageOnTheServerToo() throws {
        let f = try StudyFixture()
        let tag = tag("StudyTeamSessionTests.anonymise")
        let (study, location) = try fileAndTeam(f, date: "2020-03-02", tag: tag)
        XCTAssertFalse(
            try relationFilesHolding("Marsh\(tag)", location: location).isEmpty, "the grep sees the name before")
        let result = try study.anonymise(by: "Sam Lead", at: Date(), today: StudyFixture.today())
        XCTAssertEqual(result.namesStillFound, [])
        XCTAssertEqual(result.realNames, 4, "two names in each session's linkage table")
        XCTAssertFalse(f.contains("Marsh\(tag)", in: f.rawBytes("group1.convene")))
        XCTAssertEqual(
            try relationFilesHolding("Marsh\(tag)", location: location), [], "the name is still in a relation file")
        let overview = try f.open().overview(today: StudyFixture.today())
        XCTAssertEqual(overview.linkage, "anonymised")
        XCTAssertEqual(overview.sessions.map(\.anonymisationVerified), [true, true])
    }
}
