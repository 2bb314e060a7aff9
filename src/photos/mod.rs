//! Member photos cached for offline use (issue 14). The central API gives
//! each member a `picture` URL, which an offline desk cannot load and the
//! webview may not load at all (its CSP allows only the app itself). After a
//! successful pull the sync round calls [`refresh`]: the pure [`plan`] says
//! what to do per member, [`fetch`] downloads with time and size limits (at
//! most `concurrency` in flight), [`shrink`] makes the kept JPEG (256 px,
//! 64 KB), and each result is written in its own short transaction, so a
//! check-in never waits behind the photos. A failure is logged once, recorded
//! with a back-off and retried on a later round; it never fails the pull.
//! The shell reads the photo through `Desk::member_photo`.

pub mod fetch;
pub mod plan;
pub mod portrait;
pub mod shrink;

use crate::clock::Clock;
use crate::db::{member_photos, Db};
use fetch::{FetchError, Fetched, Fetcher, Validators};
use plan::{Action, Policy};
use serde::Serialize;
use std::sync::Arc;
use tokio::task::JoinSet;

#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// Pictures downloading at once.
    pub concurrency: usize,
    /// Downloads per refresh at most; the rest wait for the next round, so a
    /// first pull of a big gym does not hold the round for minutes.
    pub max_fetches: usize,
    pub policy: Policy,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions { concurrency: 4, max_fetches: 2_000, policy: Policy::default() }
    }
}

/// What one refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PhotoStats {
    /// New or changed photos stored.
    pub fetched: usize,
    /// Revalidations answered 304.
    pub not_modified: usize,
    /// Downloads or images that failed (recorded for a later retry).
    pub failed: usize,
    /// URLs refused for their scheme (recorded, never fetched).
    pub refused: usize,
    pub dropped: usize,
    /// Due, but left for the next round by `max_fetches`.
    pub deferred: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Image(#[from] shrink::ShrinkError),
}

impl PhotoError {
    fn picture_gone(&self) -> bool {
        match self {
            PhotoError::Fetch(e) => e.picture_gone(),
            // The URL now answers something that is no picture.
            PhotoError::Image(_) => true,
        }
    }
}

/// One download's outcome, shrunk off the async threads.
enum Outcome {
    Stored(shrink::Shrunk, Validators),
    NotModified,
    Failed(PhotoError),
}

async fn download(fetcher: Arc<Fetcher>, url: String, validators: Validators) -> Outcome {
    match fetcher.fetch(&url, &validators).await {
        Ok(Fetched::NotModified) => Outcome::NotModified,
        Ok(Fetched::Body { bytes, validators }) => {
            match tokio::task::spawn_blocking(move || shrink::shrink(&bytes)).await {
                Ok(Ok(s)) => Outcome::Stored(s, validators),
                Ok(Err(e)) => Outcome::Failed(e.into()),
                Err(join) => Outcome::Failed(PhotoError::Fetch(FetchError::Transport(format!("shrink: {join}")))),
            }
        }
        Err(e) => Outcome::Failed(e.into()),
    }
}

/// Brings the photo cache in line with the replica's members (see the module doc).
/// `Err` only when the replica itself cannot be read or written.
pub async fn refresh(
    db: &mut Db,
    fetcher: &Arc<Fetcher>,
    clock: &dyn Clock,
    opts: &RefreshOptions,
) -> Result<PhotoStats, crate::Error> {
    let now = clock.now();
    let members = member_pictures(db)?;
    let cache = member_photos::states(db.conn())?;
    let previous: std::collections::HashMap<i64, member_photos::PhotoState> =
        cache.iter().map(|c| (c.member_id, c.clone())).collect();
    let actions = plan::plan(&members, &cache, now);
    let mut stats = PhotoStats::default();
    let mut downloads = Vec::new();
    for a in actions {
        match a {
            Action::Drop { member_id } => {
                db.write(|tx| member_photos::delete(tx, member_id))?;
                stats.dropped += 1;
            }
            Action::Refuse { member_id, url, reason } => {
                tracing::info!(member_id, url = %url, reason = %reason, "member picture not fetched");
                db.write(|tx| {
                    member_photos::record_failure(tx, member_id, &url, &reason, false, member_photos::NEVER_MS)
                })?;
                stats.refused += 1;
            }
            Action::Fetch { member_id, url } => downloads.push((member_id, url, Validators::default())),
            Action::Revalidate { member_id, url, etag, last_modified } => {
                downloads.push((member_id, url, Validators { etag, last_modified }))
            }
        }
    }
    stats.deferred = downloads.len().saturating_sub(opts.max_fetches);
    downloads.truncate(opts.max_fetches);
    let mut todo = downloads.into_iter();
    let mut set: JoinSet<(i64, String, Outcome)> = JoinSet::new();
    loop {
        while set.len() < opts.concurrency.max(1) {
            let Some((member_id, url, validators)) = todo.next() else { break };
            let f = fetcher.clone();
            set.spawn(async move {
                let outcome = download(f, url.clone(), validators).await;
                (member_id, url, outcome)
            });
        }
        let Some(joined) = set.join_next().await else { break };
        let Ok((member_id, url, outcome)) = joined else {
            stats.failed += 1;
            continue;
        };
        let now = clock.now();
        match outcome {
            Outcome::Stored(s, v) => {
                let photo = member_photos::NewPhoto {
                    member_id,
                    url: &url,
                    etag: v.etag.as_deref(),
                    last_modified: v.last_modified.as_deref(),
                    jpeg: &s.jpeg,
                    width: s.width,
                    height: s.height,
                };
                db.write(|tx| member_photos::store(tx, &photo, now, opts.policy.revalidate_at(now)))?;
                stats.fetched += 1;
            }
            Outcome::NotModified => {
                db.write(|tx| member_photos::still_valid(tx, member_id, now, opts.policy.revalidate_at(now)))?;
                stats.not_modified += 1;
            }
            Outcome::Failed(e) => {
                let before = previous.get(&member_id).filter(|p| p.url == url);
                let failures = before.map_or(0, |p| p.failures) + 1;
                let text = e.to_string();
                // Logged once: the first failure of this URL, or a different one.
                if before.and_then(|p| p.last_error.as_deref()) != Some(text.as_str()) {
                    tracing::warn!(member_id, url = %url, error = %text, "member picture not cached; retried later");
                } else {
                    tracing::debug!(member_id, url = %url, error = %text, failures, "member picture still failing");
                }
                let next = crate::time::to_ms(opts.policy.retry_at(failures, now));
                let keep = !e.picture_gone();
                db.write(|tx| member_photos::record_failure(tx, member_id, &url, &text, keep, next))?;
                stats.failed += 1;
            }
        }
    }
    Ok(stats)
}

/// What the desk says when it has no photo of a member, in the desk's language.
pub fn no_photo_message(member_id: i64, lang: crate::domain::Lang) -> String {
    match lang {
        crate::domain::Lang::Es => format!("no hay foto guardada del socio {member_id}"),
        crate::domain::Lang::En => format!("no cached photo of member {member_id}"),
    }
}

/// Every member's picture URL, by id.
fn member_pictures(db: &Db) -> Result<Vec<(i64, Option<String>)>, crate::Error> {
    let mut stmt = db.conn().prepare_cached("SELECT id, picture FROM members ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
