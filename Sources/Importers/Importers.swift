import Foundation
import SessionModel

/// Importers own the way in for what was said outside the console: a Zoom
/// saved chat (also followed live while Zoom autosaves it), WebVTT transcripts
/// from Teams and Zoom, and Miro whiteboard exports. Each is a pure parser
/// from bytes to records with line numbers, and a pure planner from records
/// and a `SessionState` to the events that add them. Nothing here writes a
/// session: the caller appends the planned events in one transaction.
/// Identifier scanning of the imported text happens in the session afterwards.
public enum Importer {
    /// A Zoom saved chat (`meeting_saved_chat.txt`).
    public static func zoomChat(
        _ text: ImportText, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let chat = ZoomChatParser.parse(text)
        try requireRecognised(text, format: .zoomChat, records: chat.messages.count, skipped: chat.skipped)
        var plan = try ImportPlanner.plan(chat: chat, fileName: text.fileName, into: state, options: options)
        plan.report.emptyFile = text.isBlank
        return plan
    }

    /// A Zoom chat that is still being written, as `--follow` finds it when it
    /// starts: checked on its complete lines (see `ZoomChatParser.parseSoFar`).
    public static func zoomChatSoFar(
        _ text: ImportText, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let chat = ZoomChatParser.parseSoFar(text)
        try requireRecognised(text, format: .zoomChat, records: chat.messages.count, skipped: chat.skipped)
        return try ImportPlanner.plan(chat: chat, fileName: text.fileName, into: state, options: options)
    }

    /// A WebVTT transcript from Teams or Zoom.
    public static func webVTT(
        _ text: ImportText, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let transcript = WebVTTParser.parse(text)
        try requireRecognised(text, format: .webVTT, records: transcript.cues.count, skipped: transcript.skipped)
        var plan = try ImportPlanner.plan(
            transcript: transcript, fileName: text.fileName, into: state, options: options)
        plan.report.emptyFile = text.isBlank
        return plan
    }

    /// An SRT subtitle file (numbered cues, `00:00:01,000 --> …`), with or
    /// without `Name:` speakers; read like a WebVTT transcript.
    public static func srt(
        _ text: ImportText, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let transcript = WebVTTParser.parse(text, expectHeader: false)
        try requireRecognised(text, format: .srt, records: transcript.cues.count, skipped: transcript.skipped)
        var plan = try ImportPlanner.plan(
            transcript: transcript, format: .srt, fileName: text.fileName, into: state, options: options)
        plan.report.emptyFile = text.isBlank
        return plan
    }

    /// A Teams transcript downloaded as Word (`.docx`).
    public static func teamsDocx(
        _ data: Data, fileName: String, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let transcript = try TeamsDocxParser.parse(data, fileName: fileName)
        if transcript.cues.isEmpty, transcript.lineCount > 0, let first = transcript.skipped.first {
            throw ImportError.nothingRecognised(fileName: fileName, format: .teamsDocx, firstProblem: first.description)
        }
        var plan = try ImportPlanner.plan(
            transcript: transcript, format: .teamsDocx, fileName: fileName, into: state, options: options)
        plan.report.emptyFile = transcript.lineCount == 0
        return plan
    }

    /// A Miro board: its CSV export, or a plain list of notes (chosen by the
    /// file name and the first line; see `MiroParser.parse`).
    public static func miro(
        _ text: ImportText, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        let isCSV = text.fileName.lowercased().hasSuffix(".csv") || looksLikeCSV(text)
        let board = isCSV ? MiroParser.parseCSV(text) : MiroParser.parseList(text)
        let format: ImportFormat = isCSV ? .miroCSV : .miroList
        try requireRecognised(text, format: format, records: board.notes.count, skipped: board.skipped)
        var plan = try ImportPlanner.plan(
            board: board, format: format, fileName: text.fileName, into: state, options: options)
        plan.report.emptyFile = text.isBlank
        return plan
    }

    // The same, reading the file at `path` (refusing binary and unknown encodings).
    public static func zoomChat(path: String, into state: SessionState, options: ImportOptions = ImportOptions()) throws
        -> ImportPlan
    {
        try zoomChat(ImportText.read(path: path), into: state, options: options)
    }
    public static func webVTT(path: String, into state: SessionState, options: ImportOptions = ImportOptions()) throws
        -> ImportPlan
    {
        try webVTT(ImportText.read(path: path), into: state, options: options)
    }
    public static func srt(path: String, into state: SessionState, options: ImportOptions = ImportOptions()) throws
        -> ImportPlan
    {
        try srt(ImportText.read(path: path), into: state, options: options)
    }
    public static func teamsDocx(path: String, into state: SessionState, options: ImportOptions = ImportOptions())
        throws -> ImportPlan
    {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw ImportError.unreadableFile(path: path, reason: FileErrors.reason(error))
        }
        guard data.count <= ImportText.sizeLimit else {
            throw ImportError.fileTooLarge(
                fileName: url.lastPathComponent, bytes: data.count, limit: ImportText.sizeLimit)
        }
        return try teamsDocx(data, fileName: url.lastPathComponent, into: state, options: options)
    }
    public static func miro(path: String, into state: SessionState, options: ImportOptions = ImportOptions()) throws
        -> ImportPlan
    {
        try miro(ImportText.read(path: path), into: state, options: options)
    }

    /// New chat lines from a `ChatFollower`, planned against the session as it is now.
    public static func followedChat(
        _ batch: ChatTranscript, fileName: String, into state: SessionState,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportPlan {
        try ImportPlanner.plan(chat: batch, fileName: fileName, into: state, options: options)
    }

    /// Splits followed messages into those ready to plan and those whose sender
    /// is among `names` (unknown so far): a live follow holds those back until
    /// the name is mapped, instead of stopping for everyone else.
    public static func holdingBack(_ names: [String], from messages: [ChatMessage]) -> (
        ready: [ChatMessage], held: [ChatMessage]
    ) {
        let keys = Set(names.map(TextCleaning.nameKey))
        var ready = [ChatMessage]()
        var held = [ChatMessage]()
        for m in messages {
            if keys.contains(TextCleaning.nameKey(m.sender)) { held.append(m) } else { ready.append(m) }
        }
        return (ready, held)
    }

    static func looksLikeCSV(_ text: ImportText) -> Bool {
        let firstLine = text.bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        let cells = String(decoding: firstLine, as: UTF8.self)
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
            .map { MiroParser.headerKey(String($0)) }
        return cells.count > 1 && cells.contains(where: MiroParser.textColumns.contains)
    }

    /// A non-empty file in which nothing was recognised is the wrong file, not an empty import.
    private static func requireRecognised(_ text: ImportText, format: ImportFormat, records: Int, skipped: [LineIssue])
        throws
    {
        if records == 0, !text.isBlank, let first = skipped.first {
            throw ImportError.nothingRecognised(
                fileName: text.fileName, format: format, firstProblem: first.description)
        }
    }
}
