//! The SQLite database's files (emails, password hashes, IP addresses) against other local
//! users: created private, planted companions refused, exposed files named at start-up
//! (security review, weakness 6).
#![cfg(unix)]

use crate::common::binary::{refusal, start_on_sqlite, Started};
use crate::common::local_user::*;
use crate::common::*;

#[tokio::test]
async fn the_sqlite_files_of_a_fresh_server_are_private_after_a_sign_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let url = format!("sqlite://{}", db.display());
    let app = spawn_app_with(|c| c.database_url = url).await;
    app.sign_up(&app.client(), "ada@example.com").await;

    for suffix in ["", "-wal", "-shm", ".lock"] {
        let file = format!("{}{suffix}", db.display());
        let (mode, owner) = mode_and_owner(std::path::Path::new(&file));
        assert_eq!(mode, 0o600, "{file} has mode {mode:o}");
        assert_eq!(owner, own_uid(), "{file} belongs to uid {owner}");
    }
}

#[test]
fn a_planted_write_ahead_log_beside_a_new_database_is_refused_at_start_up() {
    let shared = shared_directory();
    let db = shared.path().join("clerk.db");
    let wal = shared.path().join("clerk.db-wal");
    plant(&wal, b"", 0o666);

    let log = refusal(start_on_sqlite(&db));

    assert!(log.contains(&wal.display().to_string()), "{log}");
    assert_eq!(
        std::fs::metadata(&wal).unwrap().len(),
        0,
        "nothing was written to it"
    );
}

#[test]
fn an_existing_database_that_others_can_read_is_named_in_a_start_up_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    // As an earlier version left it: created under the usual umask.
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();

    let Started::Listening(server) = start_on_sqlite(&db) else {
        panic!("the server refused an existing database")
    };
    let log = server.stop();

    let warning = log
        .lines()
        .find(|l| l.contains("WARN") && l.contains(&db.display().to_string()))
        .unwrap_or_else(|| panic!("no warning names {}: {log}", db.display()));
    assert!(
        warning.contains("0644") && warning.contains("chmod 600"),
        "{warning}"
    );
    assert_eq!(mode_and_owner(&db).0, 0o644, "the file is left as it was");
}
