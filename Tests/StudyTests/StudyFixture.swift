import Exporters
import Foundation
import SessionModel
import SessionStore
import XCTest

@testable import Study

/// Builds real study folders of real session files (SQLite through GRDB) for the tests.
struct StudyFixture {
    let dir: String
    static let passphrase = "correct horse battery staple"
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    init(_ name: String = #function) throws {
        dir = NSTemporaryDirectory() + "convene-study-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.removeItem(atPath: dir)
    }

    func path(_ file: String) -> String { (dir as NSString).appendingPathComponent(file) }

    static func cipher(_ meta: FileMeta, _ path: String) throws -> any PayloadCipher {
        try EncryptedPayloads.unlock(meta: meta, passphrase: StudyFixture.passphrase, path: path)
    }

    func open() throws -> Study { try Study.open(dir, cipherFor: Self.cipher) }

    /// A study with the practice principles and a checklist with two optional items.
    func createStudy(days: Int = 14) throws -> Study {
        let items = try ConsentChecklist.parse([
            "information-sheet-understood", "chatham-house-rule",
            "optional: quotes -> never quoted", "optional: recording -> verbal withheld",
        ])
        _ = try Study.create(
            directory: dir, title: "Hybrid conferences study", withdrawalDays: days,
            codebookName: BuiltInCodebook.practicePrinciplesName, codes: BuiltInCodebook.practicePrinciples,
            checklist: items, id: UUID(uuidString: "8D5F3A59-2D7B-4C64-9E0C-3F0F9C1B2A11")!)
        return try open()
    }

    /// A session file in the study folder; `build` appends its events (times after t0).
    @discardableResult
    func session(
        _ file: String, date: String, encrypted: Bool = false,
        _ build: (inout [any EventPayload]) -> Void
    ) throws -> String {
        let p = path(file)
        var cipher: any PayloadCipher = PlainPayloads()
        var meta: [String: String] = [:]
        if encrypted {
            (cipher, meta) = try EncryptedPayloads.create(passphrase: Self.passphrase, derivation: .fastForTests)
        }
        let sid = UUID(
            uuidString: String(format: "00000000-0000-4000-8000-%012d", abs(file.hashValue % 1_000_000_000)))!
        let journal = try SQLiteJournal.create(
            path: p, session: SessionCreated(sessionID: sid, title: "Group \(file)", date: date),
            by: "Sam Lead", at: Self.t0, cipher: cipher, meta: meta)
        var events: [any EventPayload] = [FacilitatorAdded(name: "Sam Lead", role: .lead)]
        build(&events)
        var t = Self.t0
        for e in events {
            t += 5
            try journal.append([e], by: "Sam Lead", at: t)
        }
        try journal.close()
        return p
    }

    /// Every byte of a session file, its -wal and -shm.
    func rawBytes(_ file: String) -> Data {
        ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: path(file) + $0) }.reduce(Data(), +)
    }

    /// Hashes of every file in the folder (names and bytes), to prove a refusal changed nothing.
    func fingerprint() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            out[f] = FileManager.default.contents(atPath: path(f)) ?? Data()
        }
        return out
    }

    func contains(_ text: String, in data: Data) -> Bool { data.range(of: Data(text.utf8)) != nil }

    static func today() -> String { SessionDate.format(Date()) }
}

/// A participant with a real name, a role and consent to `items` (nil: every study item).
func person(
    _ code: String, _ role: String, name: String, org: OrganisationType = .localAuthority,
    items: [String]? = nil, into e: inout [any EventPayload]
) {
    e.append(ParticipantAdded(code: code, jobRole: role, organisationType: org))
    e.append(RealNameRecorded(code: code, name: name))
    e.append(
        ConsentRecorded(
            code: code, items: items ?? ["information-sheet-understood", "chatham-house-rule", "quotes", "recording"],
            checkedBy: "Sam Lead"))
}

let studyChecklist = ConsentChecklist.event(
    try! ConsentChecklist.parse(
        [
            "information-sheet-understood", "chatham-house-rule", "optional: quotes -> never quoted",
            "optional: recording -> verbal withheld",
        ]))
