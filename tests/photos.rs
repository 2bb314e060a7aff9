//! Member photos cached for offline use (issue 14), against a real
//! `frontdesk-central` on 127.0.0.1 serving the pictures: a pull caches them
//! small, unchanged URLs are not downloaded again (304 on revalidation), a
//! changed URL is, and every bad picture (404, HTML, a hanging body, 5000 px,
//! a non-image, 8 MB, ftp:, data:) leaves the member without a photo, never
//! fails the pull and is asked again only after its back-off. Plus the
//! `frontdesk photo` exit statuses.

#[path = "support/central.rs"]
mod central;

use central::*;
use chrono::{Duration, Utc};
use frontdesk::clock::FixedClock;
use frontdesk::db::{member_photos, Db};
use frontdesk::desk::Desk;
use frontdesk::domain::Lang;
use frontdesk::photos::PhotoStats;
use frontdesk::sync::{run_round, Client, RoundOptions, RoundReport, SyncConfig, Token};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

const GOOD_A: i64 = 10001;
const GOOD_B: i64 = 10002;
/// (member, picture, what its failure says).
const BAD: &[(i64, &str, &str)] = &[
    (10003, "{self}/photos/missing.jpg", "HTTP 404"),
    (10004, "{self}/photos/page.html", "HTML page"),
    (10005, "{self}/photos/hang.jpg", "no complete answer"),
    (10006, "{self}/photos/huge-dims.png", "5000x5000"),
    (10007, "{self}/photos/not-image.jpg", "not an image"),
    (10008, "{self}/photos/huge-body.jpg", "larger than"),
];
/// A redirect to ftp: is not followed (the member also has no photo).
const TO_FTP: (i64, &str) = (10012, "{self}/photos/to-ftp.jpg");
/// A redirect to http(s) is followed.
const MOVED: (i64, &str) = (10013, "{self}/photos/moved.jpg");
const REFUSED: &[(i64, &str)] =
    &[(10009, "ftp://127.0.0.1/photos/10009.jpg"), (10010, "data:image/png;base64,iVBORw0KGgo=")];
const NO_URL: i64 = 10011;

fn photo_gym(now: chrono::DateTime<Utc>, a_variant: u32, b_has_url: bool) -> frontdesk::snapshot::Snapshot {
    let mut s = gym(1, 13, now);
    for m in &mut s.members {
        m.picture = match m.id {
            GOOD_A if a_variant > 0 => Some(format!("{{self}}/photos/{GOOD_A}.jpg?v={a_variant}")),
            GOOD_A => Some(format!("{{self}}/photos/{GOOD_A}.jpg")),
            GOOD_B if b_has_url => Some(format!("{{self}}/photos/{GOOD_B}.jpg")),
            id if id == TO_FTP.0 => Some(TO_FTP.1.to_owned()),
            id if id == MOVED.0 => Some(MOVED.1.to_owned()),
            id => BAD
                .iter()
                .find(|b| b.0 == id)
                .map(|b| b.1.to_owned())
                .or_else(|| REFUSED.iter().find(|r| r.0 == id).map(|r| r.1.to_owned())),
        };
    }
    s.members[0].color = Some("#A1B2C3".into());
    s.members[1].color = Some("red".into());
    s
}

fn photo_requests(c: &Central) -> BTreeMap<String, u64> {
    let auth = format!("Bearer {TOKEN}");
    let (status, body) = c.request("GET", "/admin/photos", &[("Authorization", &auth)], "");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn path_of(picture: &str) -> String {
    picture.trim_start_matches("{self}").to_owned()
}

async fn round(db: &mut Db, c: &Central, clock: &FixedClock) -> RoundReport {
    let cfg = SyncConfig { api_url: c.api_url(), gym_id: 1, token: Token::new(TOKEN) };
    let client = Arc::new(Client::new(cfg).unwrap());
    let opts = RoundOptions { pull: true, ..RoundOptions::default() };
    let r = run_round(db, &client, clock, &opts, &|_| {}).await.unwrap();
    assert!(r.pull_error.is_none() && r.pull.is_some(), "the pull succeeds whatever the photos do: {r:?}");
    assert!(r.photos_error.is_none(), "{r:?}");
    r
}

fn row(db: &Db, id: i64) -> Option<member_photos::PhotoState> {
    member_photos::states(db.conn()).unwrap().into_iter().find(|s| s.member_id == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_caches_small_photos_revalidates_refetches_changes_and_retries_bad_ones_later() {
    let dir = tempfile::tempdir().unwrap();
    let start = Utc::now();
    let snap_file = write_snapshot(dir.path(), "gym.json", &photo_gym(start, 0, true));
    let mut server = Central::start(&[&snap_file], &[]);
    let mut db = Db::open_in_dir(&dir.path().join("desk")).unwrap();
    let clock = FixedClock::new(start);

    // Round 1: the two good pictures are cached, every bad one is recorded.
    let r = round(&mut db, &server, &clock).await;
    assert!(!r.failed(), "photo failures never fail the round: {r:?}");
    let expected = PhotoStats { fetched: 3, failed: BAD.len() + 1, refused: REFUSED.len(), ..PhotoStats::default() };
    assert_eq!(r.photos, Some(expected), "{r:?}");
    let ftp = row(&db, TO_FTP.0).unwrap();
    assert!(!ftp.has_image && ftp.last_error.as_deref().unwrap().contains("not an http(s) URL"), "{ftp:?}");
    assert!(row(&db, MOVED.0).unwrap().has_image, "a redirect to http is followed");
    for id in [GOOD_A, GOOD_B] {
        let jpeg = member_photos::image(db.conn(), id).unwrap().expect("cached");
        assert!(jpeg.len() <= 64 * 1024, "{} bytes", jpeg.len());
        let img = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).expect("a JPEG");
        assert_eq!((img.width(), img.height()), (256, 256), "the 512 px portrait shrunk to 256");
    }
    for (id, _, says) in BAD {
        let r = row(&db, *id).unwrap_or_else(|| panic!("member {id}: failure recorded"));
        assert!(!r.has_image, "member {id} has no photo");
        assert_eq!(r.failures, 1);
        assert!(r.last_error.as_deref().unwrap().contains(says), "member {id}: {:?}", r.last_error);
        assert!(r.next_try_at > start, "member {id} waits before being asked again");
    }
    for (id, url) in REFUSED {
        let r = row(&db, *id).unwrap_or_else(|| panic!("member {id}: refusal recorded"));
        assert!(!r.has_image && r.last_error.as_deref().unwrap().contains("is not fetched"), "{id}: {r:?}");
        assert!(url.starts_with("ftp:") || url.starts_with("data:"));
    }
    assert!(row(&db, NO_URL).is_none());
    let seen = photo_requests(&server);
    let mut asked: Vec<String> = BAD.iter().map(|b| path_of(b.1)).collect();
    asked.extend([format!("/photos/{GOOD_A}.jpg"), format!("/photos/{GOOD_B}.jpg"), "/photos/1.jpg".into()]);
    asked.extend([path_of(TO_FTP.1), path_of(MOVED.1)]);
    asked.sort();
    assert_eq!(seen.keys().cloned().collect::<Vec<_>>(), asked, "exactly these were asked, never ftp or data");
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");

    // What the shell sees.
    {
        let mut desk = Desk::new(&mut db, &clock, Lang::En);
        let v = desk.manual(GOOD_A, None, None, None, None).unwrap();
        let m = v.member.expect("the verdict names the member");
        assert!(m.has_photo);
        assert_eq!(m.color.as_deref(), Some("#a1b2c3"));
        let m = desk.manual(GOOD_B, None, None, None, None).unwrap().member.unwrap();
        assert_eq!(m.color, None, "a colour that is not #RRGGBB is none");
        assert!(!desk.manual(10003, None, None, None, None).unwrap().member.unwrap().has_photo);
        assert!(desk.member_photo(GOOD_A).unwrap().is_some());
        assert!(desk.member_photo(10003).unwrap().is_none());
    }

    // Round 2, same time: nothing is due, nothing is asked.
    let r = round(&mut db, &server, &clock).await;
    assert_eq!(r.photos, Some(PhotoStats::default()));
    assert_eq!(photo_requests(&server), seen, "no picture was asked again");

    // A day later: the good ones are revalidated (304, kept), the bad ones retried once each.
    clock.advance(Duration::hours(25));
    let before_a = member_photos::image(db.conn(), GOOD_A).unwrap();
    let r = round(&mut db, &server, &clock).await;
    assert_eq!(r.photos, Some(PhotoStats { not_modified: 3, failed: BAD.len() + 1, ..PhotoStats::default() }));
    assert_eq!(member_photos::image(db.conn(), GOOD_A).unwrap(), before_a, "a 304 keeps the photo");
    let again = photo_requests(&server);
    assert!(again.values().all(|n| *n == 2), "each URL asked once more: {again:?}");
    for (id, _, _) in BAD {
        assert_eq!(row(&db, *id).unwrap().failures, 2, "member {id}");
    }

    // A changed URL is fetched at once; a removed one drops the photo.
    write_snapshot(dir.path(), "gym.json", &photo_gym(start, 1, false));
    server.restart();
    let r = round(&mut db, &server, &clock).await;
    assert_eq!(r.photos, Some(PhotoStats { fetched: 1, dropped: 1, ..PhotoStats::default() }));
    let after_a = member_photos::image(db.conn(), GOOD_A).unwrap().unwrap();
    assert_ne!(Some(after_a), before_a, "the new picture replaced the old one");
    assert_eq!(row(&db, GOOD_A).unwrap().url, format!("http://{}/photos/{GOOD_A}.jpg?v=1", server.addr));
    assert!(row(&db, GOOD_B).is_none(), "the photo of a member whose URL was removed is dropped");
    assert_eq!(photo_requests(&server).get(&format!("/photos/{GOOD_A}.jpg?v=1")), Some(&1));
}

fn run_photo(data: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["photo"];
    all.extend_from_slice(args);
    frontdesk(data, &all)
}

#[test]
fn the_photo_command_exits_0_written_1_no_photo_2_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let demo = frontdesk(&data, &["demo", "--members", "10"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let out = dir.path().join("photo.jpg");
    let o = run_photo(&data, &["1001", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let written = std::fs::read(&out).unwrap();
    let cached = member_photos::image(Db::open_in_dir(&data).unwrap().conn(), 1001).unwrap().unwrap();
    assert_eq!(written, cached);
    image::load_from_memory_with_format(&written, image::ImageFormat::Jpeg).expect("a JPEG");

    let none = dir.path().join("none.jpg");
    for member in ["1002", "999999"] {
        let o = run_photo(&data, &[member, "--out", none.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(o.status.code(), Some(1), "member {member}: {}", text(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("no cached photo"), "{}", text(&o));
        assert!(!none.exists(), "nothing written");
    }
    let o = run_photo(&data, &["1002", "--out", none.to_str().unwrap(), "--lang", "es"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("no hay foto guardada"), "{}", text(&o));

    let missing_dir = dir.path().join("no/such/dir/p.jpg");
    let o = run_photo(&data, &["1001", "--out", missing_dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let over_replica = data.join("frontdesk.db");
    let o = run_photo(&data, &["1001", "--out", over_replica.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(Db::open_in_dir(&data).is_ok(), "the replica is untouched");
}

#[test]
fn sync_once_caches_photos_and_a_bad_one_does_not_change_its_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut snap = gym(1, 3, Utc::now());
    snap.members[0].picture = Some(format!("{{self}}/photos/{GOOD_A}.jpg"));
    snap.members[1].picture = Some("{self}/photos/missing.jpg".into());
    let file = write_snapshot(dir.path(), "gym.json", &snap);
    let server = Central::start(&[&file], &[]);
    let data = dir.path().join("desk");
    let o = sync_once(&data, &server, 1, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("photos: 1 fetched, 0 unchanged, 1 failed (retried later)"), "{}", text(&o));
    let jpeg = dir.path().join("a.jpg");
    let o = frontdesk(&data, &["photo", &GOOD_A.to_string(), "--out", jpeg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = frontdesk(&data, &["photo", "10002", "--out", jpeg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "the 404 left member 10002 without a photo: {}", text(&o));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_four_pictures_download_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let file = write_snapshot(dir.path(), "gym.json", &gym(1, 12, now));
    let server = Central::start(&[&file], &[]);
    let mut snap = gym(1, 12, now);
    for m in &mut snap.members {
        m.picture = Some(format!("http://{}/photos/{}.jpg", server.addr, m.id));
    }
    let mut db = Db::open_in_dir(&dir.path().join("desk")).unwrap();
    frontdesk::replica::replace(&mut db, &snap).unwrap();
    // Every answer waits, so the downloads overlap as much as the refresh lets them.
    server.set_faults("latency_ms=100");
    let fetcher = Arc::new(
        frontdesk::photos::fetch::Fetcher::new(frontdesk::photos::fetch::FetchLimits::default(), None).unwrap(),
    );
    let opts = frontdesk::photos::RefreshOptions::default();
    let stats = frontdesk::photos::refresh(&mut db, &fetcher, &FixedClock::new(now), &opts).await.unwrap();
    assert_eq!(stats.fetched, 12, "{stats:?}");
    let s = server.stats();
    assert_eq!(s["requests"], 12, "{s}");
    assert_eq!(s["max_in_flight"], 4, "four in flight, never more: {s}");
}
