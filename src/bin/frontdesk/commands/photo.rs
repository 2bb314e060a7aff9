//! `frontdesk photo MEMBER_ID --out FILE`: writes the member's cached photo
//! (a JPEG of at most 256 px and 64 KB). Exit 0 written, 1 no cached photo
//! (also for a member the replica does not have: there is nothing to show
//! either way), 2 an error (the replica, the file).

use super::Ctx;
use frontdesk::clock::SystemClock;
use frontdesk::desk::Desk;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The member's id
    member_id: i64,
    /// Where to write the JPEG
    #[arg(long)]
    out: PathBuf,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    let desk = Desk::new(&mut db, &SystemClock, lang);
    if desk.export_member_photo(a.member_id, &a.out)? {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{}", frontdesk::photos::no_photo_message(a.member_id, lang));
        Ok(ExitCode::from(1))
    }
}
