import Foundation
import SessionModel

/// The `--map NAMES.csv` file: rows `display name,code` saying who a name in
/// a chat or transcript is. The code is a participant code (`P03`), or
/// `facilitator` (their words become facilitator contributions), or `skip`
/// (a bot or an observer whose words are left out). A header row is optional.
public struct NameMapping: Sendable, Equatable {
    public enum Target: Sendable, Equatable, CustomStringConvertible {
        case participant(String)
        case facilitator
        case skip
        public var description: String {
            switch self {
            case .participant(let code): return code
            case .facilitator: return "facilitator"
            case .skip: return "skipped"
            }
        }
    }

    /// Display names (as written) and what they map to, in file order.
    public private(set) var entries: [(name: String, target: Target)] = []
    private var byKey: [String: Target] = [:]

    public init() {}

    public init(_ pairs: [(String, Target)]) {
        for (name, target) in pairs { add(name, target) }
    }

    public static func == (a: NameMapping, b: NameMapping) -> Bool { a.byKey == b.byKey }

    public var isEmpty: Bool { byKey.isEmpty }

    public func target(for displayName: String) -> Target? { byKey[TextCleaning.nameKey(displayName)] }

    private mutating func add(_ name: String, _ target: Target) {
        let key = TextCleaning.nameKey(name)
        if byKey[key] == nil { entries.append((TextCleaning.name(name), target)) }
        byKey[key] = target
    }

    public static func read(path: String) throws -> NameMapping { try parse(ImportText.read(path: path)) }

    public static func parse(_ data: Data, fileName: String) throws -> NameMapping {
        try parse(ImportText.decode(data, fileName: fileName))
    }

    public static func parse(_ text: ImportText) throws -> NameMapping {
        let csv = CSVReader.read(text)
        if let bad = csv.skipped.first {
            throw ImportError.mappingLine(fileName: text.fileName, line: bad.line, reason: bad.reason)
        }
        var mapping = NameMapping()
        for (index, row) in csv.rows.enumerated() {
            let cells = row.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let name = TextCleaning.name(cells[0])
            let code = cells.count > 1 ? cells[1] : ""
            if index == 0, target(code) == nil,
                ["code", "participant", "participant code", "pseudonym"].contains(code.lowercased())
            {
                continue // a header row
            }
            guard cells.count >= 2, !name.isEmpty, !code.isEmpty else {
                throw ImportError.mappingLine(
                    fileName: text.fileName, line: row.line, reason: "expected `display name,code`")
            }
            guard let t = target(code) else {
                throw ImportError.mappingLine(
                    fileName: text.fileName, line: row.line,
                    reason: "'\(TextCleaning.name(code))' is not a participant code (like P01), `facilitator` or `skip`"
                )
            }
            if let earlier = mapping.target(for: name), earlier != t {
                throw ImportError.mappingLine(
                    fileName: text.fileName, line: row.line,
                    reason: "'\(name)' is mapped twice, to \(earlier) and to \(t)")
            }
            mapping.add(name, t)
        }
        return mapping
    }

    private static func target(_ code: String) -> Target? {
        switch code.lowercased() {
        case "facilitator": return .facilitator
        case "skip", "ignore", "-": return .skip
        default:
            let upper = code.uppercased()
            return ParticipantCode.isValid(upper) ? .participant(upper) : nil
        }
    }
}
