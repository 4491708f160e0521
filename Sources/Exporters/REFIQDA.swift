/// The REFI-QDA exchange formats (QDA-XML 1.0, REFI-QDA 1.5): `qdpx`, a
/// project zip (project.qde + sources/GUID.txt) that NVivo, ATLAS.ti, MAXQDA
/// and QualCoder import, and `qdc`, the codebook alone. Built from the
/// research record only. What importers need beyond the schema is followed:
/// code-point positions, lowercase GUIDs, unique code names, #RRGGBB,
/// creatingUser on every coding, schema child order, no empty containers.
import Foundation

public enum REFIQDA {
    static let origin = "Convene"

    /// One code in the tree; `children` non-empty only for the group codes.
    struct CodeNode: Sendable {
        var guid: String
        var name: String
        var codable: Bool
        var color: String
        var description: String?
        var children: [CodeNode] = []
    }

    /// Everything the two formats share: the code tree and the GUID of each
    /// code a contribution can carry.
    struct Model: Sendable {
        let guids: StableGUID
        let user: String
        var tree: [CodeNode] = []
        var codebookGUID: [String: String] = [:]
        var themeGUID: [Int: String] = [:]
        var speakerGUID: [String: String] = [:]
        var sourceGUID: [String: String] = [:]
        var themesByContribution: [Int: [Int]] = [:]
        /// Each room's contributions (indices into the record), in order.
        var roomEntries: [Int: [Int]] = [:]
        /// Each participant code's contributions (their numbers), in order.
        var spoken: [String: [Int]] = [:]

        init(_ r: ResearchRecord) {
            guids = StableGUID(session: r.session.id)
            user = guids.guid("user:convene")
            var names = UniqueNames()
            // One pass over the contributions (each is decoded from the record's entry list as it is read), a
            // chunk at a time on every core; the chunks' findings are joined in order, so every list keeps the
            // order (and every set the first of equal strings) one pass in order gave.
            var book = r.codebook
            let known = Set(book.map(\.name))
            var speakers = Set(r.participants.map(\.code))
            var seenSources = Set<String>()
            let count = r.contributions.count
            let chunk = 4_096
            let slots = ParallelRows.Slots<Seen>(count: (count + chunk - 1) / chunk, empty: Seen())
            DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { k in
                var seen = Seen()
                for i in (k * chunk)..<min(count, (k + 1) * chunk) {
                    let e = r.contributions[i]
                    for c in e.codes where !known.contains(c) && seen.codeSet.insert(c).inserted {
                        seen.codes.append(c)
                    }
                    if let s = e.speaker ?? (e.source == "facilitator" ? "Facilitator" : nil),
                        seen.speakerSet.insert(s).inserted
                    {
                        seen.speakers.append(s)
                    }
                    seen.sources.insert(e.source)
                    seen.rooms[e.roomId, default: []].append(i)
                    if let code = e.speaker { seen.spoken[code, default: []].append(e.number) }
                }
                slots.set(k, seen)
            }
            for seen in slots.all {
                // Codebook codes, then any code used on a contribution but missing from it.
                for c in seen.codes where !book.contains(where: { $0.name == c }) {
                    book.append(.init(name: c, description: nil, emergent: true))
                }
                for s in seen.speakers { speakers.insert(s) }
                seenSources.formUnion(seen.sources)
                for (room, indices) in seen.rooms { roomEntries[room, default: []] += indices }
                for (code, numbers) in seen.spoken { spoken[code, default: []] += numbers }
            }
            var group = CodeNode(
                guid: guids.guid("group:codebook"), name: names.take("Codebook: \(r.session.codebook)"), codable: false,
                color: "#4E79A7")
            for (i, c) in book.enumerated() {
                let g = guids.guid("code:\(c.name)")
                codebookGUID[c.name] = g
                let about = [c.description, c.emergent ? "Emergent code, added while tagging." : nil].compactMap { $0 }
                    .joined(separator: " ")
                group.children.append(
                    CodeNode(
                        guid: g, name: names.take(c.name), codable: true,
                        color: Palette.codebook[i % Palette.codebook.count],
                        description: about.isEmpty ? nil : about))
            }
            tree.append(group)
            if !r.themes.isEmpty {
                var themes = CodeNode(
                    guid: guids.guid("group:themes"), name: names.take("Themes"), codable: false, color: "#E15759",
                    description: "The themes board the group built.")
                for t in r.themes {
                    let g = guids.guid("theme:\(t.number)")
                    themeGUID[t.number] = g
                    for n in t.contributions { themesByContribution[n, default: []].append(t.number) }
                    themes.children.append(
                        CodeNode(
                            guid: g, name: names.take("Theme \(t.number): \(t.title)"), codable: true, color: "#F28E2B")
                    )
                }
                tree.append(themes)
            }
            if !speakers.isEmpty {
                var group = CodeNode(
                    guid: guids.guid("group:speakers"), name: names.take("Speakers"), codable: false, color: "#59A14F",
                    description: "Who spoke, by participant code (focus-group speaker codes).")
                let roles = Dictionary(r.participants.map { ($0.code, $0.role) }, uniquingKeysWith: { a, _ in a })
                for s in speakers.sorted() {
                    let g = guids.guid("speaker:\(s)")
                    speakerGUID[s] = g
                    group.children.append(
                        CodeNode(
                            guid: g, name: names.take("Speaker \(s)"), codable: true, color: "#8CD17D",
                            description: roles[s]))
                }
                tree.append(group)
            }
            let sources = contributionSourceOrder.filter { seenSources.contains($0) }
            if !sources.isEmpty {
                var group = CodeNode(
                    guid: guids.guid("group:sources"), name: names.take("Sources"), codable: false, color: "#76B7B2",
                    description: "Where each contribution came from: spoken, chat, whiteboard or facilitator.")
                for s in sources {
                    let g = guids.guid("source:\(s)")
                    sourceGUID[s] = g
                    group.children.append(
                        CodeNode(guid: g, name: names.take("Source: \(s)"), codable: true, color: "#B6E3DF"))
                }
                tree.append(group)
            }
        }

        /// What one chunk of the contributions holds, in the order first met there.
        struct Seen: Sendable {
            var codes: [String] = []
            var codeSet = Set<String>()
            var speakers: [String] = []
            var speakerSet = Set<String>()
            var sources = Set<String>()
            var rooms: [Int: [Int]] = [:]
            var spoken: [String: [Int]] = [:]
        }

        /// The speaker code a contribution is coded with: the participant code,
        /// or "Facilitator" for the facilitators' own lines.
        func speakerName(_ e: ResearchRecord.Entry) -> String? {
            e.speaker ?? (e.source == "facilitator" ? "Facilitator" : nil)
        }

        /// Every code applied to a contribution, in a fixed order.
        func codes(for e: ResearchRecord.Entry) -> [String] {
            var out: [String] = []
            for c in e.codes { if let g = codebookGUID[c], !out.contains(g) { out.append(g) } }
            for t in themesByContribution[e.number] ?? [] { if let g = themeGUID[t] { out.append(g) } }
            if let s = speakerName(e), let g = speakerGUID[s] { out.append(g) }
            if let g = sourceGUID[e.source] { out.append(g) }
            return out
        }
    }

    static let contributionSourceOrder = ["verbal", "chat", "whiteboard", "facilitator"]

    enum Palette {
        static let codebook = [
            "#4E79A7", "#A0CBE8", "#F28E2B", "#FFBE7D", "#59A14F", "#8CD17D", "#B6992D", "#F1CE63",
            "#499894", "#86BCB6", "#E15759", "#FF9D9A", "#79706E", "#BAB0AC", "#D37295", "#FABFD2",
        ]
    }

    /// Names must be unique across the whole codebook; a clash gets " (2)", " (3)"…
    struct UniqueNames {
        private var used = Set<String>()
        mutating func take(_ name: String) -> String {
            let base = name.isEmpty ? "Untitled" : name
            var candidate = base
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(base) (\(n))"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// One text source: a room's contributions as plain text (written into its
    /// zip entry when the archive is packed, never held whole), and where in it
    /// (in Unicode code points, end exclusive) each contribution's words are.
    struct SourceText {
        var guid: String
        var name: String
        /// Each contribution's index in the record and its words' span (indices, not copies: a long session has many).
        var spans: [(index: Int, start: Int, end: Int)]
        /// The text's zip entry, deflated as it was measured (the text itself is never held whole, nor made twice).
        var packed: ZipPackage.Deflated
    }

    static func lf(_ s: String) -> String {
        // Without a CR byte Foundation's search finds none either: most texts skip it (a tenth of a qdpx export).
        guard ExportText.hasByte(s, 0x0D) else { return s }
        return s.contains("\r")
            ? s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : s
    }

    static func sources(_ r: ResearchRecord, _ m: Model) throws -> [SourceText] {
        let rooms = r.rooms.compactMap { room in m.roomEntries[room.id].flatMap { $0.isEmpty ? nil : (room, $0) } }
        // Each room's text is rendered once, a chunk of contributions at a time on every core (each chunk from its
        // own start; its spans then moved by the length of the text before it), and its bytes, in order, deflated
        // into its zip entry there and then (in blocks on every core, as the package deflates any large entry):
        // the entry is written later as it is, so the text is neither held whole nor rendered a second time.
        return try rooms.map { room, indices in
            var spans: [(index: Int, start: Int, end: Int)] = []
            spans.reserveCapacity(indices.count)
            var length = 0
            let packed = try ZipPackage.deflate { out in
                typealias Chunk = (bytes: [UInt8], length: Int, spans: [(index: Int, start: Int, end: Int)])
                var failure: (any Error)?
                ParallelRows.inOrder(count: indices.count, chunk: roomChunk) { range -> [Chunk] in
                    var bytes: [UInt8] = []
                    var measured: [(index: Int, start: Int, end: Int)] = []
                    measured.reserveCapacity(range.count)
                    let n = roomText(r, m, indices, range, into: &bytes, spans: &measured)
                    return [(bytes, n, measured)]
                } write: { pieces in
                    for chunk in pieces where failure == nil {
                        for span in chunk.spans { spans.append((span.index, span.start + length, span.end + length)) }
                        length += chunk.length
                        do { try chunk.bytes.withUnsafeBufferPointer { try out.write(bytes: $0) } } catch {
                            failure = error
                        }
                    }
                }
                if let failure { throw failure }
            }
            return SourceText(
                guid: m.guids.guid("source-text:\(room.id)"), name: room.name, spans: spans, packed: packed)
        }
    }

    /// Contributions a chunk of a room's text (measured or written on one core).
    static let roomChunk = 1_024

    /// The heading a contribution's room text goes under ("" for none).
    static func heading(_ e: ResearchRecord.Entry) -> String {
        [e.round.map { "Round \($0)" }, e.guideSegment].compactMap { $0 }.joined(separator: " · ")
    }

    /// The room text of `entries[range]` (a room's contributions, indices into the record), its UTF-8
    /// appended to `out` and each contribution's words' span (in code points from the chunk's start)
    /// to `spans`; returns the chunk's length in code points. The same pieces when measured first and
    /// written later, so the spans fit the text; a chunk's first heading depends on the contribution
    /// before it, so chunks can be made on any core and joined in order.
    @discardableResult
    static func roomText(
        _ r: ResearchRecord, _ m: Model, _ entries: [Int], _ range: Range<Int>, into out: inout [UInt8],
        spans: inout [(index: Int, start: Int, end: Int)]
    ) -> Int {
        var length = 0
        var lastHeading: String? = range.lowerBound > 0 ? heading(r.contributions[entries[range.lowerBound - 1]]) : nil
        func measure(from start: Int) {
            for k in start..<out.count { length &+= out[k] & 0xC0 != 0x80 ? 1 : 0 }
        }
        for i in entries[range] {
            let e = r.contributions[i]
            let before = out.count
            let heading = heading(e)
            if !heading.isEmpty && heading != lastHeading {
                out.add("== ")
                out.append(contentsOf: lf(heading).utf8)
                out.add(" ==\n")
            }
            lastHeading = heading
            out.add("#")
            out.add(e.number)
            out.add(" [")
            ExportText.appendClock(e.occurredAt, to: &out)
            out.add("] ")
            out.append(
                contentsOf: (m.speakerName(e) ?? (e.source == "whiteboard" ? "Whiteboard" : "Unattributed")).utf8)
            out.add(": ")
            measure(from: before)
            let start = length
            let words = out.count
            out.append(contentsOf: lf(e.text).utf8)
            measure(from: words)
            spans.append((i, start, length))
            out.add("\n")
            length += 1
        }
        return length
    }

    // MARK: project.qde

    static func codeXML(_ node: CodeNode, indent: String, withRefs: Bool, into x: SinkText) {
        x +=
            "\(indent)<Code guid=\"\(node.guid)\" name=\"\(ExportText.xml(node.name))\" isCodable=\"\(node.codable)\" color=\"\(node.color)\""
        if node.description == nil && node.children.isEmpty {
            x += "/>\n"
            return
        }
        x += ">\n"
        if let d = node.description { x += "\(indent)  <Description>\(ExportText.xml(d))</Description>\n" }
        for c in node.children { codeXML(c, indent: indent + "  ", withRefs: withRefs, into: x) }
        x += "\(indent)</Code>\n"
    }

    /// A note: a facilitator prompt (the discussion guide or a breakout round).
    struct NoteText { var guid: String, name: String, text: String, at: Date }

    /// Facilitator prompts (the discussion guide and the breakout rounds) as notes.
    static func notes(_ r: ResearchRecord, _ g: StableGUID) -> [NoteText] {
        var notes: [NoteText] = []
        for s in r.guide where !s.prompts.isEmpty {
            notes.append(
                NoteText(
                    guid: g.guid("note:guide:\(s.index)"), name: "Guide \(s.index + 1): \(s.title)",
                    text: s.prompts.map { "- \($0)" }.joined(separator: "\n"), at: r.session.startedAt))
        }
        for round in r.rounds {
            if let p = round.prompt {
                notes.append(
                    NoteText(
                        guid: g.guid("note:round:\(round.number)"), name: "Round \(round.number) prompt", text: p,
                        at: round.startedAt))
            }
        }
        return notes
    }

    /// The project document, written into `x` a piece at a time (a selection per code per contribution: long).
    static func project(_ r: ResearchRecord, _ m: Model, texts: [SourceText], notes: [NoteText], into x: SinkText) {
        let g = m.guids
        let created = ExportText.iso(r.session.startedAt)
        let modified = ExportText.iso(r.session.endedAt)
        x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x +=
            "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"\(ExportText.xml(r.session.title))\" origin=\"\(origin)\" creatingUserGUID=\"\(m.user)\" creationDateTime=\"\(created)\" modifyingUserGUID=\"\(m.user)\" modifiedDateTime=\"\(modified)\">\n"
        x += "  <Users>\n    <User guid=\"\(m.user)\" name=\"Convene export\"/>\n  </Users>\n"
        x += "  <CodeBook>\n    <Codes>\n"
        for node in m.tree { codeXML(node, indent: "      ", withRefs: true, into: x) }
        x += "    </Codes>\n  </CodeBook>\n"

        // Participants as Cases, described by Variables.
        let variables: [(key: String, name: String, value: (ResearchRecord.Person) -> String?)] = [
            ("role", "Role", { $0.role.isEmpty ? nil : $0.role }),
            ("organisation-type", "Organisation type", { $0.orgType }),
            ("strand", "Strand", { $0.strand }),
        ].filter { v in r.participants.contains { v.value($0) != nil } }
        if !variables.isEmpty {
            x += "  <Variables>\n"
            for v in variables {
                x +=
                    "    <Variable guid=\"\(g.guid("variable:\(v.key)"))\" name=\"\(v.name)\" typeOfVariable=\"Text\"/>\n"
            }
            x += "  </Variables>\n"
        }
        if !r.participants.isEmpty {
            // Each participant's words, for the case's text: the selections coded with their speaker code.
            x += "  <Cases>\n"
            for p in r.participants {
                // A case links to its participant's text twice over: by SelectionRef (the standard's way)
                // and by sharing its GUID with the participant's speaker code, whose codings QualCoder
                // and NVivo read as the case's text.
                let speaker = m.speakerGUID[p.code]
                x += "    <Case guid=\"\(speaker ?? g.guid("case:\(p.code)"))\" name=\"\(ExportText.xml(p.code))\">\n"
                if let s = speaker { x += "      <CodeRef targetGUID=\"\(s)\"/>\n" }
                for v in variables {
                    guard let value = v.value(p) else { continue }
                    x +=
                        "      <VariableValue>\n        <VariableRef targetGUID=\"\(g.guid("variable:\(v.key)"))\"/>\n        <TextValue>\(ExportText.xml(value))</TextValue>\n      </VariableValue>\n"
                }
                if let s = speaker, let numbers = m.spoken[p.code] {
                    // A GUID a contribution: made on every core, written in order.
                    ParallelRows.inOrder(count: numbers.count, chunk: 1_024) { range in
                        var out: [UInt8] = []
                        for k in range {
                            out.add("      <SelectionRef targetGUID=\"")
                            g.append("selection:", numbers[k], s, to: &out)
                            out.add("\"/>\n")
                        }
                        return out
                    } write: {
                        x.append(bytes: $0)
                    }
                }
                x += "    </Case>\n"
            }
            x += "  </Cases>\n"
        }

        if !texts.isEmpty {
            x += "  <Sources>\n"
            for t in texts {
                x +=
                    "    <TextSource guid=\"\(t.guid)\" name=\"\(ExportText.xml(t.name))\" plainTextPath=\"internal://\(t.guid).txt\" creatingUser=\"\(m.user)\" creationDateTime=\"\(created)\">\n"
                // Three GUIDs a code a contribution: the selections are made on every core, a window at a time,
                // and written in order.
                let spans = t.spans
                // 2 048 contributions' selections (about 3.6 MB at 100 000 events) wait at most: the package's
                // peak memory is here.
                let window = 2_048
                // A chunk's bytes stay under malloc's 128 KiB threshold (convene's main.swift): no page faults.
                let chunk = 64
                for start in stride(from: 0, to: spans.count, by: window) {
                    let end = min(spans.count, start + window)
                    let chunks = (end - start + chunk - 1) / chunk
                    let slots = ParallelRows.Slots<[UInt8]>(count: chunks, empty: [])
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        var out: [UInt8] = []
                        out.reserveCapacity(chunk * 1_600)
                        for k in (start + c * chunk)..<min(end, start + (c + 1) * chunk) {
                            selections(r, m, spans[k], into: &out)
                        }
                        slots.set(c, out)
                    }
                    for piece in slots.all { x.append(bytes: piece) }
                }
                x += "    </TextSource>\n"
            }
            x += "  </Sources>\n"
        }

        if !notes.isEmpty {
            x += "  <Notes>\n"
            for n in notes {
                // The note's text is a file under sources/ (see `qdpx`), as importers (QualCoder) read notes.
                x +=
                    "    <Note guid=\"\(n.guid)\" name=\"\(ExportText.xml(n.name))\" plainTextPath=\"internal://\(n.guid).txt\" creatingUser=\"\(m.user)\" creationDateTime=\"\(ExportText.iso(n.at))\"/>\n"
            }
            x += "  </Notes>\n"
        }
        if !m.themeGUID.isEmpty {
            x +=
                "  <Sets>\n    <Set guid=\"\(g.guid("set:themes"))\" name=\"Themes board\">\n      <Description>The themes the group generated.</Description>\n"
            for t in r.themes {
                if let tg = m.themeGUID[t.number] { x += "      <MemberCode targetGUID=\"\(tg)\"/>\n" }
            }
            x += "    </Set>\n  </Sets>\n"
        }
        x += "  <Description>\(ExportText.xml(description(r)))</Description>\n"
        for n in notes { x += "  <NoteRef targetGUID=\"\(n.guid)\"/>\n" }
        x += "</Project>\n"
    }

    /// One contribution's coded selections in its room's text source, written as bytes (the most of
    /// project.qde: three GUIDs a code a contribution).
    static func selections(
        _ r: ResearchRecord, _ m: Model, _ span: (index: Int, start: Int, end: Int), into x: inout [UInt8]
    ) {
        let g = m.guids
        let entry = r.contributions[span.index]
        var at: [UInt8] = []
        ExportText.appendISO(entry.occurredAt, to: &at)
        for code in m.codes(for: entry) {
            x.add("      <PlainTextSelection guid=\"")
            g.append("selection:", entry.number, code, to: &x)
            x.add("\" name=\"#")
            x.add(entry.number)
            x.add("\" startPosition=\"")
            x.add(span.start)
            x.add("\" endPosition=\"")
            x.add(span.end)
            x.add("\" creatingUser=\"")
            x.append(contentsOf: m.user.utf8)
            x.add("\" creationDateTime=\"")
            x.append(contentsOf: at)
            x.add("\">\n        <Coding guid=\"")
            g.append("coding:", entry.number, code, to: &x)
            x.add("\" creatingUser=\"")
            x.append(contentsOf: m.user.utf8)
            x.add("\" creationDateTime=\"")
            x.append(contentsOf: at)
            x.add("\">\n          <CodeRef targetGUID=\"")
            x.append(contentsOf: code.utf8)
            x.add("\"/>\n        </Coding>\n      </PlainTextSelection>\n")
        }
    }

    static func description(_ r: ResearchRecord) -> String {
        var parts = ["\(r.session.title), \(r.session.date), on \(r.session.platform)."]
        if let s = r.session.study { parts.append("Study: \(s)\(r.session.strand.map { ", strand \($0)" } ?? "").") }
        parts.append(
            "Exported by Convene from session \(r.session.id): anonymised research data; background material is withheld."
        )
        for head in r.recordedHeads { parts.append(head.text) }
        return parts.joined(separator: " ")
    }

    public static func qdpx(_ r: ResearchRecord) throws -> Data {
        let sink = ExportSink()
        try qdpx(r, to: sink)
        return sink.data
    }

    /// The project zip: project.qde written into its entry a piece at a time, then
    /// each room's text and each note's text under sources/.
    static func qdpx(_ r: ResearchRecord, to sink: ExportSink) throws {
        let m = Model(r)
        let texts = try sources(r, m)
        let prompts = notes(r, m.guids)
        // The project is most of the package (94 MB at 100 000 events): deflated in blocks on every core.
        var entries: [ZipPackage.Entry] = [
            .blocks("project.qde") { out in
                let x = SinkText(out)
                project(r, m, texts: texts, notes: prompts, into: x)
                try x.finish()
            }
        ]
        // Deflated already, as they were measured (`sources`).
        entries += texts.map { .deflated("sources/\($0.guid).txt", $0.packed) }
        entries += prompts.map { .bytes("sources/\($0.guid).txt", Data(lf($0.text).utf8)) }
        try ZipPackage.write(entries, date: r.session.endedAt, to: sink)
    }

    /// The codebook alone (Codebook.xsd): the same codes and GUIDs as the project.
    public static func qdc(_ r: ResearchRecord) -> String {
        let m = Model(r)
        let sink = ExportSink()
        let x = SinkText(sink)
        x +=
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"\(origin)\(r.recordedHeads.map { " (" + ExportText.xml($0.text) + ")" }.joined())\">\n  <Codes>\n"
        for node in m.tree { codeXML(node, indent: "    ", withRefs: false, into: x) }
        x += "  </Codes>\n"
        if !m.themeGUID.isEmpty {
            x +=
                "  <Sets>\n    <Set guid=\"\(m.guids.guid("set:themes"))\" name=\"Themes board\">\n      <Description>The themes the group generated.</Description>\n"
            for t in r.themes { if let tg = m.themeGUID[t.number] { x += "      <MemberCode guid=\"\(tg)\"/>\n" } }
            x += "    </Set>\n  </Sets>\n"
        }
        x += "</CodeBook>\n"
        try? x.finish()
        return String(decoding: sink.data, as: UTF8.self)
    }
}
