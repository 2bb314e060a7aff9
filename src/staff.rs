//! Staff profiles and who did what (issue 15), as the desk service's rules:
//! the admin manages the profiles behind an admin's PIN; staff sign in with
//! theirs; an override needs the PIN of someone allowed to override, who is
//! recorded with it. The shift itself (who is on, locked or not) is pure
//! state in `shift`; the profiles are the `staff` table (`db::staff`).
//!
//! Every PIN check (sign-in, override approval, admin PIN) counts towards
//! one wrong-PIN lockout kept in the replica (`pin::guarded`): five wrong in
//! a row and none is checked for a minute, whoever is typing.

use crate::db::staff::{self, Role, StaffMember, WithPin};
use crate::desk::{Desk, DeskError, DeskResult};
use crate::desk_settings;
use crate::domain::Lang;
use crate::pin::{self, Refused};
use crate::shift::{self, Need, Refusal, Shift, ShiftView};
use crate::ErrorCode;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// The settings key of the staff PINs' wrong-PIN count.
const PIN_KEY: &str = "staff_pin";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    #[error(transparent)]
    Shift(#[from] Refusal),
    /// An override on a desk with staff profiles came without a PIN.
    #[error("an override needs the PIN of a supervisor or an admin")]
    ApprovalNeeded,
    #[error("wrong PIN ({left} tries left before a one-minute lock)")]
    WrongPin { left: u32 },
    #[error("too many wrong PINs: try again after {until}")]
    PinLocked { until: DateTime<Utc> },
    /// The change would break a rule about profiles (the message says which).
    #[error("{0}")]
    Rule(String),
    #[error("no staff member {0}")]
    NoSuchStaff(i64),
}

impl StaffError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StaffError::Shift(Refusal::Locked) => ErrorCode::DeskLocked,
            StaffError::Shift(Refusal::AdminNeeded) => ErrorCode::AdminRequired,
            StaffError::ApprovalNeeded => ErrorCode::ApprovalRequired,
            StaffError::WrongPin { .. } => ErrorCode::Unauthorized,
            StaffError::PinLocked { .. } => ErrorCode::RateLimited,
            StaffError::Rule(_) => ErrorCode::InvalidArgument,
            StaffError::NoSuchStaff(_) => ErrorCode::NotFound,
        }
    }
}

impl From<Refused> for StaffError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Wrong { left } => StaffError::WrongPin { left },
            Refused::Locked { until } => StaffError::PinLocked { until },
        }
    }
}

/// The first profile in use, among `among`, whose PIN is `typed`
/// (behind the wrong-PIN lockout).
fn who_has_pin(
    conn: &Connection,
    typed: &str,
    now: DateTime<Utc>,
    among: impl Fn(&WithPin) -> bool,
) -> DeskResult<StaffMember> {
    let candidates: Vec<WithPin> = staff::with_pins(conn)?.into_iter().filter(|w| among(w)).collect();
    let found = pin::guarded(conn, PIN_KEY, now, || {
        candidates.iter().find(|w| pin::verify(typed, &w.pin_hash)).map(|w| w.member.clone())
    })?;
    Ok(found.map_err(StaffError::from)?)
}

/// A rule about profiles that a change would break, said in the desk's
/// language (the admin reads it in Settings as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Broken {
    FirstIsAdmin,
    BadPin,
    PinTaken,
    NoName,
    NameTaken,
    LastAdmin,
}

fn broken(rule: Broken, lang: Lang) -> DeskError {
    use Broken::*;
    let text = match (rule, lang) {
        (FirstIsAdmin, Lang::Es) => "El primer perfil debe ser de un administrador: es quien gestiona los demás.",
        (FirstIsAdmin, Lang::En) => "The first staff profile must be an admin's: the admin manages the others.",
        (BadPin, Lang::Es) => "El PIN tiene de 4 a 6 dígitos.",
        (BadPin, Lang::En) => "A PIN is 4 to 6 digits.",
        (PinTaken, Lang::Es) => "Otra persona del personal ya tiene ese PIN: elige otro.",
        (PinTaken, Lang::En) => "Another staff member has that PIN: choose another.",
        (NoName, Lang::Es) => "El nombre tiene de 1 a 60 caracteres.",
        (NoName, Lang::En) => "A name is 1 to 60 characters.",
        (NameTaken, Lang::Es) => "Ya hay un perfil con ese nombre.",
        (NameTaken, Lang::En) => "There is already a profile with that name.",
        (LastAdmin, Lang::Es) => "El mostrador necesita al menos un administrador mientras tenga perfiles.",
        (LastAdmin, Lang::En) => "The desk needs at least one admin while it has staff profiles.",
    };
    StaffError::Rule(text.to_owned()).into()
}

/// A PIN for a profile: 4-6 digits, and no other profile's (so an approval
/// or an admin PIN names one person).
fn new_pin_hash(conn: &Connection, typed: &str, except: Option<i64>, lang: Lang) -> DeskResult<String> {
    let hash = pin::hash(typed).map_err(|_| broken(Broken::BadPin, lang))?;
    let taken = staff::with_pins(conn)?.iter().any(|w| Some(w.member.id) != except && pin::verify(typed, &w.pin_hash));
    if taken {
        return Err(broken(Broken::PinTaken, lang));
    }
    Ok(hash)
}

fn admins(conn: &Connection) -> crate::Result<usize> {
    Ok(staff::list(conn)?.iter().filter(|s| s.role.is_admin()).count())
}

impl Desk<'_> {
    fn idle_minutes(&self) -> DeskResult<u32> {
        Ok(desk_settings::idle_lock_minutes(self.db.conn())?)
    }

    /// The shift as the header shows it now (an idle desk shows as locked).
    pub fn shift_view(&self, shift: &mut Shift) -> DeskResult<ShiftView> {
        Ok(shift.view(staff::any(self.db.conn())?, self.clock.now(), self.idle_minutes()?))
    }

    /// Whether the shift allows a command needing `need` now, and who to
    /// record with it (`None` on a desk without profiles).
    pub fn require(&self, shift: &mut Shift, need: Need) -> DeskResult<Option<String>> {
        let profiles = staff::any(self.db.conn())?;
        let idle = shift::idle(self.idle_minutes()?);
        Ok(shift.require(need, profiles, self.clock.now(), idle).map_err(StaffError::from)?)
    }

    /// Staff pressed a key or clicked: the idle time starts over.
    pub fn staff_activity(&self, shift: &mut Shift) -> DeskResult<ShiftView> {
        shift.touch(self.clock.now(), shift::idle(self.idle_minutes()?));
        self.shift_view(shift)
    }

    /// The lock key: the desk goes back to scanning only.
    pub fn lock_desk(&self, shift: &mut Shift) -> DeskResult<ShiftView> {
        shift.lock();
        self.shift_view(shift)
    }

    /// Staff member `staff_id` signs in with their PIN.
    pub fn sign_in(&mut self, shift: &mut Shift, staff_id: i64, typed: &str) -> DeskResult<ShiftView> {
        let now = self.clock.now();
        let who = self.db.write(|tx| {
            Ok(match staff::get(tx, staff_id)? {
                None => Err(StaffError::NoSuchStaff(staff_id)),
                Some(w) => pin::guarded(tx, PIN_KEY, now, || pin::verify(typed, &w.pin_hash).then_some(w.member))?
                    .map_err(StaffError::from),
            })
        })??;
        tracing::info!(staff = %who.name, "staff signed in");
        shift.sign_in(who, now);
        self.shift_view(shift)
    }

    /// An admin typed their PIN (to open Settings): admin work is allowed
    /// until the desk locks, someone signs in, or staff leave Settings.
    pub fn raise_admin(&mut self, shift: &mut Shift, typed: &str) -> DeskResult<ShiftView> {
        self.require(shift, Need::Staff)?;
        let now = self.clock.now();
        let admin = self.db.write(|tx| Ok(who_has_pin(tx, typed, now, |w| w.member.role.is_admin())))??;
        tracing::info!(admin = %admin.name, "admin PIN given");
        shift.raise(now);
        self.shift_view(shift)
    }

    /// The name of whoever approves an override with `typed`: someone
    /// allowed to override. `None` on a desk without profiles (nothing asked).
    pub fn approve_override(&mut self, typed: Option<&str>) -> DeskResult<Option<String>> {
        if !staff::any(self.db.conn())? {
            return Ok(None);
        }
        let typed = typed.filter(|p| !p.is_empty()).ok_or(StaffError::ApprovalNeeded)?;
        let now = self.clock.now();
        let who = self.db.write(|tx| Ok(who_has_pin(tx, typed, now, |w| w.member.role.may_override())))??;
        Ok(Some(who.name))
    }

    /// The profiles in use, by name (for the sign-in list and Settings).
    pub fn staff_list(&self) -> DeskResult<Vec<StaffMember>> {
        Ok(staff::list(self.db.conn())?)
    }

    /// Adds a profile (admin work). The first profile must be an admin's,
    /// and that admin is then on shift: from now on the desk asks for PINs.
    pub fn add_staff(&mut self, shift: &mut Shift, name: &str, role: Role, typed: &str) -> DeskResult<StaffMember> {
        self.require(shift, Need::Admin)?;
        let (now, lang) = (self.clock.now(), self.lang);
        let Ok(name) = staff::clean_name(name) else { return Err(broken(Broken::NoName, lang)) };
        let (added, first) = self.db.write(|tx| {
            let first = !staff::any(tx)?;
            if first && !role.is_admin() {
                return Ok(Err(broken(Broken::FirstIsAdmin, lang)));
            }
            if staff::name_in_use(tx, &name)? {
                return Ok(Err(broken(Broken::NameTaken, lang)));
            }
            let hash = match new_pin_hash(tx, typed, None, lang) {
                Ok(h) => h,
                Err(e) => return Ok(Err(e)),
            };
            Ok(Ok((staff::add(tx, &name, role, &hash, now)?, first)))
        })??;
        tracing::info!(staff = %added.name, role = %added.role, "staff profile added");
        if first {
            shift.sign_in(added.clone(), now);
        }
        Ok(added)
    }

    /// Changes a profile's role and, with `new_pin`, its PIN (admin work).
    /// The last admin stays an admin.
    pub fn update_staff(
        &mut self,
        shift: &mut Shift,
        id: i64,
        role: Role,
        new_pin: Option<&str>,
    ) -> DeskResult<StaffMember> {
        self.require(shift, Need::Admin)?;
        let lang = self.lang;
        let updated = self.db.write(|tx| {
            let Some(before) = staff::get(tx, id)? else {
                return Ok(Err(DeskError::from(StaffError::NoSuchStaff(id))));
            };
            if before.member.role.is_admin() && !role.is_admin() && admins(tx)? <= 1 {
                return Ok(Err(broken(Broken::LastAdmin, lang)));
            }
            if let Some(p) = new_pin.filter(|p| !p.is_empty()) {
                match new_pin_hash(tx, p, Some(id), lang) {
                    Ok(h) => staff::set_pin_hash(tx, id, &h)?,
                    Err(e) => return Ok(Err(e)),
                };
            }
            staff::set_role(tx, id, role)?;
            Ok(Ok(StaffMember { role, ..before.member }))
        })??;
        shift.profile_changed(id, Some(updated.clone()));
        Ok(updated)
    }

    /// Takes a profile out of use (admin work; what it recorded stays). The
    /// last admin goes only with the last profile: the desk is then open
    /// again, as before profiles.
    pub fn remove_staff(&mut self, shift: &mut Shift, id: i64) -> DeskResult<()> {
        self.require(shift, Need::Admin)?;
        let (now, lang) = (self.clock.now(), self.lang);
        self.db.write(|tx| {
            let Some(gone) = staff::get(tx, id)? else { return Ok(Err(DeskError::from(StaffError::NoSuchStaff(id)))) };
            let others = staff::list(tx)?.len() - 1;
            if gone.member.role.is_admin() && admins(tx)? <= 1 && others > 0 {
                return Ok(Err(broken(Broken::LastAdmin, lang)));
            }
            staff::remove(tx, id, now)?;
            Ok(Ok(()))
        })??;
        shift.profile_changed(id, None);
        Ok(())
    }
}

impl From<StaffError> for DeskError {
    fn from(e: StaffError) -> Self {
        DeskError::Staff(e)
    }
}

impl From<Refusal> for DeskError {
    fn from(e: Refusal) -> Self {
        DeskError::Staff(e.into())
    }
}
