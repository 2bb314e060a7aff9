//! What the photo refresh does for each member, decided without I/O from the
//! members' picture URLs, the cached rows and the time: fetch a new or changed
//! URL, revalidate a due one (conditional request), wait for a failed one's
//! back-off, refuse a URL that is not http(s) (recorded, never fetched), drop
//! the photo of a member who is gone or has no URL any more. Case tables below.

use crate::db::member_photos::PhotoState;
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// No usable image for this URL yet: GET it.
    Fetch { member_id: i64, url: String },
    /// The cached image is due to be checked: a conditional GET.
    Revalidate { member_id: i64, url: String, etag: Option<String>, last_modified: Option<String> },
    /// The URL may not be fetched (its scheme): record why, never ask.
    Refuse { member_id: i64, url: String, reason: String },
    /// The member is gone or has no picture any more.
    Drop { member_id: i64 },
}

impl Action {
    pub fn member_id(&self) -> i64 {
        match self {
            Action::Fetch { member_id, .. }
            | Action::Revalidate { member_id, .. }
            | Action::Refuse { member_id, .. }
            | Action::Drop { member_id } => *member_id,
        }
    }
}

/// How often a good photo is checked again and how a failing URL backs off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub revalidate_after: Duration,
    pub retry_base: Duration,
    pub retry_cap: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            revalidate_after: Duration::hours(24),
            retry_base: Duration::minutes(10),
            retry_cap: Duration::hours(24),
        }
    }
}

impl Policy {
    /// When to ask again after `failures` consecutive failures (1 = the first):
    /// doubling from `retry_base`, capped; never sooner than `retry_base`.
    pub fn retry_at(&self, failures: u32, now: DateTime<Utc>) -> DateTime<Utc> {
        let factor = 1i32 << failures.saturating_sub(1).min(16);
        let wait = (self.retry_base * factor).min(self.retry_cap).max(self.retry_base);
        now + wait
    }

    /// When a photo just fetched or confirmed is checked again.
    pub fn revalidate_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + self.revalidate_after
    }
}

/// Why a URL may not be fetched, if it may not: only absolute http(s) URLs with a host.
pub fn refusal(url: &str) -> Option<String> {
    match reqwest::Url::parse(url) {
        Err(e) => Some(format!("not a URL ({e})")),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Some(format!("scheme {}: is not fetched", u.scheme())),
        Ok(u) if u.host_str().map_or(true, str::is_empty) => Some("no host".into()),
        Ok(_) => None,
    }
}

/// The actions for members `(id, picture URL)` given the cached rows, in member order.
pub fn plan(members: &[(i64, Option<String>)], cache: &[PhotoState], now: DateTime<Utc>) -> Vec<Action> {
    let cached: HashMap<i64, &PhotoState> = cache.iter().map(|c| (c.member_id, c)).collect();
    let mut out: BTreeMap<i64, Action> = BTreeMap::new();
    for (id, url) in members {
        let id = *id;
        let url = url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let row = cached.get(&id);
        let Some(url) = url else {
            if row.is_some() {
                out.insert(id, Action::Drop { member_id: id });
            }
            continue;
        };
        match row {
            Some(r) if r.url == url => {
                if now < r.next_try_at {
                    continue;
                }
                if let Some(reason) = refusal(url) {
                    // Rows written before a refusal rule (none today) are refused again.
                    out.insert(id, Action::Refuse { member_id: id, url: url.to_owned(), reason });
                } else if r.has_image {
                    out.insert(
                        id,
                        Action::Revalidate {
                            member_id: id,
                            url: url.to_owned(),
                            etag: r.etag.clone(),
                            last_modified: r.last_modified.clone(),
                        },
                    );
                } else {
                    out.insert(id, Action::Fetch { member_id: id, url: url.to_owned() });
                }
            }
            // A new member or a changed URL.
            _ => {
                let action = match refusal(url) {
                    Some(reason) => Action::Refuse { member_id: id, url: url.to_owned(), reason },
                    None => Action::Fetch { member_id: id, url: url.to_owned() },
                };
                out.insert(id, action);
            }
        }
    }
    let present: std::collections::HashSet<i64> = members.iter().map(|(id, _)| *id).collect();
    for c in cache.iter().filter(|c| !present.contains(&c.member_id)) {
        out.insert(c.member_id, Action::Drop { member_id: c.member_id });
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap()
    }

    const URL: &str = "https://cdn.example.com/u/7.jpg";

    fn row(url: &str, has_image: bool, failures: u32, next_try_in_min: i64) -> PhotoState {
        PhotoState {
            member_id: 7,
            url: url.into(),
            etag: has_image.then(|| "\"v1\"".into()),
            last_modified: None,
            has_image,
            failures,
            last_error: (failures > 0).then(|| "HTTP 404".into()),
            next_try_at: now() + Duration::minutes(next_try_in_min),
        }
    }

    fn fetch(url: &str) -> Vec<Action> {
        vec![Action::Fetch { member_id: 7, url: url.into() }]
    }

    #[test]
    fn each_member_gets_the_action_its_url_and_row_call_for() {
        let revalidate = vec![Action::Revalidate {
            member_id: 7,
            url: URL.into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
        }];
        let refuse =
            |url: &str, reason: &str| vec![Action::Refuse { member_id: 7, url: url.into(), reason: reason.into() }];
        let drop = vec![Action::Drop { member_id: 7 }];
        // (name, the member's URL, the cached row, expected actions)
        type Case<'a> = (&'a str, Option<&'a str>, Option<PhotoState>, Vec<Action>);
        let cases: Vec<Case> = vec![
            ("a new URL is fetched", Some(URL), None, fetch(URL)),
            (
                "surrounding blanks are not part of the URL",
                Some("  https://cdn.example.com/u/7.jpg "),
                None,
                fetch(URL),
            ),
            ("no URL and no row: nothing", None, None, vec![]),
            ("a blank URL is no URL", Some("   "), None, vec![]),
            ("a cached photo not yet due: nothing", Some(URL), Some(row(URL, true, 0, 60)), vec![]),
            ("a cached photo due: revalidated", Some(URL), Some(row(URL, true, 0, 0)), revalidate.clone()),
            ("a cached photo past due: revalidated", Some(URL), Some(row(URL, true, 0, -600)), revalidate),
            (
                "a changed URL is fetched at once",
                Some("https://cdn.example.com/u/7-b.jpg"),
                Some(row(URL, true, 0, 600)),
                fetch("https://cdn.example.com/u/7-b.jpg"),
            ),
            (
                "a changed URL is fetched even while the old one backs off",
                Some("https://cdn.example.com/u/7-b.jpg"),
                Some(row(URL, false, 3, 600)),
                fetch("https://cdn.example.com/u/7-b.jpg"),
            ),
            ("a failed URL waits for its back-off", Some(URL), Some(row(URL, false, 2, 5)), vec![]),
            ("a failed URL is asked again once due", Some(URL), Some(row(URL, false, 2, 0)), fetch(URL)),
            ("the URL was removed: dropped", None, Some(row(URL, true, 0, 60)), drop.clone()),
            ("a blanked URL: dropped", Some(""), Some(row(URL, false, 1, 60)), drop),
            (
                "ftp is refused",
                Some("ftp://files.example.com/7.jpg"),
                None,
                refuse("ftp://files.example.com/7.jpg", "scheme ftp: is not fetched"),
            ),
            (
                "data: is refused",
                Some("data:image/png;base64,iVBORw0KGgo="),
                None,
                refuse("data:image/png;base64,iVBORw0KGgo=", "scheme data: is not fetched"),
            ),
            (
                "file: is refused",
                Some("file:///etc/passwd"),
                None,
                refuse("file:///etc/passwd", "scheme file: is not fetched"),
            ),
            (
                "a relative path is refused",
                Some("/photos/7.jpg"),
                None,
                refuse("/photos/7.jpg", "not a URL (relative URL without a base)"),
            ),
            (
                "a refused URL already recorded is not refused again",
                Some("ftp://x/7.jpg"),
                Some(PhotoState { next_try_at: DateTime::<Utc>::MAX_UTC, ..row("ftp://x/7.jpg", false, 1, 0) }),
                vec![],
            ),
        ];
        for (name, url, cached, expected) in cases {
            let members = vec![(7, url.map(str::to_owned))];
            let cache: Vec<PhotoState> = cached.into_iter().collect();
            assert_eq!(plan(&members, &cache, now()), expected, "{name}");
        }
    }

    #[test]
    fn the_photos_of_members_who_are_gone_are_dropped_and_order_is_by_member() {
        let members = vec![(9, Some(URL.to_owned())), (3, Some(URL.to_owned()))];
        let gone = PhotoState { member_id: 5, ..row(URL, true, 0, 60) };
        let got = plan(&members, &[gone], now());
        assert_eq!(
            got,
            vec![
                Action::Fetch { member_id: 3, url: URL.into() },
                Action::Drop { member_id: 5 },
                Action::Fetch { member_id: 9, url: URL.into() },
            ]
        );
    }

    #[test]
    fn a_failing_url_backs_off_doubling_up_to_the_cap_and_never_every_round() {
        let p = Policy::default();
        let cases = [(0, 10), (1, 10), (2, 20), (3, 40), (4, 80), (8, 1280), (9, 24 * 60), (40, 24 * 60)];
        for (failures, minutes) in cases {
            assert_eq!(p.retry_at(failures, now()), now() + Duration::minutes(minutes), "{failures} failures");
        }
        assert_eq!(p.revalidate_at(now()), now() + Duration::hours(24));
    }
}
