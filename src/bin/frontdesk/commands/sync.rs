//! `frontdesk sync [--once]`: pull the gym from the central API and drain the
//! outbox. `--once` runs one round and exits 0 (all done), 1 (something failed
//! or was parked; details printed) or 2 (usage or configuration error).
//! Without it, the background worker runs until Ctrl-C, printing its status.

use super::Ctx;
use frontdesk::clock::{Clock, SystemClock};
use frontdesk::sync::config::{self, Overrides, Token};
use frontdesk::sync::worker::{self, WorkerOptions};
use frontdesk::sync::{run_round, Client, RoundOptions};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// One pull + push round, then exit (non-zero if anything failed)
    #[arg(long)]
    once: bool,
    /// Central API base URL, e.g. http://127.0.0.1:8787/api/v1 [env: FRONTDESK_API_URL]
    #[arg(long)]
    api_url: Option<String>,
    /// The gym this desk serves [env: FRONTDESK_GYM_ID]
    #[arg(long)]
    gym_id: Option<i64>,
    /// Bearer token [env: FRONTDESK_TOKEN]; never read from the config file
    #[arg(long, hide_env_values = true)]
    token: Option<String>,
    /// Only push (skip the pull)
    #[arg(long)]
    no_pull: bool,
    /// Print the round's report as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> anyhow::Result<ExitCode> {
    let flags = Overrides { api_url: a.api_url.clone(), gym_id: a.gym_id, token: a.token.clone().map(Token::new) };
    let cfg = match config::resolve(flags, &|k| std::env::var(k).ok(), &ctx.data_dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    if a.once {
        return rt.block_on(once(ctx, cfg, clock, &a));
    }
    rt.block_on(async {
        let mut opts = WorkerOptions::new(ctx.data_dir.join(frontdesk::db::DB_FILE));
        opts.round.pull = !a.no_pull;
        let handle = worker::spawn(cfg, opts, clock)?;
        let mut status = handle.status.clone();
        loop {
            tokio::select! {
                changed = status.changed() => {
                    if changed.is_err() { break; }
                    let s = status.borrow_and_update().clone();
                    println!("{}", serde_json::to_string(&s)?);
                }
                _ = tokio::signal::ctrl_c() => break,
            }
        }
        handle.stop().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// What to do about a round's first error, by its code.
fn next_step(code: &str) -> Option<&'static str> {
    Some(match code {
        "offline" | "timeout" => {
            "check the API address (--api-url) and the network; check-ins stay queued and are sent when it is back"
        }
        "unauthorized" => "the token was refused or has expired: set a new one (--token or FRONTDESK_TOKEN)",
        "forbidden" => {
            "the token may not read this gym (--gym-id) or lacks a scope (user:read, resource:read/write/admin)"
        }
        "not_found" => "check the API address: it should end in /api/v1",
        "rate_limited" | "server_error" | "interrupted" => {
            "the server is struggling: the next round retries on its own"
        }
        "bad_shape" => "the server answered in an unexpected shape: check that --api-url points at GymAPI",
        "config" => "check --api-url, --gym-id and --token",
        _ => return None,
    })
}

async fn once(ctx: &Ctx, cfg: config::SyncConfig, clock: Arc<dyn Clock>, a: &Args) -> anyhow::Result<ExitCode> {
    let mut db = ctx.open_db()?;
    let client = Arc::new(Client::new(cfg)?);
    let mut opts = RoundOptions { pull: !a.no_pull, ..RoundOptions::default() };
    opts.push_opts.ignore_backoff = true;
    let progress = |p: frontdesk::sync::pull::Progress| {
        // Each phase once, when it is complete (its total is then exact).
        if p.total == Some(p.done) && !p.estimated && p.phase != "done" {
            eprintln!("pull {}: {}/{}", p.phase, p.done, p.done);
        }
    };
    let r = run_round(&mut db, &client, clock.as_ref(), &opts, &progress).await?;
    if a.json {
        super::print_json(&r);
    } else {
        if let Some(p) = &r.pull {
            println!(
                "pulled gym {}: {} members, {} sessions, {} participations{}",
                p.imported.gym_id,
                p.imported.members,
                p.imported.sessions,
                p.imported.participations,
                if p.resumed { " (resumed)" } else { "" }
            );
        }
        match &r.push {
            Some(p) if p.considered == 0 => println!("nothing to push"),
            Some(p) => {
                println!(
                    "pushed via {}: {} sent, {} parked, {} to retry, {} skipped",
                    if p.extension { "the batch extension" } else { "the plain API" },
                    p.sent,
                    p.parked,
                    p.retried,
                    p.skipped
                );
                if p.booked > 0 {
                    println!(
                        "{} walk-in(s) booked into their class and marked attended (the check-in endpoint could not take them)",
                        p.booked
                    );
                }
            }
            None => {}
        }
        if let Some(p) = r.photos.filter(|p| *p != frontdesk::photos::PhotoStats::default()) {
            println!(
                "photos: {} fetched, {} unchanged, {} failed (retried later), {} refused, {} dropped, {} left for the next round",
                p.fetched, p.not_modified, p.failed, p.refused, p.dropped, p.deferred
            );
        }
        if let Some(e) = &r.photos_error {
            eprintln!("warning: member photos not refreshed: {e}");
        }
        println!("outbox: {} queued, {} sent, {} parked", r.outbox.queued, r.outbox.sent, r.outbox.parked);
        let errors = [r.pull_error.clone(), r.push_error.clone(), r.push.as_ref().and_then(|p| p.stopped.clone())];
        for e in errors.into_iter().flatten() {
            eprintln!("error: {e}");
        }
        if r.outbox.parked > 0 && r.push.as_ref().is_some_and(|p| p.parked > 0) {
            eprintln!("  next: `frontdesk outbox --state parked` shows why; record those by hand, then dismiss them");
        }
        if let Some(hint) = r.error_code.and_then(|c| next_step(c.as_str())) {
            eprintln!("  next: {hint}");
        }
    }
    Ok(if r.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
