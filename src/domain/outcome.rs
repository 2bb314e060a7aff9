//! Every check-in outcome and warning, with a stable machine code and the
//! message staff read, in Spanish (the seed's own texts) and English.

use super::alerts::AlertKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("es") {
            Ok(Lang::Es)
        } else if s.starts_with("en") {
            Ok(Lang::En)
        } else {
            Err(format!("unsupported language {s:?} (use es or en)"))
        }
    }
}

/// The result of applying the check-in rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    CheckedIn,
    AlreadyCheckedIn,
    /// The gym's "already inside" setting: checked in to another session of
    /// the same class a few minutes ago, so this is not a new visit. The
    /// member may go in; nothing new is recorded.
    AlreadyInside,
    InvalidCode,
    NotAMember,
    NoClassNow,
    SessionNotFound,
    SessionCancelled,
    OutsideWindow,
    /// The gym blocks inactive or expired memberships (a per-gym setting).
    MembershipInactive,
    /// One of the gym's alerts is set to block (`domain::alerts`): a desk
    /// note, a new member, stale data... The warnings say which.
    AlertBlocked,
    /// Not a rule's answer: the check-in could not be written to disk (disk
    /// full, a damaged replica). Shown as a red card, never as green.
    SaveFailed,
}

impl Outcome {
    pub const ALL: [Outcome; 12] = [
        Outcome::CheckedIn,
        Outcome::AlreadyCheckedIn,
        Outcome::AlreadyInside,
        Outcome::InvalidCode,
        Outcome::NotAMember,
        Outcome::NoClassNow,
        Outcome::SessionNotFound,
        Outcome::SessionCancelled,
        Outcome::OutsideWindow,
        Outcome::MembershipInactive,
        Outcome::AlertBlocked,
        Outcome::SaveFailed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::CheckedIn => "checked_in",
            Outcome::AlreadyCheckedIn => "already_checked_in",
            Outcome::AlreadyInside => "already_inside",
            Outcome::InvalidCode => "invalid_code",
            Outcome::NotAMember => "not_a_member",
            Outcome::NoClassNow => "no_class_now",
            Outcome::SessionNotFound => "session_not_found",
            Outcome::SessionCancelled => "session_cancelled",
            Outcome::OutsideWindow => "outside_window",
            Outcome::MembershipInactive => "membership_inactive",
            Outcome::AlertBlocked => "alert_blocked",
            Outcome::SaveFailed => "save_failed",
        }
    }

    pub fn is_success(self) -> bool {
        self == Outcome::CheckedIn
    }

    pub fn message(self, lang: Lang) -> &'static str {
        use Outcome::*;
        match (self, lang) {
            (CheckedIn, Lang::Es) => "Check-in realizado correctamente",
            (CheckedIn, Lang::En) => "Checked in",
            (AlreadyCheckedIn, Lang::Es) => "Ya has hecho check-in en esta clase",
            (AlreadyCheckedIn, Lang::En) => "Already checked in to this class",
            (AlreadyInside, Lang::Es) => "Ya está dentro: hizo check-in hace unos minutos",
            (AlreadyInside, Lang::En) => "Already inside: checked in a few minutes ago",
            (InvalidCode, Lang::Es) => "Código QR inválido",
            (InvalidCode, Lang::En) => "Invalid QR code",
            (NotAMember, Lang::Es) => "Usuario no pertenece a este gimnasio",
            (NotAMember, Lang::En) => "This person is not a member of this gym",
            (NoClassNow, Lang::Es) => "No hay clases disponibles para check-in en este momento",
            (NoClassNow, Lang::En) => "No class is open for check-in right now",
            (SessionNotFound, Lang::Es) => "Sesión no encontrada o no pertenece a este gimnasio",
            (SessionNotFound, Lang::En) => "Session not found in this gym",
            (SessionCancelled, Lang::Es) => "La sesión está cancelada",
            (SessionCancelled, Lang::En) => "This session is cancelled",
            (OutsideWindow, Lang::Es) => "La sesión está fuera del horario de check-in (±30 minutos)",
            (OutsideWindow, Lang::En) => "The session is outside the check-in window (±30 minutes)",
            (MembershipInactive, Lang::Es) => "La membresía no está activa: acceso bloqueado",
            (MembershipInactive, Lang::En) => "Membership is not active: entry blocked",
            (AlertBlocked, Lang::Es) => "Acceso bloqueado por una alerta del gimnasio",
            (AlertBlocked, Lang::En) => "Entry blocked by one of the gym's alerts",
            (SaveFailed, Lang::Es) => "No se pudo guardar el check-in",
            (SaveFailed, Lang::En) => "The check-in could not be saved",
        }
    }
}

/// Something staff should see on a successful (amber) check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The member has no stored code, so the scan was accepted by id alone (as the server does).
    NoStoredCode,
    MembershipInactive,
    MembershipExpired {
        at: DateTime<Utc>,
    },
    /// The membership ends within the gym's "expiring soon" days (0 = today).
    MembershipExpiring {
        at: DateTime<Utc>,
        days: u32,
    },
    UserInactive,
    /// The account was created within the gym's "new member" days.
    NewMember {
        since: DateTime<Utc>,
    },
    /// Today, in the gym's time zone.
    Birthday,
    /// A note staff left on the member at this desk, until someone clears it.
    DeskNote {
        id: i64,
        text: String,
        written_at: DateTime<Utc>,
    },
    /// The member's data was last refreshed from the server longer ago than
    /// the gym allows: an "active" membership may have ended since.
    StaleData {
        as_of: DateTime<Utc>,
    },
    /// Staff overrode a refusal.
    Override {
        refused: Outcome,
        reason: String,
    },
    /// Not about the member: the check-in is kept on the desk, but the server
    /// will not be able to take it (a walk-in whose class has started, on
    /// GymAPI as deployed), so it will be parked for staff to record in
    /// GymAPI by hand (`sync::plan::foreseen_park`).
    HandEntryNeeded,
}

crate::domain::types::string_enum!(
    /// A warning's stable code, matched on by the UI (never its message).
    WarningCode {
        NoStoredCode => "no_stored_code",
        MembershipInactive => "membership_inactive",
        MembershipExpired => "membership_expired",
        MembershipExpiring => "membership_expiring",
        UserInactive => "user_inactive",
        NewMember => "new_member",
        Birthday => "birthday",
        DeskNote => "desk_note",
        StaleData => "stale_data",
        Override => "override",
        HandEntryNeeded => "hand_entry_needed",
    }
);

impl Warning {
    pub fn code(&self) -> WarningCode {
        match self {
            Warning::NoStoredCode => WarningCode::NoStoredCode,
            Warning::MembershipInactive => WarningCode::MembershipInactive,
            Warning::MembershipExpired { .. } => WarningCode::MembershipExpired,
            Warning::MembershipExpiring { .. } => WarningCode::MembershipExpiring,
            Warning::UserInactive => WarningCode::UserInactive,
            Warning::NewMember { .. } => WarningCode::NewMember,
            Warning::Birthday => WarningCode::Birthday,
            Warning::DeskNote { .. } => WarningCode::DeskNote,
            Warning::StaleData { .. } => WarningCode::StaleData,
            Warning::Override { .. } => WarningCode::Override,
            Warning::HandEntryNeeded => WarningCode::HandEntryNeeded,
        }
    }

    /// The catalogue entry this warning is, if it is one (an override or a
    /// hand entry is about the check-in, not the member).
    pub fn alert_kind(&self) -> Option<AlertKind> {
        Some(match self {
            Warning::NoStoredCode => AlertKind::NoStoredCode,
            Warning::MembershipInactive => AlertKind::MembershipInactive,
            Warning::MembershipExpired { .. } => AlertKind::MembershipExpired,
            Warning::MembershipExpiring { .. } => AlertKind::MembershipExpiring,
            Warning::UserInactive => AlertKind::UserInactive,
            Warning::NewMember { .. } => AlertKind::NewMember,
            Warning::Birthday => AlertKind::Birthday,
            Warning::DeskNote { .. } => AlertKind::DeskNote,
            Warning::StaleData { .. } => AlertKind::StaleData,
            Warning::Override { .. } | Warning::HandEntryNeeded => return None,
        })
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Warning::NoStoredCode, Lang::Es) => "El miembro no tiene código guardado: aceptado solo por su id".into(),
            (Warning::NoStoredCode, Lang::En) => "The member has no stored code: accepted by id alone".into(),
            (Warning::MembershipInactive, Lang::Es) => "Membresía inactiva".into(),
            (Warning::MembershipInactive, Lang::En) => "Membership inactive".into(),
            (Warning::MembershipExpired { at }, Lang::Es) => {
                format!("Membresía vencida el {}", at.format("%Y-%m-%d"))
            }
            (Warning::MembershipExpired { at }, Lang::En) => {
                format!("Membership expired on {}", at.format("%Y-%m-%d"))
            }
            (Warning::MembershipExpiring { at, days: 0 }, Lang::Es) => {
                format!("La membresía vence hoy ({})", at.format("%Y-%m-%d"))
            }
            (Warning::MembershipExpiring { at, days: 0 }, Lang::En) => {
                format!("Membership expires today ({})", at.format("%Y-%m-%d"))
            }
            (Warning::MembershipExpiring { at, days }, Lang::Es) => {
                format!("La membresía vence en {days} día(s), el {}", at.format("%Y-%m-%d"))
            }
            (Warning::MembershipExpiring { at, days }, Lang::En) => {
                format!("Membership expires in {days} day(s), on {}", at.format("%Y-%m-%d"))
            }
            (Warning::NewMember { since }, Lang::Es) => format!("Miembro nuevo: alta el {}", since.format("%Y-%m-%d")),
            (Warning::NewMember { since }, Lang::En) => format!("New member: joined on {}", since.format("%Y-%m-%d")),
            (Warning::Birthday, Lang::Es) => "¡Hoy es su cumpleaños!".into(),
            (Warning::Birthday, Lang::En) => "It's their birthday today!".into(),
            (Warning::DeskNote { text, .. }, Lang::Es) => format!("Nota de recepción: {text}"),
            (Warning::DeskNote { text, .. }, Lang::En) => format!("Desk note: {text}"),
            (Warning::StaleData { as_of }, Lang::Es) => format!(
                "Datos del miembro sin actualizar desde el {} UTC: la membresía podría haber cambiado",
                as_of.format("%Y-%m-%d %H:%M")
            ),
            (Warning::StaleData { as_of }, Lang::En) => format!(
                "Member data not refreshed since {} UTC: the membership may have changed",
                as_of.format("%Y-%m-%d %H:%M")
            ),
            (Warning::UserInactive, Lang::Es) => "La cuenta del usuario está desactivada".into(),
            (Warning::UserInactive, Lang::En) => "The user's account is deactivated".into(),
            (Warning::Override { refused, reason }, Lang::Es) => {
                format!("Autorizado por el personal ({}): {reason}", refused.code())
            }
            (Warning::Override { refused, reason }, Lang::En) => {
                format!("Overridden by staff ({}): {reason}", refused.code())
            }
            (Warning::HandEntryNeeded, Lang::Es) => "Registrado aquí, pero GymAPI no acepta un check-in sin reserva \
                con la clase ya empezada: quedará retenido para registrarlo en GymAPI a mano."
                .into(),
            (Warning::HandEntryNeeded, Lang::En) => "Recorded here, but GymAPI does not take a check-in with no \
                booking once the class has started: it will be held for you to record in GymAPI by hand."
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_distinct_code_and_both_languages() {
        let mut codes = std::collections::HashSet::new();
        for o in Outcome::ALL {
            assert!(codes.insert(o.code()), "duplicate code {}", o.code());
            assert_ne!(o.message(Lang::Es), o.message(Lang::En), "{o:?} untranslated");
            // The serde name is the same stable code.
            assert_eq!(serde_json::to_value(o).unwrap(), o.code());
        }
        assert_eq!(Outcome::ALL.iter().filter(|o| o.is_success()).count(), 1);
    }

    #[test]
    fn languages_parse_from_locales() {
        assert_eq!("es_MX.UTF-8".parse::<Lang>().unwrap(), Lang::Es);
        assert_eq!("en-US".parse::<Lang>().unwrap(), Lang::En);
        assert!("fr".parse::<Lang>().is_err());
    }
}
