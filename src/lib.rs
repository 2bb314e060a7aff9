//! Front Desk core: the gym's local replica, the check-in rules, the outbox,
//! snapshot import and the demo gym. No Tauri in here: the desktop shell and
//! the CLI are thin layers over this crate.

pub mod checkin;
pub mod clock;
pub mod db;
pub mod demo;
pub mod desk_settings;
pub mod diagnostics;
pub mod domain;
pub mod error;
pub mod logs;
pub mod paths;
pub mod platform_fs;
pub mod replica;
pub mod report;
pub mod rng;
pub mod scan;
pub mod snapshot;
pub mod sync;
pub mod time;
pub mod views;

pub use error::{Error, Result};
