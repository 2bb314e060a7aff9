//! Pure domain types and rules: no I/O, no clock. Everything here can be
//! replayed at any instant with any data.

pub mod alerts;
pub mod fold;
pub mod member_code;
pub mod outbox_reason;
pub mod outcome;
pub mod rules;
pub mod types;

pub use alerts::{AlertAction, AlertKind, AlertPolicy};
pub use member_code::MemberCode;
pub use outbox_reason::OutboxReason;
pub use outcome::{Lang, Outcome, Warning, WarningCode};
pub use types::*;
