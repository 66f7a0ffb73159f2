//! Static files beside the API (`--static-dir DIR` at `/`, `--static-dir PREFIX=DIR` at
//! `/PREFIX/`): GET and HEAD only, `index.html` for directories, `.wasm` as `application/wasm`,
//! `.js`/`.mjs` as `text/javascript`.
//!
//! Caching: a fingerprinted name (`app.<16 hex>.css`, [`crate::static_fingerprint`]) is sent with
//! `Cache-Control: public, max-age=31536000, immutable`: that name never names other bytes, so
//! the browser never asks again. Any other name gets `no-cache` (it may name new bytes after a
//! build, so the browser revalidates every time) with an `ETag` from the file's size and
//! modification time, so a revalidation is a `304 Not Modified` without a body, and the browser
//! keeps its cached copy (and V8 its compiled wasm). HTML pages name the files they use by
//! fingerprinted names ([`crate::static_html`]), so a returning visit revalidates the page alone.
//! Precompressed files: a `NAME.br` or `NAME.gz` beside `NAME`, at
//! least as new as it, is sent instead (`Content-Encoding`) to browsers that accept that encoding;
//! `cargo xtask build` writes both for the package's JS and wasm. See [`crate::static_cache`].
//!
//! Files are streamed in chunks of [`CHUNK_BYTES`] with their `Content-Length` (HEAD gives the
//! length and no body), never read whole: a client that asks for a large file and does not read
//! it holds a chunk, hyper's write buffer and the socket buffers, until the idle timeout closes
//! its connection ([`crate::serve::idle`]).
//!
//! Security rules ([`crate::static_locate`]): the decoded path is split into segments and a
//! segment that starts with `.` (`..`, `.`, `.env`, `.git`: dot-files and dot-folders are never
//! served) or holds a backslash or NUL refuses the request. The file found (and a precompressed sibling) must then lie, links
//! resolved, inside the folder and not below a dot-name ([`crate::static_roots`]): a link out of
//! the folder is a 404. Start-up refuses a folder holding the database or the signing key.

use crate::state::AppState;
use crate::static_cache::{accepted_encodings, etag, etag_matches, Encoding};
use crate::static_fingerprint::{fingerprint, split_hashed, IMMUTABLE};
use crate::static_html::MAX_REWRITE_BYTES;
use crate::static_locate::{locate, locate_virtual, Found, Located};
use crate::static_roots::StaticRoot;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use std::path::PathBuf;
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;

/// Bytes read from a file per chunk of an answer: what a connection holds of a file at a time,
/// besides hyper's write buffer and the socket's.
const CHUNK_BYTES: usize = 64 * 1024;

fn content_type(path: &std::path::Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Where a folder requested without its trailing slash redirects: a relative reference to
/// itself with the slash (`./NAME/`), so that a path such as `//evil.example` can never become
/// a protocol-relative `Location` (an open redirect), nor `/javascript:x` a scheme.
fn directory_location(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or("");
    format!("./{name}/")
}

/// Serves `uri` from the static folders, or `None` when it is not a static file.
pub async fn serve(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Option<Response> {
    if *method != Method::GET && *method != Method::HEAD {
        return None;
    }
    let path = uri.path();
    let name = path.rsplit('/').next().unwrap_or("");
    let immutable = split_hashed(name).is_some();
    let found = match locate(state, path).await {
        Some(Found::Folder) => {
            return Some(Redirect::permanent(&directory_location(path)).into_response())
        }
        Some(Found::File(found)) => *found,
        None if immutable => locate_virtual(state, path).await?,
        None => return None,
    };
    let cache_control = if immutable { IMMUTABLE } else { "no-cache" };
    if content_type(&found.file).starts_with("text/html") && found.meta.len() <= MAX_REWRITE_BYTES {
        if let Some(r) = html(state, method, headers, &found, cache_control).await {
            return Some(r);
        }
    }
    let (send, encoding) = variant(
        found.root,
        &found.file,
        found.canonical,
        &found.meta,
        headers,
    )
    .await;
    // The metadata of what is sent, read from the open file, so the ETag and the length
    // describe the bytes streamed even if the path changes meanwhile.
    let handle = tokio::fs::File::open(&send).await.ok()?;
    let meta = handle.metadata().await.ok()?;
    if !meta.is_file() {
        return None;
    }
    let tag = etag(&meta, encoding);
    let body = if *method == Method::HEAD {
        Body::empty()
    } else {
        // At most the length announced, should the file grow while it is sent.
        let reader = handle.take(meta.len());
        Body::from_stream(ReaderStream::with_capacity(reader, CHUNK_BYTES))
    };
    Some(answer(
        headers,
        &tag,
        body,
        meta.len(),
        &found.file,
        encoding,
        cache_control,
    ))
}

/// An HTML page with its references fingerprinted ([`crate::static_html`]); `None` if it cannot
/// be read as UTF-8 (it is then streamed as it is).
async fn html(
    state: &AppState,
    method: &Method,
    headers: &HeaderMap,
    found: &Located<'_>,
    cache_control: &'static str,
) -> Option<Response> {
    let bytes = tokio::fs::read(&found.canonical).await.ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let sent = crate::static_html::rewrite(state, &text).await.into_bytes();
    let tag = format!("\"{}\"", fingerprint(&sent));
    let len = sent.len() as u64;
    let body = if *method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(sent)
    };
    Some(answer(
        headers,
        &tag,
        body,
        len,
        &found.file,
        None,
        cache_control,
    ))
}

/// The answer for one version of `file` (`tag`): a 304 if `If-None-Match` names it, else `body`.
fn answer(
    headers: &HeaderMap,
    tag: &str,
    body: Body,
    len: u64,
    file: &std::path::Path,
    encoding: Option<Encoding>,
    cache_control: &'static str,
) -> Response {
    let mut r = if etag_matches(headers, tag) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        let mut r = Response::new(body);
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(content_type(file)),
        );
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        if let Some(encoding) = encoding {
            r.headers_mut().insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.name()),
            );
        }
        r
    };
    let h = r.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(tag) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, tag);
    }
    r
}

/// The file to send for `file` (whose canonical path is `canonical`): a precompressed sibling
/// (`.br`, then `.gz`) the request accepts, that is not older than `file` and that may be served
/// from `root`, else `file` itself; as a canonical path, with its encoding.
async fn variant(
    root: &StaticRoot,
    file: &std::path::Path,
    canonical: PathBuf,
    meta: &std::fs::Metadata,
    headers: &HeaderMap,
) -> (PathBuf, Option<Encoding>) {
    for encoding in accepted_encodings(headers) {
        let mut name = file.as_os_str().to_owned();
        name.push(encoding.suffix());
        let Some(candidate) = root.contained(std::path::Path::new(&name)).await else {
            continue;
        };
        if let Ok(m) = tokio::fs::metadata(&candidate).await {
            let fresh = match (m.modified(), meta.modified()) {
                (Ok(c), Ok(o)) => c >= o,
                _ => false,
            };
            if m.is_file() && fresh {
                return (candidate, Some(encoding));
            }
        }
    }
    (canonical, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_redirect_is_relative_and_never_leaves_the_site() {
        assert_eq!(directory_location("/sign-in"), "./sign-in/");
        assert_eq!(directory_location("//sign-in"), "./sign-in/");
        assert_eq!(directory_location("/a/javascript:x"), "./javascript:x/");
    }

    #[test]
    fn wasm_and_js_get_their_browser_types() {
        assert_eq!(content_type("a/b.wasm".as_ref()), "application/wasm");
        assert!(content_type("a/b.mjs".as_ref()).starts_with("text/javascript"));
    }
}
