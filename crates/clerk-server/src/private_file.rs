//! Files that only the server's user may touch: the signing key (see [`crate::key_file`]), the
//! SQLite database with its `-wal`, `-shm` and `.lock` companions (see [`crate::store::sqlite`]
//! and [`crate::store::lite`]).
//!
//! Security rules:
//! - Such a file is created with mode 0600 in the `open` call that creates it
//!   ([`owner_only`]), never created first and `chmod`ed after: there is no moment at which
//!   another local user could open it.
//! - Whether an existing file is private is judged by [`exposure`] on the opened file's own
//!   metadata (`fstat`, or `stat` through symlinks): it is private when it is owned by the
//!   server's effective user and its mode grants nothing to group or others. The callers decide
//!   what an exposed file means (the key file is refused; a database that already existed is
//!   named in a warning, because refusing would stop a server whose data is fine).
//! - Unix only: elsewhere these rules are not enforced and [`exposure`] finds nothing.

use std::fs::{Metadata, OpenOptions};

/// Permission bits for group and others: a private file has none of them.
pub const GROUP_OTHER_BITS: u32 = 0o077;

/// `options` with mode 0600 for a file that the open call creates (an existing file keeps its
/// mode: check it with [`exposure`]).
pub fn owner_only(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// The server's effective user id.
#[cfg(unix)]
pub fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions, cannot fail and touches no memory of ours.
    unsafe { libc::geteuid() }
}

/// Why a file with `meta` is not private to the server's user, or `None` when it is.
#[cfg(unix)]
pub fn exposure(meta: &Metadata) -> Option<Exposure> {
    use std::os::unix::fs::MetadataExt;
    let mode = meta.mode() & 0o7777;
    let euid = effective_uid();
    if meta.uid() != euid {
        Some(Exposure::ForeignOwner {
            owner: meta.uid(),
            euid,
            mode,
        })
    } else if mode & GROUP_OTHER_BITS != 0 {
        Some(Exposure::OpenMode { mode })
    } else {
        None
    }
}

/// Why a file with `meta` is not private to the server's user (never, off Unix).
#[cfg(not(unix))]
pub fn exposure(_meta: &Metadata) -> Option<Exposure> {
    None
}

/// How a file fails to be private.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Owned by another user than the server's.
    ForeignOwner {
        /// The file's owner.
        owner: u32,
        /// The server's effective user id.
        euid: u32,
        /// The file's permission bits.
        mode: u32,
    },
    /// Owned by the server's user, but group or others have some permission.
    OpenMode {
        /// The file's permission bits.
        mode: u32,
    },
}

impl std::fmt::Display for Exposure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ForeignOwner { owner, euid, mode } => write!(
                f,
                "is owned by uid {owner}, not by the server's user (uid {euid}), mode {mode:04o}"
            ),
            Self::OpenMode { mode } => write!(
                f,
                "has mode {mode:04o}: group or others may read or write it"
            ),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_file_created_owner_only_is_0600_whatever_the_umask_allows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        owner_only(OpenOptions::new().write(true).create_new(true))
            .open(&path)
            .unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(exposure(&meta), None);
    }

    #[test]
    fn group_or_other_bits_make_a_file_exposed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "x").unwrap();
        for mode in [0o640, 0o604, 0o620, 0o602, 0o644] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let found = exposure(&std::fs::metadata(&path).unwrap());
            assert_eq!(found, Some(Exposure::OpenMode { mode }), "{mode:o}");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(exposure(&std::fs::metadata(&path).unwrap()), None);
    }
}
