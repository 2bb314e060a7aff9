//! `frontdesk import FILE`.

use super::Ctx;
use anyhow::Context;
use frontdesk::replica;
use frontdesk::snapshot::Snapshot;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The snapshot JSON file (see README: "Snapshot format")
    file: PathBuf,
    /// Print the result as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&a.file).with_context(|| format!("reading {}", a.file.display()))?;
    let snap = Snapshot::from_json(&text).with_context(|| format!("in {}", a.file.display()))?;
    let mut db = ctx.open_db()?;
    let stats = replica::replace(&mut db, &snap)?;
    if a.json {
        super::print_json(&stats);
    } else {
        println!(
            "imported gym {} ({}): {} members, {} sessions, {} participations; {} desk check-ins kept",
            snap.gym.id, snap.gym.name, stats.members, stats.sessions, stats.participations, stats.desk_check_ins_kept
        );
    }
    Ok(ExitCode::SUCCESS)
}
