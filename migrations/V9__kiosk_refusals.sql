-- Self check-in kiosk (issue 15). A refusal at the kiosk tells the member to
-- see reception; the reason is kept here so staff can see who was turned
-- away and why (a refusal is otherwise not recorded: only check-ins are).
-- Not tied to `members` by a foreign key: the replica swap re-inserts every
-- member, and the record must survive it.
CREATE TABLE kiosk_refusals (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,   -- the scan time, ms since the epoch (UTC)
    member_id  INTEGER,            -- NULL when the code named no member of this gym
    code       TEXT    NOT NULL,   -- the verdict's outcome code
    detail     TEXT                -- the alert codes of a blocking alert, comma-separated
);
CREATE INDEX kiosk_refusals_by_time ON kiosk_refusals (at);
