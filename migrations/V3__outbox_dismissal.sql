-- Staff may dismiss a parked check-in with a note. It stays in the outbox
-- (and in reports) as parked + dismissed; it is only hidden from the queue panel.
ALTER TABLE outbox ADD COLUMN dismissed_at INTEGER;
ALTER TABLE outbox ADD COLUMN dismiss_note TEXT;
