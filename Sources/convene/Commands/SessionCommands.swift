import ArgumentParser
import Exporters
import Foundation
import SessionActions
import SessionModel
import SessionStore
import Study
import TeamStore

extension Platform: ExpressibleByArgument {}
extension FacilitatorRole: ExpressibleByArgument {}
extension OrganisationType: ExpressibleByArgument {}
extension AttributionPreference: ExpressibleByArgument {}
extension AttributionLevel: ExpressibleByArgument {}
extension ContributionSource: ExpressibleByArgument {}
extension ConsoleRole: ExpressibleByArgument {}
extension ConcernCategory: ExpressibleByArgument {}
extension ConcernUrgency: ExpressibleByArgument {}
extension ConcernActionKind: ExpressibleByArgument {}
extension IdentifierLabel: ExpressibleByArgument {}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a session file.")
    @Argument(help: "The session file to create (NAME.convene).") var file: String
    @Option(help: "The session's title.") var title: String
    @Option(help: "The study it belongs to.") var study: String?
    @Option(help: "The study strand.") var strand: String?
    @Option(help: "teams, zoom or other.") var platform: Platform = .teams
    @Option(help: "Days after the session in which a participant may withdraw (default: the study's, else 14).")
    var withdrawalDays: Int?
    @Option(help: "The day the group meets, YYYY-MM-DD (default: today).") var date: String?
    @Flag(help: "Encrypt the session at rest under a passphrase (asked twice on the terminal, or --passphrase-env).")
    var encrypt = false
    @Option(help: "Environment variable holding the new session's passphrase (implies --encrypt).") var passphraseEnv:
        String?
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let now = Clock.now()
        // A new session inside a study folder joins the study (docs/studies.md).
        let folder = (file as NSString).deletingLastPathComponent
        let inStudy = Study.isStudy(folder.isEmpty ? "." : folder) ? try Study.open(folder.isEmpty ? "." : folder) : nil
        let created = SessionCreated(
            sessionID: UUID(), title: title, study: study ?? inStudy?.manifest.title, strand: strand,
            platform: platform, date: date ?? SessionDate.format(now),
            withdrawalDays: withdrawalDays ?? inStudy?.manifest.withdrawalDays ?? 14)
        var cipher: any PayloadCipher = PlainPayloads()
        var meta: [String: String] = [:]
        if encrypt || passphraseEnv != nil {
            guard !FileManager.default.fileExists(atPath: file) else { throw StoreError.fileExists(file) }
            let passphrase = try Passphrases.new(for: file, env: passphraseEnv)
            (cipher, meta) = try EncryptedPayloads.create(passphrase: passphrase)
        }
        let journal = try SQLiteJournal.create(
            path: file, session: created, by: actor.actor, at: now, cipher: cipher, meta: meta)
        if let inStudy {
            // Its codebook and checklist become the study's at once.
            let settings = inStudy.studySettings(missingFrom: journal.state)
            if !settings.isEmpty { try journal.append(settings, by: actor.actor, at: now) }
        }
        try journal.close()
        Output.line(
            "created \(file)\(cipher is EncryptedPayloads ? " (encrypted; keep the passphrase safe: without it the session cannot be opened)" : "")"
        )
        if let inStudy {
            let provided = cipher
            let env = passphraseEnv
            let created = URL(fileURLWithPath: file).standardizedFileURL.path
            let study = try Study.open(
                inStudy.directory,
                cipherFor: { meta, path in
                    URL(fileURLWithPath: path).standardizedFileURL.path == created
                        ? provided : try Passphrases.cipher(for: meta, path: path, env: env)
                })
            try study.add(location: file, strand: strand, by: actor.actor, at: now)
            Output.line(
                "joined the study \(study.manifest.title) in \(inStudy.directory)\(strand.map { " (strand \($0))" } ?? "")"
            )
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Summarise a session.")
    @OptionGroup var session: SessionFileArgument
    @Flag(help: "One JSON document.") var json = false

    func run() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        let state = journal.state
        guard state.info != nil else { throw SessionError.noSession }
        var summary = ShowJSON(state)
        summary.encryption = Sessions.encryption(journal)
        if json {
            try Output.printJSON(summary)
            return
        }
        Output.line("\(summary.title)  (\(summary.date), \(summary.platform))")
        if let study = summary.study { Output.line("study: \(study)\(summary.strand.map { ", strand \($0)" } ?? "")") }
        Output.line(
            "status: \(summary.closed ? "closed" : "open"), \(summary.linkage), withdrawal window \(summary.withdrawalDays) days (closes \(summary.withdrawalClosesOn ?? "?")), \(summary.encryption == "none" ? "not encrypted" : "encrypted at rest")"
        )
        Output.line(
            "facilitators: "
                + (summary.facilitators.isEmpty
                    ? "none" : summary.facilitators.map { "\($0.name) (\($0.role))" }.joined(separator: ", ")))
        Output.line("participants: \(summary.participants.count)")
        for p in summary.participants {
            let consent = state.consentStatus(of: p.code).summary
            Output.line(
                "  \(p.code)  \(p.role)  [\(p.room)]  \(consent)\(p.withdrawn ? "  withdrawn" : "")  attribution: \(p.attribution)"
            )
        }
        let noConsent = state.participantsWithoutConsent
        let noRecord = noConsent.filter { $0.consent == nil }.map(\.code)
        let missingItem = noConsent.filter { $0.consent != nil }.map(\.code)
        if !noRecord.isEmpty { Output.line("WARNING: no consent recorded for " + noRecord.joined(separator: ", ")) }
        if !missingItem.isEmpty {
            Output.line(
                "WARNING: not consented (a required checklist item was not given): "
                    + missingItem.joined(separator: ", "))
        }
        Output.line(
            "rooms: "
                + summary.rooms.map { "\($0.name) (\($0.members.count))\($0.closed ? " closed" : "")" }.joined(
                    separator: ", "))
        Output.line(
            "rounds: \(summary.rounds.count)  contributions: \(summary.contributions)  themes: \(summary.themes.count)  codebook: \(summary.codebook) (\(summary.codes.count) codes, \(summary.emergentCodes.count) emergent)"
        )
        Output.line(
            "open safeguarding concerns: \(summary.openConcerns)  withdrawals: \(summary.withdrawals)  events: \(summary.events)"
        )
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List contributions.")
    @OptionGroup var session: SessionFileArgument
    @Option(help: "Only this room.") var group: String?
    @Option(help: "Only this speaker.") var speaker: String?
    @Option(help: "Only this source.") var source: ContributionSource?
    @Option(help: "Only contributions tagged with this code.") var code: String?
    @Flag(help: "JSON Lines, one contribution a line.") var json = false

    func run() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        let state = journal.state
        let room = try group.map { try Names.room(.named($0), in: state) }
        let who = try speaker.map { try Names.participant($0, in: state) }
        for c in state.contributions {
            if let room, c.room != room { continue }
            if let who, c.speaker != who { continue }
            if let source, c.source != source { continue }
            if let code, !c.codes.contains(where: { $0.caseInsensitiveCompare(code) == .orderedSame }) { continue }
            if json {
                try Output.printJSON(ContributionJSON(c, in: state))
            } else if c.erased {
                Output.line("#\(c.number)  [erased by withdrawal]")
            } else {
                let who = c.speaker ?? (c.source == .facilitator ? "facilitator" : "—")
                var marks: [String] = []
                if c.struck { marks.append("STRUCK") }
                if !c.concerns.isEmpty { marks.append("FLAG") }
                if !c.codes.isEmpty { marks.append("codes: " + c.codes.joined(separator: ", ")) }
                // The session's one numbering: the same [PERSON 2] as the console and every export.
                if !c.redactions.isEmpty {
                    marks.append("redacted: " + c.redactions.map(\.placeholder).joined(separator: ", "))
                }
                let time = Formatting.clock(c.occurredAt)
                Output.line(
                    "#\(c.number)  \(time)  \(state.roomName(c.room))  \(c.source.rawValue)  \(who)  \(c.text)\(marks.isEmpty ? "" : "  [" + marks.joined(separator: "; ") + "]")"
                )
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a session's integrity (a file or a team session).",
        discussion: """
            Verifies SQLite's structure, the sequence, every payload against its commitment, the hash \
            chain (keyed for encrypted files), that every erased or rewritten row is listed by a chained \
            withdrawal or anonymisation record, that no safeguarding concern was erased, replays every \
            event, and compares the journal's end with the anchors this machine's writers kept and with \
            any receipt given with --against. Exit 3 on damage.
            """)
    @OptionGroup var session: SessionFileArgument
    @Option(
        help:
            "A receipt (withdraw --json), an export (any format, a study's too) or any JSON document with a journalHead; the journal must still reach it (repeatable)."
    )
    var against: [String] = []

    func run() throws {
        if PostgresLocation.isPostgres(session.file) {
            let team = try Sessions.openTeam(session)
            defer { team.close() }
            try report(try team.check())
            return
        }
        guard FileManager.default.fileExists(atPath: session.file) else { throw StoreError.fileMissing(session.file) }
        var cipher: (any PayloadCipher)?
        // An encrypted file is checked with its key (a wrong passphrase stops here);
        // a file too damaged to read its meta is checked without one.
        if let meta = try? SQLiteJournal.readMeta(path: session.file), meta.encryption != PlainPayloads().name {
            cipher = try Passphrases.cipher(for: meta, path: session.file, env: session.passphraseEnv)
        }
        let sessionID = (try? SQLiteJournal.readMeta(path: session.file))?.sessionID
        let heads = try against.map { path -> JournalHead in
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("there is no file \(path) to check against; nothing was checked")
            }
            if let head = Anchors.head(inDocument: path) { return head }
            var recorded = ExportJournalHead.readAll(exportAt: path)
            // A study export records one head per session: this file is held to its own.
            if recorded.count > 1, let sessionID {
                recorded = recorded.filter { $0.session == sessionID }
                guard !recorded.isEmpty else {
                    throw CLIError(
                        "\(path) records the journal heads of other sessions, not this file's (\(sessionID))")
                }
            }
            if let head = recorded.first {
                return JournalHead(session: head.session, seq: head.seq, hash: head.hash)
            }
            throw CLIError("\(path) holds no journal head (give a receipt written with --json, or an export)")
        }
        try report(try SQLiteJournal.check(path: session.file, cipher: cipher, against: heads), heads: heads)
    }

    private func report(_ report: CheckReport, heads: [JournalHead] = []) throws {
        for line in Self.lines(report, heads: heads.count) { Output.line(line) }
        if !report.isHealthy { throw ExitCode(3) }
    }

    /// What `check` prints for one journal: `ok: …` or one `damage: …` line per problem, then `note: …` lines.
    /// `heads`: how many receipts or export heads it was held to.
    static func lines(_ report: CheckReport, heads: Int) -> [String] {
        var out: [String] = []
        if report.isHealthy {
            var facts = [
                "\(report.events) events", report.keyedChain ? "keyed hash chain intact" : "hash chain intact",
                "all \(report.replayed) replayed",
            ]
            if report.erased > 0 { facts.append("\(report.erased) erased by withdrawal or anonymisation, as recorded") }
            if report.rewritten > 0 { facts.append("\(report.rewritten) rewritten to remove names, as recorded") }
            var held: [String] = []
            if report.anchorsCompared > heads { held.append("this machine's anchor") }
            if heads > 0 { held.append("the receipt\(heads == 1 ? "" : "s") given") }
            facts.append(
                held.isEmpty
                    ? "no anchor or receipt to compare its end with"
                    : "its end matches " + held.joined(separator: " and "))
            out.append("ok: " + facts.joined(separator: ", "))
        } else {
            out += report.problems.map { "damage: \($0)" }
        }
        return out + report.notes.map { "note: \($0)" }
    }
}

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close the session: nothing more can be logged.")
    @OptionGroup var session: SessionFileArgument
    @OptionGroup var actor: ActorOptions
    func run() throws {
        Output.line(try Sessions.perform(.close, on: session, by: actor).message)
    }
}

struct RecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recording", abstract: "Say whether the platform is recording (on|off).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "on or off") var state: String
    @OptionGroup var actor: ActorOptions
    func run() throws {
        guard state == "on" || state == "off" else { throw CLIError("say `on` or `off`") }
        Output.line(try Sessions.perform(.recording(on: state == "on"), on: session, by: actor).message)
    }
}

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the journal (audit trail), one JSON line per event; restricted payloads are not shown.")
    @OptionGroup var session: SessionFileArgument

    struct EventLine: Codable {
        var seq: Int
        var id: String
        var at: Date
        var by: String
        var kind: String
        var erased: Bool
        var hash: String
    }

    func run() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        for stored in try journal.allEvents() {
            try Output.printJSON(
                EventLine(
                    seq: stored.seq, id: stored.event.id.uuidString.lowercased(), at: stored.event.at,
                    by: stored.event.by, kind: stored.event.kind, erased: stored.event.isErased,
                    hash: stored.hash.map { String(format: "%02x", $0) }.joined()))
        }
    }
}

enum Formatting {
    static func clock(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "HH:mm:ss"
        return f.string(from: d)
    }
}
