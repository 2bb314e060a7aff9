//! Where the sync connects: API base URL, gym id and token, from the command
//! line, then the environment, then `<data_dir>/config.json` (URL and gym id
//! only: the token is never read from or written to a file, and never appears
//! in logs or `Debug` output).

use super::error::SyncError;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

pub const ENV_API_URL: &str = "FRONTDESK_API_URL";
pub const ENV_GYM_ID: &str = "FRONTDESK_GYM_ID";
pub const ENV_TOKEN: &str = "FRONTDESK_TOKEN";
pub const CONFIG_FILE: &str = "config.json";

/// A bearer token. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(t: impl Into<String>) -> Token {
        Token(t.into())
    }
    /// The secret itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncConfig {
    /// Base URL including `/api/v1`, without a trailing slash.
    pub api_url: String,
    pub gym_id: i64,
    pub token: Token,
}

/// Values given on the command line (or by the app).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub api_url: Option<String>,
    pub gym_id: Option<i64>,
    pub token: Option<Token>,
}

#[derive(Deserialize, Default)]
struct FileConfig {
    api_url: Option<String>,
    gym_id: Option<i64>,
}

/// Resolves the configuration for the CLI: flags, then the environment,
/// then `config.json`. `env` is injected so tests need not touch the process
/// environment.
pub fn resolve(
    flags: Overrides,
    env: &dyn Fn(&str) -> Option<String>,
    data_dir: &Path,
) -> Result<SyncConfig, SyncError> {
    resolve_layers(flags, env, Overrides::default(), data_dir)
}

/// The one precedence rule, for the CLI and the app alike: `flags`, then the
/// environment (kiosk scripts, tests), then `stored` (the app's saved
/// settings and the keyring), then `config.json` (URL and gym id only). An
/// environment value that is set but wrong is an error naming the variable,
/// never silently skipped.
pub fn resolve_layers(
    flags: Overrides,
    env: &dyn Fn(&str) -> Option<String>,
    stored: Overrides,
    data_dir: &Path,
) -> Result<SyncConfig, SyncError> {
    let file = read_file(data_dir)?;
    let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let env_gym_id = match env(ENV_GYM_ID) {
        Some(raw) => Some(
            raw.trim()
                .parse::<i64>()
                .map_err(|_| SyncError::Config(format!("{ENV_GYM_ID} is not an integer (got {:?})", raw.trim())))?,
        ),
        None => None,
    };
    let api_url = flags
        .api_url
        .or_else(|| env(ENV_API_URL))
        .or(stored.api_url)
        .or(file.api_url)
        .ok_or_else(|| SyncError::Config(format!("no API URL: use --api-url, {ENV_API_URL} or {CONFIG_FILE}")))?;
    let gym_id = flags
        .gym_id
        .or(env_gym_id)
        .or(stored.gym_id)
        .or(file.gym_id)
        .ok_or_else(|| SyncError::Config(format!("no gym id: use --gym-id, {ENV_GYM_ID} or {CONFIG_FILE}")))?;
    let token = flags
        .token
        .or_else(|| env(ENV_TOKEN).map(Token::new))
        .or(stored.token)
        .ok_or_else(|| SyncError::Config(format!("no token: use --token or {ENV_TOKEN}")))?;
    let api_url = api_url.trim().trim_end_matches('/').to_owned();
    if !(api_url.starts_with("http://") || api_url.starts_with("https://")) {
        return Err(SyncError::Config(format!("API URL must start with http:// or https:// (got {api_url:?})")));
    }
    if gym_id <= 0 {
        return Err(SyncError::Config(format!("gym id must be positive (got {gym_id})")));
    }
    Ok(SyncConfig { api_url, gym_id, token })
}

fn read_file(data_dir: &Path) -> Result<FileConfig, SyncError> {
    let path = data_dir.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| SyncError::Config(format!("{}: {e}", path.display())))?;
            if v.get("token").is_some() {
                tracing::warn!(file = %path.display(), "ignoring a token in the config file: tokens are never read from files");
            }
            serde_json::from_value(v).map_err(|e| SyncError::Config(format!("{}: {e}", path.display())))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(SyncError::Config(format!("{}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_beats_stored_settings_and_a_bad_value_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let stored = Overrides {
            api_url: Some("http://127.0.0.1:1/api/v1".into()),
            gym_id: Some(3),
            token: Some(Token::new("stored-token")),
        };
        let env = |k: &str| match k {
            ENV_GYM_ID => Some("7".to_owned()),
            _ => None,
        };
        let c = resolve_layers(Overrides::default(), &env, stored.clone(), dir.path()).unwrap();
        assert_eq!((c.gym_id, c.token.expose()), (7, "stored-token"), "env wins, stored fills the rest");
        let bad = |k: &str| (k == ENV_GYM_ID).then(|| "siete".to_owned());
        let err = resolve_layers(Overrides::default(), &bad, stored, dir.path()).unwrap_err().to_string();
        assert!(err.contains(ENV_GYM_ID) && err.contains("siete"), "{err}");
    }

    #[test]
    fn flags_beat_env_beat_file_and_the_token_never_comes_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), r#"{"api_url":"http://file/api/v1","gym_id":3,"token":"leak"}"#)
            .unwrap();
        let env = |k: &str| match k {
            ENV_GYM_ID => Some("2".to_owned()),
            ENV_TOKEN => Some("env-token".to_owned()),
            _ => None,
        };
        let c = resolve(Overrides { api_url: None, gym_id: None, token: None }, &env, dir.path()).unwrap();
        assert_eq!(c.api_url, "http://file/api/v1", "the file supplies the URL when nothing else does");
        assert_eq!(c.gym_id, 2, "the environment beats the file");
        assert_eq!(c.token.expose(), "env-token");
        let c = resolve(Overrides { gym_id: Some(9), ..Default::default() }, &env, dir.path()).unwrap();
        assert_eq!(c.gym_id, 9, "the flag beats the environment");
        let no_env = |_: &str| None;
        let err = resolve(Overrides::default(), &no_env, dir.path()).unwrap_err();
        assert!(matches!(err, SyncError::Config(_)), "a token in the file is ignored, so there is none: {err}");
    }

    #[test]
    fn the_token_is_never_printed() {
        let c = SyncConfig { api_url: "http://x".into(), gym_id: 1, token: Token::new("s3cret") };
        assert!(!format!("{c:?}").contains("s3cret"));
        assert!(!format!("{}", c.token).contains("s3cret"));
    }
}
