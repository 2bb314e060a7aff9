//! The check-in decision: GymAPI's `process_check_in`, rule for rule, plus the
//! desk's refinements (design/central-api.md). A pure function of the request,
//! the facts the replica holds and the gym's policy; the caller loads the facts
//! and writes the result, so the same rules can be replayed at any time.

use super::alerts::{self, AlertAction, AlertContext, AlertPolicy, OpenNote};
use super::member_code::MemberCode;
use super::outcome::{Outcome, Warning};
use super::types::{MemberFacts, ParticipationStatus, RecentCheckIn, SessionFacts, SessionStatus};
use chrono::{DateTime, Duration, Utc};

/// Half-width of the check-in window around a session's start (both ends inclusive).
pub const WINDOW_MINUTES: i64 = 30;

pub fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// Who is checking in.
#[derive(Debug, Clone)]
pub enum Credential {
    /// A scanned member code (camera or keyboard-wedge scanner).
    Code(MemberCode),
    /// Staff picked the member by hand: no code to verify.
    Member(i64),
}

impl Credential {
    pub fn member_id(&self) -> i64 {
        match self {
            Credential::Code(c) => c.member_id(),
            Credential::Member(id) => *id,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub credential: Credential,
    /// An explicit session. `Some(0)` is treated as absent, as the server does.
    pub session_id: Option<i64>,
    /// The scan time: the window is measured from it and it becomes `attendance_time`.
    pub at: DateTime<Utc>,
    /// Staff override a refusal with this reason (requires an explicit session).
    pub override_reason: Option<String>,
}

impl Request {
    pub fn explicit_session(&self) -> Option<i64> {
        self.session_id.filter(|id| *id != 0)
    }
}

/// What the replica knows that the rules need.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The member with the credential's id, if this gym has one.
    pub member: Option<MemberFacts>,
    /// The explicitly requested session, if it exists in this gym.
    pub explicit: Option<SessionFacts>,
    /// This gym's sessions starting within the window around `at`, any status.
    pub candidates: Vec<SessionFacts>,
    /// The member's latest check-in within `Policy::already_inside_minutes`
    /// before `at` (loaded only when that setting is on).
    pub recent: Option<RecentCheckIn>,
    /// The member's open desk notes, oldest first.
    pub notes: Vec<OpenNote>,
    /// The gym's time zone (UTC when unknown).
    pub tz: Option<chrono_tz::Tz>,
    /// When the replica was last refreshed from the server.
    pub data_as_of: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// The alert catalogue: which alerts let the member in with a note, warn
    /// or block (`domain::alerts`).
    pub alerts: AlertPolicy,
    /// "Already inside": a member checked in within this many minutes is not
    /// checked into the next session of the same class (0 = off, the default,
    /// which keeps the seed's rules; see `already_inside`).
    pub already_inside_minutes: u32,
}

/// The largest "already inside" span a gym may set: a long visit, not a day.
pub const ALREADY_INSIDE_MAX_MINUTES: u32 = 240;

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Accept {
        member_id: i64,
        session: SessionFacts,
        /// No participation existed: one is created.
        new_participation: bool,
        warnings: Vec<Warning>,
    },
    Refuse {
        outcome: Outcome,
        member_id: Option<i64>,
        session: Option<SessionFacts>,
        warnings: Vec<Warning>,
    },
}

impl Decision {
    pub fn outcome(&self) -> Outcome {
        match self {
            Decision::Accept { .. } => Outcome::CheckedIn,
            Decision::Refuse { outcome, .. } => *outcome,
        }
    }
}

/// Whether a session starting at `start` may be checked into at `at`.
pub fn in_window(start: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    let w = window();
    start >= at - w && start <= at + w
}

/// Refusals staff may override with a reason. Not overridable: someone who is
/// not a member, a session that does not exist, a check-in already recorded.
pub fn overridable(outcome: Outcome) -> bool {
    matches!(
        outcome,
        Outcome::InvalidCode
            | Outcome::SessionCancelled
            | Outcome::OutsideWindow
            | Outcome::MembershipInactive
            | Outcome::AlertBlocked
            | Outcome::NoClassNow
    )
}

/// Applies the rules. See the module comment and design/central-api.md.
pub fn decide(req: &Request, facts: &Facts, policy: &Policy) -> Decision {
    let member_id = req.credential.member_id();
    let refuse = |outcome, session: Option<SessionFacts>, warnings: Vec<Warning>| Decision::Refuse {
        outcome,
        member_id: Some(member_id),
        session,
        warnings,
    };

    // Rule 2: the user must belong to this gym.
    let Some(member) = facts.member.as_ref().filter(|m| m.id == member_id) else {
        return refuse(Outcome::NotAMember, None, vec![]);
    };

    let mut warnings = Vec::new();
    // The first overridable refusal; evaluation goes on so staff see the session.
    let mut refusal: Option<Outcome> = None;

    // Beyond the seed: the whole code must match the member's stored code, and
    // that is decided before anything that depends on the member's state (a
    // forged code of a member who is already in must not answer "already
    // checked in" with the real member's name). Only staff, who checked the
    // person's ID, can take it further, with an override reason.
    if let Credential::Code(code) = &req.credential {
        match member.qr_digest {
            Some(stored) if stored != code.digest() => {
                if req.override_reason.is_none() {
                    return Decision::Refuse {
                        outcome: Outcome::InvalidCode,
                        member_id: None,
                        session: None,
                        warnings,
                    };
                }
                refusal = Some(Outcome::InvalidCode);
            }
            Some(_) => {}
            None => warnings.push(Warning::NoStoredCode),
        }
    }
    // The gym's alert catalogue: each alert raised is shown, and one set to
    // block is a refusal (the first, in catalogue order, after a code mismatch).
    let ctx = AlertContext { at: req.at, tz: facts.tz.unwrap_or(chrono_tz::UTC), data_as_of: facts.data_as_of };
    warnings.extend(alerts::raised(member, &facts.notes, &ctx, &policy.alerts));
    for kind in warnings.iter().filter_map(Warning::alert_kind) {
        if policy.alerts.actions.get(kind) == AlertAction::Block {
            refusal.get_or_insert(alerts::refusal(kind));
        }
    }

    // Rule 3: the session, explicit or the closest in the window.
    let session = match req.explicit_session() {
        Some(id) => {
            let Some(s) = facts.explicit.as_ref().filter(|s| s.id == id) else {
                return refuse(Outcome::SessionNotFound, None, warnings);
            };
            if s.status == SessionStatus::Cancelled {
                refusal.get_or_insert(Outcome::SessionCancelled);
            } else if !in_window(s.start, req.at) {
                refusal.get_or_insert(Outcome::OutsideWindow);
            }
            s.clone()
        }
        None => match choose_session(&facts.candidates, req.at) {
            Some(s) => s.clone(),
            None => {
                // Nothing to record against, so not even an override can help.
                return refuse(refusal.unwrap_or(Outcome::NoClassNow), None, warnings);
            }
        },
    };

    // Rule 4: an attended participation means the check-in already happened.
    if session.participation == Some(ParticipationStatus::Attended) {
        return refuse(Outcome::AlreadyCheckedIn, Some(session), warnings);
    }

    // Beyond the seed, when the gym turns it on: a member who came in a few
    // minutes ago and scans again is still inside, not a second visit.
    if req.explicit_session().is_none() && req.override_reason.is_none() {
        if let Some(earlier) = already_inside(facts.recent.as_ref(), &session, req.at, policy) {
            return Decision::Refuse {
                outcome: Outcome::AlreadyInside,
                member_id: Some(member_id),
                session: Some(earlier.session.clone()),
                warnings,
            };
        }
    }

    if let Some(refused) = refusal {
        match &req.override_reason {
            Some(reason) if overridable(refused) => {
                warnings.push(Warning::Override { refused, reason: reason.clone() })
            }
            _ => return refuse(refused, Some(session), warnings),
        }
    }

    Decision::Accept { member_id, new_participation: session.participation.is_none(), session, warnings }
}

/// The "already inside" refinement (a per-gym setting, off by default): the
/// check-in that makes a new one of `session` a repeat visit. It applies when
/// the member checked into another session of the same class no more than
/// `already_inside_minutes` before `at` (an hourly "open gym" whose next hour
/// has begun, say). It never applies to a session staff named, to an override,
/// to another class (a member may go from open gym to a booked class) or to
/// sessions with no class id (nothing says they are the same class).
pub fn already_inside<'a>(
    recent: Option<&'a RecentCheckIn>,
    session: &SessionFacts,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Option<&'a RecentCheckIn> {
    let span = Duration::minutes(i64::from(policy.already_inside_minutes.min(ALREADY_INSIDE_MAX_MINUTES)));
    recent.filter(|r| {
        policy.already_inside_minutes > 0
            && r.session.id != session.id
            && r.session.class_id.is_some()
            && r.session.class_id == session.class_id
            && r.at <= at
            && at - r.at <= span
    })
}

/// Picks the session to check into when none is named: among the sessions
/// starting in the window and not cancelled, one the member booked wins;
/// otherwise, and among booked ones, the closest start. Ties go to the earlier
/// start (the server lists sessions by start time), then the lower id.
pub fn choose_session(candidates: &[SessionFacts], at: DateTime<Utc>) -> Option<&SessionFacts> {
    let eligible = candidates.iter().filter(|s| s.status != SessionStatus::Cancelled && in_window(s.start, at));
    let booked = |s: &&SessionFacts| {
        matches!(
            s.participation,
            Some(ParticipationStatus::Registered | ParticipationStatus::Attended | ParticipationStatus::NoShow)
        )
    };
    let key = |s: &&SessionFacts| ((s.start - at).num_milliseconds().abs(), s.start, s.id);
    eligible.clone().filter(booked).min_by_key(key).or_else(|| eligible.min_by_key(key))
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
