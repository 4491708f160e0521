/// An in-memory screen of `width` × `height` cells. Views draw here; the
/// terminal backend writes it out; tests read it back as text.
///
/// Invariants, kept by every write: a two-column glyph is always followed by
/// its continuation cell, a continuation always follows a two-column glyph,
/// and no cell holds an unsafe character. Writes outside the grid are ignored
/// (a layout mistake clips, it never crashes the console).
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (the input caret); nil hides it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: CellGrid, b: CellGrid) -> Bool {
        a.width == b.width && a.height == b.height && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
            && a.cells == b.cells
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && x < width && y >= 0 && y < height }

    /// The cell at (x, y); a blank outside the grid. Setting keeps the wide-glyph
    /// invariants (an orphaned half becomes a space) and ignores positions outside.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { set(newValue, x: x, y: y) }
    }

    mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let i = y * width + x
        if cell.width == 1 && cells[i].width == 1 {
            cells[i] = cell
            return
        } // the common case: nothing to repair
        if cell.isContinuation {
            // Only the right half of a wide glyph may be a continuation.
            if x > 0 && cells[i - 1].width == 2 {
                cells[i] = cell
            } else {
                clearHalf(at: i, x: x)
                cells[i] = .space(cell.style)
            }
            return
        }
        clearHalf(at: i, x: x)
        if cell.width == 2 {
            guard x + 1 < width else {
                cells[i] = .space(cell.style)
                return
            } // no room for the right half
            if cells[i + 1].width == 2 && x + 2 < width { cells[i + 2] = .space(cells[i + 2].style) }
            cells[i] = cell
            cells[i + 1] = .continuation(cell.style)
        } else {
            cells[i] = cell
        }
    }

    /// Before cell i is overwritten: the other half of a wide glyph it belongs to becomes a space.
    private mutating func clearHalf(at i: Int, x: Int) {
        if cells[i].isContinuation && x > 0 { cells[i - 1] = .space(cells[i - 1].style) }
        if cells[i].width == 2 && x + 1 < width { cells[i + 1] = .space(cells[i + 1].style) }
    }

    // MARK: Drawing

    /// Draws `text` from (x, y), made inert and clipped to `maxWidth` columns
    /// and to the grid. A two-column glyph that does not fit at the edge becomes
    /// a space. Returns the columns advanced (so spans can follow each other).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, Self.end(x, max(0, maxWidth ?? width)))
        var col = x
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if col >= limit { break }
            // Fast path: a printable ASCII byte followed by an ASCII byte (or the
            // end) is a whole character, one column wide.
            let b = utf8[i]
            let after = utf8.index(after: i)
            if b >= 0x20 && b < 0x7F && (after == utf8.endIndex || utf8[after] < 0x80) {
                if col >= 0 { set(Cell(ascii: b, style: style), x: col, y: y) }
                col += 1
                i = after
                continue
            }
            let c = text[i...].first!
            i = text.index(after: i)
            var stop = false
            InertText.forEachGlyph(of: c) { glyph, w in
                if stop { return }
                if col + w > limit {
                    if col < limit && col >= 0 { set(.space(style), x: col, y: y) }
                    col = limit
                    stop = true
                    return
                }
                if col >= 0 {
                    set(Cell(safe: glyph, width: w, style: style), x: col, y: y)
                } else if col + w > 0 {
                    set(.space(style), x: 0, y: y) // a wide glyph cut by the left edge
                }
                col += w
            }
            if stop { break }
        }
        return col - x
    }

    /// Draws styled spans one after another, all within `maxWidth` columns.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let limit = Self.end(x, max(0, maxWidth ?? width))
        var col = x
        for span in spans where col < limit {
            col += put(span.text, x: col, y: y, style: span.style, maxWidth: limit - col)
        }
        return col - x
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .normal) {
        let x0 = max(0, x)
        let x1 = min(width, Self.end(x, w))
        let y0 = max(0, y)
        let y1 = min(height, Self.end(y, h))
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            // Edges first, so a wide glyph cut by the rectangle is repaired.
            set(.space(style), x: x0, y: yy)
            set(.space(style), x: x1 - 1, y: yy)
            for xx in x0..<x1 { cells[yy * width + xx] = .space(style) }
        }
    }

    /// A horizontal line of `─`.
    public mutating func hline(x: Int, y: Int, width w: Int, style: CellStyle = CellStyle(.border)) {
        for xx in max(0, x)..<max(max(0, x), min(width, Self.end(x, w))) {
            set(Cell(safe: "─", width: 1, style: style), x: xx, y: y)
        }
    }

    /// A vertical line of `│`.
    public mutating func vline(x: Int, y: Int, height h: Int, style: CellStyle = CellStyle(.border)) {
        for yy in max(0, y)..<max(max(0, y), min(height, Self.end(y, h))) {
            set(Cell(safe: "│", width: 1, style: style), x: x, y: yy)
        }
    }

    /// A box with single-line borders (written with ncurses' WACS characters at
    /// run time) and an optional title in its top border.
    public mutating func box(
        x: Int, y: Int, width w: Int, height h: Int, title: String? = nil, style: CellStyle = CellStyle(.border)
    ) {
        // Absurd positions or sizes (a layout bug) draw nothing rather than overflow.
        let sane = -(1 << 40)...(1 << 40)
        guard w >= 2, h >= 2, sane.contains(x), sane.contains(y), sane.contains(w), sane.contains(h) else { return }
        hline(x: x + 1, y: y, width: w - 2, style: style)
        hline(x: x + 1, y: y + h - 1, width: w - 2, style: style)
        vline(x: x, y: y + 1, height: h - 2, style: style)
        vline(x: x + w - 1, y: y + 1, height: h - 2, style: style)
        for (cx, cy, ch) in [(x, y, "┌"), (x + w - 1, y, "┐"), (x, y + h - 1, "└"), (x + w - 1, y + h - 1, "┘")] {
            set(Cell(safe: ch, width: 1, style: style), x: cx, y: cy)
        }
        if let title, w > 4 { put(" \(title) ", x: x + 2, y: y, style: CellStyle(.title, bold: true), maxWidth: w - 4) }
    }

    /// `start + length`, saturating instead of trapping on absurd sizes.
    static func end(_ start: Int, _ length: Int) -> Int {
        let (sum, overflow) = start.addingReportingOverflow(length)
        return overflow ? (length > 0 ? Int.max : Int.min) : sum
    }

    // MARK: Reading back

    /// The screen as lines of text, one per row, trailing spaces kept.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { line += cells[y * width + x].text }
            return line
        }
    }

    /// The screen as text: rows without trailing spaces, joined by newlines
    /// (what snapshot tests compare, like ratatui's TestBackend).
    public func text() -> String {
        lines().map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
