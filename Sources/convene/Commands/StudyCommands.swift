import ArgumentParser
import Exporters
import Foundation
import Importers
import SessionActions
import SessionModel
import SessionStore
import Study

/// `convene study …`: a folder of sessions with one manifest (docs/studies.md).
/// Argument parsing and printing only; the rules live in the Study module.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract:
            "A study: several sessions under one information sheet (withdrawal, anonymisation, one analysis export).",
        subcommands: [New.self, Add.self, Show.self, Withdraw.self, Anonymise.self, Export.self, Check.self])

    struct Folder: ParsableArguments {
        @Argument(help: "The study folder.") var directory: String
        @Option(name: .long, help: "Environment variable holding the passphrase of the study's encrypted sessions.")
        var passphraseEnv: String?

        func open() throws -> Study {
            let env = passphraseEnv
            return try Study.open(
                directory, cipherFor: { meta, path in try Passphrases.cipher(for: meta, path: path, env: env) })
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new", abstract: "Create a study folder and its manifest.")
        @Argument(help: "The study folder to create.") var directory: String
        @Option(help: "The study's title.") var title: String
        @Option(help: "Days after each session in which a participant may withdraw.") var withdrawalDays: Int = 14
        @Option(
            help: ArgumentHelp(
                "The study's codebook: practice-principles, or a file of codes: a text list (one a line, "
                    + "`Name: description`), a REFI-QDA codebook (.qdc) or a REFI-QDA project (.qdpx)."))
        var codebook: String = BuiltInCodebook.practicePrinciplesName
        @Option(help: "The consent checklist file: one item a line; `optional: ITEM -> never quoted|verbal withheld`.")
        var consentChecklist: String?

        func run() throws {
            guard withdrawalDays >= 0 else { throw CLIError("--withdrawal-days cannot be negative") }
            let (name, codes) = try StudyCodebook.load(codebook)
            let items =
                try consentChecklist.map { try ConsentChecklist.parse(try TextFiles.lines($0)) }
                ?? ConsentChecklist.defaultItems.map { ConsentItem(name: $0) }
            let study = try Study.create(
                directory: directory, title: title, withdrawalDays: withdrawalDays,
                codebookName: name, codes: codes, checklist: items)
            Output.line(
                "created study \(directory) (\(study.manifest.title); codebook \(name), \(codes.count) codes; "
                    + "consent checklist \(Counted.text(items.count, "item")), \(items.filter(\.isOptional).count) optional; "
                    + "withdrawal window \(Counted.text(withdrawalDays, "day")))")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract:
                "Add a session to the study: it takes the study's codebook and checklist; its codes are checked against the study's."
        )
        @OptionGroup var folder: Folder
        @Argument(help: "The session file (or postgres://…?session=NAME).") var session: String
        @Option(help: "The study strand this session belongs to.") var strand: String?
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let study = try folder.open()
            let entry = try study.add(location: session, strand: strand, by: actor.actor, at: Clock.now())
            Output.line(
                "added \(entry.name) to the study\(strand.map { " (strand \($0))" } ?? ""): \(study.manifest.sessions.count) session(s)"
            )
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract:
                "Every session of the study at a glance: date, strand, window, consent, concerns, findings, withdrawals, anonymisation."
        )
        @OptionGroup var folder: Folder
        @Flag(help: "One JSON document.") var json = false

        func run() throws {
            let study = try folder.open()
            let o = study.overview(today: SessionDate.format(Clock.now()))
            if json {
                try Output.printJSON(o)
                return
            }
            Output.line(
                "\(o.title)  (study, \(o.sessions.count) session\(o.sessions.count == 1 ? "" : "s"), \(o.linkage))")
            Output.line(
                "codebook: \(o.codebook) · withdrawal window: \(o.withdrawalDays) days · consent checklist: "
                    + o.consentChecklist.joined(separator: "; "))
            for s in o.sessions {
                if let problem = s.problem {
                    Output.line("\(s.name)  cannot be read: \(problem)")
                    continue
                }
                Output.line(
                    "\(s.name)  \(s.date)  strand \(s.strand ?? "—")  window \(s.window) (closes \(s.withdrawalClosesOn ?? "?"))"
                        + "  \(s.linkage)\(s.encrypted ? ", encrypted" : "")")
                var consent =
                    s.consent.notConsented.isEmpty && s.consent.partial.isEmpty
                    ? "consent: all ✓"
                    : "consent ✗: "
                        + (s.consent.notConsented.isEmpty ? "none" : s.consent.notConsented.joined(separator: ", "))
                if !s.consent.partial.isEmpty {
                    consent +=
                        "; ◐: "
                        + s.consent.partial.keys.sorted().map {
                            "\($0) (not given: \(s.consent.partial[$0]!.joined(separator: ", ")))"
                        }
                        .joined(separator: ", ")
                }
                // "consent: all ✓" of nobody would read as a check made.
                Output.line(
                    s.participants.isEmpty
                        ? "    participants: none yet"
                        : "    participants: \(s.participants.joined(separator: " ")) · \(consent)")
                Output.line(
                    "    open concerns: \(s.openConcerns) · unreviewed findings: \(s.unreviewedFindings) · withdrawn: "
                        + (s.withdrawn.isEmpty ? "none" : s.withdrawn.joined(separator: ", ")))
                if let verified = s.anonymisationVerified {
                    Output.line(
                        verified
                            ? "    anonymised: no real name in the file, its -wal or -shm (searched at anonymisation; the file is unchanged since)"
                            : "    anonymised, but the file has changed since its bytes were searched, or a name was found then"
                    )
                }
            }
            let shared = o.attendance.filter { $0.value.count > 1 }.keys.sorted()
            if !shared.isEmpty {
                Output.line(
                    "in more than one session: "
                        + shared.map { "\($0) (\(o.attendance[$0]!.joined(separator: ", ")))" }.joined(separator: ", "))
            }
            for w in o.withdrawals {
                Output.line(
                    "withdrawn from the study: \(w.code), asked \(w.requestedOn), from \(w.sessions.joined(separator: ", "))"
                )
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw a participant from every session of the study they attended, with one receipt.",
            discussion:
                "Each session's window is judged on its own date; if any has closed, nothing is changed anywhere (unless the lead overrides it)."
        )
        @OptionGroup var folder: Folder
        @Argument(help: "The participant's code.") var code: String
        @Option(help: "The day the participant asked, YYYY-MM-DD (default: today).") var requestedOn: String?
        @Flag(help: "Also erase contributions further down the reply chains.") var cascade = false
        @Flag(help: "Withdraw although a window has closed (lead only; needs --reason).") var overrideWindow = false
        @Option(help: "Why the window is overridden (recorded in every journal).") var reason: String?
        @Flag(help: "Show what would be erased and change nothing.") var dryRun = false
        @Flag(help: "The receipt as one JSON document.") var json = false
        @OptionGroup var actor: ActorOptions

        func run() throws {
            if reason != nil && !overrideWindow { throw CLIError("--reason goes with --override-window") }
            if overrideWindow && reason == nil { throw WithdrawalRefusal.overrideNeedsReason }
            let study = try folder.open()
            let now = Clock.now()
            let today = SessionDate.format(now)
            let receipt = try study.withdraw(
                code: code, requestedOn: requestedOn ?? today, cascade: cascade,
                overrideReason: overrideWindow ? reason : nil, by: actor.actor, at: now,
                today: today, dryRun: dryRun)
            if json {
                try Output.printJSON(StudyWithdrawalJSON(receipt))
            } else {
                Output.line(
                    "study withdrawal receipt: \(receipt.code) from \(receipt.sessions.count) session\(receipt.sessions.count == 1 ? "" : "s") of \(study.manifest.title)"
                )
                for (name, r) in receipt.sessions {
                    Output.line("== \(name)")
                    ReceiptText.print(r, file: study.path(of: study.manifest.session(named: name)!))
                }
                if !receipt.alreadyWithdrawn.isEmpty {
                    Output.line("already withdrawn earlier from: \(receipt.alreadyWithdrawn.joined(separator: ", "))")
                }
                // A study export is recorded in every session's journal, but it is one file: listed once.
                var files: [(sessions: [String], export: ProcessRecord)] = []
                for (session, e) in receipt.exportsBefore {
                    if e.kind.hasPrefix("study-"),
                        let i = files.firstIndex(where: {
                            $0.export.kind == e.kind && $0.export.detail == e.detail && $0.export.at == e.at
                        })
                    {
                        files[i].sessions.append(session)
                    } else {
                        files.append(([session], e))
                    }
                }
                Output.line(
                    files.isEmpty
                        ? "exports of any session made before this withdrawal: none"
                        : "exports of any session made before this withdrawal (\(files.count) \(files.count == 1 ? "file" : "files")); delete these copies outside Convene:"
                )
                for (sessions, e) in files {
                    Output.line(
                        "  \(sessions.joined(separator: ", "))  \(ISO8601DateFormatter().string(from: e.at))  \(e.kind)  \(e.detail)  (by \(e.by))"
                    )
                }
            }
            if !dryRun, let pending = receipt.sessions.first(where: { !$0.receipt.purged }) {
                throw PurgePending.exit(file: study.path(of: study.manifest.session(named: pending.name)!))
            }
        }
    }

    struct Anonymise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anonymise",
            abstract: "End of project: destroy the linkage in every session once every withdrawal window has closed.",
            aliases: ["anonymize"])
        @OptionGroup var folder: Folder
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let study = try folder.open()
            let now = Clock.now()
            let result = try study.anonymise(by: actor.actor, at: now, today: SessionDate.format(now))
            Output.line(
                "anonymised the study: destroyed \(result.realNames) real name(s) and \(result.blocklisted) block-listed name(s) "
                    + "in \(study.manifest.sessions.count) session(s); redacted \(result.redacted) place(s) where they were still written"
            )
            if result.namesStillFound.isEmpty {
                Output.line("no real name remains in any session file, its -wal or -shm (searched byte by byte)")
            } else {
                throw CLIError(
                    "the linkage is destroyed, but a name was still found in the bytes of \(result.namesStillFound.joined(separator: ", ")) (typed into the session's own text, which is redacted in every export); see docs/studies.md"
                )
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Check every session of the study as `convene check` does; with --against, each file against its own head in a study export.",
            discussion: """
                One block per session (`== NAME` then check's `ok:`, `damage:` and `note:` lines). Exit 3 if any \
                session is damaged or cannot be checked.
                """)
        @OptionGroup var folder: Folder
        @Option(help: "A study export (any format): each session file must still reach the head it records for it.")
        var against: String?

        func run() throws {
            let study = try folder.open()
            var heads: [ExportJournalHead] = []
            if let against {
                guard FileManager.default.fileExists(atPath: against) else {
                    throw CLIError("there is no file \(against) to check against; nothing was checked")
                }
                heads = ExportJournalHead.readAll(exportAt: against)
                guard !heads.isEmpty else {
                    throw CLIError("\(against) holds no journal head (give an export of this study)")
                }
            }
            let results = study.check(against: heads)
            for r in results {
                Output.line("== \(r.session)")
                for line in CheckCommand.lines(r.report, heads: r.headsCompared) { Output.line(line) }
            }
            let damaged = results.filter { !$0.report.isHealthy }.map(\.session)
            Output.line(
                damaged.isEmpty
                    ? "study ok: \(results.count) session\(results.count == 1 ? "" : "s") checked"
                    : "study damaged: \(damaged.joined(separator: ", "))")
            if !damaged.isEmpty { throw ExitCode(3) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "One analysis export of the whole study: qdpx, qdc, json, csv, quotes-csv, markdown or html.")
        @OptionGroup var folder: Folder
        @Option(help: "qdpx, qdc, json, csv, quotes-csv, markdown or html.") var format: ExportFormat
        @Option(name: .shortAndLong, help: "The file to write.") var output: String
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let study = try folder.open()
            guard StudyExport.formats.contains(format) else {
                throw CLIError(
                    "a study is exported as \(StudyExport.formats.map(\.rawValue).joined(separator: ", ")); \(format.rawValue) is for one session (convene export SESSION --format \(format.rawValue))"
                )
            }
            // Refused before any work: the study's own files (Study.checkExportTarget) and any session file; then
            // written as every export is (ExportFile: 0600, whole or not at all), without the whole file in memory.
            // The warnings are judged as the sessions pass through the gate.
            let (bytes, warnings) = try study.export(format: format, toFile: output)
            for w in warnings { Output.line("warning: \(w)") }
            try study.recordExport(
                format: format, fileName: (output as NSString).lastPathComponent, by: actor.actor, at: Clock.now())
            Output.line(
                "wrote \(output) (study \(format.rawValue), \(Counted.text(study.manifest.sessions.count, "session")), \(bytes) bytes)"
            )
        }
    }
}

/// The study's codebook: the built-in one by name, or a file of codes (`CodebookFile`: text, .qdc or .qdpx).
enum StudyCodebook {
    static func load(_ spec: String) throws -> (String, [CodeDefinition]) {
        if spec == BuiltInCodebook.practicePrinciplesName { return (spec, BuiltInCodebook.practicePrinciples) }
        guard FileManager.default.fileExists(atPath: spec) else {
            throw CLIError(
                "'\(spec)' is neither a built-in codebook (\(BuiltInCodebook.practicePrinciplesName)) nor a file")
        }
        let book = try CodebookFile.read(path: spec)
        Output.line(book.summary)
        return (book.name, book.codes)
    }
}

struct StudyWithdrawalJSON: Codable {
    struct SessionJSON: Codable {
        var session: String
        var receipt: WithdrawalReceiptJSON
    }
    struct ExportJSON: Codable {
        var session: String
        var format: String
        var file: String
        var at: Date
        var by: String
    }
    var code: String
    var requestedOn: String
    var dryRun: Bool
    var overrideReason: String?
    var sessions: [SessionJSON]
    var alreadyWithdrawn: [String]
    var exportsBefore: [ExportJSON]
    var purged: Bool

    init(_ r: StudyWithdrawalReceipt) {
        code = r.code
        requestedOn = r.requestedOn
        dryRun = r.dryRun
        overrideReason = r.overrideReason
        sessions = r.sessions.map { SessionJSON(session: $0.name, receipt: WithdrawalReceiptJSON($0.receipt)) }
        alreadyWithdrawn = r.alreadyWithdrawn
        exportsBefore = r.exportsBefore.map {
            ExportJSON(
                session: $0.session, format: $0.export.kind, file: $0.export.detail, at: $0.export.at, by: $0.export.by)
        }
        purged = r.purged
    }
}
