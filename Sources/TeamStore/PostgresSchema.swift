import Foundation

/// The server's tables, their migrations, the role groups and the row-level
/// security that keeps the safeguarding register from observers and from
/// note-takers other than the one who raised a concern.
///
/// Concern payloads (restricted events) live in `convene_restricted`, not in
/// `convene_events`: a reader who may not see one still gets the event's row
/// (kind, hash, commitment) with no payload, so the sequence has no gaps and
/// the hash chain still verifies — the event simply reads as erased.
enum PostgresSchema {
    /// The newest schema this Convene knows.
    static let version = 2
    /// The NOTIFY channel; the payload is the session name.
    static let channel = "convene_events"
    /// Serialises migrations between consoles opening at once.
    static let migrationLock = 0x436F_6E76

    static let migrations: [Int: String] = [
        1: """
        CREATE TABLE convene_sessions (
            name text PRIMARY KEY,
            created_by name NOT NULL DEFAULT current_user,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE convene_session_meta (
            session text NOT NULL REFERENCES convene_sessions(name),
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (session, key)
        );
        CREATE TABLE convene_events (
            session text NOT NULL REFERENCES convene_sessions(name),
            seq integer NOT NULL CHECK (seq > 0),
            id uuid NOT NULL UNIQUE,
            kind text NOT NULL,
            version integer NOT NULL,
            at_ms bigint NOT NULL,
            actor text NOT NULL,
            restricted boolean NOT NULL,
            payload bytea,
            salt bytea,
            commitment bytea NOT NULL,
            hash bytea NOT NULL,
            db_user name NOT NULL DEFAULT current_user,
            PRIMARY KEY (session, seq)
        );
        CREATE TABLE convene_restricted (
            session text NOT NULL,
            seq integer NOT NULL,
            payload bytea,
            salt bytea,
            raised_by name NOT NULL DEFAULT current_user,
            PRIMARY KEY (session, seq),
            FOREIGN KEY (session, seq) REFERENCES convene_events(session, seq)
        );
        -- Append-only, as in the file: the one permitted change is erasure.
        CREATE FUNCTION convene_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the journal is append-only'; END IF;
            IF NEW.payload IS NULL AND NEW.salt IS NULL AND NEW.session = OLD.session AND NEW.seq = OLD.seq
               AND (TG_TABLE_NAME = 'convene_restricted' OR (NEW.id = OLD.id AND NEW.kind = OLD.kind
                    AND NEW.at_ms = OLD.at_ms AND NEW.actor = OLD.actor AND NEW.hash = OLD.hash
                    AND NEW.commitment = OLD.commitment)) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'the journal is append-only';
        END $$;
        CREATE TRIGGER convene_events_append_only BEFORE UPDATE OR DELETE ON convene_events
            FOR EACH ROW EXECUTE FUNCTION convene_append_only();
        CREATE TRIGGER convene_restricted_append_only BEFORE UPDATE OR DELETE ON convene_restricted
            FOR EACH ROW EXECUTE FUNCTION convene_append_only();

        -- Role groups; each person gets a login role that is a member of one.
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'convene_lead') THEN CREATE ROLE convene_lead NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'convene_safeguarding') THEN CREATE ROLE convene_safeguarding NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'convene_notetaker') THEN CREATE ROLE convene_notetaker NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'convene_observer') THEN CREATE ROLE convene_observer NOLOGIN; END IF;
        END $$;
        GRANT SELECT ON convene_schema TO convene_lead, convene_safeguarding, convene_notetaker, convene_observer;
        GRANT SELECT, INSERT ON convene_sessions, convene_session_meta TO convene_lead;
        GRANT SELECT ON convene_sessions, convene_session_meta TO convene_safeguarding, convene_notetaker, convene_observer;
        GRANT SELECT, INSERT ON convene_events, convene_restricted TO convene_lead, convene_safeguarding, convene_notetaker;
        GRANT UPDATE (payload, salt) ON convene_events, convene_restricted TO convene_lead;
        -- Observers may read the register's table only so the join works; its policy gives them no row.
        GRANT SELECT ON convene_events, convene_restricted TO convene_observer;

        ALTER TABLE convene_events ENABLE ROW LEVEL SECURITY;
        CREATE POLICY events_read ON convene_events FOR SELECT USING (true);
        -- Nobody writes in another person's name.
        CREATE POLICY events_write ON convene_events FOR INSERT WITH CHECK (db_user = current_user);
        CREATE POLICY events_erase ON convene_events FOR UPDATE USING (pg_has_role(current_user, 'convene_lead', 'MEMBER'));

        ALTER TABLE convene_restricted ENABLE ROW LEVEL SECURITY;
        CREATE POLICY register_read ON convene_restricted FOR SELECT USING (
            pg_has_role(current_user, 'convene_lead', 'MEMBER')
            OR pg_has_role(current_user, 'convene_safeguarding', 'MEMBER')
            OR raised_by = current_user);
        CREATE POLICY register_write ON convene_restricted FOR INSERT WITH CHECK (raised_by = current_user);
        CREATE POLICY register_erase ON convene_restricted FOR UPDATE USING (pg_has_role(current_user, 'convene_lead', 'MEMBER'));
        """,
        2: """
        -- Append-only, one function per table: the old shared one read NEW.id on
        -- convene_restricted, which has no such column ('record "new" has no field "id"').
        -- Erasure may clear a payload (never a concern's) or put a rewritten one in place
        -- (a leaving name replaced by its placeholder); nothing chained may change.
        CREATE OR REPLACE FUNCTION convene_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the journal is append-only'; END IF;
            IF NEW.session = OLD.session AND NEW.seq = OLD.seq AND NEW.id = OLD.id AND NEW.kind = OLD.kind
               AND NEW.version = OLD.version AND NEW.at_ms = OLD.at_ms AND NEW.actor = OLD.actor
               AND NEW.restricted = OLD.restricted AND NEW.hash = OLD.hash AND NEW.commitment = OLD.commitment
               AND NEW.db_user = OLD.db_user
               AND ((NEW.payload IS NULL AND NEW.salt IS NULL AND NOT OLD.restricted)
                    OR (NEW.payload IS NOT NULL AND NEW.salt IS NOT NULL AND OLD.payload IS NOT NULL)) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'the journal is append-only';
        END $$;
        CREATE OR REPLACE FUNCTION convene_register_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the safeguarding register is append-only'; END IF;
            IF NEW.payload IS NULL OR NEW.salt IS NULL THEN
                RAISE EXCEPTION 'a safeguarding concern is never erased: the duty to pass on a disclosure outlives a withdrawal';
            END IF;
            IF NEW.session = OLD.session AND NEW.seq = OLD.seq AND NEW.raised_by = OLD.raised_by THEN RETURN NEW; END IF;
            RAISE EXCEPTION 'the safeguarding register is append-only';
        END $$;
        DROP TRIGGER convene_restricted_append_only ON convene_restricted;
        CREATE TRIGGER convene_restricted_append_only BEFORE UPDATE OR DELETE ON convene_restricted
            FOR EACH ROW EXECUTE FUNCTION convene_register_append_only();

        -- The linkage table: real names (participant.real-name payloads), readable by the lead only.
        CREATE TABLE convene_linkage (
            session text NOT NULL,
            seq integer NOT NULL,
            payload bytea,
            salt bytea,
            PRIMARY KEY (session, seq),
            FOREIGN KEY (session, seq) REFERENCES convene_events(session, seq)
        );
        CREATE FUNCTION convene_linkage_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the journal is append-only'; END IF;
            IF NEW.session = OLD.session AND NEW.seq = OLD.seq AND (NEW.payload IS NULL) = (NEW.salt IS NULL) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'the journal is append-only';
        END $$;
        CREATE TRIGGER convene_linkage_append_only BEFORE UPDATE OR DELETE ON convene_linkage
            FOR EACH ROW EXECUTE FUNCTION convene_linkage_append_only();
        INSERT INTO convene_linkage (session, seq, payload, salt)
            SELECT session, seq, payload, salt FROM convene_events WHERE kind = 'participant.real-name';
        UPDATE convene_events SET payload = NULL, salt = NULL WHERE kind = 'participant.real-name' AND payload IS NOT NULL;
        GRANT SELECT, INSERT ON convene_linkage TO convene_lead, convene_safeguarding, convene_notetaker;
        GRANT SELECT ON convene_linkage TO convene_observer;
        GRANT UPDATE (payload, salt) ON convene_linkage TO convene_lead;
        ALTER TABLE convene_linkage ENABLE ROW LEVEL SECURITY;
        CREATE POLICY linkage_read ON convene_linkage FOR SELECT USING (pg_has_role(current_user, 'convene_lead', 'MEMBER'));
        CREATE POLICY linkage_write ON convene_linkage FOR INSERT WITH CHECK (true);
        CREATE POLICY linkage_erase ON convene_linkage FOR UPDATE USING (pg_has_role(current_user, 'convene_lead', 'MEMBER'));

        -- Who each database role is: set by the lead. Once a session has any mapping, the
        -- server refuses an event whose actor is not the person mapped to the role writing it.
        CREATE TABLE convene_people (
            session text NOT NULL REFERENCES convene_sessions(name),
            db_role name NOT NULL,
            person text NOT NULL,
            PRIMARY KEY (session, db_role)
        );
        GRANT SELECT ON convene_people TO convene_lead, convene_safeguarding, convene_notetaker, convene_observer;
        GRANT INSERT, UPDATE, DELETE ON convene_people TO convene_lead;
        CREATE FUNCTION convene_stamp_actor() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE mapped text;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM convene_people WHERE session = NEW.session) THEN RETURN NEW; END IF;
            SELECT person INTO mapped FROM convene_people WHERE session = NEW.session AND db_role = NEW.db_user;
            IF mapped IS NULL THEN
                RAISE EXCEPTION 'the role % is not mapped to a person in this session; the lead maps it first', NEW.db_user;
            END IF;
            IF NEW.actor <> mapped THEN
                RAISE EXCEPTION 'the role % writes as %, not as %: an event in another person''s name is refused',
                    NEW.db_user, mapped, NEW.actor;
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER convene_events_actor BEFORE INSERT ON convene_events
            FOR EACH ROW EXECUTE FUNCTION convene_stamp_actor();
        """,
    ]

    /// Brings the server's tables up to `version`, once, whoever opens first.
    static func migrate(_ link: PostgresLink) throws {
        try link.run("BEGIN")
        do {
            try link.run("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try link.run(
                "CREATE TABLE IF NOT EXISTS convene_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            let current = try link.run("SELECT coalesce(max(version), 0) FROM convene_schema").first!.decode(Int.self)
            if current > version { throw TeamStoreError.newerSchema(found: current, supported: version) }
            for v in (current + 1)...max(current + 1, version) where v <= version {
                for statement in statements(migrations[v]!) { try link.run(statement) }
                try link.run("INSERT INTO convene_schema (version) VALUES ($1)", [.int(v)])
            }
            try link.run("COMMIT")
        } catch {
            _ = try? link.run("ROLLBACK")
            throw error
        }
    }

    /// Splits a migration into single statements (the extended protocol runs
    /// one at a time): a line ending in `;` ends one, unless inside `$$ … $$`.
    static func statements(_ sql: String) -> [String] {
        var out: [String] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            let dollars = current.components(separatedBy: "$$").count - 1
            if line.trimmingCharacters(in: .whitespaces).hasSuffix(";"), dollars % 2 == 0 {
                let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { out.append(text) }
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    /// Whether the tables are already current (so a reader without CREATE rights need not migrate).
    static func isCurrent(_ link: PostgresLink) throws -> Bool {
        let rows = try link.run("SELECT to_regclass('convene_schema') IS NOT NULL")
        guard try rows.first?.decode(Bool.self) == true else { return false }
        let v = try link.run("SELECT coalesce(max(version), 0) FROM convene_schema").first!.decode(Int.self)
        if v > version { throw TeamStoreError.newerSchema(found: v, supported: version) }
        return v == version
    }
}
