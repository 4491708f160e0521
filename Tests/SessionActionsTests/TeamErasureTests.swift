import ConveneTestSupport
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import SessionActions
@testable import TeamStore

/// The test server: `CONVENE_TEST_PG` and its data directory under
/// `CONVENE_PG_DIR` (scripts/pg-test-cluster.sh). Fails loudly without them.
enum TeamServer {
    static func url(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let u = ProcessInfo.processInfo.environment["CONVENE_TEST_PG"], u.hasPrefix("postgres://") else {
            XCTFail(
                "NO POSTGRESQL SERVER: start one with `export CONVENE_PG_DIR=/tmp/pg-X; export CONVENE_TEST_PG=$(scripts/pg-test-cluster.sh start)`",
                file: file, line: line)
            throw TestRun.cannotRun("no PostgreSQL server")
        }
        return u
    }

    static func session(_ prefix: String) throws -> String {
        try url() + "?session=\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The cluster's relation files (tables, indexes, TOAST), where erased text must not survive.
    static func relationFiles() throws -> [String] {
        guard let dir = ProcessInfo.processInfo.environment["CONVENE_PG_DIR"], !dir.isEmpty else {
            XCTFail("CONVENE_PG_DIR is not set: the test cannot find the cluster's data directory to grep")
            throw TestRun.cannotRun("no data directory")
        }
        let base = dir + "/data/base"
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            XCTFail("cannot read \(base) (run the tests as the cluster's owner or as root)")
            throw TestRun.cannotRun("unreadable data directory")
        }
        var files: [String] = []
        for case let name as String in walker {
            let path = base + "/" + name
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files.append(path)
            }
        }
        XCTAssertGreaterThan(files.count, 10, "the data directory holds relation files")
        return files
    }

    /// The relation files holding `needle`.
    static func filesHolding(_ needle: String) throws -> [String] {
        let bytes = Data(needle.utf8)
        return try relationFiles().filter { path in
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return data.range(of: bytes) != nil
        }
    }
}

/// Withdrawal and anonymisation on a team session remove the payloads from
/// the server: rows keep their place and hash, the bytes leave the table files.
final class TeamErasureTests: XCTestCase {
    func testWithdrawalOnATeamSessionLeavesNoByteInTheTableFiles() throws {
        let location = try TeamServer.session("withdraw")
        let marker = "Zanzibar-\(UUID().uuidString.prefix(6))"
        let t0 = Date()
        let outbox = try Outbox(path: NSTemporaryDirectory() + "convene-outbox-\(UUID().uuidString.prefix(8)).sqlite")
        let journal = try PostgresJournal.create(
            location,
            session: SessionCreated(
                sessionID: UUID(), title: "Team",
                date: SessionDate.format(t0)), by: "Sam Lead", at: t0, outbox: outbox)
        defer { journal.close() }
        let lead = ActingUser(name: "Sam Lead", role: .lead)
        for command: SessionCommand in [
            .addFacilitator(name: "Sam Lead", role: .lead),
            .addParticipant(NewParticipant(code: "P03", jobRole: "Youth worker", realName: "Rowan \(marker)name")),
            .addParticipant(NewParticipant(code: "P04", jobRole: "Nurse")),
            .log(NewContribution(source: .chat, speaker: "3", text: "My \(marker) story about the case")),
            .log(NewContribution(source: .chat, speaker: "p4", text: "Replying: \(marker) was brave", replyTo: [1])),
            .log(NewContribution(source: .whiteboard, text: "Anonymous note stays")),
            .tag(number: 1, code: "\(marker)-code", emergent: true),
        ] {
            try SessionActions.perform(command, by: lead, on: journal, at: t0)
        }
        // The grep can see it before: flushed to the table files, the text is there.
        let admin = PostgresLink(location: try PostgresLocation(parsing: location), password: nil)
        try admin.connect()
        defer { admin.close() }
        try admin.run("CHECKPOINT")
        XCTAssertFalse(
            try TeamServer.filesHolding(marker).isEmpty, "before the withdrawal the text is in the table files")

        let outcome = try SessionActions.perform(
            .withdraw(WithdrawalOrder(participant: "3")), by: lead, on: journal, at: t0)
        guard case .withdrawal(let receipt) = outcome.result else { return XCTFail("no receipt") }
        XCTAssertEqual(receipt.erased, [1, 2], "their contribution and the direct response")
        XCTAssertTrue(receipt.purged, "VACUUM FULL and CHECKPOINT ran")

        // Every row of every table, as the superuser sees them.
        let check = try PostgresJournal.open(location, outbox: nil)
        defer { check.close() }
        let report = try check.check()
        XCTAssertTrue(report.isHealthy, "\(report.problems)")
        XCTAssertGreaterThanOrEqual(report.erased, 4, "contribution, response, tag and real name rows are content-free")
        for stored in try check.allEvents() where !stored.event.isErased {
            let json = String(decoding: try EventCodec.encode(stored.event.payload), as: UTF8.self)
            XCTAssertFalse(
                json.contains(marker), "event \(stored.seq) (\(stored.event.kind)) still holds the withdrawn text")
        }
        XCTAssertEqual(check.state.contributions.filter { !$0.erased }.map(\.text), ["Anonymous note stays"])
        XCTAssertEqual(try TeamServer.filesHolding(marker), [], "the withdrawn text is in a relation file")
    }
}
