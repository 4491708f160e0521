import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the Word transcript Teams offers for download (`.docx`), in both the
/// shapes it has written:
///
///     Alex Rivera   0:03                      (2022 on: the speaker and the time,
///     We had a referral last week.             then the words, in one paragraph or two)
///
///     0:0:0.0 --> 0:0:4.670                   (2021: a cue time, the speaker,
///     Alex Rivera                              then the words)
///     We had a referral last week.
///
/// The title, date and length at the top and the "… started transcription"
/// lines are not speech and are passed over. The document is opened with
/// ZIPFoundation and its `word/document.xml` read with Foundation's XMLParser:
/// paragraphs become lines, and line breaks inside a paragraph too.
public enum TeamsDocxParser {
    /// A `document.xml` bigger than this is refused (a transcript is megabytes).
    static let documentLimit = 256 * 1_048_576

    public static func parse(_ data: Data, fileName: String) throws -> WebVTTTranscript {
        let lines = try paragraphs(data, fileName: fileName)
        return parse(lines: lines)
    }

    /// The text of `word/document.xml`, one line per paragraph or line break.
    static func paragraphs(_ data: Data, fileName: String) throws -> [String] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ImportError.nothingRecognised(
                fileName: fileName, format: .teamsDocx, firstProblem: "it is not a Word (.docx) file")
        }
        guard let entry = archive["word/document.xml"] else {
            throw ImportError.nothingRecognised(
                fileName: fileName, format: .teamsDocx, firstProblem: "it has no Word document inside")
        }
        guard entry.uncompressedSize <= UInt64(documentLimit) else {
            throw ImportError.fileTooLarge(
                fileName: fileName, bytes: Int(clamping: entry.uncompressedSize), limit: documentLimit)
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                xml.append(chunk)
                if xml.count > documentLimit {
                    throw ImportError.fileTooLarge(fileName: fileName, bytes: xml.count, limit: documentLimit)
                }
            }
        } catch let e as ImportError { throw e } catch {
            throw ImportError.nothingRecognised(
                fileName: fileName, format: .teamsDocx, firstProblem: "its Word document is damaged")
        }
        let reader = ParagraphReader()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            throw ImportError.nothingRecognised(
                fileName: fileName, format: .teamsDocx,
                firstProblem: "its Word document is not well-formed XML")
        }
        return reader.lines
    }

    /// Collects the text of `<w:t>` runs per paragraph; `<w:br/>` and `<w:cr/>`
    /// break the line, `<w:tab/>` is a tab.
    private final class ParagraphReader: NSObject, XMLParserDelegate {
        var lines = [String]()
        private var current = ""
        private var inText = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "w:p": current = ""
            case "w:t": inText = true
            case "w:br", "w:cr": flush()
            case "w:tab": current += "\t"
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": flush()
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        private func flush() {
            lines.append(current)
            current = ""
        }
    }

    // MARK: Lines to cues

    private struct Entry {
        var line: Int
        var start: TimeInterval?
        var end: TimeInterval?
        var speaker: String?
        /// From a `-->` line (2021): the speaker, if any, is the first line.
        var fromArrow: Bool
        var text: [String] = []
    }

    static func parse(lines: [String]) -> WebVTTTranscript {
        var out = WebVTTTranscript()
        out.lineCount = lines.count
        var entries = [Entry]()
        var current: Entry?
        var lastTime: TimeInterval = 0
        func finish() {
            if let e = current { entries.append(e) }
            current = nil
        }
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = TextCleaning.clean(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if isTranscriptionNotice(line) { continue }
            if let (start, end) = arrowTimes(line) {
                finish()
                current = Entry(line: number, start: start, end: end, fromArrow: true)
                if let s = start { lastTime = s }
                continue
            }
            if let (name, time) = speakerLine(line), time >= lastTime - 1 || current == nil {
                finish()
                current = Entry(line: number, start: time, end: nil, speaker: name, fromArrow: false)
                lastTime = time
                continue
            }
            // Before the first entry: the title, date and length.
            current?.text.append(line)
        }
        finish()

        var raw = [WebVTTParser.RawCue]()
        var speakers = [String?]()
        for (i, var e) in entries.enumerated() {
            if e.fromArrow, e.text.count >= 2, isNameLine(e.text[0]) {
                e.speaker = TextCleaning.name(e.text.removeFirst())
            }
            let end = e.end ?? entries[(i + 1)...].first?.start ?? e.start
            raw.append(WebVTTParser.RawCue(line: e.line, id: nil, start: e.start, end: end, lines: e.text))
            speakers.append(e.speaker)
        }
        WebVTTParser.clampTimes(&raw, into: &out)
        for (r, speaker) in zip(raw, speakers) {
            let text = r.lines.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(
                separator: " ")
            if text.isEmpty {
                out.skipped.append(LineIssue(line: r.line, reason: "the entry has no words", kind: .noText))
                continue
            }
            out.cues.append(
                TranscriptCue(
                    line: r.line, start: r.start ?? 0, end: r.end ?? r.start ?? 0,
                    speaker: speaker.flatMap { $0.isEmpty ? nil : $0 }, text: text))
        }
        return out
    }

    private static func isTranscriptionNotice(_ line: String) -> Bool {
        let l = line.lowercased()
        return (l.hasSuffix("started transcription") || l.hasSuffix("stopped transcription")) && line.count < 160
    }

    /// `0:0:0.0 --> 0:0:4.670`: the 2021 shape.
    private static func arrowTimes(_ line: String) -> (TimeInterval?, TimeInterval?)? {
        guard line.contains("-->") else { return nil }
        var copy = line
        return copy.withUTF8 { buf -> (TimeInterval?, TimeInterval?)? in
            guard case .success(let t) = WebVTTParser.timing(buf) else { return nil }
            return (t.start, t.end)
        }
    }

    /// `Alex Rivera   0:03`, `Alex Rivera 1:02:03`: a name, then a time alone at the end.
    static func speakerLine(_ line: String) -> (String, TimeInterval)? {
        guard let space = line.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let token = line[line.index(after: space)...]
        let name = line[..<space].trimmingCharacters(in: .whitespaces)
        guard token.contains(":"), token.first?.isNumber == true, isNameLine(name), name.contains(where: \.isLetter)
        else {
            return nil
        }
        var t = String(token)
        guard let seconds = t.withUTF8({ WebVTTParser.stamp($0)?.seconds }) else { return nil }
        return (TextCleaning.name(name), seconds)
    }

    /// A line that can be a speaker's name: short, and not a sentence.
    private static func isNameLine(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 80, t.split(separator: " ").count <= 8, let last = t.last else { return false }
        return !".?!:;…".contains(last)
    }
}
