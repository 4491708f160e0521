import Foundation
import Logging
import PostgresNIO

/// A query parameter.
enum Bind: Sendable {
    case text(String)
    case int(Int)
    case int64(Int64)
    case bool(Bool)
    case uuid(UUID)
    case bytes(Data?)
}

/// A blocking bridge over postgres-nio. `SessionJournal` is synchronous, so
/// every call here sends a request on the link's own one-thread event loop
/// and waits for it with a deadline on the calling thread (never an event
/// loop thread). A lost connection is reported as `connectionLost` and the
/// next call reconnects; nothing here retries a write on its own.
final class PostgresLink: @unchecked Sendable {
    /// One event-loop thread for every link in the process.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let location: PostgresLocation
    let password: String?
    /// How long one request may take before the connection is given up as dead.
    var timeout: TimeInterval = 5
    private var connection: PostgresConnection?
    private var listenContext: PostgresListenContext?
    private let logger: Logger = {
        var l = Logger(label: "convene.team")
        l.logLevel = .critical
        return l
    }()
    /// Called (on the event loop) when a NOTIFY arrives on the listened channel.
    var onNotify: (@Sendable (String) -> Void)?
    private(set) var listening: String?

    init(location: PostgresLocation, password: String?) {
        self.location = location
        self.password = password
    }

    var isConnected: Bool { connection.map { !$0.isClosed } ?? false }

    /// Connects if not connected. Throws `cannotConnect` with the server's reason.
    func connect() throws {
        if isConnected { return }
        connection = nil
        let tls: PostgresConnection.Configuration.TLS
        switch location.sslMode {
        case .disable: tls = .disable
        case .allow, .prefer, .require:
            // libpq's "require": encrypted, but the certificate is not checked.
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .none
            try clientIdentity(&c)
            let ctx = try sslContext(c)
            tls = location.sslMode == .require ? .require(ctx) : .prefer(ctx)
        case .verifyCA, .verifyFull:
            // verify-ca checks the chain only; verify-full also the host name.
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = location.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            if let root = location.rootCertificate { c.trustRoots = .file(root) }
            try clientIdentity(&c)
            tls = .require(try sslContext(c))
        }
        var config = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: password, database: location.database, tls: tls)
        config.options.connectTimeout = .seconds(5)
        let future = PostgresConnection.connect(on: Self.group.next(), configuration: config, id: 1, logger: logger)
        do {
            connection = try wait(future, timeout: 8)
        } catch {
            // A connection that arrives after we gave up is closed, not leaked.
            future.whenSuccess { late in Self.retire(late) }
            throw TeamStoreError.cannotConnect(location.description, Self.reason(error))
        }
        if let channel = listening { try? listen(channel) }
    }

    /// A client certificate, when one is configured (sslcert/sslkey or PGSSLCERT/PGSSLKEY).
    private func clientIdentity(_ c: inout TLSConfiguration) throws {
        guard let cert = location.clientCertificate else { return }
        do {
            c.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
            if let key = location.clientKey {
                c.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
        } catch {
            throw TeamStoreError.cannotConnect(
                location.description, "the client certificate \(cert) could not be read (\(error))")
        }
    }

    private func sslContext(_ c: TLSConfiguration) throws -> NIOSSLContext {
        do { return try NIOSSLContext(configuration: c) } catch {
            throw TeamStoreError.cannotConnect(location.description, "TLS could not be set up (\(error))")
        }
    }

    /// Subscribes to `channel`; resubscribed after every reconnection.
    func listen(_ channel: String) throws {
        listening = channel
        guard let connection else { return }
        listenContext?.stop()
        let handler = onNotify
        listenContext = connection.addListener(channel: channel) { _, note in handler?(note.payload) }

        try run("LISTEN \"\(channel)\"")
    }

    func close() {
        listenContext?.stop()
        if let connection { Self.retire(connection) }
        connection = nil
    }

    /// Runs `sql` with `binds` ($1, $2…) and returns every row.
    @discardableResult
    func run(_ sql: String, _ binds: [Bind] = []) throws -> [PostgresRow] {
        try pipeline([(sql, binds)])[0]
    }

    /// Sends every statement at once and then waits for each answer in turn:
    /// one round trip instead of one per statement. Inside a transaction a
    /// failing statement makes the rest fail (and COMMIT roll back), so the
    /// first error is the one reported.
    @discardableResult
    func pipeline(_ statements: [(String, [Bind])]) throws -> [[PostgresRow]] {
        // No silent reconnection here: a dropped link is reported and the journal decides.
        guard let connection, !connection.isClosed else { throw TeamStoreError.connectionLost(location.description) }
        var futures: [EventLoopFuture<PostgresQueryResult>] = []
        for (sql, binds) in statements {
            var bindings = PostgresBindings(capacity: binds.count)
            for b in binds {
                switch b {
                case .text(let v): bindings.append(v)
                case .int(let v): bindings.append(v)
                case .int64(let v): bindings.append(v)
                case .bool(let v): bindings.append(v)
                case .uuid(let v): bindings.append(v)
                case .bytes(let v): if let v { try bindings.append(v) } else { bindings.appendNull() }
                }
            }
            futures.append(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger))
        }
        var results: [[PostgresRow]] = []
        var firstError: (any Error)?
        for future in futures {
            do {
                results.append(try wait(future, timeout: timeout).rows)
            } catch let error as PSQLError where error.code == .server && !Self.endsSession(error) {
                if firstError == nil { firstError = TeamStoreError.server(error.serverInfo?[.message] ?? "error") }
                results.append([])
            } catch {
                // Anything else (closed socket, timeout, protocol) means the link is unusable.
                self.connection = nil
                Self.retire(connection)
                throw TeamStoreError.connectionLost(location.description)
            }
        }
        if let firstError { throw firstError }
        return results
    }

    /// Closes `connection` and keeps it alive until the channel is closed
    /// (postgres-nio asserts that a connection is closed before it is freed).
    static func retire(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// A server error that ends the session (the backend was terminated, the
    /// server is shutting down or restarting) is a lost link, not a refusal.
    static func endsSession(_ error: PSQLError) -> Bool {
        let state = error.serverInfo?[.sqlState] ?? ""
        let severity = error.serverInfo?[.severity] ?? ""
        return state.hasPrefix("57P") || state.hasPrefix("08") || severity == "FATAL" || severity == "PANIC"
    }

    /// The SQLSTATE of a server refusal, if `error` is one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The server backend's process id (for tests that terminate it).
    func backendPID() throws -> Int {
        try run("SELECT pg_backend_pid()").first!.decode(Int.self)
    }

    struct Timeout: Error {}

    /// Blocks the calling thread until `future` completes or `timeout` passes.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: TimeInterval) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        future.whenComplete { result in
            box.set(result)
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success, let result = box.get() else { throw Timeout() }
        return try result.get()
    }

    static func reason(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m }
            switch e.code {
            case .sslUnsupported: return "the server does not offer TLS (sslmode asks for it)"
            case .authMechanismRequiresPassword:
                return "the server wants a password: set PGPASSWORD or add a line to ~/.pgpass"
            case .connectionError, .serverClosedConnection, .uncleanShutdown:
                if let u = e.underlying { return "\(u)" }
                return "the connection failed"
            default: return "\(e.code)"
            }
        }
        if error is Timeout { return "no answer within the time limit" }
        return "\(error)"
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<T, any Error>?
    func set(_ v: Result<T, any Error>) { lock.withLock { value = v } }
    func get() -> Result<T, any Error>? { lock.withLock { value } }
}
