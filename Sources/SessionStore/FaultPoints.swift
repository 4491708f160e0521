import Foundation
import GRDB

/// Test-only fault injection: in debug builds, `CONVENE_FAULT_POINT=NAME` makes the
/// process kill itself (SIGKILL, no cleanup) when it reaches that point of a durable
/// write, so the durability tests can prove what survives a death at each one. Release
/// builds compile it away. `CONVENE_FAULT_SKIP=N` lets the first N passes go by.
public enum FaultPoint: String, CaseIterable, Sendable {
    /// Inside the append transaction, rows inserted, COMMIT not yet issued.
    case beforeCommit = "before-commit"
    /// Inside COMMIT (SQLite's commit hook): before the WAL frames are written and fsynced.
    case duringCommit = "during-commit"
    /// COMMIT returned: the WAL frames are written and fsynced (synchronous = FULL).
    case afterWalFsync = "after-wal-fsync"
    /// Back in the journal after the transaction, before the caller is told the numbers.
    case afterCommit = "after-commit"
    /// An erasure's transaction committed; the snapshot, VACUUM and WAL truncation not yet run.
    case afterEraseCommit = "after-erase-commit"
    /// An erasure's transaction, payloads cleared and the tombstone appended, COMMIT not yet issued.
    case beforeEraseCommit = "before-erase-commit"
    /// Inside the erasure's purge, after VACUUM, before the WAL is truncated.
    case afterVacuum = "after-vacuum"

    #if DEBUG
        private static let armed: FaultPoint? = ProcessInfo.processInfo.environment["CONVENE_FAULT_POINT"]
            .flatMap(FaultPoint.init(rawValue:))
        private static let passes = Passes(Int(ProcessInfo.processInfo.environment["CONVENE_FAULT_SKIP"] ?? "") ?? 0)
    #endif

    /// Dies here if this point is armed (debug builds only).
    @inline(__always)
    public func reach() {
        #if DEBUG
            guard Self.armed == self else { return }
            if !Self.passes.takeOne() { kill(getpid(), SIGKILL) }
        #endif
    }

    /// Watches the next transaction's commit so `duringCommit` and `afterWalFsync` fire
    /// inside SQLite's own commit processing (debug builds, when armed).
    static func watchNextCommit(_ db: Database) {
        #if DEBUG
            guard let point = armed, point == .duringCommit || point == .afterWalFsync else { return }
            db.add(transactionObserver: CommitObserver(), extent: .nextTransaction)
        #endif
    }
}

#if DEBUG
    /// How many more passes of the armed point to let by.
    private final class Passes: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int
        init(_ n: Int) { left = n }
        /// True while passes remain (and uses one up).
        func takeOne() -> Bool {
            lock.withLock {
                left -= 1
                return left >= 0
            }
        }
    }

    private final class CommitObserver: TransactionObserver, @unchecked Sendable {
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseWillCommit() throws { FaultPoint.duringCommit.reach() }
        func databaseDidCommit(_ db: Database) { FaultPoint.afterWalFsync.reach() }
        func databaseDidRollback(_ db: Database) {}
    }
#endif
