import Foundation
import Privacy
import SessionModel
import SessionStore
import XCTest

@testable import Exporters
@testable import Study

/// The study export session by session (issue 20): each session read as `convene export` reads it (a page
/// at a time where the file allows, with the scans it keeps), merged one at a time and written into the
/// file. The oracle is the export as it was made before: every session's whole state held at once, the
/// warnings judged on each whole state across the study, every record merged in one go.
final class StudyExportStreamTests: XCTestCase {
    /// Three sessions: a plain one with several pages of contributions (identifiers, a place, a special-category
    /// detail) and a rare role whose unconsented holder names a place; an encrypted one; a small plain one.
    func study(_ f: StudyFixture, extra: Int = 2_200) throws -> Study {
        let study = try f.createStudy()
        try f.session("big.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P01", "Principal social worker", name: "Alex Fenwick", into: &e)
            person("P02", "Social worker", name: "Jo Marsh", into: &e)
            // Consent without the required Chatham House item: left out of the export, still warned about.
            person("P09", "Head of service", name: "Kit Arden", items: ["information-sheet-understood"], into: &e)
            e.append(GroupCreated(name: "Room B"))
            for k in 0..<extra {
                let text: String
                switch k % 4 {
                case 0: text = "Point \(k): Alex Fenwick asked Shannon Okafor from LS6 2AB to call 0113 496 0000."
                case 1: text = "Point \(k): a girl with epilepsy at Oakridge Farm in Wigan was seen again."
                case 2: text = "Point \(k): we talked about thresholds and supervision, nothing more."
                default: text = "Point \(k): here in Northgate we email tyler.b@example.org before Friday."
                }
                e.append(
                    ContributionLogged(
                        source: k % 7 == 0 ? .chat : .verbal, room: k % 2,
                        speaker: ["P01", "P02", "P09"][k % 3], text: text, replyTo: k % 5 == 4 ? [k] : []))
                if k % 9 == 0 { e.append(CodeTagged(number: k + 1, code: "PP\(1 + k % 8)")) }
            }
            e.append(ContributionStruck(number: 3, reason: "off topic"))
            e.append(AttributionSet(number: 5, level: .background))
        }
        try f.session("locked.convene", date: StudyFixture.today(), encrypted: true) { e in
            e.append(studyChecklist)
            person("P02", "Social worker", name: "Jo Marsh", into: &e)
            person("P05", "Youth worker", name: "Ray Quill", into: &e)
            e.append(ContributionLogged(source: .chat, speaker: "P05", text: "In Wigan the youth club closed early."))
            e.append(ContributionLogged(source: .verbal, speaker: "P02", text: "Responding to #1, yes", replyTo: [1]))
        }
        try f.session("small.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P07", "Parent advocate", name: "Bea Lorne", org: .voluntary, into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P07", text: "Parents need the papers first."))
            e.append(ThemeCreated(title: "Papers"))
            e.append(ThemeLinked(theme: 1, number: 1))
        }
        for (file, strand) in [("big.convene", "chairs"), ("locked.convene", "social workers"), ("small.convene", nil)]
        {
            try study.add(location: f.path(file), strand: strand, by: "Sam Lead", at: StudyFixture.t0)
        }
        return try f.open()
    }

    /// The export as it was made before it streamed: every state whole and held at once.
    func heldWhole(_ study: Study) throws -> (record: ResearchRecord, warnings: [String]) {
        let all = try study.manifest.sessions.map { session in
            try study.withJournal(session, readOnly: true) { (session, $0.state, $0.head) }
        }
        let holders = StudyExport.roleHolders(all.map(\.1))
        var warnings: [String] = []
        var parts: [StudyRecord.Part] = []
        var heads: [ExportJournalHead] = []
        for (session, state, head) in all where state.info != nil {
            if let head { heads.append(ExportJournalHead(session: head.session, seq: head.seq, hash: head.hash)) }
            for w in ImplicitIdentification.warnings(in: state, roleHolders: holders, scope: "study") {
                warnings.append("\(session.name): \(w.message)")
            }
            var record = ResearchGate.record(state)
            for i in record.participants.indices where record.participants[i].strand == nil {
                record.participants[i].strand = session.strand
            }
            parts.append(StudyRecord.Part(label: session.name, strand: session.strand, record: record))
        }
        var merged = StudyRecord.merge(
            id: study.manifest.id.uuidString.lowercased(), title: study.manifest.title,
            codebook: study.manifest.codebookName, parts)
        merged.journalHeads = heads
        return (merged, warnings)
    }

    func keptRows(_ f: StudyFixture, _ file: String) throws -> Int {
        let journal = try SQLiteJournal.open(
            path: f.path(file), readOnly: true,
            cipherFor: { meta in
                try StudyFixture.cipher(meta, f.path(file))
            })
        defer { try? journal.close() }
        return try journal.storedScanCount()
    }

    func testEveryStudyFormatIsByteIdenticalToTheExportOfEveryWholeState() throws {
        let f = try StudyFixture()
        let s = try study(f)
        var first: [ExportFormat: Data] = [:]
        let expected = try heldWhole(s)
        for format in StudyExport.formats {
            let streamed = try s.export(format: format)
            XCTAssertEqual(
                streamed.data, try Exporter.render(expected.record, format: format),
                "\(format.rawValue): the streamed export differs")
            XCTAssertEqual(streamed.warnings, expected.warnings, "\(format.rawValue): the warnings differ")
            first[format] = streamed.data
        }
        let warnings = try s.export(format: .json).warnings
        XCTAssertTrue(
            warnings.contains { $0.hasPrefix("big: ") && $0.contains("may point at P09") },
            "a contribution left out for consent is still judged across the study, as before: \(warnings.prefix(3))")
        XCTAssertTrue(warnings.contains { $0.contains("may point at P01") })
        // The first export opened the plain files whole (no current snapshot) and wrote one; now they page.
        let big = try SQLiteJournal.open(path: f.path("big.convene"), pagedContributions: true)
        XCTAssertTrue(big.pagedContributions)
        try big.close()
        for format in StudyExport.formats {
            XCTAssertEqual(
                try s.export(format: format).data, first[format], "\(format.rawValue), paged and from kept scans")
        }
    }

    func testAStudyExportKeepsEachSessionsScansAndReadsThem() throws {
        let f = try StudyFixture()
        let s = try study(f, extra: 60)
        XCTAssertEqual(try keptRows(f, "big.convene"), 0, "a new file keeps no scans")
        _ = try s.export(format: .csv)
        XCTAssertGreaterThan(try keptRows(f, "big.convene"), 30, "the study export kept the scans it made")
        XCTAssertGreaterThan(try keptRows(f, "small.convene"), 0)
        XCTAssertEqual(try keptRows(f, "locked.convene"), 0, "an encrypted session keeps none")
        // A kept row whose check holds stands for the scan: forged to find nothing in a text with a phone number,
        // the next study export prints the number, so it read the row instead of scanning.
        let journal = try SQLiteJournal.open(path: f.path("big.convene"))
        let state = journal.state
        let target = try XCTUnwrap(
            state.contributions.last { $0.text.contains("0113 496 0000") && $0.speaker == "P01" })
        let forged = ScanMemoCheck(scanner: IdentifierScanner(session: state)).store(
            TextScan(findings: []), number: target.number, text: target.text)
        var batch = ScanBatch()
        batch.append(forged)
        XCTAssertTrue(try journal.keepScans(batch))
        try journal.close()
        let csv = String(decoding: try s.export(format: .csv).data, as: UTF8.self)
        XCTAssertTrue(csv.contains("0113 496 0000"), "the study export read the kept row")
        // The name the forged row no longer finds stays hidden even there: the other rows still find it, and the
        // session's memory (Privacy/SessionMemory.swift) hunts a name found in one contribution in every other.
        XCTAssertFalse(csv.contains("Shannon Okafor"), "the other rows still hold their findings, and teach the memory")
    }

    func testAStudyExportFileIsWrittenWholePrivateAndNeverOverASession() throws {
        let f = try StudyFixture()
        let s = try study(f, extra: 30)
        let out = f.path("export.json")
        let written = try s.export(format: .json, toFile: out)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertEqual(written.bytes, data.count)
        XCTAssertEqual(data, try s.export(format: .json).data)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600, "research data stays its owner's")
        let before = try f.fingerprint()
        XCTAssertThrowsError(try s.export(format: .csv, toFile: f.path("small.convene"))) { error in
            XCTAssertEqual(error as? ExportFileError, .wouldOverwriteSession(f.path("small.convene")))
        }
        XCTAssertThrowsError(try s.export(format: .csv, toFile: f.path("study.json")), "the manifest")
        XCTAssertThrowsError(try s.export(format: .docx, toFile: f.path("study.docx")))
        XCTAssertEqual(
            try f.fingerprint(), before, "a refused export writes nothing and leaves every session as it was")
    }
    /// The session memory reaches a study export too: a name said bare in an early contribution and found with a cue
    /// only in a later one is hidden in both, though the study takes each session's entries one by one (names
    /// invented for the test).
    func testAStudyExportHidesANameFoundLaterInTheSessionWhereItWasSaidBareEarlier() throws {
        let f = try StudyFixture()
        let study = try f.createStudy()
        try f.session("memory.convene", date: StudyFixture.today()) { e in
            e.append(studyChecklist)
            person("P01", "Social worker", name: "Jo Marsh", into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "we only heard about zorvek last week"))
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "thresholds were the real problem"))
            e.append(
                ContributionLogged(source: .verbal, speaker: "P01", text: "her son Zorvek was picked up in a car again")
            )
        }
        try study.add(location: f.path("memory.convene"), strand: nil, by: "Sam Lead", at: StudyFixture.t0)
        let s = try f.open()
        for format in [ExportFormat.csv, .json] {
            let text = String(decoding: try s.export(format: format).data, as: UTF8.self)
            XCTAssertNil(text.range(of: "zorvek", options: .caseInsensitive), "\(format): a remembered name in clear")
            XCTAssertTrue(text.contains("thresholds were the real problem"), "\(format): the plain line is there")
        }
    }

    /// A participant the export leaves out for consent is not in it at all: not under "Who took part", not a case
    /// of the project, not in the consent log; counts of one read "1 item", "1 contribution", "1 session".
    func testAParticipantWithoutConsentIsNotListedAndCountsOfOneReadAsWords() throws {
        let f = try StudyFixture()
        let s = try study(f, extra: 30)
        let markdown = String(decoding: try s.export(format: .markdown).data, as: UTF8.self)
        let html = String(decoding: try s.export(format: .html).data, as: UTF8.self)
        let json = String(decoding: try s.export(format: .json).data, as: UTF8.self)
        let qdc = String(decoding: try s.export(format: .qdc).data, as: UTF8.self)
        for (name, text) in [("markdown", markdown), ("html", html), ("json", json), ("qdc", qdc)] {
            XCTAssertFalse(text.contains("P09"), "\(name): P09 gave no consent and is named in the export")
            XCTAssertFalse(text.contains("Head of service"), "\(name): P09's role is in the export")
            XCTAssertFalse(text.contains(" items)") && text.contains("(1 items)"), "\(name): \"(1 items)\"")
        }
        XCTAssertTrue(markdown.contains("| P01 | Principal social worker |"), "a consented participant is listed")
        XCTAssertTrue(markdown.contains("| P05 | Youth worker |"))
        // The encrypted session's one contribution in its room, and "small"'s one in its own.
        XCTAssertTrue(markdown.contains("- small · Main room: 1 contribution\n"), "one contribution, said as one")
        XCTAssertTrue(html.contains("small · Main room: 1 contribution</li>"))
        XCTAssertFalse(markdown.contains(" 1 contributions") || html.contains(" 1 contributions"))
        // A checklist of one item, consented: its log line says "1 item".
        let one = try StudyFixture()
        // A study whose checklist has one item (`study add` gives each session the study's checklist).
        let single = try Study.create(
            directory: one.dir, title: "One item", withdrawalDays: 14,
            codebookName: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples,
            checklist: try ConsentChecklist.parse(["information-sheet-understood"]),
            id: UUID(uuidString: "8D5F3A59-2D7B-4C64-9E0C-3F0F9C1B2A12")!)
        let oneItem = ConsentChecklist.event(try ConsentChecklist.parse(["information-sheet-understood"]))
        try one.session("one.convene", date: StudyFixture.today()) { e in
            e.append(oneItem)
            person("P01", "Social worker", name: "Jo Marsh", items: ["information-sheet-understood"], into: &e)
            e.append(ContributionLogged(source: .verbal, speaker: "P01", text: "Thresholds first."))
        }
        try single.add(location: one.path("one.convene"), strand: nil, by: "Sam Lead", at: StudyFixture.t0)
        let report = String(decoding: try one.open().export(format: .markdown).data, as: UTF8.self)
        XCTAssertTrue(report.contains("one: P01: consent checked (1 item)"), "the consent log counts one item as one")
        XCTAssertTrue(report.contains("| P01 | Social worker |"))
    }
    /// Every export of a session file reads its pages ahead (`ExportPages.of`, the one place: `convene export`,
    /// the console's `:export` and a study's sessions), a paged snapshot and a folded state alike, and the pages
    /// and kept scans are those the file gives directly.
    func testEveryFileExportReadsItsPagesAheadAndGetsTheFilesOwnPages() throws {
        let f = try StudyFixture()
        let s = try study(f)
        // One export first: it writes the snapshot the next open pages, and keeps its scans in the file.
        _ = try s.export(format: .json)
        let path = s.path(of: s.manifest.sessions[0])
        let paged = try ExportPages.openFile(path, research: true)
        defer { try? paged.close() }
        XCTAssertTrue(paged.pagedContributions, "a research export of a plain file pages its snapshot")
        let source = ExportPages.of(paged, state: paged.state)
        XCTAssertTrue(source is ReadAheadPages, "\(type(of: source))")
        var direct: [([Int], [Int])] = []
        try SnapshotContributionPages(journal: paged).forEachPageWithScans { page, scans in
            direct.append((page.map(\.number), scans.keys.sorted()))
        }
        XCTAssertGreaterThan(direct.count, 1, "more than one page")
        var ahead: [([Int], [Int])] = []
        try source.forEachPageWithScans { page, scans in ahead.append((page.map(\.number), scans.keys.sorted())) }
        XCTAssertEqual(ahead.map(\.0), direct.map(\.0))
        XCTAssertEqual(ahead.map(\.1), direct.map(\.1))
        let whole = try ExportPages.openFile(path, research: false)
        defer { try? whole.close() }
        XCTAssertFalse(whole.pagedContributions)
        let folded = ExportPages.of(whole, state: whole.state)
        XCTAssertTrue(folded is ReadAheadPages, "\(type(of: folded))")
        var numbers: [Int] = []
        try folded.forEachPage { numbers += $0.map(\.number) }
        XCTAssertEqual(numbers, whole.state.contributions.map(\.number))
    }

    /// Pages read ahead on another thread come in the inner source's order with its scans; an error on either
    /// side ends the reading and reaches the caller, and the reader has stopped when the call returns.
    func testPagesReadAheadAreTheSamePagesAndStopOnAnError() throws {
        let f = try StudyFixture()
        let s = try study(f, extra: 500)
        let state = try s.withJournal(s.manifest.sessions[0], readOnly: true) { $0.state }
        var inner = StatePages(contributions: state.contributions)
        inner.pageSize = 37
        var direct: [[Int]] = []
        try inner.forEachPage { direct.append($0.map(\.number)) }
        XCTAssertGreaterThan(direct.count, 10)
        var ahead: [[Int]] = []
        try ReadAheadPages(inner).forEachPageWithScans { page, _ in ahead.append(page.map(\.number)) }
        XCTAssertEqual(ahead, direct, "the same pages in the same order")
        struct Stop: Error, Equatable {}
        var seen = 0
        XCTAssertThrowsError(
            try ReadAheadPages(inner).forEachPage { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        ) { XCTAssertEqual($0 as? Stop, Stop(), "the caller's own error") }
        XCTAssertEqual(seen, 3, "no page after the error")
        let failing = FailingPages(inner: inner, after: 4)
        var delivered = 0
        XCTAssertThrowsError(try ReadAheadPages(failing).forEachPage { _ in delivered += 1 }) {
            XCTAssertEqual($0 as? FailingPages.Failed, FailingPages.Failed(), "the reader's error")
        }
        XCTAssertEqual(delivered, 4, "every page read before the error")
    }
}

/// Pages that fail after `after` of them (a file that cannot be read further).
struct FailingPages: ContributionPageSource {
    struct Failed: Error, Equatable {}
    let inner: StatePages
    let after: Int
    var count: Int { inner.count }
    func marked() throws -> [Contribution] { try inner.marked() }
    func forEachPage(_ body: ([Contribution]) throws -> Void) throws {
        var n = 0
        try inner.forEachPage { page in
            guard n < after else { throw Failed() }
            n += 1
            try body(page)
        }
    }
}
