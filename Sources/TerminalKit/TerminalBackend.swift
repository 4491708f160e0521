import Foundation

/// What the console's runner needs from a terminal: the ncurses `Terminal`, or
/// `TestTerminal` for tests that drive the runner itself without a pseudo-terminal.
public protocol TerminalBackend: AnyObject {
    func open() throws
    /// Gives the terminal back in its normal mode; safe to call twice.
    func close()
    var size: (width: Int, height: Int) { get }
    /// Shows `grid` (only what changed since the last frame, for a real terminal).
    func draw(_ grid: CellGrid)
    /// The next key, waiting at most `timeoutMs`; nil on timeout or when a
    /// termination signal arrived (then `pendingSignal` says which).
    func readKey(timeoutMs: Int) -> Key?
    /// The next frame is drawn whole.
    func invalidate()
    func bell()
    /// The termination signal (SIGTERM, SIGHUP, SIGINT) received, or nil.
    var pendingSignal: Int32? { get }
}

extension Terminal {
    public var pendingSignal: Int32? { Terminal.pendingSignal }
}

/// A terminal in memory: keys are queued by the test (or by a script), frames
/// are kept, a termination signal can be raised. Thread-safe, so a test can feed
/// keys while the runner loops on another thread.
public final class TestTerminal: TerminalBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [Key] = []
    private var signal: Int32?
    private var frames: [CellGrid] = []
    private var width: Int, height: Int
    public private(set) var isOpen = false
    public private(set) var bells = 0
    /// How many times `close()` gave the terminal back.
    public private(set) var closes = 0

    public init(width: Int = 80, height: Int = 24) {
        self.width = width
        self.height = height
    }

    public func open() throws { lock.run { isOpen = true } }
    public func close() {
        lock.run {
            if isOpen {
                isOpen = false
                closes += 1
            }
        }
    }
    public var size: (width: Int, height: Int) { lock.run { (width, height) } }
    public func draw(_ grid: CellGrid) { lock.run { frames.append(grid) } }
    public func invalidate() {}
    public func bell() { lock.run { bells += 1 } }
    public var pendingSignal: Int32? { lock.run { signal } }

    public func readKey(timeoutMs: Int) -> Key? {
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        while true {
            if let k: Key = lock.run({ signal == nil && !keys.isEmpty ? keys.removeFirst() : nil }) { return k }
            if pendingSignal != nil || Date() >= deadline { return nil }
            usleep(1_000)
        }
    }

    /// Queues keys as if typed.
    public func send(_ more: [Key]) { lock.run { keys += more } }
    public func type(_ text: String) { send(text.map { Key.char($0) }) }
    /// As if SIGTERM (15), SIGHUP (1) or SIGINT (2) arrived.
    public func raise(_ sig: Int32) { lock.run { signal = sig } }
    /// Changes the size (send `.resize` too, as a terminal does).
    public func resize(width: Int, height: Int) {
        lock.run {
            self.width = width
            self.height = height
        }
    }
    /// Keys not read yet.
    public var pendingKeys: Int { lock.run { keys.count } }
    /// The last frame drawn, as text.
    public var screen: String { lock.run { frames.last?.text() ?? "" } }
    public var frameCount: Int { lock.run { frames.count } }
}

extension NSLock {
    fileprivate func run<T>(_ body: () -> T) -> T {
        lock()
        defer { unlock() }
        return body()
    }
}
