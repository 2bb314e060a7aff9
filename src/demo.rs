//! The demo gym: a realistic, deterministic snapshot (hundreds of members with
//! Spanish names, a week of classes in Mexico City, registrations) that the
//! demo app, the demo camera and the tests share. Member codes are derived
//! from the member id, so the demo camera can render the same codes the
//! replica stores as digests.

use crate::db::gym::Gym;
use crate::db::{settings, Db};
use crate::domain::member_code::digest;
use crate::domain::{ParticipationStatus, SessionStatus};
use crate::error::Result;
use crate::replica::{self, ImportStats};
use crate::rng::SplitMix64;
use crate::snapshot::{
    ApiClassInfo, ApiMember, ApiMembership, ApiParticipation, ApiSession, ApiSessionWithClass, Snapshot,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const DEMO_GYM_ID: i64 = 1;
pub const DEMO_TIMEZONE: &str = "America/Mexico_City";
pub const FIRST_MEMBER_ID: i64 = 1001;
pub const DEFAULT_MEMBERS: usize = 300;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub members: usize,
    /// The middle day of the demo week, in the gym's time zone.
    pub date: NaiveDate,
    pub seed: u64,
}

/// The code printed on demo member `id`'s card: `U{id}_` + 8 hex digits, the
/// shape the central API generates.
pub fn demo_code(member_id: i64) -> String {
    let h = hex::encode(digest(&format!("frontdesk-demo:{member_id}")));
    format!("U{member_id}_{}", &h[..8])
}

/// Whether demo member `id` has a stored code (a few do not, to show the warning).
pub fn demo_has_code(member_id: i64) -> bool {
    member_id % 40 != 7
}

const FIRST: &[&str] = &[
    "Ana",
    "José",
    "María",
    "Luis",
    "Sofía",
    "Carlos",
    "Lucía",
    "Javier",
    "Valentina",
    "Andrés",
    "Camila",
    "Diego",
    "Ximena",
    "Fernando",
    "Renata",
    "Miguel Ángel",
    "Daniela",
    "Raúl",
    "Inés",
    "Héctor",
    "Paula",
    "Óscar",
    "Regina",
    "Emilio",
    "Mónica",
    "Tomás",
    "Gabriela",
    "Iñaki",
    "Beatriz",
    "Joaquín",
    "Natalia",
    "Ramón",
];
const LAST: &[&str] = &[
    "López",
    "García",
    "Martínez",
    "Hernández",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Jiménez",
    "Reyes",
    "Díaz",
    "Torres",
    "Gutiérrez",
    "Ruiz",
    "Muñoz",
    "Núñez",
    "Ortiz",
    "Castillo",
    "Mendoza",
    "Aguilar",
    "Peña",
    "Ibáñez",
];

struct ClassDef {
    class_id: i64,
    name: &'static str,
    minutes: i64,
    capacity: i64,
    room: &'static str,
}

const OPEN_GYM: ClassDef =
    ClassDef { class_id: 1, name: "Gimnasio libre", minutes: 60, capacity: 60, room: "Sala de pesas" };

/// (local start, class) for each day of the week.
const TIMETABLE: &[(u32, u32, ClassDef)] = &[
    (7, 0, ClassDef { class_id: 2, name: "Yoga", minutes: 60, capacity: 20, room: "Estudio A" }),
    (8, 30, ClassDef { class_id: 3, name: "Spinning", minutes: 45, capacity: 15, room: "Sala Ciclo" }),
    (10, 0, ClassDef { class_id: 4, name: "Pilates", minutes: 50, capacity: 12, room: "Estudio B" }),
    (13, 0, ClassDef { class_id: 5, name: "HIIT", minutes: 45, capacity: 20, room: "Estudio A" }),
    (17, 30, ClassDef { class_id: 6, name: "Boxeo", minutes: 60, capacity: 16, room: "Ring" }),
    (18, 30, ClassDef { class_id: 7, name: "Zumba", minutes: 55, capacity: 25, room: "Estudio A" }),
    (19, 15, ClassDef { class_id: 3, name: "Spinning", minutes: 45, capacity: 15, room: "Sala Ciclo" }),
    (20, 0, ClassDef { class_id: 8, name: "CrossFit", minutes: 60, capacity: 14, room: "Box" }),
];

/// A demo member's birth date: one member in 41 has their birthday on the
/// demo's day, so the "birthday" alert can be seen. Not drawn from the
/// generator: the rest of the demo gym stays as it was before alerts.
fn demo_birth_date(id: i64, today: NaiveDate) -> NaiveDate {
    let year = 1968 + (id * 7).rem_euclid(38) as i32;
    if id % 41 == 7 {
        let (m, d) = (today.month(), today.day());
        // 29 February: a leap year of birth.
        return NaiveDate::from_ymd_opt(year, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(2000, m, d))
            .expect("valid date");
    }
    NaiveDate::from_yo_opt(year, 1 + (id * 37).rem_euclid(365) as u32).expect("valid day of year")
}

/// When a demo member joined: one in 17 within the last ten days (the "new
/// member" alert), the rest one to four years ago.
fn demo_joined(id: i64, base: DateTime<Utc>) -> DateTime<Utc> {
    if id % 17 == 2 {
        return base - Duration::days(1 + id % 9) + Duration::hours(10);
    }
    base - Duration::days(365 + (id * 53).rem_euclid(3 * 365))
}

/// Builds the demo snapshot for the week around `opts.date`.
pub fn demo_snapshot(opts: &DemoOptions) -> Snapshot {
    let tz: Tz = DEMO_TIMEZONE.parse().expect("known zone");
    let mut rng = SplitMix64::new(opts.seed ^ 0x5EED);
    let base = Utc.from_utc_datetime(&opts.date.and_time(NaiveTime::MIN));

    let members: Vec<ApiMember> = (0..opts.members as i64)
        .map(|i| {
            let id = FIRST_MEMBER_ID + i;
            let first = *rng.pick(FIRST);
            let last = format!("{} {}", rng.pick(LAST), rng.pick(LAST));
            let email_local = crate::domain::fold::fold(&format!("{first}.{}", last.split(' ').next().unwrap_or("")))
                .replace(' ', "");
            let membership = match id % 23 {
                0 => None,
                5 => Some(ApiMembership { is_active: false, membership_type: Some("paid".into()), expires_at: None }),
                9 => Some(ApiMembership {
                    is_active: true,
                    membership_type: Some("paid".into()),
                    expires_at: Some(base - Duration::days(3 + (id % 20))),
                }),
                _ => Some(ApiMembership {
                    is_active: true,
                    membership_type: Some(if id % 5 == 0 { "trial" } else { "paid" }.into()),
                    expires_at: Some(base + Duration::days(20 + (id % 300))),
                }),
            };
            ApiMember {
                id,
                email: Some(format!("{email_local}{id}@ejemplo.mx")),
                first_name: Some(first.into()),
                last_name: Some(last),
                picture: None,
                phone_number: Some(format!("+52 55 {:04} {:04}", rng.below(10_000), rng.below(10_000))),
                is_active: id % 97 != 3,
                gym_role: "MEMBER".into(),
                qr_code: demo_has_code(id).then(|| demo_code(id)),
                color: Some(crate::photos::portrait::portrait_color(id)),
                birth_date: Some(demo_birth_date(id, opts.date)),
                created_at: Some(demo_joined(id, base)),
                membership,
            }
        })
        .collect();

    let mut sessions = Vec::new();
    let mut participations = Vec::new();
    let mut next_session = 1i64;
    let mut next_part = 1i64;
    for day_offset in -3i64..=3 {
        let day = opts.date + Duration::days(day_offset);
        let mut slots: Vec<(u32, u32, &ClassDef)> = (0..24).map(|h| (h, 0, &OPEN_GYM)).collect();
        slots.extend(TIMETABLE.iter().map(|(h, m, c)| (*h, *m, c)));
        slots.sort_by_key(|(h, m, c)| (*h, *m, c.class_id));
        let cancelled_slot = rng.below(TIMETABLE.len());
        let mut class_index = 0;
        for (h, m, class) in slots {
            let local = day.and_hms_opt(h, m, 0).expect("valid time");
            // Skip local times that do not exist (a DST gap); Mexico City has none today.
            let Some(start) = tz.from_local_datetime(&local).earliest() else { continue };
            let start = start.with_timezone(&Utc);
            let is_class = class.class_id != OPEN_GYM.class_id;
            let status = if is_class && day_offset >= 0 && class_index == cancelled_slot {
                SessionStatus::Cancelled
            } else if day_offset < 0 {
                SessionStatus::Completed
            } else {
                SessionStatus::Scheduled
            };
            if is_class {
                class_index += 1;
            }
            let id = next_session;
            next_session += 1;
            let mut booked = 0;
            if is_class && !members.is_empty() {
                let want = (class.capacity as usize * (40 + rng.below(50))) / 100;
                let mut chosen = std::collections::HashSet::new();
                for _ in 0..want {
                    chosen.insert(members[rng.below(members.len())].id);
                }
                let mut chosen: Vec<_> = chosen.into_iter().collect();
                chosen.sort_unstable();
                for member_id in chosen {
                    let (pstatus, attended) = match (day_offset < 0, rng.below(10)) {
                        (_, 0) => (ParticipationStatus::Cancelled, None),
                        (true, 1 | 2) => (ParticipationStatus::NoShow, None),
                        (true, _) => {
                            (ParticipationStatus::Attended, Some(start + Duration::minutes(rng.below(20) as i64 - 10)))
                        }
                        (false, _) => (ParticipationStatus::Registered, None),
                    };
                    if pstatus != ParticipationStatus::Cancelled {
                        booked += 1;
                    }
                    participations.push(ApiParticipation {
                        id: next_part,
                        session_id: id,
                        member_id,
                        gym_id: DEMO_GYM_ID,
                        status: pstatus,
                        registration_time: Some(start - Duration::hours(2 + rng.below(70) as i64)),
                        attendance_time: attended,
                        cancellation_time: (pstatus == ParticipationStatus::Cancelled)
                            .then(|| start - Duration::hours(1)),
                        cancellation_reason: (pstatus == ParticipationStatus::Cancelled)
                            .then(|| "Cambio de planes".to_string()),
                    });
                    next_part += 1;
                }
            }
            sessions.push(ApiSessionWithClass {
                session: ApiSession {
                    id,
                    class_id: Some(class.class_id),
                    trainer_id: Some(7 + (class.class_id % 5)),
                    gym_id: DEMO_GYM_ID,
                    start_time: start,
                    end_time: start + Duration::minutes(class.minutes),
                    room: Some(class.room.into()),
                    status,
                    current_participants: booked,
                    override_capacity: None,
                },
                class_info: Some(ApiClassInfo {
                    id: class.class_id,
                    name: class.name.into(),
                    duration: Some(class.minutes),
                    max_capacity: Some(class.capacity),
                }),
            });
        }
    }

    Snapshot {
        gym: Gym { id: DEMO_GYM_ID, name: "Gimnasio Demo Front Desk".into(), timezone: DEMO_TIMEZONE.into() },
        members,
        sessions,
        participations,
    }
}

/// Whether demo member `id` has a portrait (every other member, so the desk
/// shows both a photo and the no-photo card).
pub fn demo_has_portrait(member_id: i64) -> bool {
    member_id % 2 == 1
}

/// Side of the demo portraits, as the photo cache keeps them.
const PORTRAIT_SIDE: u32 = 160;

/// Loads the demo gym into the replica and marks the desk as a demo desk,
/// with drawn portraits (`photos::portrait`) stored straight into the photo
/// cache for every other member. They have no picture URL, so no refresh
/// ever asks for them, and the first real pull deletes them with the demo.
pub fn install(db: &mut Db, opts: &DemoOptions) -> Result<ImportStats> {
    let snap = demo_snapshot(opts);
    let portraits: Vec<(i64, crate::photos::shrink::Shrunk)> = snap
        .members
        .iter()
        .filter(|m| demo_has_portrait(m.id))
        .filter_map(|m| {
            let img = crate::photos::portrait::portrait(m.id, 0, PORTRAIT_SIDE);
            crate::photos::shrink::encode_jpeg(&img).ok().map(|s| (m.id, s))
        })
        .collect();
    let drawn_at = Utc.from_utc_datetime(&opts.date.and_time(NaiveTime::MIN));
    db.write(|tx| {
        let stats = replica::replace_in(tx, &snap)?;
        crate::db::member_photos::delete_all(tx)?;
        for (id, s) in &portraits {
            let photo = crate::db::member_photos::NewPhoto {
                member_id: *id,
                url: "demo:portrait",
                etag: None,
                last_modified: None,
                jpeg: &s.jpeg,
                width: s.width,
                height: s.height,
            };
            // Never due: the demo's portraits are not fetched from anywhere.
            crate::db::member_photos::store(tx, &photo, drawn_at, chrono::DateTime::<Utc>::MAX_UTC)?;
        }
        settings::set(tx, settings::DEMO, "true")?;
        Ok(stats)
    })
}

/// A desk with no gym gets the demo gym; a demo gym with no class left
/// today (its week has passed) is laid anew around today. A real gym is
/// never touched. Returns whether the demo gym was (re)installed.
pub fn keep_fresh(db: &mut Db, now: chrono::DateTime<Utc>) -> Result<bool> {
    let empty = crate::db::gym::get(db.conn())?.is_none();
    let stale = !empty
        && settings::get_bool(db.conn(), settings::DEMO)?
        && crate::views::today_sessions(db.conn(), now)?.is_empty();
    if !(empty || stale) {
        return Ok(false);
    }
    install(db, &DemoOptions { members: DEFAULT_MEMBERS, date: demo_today(now), seed: 1 })?;
    Ok(true)
}

/// Today in the demo gym's time zone, by the given clock time.
pub fn demo_today(now: chrono::DateTime<Utc>) -> NaiveDate {
    let tz: Tz = DEMO_TIMEZONE.parse().expect("known zone");
    now.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> DemoOptions {
        DemoOptions { members: 200, date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), seed: 1 }
    }

    #[test]
    fn the_demo_is_deterministic_valid_and_realistic() {
        let a = demo_snapshot(&opts());
        assert_eq!(a, demo_snapshot(&opts()), "same options, same gym");
        a.validate().expect("the demo passes the import validation");
        assert_eq!(a.members.len(), 200);
        // 7 days x (24 open-gym hours + 8 classes).
        assert_eq!(a.sessions.len(), 7 * 32);
        assert!(a.participations.len() > 200, "registrations exist");
        assert!(a.members.iter().any(|m| m.qr_code.is_none()), "some members have no code");
        assert!(a.members.iter().any(|m| m
            .first_name
            .as_deref()
            .unwrap()
            .contains(['é', 'í', 'á', 'ó', 'ñ', 'Á', 'Ó'])));
        assert!(a.sessions.iter().any(|s| s.session.status == SessionStatus::Cancelled));
    }

    #[test]
    fn every_other_demo_member_has_a_small_drawn_portrait() {
        let mut db = Db::open_in_memory().unwrap();
        install(&mut db, &DemoOptions { members: 20, ..opts() }).unwrap();
        for id in FIRST_MEMBER_ID..FIRST_MEMBER_ID + 20 {
            let photo = crate::db::member_photos::image(db.conn(), id).unwrap();
            assert_eq!(photo.is_some(), demo_has_portrait(id), "member {id}");
            if let Some(jpeg) = photo {
                assert!(jpeg.len() <= crate::photos::shrink::MAX_JPEG_BYTES);
                let img = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
                assert!(img.width() <= 256 && img.height() <= 256);
            }
        }
        assert_eq!(crate::db::member_photos::count_images(db.conn()).unwrap(), 10);
        let color = crate::db::members::color(db.conn(), FIRST_MEMBER_ID).unwrap();
        assert_eq!(color, Some(crate::photos::portrait::portrait_color(FIRST_MEMBER_ID)));
    }

    #[test]
    fn demo_codes_have_the_server_shape_and_parse() {
        let code = demo_code(1042);
        assert_eq!(code.len(), "U1042_".len() + 8);
        assert_eq!(crate::domain::MemberCode::parse(&code).unwrap().member_id(), 1042);
    }

    #[test]
    fn the_demo_gym_is_laid_on_an_empty_desk_and_kept_current_but_a_real_gym_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open_in_dir(dir.path()).unwrap();
        let now: chrono::DateTime<Utc> = "2026-11-28T16:05:00Z".parse().unwrap();
        assert!(keep_fresh(&mut db, now).unwrap(), "an empty desk gets the demo gym");
        assert!(!keep_fresh(&mut db, now).unwrap(), "today's demo gym stays as it is");
        let next_week = now + Duration::days(8);
        assert!(crate::views::today_sessions(db.conn(), next_week).unwrap().is_empty());
        assert!(keep_fresh(&mut db, next_week).unwrap(), "a week later it is laid around the new today");
        assert!(!crate::views::today_sessions(db.conn(), next_week).unwrap().is_empty());

        // A real gym (the demo flag off) with no class today is not replaced by the demo.
        db.write(|tx| settings::set(tx, settings::DEMO, "false")).unwrap();
        assert!(!keep_fresh(&mut db, next_week + Duration::days(30)).unwrap());
    }
}
