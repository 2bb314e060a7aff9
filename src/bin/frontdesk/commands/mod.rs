//! One module per subcommand; shared context and helpers here.

pub mod backup;
pub mod check_in;
pub mod decode;
pub mod demo;
pub mod import;
pub mod kiosk_pin;
pub mod members;
pub mod outbox;
pub mod photo;
pub mod report;
pub mod scan;
pub mod status;
pub mod sync;

use anyhow::Context;
use frontdesk::db::{settings, Db};
use frontdesk::domain::Lang;
use std::path::PathBuf;

pub struct Ctx {
    pub data_dir: PathBuf,
    /// Where the app writes its logs for this data directory (see `frontdesk::logs`).
    pub log_dir: PathBuf,
    pub lang: Option<String>,
}

impl Ctx {
    pub fn open_db(&self) -> anyhow::Result<Db> {
        Db::open_in_dir(&self.data_dir).with_context(|| format!("opening the replica in {}", self.data_dir.display()))
    }

    /// The language: the flag or env, else the desk's setting, else Spanish.
    pub fn lang(&self, db: &Db) -> anyhow::Result<Lang> {
        if let Some(l) = &self.lang {
            return l.parse().map_err(anyhow::Error::msg);
        }
        Ok(settings::lang(db.conn())?.unwrap_or_default())
    }
}

pub fn print_json(value: &impl serde::Serialize) {
    println!("{}", serde_json::to_string(value).expect("serialisable"));
}
