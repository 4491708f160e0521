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
        self.directory = directory; self.manifest = manifest; self.cipherFor = cipherFor
    }

    public static func manifestPath(_ directory: String) -> String {
        (directory as NSString).appendingPathComponent(StudyManifest.fileName)
    }

    /// Whether `directory` holds a study manifest.
    public static func isStudy(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: manifestPath(directory))
    }

    /// Creates the folder (if needed) and its manifest; refuses a folder that is already a study.
    public static func create(directory: String, title: String, withdrawalDays: Int, codebookName: String,
                              codes: [CodeDefinition], checklist: [ConsentItem], id: UUID = UUID()) throws -> Study {
        guard !isStudy(directory) else { throw StudyError.alreadyAStudy(directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifest = StudyManifest(id: id, title: title, withdrawalDays: withdrawalDays, codebookName: codebookName,
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
            guard manifest.format == "convene-study" else { throw StudyError.unreadableManifest(path, "it is not a Convene study") }
            return Study(directory: directory, manifest: manifest, cipherFor: cipherFor)
        } catch let e as StudyError {
            throw e
        } catch {
            throw StudyError.unreadableManifest(path, "\(error)")
        }
    }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder(); d.dateDecodingStrategy = .iso8601; return d
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

    /// Opens a session file of the study. Team sessions go through `teamState`.
    public func openFile(_ session: StudySession, readOnly: Bool) throws -> SQLiteJournal {
        guard !session.isTeamSession else { throw StudyError.teamSessionNotYet(action: "this", sessions: [session.name]) }
        let path = path(of: session)
        guard FileManager.default.fileExists(atPath: path) else { throw StudyError.sessionMissing(session.location) }
        let provider = cipherFor
        return try SQLiteJournal.open(path: path, readOnly: readOnly, cipherFor: provider.map { p in { meta in try p(meta, path) } })
    }

    /// The state of any session of the study, on a file or on PostgreSQL.
    public func state(of session: StudySession) throws -> SessionState {
        if session.isTeamSession {
            let provider = cipherFor
            let journal = try PostgresJournal.open(session.location, cipherFor: provider.map { p in { meta in try p(meta, session.location) } })
            defer { journal.close() }
            return journal.state
        }
        let journal = try openFile(session, readOnly: true)
        defer { try? journal.close() }
        return journal.state
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
        if entry.isTeamSession {
            let state = try self.state(of: entry)
            try Self.checkCodes(try states() + [(entry, state)])
            guard state.codebook.name == manifest.codebookName, state.consentItems == manifest.consentChecklist else {
                throw StudyError.teamSessionNotYet(action: "setting the study's codebook and checklist", sessions: [entry.name])
            }
        } else {
            let journal = try openFile(entry, readOnly: false)
            defer { try? journal.close() }
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
        let codes = state.codebook.entries.filter { !$0.emergent }.map { CodeDefinition(name: $0.name, description: $0.description) }
        if state.codebook.name != manifest.codebookName || codes != manifest.codes {
            out.append(CodebookSet(name: manifest.codebookName, codes: manifest.codes))
        }
        if state.consentItems != manifest.consentChecklist { out.append(ConsentChecklist.event(manifest.consentChecklist)) }
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
                        throw StudyError.differentRoles(code: p.code, detail: "\(p.jobRole) in \(session.name), another role in \(seen.session)")
                    }
                } else {
                    detailsOf[p.code] = (role, p.organisationType?.rawValue, session.name)
                }
                guard let name = state.linkage[p.code] else { continue }
                let key = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if let seen = nameOf[p.code], seen.name != key {
                    throw StudyError.codeMeansTwoPeople(code: p.code, sessions: [seen.session, session.name])
                }
                nameOf[p.code] = (key, session.name)
                if let seen = codeOf[key], seen.code != p.code {
                    throw StudyError.personHasTwoCodes(codes: [seen.code, p.code], sessions: [seen.session, session.name])
                }
                codeOf[key] = (p.code, session.name)
            }
        }
    }

    /// The next participant code free across the whole study (for a new person).
    public func nextParticipantCode() -> String {
        var n = 1
        while manifest.attendance[String(format: "P%02d", n)] != nil { n += 1 }
        return String(format: "P%02d", n)
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
