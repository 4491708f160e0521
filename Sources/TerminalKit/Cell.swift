import Foundation

/// One column of the screen: a glyph (a grapheme cluster made safe), its
/// display width and its style. A two-column glyph occupies its cell and the
/// next one, which is a continuation cell (width 0, empty text).
///
/// A cell is one integer (glyph number, width and style bits), so a frame is a
/// flat array a keystroke copies, compares and frees without touching each cell:
/// a glyph of one scalar is its scalar value; a longer one (a letter with
/// combining marks, an emoji sequence) is numbered once in `GlyphTable`.
public struct Cell: Equatable, Sendable {
    /// Bits 0–31 the glyph number, 32–33 the width, 40–48 the style.
    private var raw: UInt64

    /// What the cell shows; never contains a control or escape.
    public var text: String { GlyphTable.text(glyph) }
    /// 1 or 2 for a cell that starts a glyph, 0 for a continuation.
    public var width: Int { Int(truncatingIfNeeded: (raw >> 32) & 0x3) }
    public var style: CellStyle {
        get { CellStyle(bits: raw >> 40) }
        set { raw = raw & 0xFF_FFFF_FFFF | newValue.bits << 40 }
    }
    /// The glyph's number: a Unicode scalar value, or `GlyphTable.empty` and above.
    var glyph: UInt32 { UInt32(truncatingIfNeeded: raw) }
    /// `style.bits`, without building the style.
    var styleBits: UInt64 { raw >> 40 }

    public static func == (a: Cell, b: Cell) -> Bool { a.raw == b.raw }

    private init(glyph: UInt32, width: Int, style: CellStyle) {
        raw = UInt64(glyph) | UInt64(width & 0x3) << 32 | style.bits << 40
    }

    public var isContinuation: Bool { width == 0 }

    public static let blank = Cell(ascii: 0x20, style: .normal)

    /// A cell showing the first glyph of `text`, made inert (an empty text is a
    /// space). `isContinuation` makes the right half of a wide glyph instead.
    public init(text: String, style: CellStyle = .normal, isContinuation: Bool = false) {
        if isContinuation {
            self = .continuation(style)
            return
        }
        var first: (String, Int)?
        for c in text {
            InertText.forEachGlyph(of: c) { if first == nil { first = ($0, $1) } }
            if first != nil { break }
        }
        self.init(safe: first?.0 ?? " ", width: first?.1 ?? 1, style: style)
    }

    /// A space in `style`.
    public static func space(_ style: CellStyle) -> Cell { Cell(ascii: 0x20, style: style) }

    static func continuation(_ style: CellStyle) -> Cell { Cell(glyph: GlyphTable.empty, width: 0, style: style) }

    /// A printable ASCII character (0x20–0x7E).
    init(ascii byte: UInt8, style: CellStyle) { self.init(glyph: UInt32(byte), width: 1, style: style) }

    /// For text that has already been through `InertText`.
    init(safe text: String, width: Int, style: CellStyle) {
        self.init(glyph: GlyphTable.number(text), width: width, style: style)
    }
}

/// Numbers for glyphs of more than one scalar, shared by every grid (a cell
/// holds the number). Numbers are never reused; past `capacity` distinct
/// glyphs (only hostile text gets there) a new one shows as U+FFFD.
enum GlyphTable {
    /// The empty text of a continuation cell; longer glyphs are numbered after it.
    static let empty: UInt32 = 0x11_0000
    static let capacity = 1 << 20

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var texts: [String] = []
        var numbers: [String: UInt32] = [:]
    }
    private static let store = Store()

    static func number(_ text: String) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return empty }
        if scalars.next() == nil { return first.value }
        let s = store
        s.lock.lock()
        defer { s.lock.unlock() }
        if let n = s.numbers[text] { return n }
        guard s.texts.count < capacity else { return 0xFFFD }
        let n = empty + 1 + UInt32(s.texts.count)
        s.texts.append(text)
        s.numbers[text] = n
        return n
    }

    static func text(_ number: UInt32) -> String {
        if number < empty { return Unicode.Scalar(number).map { String(Character($0)) } ?? "\u{FFFD}" }
        if number == empty { return "" }
        let s = store
        s.lock.lock()
        defer { s.lock.unlock() }
        let i = Int(number - empty - 1)
        return i < s.texts.count ? s.texts[i] : "\u{FFFD}"
    }
}
