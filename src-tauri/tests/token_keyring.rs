//! The API token survives a restart of the desk on Linux. It used to go to the
//! kernel keyring, which a reboot empties: a restarted desk said "sync not
//! configured: no token" while Settings said a token was stored. Now it goes
//! to the Secret Service, which keeps it in its own files on disk.
//!
//! This test runs a real Secret Service (GNOME Keyring, on a private D-Bus
//! bus, with its files in a temporary folder), so it never touches this
//! machine's own keyring. `scripts/install-deps.sh` installs both daemons; a
//! machine without them fails here rather than skipping.
#![cfg(target_os = "linux")]

use frontdesk::desk_settings::TokenHeld;
use frontdesk::ErrorCode;
use frontdesk_app::token_store::{self, Kept};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A D-Bus session bus and GNOME Keyring's Secret Service on it, unlocked
/// with a known password, keeping its keyrings under `data`.
struct SecretService {
    bus: Child,
    keyring: Child,
}

impl SecretService {
    /// A bus with no Secret Service on it (and no service activation, so
    /// none is started behind the test's back).
    fn bare_bus(run: &Path) -> (Child, String) {
        std::fs::create_dir_all(run).unwrap();
        let socket = run.join("bus");
        let _ = std::fs::remove_file(&socket);
        let config = run.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                socket.display()
            ),
        )
        .unwrap();
        let bus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--nopidfile"])
            .stdout(Stdio::null())
            // (As root it warns that it cannot raise its fd limit.)
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian package dbus-daemon; scripts/install-deps.sh installs it)");
        wait_for("the D-Bus socket", || socket.exists());
        (bus, format!("unix:path={}", socket.display()))
    }

    fn start(run: &Path, data: &Path) -> Self {
        let (bus, address) = Self::bare_bus(run);
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
        std::fs::create_dir_all(data).unwrap();
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("XDG_DATA_HOME", data)
            .env("XDG_RUNTIME_DIR", run)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (Debian package gnome-keyring; scripts/install-deps.sh installs it)");
        // The login keyring's password, then end of input: it unlocks (or creates) it.
        keyring.stdin.take().unwrap().write_all(b"front-desk-test").unwrap();
        wait_for("the Secret Service on the bus", || {
            Command::new("dbus-send")
                .args([
                    &format!("--bus={address}"),
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
        });
        SecretService { bus, keyring }
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn dirs(root: &Path, name: &str) -> (PathBuf, PathBuf) {
    (root.join(name).join("run"), root.join(name).join("data"))
}

// One test function: it sets the process's D-Bus address as it goes.
#[test]
fn the_token_is_kept_by_the_secret_service_across_a_restart() {
    std::env::remove_var("FRONTDESK_TOKEN");
    let root = tempfile::tempdir().unwrap();
    let (run, data) = dirs(root.path(), "desk");

    // First start: nothing stored yet; staff save a token.
    let service = SecretService::start(&run, &data);
    assert_eq!(token_store::read(), Kept::Nothing);
    assert_eq!(token_store::held(), TokenHeld::None);
    token_store::store("gym-token-1").expect("stored");
    assert_eq!(token_store::read(), Kept::Token("gym-token-1".into()));
    assert_eq!(token_store::held(), TokenHeld::Keyring);
    assert!(token_store::describe().contains("stored in the OS keyring"));
    drop(service);

    // The desk PC restarts: a new bus and a new keyring daemon on the same
    // files. The token is still there.
    let service = SecretService::start(&run, &data);
    assert_eq!(token_store::read(), Kept::Token("gym-token-1".into()));
    assert_eq!(token_store::load().as_deref(), Some("gym-token-1"));
    drop(service);

    // The same restart with the Secret Service's files gone finds nothing:
    // the token lived in those files, not in memory that outlives them (the
    // kernel keyring would still answer here).
    let (other_run, other_data) = dirs(root.path(), "empty");
    let service = SecretService::start(&other_run, &other_data);
    assert_eq!(token_store::read(), Kept::Nothing);
    drop(service);

    // Replacing and clearing work across restarts too.
    let service = SecretService::start(&run, &data);
    token_store::store("gym-token-2").expect("replaced");
    drop(service);
    let service = SecretService::start(&run, &data);
    assert_eq!(token_store::load().as_deref(), Some("gym-token-2"));
    token_store::store("").expect("cleared");
    assert_eq!(token_store::read(), Kept::Nothing);
    token_store::store("gym-token-3").expect("stored again");
    drop(service);

    // A session bus with no Secret Service on it: nothing is claimed stored.
    let (bare_run, _) = dirs(root.path(), "bare");
    let (mut bus, address) = SecretService::bare_bus(&bare_run);
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
    assert!(matches!(token_store::read(), Kept::Unavailable(_)), "{:?}", token_store::read());
    assert_eq!(token_store::held(), TokenHeld::KeyringUnavailable);
    let err = token_store::store("gym-token-4").expect_err("no keyring to keep it");
    assert_eq!(err.code, ErrorCode::KeyringUnavailable);
    assert!(err.message.contains("FRONTDESK_TOKEN"), "{}", err.message);
    assert!(token_store::describe().contains("OS keyring unavailable"), "{}", token_store::describe());
    // FRONTDESK_TOKEN is the alternative, and Settings says where the token is.
    std::env::set_var("FRONTDESK_TOKEN", "from-the-environment");
    assert_eq!(token_store::held(), TokenHeld::Environment);
    assert!(token_store::describe().starts_with("from FRONTDESK_TOKEN"));
    std::env::remove_var("FRONTDESK_TOKEN");
    let _ = bus.kill();
    let _ = bus.wait();

    // No session bus at all (a desk started outside a desktop session).
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", root.path().join("no-bus").display()));
    assert!(matches!(token_store::read(), Kept::Unavailable(_)));
    assert_eq!(token_store::store("gym-token-5").map_err(|e| e.code), Err(ErrorCode::KeyringUnavailable));

    // And the token stored before all that is still on disk.
    let _service = SecretService::start(&run, &data);
    assert_eq!(token_store::load().as_deref(), Some("gym-token-3"));
}
