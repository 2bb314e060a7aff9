//! Member pictures on loopback, so the desk's photo cache is tested against a
//! real HTTP server: `GET /photos/{id}.jpg[?v=N]` is member `id`'s drawn
//! portrait (512 px, variant N) with an ETag, answering 304 to a matching
//! `If-None-Match`; a few special names answer what a picture URL may answer
//! in the wild: `missing.jpg` (404), `page.html` (a login page, 200), `hang.jpg`
//! (headers and a few bytes, then nothing), `huge-dims.png` (5000x5000, past the
//! desk's 4096 px limit),
//! `not-image.jpg` (text served as image/jpeg), `huge-body.jpg` (8 MB with no
//! Content-Length), `to-ftp.jpg` (a redirect to ftp:), `moved.jpg` (a redirect to
//! member 1's portrait). No token needed, as a CDN. Each request is counted per
//! path and query (`GET /admin/photos`).
//!
//! In a snapshot, a member's `picture` may start with `{self}`: the members
//! list answers it with this server's own origin (`http://127.0.0.1:PORT`),
//! which a snapshot written before the server picked its port cannot know.

use crate::state::App;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use std::io::Cursor;
use std::sync::OnceLock;

/// The placeholder for the server's own origin in snapshot pictures.
pub const SELF_ORIGIN: &str = "{self}";

pub fn resolve_picture(app: &App, picture: Option<&str>) -> Option<String> {
    let p = picture?;
    match app.self_origin.get() {
        Some(origin) => Some(p.replace(SELF_ORIGIN, origin)),
        None => Some(p.to_owned()),
    }
}

fn portrait_jpeg(id: i64, variant: u32) -> Vec<u8> {
    let img = frontdesk::photos::portrait::portrait(id, variant, 512);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image::DynamicImage::ImageRgb8(img))
        .expect("a portrait encodes");
    out
}

fn huge_png() -> &'static [u8] {
    static PNG: OnceLock<Vec<u8>> = OnceLock::new();
    PNG.get_or_init(|| {
        let img = image::GrayImage::from_pixel(5000, 5000, image::Luma([120]));
        let mut out = Cursor::new(Vec::new());
        image::DynamicImage::ImageLuma8(img).write_to(&mut out, image::ImageFormat::Png).expect("png");
        out.into_inner()
    })
}

fn typed(content_type: &'static str, body: Body) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

pub async fn photo(
    State(app): State<App>,
    headers: HeaderMap,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let key = match &q {
        Some(q) => format!("/photos/{name}?{q}"),
        None => format!("/photos/{name}"),
    };
    *app.photo_requests.lock().unwrap_or_else(|e| e.into_inner()).entry(key).or_default() += 1;
    match name.as_str() {
        "missing.jpg" => (StatusCode::NOT_FOUND, "Not Found").into_response(),
        // A redirect to a scheme the desk must not follow, and one it follows.
        "to-ftp.jpg" => (StatusCode::FOUND, [(header::LOCATION, "ftp://127.0.0.1/photos/1.jpg")]).into_response(),
        "moved.jpg" => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, "/photos/1.jpg")]).into_response(),
        "page.html" => typed(
            "text/html; charset=utf-8",
            Body::from("<!DOCTYPE html><html><head><title>Iniciar sesión</title></head><body>Login</body></html>"),
        ),
        "not-image.jpg" => typed("image/jpeg", Body::from("this is not a JPEG at all, just text")),
        "huge-dims.png" => typed("image/png", Body::from(huge_png())),
        "hang.jpg" => {
            let first =
                stream::once(async { Ok::<Bytes, std::io::Error>(Bytes::from_static(&[0xFF, 0xD8, 0xFF, 0xE0])) });
            typed("image/jpeg", Body::from_stream(first.chain(stream::pending())))
        }
        "huge-body.jpg" => {
            // 8 MB in 64 KB chunks, streamed without a Content-Length.
            let chunks = stream::iter(0..128).map(|_| Ok::<Bytes, std::io::Error>(Bytes::from(vec![0xAB; 64 * 1024])));
            typed("image/jpeg", Body::from_stream(chunks))
        }
        other => {
            let Some(id) = other.strip_suffix(".jpg").and_then(|s| s.parse::<i64>().ok()) else {
                return (StatusCode::NOT_FOUND, "Not Found").into_response();
            };
            let variant: u32 = q
                .as_deref()
                .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("v=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let etag = format!("\"p{id}-v{variant}\"");
            if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
                return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
            }
            let jpeg = {
                let mut cache = app.portraits.lock().unwrap_or_else(|e| e.into_inner());
                cache.entry((id, variant)).or_insert_with(|| Bytes::from(portrait_jpeg(id, variant))).clone()
            };
            ([(header::CONTENT_TYPE, "image/jpeg".to_owned()), (header::ETAG, etag)], jpeg).into_response()
        }
    }
}

/// `GET /admin/photos`: requests per photo path (with its query).
pub async fn requests(State(app): State<App>) -> Response {
    axum::Json(app.photo_requests.lock().unwrap_or_else(|e| e.into_inner()).clone()).into_response()
}
