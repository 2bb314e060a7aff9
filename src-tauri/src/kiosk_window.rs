//! What kiosk mode does to the window: full screen and not closable while on
//! (a member cannot leave the kiosk screen or close the app), back to a
//! normal window when staff leave with the PIN. Whether the desk starts as a
//! kiosk: `frontdesk-app --kiosk` or `FRONTDESK_KIOSK=1`, only when a kiosk
//! PIN is set (staff must always be able to leave).

use tauri::Manager;

pub fn apply<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, on: bool) {
    if let Err(e) = window.set_fullscreen(on) {
        tracing::warn!(error = %e, on, "could not change full screen for kiosk mode");
    }
    if let Err(e) = window.set_closable(!on) {
        tracing::debug!(error = %e, "the platform cannot make the window unclosable");
    }
}

/// Whether the command line or the environment asks for kiosk mode.
pub fn asked(args: impl IntoIterator<Item = String>, env: Option<String>) -> bool {
    args.into_iter().any(|a| a == "--kiosk") || env.is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// A close request while the desk is a kiosk is refused: staff leave kiosk mode first.
pub fn on_window_event<R: tauri::Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::CloseRequested { api, .. } = event {
        let kiosk = window.app_handle().try_state::<std::sync::Arc<crate::state::Desk>>().is_some_and(|d| d.in_kiosk());
        if kiosk {
            tracing::info!("close refused: the desk is in kiosk mode");
            api.prevent_close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_mode_is_asked_by_flag_or_environment() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(asked(args(&["frontdesk-app", "--kiosk"]), None));
        assert!(asked(args(&["frontdesk-app"]), Some("1".into())));
        assert!(!asked(args(&["frontdesk-app"]), Some("0".into())));
        assert!(!asked(args(&["frontdesk-app", "--kiosked"]), None));
        assert!(!asked(args(&["frontdesk-app"]), None));
    }
}
