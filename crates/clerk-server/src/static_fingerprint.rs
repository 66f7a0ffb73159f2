//! Fingerprinted (content-hashed) names of static files: `STEM.<16 hex>.EXT` for `STEM.EXT`, the
//! hex being the first 64 bits of the SHA-256 of the file's bytes. A browser may keep a file
//! under such a name for a year without asking again ([`IMMUTABLE`]): another version of the file
//! has another name.
//!
//! How the server recognises them: by the pattern alone. A request for a name of that pattern is
//! served from a file of that exact name if there is one (a build wrote it, trusted to have
//! hashed it), else from `STEM.EXT` if its current fingerprint is that hex (a "virtual" name: an
//! HTML page names it so, [`crate::static_html`]); else it is a 404, never another version.
//! Fingerprints are computed from the file's bytes on first use and kept by [`Fingerprints`]
//! while the file's length and modification time stay the same.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// `Cache-Control` of a fingerprinted name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Hex digits of a fingerprint.
const HEX_DIGITS: usize = 16;

/// Files whose fingerprint is kept; the cache starts again when it is full.
const MAX_ENTRIES: usize = 4096;

/// The fingerprint of `bytes`: 16 lowercase hex digits of their SHA-256.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(HEX_DIGITS);
    for byte in &digest[..HEX_DIGITS / 2] {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    hex
}

/// `STEM.<hash>.EXT` for `STEM.EXT`; `None` for a name without a stem or an extension, or one
/// that is fingerprinted already.
pub fn hashed_name(name: &str, hash: &str) -> Option<String> {
    if split_hashed(name).is_some() {
        return None;
    }
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| format!("{stem}.{hash}.{ext}"))
}

/// For a fingerprinted name `STEM.<16 hex>.EXT`: (`STEM.EXT`, the hex).
pub fn split_hashed(name: &str) -> Option<(String, &str)> {
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, hash) = rest.rsplit_once('.')?;
    let is_hash = hash.len() == HEX_DIGITS
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (is_hash && !stem.is_empty() && !ext.is_empty()).then(|| (format!("{stem}.{ext}"), hash))
}

/// Fingerprints of files by canonical path, each valid for one length and modification time.
#[derive(Debug, Default)]
pub struct Fingerprints(Mutex<HashMap<PathBuf, (u64, SystemTime, String)>>);

impl Fingerprints {
    /// The fingerprint of the file at `canonical` whose metadata is `meta` (read if not cached);
    /// `None` if it cannot be read.
    pub async fn of(&self, canonical: &Path, meta: &std::fs::Metadata) -> Option<String> {
        let version = (meta.len(), meta.modified().ok()?);
        if let Some((len, modified, hash)) = self.lock().get(canonical) {
            if (*len, *modified) == version {
                return Some(hash.clone());
            }
        }
        let bytes = tokio::fs::read(canonical).await.ok()?;
        if bytes.len() as u64 != version.0 {
            return None; // changed while read: no fingerprint for a version in between
        }
        let hash = fingerprint(&bytes);
        let mut map = self.lock();
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(
            canonical.to_path_buf(),
            (version.0, version.1, hash.clone()),
        );
        Some(hash)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, (u64, SystemTime, String)>> {
        // A panic while holding the lock cannot leave the map inconsistent (one insert).
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprinted_name_round_trips_and_other_names_are_not_taken_for_one() {
        let hash = fingerprint(b"body { color: red }");
        assert_eq!(hash.len(), 16);
        let name = hashed_name("app.css", &hash).unwrap();
        assert_eq!(name, format!("app.{hash}.css"));
        assert_eq!(split_hashed(&name), Some(("app.css".into(), hash.as_str())));
        assert_eq!(
            split_hashed("clerk_wasm_bg.0123456789abcdef.wasm"),
            Some(("clerk_wasm_bg.wasm".into(), "0123456789abcdef"))
        );
        for plain in [
            "app.css",
            "app.0123456789ABCDEF.css",
            "app.0123456789abcde.css",
            "app.0123456789abcdefg.css",
            ".0123456789abcdef.css",
            "app.0123456789abcdef.",
            "0123456789abcdef.css",
        ] {
            assert_eq!(split_hashed(plain), None, "{plain}");
        }
        assert_eq!(hashed_name("LICENSE", &hash), None);
        assert_eq!(hashed_name(".env", &hash), None);
        assert_eq!(hashed_name(&name, &hash), None, "fingerprinted already");
    }

    #[tokio::test]
    async fn a_fingerprint_follows_the_file_it_describes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.js");
        std::fs::write(&path, "let a = 1;").unwrap();
        let prints = Fingerprints::default();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(
            prints.of(&path, &meta).await,
            Some(fingerprint(b"let a = 1;"))
        );
        std::fs::write(&path, "let a = 22;").unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(
            prints.of(&path, &meta).await,
            Some(fingerprint(b"let a = 22;"))
        );
    }
}
