import Foundation

/// A sticky note (or card, or text) from a Miro board. There is no author:
/// whiteboard notes are anonymous, so the parser never reads one.
public struct BoardNote: Sendable, Equatable {
    /// The line the note starts on.
    public var line: Int
    public var text: String
    public var frame: String?
    public var colour: String?
    public var tags: [String]
    /// When the note was made, if the export says.
    public var createdAt: Date?
    public init(
        line: Int, text: String, frame: String? = nil, colour: String? = nil, tags: [String] = [],
        createdAt: Date? = nil
    ) {
        self.line = line
        self.text = text
        self.frame = frame
        self.colour = colour
        self.tags = tags
        self.createdAt = createdAt
    }
}

public struct BoardExport: Sendable, Equatable {
    public var notes: [BoardNote] = []
    public var skipped: [LineIssue] = []
    public var warnings: [LineIssue] = []
    /// Items that are not notes (connectors, frames, images) or have no text.
    public var ignored = 0
    public var lineCount = 0
}

/// Reads a Miro board's CSV export and plain text lists of notes.
public enum MiroParser {
    // Header names Miro and the common board exporters write, lower case with
    // `_` and `-` read as spaces. The first match wins.
    static let textColumns = [
        "content", "text", "sticky note", "sticky note content", "sticky notes", "sticky", "note",
        "notes", "plain text", "card title", "title", "body", "description", "value",
    ]
    static let frameColumns = ["frame", "frame name", "frame title", "parent frame", "parent", "group", "section"]
    static let colourColumns = [
        "color", "colour", "background color", "background colour", "fill color", "fill colour",
        "sticky color", "sticky colour", "note color", "note colour", "style",
    ]
    static let tagColumns = ["tags", "tag", "labels", "label"]
    static let typeColumns = ["type", "item type", "widget type", "object type"]
    static let createdColumns = [
        "created", "created at", "creation date", "date created", "created date", "created on",
    ]
    /// Board items that are never notes.
    static let nonNoteTypes: Set<String> = [
        "connector", "line", "frame", "image", "embed", "document", "preview", "mockup", "arrow",
    ]

    /// The CSV export: one row per item, a header naming the columns.
    public static func parseCSV(_ text: ImportText) -> BoardExport {
        let csv = CSVReader.read(text)
        var out = BoardExport(skipped: csv.skipped, lineCount: csv.lineCount)
        guard let first = csv.rows.first else { return out }
        let header = first.fields.map(headerKey)
        func column(_ names: [String]) -> Int? {
            for name in names { if let i = header.firstIndex(of: name) { return i } }
            return nil
        }
        let textColumn = column(textColumns)
        let body: ArraySlice<CSVRow>
        var textCols: [Int]
        if let t = textColumn {
            body = csv.rows.dropFirst()
            textCols = [t] + textColumns.compactMap { header.firstIndex(of: $0) }.filter { $0 != t }
        } else {
            body = csv.rows[...]
            textCols = [0]
            if first.fields.count > 1 {
                out.warnings.append(
                    LineIssue(
                        line: first.line,
                        reason: "no column called Content or Text; the first column is taken as the note"))
            }
        }
        let frameCol = textColumn == nil ? nil : column(frameColumns)
        let colourCol = textColumn == nil ? nil : column(colourColumns)
        let tagCol = textColumn == nil ? nil : column(tagColumns)
        let typeCol = textColumn == nil ? nil : column(typeColumns)
        let createdCol = textColumn == nil ? nil : column(createdColumns)
        textCols = Array(Set(textCols)).sorted { textCols.firstIndex(of: $0)! < textCols.firstIndex(of: $1)! }

        for row in body {
            func cell(_ i: Int?) -> String? {
                guard let i, i < row.fields.count else { return nil }
                let v = TextCleaning.trimmed(row.fields[i])
                return v.isEmpty ? nil : v
            }
            if let type = cell(typeCol), nonNoteTypes.contains(headerKey(type)) {
                out.ignored += 1
                continue
            }
            guard let raw = textCols.lazy.compactMap({ cell($0) }).first else {
                out.ignored += 1
                continue
            }
            let text = Markup.plainText(raw, lineBreakTags: true).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                out.ignored += 1
                continue
            }
            let tags =
                cell(tagCol).map {
                    $0.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" })
                        .map { TextCleaning.name(String($0)) }.filter { !$0.isEmpty }
                } ?? []
            out.notes.append(
                BoardNote(
                    line: row.line, text: text,
                    frame: cell(frameCol).map { TextCleaning.name(Markup.plainText($0)) },
                    colour: cell(colourCol).map(colourName),
                    tags: tags, createdAt: cell(createdCol).flatMap(BoardDates.parse)))
        }
        return out
    }

    /// A plain list: one note per line, or, if any note spans lines, one note per
    /// blank-line-separated block. Bullets (`-`, `*`, `•`) are dropped.
    public static func parseList(_ text: ImportText) -> BoardExport {
        var out = BoardExport()
        var blocks = [[(Int, String)]]()
        var current = [(Int, String)]()
        out.lineCount = text.bytes.withUnsafeBufferPointer { buf in
            ByteLines.forEach(buf) { line, number in
                if Bytes.isBlank(line) {
                    if !current.isEmpty {
                        blocks.append(current)
                        current = []
                    }
                } else {
                    current.append((number, TextCleaning.string(Bytes.trimmed(line))))
                }
            }
        }
        if !current.isEmpty { blocks.append(current) }
        let byBlock = blocks.count > 1 && blocks.contains { $0.count > 1 }
        if byBlock {
            for block in blocks {
                out.notes.append(
                    BoardNote(line: block[0].0, text: block.map { unbullet($0.1) }.joined(separator: "\n")))
            }
        } else {
            for (line, text) in blocks.joined() {
                let t = unbullet(text)
                if t.isEmpty { out.ignored += 1 } else { out.notes.append(BoardNote(line: line, text: t)) }
            }
        }
        return out
    }

    /// CSV if the name ends in .csv or the first line names a text column; otherwise a list.
    public static func parse(_ text: ImportText) -> BoardExport {
        text.fileName.lowercased().hasSuffix(".csv") || Importer.looksLikeCSV(text) ? parseCSV(text) : parseList(text)
    }

    static func headerKey(_ s: String) -> String {
        // Pure Swift, no Foundation bridging: this runs on every row's Type cell.
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars { scalars.append(u == "_" || u == "-" ? " " : u) }
        return TextCleaning.name(TextCleaning.trimmed(String(scalars), also: ["\"", "\u{FEFF}"])).lowercased()
    }

    private static func unbullet(_ s: String) -> String {
        for bullet in ["- ", "* ", "• ", "– ", "◦ ", "▪ "] where s.hasPrefix(bullet) {
            return String(s.dropFirst(bullet.count)).trimmingCharacters(in: .whitespaces)
        }
        return s
    }

    /// Miro writes colours as names (`light_yellow`) or hex (`#fff9b1`); both kept, tidied.
    static func colourName(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars { scalars.append(u == "_" ? " " : u) }
        return TextCleaning.name(String(scalars)).lowercased()
    }
}

/// The date formats board exports use for "created": ISO 8601, with or without
/// a zone (UTC assumed), with `T` or a space, seconds optional.
enum BoardDates {
    static func parse(_ s: String) -> Date? {
        let scalars = Array(TextCleaning.trimmed(s).unicodeScalars)
        func num(_ at: Int, _ len: Int) -> Int? {
            guard at + len <= scalars.count else { return nil }
            var v = 0
            for k in 0..<len {
                let c = scalars[at + k].value
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), scalars.count >= 10, scalars[4] == "-", let mo = num(5, 2), scalars[7] == "-",
            let d = num(8, 2)
        else { return nil }
        var h = 0
        var mi = 0
        var se = 0
        var i = 10
        var zone = 0
        if scalars.count > 10 {
            guard scalars[10] == "T" || scalars[10] == " ", let hh = num(11, 2), scalars.count > 13, scalars[13] == ":",
                let mm = num(14, 2)
            else { return nil }
            h = hh
            mi = mm
            i = 16
            if i < scalars.count, scalars[i] == ":", let ss = num(i + 1, 2) {
                se = ss
                i += 3
            }
            if i < scalars.count, scalars[i] == "." {
                i += 1
                while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
            }
            if i < scalars.count {
                if scalars[i] == "Z" {
                    i += 1
                } else if scalars[i] == "+" || scalars[i] == "-", let zh = num(i + 1, 2) {
                    let sign = scalars[i] == "-" ? -1 : 1
                    var zm = 0
                    if i + 3 < scalars.count, scalars[i + 3] == ":", let m = num(i + 4, 2) {
                        zm = m
                    } else if let m = num(i + 3, 2) {
                        zm = m
                    }
                    zone = sign * (zh * 3600 + zm * 60)
                } else {
                    return nil
                }
            }
        }
        // Plain arithmetic (days from the civil date): a Calendar per cell made board imports slow.
        let monthDays = [
            31, y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        ]
        guard (1...12).contains(mo), d >= 1, d <= monthDays[mo - 1], h <= 23, mi <= 59, se <= 60 else { return nil }
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let date = Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + se))
        return date.addingTimeInterval(TimeInterval(-zone))
    }
}
