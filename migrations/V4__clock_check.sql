-- Clock checks (issue 7). The desk compares its clock with the central API's
-- `Date` header on every sync round. A check-in recorded while the clocks
-- disagree, or after the desk's clock went backwards, keeps its scan time but
-- is flagged so staff and reports know that time is doubtful.

-- Last measurement: server time minus desk time, and when (desk time) it was taken.
ALTER TABLE sync_status ADD COLUMN clock_offset_ms INTEGER;
ALTER TABLE sync_status ADD COLUMN clock_checked_at INTEGER;
-- The last desk time at which the two clocks agreed.
ALTER TABLE sync_status ADD COLUMN clock_ok_at INTEGER;
-- Desk time of the last check-in whose clock was seen to run backwards, until
-- the next agreeing measurement clears it.
ALTER TABLE sync_status ADD COLUMN clock_backwards_at INTEGER;

-- Why this check-in's scan time is doubtful: NULL, 'skew' or 'backwards';
-- with the offset (ms, server minus desk) known when it was flagged.
ALTER TABLE outbox ADD COLUMN clock_flag TEXT CHECK (clock_flag IN ('skew', 'backwards'));
ALTER TABLE outbox ADD COLUMN clock_offset_ms INTEGER;
