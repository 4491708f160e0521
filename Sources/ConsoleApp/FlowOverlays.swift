/// The boxes of the longer flows: stepping through a contribution's findings,
/// the session-wide review screen, `:export` and `:import`.
import Foundation
import Privacy
import SessionModel
import TerminalKit

extension Overlays {
    static func findings(_ g: inout CellGrid, _ s: ConsoleState, _ step: FindingStep) {
        let list = s.findings(step.number)
        let (x, y, w, h) = frame(&g, width: 78, height: 13, title: "◌ Findings in #\(step.number) (Esc stops)")
        guard let c = s.session.contribution(step.number) else { return }
        guard step.index < list.count else {
            g.put("Nothing left to review here.", x: x + 2, y: y + 1, maxWidth: w - 4)
            return
        }
        let f = list[step.index]
        g.put(
            "Finding \(step.index + 1) of \(list.count), \(f.confidence.rawValue)\(step.skipped > 0 ? " (\(step.skipped) skipped)" : "") · \(c.speaker ?? "no speaker") · \(s.session.roomName(c.room))",
            x: x + 2, y: y + 1, style: CellStyle(.title), maxWidth: w - 4)
        // The text around the finding, the finding itself reversed and the others underlined.
        var row = y + 3
        var col = x + 2
        let lineEnd = x + w - 2
        for segment in RedactedText.segments(c, findings: list) {
            let current = segment.finding && segment.text == f.text
            let style =
                current
                ? CellStyle(.finding, bold: true, reverse: true)
                : segment.finding
                    ? CellStyle(.finding, underline: true) : segment.redacted ? CellStyle(.redaction) : CellStyle()
            for word in segment.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                var piece = (word.offset > 0 ? " " : "") + word.element
                if col + DisplayWidth.of(piece) > lineEnd && col > x + 2 {
                    row += 1
                    col = x + 2
                    if row >= y + 7 { break }
                    if piece.hasPrefix(" ") { piece.removeFirst() }
                }
                col += g.put(piece, x: col, y: row, style: style, maxWidth: lineEnd - col)
            }
            if row >= y + 7 { break }
        }
        g.put(
            "\(f.label.rawValue): “\(f.text)” → \(s.session.placeholderPreview(label: f.label, text: f.text)) if accepted",
            x: x + 2, y: y + h - 5, style: CellStyle(.finding, bold: true), maxWidth: w - 4)
        // Special-category details are never redacted; shown so the reviewer weighs them with the role and place.
        let special = s.privacy.redactor.scanner.specialCategories(c.text).map { "“" + InertLine.clean($0.text) + "”" }
        if !special.isEmpty {
            g.put(
                "Special category, not redacted: " + special.joined(separator: ", "), x: x + 2, y: y + h - 4,
                style: CellStyle(.warning), maxWidth: w - 4)
        }
        if let reason = step.reason {
            g.put(
                "Why not identifying? (kept for the session) Enter rejects · Esc back", x: x + 2,
                y: y + h - 3, style: CellStyle(.title), maxWidth: w - 4)
            g.put("> " + reason.text, x: x + 2, y: y + h - 2, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + reason.caretColumns), y + h - 2)
        } else {
            g.put(
                "y accept · n reject, say why · s skip · ← back · A accept all · Esc stop", x: x + 2, y: y + h - 2,
                style: CellStyle(.muted), maxWidth: w - 4)
        }
    }

    static func review(_ g: inout CellGrid, _ s: ConsoleState, _ selected: Int) {
        let rows = Keymap.reviewRows(s)
        let warnings = s.implicitWarnings.map { InertLine.clean($0.message) }
        let found = rows.count
        let places = s.privacy.contributionsToReview.count
        let title = Fit.first(
            [
                "◌ Privacy review: \(found) unresolved finding\(found == 1 ? "" : "s") in \(places) contribution\(places == 1 ? "" : "s") · Esc closes",
                "◌ Review: \(found) finding\(found == 1 ? "" : "s") in \(places) contribution\(places == 1 ? "" : "s") · Esc closes",
                "◌ Review: \(found) in #\(places) · Esc",
            ], width: g.width - 12)
        let (x, y, w, h) = frame(&g, width: g.width - 6, height: g.height - 4, title: title)
        var line = y + 1
        // Whole hints, wrapped to a second line rather than cut (the keys matter more than the rows' context).
        let hint = Fit.lines(
            [
                "↑↓ select", "Enter/p step through it", "A accept all in it", "g go to it in the log",
                warnings.isEmpty ? nil : "L lower the first warning", "Esc close",
            ].compactMap { $0 }, width: w - 4)
        let bottom = y + h - 1 - hint.count
        if !warnings.isEmpty {
            g.put(
                Fit.first(
                    [
                        "Implicit identification (\(warnings.count)) · L lowers the first to what it suggests:",
                        "Implicit identification (\(warnings.count)) · L lowers the first:",
                    ], width: w - 4), x: x + 2, y: line, style: CellStyle(.warning, bold: true), maxWidth: w - 4)
            line += 1
            // Each warning whole, on up to three lines; at most half the box for them all.
            var budget = max(2, (bottom - line) / 2)
            for (k, text) in warnings.prefix(4).enumerated() where budget > 0 {
                let left = warnings.count - k
                let wrapped = Wrap.lines("⚠ " + text, width: w - 8, limit: min(3, budget))
                if wrapped.count > budget || (wrapped.count == budget && left > 1 && k > 0) {
                    g.put("  … \(left) more", x: x + 2, y: line, style: CellStyle(.warning), maxWidth: w - 4)
                    line += 1
                    break
                }
                for (i, piece) in wrapped.enumerated() {
                    g.put(
                        (i == 0 ? "  " : "    ") + piece, x: x + 2, y: line, style: CellStyle(.warning), maxWidth: w - 4
                    )
                    line += 1
                }
                budget -= wrapped.count
            }
            line += 1
        }
        if !s.privacy.isComplete {
            for piece in Wrap.lines(
                "Still scanning older contributions (\(s.privacy.pending) left); the list grows as it goes.",
                width: w - 4, limit: 2)
            {
                g.put(piece, x: x + 2, y: line, style: CellStyle(.muted), maxWidth: w - 4)
                line += 1
            }
        }
        if rows.isEmpty && s.privacy.isComplete {
            for piece in Wrap.lines(
                "Every finding in the session is resolved: accepted as a placeholder or rejected with a reason.",
                width: w - 4, limit: 2)
            {
                g.put(piece, x: x + 2, y: line, style: CellStyle(.good), maxWidth: w - 4)
                line += 1
            }
        }
        let visible = max(1, bottom - line)
        let start = max(0, min(selected - visible / 2, rows.count - visible))
        for (i, r) in rows.enumerated().dropFirst(start).prefix(visible) {
            guard let c = s.session.contribution(r.number) else { continue }
            let isSelected = i == selected
            let lead =
                String(format: "#%-4d ", r.number)
                + (c.speaker ?? "—").padding(toLength: 4, withPad: " ", startingAt: 0)
                + " " + r.finding.label.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + " " + r.finding.confidence.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            // Special-category details of the contribution (not redacted), for the rows on screen only.
            let special = s.privacy.redactor.scanner.specialCategories(c.text).map(\.text)
            let style = isSelected ? CellStyle(.selected, reverse: true) : CellStyle()
            if isSelected { g.fill(x: x + 1, y: line, width: w - 2, height: 1, style: style) }
            let used = g.put(
                lead + " “" + r.finding.text + "”  ", x: x + 2, y: line,
                style: isSelected ? style : CellStyle(.finding, bold: true), maxWidth: w - 4)
            let context =
                (special.isEmpty ? "" : InertLine.clean("[special: " + special.joined(separator: ", ") + "]  "))
                + contextAround(c.text, r.finding.span, width: max(0, w - 4 - used))
            g.put(
                context, x: x + 2 + used, y: line, style: isSelected ? style : CellStyle(.muted),
                maxWidth: max(0, w - 4 - used))
            line += 1
        }
        for (k, piece) in hint.enumerated() {
            g.put(piece, x: x + 2, y: bottom + k, style: CellStyle(.muted), maxWidth: w - 4)
        }
    }

    /// A few words either side of a span, so the review row reads in context.
    /// Cut at a word's end to fit `width` columns (a number or a name is never shown in part).
    static func contextAround(_ text: String, _ span: TextSpan, width: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        let from = max(0, span.start - 24)
        let to = min(scalars.count, span.end + 40)
        let piece = String(String.UnicodeScalarView(scalars[from..<min(to, max(from, scalars.count))]))
        let whole = InertLine.clean((from > 0 ? "…" : "") + piece + (to < scalars.count ? "…" : ""))
        guard DisplayWidth.of(whole) > width else { return whole }
        var out = ""
        for word in whole.split(separator: " ") {
            let next = out.isEmpty ? String(word) : out + " " + word
            guard DisplayWidth.of(next) + 1 <= width else { break }
            out = next
        }
        return out.isEmpty ? "" : out + "…"
    }

    static func export(_ g: inout CellGrid, _ s: ConsoleState, _ d: ExportDraft) {
        let formats = ConsoleExport.formats
        let (x, y, w, h) = frame(
            &g, width: 78, height: formats.count + 8, title: "Export the session (research data, anonymised) · Esc back"
        )
        for (i, f) in formats.enumerated() {
            let available = ConsoleExport.isAvailable(f.name)
            let mark = i == d.format ? "▸" : " "
            let style =
                i == d.format && d.path == nil
                ? CellStyle(.selected, reverse: true) : CellStyle(available ? .normal : .muted)
            // Formats not in this build are dimmed; picking one says why.
            g.put(
                "\(mark)\(i + 1) \(f.name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(f.title)",
                x: x + 2, y: y + 1 + i, style: style, maxWidth: w - 4)
        }
        let row = y + formats.count + 2
        if let progress = d.progress {
            let barWidth = max(10, w - 20)
            let filled = Int((progress.fraction * Double(barWidth)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            g.put(
                "\(bar) \(Int((progress.fraction * 100).rounded()))%", x: x + 2, y: row, style: CellStyle(.good),
                maxWidth: w - 4)
            g.put(progress.stage, x: x + 2, y: row + 1, style: CellStyle(.muted), maxWidth: w - 4)
        } else if let path = d.path {
            g.put(
                "File (Enter writes it; it is written whole or not at all):", x: x + 2, y: row,
                style: CellStyle(.title), maxWidth: w - 4)
            g.put("> " + path.text, x: x + 2, y: row + 1, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + path.caretColumns), row + 1)
        } else {
            g.put(
                "↑↓ or 1–\(formats.count) pick a format · Enter next", x: x + 2, y: row, style: CellStyle(.muted),
                maxWidth: w - 4)
        }
        g.put(
            "Redactions, attribution, withdrawals applied; no safeguarding register.",
            x: x + 2, y: y + h - 2, style: CellStyle(.muted), maxWidth: w - 4)
    }

    static func importer(_ g: inout CellGrid, _ s: ConsoleState, _ d: ImportDraft) {
        let (x, y, w, h) = frame(
            &g, width: min(g.width - 4, 110), height: g.height - 4,
            title: "Import into \(s.session.roomName(d.room)) · Esc back")
        var row = y + 1
        let bottom = y + h - 2
        for (i, kind) in ImportKind.allCases.enumerated() {
            let mark = i == d.kind ? "▸" : " "
            let style =
                i == d.kind && d.step == .kind
                ? CellStyle(.selected, reverse: true) : CellStyle(i == d.kind ? .normal : .muted)
            g.put(
                "\(mark)\(i + 1) \(kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(kind.title)",
                x: x + 2, y: row, style: style, maxWidth: w - 4)
            row += 1
        }
        row += 1
        if d.step != .kind {
            g.put(
                "File: " + d.path.text, x: x + 2, y: row, style: CellStyle(.input, bold: d.step == .path),
                maxWidth: w - 4)
            if d.step == .path { g.cursor = (min(x + w - 2, x + 8 + d.path.caretColumns), row) }
            row += 1
        }
        if let message = d.message {
            for line in Wrap.lines(message, width: w - 4, limit: 3) {
                g.put(line, x: x + 2, y: row, style: CellStyle(.warning, bold: true), maxWidth: w - 4)
                row += 1
            }
        }
        row += 1
        switch d.step {
        case .kind:
            g.put(
                "↑↓ or 1–\(ImportKind.allCases.count) pick what to import · Enter next", x: x + 2, y: bottom,
                style: CellStyle(.muted),
                maxWidth: w - 4)
        case .path:
            let flags =
                ImportKind.allCases[d.kind].isTranscript ? "[--speaker CODE] [--allow-skips]" : "[--allow-skips]"
            g.put(
                "Type the path, then \(flags) · Enter reads it and shows a preview (nothing is added yet)", x: x + 2,
                y: bottom,
                style: CellStyle(.muted), maxWidth: w - 4)
        case .running:
            g.put("Reading…", x: x + 2, y: row, style: CellStyle(.muted), maxWidth: w - 4)
        case .names:
            guard let name = d.unknown.first else { break }
            g.put(
                "Who is ‘\(InertLine.clean(name))’? (\(d.unknown.count) name\(d.unknown.count == 1 ? "" : "s") to answer; never guessed)",
                x: x + 2, y: row, style: CellStyle(.title, bold: true), maxWidth: w - 4)
            row += 1
            g.put("> " + d.answer.text, x: x + 2, y: row, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + d.answer.caretColumns), row)
            row += 2
            for (name, answer) in d.answers.sorted(by: { $0.key < $1.key }) where row < bottom - 2 {
                g.put(
                    "  ‘\(InertLine.clean(name))’ → \(answer.description)", x: x + 2, y: row, style: CellStyle(.muted),
                    maxWidth: w - 4)
                row += 1
            }
            let people = s.session.orderedParticipants.filter { !$0.withdrawn }.map { "\($0.code) \($0.jobRole)" }
                .joined(separator: " · ")
            g.put("Participants: " + people, x: x + 2, y: bottom - 1, style: CellStyle(.muted), maxWidth: w - 4)
            g.put(
                "a code (P03 or 3) · + a new participant (next free code) · f facilitator · s skip · Enter", x: x + 2,
                y: bottom, style: CellStyle(.muted), maxWidth: w - 4)
        case .preview:
            guard let p = d.preview else { break }
            for line in p.summary.prefix(4) where row < bottom - 1 {
                g.put(line, x: x + 2, y: row, maxWidth: w - 4)
                row += 1
            }
            if !p.names.isEmpty && row < bottom - 1 {
                g.put("Names:", x: x + 2, y: row, style: CellStyle(.title))
                row += 1
                for n in p.names where row < bottom - 1 {
                    g.put("  " + n, x: x + 2, y: row, maxWidth: w - 4)
                    row += 1
                }
            }
            if !p.firstLines.isEmpty && row < bottom - 1 {
                g.put("First lines:", x: x + 2, y: row, style: CellStyle(.title))
                row += 1
                for l in p.firstLines where row < bottom - 1 {
                    g.put("  " + l, x: x + 2, y: row, style: CellStyle(.muted), maxWidth: w - 4)
                    row += 1
                }
            }
            g.put(
                p.added > 0
                    ? "Enter/y adds \(p.added) contribution\(p.added == 1 ? "" : "s") in one go · Esc back"
                    : "Nothing new to add · Esc back",
                x: x + 2, y: bottom, style: CellStyle(.title, bold: true), maxWidth: w - 4)
        }
    }
}
