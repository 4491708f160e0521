import ArgumentParser
import Foundation
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant", abstract: "Manage participants.",
        subcommands: [Add.self, Set.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a participant by pseudonym code.")
        @OptionGroup var session: SessionFileArgument
        @Option(help: "Pseudonym code, e.g. P01.") var code: String
        @Option(help: "Job role, e.g. \"Youth worker\".") var role: String
        @Option(help: "police, health, local-authority, education, voluntary or other.") var orgType: OrganisationType?
        @Option(help: "The study strand they joined.") var strand: String?
        @Option(help: "Real name: kept in the linkage table only, never exported.") var name: String?
        @Option(help: "role (quote with job role) or no-role.") var attribution: AttributionPreference = .role
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let person = NewParticipant(
                code: code, jobRole: role, organisationType: orgType, strand: strand,
                attribution: attribution, realName: name)
            Output.line(try Sessions.perform(.addParticipant(person), on: session, by: actor).message)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract:
                "Correct a participant's job role, organisation type or attribution (an import's \"role not recorded\")."
        )
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "The participant: P04, p4 or 4.") var participant: String
        @Option(help: "Job role, e.g. \"Youth worker\".") var role: String?
        @Option(help: "police, health, local-authority, education, voluntary or other.") var orgType: OrganisationType?
        @Option(help: "role (quote with job role) or no-role.") var attribution: AttributionPreference?
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            guard role != nil || orgType != nil || attribution != nil else {
                throw ValidationError("give what changes: --role, --org-type or --attribution")
            }
        }

        func run() throws {
            let change = ParticipantChange(
                participant: participant, jobRole: role, organisationType: orgType, attribution: attribution)
            Output.line(try Sessions.perform(.updateParticipant(change), on: session, by: actor).message)
        }
    }
}

struct FacilitatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilitator", abstract: "Manage facilitators.",
        subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a facilitator.")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "The facilitator's name.") var name: String
        @Option(help: "lead, co-facilitator, notetaker or safeguarding.") var role: FacilitatorRole
        @OptionGroup var actor: ActorOptions

        func run() throws {
            Output.line(try Sessions.perform(.addFacilitator(name: name, role: role), on: session, by: actor).message)
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract:
            "Record a participant's consent (all checklist items unless --item is given), set the study's checklist, or show who has consented.",
        discussion: """
            convene consent FILE P01 --by "Sam Lead"          records every checklist item for P01
            convene consent FILE --checklist consent.txt     sets the study's checklist (one item a line, # comments)
            convene consent FILE                              shows the checklist and each participant's consent
            """)
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "Participant code (omit to show or set the checklist).") var code: String?
    @Option(help: "The facilitator who checked consent.") var by: String?
    @Option(name: .customLong("item"), help: "A consent item checked (repeatable; must be on the checklist).")
    var items: [String] = []
    @Option(help: "A file listing the study's consent items, one per line (sets the checklist).") var checklist: String?

    func run() throws {
        if code == nil && checklist == nil {
            if !items.isEmpty { throw CLIError("--item needs a participant code") }
            try show()
            return
        }
        let actor = try ActorOptions.parse(by.map { ["--by", $0] } ?? [])
        if let checklist {
            let parsed = try ConsentChecklist.parse(try TextFiles.lines(checklist))
            Output.line(try Sessions.perform(.setConsentChecklist(parsed), on: session, by: actor).message)
        }
        guard let code else { return }
        let outcome = try Sessions.perform(.consent(participant: code, items: items), on: session, by: actor)
        Output.line(outcome.message)
        if case .consent(let who, _, _) = outcome.result,
            let status = outcome.state.participant(who).map(outcome.state.consentStatus), status != .full
        {
            Output.line("\(who): \(status.summary)")
        }
    }

    private func show() throws {
        let journal = try Sessions.read(session)
        defer { (journal as? PostgresJournal)?.close() }
        let state = journal.state
        Output.line("consent checklist (\(state.consentChecklist.count) items):")
        for (i, item) in state.consentItems.enumerated() {
            Output.line(
                "  \(i + 1). \(item.name)"
                    + (item.effect.map { " (optional: if not given, \($0.rawValue))" } ?? " (required)"))
        }
        for p in state.orderedParticipants {
            if p.withdrawn {
                Output.line("\(p.code)  withdrawn")
                continue
            }
            guard let c = p.consent else {
                Output.line("\(p.code)  NO CONSENT RECORDED")
                continue
            }
            let missing = state.consentChecklist.filter { item in
                !c.items.contains { $0.caseInsensitiveCompare(item) == .orderedSame }
            }
            Output.line(
                "\(p.code)  consent checked by \(c.checkedBy) at \(ISO8601DateFormatter().string(from: c.at))"
                    + (missing.isEmpty ? "" : "; not given: " + missing.joined(separator: ", "))
                    + "  " + state.consentStatus(p).summary)
        }
    }
}

enum TextFiles {
    /// Non-empty, non-comment lines of a small UTF-8 text file.
    static func lines(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) is not UTF-8 text") }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
