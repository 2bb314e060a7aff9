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

async fn once(ctx: &Ctx, cfg: config::SyncConfig, clock: Arc<dyn Clock>, a: &Args) -> anyhow::Result<ExitCode> {
    let mut db = ctx.open_db()?;
    let client = Arc::new(Client::new(cfg)?);
    let mut opts = RoundOptions { pull: !a.no_pull, ..RoundOptions::default() };
    opts.push_opts.ignore_backoff = true;
    let progress = |p: frontdesk::sync::pull::Progress| {
        if p.done == p.total && p.phase != "done" {
            eprintln!("pull {}: {}/{}", p.phase, p.done, p.total);
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
        if let Some(p) = r.push.as_ref().filter(|p| p.considered == 0) {
            let _ = p;
            println!("nothing to push");
        } else if let Some(p) = &r.push {
            println!(
                "pushed via {}: {} sent, {} parked, {} to retry, {} skipped",
                if p.extension { "the batch extension" } else { "the plain API" },
                p.sent,
                p.parked,
                p.retried,
                p.skipped
            );
        }
        println!("outbox: {} queued, {} sent, {} parked", r.outbox.queued, r.outbox.sent, r.outbox.parked);
        for e in [&r.pull_error, &r.push_error, &r.push.as_ref().and_then(|p| p.stopped.clone())].into_iter().flatten()
        {
            eprintln!("error: {e}");
        }
    }
    Ok(if r.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
