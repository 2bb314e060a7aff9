//! Why a check-in is not on the server yet: a stable code with parameters,
//! stored with the outbox event, and rendered in the desk's language wherever
//! staff read it (the sync panel, `frontdesk outbox`, the reports). Parked
//! reasons say what a person must do; retry reasons say what the desk is
//! waiting for. Scripts and the UI match on `code()`, never on the text.

use super::outcome::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum OutboxReason {
    /// GymAPI's check-in endpoint fails (HTTP 500 as deployed) and the class
    /// has started, so the member can no longer be booked in first.
    CheckinEndpointBroken { status: u16 },
    /// The member was not booked and the class started: more than 30 minutes
    /// ago for a scanned code, at all for one entered by hand (no code to
    /// replay). No GymAPI endpoint can record it any more.
    ClassStartedUnbooked { manual: bool },
    /// Booking the walk-in failed: the class is full on the server.
    ClassFull,
    /// The server no longer has the class as scheduled (cancelled, moved).
    SessionNotScheduled,
    /// The session is not in the desk's schedule any more.
    SessionUnknown { session_id: i64 },
    /// The server said no, in its own words (`status` is None for an item of
    /// the batch extension, which is refused inside a 200 answer).
    RefusedByServer { status: Option<u16>, detail: String },
    /// The server kept answering in a shape the API does not document.
    BadAnswer { detail: String },
    /// Still queued: a transient failure (`error` is a `SyncError` code).
    Retrying { error: String, detail: String },
}

impl OutboxReason {
    /// The stable code: `checkin_endpoint_broken`, `class_full`, ...
    pub fn code(&self) -> &'static str {
        match self {
            OutboxReason::CheckinEndpointBroken { .. } => "checkin_endpoint_broken",
            OutboxReason::ClassStartedUnbooked { .. } => "class_started_unbooked",
            OutboxReason::ClassFull => "class_full",
            OutboxReason::SessionNotScheduled => "session_not_scheduled",
            OutboxReason::SessionUnknown { .. } => "session_unknown",
            OutboxReason::RefusedByServer { .. } => "refused_by_server",
            OutboxReason::BadAnswer { .. } => "bad_answer",
            OutboxReason::Retrying { .. } => "retrying",
        }
    }

    /// Whether the event waits for a person (parked) rather than for the network.
    pub fn is_park(&self) -> bool {
        !matches!(self, OutboxReason::Retrying { .. })
    }

    /// The reason in `lang`, as staff read it.
    pub fn message(&self, lang: Lang) -> String {
        use OutboxReason::*;
        match (self, lang) {
            (CheckinEndpointBroken { status }, Lang::Es) => format!(
                "El registro de check-ins de GymAPI falla (HTTP {status}) y la clase ya empezó, así que ya no se \
                 puede reservar la plaza: regístralo en GymAPI a mano."
            ),
            (CheckinEndpointBroken { status }, Lang::En) => format!(
                "GymAPI's check-in endpoint fails (HTTP {status}) and the class has already started, so the place \
                 can no longer be booked: record it in GymAPI by hand."
            ),
            (ClassStartedUnbooked { manual: false }, Lang::Es) => "La clase empezó hace más de 30 minutos según el \
                reloj del servidor y el socio no tenía reserva: GymAPI ya no puede registrarlo; regístralo a mano."
                .into(),
            (ClassStartedUnbooked { manual: false }, Lang::En) => "The class started more than 30 minutes ago by the \
                server's clock and the member had not booked: GymAPI can no longer record it; record it by hand."
                .into(),
            (ClassStartedUnbooked { manual: true }, Lang::Es) => "Entrada manual sin reserva, enviada después de \
                empezar la clase: GymAPI no tiene forma de registrarla; regístrala a mano."
                .into(),
            (ClassStartedUnbooked { manual: true }, Lang::En) => "Entered by hand with no booking and sent after \
                the class started: GymAPI has no endpoint that records it; record it by hand."
                .into(),
            (ClassFull, Lang::Es) => {
                "La clase está llena en GymAPI y no se pudo reservar la plaza: regístralo a mano o amplía el aforo."
                    .into()
            }
            (ClassFull, Lang::En) => {
                "The class is full in GymAPI and the place could not be booked: record it by hand or raise the \
                 capacity."
                    .into()
            }
            (SessionNotScheduled, Lang::Es) => {
                "GymAPI ya no tiene esta clase como programada (¿cancelada?): revísala y regístralo a mano.".into()
            }
            (SessionNotScheduled, Lang::En) => {
                "GymAPI no longer has this class as scheduled (cancelled?): check it and record it by hand.".into()
            }
            (SessionUnknown { session_id }, Lang::Es) => {
                format!("La clase {session_id} ya no está en el horario de este escritorio: revísala en GymAPI.")
            }
            (SessionUnknown { session_id }, Lang::En) => {
                format!("Class {session_id} is no longer in this desk's schedule: check it in GymAPI.")
            }
            (RefusedByServer { status, detail }, Lang::Es) => format!("GymAPI lo rechazó{}: «{detail}»", http(*status)),
            (RefusedByServer { status, detail }, Lang::En) => format!("Refused by GymAPI{}: “{detail}”", http(*status)),
            (BadAnswer { detail }, Lang::Es) => {
                format!("GymAPI respondió una y otra vez con un formato inesperado ({detail}): avisa al administrador.")
            }
            (BadAnswer { detail }, Lang::En) => {
                format!("GymAPI kept answering in an unexpected shape ({detail}): tell the administrator.")
            }
            (Retrying { error, detail }, lang) => {
                let what = retry_words(error, lang);
                match lang {
                    Lang::Es => format!("Se reintentará: {what} ({detail})"),
                    Lang::En => format!("Will retry: {what} ({detail})"),
                }
            }
        }
    }
}

fn http(status: Option<u16>) -> String {
    status.map(|s| format!(" (HTTP {s})")).unwrap_or_default()
}

fn retry_words(error: &str, lang: Lang) -> &'static str {
    match (error, lang) {
        ("offline", Lang::Es) => "sin conexión con el servidor",
        ("offline", Lang::En) => "the server cannot be reached",
        ("timeout", Lang::Es) => "el servidor no respondió a tiempo",
        ("timeout", Lang::En) => "the server did not answer in time",
        ("interrupted", Lang::Es) => "se cortó la conexión antes de la respuesta",
        ("interrupted", Lang::En) => "the connection dropped before the answer",
        ("rate_limited", Lang::Es) => "el servidor pidió esperar",
        ("rate_limited", Lang::En) => "the server asked the desk to slow down",
        ("server_error", Lang::Es) => "error del servidor",
        ("server_error", Lang::En) => "server error",
        ("bad_shape", Lang::Es) => "respuesta con un formato inesperado",
        ("bad_shape", Lang::En) => "an answer in an unexpected shape",
        (_, Lang::Es) => "error temporal",
        (_, Lang::En) => "temporary error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<OutboxReason> {
        use OutboxReason::*;
        vec![
            CheckinEndpointBroken { status: 500 },
            ClassStartedUnbooked { manual: false },
            ClassStartedUnbooked { manual: true },
            ClassFull,
            SessionNotScheduled,
            SessionUnknown { session_id: 9 },
            RefusedByServer { status: Some(404), detail: "Sesión no encontrada".into() },
            RefusedByServer { status: None, detail: "Código QR inválido".into() },
            BadAnswer { detail: "missing field `id`".into() },
            Retrying { error: "offline".into(), detail: "connection refused".into() },
        ]
    }

    #[test]
    fn every_reason_keeps_its_code_and_parameters_through_storage() {
        for r in all() {
            let json = serde_json::to_string(&r).unwrap();
            assert!(json.contains(&format!("\"code\":\"{}\"", r.code())), "{json}");
            assert_eq!(serde_json::from_str::<OutboxReason>(&json).unwrap(), r);
        }
    }

    #[test]
    fn every_reason_reads_differently_in_spanish_and_english_and_carries_its_parameters() {
        for r in all() {
            let (es, en) = (r.message(Lang::Es), r.message(Lang::En));
            assert_ne!(es, en, "{r:?}");
            for word in ["the ", "class", "record", "Will retry"] {
                assert!(!es.contains(word), "English word {word:?} in the Spanish text: {es}");
            }
            for word in ["la clase", "regístralo", "Se reintentará"] {
                assert!(!en.contains(word), "Spanish words {word:?} in the English text: {en}");
            }
        }
        let refused = OutboxReason::RefusedByServer { status: Some(404), detail: "Sesión no encontrada".into() };
        assert!(refused.message(Lang::En).contains("Sesión no encontrada"), "the server's own words are kept");
        assert!(OutboxReason::CheckinEndpointBroken { status: 500 }.message(Lang::Es).contains("500"));
        assert!(!OutboxReason::Retrying { error: "x".into(), detail: "y".into() }.is_park());
        assert!(OutboxReason::ClassFull.is_park());
    }
}
