//! `frontdesk outbox`: the durable queue of check-ins for the central API.

use super::Ctx;
use frontdesk::db::outbox::{self, OutboxState};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only events in this state: queued, sent or parked
    #[arg(long, value_parser = |s: &str| s.parse::<OutboxState>())]
    state: Option<OutboxState>,
    /// Print one JSON array of events
    #[arg(long)]
    json: bool,
}


pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let events = outbox::list(db.conn(), a.state)?;
    if a.json {
        super::print_json(&events);
    } else {
        let c = outbox::counts(db.conn())?;
        println!("{} queued, {} sent, {} parked", c.queued, c.sent, c.parked);
        for e in &events {
            println!(
                "{}  {:<6}  member {:>6}  session {:>5}  scanned {}  attempts {}{}",
                e.event_id,
                e.state,
                e.member_id,
                e.session_id,
                frontdesk::time::rfc3339(e.scanned_at),
                e.attempts,
                e.last_error.as_deref().map(|m| format!("  last error: {m}")).unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
