import Foundation
import GRDB
import SessionModel
import SessionStore
import XCTest

/// `convene withdraw`, `anonymise`, `rekey`, `purge`, `consent` and encrypted
/// sessions, end to end through the built binary, down to the raw bytes.
final class DataProtectionCLITests: XCTestCase {
    var dir: URL!
    let pass = ["CONVENE_TEST_PASSPHRASE": "otter kettle ninety lanterns"]
    let today = SessionDate.format(Date())

    override func setUpWithError() throws { dir = try ConveneProcess.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    func marker(_ tag: String) -> String {
        "ZQX\(tag)\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20))"
    }

    /// The file, its WAL and its shared memory, as bytes (whichever exist).
    func raw(_ p: String) -> Data {
        ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: p + $0) }.reduce(Data(), +)
    }

    func assertNoneInRawBytes(_ strings: [String], _ p: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = raw(p)
        for s in strings {
            XCTAssertNil(
                bytes.range(of: Data(s.utf8)), "\(s) is still in the raw bytes of \(p)", file: file, line: line)
        }
    }

    func json(_ r: ConveneProcess.Result) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], r.stdout)
    }

    func listed(_ f: String, env: [String: String] = [:]) throws -> [[String: Any]] {
        try ConveneProcess.ok(
            ["list", f, "--json"] + (env.isEmpty ? [] : ["--passphrase-env", "CONVENE_TEST_PASSPHRASE"]), env: env
        ).lines.map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    // MARK: Withdrawal of a generated session

    /// Five participants, 50 contributions with reply links (some "responding to #N"),
    /// whiteboard notes, a concern and an export, built through the store.
    func generatedSession(_ f: String, seed: UInt64) throws {
        let j = try SQLiteJournal.create(
            path: f, session: SessionCreated(sessionID: UUID(), title: "Generated", date: today, withdrawalDays: 14),
            by: "Sam Lead", at: Date())
        try j.append(
            [FacilitatorAdded(name: "Sam Lead", role: .lead)]
                + (1...5).map { ParticipantAdded(code: "P0\($0)", jobRole: "Role \($0)") }
                + [RealNameRecorded(code: "P03", name: "Generated Realname")], by: "Sam Lead", at: Date())
        var rng = seed
        func next(_ n: UInt64) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % n)
        }
        for n in 1...50 {
            let earlier = n > 1 ? next(UInt64(n - 1)) + 1 : 0
            let kind = next(10)
            let payload: ContributionLogged
            switch kind {
            case 0:
                payload = ContributionLogged(
                    source: .whiteboard, text: "board note \(n)", replyTo: n > 1 && next(2) == 0 ? [earlier] : [])
            case 1: payload = ContributionLogged(source: .facilitator, text: "prompt \(n)")
            case 2 where n > 1:
                payload = ContributionLogged(
                    source: .chat, speaker: "P0\(next(5) + 1)", text: "Responding to #\(earlier): point \(n)")
            default:
                payload = ContributionLogged(
                    source: .verbal, speaker: "P0\(next(5) + 1)", text: "point \(n)",
                    replyTo: n > 1 && next(10) < 4 ? [earlier] : [])
            }
            try j.append([payload], by: "Ira", at: Date())
        }
        // Guarantee every shape: P03 speaks, is answered, the answer is answered, a whiteboard note answers P03.
        try j.append(
            [ContributionLogged(source: .verbal, speaker: "P03", text: "P03 guaranteed")], by: "Ira", at: Date())
        let own = j.state.contributions.count
        try j.append(
            [ContributionLogged(source: .chat, speaker: "P01", text: "answer", replyTo: [own])], by: "Ira", at: Date())
        try j.append(
            [
                ContributionLogged(source: .chat, speaker: "P02", text: "answer to the answer", replyTo: [own + 1]),
                ContributionLogged(source: .whiteboard, text: "board answer", replyTo: [own]),
                CodeTagged(number: own, code: "Trust"), ThemeCreated(title: "Cameras"),
                ThemeLinked(theme: 1, number: own),
                ConcernRaised(
                    contributions: [own], participant: "P03", category: .riskToChildOrYoungPerson, urgency: .sameDay,
                    description: "kept"),
                ExportRecorded(format: "docx", fileName: "transcript-before.docx"),
            ], by: "Ira", at: Date())
        try j.close()
    }

    /// The closure as the tests understand it: reply-to and "responding to #N" links, whiteboard kept.
    func expected(_ list: [[String: Any]], code: String) -> (own: Set<Int>, direct: Set<Int>, chain: Set<Int>) {
        var links: [Int: Set<Int>] = [:]
        var source: [Int: String] = [:]
        for c in list {
            let n = c["number"] as! Int
            var l = Set(c["replyTo"] as? [Int] ?? [])
            if let text = c["text"] as? String, let r = text.range(of: "Responding to #") {
                l.insert(Int(text[r.upperBound...].prefix { $0.isNumber })!)
            }
            links[n] = l
            source[n] = c["source"] as? String
        }
        let own = Set(list.filter { $0["speaker"] as? String == code }.map { $0["number"] as! Int })
        func respondents(_ targets: Set<Int>) -> Set<Int> {
            Set(links.filter { !$0.value.isDisjoint(with: targets) && source[$0.key] != "whiteboard" }.map(\.key))
        }
        let direct = respondents(own).subtracting(own)
        var chain = Set<Int>()
        while true {
            let more = respondents(direct.union(chain)).subtracting(own).subtracting(direct).subtracting(chain)
            if more.isEmpty { break }
            chain.formUnion(more)
        }
        return (own, direct, chain)
    }

    func testWithdrawalRemovesExactlyTheirContributionsAndDirectResponsesAndWithCascadeTheChain() throws {
        for cascade in [false, true] {
            let f = path(cascade ? "cascade.convene" : "direct.convene")
            try generatedSession(f, seed: 42)
            let before = try listed(f)
            let whiteboard = before.filter { $0["source"] as? String == "whiteboard" }.count
            let want = expected(before, code: "P03")
            XCTAssertFalse(want.own.isEmpty)
            XCTAssertFalse(want.direct.isEmpty)
            XCTAssertFalse(want.chain.isEmpty)

            let dry = try json(
                ConveneProcess.ok(["withdraw", f, "P03", "--dry-run", "--json"] + (cascade ? ["--cascade"] : [])))
            XCTAssertEqual(dry["dryRun"] as? Bool, true)
            XCTAssertEqual(try listed(f).count, before.count)
            XCTAssertEqual(try listed(f).filter { $0["erased"] as? Bool == true }.count, 0, "a dry run changes nothing")

            let receipt = try json(
                ConveneProcess.ok(["withdraw", f, "P03", "--json"] + (cascade ? ["--cascade"] : [])))
            let erased = want.own.union(want.direct).union(cascade ? want.chain : [])
            XCTAssertEqual(Set(receipt["erased"] as! [Int]), erased)
            XCTAssertEqual(dry["erased"] as! [Int], receipt["erased"] as! [Int])
            XCTAssertEqual(Set(receipt["own"] as! [Int]), want.own)
            XCTAssertEqual(Set(receipt["directResponses"] as! [Int]), want.direct)
            XCTAssertEqual(Set(receipt["chainForReview"] as! [Int]), cascade ? [] : want.chain)
            XCTAssertEqual(receipt["whiteboardNotesKept"] as? Int, whiteboard)
            XCTAssertEqual(receipt["concernsKept"] as? [Int], [1])
            XCTAssertEqual(receipt["realNameErased"] as? Bool, true)
            XCTAssertEqual(receipt["purged"] as? Bool, true)
            XCTAssertEqual(
                (receipt["exportsBefore"] as? [[String: Any]])?.map { $0["file"] as? String },
                ["transcript-before.docx"])

            let after = try listed(f)
            XCTAssertEqual(after.count, before.count, "numbers are kept")
            for (b, a) in zip(before, after) {
                let n = b["number"] as! Int
                if erased.contains(n) {
                    XCTAssertEqual(a["erased"] as? Bool, true, "#\(n)")
                    XCTAssertNil(a["text"] as? String, "#\(n)")
                } else {
                    XCTAssertEqual(a["erased"] as? Bool, false, "#\(n) must stay")
                    XCTAssertEqual(a["text"] as? String, b["text"] as? String, "#\(n) must be untouched")
                    XCTAssertEqual(a["codes"] as? [String], b["codes"] as? [String])
                }
                if b["source"] as? String == "whiteboard" {
                    XCTAssertEqual(a["erased"] as? Bool, false, "whiteboard notes stay")
                }
            }
            let show = try json(ConveneProcess.ok(["show", f, "--json"]))
            XCTAssertEqual(show["openConcerns"] as? Int, 1, "the concern stays")
            XCTAssertEqual(show["withdrawals"] as? Int, 1)
            XCTAssertEqual(
                (show["participants"] as? [[String: Any]])?.first { $0["code"] as? String == "P03" }?["withdrawn"]
                    as? Bool, true)
            XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.hasPrefix("ok:"))
            assertNoneInRawBytes(["Generated Realname", "P03 guaranteed"], f)

            let text = try ConveneProcess.run(["withdraw", f, "P03"])
            XCTAssertNotEqual(text.status, 0)
            XCTAssertTrue(text.stderr.contains("already withdrawn"), text.stderr)
        }
    }

    func testTheReceiptSaysWhatWentWhatStayedAndWhichExportsToDelete() throws {
        let f = path("receipt.convene")
        try generatedSession(f, seed: 5)
        let r = try ConveneProcess.ok(["withdraw", f, "P03", "--requested-on", today])
        XCTAssertTrue(r.stdout.contains("withdrawal receipt: P03"), r.stdout)
        XCTAssertTrue(r.stdout.contains("whiteboard note"), r.stdout)
        XCTAssertTrue(r.stdout.contains("safeguarding concern #1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("transcript-before.docx"), r.stdout)
        XCTAssertTrue(r.stdout.contains("delete these copies outside Convene"), r.stdout)
        XCTAssertTrue(r.stdout.contains("for review, not erased"), r.stdout)
        XCTAssertTrue(r.stdout.contains("no byte of the erased text remains"), r.stdout)
    }

    // MARK: Physical erasure, byte by byte

    func testWithdrawnTextIsGoneFromTheFileItsWalAndShm() throws {
        let f = path("bytes.convene")
        try ConveneProcess.ok(["new", f, "--title", "Bytes", "--date", today])
        let realName = marker("name")
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Youth worker"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P03", "--role", "Social worker", "--name", realName])
        var theirs: [String] = [realName]
        var others: [String] = []
        for i in 0..<4 {
            let m = marker("p03said\(i)")
            theirs.append(m)
            try ConveneProcess.ok([
                "log", f, "--source", i % 2 == 0 ? "verbal" : "chat", "--speaker", "P03", "--", "I said", m,
            ])
            let o = marker("p01said\(i)")
            others.append(o)
            try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "Another point", o])
        }
        let reply = marker("reply")
        theirs.append(reply)
        try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "P01", "--reply-to", "1", "--", "answering", reply,
        ])
        let edit = marker("edit")
        let code = marker("code")
        let note = marker("note")
        let strike = marker("strike")
        theirs += [edit, code, note, strike]
        try ConveneProcess.ok(["edit", f, "3", "--", "corrected", edit])
        try ConveneProcess.ok(["tag", f, "1", "--emergent", code])
        try ConveneProcess.ok(["remind", f, "1", "--note", note])
        try ConveneProcess.ok(["strike", f, "5", "--reason", strike])
        try ConveneProcess.ok(["theme", "add", f, "Cameras"])
        try ConveneProcess.ok(["theme", "link", f, "1", "1", "2"])
        let board = marker("board")
        others.append(board)
        try ConveneProcess.ok(["log", f, "--source", "whiteboard", "--", "board", board])
        XCTAssertNotNil(raw(f).range(of: Data(theirs[1].utf8)), "the scan must see text before it is erased")

        try ConveneProcess.ok(["withdraw", f, "P03"])
        assertNoneInRawBytes(theirs, f)
        let kept = raw(f)
        for o in others { XCTAssertNotNil(kept.range(of: Data(o.utf8)), "\(o) was not theirs and must stay") }
        XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.contains("erased by withdrawal"))
        let list = try listed(f)
        XCTAssertEqual(list.filter { $0["erased"] as? Bool == true }.map { $0["number"] as! Int }, [1, 3, 5, 7, 9])
    }

    func testAReaderHoldingTheFileDelaysThePurgeAndPurgeFinishesIt() throws {
        let f = path("held.convene")
        try ConveneProcess.ok(["new", f, "--title", "Held", "--date", today])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Nurse"])
        let said = marker("held")
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", said])
        // Another program (a console) in the middle of a read keeps the WAL in use.
        let reader = try DatabaseQueue(path: f)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? reader.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM events")
                holding.signal()
                release.wait()
            }
            done.signal()
        }
        holding.wait()
        let r = try ConveneProcess.run(["withdraw", f, "P01"])
        release.signal()
        done.wait()
        try reader.close()
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("convene purge"), r.stderr)
        XCTAssertTrue(r.stdout.contains("could not be compacted yet"), r.stdout)
        try ConveneProcess.ok(["purge", f])
        assertNoneInRawBytes([said], f)
        XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.contains("1 erased by withdrawal"))
    }

    /// A name leaving the session's lists (withdrawal, anonymising) is redacted
    /// first wherever others wrote it, so no later export depends on the scanner
    /// finding it unaided.
    func testNamesLeavingTheListsAreRedactedWhereverTheyAreStillWritten() throws {
        let f = path("leaving.convene")
        try ConveneProcess.ok(["new", f, "--title", "Leaving", "--date", today, "--withdrawal-days", "14"])
        try ConveneProcess.ok([
            "participant", "add", f, "--code", "P01", "--role", "Police officer", "--name", "Zorbek Quillfeather",
        ])
        try ConveneProcess.ok([
            "participant", "add", f, "--code", "P02", "--role", "Nurse", "--name", "Ysolde Marchbank",
        ])
        for code in ["P01", "P02"] { try ConveneProcess.ok(["consent", f, code]) }
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "Mine to withdraw"])
        try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "P02", "--", "as zorbek said, the thresholds differ",
        ])
        try ConveneProcess.ok(["withdraw", f, "P01"])
        let csv = path("after-withdrawal.csv")
        try ConveneProcess.ok(["export", f, "--format", "csv", "-o", csv])
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertFalse(text.localizedCaseInsensitiveContains("zorbek"), text)
        XCTAssertTrue(text.contains("the thresholds differ"), "the other participant's words stay")

        // Anonymising destroys the linkage table and the block-list (after the window).
        let old = path("old.convene")
        try ConveneProcess.ok(["new", old, "--title", "Old", "--date", "2026-01-05", "--withdrawal-days", "14"])
        try ConveneProcess.ok([
            "participant", "add", old, "--code", "P01", "--role", "Nurse", "--name", "Ysolde Marchbank",
        ])
        try ConveneProcess.ok(["consent", old, "P01"])
        let jo = try SQLiteJournal.open(path: old)
        try jo.append([BlocklistNameAdded(name: "Wenceslas Ombry")], by: "Sam", at: Date())
        try jo.close()
        try ConveneProcess.ok([
            "log", old, "--source", "chat", "--speaker", "P01", "--", "ysolde here; wenceslas ombry runs that team",
        ])
        let r = try ConveneProcess.ok(["anonymise", old])
        XCTAssertTrue(r.stdout.contains("redacted 2 places"), r.stdout)
        let out = path("anon.csv")
        try ConveneProcess.ok(["export", old, "--format", "csv", "-o", out])
        let anon = try String(contentsOfFile: out, encoding: .utf8)
        for word in ["ysolde", "wenceslas", "ombry"] {
            XCTAssertFalse(anon.localizedCaseInsensitiveContains(word), anon)
        }
        XCTAssertTrue(anon.contains("runs that team"))
    }

    func testAnonymiseDestroysRealNamesPhysicallyAfterTheWindow() throws {
        let f = path("anon.convene")
        try ConveneProcess.ok(["new", f, "--title", "Old", "--date", "2026-01-05", "--withdrawal-days", "14"])
        let names = (1...3).map { marker("realname\($0)") }
        for (i, name) in names.enumerated() {
            try ConveneProcess.ok([
                "participant", "add", f, "--code", "P0\(i + 1)", "--role", "Police officer", "--name", name,
            ])
        }
        let blocked = marker("blocked")
        let j = try SQLiteJournal.open(path: f)
        try j.append([BlocklistNameAdded(name: blocked)], by: "Sam", at: Date())
        try j.close()
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "Kept words"])
        XCTAssertTrue(try ConveneProcess.ok(["show", f]).stdout.contains(", linked,"))

        let r = try ConveneProcess.ok(["anonymise", f])
        XCTAssertTrue(r.stdout.contains("destroyed 3 real names"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1 block-listed name"), r.stdout)
        assertNoneInRawBytes(names + [blocked], f)
        XCTAssertNotNil(raw(f).range(of: Data("Kept words".utf8)))
        XCTAssertTrue(try ConveneProcess.ok(["show", f]).stdout.contains(", anonymised,"))
        XCTAssertEqual(try json(ConveneProcess.ok(["show", f, "--json"]))["linkage"] as? String, "anonymised")
        XCTAssertTrue(try ConveneProcess.ok(["check", f]).stdout.hasPrefix("ok:"))
        let again = try ConveneProcess.run(["anonymise", f])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already anonymised"), again.stderr)
        let late = try ConveneProcess.run([
            "participant", "add", f, "--code", "P09", "--role", "Nurse", "--name", "Too Late",
        ])
        XCTAssertNotEqual(late.status, 0, "no real name can be recorded after anonymisation")
    }

    func testAnonymiseIsRefusedWhileTheWindowIsOpen() throws {
        let f = path("open.convene")
        try ConveneProcess.ok(["new", f, "--title", "Recent", "--date", today, "--withdrawal-days", "14"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Nurse", "--name", "Still Linked"])
        let before = raw(f)
        let r = try ConveneProcess.run(["anonymise", f])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("withdrawal window is open until"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
        XCTAssertEqual(raw(f), before)
    }

    // MARK: The window

    func testWithdrawalAfterTheWindowIsRefusedUnlessTheLeadOverridesWithAReason() throws {
        let f = path("late.convene")
        try ConveneProcess.ok(["new", f, "--title", "Old", "--date", "2026-01-05", "--withdrawal-days", "14"])
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"])
        try ConveneProcess.ok(["facilitator", "add", f, "Ira Notes", "--role", "notetaker"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Nurse"])
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01", "--", "late words"])
        let before = raw(f)

        let refused = try ConveneProcess.run(["withdraw", f, "P01"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("closed on 2026-01-19"), refused.stderr)
        XCTAssertEqual(raw(f), before, "a refusal leaves the file unchanged")
        XCTAssertEqual(
            try ConveneProcess.ok(["withdraw", f, "P01", "--requested-on", "2026-01-19", "--dry-run"]).status, 0,
            "a request made on the last day is honoured later")

        let noReason = try ConveneProcess.run(["withdraw", f, "P01", "--override-window", "--by", "Sam Lead"])
        XCTAssertTrue(noReason.stderr.contains("needs a reason"), noReason.stderr)
        let notLead = try ConveneProcess.run([
            "withdraw", f, "P01", "--override-window", "--reason", "REC agreed", "--by", "Ira Notes",
        ])
        XCTAssertTrue(notLead.stderr.contains("only a lead facilitator"), notLead.stderr)
        let stray = try ConveneProcess.run(["withdraw", f, "P01", "--reason", "why"])
        XCTAssertTrue(stray.stderr.contains("--reason goes with --override-window"), stray.stderr)
        XCTAssertEqual(raw(f), before)

        let ok = try json(
            ConveneProcess.ok([
                "withdraw", f, "P01", "--override-window", "--reason", "REC agreed on appeal",
                "--by", "Sam Lead", "--json",
            ]))
        XCTAssertEqual(ok["overrideReason"] as? String, "REC agreed on appeal")
        let j = try SQLiteJournal.open(path: f, readOnly: true)
        XCTAssertEqual(j.state.withdrawals.first?.overrideReason, "REC agreed on appeal", "recorded in the journal")
        XCTAssertEqual(j.state.withdrawals.first?.by, "Sam Lead")
    }

    // MARK: Encryption at rest

    func testEncryptedSessionHidesTextOpensOnlyWithItsPassphraseAndRekeys() throws {
        let f = path("sealed.convene")
        let env = pass
        let pe = ["--passphrase-env", "CONVENE_TEST_PASSPHRASE"]
        let created = try ConveneProcess.ok(
            ["new", f, "--title", "Sealed", "--date", today, "--encrypt"] + pe, env: env)
        XCTAssertTrue(created.stdout.contains("encrypted"))
        let name = marker("name")
        let said = marker("said")
        let chat = marker("chat")
        let concern = marker("concern")
        try ConveneProcess.ok(["facilitator", "add", f, "Sam Lead", "--role", "lead"] + pe, env: env)
        try ConveneProcess.ok(
            ["participant", "add", f, "--code", "P01", "--role", "Nurse", "--name", name] + pe, env: env)
        try ConveneProcess.ok(["participant", "add", f, "--code", "P02", "--role", "Teacher"] + pe, env: env)
        try ConveneProcess.ok(["log", f, "--source", "verbal", "--speaker", "P01"] + pe + ["--", said], env: env)
        try ConveneProcess.ok(["log", f, "--source", "chat", "--speaker", "P02"] + pe + ["--", chat], env: env)
        try ConveneProcess.ok(
            ["flag", f, "--contribution", "1", "--category", "risk-to-adult", "--urgency", "same-day"] + pe + [
                "--", concern,
            ], env: env)
        assertNoneInRawBytes([name, said, chat, concern], f)

        let list = try listed(f, env: env)
        XCTAssertEqual(list.map { $0["text"] as? String }, [said, chat])
        XCTAssertEqual(
            try json(ConveneProcess.ok(["show", f, "--json"] + pe, env: env))["encryption"] as? String,
            EncryptedPayloads.cipherName)

        let before = raw(f)
        let wrong = try ConveneProcess.run(
            ["list", f] + pe, env: ["CONVENE_TEST_PASSPHRASE": "otter kettle ninety lantern"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("wrong passphrase"), wrong.stderr)
        XCTAssertEqual(wrong.stderr.split(separator: "\n").count, 1, "one line: \(wrong.stderr)")
        XCTAssertEqual(wrong.stdout, "", "nothing of the session is shown")
        let none = try ConveneProcess.run(["log", f, "--source", "chat", "--", "x"])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("is encrypted"), none.stderr)
        let unset = try ConveneProcess.run(["show", f, "--passphrase-env", "CONVENE_NO_SUCH_VARIABLE"])
        XCTAssertTrue(unset.stderr.contains("CONVENE_NO_SUCH_VARIABLE is not set"), unset.stderr)
        XCTAssertEqual(raw(f), before, "refused opens leave the file as it was")
        XCTAssertTrue(try ConveneProcess.ok(["check", f] + pe, env: env).stdout.hasPrefix("ok:"))
        XCTAssertNotEqual(
            try ConveneProcess.run(["check", f] + pe, env: ["CONVENE_TEST_PASSPHRASE": "not the one at all"]).status, 0)

        // Rekey: the old passphrase stops working, the new one opens everything.
        var both = env
        both["CONVENE_NEW_PASSPHRASE"] = "badger quilt seventeen"
        try ConveneProcess.ok(["rekey", f] + pe + ["--new-passphrase-env", "CONVENE_NEW_PASSPHRASE"], env: both)
        XCTAssertTrue(try ConveneProcess.run(["show", f] + pe, env: env).stderr.contains("wrong passphrase"))
        let renewed = ["CONVENE_TEST_PASSPHRASE": "badger quilt seventeen"]
        XCTAssertEqual(try listed(f, env: renewed).map { $0["text"] as? String }, [said, chat])
        XCTAssertTrue(try ConveneProcess.ok(["check", f] + pe, env: renewed).stdout.hasPrefix("ok:"))
        let short = try ConveneProcess.run(
            ["rekey", f] + pe + ["--new-passphrase-env", "SHORT"], env: renewed.merging(["SHORT": "abc"]) { $1 })
        XCTAssertTrue(short.stderr.contains("at least 8 characters"), short.stderr)

        // Withdrawal works on a sealed file too.
        try ConveneProcess.ok(["withdraw", f, "P01"] + pe, env: renewed)
        XCTAssertTrue(try ConveneProcess.ok(["check", f] + pe, env: renewed).stdout.contains("erased by withdrawal"))
        XCTAssertEqual(try listed(f, env: renewed).map { $0["erased"] as? Bool }, [true, false])

        let plain = path("plain.convene")
        try ConveneProcess.ok(["new", plain, "--title", "Plain"])
        let notEncrypted = try ConveneProcess.run(["rekey", plain])
        XCTAssertTrue(notEncrypted.stderr.contains("not encrypted"), notEncrypted.stderr)
    }

    func testAFlippedByteInASealedRowIsReportedAsTamperingNotShown() throws {
        let f = path("tamper.convene")
        let pe = ["--passphrase-env", "CONVENE_TEST_PASSPHRASE"]
        try ConveneProcess.ok(["new", f, "--title", "Tamper", "--date", today] + pe, env: pass)
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Nurse"] + pe, env: pass)
        try ConveneProcess.ok(
            ["log", f, "--source", "verbal", "--speaker", "P01"] + pe + [
                "--", "A sentence that must not be shown altered.",
            ], env: pass)
        let q = try DatabaseQueue(path: f)
        let sealed = try XCTUnwrap(
            try q.read { db in try Data.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 3") })
        try q.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: f))
        let at = try XCTUnwrap(bytes.range(of: sealed)).lowerBound + sealed.count / 2
        bytes[at] ^= 0x04
        try bytes.write(to: URL(fileURLWithPath: f))

        let list = try ConveneProcess.run(["list", f] + pe, env: pass)
        XCTAssertNotEqual(list.status, 0)
        XCTAssertTrue(list.stderr.contains("event 3 has been altered"), list.stderr)
        XCTAssertFalse(list.stdout.contains("sentence"), "nothing of an altered event is shown")
        let check = try ConveneProcess.run(["check", f] + pe, env: pass)
        XCTAssertEqual(check.status, 3)
        XCTAssertTrue(check.stdout.contains("event 3"), check.stdout)
    }

    func testPassphrasesAreAskedOnTheTerminalTwiceWithoutEcho() throws {
        let f = path("typed.convene")
        let secret = "glacier mint 73 ribbons"
        let made = try PseudoTerminal.run(
            ["new", f, "--encrypt", "--title", "Typed"],
            exchanges: [
                .init(waitFor: "New passphrase for", type: secret), .init(waitFor: "again", type: secret),
            ])
        XCTAssertEqual(made.status, 0, made.screen)
        XCTAssertTrue(made.screen.contains("created"), made.screen)
        XCTAssertFalse(made.screen.contains(secret), "typed passphrases are not echoed: \(made.screen)")
        XCTAssertEqual(
            try json(ConveneProcess.ok(["show", f, "--json", "--passphrase-env", "P"], env: ["P": secret]))["title"]
                as? String, "Typed")

        let shown = try PseudoTerminal.run(["show", f], exchanges: [.init(waitFor: "Passphrase for", type: secret)])
        XCTAssertEqual(shown.status, 0, shown.screen)
        XCTAssertTrue(shown.screen.contains("Typed"), shown.screen)
        XCTAssertFalse(shown.screen.contains(secret))

        let g = path("mismatch.convene")
        let mismatch = try PseudoTerminal.run(
            ["new", g, "--encrypt", "--title", "Nope"],
            exchanges: [
                .init(waitFor: "New passphrase for", type: secret), .init(waitFor: "again", type: secret + "x"),
            ])
        XCTAssertNotEqual(mismatch.status, 0)
        XCTAssertTrue(mismatch.screen.contains("differ"), mismatch.screen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: g))
    }

    func testWithoutATerminalOrAVariableEncryptionIsAClearError() throws {
        let f = path("script.convene")
        let r = try ConveneProcess.run(["new", f, "--encrypt", "--title", "Script"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--passphrase-env"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: f))
    }

    // MARK: Consent

    func testConsentChecklistFromAFileAndPerParticipantRecords() throws {
        let f = path("consent.convene")
        let checklist = dir.appendingPathComponent("consent.txt")
        try "# study consent items\nrecording\nchatham-house-rule\nquotes-by-role\nwithdrawal-window-explained\n"
            .write(to: checklist, atomically: true, encoding: .utf8)
        try ConveneProcess.ok(["new", f, "--title", "Consent"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Nurse"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P02", "--role", "Teacher"])
        XCTAssertTrue(try ConveneProcess.ok(["consent", f, "--checklist", checklist.path]).stdout.contains("4 items"))
        let all = try ConveneProcess.ok(["consent", f, "P01", "--by", "Sam Lead"])
        XCTAssertTrue(all.stdout.contains("4 of 4"), all.stdout)
        let unknown = try ConveneProcess.run(["consent", f, "P02", "--item", "information-sheet-understood"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("not on the consent checklist"), unknown.stderr)
        let show = try ConveneProcess.ok(["show", f])
        XCTAssertTrue(show.stdout.contains("WARNING: no consent recorded for P02"), show.stdout)
        let part = try ConveneProcess.ok(["consent", f, "P02", "--item", "Recording", "--by", "Sam Lead"])
        XCTAssertTrue(part.stdout.contains("1 of 4"), part.stdout)
        let status = try ConveneProcess.ok(["consent", f])
        XCTAssertTrue(status.stdout.contains("P01  consent checked by Sam Lead"), status.stdout)
        XCTAssertTrue(status.stdout.contains("not given: chatham-house-rule"), status.stdout)
        // Every item of this checklist is required: 1 of 4 is no consent (issue 17).
        let after = try ConveneProcess.ok(["show", f]).stdout
        XCTAssertFalse(after.contains("no consent recorded"), after)
        XCTAssertTrue(after.contains("WARNING: not consented (a required checklist item was not given): P02"), after)
        let shown = try json(ConveneProcess.ok(["show", f, "--json"]))
        XCTAssertEqual((shown["consentChecklist"] as? [String])?.count, 4)
    }
}
