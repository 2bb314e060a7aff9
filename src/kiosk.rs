//! Self check-in kiosk mode (issue 15): a tablet or second screen at the
//! entrance with no staff. The camera, the rules, the outbox and sync are the
//! desk's own; what differs is what is shown and who may leave:
//! - a verdict is reduced to the member's first name, the class and the
//!   result in words meant for the member (`KioskVerdict`); no other member
//!   data, no alerts, no desk notes reach the kiosk's screen;
//! - a refusal tells the member to see reception and why, in plain words,
//!   and is recorded (`kiosk_refusals`, V9) so staff can see it;
//! - staff leave with the kiosk PIN (stored as an Argon2id hash, `pin`),
//!   with a lockout after five wrong tries.

use crate::checkin::Verdict;
use crate::db::settings;
use crate::domain::{Lang, Outcome};
use crate::error::{Error, Result};
use crate::pin::{self, Refused};
use crate::time::{from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

const PIN: &str = "kiosk_pin";

/// Why staff could not leave the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnlockError {
    #[error("no kiosk PIN is set on this desk: set one in Settings before starting kiosk mode")]
    NoPin,
    #[error("wrong PIN ({left} tries left before a one-minute lock)")]
    Wrong { left: u32 },
    #[error("too many wrong PINs: try again after {until}")]
    Locked { until: DateTime<Utc> },
}

/// Sets (or replaces) the kiosk PIN; the wrong-PIN count starts over.
pub fn set_pin(conn: &Connection, new_pin: &str) -> Result<()> {
    let phc = pin::hash(new_pin).map_err(Error::Invalid)?;
    settings::set(conn, PIN, &phc)?;
    pin::reset(conn, PIN)
}

pub fn has_pin(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, PIN)?.is_some())
}

/// Checks the PIN staff typed to leave the kiosk at `now`. The count of
/// wrong PINs is kept in the replica, so restarting the app does not reset it.
pub fn unlock(conn: &Connection, typed: &str, now: DateTime<Utc>) -> Result<std::result::Result<(), UnlockError>> {
    let Some(phc) = settings::get(conn, PIN)? else { return Ok(Err(UnlockError::NoPin)) };
    Ok(pin::guarded(conn, PIN, now, || pin::verify(typed, &phc).then_some(()))?.map_err(|r| match r {
        Refused::Wrong { left } => UnlockError::Wrong { left },
        Refused::Locked { until } => UnlockError::Locked { until },
    }))
}

/// What the kiosk shows of a verdict: the first name, the class and the
/// result, in words for the member.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct KioskVerdict {
    pub success: bool,
    pub code: Outcome,
    /// Only the member's first name; none when the code named no one.
    pub first_name: Option<String>,
    pub class_name: Option<String>,
    #[ts(type = "string | null")]
    #[serde(with = "crate::time::serde_utc::option")]
    pub start_time: Option<DateTime<Utc>>,
    /// What the member reads: a welcome, or why to see reception.
    pub message: String,
}

impl KioskVerdict {
    pub fn of(v: &Verdict, first_name: Option<String>, lang: Lang) -> Self {
        KioskVerdict {
            success: v.success,
            code: v.code,
            first_name: first_name.filter(|_| v.member.is_some()),
            class_name: v.session.as_ref().and_then(|s| s.class_name.clone()),
            start_time: v.session.as_ref().map(|s| s.start_time),
            message: member_message(v.code, lang).to_owned(),
        }
    }
}

/// The verdict in the member's words: never a desk note, an alert's detail
/// or another member's data.
pub fn member_message(code: Outcome, lang: Lang) -> &'static str {
    use Outcome::*;
    match (code, lang) {
        (CheckedIn, Lang::Es) => "¡Bienvenido/a! Ya puedes pasar.",
        (CheckedIn, Lang::En) => "Welcome! You can go in.",
        (AlreadyCheckedIn | AlreadyInside, Lang::Es) => "Ya estabas registrado/a. ¡Adelante!",
        (AlreadyCheckedIn | AlreadyInside, Lang::En) => "You were already checked in. Go ahead!",
        (InvalidCode, Lang::Es) => "No hemos podido validar tu código. Pasa por recepción, por favor.",
        (InvalidCode, Lang::En) => "We could not validate your code. Please see reception.",
        (NotAMember, Lang::Es) => "Este código no es de este gimnasio. Pasa por recepción, por favor.",
        (NotAMember, Lang::En) => "This code is not from this gym. Please see reception.",
        (NoClassNow, Lang::Es) => "Ahora no hay ninguna clase abierta para entrar. Pasa por recepción si necesitas ayuda.",
        (NoClassNow, Lang::En) => "No class is open to enter right now. Please see reception if you need help.",
        (SessionNotFound | SessionCancelled, Lang::Es) => "Esa clase no está disponible. Pasa por recepción, por favor.",
        (SessionNotFound | SessionCancelled, Lang::En) => "That class is not available. Please see reception.",
        (OutsideWindow, Lang::Es) => {
            "Tu clase aún no está abierta para entrar (se abre 30 minutos antes). Pasa por recepción si necesitas ayuda."
        }
        (OutsideWindow, Lang::En) => {
            "Your class is not open to enter yet (it opens 30 minutes before). Please see reception if you need help."
        }
        (MembershipInactive, Lang::Es) => "Tu membresía no está activa. Pasa por recepción, por favor.",
        (MembershipInactive, Lang::En) => "Your membership is not active. Please see reception.",
        (AlertBlocked, Lang::Es) => "Tenemos algo pendiente contigo. Pasa por recepción, por favor.",
        (AlertBlocked, Lang::En) => "We need a word with you. Please see reception.",
        (SaveFailed, Lang::Es) => "No hemos podido registrar tu entrada. Pasa por recepción, por favor.",
        (SaveFailed, Lang::En) => "We could not record your entry. Please see reception.",
    }
}

/// A refusal at the kiosk, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct KioskRefusal {
    pub id: i64,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub at: DateTime<Utc>,
    pub member_id: Option<i64>,
    /// The member's name as the replica has it now, when the code named one.
    pub member_name: Option<String>,
    pub code: Outcome,
    /// The alert codes of a blocking alert (`alert_blocked`, `membership_inactive`).
    pub alerts: Vec<String>,
}

/// Records a kiosk refusal (nothing for a check-in or an "already in").
pub fn record_refusal(conn: &Connection, v: &Verdict) -> Result<()> {
    if v.success || matches!(v.code, Outcome::AlreadyCheckedIn | Outcome::AlreadyInside) {
        return Ok(());
    }
    let alerts: Vec<&str> =
        v.warnings.iter().filter(|w| w.level == crate::domain::AlertAction::Block).map(|w| w.code.as_str()).collect();
    conn.execute(
        "INSERT INTO kiosk_refusals (at, member_id, code, detail) VALUES (?1, ?2, ?3, ?4)",
        params![
            to_ms(v.at),
            v.user_id.filter(|_| v.member.is_some()),
            v.code.code(),
            (!alerts.is_empty()).then(|| alerts.join(","))
        ],
    )?;
    Ok(())
}

/// The latest kiosk refusals, newest first.
pub fn refusals(conn: &Connection, limit: usize) -> Result<Vec<KioskRefusal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.at, k.member_id, m.first_name, m.last_name, m.email, k.code, k.detail
         FROM kiosk_refusals k LEFT JOIN members m ON m.id = k.member_id
         ORDER BY k.at DESC, k.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        let member_id: Option<i64> = r.get(2)?;
        let (first, last, email): (Option<String>, Option<String>, Option<String>) = (r.get(3)?, r.get(4)?, r.get(5)?);
        let code: String = r.get(6)?;
        let detail: Option<String> = r.get(7)?;
        Ok(KioskRefusal {
            id: r.get(0)?,
            at: from_ms(r.get(1)?),
            member_name: member_id
                .filter(|_| first.is_some() || last.is_some() || email.is_some())
                .map(|id| crate::db::members::display_name(first.as_deref(), last.as_deref(), email.as_deref(), id)),
            member_id,
            // Codes are written from `Outcome::code`; an unknown one (a newer build's) reads as a refusal
            // to see reception about.
            code: Outcome::ALL.into_iter().find(|o| o.code() == code).unwrap_or(Outcome::AlertBlocked),
            alerts: detail.map(|d| d.split(',').map(str::to_owned).collect()).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Member `id`'s first name, for the kiosk's greeting.
pub fn first_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT first_name FROM members WHERE id = ?1", [id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten()
        .filter(|n| !n.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use chrono::{Duration, TimeZone};

    #[test]
    fn the_pin_unlocks_wrong_ones_count_down_and_lock_and_a_restart_keeps_the_count() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let t0 = Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap();
        assert_eq!(unlock(c, "1234", t0).unwrap(), Err(UnlockError::NoPin));
        assert!(matches!(set_pin(c, "12"), Err(Error::Invalid(_))));
        set_pin(c, "2468").unwrap();
        assert!(has_pin(c).unwrap());
        let stored = settings::get(c, PIN).unwrap().unwrap();
        assert!(!stored.contains("2468") && stored.starts_with("$argon2id$"));
        assert_eq!(unlock(c, "2468", t0).unwrap(), Ok(()));
        for left in (1..pin::MAX_FAILURES).rev() {
            assert_eq!(unlock(c, "0000", t0).unwrap(), Err(UnlockError::Wrong { left }));
        }
        let until = t0 + pin::lockout();
        assert_eq!(unlock(c, "0000", t0).unwrap(), Err(UnlockError::Locked { until }));
        assert_eq!(
            unlock(c, "2468", t0 + Duration::seconds(30)).unwrap(),
            Err(UnlockError::Locked { until }),
            "not even the right one"
        );
        let stored_until = settings::get(c, "kiosk_pin_locked_until").unwrap();
        assert_eq!(stored_until, Some(crate::time::to_ms(until).to_string()), "kept in the replica");
        assert_eq!(unlock(c, "2468", until).unwrap(), Ok(()));
        assert_eq!(settings::get(c, "kiosk_pin_failures").unwrap().as_deref(), Some("0"));
        assert_eq!(settings::get(c, "kiosk_pin_locked_until").unwrap(), None);
    }

    #[test]
    fn every_outcome_has_member_words_in_both_languages_sending_refusals_to_reception() {
        for o in Outcome::ALL {
            let (es, en) = (member_message(o, Lang::Es), member_message(o, Lang::En));
            assert_ne!(es, en, "{o:?}");
            let refused = !o.is_success() && !matches!(o, Outcome::AlreadyCheckedIn | Outcome::AlreadyInside);
            assert_eq!(en.contains("reception"), refused, "{o:?}: {en}");
            assert_eq!(es.contains("recepción"), refused, "{o:?}: {es}");
        }
    }
}
