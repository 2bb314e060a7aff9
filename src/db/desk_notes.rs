//! The `desk_notes` table: notes staff leave on a member at this desk
//! ("pending waiver", "ask for the new card"). GymAPI has no field for them,
//! so they never leave the desk; they survive every replica swap (no foreign
//! key to `members`), show on each check-in of their member until someone
//! clears them, and stay afterwards for the reports.

use crate::domain::alerts::OpenNote;
use crate::error::{Error, Result};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

/// The longest note, in characters: a line on the verdict card.
pub const MAX_CHARS: usize = 280;

/// A note as the member panel and the reports show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DeskNote {
    pub id: i64,
    pub member_id: i64,
    pub text: String,
    /// The desk that wrote it (its device id).
    pub device_id: String,
    /// Who wrote it, when the desk knows (staff profiles).
    pub staff: Option<String>,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    #[serde(with = "crate::time::serde_utc::option")]
    pub cleared_at: Option<DateTime<Utc>>,
    pub cleared_by_device: Option<String>,
    pub cleared_by_staff: Option<String>,
}

const COLS: &str = "id, member_id, text, device_id, staff, created_at, cleared_at, cleared_by_device, cleared_by_staff";

fn from_row(r: &Row) -> rusqlite::Result<DeskNote> {
    Ok(DeskNote {
        id: r.get(0)?,
        member_id: r.get(1)?,
        text: r.get(2)?,
        device_id: r.get(3)?,
        staff: r.get(4)?,
        created_at: from_ms(r.get(5)?),
        cleared_at: r.get::<_, Option<i64>>(6)?.map(from_ms),
        cleared_by_device: r.get(7)?,
        cleared_by_staff: r.get(8)?,
    })
}

/// The text as stored: trimmed, one line, at most `MAX_CHARS` characters.
pub fn clean(text: &str) -> Result<String> {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.chars().count() {
        0 => Err(Error::Invalid("a note needs some text".into())),
        n if n > MAX_CHARS => Err(Error::Invalid(format!("a note is at most {MAX_CHARS} characters ({n} given)"))),
        _ => Ok(one_line),
    }
}

pub fn add(
    conn: &Connection,
    member_id: i64,
    text: &str,
    device_id: &str,
    staff: Option<&str>,
    at: DateTime<Utc>,
) -> Result<DeskNote> {
    let text = clean(text)?;
    conn.execute(
        "INSERT INTO desk_notes (member_id, text, device_id, staff, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, text, device_id, staff, to_ms(at)],
    )?;
    get(conn, conn.last_insert_rowid())?.ok_or_else(|| Error::Db("the note just written is missing".into()))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<DeskNote>> {
    Ok(conn.query_row(&format!("SELECT {COLS} FROM desk_notes WHERE id = ?1"), [id], from_row).optional()?)
}

/// Clears note `id`; `false` when there is no such open note (already cleared,
/// or never written), which changes nothing.
pub fn clear(conn: &Connection, id: i64, device_id: &str, staff: Option<&str>, at: DateTime<Utc>) -> Result<bool> {
    let n = conn.execute(
        "UPDATE desk_notes SET cleared_at = ?2, cleared_by_device = ?3, cleared_by_staff = ?4
          WHERE id = ?1 AND cleared_at IS NULL",
        params![id, to_ms(at), device_id, staff],
    )?;
    Ok(n == 1)
}

/// Member `member_id`'s open notes, oldest first.
pub fn open_for(conn: &Connection, member_id: i64) -> Result<Vec<DeskNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM desk_notes WHERE member_id = ?1 AND cleared_at IS NULL ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([member_id], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What the rules see of member `member_id`'s open notes.
pub fn open_facts(conn: &Connection, member_id: i64) -> Result<Vec<OpenNote>> {
    Ok(open_for(conn, member_id)?
        .into_iter()
        .map(|n| OpenNote { id: n.id, text: n.text, written_at: n.created_at })
        .collect())
}

/// Notes written or cleared in `[from, to)`, for the reports, in the order written.
pub fn touched_between(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<DeskNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM desk_notes
          WHERE (created_at >= ?1 AND created_at < ?2) OR (cleared_at >= ?1 AND cleared_at < ?2)
          ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map(params![to_ms(from), to_ms(to)], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use chrono::{Duration, TimeZone};

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, 0, 0).unwrap()
    }

    #[test]
    fn a_note_stays_open_until_cleared_once_and_is_kept_for_the_reports() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let a = add(c, 7, "  pending\n waiver ", "desk-1", None, t(9)).unwrap();
        assert_eq!(a.text, "pending waiver", "trimmed to one line");
        let b = add(c, 7, "ask for the new card", "desk-1", Some("Ana"), t(10)).unwrap();
        add(c, 8, "someone else's", "desk-1", None, t(10)).unwrap();
        let open: Vec<_> = open_for(c, 7).unwrap().into_iter().map(|n| n.id).collect();
        assert_eq!(open, vec![a.id, b.id], "oldest first, this member's only");
        assert!(clear(c, a.id, "desk-2", Some("Luis"), t(11)).unwrap());
        assert!(!clear(c, a.id, "desk-2", None, t(12)).unwrap(), "a second clear changes nothing");
        assert!(!clear(c, 999, "desk-2", None, t(12)).unwrap());
        let cleared = get(c, a.id).unwrap().unwrap();
        assert_eq!(
            (cleared.cleared_at, cleared.cleared_by_device.as_deref(), cleared.cleared_by_staff.as_deref()),
            (Some(t(11)), Some("desk-2"), Some("Luis"))
        );
        assert_eq!(open_facts(c, 7).unwrap(), vec![OpenNote { id: b.id, text: b.text.clone(), written_at: t(10) }]);
        let day: Vec<_> = touched_between(c, t(11), t(11) + Duration::hours(1)).unwrap();
        assert_eq!(day.iter().map(|n| n.id).collect::<Vec<_>>(), vec![a.id], "cleared in the range");
        assert_eq!(touched_between(c, t(0), t(23)).unwrap().len(), 3);
    }

    #[test]
    fn empty_and_overlong_notes_are_refused_and_nothing_is_written() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        assert!(matches!(add(c, 7, " \n\t ", "d", None, t(9)), Err(Error::Invalid(_))));
        let long = "é".repeat(MAX_CHARS + 1);
        assert!(matches!(add(c, 7, &long, "d", None, t(9)), Err(Error::Invalid(_))));
        assert!(add(c, 7, &"é".repeat(MAX_CHARS), "d", None, t(9)).is_ok(), "the limit counts characters, not bytes");
        assert_eq!(open_for(c, 7).unwrap().len(), 1);
    }
}
