/// Writing an export to disk, the same way from every caller (the command
/// line and the console): never over a Convene session file or over the
/// session being exported, created 0600 (research data stays its owner's),
/// whole or not at all (a temporary file beside it, renamed into place).
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public enum ExportFileError: Error, Equatable, CustomStringConvertible {
    case wouldOverwriteSession(String)
    case wouldOverwriteInput(String)
    case noFolder(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .wouldOverwriteSession(let p):
            return "\(p) is a Convene session file; an export is never written over one, so choose another file name"
        case .wouldOverwriteInput(let p):
            return "\(p) is the session being exported; choose another file name for the export"
        case .noFolder(let d): return "there is no folder \(d) to write the export into"
        case .cannotWrite(let p, let why): return "cannot write \(p): \(why); nothing was written"
        }
    }
}

public enum ExportFile {
    /// The permissions every export is created with: owner read and write only.
    public static let permissions: mode_t = 0o600

    /// Refuses `path` when it is the input session (or its -wal, -shm or
    /// -journal file), or any Convene session file.
    public static func checkTarget(_ path: String, input: String?) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let input {
            let source = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            for suffix in ["", "-wal", "-shm", "-journal"]
            where target == source + suffix || sameFile(path, input + suffix) {
                throw ExportFileError.wouldOverwriteInput(path)
            }
        }
        if isSessionFile(target) { throw ExportFileError.wouldOverwriteSession(path) }
        for suffix in ["-wal", "-shm", "-journal"] where target.hasSuffix(suffix) {
            if isSessionFile(String(target.dropLast(suffix.count))) {
                throw ExportFileError.wouldOverwriteSession(path)
            }
        }
    }

    /// Whether the file at `path` is a Convene session: an SQLite database
    /// whose application id is Convene's ("Conv", as `PRAGMA application_id`
    /// sets it at byte 68 of the header).
    public static func isSessionFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 72), header.count == 72 else { return false }
        return header.prefix(16) == Data("SQLite format 3\0".utf8) && header[68..<72] == Data("Conv".utf8)
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Writes what `body` produces to `path`, whole or not at all, mode 0600.
    /// Returns the number of bytes written.
    @discardableResult
    public static func write(to path: String, input: String?, _ body: (ExportSink) throws -> Void) throws -> Int {
        try checkTarget(path, input: input)
        let dir = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw ExportFileError.noFolder(dir)
        }
        let temp = path + ".partial-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw ExportFileError.cannotWrite(path, String(cString: strerror(errno))) }
        // The umask cannot widen it, but an old temporary file could have other bits.
        fchmod(fd, permissions)
        let sink = ExportSink(fileDescriptor: fd)
        do {
            try body(sink)
            try sink.flush()
            guard fsync(fd) == 0 else { throw ExportFileError.cannotWrite(path, String(cString: strerror(errno))) }
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            if let e = error as? ExportFileError { throw e }
            if case ExportSinkError.write(let why) = error { throw ExportFileError.cannotWrite(path, why) }
            throw error
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw ExportFileError.cannotWrite(path, reason)
        }
        return sink.count
    }

    /// Writes `data` to `path` (see `write(to:input:_:)`).
    @discardableResult
    public static func write(_ data: Data, to path: String, input: String?) throws -> Int {
        try write(to: path, input: input) { try $0.write(data) }
    }
}

enum ExportSinkError: Error { case write(String) }

/// Where a format writes its bytes, a piece at a time: memory, or a file
/// through a buffer of `bufferSize`, so an export never needs its whole
/// output in memory.
public final class ExportSink {
    private let fd: Int32?
    /// Where the sink's first byte is in the file (`patch` writes there); -1 when it cannot seek.
    private var origin: off_t = -1
    /// Where a piece sink passes each buffer on (a zip entry's deflater).
    private let pieces: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
    private var buffer: [UInt8] = []
    /// The bytes written so far.
    public private(set) var count = 0
    /// What an in-memory sink holds.
    private var memory = Data()
    static let bufferSize = 1 << 16

    /// A sink that keeps everything in memory (`data`).
    public init() {
        fd = nil
        pieces = nil
    }
    init(fileDescriptor: Int32) {
        fd = fileDescriptor
        pieces = nil
        origin = lseek(fileDescriptor, 0, SEEK_CUR)
        buffer.reserveCapacity(Self.bufferSize)
    }
    /// A sink that passes its bytes on in pieces of `bufferSize` to `pieces`, which may throw to stop the writer.
    init(pieces: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
        fd = nil
        self.pieces = pieces
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Everything written, for an in-memory sink.
    public var data: Data { memory }

    public func write(_ s: String) throws {
        var s = s
        try s.withUTF8 { try write(bytes: $0) }
    }

    public func write(_ d: Data) throws {
        try d.withUnsafeBytes { try write(bytes: $0.bindMemory(to: UInt8.self)) }
    }

    func write(bytes: UnsafeBufferPointer<UInt8>) throws {
        count += bytes.count
        guard fd != nil || pieces != nil else {
            memory.append(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Writes `bytes` over those written at `offset` (a zip entry's header, once its data is written and
    /// its size and checksum are known). A piece sink has passed its bytes on and cannot.
    func patch(at offset: Int, _ bytes: [UInt8]) throws {
        precondition(offset >= 0 && offset + bytes.count <= count, "a patch inside what was written")
        if pieces != nil { throw ExportSinkError.write("bytes already passed on cannot be rewritten") }
        guard let fd else {
            memory.replaceSubrange(offset..<offset + bytes.count, with: bytes)
            return
        }
        guard origin >= 0 else { throw ExportSinkError.write("the output cannot be rewritten in place") }
        try flush()
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, origin + off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportSinkError.write(String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }

    func flush() throws {
        if let pieces {
            guard !buffer.isEmpty else { return }
            // Emptied first: a piece that throws is not passed on twice.
            defer { buffer.removeAll(keepingCapacity: true) }
            try buffer.withUnsafeBufferPointer { try pieces($0) }
            return
        }
        guard let fd, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportSinkError.write(String(cString: strerror(errno)))
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Text written into a sink a piece at a time (`text += "…"`) and passed on in
/// pieces of about 64 KiB, so no format holds its whole output; `finish()`
/// passes on the rest and reports a write that failed.
final class SinkText {
    private let sink: ExportSink
    private var buffer = ""
    private var failure: Error?
    static let pieceSize = 1 << 16

    init(_ sink: ExportSink) {
        self.sink = sink
        buffer.reserveCapacity(Self.pieceSize + 4_096)
    }

    static func += (text: SinkText, piece: String) {
        text.buffer += piece
        if text.buffer.utf8.count >= pieceSize { text.pass() }
    }

    private func pass() {
        if failure == nil && !buffer.isEmpty {
            do { try sink.write(buffer) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Bytes after the text so far (a format that renders bytes on every core).
    func append(bytes: [UInt8]) {
        pass()
        guard failure == nil else { return }
        do { try bytes.withUnsafeBufferPointer { try sink.write(bytes: $0) } } catch { failure = error }
    }

    func finish() throws {
        pass()
        if let failure { throw failure }
    }
}

extension [UInt8] {
    /// A literal's UTF-8 bytes.
    mutating func add(_ s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A number's decimal digits.
    mutating func add(_ n: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { buf in
            append(contentsOf: buf[..<ExportText.digits(n, into: buf)])
        }
    }
}
