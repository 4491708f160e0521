import Foundation
import TerminalKit

/// TerminalKit: the cost of building one full 160×48 frame (boxes, styled
/// spans, CJK, emoji, escape-laden text) and of diffing it with the last one.
func runTerminalBenchmarks() {
    let width = 160
    let height = 48
    let frames = 500
    let lines = (0..<400).map { i -> String in
        switch i % 5 {
        case 0: return "Families tell us joining from home feels less intimidating than the room, number \(i)"
        case 1: return "日本語のテキスト 👩‍👩‍👧 école naïve café — contribution \(i) with a long tail of words to clip"
        case 2: return "hostile \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}reversed\u{200B} text \(i)"
        case 3: return String(repeating: "W", count: 300)
        default: return "P0\(i % 9): short line \(i)"
        }
    }

    func frame(_ n: Int) -> CellGrid {
        var g = CellGrid(width: width, height: height)
        g.fill(x: 0, y: 0, width: width, height: 1, style: CellStyle(.header, bold: true))
        g.put(" Convene · benchmark session", x: 0, y: 0, style: CellStyle(.header, bold: true))
        g.put(
            String(format: "%02d:%02d:%02d ", 10, n / 60 % 60, n % 60), x: width - 10, y: 0, style: CellStyle(.header))
        g.box(x: 0, y: 2, width: 26, height: height - 4, title: "Rooms")
        g.box(x: 26, y: 2, width: 96, height: height - 4, title: "Log (\(lines.count))")
        g.box(x: 122, y: 2, width: 38, height: height - 4, title: "Guide")
        for row in 0..<(height - 6) {
            let i = (row + n) % lines.count
            g.put(
                [
                    Span("#\(i) ", CellStyle(.muted)), Span("10:\(i % 60) ", CellStyle(.source)),
                    Span("P0\(i % 9) ", CellStyle(.speaker, bold: true)), Span(lines[i]),
                ],
                x: 27, y: 3 + row, maxWidth: 94)
            g.put("Room \(row)", x: 1, y: 3 + row, maxWidth: 24)
            g.put(lines[(i + 7) % lines.count], x: 123, y: 3 + row, style: CellStyle(.muted), maxWidth: 36)
        }
        g.put("> typing a contribution 日本", x: 0, y: height - 1, style: CellStyle(.input))
        g.cursor = (28, height - 1)
        return g
    }

    var build: [Double] = []
    var diffScroll: [Double] = []
    var diffCaret: [Double] = []
    var changedCells = 0
    var previous = frame(0)
    for n in 1...frames {
        var next = CellGrid(width: 1, height: 1)
        build.append(Bench.seconds { next = frame(n) }) // a scrolled frame: most rows change
        diffScroll.append(
            Bench.seconds {
                changedCells += GridDiff.changes(from: previous, to: next).reduce(0) { $0 + $1.cells.count }
            })
        var typed = next
        typed.put("x", x: 28, y: height - 1, style: CellStyle(.input)) // a keystroke: one cell changes
        diffCaret.append(Bench.seconds { _ = GridDiff.changes(from: next, to: typed) })
        previous = typed
    }
    func row(_ name: String, _ values: [Double]) {
        print(
            "  \(name): median \(Bench.ms(Bench.percentile(values, 50))), p99 \(Bench.ms(Bench.percentile(values, 99)))"
        )
    }
    print("terminal: \(width)×\(height) frames, \(frames) of each")
    row("build a full frame              ", build)
    row("diff after scrolling (most rows)", diffScroll)
    row("diff after one keystroke        ", diffCaret)
    row("build + diff after scrolling    ", zip(build, diffScroll).map { $0 + $1 })
    print("  cells sent per scrolled frame: \(changedCells / frames) of \(width * height)")
}
