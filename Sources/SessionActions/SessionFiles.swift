import Exporters
import Foundation
import Importers
import Privacy
import SessionModel
import SessionStore
import Study

/// Export as an action: render through `Exporter.export` (the Exporters
/// module's one entry point and its gate), write the file whole or not at
/// all, and record `ExportRecorded` so a later withdrawal can list the copies.
public enum SessionExport {
    static func export(
        _ format: ExportFormat, to path: String, by actor: ActingUser, on journal: any SessionJournal, at now: Date,
        progress: ((Double, String) -> Void)?
    ) throws -> ActionOutcome {
        // Never over a session file or the session itself; checked before the work.
        let input = journal is SQLiteJournal ? journal.location : nil
        try fileError(path) { try ExportFile.checkTarget(path, input: input) }
        _ = try? journal.refresh()
        let state = journal.state
        guard state.info != nil else { throw ActionError.refused(.noSession) }
        try Permissions.check(.export(format: format, path: path), by: actor, in: state)
        // The gate's record and the warnings, computed once; warned, not refused.
        let gateProgress: (Double) -> Void = { fraction in
            progress?(fraction * 0.8, "applying redactions, attribution and withdrawals")
        }
        // Read a page at a time from a paged file's snapshot, or from the state held in memory (the console's), with
        // the scans the file keeps either way (ExportPages).
        let prepared =
            format.isResearch
            ? try Exporter.prepare(state, pages: ExportPages.of(journal, state: state), progress: gateProgress) : nil
        progress?(0.8, "writing \(format.rawValue)")
        // The export records where the journal ended, so `check --against EXPORT` can hold the journal to it.
        let head = (journal as? any ErasingJournal)?.head.map {
            ExportJournalHead(session: $0.session, seq: $0.seq, hash: $0.hash)
        }
        let bytes = try fileError(path) {
            try ExportFile.write(to: path, input: input) { sink in
                try Exporter.write(state, format: format, prepared: prepared, head: head, to: sink)
            }
        }
        // Recorded so a later withdrawal can list the copies to delete by hand.
        let stored = try journal.append(by: actor.name, at: now) { _ in
            [ExportRecorded(format: format.rawValue, fileName: (path as NSString).lastPathComponent)]
        }
        progress?(1, "done")
        return ActionOutcome(
            stored: stored, state: journal.state, message: "wrote \(path) (\(format.rawValue), \(bytes) bytes)",
            result: .exported(bytes: bytes, warnings: prepared?.summary))
    }

    /// Opens a session file for `export`: research formats read its
    /// contributions from the snapshot a page at a time when they can (a plain
    /// file whose snapshot is current), else the whole session is folded and,
    /// when it was behind, a fresh snapshot written so the next export pages.
    public static func openFile(
        _ path: String, format: ExportFormat,
        cipherFor: ((FileMeta) throws -> any PayloadCipher)? = nil
    ) throws -> SQLiteJournal {
        try ExportPages.openFile(path, research: format.isResearch, cipherFor: cipherFor)
    }

    /// Scans every contribution of the session file at `path` as an export does and keeps the scans in
    /// the file (`convene-bench make-session`: the first export of a made session then reads them, as every
    /// export after the first does).
    public static func keepScans(path: String) throws {
        let journal = try openFile(path, format: .json)
        defer { try? journal.close() }
        let state = journal.state
        guard state.info != nil else { return }
        _ = try Exporter.prepare(state, pages: ExportPages.of(journal, state: state))
    }

    /// Exporters' file errors, with a missing folder said as the console always said it.
    static func fileError<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch ExportFileError.noFolder(let dir) {
            throw ActionError.cannotWrite(path: path, reason: "no folder \(dir)")
        }
    }
}

/// Import as an action: the file is read first (outside any transaction),
/// then planned and appended in one write transaction against the latest
/// state, so the contribution numbers its tags and replies link to are the
/// ones the contributions actually get, whoever else is writing.
public enum SessionImport {
    static func run(_ order: ImportOrder, by actor: ActingUser, on journal: any SessionJournal, at now: Date) throws
        -> ActionOutcome
    {
        try Permissions.check(.importFile(order), by: actor, in: journal.state)
        var text: ImportText?
        // Read once, before the write transaction (a Word transcript is read as bytes when planned).
        if case .file(let kind, let path) = order.input, kind != .teamsDocx {
            text = try ImportText.read(path: (path as NSString).expandingTildeInPath)
        }
        var report: ImportReport?
        let stored = try journal.append(by: actor.name, at: now) { state in
            let plan = try self.plan(order, text: text, into: state)
            report = plan.report
            return plan.payloads
        }
        guard let report else { throw StoreError.failed("the import produced no report") }
        return ActionOutcome(
            stored: stored, state: journal.state, message: report.summary.first ?? "imported",
            result: .imported(report))
    }

    /// The plan against `state` (the preview the console shows before committing uses the same).
    public static func plan(_ order: ImportOrder, text: ImportText?, into state: SessionState) throws -> ImportPlan {
        var options = order.options
        if let room = order.room { options.room = try Names.room(room, in: state) }
        switch order.input {
        case .file(let kind, let path):
            let path = (path as NSString).expandingTildeInPath
            if kind == .teamsDocx { return try Importer.teamsDocx(path: path, into: state, options: options) }
            let text = try text ?? ImportText.read(path: path)
            switch kind {
            case .zoomChat: return try Importer.zoomChat(text, into: state, options: options)
            case .vtt: return try Importer.webVTT(text, into: state, options: options)
            case .srt: return try Importer.srt(text, into: state, options: options)
            case .teamsDocx: return try Importer.teamsDocx(path: path, into: state, options: options)
            case .miroCSV: return try Importer.miro(text, into: state, options: options)
            }
        case .chatMessages(let transcript, let fileName):
            return try Importer.followedChat(transcript, fileName: fileName, into: state, options: options)
        }
    }
}

extension ImportOptions {
    /// `options` with the room named by `room` resolved against `state` (for a preview outside an action).
    public static func resolving(_ options: ImportOptions, room: RoomRef?, in state: SessionState) throws
        -> ImportOptions
    {
        var resolved = options
        if let room { resolved.room = try Names.room(room, in: state) }
        return resolved
    }
}
