import Foundation
import SessionModel
import TerminalKit

/// Boxes drawn over the panes: help, palette, search, speaker picker, flag,
/// register (the privacy, export and import boxes are in FlowOverlays.swift).
enum Overlays {
    static func draw(_ g: inout CellGrid, _ s: ConsoleState) {
        switch s.overlay {
        case .none: return
        case .help(let h): help(&g, s, h)
        case .confirm(let d): confirm(&g, s, d)
        case .palette(let line): palette(&g, s, line)
        case .search(let line):
            prompt(
                &g, title: "Search the log", label: "/", line: line,
                hint: "Enter finds (n/N next/previous); Esc cancels")
        case .speakerPicker(let line): speakers(&g, s, line)
        case .flag(let draft): flag(&g, s, draft)
        case .register: register(&g, s)
        case .findings(let step): findings(&g, s, step)
        case .review(let row): review(&g, s, row)
        case .export(let draft): export(&g, s, draft)
        case .importer(let draft): importer(&g, s, draft)
        case .confirmQuit:
            let (x, y, w, _) = frame(&g, width: 56, height: 5, title: "Leave the console?")
            g.put("Everything logged is saved; your unsent line is kept.", x: x + 2, y: y + 1, maxWidth: w - 4)
            g.put(
                "y / Enter: leave      any other key: stay", x: x + 2, y: y + 3, style: CellStyle(.title),
                maxWidth: w - 4)
        }
    }

    @discardableResult
    static func frame(_ g: inout CellGrid, width: Int, height: Int, title: String) -> (Int, Int, Int, Int) {
        // Dialogs never cover the status line (the mode), the input line or the hints.
        let w = min(width, g.width - 4)
        let h = min(height, g.height - 4)
        let x = (g.width - w) / 2
        let y = max(1, min((g.height - h) / 2, g.height - 3 - h))
        g.fill(x: x, y: y, width: w, height: h)
        g.box(x: x, y: y, width: w, height: h, title: title, style: CellStyle(.title))
        return (x, y, w, h)
    }

    static func prompt(_ g: inout CellGrid, title: String, label: String, line: InputLine, hint: String) {
        let (x, y, w, _) = frame(&g, width: 70, height: 5, title: title)
        g.put(label + line.text, x: x + 2, y: y + 1, style: CellStyle(.input), maxWidth: w - 4)
        g.cursor = (min(x + w - 2, x + 2 + DisplayWidth.of(label) + line.caretColumns), y + 1)
        g.put(hint, x: x + 2, y: y + 3, style: CellStyle(.muted), maxWidth: w - 4)
    }

    /// The help's rows: the key table grouped by mode, then the palette's commands.
    /// A search keeps the rows whose key or text contains it (headings of kept rows stay).
    static func helpRows(search: String?) -> [(String, String)] {
        var groups = KeyTable.groups
        groups.append(
            (
                "Palette commands (: first on an empty line, or : in the panes)",
                Palette.commands.map { (":" + $0.0, $0.1) }
            ))
        var rows: [(String, String)] = []
        let needle = search?.lowercased() ?? ""
        for (heading, entries) in groups {
            let kept =
                needle.isEmpty
                ? entries : entries.filter { $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle) }
            guard !kept.isEmpty else { continue }
            rows.append((heading, ""))
            rows.append(contentsOf: kept)
        }
        return rows
    }

    /// The help box's width and its key column for a screen `width` wide.
    static func helpColumns(screenWidth: Int) -> (box: Int, key: Int) {
        let box = min(screenWidth - 4, 110)
        return (box, min(26, max(16, (box - 6) / 3)))
    }

    /// The help's display lines: each description wrapped to the box, its key on the first line.
    static func helpLines(search: String?, screenWidth: Int) -> [(String, String)] {
        let (box, key) = helpColumns(screenWidth: screenWidth)
        var out: [(String, String)] = []
        for (label, what) in helpRows(search: search) {
            if what.isEmpty {
                out.append((label, ""))
                continue
            }
            // A long key ("`:` (first on an empty line)") wraps in its column rather than being cut.
            let keys = Wrap.lines(label.replacingOccurrences(of: "`", with: ""), width: key, limit: 3)
            let says = Wrap.lines(
                what.replacingOccurrences(of: "`", with: ""), width: max(10, box - key - 6), limit: 4)
            for i in 0..<max(keys.count, says.count) {
                out.append((i < keys.count ? keys[i] : " ", i < says.count ? says[i] : " "))
            }
        }
        return out
    }

    static func help(_ g: inout CellGrid, _ s: ConsoleState, _ h: HelpView) {
        let rows = helpLines(search: h.search?.text, screenWidth: g.width)
        let (box, keyWidth) = helpColumns(screenWidth: g.width)
        let (x, y, w, hh) = frame(&g, width: box, height: g.height - 2, title: "Help: every key, by mode")
        let visible = hh - 4
        let top = max(0, min(h.scroll, rows.count - visible))
        for (i, (key, what)) in rows.dropFirst(top).prefix(visible).enumerated() {
            if what.isEmpty {
                g.put(key, x: x + 2, y: y + 1 + i, style: CellStyle(.title, bold: true), maxWidth: w - 4)
            } else {
                g.put(key, x: x + 3, y: y + 1 + i, style: CellStyle(.speaker, bold: true), maxWidth: keyWidth)
                g.put(what, x: x + 4 + keyWidth, y: y + 1 + i, maxWidth: w - keyWidth - 6)
            }
        }
        let search = h.search.map { "/" + $0.text + (h.searching ? "▏" : "") } ?? "/ searches"
        let position =
            rows.isEmpty ? "no key matches" : "rows \(top + 1)–\(min(rows.count, top + visible)) of \(rows.count)"
        g.put(
            "\(position) · ↑↓ PgUp PgDn scroll · \(search) · Esc closes", x: x + 2, y: y + hh - 2,
            style: CellStyle(.muted), maxWidth: w - 4)
    }

    static func confirm(_ g: inout CellGrid, _ s: ConsoleState, _ d: ConfirmDraft) {
        switch d.purpose {
        case .strike(let n):
            let (x, y, w, _) = frame(&g, width: 72, height: 8, title: "Strike #\(n) from the record?")
            let text = s.session.contribution(n).map { RedactedText.display($0) } ?? ""
            g.put("“" + text + "”", x: x + 2, y: y + 1, style: CellStyle(.muted), maxWidth: w - 4)
            g.put(
                "Why? (kept with it; u or :restore \(n) undoes the strike)", x: x + 2, y: y + 3,
                style: CellStyle(.title), maxWidth: w - 4)
            g.put("> " + d.reason.text, x: x + 2, y: y + 4, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + d.reason.caretColumns), y + 4)
            g.put("Enter strikes · Esc keeps it", x: x + 2, y: y + 6, style: CellStyle(.muted), maxWidth: w - 4)
        case .endRound(let r):
            let (x, y, w, _) = frame(&g, width: 60, height: 5, title: "End round \(r) early?")
            let left = s.session.currentRound?.remaining(at: s.now).map { Int($0.rounded(.up)) } ?? 0
            g.put(
                String(format: "%d:%02d is left; everyone goes back to the main room.", left / 60, left % 60), x: x + 2,
                y: y + 1, maxWidth: w - 4)
            g.put("Enter ends it · Esc lets it run", x: x + 2, y: y + 3, style: CellStyle(.title), maxWidth: w - 4)
        case .closeSession:
            let (x, y, w, _) = frame(&g, width: 60, height: 5, title: "Close the session?")
            g.put("Nothing more can be logged once it is closed.", x: x + 2, y: y + 1, maxWidth: w - 4)
            g.put("Enter closes it · Esc keeps it open", x: x + 2, y: y + 3, style: CellStyle(.title), maxWidth: w - 4)
        }
    }

    static func palette(_ g: inout CellGrid, _ s: ConsoleState, _ line: InputLine) {
        let typed = line.text.split(separator: " ").first.map(String.init)?.lowercased() ?? ""
        let matches = Palette.commands.filter { typed.isEmpty || $0.0.hasPrefix(typed) }
        let (x, y, w, h) = frame(&g, width: 76, height: min(g.height - 2, matches.count + 4), title: "Command")
        g.put(":" + line.text, x: x + 2, y: y + 1, style: CellStyle(.input), maxWidth: w - 4)
        g.cursor = (min(x + w - 2, x + 3 + line.caretColumns), y + 1)
        for (i, (cmd, what)) in matches.enumerated() where i < h - 3 {
            g.put(cmd, x: x + 2, y: y + 2 + i, style: CellStyle(.speaker), maxWidth: 40)
            g.put(what, x: x + 43, y: y + 2 + i, style: CellStyle(.muted), maxWidth: w - 45)
        }
    }

    static func speakers(_ g: inout CellGrid, _ s: ConsoleState, _ line: InputLine) {
        let typed = line.text.uppercased()
        let exact = SpeakerPrefix.resolve(typed, session: s.session)
        let people = s.session.orderedParticipants.filter {
            !$0.withdrawn && (typed.isEmpty || $0.code.hasPrefix(typed) || $0.code == exact)
        }
        let (x, y, w, h) = frame(
            &g, width: 60, height: min(g.height - 2, people.count + 4), title: "Speaker (code or number; - for none)")
        g.put("> " + line.text, x: x + 2, y: y + 1, style: CellStyle(.input), maxWidth: w - 4)
        g.cursor = (x + 4 + line.caretColumns, y + 1)
        for (i, p) in people.enumerated() where i < h - 3 {
            g.put("\(p.code)  \(p.jobRole)  [\(s.session.roomName(p.room))]", x: x + 2, y: y + 2 + i, maxWidth: w - 4)
        }
    }

    static func flag(_ g: inout CellGrid, _ s: ConsoleState, _ d: FlagDraft) {
        let (x, y, w, _) = frame(&g, width: 72, height: 14, title: "⚑ Raise a safeguarding concern (Esc cancels)")
        var row = y + 1
        let on =
            d.pendingLine != nil
            ? "the line just logged"
            : d.contributions.isEmpty
                ? "nothing logged (seen, not said)"
                : d.contributions.map { "#\($0)" }.joined(separator: ", ")
        let about = d.askParticipant != nil ? "" : " · about \(d.participant ?? "nobody in particular")"
        g.put("On: \(on)\(about) · \(s.session.roomName(d.room))", x: x + 2, y: row, maxWidth: w - 4)
        row += 2
        if let ask = d.askParticipant {
            g.put(
                "Who is it about? A code or number; - for nobody in particular:", x: x + 2, y: row,
                style: CellStyle(.title), maxWidth: w - 4)
            row += 1
            g.put("> " + ask.text, x: x + 2, y: row, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + ask.caretColumns), row)
        } else if d.category == nil {
            g.put("Category (press a number):", x: x + 2, y: row, style: CellStyle(.title))
            row += 1
            for (i, c) in ConcernCategory.allCases.enumerated() {
                g.put("\(i + 1)  \(c.rawValue)", x: x + 4, y: row, maxWidth: w - 6)
                row += 1
            }
        } else if d.urgency == nil {
            g.put("Category: \(d.category!.rawValue)", x: x + 2, y: row)
            row += 2
            g.put("Urgency (press a number):", x: x + 2, y: row, style: CellStyle(.title))
            row += 1
            for (i, u) in ConcernUrgency.allCases.enumerated() {
                g.put("\(i + 1)  \(u.rawValue)", x: x + 4, y: row, maxWidth: w - 6)
                row += 1
            }
        } else {
            g.put(
                "Category: \(d.category!.rawValue) · urgency: \(d.urgency!.rawValue)", x: x + 2, y: row, maxWidth: w - 4
            )
            row += 2
            g.put("What was said or seen (restricted; Enter raises it):", x: x + 2, y: row, style: CellStyle(.title))
            row += 1
            g.put("> " + d.description.text, x: x + 2, y: row, style: CellStyle(.input), maxWidth: w - 4)
            g.cursor = (min(x + w - 2, x + 4 + d.description.caretColumns), row)
        }
    }

    static func register(_ g: inout CellGrid, _ s: ConsoleState) {
        let concerns = s.session.register.visible(to: s.context.role, name: s.context.user)
        let (x, y, w, h) = frame(
            &g, width: g.width - 6, height: g.height - 4,
            title: "Safeguarding register — restricted (\(s.context.role.rawValue)) · Esc closes")
        var row = y + 1
        if s.context.role == .observer {
            g.put(
                "\(s.session.register.concerns.count) concern(s) recorded; their content is not shown to observers.",
                x: x + 2, y: row, maxWidth: w - 4)
            return
        }
        if concerns.isEmpty { g.put("No concerns visible to you.", x: x + 2, y: row, style: CellStyle(.muted)) }
        for c in concerns.reversed() {
            guard row < y + h - 2 else { break }
            let status =
                c.isClosed
                ? "closed"
                : c.isAcknowledged ? "acknowledged by \(c.acknowledgedBy!)" : "AWAITING THE SAFEGUARDING LEAD"
            g.put(
                "⚑ #\(c.number) \(c.urgency.rawValue) · \(c.category.rawValue) · \(status)", x: x + 2, y: row,
                style: CellStyle(.flag, bold: true), maxWidth: w - 4)
            row += 1
            let on = c.contributions.isEmpty ? "" : " on " + c.contributions.map { "#\($0)" }.joined(separator: ",")
            g.put(
                "  \(Screens.clock(c.raisedAt)) raised by \(c.raisedBy) in \(s.session.roomName(c.room))\(c.participant.map { ", \($0)" } ?? "")\(on)",
                x: x + 2, y: row, style: CellStyle(.muted), maxWidth: w - 4)
            row += 1
            for line in Wrap.lines("  " + c.description, width: w - 4, limit: 2) where row < y + h - 2 {
                g.put(line, x: x + 2, y: row, maxWidth: w - 4)
                row += 1
            }
            for a in c.actions where row < y + h - 2 {
                g.put(
                    "  \(Screens.clock(a.at)) \(a.kind.rawValue) by \(a.by)\(a.to.map { " → \($0)" } ?? "")\(a.reference.map { " (\($0))" } ?? ""): \(a.note)",
                    x: x + 2, y: row, maxWidth: w - 4)
                row += 1
            }
        }
        g.put(
            ":ack K  ·  :action K discussed|consulted|referred|informed|closed [to=BODY] [ref=REF] note", x: x + 2,
            y: y + h - 2, style: CellStyle(.muted), maxWidth: w - 4)
    }
}
