//! Test helper for the sync tests: a gym built around the real clock, the
//! reference central API (`frontdesk-central`) as a child process on an
//! ephemeral loopback port, a tiny HTTP client for its admin routes, and the
//! `frontdesk` CLI run against a replica in a temp directory. Also included by
//! central/tests/ (the server's own tests, in the frontdesk-central package,
//! which never run the CLI).
#![allow(dead_code)]

#[path = "central_bin.rs"]
mod central_bin;
pub use central_bin::central_bin;
#[path = "spawn_retry.rs"]
pub mod spawn_retry;

use chrono::{DateTime, Duration, Utc};
use frontdesk::checkin::{self, CheckInRequest, Input};
use frontdesk::clock::FixedClock;
use frontdesk::db::gym::Gym;
use frontdesk::db::Db;
use frontdesk::domain::{Lang, ParticipationStatus, SessionStatus, Source};
use frontdesk::snapshot::{ApiClassInfo, ApiMember, ApiParticipation, ApiSession, ApiSessionWithClass, Snapshot};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const TOKEN: &str = "test-token";
/// Session ids in [`gym`]: NOW starts 10 min ago, PAST 3 h ago, CANCELLED in 5 min.
pub const NOW: i64 = 1;
pub const PAST: i64 = 2;
pub const CANCELLED: i64 = 3;

pub fn code(id: i64) -> String {
    format!("U{id}_c0de{id}")
}

/// Gym `gym_id` with `members` members (ids `gym_id*10000 + 1..`), sessions
/// around `now`, and registrations: the first member is registered for NOW,
/// the second for PAST.
pub fn gym(gym_id: i64, members: usize, now: DateTime<Utc>) -> Snapshot {
    let base = gym_id * 10_000;
    let members = (1..=members as i64)
        .map(|i| ApiMember {
            id: base + i,
            email: Some(format!("m{}@example.com", base + i)),
            first_name: Some(format!("Name{:05}", (i * 7919) % 100_000)),
            last_name: Some(format!("Gym{gym_id}")),
            picture: None,
            phone_number: None,
            is_active: true,
            gym_role: "MEMBER".into(),
            qr_code: Some(code(base + i)),
            color: None,
            birth_date: None,
            created_at: None,
            membership: None,
        })
        .collect();
    let session = |id: i64, start: DateTime<Utc>, status| ApiSessionWithClass {
        session: ApiSession {
            id: gym_id * 100 + id,
            class_id: Some(id),
            trainer_id: None,
            gym_id,
            start_time: start,
            end_time: start + Duration::minutes(60),
            room: None,
            status,
            current_participants: 0,
            override_capacity: None,
        },
        class_info: Some(ApiClassInfo {
            id,
            name: format!("Class {id}"),
            duration: Some(60),
            max_capacity: Some(10_000),
        }),
    };
    let reg = |id: i64, s: i64, m: i64| ApiParticipation {
        id: gym_id * 100_000 + id,
        session_id: gym_id * 100 + s,
        member_id: base + m,
        gym_id,
        status: ParticipationStatus::Registered,
        registration_time: Some(now - Duration::days(1)),
        attendance_time: None,
        cancellation_time: None,
        cancellation_reason: None,
    };
    Snapshot {
        gym: Gym { id: gym_id, name: format!("Gym {gym_id}"), timezone: "UTC".into() },
        members,
        sessions: vec![
            session(NOW, now - Duration::minutes(10), SessionStatus::Scheduled),
            session(PAST, now - Duration::hours(3), SessionStatus::Completed),
            session(CANCELLED, now + Duration::minutes(5), SessionStatus::Cancelled),
        ],
        participations: vec![reg(1, NOW, 1), reg(2, PAST, 2)],
    }
}

pub fn sid(gym_id: i64, s: i64) -> i64 {
    gym_id * 100 + s
}

pub fn write_snapshot(dir: &Path, name: &str, s: &Snapshot) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, s.to_json()).unwrap();
    p
}

/// A desk check-in straight through the library, on the replica file.
pub fn check_in(data_dir: &Path, member_id: i64, session_id: i64, at: DateTime<Utc>) -> String {
    let mut db = Db::open_in_dir(data_dir).unwrap();
    let req = CheckInRequest {
        input: Input::Code(code(member_id)),
        session_id: Some(session_id),
        at: Some(at),
        method: Source::Scanner,
        override_reason: None,
        who: Default::default(),
    };
    let v = checkin::check_in(&mut db, &FixedClock::new(at), &req, Lang::En).unwrap();
    assert!(v.success, "the desk accepts member {member_id} in session {session_id}: {:?}", v.code);
    v.event_id.unwrap()
}

pub struct Central {
    child: Option<Child>,
    pub addr: String,
    args: Vec<String>,
}

impl Central {
    pub fn start(snapshots: &[&Path], extra: &[&str]) -> Central {
        let mut args = vec!["serve".to_owned()];
        for s in snapshots {
            args.push("--snapshot".into());
            args.push(s.display().to_string());
        }
        args.extend(["--token".to_owned(), TOKEN.to_owned()]);
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut c = Central { child: None, addr: "127.0.0.1:0".into(), args };
        c.spawn();
        c
    }

    fn spawn(&mut self) {
        let bin = central_bin();
        let mut cmd = Command::new(&bin);
        cmd.args(&self.args).args(["--addr", &self.addr]).stdout(Stdio::piped());
        let mut child =
            spawn_retry::spawn(&mut cmd).unwrap_or_else(|e| panic!("{} does not start: {e}", bin.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        self.addr = line.trim().strip_prefix("listening on ").expect("first line names the address").to_owned();
        self.child = Some(child);
    }

    pub fn api_url(&self) -> String {
        format!("http://{}/api/v1", self.addr)
    }

    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts again on the same port, from the same snapshots.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        let status = raw.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
        (status, body)
    }

    pub fn api(&self, method: &str, path: &str, gym: Option<&str>, body: &str) -> (u16, serde_json::Value) {
        let auth = format!("Bearer {TOKEN}");
        let mut h = vec![("Authorization", auth.as_str()), ("Content-Type", "application/json")];
        if let Some(g) = gym {
            h.push(("X-Gym-ID", g));
        }
        let (s, b) = self.request(method, &format!("/api/v1{path}"), &h, body);
        (s, serde_json::from_str(&b).unwrap_or(serde_json::Value::String(b)))
    }

    fn admin(&self, method: &str, path: &str, body: &str) -> String {
        let auth = format!("Bearer {TOKEN}");
        let (s, b) = self.request(method, path, &[("Authorization", &auth)], body);
        assert!(s < 300, "{method} {path}: {s} {b}");
        b
    }

    /// Every attendance the server wrote: gym_id, session_id, member_id, times_recorded, attendance_time, via.
    pub fn check_ins(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.admin("GET", "/admin/check-ins", "")).unwrap()
    }

    pub fn stats(&self) -> serde_json::Value {
        serde_json::from_str(&self.admin("GET", "/admin/stats", "")).unwrap()
    }

    pub fn set_faults(&self, spec: &str) {
        self.admin("POST", "/admin/faults", spec);
    }

    /// Sets the server's clock to the wall clock plus `secs` (its `Date` header follows).
    pub fn set_clock_offset(&self, secs: i64) {
        let auth = format!("Bearer {TOKEN}");
        let h = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
        let (s, b) = self.request("POST", "/admin/clock", &h, &format!(r#"{{"offset_secs": {secs}}}"#));
        assert!(s < 300, "POST /admin/clock: {s} {b}");
    }
}

impl Drop for Central {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs `frontdesk --data-dir DIR ARGS...` with the test token in the environment.
pub fn frontdesk(data_dir: &Path, args: &[&str]) -> Output {
    // Cargo names the CLI only to the frontdesk package's tests; central/tests/ compiles this
    // file too, without it.
    let Some(cli) = option_env!("CARGO_BIN_EXE_frontdesk") else {
        panic!("the frontdesk CLI runs in the frontdesk package's tests only");
    };
    let mut cmd = Command::new(cli);
    cmd.arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("FRONTDESK_TOKEN", TOKEN)
        .env_remove("FRONTDESK_API_URL")
        .env_remove("FRONTDESK_GYM_ID");
    spawn_retry::output(&mut cmd).expect("frontdesk runs")
}

/// `frontdesk sync --once` against `central` for `gym_id`, plus `extra` flags.
pub fn sync_once(data_dir: &Path, central: &Central, gym_id: i64, extra: &[&str]) -> Output {
    let url = central.api_url();
    let gym = gym_id.to_string();
    let mut args = vec!["sync", "--once", "--api-url", &url, "--gym-id", &gym];
    args.extend_from_slice(extra);
    frontdesk(data_dir, &args)
}

pub fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn outbox(data_dir: &Path) -> Vec<serde_json::Value> {
    let o = frontdesk(data_dir, &["outbox", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Server records by member id.
pub fn records_by_member(c: &Central) -> std::collections::HashMap<i64, serde_json::Value> {
    c.check_ins().into_iter().map(|r| (r["member_id"].as_i64().unwrap(), r)).collect()
}
