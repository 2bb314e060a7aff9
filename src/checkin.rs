//! The check-in service: loads the facts the rules need, applies them, and
//! for a success writes the participation and its outbox event in the same
//! durable transaction, before the verdict is returned.

use crate::clock::Clock;
use crate::db::outbox::CheckInPayload;
use crate::db::{
    clock_check, desk_notes, gym, member_photos, members, outbox, participations, server_traits, sessions, settings,
    sync_status, Db,
};
use crate::domain::alerts::{AlertAction, AlertPolicy};
use crate::domain::rules::{self, Credential, Decision, Facts};
use crate::domain::{Lang, MemberCode, Outcome, Source, Warning};
use crate::error::Result;
use crate::sync::plan::foreseen_park;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What identifies the person at the desk.
#[derive(Debug, Clone)]
pub enum Input {
    /// Text from the camera or a keyboard-wedge scanner, as read.
    Code(String),
    /// A member picked by staff.
    Member(i64),
}

#[derive(Debug, Clone)]
pub struct CheckInRequest {
    pub input: Input,
    pub session_id: Option<i64>,
    /// The scan time; `None` means now by the injected clock.
    pub at: Option<DateTime<Utc>>,
    pub method: Source,
    pub override_reason: Option<String>,
    /// Who entered it at the desk, when the desk has staff profiles.
    pub who: Who,
}

/// The staff behind a check-in, by name as it is now (kept on the outbox
/// row for the reports; never sent to GymAPI, which has no field for it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    /// On shift when it was entered by hand or overridden.
    pub staff: Option<String>,
    /// Whose PIN let an override through.
    pub approved_by: Option<String>,
}

impl CheckInRequest {
    pub fn scan(code: impl Into<String>, method: Source) -> Self {
        Self {
            input: Input::Code(code.into()),
            session_id: None,
            at: None,
            method,
            override_reason: None,
            who: Who::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct VerdictSession {
    pub id: i64,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub start_time: DateTime<Utc>,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub end_time: DateTime<Utc>,
    pub class_name: Option<String>,
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct VerdictMember {
    pub id: i64,
    pub name: String,
    pub picture: Option<String>,
    /// Whether the desk has this member's photo cached (`Desk::member_photo`):
    /// show it, never `picture` (a remote URL the webview may not load).
    /// Always sent; optional in TypeScript only so that verdicts written
    /// before it (the UI's test fixtures) still type-check: absent = false.
    #[ts(optional, as = "Option<bool>")]
    pub has_photo: bool,
    /// The member's colour (`#RRGGBB`) when the gym gives one, e.g. for an
    /// initials badge when there is no photo; absent when it gives none.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A warning as the UI shows it: the code, the message in the desk's
/// language, and the structured parts the UI renders itself (it never parses
/// the message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct VerdictWarning {
    pub code: crate::domain::WarningCode,
    pub message: String,
    /// `override`: the refusal staff overrode, and their reason.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<Outcome>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `membership_expired`: when it expired.
    #[ts(optional, as = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::time::serde_utc::option")]
    pub expired_at: Option<DateTime<Utc>>,
    /// What the gym set for this alert: `allow` is a note on a green card,
    /// `warn` an amber card staff acknowledge, `block` the reason for a red
    /// one. Warnings that are not alerts (an override, a hand entry) warn.
    /// Optional in TypeScript only for verdicts written before it: absent = warn.
    #[ts(optional, as = "Option<AlertAction>")]
    pub level: AlertAction,
    /// The moment the alert is about: `membership_expiring` the expiry,
    /// `new_member` the account's creation, `stale_data` the last refresh,
    /// `desk_note` when the note was written.
    #[ts(optional, as = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::time::serde_utc::option")]
    pub at: Option<DateTime<Utc>>,
    /// `membership_expiring`: whole days left (0 = today), in the gym's dates.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// `desk_note`: the note, and its id (to clear it).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_id: Option<i64>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The outcome of one check-in, as the UI and the CLI show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Verdict {
    pub success: bool,
    pub code: Outcome,
    pub message: String,
    pub warnings: Vec<VerdictWarning>,
    pub session: Option<VerdictSession>,
    pub member: Option<VerdictMember>,
    pub user_id: Option<i64>,
    pub new_participation: bool,
    pub method: Source,
    #[ts(type = "string")]
    #[serde(with = "crate::time::serde_utc")]
    pub at: DateTime<Utc>,
    pub event_id: Option<String>,
    /// `already_inside`: when the member's earlier check-in was recorded.
    #[ts(optional, as = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::time::serde_utc::option")]
    pub inside_since: Option<DateTime<Utc>>,
    /// When the member data this verdict was decided on was last refreshed
    /// from the server ("as of 09:12"); absent for a desk that never pulled
    /// (a demo or imported gym) and for a verdict with no member.
    #[ts(optional, as = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::time::serde_utc::option")]
    pub data_as_of: Option<DateTime<Utc>>,
}

impl Verdict {
    /// The check-in object of the CLI contract (`check-in --json`, `scan --json`).
    pub fn cli_json(&self) -> serde_json::Value {
        serde_json::json!({
            "success": self.success,
            "code": self.code.code(),
            "message": self.message,
            "session": self.session.as_ref().map(|s| serde_json::json!({
                "id": s.id,
                "start_time": crate::time::rfc3339(s.start_time),
                "end_time": crate::time::rfc3339(s.end_time),
            })),
            "user_id": self.user_id,
            "new_participation": self.new_participation,
            "warnings": self.warnings,
        })
    }
}

/// Runs one check-in. A rule refusal is an `Ok` verdict with `success: false`;
/// `Err` means nothing could be decided or saved (no gym, disk full, ...).
pub fn check_in(db: &mut Db, clock: &dyn Clock, req: &CheckInRequest, lang: Lang) -> Result<Verdict> {
    let now = clock.now();
    let at = req.at.unwrap_or(now);
    db.write(|tx| {
        let gym = gym::require(tx)?;
        let credential = match &req.input {
            Input::Member(id) => Credential::Member(*id),
            Input::Code(raw) => match MemberCode::parse(raw) {
                Ok(code) => Credential::Code(code),
                Err(e) => {
                    tracing::info!(error = %e, "unparsable code");
                    return Ok(refused(
                        Outcome::InvalidCode,
                        None,
                        None,
                        None,
                        &[],
                        req.method,
                        at,
                        lang,
                        &AlertPolicy::default(),
                    ));
                }
            },
        };
        let rules_req = rules::Request {
            credential,
            session_id: req.session_id,
            at,
            override_reason: req.override_reason.clone().filter(|r| !r.trim().is_empty()),
        };
        let member_id = rules_req.credential.member_id();
        let explicit = rules_req.explicit_session();
        let policy = settings::policy(tx)?;
        let data_as_of = sync_status::get(tx)?.last_pull_at;
        let facts = Facts {
            notes: desk_notes::open_facts(tx, member_id)?,
            tz: Some(gym.tz()),
            data_as_of,
            member: members::facts(tx, member_id)?,
            explicit: explicit.map(|id| sessions::facts(tx, gym.id, id, member_id)).transpose()?.flatten(),
            candidates: if explicit.is_none() { sessions::candidates(tx, gym.id, member_id, at)? } else { vec![] },
            recent: match policy.already_inside_minutes {
                0 => None,
                minutes => sessions::recent_check_in(tx, gym.id, member_id, at, minutes)?,
            },
        };
        let decision = rules::decide(&rules_req, &facts, &policy);
        let member = match members::summary(tx, member_id)? {
            Some(m) => Some(VerdictMember {
                has_photo: member_photos::has_image(tx, m.id)?,
                color: members::color(tx, m.id)?,
                id: m.id,
                name: m.name,
                picture: m.picture,
            }),
            None => None,
        };
        let session_of = |id: i64| -> Result<Option<VerdictSession>> {
            Ok(sessions::get(tx, gym.id, id)?.map(|s| VerdictSession {
                id: s.id,
                start_time: s.start_time,
                end_time: s.end_time,
                class_name: s.class_name,
                room: s.room,
            }))
        };
        match decision {
            Decision::Refuse { outcome, member_id, session, warnings } => {
                let session = session.map(|s| session_of(s.id)).transpose()?.flatten();
                // A refusal that names no member (a forged code) shows no one's name or photo.
                let member = member.filter(|_| member_id.is_some());
                let mut v =
                    refused(outcome, member_id, member, session, &warnings, req.method, at, lang, &policy.alerts);
                if outcome == Outcome::AlreadyInside {
                    v.inside_since = facts.recent.as_ref().map(|r| r.at);
                }
                v.data_as_of = data_as_of.filter(|_| v.member.is_some());
                Ok(v)
            }
            Decision::Accept { member_id, session, new_participation, warnings } => {
                // Shown on the card only: it is about delivery, not the member, so it stays
                // out of the event and the reports (the outbox state tells what happened).
                let scanned = matches!(rules_req.credential, Credential::Code(_));
                let demo = settings::get_bool(tx, settings::DEMO)?;
                let hand_entry = !demo
                    && foreseen_park(scanned, new_participation, session.start, now, server_traits::load(tx)?)
                        .is_some();
                let overridden = warnings.iter().any(|w| matches!(w, Warning::Override { .. }));
                let source = if overridden { Source::Override } else { req.method };
                let event_id = uuid::Uuid::new_v4().to_string();
                participations::mark_attended(
                    tx,
                    gym.id,
                    session.id,
                    member_id,
                    at,
                    source,
                    rules_req.override_reason.as_deref().filter(|_| overridden),
                    &event_id,
                )?;
                let payload = CheckInPayload {
                    event_id: event_id.clone(),
                    gym_id: gym.id,
                    member_id,
                    session_id: session.id,
                    qr_code: match &rules_req.credential {
                        Credential::Code(c) => Some(c.as_str().to_owned()),
                        Credential::Member(_) => None,
                    },
                    scanned_at: at,
                    method: source,
                    override_reason: rules_req.override_reason.clone().filter(|_| overridden),
                    device_id: settings::device_id(tx)?,
                    new_participation,
                    warnings: warnings.iter().map(|w| w.code().to_string()).collect(),
                };
                // Before the enqueue: the backwards check compares with the last check-in.
                let clock_flag = clock_check::flag_for_new(tx, now)?;
                let audience = if demo { outbox::Audience::DemoOnly } else { outbox::Audience::Server };
                outbox::enqueue(tx, &payload, now, audience)?;
                if req.method != Source::Camera && req.method != Source::Scanner {
                    let approved_by = req.who.approved_by.as_deref().filter(|_| overridden);
                    outbox::set_staff(tx, &event_id, req.who.staff.as_deref(), approved_by)?;
                }
                if let Some((flag, offset_ms)) = clock_flag {
                    clock_check::flag_event(tx, &event_id, flag, offset_ms)?;
                }
                let mut shown = warnings;
                if hand_entry {
                    shown.push(Warning::HandEntryNeeded);
                }
                Ok(Verdict {
                    success: true,
                    code: Outcome::CheckedIn,
                    message: Outcome::CheckedIn.message(lang).to_owned(),
                    warnings: localise(&shown, lang, &policy.alerts),
                    session: session_of(session.id)?,
                    member,
                    user_id: Some(member_id),
                    new_participation,
                    method: source,
                    at,
                    event_id: Some(event_id),
                    inside_since: None,
                    data_as_of,
                })
            }
        }
    })
}

fn localise(warnings: &[Warning], lang: Lang, alerts: &AlertPolicy) -> Vec<VerdictWarning> {
    warnings
        .iter()
        .map(|w| {
            let mut v = VerdictWarning {
                code: w.code(),
                message: w.message(lang),
                refused: None,
                reason: None,
                expired_at: None,
                level: alerts.action(w),
                at: None,
                days: None,
                note_id: None,
                text: None,
            };
            match w {
                Warning::Override { refused, reason } => (v.refused, v.reason) = (Some(*refused), Some(reason.clone())),
                Warning::MembershipExpired { at } => v.expired_at = Some(*at),
                Warning::MembershipExpiring { at, days } => (v.at, v.days) = (Some(*at), Some(*days)),
                Warning::NewMember { since } => v.at = Some(*since),
                Warning::StaleData { as_of } => v.at = Some(*as_of),
                Warning::DeskNote { id, text, written_at } => {
                    (v.note_id, v.text, v.at) = (Some(*id), Some(text.clone()), Some(*written_at))
                }
                Warning::NoStoredCode | Warning::MembershipInactive | Warning::UserInactive | Warning::Birthday => {}
                Warning::HandEntryNeeded => {}
            }
            v
        })
        .collect()
}

impl Verdict {
    /// The red "not saved" card: nothing was written (disk full, a damaged
    /// replica), so the person must not be waved in as checked in. The one
    /// place this verdict is built, for the camera, the scanner and manual entry.
    pub fn save_failed(detail: &str, method: Source, at: DateTime<Utc>, lang: Lang) -> Verdict {
        let mut v = refused(Outcome::SaveFailed, None, None, None, &[], method, at, lang, &AlertPolicy::default());
        v.message = format!("{}: {detail}", Outcome::SaveFailed.message(lang));
        v
    }
}

#[allow(clippy::too_many_arguments)]
fn refused(
    outcome: Outcome,
    user_id: Option<i64>,
    member: Option<VerdictMember>,
    session: Option<VerdictSession>,
    warnings: &[Warning],
    method: Source,
    at: DateTime<Utc>,
    lang: Lang,
    alerts: &AlertPolicy,
) -> Verdict {
    Verdict {
        success: false,
        code: outcome,
        message: outcome.message(lang).to_owned(),
        warnings: localise(warnings, lang, alerts),
        session,
        member,
        user_id,
        new_participation: false,
        method,
        at,
        event_id: None,
        inside_since: None,
        data_as_of: None,
    }
}
