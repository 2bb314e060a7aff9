//! `frontdesk kiosk-pin`: sets the PIN staff type to leave kiosk mode, for
//! an admin setting up an entrance tablet from a script (the app's Settings
//! does the same). The PIN is read from standard input, never from the
//! command line, where other users and the shell history would see it.

use super::Ctx;
use anyhow::Context;
use frontdesk::clock::SystemClock;
use frontdesk::desk::Desk;
use std::io::BufRead;
use std::process::ExitCode;

pub fn run(ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let mut pin = String::new();
    std::io::stdin().lock().read_line(&mut pin).context("reading the PIN from standard input")?;
    let mut db = ctx.open_db()?;
    let lang = ctx.lang(&db)?;
    Desk::new(&mut db, &SystemClock, lang).set_kiosk_pin(pin.trim())?;
    eprintln!("kiosk PIN set: `frontdesk-app --kiosk` starts the desk as a self check-in kiosk");
    Ok(ExitCode::SUCCESS)
}
