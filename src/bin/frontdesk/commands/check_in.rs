//! `frontdesk check-in CODE`: one check-in through the gym's rules.

use super::Ctx;
use frontdesk::checkin::{CheckInRequest, Input};
use frontdesk::clock::SystemClock;
use frontdesk::desk::Desk;
use frontdesk::domain::Source;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The member's code as scanned (e.g. U123_ab12cd34)
    #[arg(required_unless_present = "member", allow_hyphen_values = true)]
    code: Option<String>,
    /// Check in a member by id instead of a code (manual entry)
    #[arg(long, conflicts_with = "code")]
    member: Option<i64>,
    /// The session to check into [default: the closest one in the ±30 min window]
    #[arg(long)]
    session: Option<i64>,
    /// The scan time (RFC 3339) used by the rules and stored as attendance_time
    #[arg(long, value_parser = parse_at)]
    at: Option<chrono::DateTime<chrono::Utc>>,
    /// How the code arrived: camera, scanner or manual
    #[arg(long, default_value = "scanner", value_parser = parse_method)]
    method: Source,
    /// Staff override of a refusal, with the reason (needs --session)
    #[arg(long = "override", requires = "session")]
    override_reason: Option<String>,
    /// Print exactly one JSON object
    #[arg(long)]
    json: bool,
}

fn parse_at(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("not an RFC 3339 time ({e}); e.g. 2026-11-28T15:05:00Z"))
}

fn parse_method(s: &str) -> Result<Source, String> {
    match s.parse::<Source>()? {
        m @ (Source::Camera | Source::Scanner | Source::Manual) => Ok(m),
        _ => Err("use camera, scanner or manual (--override records an override)".into()),
    }
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    let input = match (a.code, a.member) {
        (_, Some(id)) => Input::Member(id),
        (Some(code), None) => Input::Code(code),
        (None, None) => unreachable!("clap requires one"),
    };
    let method = if matches!(input, Input::Member(_)) { Source::Manual } else { a.method };
    let req = CheckInRequest {
        input,
        session_id: a.session,
        at: a.at,
        method,
        override_reason: a.override_reason,
        who: Default::default(),
    };
    let verdict = Desk::new(&mut db, &SystemClock, lang).check_in(&req)?;
    if a.json {
        super::print_json(&verdict.cli_json());
    } else {
        let who = verdict.member.as_ref().map(|m| m.name.as_str()).unwrap_or("-");
        let class = verdict
            .session
            .as_ref()
            .map(|s| format!("{} (session {})", s.class_name.as_deref().unwrap_or("?"), s.id))
            .unwrap_or_else(|| "-".into());
        let mark = if verdict.success { "OK" } else { "REFUSED" };
        println!("{mark} [{}] {} | {who} | {class}", verdict.code.code(), verdict.message);
        for w in &verdict.warnings {
            println!("  warning [{}]: {}", w.code, w.message);
        }
    }
    Ok(if verdict.success { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
