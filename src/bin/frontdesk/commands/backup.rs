//! `frontdesk backup` and `frontdesk restore`: a consistent copy of the
//! replica, and replacing a damaged replica with the newest good backup.

use super::Ctx;
use frontdesk::db::{backup, Db, DB_FILE};
use std::process::ExitCode;

pub fn backup(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let db = ctx.open_db()?;
    let path = backup::create(&db, &ctx.data_dir, chrono::Utc::now())?;
    println!("backup written to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn restore(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let used = backup::restore_latest(&ctx.data_dir, chrono::Utc::now())?;
    // Prove the restored replica opens before saying so.
    Db::open(&ctx.data_dir.join(DB_FILE))?.integrity_check()?;
    println!(
        "restored {} from {}; the damaged file was kept beside it as {}.damaged-*",
        DB_FILE,
        used.display(),
        DB_FILE
    );
    Ok(ExitCode::SUCCESS)
}
