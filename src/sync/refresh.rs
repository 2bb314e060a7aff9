//! One member's membership, read again right after a verdict while online
//! (issue 10): the replica's copy may be up to a day old for a member nobody
//! expected, so the desk asks the server once the card is shown (never
//! before: the verdict does not wait for the network). A change updates the
//! replica and the pull's cache (so the next tiered pull does not bring the
//! old answer back) and is reported so staff see a follow-up.

use super::client::Client;
use super::error::SyncError;
use super::pull::{check_membership, MembershipStatus};
use super::stage;
use crate::db::Db;
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A membership that turned out different from the replica's copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MembershipChange {
    pub member_id: i64,
    /// What the desk believed (None: no membership known).
    pub was_active: Option<bool>,
    pub now_active: bool,
    #[serde(with = "crate::time::serde_utc::option")]
    pub was_expires_at: Option<DateTime<Utc>>,
    #[serde(with = "crate::time::serde_utc::option")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(with = "crate::time::serde_utc")]
    pub at: DateTime<Utc>,
}

/// Reads member `member_id`'s membership from the server; on a difference,
/// writes it to the replica and the cache and returns what changed.
pub async fn membership(
    db: &mut Db,
    client: &Client,
    member_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<MembershipChange>, SyncError> {
    let m: MembershipStatus = client.get(&format!("/memberships/user/{member_id}/status"), &[]).await?;
    check_membership(&m, member_id, client.gym_id())?;
    let stored: Option<(Option<bool>, Option<String>, Option<i64>)> = db
        .conn()
        .query_row(
            "SELECT membership_active, membership_type, membership_expires_at FROM members WHERE id = ?1",
            [member_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(crate::Error::from)?;
    let Some((was_active, was_type, was_expires)) = stored else { return Ok(None) };
    let expires = m.expires_at.map(to_ms);
    if was_active == Some(m.is_active) && was_type == m.membership_type && was_expires == expires {
        return Ok(None);
    }
    db.write(|tx| {
        tx.execute(
            "UPDATE members SET membership_active = ?2, membership_type = ?3, membership_expires_at = ?4 WHERE id = ?1",
            rusqlite::params![member_id, m.is_active, m.membership_type, expires],
        )?;
        if stage::keys(tx, stage::MEMBERSHIP)?.contains(&member_id) {
            stage::put_at(tx, stage::MEMBERSHIP, member_id, &m, Some(now))?;
        }
        Ok(())
    })?;
    Ok(Some(MembershipChange {
        member_id,
        was_active,
        now_active: m.is_active,
        was_expires_at: was_expires.map(from_ms),
        expires_at: m.expires_at,
        at: now,
    }))
}
