/// Study owns what spans several sessions: the study folder and its manifest
/// (`study.json`), participant codes unique across the study, withdrawal from
/// the study, anonymisation at the end of the project and the one analysis
/// export. It works through the session stores and the export gate; it never
/// decides a rule of its own that a single session already has.
import Foundation
import SessionModel

/// One session of a study, as the manifest lists it.
public struct StudySession: Codable, Sendable, Equatable {
    /// The short name the study knows it by (the file's name without `.convene`).
    public var name: String
    /// A path relative to the study folder, an absolute path, or `postgres://…?session=NAME`.
    public var location: String
    public var strand: String?
    public init(name: String, location: String, strand: String?) {
        self.name = name
        self.location = location
        self.strand = strand
    }
    /// Whether the session lives on PostgreSQL (a team session).
    public var isTeamSession: Bool { location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") }
}

/// A withdrawal from the study, as the manifest remembers it (codes and session names only).
public struct StudyWithdrawalEntry: Codable, Sendable, Equatable {
    public var code: String
    public var requestedOn: String
    public var at: Date
    public var by: String
    public var sessions: [String]
    public var overrideReason: String?
}

/// What `study anonymise` proved about one file when it destroyed the linkage.
public struct AnonymisedFile: Codable, Sendable, Equatable {
    public var session: String
    /// SHA-256 of the file's bytes right after the check, so `study show` can tell it has not changed since.
    public var sha256: String?
    /// How many real and block-listed names were searched for in the file, its -wal and -shm.
    public var namesSearched: Int
    /// Sessions in which a searched name was still found (never expected; listed if so).
    public var namesFound: Int
}

/// The end of the project, as recorded in the manifest.
public struct StudyAnonymisation: Codable, Sendable, Equatable {
    public var at: Date
    public var by: String
    public var files: [AnonymisedFile]
}

/// `study.json`: the study's settings and the linkage of participant codes to sessions.
/// It holds no real name: those stay in each session's linkage table.
public struct StudyManifest: Codable, Sendable, Equatable {
    public static let fileName = "study.json"
    public var format = "convene-study"
    public var version = 1
    public var id: UUID
    public var title: String
    public var withdrawalDays: Int
    /// The study's codebook: every session of the study uses it.
    public var codebookName: String
    public var codes: [CodeDefinition]
    /// The study's consent checklist: every session of the study uses it.
    public var consentChecklist: [ConsentItem]
    public var sessions: [StudySession] = []
    /// Which sessions each participant code attended (P01 is one person everywhere).
    public var attendance: [String: [String]] = [:]
    public var withdrawals: [StudyWithdrawalEntry] = []
    public var anonymisation: StudyAnonymisation?

    public init(
        id: UUID, title: String, withdrawalDays: Int, codebookName: String, codes: [CodeDefinition],
        consentChecklist: [ConsentItem]
    ) {
        self.id = id
        self.title = title
        self.withdrawalDays = withdrawalDays
        self.codebookName = codebookName
        self.codes = codes
        self.consentChecklist = consentChecklist
    }

    public func session(named name: String) -> StudySession? { sessions.first { $0.name == name } }
}
