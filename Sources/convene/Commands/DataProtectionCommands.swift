import ArgumentParser
import Foundation
import Privacy
import SessionActions
import SessionModel
import SessionStore
import TeamStore

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a participant: erase their contributions and the responses to them, physically.",
        discussion: """
            Erases everything P03 said or wrote, every contribution that responds to one of theirs or \
            repeats their words (eight words in a row, or five inside quotation marks), their tags, \
            theme links, redaction records and their real name (replaced by its placeholder wherever \
            others wrote it), console drafts that touch any of it, and prints a receipt. Whiteboard \
            notes (anonymous) and safeguarding concerns are kept. Contributions further down a reply \
            chain are listed for review; --cascade erases them too. A contribution that repeats their \
            words may be kept with --keep N --reason "…". Refused after the withdrawal window unless \
            the lead overrides it with a reason.
            """)
    @OptionGroup var session: SessionFileArgument
    @Argument(help: "The participant's code.") var code: String
    @Option(help: "The day the participant asked, YYYY-MM-DD (default: today).") var requestedOn: String?
    @Flag(help: "Also erase contributions further down the reply chains.") var cascade = false
    @Flag(help: "Withdraw although the window has closed (lead only; needs --reason).") var overrideWindow = false
    @Option(help: "Keep contribution N although it repeats the participant's words (needs --reason; repeatable).")
    var keep: [Int] = []
    @Option(help: "Why the window is overridden or a quote is kept (recorded in the journal).") var reason: String?
    @Flag(help: "Show what would be erased and change nothing.") var dryRun = false
    @Flag(help: "The receipt as one JSON document.") var json = false
    @OptionGroup var actor: ActorOptions

    func run() throws {
        if reason != nil && !overrideWindow && keep.isEmpty {
            throw CLIError("--reason goes with --override-window or --keep")
        }
        if overrideWindow && reason == nil { throw WithdrawalRefusal.overrideNeedsReason }
        if let n = keep.first, reason == nil { throw WithdrawalPlanError.keepNeedsReason(n) }
        let order = WithdrawalOrder(
            participant: code, requestedOn: requestedOn, cascade: cascade,
            overrideReason: overrideWindow ? reason : nil, dryRun: dryRun,
            keep: keep, keepReason: keep.isEmpty ? nil : reason)
        let outcome = try Sessions.perform(.withdraw(order), on: session, by: actor)
        guard case .withdrawal(let receipt) = outcome.result else { return }
        let place = Sessions.displayPlace(session)
        if json {
            try Output.printJSON(WithdrawalReceiptJSON(receipt))
        } else {
            ReceiptText.print(receipt, file: place, team: session.isTeam)
        }
        if !dryRun && !receipt.purged { throw PurgePending.exit(file: place, team: session.isTeam) }
    }
}

/// The erasure is recorded, but another program held the file while it was
/// being compacted: said on stderr like any error, with exit status 4.
enum PurgePending {
    static func exit(file: String, team: Bool = false) -> ExitCode {
        let message =
            team
            ? "the change is recorded, but this login may not compact the server's tables, so the erased bytes may still be in their files; the server's owner must run VACUUM FULL convene_events, VACUUM FULL convene_restricted and CHECKPOINT (docs/data-protection.md)"
            : "the change is recorded, but another program held \(file) so the freed bytes may still be in it or its -wal; close every console on it and run `convene purge \(file)`"
        FileHandle.standardError.write(Data("Error: \(Output.inert(message))\n".utf8))
        return ExitCode(4)
    }
}

enum ReceiptText {
    static func list(_ numbers: [Int]) -> String { numbers.map { "#\($0)" }.joined(separator: ", ") }

    static func print(_ r: WithdrawalReceipt, file: String, team: Bool = false) {
        let verb = r.dryRun ? "would erase" : "erased"
        let p = r.plan
        if r.dryRun { Output.line("DRY RUN: nothing has been changed") }
        Output.line(
            "withdrawal receipt: \(r.code), requested on \(r.requestedOn) (window closes \(r.windowClosesOn ?? "?"))")
        if let reason = r.overrideReason { Output.line("window overridden by the lead: \(reason)") }
        let own = p.own.filter(r.erased.contains)
        let direct = p.directResponses.filter(r.erased.contains)
        let quoting = p.quotes.map(\.number).filter(r.erased.contains)
        let chain = r.cascade ? p.chain.filter(r.erased.contains) : []
        Output.line("\(verb) \(r.erased.count) contribution\(r.erased.count == 1 ? "" : "s")")
        Output.line("  \(own.count) by \(r.code)\(own.isEmpty ? "" : ": " + list(own))")
        Output.line(
            "  \(direct.count) direct response\(direct.count == 1 ? "" : "s") to theirs\(direct.isEmpty ? "" : ": " + list(direct))"
        )
        Output.line("  \(quoting.count) repeating their words\(quoting.isEmpty ? "" : ": " + list(quoting))")
        if r.cascade {
            Output.line(
                "  \(chain.count) further down the reply chain (--cascade)\(chain.isEmpty ? "" : ": " + list(chain))")
        }
        Output.line(
            "  with \(r.eventsCleared) journal event\(r.eventsCleared == 1 ? "" : "s") holding their text, edits, tags, theme links, redactions and reminders"
        )
        if r.dryRun, !p.quotes.isEmpty {
            Output.line(
                "for review: these repeat \(r.code)'s words and will be erased unless kept with --keep N --reason \"…\":"
            )
            for q in p.quotes {
                let how = q.quoted ? "quotes \(q.sharedWords) words" : "repeats \(q.sharedWords) words in a row"
                let kept = p.keptQuotes.first { $0.number == q.number }
                Output.line("  #\(q.number) \(how) of #\(q.quotes)" + (kept.map { " — kept: \($0.reason)" } ?? ""))
            }
        }
        for k in p.keptQuotes where !r.dryRun {
            Output.line("kept on the facilitator's word: #\(k.number), which repeats \(r.code)'s words (\(k.reason))")
        }
        Output.line("real name: " + (r.realNameErased ? "\(verb) from the linkage table" : "none was recorded"))
        let nameVerb = r.dryRun ? "would be replaced" : "replaced"
        if r.rewritten.isEmpty {
            Output.line("their real name is written nowhere else in the journal")
        } else {
            let places = r.rewritten.reduce(0) { $0 + $1.places }
            Output.line(
                "their real name \(nameVerb) by its placeholder in \(places) place\(places == 1 ? "" : "s"), in \(r.rewritten.count) journal event\(r.rewritten.count == 1 ? "" : "s"): "
                    + r.rewritten.map { "\($0.what) (event \($0.seq))" }.joined(separator: ", "))
        }
        if !r.dryRun {
            Output.line("console drafts erased (they named \(r.code) or held erased words): \(r.draftsErased)")
        }
        if !r.chainForReview.isEmpty {
            Output.line(
                "for review, not erased: \(list(r.chainForReview)), further down the reply chain; read them, and run again with --cascade to erase them"
            )
        }
        Output.line(
            "kept: \(r.whiteboardNotesInSession) whiteboard note\(r.whiteboardNotesInSession == 1 ? "" : "s"): anonymous, so they cannot be traced to anyone or removed"
                + (p.keptWhiteboard.isEmpty ? "" : "; among them \(list(p.keptWhiteboard)), linked to \(r.code)'s"))
        if r.concernsKept.isEmpty {
            Output.line("kept: no safeguarding concern refers to \(r.code) or to an erased contribution")
        } else {
            Output.line(
                "kept: safeguarding concern\(r.concernsKept.count == 1 ? "" : "s") \(list(r.concernsKept)): the duty to pass on a disclosure outlives a withdrawal"
            )
        }
        if r.exportsBefore.isEmpty {
            Output.line("exports made before this withdrawal: none")
        } else {
            Output.line(
                "exports made before this withdrawal still hold the erased text; delete these copies outside Convene:")
            for e in r.exportsBefore {
                Output.line("  \(ISO8601DateFormatter().string(from: e.at))  \(e.kind)  \(e.detail)  (by \(e.by))")
            }
        }
        if !r.dryRun && team {
            Output.line(
                r.purged
                    ? "the erased text is gone from every row and table file on the server (VACUUM FULL, CHECKPOINT); server WAL segments and backups still hold it until they are recycled (docs/data-protection.md)"
                    : "WARNING: the server's tables could not be compacted by this login; see docs/data-protection.md")
        } else if !r.dryRun {
            Output.line(
                r.purged
                    ? "no byte of the erased text remains in \(file), its -wal or -shm, nor of their real name (checkpointed and vacuumed)"
                    : "WARNING: \(file) could not be compacted yet; run `convene purge \(file)`")
            if let head = r.head { HeadText.print(head, file: file) }
        }
    }
}

/// The journal head a receipt records, and how to hold the file to it later.
enum HeadText {
    static func print(_ head: JournalHead, file: String) {
        Output.line(
            "journal head: event \(head.seq), hash \(head.hash.prefix(16))… (keep this receipt; with --json it can be given to `convene check \(file) --against RECEIPT`)"
        )
    }
}

struct WithdrawalReceiptJSON: Codable {
    struct ExportJSON: Codable {
        var format: String
        var file: String
        var at: Date
        var by: String
    }
    struct QuoteJSON: Codable {
        var number: Int
        var quotes: Int
        var sharedWords: Int
        var quoted: Bool
        var keptBecause: String?
    }
    struct RewriteJSON: Codable {
        var event: Int
        var what: String
        var places: Int
    }
    var code: String
    var requestedOn: String
    var windowClosesOn: String?
    var overrideReason: String?
    var cascade: Bool
    var dryRun: Bool
    var erased: [Int]
    var own: [Int]
    var directResponses: [Int]
    var quotes: [QuoteJSON]
    var chain: [Int]
    var chainForReview: [Int]
    var keptWhiteboard: [Int]
    var whiteboardNotesKept: Int
    var concernsKept: [Int]
    var realNameErased: Bool
    var realNameReplaced: [RewriteJSON]
    var draftsErased: Int
    var eventsCleared: Int
    var exportsBefore: [ExportJSON]
    var purged: Bool
    var journalHead: JournalHead?

    init(_ r: WithdrawalReceipt) {
        let p = r.plan
        code = r.code
        requestedOn = r.requestedOn
        windowClosesOn = r.windowClosesOn
        overrideReason = r.overrideReason
        cascade = r.cascade
        dryRun = r.dryRun
        erased = r.erased
        own = p.own
        directResponses = p.directResponses
        chain = p.chain
        chainForReview = r.chainForReview
        quotes = p.quotes.map { q in
            QuoteJSON(
                number: q.number, quotes: q.quotes, sharedWords: q.sharedWords, quoted: q.quoted,
                keptBecause: p.keptQuotes.first { $0.number == q.number }?.reason)
        }
        keptWhiteboard = p.keptWhiteboard
        whiteboardNotesKept = r.whiteboardNotesInSession
        concernsKept = r.concernsKept
        realNameErased = r.realNameErased
        eventsCleared = r.eventsCleared
        realNameReplaced = r.rewritten.map { RewriteJSON(event: $0.seq, what: $0.what, places: $0.places) }
        draftsErased = r.draftsErased
        exportsBefore = r.exportsBefore.map { ExportJSON(format: $0.kind, file: $0.detail, at: $0.at, by: $0.by) }
        purged = r.purged
        journalHead = r.head
    }
}

struct AnonymiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymise",
        abstract:
            "After the withdrawal window: destroy the linkage table and every real and block-listed name, irreversibly.",
        aliases: ["anonymize"])
    @OptionGroup var session: SessionFileArgument
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let outcome = try Sessions.perform(.anonymise, on: session, by: actor)
        guard case .anonymised(let result, let redacted) = outcome.result else { return }
        let place = Sessions.displayPlace(session)
        if redacted > 0 {
            Output.line("redacted \(redacted) place\(redacted == 1 ? "" : "s") where those names were still written")
        }
        let names = result.realNames
        let blocked = result.blocklisted
        Output.line(
            "anonymised \(place): destroyed \(names) real name\(names == 1 ? "" : "s") (the linkage table) and \(blocked) block-listed name\(blocked == 1 ? "" : "s")"
        )
        if result.rewritten.isEmpty {
            Output.line("those names were written nowhere else in the journal")
        } else {
            let places = result.rewritten.reduce(0) { $0 + $1.places }
            Output.line(
                "replaced those names by their placeholders in \(places) place\(places == 1 ? "" : "s"), in \(result.rewritten.count) journal event\(result.rewritten.count == 1 ? "" : "s"): "
                    + result.rewritten.map { "\($0.what) (event \($0.seq))" }.joined(separator: ", "))
        }
        Output.line("console drafts erased (they held those names): \(result.draftsErased)")
        if result.purged {
            Output.line(
                session.isTeam
                    ? "those names are gone from every row and table file on the server; server WAL segments and backups still hold them until they are recycled (docs/data-protection.md)"
                    : "no byte of those names remains in \(place), its -wal or -shm (rewritten, checkpointed and vacuumed)"
            )
            if !session.isTeam, let head = result.head { HeadText.print(head, file: place) }
        } else {
            throw PurgePending.exit(file: place, team: session.isTeam)
        }
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Squeeze freed bytes out of a session file (after an erasure another program interrupted).")
    @OptionGroup var session: SessionFileArgument

    func run() throws {
        let journal = try Sessions.open(session)
        guard try journal.purge().complete else { throw PurgePending.exit(file: session.file) }
        Output.line("purged \(session.file): no freed bytes remain in it, its -wal or -shm")
    }
}

struct RekeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Change the passphrase of an encrypted session.",
        discussion:
            "The old passphrase comes from --passphrase-env or the terminal, the new one from --new-passphrase-env or the terminal (typed twice)."
    )
    @OptionGroup var session: SessionFileArgument
    @Option(help: "Environment variable holding the new passphrase.") var newPassphraseEnv: String?

    func run() throws {
        let meta = try SQLiteJournal.readMeta(path: session.file)
        guard meta.encryption != PlainPayloads().name else {
            throw CLIError(
                "\(session.file) is not encrypted, so it has no passphrase to change (create encrypted sessions with `convene new --encrypt`)"
            )
        }
        let journal = try Sessions.open(session)
        let passphrase = try Passphrases.new(for: session.file, env: newPassphraseEnv)
        let result = try journal.changePassphrase(to: passphrase)
        Output.line(
            "passphrase changed for \(session.file); copies of the file made before now still open with the old one")
        if !result.complete { throw PurgePending.exit(file: session.file) }
    }
}
