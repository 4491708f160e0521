/// What a cell means, not its colour: the theme decides how each role looks.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, header, headerAlert, border, title, selected, muted, input, caret
    case flag, redaction, struck, finding, alert, source, speaker, code, good, warning
}

public struct CellStyle: Equatable, Sendable {
    public var role: StyleRole
    public var bold = false
    public var underline = false
    public var reverse = false
    public init(_ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role; self.bold = bold; self.underline = underline; self.reverse = reverse
    }
    public static let normal = CellStyle()
}

/// One column of the screen. A wide character occupies its cell and marks the
/// next one as its continuation.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: CellStyle
    public var isContinuation = false
    public static let blank = Cell(text: " ", style: .normal)
    public init(text: String, style: CellStyle, isContinuation: Bool = false) {
        self.text = text; self.style = style; self.isContinuation = isContinuation
    }
}

/// An in-memory screen. Views draw here; tests read it back as text.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (the input caret), if shown.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: CellGrid, b: CellGrid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Draws `text` from (x, y), clipped to `maxWidth` columns and the grid.
    /// Returns the number of columns used. Content is made inert first.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        for raw in text {
            let c = InertText.character(raw)
            let w = DisplayWidth.of(c)
            if w == 0 {
                // A lone combining mark joins the previous cell's cluster.
                if col > x, col - 1 < width, col - 1 >= 0 { self[col - 1, y].text += String(c) }
                continue
            }
            if col + w > limit {
                // A wide character that does not fit at the edge becomes a space.
                if col < limit && col >= 0 { self[col, y] = Cell(text: " ", style: style) }
                break
            }
            if col >= 0 {
                self[col, y] = Cell(text: String(c), style: style)
                if w == 2 { self[col + 1, y] = Cell(text: "", style: style, isContinuation: true) }
            }
            col += w
        }
        return col - x
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .normal) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { self[xx, yy] = Cell(text: " ", style: style) }
        }
    }

    /// A box with single-line borders (drawn with ncurses' WACS characters at run time).
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String? = nil, style: CellStyle = CellStyle(.border)) {
        guard w >= 2, h >= 2 else { return }
        for xx in x..<(x + w) where xx >= 0 && xx < width {
            if y >= 0 && y < height { self[xx, y] = Cell(text: "─", style: style) }
            if y + h - 1 < height { self[xx, y + h - 1] = Cell(text: "─", style: style) }
        }
        for yy in y..<(y + h) where yy >= 0 && yy < height {
            if x >= 0 && x < width { self[x, yy] = Cell(text: "│", style: style) }
            if x + w - 1 < width { self[x + w - 1, yy] = Cell(text: "│", style: style) }
        }
        let corners = [(x, y, "┌"), (x + w - 1, y, "┐"), (x, y + h - 1, "└"), (x + w - 1, y + h - 1, "┘")]
        for (cx, cy, ch) in corners where cx >= 0 && cx < width && cy >= 0 && cy < height { self[cx, cy] = Cell(text: ch, style: style) }
        if let title, w > 4 { put(" \(title) ", x: x + 2, y: y, style: CellStyle(.title, bold: true), maxWidth: w - 4) }
    }

    /// The screen as lines of text, trailing spaces kept (for snapshot tests).
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    public func text() -> String { lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") }
}

/// A run of changed cells on one row: what the diff sends to the terminal.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

public enum GridDiff {
    /// The runs of `next` that differ from `previous` (everything if the size changed).
    public static func changes(from previous: CellGrid?, to next: CellGrid) -> [CellRun] {
        var runs: [CellRun] = []
        let full = previous == nil || previous!.width != next.width || previous!.height != next.height
        for y in 0..<next.height {
            var x = 0
            while x < next.width {
                if !full && previous![x, y] == next[x, y] { x += 1; continue }
                var run = CellRun(x: x, y: y, cells: [])
                while x < next.width && (full || previous![x, y] != next[x, y]) {
                    run.cells.append(next[x, y]); x += 1
                }
                // A run must not start on the second half of a wide character.
                while run.x > 0 && next[run.x, y].isContinuation {
                    run.x -= 1; run.cells.insert(next[run.x, y], at: 0)
                }
                runs.append(run)
            }
        }
        return runs
    }
}
