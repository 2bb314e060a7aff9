-- Staff profiles (issue 15): who is on shift at the desk, and who did what.
-- A profile is a name, a role and a 4-6 digit PIN kept only as an Argon2id
-- hash (a PHC string with its own salt). A removed profile keeps its row
-- (removed_at) so that names already written into the outbox and the notes
-- keep meaning something; names are unique among the profiles in use.
CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
    role        TEXT    NOT NULL CHECK (role IN ('reception', 'supervisor', 'admin')),
    pin_hash    TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    removed_at  INTEGER
);
CREATE UNIQUE INDEX staff_name_in_use ON staff (lower(trim(name))) WHERE removed_at IS NULL;
-- Who did what, by name as it was then (a profile may be renamed or removed
-- later; the record stays as it was). Never sent to GymAPI: it has no field
-- for it.
ALTER TABLE outbox ADD COLUMN staff TEXT;        -- on shift when staff entered the check-in by hand or overrode
ALTER TABLE outbox ADD COLUMN approved_by TEXT;  -- whose PIN let an override through
ALTER TABLE outbox ADD COLUMN dismissed_by TEXT; -- who dismissed it while parked
