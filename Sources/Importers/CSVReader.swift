import Foundation

/// One record of a CSV file and the line it starts on.
struct CSVRow: Sendable, Equatable {
    var line: Int
    var fields: [String]
}

/// A liberal CSV reader (RFC 4180 and what spreadsheets really write):
/// quoted cells across lines, `""` inside quotes, a stray quote kept as text,
/// comma, semicolon or tab as separator. Written by hand because a bad row must
/// be reported with its line number and the rest still read.
enum CSVReader {
    struct Result {
        var rows: [CSVRow] = []
        var skipped: [LineIssue] = []
        var lineCount = 0
    }

    static func read(_ text: ImportText) -> Result {
        text.bytes.withUnsafeBufferPointer { read($0) }
    }

    static func read(_ b: UnsafeBufferPointer<UInt8>) -> Result {
        var result = Result()
        let sep = separator(b)
        let quote = UInt8(ascii: "\"")
        let n = b.count
        var pos = 0
        var line = 1
        var restarts = 0

        func isEOL(_ i: Int) -> Bool { b[i] == 0x0A || b[i] == 0x0D }
        // Index after the line break at `i` (CRLF counts once).
        func afterEOL(_ i: Int) -> Int { b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A ? i + 2 : i + 1 }

        rows: while pos < n {
            let rowLine = line
            let rowStart = pos
            var fields = [String]()
            var cell = [UInt8]()
            var quotedCell = false
            while true {
                if pos < n, b[pos] == quote, cell.isEmpty, !quotedCell {
                    quotedCell = true
                    pos += 1
                    var closed = false
                    while pos < n {
                        let c = b[pos]
                        if c == quote {
                            if pos + 1 < n, b[pos + 1] == quote {
                                cell.append(quote)
                                pos += 2
                                continue
                            }
                            pos += 1
                            closed = true
                            break
                        }
                        if isEOL(pos) {
                            line += 1
                            cell.append(0x0A)
                            pos = afterEOL(pos)
                            continue
                        }
                        cell.append(c)
                        pos += 1
                    }
                    if !closed {
                        result.skipped.append(
                            LineIssue(line: rowLine, reason: "a quoted cell is never closed (a `\"` is missing)"))
                        restarts += 1
                        guard restarts <= 100 else {
                            result.skipped.append(
                                LineIssue(
                                    line: rowLine, reason: "too many broken quotes; the rest of the file was not read"))
                            break rows
                        }
                        // Read on from the next physical line as if the quote were text.
                        var p = rowStart
                        while p < n, !isEOL(p) { p += 1 }
                        pos = p < n ? afterEOL(p) : n
                        line = rowLine + 1
                        continue rows
                    }
                    continue
                }
                if pos >= n || isEOL(pos) {
                    fields.append(TextCleaning.string(cell))
                    if pos < n {
                        pos = afterEOL(pos)
                        line += 1
                    }
                    break
                }
                if b[pos] == sep {
                    fields.append(TextCleaning.string(cell))
                    cell.removeAll(keepingCapacity: true)
                    quotedCell = false
                    pos += 1
                    continue
                }
                cell.append(b[pos]) // unquoted text, or text after a closing quote
                pos += 1
            }
            if fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                result.rows.append(CSVRow(line: rowLine, fields: fields))
            }
        }
        result.lineCount = ByteLines.forEach(b) { _, _ in }
        return result
    }

    /// The separator used most on the first line outside quotes (comma if none).
    static func separator(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var inQuotes = false
        for c in b.prefix(65_536) {
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
                continue
            }
            if !inQuotes && (c == 0x0A || c == 0x0D) { break }
            if !inQuotes, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { a, b in
            a.value < b.value || (a.value == b.value && a.key != UInt8(ascii: ",") && b.key == UInt8(ascii: ","))
        }!
        return best.value == 0 ? UInt8(ascii: ",") : best.key
    }
}
