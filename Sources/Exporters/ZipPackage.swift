/// The zip packages (docx, qdpx), written in one pass straight into the
/// export's sink over the system zlib, with no temporary files: each entry is
/// deflated beside the thread that renders it, a block at a time, and its
/// compressed bytes follow its local header into the sink; the header's sizes
/// and checksum are filled in when the entry ends (`ExportSink.patch`).
///
/// The bytes are those ZIPFoundation wrote (docs/exports.md, "Zip packages"):
/// the same deflate settings (level 6, raw, 32 KiB window, memLevel 9, default
/// strategy), headers, dates, attributes and entry order. One kind of entry
/// differs on purpose: `.blocks` (qdpx's project.qde and room texts) is deflated in
/// independent blocks on every core at zlib's fastest level, so its compressed bytes
/// differ while its unzipped bytes are the same.
import CSystemZlib
import Foundation

enum ZipPackage {
    /// One entry: bytes in hand, or a writer that produces them a piece at a time.
    enum Entry {
        case bytes(String, Data)
        /// Deflated as one stream, beside the writer (the same bytes as before).
        case written(String, (ExportSink) throws -> Void)
        /// Deflated in independent blocks on every core (pigz-style: each block primed with the 32 KiB
        /// before it) at zlib's fastest level, for an entry too large to deflate on one core in time. An
        /// entry of one block is deflated as `.written` deflates it (the same bytes).
        case blocks(String, (ExportSink) throws -> Void)
        /// Deflated beforehand (`deflate`), as `.blocks` deflates it; written as it is.
        case deflated(String, Deflated)
    }

    /// An entry's bytes deflated ahead of the package: its CRC-32, size and compressed bytes.
    struct Deflated: Sendable {
        var crc: UInt32
        var size: Int
        var compressed: Data
    }

    /// The bytes `produce` writes, deflated as a `.blocks` entry deflates them (the same compressed bytes), into
    /// memory: for an entry whose text is made before the entries ahead of it are written.
    static func deflate(_ produce: (ExportSink) throws -> Void) throws -> Deflated {
        let memory = ExportSink()
        let deflater = try EntryDeflater(.blocks, into: memory)
        let part = ExportSink(pieces: { try deflater.take($0) })
        try produce(part)
        try part.flush()
        let (crc, size, compressed) = try deflater.finish()
        guard size < limit, compressed < limit else { throw ExportError.packaging(tooLarge) }
        return Deflated(crc: crc, size: size, compressed: memory.data)
    }

    static func build(_ entries: [(path: String, data: Data)], date: Date) throws -> Data {
        let sink = ExportSink()
        try write(entries.map { .bytes($0.path, $0.data) }, date: date, to: sink)
        return sink.data
    }

    /// Writes the package into `sink`, every entry dated `date` (the session's end, so the bytes do not
    /// change between runs). `sink` must be able to rewrite what it holds: memory, or a file.
    static func write(_ entries: [Entry], date: Date, to sink: ExportSink) throws {
        do {
            let stamp = DOSTime(date)
            var directory: [CentralRecord] = []
            for entry in entries {
                switch entry {
                case .bytes(let path, let data):
                    directory.append(
                        try add(path, stamp, mode: .stream, to: sink) { deflater in
                            try data.withUnsafeBytes { try deflater.take($0.bindMemory(to: UInt8.self)) }
                        })
                case .written(let path, let produce):
                    directory.append(try add(path, stamp, mode: .stream, to: sink, produce: produce))
                case .blocks(let path, let produce):
                    directory.append(try add(path, stamp, mode: .blocks, to: sink, produce: produce))
                case .deflated(let path, let deflated):
                    let offset = sink.count
                    guard offset < limit else { throw ExportError.packaging(tooLarge) }
                    var record = CentralRecord(name: Array(path.utf8), stamp: stamp, offset: offset)
                    (record.crc, record.size, record.compressed) =
                        (deflated.crc, deflated.size, deflated.compressed.count)
                    // The header as `add` leaves it once patched: its checksum and sizes in place.
                    try sink.write(bytes: record.localHeader)
                    try sink.write(deflated.compressed)
                    directory.append(record)
                }
            }
            try writeDirectory(directory, to: sink)
        } catch let e as ExportError {
            throw e
        } catch let e as ExportSinkError {
            throw e
        } catch {
            throw ExportError.packaging("\(error)")
        }
    }

    /// The largest size or offset a zip without ZIP64 records (ZIPFoundation would switch to ZIP64 there).
    static let limit = Int(UInt32.max)

    private static func add(
        _ path: String, _ stamp: DOSTime, mode: EntryDeflater.Mode, to sink: ExportSink,
        produce: (ExportSink) throws -> Void
    ) throws -> CentralRecord {
        try add(path, stamp, mode: mode, to: sink) { deflater in
            let part = ExportSink(pieces: { try deflater.take($0) })
            try produce(part)
            try part.flush()
        }
    }

    private static func add(
        _ path: String, _ stamp: DOSTime, mode: EntryDeflater.Mode, to sink: ExportSink,
        fill: (EntryDeflater) throws -> Void
    ) throws -> CentralRecord {
        let offset = sink.count
        guard offset < limit else { throw ExportError.packaging(tooLarge) }
        var record = CentralRecord(name: Array(path.utf8), stamp: stamp, offset: offset)
        try sink.write(bytes: record.localHeader)
        let deflater = try EntryDeflater(mode, into: sink)
        try fill(deflater)
        (record.crc, record.size, record.compressed) = try deflater.finish()
        guard record.size < limit, record.compressed < limit else { throw ExportError.packaging(tooLarge) }
        try sink.patch(at: offset + 14, record.sizesAndChecksum)
        return record
    }

    static let tooLarge =
        "the package would need ZIP64 (an entry or the package of 4 GiB or more), which Convene does not write"

    private static func writeDirectory(_ directory: [CentralRecord], to sink: ExportSink) throws {
        let start = sink.count
        for record in directory { try sink.write(bytes: record.centralHeader) }
        let size = sink.count - start
        guard start < limit, size < limit, directory.count < Int(UInt16.max) else {
            throw ExportError.packaging(tooLarge)
        }
        var end = Bytes()
        end.u32(0x0605_4b50)
        end.u16(0) // this disk
        end.u16(0) // the disk the directory starts on
        end.u16(UInt16(directory.count))
        end.u16(UInt16(directory.count))
        end.u32(UInt32(size))
        end.u32(UInt32(start))
        end.u16(0) // no comment
        try sink.write(bytes: end.bytes)
    }

    /// An MS-DOS date and time in UTC, as ZIPFoundation writes them (years clamped to 1980–2099).
    struct DOSTime {
        var date: UInt16
        var time: UInt16
        init(_ d: Date) {
            var t = time_t(d.timeIntervalSince1970)
            var p = tm()
            gmtime_r(&t, &p)
            let year = min(max(p.tm_year + 1900, 1980), 2099)
            date = UInt16(p.tm_mday + (p.tm_mon + 1) * 32 + (year - 1980) * 512)
            time = UInt16(p.tm_sec / 2 + p.tm_min * 32 + p.tm_hour * 2048)
        }
    }

    /// One entry's headers: the local one before its data, the central one in the directory at the end.
    struct CentralRecord {
        var name: [UInt8]
        var stamp: DOSTime
        var offset: Int
        var crc: UInt32 = 0
        var size = 0
        var compressed = 0

        /// Version needed 2.0, flags: UTF-8 names, method: deflate.
        private func common(into b: inout Bytes) {
            b.u16(20)
            b.u16(0x0800)
            b.u16(8)
            b.u16(stamp.time)
            b.u16(stamp.date)
            b.append(sizesAndChecksum)
            b.u16(UInt16(name.count))
            b.u16(0) // no extra field
        }

        var sizesAndChecksum: [UInt8] {
            var b = Bytes()
            b.u32(crc)
            b.u32(UInt32(compressed))
            b.u32(UInt32(size))
            return b.bytes
        }

        var localHeader: [UInt8] {
            var b = Bytes()
            b.u32(0x0403_4b50)
            common(into: &b)
            b.append(name)
            return b.bytes
        }

        var centralHeader: [UInt8] {
            var b = Bytes()
            b.u32(0x0201_4b50)
            b.u16(0x0315) // made by: Unix, zip 2.1
            common(into: &b)
            b.u16(0) // no comment
            b.u16(0) // disk
            b.u16(0) // internal attributes
            b.u32(UInt32(0o100644) << 16) // a regular file, rw-r--r--
            b.u32(UInt32(offset))
            b.append(name)
            return b.bytes
        }
    }

    /// Little-endian fields.
    struct Bytes {
        var bytes: [UInt8] = []
        mutating func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        mutating func u32(_ v: UInt32) {
            bytes += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        }
        mutating func append(_ b: [UInt8]) { bytes += b }
    }
}

extension ExportSink {
    func write(bytes: [UInt8]) throws { try bytes.withUnsafeBufferPointer { try write(bytes: $0) } }
}

/// One entry's deflate: bytes taken a block at a time from the writer's thread, compressed on
/// another (one stream, in order) or on every core (`.blocks`), and the compressed bytes written
/// into the package's sink in order by the writer's thread. At most `inFlight` blocks wait, and
/// their buffers and streams are used again, so memory holds a few blocks whatever the entry's size.
final class EntryDeflater {
    enum Mode {
        /// One deflate stream: the bytes ZIPFoundation wrote.
        case stream
        /// Independent blocks, each primed with the 32 KiB before it, run on every core.
        case blocks
    }

    private let mode: Mode
    private let out: ExportSink
    static let blockSize = 1 << 18
    private let inFlight: Int
    /// Single-stream mode: the one stream, used only on `queue`, in order.
    private let stream: DeflateStream?
    /// Blocks mode: the streams of the blocks that run at once, reset for each block (an entry of
    /// several blocks at zlib's fastest level, one of a single block at ZIPFoundation's).
    private let streams = StreamPool(level: Z_BEST_SPEED)
    private let singleBlock = StreamPool(level: Z_DEFAULT_COMPRESSION)
    private var submitted = 0
    private let queue: DispatchQueue
    private var pending: [DeflateJob] = []
    private var spare: [DeflateJob] = []
    /// The block being filled.
    private var current = DeflateJob()
    private var crc: uLong = crc32(0, nil, 0)
    private var size = 0
    private var compressed = 0

    static let window = 1 << 15

    init(_ mode: Mode, into out: ExportSink) throws {
        self.mode = mode
        self.out = out
        switch mode {
        case .stream:
            inFlight = 2
            stream = try DeflateStream()
            queue = DispatchQueue(label: "convene.zip.deflate")
        case .blocks:
            inFlight = 4
            stream = nil
            queue = DispatchQueue.global(qos: .userInitiated)
        }
    }

    deinit {
        // A writer that failed leaves jobs running: wait for them before their buffers go.
        for job in pending { job.done.wait() }
    }

    /// Bytes of the entry, in order.
    func take(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.baseAddress != nil, !bytes.isEmpty else { return }
        size += bytes.count
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = min(rest.count, Self.blockSize - current.input.count)
            current.input.append(contentsOf: rest.prefix(n))
            rest = rest.dropFirst(n)
            if current.input.count == Self.blockSize { try submit(last: false) }
        }
    }

    /// Ends the entry: its CRC-32, size and compressed size.
    func finish() throws -> (UInt32, Int, Int) {
        try submit(last: true)
        while !pending.isEmpty { try writeOldest() }
        return (UInt32(truncatingIfNeeded: crc), size, compressed)
    }

    private func submit(last: Bool) throws {
        let job = current
        job.last = last
        while pending.count >= inFlight { try writeOldest() }
        current = spare.popLast() ?? DeflateJob()
        current.reset()
        if mode == .blocks { current.dictionary.append(contentsOf: job.input.suffix(Self.window)) }
        pending.append(job)
        if let stream {
            queue.async { job.run(on: stream) }
        } else {
            // Level 1 deflates project.qde's 94 MB (100 000 events) in 0.44 s of CPU instead of 1.2 s,
            // 15 % larger (docs/exports.md); an entry of one block keeps its old bytes.
            let streams = last && submitted == 0 ? singleBlock : self.streams
            queue.async { job.runAlone(streams) }
        }
        submitted += 1
    }

    private func writeOldest() throws {
        let job = pending.removeFirst()
        job.done.wait()
        if let failure = job.failure { throw ExportError.packaging(failure) }
        // Each block's CRC-32 was worked out beside its deflate; joined here in order.
        crc = crc32_combine(crc, job.crc, numericCast(job.input.count))
        compressed += job.output.count
        try out.write(bytes: job.output)
        spare.append(job)
    }
}

/// A raw deflate stream with ZIPFoundation's settings (at `level`: ZIPFoundation's is zlib's default);
/// freed with the object.
final class DeflateStream: @unchecked Sendable {
    let z: UnsafeMutablePointer<z_stream>
    private let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)

    init(level: Int32 = Z_DEFAULT_COMPRESSION) throws {
        z = .allocate(capacity: 1)
        z.initialize(to: z_stream())
        let result = deflateInit2_(
            z, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else {
            z.deallocate()
            chunk.deallocate()
            throw ExportError.packaging("zlib could not start a deflate stream (\(result))")
        }
    }

    deinit {
        deflateEnd(z)
        z.deallocate()
        chunk.deallocate()
    }

    /// Deflates `input` (all of it) with `flush`, appending what comes out to `output`; nil, or why it failed.
    func deflate(_ input: [UInt8], flush: Int32, into output: inout [UInt8]) -> String? {
        input.withUnsafeBufferPointer { inBuf -> String? in
            z.pointee.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            z.pointee.avail_in = uInt(inBuf.count)
            while true {
                z.pointee.next_out = chunk.baseAddress
                z.pointee.avail_out = uInt(chunk.count)
                let result = CSystemZlib.deflate(z, flush)
                output.append(contentsOf: chunk[..<(chunk.count - Int(z.pointee.avail_out))])
                if result == Z_STREAM_END { return nil }
                // Z_BUF_ERROR is no progress possible: not an error when the output had room (zlib's zpipe).
                guard result == Z_OK || result == Z_BUF_ERROR else { return "zlib failed to deflate (\(result))" }
                if z.pointee.avail_out != 0 {
                    // All input taken and everything flushed; a finish keeps going to the stream's end.
                    if flush != Z_FINISH { return nil }
                    if result == Z_BUF_ERROR { return "zlib stopped before the end of an entry" }
                }
            }
        }
    }
}

/// Streams for blocks that run at the same time, each reset before it is used again.
final class StreamPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [DeflateStream] = []
    private let level: Int32

    init(level: Int32) { self.level = level }

    func take() throws -> DeflateStream {
        if let s = lock.withLock({ free.popLast() }) {
            guard deflateReset(s.z) == Z_OK else { throw ExportError.packaging("zlib could not reset a stream") }
            return s
        }
        return try DeflateStream(level: level)
    }

    func give(_ s: DeflateStream) { lock.withLock { free.append(s) } }
}

/// One block of an entry and, once `done` is signalled, its compressed bytes. Used again for a
/// later block once its bytes are written.
final class DeflateJob: @unchecked Sendable {
    var input: [UInt8] = []
    var dictionary: [UInt8] = []
    var last = false
    var output: [UInt8] = []
    /// The block's own CRC-32 (of `input` alone), made on the deflating thread, not the writer's.
    var crc: uLong = 0
    var failure: String?
    let done = DispatchSemaphore(value: 0)

    init() {
        input.reserveCapacity(EntryDeflater.blockSize)
    }

    func reset() {
        input.removeAll(keepingCapacity: true)
        dictionary.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: true)
        last = false
        crc = 0
        failure = nil
    }

    private func checksum() {
        crc = input.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
    }

    /// Continues the entry's one stream (jobs run in order on one queue).
    func run(on stream: DeflateStream) {
        defer { done.signal() }
        checksum()
        failure = stream.deflate(input, flush: last ? Z_FINISH : Z_NO_FLUSH, into: &output)
    }

    /// A stream of its own, primed with the bytes before the block, ended on a byte boundary
    /// (an empty stored block) so the next block's bytes follow; the last block ends the stream.
    func runAlone(_ streams: StreamPool) {
        defer { done.signal() }
        checksum()
        do {
            let stream = try streams.take()
            defer { streams.give(stream) }
            if !dictionary.isEmpty {
                let result = dictionary.withUnsafeBufferPointer {
                    deflateSetDictionary(stream.z, $0.baseAddress, uInt($0.count))
                }
                guard result == Z_OK else {
                    failure = "zlib could not prime a block (\(result))"
                    return
                }
            }
            failure = stream.deflate(input, flush: last ? Z_FINISH : Z_SYNC_FLUSH, into: &output)
        } catch {
            failure = "\(error)"
        }
    }
}
