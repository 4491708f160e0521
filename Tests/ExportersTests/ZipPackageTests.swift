import ConveneTestSupport
import Foundation
import SessionModel
import XCTest
import ZIPFoundation

@testable import Exporters

/// Convene's own zip writer (ZipPackage): an entry deflated as one stream has exactly the bytes
/// ZIPFoundation wrote before (the old way, rebuilt here with ZIPFoundation from the same entries);
/// an entry deflated in blocks on every core unzips to the same bytes; a write that fails leaves
/// no file behind.
final class ZipPackageTests: XCTestCase {
    static let date = Date(timeIntervalSince1970: 1_778_752_800) // 2026-05-14 10:00:00 UTC

    /// The old way: ZIPFoundation's archive of the same entries, as ZipPackage wrote them until session 6.
    static func oldWay(_ entries: [(path: String, data: Data)], date: Date) throws -> Data {
        let dir = try Fixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("old.zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        return try Data(contentsOf: url)
    }

    /// Text like an export's: XML-ish lines, words from a small vocabulary, GUID-like runs that do not
    /// compress, some accented and emoji text; seeded, the seed printed.
    static func text(bytes n: Int, _ random: inout SeededRandom) -> Data {
        let words = ["family", "school", "référral", "the", "strategy", "meeting", "👨‍👩‍👧", "&amp;", "plan", "safety"]
        var out = ""
        out.reserveCapacity(n + 200)
        while out.utf8.count < n {
            let guid = (0..<4).map { _ in String(random.next() & 0xFFFF_FFFF, radix: 16) }.joined(separator: "-")
            let line = (0..<Int(random.next() % 12 + 1)).map { _ in words[Int(random.next() % 10)] }
            out += "<Selection guid=\"\(guid)\" name=\"#\(random.next() % 100_000)\">\(line.joined(separator: " "))\n"
        }
        return Data(out.utf8.prefix(n))
    }

    /// Several entries, one large (many deflate blocks, more than the writer keeps in flight), one empty,
    /// one of exactly a block: written streamed (the way docx and qdpx write their large entries) and in
    /// memory, they are ZIPFoundation's bytes.
    func testStreamedEntriesAreTheOldWaysBytes() throws {
        var random = SeededRandom("ZipPackageTests.streamed")
        let entries: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Self.text(bytes: 671, &random)),
            ("word/document.xml", Self.text(bytes: 5_000_000 + Int(random.next() % 100_000), &random)),
            ("empty.txt", Data()),
            ("block.txt", Self.text(bytes: 1 << 18, &random)),
            ("sources/été 👍.txt", Self.text(bytes: 70_001, &random)),
        ]
        let old = try Self.oldWay(entries, date: Self.date)
        // Written by pieces of every size, as a format's SinkText passes them on.
        let sink = ExportSink()
        try ZipPackage.write(
            entries.enumerated().map { i, e in
                i % 2 == 0
                    ? .bytes(e.path, e.data)
                    : .written(e.path) { out in
                        var at = 0
                        var step = 1
                        while at < e.data.count {
                            let n = min(step, e.data.count - at)
                            try out.write(e.data.subdata(in: at..<at + n))
                            at += n
                            step = step * 3 % 200_003 + 1
                        }
                    }
            }, date: Self.date, to: sink)
        XCTAssertEqual(sink.data.count, old.count)
        XCTAssertTrue(sink.data == old, "the streamed package differs from ZIPFoundation's")
        XCTAssertTrue(try ZipPackage.build(entries, date: Self.date) == old)
    }

    /// An entry deflated in blocks unzips (CRC checked) to the same bytes; its compressed bytes differ from
    /// one stream's only when it spans more than one block, and are the same every run.
    func testBlocksUnzipToTheSameBytes() throws {
        var random = SeededRandom("ZipPackageTests.blocks")
        let large = Self.text(bytes: 3_000_000 + Int(random.next() % 100_000), &random)
        let exact = Self.text(bytes: 2 << 18, &random) // ends on a block's end: an empty last block
        let small = Self.text(bytes: 10_000, &random)
        let entries: [(path: String, data: Data)] = [
            ("project.qde", large), ("exact.qde", exact), ("small.qde", small), ("empty.qde", Data()),
        ]
        func blocks() throws -> Data {
            let sink = ExportSink()
            try ZipPackage.write(
                entries.map { e in .blocks(e.path) { try $0.write(e.data) } }, date: Self.date, to: sink)
            return sink.data
        }
        let package = try blocks()
        XCTAssertTrue(try blocks() == package, "two runs gave different bytes")
        let read = try Zip.entries(package)
        XCTAssertEqual(read.map(\.path), entries.map(\.path))
        for (a, b) in zip(read, entries) { XCTAssertTrue(a.data == b.data, "\(a.path) unzips to other bytes") }
        // Python's zipfile agrees (its own reading of the headers, inflate and CRC check).
        let dir = try Fixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("blocks.zip")
        try package.write(to: file)
        let python = try TestRun.tool("python3", install: "python3")
        let check = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip() or 'ok')"
        let result = try Tool.run(python, ["-c", check, file.path])
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "ok", result.stderr)
        // Entries within one block are deflated exactly as one stream.
        let old = try Self.oldWay(entries, date: Self.date)
        let oldEntries = try Self.localRecords(old)
        let newEntries = try Self.localRecords(package)
        XCTAssertNotEqual(newEntries["project.qde"], oldEntries["project.qde"])
        XCTAssertEqual(newEntries["small.qde"], oldEntries["small.qde"])
        XCTAssertEqual(newEntries["empty.qde"], oldEntries["empty.qde"])
    }

    /// An entry deflated beforehand (`ZipPackage.deflate`, as qdpx deflates a room's text while measuring it) is
    /// written with exactly the bytes a `.blocks` entry of the same text gets: many blocks, one block, empty.
    func testAnEntryDeflatedBeforehandIsTheBlocksEntrysBytes() throws {
        var random = SeededRandom("ZipPackageTests.deflated")
        let entries: [(path: String, data: Data)] = [
            ("project.qde", Self.text(bytes: 10_000, &random)),
            ("sources/a.txt", Self.text(bytes: 1_500_000 + Int(random.next() % 100_000), &random)),
            ("sources/b.txt", Self.text(bytes: 70_001, &random)), ("sources/c.txt", Data()),
        ]
        func package(deflatedBeforehand: Bool) throws -> Data {
            let sink = ExportSink()
            try ZipPackage.write(
                try entries.map { e in
                    deflatedBeforehand && e.path.hasPrefix("sources/")
                        ? .deflated(e.path, try ZipPackage.deflate { try $0.write(e.data) })
                        : .blocks(e.path) { try $0.write(e.data) }
                }, date: Self.date, to: sink)
            return sink.data
        }
        let blocks = try package(deflatedBeforehand: false)
        XCTAssertTrue(try package(deflatedBeforehand: true) == blocks, "an entry deflated beforehand differs")
        let read = try Zip.entries(blocks)
        for (a, b) in zip(read, entries) { XCTAssertTrue(a.data == b.data, "\(a.path) unzips to other bytes") }
    }

    /// Each entry's local header and compressed bytes, by name, read one after another from the start
    /// (the sizes are in the local headers: neither writer uses data descriptors).
    static func localRecords(_ zip: Data) throws -> [String: Data] {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var out: [String: Data] = [:]
        var at = 0
        while at + 30 <= bytes.count, u32(at) == 0x0403_4b50 {
            let name = String(decoding: bytes[(at + 30)..<(at + 30 + u16(at + 26))], as: UTF8.self)
            let length = 30 + u16(at + 26) + u16(at + 28) + u32(at + 18)
            out[name] = Data(bytes[at..<at + length])
            at += length
        }
        return out
    }

    /// The docx of a 3 000-contribution session is the old way's bytes; the qdpx is too, entry by entry,
    /// except project.qde's compressed bytes (deflated in blocks), which unzip to the same text.
    func testDocxAndQdpxAgainstTheOldWay() throws {
        let state = try StreamingExportTests.longState()
        let record = try Exporter.prepare(state).record
        let docx = try Exporter.render(record, format: .docx)
        XCTAssertTrue(try Self.oldWay(Zip.entries(docx), date: record.session.endedAt) == docx)

        let qdpx = try Exporter.render(record, format: .qdpx)
        let entries = try Zip.entries(qdpx)
        XCTAssertEqual(entries.first?.path, "project.qde")
        XCTAssertGreaterThan(entries[0].data.count, 1 << 19, "project.qde spans several blocks")
        let old = try Self.oldWay(entries, date: record.session.endedAt)
        XCTAssertTrue(try Zip.entries(old).elementsEqual(entries) { $0.path == $1.path && $0.data == $1.data })
        let (new, before) = (try Self.localRecords(qdpx), try Self.localRecords(old))
        for (path, bytes) in before where path != "project.qde" {
            XCTAssertEqual(new[path], bytes, "\(path) is not the old way's bytes")
        }
    }

    /// Disk full half way through a package: ENOSPC from /dev/full, through the sink, is the error.
    func testAFullDiskIsTheError() throws {
        let fd = open("/dev/full", O_WRONLY)
        XCTAssertGreaterThanOrEqual(fd, 0, "Linux has /dev/full")
        defer { close(fd) }
        var random = SeededRandom("ZipPackageTests.full")
        let big = Self.text(bytes: 2_000_000, &random)
        XCTAssertThrowsError(
            try ZipPackage.write(
                [.written("a.xml") { try $0.write(big) }, .blocks("b.xml") { try $0.write(big) }],
                date: Self.date, to: ExportSink(fileDescriptor: fd))
        ) { error in
            guard case ExportSinkError.write(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("space"), why)
        }
    }

    /// A file that cannot grow (the process's file size limit, EFBIG, as a full disk would refuse) half
    /// way through a qdpx: `ExportFile` reports one sentence and leaves nothing in the folder, neither
    /// the export nor its temporary file, and no temporary folder (the writer makes none).
    func testAWriteThatFailsHalfWayLeavesNothing() throws {
        let record = try Exporter.prepare(try StreamingExportTests.longState()).record
        let dir = try Fixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.qdpx").path
        let tmpBefore = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))

        var limit = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit)
        let saved = limit
        let oldHandler = signal(SIGXFSZ, SIG_IGN)
        limit.rlim_cur = 300_000
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit), 0)
        var thrown: Error?
        do {
            try ExportFile.write(to: target, input: nil) { try Exporter.render(record, format: .qdpx, to: $0) }
        } catch { thrown = error }
        var restore = saved
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &restore)
        signal(SIGXFSZ, oldHandler)

        guard case ExportFileError.cannotWrite(let path, _)? = thrown else {
            return XCTFail("expected cannotWrite, got \(String(describing: thrown))")
        }
        XCTAssertEqual(path, target)
        XCTAssertTrue(thrown.map { "\($0)" }?.hasSuffix("nothing was written") ?? false)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
        let tmpAfter = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))
        XCTAssertEqual(tmpAfter.subtracting(tmpBefore).filter { $0.hasPrefix("convene-zip") }, [])
        // The same export, with room to grow, is whole.
        try ExportFile.write(to: target, input: nil) { try Exporter.render(record, format: .qdpx, to: $0) }
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: target)) == Exporter.render(record, format: .qdpx))
    }
}
