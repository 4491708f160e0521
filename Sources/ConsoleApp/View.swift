import Foundation
import Privacy
import SessionModel
import TerminalKit

/// The smallest screen the console draws on; below it, a notice.
public let minimumSize = (width: 80, height: 24)

/// Draws the whole console for `s`. Pure: the same state gives the same grid.
/// Only what is visible is drawn, so cost follows the screen, not the session.
public func view(_ s: ConsoleState) -> CellGrid {
    var g = CellGrid(width: s.width, height: s.height)
    guard s.width >= minimumSize.width, s.height >= minimumSize.height else {
        let lines = [
            "Terminal too small", "Convene needs \(minimumSize.width)×\(minimumSize.height);",
            "this one is \(s.width)×\(s.height).",
        ]
        for (i, line) in lines.enumerated() where i < s.height {
            g.put(
                line, x: max(0, (s.width - DisplayWidth.of(line)) / 2), y: max(0, s.height / 2 - 1) + i,
                style: CellStyle(.warning, bold: true))
        }
        return g
    }
    Screens.header(&g, s)
    let bodyTop = Screens.banner(&g, s) ? 2 : 1
    let bodyBottom = s.height - 4
    let layout = Layout(s)
    let left = layout.left
    let right = layout.right
    if left > 0 {
        let roomsHeight = max(5, (bodyBottom - bodyTop + 1) / 2 - 1)
        Screens.rooms(&g, s, x: 0, y: bodyTop, width: left, height: roomsHeight)
        Screens.participants(
            &g, s, x: 0, y: bodyTop + roomsHeight, width: left, height: bodyBottom - bodyTop + 1 - roomsHeight)
    }
    Screens.log(&g, s, x: left, y: bodyTop, width: s.width - left - right, height: bodyBottom - bodyTop + 1)
    if right > 0 {
        let guideHeight = (bodyBottom - bodyTop + 1) / 2
        Screens.guide(&g, s, x: s.width - right, y: bodyTop, width: right, height: guideHeight)
        Screens.themes(
            &g, s, x: s.width - right, y: bodyTop + guideHeight, width: right,
            height: bodyBottom - bodyTop + 1 - guideHeight)
    }
    Screens.context(&g, s, y: s.height - 3)
    Screens.input(&g, s, y: s.height - 2)
    Screens.hints(&g, s, y: s.height - 1)
    Overlays.draw(&g, s)
    return g
}

/// Redraws only the input row of `previous`: a keystroke that changed only the
/// input line (the common case while typing) costs one row, not the screen.
public func viewInputRow(_ s: ConsoleState, over previous: CellGrid) -> CellGrid {
    var g = previous
    guard s.width >= minimumSize.width, s.height >= minimumSize.height, g.width == s.width, g.height == s.height else {
        return view(s)
    }
    g.fill(x: 0, y: s.height - 2, width: s.width, height: 1)
    g.cursor = nil
    Screens.input(&g, s, y: s.height - 2)
    return g
}

/// How the width is shared. Under 120 columns the log takes the whole width and
/// the rooms and people panes are folded (shown while one of them has the focus,
/// or after `v`); from 120 columns they stay, and the guide and theme board
/// join them only while the log keeps at least 60% of the width.
struct Layout {
    var left: Int
    var right: Int
    init(_ s: ConsoleState) {
        if s.width >= 120 {
            left = 24
            let spare = s.width - left - Int((Double(s.width) * 0.6).rounded(.up))
            right = spare >= 28 ? min(40, spare) : 0
        } else {
            left = s.showSidePanes || s.focus == .rooms || s.focus == .participants ? 26 : 0
            right = 0
        }
    }
}

enum Screens {
    static func clock(_ d: Date, seconds: Bool = true) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down))
        let day = ((t % 86_400) + 86_400) % 86_400
        let hms = String(format: "%02d:%02d", day / 3600, (day % 3600) / 60)
        return seconds ? hms + String(format: ":%02d", day % 60) : hms
    }

    /// One item of the header's right side: a long and a short form; required ones never drop.
    struct HeaderItem {
        var long: String
        var short: String
        var required = false
    }

    /// Title left, state right. Title, concern count and clock stay at every width: the title is
    /// shortened first, then the items take their short forms, then optional items drop.
    static func header(_ g: inout CellGrid, _ s: ConsoleState) {
        let alerting = !s.unacknowledgedConcerns.isEmpty
        let style = CellStyle(alerting ? .headerAlert : .header, bold: true)
        g.fill(x: 0, y: 0, width: g.width, height: 1, style: style)
        var items: [HeaderItem] = []
        let open = s.session.register.open
        let waiting = s.unacknowledgedConcerns
        if !open.isEmpty || !waiting.isEmpty {
            let byUrgency = ConcernUrgency.allCases.compactMap { u -> String? in
                let n = waiting.filter { $0.urgency == u }.count
                return n > 0 ? "\(n) \(u.rawValue)" : nil
            }
            let long =
                "⚑ \(open.count) open"
                + (waiting.isEmpty
                    ? ", all acknowledged" : " (\(waiting.count) to ack: \(byUrgency.joined(separator: ", ")))")
            let short = "⚑ \(open.count) open" + (waiting.isEmpty ? "" : " \(waiting.count) to ack")
            items.append(HeaderItem(long: long, short: short, required: true))
        }
        if let round = s.session.currentRound, let left = round.remaining(at: s.now) {
            let secs = Int(left.rounded(.up))
            let warn = secs <= 60 ? " ⏰ 1 MIN" : ""
            items.append(
                HeaderItem(
                    long: String(format: "Round %d %02d:%02d left", round.number, secs / 60, secs % 60) + warn,
                    short: String(format: "R%d %02d:%02d", round.number, secs / 60, secs % 60)
                        + (secs <= 60 ? " ⏰" : ""),
                    required: true))
        }
        if let waiting = s.offlineWaiting {
            items.append(HeaderItem(long: "offline — \(waiting) waiting", short: "offline \(waiting)", required: true))
        }
        let missing = s.session.participantsWithoutConsent.count
        if missing > 0 { items.append(HeaderItem(long: "✗ consent missing: \(missing)", short: "✗\(missing)")) }
        let toReview = s.privacy.unresolvedCount
        // While older contributions are still being scanned the count is a floor.
        if toReview > 0 || !s.privacy.isComplete {
            let n = "\(toReview)\(s.privacy.isComplete ? "" : "+")"
            items.append(HeaderItem(long: "◌ \(n) to review", short: "◌\(n)"))
        }
        if s.session.info?.recording == true { items.append(HeaderItem(long: "● REC", short: "●REC")) }
        if s.session.info?.closed == true { items.append(HeaderItem(long: "CLOSED", short: "CLOSED", required: true)) }
        items.append(HeaderItem(long: clock(s.now), short: clock(s.now, seconds: false), required: true))

        let fullTitle = " Convene · " + (s.session.info?.title ?? "no session")
        let titleRoom = min(DisplayWidth.of(fullTitle), 28)
        func text(_ list: [HeaderItem], short: Bool) -> String {
            list.map { short ? $0.short : $0.long }.joined(separator: "  ")
        }
        var chosen = items
        var useShort = false
        func fits() -> Bool { DisplayWidth.of(text(chosen, short: useShort)) + 3 + titleRoom <= g.width }
        if !fits() { useShort = true }
        while !fits(), let drop = chosen.lastIndex(where: { !$0.required }) { chosen.remove(at: drop) }
        let rightText = text(chosen, short: useShort)
        let rightWidth = DisplayWidth.of(rightText)
        g.put(" " + rightText + " ", x: max(0, g.width - rightWidth - 2), y: 0, style: style)
        let room = max(0, g.width - rightWidth - 3)
        let title = DisplayWidth.of(fullTitle) <= room ? fullTitle : String(fullTitle.prefix(max(0, room - 1))) + "…"
        g.put(title, x: 0, y: 0, style: style, maxWidth: room)
    }

    /// The row under the header: an unacknowledged concern, else a notice. False when the row is free.
    static func banner(_ g: inout CellGrid, _ s: ConsoleState) -> Bool {
        if let c = s.unacknowledgedConcerns.sorted(by: { $0.urgency < $1.urgency }).first {
            let more = s.unacknowledgedConcerns.count > 1 ? " (+\(s.unacknowledgedConcerns.count - 1) more)" : ""
            // The least useful parts go first at narrow widths; the number and its `:ack` never.
            let said = "\(c.urgency.rawValue), \(c.category.rawValue)"
            let text = Fit.first(
                [
                    " ⚑ SAFEGUARDING ALERT: concern #\(c.number), \(said), raised by \(c.raisedBy) in \(s.session.roomName(c.room))\(more) — awaiting the safeguarding lead (:ack \(c.number))",
                    " ⚑ SAFEGUARDING ALERT: concern #\(c.number), \(said), raised by \(c.raisedBy) in \(s.session.roomName(c.room))\(more) (:ack \(c.number))",
                    " ⚑ SAFEGUARDING ALERT: concern #\(c.number), \(said), raised by \(c.raisedBy)\(more) (:ack \(c.number))",
                    " ⚑ SAFEGUARDING ALERT: concern #\(c.number), \(said)\(more) (:ack \(c.number))",
                    " ⚑ ALERT: concern #\(c.number), \(said)\(more) (:ack \(c.number))",
                    " ⚑ ALERT #\(c.number), \(c.urgency.rawValue)\(more) (:ack \(c.number))",
                    " ⚑ ALERT #\(c.number)\(more) (:ack \(c.number))",
                ], width: g.width)
            g.fill(x: 0, y: 1, width: g.width, height: 1, style: CellStyle(.alert, bold: true))
            g.put(text, x: 0, y: 1, style: CellStyle(.alert, bold: true))
            return true
        }
        if let notice = s.notice {
            g.fill(x: 0, y: 1, width: g.width, height: 1, style: CellStyle(.warning, bold: true, reverse: true))
            g.put(" ⓘ " + notice.text, x: 0, y: 1, style: CellStyle(.warning, bold: true, reverse: true))
            return true
        }
        return false
    }

    static func pane(
        _ g: inout CellGrid, _ s: ConsoleState, _ focus: Focus, x: Int, y: Int, width: Int, height: Int, title: String
    ) {
        g.box(
            x: x, y: y, width: width, height: height, title: (s.focus == focus ? "▶ " : "") + title,
            style: CellStyle(s.focus == focus ? .title : .border))
    }

    static func rooms(_ g: inout CellGrid, _ s: ConsoleState, x: Int, y: Int, width: Int, height: Int) {
        pane(&g, s, .rooms, x: x, y: y, width: width, height: height, title: "Rooms")
        var row = y + 1
        for room in s.session.rooms where !room.closed {
            guard row < y + height - 1 else { break }
            let members = s.session.members(of: room.id).count
            let mark = room.id == s.room ? "▸" : " "
            let filter = s.filter.room == room.id ? " ◆" : ""
            let style = room.id == s.room && s.focus == .rooms ? CellStyle(.selected, reverse: true) : CellStyle()
            g.put("\(mark)\(room.name) (\(members))\(filter)", x: x + 1, y: row, style: style, maxWidth: width - 2)
            row += 1
        }
    }

    static func participants(_ g: inout CellGrid, _ s: ConsoleState, x: Int, y: Int, width: Int, height: Int) {
        pane(&g, s, .participants, x: x, y: y, width: width, height: height, title: "People")
        let people = s.session.orderedParticipants
        let rows = height - 2
        // Each line: the code and marks, then the role (and consent items not given).
        let lines: [(head: String, role: String)] = people.map { p in
            let status = s.session.consentStatus(p)
            let consent = p.withdrawn ? "W" : status.symbol
            // ◐: the optional items not given follow the role, so the effect is visible.
            let partial =
                if case .partial(let items, _) = status, !p.withdrawn {
                    "  ◐ not given: " + items.joined(separator: ", ")
                } else { "" }
            let attribution = p.attribution == .role ? "r" : "n"
            let room = p.room == 0 ? "M" : String(s.session.roomName(p.room).suffix(1))
            let speaking = p.code == s.speaker ? "»" : " "
            return ("\(speaking)\(p.code) \(consent)\(attribution) \(room) ", "\(p.jobRole)\(partial)")
        }
        func style(_ i: Int) -> CellStyle {
            let selected = i == s.selectedParticipant && s.focus == .participants
            return selected
                ? CellStyle(.selected, reverse: true)
                : CellStyle(s.session.consentStatus(people[i]).isConsented ? .normal : .warning)
        }
        // A role wraps under itself when every participant's lines fit the pane (a wide screen's tall pane);
        // otherwise one line each, scrolled to the selection.
        let indent = lines.map { DisplayWidth.of($0.head) }.max() ?? 0
        let wrapped = lines.map { Wrap.lines($0.role, width: width - 2 - indent, limit: 4) }
        let wrappedRows = wrapped.reduce(0) { $0 + max(1, $1.count) }
        if wrappedRows > people.count && wrappedRows <= rows && width - 2 - indent >= 8 {
            var row = y + 1
            for (i, pieces) in wrapped.enumerated() {
                for (k, piece) in (pieces.isEmpty ? [""] : pieces).enumerated() {
                    g.put(
                        (k == 0
                            ? lines[i].head + String(repeating: " ", count: indent - DisplayWidth.of(lines[i].head))
                            : String(repeating: " ", count: indent)) + piece, x: x + 1, y: row,
                        style: style(i), maxWidth: width - 2)
                    row += 1
                }
            }
            return
        }
        let start = max(0, min(s.selectedParticipant - rows + 1, people.count - rows))
        for (i, line) in lines.enumerated().dropFirst(start).prefix(rows) {
            g.put(line.head + line.role, x: x + 1, y: y + 1 + i - start, style: style(i), maxWidth: width - 2)
        }
    }

    static func sourceTag(_ source: ContributionSource) -> String {
        switch source {
        case .verbal: return "say"
        case .chat: return "cht"
        case .whiteboard: return "wbd"
        case .facilitator: return "fac"
        }
    }

    static func log(_ g: inout CellGrid, _ s: ConsoleState, x: Int, y: Int, width: Int, height: Int) {
        var title = "Log"
        if let room = s.filter.room { title += " · \(s.session.roomName(room))" }
        if !s.filter.summary.isEmpty { title += " · " + s.filter.summary }
        title += " (\(s.logCount))"
        pane(&g, s, .log, x: x, y: y, width: width, height: height, title: title)
        let detailHeight = 3
        let rows = height - 2 - detailHeight - 1
        let count = s.logCount
        guard rows > 0 else { return }
        let selectedPosition = s.selected.flatMap { Keymap.position(of: $0, in: s) }
        let start: Int
        if let p = selectedPosition {
            start = max(0, min(p - rows / 2, count - rows))
        } else {
            start = max(0, count - rows)
        }
        for row in 0..<min(rows, count - start) {
            let n = s.logNumber(at: start + row)
            guard let c = s.session.contribution(n) else { continue }
            let isSelected = n == s.selected
            entry(&g, s, c, x: x + 1, y: y + 1 + row, width: width - 2, selected: isSelected)
        }
        // Detail of the selected (or newest) contribution, wrapped.
        let sepY = y + height - 2 - detailHeight
        for xx in (x + 1)..<(x + width - 1) { g[xx, sepY] = Cell(text: "─", style: CellStyle(.border)) }
        let focusNumber = s.selected ?? (count > 0 ? s.logNumber(at: count - 1) : nil)
        if let n = focusNumber, let c = s.session.contribution(n) {
            var detail = "#\(c.number) "
            if c.erased {
                detail += "[erased by withdrawal]"
            } else {
                detail += c.speaker.map { "\($0) (\(s.session.participant($0)?.jobRole ?? "?")) " } ?? ""
                detail +=
                    "[\(c.source.rawValue)\(c.form == .summary ? ", summary" : "")] attribution \(c.attribution.rawValue)"
                if !c.replyTo.isEmpty { detail += " ↩ " + c.replyTo.map { "#\($0)" }.joined(separator: ",") }
                if !c.codes.isEmpty { detail += " · " + c.codes.joined(separator: "; ") }
                if c.struck { detail += " · STRUCK" }
                if !c.concerns.isEmpty {
                    detail += " · ⚑ concern " + c.concerns.map { "#\($0)" }.joined(separator: ",")
                }
                let findings = s.findings(c.number)
                if !findings.isEmpty {
                    detail +=
                        " · ◌ " + findings.map { $0.label.rawValue }.joined(separator: ", ")
                        + " to review (A accepts all, p steps)"
                }
                detail += " — " + RedactedText.display(c)
            }
            let lines = Wrap.lines(detail, width: width - 2, limit: detailHeight)
            for (i, line) in lines.enumerated() {
                g.put(line, x: x + 1, y: sepY + 1 + i, style: CellStyle(.muted), maxWidth: width - 2)
            }
        }
    }

    /// One log line: markers, number, time, room, source, speaker, text.
    static func entry(
        _ g: inout CellGrid, _ s: ConsoleState, _ c: Contribution, x: Int, y: Int, width: Int, selected: Bool
    ) {
        let base = selected ? CellStyle(.selected, reverse: true) : CellStyle()
        if selected { g.fill(x: x, y: y, width: width, height: 1, style: base) }
        var col = x
        func put(_ text: String, _ role: StyleRole, bold: Bool = false) {
            guard col < x + width else { return }
            let style = selected ? CellStyle(.selected, bold: bold, reverse: true) : CellStyle(role, bold: bold)
            col += g.put(text, x: col, y: y, style: style, maxWidth: x + width - col)
        }
        // Markers stay readable without colour.
        let consented = c.speaker.map { s.session.consentStatus(of: $0).isConsented } ?? true
        let findings = s.findings(c.number)
        put(c.concerns.isEmpty ? " " : "⚑", .flag, bold: true)
        put(c.struck ? "~" : !consented ? "✗" : " ", .warning, bold: true)
        // Unresolved findings outrank redactions done: ◌ until every finding is resolved.
        put(
            !findings.isEmpty ? "◌" : c.redactions.isEmpty ? " " : "▒", !findings.isEmpty ? .finding : .redaction,
            bold: true)
        put(String(format: "#%-4d ", c.number), .muted)
        put(clock(c.occurredAt, seconds: false) + " ", .muted)
        if c.erased {
            put("[erased by withdrawal]", .muted)
            return
        }
        // The room column only where there is width to spare: text comes first.
        if width >= 100 {
            let roomName = s.session.roomName(c.room)
            put(String(roomName.prefix(6)).padding(toLength: 6, withPad: " ", startingAt: 0) + " ", .muted)
        }
        put(sourceTag(c.source) + " ", .source)
        put(
            (c.speaker ?? (c.source == .facilitator ? "FAC" : "—")).padding(toLength: 4, withPad: " ", startingAt: 0),
            .speaker, bold: true)
        if c.attribution != .role { put(c.attribution == .anonymous ? "ᵃ" : "ᵇ", .muted) } else { put(" ", .muted) }
        for segment in RedactedText.segments(c, findings: findings) {
            if segment.finding && !c.struck {
                guard col < x + width else { break }
                let style =
                    selected
                    ? CellStyle(.selected, underline: true, reverse: true) : CellStyle(.finding, underline: true)
                col += g.put(segment.text, x: col, y: y, style: style, maxWidth: x + width - col)
            } else {
                put(segment.text, c.struck ? .struck : segment.redacted ? .redaction : .normal)
            }
        }
        if !c.codes.isEmpty { put("  [" + c.codes.joined(separator: "; ") + "]", .code) }
    }

    static func guide(_ g: inout CellGrid, _ s: ConsoleState, x: Int, y: Int, width: Int, height: Int) {
        g.box(x: x, y: y, width: width, height: height, title: "Guide")
        let guide = s.session.guide
        var row = y + 1
        if guide.segments.isEmpty {
            g.put("no guide (convene guide FILE)", x: x + 1, y: row, style: CellStyle(.muted), maxWidth: width - 2)
        }
        for (i, seg) in guide.segments.enumerated() {
            guard row < y + height - 1 else { break }
            let current = i == guide.current
            g.put(
                "\(current ? "▶" : " ")\(i + 1). \(seg.title)\(seg.minutes.map { " (\($0)m)" } ?? "")", x: x + 1,
                y: row,
                style: CellStyle(current ? .title : .normal, bold: current), maxWidth: width - 2)
            row += 1
            if current {
                for p in seg.prompts where row < y + height - 1 {
                    g.put("   · " + p, x: x + 1, y: row, style: CellStyle(.muted), maxWidth: width - 2)
                    row += 1
                }
            }
        }
    }

    static func themes(_ g: inout CellGrid, _ s: ConsoleState, x: Int, y: Int, width: Int, height: Int) {
        g.box(x: x, y: y, width: width, height: height, title: "Themes")
        for (i, t) in s.session.themes.enumerated() where !t.title.isEmpty {
            guard i < height - 2 else { break }
            g.put("\(t.number). \(t.title) (\(t.contributions.count))", x: x + 1, y: y + 1 + i, maxWidth: width - 2)
        }
    }

    /// The status line: the mode, then what the last action did (or refused), else where a line goes.
    static func context(_ g: inout CellGrid, _ s: ConsoleState, y: Int) {
        let mode = " \(s.modeName) "
        var col = g.put(mode, x: 0, y: y, style: CellStyle(.title, bold: true, reverse: true))
        col += 1
        if let status = s.status {
            let style = CellStyle(.warning, bold: true)
            let lines =
                DisplayWidth.of(status) <= g.width - col ? [status] : Wrap.lines(status, width: g.width - col, limit: 2)
            if lines.count == 2 {
                // Too long for one row (80 columns): it starts on the row above, so no word of it is cut.
                g.fill(x: 0, y: y - 1, width: g.width, height: 1)
                g.put(mode, x: 0, y: y - 1, style: CellStyle(.title, bold: true, reverse: true))
                g.fill(x: 0, y: y, width: col, height: 1)
                g.put(lines[0], x: col, y: y - 1, style: style, maxWidth: g.width - col)
                g.put(lines[1], x: col, y: y, style: style, maxWidth: g.width - col)
            } else {
                g.put(lines.first ?? "", x: col, y: y, style: style, maxWidth: g.width - col)
            }
            return
        }
        var parts: [String] = []
        if let n = s.editing, let c = s.session.contribution(n) {
            // The line being edited keeps its own source, speaker and room, whatever the next line's are.
            parts.append("EDITING #\(n)")
            parts.append("[\(c.source.rawValue)\(c.form == .summary ? ", summary" : "")]")
            parts.append(c.speaker.map { "speaker \($0)" } ?? "no speaker")
            parts.append("in \(s.session.roomName(c.room))")
        } else {
            parts.append("[\(s.source.rawValue)\(s.summaryMode ? ", summary" : "")]")
            if s.source == .whiteboard || s.source == .facilitator {
                parts.append(s.source == .whiteboard ? "no speaker (whiteboard notes are anonymous)" : "facilitator")
            } else if let code = s.speaker, let p = s.session.participant(code) {
                let status = s.session.consentStatus(p)
                let mark = status.isConsented ? (status == .full ? "" : " " + status.summary) : " ✗ NO CONSENT"
                parts.append("speaker \(code) \(p.jobRole)\(mark)")
            } else {
                parts.append("no speaker")
            }
            parts.append("in \(s.session.roomName(s.room))")
        }
        if let r = s.replyTo { parts.append("↩ reply to #\(r)") }
        // Who you are is the least needed here: shortened, then dropped, rather than cutting a word, when the
        // row is full; before that the speaker's job role gives way to the code alone.
        let room = g.width - col
        let line = parts.joined(separator: " · ")
        let short = parts.map {
            $0.hasPrefix("speaker ") ? String($0.split(separator: " ").prefix(2).joined(separator: " ")) : $0
        }
        .joined(separator: " · ")
        let me = "as \(s.context.user) (\(s.context.role.rawValue))"
        let role = "(\(s.context.role.rawValue))"
        let text = Fit.first(
            [line + " · " + me, line + " · " + role, short + " · " + me, short + " · " + role, line, short],
            width: room)
        g.put(text, x: col, y: y, style: CellStyle(.muted), maxWidth: room)
    }

    static func input(_ g: inout CellGrid, _ s: ConsoleState, y: Int) {
        let prompt = s.focus == .input ? "› " : "  "
        g.put(prompt, x: 0, y: y, style: CellStyle(.input, bold: true))
        let available = g.width - 3
        // Scroll the line horizontally so the caret stays visible.
        let chars = s.input.characters
        var start = 0
        var caretCols = s.input.caretColumns
        while caretCols > available - 1 && start < chars.count {
            caretCols -= TerminalKitWidth.of(chars[start])
            start += 1
        }
        let findings = s.privacy.input
        var hint = ""
        if !findings.isEmpty {
            var labels: [String] = []
            for f in findings where !labels.contains(f.label.rawValue) { labels.append(f.label.rawValue) }
            hint = " ◌ " + labels.joined(separator: " ")
        }
        let hintWidth = min(DisplayWidth.of(hint), max(0, available / 3))
        let textWidth = available - hintWidth
        if findings.isEmpty {
            g.put(String(chars[start...]), x: 2, y: y, style: CellStyle(.input), maxWidth: textWidth)
        } else {
            // Findings are underlined as you type (Unicode-scalar spans mapped to characters).
            let covered = ScalarSpans.coverage(chars, findings)
            var col = 2
            var i = start
            while i < chars.count, col < 2 + textWidth {
                let mark = covered[i] != nil
                var j = i
                while j < chars.count && (covered[j] != nil) == mark { j += 1 }
                let style = mark ? CellStyle(.finding, underline: true) : CellStyle(.input)
                col += g.put(String(chars[i..<j]), x: col, y: y, style: style, maxWidth: 2 + textWidth - col)
                i = j
            }
            g.put(hint, x: g.width - hintWidth - 1, y: y, style: CellStyle(.finding, bold: true), maxWidth: hintWidth)
        }
        if s.focus == .input && s.overlay == .none { g.cursor = (2 + caretCols, y) }
        if s.input.isEmpty && s.focus == .input {
            g.put(
                "type what is said; P03: sets the speaker; a first : opens the palette", x: 2, y: y,
                style: CellStyle(.muted), maxWidth: g.width - 3)
        }
    }

    /// The hint line: the keys of the current mode from the key table, fitted by priority
    /// (at 80 columns the essential ones always show); a dialog's own keys while one is open.
    static func hints(_ g: inout CellGrid, _ s: ConsoleState, y: Int) {
        let text: String
        switch s.overlay {
        case .none: text = KeyTable.hintLine(modes: Keymap.modes(s), width: g.width)
        case .help(let h):
            text =
                h.searching ? " type to search · Enter keep · Esc clear" : " ↑↓ PgUp PgDn scroll · / search · Esc close"
        case .palette: text = " Enter run · Tab complete · Esc close (nothing done)"
        case .confirm(let d):
            if case .strike = d.purpose {
                text = " type the reason · Enter strike · Esc keep it"
            } else {
                text = " Enter confirm · Esc cancel"
            }
        case .confirmQuit: text = " y / Enter leave · any other key stays"
        case .flag: text = " digits choose · Enter raise · Esc cancel · F1 help"
        default: text = " Esc close · F1 help"
        }
        g.put(text, x: 0, y: y, style: CellStyle(.muted), maxWidth: g.width)
    }
}

/// Text with accepted redactions shown as their placeholders, and unresolved
/// findings marked (they keep their text until accepted).
enum RedactedText {
    struct Segment {
        var text: String
        var redacted: Bool
        var finding = false
    }

    static func segments(_ c: Contribution, findings: [Finding] = []) -> [Segment] {
        guard !c.redactions.isEmpty || !findings.isEmpty else { return [Segment(text: c.text, redacted: false)] }
        let scalars = Array(c.text.unicodeScalars)
        var spans: [(TextSpan, Segment)] = c.redactions.map { ($0.span, Segment(text: $0.placeholder, redacted: true)) }
        for f in findings where f.span.end <= scalars.count {
            spans.append(
                (
                    f.span,
                    Segment(
                        text: String(String.UnicodeScalarView(scalars[f.span.start..<f.span.end])), redacted: false,
                        finding: true)
                ))
        }
        spans.sort { $0.0.start < $1.0.start }
        var out: [Segment] = []
        var at = 0
        for (span, segment) in spans where span.start >= at && span.end <= scalars.count {
            if span.start > at {
                out.append(Segment(text: String(String.UnicodeScalarView(scalars[at..<span.start])), redacted: false))
            }
            out.append(segment)
            at = span.end
        }
        if at < scalars.count {
            out.append(Segment(text: String(String.UnicodeScalarView(scalars[at...])), redacted: false))
        }
        return out
    }

    static func display(_ c: Contribution) -> String { segments(c).map(\.text).joined() }
}

/// Choosing wording that fits: the longest that fits whole, never a cut word, number or key name.
enum Fit {
    /// The first of `candidates` (longest first) that fits `width` columns, else the last.
    static func first(_ candidates: [String], width: Int) -> String {
        candidates.first { DisplayWidth.of($0) <= width } ?? candidates.last ?? ""
    }

    /// `parts` joined with " · ", wrapped between parts onto as many lines as they need.
    static func lines(_ parts: [String], width: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for part in parts {
            let next = current.isEmpty ? part : current + " · " + part
            if !current.isEmpty && DisplayWidth.of(next) > width {
                out.append(current)
                current = part
            } else {
                current = next
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

enum Wrap {
    /// Greedy word wrap to `width` columns, at most `limit` lines (the last ends with …).
    static func lines(_ text: String, width: Int, limit: Int) -> [String] {
        guard width > 1 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = DisplayWidth.of(String(word))
            if currentWidth > 0 && currentWidth + 1 + w > width {
                lines.append(current)
                current = ""
                currentWidth = 0
                if lines.count == limit { break }
            }
            if currentWidth > 0 {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += w
        }
        if lines.count < limit && !current.isEmpty { lines.append(current) }
        if lines.count == limit && lines.joined(separator: " ").count < text.count, var last = lines.popLast() {
            if DisplayWidth.of(last) >= width { last = String(last.dropLast()) }
            lines.append(last + "…")
        }
        return lines
    }
}
