//! The `staff` table (V10): the desk's staff profiles, each a name, a role
//! and a PIN kept only as an Argon2id hash. A removed profile keeps its row,
//! so the names already written into the outbox and the notes stay
//! meaningful; names are unique among the profiles in use. The rules about
//! who may do what are in `crate::staff`; this is storage only.

use crate::domain::types::string_enum;
use crate::error::{Error, Result};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

string_enum!(
    /// What a staff member may do. Reception checks members in, by hand too,
    /// and leaves notes; a supervisor also approves overrides with their PIN;
    /// an admin also manages the profiles and the desk's settings.
    Role {
        Reception => "reception",
        Supervisor => "supervisor",
        Admin => "admin",
    }
);

impl Role {
    pub fn may_override(self) -> bool {
        matches!(self, Role::Supervisor | Role::Admin)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// A staff profile as the desk shows it (never its PIN hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub role: Role,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub created_at: DateTime<Utc>,
}

/// A profile with its PIN hash, for checking a PIN.
#[derive(Debug, Clone)]
pub struct WithPin {
    pub member: StaffMember,
    pub pin_hash: String,
}

fn from_row(r: &Row) -> rusqlite::Result<WithPin> {
    let role: String = r.get(2)?;
    Ok(WithPin {
        member: StaffMember {
            id: r.get(0)?,
            name: r.get(1)?,
            // The CHECK constraint allows only the three roles.
            role: role.parse().unwrap_or(Role::Reception),
            created_at: from_ms(r.get(4)?),
        },
        pin_hash: r.get(3)?,
    })
}

const COLS: &str = "id, name, role, pin_hash, created_at";

/// The name as stored: trimmed, inner runs of blanks made one space, 1-60 characters.
pub fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(Error::Invalid("a staff member needs a name".into())),
        n if n > MAX_NAME_CHARS => {
            Err(Error::Invalid(format!("a name is at most {MAX_NAME_CHARS} characters ({n} given)")))
        }
        _ => Ok(name),
    }
}

/// The profiles in use, by name.
pub fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
    Ok(with_pins(conn)?.into_iter().map(|w| w.member).collect())
}

/// The profiles in use with their PIN hashes, by name.
pub fn with_pins(conn: &Connection) -> Result<Vec<WithPin>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLS} FROM staff WHERE removed_at IS NULL ORDER BY lower(name), id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One profile in use.
pub fn get(conn: &Connection, id: i64) -> Result<Option<WithPin>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLS} FROM staff WHERE id = ?1 AND removed_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?)
}

/// Whether any profile is in use: without one the desk is open to whoever sits at it.
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE removed_at IS NULL)", [], |r| r.get(0))?)
}

/// Whether a profile in use has this name, in any letter case (accented
/// letters too, which SQLite's `lower` leaves alone).
pub fn name_in_use(conn: &Connection, name: &str) -> Result<bool> {
    let wanted = name.trim().to_lowercase();
    Ok(list(conn)?.iter().any(|s| s.name.to_lowercase() == wanted))
}

/// Adds a profile; `Invalid` when the name is taken.
pub fn add(conn: &Connection, name: &str, role: Role, pin_hash: &str, at: DateTime<Utc>) -> Result<StaffMember> {
    let name = clean_name(name)?;
    if name_in_use(conn, &name)? {
        return Err(Error::Invalid(format!("there is already a staff member called {name}")));
    }
    conn.execute(
        "INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.as_str(), pin_hash, to_ms(at)],
    )?;
    Ok(StaffMember { id: conn.last_insert_rowid(), name, role, created_at: at })
}

/// Changes a profile's role; false when no such profile is in use.
pub fn set_role(conn: &Connection, id: i64, role: Role) -> Result<bool> {
    Ok(conn.execute("UPDATE staff SET role = ?2 WHERE id = ?1 AND removed_at IS NULL", params![id, role.as_str()])? > 0)
}

/// Replaces a profile's PIN hash; false when no such profile is in use.
pub fn set_pin_hash(conn: &Connection, id: i64, pin_hash: &str) -> Result<bool> {
    Ok(conn.execute("UPDATE staff SET pin_hash = ?2 WHERE id = ?1 AND removed_at IS NULL", params![id, pin_hash])? > 0)
}

/// Takes a profile out of use (its row stays); false when it was not in use.
pub fn remove(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<bool> {
    Ok(conn.execute("UPDATE staff SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL", params![id, to_ms(at)])?
        > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use chrono::TimeZone;

    #[test]
    fn profiles_are_listed_by_name_names_are_unique_in_use_and_a_removed_name_is_free_again() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let t = Utc.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap();
        assert!(!any(c).unwrap());
        let zoe = add(c, "  Zoe   Ruiz ", Role::Admin, "$h1", t).unwrap();
        assert_eq!(zoe.name, "Zoe Ruiz");
        let ana = add(c, "ana", Role::Reception, "$h2", t).unwrap();
        assert!(any(c).unwrap());
        assert_eq!(list(c).unwrap().iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["ana", "Zoe Ruiz"]);
        let e = add(c, "ZOE RUIZ", Role::Reception, "$h3", t).unwrap_err();
        assert!(e.to_string().contains("already"), "{e}");
        let alvaro = add(c, "Álvaro", Role::Reception, "$h5", t).unwrap();
        assert!(name_in_use(c, " álvaro ").unwrap(), "accented capitals too");
        assert!(remove(c, alvaro.id, t).unwrap());
        assert!(add(c, "   ", Role::Reception, "$h", t).is_err());
        assert!(add(c, &"x".repeat(61), Role::Reception, "$h", t).is_err());

        assert!(set_role(c, ana.id, Role::Supervisor).unwrap());
        assert!(set_pin_hash(c, ana.id, "$h9").unwrap());
        let got = get(c, ana.id).unwrap().unwrap();
        assert_eq!((got.member.role, got.pin_hash.as_str()), (Role::Supervisor, "$h9"));

        assert!(remove(c, zoe.id, t).unwrap());
        assert!(!remove(c, zoe.id, t).unwrap(), "already out of use");
        assert!(get(c, zoe.id).unwrap().is_none());
        assert!(!set_role(c, zoe.id, Role::Admin).unwrap());
        assert_eq!(list(c).unwrap().len(), 1);
        add(c, "Zoe Ruiz", Role::Reception, "$h4", t).expect("the name is free once the profile is removed");
    }
}
