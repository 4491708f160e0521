import Crypto
import Foundation

/// Where a journal ended when someone last wrote to it or took a receipt:
/// the session, the last event and that event's hash. Kept outside the file,
/// so cutting events off the end of a journal, or replacing some and
/// recomputing an unkeyed chain, shows up against it in `convene check`.
public struct JournalHead: Codable, Sendable, Equatable {
    public var session: String
    public var seq: Int
    /// Lower-case hex of the hash of event `seq`.
    public var hash: String
    public var at: Date?
    /// The file (absolute path) or team-session address the head was taken from.
    public var location: String?
    public init(session: String, seq: Int, hash: String, at: Date? = nil, location: String? = nil) {
        self.session = session
        self.seq = seq
        self.hash = hash
        self.at = at
        self.location = location
    }
}

/// The anchors this machine's writers keep: one small file per session and
/// location in `$CONVENE_ANCHORS`, else `$XDG_STATE_HOME/convene/anchors`, else
/// `~/.local/state/convene/anchors` (folders 0700, files 0600). Every append,
/// erasure and pull moves the anchor forward; it never moves back.
public enum Anchors {
    public static func directory() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["CONVENE_ANCHORS"], !dir.isEmpty { return dir }
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/convene/anchors" }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/convene/anchors"
    }

    /// An absolute, symlink-free form of a file path (addresses are kept as given).
    public static func canonical(_ location: String) -> String {
        guard !location.contains("://") else { return location }
        let absolute = location.hasPrefix("/") ? location : FileManager.default.currentDirectoryPath + "/" + location
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Moves the anchor of `head` forward. Best effort: a state folder that
    /// cannot be written never stops a session (check then has less to compare).
    public static func record(_ head: JournalHead) {
        guard let root = directory(), let location = head.location else { return }
        let dir = root + "/" + safeName(head.session)
        let file = dir + "/" + fileName(for: location) + ".json"
        let fm = FileManager.default
        if let existing = read(file), existing.seq > head.seq { return }
        do {
            try fm.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys]
            let temp = file + ".\(getpid()).tmp"
            guard
                fm.createFile(atPath: temp, contents: try encoder.encode(head), attributes: [.posixPermissions: 0o600])
            else { return }
            if rename(temp, file) != 0 { try? fm.removeItem(atPath: temp) }
        } catch {
            return
        }
    }

    /// Every anchor kept for `session`.
    public static func all(for session: String) -> [JournalHead] {
        guard let root = directory() else { return [] }
        let dir = root + "/" + safeName(session)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { read(dir + "/" + $0) }.filter {
            $0.session == session
        }
    }

    /// A head from a receipt or export: any JSON document with a `journalHead` object (or a head itself).
    public static func head(inDocument path: String) -> JournalHead? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Wrapper: Decodable { var journalHead: JournalHead }
        if let w = try? decoder.decode(Wrapper.self, from: data) { return w.journalHead }
        return try? decoder.decode(JournalHead.self, from: data)
    }

    static func read(_ file: String) -> JournalHead? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(JournalHead.self, from: data)
    }

    static func fileName(for location: String) -> String {
        HashChain.hex(Data(SHA256.hash(data: Data(location.utf8)))).prefix(24).description
    }

    static func safeName(_ session: String) -> String {
        let allowed = session.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return allowed.isEmpty ? "unknown" : String(allowed.prefix(64))
    }
}
