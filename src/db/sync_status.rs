//! The singleton `sync_status` row: what the UI needs to say
//! "offline since 10:42, 37 check-ins waiting".

use crate::error::Result;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncStatusRow {
    pub online: Option<bool>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub offline_since: Option<DateTime<Utc>>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub last_attempt_at: Option<DateTime<Utc>>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub last_pull_at: Option<DateTime<Utc>>,
}

pub fn get(conn: &Connection) -> Result<SyncStatusRow> {
    Ok(conn.query_row(
        "SELECT online, offline_since, last_attempt_at, last_success_at, last_error, last_pull_at
         FROM sync_status WHERE id = 1",
        [],
        |r| {
            let t = |i| -> rusqlite::Result<Option<DateTime<Utc>>> { Ok(r.get::<_, Option<i64>>(i)?.map(from_ms)) };
            Ok(SyncStatusRow {
                online: r.get(0)?,
                offline_since: t(1)?,
                last_attempt_at: t(2)?,
                last_success_at: t(3)?,
                last_error: r.get(4)?,
                last_pull_at: t(5)?,
            })
        },
    )?)
}

/// Records an attempt to reach the server and its result.
pub fn record_attempt(conn: &Connection, at: DateTime<Utc>, error: Option<&str>) -> Result<()> {
    match error {
        None => conn.execute(
            "UPDATE sync_status SET online = 1, offline_since = NULL, last_attempt_at = ?1,
                 last_success_at = ?1, last_error = NULL WHERE id = 1",
            params![to_ms(at)],
        )?,
        Some(e) => conn.execute(
            "UPDATE sync_status SET online = 0, offline_since = COALESCE(offline_since, ?1),
                 last_attempt_at = ?1, last_error = ?2 WHERE id = 1",
            params![to_ms(at), e],
        )?,
    };
    Ok(())
}

pub fn record_pull(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    conn.execute("UPDATE sync_status SET last_pull_at = ?1 WHERE id = 1", params![to_ms(at)])?;
    Ok(())
}
