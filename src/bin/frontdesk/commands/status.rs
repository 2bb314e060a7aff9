//! `frontdesk status`, `frontdesk doctor` and `frontdesk diagnostics`.

use super::Ctx;
use frontdesk::db::{clock_check, gym, members, outbox, participations, sessions, sync_status};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let c = db.conn();
    let value = serde_json::json!({
        "data_dir": ctx.data_dir,
        "gym": gym::get(c)?,
        "members": members::count(c)?,
        "sessions": sessions::count(c)?,
        "participations": participations::count(c)?,
        "outbox": outbox::counts(c)?,
        "sync": sync_status::get(c)?,
        "clock": clock_check::summary(c)?,
    });
    if a.json {
        super::print_json(&value);
    } else {
        println!("{}", serde_json::to_string_pretty(&value)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// `frontdesk diagnostics`: works on a damaged replica too (it says so).
pub fn diagnostics(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db().map_err(|e| format!("{e:#}"));
    let page = frontdesk::diagnostics::collect(&frontdesk::diagnostics::Inputs {
        db: db.as_ref().map_err(Clone::clone),
        data_dir: &ctx.data_dir,
        log_dir: &ctx.log_dir,
        now: chrono::Utc::now(),
        extra: vec![("program".into(), "frontdesk CLI".into())],
    });
    print!("{page}");
    Ok(ExitCode::SUCCESS)
}

pub fn doctor(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    db.integrity_check()?;
    println!("ok: {} passed SQLite's integrity check", db.path().map(|p| p.display().to_string()).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}
