//! Domain value types shared by the rules, the replica and the API mapping.
//! The enumerations use the central API's own spellings.

use chrono::{DateTime, Utc};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        /// Tests and scripts compare codes with their text.
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!(concat!("unknown ", stringify!($name), " {:?}"), other)),
                }
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// A class session's state on the central API.
    SessionStatus {
        Scheduled => "scheduled",
        InProgress => "in_progress",
        Completed => "completed",
        Cancelled => "cancelled",
    }
);

string_enum!(
    /// A member's participation in a session.
    ParticipationStatus {
        Registered => "registered",
        Attended => "attended",
        Cancelled => "cancelled",
        NoShow => "no_show",
    }
);

string_enum!(
    /// How a check-in reached the desk (and where a participation row came from).
    Source {
        Server => "server",
        Camera => "camera",
        Scanner => "scanner",
        Manual => "manual",
        Override => "override",
    }
);

/// What the rules need to know about a member.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberFacts {
    pub id: i64,
    pub qr_digest: Option<[u8; 32]>,
    pub user_active: bool,
    pub membership: Option<MembershipFacts>,
    /// When the account was created on the server (the "new member" alert).
    pub created_at: Option<DateTime<Utc>>,
    /// The "birthday" alert.
    pub birth_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MembershipFacts {
    pub is_active: bool,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The member's latest check-in (an attended participation, from this desk or
/// the server) in this gym, as the "already inside" rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentCheckIn {
    /// The session checked into (its participation is `Attended`).
    pub session: SessionFacts,
    /// The attendance time.
    pub at: DateTime<Utc>,
}

/// A session as the rules see it, with this member's participation in it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFacts {
    pub id: i64,
    /// The class this session is an occurrence of, when the server names one.
    pub class_id: Option<i64>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: SessionStatus,
    pub participation: Option<ParticipationStatus>,
}
