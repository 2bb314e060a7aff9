//! Downloads one picture with the limits a desk needs against any URL a
//! member record may hold: a total time limit (the body included, so a server
//! that stops sending cannot hold a slot), a size limit enforced while the body
//! streams (with or without Content-Length), redirects only to http(s), and
//! conditional requests (304 keeps the cached photo).
//!
//! The API's bearer token goes only to the API's own origin (scheme, host and
//! port of the configured API URL): pictures usually live on a CDN or Auth0
//! (`lh3.googleusercontent.com`, S3), and a token sent there would leak to a
//! third party. reqwest drops the `Authorization` header on a redirect to
//! another host, so a redirect away from the API's origin does not carry it.

use crate::sync::config::Token;
use reqwest::header::{AUTHORIZATION, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::{StatusCode, Url};
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    /// Whole request, from connecting to the last body byte.
    pub total: Duration,
    pub max_bytes: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits { total: Duration::from_secs(5), max_bytes: 4 * 1024 * 1024 }
    }
}

/// What the last answer for a URL said, to ask "has it changed?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    NotModified,
    Body { bytes: Vec<u8>, validators: Validators },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not an http(s) URL: {0}")]
    Scheme(String),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("no complete answer within {0:?}")]
    Timeout(Duration),
    #[error("the body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("cannot reach the server: {0}")]
    Connect(String),
    #[error("transfer failed: {0}")]
    Transport(String),
}

impl FetchError {
    /// Whether the failure says the picture is gone (so a cached copy goes too),
    /// rather than that the network or the server had a bad moment.
    pub fn picture_gone(&self) -> bool {
        matches!(self, FetchError::Status(404 | 410) | FetchError::Scheme(_))
    }
}

/// The HTTP client for pictures: its own reqwest client (no API headers by default).
#[derive(Debug, Clone)]
pub struct Fetcher {
    http: reqwest::Client,
    limits: FetchLimits,
    /// The API's origin and its token: the only origin the token is sent to.
    api: Option<(String, Token)>,
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

impl Fetcher {
    pub fn new(limits: FetchLimits, api: Option<(&str, Token)>) -> Result<Fetcher, FetchError> {
        let redirects = reqwest::redirect::Policy::custom(|attempt| {
            if !matches!(attempt.url().scheme(), "http" | "https") {
                let url = attempt.url().to_string();
                attempt.error(FetchError::Scheme(url))
            } else if attempt.previous().len() >= 5 {
                attempt.error(FetchError::Transport("too many redirects".into()))
            } else {
                attempt.follow()
            }
        });
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3).min(limits.total))
            .redirect(redirects)
            .pool_max_idle_per_host(8)
            .build()
            .map_err(|e| FetchError::Transport(format!("HTTP client: {e}")))?;
        let api = api.and_then(|(u, t)| Url::parse(u).ok().map(|u| (origin(&u), t)));
        Ok(Fetcher { http, limits, api })
    }

    pub fn limits(&self) -> FetchLimits {
        self.limits
    }

    /// Whether a request to `url` carries the API token (same origin as the API).
    pub fn sends_token_to(&self, url: &Url) -> bool {
        self.api.as_ref().is_some_and(|(o, _)| *o == origin(url))
    }

    /// GETs `url` (conditionally when `validators` has any) within the limits.
    pub async fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::Scheme(url.to_owned()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.to_owned()));
        }
        let total = self.limits.total;
        match tokio::time::timeout(total, self.fetch_inner(parsed, validators)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(total)),
        }
    }

    async fn fetch_inner(&self, url: Url, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut rb = self.http.get(url.clone());
        if let Some((_, token)) = self.api.as_ref().filter(|_| self.sends_token_to(&url)) {
            rb = rb.header(AUTHORIZATION, format!("Bearer {}", token.expose()));
        }
        if let Some(e) = &validators.etag {
            rb = rb.header(IF_NONE_MATCH, e);
        }
        if let Some(lm) = &validators.last_modified {
            rb = rb.header(IF_MODIFIED_SINCE, lm);
        }
        let mut resp = rb.send().await.map_err(transport)?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let limit = self.limits.max_bytes;
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Err(FetchError::TooLarge { limit });
        }
        let header = |name| {
            resp.headers().get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok()).map(str::to_owned)
        };
        let validators = Validators { etag: header(ETAG), last_modified: header(LAST_MODIFIED) };
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(transport)? {
            if bytes.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge { limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body { bytes, validators })
    }
}

fn transport(e: reqwest::Error) -> FetchError {
    // A redirect refused by the policy carries our own error as its source.
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        if let Some(f) = s.downcast_ref::<FetchError>() {
            return f.clone();
        }
        src = s.source();
    }
    let text = e.to_string();
    if e.is_connect() {
        FetchError::Connect(text)
    } else {
        FetchError::Transport(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_to_the_apis_own_origin_only() {
        let f = Fetcher::new(FetchLimits::default(), Some(("https://api.gym.mx/api/v1", Token::new("t")))).unwrap();
        let yes = ["https://api.gym.mx/photos/1.jpg", "https://api.gym.mx:443/x"];
        let no = ["http://api.gym.mx/photos/1.jpg", "https://cdn.gym.mx/1.jpg", "https://api.gym.mx:8443/1.jpg"];
        for u in yes {
            assert!(f.sends_token_to(&Url::parse(u).unwrap()), "{u}");
        }
        for u in no {
            assert!(!f.sends_token_to(&Url::parse(u).unwrap()), "{u}");
        }
        let none = Fetcher::new(FetchLimits::default(), None).unwrap();
        assert!(!none.sends_token_to(&Url::parse(yes[0]).unwrap()));
    }
}
