/// One column of the screen: a glyph (a grapheme cluster made safe), its
/// display width and its style. A two-column glyph occupies its cell and the
/// next one, which is a continuation cell (width 0, empty text).
public struct Cell: Equatable, Sendable {
    /// What the cell shows; never contains a control or escape.
    public private(set) var text: String
    /// 1 or 2 for a cell that starts a glyph, 0 for a continuation.
    public private(set) var width: Int
    public var style: CellStyle { didSet { packed = Self.pack(text, width, style) } }
    /// Text, width and style in one integer when the glyph is a single scalar
    /// (almost every cell), so the diff compares cells with one instruction.
    /// 0 when the glyph has several scalars.
    private var packed: UInt64

    public static func == (a: Cell, b: Cell) -> Bool {
        if a.packed != 0 || b.packed != 0 { return a.packed == b.packed }
        return a.width == b.width && a.style == b.style && a.text == b.text
    }

    private static func pack(_ text: String, _ width: Int, _ style: CellStyle) -> UInt64 {
        var scalars = text.unicodeScalars.makeIterator()
        let first = scalars.next()
        guard scalars.next() == nil else { return 0 }
        let value = UInt64(first?.value ?? 0x110000) // the empty text of a continuation
        return 1 << 63 | value << 16 | UInt64(width) << 12 | style.bits
    }

    public var isContinuation: Bool { width == 0 }

    public static let blank = Cell(safe: " ", width: 1, style: .normal)

    /// A cell showing the first glyph of `text`, made inert (an empty text is a
    /// space). `isContinuation` makes the right half of a wide glyph instead.
    public init(text: String, style: CellStyle = .normal, isContinuation: Bool = false) {
        self.style = style
        packed = 0
        defer { packed = Self.pack(self.text, width, style) }
        if isContinuation {
            self.text = ""
            width = 0
            return
        }
        var first: (String, Int)?
        for c in text {
            InertText.forEachGlyph(of: c) { if first == nil { first = ($0, $1) } }
            if first != nil { break }
        }
        self.text = first?.0 ?? " "
        width = first?.1 ?? 1
    }

    /// A space in `style`.
    public static func space(_ style: CellStyle) -> Cell { Cell(safe: " ", width: 1, style: style) }

    static func continuation(_ style: CellStyle) -> Cell { Cell(safe: "", width: 0, style: style) }

    /// A printable ASCII character (0x20–0x7E).
    init(ascii byte: UInt8, style: CellStyle) {
        text = String(Unicode.Scalar(byte))
        width = 1
        self.style = style
        packed = 1 << 63 | UInt64(byte) << 16 | 1 << 12 | style.bits
    }

    /// For text that has already been through `InertText`.
    init(safe text: String, width: Int, style: CellStyle) {
        self.text = text
        self.width = width
        self.style = style
        packed = Self.pack(text, width, style)
    }
}
