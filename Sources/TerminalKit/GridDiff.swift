/// A run of changed cells on one row: what the diff sends to the terminal.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

/// Compares a frame with the previous one, so only changes reach the terminal.
public enum GridDiff {
    /// True when `next` must be drawn in full: the first frame, or a new size.
    public static func needsFullRedraw(from previous: CellGrid?, to next: CellGrid) -> Bool {
        guard let previous else { return true }
        return previous.width != next.width || previous.height != next.height
    }

    /// The runs of `next` that differ from `previous`; every row in full when
    /// `needsFullRedraw`. A run never starts on the right half of a wide glyph
    /// (it is widened to include its left half), so it can be written as is.
    public static func changes(from previous: CellGrid?, to next: CellGrid) -> [CellRun] {
        let w = next.width
        guard w > 0 else { return [] }
        var runs: [CellRun] = []
        if needsFullRedraw(from: previous, to: next) {
            for y in 0..<next.height {
                runs.append(CellRun(x: 0, y: y, cells: Array(next.cells[(y * w)..<(y * w + w)])))
            }
            return runs
        }
        previous!.cells.withUnsafeBufferPointer { old in
            next.cells.withUnsafeBufferPointer { new in
                for y in 0..<next.height {
                    let base = y * w
                    var x = 0
                    while x < w {
                        if old[base + x] == new[base + x] {
                            x += 1
                            continue
                        }
                        var start = x
                        while x < w && old[base + x] != new[base + x] { x += 1 }
                        if start > 0 && new[base + start].isContinuation { start -= 1 }
                        // A changed wide glyph whose continuation did not change still covers it.
                        var end = x
                        if end < w && new[base + end].isContinuation {
                            end += 1
                            x += 1
                        }
                        runs.append(CellRun(x: start, y: y, cells: Array(new[(base + start)..<(base + end)])))
                    }
                }
            }
        }
        return runs
    }
}
