//! Right after a verdict the desk reads the member's membership again
//! (issue 10): a change on the server reaches the replica and the pull's
//! cache, and is reported once; an unchanged one is left alone.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use frontdesk::db::{members, Db};
use frontdesk::snapshot::ApiMembership;
use frontdesk::sync::{refresh, Client, SyncConfig, Token};

#[test]
fn a_membership_changed_on_the_server_is_read_again_after_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let mut snap = gym(1, 5, now);
    let active = ApiMembership {
        is_active: true,
        membership_type: Some("paid".into()),
        expires_at: Some(now + Duration::days(30)),
    };
    snap.members[0].membership = Some(active);
    let file = write_snapshot(dir.path(), "gym.json", &snap);
    let mut server = Central::start(&[&file], &[]);
    let data = dir.path().join("desk");
    let o = sync_once(&data, &server, 1, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let member = snap.members[0].id;
    let facts =
        |data: &std::path::Path| members::facts(Db::open_in_dir(data).unwrap().conn(), member).unwrap().unwrap();
    assert!(facts(&data).membership.unwrap().is_active);

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = Client::new(SyncConfig { api_url: server.api_url(), gym_id: 1, token: Token::new(TOKEN) }).unwrap();
    let mut db = Db::open_in_dir(&data).unwrap();
    assert_eq!(rt.block_on(refresh::membership(&mut db, &client, member, now)).unwrap(), None, "nothing changed");

    // The membership is cancelled on the server.
    snap.members[0].membership.as_mut().unwrap().is_active = false;
    write_snapshot(dir.path(), "gym.json", &snap);
    server.restart();
    let client = Client::new(SyncConfig { api_url: server.api_url(), gym_id: 1, token: Token::new(TOKEN) }).unwrap();
    let change = rt.block_on(refresh::membership(&mut db, &client, member, now)).unwrap().expect("a change");
    assert_eq!((change.member_id, change.was_active, change.now_active), (member, Some(true), false));
    drop(db);
    assert!(!facts(&data).membership.unwrap().is_active, "the replica has the server's answer");
    let mut db = Db::open_in_dir(&data).unwrap();
    assert_eq!(rt.block_on(refresh::membership(&mut db, &client, member, now)).unwrap(), None, "reported once");
}
