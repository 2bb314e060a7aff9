//! Command-line arguments of `frontdesk-central`, and the parsers for the
//! values that are more than a string: the clock, token specs and fault specs.

use chrono::{DateTime, Duration, Utc};
use clap::{Args, Parser, Subcommand};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "frontdesk-central", about = "Reference GymAPI subset for tests and demos (loopback only)")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the GymAPI subset from a snapshot.
    Serve(ServeArgs),
    /// Print the server's current state in the snapshot format.
    Dump(DumpArgs),
}

#[derive(Args)]
pub struct ServeArgs {
    /// Snapshot JSON to serve (repeat to serve several gyms)
    #[arg(long, required = true)]
    pub snapshot: Vec<PathBuf>,
    /// Loopback address; port 0 picks a free port (printed on the first stdout line)
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// Accepted bearer token: `T` (every scope, every gym) or
    /// `T#scopes=user:read,resource:read#gyms=1,2` (repeatable) [default: dev-token]
    #[arg(long)]
    pub token: Vec<String>,
    /// Also serve the batch check-in extension (docs/central-api-extension.md)
    #[arg(long)]
    pub extension: bool,
    /// Answer 500 to check-ins that pass the early exits, as GymAPI at cf6cb8a does
    #[arg(long)]
    pub as_deployed: bool,
    /// List participants sorted by id (GymAPI's query has no ORDER BY: by default each request shuffles them)
    #[arg(long)]
    pub ordered_participants: bool,
    /// The server's clock: an RFC 3339 start time (then it runs) or +/-SECONDS from now
    #[arg(long, allow_hyphen_values = true)]
    pub clock: Option<String>,
    /// Faults per request, e.g. `latency_ms=20,error_rate=0.1,rate_limit=50`
    #[arg(long)]
    pub faults: Option<String>,
}

#[derive(Args)]
pub struct DumpArgs {
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    #[arg(long, default_value = "dev-token")]
    pub token: String,
    /// Which gym to dump [default: the first one served]
    #[arg(long)]
    pub gym_id: Option<i64>,
}

/// The clock argument as an offset from the wall clock.
pub fn parse_clock(raw: &str, now: DateTime<Utc>) -> Result<Duration, String> {
    let raw = raw.trim();
    if let Some(t) = frontdesk::time::parse_utc(raw) {
        return Ok(t - now);
    }
    let secs: i64 = raw
        .strip_prefix('+')
        .unwrap_or(raw)
        .parse()
        .map_err(|_| format!("--clock: expected RFC 3339 or +/-SECONDS, got {raw:?}"))?;
    Ok(Duration::seconds(secs))
}

pub const ALL_SCOPES: &[&str] = &["user:read", "resource:read", "resource:write", "resource:admin"];

/// One accepted token, with what it may do.
#[derive(Debug, Clone)]
pub struct TokenSpec {
    pub token: String,
    pub scopes: BTreeSet<String>,
    /// None: every gym served.
    pub gyms: Option<BTreeSet<i64>>,
}

pub fn parse_token(raw: &str) -> Result<TokenSpec, String> {
    let mut parts = raw.split('#');
    let token = parts.next().unwrap_or_default().to_owned();
    if token.is_empty() {
        return Err("--token: empty token".into());
    }
    let mut spec = TokenSpec { token, scopes: ALL_SCOPES.iter().map(|s| s.to_string()).collect(), gyms: None };
    for part in parts {
        match part.split_once('=') {
            Some(("scopes", v)) => spec.scopes = v.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            Some(("gyms", v)) => {
                let gyms = v.split(',').map(|g| g.trim().parse::<i64>()).collect::<Result<_, _>>();
                spec.gyms = Some(gyms.map_err(|_| format!("--token: bad gym list {v:?}"))?);
            }
            _ => return Err(format!("--token: unknown part {part:?} (use #scopes=... or #gyms=...)")),
        }
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_tokens_parse() {
        let now = frontdesk::time::parse_utc("2026-11-28T15:00:00Z").unwrap();
        assert_eq!(parse_clock("-90", now).unwrap(), Duration::seconds(-90));
        assert_eq!(parse_clock("+60", now).unwrap(), Duration::seconds(60));
        assert_eq!(parse_clock("2026-11-28T16:00:00Z", now).unwrap(), Duration::hours(1));
        assert!(parse_clock("soon", now).is_err());
        let t = parse_token("abc#scopes=user:read#gyms=1,2").unwrap();
        assert_eq!(t.token, "abc");
        assert!(t.scopes.contains("user:read") && !t.scopes.contains("resource:write"));
        assert_eq!(t.gyms.unwrap().len(), 2);
    }
}
