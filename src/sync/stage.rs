//! The pull's staging tables (migrations/V2__sync.sql, V5): validated pages
//! are kept here until the whole pull is in, so a pull resumes after a crash
//! and the replica only ever sees complete data. A tiered pull keeps them
//! after it finishes, each with the time it was fetched, as the cache the
//! next pull refreshes only where due.

use crate::error::{Error, Result};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub gym_id: i64,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub started_at: DateTime<Utc>,
    pub members_done: bool,
    pub sessions_done: bool,
    /// When the member list was last read whole (tiered pulls).
    pub members_fetched_at: Option<DateTime<Utc>>,
    /// When the run finished; None while in progress (resumable).
    pub completed_at: Option<DateTime<Utc>>,
}

pub const MEMBER_PAGE: &str = "member_page";
pub const MEMBERSHIP: &str = "membership";
pub const SESSION_PAGE: &str = "session_page";
pub const PARTICIPANTS: &str = "participants";

pub fn run(conn: &Connection) -> Result<Option<Run>> {
    Ok(conn
        .query_row(
            "SELECT gym_id, start_date, end_date, started_at, members_done, sessions_done, members_fetched_at,
                    completed_at
             FROM sync_pull_run WHERE id = 1",
            [],
            |r| {
                let date = |i: usize| -> rusqlite::Result<NaiveDate> {
                    let s: String = r.get(i)?;
                    s.parse().map_err(|e: chrono::ParseError| {
                        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
                    })
                };
                Ok(Run {
                    gym_id: r.get(0)?,
                    start_date: date(1)?,
                    end_date: date(2)?,
                    started_at: from_ms(r.get(3)?),
                    members_done: r.get(4)?,
                    sessions_done: r.get(5)?,
                    members_fetched_at: r.get::<_, Option<i64>>(6)?.map(from_ms),
                    completed_at: r.get::<_, Option<i64>>(7)?.map(from_ms),
                })
            },
        )
        .optional()?)
}

/// Forgets any staged pull and starts `run`.
pub fn start(conn: &Connection, run: &Run) -> Result<()> {
    clear(conn)?;
    insert_run(conn, run)
}

fn insert_run(conn: &Connection, run: &Run) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_pull_run (id, gym_id, start_date, end_date, started_at, members_done, sessions_done,
             members_fetched_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            run.gym_id,
            run.start_date.to_string(),
            run.end_date.to_string(),
            to_ms(run.started_at),
            run.members_done,
            run.sessions_done,
            run.members_fetched_at.map(to_ms)
        ],
    )?;
    Ok(())
}

/// Starts a tiered run of the same gym: the session pages are read again,
/// the member pages only when `run.members_done` is false; memberships and
/// participants stay, to be refreshed where due.
pub fn start_tiered(conn: &Connection, run: &Run) -> Result<()> {
    conn.execute("DELETE FROM sync_pull_run", [])?;
    conn.execute("DELETE FROM sync_pull_stage WHERE kind = ?1", [SESSION_PAGE])?;
    if !run.members_done {
        conn.execute("DELETE FROM sync_pull_stage WHERE kind = ?1", [MEMBER_PAGE])?;
    }
    insert_run(conn, run)
}

/// The member list was read whole at `at`.
pub fn set_members_fetched(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    conn.execute("UPDATE sync_pull_run SET members_fetched_at = ?1", [to_ms(at)])?;
    Ok(())
}

/// A tiered run finished at `at`: its answers stay as the next run's cache.
pub fn complete(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    conn.execute("UPDATE sync_pull_run SET completed_at = ?1", [to_ms(at)])?;
    Ok(())
}

/// Drops the staged items of `kind` whose key is not in `keep`.
pub fn prune(conn: &Connection, kind: &str, keep: &std::collections::HashSet<i64>) -> Result<usize> {
    let stale: Vec<i64> = keys(conn, kind)?.into_iter().filter(|k| !keep.contains(k)).collect();
    let mut stmt = conn.prepare_cached("DELETE FROM sync_pull_stage WHERE kind = ?1 AND key = ?2")?;
    for k in &stale {
        stmt.execute(params![kind, k])?;
    }
    Ok(stale.len())
}

/// When each staged item of `kind` was fetched (None: before fetch times were kept).
pub fn fetched(conn: &Connection, kind: &str) -> Result<std::collections::HashMap<i64, Option<DateTime<Utc>>>> {
    let mut stmt = conn.prepare_cached("SELECT key, fetched_at FROM sync_pull_stage WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?.map(from_ms))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM sync_pull_stage", [])?;
    conn.execute("DELETE FROM sync_pull_run", [])?;
    Ok(())
}

pub fn set_done(conn: &Connection, members: Option<bool>, sessions: Option<bool>) -> Result<()> {
    conn.execute(
        "UPDATE sync_pull_run SET members_done = COALESCE(?1, members_done), sessions_done = COALESCE(?2, sessions_done)",
        params![members, sessions],
    )?;
    Ok(())
}

pub fn put<T: Serialize>(conn: &Connection, kind: &str, key: i64, body: &T) -> Result<()> {
    put_at(conn, kind, key, body, None)
}

/// Stages `body`, fetched at `at`.
pub fn put_at<T: Serialize>(
    conn: &Connection,
    kind: &str,
    key: i64,
    body: &T,
    at: Option<DateTime<Utc>>,
) -> Result<()> {
    let json = serde_json::to_string(body).map_err(|e| Error::Db(e.to_string()))?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_pull_stage (kind, key, body, fetched_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![kind, key, json, at.map(to_ms)])?;
    Ok(())
}

/// Every staged item of `kind`, by key.
pub fn all<T: DeserializeOwned>(conn: &Connection, kind: &str) -> Result<Vec<(i64, T)>> {
    let mut stmt = conn.prepare_cached("SELECT key, body FROM sync_pull_stage WHERE kind = ?1 ORDER BY key")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (k, body) = row?;
        let v = serde_json::from_str(&body).map_err(|e| Error::Db(format!("staged {kind} {k}: {e}")))?;
        out.push((k, v));
    }
    Ok(out)
}

pub fn keys(conn: &Connection, kind: &str) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM sync_pull_stage WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
