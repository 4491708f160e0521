import ConveneTestSupport
import Exporters
import Foundation
import SessionModel
import XCTest

/// The docx opens in LibreOffice with its text intact; the HTML report
/// renders in headless Chromium with its title and timeline chart.
final class OfficeAndBrowserTests: XCTestCase {
    func testDocxConvertsToPDFInLibreOfficeAndTheTextSurvives() throws {
        guard let office = try? TestRun.tool(anyOf: ["libreoffice", "soffice"], install: "libreoffice-writer-nogui")
        else {
            throw TestRun.cannotRun("LibreOffice is not installed: the docx round trip was NOT checked")
        }
        let pdftotext = try TestRun.tool("pdftotext", install: "poppler-utils")
        let dir = try Fixture.tempDir()
        let docx = dir.appendingPathComponent("transcript.docx")
        try Exporter.export(try REFIQDATests.unicodeState(), format: .docx).write(to: docx)
        let demo = dir.appendingPathComponent("demo.docx")
        try Exporter.export(try Fixture.demoState(), format: .docx).write(to: demo)
        // A profile of its own so a running LibreOffice or a root HOME does not interfere.
        let profile = dir.appendingPathComponent("profile")
        let r = try Tool.run(
            office,
            [
                "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir",
                dir.path, docx.path, demo.path,
            ],
            env: ["HOME": dir.path], timeout: 180)
        XCTAssertEqual(r.status, 0, "libreoffice failed:\n\(r.stdout)\n\(r.stderr)")
        for (name, expected) in [
            (
                "transcript",
                ["Café", "Salle 🅰", "Round 1", "Guide: Opening", "Travailleuse sociale", "préfèrent être à la maison"]
            ),
            (
                "demo",
                [
                    "Hybrid child protection conferences", "Room A", "Room B", "Main room",
                    "Round 1: What works well in hybrid conferences?",
                    "Guide: Advantages of hybrid conferences", "Conference chair", "Facilitator", "[PERSON 1]",
                    "Participant",
                ]
            ),
        ] {
            let pdf = dir.appendingPathComponent("\(name).pdf")
            XCTAssertTrue(FileManager.default.fileExists(atPath: pdf.path), "no PDF for \(name)")
            let t = try Tool.run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
            XCTAssertEqual(t.status, 0)
            let text = t.stdout.replacingOccurrences(of: "\n", with: " ")
            for word in expected where !word.contains("🅰") {
                XCTAssertTrue(text.contains(word), "\(name).pdf lost “\(word)”:\n\(t.stdout.prefix(1500))")
            }
        }
    }

    func testHTMLReportRendersInChromiumWithTitleAndChart() throws {
        guard let chromium = try? TestRun.tool(anyOf: ["chromium", "chromium-browser"], install: "chromium") else {
            throw TestRun.cannotRun("Chromium is not installed: the HTML report was NOT rendered")
        }
        let dir = try Fixture.tempDir()
        let html = dir.appendingPathComponent("report.html")
        let state = try Fixture.demoState()
        try Exporter.export(state, format: .html).write(to: html)
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(dir.appendingPathComponent("chrome").path)",
        ]
        let dom = try Tool.run(chromium, common + ["--dump-dom", "file://\(html.path)"], timeout: 90)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertTrue(
            dom.stdout.contains("<title>Hybrid child protection conferences — focus group 2</title>"),
            "title missing from the rendered DOM")
        XCTAssertTrue(dom.stdout.contains("<svg"), "timeline chart missing")
        let dots = dom.stdout.components(separatedBy: "<circle").count - 1
        XCTAssertEqual(
            dots, ResearchGate.record(state).contributions.count + 4, "one dot per contribution plus the legend")

        let png = dir.appendingPathComponent("report.png")
        let shot = try Tool.run(
            chromium,
            common + [
                "--window-size=1280,800", "--hide-scrollbars", "--screenshot=\(png.path)", "file://\(html.path)",
            ], timeout: 90)
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let image = try Data(contentsOf: png)
        XCTAssertTrue(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        let (w, h) =
            image.count > 24
            ? (image[16..<20].reduce(0) { $0 << 8 | Int($1) }, image[20..<24].reduce(0) { $0 << 8 | Int($1) }) : (0, 0)
        XCTAssertEqual(w, 1280)
        XCTAssertEqual(h, 800)
        // A blank 1280×800 page compresses to a few KB; text and a coloured chart do not.
        let blank = dir.appendingPathComponent("blank.html")
        let blankPNG = dir.appendingPathComponent("blank.png")
        try Data("<!DOCTYPE html><title>blank</title>".utf8).write(to: blank)
        _ = try Tool.run(
            chromium,
            common + [
                "--window-size=1280,800", "--hide-scrollbars", "--screenshot=\(blankPNG.path)", "file://\(blank.path)",
            ], timeout: 90)
        let blankSize = (try? Data(contentsOf: blankPNG).count) ?? 0
        XCTAssertGreaterThan(
            image.count, max(20_000, blankSize * 4),
            "the screenshot looks blank (\(image.count) bytes vs blank \(blankSize))")
        // The chart's colours are on screen: the PNG is decoded with python if present.
        do {
            let python = try TestRun.tool("python3", install: "python3")
            let script = """
                import sys, zlib, struct
                d = open(sys.argv[1], 'rb').read(); i = 8; idat = b''; w = h = 0
                while i < len(d):
                    n, t = struct.unpack('>I4s', d[i:i+8]); c = d[i+8:i+8+n]; i += 12 + n
                    if t == b'IHDR': w, h, bd, ct = struct.unpack('>IIBB', c[:10]); bpp = 4 if ct == 6 else 3
                    if t == b'IDAT': idat += c
                raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); colours = set(); p = 0
                for y in range(h):
                    f = raw[p]; line = bytearray(raw[p+1:p+1+stride]); p += 1 + stride
                    for x in range(stride):
                        a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                        if f == 1: line[x] = (line[x] + a) & 255
                        elif f == 2: line[x] = (line[x] + b) & 255
                        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                        elif f == 4:
                            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                    prev = line
                    if y % 4 == 0:
                        for x in range(0, stride, bpp * 2): colours.add(bytes(line[x:x+3]))
                print(len(colours), int(b'\\x4e\\x79\\xa7' in colours or any(abs(c[0]-0x4e) < 8 and abs(c[1]-0x79) < 8 and abs(c[2]-0xa7) < 8 for c in colours)))
                """
            let r = try Tool.run(python, ["-c", script, png.path], timeout: 120)
            let parts = r.stdout.split(separator: " ").compactMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            XCTAssertEqual(parts.count, 2, "could not decode the screenshot: \(r.stderr)")
            if parts.count == 2 {
                XCTAssertGreaterThan(parts[0], 20, "too few colours on screen")
                XCTAssertEqual(parts[1], 1, "the chart's verbal-blue dots are not on screen")
            }
        }
    }
}
