//! The `photo` URI scheme's answers on a real demo desk (drawn portraits for
//! every other member): the cached JPEG, 404 without one, 400 for a path
//! that names no member. The real-app test shows one on a green card.

use frontdesk::clock::FixedClock;
use frontdesk::demo;
use frontdesk_app::{open_desk, photo_scheme};
use std::sync::Arc;

#[test]
fn the_photo_scheme_serves_the_cached_jpeg_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let desk = open_desk(dir.path(), Arc::new(FixedClock::new("2026-11-28T16:05:00Z".parse().unwrap())));
    let with = demo::FIRST_MEMBER_ID;
    let without = demo::FIRST_MEMBER_ID + 1;
    assert!(demo::demo_has_portrait(with) && !demo::demo_has_portrait(without));
    let r = photo_scheme::respond(&desk, &format!("/{with}"));
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let body = r.body();
    assert!(
        body.starts_with(&[0xFF, 0xD8]) && body.len() <= 64 * 1024,
        "a JPEG of at most 64 KB: {} bytes",
        body.len()
    );
    let img = image::load_from_memory(body).expect("it decodes");
    assert!(img.width().max(img.height()) <= 256);

    let cases = [
        (format!("/{without}"), 404, "a demo member without a portrait"),
        ("/999999".to_owned(), 404, "no such member"),
        ("/abc".to_owned(), 400, "not an id"),
        ("/0".to_owned(), 400, "not an id"),
        ("/".to_owned(), 400, "no id"),
        ("/../frontdesk.db".to_owned(), 400, "no path escapes to a file"),
    ];
    for (path, status, why) in cases {
        assert_eq!(photo_scheme::respond(&desk, &path).status(), status, "{path}: {why}");
    }
}
