import ConveneTestSupport
import Foundation
import XCTest

/// Attacks on a session file from outside, with the sqlite3 command-line tool
/// and a script of our own that recomputes the (unkeyed) hash chain, each of
/// which `convene check` must name with exit status 3. And the promises of
/// `withdraw` and `anonymise` checked in the raw bytes while a console is open.
final class TamperEvidenceCLITests: XCTestCase {
    var dir: URL!
    var anchors: String!
    let pass = ["CONVENE_TEST_PASSPHRASE": "otter kettle ninety lanterns"]

    override func setUpWithError() throws {
        dir = try ConveneProcess.tempDir()
        anchors = dir.appendingPathComponent("anchors").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            XCTFail("these tests attack files with the sqlite3 command-line tool: apt-get install sqlite3")
            throw TestRun.cannotRun("sqlite3 is not installed (apt-get install sqlite3)")
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Every run keeps its anchors in the test's own folder.
    func env(_ extra: [String: String] = [:]) -> [String: String] {
        var e = extra
        e["CONVENE_ANCHORS"] = anchors
        return e
    }

    @discardableResult
    func convene(_ args: [String], encrypted: Bool = false, anchors: Bool = true) throws -> ConveneProcess.Result {
        var e = env(encrypted ? pass : [:])
        if !anchors { e["CONVENE_ANCHORS"] = path("no-anchors-here") }
        var all = args
        // Options go before `--`: after it, everything is text.
        if encrypted {
            all.insert(
                contentsOf: ["--passphrase-env", "CONVENE_TEST_PASSPHRASE"], at: all.firstIndex(of: "--") ?? all.count)
        }
        return try ConveneProcess.ok(all, env: e)
    }

    func check(_ f: String, encrypted: Bool = false, anchors: Bool = true, extra: [String] = []) throws
        -> ConveneProcess.Result
    {
        var e = env(encrypted ? pass : [:])
        if !anchors { e["CONVENE_ANCHORS"] = path("no-anchors-here") }
        return try ConveneProcess.run(
            ["check", f] + extra + (encrypted ? ["--passphrase-env", "CONVENE_TEST_PASSPHRASE"] : []), env: e)
    }

    func assertDamage(_ r: ConveneProcess.Result, _ words: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 3, "check must fail: \(r.stdout) \(r.stderr)", file: file, line: line)
        XCTAssertTrue(
            r.stdout.contains("damage:") && r.stdout.contains(words), "no sentence naming '\(words)':\n\(r.stdout)",
            file: file, line: line)
    }

    @discardableResult
    func sqlite(_ f: String, _ sql: String) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [f, sql]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A session with a participant, contributions and a concern.
    func makeSession(_ f: String, encrypted: Bool = false) throws {
        try convene(["new", f, "--title", "Tamper"], encrypted: encrypted)
        try convene(["participant", "add", f, "--code", "P01", "--role", "Youth worker"], encrypted: encrypted)
        try convene(
            ["log", f, "--source", "chat", "--speaker", "P01", "--", "first point about detached youth work"],
            encrypted: encrypted)
        try convene(
            [
                "flag", f, "--contribution", "1", "--category", "risk-to-child-or-young-person", "--urgency",
                "immediate",
                "--", "a child named in the room may be at risk",
            ], encrypted: encrypted)
        try convene(
            ["log", f, "--source", "chat", "--speaker", "P01", "--", "second point about schools"], encrypted: encrypted
        )
        try convene(
            ["log", f, "--source", "chat", "--speaker", "P01", "--", "third point about transport"],
            encrypted: encrypted)
        XCTAssertEqual(try check(f, encrypted: encrypted).status, 0)
    }

    /// Deletes rows, edits payloads or renames JSON keys, then renumbers and
    /// recomputes commitments and the unkeyed SHA-256 chain from the first
    /// changed row on, as an attacker who read docs/file-format.md would.
    static let recompute = #"""
        import hashlib, sqlite3, struct, sys
        path, op = sys.argv[1], sys.argv[2]
        db = sqlite3.connect(path)
        db.execute("DROP TRIGGER IF EXISTS events_append_only")
        db.execute("DROP TRIGGER IF EXISTS events_no_delete")
        rows = db.execute("SELECT seq,id,kind,version,at_ms,actor,restricted,payload,salt,commitment,hash FROM events ORDER BY seq").fetchall()
        first = None
        out = []
        for r in rows:
            r = list(r)
            if op == "delete-kind" and r[2] == sys.argv[3]:
                first = r[0] if first is None else first
                continue
            if op in ("edit", "rename-key") and r[7] is not None and sys.argv[3].encode() in r[7]:
                r[7] = r[7].replace(sys.argv[3].encode(), sys.argv[4].encode())
                first = r[0] if first is None else first
            out.append(r)
        db.execute("DELETE FROM events")
        f = lambda b: struct.pack(">I", len(b)) + b
        prev = b"\0" * 32
        for i, r in enumerate(out, 1):
            seq, id_, kind, version, at_ms, actor, restricted, payload, salt, commitment, h = r
            if first is not None and seq >= first:
                if payload is not None:
                    commitment = hashlib.sha256(salt + payload).digest()
                msg = (f(prev) + f(str(i).encode()) + f(id_.encode()) + f(kind.encode()) + f(str(version).encode())
                       + f(str(at_ms).encode()) + f(actor.encode()) + f(bytes([1 if restricted else 0])) + f(commitment))
                h = hashlib.sha256(msg).digest()
            db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (i, id_, kind, version, at_ms, actor, restricted, payload, salt, commitment, h))
            prev = h
        db.execute("DELETE FROM snapshot")
        db.commit()
        """#

    func attack(_ f: String, _ args: [String]) throws {
        let script = path("recompute.py")
        try Self.recompute.write(toFile: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [script, f] + args
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "the attack script failed")
    }

    // MARK: Attacks

    func testTheTriggerRefusesToEraseAConcernAndCheckNamesANulledOne() throws {
        let f = path("concern.convene")
        try makeSession(f)
        let refused = try sqlite(f, "UPDATE events SET payload = NULL, salt = NULL WHERE kind = 'concern.raised';")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.out.contains("never be erased"), refused.out)
        // Without the trigger, the row is cleared as an erasure would clear it.
        try sqlite(
            f,
            "DROP TRIGGER events_append_only; UPDATE events SET payload = NULL, salt = NULL WHERE kind = 'concern.raised';"
        )
        let r = try check(f)
        assertDamage(r, "a safeguarding concern's content was deleted")
        XCTAssertFalse(r.stdout.contains("erased by"), r.stdout)
    }

    func testAContributionClearedWithoutAnErasureRecordIsDamage() throws {
        let f = path("cleared.convene")
        try makeSession(f)
        try sqlite(
            f,
            "UPDATE events SET payload = NULL, salt = NULL WHERE kind = 'contribution.logged' AND seq = (SELECT min(seq) FROM events WHERE kind = 'contribution.logged');"
        )
        assertDamage(try check(f), "no withdrawal or anonymisation lists it")
    }

    func testDeletingTheJournalTailIsCaughtByTheAnchor() throws {
        let f = path("tail.convene")
        try makeSession(f)
        try sqlite(
            f,
            "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq > (SELECT max(seq) - 2 FROM events); DELETE FROM snapshot;"
        )
        let r = try check(f)
        assertDamage(r, "the last 2 events were removed")
        // Without any anchor, the cut journal is self-consistent: check says it has nothing to compare with.
        let bare = try check(f, anchors: false)
        XCTAssertEqual(bare.status, 0, bare.stdout)
        XCTAssertTrue(bare.stdout.contains("no anchor or receipt"), bare.stdout)
    }

    /// Issue 19: every export records the journal head, and `check --against EXPORT` holds the journal to it.
    func testEveryExportRecordsTheJournalHeadAndCheckHoldsTheJournalToIt() throws {
        let f = path("exported.convene")
        try makeSession(f)
        try convene(["consent", f, "P01"])
        var exports: [String] = []
        for format in ["json", "csv", "quotes-csv", "markdown", "html", "docx", "qdpx", "qdc", "safeguarding"] {
            let out = path("export-\(format)")
            try convene(["export", f, "--format", format, "-o", out])
            exports.append(out)
            let ok = try check(f, anchors: false, extra: ["--against", out])
            XCTAssertEqual(ok.status, 0, "\(format): \(ok.stdout) \(ok.stderr)")
            XCTAssertTrue(ok.stdout.contains("its end matches the receipt given"), "\(format): \(ok.stdout)")
        }
        // The head is the only difference between two exports of the same state.
        let json = try String(contentsOfFile: exports[0], encoding: .utf8)
        XCTAssertTrue(json.contains("\"journalHead\""), json)
        // Cut the journal's tail back past the first export's head (the event before its export record): every
        // export now names a journal that no longer reaches its head.
        try sqlite(
            f,
            "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq >= (SELECT min(seq) FROM events WHERE kind = 'export.recorded') - 1; DELETE FROM snapshot;"
        )
        for out in exports {
            let r = try check(f, anchors: false, extra: ["--against", out])
            XCTAssertEqual(r.status, 3, "\(out): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains("damage:"), "\(out): \(r.stdout)")
        }
        // A file with no head is refused with one sentence.
        let plain = path("plain.txt")
        try Data("nothing here\n".utf8).write(to: URL(fileURLWithPath: plain))
        let refused = try check(f, anchors: false, extra: ["--against", plain])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("holds no journal head"), refused.stderr)
    }

    func testDeletingAConcernAndRecomputingAnEncryptedChainFailsWithoutTheKey() throws {
        let f = path("sealed.convene")
        try makeSession(f, encrypted: true)
        try attack(f, ["delete-kind", "concern.raised"])
        // No anchor to help: the keyed chain alone must catch it.
        let r = try check(f, encrypted: true, anchors: false)
        assertDamage(r, "the hash chain breaks here")
    }

    func testEditingAPayloadOfAPlainFileIsDamageAndRecomputingIsCaughtByAnchorOrReceipt() throws {
        let f = path("plain.convene")
        try makeSession(f)
        // A plain edit: the commitment no longer matches.
        let copy = path("plain-copy.convene")
        try FileManager.default.copyItem(atPath: f, toPath: copy)
        try sqlite(
            copy,
            "DROP TRIGGER events_append_only; UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'schools', 'college') AS BLOB) WHERE kind = 'contribution.logged';"
        )
        assertDamage(try check(copy, anchors: false), "its content was changed after it was written")
        // Recomputed commitments and chain: caught by this machine's anchor…
        let receipt = path("receipt.json")
        let head = try convene(["withdraw", f, "P01", "--dry-run", "--json"])
        XCTAssertFalse(head.stdout.isEmpty)
        try attack(f, ["edit", "schools", "college"])
        assertDamage(try check(f), "the hash chain recomputed")
        // …and by a receipt that recorded the head, where no anchor is kept.
        let journal = try XCTUnwrap(try JSONSerialization.jsonObject(with: head.stdoutData) as? [String: Any])
        let recorded = try XCTUnwrap(journal["journalHead"])
        try JSONSerialization.data(withJSONObject: ["journalHead": recorded]).write(to: URL(fileURLWithPath: receipt))
        assertDamage(
            try check(f, anchors: false, extra: ["--against", receipt]), "differs from what the receipt recorded")
    }

    func testARenamedJSONKeyFailsCheckEvenWithTheChainRecomputed() throws {
        let f = path("renamed.convene")
        try makeSession(f)
        try attack(f, ["rename-key", "\"speaker\"", "\"speeker\""])
        let r = try check(f, anchors: false)
        assertDamage(r, "has a field Convene never writes ('speeker')")
        let r2 = try check(f)
        assertDamage(r2, "the hash chain recomputed")
    }

    func testWithdrawalAndAnonymisationLeaveACleanCheckWithTheirRecords() throws {
        for encrypted in [false, true] {
            let f = path(encrypted ? "erasure-sealed.convene" : "erasure.convene")
            try makeSession(f, encrypted: encrypted)
            try convene(["withdraw", f, "P01"], encrypted: encrypted)
            let r = try check(f, encrypted: encrypted)
            XCTAssertEqual(r.status, 0, r.stdout)
            XCTAssertTrue(r.stdout.contains("erased by withdrawal or anonymisation, as recorded"), r.stdout)
            XCTAssertTrue(r.stdout.contains(encrypted ? "keyed hash chain intact" : "hash chain intact"), r.stdout)
        }
    }

    func testNewSessionFilesAreOnlyReadableByTheirOwner() throws {
        let f = path("mode.convene")
        try makeSession(f)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: f + suffix) {
            let mode = (try FileManager.default.attributesOfItem(atPath: f + suffix)[.posixPermissions] as? Int) ?? 0
            XCTAssertEqual(mode & 0o077, 0, "\(suffix.isEmpty ? "the file" : suffix) is mode \(String(mode, radix: 8))")
        }
    }

    // MARK: Erasure keeps its word while a console is open

    /// Real name written by others, in a concern, an edit, a redaction record
    /// and a strike reason; a console open on the file throughout.
    func testWithdrawAndAnonymiseLeaveNoByteOfTheNamesWithAConsoleOpen() throws {
        for step in ["withdraw", "anonymise"] {
            let f = path("\(step).convene")
            let real = "Quillon Marwick\(step == "withdraw" ? "" : "e")"
            let blocked = "Tamsinbel Orrow"
            try convene(
                ["new", f, "--title", "Names"]
                    + (step == "withdraw" ? [] : ["--date", "2026-01-05", "--withdrawal-days", "1"]))
            try convene(["facilitator", "add", f, "Test Runner", "--role", "lead"])
            try convene(["participant", "add", f, "--code", "P01", "--role", "Youth worker", "--name", real])
            try convene(["participant", "add", f, "--code", "P02", "--role", "Social worker"])
            try convene(["blocklist", "add", f, blocked])
            try convene([
                "log", f, "--source", "chat", "--speaker", "P01", "--",
                "my own point about detached youth work at night",
            ])
            try convene([
                "log", f, "--source", "chat", "--speaker", "P02", "--",
                "Quillon Marwick\(step == "withdraw" ? "" : "e") and \(blocked) both said marwick\(step == "withdraw" ? "" : "e") knows",
            ])
            try convene(["log", f, "--source", "verbal", "--speaker", "P02", "--", "an early draft naming quillon"])
            try convene(["edit", f, "3", "--", "a later draft naming nobody"])
            try convene([
                "flag", f, "--contribution", "2", "--category", "risk-to-adult", "--urgency", "same-day",
                "--", "Quillon told P02 about \(blocked)",
            ])
            let t = try Tmux(conveneCommand("open '\(f)'", user: "Ira Notes", after: "sleep 60") + "")
            defer { t.kill() }
            XCTAssertNotNil(try t.waitFor("Rooms", timeout: 10), t.screen())
            let args = step == "withdraw" ? ["withdraw", f, "P01"] : ["anonymise", f]
            let r = try ConveneProcess.run(args, env: env())
            XCTAssertTrue([0, 4].contains(r.status), "\(step): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("placeholder"), r.stdout)
            if r.status == 4 {
                // The console held the file during the compaction: purge once it has let go.
                t.kill()
                try convene(["purge", f])
            } else {
                // The open console has taken the rewrite in (and written whatever it writes on a change).
                t.expect("[PERSON", "the console shows the rewritten names")
            }
            let names =
                step == "withdraw"
                ? ["Quillon", "Marwick", "quillon", "marwick"]
                : ["Quillon", "Marwicke", "quillon", "marwicke", "Tamsinbel", "Orrow"]
            let bytes = ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: f + $0) }.reduce(
                Data(), +)
            for n in names {
                XCTAssertNil(bytes.range(of: Data(n.utf8)), "\(step): \(n) is still in the raw bytes")
                XCTAssertNil(
                    bytes.range(of: Data(n.uppercased().utf8)), "\(step): \(n.uppercased()) is still in the raw bytes")
            }
            t.kill()
            let after = try check(f)
            XCTAssertEqual(after.status, 0, "\(step): \(after.stdout)")
            XCTAssertTrue(after.stdout.contains("rewritten to remove names"), after.stdout)
            let list = try convene(["list", f]).stdout
            XCTAssertTrue(list.contains("[PERSON"), list)
        }
    }

    /// A draft typed in an open console that names the leaving person: the
    /// withdrawal from another terminal erases it, the console drops it, and a
    /// key pressed afterwards does not bring it back into the file.
    func testAnOpenConsoleDropsADraftAWithdrawalErased() throws {
        let f = path("draft.convene")
        let draftWords = "Zebulonry asked whether P01 should be followed up"
        try convene(["new", f, "--title", "Drafts"])
        try convene(["participant", "add", f, "--code", "P01", "--role", "Youth worker", "--name", "Zebulonry Fitch"])
        try convene(["log", f, "--source", "chat", "--speaker", "P01", "--", "a point of mine"])
        let t = try Tmux(conveneCommand("open '\(f)'", user: "Ira Notes", after: "sleep 60"))
        defer { t.kill() }
        XCTAssertNotNil(try t.waitFor("Rooms", timeout: 10), t.screen())
        try t.type(draftWords)
        XCTAssertNotNil(try t.waitFor("Zebulonry asked", timeout: 5), t.screen())
        // Wait until the draft is in the file, as it would be after a pause in typing.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline,
            (try sqlite(f, "SELECT count(*) FROM console_drafts WHERE length(draft) > 10;")).out.hasPrefix("0")
        {
            usleep(50_000)
        }
        let r = try ConveneProcess.run(["withdraw", f, "P01"], env: env())
        XCTAssertTrue([0, 4].contains(r.status), r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("console drafts erased"), r.stdout)
        XCTAssertNotNil(try t.waitFor("erased too", timeout: 5), "the console did not drop the draft:\n\(t.screen())")
        try t.type("x")
        // The console saves its line at most every half second: wait until the line it saves is the new one.
        XCTAssertTrue(
            eventually(timeout: 10) {
                (try? sqlite(f, "SELECT count(*) FROM console_drafts WHERE CAST(draft AS TEXT) = 'x';").out.hasPrefix(
                    "0")) == false
            }, "the console never saved its new line")
        t.kill()
        try convene(["purge", f])
        let bytes = ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: f + $0) }.reduce(Data(), +)
        XCTAssertNil(bytes.range(of: Data("Zebulonry".utf8)), "the erased draft came back")
        let drafts = try sqlite(f, "SELECT draft FROM console_drafts;").out
        XCTAssertFalse(drafts.contains("asked whether"), drafts)
    }
}
