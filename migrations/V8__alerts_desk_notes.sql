-- The alert catalogue (issue 15). GymAPI's members list carries `birth_date`
-- and `created_at`; the "birthday" and "new member" alerts need them offline.
ALTER TABLE members ADD COLUMN birth_date TEXT;     -- YYYY-MM-DD, else NULL
ALTER TABLE members ADD COLUMN created_at INTEGER;  -- ms since the epoch, UTC
-- Notes staff leave on a member ("pending waiver"). GymAPI has no field for
-- them: they stay on this desk. Not tied to `members` by a foreign key: the
-- replica swap deletes and re-inserts every member, and a note must survive
-- that. A note shows on each check-in of its member until someone clears it;
-- cleared notes stay for the reports.
CREATE TABLE desk_notes (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL,
    text        TEXT    NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 280),
    device_id   TEXT    NOT NULL,   -- the desk that wrote it
    staff       TEXT,               -- who wrote it, when the desk knows
    created_at  INTEGER NOT NULL,
    cleared_at  INTEGER,
    cleared_by_device TEXT,
    cleared_by_staff  TEXT
);
CREATE INDEX desk_notes_open ON desk_notes (member_id) WHERE cleared_at IS NULL;
