//! What static folders never serve: dot-files and dot-folders, files reached through a link out
//! of the folder (links within it are followed), and the server's own database and signing key
//! (the binary refuses to start with a folder that holds them).

use crate::common::binary::{refusal, start_binary};
use crate::common::{assert_error, spawn_app_with, TestApp};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A server with `www` (inside `dir`) served at `/`.
async fn serve_folder(www: &Path) -> TestApp {
    let www = www.to_path_buf();
    spawn_app_with(move |c| c.static_dirs.push((String::new(), www))).await
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn dot_files_and_dot_folders_are_never_served() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    write(www.join(".env"), "DATABASE_PASSWORD=hunter2");
    write(www.join(".git/config"), "[remote \"origin\"] secret");
    write(www.join("sub/.hidden/x"), "hidden");
    write(www.join("sub/visible.txt"), "visible");
    let app = serve_folder(&www).await;
    let client = app.client();

    for path in [
        "/.env",
        "/.git/config",
        "/sub/.hidden/x",
        "/%2eenv",
        "/.git/",
    ] {
        let r = client.get(path).await;
        assert_error(&r, 404, "resource_not_found");
        assert!(!r.text().contains("hunter2") && !r.text().contains("secret"));
    }
    let r = client.get("/sub/visible.txt").await;
    assert_eq!((r.status, r.text().as_str()), (200, "visible"));
}

#[tokio::test]
async fn a_link_out_of_the_static_folder_is_not_followed_and_one_within_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let outside = dir.path().join("outside");
    write(outside.join("secret.txt"), "outside secret");
    write(www.join("sub/inner.txt"), "inner file");
    write(www.join("app.js"), "export const plain = 1;");
    write(www.join(".env"), "hidden behind a link");
    symlink(www.join("sub/inner.txt"), www.join("within.txt")).unwrap();
    symlink(www.join("sub"), www.join("within-dir")).unwrap();
    symlink(outside.join("secret.txt"), www.join("out.txt")).unwrap();
    symlink(&outside, www.join("out-dir")).unwrap();
    symlink(www.join(".env"), www.join("env.txt")).unwrap();
    // A precompressed "variant" that is a link out: the plain file is sent instead.
    symlink(outside.join("secret.txt"), www.join("app.js.br")).unwrap();
    let app = serve_folder(&www).await;
    let client = app.client();

    let r = client.get("/within.txt").await;
    assert_eq!((r.status, r.text().as_str()), (200, "inner file"));
    let r = client.get("/within-dir/inner.txt").await;
    assert_eq!((r.status, r.text().as_str()), (200, "inner file"));
    for path in ["/out.txt", "/out-dir/secret.txt", "/env.txt"] {
        let r = client.get(path).await;
        assert_error(&r, 404, "resource_not_found");
        assert!(!r.text().contains("secret") && !r.text().contains("hidden"));
    }
    let r = client
        .send(
            reqwest::Method::GET,
            "/app.js",
            &[("accept-encoding", "br")],
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.text(), "export const plain = 1;");
}

/// Runs the binary, which must stop at start-up (without listening); its stderr.
fn refused_start(args: &[&str]) -> String {
    refusal(start_binary(args))
}

#[test]
fn the_binary_refuses_to_start_when_the_static_folder_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    write(www.join("index.html"), "<h1>home</h1>");
    let db = format!("sqlite://{}", www.join("data/clerk.db").display());
    std::fs::create_dir_all(www.join("data")).unwrap();
    let www_arg = www.display().to_string();
    let stderr = refused_start(&[
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db,
        "--static-dir",
        &www_arg,
    ]);
    assert!(stderr.contains(&www_arg), "names the folder: {stderr}");
    assert!(
        stderr.contains("clerk.db") && stderr.contains("--database-url"),
        "names the database and what to move: {stderr}"
    );
    assert!(
        !www.join("data/clerk.db").exists(),
        "no database was created in the folder"
    );
}

#[test]
fn the_binary_refuses_to_start_when_the_static_folder_holds_the_signing_key() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    write(pkg.join("app.js"), "export {}");
    let key = pkg.join("keys/signing.key");
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    let config = dir.path().join("clerk.toml");
    std::fs::write(
        &config,
        format!("signing_key_path = {:?}\n", key.display().to_string()),
    )
    .unwrap();
    let db = format!("sqlite://{}", dir.path().join("clerk.db").display());
    let pkg_arg = format!("pkg={}", pkg.display());
    let stderr = refused_start(&[
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db,
        "--static-dir",
        &pkg_arg,
        "--config",
        config.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains(&pkg.display().to_string()),
        "names the folder: {stderr}"
    );
    assert!(
        stderr.contains("signing.key") && stderr.contains("signing_key_path"),
        "names the key and what to move: {stderr}"
    );
    assert!(!key.exists(), "no key was created in the folder");
}

#[tokio::test]
async fn a_folder_requested_without_its_slash_redirects_within_the_site_only() {
    use crate::common::raw::{connect, exchange, get_request};
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    write(www.join("sign-in/index.html"), "<p>sign in</p>");
    let app = serve_folder(&www).await;
    for (path, location) in [("/sign-in", "./sign-in/"), ("//sign-in", "./sign-in/")] {
        let mut stream = connect(&app.url).await;
        let answer = exchange(&mut stream, &get_request(path, ""), Duration::from_secs(5)).await;
        assert_eq!(answer.status, 308, "{path}");
        // `//sign-in/` would be protocol-relative: the browser would go to http://sign-in/.
        assert_eq!(answer.header("location"), Some(location), "{path}");
    }
}
