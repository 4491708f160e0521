import Exporters
import Foundation
import Importers
import SessionModel
import SessionStore

/// Export as an action: render through `Exporter.export` (the Exporters
/// module's one entry point and its gate), write the file whole or not at
/// all, and record `ExportRecorded` so a later withdrawal can list the copies.
public enum SessionExport {
    static func export(_ format: ExportFormat, to path: String, by actor: ActingUser, on journal: any SessionJournal, at now: Date,
                       progress: ((Double, String) -> Void)?) throws -> ActionOutcome {
        _ = try? journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.export(format: format, path: path), by: actor, in: state)
        // Warned, not refused: the facilitator decides whether to lower attribution first.
        let warnings = format.isResearch ? Exporter.warnings(state) : []
        let data = try Exporter.export(state, format: format) { fraction in
            progress?(fraction * 0.9, fraction < 0.5 ? "applying redactions, attribution and withdrawals"
                      : fraction < 1 ? "writing \(format.rawValue)" : "packaging \(format.rawValue)")
        }
        progress?(0.9, "writing the file")
        try writeAtomically(data, to: path)
        let stored = try journal.append(by: actor.name, at: now) { _ in
            [ExportRecorded(format: format.rawValue, fileName: (path as NSString).lastPathComponent)]
        }
        progress?(1, "done")
        return ActionOutcome(stored: stored, state: journal.state, message: "wrote \(path) (\(format.rawValue), \(data.count) bytes)",
                             result: .exported(bytes: data.count, warnings: warnings))
    }

    /// Writes `data` whole or not at all: a temporary file beside it, then a rename.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw ActionError.cannotWrite(path: path, reason: "no folder \(dir)")
        }
        let temp = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: data) else {
            throw ActionError.cannotWrite(path: path, reason: "the folder is not writable or the disk is full")
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw ActionError.cannotWrite(path: path, reason: reason)
        }
    }
}

/// Import as an action: the file is read first (outside any transaction),
/// then planned and appended in one write transaction against the latest
/// state, so the contribution numbers its tags and replies link to are the
/// ones the contributions actually get, whoever else is writing.
public enum SessionImport {
    static func run(_ order: ImportOrder, by actor: ActingUser, on journal: any SessionJournal, at now: Date) throws -> ActionOutcome {
        try Permissions.check(.importFile(order), by: actor, in: journal.state)
        var text: ImportText?
        if case .file(_, let path) = order.input { text = try ImportText.read(path: (path as NSString).expandingTildeInPath) }
        var report: ImportReport?
        let stored = try journal.append(by: actor.name, at: now) { state in
            let plan = try self.plan(order, text: text, into: state)
            report = plan.report
            return plan.payloads
        }
        guard let report else { throw StoreError.failed("the import produced no report") }
        return ActionOutcome(stored: stored, state: journal.state, message: report.summary.first ?? "imported",
                             result: .imported(report))
    }

    /// The plan against `state` (the preview the console shows before committing uses the same).
    public static func plan(_ order: ImportOrder, text: ImportText?, into state: SessionState) throws -> ImportPlan {
        var options = order.options
        if let room = order.room { options.room = try Names.room(room, in: state) }
        switch order.input {
        case .file(let kind, let path):
            let text = try text ?? ImportText.read(path: (path as NSString).expandingTildeInPath)
            switch kind {
            case .zoomChat: return try Importer.zoomChat(text, into: state, options: options)
            case .vtt: return try Importer.webVTT(text, into: state, options: options)
            case .miroCSV: return try Importer.miro(text, into: state, options: options)
            }
        case .chatMessages(let transcript, let fileName):
            return try Importer.followedChat(transcript, fileName: fileName, into: state, options: options)
        }
    }
}
