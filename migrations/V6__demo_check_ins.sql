-- Demo check-ins never leave the desk (issue 13). A check-in made while the
-- replica holds the demo gym is marked here when it is recorded; the push
-- never selects it, the queue counts leave it out, and the first pull of a
-- real gym deletes it with the demo gym's local history. Before this column a
-- desk that was connected after a demo session pushed every demo check-in to
-- the real server (whose gym and member ids may match the demo's).
ALTER TABLE outbox ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
-- A desk still on the demo gym today: its unsent check-ins are demo ones.
UPDATE outbox SET demo = 1
 WHERE state != 'sent'
   AND EXISTS (SELECT 1 FROM settings WHERE key = 'demo' AND value IN ('true', '1'));
