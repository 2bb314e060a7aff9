//! The `members` table: the gym's participants as the central API lists them,
//! with each member's code kept only as a SHA-256 digest.

use crate::domain::fold::fold;
use crate::domain::{MemberFacts, MembershipFacts};
use crate::error::{Error, Result};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub id: i64,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub picture: Option<String>,
    pub phone_number: Option<String>,
    pub is_active: bool,
    pub gym_role: String,
    pub qr_digest: Option<[u8; 32]>,
    /// `#RRGGBB` or none (see [`valid_color`]).
    pub color: Option<String>,
    /// The "birthday" alert.
    pub birth_date: Option<chrono::NaiveDate>,
    /// The account's creation on the server (the "new member" alert).
    pub created_at: Option<DateTime<Utc>>,
    pub membership: Option<MembershipRow>,
}

/// `#RRGGBB` (six hex digits), lower-cased; anything else is none.
pub fn valid_color(raw: Option<&str>) -> Option<String> {
    let c = raw?.trim();
    let hex = c.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| c.to_ascii_lowercase())
}

/// Member `id`'s colour, if stored.
pub fn color(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT color FROM members WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

#[derive(Debug, Clone, PartialEq)]
pub struct MembershipRow {
    pub is_active: bool,
    pub membership_type: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// What a verdict card or a search result shows about a member.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MemberSummary {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub picture: Option<String>,
    pub membership: Option<MembershipSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MembershipSummary {
    pub is_active: Option<bool>,
    #[serde(rename = "type")]
    pub membership_type: Option<String>,
    #[ts(type = "string | null")]
    #[serde(with = "crate::time::serde_utc::option")]
    pub expires_at: Option<DateTime<Utc>>,
}

/// "First Last", else the e-mail, else "#id".
pub fn display_name(first: Option<&str>, last: Option<&str>, email: Option<&str>, id: i64) -> String {
    let name = format!("{} {}", first.unwrap_or(""), last.unwrap_or(""));
    let name = name.trim();
    if !name.is_empty() {
        name.to_owned()
    } else if let Some(e) = email.filter(|e| !e.is_empty()) {
        e.to_owned()
    } else {
        format!("#{id}")
    }
}

pub fn insert(conn: &Connection, m: &MemberRow) -> Result<()> {
    insert_into(conn, "members", m)
}

fn insert_into(conn: &Connection, table: &str, m: &MemberRow) -> Result<()> {
    let search_key = fold(&format!(
        "{} {} {} {}",
        m.first_name.as_deref().unwrap_or(""),
        m.last_name.as_deref().unwrap_or(""),
        m.email.as_deref().unwrap_or(""),
        m.id
    ));
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {table} (id, email, first_name, last_name, picture, phone_number, is_active,
             gym_role, qr_digest, membership_active, membership_type, membership_expires_at, search_key, color,
             birth_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    ))?;
    let ms = m.membership.as_ref();
    stmt.execute(params![
        m.id,
        m.email,
        m.first_name,
        m.last_name,
        m.picture,
        m.phone_number,
        m.is_active,
        m.gym_role,
        m.qr_digest.as_ref().map(|d| &d[..]),
        ms.map(|x| x.is_active),
        ms.and_then(|x| x.membership_type.clone()),
        ms.and_then(|x| x.expires_at).map(to_ms),
        search_key,
        valid_color(m.color.as_deref()),
        m.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
        m.created_at.map(to_ms),
    ])?;
    Ok(())
}

/// The shadow table a replica swap fills in short transactions before it
/// takes the place of `members` in one (see `replica::swap`). Nothing reads it.
const NEXT: &str = "members_next";

/// Starts an empty shadow table shaped as `members` is (whatever later
/// migrations added), dropping any left by an interrupted swap.
pub fn begin_next(conn: &Connection) -> Result<()> {
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'members'", [], |r| r.get(0))?;
    // `CREATE TABLE members (` or, once a swap has renamed it, `CREATE TABLE "members" (`.
    let columns =
        sql.find('(').map(|i| &sql[i..]).ok_or_else(|| Error::Db(format!("unexpected members schema: {sql}")))?;
    conn.execute(&format!("DROP TABLE IF EXISTS {NEXT}"), [])?;
    conn.execute(&format!("CREATE TABLE {NEXT} {columns}"), [])?;
    Ok(())
}

/// Adds `rows` to the shadow table. A plain INSERT: a row another process
/// staged at the same time is a conflict, never a silent mix of two pulls.
pub fn insert_next(conn: &Connection, rows: &[MemberRow]) -> Result<()> {
    rows.iter().try_for_each(|m| insert_into(conn, NEXT, m))
}

/// Puts the shadow table in the place of `members`, if it holds exactly
/// `expected` rows: a short transaction's work, whatever the gym's size.
pub fn swap_in_next(conn: &Connection, expected: usize) -> Result<()> {
    let held: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {NEXT}"), [], |r| r.get(0))?;
    if held != expected as i64 {
        return Err(Error::Db(format!(
            "the staged member table holds {held} rows, not the {expected} of the snapshot"
        )));
    }
    conn.execute("DROP TABLE members", [])?;
    conn.execute(&format!("ALTER TABLE {NEXT} RENAME TO members"), [])?;
    Ok(())
}

/// Drops the shadow table of a swap that did not happen.
pub fn drop_next(conn: &Connection) -> Result<()> {
    conn.execute(&format!("DROP TABLE IF EXISTS {NEXT}"), [])?;
    Ok(())
}

pub fn delete_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM members", [])?;
    Ok(())
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM members", [], |r| r.get(0))?)
}

/// What the rules need about member `id`, if the gym has that member.
pub fn facts(conn: &Connection, id: i64) -> Result<Option<MemberFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, qr_digest, is_active, membership_active, membership_expires_at, created_at, birth_date
         FROM members WHERE id = ?1",
    )?;
    Ok(stmt
        .query_row([id], |r| {
            let digest: Option<Vec<u8>> = r.get(1)?;
            let membership_active: Option<bool> = r.get(3)?;
            let expires: Option<i64> = r.get(4)?;
            Ok(MemberFacts {
                id: r.get(0)?,
                // A digest of the wrong length can only come from tampering: treat it as
                // a code that matches nothing rather than as "no code".
                qr_digest: digest.map(|d| d.try_into().unwrap_or([0u8; 32])),
                user_active: r.get(2)?,
                membership: membership_active
                    .map(|is_active| MembershipFacts { is_active, expires_at: expires.map(from_ms) }),
                created_at: r.get::<_, Option<i64>>(5)?.map(from_ms),
                birth_date: r.get::<_, Option<String>>(6)?.and_then(|d| crate::snapshot::lenient::date::parse(&d)),
            })
        })
        .optional()?)
}

const SUMMARY_COLS: &str =
    "id, first_name, last_name, email, picture, membership_active, membership_type, membership_expires_at";

fn summary_from_row(r: &Row) -> rusqlite::Result<MemberSummary> {
    let id: i64 = r.get(0)?;
    let first: Option<String> = r.get(1)?;
    let last: Option<String> = r.get(2)?;
    let email: Option<String> = r.get(3)?;
    let active: Option<bool> = r.get(5)?;
    let mtype: Option<String> = r.get(6)?;
    let expires: Option<i64> = r.get(7)?;
    let membership = (active.is_some() || mtype.is_some()).then(|| MembershipSummary {
        is_active: active,
        membership_type: mtype,
        expires_at: expires.map(from_ms),
    });
    Ok(MemberSummary {
        id,
        name: display_name(first.as_deref(), last.as_deref(), email.as_deref(), id),
        email,
        picture: r.get(4)?,
        membership,
    })
}

pub fn summary(conn: &Connection, id: i64) -> Result<Option<MemberSummary>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {SUMMARY_COLS} FROM members WHERE id = ?1"))?;
    Ok(stmt.query_row([id], summary_from_row).optional()?)
}

/// Finds members by name, e-mail or id, ignoring case and accents
/// ("lopez" finds "López"). Every word of the query must match.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<MemberSummary>> {
    let q = fold(query);
    if q.is_empty() {
        return Ok(vec![]);
    }
    let exact_id: Option<i64> = q.trim_start_matches('#').parse().ok();
    let words: Vec<String> = q
        .split(' ')
        .map(|w| format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
        .collect();
    let mut sql = format!("SELECT {SUMMARY_COLS} FROM members WHERE (");
    for i in 0..words.len() {
        if i > 0 {
            sql.push_str(" AND ");
        }
        sql.push_str(&format!("search_key LIKE ?{} ESCAPE '\\'", i + 2));
    }
    sql.push_str(") OR id = ?1 ORDER BY (id = ?1) DESC, first_name, last_name, id LIMIT ");
    sql.push_str(&limit.to_string());
    let mut stmt = conn.prepare(&sql)?;
    let mut values: Vec<rusqlite::types::Value> = vec![exact_id.unwrap_or(-1).into()];
    values.extend(words.into_iter().map(Into::into));
    let rows = stmt.query_map(rusqlite::params_from_iter(values), summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
