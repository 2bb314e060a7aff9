//! Who is on shift at the desk, and whether the desk is locked (issue 15).
//! Pure state, kept by the app between calls and fed the injected clock's
//! time: no database, no I/O, so every rule is a case table.
//!
//! - A desk with no staff profiles is open to whoever sits at it (as before
//!   profiles existed): nothing is asked and nobody is recorded.
//! - With profiles, scanning always works; anything else needs someone on
//!   shift and the desk unlocked. The desk locks on a key or after the
//!   gym's idle minutes without staff activity, and goes back to scanning
//!   only; the same person or another signs in with their PIN.
//! - Admin work (Settings, the staff profiles) needs an admin's PIN: an admin
//!   who signed in has given it; anyone else's shift is raised by an admin
//!   typing theirs, until the desk locks, someone signs in, or staff leave
//!   Settings (`end_admin`).

use crate::db::staff::StaffMember;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// What a command needs of the shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Someone on shift, the desk unlocked.
    Staff,
    /// That, and an admin's PIN given since the last lock or sign-in.
    Admin,
}

/// Why the shift does not allow a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the desk is locked: sign in with your staff PIN")]
    Locked,
    #[error("this needs an admin's PIN")]
    AdminNeeded,
}

/// The shift as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ShiftView {
    /// Whether the desk has staff profiles (without them nothing is asked).
    pub profiles: bool,
    /// Who is on shift (also while locked: the header says who locked it).
    pub staff: Option<StaffMember>,
    pub locked: bool,
    /// Whether an admin's PIN was given since the last lock or sign-in.
    pub admin: bool,
    /// Minutes without staff activity before the desk locks (0: never).
    pub idle_lock_minutes: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Shift {
    on: Option<StaffMember>,
    locked: bool,
    admin: bool,
    last_active: Option<DateTime<Utc>>,
}

impl Shift {
    /// `who` signed in with their PIN at `now`: unlocked, and with admin
    /// rights when they are an admin.
    pub fn sign_in(&mut self, who: StaffMember, now: DateTime<Utc>) {
        self.admin = who.role.is_admin();
        self.on = Some(who);
        self.locked = false;
        self.last_active = Some(now);
    }

    /// An admin typed their PIN: admin work is allowed until the next lock or sign-in.
    pub fn raise(&mut self, now: DateTime<Utc>) {
        self.admin = true;
        self.last_active = Some(now);
    }

    /// Staff left Settings: admin work needs the PIN again.
    pub fn end_admin(&mut self) {
        self.admin = false;
    }

    /// The lock key: back to scanning only.
    pub fn lock(&mut self) {
        self.locked = true;
        self.admin = false;
    }

    /// The profile `id` was removed or changed: one who was on shift is no
    /// longer (the desk locks), and the profile's new self is shown.
    pub fn profile_changed(&mut self, id: i64, now_as: Option<StaffMember>) {
        if self.on.as_ref().is_some_and(|s| s.id == id) {
            match now_as {
                Some(s) => self.on = Some(s),
                None => {
                    self.on = None;
                    self.lock();
                }
            }
        }
    }

    /// Locks the desk when `idle` has passed since the last staff activity.
    fn expire(&mut self, now: DateTime<Utc>, idle: Option<Duration>) {
        if let (Some(last), Some(idle)) = (self.last_active, idle) {
            if now - last >= idle {
                self.lock();
            }
        }
    }

    /// Staff did something at `now` (a key, a click): an unlocked desk's
    /// idle time starts over. A locked one stays locked.
    pub fn touch(&mut self, now: DateTime<Utc>, idle: Option<Duration>) {
        self.expire(now, idle);
        if !self.locked && self.on.is_some() {
            self.last_active = Some(now);
        }
    }

    /// Whether a command needing `need` may run at `now`, and the name of
    /// the staff member on shift to record with it (`None` on a desk
    /// without profiles). Allowed work counts as activity.
    pub fn require(
        &mut self,
        need: Need,
        profiles: bool,
        now: DateTime<Utc>,
        idle: Option<Duration>,
    ) -> Result<Option<String>, Refusal> {
        if !profiles {
            return Ok(None);
        }
        self.expire(now, idle);
        let name = match &self.on {
            Some(s) if !self.locked => s.name.clone(),
            _ => return Err(Refusal::Locked),
        };
        if need == Need::Admin && !self.admin {
            return Err(Refusal::AdminNeeded);
        }
        self.last_active = Some(now);
        Ok(Some(name))
    }

    /// The shift at `now` (an idle desk shows as locked).
    pub fn view(&mut self, profiles: bool, now: DateTime<Utc>, idle_lock_minutes: u32) -> ShiftView {
        self.expire(now, idle(idle_lock_minutes));
        ShiftView {
            profiles,
            staff: self.on.clone().filter(|_| profiles),
            locked: profiles && (self.locked || self.on.is_none()),
            admin: !profiles || (self.admin && !self.locked && self.on.is_some()),
            idle_lock_minutes,
        }
    }
}

/// The idle span of a setting in minutes (0: never).
pub fn idle(minutes: u32) -> Option<Duration> {
    (minutes > 0).then(|| Duration::minutes(i64::from(minutes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::staff::Role;
    use chrono::TimeZone;

    fn t(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 8, 9, 0, 0).unwrap() + Duration::minutes(min)
    }

    fn who(name: &str, role: Role) -> StaffMember {
        StaffMember { id: name.len() as i64, name: name.into(), role, created_at: t(0) }
    }

    /// (case, what happened before, need, profiles, minutes later, expected)
    type Case = (&'static str, fn(&mut Shift), Need, bool, i64, Result<Option<&'static str>, Refusal>);

    #[test]
    fn what_each_shift_allows() {
        let ten = idle(10);
        let cases: &[Case] = &[
            ("no profiles: open to all", |_| {}, Need::Admin, false, 0, Ok(None)),
            ("nobody signed in", |_| {}, Need::Staff, true, 0, Err(Refusal::Locked)),
            (
                "reception on shift",
                |s| s.sign_in(who("Ana", Role::Reception), t(0)),
                Need::Staff,
                true,
                5,
                Ok(Some("Ana")),
            ),
            (
                "reception is not admin",
                |s| s.sign_in(who("Ana", Role::Reception), t(0)),
                Need::Admin,
                true,
                1,
                Err(Refusal::AdminNeeded),
            ),
            (
                "an admin's own sign-in is the admin PIN",
                |s| s.sign_in(who("Zoe", Role::Admin), t(0)),
                Need::Admin,
                true,
                1,
                Ok(Some("Zoe")),
            ),
            (
                "raised by an admin's PIN",
                |s| {
                    s.sign_in(who("Ana", Role::Reception), t(0));
                    s.raise(t(0))
                },
                Need::Admin,
                true,
                1,
                Ok(Some("Ana")),
            ),
            (
                "leaving Settings ends it",
                |s| {
                    s.sign_in(who("Ana", Role::Reception), t(0));
                    s.raise(t(0));
                    s.end_admin()
                },
                Need::Admin,
                true,
                1,
                Err(Refusal::AdminNeeded),
            ),
            (
                "the lock key",
                |s| {
                    s.sign_in(who("Ana", Role::Reception), t(0));
                    s.lock()
                },
                Need::Staff,
                true,
                0,
                Err(Refusal::Locked),
            ),
            (
                "idle for the gym's minutes",
                |s| s.sign_in(who("Ana", Role::Reception), t(0)),
                Need::Staff,
                true,
                10,
                Err(Refusal::Locked),
            ),
            (
                "a lock ends admin rights",
                |s| {
                    s.sign_in(who("Zoe", Role::Admin), t(0));
                    s.lock();
                    s.sign_in(who("Ana", Role::Reception), t(0))
                },
                Need::Admin,
                true,
                1,
                Err(Refusal::AdminNeeded),
            ),
            (
                "removed while on shift",
                |s| {
                    s.sign_in(who("Ana", Role::Reception), t(0));
                    s.profile_changed(3, None)
                },
                Need::Staff,
                true,
                0,
                Err(Refusal::Locked),
            ),
            (
                "another profile removed",
                |s| {
                    s.sign_in(who("Ana", Role::Reception), t(0));
                    s.profile_changed(99, None)
                },
                Need::Staff,
                true,
                0,
                Ok(Some("Ana")),
            ),
        ];
        for (name, setup, need, profiles, later, want) in cases {
            let mut s = Shift::default();
            setup(&mut s);
            let got = s.require(*need, *profiles, t(*later), ten);
            assert_eq!(got.as_ref().map(|o| o.as_deref()), want.as_ref().map(|o| *o), "{name}");
        }
    }

    #[test]
    fn activity_keeps_the_desk_open_and_idle_time_locks_it_but_never_with_zero_minutes() {
        let mut s = Shift::default();
        s.sign_in(who("Ana", Role::Reception), t(0));
        s.touch(t(9), idle(10));
        assert!(s.require(Need::Staff, true, t(18), idle(10)).is_ok(), "9 minutes after the last key");
        assert!(s.require(Need::Staff, true, t(27), idle(10)).is_ok(), "allowed work is activity too");
        assert_eq!(s.require(Need::Staff, true, t(37), idle(10)), Err(Refusal::Locked), "10 minutes idle");
        s.touch(t(39), idle(10));
        assert_eq!(s.require(Need::Staff, true, t(39), idle(10)), Err(Refusal::Locked), "a key does not unlock");
        let v = s.view(true, t(39), 10);
        assert_eq!((v.locked, v.staff.map(|s| s.name)), (true, Some("Ana".into())), "the header says who locked it");

        let mut never = Shift::default();
        never.sign_in(who("Ana", Role::Reception), t(0));
        assert!(never.require(Need::Staff, true, t(60 * 24), idle(0)).is_ok());
    }

    #[test]
    fn the_view_of_a_desk_without_profiles_is_open_with_admin_rights() {
        let v = Shift::default().view(false, t(0), 10);
        assert_eq!((v.profiles, v.locked, v.admin, v.staff), (false, false, true, None));
        let v = Shift::default().view(true, t(0), 10);
        assert_eq!((v.profiles, v.locked, v.admin), (true, true, false));
    }
}
