import Foundation
import SessionModel

/// Why an import was refused as a whole. Single bad lines are not errors:
/// they are reported in `ImportReport.skipped` and the rest is imported.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file holds NUL bytes or mostly control characters.
    case binaryFile(fileName: String)
    /// Bytes that are not UTF-8 (and no UTF-16 byte-order mark says otherwise).
    case notUTF8(fileName: String, line: Int)
    /// A byte-order mark for an encoding Convene does not read (UTF-32).
    case unsupportedEncoding(fileName: String, encoding: String)
    /// UTF-16 with a byte-order mark, but broken (odd length or lone surrogate).
    case brokenUTF16(fileName: String)
    case fileTooLarge(fileName: String, bytes: Int, limit: Int)
    case unreadableFile(path: String, reason: String)
    /// Nothing in a non-empty file looked like the format asked for.
    case nothingRecognised(fileName: String, format: ImportFormat, firstProblem: String?)
    case noSession
    case sessionClosed
    case unknownRoom(RoomID)
    case roomClosed(String)
    /// Display names that are neither mapped nor facilitators; never guessed.
    case unknownNames([String])
    case mappingLine(fileName: String, line: Int, reason: String)
    case mappedToUnknownParticipant(name: String, code: String)
    /// The planned events would not fold into the session (a bug or a race).
    case wouldNotApply(String)
    /// More than `ImportReport.skipLimitPercent` of the file's entries could not
    /// be read; nothing is written unless the import allows skips.
    case tooManySkipped(ImportReport)
    /// `--speaker CODE` names no participant of the session.
    case unknownSpeaker(String)

    public var description: String {
        switch self {
        case .binaryFile(let f):
            return "\(f) looks like a binary file, not text; nothing was imported"
        case .notUTF8(let f, let line):
            return
                "\(f) is not UTF-8 text (line \(line) has bytes that are not UTF-8); save it as UTF-8 and import it again"
        case .unsupportedEncoding(let f, let enc):
            return "\(f) is encoded as \(enc), which Convene does not read; save it as UTF-8 and import it again"
        case .brokenUTF16(let f):
            return "\(f) says it is UTF-16 but its bytes are broken; save it as UTF-8 and import it again"
        case .fileTooLarge(let f, let bytes, let limit):
            return "\(f) is \(bytes / 1_048_576) MB, more than the \(limit / 1_048_576) MB an import may be"
        case .unreadableFile(let p, let reason):
            return "cannot read \(p): \(reason)"
        case .nothingRecognised(let f, let format, let first):
            let hint = first.map { " (first problem: \($0))" } ?? ""
            return "nothing in \(f) looks like \(format.title); is it the right file?\(hint)"
        case .noSession:
            return "this file has no session yet (create one with `convene new`)"
        case .sessionClosed:
            return "the session is closed; imports must happen before `convene close`"
        case .unknownRoom(let r):
            return "no room #\(r) in this session"
        case .roomClosed(let r):
            return "room '\(r)' is closed; nothing can be logged in it"
        case .unknownNames(let names):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return
                "\(names.count == 1 ? "this name is" : "these names are") not in the session or the name mapping: \(list); "
                + "map them with --map NAMES.csv (rows `display name,code`) or add them with --add-unknown"
        case .mappingLine(let f, let line, let reason):
            return "\(f) line \(line): \(reason)"
        case .mappedToUnknownParticipant(let name, let code):
            return
                "the name mapping gives '\(name)' the code \(code), but there is no participant \(code) in this session"
        case .wouldNotApply(let reason):
            return "the import would not apply to this session: \(reason); nothing was imported"
        case .tooManySkipped(let r):
            let lost = r.lostEntries
            let percent = r.read == 0 ? 0 : (lost * 1000 / r.read + 5) / 10
            let reasons = r.skippedByReason.filter { $0.key.isLoss }.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.value) \($0.key.title)" }.joined(separator: ", ")
            return
                "\(lost) of \(r.read) entries in \(r.fileName) (\(percent)%) could not be imported (\(reasons)), more than "
                + "the \(ImportReport.skipLimitPercent)% an import may leave out; nothing was imported. Check the file, "
                + "or import the rest with --allow-skips"
        case .unknownSpeaker(let code):
            return "--speaker \(code): there is no participant \(code) in this session"
        }
    }
}

/// One line of a file that was skipped or deserves a word, with its 1-based number.
public struct LineIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    /// Why the entry was left out (for a skipped entry; warnings keep the default).
    public var kind: SkipReason
    public init(line: Int, reason: String, kind: SkipReason = .unreadable) {
        self.line = line
        self.reason = reason
        self.kind = kind
    }
    public var description: String { "line \(line): \(reason)" }
}

/// Why an entry of a file (a message, a cue, a note) did not become a
/// contribution. Only the first two lose words the file holds; the others
/// are left out on purpose and never count towards a refusal.
public enum SkipReason: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// A line or block that could not be read (a broken time, a header with no name).
    case unreadable
    /// Longer than one contribution may hold.
    case tooLong = "too-long"
    /// An entry with no words (an empty cue or message).
    case noText = "no-text"
    case directMessage = "direct-message"
    case reaction
    /// The name mapping says `skip` (bots, observers).
    case mappedToSkip = "mapped-to-skip"
    /// The speaker has withdrawn from the study.
    case withdrawn
    /// A board item that is not a note (a connector, a frame).
    case notANote = "not-a-note"

    /// Whether words in the file are lost by leaving the entry out.
    public var isLoss: Bool { self == .unreadable || self == .tooLong }

    /// How the reason is named in a report: "3 unreadable".
    public var title: String {
        switch self {
        case .unreadable: return "unreadable"
        case .tooLong: return "too long"
        case .noText: return "with no text"
        case .directMessage: return "direct messages"
        case .reaction: return "reactions"
        case .mappedToSkip: return "skipped by the name mapping"
        case .withdrawn: return "by withdrawn participants"
        case .notANote: return "board items that are not notes"
        }
    }
}
