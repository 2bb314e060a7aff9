//! Every word the range report shows, in Spanish and English, so the three
//! formats use the same headings (the day report's shared words come from
//! `report::labels`).

use crate::domain::Lang;

pub struct RangeLabels {
    pub title: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub days: &'static str,
    pub per_day: &'static str,
    pub heat: &'static str,
    pub heat_note: &'static str,
    pub classes: &'static str,
    pub members: &'static str,
    pub churn: &'static str,
    /// "{n}": the number of days.
    pub churn_note: &'static str,
    pub data_note: &'static str,
    pub weekday: &'static str,
    pub hour: &'static str,
    pub visits: &'static str,
    pub distinct: &'static str,
    pub sessions: &'static str,
    pub cancelled: &'static str,
    pub capacity: &'static str,
    pub attended: &'static str,
    pub utilisation: &'static str,
    pub no_shows: &'static str,
    pub walk_ins: &'static str,
    pub last_visit: &'static str,
    pub membership: &'static str,
    pub expires: &'static str,
    pub days_since: &'static str,
    pub never: &'static str,
    pub none_at_risk: &'static str,
    pub no_visits: &'static str,
    pub weekdays: [&'static str; 7],
}

const ES: RangeLabels = RangeLabels {
    title: "Informe de asistencia por periodo",
    from: "Desde",
    to: "Hasta",
    days: "Días",
    per_day: "Visitas por día",
    heat: "Visitas por día de la semana y hora",
    heat_note: "Hora local del gimnasio. Cuanto más oscuro, más visitas.",
    classes: "Ocupación por clase",
    members: "Visitas por miembro",
    churn: "Riesgo de baja",
    churn_note: "Miembros con membresía de pago que no han venido en {n} días.",
    data_note: "Con lo que sabe esta recepción: todos sus check-ins y los del servidor de los días que descargó.",
    weekday: "Día",
    hour: "Hora",
    visits: "Visitas",
    distinct: "Miembros distintos",
    sessions: "Sesiones",
    cancelled: "Canceladas",
    capacity: "Plazas",
    attended: "Asistencias",
    utilisation: "Ocupación",
    no_shows: "No asistieron",
    walk_ins: "Sin reserva",
    last_visit: "Última visita",
    membership: "Membresía",
    expires: "Vence",
    days_since: "Días sin venir",
    never: "Nunca",
    none_at_risk: "Ningún miembro de pago lleva tanto sin venir.",
    no_visits: "No hay visitas en este periodo.",
    weekdays: ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"],
};

const EN: RangeLabels = RangeLabels {
    title: "Attendance report for a period",
    from: "From",
    to: "To",
    days: "Days",
    per_day: "Visits per day",
    heat: "Visits by day of the week and hour",
    heat_note: "The gym's local time. The darker, the more visits.",
    classes: "Utilisation per class",
    members: "Visits per member",
    churn: "Churn risk",
    churn_note: "Members with a paid membership who have not come in {n} days.",
    data_note: "From what this desk knows: all of its check-ins, and the server's for the days it pulled.",
    weekday: "Day",
    hour: "Hour",
    visits: "Visits",
    distinct: "Different members",
    sessions: "Sessions",
    cancelled: "Cancelled",
    capacity: "Places",
    attended: "Attended",
    utilisation: "Utilisation",
    no_shows: "No-shows",
    walk_ins: "Walk-ins",
    last_visit: "Last visit",
    membership: "Membership",
    expires: "Expires",
    days_since: "Days away",
    never: "Never",
    none_at_risk: "No paying member has been away that long.",
    no_visits: "No visits in this period.",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

pub fn labels(lang: Lang) -> &'static RangeLabels {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// "Miembros con membresía de pago que no han venido en 14 días."
pub fn churn_note(lang: Lang, days: u32) -> String {
    labels(lang).churn_note.replace("{n}", &days.to_string())
}

/// A utilisation as a whole percentage ("87 %" / "87%"), or empty.
pub fn percent(lang: Lang, u: Option<f64>) -> String {
    match (u, lang) {
        (Some(u), Lang::Es) => format!("{} %", (u * 100.0).round()),
        (Some(u), Lang::En) => format!("{}%", (u * 100.0).round()),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_differ_and_fill_in_numbers() {
        assert_ne!(labels(Lang::Es).title, labels(Lang::En).title);
        assert_eq!(churn_note(Lang::En, 21), "Members with a paid membership who have not come in 21 days.");
        assert_eq!(percent(Lang::Es, Some(0.874)), "87 %");
        assert_eq!(percent(Lang::En, Some(1.5)), "150%");
        assert_eq!(percent(Lang::En, None), "");
    }
}
