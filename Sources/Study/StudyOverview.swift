import Foundation
import Privacy
import SessionModel
import SessionStore

/// One session of a study at a glance (`convene study show`).
public struct StudySessionSummary: Codable, Sendable, Equatable {
    public struct Consent: Codable, Sendable, Equatable {
        /// ✗: no record, or a required item not given.
        public var notConsented: [String]
        /// ◐: optional items not given, by code (the gate applies their effects).
        public var partial: [String: [String]]
    }
    public var name: String
    public var location: String
    public var strand: String?
    public var title: String
    public var date: String
    public var withdrawalClosesOn: String?
    /// `open` or `closed`, judged on the day given.
    public var window: String
    public var participants: [String]
    public var consent: Consent
    public var openConcerns: Int
    public var unreviewedFindings: Int
    public var withdrawn: [String]
    /// `linked` or `anonymised`.
    public var linkage: String
    public var encrypted: Bool
    /// For an anonymised file: whether its bytes are still those `study anonymise` searched for names
    /// (for a team session: whether no name was found in its rows then).
    public var anonymisationVerified: Bool?
    /// Why a session could not be read (it is listed, but nothing else is known).
    public var problem: String?
}

/// The whole study at a glance.
public struct StudyOverview: Codable, Sendable, Equatable {
    public var title: String
    public var id: String
    public var withdrawalDays: Int
    public var codebook: String
    public var consentChecklist: [String]
    public var sessions: [StudySessionSummary]
    /// Which sessions each participant code attended.
    public var attendance: [String: [String]]
    public var withdrawals: [StudyWithdrawalEntry]
    /// `linked`, `partly anonymised` or `anonymised` (every session's linkage destroyed).
    public var linkage: String
    public var anonymisedAt: Date?
}

extension Study {
    /// Every session with its date, strand, window, consent gaps, open concerns,
    /// unreviewed findings, withdrawals and anonymisation state. `today` is YYYY-MM-DD.
    public func overview(today: String) -> StudyOverview {
        var rows: [StudySessionSummary] = []
        for session in manifest.sessions {
            do {
                let state = try self.state(of: session)
                rows.append(summary(session, state, today: today))
            } catch {
                rows.append(
                    StudySessionSummary(
                        name: session.name, location: session.location, strand: session.strand, title: "", date: "",
                        withdrawalClosesOn: nil, window: "unknown", participants: [],
                        consent: .init(notConsented: [], partial: [:]),
                        openConcerns: 0, unreviewedFindings: 0, withdrawn: [], linkage: "unknown", encrypted: false,
                        anonymisationVerified: nil, problem: "\(error)"))
            }
        }
        let anonymised = rows.filter { $0.linkage == "anonymised" }.count
        // Who attended what, as the sessions say now (a participant may have been added since `study add`).
        var attendance = manifest.attendance
        for row in rows where row.problem == nil {
            for code in row.participants where !(attendance[code] ?? []).contains(row.name) {
                attendance[code, default: []].append(row.name)
            }
        }
        let order = Dictionary(
            uniqueKeysWithValues: manifest.sessions.enumerated().map { ($0.element.name, $0.offset) })
        attendance = attendance.mapValues { $0.sorted { order[$0, default: .max] < order[$1, default: .max] } }
        return StudyOverview(
            title: manifest.title, id: manifest.id.uuidString.lowercased(), withdrawalDays: manifest.withdrawalDays,
            codebook: manifest.codebookName, consentChecklist: manifest.consentChecklist.map(\.line), sessions: rows,
            attendance: attendance, withdrawals: manifest.withdrawals,
            linkage: rows.isEmpty || anonymised == 0
                ? "linked" : anonymised == rows.count ? "anonymised" : "partly anonymised",
            anonymisedAt: manifest.anonymisation?.at)
    }

    func summary(_ session: StudySession, _ s: SessionState, today: String) -> StudySessionSummary {
        let present = s.orderedParticipants.filter { !$0.withdrawn }
        var partial: [String: [String]] = [:]
        for p in present { if case .partial(let items, _) = s.consentStatus(p) { partial[p.code] = items } }
        // What `convene review` lists and the export gate redacts: each contribution's own findings and the terms the
        // session remembers from the others (Privacy/SessionMemory.swift).
        let findings = Redactor(session: s).sessionFindings(s).findings.values.reduce(0) { $0 + $1.count }
        var verified: Bool?
        if s.linkageDestroyed, let proof = manifest.anonymisation?.files.first(where: { $0.session == session.name }) {
            // A team session has no file to hash: its rows were searched when it was anonymised.
            verified =
                session.isTeamSession
                ? proof.namesFound == 0
                : proof.namesFound == 0 && proof.sha256 == Self.sha256(of: path(of: session))
                    && Self.sidecarsEmpty(path(of: session))
        }
        let encrypted =
            !session.isTeamSession
            && ((try? SQLiteJournal.readMeta(path: path(of: session)).encryption) ?? "none") != "none"
        return StudySessionSummary(
            name: session.name, location: session.location, strand: session.strand, title: s.info?.title ?? "",
            date: s.info?.date ?? "", withdrawalClosesOn: s.withdrawalClosesOn,
            window: s.withdrawalClosesOn.map { today <= $0 ? "open" : "closed" } ?? "unknown",
            participants: s.orderedParticipants.map(\.code),
            consent: .init(notConsented: s.participantsWithoutConsent.map(\.code), partial: partial),
            openConcerns: s.register.open.count, unreviewedFindings: findings,
            withdrawn: s.orderedParticipants.filter(\.withdrawn).map(\.code),
            linkage: s.linkageDestroyed ? "anonymised" : "linked", encrypted: encrypted,
            anonymisationVerified: verified, problem: nil)
    }

    /// A file's -wal and -shm hold nothing (absent or empty of log frames).
    static func sidecarsEmpty(_ path: String) -> Bool {
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return wal == 0
    }
}
