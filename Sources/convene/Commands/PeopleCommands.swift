import ArgumentParser
import Foundation
import SessionModel
import SessionStore

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "participant", abstract: "Manage participants.",
                                                    subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a participant by pseudonym code.")
        @OptionGroup var session: SessionFileArgument
        @Option(help: "Pseudonym code, e.g. P01.") var code: String
        @Option(help: "Job role, e.g. \"Youth worker\".") var role: String
        @Option(help: "police, health, local-authority, education, voluntary or other.") var orgType: OrganisationType?
        @Option(help: "The study strand they joined.") var strand: String?
        @Option(help: "Real name: kept in the linkage table only, never exported.") var name: String?
        @Option(help: "role (quote with job role) or no-role.") var attribution: AttributionPreference = .role
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let journal = try Sessions.open(session)
            let code = code.uppercased()
            var payloads: [any EventPayload] = [ParticipantAdded(code: code, jobRole: role, organisationType: orgType,
                                                                  strand: strand, attribution: attribution)]
            if let name { payloads.append(RealNameRecorded(code: code, name: name)) }
            try Sessions.append(journal, payloads, by: actor.actor)
            Output.line("added \(code)")
        }
    }
}

struct FacilitatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "facilitator", abstract: "Manage facilitators.",
                                                    subcommands: [Add.self])
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a facilitator.")
        @OptionGroup var session: SessionFileArgument
        @Argument(help: "The facilitator's name.") var name: String
        @Option(help: "lead, co-facilitator, notetaker or safeguarding.") var role: FacilitatorRole
        @OptionGroup var actor: ActorOptions

        func run() throws {
            let journal = try Sessions.open(session)
            try Sessions.append(journal, [FacilitatorAdded(name: name, role: role)], by: actor.actor)
            Output.line("added \(name) (\(role.rawValue))")
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent", abstract: "Record a participant's consent (all checklist items unless --item is given).")
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "Participant code.") var code: String
    @Option(help: "The facilitator who checked consent.") var by: String?
    @Option(name: .customLong("item"), help: "A consent item checked (repeatable).") var items: [String] = []
    @Option(help: "A file listing the study's consent items, one per line (sets the checklist).") var checklist: String?

    func run() throws {
        let journal = try Sessions.open(session)
        var payloads: [any EventPayload] = []
        var checklistItems = journal.state.consentChecklist
        if let checklist {
            checklistItems = try TextFiles.lines(checklist)
            payloads.append(ConsentChecklistSet(items: checklistItems))
        }
        let code = try Sessions.participantCode(code, in: journal.state)
        let actor = Actor.resolve(by)
        payloads.append(ConsentRecorded(code: code, items: items.isEmpty ? checklistItems : items, checkedBy: actor))
        try Sessions.append(journal, payloads, by: actor)
        Output.line("consent recorded for \(code)")
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
