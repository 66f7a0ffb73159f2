//! The signing key's file against another local user: pre-created temporary names, a planted or
//! symlinked key file, and a key file that others can read (security review, weakness 6). The
//! attacker works in a directory anyone can write to, and plants files as uid 65534 when the
//! tests run as root.
#![cfg(unix)]

use crate::common::binary::{refusal, start_on_sqlite};
use crate::common::local_user::*;
use crate::common::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::io::Read;

/// A valid key file's contents (the attacker knows this seed).
fn known_key() -> String {
    format!("{}\n", URL_SAFE_NO_PAD.encode([7u8; 32]))
}

#[tokio::test]
async fn a_pre_created_temporary_key_file_cannot_capture_the_signing_key() {
    let shared = shared_directory();
    let key = shared.path().join("signing.key");
    let pid = std::process::id();
    // Every plausible temporary name, the one of commit 8772257 first
    // (`path.with_extension(format!("tmp{pid}"))`, the server being this process).
    let names = [
        format!("signing.tmp{pid}"),
        format!("signing.key.tmp{pid}"),
        format!(".signing.key.tmp{pid}"),
        "signing.tmp".to_owned(),
        "signing.key.tmp".to_owned(),
        ".signing.key.tmp".to_owned(),
        "signing.key.new".to_owned(),
        "signing.key~".to_owned(),
    ];
    let mut held = Vec::new();
    for name in &names {
        let path = shared.path().join(name);
        plant(&path, b"", 0o666);
        // The attacker keeps each file open, to read whatever the server writes into it.
        held.push((name, std::fs::File::open(&path).unwrap()));
    }

    let app = spawn_app_with(|c| c.file.signing_key_path = Some(key.clone())).await;

    for (name, mut file) in held {
        let mut seen = String::new();
        file.read_to_string(&mut seen).unwrap();
        assert!(seen.is_empty(), "the attacker read the key through {name}");
    }
    let (mode, owner) = mode_and_owner(&key);
    assert_eq!(mode, 0o600, "the key file's mode is {mode:o}");
    assert_eq!(owner, own_uid(), "the key file belongs to uid {owner}");
    // And the file holds the key the server signs with.
    let text = std::fs::read_to_string(&key).unwrap();
    let seed: [u8; 32] = URL_SAFE_NO_PAD
        .decode(text.trim())
        .unwrap()
        .try_into()
        .unwrap();
    let served = app.client().get("/.well-known/jwks.json").await.json();
    assert_eq!(served, clerk_server::jwt::Keys::from_seed(seed).jwks());
}

#[test]
fn a_key_file_with_mode_0644_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clerk.db");
    let key = dir.path().join("clerk.db.signing-key");
    std::fs::write(&key, known_key()).unwrap();
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();

    let log = refusal(start_on_sqlite(&db));

    assert!(log.contains(&key.display().to_string()), "{log}");
    assert!(log.contains("chmod 600"), "{log}");
    assert!(
        !log.contains(known_key().trim()),
        "the log shows the key: {log}"
    );
    assert_eq!(mode_and_owner(&key).0, 0o644, "the file is left as it was");
}

#[test]
fn a_key_file_planted_by_another_user_is_refused_at_start_up() {
    let shared = shared_directory();
    let db = shared.path().join("clerk.db");
    let key = shared.path().join("clerk.db.signing-key");

    // A private-looking (0600) key file that the attacker owns.
    if can_plant_as_another_user() {
        plant(&key, known_key().as_bytes(), 0o600);
        let log = refusal(start_on_sqlite(&db));
        assert!(log.contains(&key.display().to_string()), "{log}");
        assert!(log.contains("chown"), "{log}");
        assert_eq!(std::fs::read_to_string(&key).unwrap(), known_key());
        std::fs::remove_file(&key).unwrap();
    }

    // A symlink at the key's name to the attacker's own, readable, file.
    let attackers = tempfile::tempdir().unwrap();
    let target = attackers.path().join("key");
    plant(&target, known_key().as_bytes(), 0o644);
    std::os::unix::fs::symlink(&target, &key).unwrap();
    let log = refusal(start_on_sqlite(&db));
    assert!(log.contains(&key.display().to_string()), "{log}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), known_key());
}
