/// Chatham House implicit identification: a contribution quoted with its
/// speaker's job role can still point at one person when the role is rare and
/// the quote (or the role itself) names a place or a local organisation — "the
/// only Principal Social Worker" plus "here in Northgate". This file owns that
/// check. Pure: it reads the session state and scans text, nothing else.
import Foundation
import SessionModel

/// One contribution whose export would pair a rare role with a place or organisation.
public struct ImplicitIdentificationWarning: Equatable, Sendable, Codable {
    /// The contribution number.
    public var contribution: Int
    /// The speaker's participant code.
    public var participant: String
    /// The speaker's job role as it would be printed beside the quote.
    public var role: String
    /// Why the role counts as rare.
    public var rarity: RoleRarity
    /// The place or organisation that, with the role, points at one person.
    public var place: String
    /// What kind of finding the place is (LOCATION, ORGANISATION_LOCAL, POSTCODE).
    public var placeLabel: IdentifierLabel
    /// Where the place was found: in the contribution's text or in the role itself.
    public var foundIn: PlaceSource
    /// The attribution level the contribution has now.
    public var current: AttributionLevel
    /// The lower level that removes the pairing.
    public var suggested: AttributionLevel
    /// One line a facilitator can act on.
    public var message: String

    public enum RoleRarity: String, Codable, Sendable {
        /// Only one participant in the session holds this role.
        case onlyOneInSession = "only-one-in-session"
        /// A senior or rare title (there are few of them in any one area).
        case rareTitle = "rare-title"
    }

    public enum PlaceSource: String, Codable, Sendable {
        case text, role
    }
}

public enum ImplicitIdentification {
    /// Titles that are rare in any one area whatever the session holds: a
    /// borough has one Principal Social Worker, one Director of Children's Services.
    public static let rareTitles: [String] = [
        "principal social worker", "director of children's services", "director of childrens services",
        "assistant director", "deputy director", "director", "head of service", "head of safeguarding",
        "service manager", "headteacher", "head teacher", "principal", "virtual school head",
        "designated doctor", "designated nurse", "named nurse", "named doctor", "lado",
        "local authority designated officer", "chief inspector", "superintendent", "chief superintendent",
        "detective chief inspector", "lscp chair", "independent chair", "independent scrutineer",
        "safeguarding partnership manager", "exploitation lead", "missing lead", "cse lead", "cce lead",
        "youth offending manager", "yot manager", "head of yot", "commissioner", "chief executive",
        "ceo", "clinical lead", "consultant paediatrician", "consultant psychiatrist",
    ]

    /// Warnings for every live, role-attributed contribution in `state`, in contribution order.
    /// Contributions already at `anonymous` or `background` print no role and are never warned about.
    /// `roleHolders` (by `normalised` role) replaces the session's own count when the export
    /// spans a study: a role held by one person in the whole study is rare there, in `scope` words.
    public static func warnings(in state: SessionState, scanner: IdentifierScanner? = nil,
                                roleHolders: [String: Int]? = nil, scope: String = "session") -> [ImplicitIdentificationWarning] {
        let scanner = scanner ?? IdentifierScanner(session: state)
        var holders: [String: Int] = [:]
        for p in state.orderedParticipants where !p.withdrawn { holders[normalised(p.jobRole), default: 0] += 1 }
        if let roleHolders { holders = roleHolders }
        let people = roleHolders.map { $0.values.reduce(0, +) } ?? state.participants.count
        var out: [ImplicitIdentificationWarning] = []
        for c in state.contributions where !c.erased && !c.struck && !c.directMessage && c.attribution == .role {
            guard let code = c.speaker, let p = state.participant(code), !p.withdrawn else { continue }
            let role = p.jobRole
            let key = normalised(role)
            guard !key.isEmpty, key != "role not recorded" else { continue }
            let rarity: ImplicitIdentificationWarning.RoleRarity
            if isRareTitle(key) { rarity = .rareTitle }
            else if holders[key, default: 0] == 1 && people > 1 { rarity = .onlyOneInSession }
            else { continue }
            guard let (place, label, source) = placeIn(c, role: role, scanner: scanner) else { continue }
            // If the quote itself names the role, removing the label is not enough.
            let saysRole = normalised(c.text).contains(key)
            let suggested: AttributionLevel = saysRole ? .background : .anonymous
            let why = rarity == .rareTitle ? "a rare role" : "the only \(role) in this \(scope)"
            let whereFound = source == .text ? "names" : "has the role's own"
            out.append(ImplicitIdentificationWarning(
                contribution: c.number, participant: p.code, role: role, rarity: rarity, place: place,
                placeLabel: label, foundIn: source, current: c.attribution, suggested: suggested,
                message: "#\(c.number) \(whereFound) “\(place)” and is quoted as \(role) (\(why)): together they may point at \(p.code); lower it to \(suggested.rawValue)"))
        }
        return out
    }

    static let placeLabels: Set<IdentifierLabel> = [.location, .organisationLocal, .postcode]

    /// The first place or organisation that would reach the export beside the role:
    /// in the text (unless an accepted redaction covers it), else in the role itself.
    static func placeIn(_ c: Contribution, role: String, scanner: IdentifierScanner)
        -> (String, IdentifierLabel, ImplicitIdentificationWarning.PlaceSource)? {
        for f in scanner.scan(c.text) where placeLabels.contains(f.label) {
            let redacted = c.redactions.contains { $0.span.start < f.span.end && f.span.start < $0.span.end }
            if !redacted { return (f.text, f.label, .text) }
        }
        if let f = scanner.scan(role).first(where: { placeLabels.contains($0.label) }) { return (f.text, f.label, .role) }
        return nil
    }

    static func isRareTitle(_ key: String) -> Bool {
        rareTitles.contains { t in key == t || key.hasPrefix(t + " ") || key.hasSuffix(" " + t) || key.contains(" " + t + " ") }
    }

    /// The form of a job role that holder counts are keyed by.
    public static func normalised(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(separator: " ")
    }
}
