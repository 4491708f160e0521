import Crypto
import Foundation
import Privacy
import SessionModel
import SessionStore
import TeamStore

/// How a study opens its sessions: the caller supplies the passphrase of an encrypted one.
public typealias StudyCipherProvider = (_ meta: FileMeta, _ location: String) throws -> any PayloadCipher

/// A study folder: its manifest and the sessions it lists.
public final class Study {
    public let directory: String
    public private(set) var manifest: StudyManifest
    let cipherFor: StudyCipherProvider?

    init(directory: String, manifest: StudyManifest, cipherFor: StudyCipherProvider?) {
        self.directory = directory
        self.manifest = manifest
        self.cipherFor = cipherFor
    }

    public static func manifestPath(_ directory: String) -> String {
        (directory as NSString).appendingPathComponent(StudyManifest.fileName)
    }

    /// Whether `directory` holds a study manifest.
    public static func isStudy(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: manifestPath(directory))
    }

    /// Creates the folder (if needed) and its manifest; refuses a folder that is already a study.
    public static func create(
        directory: String, title: String, withdrawalDays: Int, codebookName: String,
        codes: [CodeDefinition], checklist: [ConsentItem], id: UUID = UUID()
    ) throws -> Study {
        guard !isStudy(directory) else { throw StudyError.alreadyAStudy(directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifest = StudyManifest(
            id: id, title: title, withdrawalDays: withdrawalDays, codebookName: codebookName,
            codes: codes, consentChecklist: checklist)
        let study = Study(directory: directory, manifest: manifest, cipherFor: nil)
        try study.save()
        return study
    }

    public static func open(_ directory: String, cipherFor: StudyCipherProvider? = nil) throws -> Study {
        let path = manifestPath(directory)
        guard let data = FileManager.default.contents(atPath: path) else { throw StudyError.notAStudy(directory) }
        do {
            let manifest = try Self.decoder.decode(StudyManifest.self, from: data)
            guard manifest.format == "convene-study" else {
                throw StudyError.unreadableManifest(path, "it is not a Convene study")
            }
            return Study(directory: directory, manifest: manifest, cipherFor: cipherFor)
        } catch let e as StudyError {
            throw e
        } catch {
            throw StudyError.unreadableManifest(path, "\(error)")
        }
    }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// Writes the manifest whole or not at all (a temporary file renamed into place).
    public func save() throws {
        let path = Self.manifestPath(directory)
        let temp = path + ".partial-\(getpid())"
        let data = try Self.encoder.encode(manifest)
        guard FileManager.default.createFile(atPath: temp, contents: data) else {
            throw StudyError.unreadableManifest(path, "it cannot be written")
        }
        guard rename(temp, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temp)
            throw StudyError.unreadableManifest(path, String(cString: strerror(errno)))
        }
    }

    /// Where a session file is on disk (team sessions are returned as they are).
    public func path(of session: StudySession) -> String {
        if session.isTeamSession || session.location.hasPrefix("/") { return session.location }
        return (directory as NSString).appendingPathComponent(session.location)
    }

    /// Opens a session file of the study (a team session is opened with `withJournal`).
    public func openFile(_ session: StudySession, readOnly: Bool) throws -> SQLiteJournal {
        guard !session.isTeamSession else { throw StudyError.notAFile(session.name) }
        let path = path(of: session)
        guard FileManager.default.fileExists(atPath: path) else { throw StudyError.sessionMissing(session.location) }
        let provider = cipherFor
        return try SQLiteJournal.open(
            path: path, readOnly: readOnly, cipherFor: provider.map { p in { meta in try p(meta, path) } })
    }

    /// Opens a team session of the study on PostgreSQL. No offline outbox: a study
    /// command changes a team session only while the server answers.
    func openTeam(_ session: StudySession) throws -> PostgresJournal {
        let provider = cipherFor
        let location = session.location
        return try PostgresJournal.open(location, cipherFor: provider.map { p in { meta in try p(meta, location) } })
    }

    /// Runs `body` on any session of the study, a file or a team session, through the
    /// journal protocol both stores share (the same one SessionActions erases through),
    /// and closes it afterwards. `readOnly` applies to files (a team session is a connection).
    public func withJournal<T>(
        _ session: StudySession, readOnly: Bool,
        _ body: (any ErasingJournal) throws -> T
    ) throws -> T {
        if session.isTeamSession {
            let journal = try openTeam(session)
            defer { journal.close() }
            return try body(journal)
        }
        let journal = try openFile(session, readOnly: readOnly)
        defer { try? journal.close() }
        return try body(journal)
    }

    /// The state of any session of the study, on a file or on PostgreSQL.
    public func state(of session: StudySession) throws -> SessionState {
        try withJournal(session, readOnly: true) { $0.state }
    }

    /// Every session's state, in manifest order.
    public func states() throws -> [(session: StudySession, state: SessionState)] {
        try manifest.sessions.map { ($0, try state(of: $0)) }
    }

    // MARK: Adding sessions

    /// The name a study gives a session file: its file name without `.convene`.
    public static func name(for location: String) -> String {
        if let q = location.range(of: "session=") { return String(location[q.upperBound...].prefix { $0 != "&" }) }
        let file = (location as NSString).lastPathComponent
        return file.hasSuffix(".convene") ? String(file.dropLast(".convene".count)) : file
    }

    /// The manifest's location for a path: relative to the folder when it is inside it.
    func manifestLocation(_ location: String) -> String {
        guard !location.hasPrefix("postgres") else { return location }
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        let full = URL(fileURLWithPath: location).standardizedFileURL.path
        return full.hasPrefix(dir + "/") ? String(full.dropFirst(dir.count + 1)) : full
    }

    /// Adds a session: it takes the study's codebook and consent checklist (appended to
    /// its journal when they differ), and its participant codes are checked against the
    /// study's (one code, one person). Refused with nothing changed if a code clashes.
    @discardableResult
    public func add(location: String, strand: String?, by actor: String, at now: Date) throws -> StudySession {
        let entry = StudySession(name: Self.name(for: location), location: manifestLocation(location), strand: strand)
        guard manifest.session(named: entry.name) == nil else { throw StudyError.sessionAlreadyInStudy(entry.name) }
        try withJournal(entry, readOnly: false) { journal in
            try Self.checkCodes(try states() + [(entry, journal.state)])
            let events = studySettings(missingFrom: journal.state)
            if !events.isEmpty { try journal.append(events, by: actor, at: now) }
        }
        manifest.sessions.append(entry)
        try refreshAttendance()
        return entry
    }

    /// The events that give a session the study's codebook and checklist (none when it has them).
    public func studySettings(missingFrom state: SessionState) -> [any EventPayload] {
        var out: [any EventPayload] = []
        let codes = state.codebook.entries.filter { !$0.emergent }.map {
            CodeDefinition(name: $0.name, description: $0.description)
        }
        if state.codebook.name != manifest.codebookName || codes != manifest.codes {
            out.append(CodebookSet(name: manifest.codebookName, codes: manifest.codes))
        }
        if state.consentItems != manifest.consentChecklist {
            out.append(ConsentChecklist.event(manifest.consentChecklist))
        }
        return out
    }

    /// Rebuilds who attended which session from the sessions themselves and saves the manifest.
    public func refreshAttendance(_ given: [(session: StudySession, state: SessionState)]? = nil) throws {
        let all = try given ?? states()
        var attendance: [String: [String]] = [:]
        for (session, state) in all {
            for p in state.orderedParticipants { attendance[p.code, default: []].append(session.name) }
        }
        manifest.attendance = attendance
        try save()
    }

    /// One code is one person across the study: the same code must not carry two
    /// different real names or roles, and one real name must not carry two codes.
    public static func checkCodes(_ all: [(session: StudySession, state: SessionState)]) throws {
        var nameOf: [String: (name: String, session: String)] = [:]
        var codeOf: [String: (code: String, session: String)] = [:]
        var detailsOf: [String: (role: String, org: String?, session: String)] = [:]
        for (session, state) in all {
            for p in state.orderedParticipants {
                let role = ImplicitIdentification.normalised(p.jobRole)
                if let seen = detailsOf[p.code] {
                    if seen.role != role {
                        throw StudyError.differentRoles(
                            code: p.code, detail: "\(p.jobRole) in \(session.name), another role in \(seen.session)")
                    }
                } else {
                    detailsOf[p.code] = (role, p.organisationType?.rawValue, session.name)
                }
                guard let name = state.linkage[p.code] else { continue }
                let key = nameKey(name)
                if let seen = nameOf[p.code], seen.name != key {
                    throw StudyError.codeMeansTwoPeople(code: p.code, sessions: [seen.session, session.name])
                }
                nameOf[p.code] = (key, session.name)
                if let seen = codeOf[key], seen.code != p.code {
                    throw StudyError.personHasTwoCodes(
                        codes: [seen.code, p.code], sessions: [seen.session, session.name])
                }
                codeOf[key] = (p.code, session.name)
            }
        }
    }

    // MARK: Participants joining a session of the study

    /// The study whose folder holds the session file at `path` and lists it, with its entry.
    /// (A session is found by its folder: a study session kept elsewhere, or a team session,
    /// is checked by `study add` only.)
    public static func containing(
        file path: String,
        cipherFor: StudyCipherProvider? = nil
    ) throws -> (Study, StudySession)? {
        guard !path.hasPrefix("postgres") else { return nil }
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = (full as NSString).deletingLastPathComponent
        guard isStudy(folder) else { return nil }
        let study = try open(folder, cipherFor: cipherFor)
        guard
            let entry = study.manifest.sessions.first(where: { session in
                !session.isTeamSession && URL(fileURLWithPath: study.path(of: session)).standardizedFileURL.path == full
            })
        else { return nil }
        return (study, entry)
    }

    /// Checks a participant about to join the session `sessionName` against every other
    /// session of the study: the same code must be the same person (same job role, and
    /// the same real name where both are known), and a known real name must keep its code.
    /// Returns the sessions where the same person already is (the code is linked to them).
    /// `codesInSession` are the codes the session already has (not free for a suggestion).
    public func checkJoining(
        code: String, jobRole: String, realName: String?, session sessionName: String,
        codesInSession: [String] = []
    ) throws -> [String] {
        let taken = Set(codesInSession + [code])
        let role = ImplicitIdentification.normalised(jobRole)
        let name = realName.map(Self.nameKey)
        var same: [String] = []
        for session in manifest.sessions where session.name != sessionName {
            let state: SessionState
            do { state = try self.state(of: session) } catch {
                // Unreadable here (an encrypted file without its passphrase): refuse only what it might contradict.
                if manifest.attendance[code]?.contains(session.name) == true {
                    throw StudyError.cannotCheckCode(code: code, session: session.name, why: "\(error)")
                }
                continue
            }
            if let other = state.participant(code) {
                if ImplicitIdentification.normalised(other.jobRole) != role {
                    throw StudyError.codeTakenInStudy(
                        code: code, session: session.name, why: "a \(other.jobRole) there",
                        next: nextParticipantCode(besides: taken))
                }
                if let name, let there = state.linkage[code], Self.nameKey(there) != name {
                    throw StudyError.codeTakenInStudy(
                        code: code, session: session.name, why: "another real name there",
                        next: nextParticipantCode(besides: taken))
                }
                same.append(session.name)
            } else if let name, let existing = state.linkage.first(where: { Self.nameKey($0.value) == name })?.key {
                throw StudyError.personHasCodeInStudy(code: code, session: session.name, existing: existing)
            }
        }
        return same
    }

    /// A participant's job role changed in one session: refused when another session holds the same code with
    /// another role that was recorded (not an import's "role not recorded"), as `study add` would refuse them.
    public func checkRoleChange(code: String, jobRole: String, session sessionName: String) throws {
        let role = ImplicitIdentification.normalised(jobRole)
        for session in manifest.sessions where session.name != sessionName {
            guard let state = try? self.state(of: session), let other = state.participant(code) else { continue }
            let there = ImplicitIdentification.normalised(other.jobRole)
            if there != role && there != ImplicitIdentification.normalised(Participant.unrecordedRole) {
                throw StudyError.roleDiffersInStudy(code: code, session: session.name, role: other.jobRole)
            }
        }
    }

    /// Records that `code` attended `session` (the manifest's attendance), once.
    public func recordAttendance(code: String, session: String) throws {
        guard manifest.attendance[code]?.contains(session) != true else { return }
        try update { $0.attendance[code, default: []].append(session) }
    }

    /// A real name as compared across sessions: case, accents and spacing ignored.
    static func nameKey(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The next participant code free across the whole study (for a new person).
    public func nextParticipantCode(besides taken: Set<String> = []) -> String {
        var n = 1
        func code(_ n: Int) -> String { String(format: "P%02d", n) }
        while manifest.attendance[code(n)] != nil || taken.contains(code(n)) { n += 1 }
        return code(n)
    }

    func update(_ change: (inout StudyManifest) -> Void) throws {
        change(&manifest)
        try save()
    }

    /// SHA-256 of a file's bytes, lowercase hex; nil when it cannot be read.
    static func sha256(of path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
