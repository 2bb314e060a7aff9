//! PINs staff type at the desk (to leave kiosk mode, to sign in, to approve
//! an override, to open Settings): 4 to 6 digits, stored only as an Argon2id
//! hash (a PHC string with its own random salt), checked in constant time,
//! and guarded by a lockout so the 10,000-1,000,000 combinations cannot be
//! tried at the screen: after `MAX_FAILURES` wrong PINs in a row, none is
//! checked for `lockout()`. The count is kept in the replica's settings
//! (`guarded`), so restarting the app does not reset it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};

pub const MIN_DIGITS: usize = 4;
pub const MAX_DIGITS: usize = 6;
/// Wrong PINs in a row before the lockout.
pub const MAX_FAILURES: u32 = 5;
/// How long a lockout lasts.
pub fn lockout() -> Duration {
    Duration::seconds(60)
}

/// A message for staff when `pin` is not 4-6 digits.
pub fn validate(pin: &str) -> Result<(), String> {
    let ok = (MIN_DIGITS..=MAX_DIGITS).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!("a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits"))
    }
}

/// The PIN's Argon2id hash as a PHC string (`$argon2id$v=19$...`).
pub fn hash(pin: &str) -> Result<String, String> {
    validate(pin)?;
    // 16 random bytes from the OS (uuid's v4 draws them from getrandom).
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes()).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(pin.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Whether `pin` is the one `phc` was made from. A malformed stored hash matches nothing.
pub fn verify(pin: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

/// The state of the wrong-PIN counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attempts {
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// What a PIN check at `now` may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Check the PIN.
    Open,
    /// Locked: no PIN is checked before this time.
    Locked(DateTime<Utc>),
}

impl Attempts {
    pub fn gate(&self, now: DateTime<Utc>) -> Gate {
        match self.locked_until {
            Some(until) if now < until => Gate::Locked(until),
            _ => Gate::Open,
        }
    }

    /// The counter after a check at `now` that was right (`ok`) or wrong.
    pub fn after(self, ok: bool, now: DateTime<Utc>) -> Attempts {
        if ok {
            return Attempts::default();
        }
        // A lockout that has run out starts a fresh count.
        let failures = if self.locked_until.is_some() { 1 } else { self.failures + 1 };
        if failures >= MAX_FAILURES {
            Attempts { failures, locked_until: Some(now + lockout()) }
        } else {
            Attempts { failures, locked_until: None }
        }
    }

    /// Wrong PINs left before the lockout.
    pub fn left(&self) -> u32 {
        MAX_FAILURES.saturating_sub(self.failures)
    }
}

/// Why a PIN was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Wrong, with this many tries left before the lockout.
    Wrong { left: u32 },
    /// Too many wrong PINs: none is checked before this time.
    Locked { until: DateTime<Utc> },
}

fn load_attempts(conn: &rusqlite::Connection, key: &str) -> crate::Result<Attempts> {
    use crate::db::settings::get;
    Ok(Attempts {
        failures: get(conn, &format!("{key}_failures"))?.and_then(|v| v.parse().ok()).unwrap_or(0),
        locked_until: get(conn, &format!("{key}_locked_until"))?.and_then(|v| v.parse().ok()).map(crate::time::from_ms),
    })
}

fn store_attempts(conn: &rusqlite::Connection, key: &str, a: Attempts) -> crate::Result<()> {
    use crate::db::settings::set;
    set(conn, &format!("{key}_failures"), &a.failures.to_string())?;
    let until = format!("{key}_locked_until");
    match a.locked_until {
        Some(t) => set(conn, &until, &crate::time::to_ms(t).to_string()),
        None => Ok(conn.execute("DELETE FROM settings WHERE key = ?1", [until]).map(|_| ())?),
    }
}

/// Starts the wrong-PIN count under `key` over (a PIN was set).
pub fn reset(conn: &rusqlite::Connection, key: &str) -> crate::Result<()> {
    store_attempts(conn, key, Attempts::default())
}

/// Runs `check` (a PIN comparison giving what the PIN opened, or `None`)
/// behind the wrong-PIN count stored under `key`: not at all while locked
/// out, and a wrong PIN counts towards the lockout.
pub fn guarded<T>(
    conn: &rusqlite::Connection,
    key: &str,
    now: DateTime<Utc>,
    check: impl FnOnce() -> Option<T>,
) -> crate::Result<Result<T, Refused>> {
    let a = load_attempts(conn, key)?;
    if let Gate::Locked(until) = a.gate(now) {
        return Ok(Err(Refused::Locked { until }));
    }
    let opened = check();
    let next = a.after(opened.is_some(), now);
    store_attempts(conn, key, next)?;
    Ok(match (opened, next.gate(now)) {
        (Some(t), _) => Ok(t),
        (None, Gate::Locked(until)) => Err(Refused::Locked { until }),
        (None, Gate::Open) => Err(Refused::Wrong { left: next.left() }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn pins_are_four_to_six_digits() {
        for (pin, ok) in [
            ("1234", true),
            ("123456", true),
            ("123", false),
            ("1234567", false),
            ("12a4", false),
            ("", false),
            ("١٢٣٤", false),
        ] {
            assert_eq!(validate(pin).is_ok(), ok, "{pin:?}");
        }
    }

    #[test]
    fn a_hash_verifies_its_pin_only_and_two_hashes_of_one_pin_differ() {
        let a = hash("2468").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert!(!a.contains("2468"));
        assert!(verify("2468", &a));
        assert!(!verify("2469", &a));
        assert!(!verify("", &a));
        let b = hash("2468").unwrap();
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify("2468", &b));
        assert!(!verify("2468", "not a hash"));
        assert!(hash("12").is_err());
    }

    #[test]
    fn five_wrong_pins_lock_for_a_minute_and_a_right_one_resets() {
        let t0 = Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap();
        let mut a = Attempts::default();
        for i in 1..MAX_FAILURES {
            a = a.after(false, t0);
            assert_eq!((a.failures, a.gate(t0), a.left()), (i, Gate::Open, MAX_FAILURES - i));
        }
        a = a.after(false, t0);
        assert_eq!(a.gate(t0), Gate::Locked(t0 + lockout()));
        assert_eq!(a.gate(t0 + lockout() - Duration::seconds(1)), Gate::Locked(t0 + lockout()));
        assert_eq!(a.gate(t0 + lockout()), Gate::Open, "over after a minute");
        let after = a.after(false, t0 + lockout());
        assert_eq!((after.failures, after.locked_until), (1, None), "a fresh count after a lockout");
        assert_eq!(a.after(true, t0 + lockout()), Attempts::default());
    }
}
