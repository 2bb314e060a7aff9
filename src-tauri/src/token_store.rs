//! The central API token lives in the OS keyring, never in a file or a log:
//! the Secret Service on Linux (GNOME Keyring, KWallet), which keeps it on
//! disk across reboots, Credential Manager on Windows, Keychain on macOS.
//! A desk without a usable keyring (a Linux session with no Secret Service)
//! is told so, in Settings and in the diagnostics, and `FRONTDESK_TOKEN`,
//! which kiosk scripts use anyway, is the documented alternative.

use crate::ipc::IpcError;
use frontdesk::desk_settings::TokenHeld;
use frontdesk::sync::config::ENV_TOKEN;

const SERVICE: &str = "app.frontdesk.desk";
const ACCOUNT: &str = "central-api-token";

/// What the keyring holds for this desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Token(String),
    Nothing,
    /// The keyring could not be asked, with its reason (for logs and diagnostics).
    Unavailable(String),
}

fn entry() -> Result<keyring::Entry, keyring::Error> {
    keyring::Entry::new(SERVICE, ACCOUNT)
}

pub(crate) fn unavailable(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        frontdesk::ErrorCode::KeyringUnavailable,
        format!("the OS keyring could not be used ({e}); set FRONTDESK_TOKEN for this desk instead"),
    )
}

/// Runs a keyring call on a blocking thread. A locked login keyring may show
/// an unlock prompt and wait for staff: that wait must hold neither the
/// window's main thread (where Tauri runs plain commands, so the window would
/// freeze) nor an async worker (sync and the save dialog run there). `None`
/// if the call panicked.
pub async fn off_ui<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tauri::async_runtime::spawn_blocking(call).await.ok()
}

/// Asks the keyring, through a new handle each time, as a restarted desk would.
pub fn read() -> Kept {
    match entry().and_then(|e| e.get_password()) {
        Ok(t) if !t.is_empty() => Kept::Token(t),
        Ok(_) | Err(keyring::Error::NoEntry) => Kept::Nothing,
        Err(e) => Kept::Unavailable(e.to_string()),
    }
}

pub fn load() -> Option<String> {
    match read() {
        Kept::Token(t) => Some(t),
        Kept::Nothing => None,
        Kept::Unavailable(why) => {
            tracing::warn!("the OS keyring could not be read: {why}");
            None
        }
    }
}

/// Whether `FRONTDESK_TOKEN` gives the token: `sync::config` takes a blank
/// one as unset, and takes a set one over the keyring's.
fn in_environment() -> bool {
    std::env::var(ENV_TOKEN).is_ok_and(|t| !t.trim().is_empty())
}

/// Where sync's token comes from.
pub fn held() -> TokenHeld {
    if in_environment() {
        return TokenHeld::Environment;
    }
    match read() {
        Kept::Token(_) => TokenHeld::Keyring,
        Kept::Nothing => TokenHeld::None,
        Kept::Unavailable(_) => TokenHeld::KeyringUnavailable,
    }
}

/// One line for the diagnostics page: where the token is, never the token.
pub fn describe() -> String {
    let keyring = match read() {
        Kept::Token(_) => "stored in the OS keyring".to_owned(),
        Kept::Nothing => "none in the OS keyring".to_owned(),
        Kept::Unavailable(why) => format!("OS keyring unavailable ({why}); set FRONTDESK_TOKEN"),
    };
    if in_environment() {
        format!("from {ENV_TOKEN} (keyring: {keyring})")
    } else {
        keyring
    }
}

/// Stores `token` (an empty one deletes it), then reads it back through a
/// new handle: a token the keyring did not keep is `keyring_unavailable`,
/// never "stored".
pub fn store(token: &str) -> Result<(), IpcError> {
    let e = entry().map_err(unavailable)?;
    if token.is_empty() {
        return match e.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(unavailable(err)),
        };
    }
    e.set_password(token).map_err(unavailable)?;
    match read() {
        Kept::Token(kept) if kept == token => Ok(()),
        Kept::Token(_) | Kept::Nothing => Err(IpcError::new(
            frontdesk::ErrorCode::KeyringUnavailable,
            "the OS keyring did not keep the token; set FRONTDESK_TOKEN for this desk instead",
        )),
        Kept::Unavailable(why) => Err(unavailable(why)),
    }
}
