//! Swaps a whole snapshot into the replica in one transaction: either the new
//! gym data is in place, or the old replica is untouched. The desk's own
//! check-ins survive the swap, a desk never mixes two gyms, and the demo
//! gym's check-ins never outlive it.
//!
//! A real gym's members are many (20,000 take 50-70 ms to write), and a
//! check-in waits for the write lock while they are written. So [`swap`]
//! writes them first into a shadow table that nothing reads, in short
//! transactions, and the one transaction that makes the new replica visible
//! only renames that table into place: a check-in never waits for more than
//! one short step, and never sees a half-swapped replica.

use crate::db::members::{MemberRow, MembershipRow};
use crate::db::participations::ServerParticipation;
use crate::db::sessions::SessionRow;
use crate::db::{gym, member_photos, members, outbox, participations, sessions, settings, Db};
use crate::domain::member_code::digest;
use crate::error::{Error, Result};
use crate::snapshot::{ApiMember, ApiParticipation, ApiSessionWithClass, Snapshot};
use rusqlite::{Connection, Transaction};
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportStats {
    pub gym_id: i64,
    pub members: usize,
    pub sessions: usize,
    pub participations: usize,
    /// Check-ins recorded by this desk that are kept through the swap.
    pub desk_check_ins_kept: i64,
}

/// Members written to the shadow table per transaction: a few milliseconds
/// of holding the write lock each.
const MEMBER_CHUNK: usize = 1_000;

/// Replaces the replica's gym, members, sessions and server participations.
pub fn replace(db: &mut Db, snap: &Snapshot) -> Result<ImportStats> {
    snap.validate()?;
    swap(db, snap, |_| Ok(()))
}

/// [`replace`] without the validation (the caller has done it), with
/// `finish` run in the transaction that makes the new replica visible (a
/// pull marks itself complete there).
pub fn swap(db: &mut Db, snap: &Snapshot, finish: impl FnOnce(&Transaction) -> Result<()>) -> Result<ImportStats> {
    // Digests and rows are made before any lock is taken.
    let rows: Vec<MemberRow> = snap.members.iter().map(member_row).collect();
    let staged = db
        .write(|tx| members::begin_next(tx))
        .and_then(|()| rows.chunks(MEMBER_CHUNK).try_for_each(|chunk| db.write(|tx| members::insert_next(tx, chunk))));
    let swapped = staged.and_then(|()| {
        db.write(|tx| {
            let stats = replace_with(tx, snap, Members::Staged)?;
            finish(tx)?;
            Ok(stats)
        })
    });
    if swapped.is_err() {
        // Whatever failed, the shadow table is no use to the next swap.
        if let Err(e) = db.write(|tx| members::drop_next(tx)) {
            tracing::warn!(error = %e, "the staged member table could not be dropped");
        }
    }
    swapped
}

/// Where the swap's members come from.
enum Members {
    /// Written here, in the caller's transaction.
    Direct,
    /// Already in the shadow table (`members::begin_next`).
    Staged,
}

/// [`replace`] inside a caller's transaction, members included: for small
/// gyms (the demo), where the write lock is held briefly anyway.
pub fn replace_in(tx: &Connection, snap: &Snapshot) -> Result<ImportStats> {
    replace_with(tx, snap, Members::Direct)
}

fn replace_with(tx: &Connection, snap: &Snapshot, source: Members) -> Result<ImportStats> {
    // The demo gym's history never becomes a real gym's, even when the ids
    // match: leaving (or renewing) the demo drops its check-ins, which were
    // never sent, and its local attendances.
    if settings::get_bool(tx, settings::DEMO)? {
        outbox::delete_demo(tx)?;
        participations::delete_all(tx)?;
        // The demo's drawn portraits are no real member's photo.
        member_photos::delete_all(tx)?;
    }
    if let Some(current) = gym::get(tx)? {
        if current.id != snap.gym.id {
            let c = outbox::counts(tx)?;
            let pending = c.queued + c.parked;
            if pending > 0 {
                return Err(Error::GymMismatch { replica: current.id, incoming: snap.gym.id, pending });
            }
            // Nothing unsent: the old gym's local history goes with it.
            participations::delete_all(tx)?;
            tx.execute("DELETE FROM outbox", [])?;
            // Another gym's member ids name other people.
            member_photos::delete_all(tx)?;
        }
    }
    gym::replace(tx, &snap.gym)?;
    match source {
        Members::Direct => {
            members::delete_all(tx)?;
            for m in &snap.members {
                members::insert(tx, &member_row(m))?;
            }
        }
        Members::Staged => members::swap_in_next(tx, snap.members.len())?,
    }
    sessions::delete_all(tx)?;
    for s in &snap.sessions {
        sessions::insert(tx, &session_row(s))?;
    }
    participations::delete_server_rows(tx)?;
    for p in &snap.participations {
        participations::merge_from_server(tx, &server_participation(p))?;
    }
    let kept: i64 = tx.query_row("SELECT COUNT(*) FROM participations WHERE source != 'server'", [], |r| r.get(0))?;
    settings::set(tx, settings::DEMO, "false")?;
    Ok(ImportStats {
        gym_id: snap.gym.id,
        members: snap.members.len(),
        sessions: snap.sessions.len(),
        participations: snap.participations.len(),
        desk_check_ins_kept: kept,
    })
}

pub fn member_row(m: &ApiMember) -> MemberRow {
    MemberRow {
        id: m.id,
        email: m.email.clone(),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        picture: m.picture.clone(),
        phone_number: m.phone_number.clone(),
        is_active: m.is_active,
        gym_role: m.gym_role.clone(),
        qr_digest: m.qr_code.as_deref().map(|c| digest(c.trim())),
        color: members::valid_color(m.color.as_deref()),
        birth_date: m.birth_date,
        created_at: m.created_at,
        membership: m.membership.as_ref().map(|ms| MembershipRow {
            is_active: ms.is_active,
            membership_type: ms.membership_type.clone(),
            expires_at: ms.expires_at,
        }),
    }
}

pub fn session_row(s: &ApiSessionWithClass) -> SessionRow {
    let x = &s.session;
    SessionRow {
        id: x.id,
        class_id: x.class_id,
        trainer_id: x.trainer_id,
        gym_id: x.gym_id,
        start_time: x.start_time,
        end_time: x.end_time,
        room: x.room.clone(),
        status: x.status,
        current_participants: x.current_participants,
        override_capacity: x.override_capacity,
        class_name: s.class_info.as_ref().map(|c| c.name.clone()),
        max_capacity: s.class_info.as_ref().and_then(|c| c.max_capacity),
    }
}

pub fn server_participation(p: &ApiParticipation) -> ServerParticipation {
    ServerParticipation {
        id: p.id,
        session_id: p.session_id,
        member_id: p.member_id,
        gym_id: p.gym_id,
        status: p.status,
        registration_time: p.registration_time,
        attendance_time: p.attendance_time,
        cancellation_time: p.cancellation_time,
        cancellation_reason: p.cancellation_reason.clone(),
    }
}
