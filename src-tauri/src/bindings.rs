//! The TypeScript side of the IPC contract, generated from the Rust types
//! that cross it (the core's verdicts, views, settings and error codes, and
//! the shell's status and event payloads), so the window and the app cannot
//! drift apart. The file is ui/src/generated/ipc.ts; a test fails when it is
//! not what these types produce, and writes it anew when asked:
//! `FRONTDESK_WRITE_BINDINGS=1 cargo test -p frontdesk-app bindings`.

use std::any::TypeId;
use ts_rs::{Config, Dependency, TS};

/// Where the generated file lives, from this crate's folder.
pub const OUTPUT: &str = "../ui/src/generated/ipc.ts";

const HEADER: &str = "\
// GENERATED from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// change the Rust type, then run `FRONTDESK_WRITE_BINDINGS=1 cargo test -p frontdesk-app bindings`.
// Field names are snake_case exactly as Rust sends them; times are RFC 3339 UTC strings.
";

/// One exported type: its declaration and what it refers to.
#[cfg_attr(not(test), allow(dead_code))]
struct Entry {
    id: TypeId,
    name: String,
    text: String,
    needs: Vec<Dependency>,
}

fn entry<T: TS + 'static + ?Sized>(cfg: &Config) -> Entry {
    let mut text = T::docs().unwrap_or_default();
    text.push_str("export ");
    text.push_str(&T::decl(cfg));
    Entry { id: TypeId::of::<T>(), name: T::ident(cfg), text, needs: T::dependencies(cfg) }
}

fn entries() -> Vec<Entry> {
    use frontdesk::{checkin, db, desk_settings, domain, views, ErrorCode};
    let cfg = Config::new().with_large_int("number");
    vec![
        // Codes the UI matches on.
        entry::<ErrorCode>(&cfg),
        entry::<domain::Outcome>(&cfg),
        entry::<domain::WarningCode>(&cfg),
        entry::<domain::AlertAction>(&cfg),
        entry::<domain::Lang>(&cfg),
        entry::<domain::Source>(&cfg),
        entry::<domain::SessionStatus>(&cfg),
        entry::<db::outbox::OutboxState>(&cfg),
        entry::<db::clock_check::ClockFlag>(&cfg),
        // Errors.
        entry::<crate::ipc::IpcError>(&cfg),
        // A check-in's verdict.
        entry::<checkin::VerdictWarning>(&cfg),
        entry::<checkin::VerdictSession>(&cfg),
        entry::<checkin::VerdictMember>(&cfg),
        entry::<checkin::Verdict>(&cfg),
        entry::<crate::camera::VerdictEvent>(&cfg),
        entry::<crate::camera::AlreadyRead>(&cfg),
        // The self check-in kiosk.
        entry::<frontdesk::kiosk::KioskVerdict>(&cfg),
        entry::<crate::camera::KioskVerdictEvent>(&cfg),
        entry::<frontdesk::kiosk::KioskRefusal>(&cfg),
        entry::<frontdesk::db::staff::StaffMember>(&cfg),
        entry::<frontdesk::db::staff::Role>(&cfg),
        entry::<frontdesk::shift::ShiftView>(&cfg),
        // The screens' reads.
        entry::<db::gym::Gym>(&cfg),
        entry::<crate::commands::AppStatus>(&cfg),
        entry::<views::SessionView>(&cfg),
        entry::<views::CheckInView>(&cfg),
        entry::<views::OutboxView>(&cfg),
        entry::<db::members::MembershipSummary>(&cfg),
        entry::<db::members::MemberSummary>(&cfg),
        entry::<db::desk_notes::DeskNote>(&cfg),
        // Sync.
        entry::<db::clock_check::ClockState>(&cfg),
        entry::<db::clock_check::ClockSummary>(&cfg),
        entry::<crate::sync_service::Progress>(&cfg),
        entry::<crate::sync_service::FollowUp>(&cfg),
        entry::<crate::sync_service::SyncStatusView>(&cfg),
        // Settings and the camera.
        entry::<desk_settings::CameraSource>(&cfg),
        entry::<desk_settings::CameraSettings>(&cfg),
        entry::<desk_settings::TokenHeld>(&cfg),
        entry::<domain::alerts::AlertActions>(&cfg),
        entry::<domain::alerts::AlertPolicy>(&cfg),
        entry::<desk_settings::DeskSettings>(&cfg),
        entry::<crate::camera::CameraInfo>(&cfg),
    ]
}

/// The whole generated file.
pub fn typescript() -> String {
    let mut out = String::from(HEADER);
    for e in entries() {
        out.push('\n');
        out.push_str(&e.text);
        out.push('\n');
    }
    out
}

/// Types referred to by an exported type but not exported themselves: the
/// generated file would not type-check.
#[cfg(test)]
fn missing() -> Vec<String> {
    use std::collections::HashSet;
    let list = entries();
    let have: HashSet<TypeId> = list.iter().map(|e| e.id).collect();
    let mut missing: Vec<String> = list
        .iter()
        .flat_map(|e| {
            e.needs.iter().filter(|d| !have.contains(&d.type_id)).map(|d| format!("{} (used by {})", d.ts_name, e.name))
        })
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn bindings_declare_every_type_they_use() {
        assert_eq!(missing(), Vec::<String>::new(), "add these to bindings::entries");
    }

    #[test]
    fn bindings_in_the_ui_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(OUTPUT);
        let want = typescript();
        if std::env::var_os("FRONTDESK_WRITE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
        assert!(
            have == want,
            "{} is not what the Rust types produce; run `FRONTDESK_WRITE_BINDINGS=1 cargo test -p frontdesk-app bindings` \
             and commit it",
            path.display()
        );
    }

    #[test]
    fn error_codes_reach_typescript_as_a_union() {
        let ts = typescript();
        let line = ts.lines().find(|l| l.starts_with("export type ErrorCode =")).expect("ErrorCode exported");
        for code in frontdesk::ErrorCode::ALL {
            assert!(line.contains(&format!("\"{}\"", code.as_str())), "{code} missing from {line}");
        }
    }
}
