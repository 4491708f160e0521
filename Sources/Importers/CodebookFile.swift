import Foundation
import SessionModel
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A codebook read from a file, with counts of what happened to each code read.
public struct CodebookImport: Sendable, Equatable {
    /// Which kind of file it was.
    public enum Format: String, Sendable, Equatable {
        /// One code a line, `Name: description` allowed, `#` comments.
        case text = "a text list"
        /// A REFI-QDA codebook (`.qdc`), as NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette export it.
        case refiCodebook = "a REFI-QDA codebook"
        /// A REFI-QDA project (`.qdpx`): its codebook only.
        case refiProject = "a REFI-QDA project's codebook"
    }

    /// A code read but not taken, and why.
    public struct Skipped: Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    /// The codebook's name: the file's name without its extension.
    public var name: String
    public var format: Format
    /// The codes taken, in the file's order (a parent before its children).
    public var codes: [CodeDefinition]
    /// Codes read, whether taken or not.
    public var read: Int
    /// Codes whose name was already taken (any case): the first one stays, with its description.
    public var duplicates: [String]
    /// Codes that could not be taken (no name, too long, control characters).
    public var skipped: [Skipped]
    /// Grouping codes a REFI-QDA codebook marks as not codable: their children are taken, they are not.
    public var groups: Int

    /// One line for the terminal: what was read, taken, merged and skipped.
    public var summary: String {
        var parts = ["read \(read) codes from \(format.rawValue)", "imported \(codes.count)"]
        if !duplicates.isEmpty {
            parts.append("\(duplicates.count) duplicate\(duplicates.count == 1 ? "" : "s") merged")
        }
        if groups > 0 { parts.append("\(groups) grouping code\(groups == 1 ? "" : "s") not codable") }
        if !skipped.isEmpty {
            let first = skipped[0]
            parts.append("\(skipped.count) skipped (first: “\(first.name)”: \(first.reason))")
        }
        return parts.joined(separator: ", ")
    }
}

/// Why a codebook file was refused as a whole; nothing is changed in the session.
public enum CodebookFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notACodebook(fileName: String, reason: String)
    case noCodes(fileName: String)
    /// More than half of the codes read could not be taken.
    case tooManySkipped(fileName: String, read: Int, skipped: Int, first: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let reason): return "cannot read \(p): \(reason)"
        case .notACodebook(let f, let reason): return "\(f) is not a codebook Convene can read: \(reason)"
        case .noCodes(let f): return "\(f) holds no codes; the codebook was not changed"
        case .tooManySkipped(let f, let read, let skipped, let first):
            return
                "\(skipped) of the \(read) codes in \(f) cannot be used (first: \(first)); the codebook was not changed"
        }
    }
}

/// Reads a codebook from a text list, a REFI-QDA codebook (`.qdc`) or a REFI-QDA project (`.qdpx`), told apart by
/// their content, not their name. Lenient: odd codes are skipped and counted, never silently dropped; a file that
/// loses more than half of its codes is refused.
public enum CodebookFile {
    /// A codebook is kilobytes; a project may carry sources, but its `project.qde` is read alone.
    static let sizeLimit = 64 * 1_048_576

    public static func read(path: String) throws -> CodebookImport {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw CodebookFileError.unreadable(path: path, reason: FileErrors.reason(error))
        }
        return try parse(data, fileName: url.lastPathComponent)
    }

    public static func parse(_ data: Data, fileName: String) throws -> CodebookImport {
        let name = (fileName as NSString).deletingPathExtension
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try refi(projectXML(data, fileName: fileName), name: name, fileName: fileName, format: .refiProject)
        }
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        if head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<") {
            return try refi(data, name: name, fileName: fileName, format: .refiCodebook)
        }
        let text: ImportText
        do { text = try ImportText.decode(data, fileName: fileName) } catch {
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "\(error)")
        }
        var read: [(String, String?)] = []
        for line in String(decoding: text.bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if let colon = trimmed.firstIndex(of: ":") {
                let description = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                read.append((String(trimmed[..<colon]), description.isEmpty ? nil : description))
            } else {
                read.append((trimmed, nil))
            }
        }
        return try collect(read, groups: 0, name: name, fileName: fileName, format: .text)
    }

    /// The `project.qde` of a REFI-QDA project archive.
    static func projectXML(_ data: Data, fileName: String) throws -> Data {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "it is a damaged zip archive")
        }
        guard let entry = archive["project.qde"] else {
            throw CodebookFileError.notACodebook(
                fileName: fileName, reason: "it is a zip archive with no REFI-QDA project.qde inside")
        }
        guard entry.uncompressedSize <= UInt64(sizeLimit) else {
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "its project.qde is too large")
        }
        var xml = Data()
        do { _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) } } catch {
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "its project.qde is damaged")
        }
        return xml
    }

    static func refi(_ xml: Data, name: String, fileName: String, format: CodebookImport.Format) throws
        -> CodebookImport
    {
        let reader = CodeReader()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), !reader.failed else {
            let line = parser.lineNumber
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "it is not well-formed XML (line \(line))")
        }
        guard reader.sawCodeBook else {
            throw CodebookFileError.notACodebook(fileName: fileName, reason: "it has no REFI-QDA CodeBook element")
        }
        var codes = reader.codes
        var name = name
        // Convene's own export files the codebook under one grouping code, `Codebook: NAME`, beside its themes,
        // speakers and sources: read back, the codebook is that group's codes alone, under its own name.
        if reader.origin.hasPrefix(REFIOrigin.convene),
            let group = codes.first(where: { $0.parts.count == 1 && $0.parts[0].hasPrefix(REFIOrigin.codebookGroup) })
        {
            name = String(group.parts[0].dropFirst(REFIOrigin.codebookGroup.count))
            codes = codes.filter { $0.parts.count == 2 && $0.parts[0] == group.parts[0] }.map {
                var code = $0
                code.parts = [code.parts[1]]
                return code
            }
        }
        let codable = codes.filter(\.codable)
        return try collect(
            codable.map { ($0.parts.joined(separator: " / "), $0.description) }, groups: codes.count - codable.count,
            name: name, fileName: fileName, format: format)
    }

    /// Names tidied (runs of white space become one space), checked as the session will check them, duplicates
    /// merged into the first; refuses an empty result or one that lost more than half of what was read.
    static func collect(
        _ read: [(name: String, description: String?)], groups: Int, name: String, fileName: String,
        format: CodebookImport.Format
    ) throws -> CodebookImport {
        var result = CodebookImport(
            name: name, format: format, codes: [], read: read.count + groups, duplicates: [], skipped: [],
            groups: groups)
        var seen = Set<String>()
        for (raw, description) in read {
            let tidy = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard SessionState.isUsableCode(tidy) else {
                let reason =
                    tidy.isEmpty ? "no name" : tidy.count > 120 ? "longer than 120 characters" : "control characters"
                result.skipped.append(.init(name: String(tidy.prefix(40)), reason: reason))
                continue
            }
            guard seen.insert(tidy.lowercased()).inserted else {
                result.duplicates.append(tidy)
                continue
            }
            let text = description.map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            result.codes.append(CodeDefinition(name: tidy, description: text?.isEmpty == false ? text : nil))
        }
        if result.codes.isEmpty { throw CodebookFileError.noCodes(fileName: fileName) }
        if result.skipped.count * 2 > read.count {
            let first = result.skipped[0]
            throw CodebookFileError.tooManySkipped(
                fileName: fileName, read: read.count, skipped: result.skipped.count,
                first: "“\(first.name)”: \(first.reason)")
        }
        return result
    }

    /// Collects `Code` elements inside a `CodeBook`, nested codes named by their path (`Parent / Child`) so that
    /// two children of the same name under different parents stay apart, with each code's `Description` text.
    private final class CodeReader: NSObject, XMLParserDelegate {
        struct Code {
            /// The names from the outermost code down to this one.
            var parts: [String]
            var description: String?
            var codable: Bool
        }
        var codes: [Code] = []
        var sawCodeBook = false
        /// The writing program, from the `origin` of the CodeBook or Project element.
        var origin = ""
        var failed = false
        private var inCodeBook = 0
        private var stack: [(index: Int, name: String)] = []
        private var descriptionText: String?

        private static func local(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch Self.local(name) {
            case "Project":
                origin = attributes["origin"] ?? origin
            case "CodeBook":
                sawCodeBook = true
                inCodeBook += 1
                if let o = attributes["origin"] { origin = o }
            case "Code" where inCodeBook > 0:
                let own = attributes["name"] ?? ""
                codes.append(
                    Code(
                        parts: stack.map(\.name) + [own], description: nil, codable: attributes["isCodable"] != "false")
                )
                stack.append((codes.count - 1, own))
            case "Description" where !stack.isEmpty:
                descriptionText = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            failed = true
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if descriptionText != nil { descriptionText! += string }
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            switch Self.local(name) {
            case "CodeBook": inCodeBook -= 1
            case "Code" where inCodeBook > 0: if !stack.isEmpty { stack.removeLast() }
            case "Description":
                if let text = descriptionText, let top = stack.last, codes[top.index].description == nil {
                    codes[top.index].description = text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                descriptionText = nil
            default: break
            }
        }
    }
}

/// How Convene's own REFI-QDA writer (`Exporters/REFIQDA.swift`) marks its files and files its codebook; reading
/// them back depends on these, and `CodebookImportTests` exports and re-imports to hold the two together.
enum REFIOrigin {
    static let convene = "Convene"
    static let codebookGroup = "Codebook: "
}
