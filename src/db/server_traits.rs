//! What the desk last learnt about its central API's abilities: whether it
//! offers the batch extension, and whether its check-in endpoint works (GymAPI
//! as deployed answers 500). The push records them as it finds out; a new
//! check-in reads them to tell staff, on the card, when the server will not be
//! able to take it (`sync::plan::foreseen_park`). What was never learnt stays
//! unknown, and the card then says nothing: it warns only on what the server
//! showed. Kept in the settings table: two values, no history.

use super::settings;
use crate::error::Result;
use rusqlite::Connection;

const EXTENSION: &str = "server_extension";
const CHECKIN_ENDPOINT: &str = "server_checkin_endpoint";

/// Each `None` until a push finds out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServerTraits {
    /// `POST /attendance/check-ins/batch` answered (Some(false): not there).
    pub extension: Option<bool>,
    /// `POST /attendance/check-in` answered 500 (Some(false): a replay worked since).
    pub checkin_broken: Option<bool>,
}

impl ServerTraits {
    /// GymAPI as deployed (design/central-api.md), once a push has seen it.
    pub const AS_DEPLOYED: ServerTraits = ServerTraits { extension: Some(false), checkin_broken: Some(true) };
}

/// The stored traits; `None` for what was never learnt.
pub fn load(conn: &Connection) -> Result<ServerTraits> {
    Ok(ServerTraits {
        extension: settings::get(conn, EXTENSION)?.map(|v| v == "true"),
        checkin_broken: settings::get(conn, CHECKIN_ENDPOINT)?.map(|v| v == "broken"),
    })
}

/// Records what one push learnt: the extension probe's answer, and the check-in
/// endpoint's when the push used it (`None`: not tried this time).
pub fn record(conn: &Connection, extension: bool, checkin_broken: Option<bool>) -> Result<()> {
    settings::set(conn, EXTENSION, if extension { "true" } else { "false" })?;
    if let Some(broken) = checkin_broken {
        settings::set(conn, CHECKIN_ENDPOINT, if broken { "broken" } else { "works" })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn unknown_until_learnt_and_what_is_learnt_is_kept() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(load(db.conn()).unwrap(), ServerTraits::default());
        record(db.conn(), true, None).unwrap();
        assert_eq!(load(db.conn()).unwrap(), ServerTraits { extension: Some(true), checkin_broken: None });
        record(db.conn(), false, Some(true)).unwrap();
        assert_eq!(load(db.conn()).unwrap(), ServerTraits::AS_DEPLOYED);
        record(db.conn(), false, Some(false)).unwrap();
        assert_eq!(load(db.conn()).unwrap().checkin_broken, Some(false));
        record(db.conn(), false, None).unwrap();
        assert_eq!(load(db.conn()).unwrap().checkin_broken, Some(false), "a push that did not try it changes nothing");
    }
}
