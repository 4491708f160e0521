/// `:import` in the console: pick a kind and a file, answer for every display
/// name the session does not know (a participant code, a new participant,
/// the facilitator, or skip; never guessed), read the preview, then commit.
/// The steps are pure; the runner reads the file and plans through Importers
/// (`.planImport`), then plans again against the session as it is and
/// appends the whole plan in one transaction (`.commitImport`).
import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import TerminalKit

/// The files the console imports: every kind `convene import` reads (the digits in the
/// box keep their places; new kinds go at the end).
public enum ImportKind: String, CaseIterable, Sendable, Equatable {
    case zoomChat = "zoom-chat"
    case vtt
    case miroCSV = "miro-csv"
    case srt
    case teamsDocx = "teams-docx"
    public var title: String {
        switch self {
        case .zoomChat: return "Zoom saved chat (meeting_saved_chat.txt)"
        case .vtt: return "WebVTT transcript (Teams or Zoom)"
        case .miroCSV: return "Miro board export (CSV, or a plain list of notes)"
        case .srt: return "SRT subtitle transcript (.srt)"
        case .teamsDocx: return "Teams transcript downloaded as Word (.docx)"
        }
    }
    /// The same kind as the action layer names it.
    var fileKind: ImportFileKind { ImportFileKind(rawValue: rawValue)! }
    var isTranscript: Bool { self == .vtt || self == .srt || self == .teamsDocx }
}

/// What the facilitator said a display name is.
public enum NameAnswer: Equatable, Sendable {
    case participant(String)
    case newParticipant, facilitator, skip
    public var description: String {
        switch self {
        case .participant(let code): return code
        case .newParticipant: return "new participant"
        case .facilitator: return "facilitator"
        case .skip: return "skipped"
        }
    }
}

/// What the runner is asked to plan or commit.
public struct ImportRequest: Equatable, Sendable {
    public var kind: ImportKind
    public var path: String
    public var room: RoomID
    public var answers: [String: NameAnswer] = [:]
    /// Transcripts: the participant code for cues that name no speaker (`--speaker`).
    public var speaker: String?
    /// Import even if more than 5% of the file's entries cannot be read (`--allow-skips`).
    public var allowSkips = false

    /// Names answered with a code, facilitator or skip go in the mapping; the
    /// ones answered "new participant" are the only names left unknown, so
    /// `addUnknown` adds exactly those.
    public var options: ImportOptions {
        var pairs: [(String, NameMapping.Target)] = []
        for (name, answer) in answers.sorted(by: { $0.key < $1.key }) {
            switch answer {
            case .participant(let code): pairs.append((name, .participant(code)))
            case .facilitator: pairs.append((name, .facilitator))
            case .skip: pairs.append((name, .skip))
            case .newParticipant: break
            }
        }
        var options = ImportOptions(
            room: room, mapping: NameMapping(pairs), addUnknown: answers.values.contains(.newParticipant))
        options.speaker = speaker
        options.allowSkips = allowSkips
        return options
    }

    /// The import action, as `convene import` builds it.
    var order: ImportOrder { ImportOrder(input: .file(kind.fileKind, path: path), room: .id(room), options: options) }

    /// The path and the flags typed after it (`--speaker P03`, `--allow-skips`, as on the command line).
    static func parse(_ typed: String) throws -> (path: String, speaker: String?, allowSkips: Bool) {
        var words: [String] = []
        var speaker: String?
        var allowSkips = false
        var rest = typed.split(separator: " ", omittingEmptySubsequences: false).map(String.init)[...]
        while let w = rest.popFirst() {
            switch w {
            case "--allow-skips": allowSkips = true
            case "--speaker":
                guard let code = rest.popFirst(), !code.isEmpty else {
                    throw Palette.Refusal(description: "--speaker takes a participant code (--speaker P03)")
                }
                speaker = code
            default: words.append(w)
            }
        }
        return (words.joined(separator: " ").trimmingCharacters(in: .whitespaces), speaker, allowSkips)
    }
}

/// What an import will do, for the facilitator to read before committing.
public struct ImportPreview: Equatable, Sendable {
    public var summary: [String]
    /// The first contributions it adds, as the log will show them.
    public var firstLines: [String]
    /// Every display name and who it becomes.
    public var names: [String]
    public var added: Int
}

public enum ImportProblem: Error, Equatable, Sendable {
    /// Names to ask about.
    case unknownNames([String])
    case refused(String)
    public var message: String {
        switch self {
        case .unknownNames(let names): return "who is " + names.map { "'\($0)'" }.joined(separator: ", ") + "?"
        case .refused(let m): return m
        }
    }
}

/// The `:import` box.
public struct ImportDraft: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case kind, path, names, preview, running }
    public var step: Step = .kind
    public var kind = 0
    public var path = InputLine()
    public var room: RoomID
    public var answers: [String: NameAnswer] = [:]
    /// Names still to answer, the first being asked now.
    public var unknown: [String] = []
    public var answer = InputLine()
    public var preview: ImportPreview?
    public var message: String?
    public init(room: RoomID) { self.room = room }

    /// The request as typed; the path line may carry `--speaker CODE` and `--allow-skips`.
    var request: ImportRequest {
        let typed =
            (try? ImportRequest.parse(path.text)) ?? (
                path: path.text.trimmingCharacters(in: .whitespaces), speaker: nil, allowSkips: false
            )
        return ImportRequest(
            kind: ImportKind.allCases[kind], path: typed.path, room: room, answers: answers,
            speaker: typed.speaker, allowSkips: typed.allowSkips)
    }

    /// Refuses flags that do not fit the kind, in the command line's words.
    func checkFlags() throws {
        let typed = try ImportRequest.parse(path.text)
        if typed.speaker != nil && !ImportKind.allCases[kind].isTranscript {
            throw Palette.Refusal(description: "--speaker works with a transcript (vtt, srt or teams-docx)")
        }
    }
}

public enum ConsoleImport {
    /// Reads and plans; nothing is written. Unknown names come back to be asked.
    public static func plan(_ request: ImportRequest, into state: SessionState) -> Result<
        (ImportPlan, ImportPreview), ImportProblem
    > {
        do {
            let plan = try planOnly(request, into: state)
            return .success((plan, preview(plan, state: state)))
        } catch ImportError.unknownNames(let names) {
            return .failure(.unknownNames(names))
        } catch {
            return .failure(.refused("\(error)"))
        }
    }

    /// The preview's plan: the import action's own planner (`SessionImport.plan`), so what the
    /// box shows is what the action appends.
    static func planOnly(_ request: ImportRequest, into state: SessionState) throws -> ImportPlan {
        try SessionImport.plan(request.order, text: nil, into: state)
    }

    static func preview(_ plan: ImportPlan, state: SessionState) -> ImportPreview {
        let first = plan.contributions.prefix(6).map { c -> String in
            let time = c.occurredAt.map { Screens.clock($0, seconds: false) } ?? "--:--"
            let who = c.speaker ?? (c.source == .facilitator ? "FAC" : "—")
            return
                "\(time) \(Screens.sourceTag(c.source)) \(who.padding(toLength: 4, withPad: " ", startingAt: 0)) \(InertLine.clean(c.text))"
        }
        return ImportPreview(
            summary: plan.report.summary.map(InertLine.clean), firstLines: first,
            names: plan.report.names.map { InertLine.clean($0.description) }, added: plan.report.added)
    }

    /// The import command through SessionActions: planned and appended in one
    /// transaction against the latest state. Returns the report's lines.
    public static func commit(_ request: ImportRequest, journal: any SessionJournal, by actor: ActingUser) -> Result<
        [String], ImportProblem
    > {
        do {
            let outcome = try SessionActions.perform(.importFile(request.order), by: actor, on: journal, at: Date())
            guard case .imported(let report) = outcome.result else { return .success([]) }
            return .success(report.summary.map(InertLine.clean))
        } catch ImportError.unknownNames(let names) {
            return .failure(.unknownNames(names))
        } catch {
            return .failure(.refused("\(error)"))
        }
    }
}

/// Text from a file shown in the console: one line, no control characters.
enum InertLine {
    static func clean(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? " " : $0
                }))
    }
}

extension Keymap {
    static func startImport(_ s: inout ConsoleState, arguments: [String]) throws -> [ConsoleEffect] {
        var draft = ImportDraft(room: s.room)
        if let name = arguments.first {
            guard let kind = ImportKind(rawValue: name.lowercased()) ?? (name.lowercased() == "miro" ? .miroCSV : nil)
            else {
                throw Palette.Refusal(
                    description: "import zoom-chat|vtt|srt|teams-docx|miro-csv PATH [--speaker CODE] [--allow-skips]")
            }
            draft.kind = ImportKind.allCases.firstIndex(of: kind)!
            draft.step = .path
            let path = arguments.dropFirst().joined(separator: " ")
            if !path.isEmpty {
                draft.path = InputLine(path)
                try draft.checkFlags()
                draft.step = .running
                s.overlay = .importer(draft)
                return [.planImport(draft.request)]
            }
        }
        s.overlay = .importer(draft)
        return []
    }

    static func importKey(_ key: Key, _ draft: inout ImportDraft, _ s: inout ConsoleState) -> [ConsoleEffect] {
        defer { s.overlay = s.overlay == .none ? .none : .importer(draft) }
        if key == .escape {
            switch draft.step {
            case .kind, .running: s.overlay = .none
            case .path: draft.step = .kind
            case .names, .preview:
                draft.step = .path
                draft.answers = [:]
                draft.unknown = []
                draft.preview = nil
            }
            draft.message = nil
            return []
        }
        switch draft.step {
        case .running:
            return []
        case .kind:
            let count = ImportKind.allCases.count
            switch key {
            case .up, .char("k"): draft.kind = max(0, draft.kind - 1)
            case .down, .char("j"), .tab: draft.kind = (draft.kind + 1) % count
            case .char(let c) where c.wholeNumberValue.map { (1...count).contains($0) } ?? false:
                draft.kind = c.wholeNumberValue! - 1
                draft.step = .path
            case .enter: draft.step = .path
            default: break
            }
            return []
        case .path:
            if key == .enter {
                guard !draft.request.path.isEmpty else {
                    draft.message = "type the path of the file to import"
                    return []
                }
                do { try draft.checkFlags() } catch {
                    draft.message = "\(error)"
                    return []
                }
                draft.message = nil
                draft.step = .running
                return [.planImport(draft.request)]
            }
            _ = edit(&draft.path, key)
            return []
        case .names:
            guard let name = draft.unknown.first else {
                draft.step = .path
                return []
            }
            if key == .enter {
                let typed = draft.answer.text.trimmingCharacters(in: .whitespaces)
                let answer: NameAnswer
                switch typed.lowercased() {
                case "+", "new", "n": answer = .newParticipant
                case "f", "fac", "facilitator": answer = .facilitator
                case "s", "skip", "-": answer = .skip
                case "":
                    draft.message = "type a code (P03 or 3), + for a new participant, f facilitator, s skip"
                    return []
                default:
                    guard let code = SpeakerPrefix.resolve(typed, session: s.session) else {
                        draft.message = "no participant \(typed) in this session; + adds '\(name)' as a new one"
                        return []
                    }
                    answer = .participant(code)
                }
                draft.answers[name] = answer
                draft.unknown.removeFirst()
                draft.answer = InputLine()
                draft.message = nil
                if draft.unknown.isEmpty {
                    draft.step = .running
                    return [.planImport(draft.request)]
                }
                return []
            }
            _ = edit(&draft.answer, key)
            return []
        case .preview:
            if key == .enter || key == .char("y") {
                draft.step = .running
                draft.message = "importing…"
                return [.commitImport(draft.request)]
            }
            return []
        }
    }

    static func importPlanned(_ s: inout ConsoleState, _ result: Result<ImportPreview, ImportProblem>)
        -> [ConsoleEffect]
    {
        guard case .importer(var draft) = s.overlay else { return [] }
        switch result {
        case .success(let preview):
            draft.preview = preview
            draft.step = .preview
            draft.message = nil
        case .failure(.unknownNames(let names)):
            // Only names not yet answered; an answer is never assumed.
            draft.unknown = names.filter { draft.answers[$0] == nil }
            draft.step = draft.unknown.isEmpty ? .path : .names
            draft.message = draft.unknown.isEmpty ? "the file's names could not be matched; check the answers" : nil
        case .failure(.refused(let message)):
            draft.step = .path
            draft.message = message
        }
        s.overlay = .importer(draft)
        return []
    }

    static func importCommitted(_ s: inout ConsoleState, _ result: Result<[String], ImportProblem>) -> [ConsoleEffect] {
        switch result {
        case .success(let summary):
            s.overlay = .none
            s.selected = nil
            s.status = "Imported: " + summary.prefix(2).joined(separator: "; ")
            return []
        case .failure(let problem):
            if case .importer(var draft) = s.overlay {
                draft.step = .preview
                draft.message = "Not imported: " + problem.message
                s.overlay = .importer(draft)
            }
            return [.bell]
        }
    }
}
