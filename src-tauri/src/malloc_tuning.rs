//! Why this exists: on Linux, glibc's malloc keeps what a thread freed in
//! that thread's arena, and after the first large block is freed it raises
//! its "map this block on its own" threshold up to 32 MB. The camera
//! threads allocate and free frame-sized buffers (0.3-2.7 MB) thirty times
//! a second, so freed frames stayed in the arenas: resident, never given
//! back. A fixed threshold maps every block of 128 KB or more on its own
//! and unmaps it when freed, and a lower trim threshold hands the top of
//! the main heap back sooner. The WebKit processes get the same settings
//! through their environment (glibc reads `MALLOC_MMAP_THRESHOLD_` and
//! `MALLOC_TRIM_THRESHOLD_` when they start). Measured with members at the
//! demo camera: about 18 MB less over the app and its web process
//! (docs/PERFORMANCE.md, issue 16).

/// Blocks this large or larger are mapped on their own and unmapped when freed.
pub const MMAP_THRESHOLD: i32 = 128 * 1024;
/// The main heap's free top is handed back once it passes this.
pub const TRIM_THRESHOLD: i32 = 256 * 1024;

const ENV: [(&str, i32); 2] = [("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD), ("MALLOC_TRIM_THRESHOLD_", TRIM_THRESHOLD)];

/// Applies the settings to this process and, through the environment, to
/// the processes it starts, unless the environment already set them. Call
/// first thing in `main`, before any thread starts. Returns whether this
/// process's settings were changed here.
pub fn apply() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        if ENV.iter().any(|(name, _)| std::env::var_os(name).is_some()) {
            return false; // someone chose: glibc read their values at start
        }
        for (name, value) in ENV {
            std::env::set_var(name, value.to_string());
        }
        // SAFETY: mallopt only changes glibc's tuning parameters; called
        // before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
        }
        true
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        let _ = ENV;
        false
    }
}
