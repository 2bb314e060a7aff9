//! Starting a child process in a test, retried when the operating system fails
//! to start it at all. Under Wine, `CreateProcess` now and then fails with
//! ERROR_INTERNAL_ERROR (1359) while the machine is loaded (seen in CI, in the
//! crash soak); the program never ran, so nothing about the code under test was
//! observed, and starting it again is the honest answer. A program that is
//! missing fails every try, and the test still fails, naming the last error.
#![allow(dead_code)]

use std::io;
use std::process::{Child, Command, Output};
use std::time::Duration;

const TRIES: u32 = 5;

/// `f` until it returns Ok, at most `TRIES` times, 200 ms apart, then the last error.
pub fn retry_start<T>(mut f: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    let mut last = None;
    for n in 0..TRIES {
        match f() {
            Ok(v) => return Ok(v),
            Err(e) => {
                eprintln!("spawn_retry: try {} of {TRIES} could not start the process: {e}", n + 1);
                last = Some(e);
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }
    Err(last.expect("at least one try"))
}

/// `cmd.output()`, retried only when the process could not be started.
pub fn output(cmd: &mut Command) -> io::Result<Output> {
    retry_start(|| cmd.output())
}

/// `cmd.spawn()`, retried only when the process could not be started.
pub fn spawn(cmd: &mut Command) -> io::Result<Child> {
    retry_start(|| cmd.spawn())
}
