//! Settings checks a connection against the server before saving it: each
//! way of getting it wrong is told apart by its code, against
//! `frontdesk-central` on loopback (refusing as GymAPI does).

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::Utc;
use frontdesk::sync::config::SyncConfig;
use frontdesk::sync::{probe, Token};
use frontdesk::ErrorCode;

fn check(api_url: &str, gym_id: i64, token: &str) -> Result<(), ErrorCode> {
    let cfg =
        SyncConfig { api_url: api_url.trim_end_matches('/').to_owned(), gym_id, token: Token::new(token.to_owned()) };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(probe::check(&cfg)).map_err(|e| e.code())
}

#[test]
fn a_connection_is_checked_before_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let g1 = write_snapshot(dir.path(), "g1.json", &gym(1, 5, Utc::now()));
    let g2 = write_snapshot(dir.path(), "g2.json", &gym(2, 5, Utc::now()));
    let server = Central::start(&[&g1, &g2], &["--token", "only-one#gyms=1"]);
    let url = server.api_url();

    assert_eq!(check(&url, 1, TOKEN), Ok(()), "right address, gym and token");
    assert_eq!(check(&url, 1, "only-one"), Ok(()));
    assert_eq!(check(&url, 1, "typo-token"), Err(ErrorCode::Unauthorized));
    assert_eq!(check(&url, 2, "only-one"), Err(ErrorCode::Forbidden), "a gym the token has no access to");
    // An address that answers, but is not the API (the site's home page, say).
    let not_api = url.trim_end_matches("/api/v1").to_owned() + "/admin";
    assert!(check(&not_api, 1, TOKEN).is_err(), "{not_api}");

    let gone = url.clone();
    drop(server);
    assert_eq!(check(&gone, 1, TOKEN), Err(ErrorCode::Offline), "nothing listening");
}
