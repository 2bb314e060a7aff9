//! The `member_photos` table (V7): each member's picture, fetched from the URL
//! the central API lists and kept as a small JPEG, so the desk shows the photo
//! offline and the webview never loads a remote URL. A row also remembers the
//! URL's validators (ETag, Last-Modified) and its failures, so the refresh
//! (`crate::photos`) revalidates instead of downloading again and backs off
//! instead of asking a broken URL every round.

use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// What the planner needs of a row (never the image itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoState {
    pub member_id: i64,
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub has_image: bool,
    pub failures: u32,
    pub last_error: Option<String>,
    pub next_try_at: DateTime<Utc>,
}

/// A fetched, shrunk photo to store.
#[derive(Debug, Clone)]
pub struct NewPhoto<'a> {
    pub member_id: i64,
    pub url: &'a str,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub jpeg: &'a [u8],
    pub width: u32,
    pub height: u32,
}

/// `next_try_at` of a row that must never be asked again for its URL (a refused scheme).
pub const NEVER_MS: i64 = i64::MAX;

pub fn states(conn: &Connection) -> Result<Vec<PhotoState>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, url, etag, last_modified, image IS NOT NULL, failures, last_error, next_try_at
         FROM member_photos ORDER BY member_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PhotoState {
            member_id: r.get(0)?,
            url: r.get(1)?,
            etag: r.get(2)?,
            last_modified: r.get(3)?,
            has_image: r.get(4)?,
            failures: r.get::<_, i64>(5)?.clamp(0, u32::MAX as i64) as u32,
            last_error: r.get(6)?,
            next_try_at: from_ms(r.get::<_, i64>(7)?.min(crate::time::to_ms(DateTime::<Utc>::MAX_UTC))),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a photo (a 200 answer): the failures are forgotten.
pub fn store(conn: &Connection, p: &NewPhoto, now: DateTime<Utc>, next_try_at: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO member_photos (member_id, url, etag, last_modified, image, width, height, fetched_at,
             failures, last_error, next_try_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, NULL, ?9)
         ON CONFLICT (member_id) DO UPDATE SET url = excluded.url, etag = excluded.etag,
             last_modified = excluded.last_modified, image = excluded.image, width = excluded.width,
             height = excluded.height, fetched_at = excluded.fetched_at, failures = 0, last_error = NULL,
             next_try_at = excluded.next_try_at",
    )?
    .execute(params![
        p.member_id,
        p.url,
        p.etag,
        p.last_modified,
        p.jpeg,
        p.width,
        p.height,
        to_ms(now),
        to_ms(next_try_at)
    ])?;
    Ok(())
}

/// A 304: the cached image is still the URL's.
pub fn still_valid(conn: &Connection, member_id: i64, now: DateTime<Utc>, next_try_at: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE member_photos SET fetched_at = ?2, failures = 0, last_error = NULL, next_try_at = ?3
         WHERE member_id = ?1",
    )?
    .execute(params![member_id, to_ms(now), to_ms(next_try_at)])?;
    Ok(())
}

/// A failed attempt at `url`. A row about another URL is replaced (its image
/// belonged to the old URL); `keep_image` keeps a same-URL image through a
/// failure that says nothing about the picture (a timeout, a 503).
pub fn record_failure(
    conn: &Connection,
    member_id: i64,
    url: &str,
    error: &str,
    keep_image: bool,
    next_try_at_ms: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO member_photos (member_id, url, failures, last_error, next_try_at)
         VALUES (?1, ?2, 1, ?3, ?4)
         ON CONFLICT (member_id) DO UPDATE SET
             failures = CASE WHEN url = excluded.url THEN failures + 1 ELSE 1 END,
             image = CASE WHEN url = excluded.url AND ?5 THEN image ELSE NULL END,
             width = CASE WHEN url = excluded.url AND ?5 THEN width ELSE NULL END,
             height = CASE WHEN url = excluded.url AND ?5 THEN height ELSE NULL END,
             etag = CASE WHEN url = excluded.url AND ?5 THEN etag ELSE NULL END,
             last_modified = CASE WHEN url = excluded.url AND ?5 THEN last_modified ELSE NULL END,
             url = excluded.url, last_error = excluded.last_error, next_try_at = excluded.next_try_at",
    )?
    .execute(params![member_id, url, error, next_try_at_ms, keep_image])?;
    Ok(())
}

pub fn delete(conn: &Connection, member_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM member_photos WHERE member_id = ?1")?.execute([member_id])?;
    Ok(())
}

pub fn delete_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM member_photos", [])?;
    Ok(())
}

/// Member `member_id`'s cached JPEG, if there is one.
pub fn image(conn: &Connection, member_id: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT image FROM member_photos WHERE member_id = ?1 AND image IS NOT NULL")?
        .query_row([member_id], |r| r.get(0))
        .optional()?)
}

pub fn has_image(conn: &Connection, member_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM member_photos WHERE member_id = ?1 AND image IS NOT NULL")?
        .query_row([member_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// How many members have a cached image.
pub fn count_images(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM member_photos WHERE image IS NOT NULL", [], |r| r.get(0))?)
}
