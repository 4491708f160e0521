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
    /// What kind of finding the place is (LOCATION, ORGANISATION_LOCAL, POSTCODE), or SPECIAL_CATEGORY for a
    /// special-category detail (health, faith, ethnicity…) that narrows a person down with the role.
    public var placeLabel: IdentifierLabel
    /// Where the place was found: in the contribution's text or in the role itself.
    public var foundIn: PlaceSource
    /// The attribution level the contribution has now.
    public var current: AttributionLevel
    /// The lower level that removes the pairing.
    public var suggested: AttributionLevel
    /// One line a facilitator can act on.
    public var message: String

    public init(
        contribution: Int, participant: String, role: String, rarity: RoleRarity, place: String,
        placeLabel: IdentifierLabel,
        foundIn: PlaceSource, current: AttributionLevel, suggested: AttributionLevel, message: String
    ) {
        self.contribution = contribution
        self.participant = participant
        self.role = role
        self.rarity = rarity
        self.place = place
        self.placeLabel = placeLabel
        self.foundIn = foundIn
        self.current = current
        self.suggested = suggested
        self.message = message
    }

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
    /// The contributions are checked in chunks on every core (the scan is the slow part).
    /// `roleHolders` (by `normalised` role) replaces the session's own count when the export
    /// spans a study: a role held by one person in the whole study is rare there, in `scope` words.
    public static func warnings(
        in state: SessionState, scanner: IdentifierScanner? = nil,
        roleHolders: [String: Int]? = nil, scope: String = "session"
    ) -> [ImplicitIdentificationWarning] {
        let check = ImplicitIdentificationCheck(
            state: state, scanner: scanner ?? IdentifierScanner(session: state),
            roleHolders: roleHolders, scope: scope)
        let contributions = state.contributions
        let chunk = 512
        let chunks = (contributions.count + chunk - 1) / chunk
        guard chunks > 1 else { return contributions.compactMap { check.warning(for: $0) } }
        let results = WarningChunks(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            results.set(
                k,
                contributions[(k * chunk)..<min(contributions.count, (k + 1) * chunk)].compactMap {
                    check.warning(for: $0)
                })
        }
        return results.joined
    }

    static let placeLabels: Set<IdentifierLabel> = [.location, .organisationLocal, .postcode]

    static func rarity(ofRole key: String, holders: [String: Int], participants: Int) -> ImplicitIdentificationWarning
        .RoleRarity?
    {
        guard !key.isEmpty, key != "role not recorded" else { return nil }
        if isRareTitle(key) { return .rareTitle }
        if holders[key, default: 0] == 1 && participants > 1 { return .onlyOneInSession }
        return nil
    }

    static func isRareTitle(_ key: String) -> Bool {
        rareTitles.contains { t in
            key == t || key.hasPrefix(t + " ") || key.hasSuffix(" " + t) || key.contains(" " + t + " ")
        }
    }

    /// The form of a job role that holder counts are keyed by.
    public static func normalised(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "’", with: "'")
            .split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(separator: " ")
    }
}

/// The check for one state, built once (who holds which role, where each
/// role itself names a place), then applied contribution by contribution: by
/// `ImplicitIdentification.warnings(in:)`, and by an export, which hands in
/// the findings it has already scanned so each text is scanned once.
public struct ImplicitIdentificationCheck: Sendable {
    private let state: SessionState
    private let scanner: IdentifierScanner
    /// By participant code: the role's rarity, when it is rare.
    private let rareRoles: [String: ImplicitIdentificationWarning.RoleRarity]
    /// By participant code: the place the role itself names, if any.
    private let placeInRole: [String: Finding]
    /// "session", or "study" when the holders were counted across a study.
    private let scope: String

    /// `roleHolders`: holders of each role counted across a study (one per participant code), replacing the session's count.
    public init(
        state: SessionState, scanner: IdentifierScanner, roleHolders: [String: Int]? = nil, scope: String = "session"
    ) {
        self.state = state
        self.scanner = scanner
        self.scope = scope
        var holders: [String: Int] = [:]
        for p in state.orderedParticipants where !p.withdrawn {
            holders[ImplicitIdentification.normalised(p.jobRole), default: 0] += 1
        }
        if let roleHolders { holders = roleHolders }
        let people = roleHolders.map { $0.values.reduce(0, +) } ?? state.participants.count
        var rare: [String: ImplicitIdentificationWarning.RoleRarity] = [:]
        var inRole: [String: Finding] = [:]
        for p in state.participants.values where !p.withdrawn {
            guard
                let rarity = ImplicitIdentification.rarity(
                    ofRole: ImplicitIdentification.normalised(p.jobRole), holders: holders,
                    participants: people)
            else { continue }
            rare[p.code] = rarity
            inRole[p.code] = scanner.scan(p.jobRole).first { ImplicitIdentification.placeLabels.contains($0.label) }
        }
        rareRoles = rare
        placeInRole = inRole
    }

    /// Whether `c` could need a warning at all, before anything is scanned.
    public func applies(to c: Contribution) -> Bool {
        guard !c.erased && !c.struck && !c.directMessage && c.attribution == .role, let code = c.speaker,
            let p = state.participant(code)
        else { return false }
        return rareRoles[p.code] != nil
    }

    /// The warning for `c`, or nil. `findings`: `scanner.scan(c.text)`, when the caller already has it;
    /// `special`: gives `scanner.specialCategories(c.text)` when asked (an export keeps them, ScanMemo.swift).
    public func warning(
        for c: Contribution, findings: [Finding]? = nil, special: (() -> [Finding])? = nil
    ) -> ImplicitIdentificationWarning? {
        guard applies(to: c), let code = c.speaker, let p = state.participant(code), let rarity = rareRoles[p.code]
        else { return nil }
        let role = p.jobRole
        let place: (String, IdentifierLabel, ImplicitIdentificationWarning.PlaceSource)
        if let f = (findings ?? scanner.scan(c.text)).first(where: { f in
            ImplicitIdentification.placeLabels.contains(f.label)
                && !c.redactions.contains { $0.span.start < f.span.end && f.span.start < $0.span.end }
        }) {
            place = (f.text, f.label, .text)
        } else if let f = placeInRole[p.code] {
            place = (f.text, f.label, .role)
        } else if let f = (special?() ?? scanner.specialCategories(c.text)).first(where: { f in
            !c.redactions.contains { $0.span.start < f.span.end && f.span.start < $0.span.end }
        }) {
            // A rare role and a special-category detail (a health condition, a faith, a union post) narrow a person
            // down as a place does.
            place = (f.text, f.label, .text)
        } else {
            return nil
        }
        let key = ImplicitIdentification.normalised(role)
        // If the quote itself names the role, removing the label is not enough.
        let saysRole = ImplicitIdentification.normalised(c.text).contains(key)
        let suggested: AttributionLevel = saysRole ? .background : .anonymous
        let why = rarity == .rareTitle ? "a rare role" : "the only \(role) in this \(scope)"
        let whereFound =
            place.1 == .specialCategory
            ? "mentions the special-category detail" : place.2 == .text ? "names" : "has the role's own"
        return ImplicitIdentificationWarning(
            contribution: c.number, participant: p.code, role: role, rarity: rarity, place: place.0,
            placeLabel: place.1, foundIn: place.2, current: c.attribution, suggested: suggested,
            message:
                "#\(c.number) \(whereFound) “\(place.0)” and is quoted as \(role) (\(why)): together they may point at \(p.code); lower it to \(suggested.rawValue)"
        )
    }
}

/// Per-chunk warnings, filled from several threads, one slot each.
final class WarningChunks: @unchecked Sendable {
    private var slots: [[ImplicitIdentificationWarning]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ k: Int, _ value: [ImplicitIdentificationWarning]) {
        lock.lock()
        slots[k] = value
        lock.unlock()
    }
    var joined: [ImplicitIdentificationWarning] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
