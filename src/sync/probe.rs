//! Checks a central API connection before the desk keeps it: Settings asks
//! the server once, with the address, gym and token staff typed, and says
//! at once what is wrong (server unreachable, token refused, a gym the token
//! has no access to, an address that is not GymAPI) instead of saving
//! settings that will only fail later in the background. The same request is
//! the worker's heartbeat.

use super::client::Client;
use super::config::SyncConfig;
use super::SyncError;

/// One cheap request that needs the token and the gym: the first member of
/// the gym's list. `Ok` when the server answered it in GymAPI's shape.
pub async fn check(cfg: &SyncConfig) -> Result<(), SyncError> {
    ping(&Client::new(cfg.clone())?).await
}

/// The same question on a running client: the sync worker's heartbeat when a
/// round has nothing else to ask, so an outage shows within one interval and
/// "last contact" is a time the server really answered.
pub async fn ping(client: &Client) -> Result<(), SyncError> {
    let query = [("role", "MEMBER".to_owned()), ("skip", "0".to_owned()), ("limit", "1".to_owned())];
    let _: Vec<serde_json::Value> = client.get("/users/gym-participants", &query).await?;
    Ok(())
}
