//! The central API token lives in the OS keyring (Secret Service / keyutils
//! on Linux, Credential Manager on Windows, Keychain on macOS), never in a
//! file or a log. `FRONTDESK_TOKEN` still works for kiosk scripts.

use crate::ipc::IpcError;

const SERVICE: &str = "app.frontdesk.desk";
const ACCOUNT: &str = "central-api-token";

fn entry() -> Result<keyring::Entry, IpcError> {
    keyring::Entry::new(SERVICE, ACCOUNT).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> IpcError {
    IpcError::new(
        frontdesk::ErrorCode::KeyringUnavailable,
        format!("the OS keyring could not be used ({e}); set FRONTDESK_TOKEN for this desk instead"),
    )
}

pub fn load() -> Option<String> {
    match entry().and_then(|e| e.get_password().map_err(unavailable)) {
        Ok(t) if !t.is_empty() => Some(t),
        _ => None,
    }
}

pub fn store(token: &str) -> Result<(), IpcError> {
    let e = entry()?;
    if token.is_empty() {
        return match e.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(unavailable(err)),
        };
    }
    e.set_password(token).map_err(unavailable)?;
    // Never say "stored" for a token the keyring did not keep: read it back
    // through a new handle, as the next start will.
    match entry()?.get_password() {
        Ok(kept) if kept == token => Ok(()),
        Ok(_) | Err(keyring::Error::NoEntry) => Err(IpcError::new(
            frontdesk::ErrorCode::KeyringUnavailable,
            "the OS keyring did not keep the token; set FRONTDESK_TOKEN for this desk instead",
        )),
        Err(err) => Err(unavailable(err)),
    }
}
