/// Resolving identifier findings from the console: accept all of a
/// contribution's findings with one key, step through them (accept, reject
/// with a reason, skip), and the session-wide review screen. Every decision
/// is a `.redact` command run by SessionActions, exactly as `convene redact`
/// runs it; the action layer numbers the placeholders.
import Foundation
import Privacy
import SessionActions
import SessionModel
import TerminalKit

/// Implicit-identification warnings (a rare role with a place or organisation
/// that together point at one person), listed on the review screen. Computed
/// when the screen opens and when the session changes while it is open, not
/// per frame. The findings of contributions the index has scanned (or read from
/// kept scans) are reused: only the rest are scanned, as
/// `ImplicitIdentification.warnings(in:scanner:)` would scan them.
enum ImplicitWarnings {
    static func compute(_ s: ConsoleState) -> [ImplicitIdentificationWarning] {
        let scanner = s.privacy.redactor.scanner
        let check = ImplicitIdentificationCheck(state: s.session, scanner: scanner)
        var out: [ImplicitIdentificationWarning] = []
        // The ones not scanned yet go to Privacy's own pass (on every core); the same participants, so the same check.
        var unscanned = s.session
        unscanned.contributions = []
        for c in s.session.contributions where check.applies(to: c) {
            if let found = s.privacy.scanned(c.number) {
                // The special-category mentions a kept row or a scan for keeping gave, else worked out here.
                let special = s.privacy.specialCategories(c.number).map { mentions in { mentions } }
                if let w = check.warning(for: c, findings: found, special: special) { out.append(w) }
            } else {
                unscanned.contributions.append(c)
            }
        }
        if !unscanned.contributions.isEmpty {
            out += ImplicitIdentification.warnings(in: unscanned, scanner: scanner)
            out.sort { $0.contribution < $1.contribution }
        }
        return out
    }
}

/// One row of the review screen.
struct ReviewRow: Equatable {
    var number: Int
    var index: Int
    var finding: Finding
}

extension Keymap {
    /// The contribution the privacy keys act on: the selected one, else the
    /// newest logged at this console, else the newest.
    static func privacyTarget(_ s: ConsoleState) -> Int? {
        if let n = s.selected { return n }
        if let mine = s.session.contributions.last(where: { $0.loggedBy == s.context.user && !$0.erased }) {
            return mine.number
        }
        return s.session.contributions.last(where: { !$0.erased })?.number
    }

    /// One key: every unresolved finding of contribution `n` becomes a placeholder.
    static func acceptAll(_ n: Int?, _ s: inout ConsoleState) -> [ConsoleEffect] {
        guard let n else {
            s.status = "Nothing logged yet"
            return []
        }
        let findings = s.findings(n)
        guard !findings.isEmpty else {
            s.status = "#\(n): nothing to review"
            return []
        }
        s.status = "#\(n): \(findings.count) finding\(findings.count == 1 ? "" : "s") replaced by placeholders"
        // The action numbers the placeholders (one numbering for every path), so a later
        // withdrawal never renumbers them.
        return [.run(.redact(number: n, findings.map { .acceptFinding($0.span, $0.label) }))]
    }

    static func startStepping(_ n: Int?, _ s: inout ConsoleState, index: Int = 0, returnToReview: Int? = nil) {
        guard let n else {
            s.status = "Nothing logged yet"
            return
        }
        guard !s.findings(n).isEmpty else {
            s.status = "#\(n): nothing to review"
            return
        }
        s.overlay = .findings(FindingStep(number: n, index: index, returnToReview: returnToReview))
    }

    static func openReview(_ s: inout ConsoleState, row: Int = 0) {
        // Kept scans first: a session an export (or an earlier console) scanned opens whole at once.
        s.privacy.readKeptOlder(s.session)
        // While a worker reads the kept scans the warnings wait for them (worked out without them, every
        // contribution they hold would be scanned here, on the loop); `.keptScansRead` opens the screen again.
        s.implicitWarnings = s.privacy.awaitingKept ? [] : ImplicitWarnings.compute(s)
        s.overlay = .review(row)
    }

    /// L on the review screen: the first warning's contribution goes down to the suggested level.
    static func lowerAttribution(_ s: inout ConsoleState) -> [ConsoleEffect] {
        if s.privacy.awaitingKept {
            s.status = "The warnings are still being worked out; press L again in a moment"
            return []
        }
        guard let w = s.implicitWarnings.first else {
            s.status = "No implicit-identification warnings"
            return []
        }
        s.status = "#\(w.contribution): attribution lowered to \(w.suggested.rawValue)"
        return [.run(.attribution(number: w.contribution, level: w.suggested))]
    }

    static func reviewRows(_ s: ConsoleState) -> [ReviewRow] {
        s.privacy.contributionsToReview.flatMap { n in
            s.findings(n).enumerated().map { ReviewRow(number: n, index: $0.offset, finding: $0.element) }
        }
    }

    /// Closes the step box (or goes back to the review screen) with a word on what is left.
    static func finishStepping(_ step: FindingStep, _ s: inout ConsoleState) {
        let left = s.findings(step.number).count
        s.status =
            left == 0
            ? "#\(step.number): every finding resolved"
            : "#\(step.number): \(left) finding\(left == 1 ? "" : "s") left unresolved (still marked ◌)"
        if let row = step.returnToReview {
            openReview(&s, row: min(row, max(0, reviewRows(s).count - 1)))
        } else {
            s.overlay = .none
        }
    }

    static func findingKey(_ key: Key, _ step: inout FindingStep, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let findings = s.findings(step.number)
        guard step.index < findings.count else {
            finishStepping(step, &s)
            return []
        }
        let f = findings[step.index]
        if var reason = step.reason {
            // Typing why the finding is not identifying.
            if key == .escape {
                step.reason = nil
                s.overlay = .findings(step)
                return []
            }
            if key == .enter {
                let why = reason.text.trimmingCharacters(in: .whitespaces)
                guard !why.isEmpty else {
                    s.status = "Say why it is not identifying (it is remembered for this session)"
                    s.overlay = .findings(step)
                    return []
                }
                step.reason = nil
                s.overlay = .findings(step)
                return [.run(.redact(number: step.number, [.rejectFinding(f.span, f.label, reason: why)]))]
            }
            _ = edit(&reason, key)
            step.reason = reason
            s.overlay = .findings(step)
            return []
        }
        switch key {
        case .escape, .char("q"):
            finishStepping(step, &s)
            return []
        case .char("y"), .enter:
            // The finding leaves the unresolved list, so the same index is the next one.
            s.overlay = .findings(step)
            return [.run(.redact(number: step.number, [.acceptFinding(f.span, f.label)]))]
        case .char("n"):
            step.reason = InputLine()
        case .char("s"), .char(" "), .right, .tab:
            step.index += 1
            step.skipped += 1
            if step.index >= findings.count {
                finishStepping(step, &s)
                return []
            }
        case .left, .backTab:
            if step.index > 0 {
                step.index -= 1
                step.skipped = max(0, step.skipped - 1)
            }
        case .char("A"):
            s.overlay = .findings(step)
            let effects = acceptAll(step.number, &s)
            return effects
        default: break
        }
        s.overlay = .findings(step)
        return []
    }

    /// After the session changed: a step box whose findings ran out closes.
    static func settleStepping(_ s: inout ConsoleState) {
        if case .findings(let step) = s.overlay, step.reason == nil, step.index >= s.findings(step.number).count {
            finishStepping(step, &s)
        }
        if case .review(let row) = s.overlay {
            openReview(&s, row: min(row, max(0, reviewRows(s).count - 1)))
        }
    }

    static func reviewKey(_ key: Key, _ row: Int, _ s: inout ConsoleState) -> [ConsoleEffect] {
        let rows = reviewRows(s)
        var row = min(row, max(0, rows.count - 1))
        switch key {
        case .escape, .char("q"), .char("P"):
            s.overlay = .none
            return []
        case .up, .char("k"): row = max(0, row - 1)
        case .down, .char("j"): row = min(max(0, rows.count - 1), row + 1)
        case .pageUp: row = max(0, row - 10)
        case .pageDown: row = min(max(0, rows.count - 1), row + 10)
        case .enter, .char("p"):
            guard row < rows.count else { return [] }
            startStepping(rows[row].number, &s, index: rows[row].index, returnToReview: row)
            return []
        case .char("A"):
            guard row < rows.count else { return [] }
            s.overlay = .review(row)
            return acceptAll(rows[row].number, &s)
        case .char("L"):
            s.overlay = .review(row)
            return lowerAttribution(&s)
        case .char("g"):
            // Go to the contribution in the log.
            guard row < rows.count else { return [] }
            s.filter = LogFilter()
            s.refilter()
            s.selected = rows[row].number
            s.focus = .log
            s.overlay = .none
            return []
        default: break
        }
        s.overlay = .review(row)
        return []
    }
}
