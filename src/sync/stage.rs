//! The pull's staging tables (migrations/V2__sync.sql): validated pages are
//! kept here until the whole pull is in, so a pull resumes after a crash and
//! the replica only ever sees complete data.

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
}

pub const MEMBER_PAGE: &str = "member_page";
pub const MEMBERSHIP: &str = "membership";
pub const SESSION_PAGE: &str = "session_page";
pub const PARTICIPANTS: &str = "participants";

pub fn run(conn: &Connection) -> Result<Option<Run>> {
    Ok(conn
        .query_row(
            "SELECT gym_id, start_date, end_date, started_at, members_done, sessions_done FROM sync_pull_run WHERE id = 1",
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
                })
            },
        )
        .optional()?)
}

/// Forgets any staged pull and starts `run`.
pub fn start(conn: &Connection, run: &Run) -> Result<()> {
    clear(conn)?;
    conn.execute(
        "INSERT INTO sync_pull_run (id, gym_id, start_date, end_date, started_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![run.gym_id, run.start_date.to_string(), run.end_date.to_string(), to_ms(run.started_at)],
    )?;
    Ok(())
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
    let json = serde_json::to_string(body).map_err(|e| Error::Db(e.to_string()))?;
    conn.prepare_cached("INSERT OR REPLACE INTO sync_pull_stage (kind, key, body) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, key, json])?;
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
