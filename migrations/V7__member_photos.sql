-- Member photos cached for offline use (issue 14). GymAPI lists a `picture`
-- URL per member, but the desk's webview may load nothing but itself and an
-- offline desk cannot reach the URL: the sync fetches each picture, shrinks it
-- to a JPEG of at most 256 px and 64 KB and keeps it here. Not tied to
-- `members` by a foreign key: the replica swap deletes and re-inserts every
-- member, and a photo must survive that. The photo refresh drops the rows of
-- members that are gone or lost their URL.
CREATE TABLE member_photos (
    member_id     INTEGER PRIMARY KEY,
    url           TEXT    NOT NULL,          -- the picture URL this row is about
    etag          TEXT,                      -- validators for If-None-Match / If-Modified-Since
    last_modified TEXT,
    image         BLOB,                      -- JPEG; NULL while the URL has never given one
    width         INTEGER,
    height        INTEGER,
    fetched_at    INTEGER,                   -- last answer with the image (200 or 304)
    failures      INTEGER NOT NULL DEFAULT 0,-- consecutive failed attempts
    last_error    TEXT,
    next_try_at   INTEGER NOT NULL           -- when the refresh may ask again
);
-- A member's colour as the central API or snapshot gives it (#RRGGBB), else NULL.
ALTER TABLE members ADD COLUMN color TEXT;
