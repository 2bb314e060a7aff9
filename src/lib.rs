//! Front Desk core: the gym's local replica, the check-in rules, the outbox,
//! sync, reports and the demo gym. No Tauri in here: the desktop shell
//! (`src-tauri/`) and the CLI (`src/bin/frontdesk/`) are thin layers over
//! this crate.
//!
//! # The stages of one check-in, and where each lives
//!
//! 1. **Frames** from the webcam, image files or the demo camera:
//!    [`scan::source`] (one `FrameSource`), paced for the preview by [`scan::frame_dropper`].
//! 2. **Decode** to a member code: [`scan::decode`] (rqrr and rxing behind
//!    `catch_unwind`, with the retry [`scan::strategy`]), run on its own
//!    thread by [`scan::pipeline`] with the re-scan window of [`scan::dedup`].
//! 3. **Rules**: [`domain::rules::decide`], a pure function of the request,
//!    the replica's facts and the gym's policy; outcomes and warnings in
//!    [`domain::outcome`].
//! 4. **Durable commit**: [`checkin::check_in`] writes the participation and
//!    its outbox event in one transaction before the verdict is shown
//!    ([`db`], one file per table).
//! 5. **Outbox**: [`db::outbox`]; why an event waits, in the desk's language:
//!    [`domain::outbox_reason`].
//! 6. **Sync**: [`sync::plan`] (pure) and [`sync::push`] send each event the
//!    way the server can take it; [`sync::pull`] refreshes the replica in
//!    tiers; [`sync::worker`] runs both in the background.
//!
//! Read models for the screen are in [`views`], the reports in [`report`],
//! the injected clock in [`clock`], the desk's settings in [`desk_settings`].
//! New code goes into the stage it belongs to; the shells only map arguments
//! and errors (docs/ARCHITECTURE.md, "Where new code goes").

pub mod checkin;
pub mod clock;
pub mod db;
pub mod demo;
pub mod desk;
pub mod desk_settings;
pub mod diagnostics;
pub mod domain;
pub mod error;
pub mod error_code;
pub mod kiosk;
pub mod logs;
pub mod paths;
pub mod photos;
pub mod pin;
pub mod platform_fs;
pub mod replica;
pub mod report;
pub mod rng;
pub mod scan;
pub mod shift;
pub mod snapshot;
pub mod staff;
pub mod sync;
pub mod time;
pub mod views;

pub use error::{Error, Result};
pub use error_code::ErrorCode;
