//! `frontdesk demo`: a realistic demo gym for trying the desk without a server.

use super::Ctx;
use anyhow::Context;
use chrono::NaiveDate;
use frontdesk::clock::{Clock, SystemClock};
use frontdesk::demo::{self, DemoOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// How many members
    #[arg(long, default_value_t = demo::DEFAULT_MEMBERS)]
    members: usize,
    /// The middle day of the demo week (YYYY-MM-DD) [default: today in the gym's zone]
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Seed for names and registrations
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the snapshot JSON to this file instead of loading it
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print a few member codes to try with `check-in`
    #[arg(long)]
    codes: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let date = a.date.unwrap_or_else(|| demo::demo_today(SystemClock.now()));
    let opts = DemoOptions { members: a.members, date, seed: a.seed };
    if let Some(out) = &a.out {
        let snap = demo::demo_snapshot(&opts);
        std::fs::write(out, snap.to_json()).with_context(|| format!("writing {}", out.display()))?;
        println!("wrote demo snapshot for {date} to {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut db = ctx.open_db()?;
    let stats = demo::install(&mut db, &opts)?;
    println!(
        "demo gym for the week of {date}: {} members, {} sessions, {} registrations in {}",
        stats.members,
        stats.sessions,
        stats.participations,
        ctx.data_dir.display()
    );
    if a.codes {
        for id in (demo::FIRST_MEMBER_ID..).take(a.members.min(5)) {
            println!("  {}", demo::demo_code(id));
        }
    }
    Ok(ExitCode::SUCCESS)
}
