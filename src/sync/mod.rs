//! Sync with the central API: pull the replica, drain the outbox (issue 4).
