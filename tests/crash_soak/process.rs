//! A child process whose output is read line by line while it runs, so a
//! scenario can kill it right after its n-th verdict.

use super::*;

pub(crate) enum Out {
    Line(String),
    /// Bytes after the last newline when the pipe closed (the child died mid-write).
    Partial(String),
}

pub(crate) struct Watched {
    pub(crate) child: Child,
    pub(crate) stdout: Receiver<Out>,
    pub(crate) stderr: Receiver<String>,
    pub(crate) readers: Vec<JoinHandle<()>>,
    pub(crate) seen_out: Vec<Out>,
    pub(crate) seen_err: Vec<String>,
}

pub(crate) struct Finished {
    /// The process died of our SIGKILL (not of its own accord before it).
    pub(crate) killed: bool,
    pub(crate) status: ExitStatus,
    pub(crate) lines: Vec<String>,
    pub(crate) partial: Option<String>,
    pub(crate) stderr: String,
}

impl Watched {
    pub(crate) fn spawn(data: &Path, args: &[&str]) -> Watched {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.arg("--data-dir")
            .arg(data)
            .args(args)
            .env("FRONTDESK_TOKEN", TOKEN)
            .env("FRONTDESK_LANG", "en")
            .env_remove("FRONTDESK_API_URL")
            .env_remove("FRONTDESK_GYM_ID")
            .env_remove("FRONTDESK_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = spawn_retry::spawn(&mut cmd).expect("frontdesk starts");
        let (otx, stdout) = mpsc::channel();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let r1 = std::thread::spawn(move || loop {
            let mut buf = Vec::new();
            match out.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) if buf.ends_with(b"\n") => {
                    buf.pop();
                    let _ = otx.send(Out::Line(String::from_utf8_lossy(&buf).into_owned()));
                }
                Ok(_) => {
                    let _ = otx.send(Out::Partial(String::from_utf8_lossy(&buf).into_owned()));
                    break;
                }
            }
        });
        let (etx, stderr) = mpsc::channel();
        let err = BufReader::new(child.stderr.take().unwrap());
        let r2 = std::thread::spawn(move || {
            for l in err.lines() {
                let Ok(l) = l else { break };
                if etx.send(l).is_err() {
                    break;
                }
            }
        });
        Watched { child, stdout, stderr, readers: vec![r1, r2], seen_out: vec![], seen_err: vec![] }
    }

    /// The next complete stdout line; None once the child has closed stdout.
    pub(crate) fn next_line(&mut self) -> Option<()> {
        match self.stdout.recv_timeout(LINE_TIMEOUT) {
            Ok(o) => {
                let full = matches!(o, Out::Line(_));
                self.seen_out.push(o);
                full.then_some(())
            }
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => panic!("no output from the child in {LINE_TIMEOUT:?}"),
        }
    }

    /// Waits until a stderr line contains `needle`; false if stderr closed first.
    pub(crate) fn wait_stderr(&mut self, needle: &str) -> bool {
        loop {
            match self.stderr.recv_timeout(LINE_TIMEOUT) {
                Ok(l) => {
                    let hit = l.contains(needle);
                    self.seen_err.push(l);
                    if hit {
                        return true;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return false,
                Err(RecvTimeoutError::Timeout) => panic!("no stderr line with {needle:?} in {LINE_TIMEOUT:?}"),
            }
        }
    }

    pub(crate) fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// SIGKILL (TerminateProcess on Windows) unless it already exited, then
    /// collect everything it wrote.
    pub(crate) fn kill(mut self) -> Finished {
        if self.running() {
            hard_kill(&mut self.child);
        }
        self.collect()
    }

    /// Lets it run to its end.
    pub(crate) fn finish(self) -> Finished {
        self.collect()
    }

    pub(crate) fn collect(mut self) -> Finished {
        let status = self.child.wait().unwrap();
        for r in self.readers.drain(..) {
            r.join().unwrap();
        }
        self.seen_out.extend(self.stdout.try_iter());
        self.seen_err.extend(self.stderr.try_iter());
        let mut lines = Vec::new();
        let mut partial = None;
        for o in self.seen_out {
            match o {
                Out::Line(l) => lines.push(l),
                Out::Partial(p) => partial = Some(p),
            }
        }
        Finished { killed: died_of_our_kill(&status), status, lines, partial, stderr: self.seen_err.join("\n") }
    }
}

/// The exit status a child killed by [`hard_kill`] shows on Windows, where
/// the killer chooses it: one that no run of `frontdesk` exits with (its
/// statuses are 0, 1 and 2), so a kill is told apart from a normal end.
#[cfg(windows)]
const KILLED_STATUS: u32 = 0xDEAD;

/// Ends the child at once, with no chance to clean up: SIGKILL on Unix.
#[cfg(unix)]
fn hard_kill(child: &mut Child) {
    let _ = child.kill();
}

/// Ends the child at once, with no chance to clean up: TerminateProcess,
/// which is what `Child::kill` does too, but with [`KILLED_STATUS`] as the
/// exit status instead of 1, which a refused check-in also exits with.
#[cfg(windows)]
fn hard_kill(child: &mut Child) {
    use std::os::windows::io::AsRawHandle;
    extern "system" {
        fn TerminateProcess(process: *mut std::ffi::c_void, exit_code: u32) -> i32;
    }
    // SAFETY: the handle belongs to `child`, which is alive for the call.
    unsafe {
        TerminateProcess(child.as_raw_handle(), KILLED_STATUS);
    }
}

/// Whether the child died of [`hard_kill`] rather than ending by itself.
fn died_of_our_kill(status: &ExitStatus) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal() == Some(9)
    }
    #[cfg(windows)]
    {
        status.code() == Some(KILLED_STATUS as i32)
    }
}
