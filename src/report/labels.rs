//! Every word a report shows, in Spanish and English, in one place so the
//! three formats use the same headings, and the translation of the warning
//! codes stored in outbox payloads.

use super::day::SyncState;
use crate::domain::{Lang, SessionStatus, Source};

/// Headings and fixed texts of a report in one language.
pub struct Labels {
    pub title: &'static str,
    /// The start of an exported report's suggested file name.
    pub file_stem: &'static str,
    /// The title of the save dialog of an export.
    pub save_title: &'static str,
    pub gym: &'static str,
    pub date: &'static str,
    pub timezone: &'static str,
    pub generated: &'static str,
    pub day_hours: &'static str,
    pub sessions: &'static str,
    pub check_ins: &'static str,
    pub totals: &'static str,
    pub summary: &'static str,
    pub no_sessions: &'static str,
    pub no_check_ins: &'static str,
    /// What the pending column means, under the print view's sessions table.
    pub pending_note: &'static str,
    // Session columns.
    pub class: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub offset: &'static str,
    pub room: &'static str,
    pub capacity: &'static str,
    pub status: &'static str,
    pub registered: &'static str,
    pub attended: &'static str,
    pub no_shows: &'static str,
    pub pending: &'static str,
    pub walk_ins: &'static str,
    // Check-in columns.
    pub time: &'static str,
    pub member: &'static str,
    pub member_id: &'static str,
    pub session: &'static str,
    pub method: &'static str,
    pub override_reason: &'static str,
    pub warnings: &'static str,
    pub sync: &'static str,
    pub staff: &'static str,
    // Totals.
    pub item: &'static str,
    pub value: &'static str,
    pub cancelled_sessions: &'static str,
    pub with_warnings: &'static str,
    pub unsynced: &'static str,
    pub queued: &'static str,
    pub parked: &'static str,
    pub all_synced: &'static str,
    // Desk notes.
    pub notes: &'static str,
    pub note: &'static str,
    pub written: &'static str,
    pub written_by: &'static str,
    pub cleared: &'static str,
    pub cleared_by: &'static str,
    /// Under the notes table: where notes live.
    pub notes_local: &'static str,
}

const ES: Labels = Labels {
    title: "Informe de asistencia",
    file_stem: "asistencia",
    save_title: "Guardar el informe de asistencia",
    gym: "Gimnasio",
    date: "Fecha",
    timezone: "Zona horaria",
    generated: "Generado",
    day_hours: "Horas del día",
    sessions: "Sesiones",
    check_ins: "Check-ins",
    totals: "Totales",
    summary: "Resumen",
    no_sessions: "No hay sesiones este día.",
    no_check_ins: "No hay check-ins este día.",
    pending_note: "Pendientes: reservas sin check-in de clases que aún no han terminado (todavía no cuentan como «no asistieron»).",
    class: "Clase",
    start: "Inicio",
    end: "Fin",
    offset: "Desfase UTC",
    room: "Sala",
    capacity: "Capacidad",
    status: "Estado",
    registered: "Inscritos",
    attended: "Asistieron",
    no_shows: "No asistieron",
    pending: "Pendientes",
    walk_ins: "Sin reserva",
    time: "Hora",
    member: "Miembro",
    member_id: "ID miembro",
    session: "Sesión",
    method: "Método",
    override_reason: "Motivo de la autorización",
    warnings: "Avisos",
    sync: "Sincronización",
    staff: "Personal",
    item: "Concepto",
    value: "Valor",
    cancelled_sessions: "Sesiones canceladas",
    with_warnings: "Check-ins con avisos",
    unsynced: "Sin sincronizar",
    queued: "En cola",
    parked: "Retenidos",
    all_synced: "Todos los check-ins están sincronizados.",
    notes: "Notas de recepción",
    note: "Nota",
    written: "Escrita",
    written_by: "Escrita por",
    cleared: "Borrada",
    cleared_by: "Borrada por",
    notes_local: "Las notas se quedan en esta recepción: GymAPI no tiene dónde guardarlas.",
};

const EN: Labels = Labels {
    title: "Attendance report",
    file_stem: "attendance",
    save_title: "Save the attendance report",
    gym: "Gym",
    date: "Date",
    timezone: "Time zone",
    generated: "Generated",
    day_hours: "Hours in the day",
    sessions: "Sessions",
    check_ins: "Check-ins",
    totals: "Totals",
    summary: "Summary",
    no_sessions: "No sessions on this day.",
    no_check_ins: "No check-ins on this day.",
    pending_note: "Pending: bookings not checked in for classes that have not ended yet (not counted as no-shows yet).",
    class: "Class",
    start: "Start",
    end: "End",
    offset: "UTC offset",
    room: "Room",
    capacity: "Capacity",
    status: "Status",
    registered: "Registered",
    attended: "Attended",
    no_shows: "No-shows",
    pending: "Pending",
    walk_ins: "Walk-ins",
    time: "Time",
    member: "Member",
    member_id: "Member ID",
    session: "Session",
    method: "Method",
    override_reason: "Override reason",
    warnings: "Warnings",
    sync: "Sync",
    staff: "Staff",
    item: "Item",
    value: "Value",
    cancelled_sessions: "Cancelled sessions",
    with_warnings: "Check-ins with warnings",
    unsynced: "Not synced",
    queued: "Queued",
    parked: "Parked",
    all_synced: "Every check-in is synced.",
    notes: "Desk notes",
    note: "Note",
    written: "Written",
    written_by: "Written by",
    cleared: "Cleared",
    cleared_by: "Cleared by",
    notes_local: "Notes stay on this desk: GymAPI has nowhere to keep them.",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// The banner at the top of every format when the central API lacks some check-ins.
pub fn unsynced_banner(lang: Lang, queued: i64, parked: i64) -> String {
    match lang {
        Lang::Es => format!(
            "ATENCIÓN: check-ins de este día sin sincronizar con el servidor: {} ({queued} en cola, {parked} retenidos).",
            queued + parked
        ),
        Lang::En => format!(
            "WARNING: check-ins of this day not yet synced with the server: {} ({queued} queued, {parked} parked).",
            queued + parked
        ),
    }
}

pub fn method(lang: Lang, m: Source) -> &'static str {
    match (m, lang) {
        (Source::Server, Lang::Es) => "Servidor / otro mostrador",
        (Source::Server, Lang::En) => "Server / other desk",
        (Source::Camera, Lang::Es) => "Cámara",
        (Source::Camera, Lang::En) => "Camera",
        (Source::Scanner, Lang::Es) => "Lector",
        (Source::Scanner, Lang::En) => "Scanner",
        (Source::Manual, Lang::Es) => "Manual",
        (Source::Manual, Lang::En) => "Manual",
        (Source::Override, Lang::Es) => "Autorización del personal",
        (Source::Override, Lang::En) => "Staff override",
    }
}

pub fn sync(lang: Lang, s: SyncState) -> &'static str {
    match (s, lang) {
        (SyncState::Synced, Lang::Es) => "Sincronizado",
        (SyncState::Synced, Lang::En) => "Synced",
        (SyncState::Queued, Lang::Es) => "En cola",
        (SyncState::Queued, Lang::En) => "Queued",
        (SyncState::Parked, Lang::Es) => "Retenido",
        (SyncState::Parked, Lang::En) => "Parked",
        (SyncState::Demo, Lang::Es) => "Demostración (no se envía)",
        (SyncState::Demo, Lang::En) => "Demo (never sent)",
    }
}

pub fn session_status(lang: Lang, s: SessionStatus) -> &'static str {
    match (s, lang) {
        (SessionStatus::Scheduled, Lang::Es) => "Programada",
        (SessionStatus::Scheduled, Lang::En) => "Scheduled",
        (SessionStatus::InProgress, Lang::Es) => "En curso",
        (SessionStatus::InProgress, Lang::En) => "In progress",
        (SessionStatus::Completed, Lang::Es) => "Completada",
        (SessionStatus::Completed, Lang::En) => "Completed",
        (SessionStatus::Cancelled, Lang::Es) => "CANCELADA",
        (SessionStatus::Cancelled, Lang::En) => "CANCELLED",
    }
}

/// A warning code from an outbox payload, as staff read it. The payload keeps
/// only the code, so the texts are the short forms of `domain::Warning`'s.
pub fn warning(lang: Lang, code: &str) -> String {
    let text = match (code, lang) {
        ("no_stored_code", Lang::Es) => "Sin código guardado: aceptado por id",
        ("no_stored_code", Lang::En) => "No stored code: accepted by id",
        ("membership_inactive", Lang::Es) => "Membresía inactiva",
        ("membership_inactive", Lang::En) => "Membership inactive",
        ("membership_expired", Lang::Es) => "Membresía vencida",
        ("membership_expired", Lang::En) => "Membership expired",
        ("user_inactive", Lang::Es) => "Cuenta desactivada",
        ("user_inactive", Lang::En) => "Account deactivated",
        ("membership_expiring", Lang::Es) => "Membresía a punto de vencer",
        ("membership_expiring", Lang::En) => "Membership about to expire",
        ("new_member", Lang::Es) => "Miembro nuevo",
        ("new_member", Lang::En) => "New member",
        ("birthday", Lang::Es) => "Cumpleaños",
        ("birthday", Lang::En) => "Birthday",
        ("desk_note", Lang::Es) => "Nota de recepción",
        ("desk_note", Lang::En) => "Desk note",
        ("stale_data", Lang::Es) => "Datos del miembro sin actualizar",
        ("stale_data", Lang::En) => "Member data not refreshed",
        ("hand_entry_needed", Lang::Es) => "Para registrar en GymAPI a mano",
        ("hand_entry_needed", Lang::En) => "To record in GymAPI by hand",
        ("override", Lang::Es) => "Autorizado por el personal",
        ("override", Lang::En) => "Overridden by staff",
        ("clock_skew", Lang::Es) => "Hora dudosa: el reloj del equipo difería del servidor",
        ("clock_skew", Lang::En) => "Doubtful time: the desk's clock differed from the server's",
        ("clock_backwards", Lang::Es) => "Hora dudosa: el reloj del equipo retrocedió",
        ("clock_backwards", Lang::En) => "Doubtful time: the desk's clock went backwards",
        (other, _) => return other.to_owned(),
    };
    text.to_owned()
}

/// Who did what with a check-in, on one line ("Ana; autorizó: Zoe").
pub fn staff(lang: Lang, c: &super::CheckInLine) -> String {
    let (approved, dismissed) = match lang {
        Lang::Es => ("autorizó", "descartó"),
        Lang::En => ("approved by", "dismissed by"),
    };
    let mut parts: Vec<String> = c.staff.iter().cloned().collect();
    parts.extend(c.approved_by.iter().map(|n| format!("{approved}: {n}")));
    parts.extend(c.dismissed_by.iter().map(|n| format!("{dismissed}: {n}")));
    parts.join("; ")
}

/// All of a check-in's warnings on one line.
pub fn warnings(lang: Lang, codes: &[String]) -> String {
    codes.iter().map(|c| warning(lang, c)).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WarningCode;

    #[test]
    fn every_warning_code_is_translated_in_both_languages() {
        for code in WarningCode::ALL {
            let (es, en) = (warning(Lang::Es, code.as_str()), warning(Lang::En, code.as_str()));
            assert_ne!(es, code.as_str());
            assert_ne!(en, code.as_str());
            assert_ne!(es, en, "{code} untranslated");
        }
        for flag in ["clock_skew", "clock_backwards"] {
            assert_ne!(warning(Lang::Es, flag), warning(Lang::En, flag), "{flag} untranslated");
            assert_ne!(warning(Lang::En, flag), flag);
        }
        assert_eq!(warning(Lang::En, "future_code"), "future_code");
    }
}
