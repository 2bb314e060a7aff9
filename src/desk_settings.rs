//! The desk's own settings (camera, central API address, language, sound,
//! alert catalogue, re-scan window), stored with the replica. The API token
//! is never stored here: it lives in the OS keyring.

use crate::db::settings;
use crate::domain::alerts::AlertPolicy;
use crate::domain::rules::ALREADY_INSIDE_MAX_MINUTES;
use crate::domain::Lang;
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

const KEY: &str = "desk_settings";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum CameraSource {
    Camera,
    #[default]
    Demo,
    /// No camera: the desk checks members in with a USB scanner (or by hand) only.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CameraSettings {
    pub index: Option<u32>,
    pub name: Option<String>,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub mirrored: bool,
    pub source: CameraSource,
}

impl CameraSettings {
    /// The frame source these settings name, `None` for a scanner-only desk.
    /// `force_demo` (the `FRONTDESK_CAMERA=demo` switch of kiosk scripts and
    /// tests) picks the demo camera whatever is stored.
    pub fn source_request(&self, force_demo: bool) -> Option<crate::scan::open::SourceRequest> {
        use crate::scan::{CameraSelector, SourceSpec};
        if self.source == CameraSource::None && !force_demo {
            return None;
        }
        let spec = if force_demo || self.source == CameraSource::Demo {
            SourceSpec::Demo
        } else {
            SourceSpec::Camera(match (self.index, self.name.as_deref()) {
                (Some(i), _) => CameraSelector::Index(i),
                (None, Some(n)) if !n.is_empty() => CameraSelector::Name(n.to_owned()),
                _ => CameraSelector::First,
            })
        };
        // The demo camera draws its frames: beyond 720p that only costs CPU.
        let (width, height) = if spec == SourceSpec::Demo {
            (self.width.min(1280), self.height.min(720))
        } else {
            (self.width, self.height)
        };
        Some(crate::scan::open::SourceRequest {
            spec,
            width,
            height,
            fps: self.fps,
            seed: None,
            looped: false,
            hold: Default::default(),
            passers_by: false,
        })
    }
}

impl Default for CameraSettings {
    fn default() -> Self {
        CameraSettings {
            index: None,
            name: None,
            width: 1280,
            height: 720,
            fps: 30,
            mirrored: true,
            source: CameraSource::Demo,
        }
    }
}

/// Where this desk's API token is: filled in on reading by the shell, never
/// stored with the settings (the token itself never reaches the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TokenHeld {
    /// In the OS keyring (Secret Service, Credential Manager, Keychain).
    Keyring,
    /// Given by `FRONTDESK_TOKEN`, which wins over the keyring.
    Environment,
    /// No token anywhere.
    #[default]
    None,
    /// This desk has no usable OS keyring (a Linux session without a Secret
    /// Service): a typed token cannot be kept, and `FRONTDESK_TOKEN` is the
    /// documented alternative.
    KeyringUnavailable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeskSettings {
    #[serde(default)]
    pub camera: CameraSettings,
    #[serde(default)]
    pub api_url: Option<String>,
    #[serde(default)]
    pub gym_id: Option<i64>,
    /// Filled in on reading: where the token is.
    #[serde(default)]
    pub token: TokenHeld,
    pub lang: Lang,
    #[serde(default = "yes")]
    pub sound: bool,
    /// The alert catalogue: per alert, allow, warn or block (`domain::alerts`).
    #[serde(default)]
    pub alerts: AlertPolicy,
    #[serde(default = "default_rescan")]
    pub rescan_window_secs: u32,
    /// "Already inside" span in minutes (0 = off): see `rules::already_inside`.
    #[serde(default)]
    pub already_inside_minutes: u32,
    /// Minutes without staff activity before a desk with staff profiles
    /// locks back to scanning only (0 = never): see `shift`.
    #[serde(default = "default_idle_lock")]
    pub idle_lock_minutes: u32,
}

/// The longest idle lock, in minutes (a shift).
pub const IDLE_LOCK_MAX_MINUTES: u32 = 480;

fn default_idle_lock() -> u32 {
    10
}

/// The idle lock setting alone (for each staff command, without the rest).
pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    #[derive(serde::Deserialize)]
    struct Only {
        #[serde(default = "default_idle_lock")]
        idle_lock_minutes: u32,
    }
    Ok(settings::get(conn, KEY)?
        .and_then(|json| serde_json::from_str::<Only>(&json).ok())
        .map_or_else(default_idle_lock, |o| o.idle_lock_minutes))
}

fn yes() -> bool {
    true
}

fn default_rescan() -> u32 {
    5
}

impl DeskSettings {
    pub fn defaults(lang: Lang) -> Self {
        DeskSettings {
            camera: CameraSettings::default(),
            api_url: None,
            gym_id: None,
            token: TokenHeld::None,
            lang,
            sound: true,
            alerts: AlertPolicy::default(),
            rescan_window_secs: default_rescan(),
            already_inside_minutes: 0,
            idle_lock_minutes: default_idle_lock(),
        }
    }

    /// Rejects values the desk cannot work with, with a message for staff.
    pub fn validate(&self) -> Result<()> {
        if let Some(url) = &self.api_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::Invalid(format!("the central API URL must start with http:// or https:// ({url})")));
            }
        }
        if !(1..=120).contains(&self.rescan_window_secs) {
            return Err(Error::Invalid("the re-scan window must be between 1 and 120 seconds".into()));
        }
        if self.already_inside_minutes > ALREADY_INSIDE_MAX_MINUTES {
            return Err(Error::Invalid(format!(
                "the \"already inside\" time must be between 0 (off) and {ALREADY_INSIDE_MAX_MINUTES} minutes"
            )));
        }
        if self.idle_lock_minutes > IDLE_LOCK_MAX_MINUTES {
            return Err(Error::Invalid(format!(
                "the idle lock must be between 0 (never) and {IDLE_LOCK_MAX_MINUTES} minutes"
            )));
        }
        self.alerts.validate().map_err(Error::Invalid)?;
        if self.camera.width < 160 || self.camera.height < 120 || !(1..=60).contains(&self.camera.fps) {
            return Err(Error::Invalid("unsupported camera resolution or frame rate".into()));
        }
        Ok(())
    }
}

/// The stored settings, or the defaults in `default_lang` on a new desk.
pub fn load(conn: &Connection, default_lang: Lang) -> Result<DeskSettings> {
    let mut s = match settings::get(conn, KEY)? {
        Some(json) => serde_json::from_str(&json).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "stored desk settings unreadable; using defaults");
            DeskSettings::defaults(default_lang)
        }),
        None => DeskSettings::defaults(default_lang),
    };
    s.lang = settings::lang(conn)?.unwrap_or(default_lang);
    s.alerts = settings::alert_policy(conn)?;
    s.already_inside_minutes = settings::already_inside_minutes(conn)?;
    Ok(s)
}

pub fn save(conn: &Connection, s: &DeskSettings) -> Result<()> {
    s.validate()?;
    let mut stored = s.clone();
    stored.token = TokenHeld::None;
    settings::set(conn, KEY, &serde_json::to_string(&stored).map_err(|e| Error::Db(e.to_string()))?)?;
    settings::set(
        conn,
        settings::LANG,
        match s.lang {
            Lang::Es => "es",
            Lang::En => "en",
        },
    )?;
    settings::set_alert_policy(conn, &s.alerts)?;
    settings::set(conn, settings::ALREADY_INSIDE_MINUTES, &s.already_inside_minutes.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::domain::alerts::AlertAction;

    #[test]
    fn settings_round_trip_and_feed_the_rules_policy() {
        let db = Db::open_in_memory().unwrap();
        let mut s = load(db.conn(), Lang::En).unwrap();
        assert_eq!(s, DeskSettings::defaults(Lang::En));
        s.alerts.actions.membership_inactive = AlertAction::Block;
        s.alerts.actions.birthday = AlertAction::Warn;
        s.alerts.stale_after_hours = 48;
        s.already_inside_minutes = 45;
        s.idle_lock_minutes = 3;
        s.lang = Lang::Es;
        s.api_url = Some("http://127.0.0.1:8787/api/v1".into());
        save(db.conn(), &s).unwrap();
        assert_eq!(load(db.conn(), Lang::En).unwrap(), s);
        let policy = settings::policy(db.conn()).unwrap();
        assert_eq!(policy.alerts, s.alerts);
        assert_eq!(policy.already_inside_minutes, 45);
        assert_eq!(idle_lock_minutes(db.conn()).unwrap(), 3);
    }

    #[test]
    fn the_idle_lock_is_ten_minutes_on_a_new_desk_and_at_most_a_shift() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(idle_lock_minutes(db.conn()).unwrap(), 10);
        let mut s = DeskSettings::defaults(Lang::En);
        s.idle_lock_minutes = 481;
        assert!(s.validate().unwrap_err().to_string().contains("idle lock"));
        s.idle_lock_minutes = 0;
        save(db.conn(), &s).unwrap();
        assert_eq!(idle_lock_minutes(db.conn()).unwrap(), 0);
    }

    #[test]
    fn a_desk_set_up_before_the_alert_catalogue_keeps_blocking_inactive_memberships() {
        let db = Db::open_in_memory().unwrap();
        settings::set(db.conn(), settings::BLOCK_INACTIVE, "true").unwrap();
        let s = load(db.conn(), Lang::Es).unwrap();
        assert_eq!(s.alerts, AlertPolicy::legacy(true));
        assert_eq!(settings::policy(db.conn()).unwrap().alerts.actions.membership_expired, AlertAction::Block);
        // An unreadable stored policy falls back the same way, and the desk keeps working.
        settings::set(db.conn(), settings::ALERT_POLICY, "{not json").unwrap();
        assert_eq!(settings::policy(db.conn()).unwrap().alerts, AlertPolicy::legacy(true));
    }

    #[test]
    fn bad_values_are_refused() {
        let mut s = DeskSettings::defaults(Lang::Es);
        s.api_url = Some("ftp://x".into());
        assert!(s.validate().is_err());
        s.api_url = None;
        s.rescan_window_secs = 0;
        assert!(s.validate().is_err());
        s.rescan_window_secs = 5;
        s.already_inside_minutes = 241;
        assert!(s.validate().is_err());
        s.already_inside_minutes = 240;
        assert!(s.validate().is_ok());
        s.alerts.stale_after_hours = 0;
        assert!(s.validate().is_err());
    }

    #[test]
    fn camera_settings_name_their_source() {
        use crate::scan::{CameraSelector, SourceSpec};
        let cam = |source, index, name: Option<&str>| CameraSettings {
            source,
            index,
            name: name.map(str::to_owned),
            ..CameraSettings::default()
        };
        let spec = |c: CameraSettings, demo| c.source_request(demo).unwrap().spec;
        assert_eq!(spec(cam(CameraSource::Demo, Some(1), None), false), SourceSpec::Demo);
        assert_eq!(
            spec(cam(CameraSource::Camera, Some(1), Some("Logi")), false),
            SourceSpec::Camera(CameraSelector::Index(1))
        );
        assert_eq!(
            spec(cam(CameraSource::Camera, None, Some("Logi")), false),
            SourceSpec::Camera(CameraSelector::Name("Logi".into()))
        );
        assert_eq!(spec(cam(CameraSource::Camera, None, Some("")), false), SourceSpec::Camera(CameraSelector::First));
        assert_eq!(spec(cam(CameraSource::Camera, Some(0), None), true), SourceSpec::Demo, "the demo switch wins");
        let big = CameraSettings { width: 1920, height: 1080, ..cam(CameraSource::Camera, None, None) };
        let r = big.source_request(false).unwrap();
        assert_eq!((r.width, r.height, r.fps), (1920, 1080, 30), "a webcam opens at the size asked");
        let r = big.source_request(true).unwrap();
        assert_eq!((r.width, r.height), (1280, 720), "the demo camera at 720p at most");
        assert_eq!(cam(CameraSource::None, Some(0), None).source_request(false), None, "scanner only");
        assert_eq!(cam(CameraSource::None, None, None).source_request(true).map(|r| r.spec), Some(SourceSpec::Demo));
    }
}
