import Foundation

/// The bytes of an imported file as UTF-8, with any byte-order mark removed
/// and UTF-16 converted. Parsers work on these bytes directly: a 50 MB chat
/// file is scanned once and Strings are made only for names and messages.
public struct ImportText: Sendable {
    public let fileName: String
    public let bytes: [UInt8]

    /// Files above this are refused: an online session's chat is kilobytes.
    public static let sizeLimit = 512 * 1_048_576

    /// Text already in memory (tests, the console's paste): encoded as UTF-8.
    public init(_ text: String, fileName: String = "text") {
        self.fileName = fileName
        var b = Array(text.utf8)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        self.bytes = b
    }

    /// Bytes taken as they are (the parsers must survive anything; fuzz tests use this).
    init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
    }

    /// Decodes a file's bytes, or refuses them: NULs or mostly control
    /// characters mean binary; bytes that are not UTF-8 mean an unknown encoding.
    public static func decode(_ data: Data, fileName: String) throws -> ImportText {
        guard data.count <= sizeLimit else {
            throw ImportError.fileTooLarge(fileName: fileName, bytes: data.count, limit: sizeLimit)
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw ImportError.unsupportedEncoding(fileName: fileName, encoding: "UTF-32")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes = try utf16ToUTF8(bytes, bigEndian: bytes[0] == 0xFE, fileName: fileName)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        try bytes.withUnsafeBufferPointer { buf in
            if looksBinary(buf) { throw ImportError.binaryFile(fileName: fileName) }
            if let bad = UTF8Check.firstInvalid(buf) {
                throw ImportError.notUTF8(fileName: fileName, line: ByteLines.lineNumber(of: bad, in: buf))
            }
        }
        return ImportText(fileName: fileName, bytes: bytes)
    }

    /// Reads and decodes the file at `path`.
    public static func read(path: String) throws -> ImportText {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ImportError.unreadableFile(path: path, reason: FileErrors.reason(error))
        }
        return try decode(data, fileName: url.lastPathComponent)
    }

    /// The text up to its last line break: a file still being written (a chat
    /// followed live) is checked without the line it is in the middle of.
    public var completeLines: ImportText {
        guard let last = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
            return ImportText(fileName: fileName, bytes: [])
        }
        return ImportText(fileName: fileName, bytes: Array(bytes[...last]))
    }

    public var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }

    // A NUL never occurs in text; text also rarely has many other C0 controls.
    static func looksBinary(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if let base = buf.baseAddress, buf.count > 0, memchr(base, 0, buf.count) != nil { return true }
        let sample = buf.prefix(8192)
        var controls = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B {
            controls += 1
        }
        return sample.count >= 32 && controls * 10 > sample.count
    }

    private static func utf16ToUTF8(_ bytes: [UInt8], bigEndian: Bool, fileName: String) throws -> [UInt8] {
        let body = bytes.dropFirst(2)
        guard body.count % 2 == 0 else { throw ImportError.brokenUTF16(fileName: fileName) }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i])
            let b = UInt16(body[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var out = [UInt8]()
        out.reserveCapacity(units.count)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
            out.append($0)
        }
        if failed { throw ImportError.brokenUTF16(fileName: fileName) }
        return out
    }
}

enum FileErrors {
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        switch ns.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default: return ns.localizedDescription
        }
    }
}

/// UTF-8 validation that says where the first bad byte is (for the error's line number).
enum UTF8Check {
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var minNext: UInt8 = 0x80
            var maxNext: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                minNext = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                maxNext = 0x9F
            case 0xF0:
                need = 3
                minNext = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                maxNext = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let first = b[i + 1]
            if first < minNext || first > maxNext { return i }
            var k = 2
            while k <= need {
                let x = b[i + k]
                if x < 0x80 || x > 0xBF { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }

    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool { firstInvalid(b) == nil }
}

/// Lines of a byte buffer. CR, LF and CRLF all end a line (WebVTT allows each;
/// Zoom on Windows writes CRLF).
enum ByteLines {
    /// Calls `body` with each line (terminator excluded) and its 1-based number;
    /// returns the number of lines. A final line without terminator counts.
    @discardableResult
    static func forEach(_ buf: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void)
        rethrows -> Int
    {
        var start = 0
        var i = 0
        var line = 0
        let n = buf.count
        while i < n {
            let c = buf[i]
            if c == 0x0A || c == 0x0D {
                line += 1
                try body(UnsafeBufferPointer(rebasing: buf[start..<i]), line)
                if c == 0x0D, i + 1 < n, buf[i + 1] == 0x0A { i += 1 }
                i += 1
                start = i
            } else {
                i += 1
            }
        }
        if start < n {
            line += 1
            try body(UnsafeBufferPointer(rebasing: buf[start..<n]), line)
        }
        return line
    }

    static func lineNumber(of offset: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < buf.count {
            if buf[i] == 0x0A {
                line += 1
            } else if buf[i] == 0x0D, !(i + 1 < buf.count && buf[i + 1] == 0x0A) {
                line += 1
            }
            i += 1
        }
        return line
    }
}

/// Small byte helpers shared by the parsers.
enum Bytes {
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0
        var e = b.count
        while s < e && isSpace(b[s]) { s += 1 }
        while e > s && isSpace(b[e - 1]) { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    static func trimmedStart(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0
        while s < b.count && isSpace(b[s]) { s += 1 }
        return UnsafeBufferPointer(rebasing: b[s..<b.count])
    }

    static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool { b.allSatisfy(isSpace) }

    static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard from < b.count, let base = b.baseAddress else { return nil }
        guard let p = memchr(base + from, Int32(byte), b.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `b` contains the ASCII `needle`.
    static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        index(of: needle, in: b) != nil
    }

    static func index(of needle: StaticString, in b: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let m = needle.utf8CodeUnitCount
        guard m > 0, b.count >= m else { return nil }
        let first = needle.utf8Start[0]
        var i = from
        while let j = firstIndex(of: first, in: b, from: i) {
            if j + m > b.count { return nil }
            var k = 1
            while k < m && b[j + k] == needle.utf8Start[k] { k += 1 }
            if k == m { return j }
            i = j + 1
        }
        return nil
    }

    /// Case-insensitive ASCII prefix test.
    static func hasPrefixCI(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, at: Int = 0) -> Bool {
        let m = word.utf8CodeUnitCount
        guard at + m <= b.count else { return false }
        for k in 0..<m where b[at + k] | 0x20 != word.utf8Start[k] | 0x20 { return false }
        return true
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
}
