//! Conversions between the replica's integer milliseconds and chrono types,
//! the lenient timestamp parsing the central API needs (it sends both
//! offset-aware and naive UTC times), and the ONE definition of a gym's local
//! calendar day (the reception screen's "today" and the reports share it).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc};

/// The first instant of `date` in `tz`: local midnight, or, where a clock
/// change skips midnight (America/Santiago springs forward at 00:00), the
/// first local time that exists.
pub fn local_day_start(tz: chrono_tz::Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    (0..=24 * 4).find_map(|quarter| {
        tz.from_local_datetime(&(midnight + Duration::minutes(15 * quarter))).earliest().map(|t| t.with_timezone(&Utc))
    })
}

/// `[start, end)` of the local calendar day `date` in `tz`, in UTC: 23, 24
/// or 25 hours long.
pub fn local_day_bounds(tz: chrono_tz::Tz, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((local_day_start(tz, date)?, local_day_start(tz, date.succ_opt()?)?))
}

/// The local calendar day containing `now` in `tz`, as a UTC range.
pub fn local_today_bounds(tz: chrono_tz::Tz, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&tz).date_naive();
    // Every representable date has a first instant within its 24 hours.
    local_day_bounds(tz, today).unwrap_or((now - Duration::hours(12), now + Duration::hours(12)))
}

/// Milliseconds since the Unix epoch, as stored in SQLite.
pub fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The inverse of [`to_ms`]. Out-of-range values clamp to the epoch rather than panic.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// RFC 3339 with a `Z` suffix and no sub-second digits unless needed.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Parses an RFC 3339 time; a time without an offset is taken as UTC, which is
/// how the central API stores session times.
pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Utc.from_utc_datetime(&n));
        }
    }
    None
}

/// Serde adapters for timestamps in the central API's JSON.
pub mod serde_utc {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rfc3339(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let raw = String::deserialize(d)?;
        parse_utc(&raw).ok_or_else(|| serde::de::Error::custom(format!("not a timestamp: {raw:?}")))
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_str(&rfc3339(*t)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(raw) => parse_utc(&raw)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom(format!("not a timestamp: {raw:?}"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_times_are_utc_and_offsets_are_honoured() {
        let a = parse_utc("2026-11-28T15:00:00").unwrap();
        let b = parse_utc("2026-11-28T09:00:00-06:00").unwrap();
        let c = parse_utc("2026-11-28T15:00:00.000Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert!(parse_utc("28/11/2026").is_none());
    }

    #[test]
    fn millis_round_trip() {
        let t = parse_utc("2026-11-28T15:00:00.123Z").unwrap();
        assert_eq!(from_ms(to_ms(t)), t);
        assert_eq!(rfc3339(t), "2026-11-28T15:00:00.123Z");
    }
}
