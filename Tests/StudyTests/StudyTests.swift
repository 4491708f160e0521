import Exporters
import Foundation
import SessionModel
import SessionStore
import XCTest
import ZIPFoundation

@testable import Study

/// Studies on real session files: withdrawal from the study, anonymisation at the end,
/// one analysis export, partial consent. Every check reads the files' raw bytes.
final class StudyTests: XCTestCase {
    /// Four sessions, two strands; P03 (Jo Marsh) is in group1 and group3 (encrypted);
    /// whiteboard notes; P04 and P05 reply to P03.
    func fourSessions(_ f: StudyFixture, date: String) throws -> Study {
        let study = try f.createStudy()
        try f.session("group1.convene", date: date) { e in
            e.append(studyChecklist)
            person("P01", "Conference chair", name: "Alex Fenwick", into: &e)
            person("P03", "Social worker", name: "Jo Marsh", into: &e)
            person("P04", "Family support worker", name: "Kit Arden", into: &e)
            e.append(
                ContributionLogged(source: .verbal, speaker: "P03", text: "QZV-P03-ALPHA the hybrid link kept dropping")
            )
            e.append(
                ContributionLogged(source: .chat, speaker: "P04", text: "QZV-REPLY-ONE agree with that", replyTo: [1]))
            e.append(
                ContributionLogged(
                    source: .whiteboard, text: "QZV-WHITEBOARD-ONE camera placement matters", replyTo: [1]))
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "QZV-P01-KEEP chairs set the tone"))
            e.append(CodeTagged(number: 1, code: "PP1"))
            e.append(CodeTagged(number: 4, code: "hybrid fatigue"))
        }
        try f.session("group2.convene", date: date) { e in
            e.append(studyChecklist)
            person("P02", "Principal social worker", name: "Sam Ore", into: &e)
            person("P06", "Conference chair", name: "Lee Dunmore", into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P02", text: "QZV-P02-KEEP parents join from home"))
            e.append(ContributionLogged(source: .chat, speaker: "P06", text: "QZV-P06-KEEP we send the link early"))
            e.append(CodeTagged(number: 2, code: "Hybrid Fatigue"))
        }
        try f.session("group3.convene", date: date, encrypted: true) { e in
            e.append(studyChecklist)
            person("P03", "Social worker", name: "Jo Marsh", into: &e)
            person("P05", "Youth worker", name: "Ray Quill", into: &e)
            e.append(ContributionLogged(source: .chat, speaker: "P03", text: "QZV-P03-BRAVO families feel watched"))
            e.append(ContributionLogged(source: .verbal, speaker: "P05", text: "QZV-REPLY-TWO responding to #1, yes"))
            e.append(ContributionLogged(source: .whiteboard, text: "QZV-WHITEBOARD-TWO more breaks"))
        }
        try f.session("group4.convene", date: date) { e in
            e.append(studyChecklist)
            person("P07", "Parent advocate", name: "Bea Lorne", org: .voluntary, into: &e)
            person("P08", "Parent advocate", name: "Cy Tamworth", org: .voluntary, into: &e)
            e.append(
                ContributionLogged(source: .verbal, speaker: "P07", text: "QZV-P07-KEEP parents need the papers first"))
        }
        try study.add(location: f.path("group1.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        try study.add(location: f.path("group2.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        try study.add(location: f.path("group3.convene"), strand: "social workers", by: "Sam Lead", at: StudyFixture.t0)
        try study.add(location: f.path("group4.convene"), strand: "social workers", by: "Sam Lead", at: StudyFixture.t0)
        return try f.open()
    }

    let files = ["group1.convene", "group2.convene", "group3.convene", "group4.convene"]

    func testWithdrawFromTheStudyErasesEveryByteInEverySessionTheyAttended() throws {
        let f = try StudyFixture()
        let study = try fourSessions(f, date: StudyFixture.today())
        XCTAssertEqual(study.manifest.attendance["P03"], ["group1", "group3"])
        // Before: the words are in group1's bytes (group3 is encrypted, so sealed even now).
        XCTAssertTrue(f.contains("QZV-P03-ALPHA", in: f.rawBytes("group1.convene")))
        let dry = try study.withdraw(
            code: "p03", requestedOn: StudyFixture.today(), by: "Sam Lead", at: Date(),
            today: StudyFixture.today(), dryRun: true)
        XCTAssertEqual(dry.sessions.map(\.name), ["group1", "group3"])
        XCTAssertTrue(f.contains("QZV-P03-ALPHA", in: f.rawBytes("group1.convene")), "a dry run changes nothing")

        let receipt = try study.withdraw(
            code: "P03", requestedOn: StudyFixture.today(), by: "Sam Lead", at: Date(),
            today: StudyFixture.today(), dryRun: false)
        XCTAssertEqual(receipt.sessions.map(\.name), ["group1", "group3"])
        XCTAssertEqual(receipt.sessions[0].receipt.erased, [1, 2], "their words and the reply to them")
        XCTAssertEqual(
            receipt.sessions[1].receipt.erased, [1, 2], "the 'responding to #1' reply in the encrypted session")
        XCTAssertTrue(receipt.purged)
        for file in files {
            let bytes = f.rawBytes(file)
            for gone in ["QZV-P03-ALPHA", "QZV-REPLY-ONE", "QZV-P03-BRAVO", "QZV-REPLY-TWO", "Jo Marsh"] {
                XCTAssertFalse(f.contains(gone, in: bytes), "\(gone) is still in the bytes of \(file)")
            }
        }
        XCTAssertTrue(
            f.contains("QZV-WHITEBOARD-ONE", in: f.rawBytes("group1.convene")),
            "whiteboard notes are anonymous and stay")
        XCTAssertTrue(f.contains("QZV-P01-KEEP", in: f.rawBytes("group1.convene")))
        // The encrypted session's state: P03 withdrawn, the whiteboard note kept.
        let group3 = try study.state(of: study.manifest.session(named: "group3")!)
        XCTAssertEqual(group3.participant("P03")?.withdrawn, true)
        XCTAssertEqual(group3.liveContributions.map(\.text), ["QZV-WHITEBOARD-TWO more breaks"])
        XCTAssertEqual(try f.open().manifest.withdrawals.map(\.sessions), [["group1", "group3"]])
        // Again: nothing left to withdraw.
        XCTAssertThrowsError(
            try study.withdraw(
                code: "P03", requestedOn: StudyFixture.today(), by: "Sam Lead", at: Date(),
                today: StudyFixture.today(), dryRun: false)
        ) {
            XCTAssertEqual($0 as? StudyError, .alreadyWithdrawn("P03"))
        }
    }

    func testAClosedWindowInOneSessionRefusesAndChangesNothingAnywhere() throws {
        let f = try StudyFixture()
        let study = try fourSessions(f, date: StudyFixture.today())
        // group5: P03 again, long ago; its window has closed.
        try f.session("group5.convene", date: "2020-03-02") { e in
            e.append(studyChecklist)
            person("P03", "Social worker", name: "Jo Marsh", into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P03", text: "QZV-P03-OLD words"))
        }
        try study.add(location: f.path("group5.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        let before = try f.fingerprint()
        XCTAssertThrowsError(
            try study.withdraw(
                code: "P03", requestedOn: StudyFixture.today(), by: "Sam Lead", at: Date(),
                today: StudyFixture.today(), dryRun: false)
        ) { error in
            XCTAssertEqual(error as? StudyError, .windowsClosed(["group5 (closed on 2020-03-16)"]))
            XCTAssertTrue("\(error)".contains("group5"), "the refusal names the session")
        }
        XCTAssertEqual(try f.fingerprint(), before, "a refusal changes no byte of any file")
        // The lead overrides with a reason: every session then.
        let receipt = try study.withdraw(
            code: "P03", requestedOn: StudyFixture.today(), overrideReason: "asked in writing on time",
            by: "Sam Lead", at: Date(), today: StudyFixture.today(), dryRun: false)
        XCTAssertEqual(receipt.sessions.map(\.name), ["group1", "group3", "group5"])
        XCTAssertFalse(f.contains("QZV-P03-OLD", in: f.rawBytes("group5.convene")))
    }

    func testAnonymiseRefusesWhileAWindowIsOpenThenLeavesNoRealNameInAnyByte() throws {
        let f = try StudyFixture()
        let study = try fourSessions(f, date: "2020-03-02")
        try f.session("group5.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P09", "Health visitor", name: "Nell Oakridge", into: &e)
        }
        try study.add(location: f.path("group5.convene"), strand: "chairs", by: "Sam Lead", at: StudyFixture.t0)
        let before = try f.fingerprint()
        XCTAssertThrowsError(try study.anonymise(by: "Sam Lead", at: Date(), today: StudyFixture.today())) { error in
            guard case .windowsOpen(let open)? = error as? StudyError else { return XCTFail("\(error)") }
            XCTAssertEqual(open.count, 1)
            XCTAssertTrue(open[0].hasPrefix("group5 (until "), "the refusal names the session: \(open)")
        }
        XCTAssertEqual(try f.fingerprint(), before, "a refusal changes no byte of any file")
        let names = [
            "Alex Fenwick", "Jo Marsh", "Kit Arden", "Sam Ore", "Lee Dunmore", "Ray Quill", "Bea Lorne", "Cy Tamworth",
        ]
        XCTAssertTrue(f.contains("Alex Fenwick", in: f.rawBytes("group1.convene")))
        // Later, when every window has closed.
        let later = SessionDate.format(Date().addingTimeInterval(30 * 86_400))
        let result = try study.anonymise(by: "Sam Lead", at: Date(), today: later)
        XCTAssertEqual(result.realNames, 10)
        XCTAssertEqual(result.namesStillFound, [])
        for file in files + ["group5.convene"] {
            let bytes = StudyFixture.lower(f.rawBytes(file))
            for name in names + ["Nell Oakridge"] {
                XCTAssertFalse(f.contains(name.lowercased(), in: bytes), "\(name) is still in the bytes of \(file)")
            }
        }
        let overview = try f.open().overview(today: later)
        XCTAssertEqual(overview.linkage, "anonymised")
        XCTAssertEqual(overview.sessions.map(\.anonymisationVerified), Array(repeating: true, count: 5))
        XCTAssertThrowsError(try study.anonymise(by: "Sam Lead", at: Date(), today: later)) {
            XCTAssertEqual($0 as? StudyError, .alreadyAnonymised)
        }
    }

    func testOneCodeIsOnePersonAcrossTheStudy() throws {
        let f = try StudyFixture()
        let study = try fourSessions(f, date: StudyFixture.today())
        try f.session("clash.convene", date: StudyFixture.today()) { e in
            person("P01", "Conference chair", name: "Someone Else", into: &e)
        }
        try f.session("twocodes.convene", date: StudyFixture.today()) { e in
            person("P11", "Social worker", name: "jo marsh", into: &e)
        }
        let before = try f.fingerprint()
        XCTAssertThrowsError(try study.add(location: f.path("clash.convene"), strand: nil, by: "Sam Lead", at: Date()))
        {
            XCTAssertEqual($0 as? StudyError, .codeMeansTwoPeople(code: "P01", sessions: ["group1", "clash"]))
        }
        XCTAssertThrowsError(
            try study.add(location: f.path("twocodes.convene"), strand: nil, by: "Sam Lead", at: Date())
        ) {
            XCTAssertEqual(
                $0 as? StudyError, .personHasTwoCodes(codes: ["P03", "P11"], sessions: ["group3", "twocodes"]))
        }
        XCTAssertEqual(try f.fingerprint(), before, "a refused add changes nothing")
    }

    func testAddedSessionsUseTheStudysCodebookAndChecklist() throws {
        let f = try StudyFixture()
        let study = try f.createStudy()
        try f.session("plain.convene", date: StudyFixture.today()) { _ in }
        try study.add(location: f.path("plain.convene"), strand: "parents", by: "Sam Lead", at: Date())
        let s = try study.state(of: study.manifest.sessions[0])
        XCTAssertEqual(s.codebook.name, "practice-principles")
        XCTAssertEqual(s.consentItems, study.manifest.consentChecklist)
        XCTAssertEqual(
            study.manifest.sessions[0].location, "plain.convene", "a file inside the folder is listed relative to it")
    }

    func testPartialConsentFollowsTheChecklistInEveryExport() throws {
        let f = try StudyFixture()
        _ = try f.createStudy()
        try f.session("consent.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P01", "Conference chair", name: "Ann Quorn", into: &e)
            // ◐: no quotes (never quoted) — consented.
            person(
                "P02", "Social worker", name: "Bo Partridge",
                items: ["information-sheet-understood", "chatham-house-rule", "recording"], into: &e)
            // ✗: the Chatham House item (required) missing — 3 of 4 items, not consented.
            person(
                "P03", "Youth worker", name: "Cai Mossop",
                items: ["information-sheet-understood", "quotes", "recording"], into: &e)
            // ◐: no recording (verbal withheld).
            person(
                "P04", "Health visitor", name: "Di Haddon",
                items: ["information-sheet-understood", "chatham-house-rule", "quotes"], into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "QZV-FULL-VERBAL"))
            e.append(ContributionLogged(source: .verbal, speaker: "P02", text: "QZV-NOQUOTE-VERBAL"))
            e.append(ContributionLogged(source: .chat, speaker: "P03", text: "QZV-NOCONSENT-CHAT"))
            e.append(ContributionLogged(source: .verbal, speaker: "P04", text: "QZV-NOREC-VERBAL"))
            e.append(ContributionLogged(source: .chat, speaker: "P04", text: "QZV-NOREC-CHAT"))
            e.append(CodeTagged(number: 2, code: "PP2 Voice and expertise of young people"))
        }
        let journal = try SQLiteJournal.open(path: f.path("consent.convene"), readOnly: true)
        let s = journal.state
        XCTAssertEqual(s.consentStatus(of: "P01"), .full)
        XCTAssertEqual(s.consentStatus(of: "P02"), .partial(missing: ["quotes"], effects: [.neverQuoted]))
        XCTAssertEqual(s.consentStatus(of: "P03"), .missingRequired(["chatham-house-rule"]))
        XCTAssertEqual(s.consentStatus(of: "P03").symbol, "✗")
        XCTAssertEqual(s.consentStatus(of: "P02").symbol, "◐")
        XCTAssertEqual(s.participantsWithoutConsent.map(\.code), ["P03"])
        let record = ResearchGate.record(s)
        XCTAssertEqual(
            record.contributions.map(\.number), [1, 2, 5], "✗ is left out; verbal withheld leaves out P04's speech")
        XCTAssertEqual(record.contributions[1].text, ResearchGate.withheldByConsent)
        XCTAssertFalse(record.contributions[1].quotable)
        XCTAssertEqual(record.contributions[1].codes, ["PP2 Voice and expertise of young people"], "still coded")
        XCTAssertEqual(record.process.excludedWithoutConsent, 2)
        for format in ExportFormat.allCases where format.isResearch {
            var data = try Exporter.export(s, format: format)
            if format == .qdpx || format == .docx { data = try StudyTests.unzipAll(data) }
            for gone in ["QZV-NOQUOTE-VERBAL", "QZV-NOCONSENT-CHAT", "QZV-NOREC-VERBAL"] {
                XCTAssertFalse(f.contains(gone, in: data), "\(gone) in \(format.rawValue)")
            }
            // The reports and the codebook carry no contribution text; the rest carry what is consented.
            if [.json, .csv, .quotesCSV, .qdpx, .docx].contains(format) {
                XCTAssertTrue(
                    f.contains("QZV-FULL-VERBAL", in: data) && f.contains("QZV-NOREC-CHAT", in: data), format.rawValue)
            }
        }
        let quotes = String(decoding: try Exporter.export(s, format: .quotesCSV), as: UTF8.self)
        XCTAssertFalse(quotes.contains(ResearchGate.withheldByConsent), "never quoted: not in the quotes bank at all")
    }

    func testChecklistLines() throws {
        let items = try ConsentChecklist.parse([
            "recording", "optional: quotes -> never quoted", "optional: audio -> Verbal withheld",
        ])
        XCTAssertEqual(
            items,
            [
                ConsentItem(name: "recording"), ConsentItem(name: "quotes", effect: .neverQuoted),
                ConsentItem(name: "audio", effect: .verbalWithheld),
            ])
        XCTAssertThrowsError(try ConsentChecklist.parse(["optional: quotes -> shrug"])) {
            XCTAssertEqual($0 as? ConsentChecklistError, .unknownEffect(line: "optional: quotes -> shrug"))
        }
    }

    func testStudyQDPXIsOneProjectValidAndReproducible() throws {
        let f = try StudyFixture()
        let study = try fourSessions(f, date: StudyFixture.today())
        let (first, warnings) = try study.export(format: .qdpx)
        let (second, _) = try study.export(format: .qdpx)
        XCTAssertEqual(first, second, "byte for byte")
        _ = warnings
        let out = URL(fileURLWithPath: f.path("out"))
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let zip = out.appendingPathComponent("study.qdpx")
        try first.write(to: zip)
        try FileManager.default.unzipItem(at: zip, to: out.appendingPathComponent("x"))
        let qde = out.appendingPathComponent("x/project.qde")
        let xml = try String(contentsOf: qde, encoding: .utf8)
        try StudyTests.validate(qde, schema: "Project-mrt2019.xsd")
        // Every session's rooms are sources; one case per person (P03 once though in two groups).
        XCTAssertEqual(xml.components(separatedBy: "<TextSource ").count - 1, 4)
        XCTAssertEqual(xml.components(separatedBy: "<Case ").count - 1, 8)
        XCTAssertEqual(xml.components(separatedBy: "name=\"P03\"").count - 1, 1)
        // "hybrid fatigue" (group1) and "Hybrid Fatigue" (group2) are one emergent code.
        XCTAssertEqual(xml.lowercased().components(separatedBy: "name=\"hybrid fatigue\"").count - 1, 1)
        XCTAssertTrue(xml.contains("<TextValue>chairs; social workers</TextValue>"), "P03's strands")
        for name in ["Jo Marsh", "Alex Fenwick", "Ray Quill"] { XCTAssertFalse(xml.contains(name)) }
        let qdc = out.appendingPathComponent("codebook.qdc")
        try study.export(format: .qdc).data.write(to: qdc)
        try StudyTests.validate(qdc, schema: "Codebook-mrt2019.xsd")
        let json = try JSONSerialization.jsonObject(with: try study.export(format: .json).data) as! [String: Any]
        XCTAssertEqual(json["format"] as? String, "convene-study-export")
        let entries = json["contributions"] as! [[String: Any]]
        XCTAssertEqual(entries.map { $0["number"] as! Int }, Array(1...entries.count), "numbered across the study")
        XCTAssertEqual(
            entries.first { ($0["text"] as? String)?.hasPrefix("QZV-REPLY-ONE") == true }?["replyTo"] as? [Int], [1])
    }

    func testImplicitIdentificationIsJudgedAcrossTheStudy() throws {
        let f = try StudyFixture()
        let study = try f.createStudy()
        // An interview: one participant, so a single session judges nobody rare.
        try f.session("interview.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P01", "Independent reviewing officer", name: "Iva Stone", into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "Here in Luton we review every plan"))
        }
        try f.session("group.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P02", "Social worker", name: "Uma Vale", into: &e)
            person("P03", "Social worker", name: "Oli Wren", into: &e)
        }
        try study.add(location: f.path("interview.convene"), strand: "chairs", by: "Sam Lead", at: Date())
        try study.add(location: f.path("group.convene"), strand: "chairs", by: "Sam Lead", at: Date())
        let single = try study.state(of: study.manifest.sessions[0])
        XCTAssertEqual(Exporter.warnings(single), [], "alone, the session has no one to compare with")
        let warnings = try study.export(format: .csv).warnings
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(
            warnings.first?.contains("the only Independent reviewing officer in this study") == true, "\(warnings)")
        // P01 in two sessions is one holder, not two.
        XCTAssertEqual(StudyExport.roleHolders([single, single])["independent reviewing officer"], 1)
    }

    // MARK: Support

    static func unzipAll(_ data: Data) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        var all = Data()
        for entry in archive { _ = try archive.extract(entry) { all.append($0) } }
        return all
    }

    /// xmllint and python xmlschema against the REFI-QDA 1.5 schemas; a missing tool fails the test.
    static func validate(_ file: URL, schema: String) throws {
        let xsd = "/work/shared/refi-qda/" + schema
        let candidates = [
            ProcessInfo.processInfo.environment["CONVENE_REFI_QDA_SCHEMAS"].map { $0 + "/" + schema }, xsd,
        ]
        guard let path = candidates.compactMap({ $0 }).first(where: { FileManager.default.fileExists(atPath: $0) })
        else {
            return XCTFail("REFI-QDA schema \(schema) not found (set CONVENE_REFI_QDA_SCHEMAS)")
        }
        let lint = try run("/usr/bin/env", ["xmllint", "--noout", "--schema", path, file.path])
        XCTAssertEqual(lint.status, 0, "xmllint: \(lint.output)")
        let py = try run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('ok')", path,
                file.path,
            ])
        XCTAssertEqual(py.status, 0, "python xmlschema: \(py.output)")
    }

    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension StudyFixture {
    static func lower(_ d: Data) -> Data { Study.lowerASCII(d) }
}
