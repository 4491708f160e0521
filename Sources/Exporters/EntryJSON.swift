/// One contribution of the JSON export, written byte by byte as `JSONEncoder`
/// writes it there (sorted keys, pretty printed two spaces a level, the entry
/// four spaces in, slashes as they are, dates in whole seconds, absent values
/// left out). `EntryJSONTests` holds it to the encoder on seeded random entries.
import Foundation

enum EntryJSON {
    static func write(_ e: ResearchRecord.Entry, into out: inout [UInt8]) {
        out += Array("    {\n".utf8)
        key("attribution", &out)
        string(e.attribution, &out)
        key("codes", &out)
        strings(e.codes, &out)
        key("form", &out)
        string(e.form, &out)
        if let v = e.guideIndex {
            key("guideIndex", &out)
            int(v, &out)
        }
        if let v = e.guideSegment {
            key("guideSegment", &out)
            string(v, &out)
        }
        key("number", &out)
        int(e.number, &out)
        key("occurredAt", &out)
        string(ExportText.iso(e.occurredAt), &out)
        key("quotable", &out)
        out += Array((e.quotable ? "true" : "false").utf8)
        key("replyTo", &out)
        ints(e.replyTo, &out)
        key("room", &out)
        string(e.room, &out)
        key("roomId", &out)
        int(e.roomId, &out)
        if let v = e.round {
            key("round", &out)
            int(v, &out)
        }
        if let v = e.session {
            key("session", &out)
            string(v, &out)
        }
        if let v = e.sessionNumber {
            key("sessionNumber", &out)
            int(v, &out)
        }
        key("source", &out)
        string(e.source, &out)
        if let v = e.speaker {
            key("speaker", &out)
            string(v, &out)
        }
        if let v = e.speakerLabel {
            key("speakerLabel", &out)
            string(v, &out)
        }
        key("text", &out)
        string(e.text, &out)
        out += Array("\n    }".utf8)
    }

    /// `"name" : `, after the comma and line break that end the previous member (none before the first).
    private static func key(_ name: String, _ out: inout [UInt8]) {
        if out.last != 0x0A { out += [0x2C, 0x0A] }
        out += [0x20, 0x20, 0x20, 0x20, 0x20, 0x20]
        string(name, &out)
        out += [0x20, 0x3A, 0x20]
    }

    private static func int(_ v: Int, _ out: inout [UInt8]) { out += Array(String(v).utf8) }

    private static func strings(_ values: [String], _ out: inout [UInt8]) {
        guard !values.isEmpty else {
            out += Array("[\n\n      ]".utf8)
            return
        }
        out += [0x5B]
        for (k, v) in values.enumerated() {
            out += Array((k == 0 ? "\n        " : ",\n        ").utf8)
            string(v, &out)
        }
        out += Array("\n      ]".utf8)
    }

    private static func ints(_ values: [Int], _ out: inout [UInt8]) {
        guard !values.isEmpty else {
            out += Array("[\n\n      ]".utf8)
            return
        }
        out += [0x5B]
        for (k, v) in values.enumerated() {
            out += Array((k == 0 ? "\n        " : ",\n        ").utf8)
            int(v, &out)
        }
        out += Array("\n      ]".utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string as the encoder writes it: `"` and `\` escaped, the C0 controls as
    /// `\b \t \n \f \r` or `\u00xx`, everything else (slashes, DEL, any other scalar) as its UTF-8.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, 0x62]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0D: out += [0x5C, 0x72]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
