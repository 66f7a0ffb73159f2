//! Another local user, the attacker of the file-permission tests: files it plants are owned by
//! uid/gid 65534 (`nobody`) when the tests run as root, else by the test's own user (the mode
//! bits still make them readable and writable by everyone).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// The attacker's uid.
pub const ATTACKER_UID: u32 = 65534;

/// Whether planted files really belong to another user (the tests run as root).
pub fn can_plant_as_another_user() -> bool {
    own_uid() == 0
}

/// Writes `contents` to `path` with `mode`, owned by the attacker where possible.
pub fn plant(path: &Path, contents: &[u8], mode: u32) {
    std::fs::write(path, contents).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if can_plant_as_another_user() {
        std::os::unix::fs::chown(path, Some(ATTACKER_UID), Some(ATTACKER_UID)).unwrap();
    }
}

/// A directory anyone may write to (like /tmp, without the sticky bit's protection even).
pub fn shared_directory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

/// `path`'s permission bits and owner (following symlinks).
pub fn mode_and_owner(path: &Path) -> (u32, u32) {
    let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (meta.mode() & 0o7777, meta.uid())
}

/// The server's (this process's) effective uid: the owner of a file it creates.
pub fn own_uid() -> u32 {
    tempfile::tempfile().unwrap().metadata().unwrap().uid()
}
