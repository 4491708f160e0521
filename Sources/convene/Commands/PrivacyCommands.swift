import ArgumentParser
import Foundation
import Privacy
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Find identifiers in text on standard input.",
        discussion:
            "Plain: prints the text with findings marked ⟦LABEL: text⟧. --jsonl: reads {\"id\", \"text\"} lines, writes {\"id\", \"spans\":[{start,end,label,text}]} (Unicode scalar offsets, end exclusive)."
    )
    @Flag(help: "JSON Lines in and out.") var jsonl = false
    @Option(help: "Add this session's real and block-listed names.") var session: String?
    @Option(help: "Environment variable holding the session's passphrase.") var passphraseEnv: String?
    @Flag(
        help:
            "With --jsonl: read all lines as one session's contributions, hunting the people, places and local organisations found confidently in one line in every other (the session memory exports use)."
    ) var memory = false

    struct Input: Decodable {
        var id: IDValue
        var text: String
    }
    enum IDValue: Codable {
        case string(String)
        case number(Int)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .string(try c.decode(String.self)) }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let n): try c.encode(n)
            }
        }
    }

    func run() throws {
        var scanner = IdentifierScanner()
        if let session {
            let journal = try Sessions.read(SessionFileArgument.make(session, passphraseEnv))
            defer { (journal as? PostgresJournal)?.close() }
            scanner = IdentifierScanner(session: journal.state)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("standard input is not UTF-8 text") }
        if jsonl {
            // Read and written by hand (ScanLines): a JSONDecoder and JSONEncoder per line cost as much as the scan.
            // A line the fast reader does not take goes to JSONDecoder, for the same answer or the same error.
            let decoder = JSONDecoder()
            var out: [UInt8] = []
            out.reserveCapacity(1 << 16)
            // With --memory, every line is scanned first and written after, with what the session remembers.
            var scanned: [(idJSON: String, text: String, findings: [Finding])] = []
            for (i, line) in ScanLines.lines([UInt8](data)).enumerated() {
                let input: ScanLine
                if let fast = ScanLines.parse(bytes: line) {
                    input = fast
                } else {
                    guard let decoded = try? decoder.decode(Input.self, from: Data(line)) else {
                        flush(&out)
                        throw CLIError("line \(i + 1) is not a JSON object with \"id\" and \"text\"")
                    }
                    input = ScanLine(idJSON: try Output.json(decoded.id), text: decoded.text)
                }
                if memory {
                    scanned.append((input.idJSON, input.text, scanner.scan(input.text)))
                    continue
                }
                ScanLines.output(idJSON: input.idJSON, findings: scanner.scan(input.text), into: &out)
                if out.count >= 1 << 16 { flush(&out) }
            }
            if memory {
                let session = SessionMemory(terms: scanned.flatMap { SessionMemory.worthRemembering($0.findings) })
                for line in scanned {
                    let found = session.completed(line.findings, in: line.text)
                    ScanLines.output(idJSON: line.idJSON, findings: found, into: &out)
                    if out.count >= 1 << 16 { flush(&out) }
                }
            }
            flush(&out)
        } else {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let s = String(line)
                var marked = String.UnicodeScalarView()
                let scalars = Array(s.unicodeScalars)
                var at = 0
                for f in scanner.scan(s) {
                    marked.append(contentsOf: scalars[at..<f.span.start])
                    marked.append(contentsOf: "⟦\(f.label.rawValue): \(f.text)⟧".unicodeScalars)
                    at = f.span.end
                }
                marked.append(contentsOf: scalars[at...])
                Output.line(String(marked))
            }
        }
    }

    private func flush(_ out: inout [UInt8]) {
        guard !out.isEmpty else { return }
        FileHandle.standardOutput.write(Data(out))
        out.removeAll(keepingCapacity: true)
    }
}

extension SessionFileArgument {
    static func make(_ file: String, _ passphraseEnv: String?) throws -> SessionFileArgument {
        var args = [file]
        if let passphraseEnv { args += ["--passphrase-env", passphraseEnv] }
        return try SessionFileArgument.parse(args)
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "List every unresolved identifier finding in the session.")
    @OptionGroup var session: SessionFileArgument
    @Flag(help: "JSON Lines.") var json = false
    struct Line: Encodable {
        var number: Int
        var finding: Int
        var start: Int
        var end: Int
        var label: String
        var text: String
        /// `likely`, or `possible` for a word on no list standing where a name stands.
        var confidence: String
    }
    /// A special-category detail (GDPR Art. 9): shown, never redacted; `kind` tells it apart from finding lines.
    struct SpecialLine: Encodable {
        var kind = "special-category"
        var number: Int
        var start: Int
        var end: Int
        var label = IdentifierLabel.specialCategory.rawValue
        var text: String
    }
    /// A Chatham House warning line; `kind` tells it apart from finding lines.
    struct WarningLine: Encodable {
        var kind = "implicit-identification"
        var number: Int
        var participant: String
        var role: String
        var rarity: String
        var place: String
        var placeLabel: String
        var foundIn: String
        var attribution: String
        var suggested: String
        var message: String
    }

    func run() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        let redactor = Redactor(session: journal.state)
        // With the session's memory: a name found in one contribution is listed wherever another says it.
        let (unresolved, _) = redactor.sessionFindings(journal.state)
        var total = 0
        var special = 0
        for c in journal.state.contributions where !c.erased && !c.struck {
            for (k, f) in (unresolved[c.number] ?? []).enumerated() {
                total += 1
                if json {
                    try Output.printJSON(
                        Line(
                            number: c.number, finding: k + 1, start: f.span.start, end: f.span.end,
                            label: f.label.rawValue,
                            text: f.text, confidence: f.confidence.rawValue))
                } else {
                    Output.line(
                        "#\(c.number) finding \(k + 1): \(f.label.rawValue) “\(f.text)” at \(f.span.start):\(f.span.end) (\(f.confidence.rawValue))"
                    )
                }
            }
            // Not identifiers, never redacted: listed so the reviewer weighs them with the role and the place.
            for f in redactor.scanner.specialCategories(c.text) {
                special += 1
                if json {
                    try Output.printJSON(
                        SpecialLine(number: c.number, start: f.span.start, end: f.span.end, text: f.text))
                } else {
                    Output.line(
                        "#\(c.number) special category (not redacted): “\(f.text)” at \(f.span.start):\(f.span.end)")
                }
            }
        }
        let warnings = ImplicitIdentification.warnings(in: journal.state, scanner: redactor.scanner)
        for w in warnings {
            if json {
                try Output.printJSON(
                    WarningLine(
                        number: w.contribution, participant: w.participant, role: w.role, rarity: w.rarity.rawValue,
                        place: w.place, placeLabel: w.placeLabel.rawValue, foundIn: w.foundIn.rawValue,
                        attribution: w.current.rawValue, suggested: w.suggested.rawValue, message: w.message))
            } else {
                Output.line(
                    "warning: \(w.message) (`convene attribution \(session.file) \(w.contribution) \(w.suggested.rawValue)`)"
                )
            }
        }
        if !json {
            Output.line(
                total == 0 ? "no unresolved findings" : "\(total) unresolved finding(s); resolve with `convene redact`")
            if special > 0 {
                Output.line("\(special) special-category detail(s), not redacted: with a rare role they can identify")
            }
            if !warnings.isEmpty { Output.line("\(warnings.count) implicit-identification warning(s)") }
        }
    }
}

struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract:
            "Resolve a contribution's findings: accept (placeholder), reject (with a reason), or redact a span by hand."
    )
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "Contribution number.") var number: Int
    @Flag(help: "Accept every unresolved finding.") var acceptAll = false
    @Option(help: "Accept finding K (as `convene review` numbers them).") var accept: Int?
    @Option(help: "Reject finding K.") var reject: Int?
    @Option(help: "Why the finding is not identifying (with --reject).") var reason: String?
    @Option(help: "A span S:E (Unicode scalar offsets, end exclusive) to redact by hand.") var span: String?
    @Option(name: .customLong("as"), help: "The label for --span, e.g. PERSON, ORGANISATION_LOCAL.") var label:
        IdentifierLabel?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        var choices: [RedactionChoice] = []
        if acceptAll { choices.append(.acceptAll) }
        if let accept { choices.append(.accept(finding: accept)) }
        if let reject {
            guard let reason else { throw CLIError("say why with --reason") }
            choices.append(.reject(finding: reject, reason: reason))
        }
        if let span {
            let parts = span.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, let label else { throw CLIError("--span takes S:E and needs --as LABEL") }
            choices.append(.manual(TextSpan(start: parts[0], end: parts[1]), label))
        }
        guard !choices.isEmpty else {
            throw CLIError(
                "nothing to do: give --accept-all, --accept K, --reject K --reason R, or --span S:E --as LABEL")
        }
        Output.line(try Sessions.perform(.redact(number: number, choices), on: session, by: actor).message)
    }
}

struct BlocklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocklist", abstract: "Names that must never reach an export.", subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a name to the session's block-list.")
        @OptionGroup var session: SessionFileArgument
        @Argument var name: String
        @OptionGroup var actor: ActorOptions
        func run() throws {
            Output.line(try Sessions.perform(.blocklist(name: name), on: session, by: actor).message)
        }
    }
}
