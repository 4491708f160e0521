/// What a cell means, not its colour: the theme decides how each role looks.
/// The raw value is the name used in theme files.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, header, headerAlert, border, title, selected, muted, input, caret
    case flag, redaction, struck, finding, alert, source, speaker, code, good, warning

    /// A dense index (0..<allCases.count), for per-role tables in the backend
    /// and for packing a cell into one integer.
    var index: Int {
        switch self {
        case .normal: return 0
        case .header: return 1
        case .headerAlert: return 2
        case .border: return 3
        case .title: return 4
        case .selected: return 5
        case .muted: return 6
        case .input: return 7
        case .caret: return 8
        case .flag: return 9
        case .redaction: return 10
        case .struck: return 11
        case .finding: return 12
        case .alert: return 13
        case .source: return 14
        case .speaker: return 15
        case .code: return 16
        case .good: return 17
        case .warning: return 18
        }
    }

    /// The role at `index` (the inverse of `index`; anything else is `.normal`).
    init(index: Int) {
        switch index {
        case 1: self = .header
        case 2: self = .headerAlert
        case 3: self = .border
        case 4: self = .title
        case 5: self = .selected
        case 6: self = .muted
        case 7: self = .input
        case 8: self = .caret
        case 9: self = .flag
        case 10: self = .redaction
        case 11: self = .struck
        case 12: self = .finding
        case 13: self = .alert
        case 14: self = .source
        case 15: self = .speaker
        case 16: self = .code
        case 17: self = .good
        case 18: self = .warning
        default: self = .normal
        }
    }
}

/// A role plus attributes a view asks for on top of what the theme gives the role.
public struct CellStyle: Equatable, Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        _ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false,
        dim: Bool = false
    ) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let normal = CellStyle()

    /// The style read back from `bits`.
    init(bits: UInt64) {
        role = StyleRole(index: Int(truncatingIfNeeded: bits & 0x1F))
        bold = bits & 1 << 5 != 0
        underline = bits & 1 << 6 != 0
        reverse = bits & 1 << 7 != 0
        dim = bits & 1 << 8 != 0
    }

    /// The style in 9 bits (role, then the four attributes).
    var bits: UInt64 {
        UInt64(role.index) | (bold ? 1 << 5 : 0) | (underline ? 1 << 6 : 0) | (reverse ? 1 << 7 : 0)
            | (dim ? 1 << 8 : 0)
    }
}

/// A piece of text with one style: lines made of several styles are drawn as spans.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: CellStyle
    public init(_ text: String, _ style: CellStyle = .normal) {
        self.text = text
        self.style = style
    }
}
