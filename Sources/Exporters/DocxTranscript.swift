/// The transcript as a Word document: plain WordprocessingML written by hand
/// and packed with ZIPFoundation. Headings per room, breakout round and
/// discussion-guide segment (with its prompts); each line has its time and
/// the speaker label its Chatham House level allows. Built from the record only.
import Foundation

public enum DocxTranscript {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
        """

    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    static func heading(_ id: String, _ name: String, size: Int, outline: Int?) -> String {
        var s =
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
        s +=
            "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/>\(outline.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? "")</w:pPr>"
        s += "<w:rPr><w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"\(size)\"/></w:rPr></w:style>"
        return s
    }

    static var styles: String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"\(w)\">"
        s +=
            "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\" w:eastAsia=\"Calibri\"/><w:sz w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>"
        s += "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        s +=
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
        s += heading("Title", "Title", size: 40, outline: nil)
        s += heading("Heading1", "heading 1", size: 32, outline: 0)
        s += heading("Heading2", "heading 2", size: 28, outline: 1)
        s += heading("Heading3", "heading 3", size: 24, outline: 2)
        s +=
            "<w:style w:type=\"paragraph\" w:styleId=\"Prompt\"><w:name w:val=\"Prompt\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:i/><w:color w:val=\"555555\"/></w:rPr></w:style>"
        s +=
            "<w:style w:type=\"character\" w:styleId=\"Time\"><w:name w:val=\"Time\"/><w:rPr><w:color w:val=\"777777\"/></w:rPr></w:style>"
        s +=
            "<w:style w:type=\"character\" w:styleId=\"Speaker\"><w:name w:val=\"Speaker\"/><w:rPr><w:b/></w:rPr></w:style>"
        s += "</w:styles>"
        return s
    }

    /// A run of text; line breaks inside become `<w:br/>`.
    static func run(_ text: String, style: String? = nil) -> String {
        let props = style.map { "<w:rPr><w:rStyle w:val=\"\($0)\"/></w:rPr>" } ?? ""
        // Most text has no line break: one run, without Foundation's search and a split (most of a
        // docx export's rendering before).
        if !ExportText.hasByte(text, 0x0A) && !ExportText.hasByte(text, 0x0D) {
            return "<w:r>\(props)<w:t xml:space=\"preserve\">\(ExportText.xml(text))</w:t></w:r>"
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { i, line in
            "<w:r>\(props)\(i > 0 ? "<w:br/>" : "")<w:t xml:space=\"preserve\">\(ExportText.xml(String(line)))</w:t></w:r>"
        }.joined()
    }

    static func paragraph(_ runs: String, style: String? = nil) -> String {
        "<w:p>\(style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? "")\(runs)</w:p>"
    }

    static func document(_ r: ResearchRecord, into body: SinkText) {
        body += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(w)\"><w:body>"
        body += paragraph(run(r.session.title), style: "Title")
        var facts =
            "\(r.session.date), \(ExportText.clock(r.session.startedAt))–\(ExportText.clock(r.session.endedAt)) UTC, \(r.session.platform)"
        if let study = r.session.study { facts += ". \(study)\(r.session.strand.map { ", strand \($0)" } ?? "")" }
        body += paragraph(run(facts))
        body += paragraph(
            run(
                "Anonymised transcript: names and identifiers are redacted; speakers are labelled only as the Chatham House Rule allows (job role, “Participant”, or background material, which is not transcribed)."
            ), style: "Prompt")
        // Indices, not copies of the entries: a long session has many.
        var byRoom: [Int: [Int]] = [:]
        for (i, e) in r.contributions.enumerated() { byRoom[e.roomId, default: []].append(i) }
        let rounds = Dictionary(r.rounds.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let guide = Dictionary(r.guide.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        for room in r.rooms {
            guard let entries = byRoom[room.id], !entries.isEmpty else { continue }
            body += paragraph(run(room.name), style: "Heading1")
            // Each line's headings depend only on the line before it, so the room's lines are
            // rendered on every core, a window at a time, and written in order.
            ParallelRows.inOrder(count: entries.count) { range in
                var out = ""
                var before = range.lowerBound > 0 ? r.contributions[entries[range.lowerBound - 1]] : nil
                for k in range {
                    let e = r.contributions[entries[k]]
                    line(e, after: before, rounds: rounds, guide: guide, into: &out)
                    before = e
                }
                return out
            } write: {
                body += $0
            }
        }
        body +=
            "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
        body += "</w:body></w:document>"
    }

    /// One line of the transcript, after the round and guide headings that begin with it
    /// (a new round, or a new guide segment, since the line `before` it in its room).
    static func line(
        _ e: ResearchRecord.Entry, after before: ResearchRecord.Entry?, rounds: [Int: ResearchRecord.Round],
        guide: [Int: ResearchRecord.GuideSegment], into body: inout String
    ) {
        let newRound = before.map { $0.round != e.round } ?? true
        if newRound {
            if let n = e.round {
                body += paragraph(run("Round \(n)" + (rounds[n]?.prompt.map { ": \($0)" } ?? "")), style: "Heading2")
            } else {
                body += paragraph(run("Outside breakout rounds"), style: "Heading2")
            }
        }
        if newRound || before?.guideIndex != e.guideIndex {
            if let i = e.guideIndex, let g = guide[i] {
                body += paragraph(run("Guide: \(g.title)"), style: "Heading3")
                if !g.prompts.isEmpty {
                    body += paragraph(run("Prompts: " + g.prompts.joined(separator: " · ")), style: "Prompt")
                }
            }
        }
        let label = e.attribution == "background" ? "Background" : (e.speakerLabel ?? "Participant")
        body += paragraph(
            run("[\(ExportText.clock(e.occurredAt))] ", style: "Time") + run(label, style: "Speaker")
                + run(": " + e.text))
    }

    static func core(_ r: ResearchRecord) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(ExportText.xml(r.session.title))</dc:title><dc:creator>Convene</dc:creator>\(r.journalHead.map { "<dc:description>\(ExportText.xml($0.text))</dc:description>" } ?? "")<dcterms:created xsi:type="dcterms:W3CDTF">\(ExportText.iso(r.session.startedAt))</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">\(ExportText.iso(r.session.endedAt))</dcterms:modified></cp:coreProperties>
        """
    }

    public static func docx(_ r: ResearchRecord) throws -> Data {
        let sink = ExportSink()
        try docx(r, to: sink)
        return sink.data
    }

    /// The package, the transcript written into its entry a paragraph at a time.
    static func docx(_ r: ResearchRecord, to sink: ExportSink) throws {
        try ZipPackage.write(
            [
                .bytes("[Content_Types].xml", Data(contentTypes.utf8)),
                .bytes("_rels/.rels", Data(packageRels.utf8)),
                .bytes("docProps/core.xml", Data(core(r).utf8)),
                .bytes("word/_rels/document.xml.rels", Data(documentRels.utf8)),
                .bytes("word/styles.xml", Data(styles.utf8)),
                .written("word/document.xml") { out in
                    let text = SinkText(out)
                    document(r, into: text)
                    try text.finish()
                },
            ], date: r.session.endedAt, to: sink)
    }
}
