/// `:export` in the console: the format picker and file prompt (pure, in
/// `update`), and the effect the runner performs: one call into Exporters,
/// the file written whole or not at all (temp + rename), and `ExportRecorded`
/// appended so a later withdrawal can list the files to delete.
import Exporters
import Foundation
import SessionActions
import SessionModel
import SessionStore
import TerminalKit

/// The `:export` box: which format, which file, how far along.
public struct ExportDraft: Equatable, Sendable {
    /// Index into `ConsoleExport.formats`.
    public var format = 0
    /// nil while the format is picked; then the file to write.
    public var path: InputLine?
    /// While the export runs: how far (0…1) and what it is doing.
    public var progress: (fraction: Double, stage: String)?
    public init(format: Int = 0, path: InputLine? = nil) {
        self.format = format
        self.path = path
    }

    public static func == (a: ExportDraft, b: ExportDraft) -> Bool {
        a.format == b.format && a.path == b.path && a.progress?.fraction == b.progress?.fraction
            && a.progress?.stage == b.progress?.stage
    }
}

/// What the runner is asked to export.
public struct ExportRequest: Equatable, Sendable {
    public var format: String
    public var path: String
}

public enum ConsoleExport {
    /// The research formats a facilitator may pick, in the picker's order.
    public static let formats: [(name: String, title: String)] = [
        ("json", "the whole session, research data only"),
        ("markdown", "report: rooms, themes, counts, process log"),
        ("html", "the report with a timeline chart, offline"),
        ("docx", "transcript as a Word document"),
        ("csv", "one row per contribution"),
        ("quotes-csv", "quotable contributions, allowed attribution"),
        ("qdpx", "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA…)"),
        ("qdc", "the codebook alone (REFI-QDA)"),
    ]

    /// Formats the Exporters module can write in this build.
    public static func isAvailable(_ name: String) -> Bool {
        ExportFormat(rawValue: name) != nil && name != "safeguarding"
    }

    /// The file the picker suggests: next to the session file, named after it.
    public static func defaultPath(format: String, location: String) -> String {
        let file = ((location as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = file.isEmpty ? "session" : file
        let name: String
        switch format {
        case "markdown": name = base + ".md"
        case "quotes-csv": name = base + "-quotes.csv"
        default: name = base + "." + format
        }
        let dir = (location as NSString).deletingLastPathComponent
        return dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name)
    }

    /// The whole export, as the runner performs it: one `export` command through
    /// SessionActions (render, write whole or not at all, record). Returns the bytes written.
    public static func perform(
        _ request: ExportRequest, journal: any SessionJournal, by actor: ActingUser,
        progress: (Double, String) -> Void
    ) throws -> Int {
        guard isAvailable(request.format), let format = ExportFormat(rawValue: request.format) else {
            throw ConsoleExportError.notBuilt(request.format)
        }
        let outcome = try withoutActuallyEscaping(progress) { progress in
            try SessionActions.perform(
                .export(format: format, path: request.path), by: actor, on: journal, at: Date(),
                progress: progress)
        }
        guard case .exported(let bytes, _) = outcome.result else { return 0 }
        return bytes
    }
}

public enum ConsoleExportError: Error, Equatable, CustomStringConvertible {
    case notBuilt(String)
    case cannotWrite(String, String)
    case noSession
    case noPath
    public var description: String {
        switch self {
        case .notBuilt(let f): return "the \(f) export is not available in this build; pick another format"
        case .cannotWrite(let p, let why): return "cannot write \(p): \(why); nothing was written"
        case .noSession: return "this file has no session yet"
        case .noPath: return "type the file to write"
        }
    }
}

extension Keymap {
    static func startExport(_ s: inout ConsoleState, arguments: [String]) throws {
        var draft = ExportDraft()
        if let name = arguments.first {
            guard let i = ConsoleExport.formats.firstIndex(where: { $0.name == name.lowercased() }) else {
                throw Palette.Refusal(
                    description: "no export format '\(name)': "
                        + ConsoleExport.formats.map(\.name).joined(separator: ", "))
            }
            draft.format = i
            let path = arguments.dropFirst().joined(separator: " ")
            draft.path = InputLine(
                path.isEmpty
                    ? ConsoleExport.defaultPath(format: ConsoleExport.formats[i].name, location: s.context.location)
                    : path)
        }
        s.overlay = .export(draft)
    }

    static func exportKey(_ key: Key, _ draft: inout ExportDraft, _ s: inout ConsoleState) -> [ConsoleEffect] {
        if draft.progress != nil {
            // Running off the loop: Esc hides the box, the export goes on and says when it is done.
            if key == .escape {
                s.overlay = .none
                s.status = "The export goes on in the background; this line will say when the file is written"
            } else {
                s.overlay = .export(draft)
            }
            return []
        }
        if key == .escape {
            if draft.path != nil {
                draft.path = nil
                s.overlay = .export(draft)
            } else {
                s.overlay = .none
            }
            return []
        }
        let formats = ConsoleExport.formats
        guard var path = draft.path else {
            switch key {
            case .up, .char("k"): draft.format = max(0, draft.format - 1)
            case .down, .char("j"), .tab: draft.format = (draft.format + 1) % formats.count
            case .char(let c) where c.wholeNumberValue.map { (1...formats.count).contains($0) } ?? false:
                draft.format = c.wholeNumberValue! - 1
                fallthrough
            case .enter:
                let name = formats[draft.format].name
                guard ConsoleExport.isAvailable(name) else {
                    s.status = ConsoleExportError.notBuilt(name).description
                    s.overlay = .export(draft)
                    return [.bell]
                }
                draft.path = InputLine(ConsoleExport.defaultPath(format: name, location: s.context.location))
            default: break
            }
            s.overlay = .export(draft)
            return []
        }
        if key == .enter {
            let target = path.text.trimmingCharacters(in: .whitespaces)
            guard !target.isEmpty else {
                s.status = ConsoleExportError.noPath.description
                s.overlay = .export(draft)
                return []
            }
            draft.progress = (0, "starting")
            s.overlay = .export(draft)
            return [.export(ExportRequest(format: formats[draft.format].name, path: target))]
        }
        _ = edit(&path, key)
        draft.path = path
        s.overlay = .export(draft)
        return []
    }

    static func exportProgress(_ s: inout ConsoleState, _ fraction: Double, _ stage: String) {
        guard case .export(var draft) = s.overlay else { return }
        draft.progress = (fraction, stage)
        s.overlay = .export(draft)
    }

    static func exportFinished(_ s: inout ConsoleState, _ result: Result<ExportOutcome, ExportFailure>)
        -> [ConsoleEffect]
    {
        switch result {
        case .success(let done):
            if case .export = s.overlay {
                s.overlay = .none
                s.exportBoxClosedAt = s.now
            }
            s.status = "Wrote \(done.path) (\(done.format), \(done.bytes) bytes); recorded in the session"
            return []
        case .failure(let failure):
            if case .export(var draft) = s.overlay {
                draft.progress = nil
                s.overlay = .export(draft)
            }
            s.status = "Export failed: \(failure.message)"
            return [.bell]
        }
    }
}

public struct ExportOutcome: Equatable, Sendable {
    public var format: String
    public var path: String
    public var bytes: Int
}
public struct ExportFailure: Error, Equatable, Sendable { public var message: String }
