//! Schema migrations (refinery, SQL files in migrations/) and the guard that
//! refuses a database written by a newer Front Desk instead of corrupting it.

use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The highest schema version this build knows.
pub fn supported_version() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| m.version() as i64).max().unwrap_or(0)
}

/// The highest version applied to this database (0 for a new one).
pub fn applied_version(conn: &Connection) -> Result<i64> {
    let has_history: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if has_history.is_none() {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = applied_version(conn)?;
    let supported = supported_version();
    if found > supported {
        return Err(Error::NewerSchema { found, supported });
    }
    embedded::migrations::runner().set_abort_divergent(true).run(conn).map_err(|e| {
        let text = e.to_string();
        // refinery wraps SQLite's errors in text: recover the damage case.
        if text.contains("malformed") || text.contains("not a database") {
            Error::Corrupt { path: Default::default(), detail: text }
        } else {
            Error::Migration(text)
        }
    })?;
    Ok(())
}
