//! Where the reference central API's executable is, for every test, bench and
//! example that starts it. `frontdesk-central` is a package of its own
//! (central/), so `env!("CARGO_BIN_EXE_frontdesk-central")` exists only inside
//! that package and Cargo builds the binary only for that package's tests: the
//! others find it in their own profile directory, and fail loudly, naming the
//! build command, when it is not there. Shared through `#[path]` by
//! tests/support/central.rs (and so by the sync tests, the crash soak,
//! benches/pull_rounds.rs and central/tests/) and examples/sync_bench.rs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Overrides the lookup: the path of the `frontdesk-central` executable to run.
pub const CENTRAL_BIN_ENV: &str = "FRONTDESK_CENTRAL_BIN";

/// The `frontdesk-central` executable: `$FRONTDESK_CENTRAL_BIN` if set, else the
/// one in the running executable's profile directory (`target/<profile>/`, or
/// `target/<triple>/<profile>/` when cross-built), which is where the same
/// cargo profile put it. Panics with the command that builds it when it is
/// missing: a test that needs the server never passes without it.
pub fn central_bin() -> PathBuf {
    let bin = match std::env::var_os(CENTRAL_BIN_ENV) {
        Some(p) => {
            let p = PathBuf::from(p);
            assert!(p.is_file(), "{CENTRAL_BIN_ENV}={} is not a file", p.display());
            p
        }
        None => in_this_profile_dir(),
    };
    // Shown with a failing test's output, once per process: which build the test ran against.
    static SHOWN: std::sync::Once = std::sync::Once::new();
    SHOWN.call_once(|| eprintln!("frontdesk-central: {}", bin.display()));
    bin
}

/// `frontdesk-central` in the running executable's profile directory, or a panic naming its build.
fn in_this_profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of the running executable");
    let dir = profile_dir(&exe);
    let bin = dir.join(format!("frontdesk-central{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "the reference central API is not built: {} is missing.\n\
         Build it with the profile (and target) of this executable ({}), then run again:\n    {}\n\
         (scripts/test.sh does this; `cargo test --workspace` builds it too), \
         or set {CENTRAL_BIN_ENV} to its path.",
        bin.display(),
        exe.display(),
        build_command(&dir),
    );
    bin
}

/// The profile directory of an executable Cargo built: tests and benches are in
/// `<profile>/deps/`, examples in `<profile>/examples/`, binaries in `<profile>/`.
fn profile_dir(exe: &Path) -> PathBuf {
    let dir = exe.parent().expect("an executable lives in a directory");
    match dir.file_name().and_then(|n| n.to_str()) {
        Some("deps" | "examples") => dir.parent().unwrap_or(dir).to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// `cargo build -p frontdesk-central` with the profile and target that put
/// binaries into `profile_dir`.
fn build_command(profile_dir: &Path) -> String {
    let mut cmd = String::from("cargo build -p frontdesk-central");
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => {}
        Some("release") => cmd.push_str(" --release"),
        Some(other) => cmd.push_str(&format!(" --profile {other}")),
    }
    // Cargo tags the target directory itself; below it, a cross build adds the target triple.
    if let Some(parent) = profile_dir.parent() {
        if !parent.join("CACHEDIR.TAG").exists() {
            if let Some(triple) = parent.file_name().and_then(|n| n.to_str()) {
                cmd.push_str(&format!(" --target {triple}"));
            }
        }
    }
    cmd
}
