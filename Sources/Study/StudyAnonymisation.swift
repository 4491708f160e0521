import Foundation
import Privacy
import SessionModel
import SessionStore

/// What `study anonymise` did.
public struct StudyAnonymisationResult: Sendable {
    public var files: [AnonymisedFile]
    public var realNames: Int
    public var blocklisted: Int
    public var redacted: Int
    /// Sessions whose file, -wal or -shm still held a searched name after the erasure.
    public var namesStillFound: [String] { files.filter { $0.namesFound > 0 }.map(\.session) }
}

extension Study {
    /// The end of the project: once every session's withdrawal window has closed,
    /// destroys the linkage table and block-list of every session (each through
    /// its own `anonymise`), then searches each file's raw bytes (file, -wal, -shm),
    /// and every row of each team session, for every name it destroyed and records
    /// the result (and each file's hash) in the manifest, so `study show` can prove it
    /// later. Refused, naming the sessions,
    /// while any window is open; nothing is changed then.
    public func anonymise(by actor: String, at now: Date, today: String) throws -> StudyAnonymisationResult {
        let all = try states()
        let open = all.filter { s in s.state.withdrawalClosesOn.map { today <= $0 } ?? true }
            .map { "\($0.session.name) (until \($0.state.withdrawalClosesOn ?? "?"))" }
        guard open.isEmpty else { throw StudyError.windowsOpen(open) }
        let pending = all.filter { !$0.state.linkageDestroyed }
        guard !pending.isEmpty || manifest.anonymisation == nil else { throw StudyError.alreadyAnonymised }
        // Every name of the study: a participant of one group may be named in another.
        var names = Set<String>()
        for (_, s) in all {
            names.formUnion(s.linkage.values)
            names.formUnion(s.blocklist)
        }
        var realNames = 0
        var blocked = 0
        var redacted = 0
        for (session, _) in pending {
            // A file or a team session: each through the erasure steps `convene anonymise` takes
            // (SessionErasure), redacting every name of the study, numbered like any other redaction.
            let leaving = names.sorted()
            try withJournal(session, readOnly: false) { journal in
                let done = try SessionErasure.anonymise(journal, redacting: { _ in leaving }, by: actor, at: now)
                redacted += done.redactions.count
                realNames += done.receipt.realNames
                blocked += done.receipt.blocklisted
            }
        }
        var files: [AnonymisedFile] = []
        for (session, _) in all {
            if session.isTeamSession {
                // No file to hash: every row the server holds for the session is searched instead.
                let found = try withJournal(session, readOnly: true) {
                    try Self.namesFound(names, inRows: $0.allEvents())
                }
                files.append(
                    AnonymisedFile(
                        session: session.name, sha256: nil, namesSearched: names.count,
                        namesFound: found))
                continue
            }
            let path = path(of: session)
            let found = Self.namesFound(names, inFileAndSidecars: path)
            files.append(
                AnonymisedFile(
                    session: session.name, sha256: Self.sha256(of: path), namesSearched: names.count,
                    namesFound: found))
        }
        try update { $0.anonymisation = StudyAnonymisation(at: now, by: actor, files: files) }
        return StudyAnonymisationResult(files: files, realNames: realNames, blocklisted: blocked, redacted: redacted)
    }

    /// How many of `names` occur (any ASCII case) in the raw bytes of a file, its -wal or -shm.
    static func namesFound(_ names: Set<String>, inFileAndSidecars path: String) -> Int {
        let blobs = ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: path + $0) }.map(lowerASCII)
        return names.filter { name in
            let needle = lowerASCII(Data(name.utf8))
            return !needle.isEmpty && blobs.contains { $0.range(of: needle) != nil }
        }.count
    }

    /// How many of `names` occur (any ASCII case) in the payloads of a team session's rows.
    static func namesFound(_ names: Set<String>, inRows rows: [StoredEvent]) throws -> Int {
        let blobs = try rows.filter { !$0.event.isErased }.map { lowerASCII(try EventCodec.encode($0.event.payload)) }
        return names.filter { name in
            let needle = lowerASCII(Data(name.utf8))
            return !needle.isEmpty && blobs.contains { $0.range(of: needle) != nil }
        }.count
    }

    static func lowerASCII(_ d: Data) -> Data { Data(d.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }) }
}
