//! The `gym` table: the one gym whose data this desk holds.

use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Gym {
    pub id: i64,
    pub name: String,
    /// IANA time zone name; validated on import.
    pub timezone: String,
}

impl Gym {
    /// The gym's time zone. Falls back to UTC (the central API's default) if
    /// the stored name is unknown to this build's zone database.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }
}

pub fn get(conn: &Connection) -> Result<Option<Gym>> {
    Ok(conn
        .query_row("SELECT id, name, timezone FROM gym LIMIT 1", [], |r| {
            Ok(Gym { id: r.get(0)?, name: r.get(1)?, timezone: r.get(2)? })
        })
        .optional()?)
}

/// The gym, or the "load a gym first" error.
pub fn require(conn: &Connection) -> Result<Gym> {
    get(conn)?.ok_or(Error::NoGym)
}

/// Makes `gym` the only gym row.
pub fn replace(conn: &Connection, gym: &Gym) -> Result<()> {
    conn.execute("DELETE FROM gym", [])?;
    conn.execute("INSERT INTO gym (id, name, timezone) VALUES (?1, ?2, ?3)", params![gym.id, gym.name, gym.timezone])?;
    Ok(())
}
