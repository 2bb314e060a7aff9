//! The alert catalogue: what staff should know about a member at check-in
//! (an inactive or expired membership, one expiring soon, a new member, a
//! birthday, a desk note, member data that may be stale) and what the gym
//! chose to do about each: let the member in with a note on the card (allow),
//! make staff acknowledge an amber card (warn) or refuse until staff override
//! (block). Pure: the member's facts, the scan time, the gym's local date and
//! the policy in; the alerts raised out, in a fixed order.

use super::outcome::{Outcome, Warning};
use super::types::MemberFacts;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

crate::domain::types::string_enum!(
    /// One entry of the catalogue; the settings screen lists them in this order.
    AlertKind {
        MembershipInactive => "membership_inactive",
        MembershipExpired => "membership_expired",
        MembershipExpiring => "membership_expiring",
        UserInactive => "user_inactive",
        NoStoredCode => "no_stored_code",
        NewMember => "new_member",
        Birthday => "birthday",
        DeskNote => "desk_note",
        StaleData => "stale_data",
    }
);

/// What the desk does when an alert is raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum AlertAction {
    /// The member goes in; the alert is a note on the green card.
    Allow,
    /// The member goes in; the card is amber and stays until staff acknowledge it.
    Warn,
    /// Refused (a red card) until staff override with a reason.
    Block,
}

/// The action per alert. One field per kind so that the settings reach
/// TypeScript as a plain object and a stored policy missing a newer alert
/// reads with that alert's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AlertActions {
    pub membership_inactive: AlertAction,
    pub membership_expired: AlertAction,
    pub membership_expiring: AlertAction,
    pub user_inactive: AlertAction,
    pub no_stored_code: AlertAction,
    pub new_member: AlertAction,
    pub birthday: AlertAction,
    pub desk_note: AlertAction,
    pub stale_data: AlertAction,
}

impl Default for AlertActions {
    /// What the desk did before the catalogue (membership, account and code
    /// problems warn), the new member-facing alerts as notes, a desk note and
    /// stale data as warnings: staff must see those.
    fn default() -> Self {
        AlertActions {
            membership_inactive: AlertAction::Warn,
            membership_expired: AlertAction::Warn,
            membership_expiring: AlertAction::Allow,
            user_inactive: AlertAction::Warn,
            no_stored_code: AlertAction::Warn,
            new_member: AlertAction::Allow,
            birthday: AlertAction::Allow,
            desk_note: AlertAction::Warn,
            stale_data: AlertAction::Warn,
        }
    }
}

impl AlertActions {
    pub fn get(&self, kind: AlertKind) -> AlertAction {
        match kind {
            AlertKind::MembershipInactive => self.membership_inactive,
            AlertKind::MembershipExpired => self.membership_expired,
            AlertKind::MembershipExpiring => self.membership_expiring,
            AlertKind::UserInactive => self.user_inactive,
            AlertKind::NoStoredCode => self.no_stored_code,
            AlertKind::NewMember => self.new_member,
            AlertKind::Birthday => self.birthday,
            AlertKind::DeskNote => self.desk_note,
            AlertKind::StaleData => self.stale_data,
        }
    }
}

/// Limits of the alerts that need a number, with the bounds the settings accept.
pub const EXPIRING_MAX_DAYS: u32 = 60;
pub const NEW_MEMBER_MAX_DAYS: u32 = 90;
pub const STALE_MIN_HOURS: u32 = 1;
pub const STALE_MAX_HOURS: u32 = 24 * 14;

/// The gym's alert policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AlertPolicy {
    pub actions: AlertActions,
    /// "Expiring": the membership ends within this many days (0 = off).
    pub expiring_within_days: u32,
    /// "New member": the account was created within this many days (0 = off).
    pub new_member_days: u32,
    /// "Stale data": the replica was last refreshed from the server more than
    /// this many hours before the scan.
    pub stale_after_hours: u32,
}

impl Default for AlertPolicy {
    fn default() -> Self {
        AlertPolicy {
            actions: AlertActions::default(),
            expiring_within_days: 7,
            new_member_days: 14,
            stale_after_hours: 24,
        }
    }
}

impl AlertPolicy {
    /// The policy of a desk from before the catalogue, whose one setting was
    /// "inactive or expired memberships warn or block".
    pub fn legacy(block_inactive_membership: bool) -> Self {
        let mut p = AlertPolicy::default();
        if block_inactive_membership {
            p.actions.membership_inactive = AlertAction::Block;
            p.actions.membership_expired = AlertAction::Block;
        }
        p
    }

    /// A message for staff when a number is out of its bounds.
    pub fn validate(&self) -> Result<(), String> {
        if self.expiring_within_days > EXPIRING_MAX_DAYS {
            return Err(format!("\"expiring soon\" must be between 0 (off) and {EXPIRING_MAX_DAYS} days"));
        }
        if self.new_member_days > NEW_MEMBER_MAX_DAYS {
            return Err(format!("\"new member\" must be between 0 (off) and {NEW_MEMBER_MAX_DAYS} days"));
        }
        if !(STALE_MIN_HOURS..=STALE_MAX_HOURS).contains(&self.stale_after_hours) {
            return Err(format!("\"stale data\" must be between {STALE_MIN_HOURS} and {STALE_MAX_HOURS} hours"));
        }
        Ok(())
    }

    pub fn action(&self, w: &Warning) -> AlertAction {
        w.alert_kind().map_or(AlertAction::Warn, |k| self.actions.get(k))
    }
}

/// A note staff left on a member at this desk, still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenNote {
    pub id: i64,
    pub text: String,
    pub written_at: DateTime<Utc>,
}

/// What the alerts look at besides the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertContext {
    /// The scan time.
    pub at: DateTime<Utc>,
    /// The gym's time zone: birthdays and "expires in N days" are its local dates.
    pub tz: Tz,
    /// When the replica was last refreshed from the server; `None` for a desk
    /// that never pulled (a demo or imported gym): nothing to call stale.
    pub data_as_of: Option<DateTime<Utc>>,
}

impl AlertContext {
    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }
}

/// The alerts `member` raises, in catalogue order. The code check (no stored
/// code) is the rules' own: it depends on the credential, not the member.
pub fn raised(member: &MemberFacts, notes: &[OpenNote], ctx: &AlertContext, policy: &AlertPolicy) -> Vec<Warning> {
    let mut out = Vec::new();
    let today = ctx.local_date(ctx.at);
    if let Some(m) = &member.membership {
        if !m.is_active {
            out.push(Warning::MembershipInactive);
        } else if let Some(at) = m.expires_at {
            if at < ctx.at {
                out.push(Warning::MembershipExpired { at });
            } else {
                let days = (ctx.local_date(at) - today).num_days();
                if policy.expiring_within_days > 0 && days <= i64::from(policy.expiring_within_days) {
                    out.push(Warning::MembershipExpiring { at, days: days as u32 });
                }
            }
        }
    }
    if !member.user_active {
        out.push(Warning::UserInactive);
    }
    if let Some(since) = member.created_at {
        let span = Duration::days(i64::from(policy.new_member_days));
        if policy.new_member_days > 0 && since <= ctx.at && ctx.at - since < span {
            out.push(Warning::NewMember { since });
        }
    }
    if member.birth_date.is_some_and(|b| is_birthday(b, today)) {
        out.push(Warning::Birthday);
    }
    for n in notes {
        out.push(Warning::DeskNote { id: n.id, text: n.text.clone(), written_at: n.written_at });
    }
    if let Some(as_of) = ctx.data_as_of {
        if ctx.at - as_of > Duration::hours(i64::from(policy.stale_after_hours)) {
            out.push(Warning::StaleData { as_of });
        }
    }
    out
}

/// Whether `today` is the birthday of someone born on `born`; a 29 February
/// birthday is kept on 28 February in other years.
pub fn is_birthday(born: NaiveDate, today: NaiveDate) -> bool {
    if born > today {
        return false;
    }
    if born.month() == 2 && born.day() == 29 && NaiveDate::from_ymd_opt(today.year(), 2, 29).is_none() {
        return today.month() == 2 && today.day() == 28;
    }
    born.month() == today.month() && born.day() == today.day()
}

/// The refusal a blocking alert gives: the seed's own for a membership
/// problem, the catalogue's for the rest.
pub fn refusal(kind: AlertKind) -> Outcome {
    match kind {
        AlertKind::MembershipInactive | AlertKind::MembershipExpired => Outcome::MembershipInactive,
        _ => Outcome::AlertBlocked,
    }
}

#[cfg(test)]
#[path = "alerts_tests.rs"]
mod tests;
