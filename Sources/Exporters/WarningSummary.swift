/// Implicit-identification warnings as a terminal shows them before an
/// export: one line per distinct pairing of a role with a place or
/// organisation, listing the contributions it covers, the place shown only as
/// a placeholder (a terminal is often shared or recorded, so the place is
/// never printed in clear).
import Foundation
import Privacy
import SessionModel

public struct WarningSummary: Equatable, Sendable {
    /// One role + place pairing and every contribution that carries it.
    public struct Pairing: Equatable, Sendable {
        /// The role as it would be printed, with the place inside it replaced by its placeholder.
        public var role: String
        /// The place or organisation as a placeholder: `[ORGANISATION 2]`, `[LOCATION 1]`.
        public var placeholder: String
        public var rarity: ImplicitIdentificationWarning.RoleRarity
        public var participants: [String]
        public var contributions: [Int]
        /// The level that removes the pairing from all of them (the strictest any one needs).
        public var suggested: AttributionLevel

        /// One line for the terminal (without the `warning: ` prefix); `all` lists every contribution.
        public func line(all: Bool = false) -> String {
            let why = rarity == .rareTitle ? "a rare role" : "the only one in this session"
            let n = contributions.count
            return
                "\(role) (\(why)) beside \(placeholder) in \(WarningSummary.numbers(contributions, limit: all ? .max : 12)) "
                + "(\(n) contribution\(n == 1 ? "" : "s") by \(participants.joined(separator: ", "))): "
                + "together they may point at one person; lower \(n == 1 ? "it" : "them") to \(suggested.rawValue)"
        }
    }

    /// Pairings in the order of their first contribution.
    public var pairings: [Pairing]
    /// How many lines are shown without `--all`.
    public static let shownByDefault = 10

    public init(_ warnings: [ImplicitIdentificationWarning], state: SessionState) {
        var order: [String] = []
        var groups: [String: Pairing] = [:]
        // Places the session has not numbered yet get the numbers accepting them would give, in order.
        var counters = state.placeholderCounters
        var fresh: [String: String] = [:]
        func placeholder(_ label: IdentifierLabel, _ text: String) -> String {
            // Special-category details are never redacted, so they have no placeholder; the line says what kind it is.
            if label == .specialCategory { return "a special-category detail" }
            let key = label.rawValue + "\u{1F}" + text.lowercased()
            if let known = state.placeholderNumbers[key] { return "[\(label.placeholderWord) \(known)]" }
            if let given = fresh[key] { return given }
            let next = (counters[label.rawValue] ?? 0) + 1
            counters[label.rawValue] = next
            fresh[key] = "[\(label.placeholderWord) \(next)]"
            return fresh[key]!
        }
        for w in warnings {
            let key = w.role.lowercased() + "\u{1F}" + w.placeLabel.rawValue + "\u{1F}" + w.place.lowercased()
            if var g = groups[key] {
                g.contributions.append(w.contribution)
                if !g.participants.contains(w.participant) { g.participants.append(w.participant) }
                if w.suggested == .background { g.suggested = .background }
                groups[key] = g
            } else {
                let shown = placeholder(w.placeLabel, w.place)
                let role = w.role.replacingOccurrences(of: w.place, with: shown, options: [.caseInsensitive])
                groups[key] = Pairing(
                    role: role, placeholder: shown, rarity: w.rarity, participants: [w.participant],
                    contributions: [w.contribution], suggested: w.suggested)
                order.append(key)
            }
        }
        pairings = order.compactMap { groups[$0] }
    }

    /// The lines to print: at most `shownByDefault` unless `all`, then one saying how many more there are.
    public func lines(all: Bool) -> [String] {
        let shown = all ? pairings : Array(pairings.prefix(Self.shownByDefault))
        var out = shown.map { $0.line(all: all) }
        if shown.count < pairings.count {
            let more = pairings.count - shown.count
            out.append("… and \(more) more pairing\(more == 1 ? "" : "s") (add --all to list every one)")
        }
        return out
    }

    /// `#3, #5–9, #12`: runs of consecutive numbers shortened; at most `limit` items.
    static func numbers(_ list: [Int], limit: Int) -> String {
        var runs: [(Int, Int)] = []
        for n in list.sorted() {
            if let last = runs.last, n == last.1 + 1 {
                runs[runs.count - 1].1 = n
            } else if runs.last?.1 != n {
                runs.append((n, n))
            }
        }
        let items = runs.map { $0.0 == $0.1 ? "#\($0.0)" : "#\($0.0)–\($0.1)" }
        return items.count <= limit
            ? items.joined(separator: ", ")
            : items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}
