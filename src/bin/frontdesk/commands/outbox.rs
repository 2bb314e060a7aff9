//! `frontdesk outbox`: the durable queue of check-ins for the central API.

use super::Ctx;
use frontdesk::db::outbox::{self, OutboxState};
use frontdesk::desk::Desk;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only events in this state: queued, sent or parked
    #[arg(long, value_parser = |s: &str| s.parse::<OutboxState>())]
    state: Option<OutboxState>,
    /// Print one JSON array of events
    #[arg(long)]
    json: bool,
    /// Put a parked event back in the queue (after fixing its cause)
    #[arg(long, value_name = "EVENT_ID", conflicts_with = "dismiss")]
    retry: Option<String>,
    /// Dismiss a parked event with --note; it stays in the outbox and the reports
    #[arg(long, value_name = "EVENT_ID", requires = "note")]
    dismiss: Option<String>,
    /// Why a parked event is dismissed
    #[arg(long)]
    note: Option<String>,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    let clock = frontdesk::clock::SystemClock;
    if let Some(id) = &a.retry {
        Desk::new(&mut db, &clock, lang).retry_parked(id)?;
        println!("{id} queued again");
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = &a.dismiss {
        Desk::new(&mut db, &clock, lang).dismiss_parked(id, a.note.as_deref().unwrap_or(""), None)?;
        println!("{id} dismissed");
        return Ok(ExitCode::SUCCESS);
    }
    let events: Vec<_> = outbox::list(db.conn(), a.state)?.into_iter().map(|e| e.localised(lang)).collect();
    if a.json {
        super::print_json(&events);
    } else {
        let c = outbox::counts(db.conn())?;
        println!("{} queued, {} sent, {} parked", c.queued, c.sent, c.parked);
        for e in &events {
            println!(
                "{}  {:<6}  member {:>6}  session {:>5}  scanned {}  attempts {}{}{}",
                e.event_id,
                e.state,
                e.member_id,
                e.session_id,
                frontdesk::time::rfc3339(e.scanned_at),
                e.attempts,
                e.park_code.map(|c| format!("  [{c}]")).unwrap_or_default(),
                e.last_error.as_deref().map(|m| format!("  {m}")).unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
