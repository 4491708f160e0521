import Foundation

/// A team session's address: `postgres://USER@HOST:PORT/DB?session=NAME[&sslmode=…]`.
/// The password never appears here: it comes from `PGPASSWORD` or `~/.pgpass`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// libpq's modes; `allow` is treated as `prefer` (both try TLS first here).
    public enum SSLMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var session: String
    public var sslMode: SSLMode
    /// A CA file for `verify-ca`/`verify-full` (`sslrootcert=`, `PGSSLROOTCERT`); default:
    /// `~/.postgresql/root.crt` if it exists (as libpq), else the system's trust store.
    public var rootCertificate: String?
    /// A client certificate and its key (`sslcert=`/`sslkey=`, `PGSSLCERT`/`PGSSLKEY`).
    public var clientCertificate: String?
    public var clientKey: String?

    /// Whether `text` names a PostgreSQL location rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(
        user: String, host: String, port: Int = 5432, database: String, session: String,
        sslMode: SSLMode = .prefer, rootCertificate: String? = nil
    ) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.session = session
        self.sslMode = sslMode
        self.rootCertificate = rootCertificate
    }

    /// Parses an address. As in libpq, settings the address leaves out come from
    /// `PGSSLMODE`, `PGSSLROOTCERT`, `PGSSLCERT` and `PGSSLKEY`; the address wins.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw TeamStoreError.badLocation(text, "it must look like postgres://USER@HOST:PORT/DB?session=NAME")
        }
        if url.password != nil {
            throw TeamStoreError.badLocation(
                text.replacingOccurrences(of: ":" + (url.percentEncodedPassword ?? ""), with: ":***"),
                "never put a password in the address (it would show in the process list and shell history); set PGPASSWORD or use ~/.pgpass"
            )
        }
        guard let user = url.user, !user.isEmpty else {
            throw TeamStoreError.badLocation(text, "it needs a user name: postgres://USER@HOST/…")
        }
        guard let host = url.host, !host.isEmpty else { throw TeamStoreError.badLocation(text, "it needs a host name") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw TeamStoreError.badLocation(text, "it needs a database name: …/DB?session=NAME")
        }
        var session: String?
        var mode = SSLMode.prefer
        if let env = environment["PGSSLMODE"], !env.isEmpty {
            guard let m = SSLMode(rawValue: env) else {
                throw TeamStoreError.badLocation(
                    text, "PGSSLMODE must be disable, allow, prefer, require, verify-ca or verify-full (it is '\(env)')"
                )
            }
            mode = m
        }
        var root = environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
        var cert = environment["PGSSLCERT"].flatMap { $0.isEmpty ? nil : $0 }
        var key = environment["PGSSLKEY"].flatMap { $0.isEmpty ? nil : $0 }
        for item in url.queryItems ?? [] {
            switch item.name {
            case "session": session = item.value
            case "sslmode":
                guard let m = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw TeamStoreError.badLocation(
                        text, "sslmode must be disable, allow, prefer, require, verify-ca or verify-full")
                }
                mode = m
            case "sslrootcert": root = item.value
            case "sslcert": cert = item.value
            case "sslkey": key = item.value
            case "password":
                throw TeamStoreError.badLocation(
                    "postgres://…", "never put a password in the address; set PGPASSWORD or use ~/.pgpass")
            default:
                throw TeamStoreError.badLocation(
                    text, "unknown setting '\(item.name)' (known: session, sslmode, sslrootcert, sslcert, sslkey)")
            }
        }
        guard let session, !session.isEmpty else {
            throw TeamStoreError.badLocation(text, "it needs the session's name: ?session=NAME")
        }
        guard session.count <= 200, !session.contains(where: { $0.isNewline }) else {
            throw TeamStoreError.badLocation(text, "the session name is too long or has a line break")
        }
        if root == nil, mode == .verifyCA || mode == .verifyFull, let home = environment["HOME"],
            FileManager.default.fileExists(atPath: home + "/.postgresql/root.crt")
        {
            root = home + "/.postgresql/root.crt"
        }
        if root == "system" { root = nil }
        self.init(
            user: user, host: host, port: url.port ?? 5432, database: database, session: session, sslMode: mode,
            rootCertificate: root)
        self.clientCertificate = cert
        self.clientKey = key
    }

    /// The address without any secret (there never is one), for messages.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?session=\(session)"
            + (sslMode == .prefer ? "" : "&sslmode=\(sslMode.rawValue)")
    }

    /// The password for this server: `PGPASSWORD`, else the first matching line
    /// of `PGPASSFILE` or `~/.pgpass` (ignored, as libpq does, unless it is
    /// private to its owner: mode 0600 or stricter). Nil: try without one.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let p = environment["PGPASSWORD"], !p.isEmpty { return p }
        let file =
            environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        var st = stat()
        guard stat(file, &st) == 0 else { return nil }
        if st.st_mode & 0o077 != 0 {
            throw TeamStoreError.passwordFileNotPrivate(file)
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return Self.lookUp(pgpass: text, host: host, port: port, database: database, user: user)
    }

    /// libpq's `.pgpass` rules: `host:port:database:user:password`, `*` matches
    /// anything, `\:` and `\\` escape, `#` starts a comment line, first match wins.
    static func lookUp(pgpass text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            var fields: [String] = [""]
            var escaped = false
            for ch in line {
                if escaped {
                    fields[fields.count - 1].append(ch)
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(ch)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            let matches = zip(fields.prefix(4), wanted).allSatisfy { f, w in
                f == "*" || f == w
            }
            if matches { return fields[4] }
        }
        return nil
    }
}
