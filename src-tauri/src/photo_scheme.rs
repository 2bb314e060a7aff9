//! Member photos reach the window only from the desk's own cache, through the
//! `photo` URI scheme (`photo://localhost/1001` on Linux and macOS,
//! `http://photo.localhost/1001` on Windows), which the CSP allows for images.
//! No remote URL ever reaches the webview, and a photo shows offline. The
//! replica is read on a thread of its own, never on the webview's.

use crate::state::Desk;
use std::sync::Arc;
use tauri::http::{header, Response, StatusCode};
use tauri::Manager;

pub const SCHEME: &str = "photo";

/// The answer to a request for `path` (`/<member id>`): the cached JPEG, 404
/// when the desk has none for that member, 400 for a path that names none.
pub fn respond(desk: &Desk, path: &str) -> Response<Vec<u8>> {
    let Some(id) = path.trim_matches('/').parse::<i64>().ok().filter(|id| *id > 0) else {
        return plain(StatusCode::BAD_REQUEST, "not a member id");
    };
    match desk.desk(|d| d.member_photo(id)) {
        Ok(Some(jpeg)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "image/jpeg")
            // A later pull may bring a new photo: the window asks again each time.
            .header(header::CACHE_CONTROL, "no-cache")
            .body(jpeg)
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response")),
        Ok(None) => plain(StatusCode::NOT_FOUND, "no cached photo"),
        Err(e) => {
            tracing::warn!(code = %e.code, member = id, "photo: {}", e.message);
            plain(StatusCode::SERVICE_UNAVAILABLE, "the replica cannot be read")
        }
    }
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut r = Response::new(text.as_bytes().to_vec());
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain"));
    r
}

/// Registers the scheme on an app builder of any runtime.
pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |ctx, request, responder| {
        let desk = ctx.app_handle().state::<Arc<Desk>>().inner().clone();
        let path = request.uri().path().to_owned();
        tauri::async_runtime::spawn_blocking(move || responder.respond(respond(&desk, &path)));
    })
}
