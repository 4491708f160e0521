import Foundation

// The small closed vocabularies of a session. Raw values are the words the
// command line and the JSON output use, so they are part of the contract.

public enum Platform: String, Codable, Sendable, CaseIterable {
    case teams, zoom, other
}

public enum FacilitatorRole: String, Codable, Sendable, CaseIterable {
    case lead
    case coFacilitator = "co-facilitator"
    case notetaker
    case safeguarding
}

/// The role a console is opened with; it decides what of the safeguarding
/// register is shown.
public enum ConsoleRole: String, Codable, Sendable, CaseIterable {
    case lead, safeguarding, notetaker, observer
}

public enum OrganisationType: String, Codable, Sendable, CaseIterable {
    case police, health
    case localAuthority = "local-authority"
    case education, voluntary, other
}

/// What the participant asked for: to be quoted with their job role, or not.
public enum AttributionPreference: String, Codable, Sendable, CaseIterable {
    case role
    case noRole = "no-role"
}

/// Chatham House level of one contribution.
public enum AttributionLevel: String, Codable, Sendable, CaseIterable, Comparable {
    /// May be quoted with the speaker's job role.
    case role
    /// May be quoted, with no attribution.
    case anonymous
    /// Informs findings, never quoted.
    case background

    private var rank: Int { self == .role ? 2 : self == .anonymous ? 1 : 0 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public enum ContributionSource: String, Codable, Sendable, CaseIterable {
    case verbal, chat, whiteboard, facilitator
}

public enum ContributionForm: String, Codable, Sendable, CaseIterable {
    case verbatim, summary
}

public enum ConcernCategory: String, Codable, Sendable, CaseIterable {
    case riskToParticipant = "risk-to-participant"
    case riskToChildOrYoungPerson = "risk-to-child-or-young-person"
    case riskToAdult = "risk-to-adult"
    case unsafePractice = "unsafe-practice"
    case professionalMisconduct = "professional-misconduct"
    case other
}

public enum ConcernUrgency: String, Codable, Sendable, CaseIterable, Comparable {
    case immediate
    case sameDay = "same-day"
    case afterSession = "after-session"

    private var rank: Int { self == .immediate ? 0 : self == .sameDay ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public enum ConcernActionKind: String, Codable, Sendable, CaseIterable {
    case discussed, consulted, referred, informed, closed
}

/// Labels an identifier finding can carry (see Privacy).
public enum IdentifierLabel: String, Codable, Sendable, CaseIterable {
    case person = "PERSON"
    case postcode = "POSTCODE"
    case phone = "PHONE"
    case email = "EMAIL"
    case nhsNumber = "NHS_NUMBER"
    case niNumber = "NI_NUMBER"
    case dateOfBirth = "DATE_OF_BIRTH"
    case age = "AGE"
    case location = "LOCATION"
    case organisationLocal = "ORGANISATION_LOCAL"
    case handle = "HANDLE"
    case vehicleReg = "VEHICLE_REG"
    case caseRef = "CASE_REF"
    /// An IBAN, sort code, account or card number (checked by its check digits where it has them).
    case financial = "FINANCIAL"
    case ipAddress = "IP_ADDRESS"
    /// A web address that carries a name or a profile.
    case url = "URL"
    /// Health, ethnicity, religion, politics, union membership, sex life or orientation (GDPR Art. 9): shown to the
    /// reviewer and used by the implicit-identification check, never redacted on its own.
    case specialCategory = "SPECIAL_CATEGORY"

    /// Whether a finding with this label is an identifier that becomes a placeholder (SPECIAL_CATEGORY is not).
    public var isIdentifier: Bool { self != .specialCategory }

    /// The word inside a redaction placeholder, e.g. `[POSTCODE 2]`.
    public var placeholderWord: String {
        switch self {
        case .person: return "PERSON"
        case .postcode: return "POSTCODE"
        case .phone: return "PHONE"
        case .email: return "EMAIL"
        case .nhsNumber: return "NHS NUMBER"
        case .niNumber: return "NI NUMBER"
        case .dateOfBirth: return "DATE OF BIRTH"
        case .age: return "AGE"
        case .location: return "PLACE"
        case .organisationLocal: return "ORGANISATION"
        case .handle: return "HANDLE"
        case .vehicleReg: return "VEHICLE"
        case .caseRef: return "CASE REF"
        case .financial: return "FINANCIAL"
        case .ipAddress: return "IP ADDRESS"
        case .url: return "URL"
        case .specialCategory: return "SPECIAL CATEGORY"
        }
    }
}
