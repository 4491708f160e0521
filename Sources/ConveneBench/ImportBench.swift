// ImportBench: lines per second for each import parser (Zoom chat, WebVTT,
// Miro CSV) on generated files, reading (decode: BOM, UTF-8 check) and parsing
// separately, plus a whole import of the chat (parse + plan against a session).
// Goal: ≥ 200 000 lines/s for Zoom chat and WebVTT.
import Foundation
import Importers
import SessionModel

func runImportBenchmarks() {
    let lines = 400_000
    func report(_ name: String, _ bytes: [UInt8], lineCount: Int, records: Int, parse: (ImportText) -> Int) {
        let data = Data(bytes)
        var decodeBest = Double.infinity
        var parseBest = Double.infinity
        var found = 0
        for _ in 0..<3 {
            var text: ImportText!
            decodeBest = min(decodeBest, Bench.seconds { text = try! ImportText.decode(data, fileName: name) })
            parseBest = min(parseBest, Bench.seconds { found = parse(text) })
        }
        print(
            String(
                format:
                    "import: %@ %d lines (%.1f MB), %d records: parse %.0f lines/s (%.3f s), decode %.0f lines/s; found %d",
                name, lineCount, Double(bytes.count) / 1_048_576, records, Double(lineCount) / parseBest, parseBest,
                Double(lineCount) / decodeBest, found))
    }

    // Zoom chat: old one-line, new multi-line (header + two message lines), a reply and a reaction now and then.
    var chat = [UInt8]()
    chat.reserveCapacity(lines * 50)
    var chatLines = 0
    var messages = 0
    var t = 9 * 3600
    while chatLines < lines {
        t += 1
        let clock = String(format: "%02d:%02d:%02d", t / 3600 % 24, t / 60 % 60, t % 60)
        switch messages % 10 {
        case 0...3:
            chat += Array(
                "\(clock) From Alex Rivera to Everyone:\n\tThe referral went nowhere for weeks, message \(messages).\n"
                    .utf8)
            chatLines += 2
        case 4...6:
            chat += Array("\(clock) From Sam Okafor : Families find online easier, message \(messages)\n".utf8)
            chatLines += 1
        case 7:
            chat += Array(
                "\(clock) From Riley Chen to Everyone:\n\tReplying to \"The referral went\":\n\tSame here \(messages)\n"
                    .utf8)
            chatLines += 3
        case 8:
            chat += Array("\(clock) From Jordan Lee to Everyone:\n\tReacted to \"Families find…\" with 👍\n".utf8)
            chatLines += 2
        default:
            chat += Array(
                "\(clock) From Morgan Hale to Everyone:\n\tFirst line of a long one \(messages)\n\tsecond line, مرحبا\n\tthird line 🙂\n"
                    .utf8)
            chatLines += 4
        }
        messages += 1
    }
    report("meeting_saved_chat.txt", chat, lineCount: chatLines, records: messages) {
        ZoomChatParser.parse($0).messages.count
    }

    // WebVTT: Teams voice tags and Zoom `Name:` cues, one cue = id + timing + text + blank.
    var vtt = Array("WEBVTT\n\n".utf8)
    vtt.reserveCapacity(lines * 40)
    var vttLines = 2
    var cues = 0
    while vttLines < lines {
        let s = Double(cues) * 2.5
        func ts(_ x: Double) -> String {
            String(format: "%02d:%02d:%06.3f", Int(x) / 3600, Int(x) / 60 % 60, x.truncatingRemainder(dividingBy: 60))
        }
        let speaker = ["Alex Rivera", "Sam Okafor", "Riley Chen"][cues % 3]
        let body =
            cues % 2 == 0
            ? "<v \(speaker)>We had a referral last week, cue \(cues).</v>"
            : "\(speaker): And it went nowhere, cue \(cues)."
        vtt += Array("\(cues + 1)\n\(ts(s)) --> \(ts(s + 2.4))\n\(body)\n\n".utf8)
        vttLines += 4
        cues += 1
    }
    report("transcript.vtt", vtt, lineCount: vttLines, records: cues) { WebVTTParser.parse($0).cues.count }

    // Miro CSV: a header and one sticky note per row, some quoted with commas and line breaks.
    var csv = Array("Content,Type,Frame,Color,Tags,Author,Created\n".utf8)
    var csvLines = 1
    var notes = 0
    while csvLines < lines {
        if notes % 5 == 0 {
            csv += Array(
                "\"Less travel, more parents\nattend \(notes)\",sticky_note,Barriers,light_yellow,agencies,Someone,2026-05-14 10:00\n"
                    .utf8)
            csvLines += 2
        } else {
            csv += Array(
                "Information sharing is the barrier \(notes),sticky_note,Barriers,light_yellow,,Someone,2026-05-14 10:00\n"
                    .utf8)
            csvLines += 1
        }
        notes += 1
    }
    report("board.csv", csv, lineCount: csvLines, records: notes) { MiroParser.parseCSV($0).notes.count }

    // A whole chat import: parse and plan against a session (names mapped, duplicates checked).
    var events = [
        SessionEvent(
            at: Date(timeIntervalSince1970: 1_778_752_800), by: "bench",
            SessionCreated(sessionID: UUID(), title: "import", date: "2026-05-14"))
    ]
    for (i, _) in ["Alex Rivera", "Sam Okafor", "Riley Chen", "Jordan Lee"].enumerated() {
        events.append(
            SessionEvent(
                at: events[0].at, by: "bench", ParticipantAdded(code: String(format: "P%02d", i + 1), jobRole: "Role")))
    }
    events.append(SessionEvent(at: events[0].at, by: "bench", FacilitatorAdded(name: "Morgan Hale", role: .lead)))
    let state = try! SessionState.replay(events)
    let mapping = NameMapping(
        ["Alex Rivera", "Sam Okafor", "Riley Chen", "Jordan Lee"].enumerated().map {
            ($1, .participant(String(format: "P%02d", $0 + 1)))
        })
    let text = try! ImportText.decode(Data(chat), fileName: "meeting_saved_chat.txt")
    var added = 0
    let whole = Bench.seconds {
        added =
            (try? Importer.zoomChat(text, into: state, options: ImportOptions(mapping: mapping)))?.report.added ?? -1
    }
    print(
        String(
            format:
                "import: whole Zoom chat import (parse + plan) of %d lines: %.0f lines/s (%.3f s), %d contributions planned",
            chatLines, Double(chatLines) / whole, whole, added))
}
