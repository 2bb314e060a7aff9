-- Why an event is parked or waiting (issue 10): a stable code with its
-- parameters, as JSON of `OutboxReason` ({"code": "class_full", ...}), so the
-- sync panel, the CLI and the reports render it in the desk's language.
-- `last_error` keeps the English text for older readers and the diagnostics.
ALTER TABLE outbox ADD COLUMN reason TEXT;
-- Which endpoint got a sent event onto the server: 'batch', 'check_in',
-- 'attendance' (a booked member marked attended) or 'booked' (a walk-in
-- booked into the class first, then marked attended).
ALTER TABLE outbox ADD COLUMN sent_via TEXT;

-- Tiered pulls (issue 10, "pull less"): the staged answers of a finished pull
-- are kept as a cache, each with the time it was fetched, so the next pull
-- asks only for what is due (the member list every few hours, memberships of
-- expected visitors every few minutes and everyone else's in a daily
-- rotation, participants of the classes around now).
ALTER TABLE sync_pull_stage ADD COLUMN fetched_at INTEGER;
-- When the member list was last read whole, and when this run finished
-- (NULL while it is in progress, so it can be resumed).
ALTER TABLE sync_pull_run ADD COLUMN members_fetched_at INTEGER;
ALTER TABLE sync_pull_run ADD COLUMN completed_at INTEGER;
