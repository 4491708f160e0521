import Foundation
import GRDB

/// The tables of a `.convene` file and their migrations.
enum Schema {
    /// `PRAGMA application_id` of every Convene file ("Conv").
    static let applicationID: Int32 = 0x436F_6E76
    /// Bumped when a file written by this version can no longer be read by an older one.
    /// 2: erasure records, payloads rewritten by erasure, keyed chains for encrypted files.
    static let formatVersion = 2

    static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-journal") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        at_ms INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        restricted INTEGER NOT NULL DEFAULT 0,
                        payload BLOB,
                        salt BLOB,
                        commitment BLOB NOT NULL,
                        hash BLOB NOT NULL
                    );
                    CREATE TABLE snapshot (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        seq INTEGER NOT NULL,
                        hash BLOB NOT NULL,
                        state BLOB NOT NULL
                    );
                    -- The journal is append-only: the one permitted change is erasure,
                    -- which clears a payload and its salt and nothing else.
                    CREATE TRIGGER events_append_only BEFORE UPDATE ON events
                    WHEN NOT (NEW.payload IS NULL AND NEW.salt IS NULL AND NEW.seq = OLD.seq AND NEW.id = OLD.id
                              AND NEW.kind = OLD.kind AND NEW.version = OLD.version AND NEW.at_ms = OLD.at_ms
                              AND NEW.actor = OLD.actor AND NEW.restricted = OLD.restricted
                              AND NEW.commitment = OLD.commitment AND NEW.hash = OLD.hash)
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                    """)
        }
        m.registerMigration("v1-console-drafts") { db in
            // Unsent input and view position per console user, so a console reopens where it was.
            try db.execute(
                sql: """
                    CREATE TABLE console_drafts (
                        user TEXT PRIMARY KEY NOT NULL,
                        draft BLOB,
                        view TEXT,
                        saved_ms INTEGER NOT NULL
                    );
                    """)
        }
        m.registerMigration("v2-erasure-rules") { db in
            // Erasure may clear a payload and its salt, or (to replace a leaving name by its
            // placeholder) put a new payload and salt in place; nothing chained may change,
            // and a safeguarding concern is never cleared. `check` holds every such change
            // against the chained erasure record that must list it.
            try db.execute(
                sql: """
                    DROP TRIGGER IF EXISTS events_append_only;
                    CREATE TRIGGER events_append_only BEFORE UPDATE ON events
                    WHEN NOT (NEW.seq = OLD.seq AND NEW.id = OLD.id
                              AND NEW.kind = OLD.kind AND NEW.version = OLD.version AND NEW.at_ms = OLD.at_ms
                              AND NEW.actor = OLD.actor AND NEW.restricted = OLD.restricted
                              AND NEW.commitment = OLD.commitment AND NEW.hash = OLD.hash
                              AND ((NEW.payload IS NULL AND NEW.salt IS NULL AND OLD.restricted = 0)
                                   OR (NEW.payload IS NOT NULL AND NEW.salt IS NOT NULL AND OLD.payload IS NOT NULL)))
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only (and a safeguarding concern can never be erased)'); END;
                    """)
        }
        m.registerMigration("v3-scan-memo") { db in
            // Scans kept between exports (ScanMemoStore.swift); derived data, dropped by every erasure.
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS scan_memo (
                        number INTEGER PRIMARY KEY NOT NULL,
                        check_hash BLOB NOT NULL,
                        scan BLOB NOT NULL
                    );
                    """)
        }
        return m
    }
}
