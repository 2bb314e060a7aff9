//! `frontdesk-central`: a reference implementation of the GymAPI subset the
//! desk syncs with (design/central-api.md), for tests, demos and benchmarks.
//! Loopback only. `serve` runs it from snapshots; `dump` prints its state.
//! A package of its own (central/), so that building the core, the CLI or the
//! app does not compile axum; the desk's tests find the binary with
//! tests/support/central_bin.rs.

// Routes return `Result<_, Response>`: the error is the HTTP answer itself, built once per
// request, so its size (clippy's result_large_err) is not worth boxing for.
#![allow(clippy::result_large_err)]

mod admin;
mod args;
mod auth;
mod extension;
mod faults;
mod photos;
mod routes;
mod rules;
mod state;

use anyhow::{bail, Context};
use args::{Cli, Command, DumpArgs, ServeArgs};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use clap::Parser;
use frontdesk::snapshot::Snapshot;
use state::{App, Inner, World};
use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match cli.command {
        Command::Serve(a) => rt.block_on(serve(a)),
        Command::Dump(a) => rt.block_on(dump(a)),
    }
}

fn app_from(a: &ServeArgs) -> anyhow::Result<App> {
    let mut snapshots = Vec::new();
    for path in &a.snapshot {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        snapshots.push(Snapshot::from_json(&text).with_context(|| format!("in {}", path.display()))?);
    }
    let raw_tokens = if a.token.is_empty() { vec!["dev-token".to_owned()] } else { a.token.clone() };
    let tokens =
        raw_tokens.iter().map(|t| args::parse_token(t)).collect::<Result<Vec<_>, _>>().map_err(anyhow::Error::msg)?;
    let offset = match &a.clock {
        Some(c) => args::parse_clock(c, chrono::Utc::now()).map_err(anyhow::Error::msg)?,
        None => chrono::Duration::zero(),
    };
    let faults = faults::parse(a.faults.as_deref().unwrap_or("")).map_err(anyhow::Error::msg)?;
    Ok(Arc::new(Inner {
        world: Mutex::new(World::new(snapshots)),
        tokens,
        extension: a.extension,
        as_deployed: a.as_deployed,
        ordered_lists: a.ordered_participants,
        clock_offset_ms: RwLock::new(offset.num_milliseconds()),
        faults: RwLock::new(faults),
        rate_window: Mutex::new((0, 0)),
        stats: Default::default(),
        self_origin: Default::default(),
        photo_requests: Default::default(),
        portraits: Default::default(),
    }))
}

pub fn router(app: App) -> Router {
    let mut api = Router::new()
        .route("/api/v1/users/gym-participants", get(routes::gym_participants))
        .route("/api/v1/memberships/user/{user_id}/status", get(routes::membership_status))
        .route("/api/v1/schedule/sessions/date-range", get(routes::sessions_date_range))
        .route("/api/v1/schedule/participation/participants/{session_id}", get(routes::participants))
        .route("/api/v1/attendance/check-in", post(routes::check_in))
        .route("/api/v1/schedule/participation/attendance/{session_id}/{member_id}", post(routes::attendance))
        .route("/api/v1/schedule/participation/register/{session_id}/{member_id}", post(routes::register));
    if app.extension {
        api = api.route("/api/v1/attendance/check-ins/batch", post(extension::batch));
    }
    api.route("/photos/{name}", get(photos::photo))
        .route("/admin/photos", get(photos::requests))
        .route("/admin/state", get(admin::state))
        .route("/admin/check-ins", get(admin::check_ins))
        .route("/admin/stats", get(admin::stats))
        .route("/admin/faults", post(admin::faults))
        .route("/admin/clock", post(admin::clock))
        .fallback(routes::not_found)
        .layer(middleware::from_fn_with_state(app.clone(), faults::layer))
        .layer(middleware::from_fn_with_state(app.clone(), date_header))
        .with_state(app)
}

/// The `Date` header by the server's clock, so a desk can see the server's time.
async fn date_header(State(app): State<App>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let date = app.now().format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    if let Ok(v) = HeaderValue::from_str(&date) {
        resp.headers_mut().insert(header::DATE, v);
    }
    resp
}

async fn serve(a: ServeArgs) -> anyhow::Result<()> {
    if !a.addr.ip().is_loopback() {
        bail!("frontdesk-central listens on loopback only (got {})", a.addr);
    }
    let app = app_from(&a)?;
    faults::install_quiet_panic_hook();
    let listener = tokio::net::TcpListener::bind(a.addr).await.with_context(|| format!("binding {}", a.addr))?;
    let addr = listener.local_addr()?;
    let _ = app.self_origin.set(format!("http://{addr}"));
    let mut out = std::io::stdout();
    writeln!(out, "listening on {addr}")?;
    out.flush()?;
    axum::serve(listener, router(app)).await?;
    Ok(())
}

async fn dump(a: DumpArgs) -> anyhow::Result<()> {
    if !a.addr.ip().is_loopback() {
        bail!("dump talks to loopback only (got {})", a.addr);
    }
    let mut url = format!("http://{}/admin/state", a.addr);
    if let Some(g) = a.gym_id {
        url.push_str(&format!("?gym_id={g}"));
    }
    let resp = reqwest::Client::new().get(&url).bearer_auth(&a.token).send().await.context("reaching the server")?;
    let status = resp.status();
    let text = resp.text().await?;
    if !status.is_success() {
        bail!("{status}: {text}");
    }
    let snap = Snapshot::from_json(&text).context("the server's state is not a valid snapshot")?;
    // A closed pipe (`dump | head`) is not an error worth a panic.
    let _ = writeln!(std::io::stdout(), "{}", snap.to_json());
    Ok(())
}
