//! HTML pages name the static files they use by fingerprinted names
//! ([`crate::static_fingerprint`]), so a returning visit revalidates the page and nothing else.
//!
//! An HTML file of a static folder, up to [`MAX_REWRITE_BYTES`], is sent with every quoted value
//! right after an `=` that is a site-absolute path to a static file (`src="/app.css"`,
//! `href='/pkg/x.js'`, `data-wasm="/pkg/clerk_wasm_bg.wasm"`: `=`, a quote, `/`, and no `//`,
//! `?`, `#`, `%`, `..` or spaces) replaced by that file's fingerprinted name
//! (`/app.3f1c...e2.css`). Everything else is left as it is: links to folders, API paths
//! (`/v1/...`), absolute URLs, names of files that do not exist, `import ... from '/x.js'` in
//! an inline module (no `=`). The file on disk keeps its plain names, so the same page works from
//! any other server. The answer's `ETag` is the fingerprint of the bytes sent: it changes when
//! the page or any file it names changes.

use crate::state::AppState;
use crate::static_fingerprint::hashed_name;

/// HTML files larger than this are sent as they are (streamed, not rewritten).
pub const MAX_REWRITE_BYTES: u64 = 512 * 1024;

/// `html` with its references to static files fingerprinted.
pub async fn rewrite(state: &AppState, html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = next_value(rest) {
        let quote = &rest[at + 1..at + 2];
        let value_start = at + 2;
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let Some(end) = rest.find(quote) else {
            break;
        };
        let value = &rest[..end];
        match fingerprinted(state, value).await {
            Some(hashed) => out.push_str(&hashed),
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `="/` or `='/` starts in `s`.
fn next_value(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    s.match_indices('=').map(|(i, _)| i).find(|&i| {
        matches!(bytes.get(i + 1), Some(b'"' | b'\'')) && bytes.get(i + 2) == Some(&b'/')
    })
}

/// The fingerprinted path for `value` if it names a static file, else `None`.
async fn fingerprinted(state: &AppState, value: &str) -> Option<String> {
    let plain = !value.starts_with("//")
        && !value.contains(['?', '#', '%', '"', '\'', '\\', '<', '>', ' '])
        && !value.contains("..")
        && !value.ends_with('/');
    if !plain {
        return None;
    }
    let (dir, name) = value.rsplit_once('/')?;
    let found = crate::static_locate::locate_file(state, value).await?;
    let hash = state.fingerprints.of(&found.canonical, &found.meta).await?;
    Some(format!("{dir}/{}", hashed_name(name, &hash)?))
}
