import Foundation

/// What the export gate does for a participant who left an optional consent item unticked.
public enum ConsentEffect: String, Codable, Sendable, CaseIterable {
    /// Their words never leave as a quote: every format withholds the text (codes and counts stay).
    case neverQuoted = "never quoted"
    /// Their spoken (recorded, transcribed) contributions are left out of every export.
    case verbalWithheld = "verbal withheld"
}

/// One line of a study's consent checklist: required, or optional with the effect of leaving it out.
public struct ConsentItem: Codable, Sendable, Equatable {
    public var name: String
    /// nil: required (a participant without it has not consented).
    public var effect: ConsentEffect?
    public init(name: String, effect: ConsentEffect? = nil) {
        self.name = name
        self.effect = effect
    }
    public var isOptional: Bool { effect != nil }

    /// The line a checklist file holds for this item.
    public var line: String { effect.map { "optional: \(name) -> \($0.rawValue)" } ?? name }
}

/// An optional checklist item and its effect, as the journal stores it.
public struct OptionalConsentItem: Codable, Sendable, Equatable {
    public var item: String
    public var effect: ConsentEffect
    public init(item: String, effect: ConsentEffect) {
        self.item = item
        self.effect = effect
    }
}

/// Why a checklist line could not be read.
public enum ConsentChecklistError: Error, Equatable, CustomStringConvertible {
    case unknownEffect(line: String)
    case empty

    public var description: String {
        switch self {
        case .unknownEffect(let line):
            let known = ConsentEffect.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            return
                "the checklist line '\(line)' marks an item optional without a known effect (write `optional: ITEM -> EFFECT`, EFFECT \(known))"
        case .empty:
            return "the consent checklist lists no items"
        }
    }
}

extension ConsentChecklist {
    /// Reads checklist lines (comments and blank lines already removed): `ITEM` is required,
    /// `optional: ITEM -> EFFECT` is optional with that effect.
    public static func parse(_ lines: [String]) throws -> [ConsentItem] {
        var items: [ConsentItem] = []
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if line.lowercased().hasPrefix("optional:") {
                let rest = line.dropFirst("optional:".count)
                guard let arrow = rest.range(of: "->") else { throw ConsentChecklistError.unknownEffect(line: line) }
                let name = rest[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
                let effectText = rest[arrow.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
                guard !name.isEmpty, let effect = ConsentEffect(rawValue: effectText) else {
                    throw ConsentChecklistError.unknownEffect(line: line)
                }
                items.append(ConsentItem(name: name, effect: effect))
            } else {
                items.append(ConsentItem(name: line))
            }
        }
        guard !items.isEmpty else { throw ConsentChecklistError.empty }
        return items
    }

    /// The event that sets `items` as a session's checklist.
    public static func event(_ items: [ConsentItem]) -> ConsentChecklistSet {
        let optional = items.compactMap { i in i.effect.map { OptionalConsentItem(item: i.name, effect: $0) } }
        return ConsentChecklistSet(items: items.map(\.name), optional: optional.isEmpty ? nil : optional)
    }
}

/// Whether a participant's consent record covers the checklist.
public enum ConsentStatus: Sendable, Equatable {
    /// No record at all (✗).
    case notRecorded
    /// A required item is missing (✗): counts as not consented everywhere.
    case missingRequired([String])
    /// Every required item given; these optional ones were not, with these effects (◐).
    case partial(missing: [String], effects: [ConsentEffect])
    /// Every item given (✓).
    case full

    /// Consented for research: every required item given.
    public var isConsented: Bool {
        switch self {
        case .full, .partial: return true
        case .notRecorded, .missingRequired: return false
        }
    }

    /// The effects the export gate applies.
    public var effects: [ConsentEffect] {
        if case .partial(_, let effects) = self { return effects }
        return []
    }

    /// ✓, ◐ or ✗.
    public var symbol: String {
        switch self {
        case .full: return "✓"
        case .partial: return "◐"
        case .notRecorded, .missingRequired: return "✗"
        }
    }

    /// A few words for `show`: "consent ✓", "consent ◐ (not given: quotes → never quoted)", "NO CONSENT (…)".
    public var summary: String {
        switch self {
        case .full: return "consent ✓"
        case .notRecorded: return "NO CONSENT ✗"
        case .missingRequired(let items):
            return "NO CONSENT ✗ (required item not given: \(items.joined(separator: ", ")))"
        case .partial(let items, let effects):
            let pairs = zip(items, effects).map { "\($0) → \($1.rawValue)" }
            return "consent ◐ (not given: \(pairs.joined(separator: ", ")))"
        }
    }
}

extension SessionState {
    /// The checklist with each item's optional effect.
    public var consentItems: [ConsentItem] {
        consentChecklist.map { ConsentItem(name: $0, effect: consentEffects[$0]) }
    }

    /// Whether `p`'s record covers the checklist: a missing required item is no consent.
    public func consentStatus(_ p: Participant) -> ConsentStatus {
        guard let record = p.consent else { return .notRecorded }
        let given = Set(record.items.map { $0.lowercased() })
        var required: [String] = []
        var optional: [String] = []
        var effects: [ConsentEffect] = []
        for item in consentItems where !given.contains(item.name.lowercased()) {
            if let effect = item.effect {
                optional.append(item.name)
                effects.append(effect)
            } else {
                required.append(item.name)
            }
        }
        if !required.isEmpty { return .missingRequired(required) }
        if !optional.isEmpty { return .partial(missing: optional, effects: effects) }
        return .full
    }

    /// `consentStatus` by code; `.notRecorded` for an unknown code.
    public func consentStatus(of code: String) -> ConsentStatus {
        participant(code).map(consentStatus) ?? .notRecorded
    }
}
