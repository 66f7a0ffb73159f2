//! Finding the file a URL path names in the static folders: the path split into decoded segments
//! (refusing any that starts with `.` or holds a backslash or NUL), joined to the first folder
//! whose prefix it is below, and the result contained in that folder with links resolved
//! ([`crate::static_roots`]); `index.html` for a folder asked for with its slash. Also the file
//! behind a fingerprinted name that no file has ([`crate::static_fingerprint`]).

use crate::state::AppState;
use crate::static_fingerprint::split_hashed;
use crate::static_roots::StaticRoot;
use std::path::PathBuf;

/// The segments of a URL path below `prefix`, decoded, or `None` if unsafe or not below it.
fn safe_segments(path: &str, prefix: &str) -> Option<Vec<String>> {
    let rest = if prefix.is_empty() {
        path.strip_prefix('/')?
    } else {
        let rest = path.strip_prefix('/')?.strip_prefix(prefix)?;
        if rest.is_empty() {
            return Some(Vec::new());
        }
        rest.strip_prefix('/')?
    };
    let mut segments = Vec::new();
    for raw in rest.split('/') {
        let seg = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .ok()?;
        if seg.starts_with('.') || seg.contains(['\\', '\0', '/']) {
            return None;
        }
        if !seg.is_empty() {
            segments.push(seg.into_owned());
        }
    }
    Some(segments)
}

/// A static file found for a URL path.
pub struct Located<'a> {
    /// The folder it was found in.
    pub root: &'a StaticRoot,
    /// Its path as asked for (the name gives the content type and the precompressed siblings).
    pub file: PathBuf,
    /// Its canonical path.
    pub canonical: PathBuf,
    /// Its metadata.
    pub meta: std::fs::Metadata,
}

/// What a URL path finds in the static folders.
pub enum Found<'a> {
    /// A regular file.
    File(Box<Located<'a>>),
    /// A folder asked for without its trailing slash.
    Folder,
}

/// The file or folder `path` names in the first static folder that has it (`index.html` for a
/// folder asked for with its slash); `None` for API paths and anything not there.
pub async fn locate<'a>(state: &'a AppState, path: &str) -> Option<Found<'a>> {
    if path == "/v1" || path.starts_with("/v1/") {
        return None;
    }
    for root in state.static_roots.iter() {
        let Some(segments) = safe_segments(path, &root.prefix) else {
            continue;
        };
        let mut file = root.dir.clone();
        file.extend(&segments);
        let mut canonical = root.contained(&file).await?;
        let mut meta = tokio::fs::metadata(&canonical).await.ok()?;
        if meta.is_dir() {
            if !path.ends_with('/') {
                return Some(Found::Folder);
            }
            file.push("index.html");
            canonical = root.contained(&file).await?;
            meta = tokio::fs::metadata(&canonical).await.ok()?;
        }
        return meta.is_file().then(|| {
            Found::File(Box::new(Located {
                root,
                file,
                canonical,
                meta,
            }))
        });
    }
    None
}

/// The regular file `path` names (not a folder), for [`crate::static_html`].
pub async fn locate_file<'a>(state: &'a AppState, path: &str) -> Option<Located<'a>> {
    match locate(state, path).await? {
        Found::File(found) if !path.ends_with('/') => Some(*found),
        _ => None,
    }
}

/// The file behind a fingerprinted name that no file has (`/app.<hex>.css`): `/app.css` if its
/// fingerprint is that hex ([`crate::static_fingerprint`]).
pub async fn locate_virtual<'a>(state: &'a AppState, path: &str) -> Option<Located<'a>> {
    let (dir, name) = path.rsplit_once('/')?;
    let (plain, hash) = split_hashed(name)?;
    let found = locate_file(state, &format!("{dir}/{plain}")).await?;
    let current = state.fingerprints.of(&found.canonical, &found.meta).await?;
    (current == hash).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_encoded_traversal_are_refused() {
        assert_eq!(
            safe_segments("/a/b.js", ""),
            Some(vec!["a".into(), "b.js".into()])
        );
        assert_eq!(
            safe_segments("/pkg/x.wasm", "pkg"),
            Some(vec!["x.wasm".into()])
        );
        assert_eq!(safe_segments("/pkgx/x.wasm", "pkg"), None);
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/a/..%2fb",
            "/a%5c..%5cb",
            "/%00",
            "/.env",
            "/.git/config",
            "/sub/.hidden/x",
            "/%2egit/config",
        ] {
            assert_eq!(safe_segments(bad, ""), None, "{bad}");
        }
    }
}
