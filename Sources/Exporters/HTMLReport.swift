/// The HTML report: one self-contained page (inline CSS and SVG, no scripts,
/// no external assets, so it opens offline) with the same sections as the
/// markdown report. Built from the research record only.
import Foundation

public enum HTMLReport {
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;color:#222;line-height:1.45;padding:0 1rem}
        h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}th{background:#f3f3f3}
        .facts{color:#444}.theme{border-left:4px solid #F28E2B;padding:.1rem 1rem;margin:1rem 0;background:#fffaf4}
        blockquote{margin:.4rem 0;padding:0}.who{color:#555;font-size:.9rem}.counts{display:flex;gap:2rem;flex-wrap:wrap}
        .background{color:#777;font-style:italic}svg{max-width:100%;height:auto}
        """

    static func esc(_ s: String) -> String { ExportText.xml(s) }

    public static func html(_ r: ResearchRecord) -> String {
        let sink = ExportSink()
        try? html(r, to: sink)
        return String(decoding: sink.data, as: UTF8.self)
    }

    static func html(_ r: ResearchRecord, to sink: ExportSink) throws {
        let facts = ReportFacts(r)
        let h = SinkText(sink)
        h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"Convene\">\n"
        for head in r.recordedHeads {
            h +=
                "<meta name=\"\(ExportJournalHead.marker)\" content=\"session=\(ExportText.xml(head.session)) seq=\(head.seq) hash=\(ExportText.xml(head.hash))\">\n"
        }
        h += "<title>\(esc(r.session.title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        h +=
            "<header>\n<h1>\(esc(r.session.title))</h1>\n<p class=\"facts\">\(esc(r.session.date)), \(ExportText.clock(r.session.startedAt))–\(ExportText.clock(r.session.endedAt)) UTC · \(esc(r.session.platform))"
        if let study = r.session.study {
            h += " · \(esc(study))\(r.session.strand.map { ", strand " + esc($0) } ?? "")"
        }
        h +=
            "<br>\(Counted.text(r.participants.count, "participant")) · \(Counted.text(r.contributions.count, "contribution")) in this record · anonymised research data (names and identifiers redacted, background material withheld)</p>\n</header>\n"

        // The chart comes first so it is on screen when the report opens.
        h += "<section id=\"timeline-section\">\n<h2>Timeline</h2>\n"
        Timeline(r).svg(into: h)
        h += "\n</section>\n"
        h +=
            "<section id=\"participants\">\n<h2>Who took part</h2>\n<table>\n<tr><th>Code</th><th>Role</th><th>Organisation</th><th>Strand</th></tr>\n"
        for p in r.participants {
            h +=
                "<tr><td>\(esc(p.code))</td><td>\(esc(p.role))</td><td>\(esc(p.orgType ?? ""))</td><td>\(esc(p.strand ?? ""))</td></tr>\n"
        }
        h += "</table>\n</section>\n"

        h += "<section id=\"rooms\">\n<h2>Rooms and rounds</h2>\n<ul>\n"
        for room in facts.byRoom { h += "<li>\(esc(room.name)): \(Counted.text(room.count, "contribution"))</li>\n" }
        for round in r.rounds {
            h +=
                "<li>Round \(round.number): \(Counted.text(round.minutes, "minute")) from \(ExportText.clock(round.startedAt))\(round.prompt.map { " — " + esc($0) } ?? "")</li>\n"
        }
        h += "</ul>\n"
        if !r.guide.isEmpty {
            h += "<h3>Discussion guide</h3>\n<ol>\n"
            for g in r.guide {
                h +=
                    "<li>\(esc(g.title))\(g.prompts.isEmpty ? "" : " — " + g.prompts.map(esc).joined(separator: "; "))</li>\n"
            }
            h += "</ol>\n"
        }
        h += "</section>\n"

        h += "<section id=\"themes\">\n<h2>Themes</h2>\n"
        if r.themes.isEmpty { h += "<p>No themes were recorded.</p>\n" }
        for t in r.themes {
            h += "<div class=\"theme\">\n<h3>\(t.number). \(esc(t.title))</h3>\n"
            for n in t.contributions {
                guard let e = facts.byNumber[n] else { continue }
                let c = facts.citation(e)
                if let q = c.quote {
                    h += "<blockquote>“\(esc(q))” <span class=\"who\">— \(esc(c.label)) (#\(n))</span></blockquote>\n"
                } else {
                    h += "<p class=\"background\">#\(n): \(esc(c.label))</p>\n"
                }
            }
            h += "</div>\n"
        }
        h += "</section>\n"

        h += "<section id=\"counts\">\n<h2>Counts</h2>\n<div class=\"counts\">\n"
        h +=
            "<table><tr><th>Room</th><th>n</th></tr>\n"
            + facts.byRoom.map { "<tr><td>\(esc($0.name))</td><td>\($0.count)</td></tr>\n" }.joined() + "</table>\n"
        h +=
            "<table><tr><th>Source</th><th>n</th></tr>\n"
            + facts.bySource.map { "<tr><td>\($0.name)</td><td>\($0.count)</td></tr>\n" }.joined() + "</table>\n"
        h +=
            "<table><tr><th>Code</th><th>n</th></tr>\n"
            + facts.byCode.map {
                "<tr><td>\(esc($0.name))\($0.emergent ? " (emergent)" : "")</td><td>\($0.count)</td></tr>\n"
            }.joined() + "</table>\n"
        h += "</div>\n</section>\n"

        h += "<section id=\"process\">\n<h2>Process log</h2>\n<ul>\n"
        h += ExportText.processSummary(r).map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
        if !r.process.log.isEmpty {
            h += "<table>\n<tr><th>Time (UTC)</th><th>What</th></tr>\n"
            for entry in r.process.log {
                h += "<tr><td>\(ExportText.clock(entry.at))</td><td>\(esc(entry.detail))</td></tr>\n"
            }
            h += "</table>\n"
        }
        h += "</section>\n</body>\n</html>\n"
        try h.finish()
    }
}
