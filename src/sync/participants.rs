//! Reading one session's participants from GymAPI, which pages the list at
//! 100 like every other list and sorts it by nothing (its SQL query has no
//! ORDER BY): a class of 105 comes back as some 100 rows, and which 100 can
//! change between the first page and the second. So the desk pages until a
//! short page, collects rows by member (the upstream unique key is session +
//! member), and reads the list again while it holds fewer bookings than the
//! session's own `current_participants` says there are. Used by the pull (to
//! fill the replica) and by the push (to see whether an attendance is already
//! recorded before writing it).

use super::client::{retrying, Client};
use super::error::SyncError;
use crate::domain::ParticipationStatus;
use crate::snapshot::ApiParticipation;
use std::collections::BTreeMap;

/// GymAPI's default page size for this list.
pub const PAGE: usize = 100;
/// Whole reads of one list before the desk settles for what it has.
pub const MAX_READS: usize = 5;
/// A list longer than this many pages is taken as a server that never ends it.
const MAX_PAGES: usize = 10_000;

/// Bookings that hold a place (what GymAPI counts in `current_participants`).
pub fn booked(list: &[ApiParticipation]) -> i64 {
    list.iter().filter(|p| matches!(p.status, ParticipationStatus::Registered | ParticipationStatus::Attended)).count()
        as i64
}

/// Merges one read into what earlier reads found; a row read later wins (it
/// is the fresher state of the same booking).
pub fn merge(into: &mut BTreeMap<i64, ApiParticipation>, read: Vec<ApiParticipation>) -> usize {
    let before = into.len();
    for p in read {
        into.insert(p.member_id, p);
    }
    into.len() - before
}

/// Whether another read is worth its requests: fewer bookings than the
/// server's count, and reads left.
pub fn read_again(found: &[ApiParticipation], expected_booked: Option<i64>, reads: usize) -> bool {
    reads < MAX_READS && expected_booked.is_some_and(|want| booked(found) < want)
}

/// A participants answer must hold only session `id` of gym `gym_id`.
pub fn check(list: &[ApiParticipation], id: i64, gym_id: i64) -> Result<(), SyncError> {
    if let Some(p) = list.iter().find(|p| p.session_id != id || p.gym_id != gym_id) {
        return Err(SyncError::BadShape {
            what: "participants".into(),
            detail: format!("asked for session {id}, got session {} of gym {}", p.session_id, p.gym_id),
        });
    }
    Ok(())
}

/// Every participation of `session_id`, de-duplicated by member. With
/// `expected_booked` (the session's `current_participants`), reads again
/// while fewer bookings were seen, at most [`MAX_READS`] times in all.
pub async fn read(
    client: &Client,
    session_id: i64,
    page_size: usize,
    expected_booked: Option<i64>,
) -> Result<Vec<ApiParticipation>, SyncError> {
    let limit = page_size.max(1);
    let path = format!("/schedule/participation/participants/{session_id}");
    let mut found: BTreeMap<i64, ApiParticipation> = BTreeMap::new();
    let mut reads = 0;
    loop {
        reads += 1;
        let mut skip = 0;
        for pages in 0.. {
            if pages >= MAX_PAGES {
                return Err(SyncError::BadShape {
                    what: "participants".into(),
                    detail: format!("session {session_id}: more than {MAX_PAGES} full pages"),
                });
            }
            let q = [("skip", skip.to_string()), ("limit", limit.to_string())];
            let page: Vec<ApiParticipation> = retrying(4, |_| true, || client.get(&path, &q)).await?;
            if page.len() > limit {
                return Err(SyncError::BadShape {
                    what: "participants".into(),
                    detail: format!("asked for {limit} items, got {}", page.len()),
                });
            }
            check(&page, session_id, client.gym_id())?;
            let last = page.len() < limit;
            merge(&mut found, page);
            if last {
                break;
            }
            skip += limit;
        }
        let list: Vec<ApiParticipation> = found.values().cloned().collect();
        if !read_again(&list, expected_booked, reads) {
            if expected_booked.is_some_and(|want| booked(&list) < want) {
                tracing::warn!(
                    session_id,
                    seen = booked(&list),
                    expected = expected_booked,
                    reads,
                    "participants list still shorter than the session's count"
                );
            }
            return Ok(list);
        }
        tracing::debug!(session_id, seen = booked(&list), expected = expected_booked, "reading participants again");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(member_id: i64, status: ParticipationStatus) -> ApiParticipation {
        ApiParticipation {
            id: member_id * 10,
            session_id: 7,
            member_id,
            gym_id: 1,
            status,
            registration_time: None,
            attendance_time: None,
            cancellation_time: None,
            cancellation_reason: None,
        }
    }

    #[test]
    fn rows_seen_twice_across_pages_count_once_and_the_later_wins() {
        use ParticipationStatus::*;
        let mut found = BTreeMap::new();
        assert_eq!(merge(&mut found, vec![p(1, Registered), p(2, Registered)]), 2);
        assert_eq!(merge(&mut found, vec![p(2, Attended), p(3, Cancelled)]), 1, "member 2 again is not new");
        assert_eq!(found.len(), 3);
        assert_eq!(found[&2].status, Attended, "the later read is the fresher state");
        let list: Vec<_> = found.into_values().collect();
        assert_eq!(booked(&list), 2, "a cancelled booking holds no place");
    }

    #[test]
    fn reads_again_only_while_short_of_the_servers_count_and_only_so_often() {
        use ParticipationStatus::*;
        let list = vec![p(1, Registered), p(2, Attended), p(3, Cancelled)];
        for (expected, reads, again) in [
            (None, 1, false),    // no count to compare with
            (Some(2), 1, false), // all bookings seen
            (Some(1), 1, false), // more than the count (it was read earlier)
            (Some(3), 1, true),  // one booking missing
            (Some(3), MAX_READS - 1, true),
            (Some(3), MAX_READS, false), // bounded
        ] {
            assert_eq!(read_again(&list, expected, reads), again, "expected {expected:?} after {reads} reads");
        }
    }

    #[test]
    fn a_row_of_another_session_or_gym_is_a_bad_answer() {
        let mut other = p(1, ParticipationStatus::Registered);
        assert!(check(&[other.clone()], 7, 1).is_ok());
        other.session_id = 8;
        assert!(matches!(check(&[other.clone()], 7, 1), Err(SyncError::BadShape { .. })));
        other.session_id = 7;
        other.gym_id = 2;
        assert!(check(&[other], 7, 1).is_err());
    }
}
