//! The worker's tiered pulls over a simulated day (issue 10, "pull less"):
//! after one full pull, a steady-state pull of a gym where nothing changed
//! asks for a small share of it, yet no membership is ever older than a day
//! and no expected visitor's older than 15 minutes. The 5,000-member figures
//! are in benches/pull_rounds.rs and docs/PERFORMANCE.md.

#[path = "support/central.rs"]
mod central;
#[path = "support/pull_sim.rs"]
mod pull_sim;

use chrono::{Duration, Utc};

#[test]
fn a_day_of_tiered_pulls_keeps_every_membership_fresh_for_a_fraction_of_the_requests() {
    let dir = tempfile::tempdir().unwrap();
    let snap = pull_sim::scheduled_gym(1000, 16, 8, Utc::now());
    let f = pull_sim::simulate(dir.path(), &snap, Duration::minutes(5), 288);
    assert!(f.first_pull_requests > 1000, "the first pull asks for every membership: {f:?}");
    assert!(f.worst_membership_age <= Duration::hours(24), "a membership older than a day: {f:?}");
    assert!(f.worst_visitor_age <= Duration::minutes(15), "an expected visitor's membership too old: {f:?}");
    assert!(
        f.average() * 10.0 < f.first_pull_requests as f64,
        "a steady-state pull asks for less than a tenth of a full one: average {} vs {}",
        f.average(),
        f.first_pull_requests
    );
    assert!(f.average() <= 100.0, "average {} requests a pull", f.average());
}
