-- Sync bookkeeping (issue 4). A pull stages the central API's pages here and
-- swaps them into the replica in one transaction at the end, so an interrupted
-- pull leaves the old replica intact and the next pull resumes where it stopped.

-- The pull in progress, if any (at most one).
CREATE TABLE sync_pull_run (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    gym_id        INTEGER NOT NULL,
    start_date    TEXT    NOT NULL,   -- UTC date range asked of /schedule/sessions/date-range
    end_date      TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,   -- ms since the epoch
    members_done  INTEGER NOT NULL DEFAULT 0,
    sessions_done INTEGER NOT NULL DEFAULT 0
);

-- Validated API answers, as JSON. kind: member_page (key = skip),
-- membership (key = member id), session_page (key = skip), participants (key = session id).
CREATE TABLE sync_pull_stage (
    kind  TEXT    NOT NULL,
    key   INTEGER NOT NULL,
    body  TEXT    NOT NULL,
    PRIMARY KEY (kind, key)
);
