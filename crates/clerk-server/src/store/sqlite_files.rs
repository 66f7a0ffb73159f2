//! The SQLite database's files on disk: `PATH` (emails, password hashes, client IPs), `PATH-wal`
//! and `PATH-shm` (recent pages of the same data), and `PATH.lock` ([`super::lite`]).
//!
//! Security rules:
//! - A database file that does not exist is created here with mode 0600 before SQLite opens it
//!   (SQLite's unix VFS gives the `-wal`, `-shm` and `-journal` files it creates the database
//!   file's permission bits, umask aside, so they are 0600 from their creation too). `PATH.lock`
//!   is created with mode 0600 as well.
//! - When the database file does not exist yet, a `-wal`, `-shm` or `-journal` file beside it
//!   can only be stale or planted by someone who can write to the directory (SQLite would open
//!   it as it is, and could replay a planted WAL into the new database): start-up is refused
//!   with a configuration error naming the file.
//! - Files that already exist are not changed: a database file (or companion) that is not private
//!   to the server's user ([`crate::private_file::exposure`]) is named in a warning at start-up,
//!   with the `chmod`/`chown` that fixes it. Refusing to start would take down a server whose
//!   files were created by an earlier version (0644 under the usual umask); chmod-ing them
//!   silently would change files an operator may have set up on purpose.

use super::error::StoreError;
use crate::private_file::{exposure, owner_only};
use std::fs::OpenOptions;
use std::io::ErrorKind;

/// The files SQLite keeps beside a database file while it is in use.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Before SQLite opens `path`: creates it empty with mode 0600 when missing (SQLite takes an
/// empty file as an empty database), refusing planted companions of a new database.
pub fn prepare(path: &str) -> Result<(), StoreError> {
    if std::fs::symlink_metadata(path).is_err() {
        for suffix in COMPANIONS {
            let companion = format!("{path}{suffix}");
            if std::fs::symlink_metadata(&companion).is_ok() {
                return Err(StoreError::Config(format!(
                    "the SQLite database {path} does not exist but {companion} does: it is \
                     stale or was planted by someone who can write to that directory, and \
                     SQLite would use it. Remove it (and check who can write there) before \
                     starting the server"
                )));
            }
        }
    }
    match owner_only(OpenOptions::new().write(true).create_new(true)).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Config(format!(
            "cannot create the SQLite database {path}: {e}"
        ))),
    }
}

/// After SQLite opened `path`: warns about each of its files that is not private.
pub fn warn_if_exposed(path: &str) {
    let files = std::iter::once(path.to_owned())
        .chain(COMPANIONS.iter().map(|suffix| format!("{path}{suffix}")))
        .chain(std::iter::once(format!("{path}.lock")));
    for file in files {
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        if let Some(why) = exposure(&meta) {
            crate::log::warn(&format!(
                "SQLITE FILE NOT PRIVATE: {file} {why}. It holds (or locks) the accounts' \
                 emails, password hashes and IP addresses; other local users may read or change \
                 it. Make it private to the server's user: `chown` it to that user and \
                 `chmod 600 {path} {path}-wal {path}-shm {path}.lock` (the server leaves \
                 existing files as they are)"
            ));
        }
    }
}
