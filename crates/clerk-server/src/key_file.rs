//! The signing key's file: a 32-byte Ed25519 seed, base64url without padding, on one line.
//! Processes given the same file sign with the same key.
//!
//! Security rules (a local user must not be able to read, choose or swap the key):
//! - A new key is written to a temporary file in the key's directory whose name carries 128
//!   random bits (`.NAME.tmp_RANDOM`), opened with exclusive create (`O_CREAT | O_EXCL`, which
//!   also refuses to follow a symlink) and mode 0600 from the first byte. Nobody can have
//!   created that name in advance, so nobody else can hold the file open or own it. It is
//!   written, synced, then hard-linked to the final name, and the temporary name is removed. The
//!   link fails if the final name exists (another process created the key meanwhile, or someone
//!   planted a file or symlink there): then the file at the final name is read instead, under
//!   the rule below; nothing is ever written through an existing name.
//! - A key file is used, whether this process created it or found it, only if the opened file
//!   (symlinks followed, so a Kubernetes secret mount works) is a regular file owned by the
//!   server's effective user and its mode grants no permission to group or others
//!   ([`crate::private_file::exposure`], checked on the open file descriptor, so the file checked
//!   is the file read). Otherwise start-up fails with a configuration error naming the file and
//!   the fix (`chmod 600`, `chown`); the file is not changed.
//! - Key material never reaches a log or an error message.

use crate::error::AppError;
use crate::private_file::{exposure, owner_only};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Attempts at a fresh temporary name (with 128 random bits, one is enough unless the system's
/// random source is broken).
const TEMPORARY_NAME_ATTEMPTS: usize = 4;
/// A key file is one line of 43 characters; anything much longer is not a key file.
const MAX_KEY_FILE_BYTES: u64 = 1024;

/// The seed in the key file at `path`, creating the file with a fresh seed when it is missing.
pub fn load_or_create(path: &Path) -> Result<[u8; 32], AppError> {
    if let Some(file) = open_existing(path)? {
        return read_seed(file, path);
    }
    let seed = crate::secrets::random_bytes::<32>()?;
    let (temporary, mut file) = create_temporary(path)?;
    let written = check(&file, &temporary)
        .and_then(|()| write_seed(&mut file, &seed).map_err(|e| io(&temporary, "write", &e)));
    drop(file);
    let linked = written.and_then(|()| match std::fs::hard_link(&temporary, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io(path, "create", &e)),
    });
    // The temporary name goes whatever happened; the key lives on under the final name.
    let _ = std::fs::remove_file(&temporary);
    if linked? {
        sync_directory(path);
        return Ok(seed);
    }
    // Someone else's file (or symlink) took the final name first: use it only if it passes.
    match open_existing(path)? {
        Some(file) => read_seed(file, path),
        None => Err(AppError::Config(format!(
            "signing key {} exists but cannot be opened (a dangling symlink?); remove it or \
             point it at the key file",
            path.display()
        ))),
    }
}

/// Opens the key file at `path` for reading, `None` when there is none.
fn open_existing(path: &Path) -> Result<Option<File>, AppError> {
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path, "open", &e)),
    }
}

/// A new, empty, private file beside `path` with an unpredictable name.
fn create_temporary(path: &Path) -> Result<(PathBuf, File), AppError> {
    let name = path.file_name().ok_or_else(|| {
        AppError::Config(format!(
            "signing_key_path {} does not name a file",
            path.display()
        ))
    })?;
    let mut last = None;
    for _ in 0..TEMPORARY_NAME_ATTEMPTS {
        let mut temporary_name = OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(".");
        temporary_name.push(crate::secrets::new_id("tmp")?);
        let temporary = path.with_file_name(temporary_name);
        match owner_only(OpenOptions::new().write(true).create_new(true)).open(&temporary) {
            Ok(file) => return Ok((temporary, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(io(&temporary, "create", &e)),
        }
    }
    let e = last.unwrap_or_else(|| ErrorKind::AlreadyExists.into());
    Err(io(path, "create a temporary file for", &e))
}

fn write_seed(file: &mut File, seed: &[u8; 32]) -> std::io::Result<()> {
    file.write_all(URL_SAFE_NO_PAD.encode(seed).as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

/// Makes the new directory entry durable (best effort: the key is already in use).
fn sync_directory(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

/// Refuses a key file that is not a regular file private to the server's user.
fn check(file: &File, path: &Path) -> Result<(), AppError> {
    let meta = file.metadata().map_err(|e| io(path, "inspect", &e))?;
    if !meta.is_file() {
        return Err(AppError::Config(format!(
            "signing key {} is not a regular file",
            path.display()
        )));
    }
    match exposure(&meta) {
        None => Ok(()),
        Some(why) => Err(AppError::Config(format!(
            "signing key {} {why}, so another local user may have read or planted it; refusing \
             to use it. If the key is yours and was never exposed, make it private to the \
             server's user (`chown` it to that user and `chmod 600` it); otherwise remove it and \
             let the server create a new one (tokens signed by the old key stop verifying)",
            path.display()
        ))),
    }
}

fn read_seed(file: File, path: &Path) -> Result<[u8; 32], AppError> {
    check(&file, path)?;
    let mut text = String::new();
    file.take(MAX_KEY_FILE_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| io(path, "read", &e))?;
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| {
        AppError::Config(format!("signing key {} is not base64url", path.display()))
    })?;
    bytes
        .try_into()
        .map_err(|_| AppError::Config(format!("signing key {} is not 32 bytes", path.display())))
}

fn io(path: &Path, action: &str, e: &std::io::Error) -> AppError {
    AppError::Config(format!(
        "cannot {action} signing key {}: {e}",
        path.display()
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn two_loads_of_one_key_file_share_the_seed_and_leave_one_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        let a = load_or_create(&path).unwrap();
        let b = load_or_create(&path).unwrap();
        assert_eq!(a, b);
        assert_eq!(mode(&path), 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["key"], "no temporary file is left behind");
    }

    #[test]
    fn a_key_file_that_others_may_read_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        load_or_create(&path).unwrap();
        let before = std::fs::read(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let err = load_or_create(&path).unwrap_err().to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("chmod 600"), "{err}");
        assert!(!err.contains(std::str::from_utf8(&before).unwrap().trim()));
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_symlink_to_a_private_key_file_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let seed = load_or_create(&real).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(load_or_create(&link).unwrap(), seed);
    }

    #[test]
    fn a_dangling_symlink_at_the_key_path_is_neither_followed_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("key");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = load_or_create(&link).unwrap_err().to_string();
        assert!(err.contains("dangling"), "{err}");
        assert!(!target.exists(), "nothing was written through the symlink");
    }
}
