//! The desk's log files: where they live, how long they are kept, and how to
//! read the recent ones back with secrets removed. The app writes them (see
//! src-tauri); this module has no logging machinery of its own so that the
//! core stays free of it. "Copy diagnostics" and `frontdesk diagnostics`
//! read them through [`recent_lines`], which passes every line through
//! [`redact`]: API tokens and member codes never leave the machine.

use std::fs;
use std::path::{Path, PathBuf};

pub const ENV_LOG_DIR: &str = "FRONTDESK_LOG_DIR";
/// Log files are named `frontdesk.YYYY-MM-DD.log`, one per day.
pub const FILE_PREFIX: &str = "frontdesk";
pub const FILE_SUFFIX: &str = "log";
/// Days of logs kept; older files are deleted as new days begin.
pub const KEEP_DAYS: usize = 14;

/// The OS log directory: `$XDG_STATE_HOME/frontdesk/logs` (usually
/// `~/.local/state/frontdesk/logs`) on Linux, `~/Library/Logs/Front Desk` on
/// macOS, `%LOCALAPPDATA%\FrontDesk\frontdesk\logs` on Windows.
pub fn default_log_dir() -> PathBuf {
    let dirs = directories::ProjectDirs::from("app", "FrontDesk", "frontdesk");
    if cfg!(target_os = "macos") {
        if let Some(home) = directories::BaseDirs::new() {
            return home.home_dir().join("Library/Logs/Front Desk");
        }
    }
    match &dirs {
        Some(d) => match d.state_dir() {
            Some(state) => state.join("logs"),
            None => d.data_local_dir().parent().unwrap_or(d.data_local_dir()).join("logs"),
        },
        None => PathBuf::from(".frontdesk/logs"),
    }
}

/// Where logs go: `FRONTDESK_LOG_DIR`; else, for a desk whose data directory
/// was chosen explicitly (tests, a second desk on one PC), `<data dir>/logs`;
/// else the OS log directory.
pub fn log_dir(explicit_data_dir: Option<&Path>) -> PathBuf {
    if let Some(d) = std::env::var_os(ENV_LOG_DIR).filter(|v| !v.is_empty()) {
        return PathBuf::from(d);
    }
    match explicit_data_dir {
        Some(d) => d.join("logs"),
        None => default_log_dir(),
    }
}

/// The log files in `dir`, oldest first (their names sort by date).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{FILE_PREFIX}.")) && n.ends_with(&format!(".{FILE_SUFFIX}")))
        })
        .collect();
    out.sort();
    out
}

/// The last `max` lines over the newest log files, redacted. Unreadable
/// bytes are replaced, never a reason to fail.
pub fn recent_lines(dir: &Path, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for file in files(dir).iter().rev() {
        let Ok(bytes) = fs::read(file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let mut these: Vec<String> = text.lines().rev().take(max - lines.len()).map(redact).collect();
        these.reverse();
        these.append(&mut lines);
        lines = these;
        if lines.len() >= max {
            break;
        }
    }
    lines
}

/// Removes what must not leave the desk: bearer tokens, `token=`/`"token":`
/// values, the user part of URLs, and member codes (`U123_secret` becomes
/// `U123_…`, keeping the member id, which staff need to help).
pub fn redact(line: &str) -> String {
    let mut s = redact_after(line, "Bearer ", |c| !c.is_whitespace() && c != '"' && c != '\'');
    for key in ["token=", "token\":\"", "token\": \"", "Token: ", "token: "] {
        s = redact_after(&s, key, |c| !c.is_whitespace() && c != '"' && c != '&' && c != ',');
    }
    s = redact_url_userinfo(&s);
    redact_member_codes(&s)
}

/// Replaces the run of `keep`-characters after each `marker` with `[redacted]`.
fn redact_after(s: &str, marker: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(marker) {
        let (head, tail) = rest.split_at(i + marker.len());
        out.push_str(head);
        let end = tail.char_indices().find(|&(_, c)| !keep(c)).map_or(tail.len(), |(j, _)| j);
        if end > 0 {
            out.push_str("[redacted]");
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// `http://user:pass@host` → `http://[redacted]@host`.
fn redact_url_userinfo(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let authority_end = tail.find(|c: char| c == '/' || c.is_whitespace() || c == '"').unwrap_or(tail.len());
        match tail[..authority_end].rfind('@') {
            Some(at) => {
                out.push_str("[redacted]");
                rest = &tail[at..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// `U1234_c0ffee` → `U1234_…`: the shape of a member code (see
/// `domain::member_code`), found anywhere in a line.
fn redact_member_codes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i] == b'U' && starts_word {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let us = i + 1 + digits;
            if digits > 0 && us < b.len() && b[us] == b'_' {
                let secret = b[us + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
                if secret > 0 {
                    out.push_str(&s[copied..=us]);
                    out.push('…');
                    i = us + 1 + secret;
                    copied = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_removed_and_the_rest_kept() {
        assert_eq!(
            redact("GET /members Authorization: Bearer abc.DEF-123 gym=1"),
            "GET /members Authorization: Bearer [redacted] gym=1"
        );
        assert_eq!(redact(r#"{"token":"s3cret","gym_id":1}"#), r#"{"token":"[redacted]","gym_id":1}"#);
        assert_eq!(redact("url http://desk:pw@10.0.0.2:8000/api ok"), "url http://[redacted]@10.0.0.2:8000/api ok");
        assert_eq!(redact("scan U1042_9f8e7d6c → ok; again U7_x"), "scan U1042_… → ok; again U7_…");
        assert_eq!(redact("XU12_ab stays, U_x stays, U12 stays"), "XU12_ab stays, U_x stays, U12 stays");
        assert_eq!(redact("plain line, ñandú"), "plain line, ñandú");
    }

    #[test]
    fn recent_lines_span_files_newest_last_and_are_redacted() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("frontdesk.2026-11-27.log"), "a1\na2 Bearer tok\n").unwrap();
        fs::write(dir.path().join("frontdesk.2026-11-28.log"), "b1\nb2 U5_secret\n").unwrap();
        fs::write(dir.path().join("other.txt"), "not a log\n").unwrap();
        assert_eq!(recent_lines(dir.path(), 3), ["a2 Bearer [redacted]", "b1", "b2 U5_…"]);
        assert_eq!(recent_lines(dir.path(), 10).len(), 4);
        assert!(recent_lines(&dir.path().join("missing"), 10).is_empty());
    }
}
