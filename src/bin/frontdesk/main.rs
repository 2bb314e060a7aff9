//! `frontdesk`: the desk's command line for admins, scripts and tests. Each
//! command parses its arguments, calls the library and prints; exit status 0
//! is success, 1 a check-in refused by the rules, 2 a usage or I/O error.

mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "frontdesk", version, about = "Front Desk: offline-first gym reception")]
struct Cli {
    /// Where the replica lives [env: FRONTDESK_DATA_DIR] [default: the OS data dir]
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Language of messages: es or en [default: the desk's setting, else es]
    #[arg(long, global = true, env = "FRONTDESK_LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load a gym snapshot (JSON), replacing the replica atomically.
    Import(commands::import::Args),
    /// Write a demo gym into the replica (or a snapshot file with --out).
    Demo(commands::demo::Args),
    /// Check a member in through the gym's rules.
    CheckIn(commands::check_in::Args),
    /// Find members by name, e-mail or id (accent-insensitive).
    Members(commands::members::Args),
    /// List queued, sent and parked check-in events.
    Outbox(commands::outbox::Args),
    /// Show the gym, the replica's size and the sync state.
    Status(commands::status::Args),
    /// Daily attendance report (csv, xlsx or html).
    Report(commands::report::Args),
    /// Check the database file for damage.
    Doctor,
    /// Print the support page: versions, paths, replica, queue, sync, clock, recent log (no secrets).
    Diagnostics,
    /// Write a consistent copy of the replica to <data dir>/backups/.
    Backup,
    /// Replace a damaged replica with the newest good backup (the damaged file is kept).
    Restore,
    /// Pull the gym from the central API and drain the outbox.
    Sync(commands::sync::Args),
    /// Write a member's cached photo (JPEG) to a file.
    Photo(commands::photo::Args),
    /// Read the QR codes in image files.
    Decode(commands::decode::Args),
    /// Live scanning (camera, folder or demo camera) into check-ins.
    Scan(commands::scan::Args),
    /// Set the PIN that leaves kiosk mode (4-6 digits, read from standard input).
    KioskPin,
}

fn main() -> ExitCode {
    // Colour only for a person at a terminal: never in a pipe, a log file or with NO_COLOR.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("FRONTDESK_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .init();
    let cli = Cli::parse();
    let explicit = frontdesk::paths::explicit_data_dir(cli.data_dir.clone());
    let ctx = commands::Ctx {
        log_dir: frontdesk::logs::log_dir(explicit.as_deref()),
        data_dir: explicit.unwrap_or_else(frontdesk::paths::default_data_dir),
        lang: cli.lang,
    };
    let result = match cli.command {
        Command::Import(a) => commands::import::run(&ctx, a),
        Command::Demo(a) => commands::demo::run(&ctx, a),
        Command::CheckIn(a) => commands::check_in::run(&ctx, a),
        Command::Members(a) => commands::members::run(&ctx, a),
        Command::Outbox(a) => commands::outbox::run(&ctx, a),
        Command::Status(a) => commands::status::run(&ctx, a),
        Command::Report(a) => commands::report::run(&ctx, a),
        Command::Doctor => commands::status::doctor(&ctx),
        Command::Diagnostics => commands::status::diagnostics(&ctx),
        Command::Backup => commands::backup::backup(&ctx),
        Command::Restore => commands::backup::restore(&ctx),
        Command::Sync(a) => commands::sync::run(&ctx, a),
        Command::Photo(a) => commands::photo::run(&ctx, a),
        Command::Decode(a) => commands::decode::run(a),
        Command::Scan(a) => commands::scan::run(&ctx, a),
        Command::KioskPin => commands::kiosk_pin::run(&ctx),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
