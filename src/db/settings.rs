//! Desk settings stored with the replica (key/value), and the typed accessors
//! the rules and the app use: the device id, the membership policy, the language.

use crate::domain::alerts::AlertPolicy;
use crate::domain::rules::{Policy, ALREADY_INSIDE_MAX_MINUTES};
use crate::domain::Lang;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

pub const DEVICE_ID: &str = "device_id";
/// Before the alert catalogue, the one membership setting; read only when no
/// `ALERT_POLICY` is stored (a desk set up by an older build).
pub const BLOCK_INACTIVE: &str = "block_inactive_membership";
/// The alert catalogue (`domain::alerts::AlertPolicy`), as JSON.
pub const ALERT_POLICY: &str = "alert_policy";
pub const LANG: &str = "lang";
pub const RESCAN_WINDOW_SECS: &str = "rescan_window_secs";
pub const DEMO: &str = "demo";
pub const ALREADY_INSIDE_MINUTES: &str = "already_inside_minutes";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn get_bool(conn: &Connection, key: &str) -> Result<bool> {
    Ok(matches!(get(conn, key)?.as_deref(), Some("true" | "1")))
}

/// A stable id for this desk, sent with every check-in event.
pub fn ensure_device_id(conn: &Connection) -> Result<String> {
    if let Some(id) = get(conn, DEVICE_ID)? {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    set(conn, DEVICE_ID, &id)?;
    Ok(id)
}

pub fn device_id(conn: &Connection) -> Result<String> {
    ensure_device_id(conn)
}

pub fn policy(conn: &Connection) -> Result<Policy> {
    Ok(Policy { alerts: alert_policy(conn)?, already_inside_minutes: already_inside_minutes(conn)? })
}

/// The gym's alert policy: the stored one, else the one an older desk's
/// "block inactive memberships" setting means. An unreadable value is logged
/// and read as that too: the desk keeps checking members in.
pub fn alert_policy(conn: &Connection) -> Result<AlertPolicy> {
    if let Some(json) = get(conn, ALERT_POLICY)? {
        match serde_json::from_str::<AlertPolicy>(&json) {
            Ok(p) if p.validate().is_ok() => return Ok(p),
            Ok(p) => tracing::warn!(?p, "stored alert policy out of bounds; using the defaults"),
            Err(e) => tracing::warn!(error = %e, "stored alert policy unreadable; using the defaults"),
        }
    }
    Ok(AlertPolicy::legacy(get_bool(conn, BLOCK_INACTIVE)?))
}

pub fn set_alert_policy(conn: &Connection, p: &AlertPolicy) -> Result<()> {
    p.validate().map_err(crate::error::Error::Invalid)?;
    set(conn, ALERT_POLICY, &serde_json::to_string(p).map_err(|e| crate::error::Error::Db(e.to_string()))?)
}

/// The "already inside" span in minutes; 0 (off) when unset or unreadable.
pub fn already_inside_minutes(conn: &Connection) -> Result<u32> {
    Ok(get(conn, ALREADY_INSIDE_MINUTES)?
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0)
        .min(ALREADY_INSIDE_MAX_MINUTES))
}

pub fn lang(conn: &Connection) -> Result<Option<Lang>> {
    Ok(get(conn, LANG)?.and_then(|l| l.parse().ok()))
}
