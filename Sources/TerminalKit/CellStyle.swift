/// What a cell means, not its colour: the theme decides how each role looks.
/// The raw value is the name used in theme files.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, header, headerAlert, border, title, selected, muted, input, caret
    case flag, redaction, struck, finding, alert, source, speaker, code, good, warning

    /// A dense index (0..<allCases.count), for per-role tables in the backend.
    var index: Int { Self.indices[self]! }
    private static let indices: [StyleRole: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

/// A role plus attributes a view asks for on top of what the theme gives the role.
public struct CellStyle: Equatable, Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(_ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.role = role; self.bold = bold; self.underline = underline; self.reverse = reverse; self.dim = dim
    }

    public static let normal = CellStyle()
}

/// A piece of text with one style: lines made of several styles are drawn as spans.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: CellStyle
    public init(_ text: String, _ style: CellStyle = .normal) { self.text = text; self.style = style }
}
