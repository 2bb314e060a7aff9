-- The desk's local replica of one gym, its check-in outbox and sync status.
-- Times are INTEGER milliseconds since the Unix epoch, UTC (sortable, exact at
-- the ±30:00 window boundaries). Never edit this file once released: add V2.

CREATE TABLE gym (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL,
    timezone  TEXT    NOT NULL  -- IANA name, e.g. America/Mexico_City
);

CREATE TABLE members (
    id                    INTEGER PRIMARY KEY,
    email                 TEXT,
    first_name            TEXT,
    last_name             TEXT,
    picture               TEXT,
    phone_number          TEXT,
    is_active             INTEGER NOT NULL DEFAULT 1,   -- the user's own flag
    gym_role              TEXT    NOT NULL DEFAULT 'MEMBER',
    qr_digest             BLOB,                         -- SHA-256 of the whole code; NULL = no code
    membership_active     INTEGER,                      -- NULL = unknown
    membership_type       TEXT,
    membership_expires_at INTEGER,
    search_key            TEXT    NOT NULL DEFAULT ''   -- folded "first last email id" for search
);

CREATE TABLE sessions (
    id                   INTEGER PRIMARY KEY,
    class_id             INTEGER,
    trainer_id           INTEGER,
    gym_id               INTEGER NOT NULL,
    start_time           INTEGER NOT NULL,
    end_time             INTEGER NOT NULL,
    room                 TEXT,
    status               TEXT    NOT NULL,
    current_participants INTEGER NOT NULL DEFAULT 0,
    override_capacity    INTEGER,
    class_name           TEXT,
    max_capacity         INTEGER
);
CREATE INDEX sessions_by_start ON sessions (gym_id, start_time);

-- One row per (session, member). server_id is the central API's id once known.
-- source: where the row's current state came from: server, or this desk's
-- camera / scanner scan, manual entry or override.
CREATE TABLE participations (
    local_id            INTEGER PRIMARY KEY,
    server_id           INTEGER UNIQUE,
    session_id          INTEGER NOT NULL,
    member_id           INTEGER NOT NULL,
    gym_id              INTEGER NOT NULL,
    status              TEXT    NOT NULL,
    registration_time   INTEGER,
    attendance_time     INTEGER,
    cancellation_time   INTEGER,
    cancellation_reason TEXT,
    source              TEXT    NOT NULL DEFAULT 'server'
                        CHECK (source IN ('server', 'camera', 'scanner', 'manual', 'override')),
    override_reason     TEXT,
    event_id            TEXT,   -- the outbox event that carries a desk check-in
    UNIQUE (session_id, member_id)
);
CREATE INDEX participations_by_member ON participations (member_id);

-- Durable queue of desk check-ins to send to the central API.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL UNIQUE,   -- UUID v4, the idempotency key
    gym_id          INTEGER NOT NULL,
    member_id       INTEGER NOT NULL,
    session_id      INTEGER NOT NULL,
    scanned_at      INTEGER NOT NULL,
    payload         TEXT    NOT NULL,          -- JSON: the scanned code, scan time, method...
    state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'parked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- Singleton row the UI reads to say "offline since 10:42, 37 waiting".
CREATE TABLE sync_status (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    online          INTEGER,
    offline_since   INTEGER,
    last_attempt_at INTEGER,
    last_success_at INTEGER,
    last_error      TEXT,
    last_pull_at    INTEGER
);
INSERT INTO sync_status (id) VALUES (1);

-- Desk settings that belong with the replica (per gym): key/value text.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
