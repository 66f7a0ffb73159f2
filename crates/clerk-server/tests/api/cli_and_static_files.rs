//! The `clerk-server` binary: its one stdout line, its flags and environment variables, and the
//! static folders it serves beside the API.

use crate::common::binary::{start_binary_with, RunningBinary};
use std::process::Command;

fn start(args: &[&str], envs: &[(&str, &str)]) -> RunningBinary {
    let server = start_binary_with(args, envs).listening();
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    server
}

/// Starts the binary on port 0 with a SQLite file `db` and `--static-dir` for each of `dirs`.
fn start_serving(db: &str, dirs: &[&str]) -> RunningBinary {
    let mut args = vec!["--listen", "127.0.0.1:0", "--database-url", db, "--dev"];
    for dir in dirs {
        args.extend(["--static-dir", dir]);
    }
    start(&args, &[])
}

async fn get(url: &str) -> (u16, Option<String>, Vec<u8>) {
    let (status, mut headers, body) = get_with(url, &[], &["content-type"]).await;
    (status, headers.remove(0), body)
}

#[tokio::test]
async fn the_binary_prints_one_line_and_serves_static_folders_beside_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(www.join("sign-in")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<h1>home</h1>").unwrap();
    std::fs::write(www.join("sign-in/index.html"), "<h1>sign in</h1>").unwrap();
    std::fs::write(pkg.join("clerk_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("clerk_wasm.js"), "export {}").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let db = format!("sqlite://{}", dir.path().join("nested.db").display());
    let www_arg = www.display().to_string();
    let pkg_arg = format!("pkg={}", pkg.display());
    let s = start_serving(&db, &[&www_arg, &pkg_arg]);

    let (status, ct, body) = get(&format!("{}/", s.url)).await;
    assert_eq!(
        (status, body.as_slice()),
        (200, b"<h1>home</h1>".as_slice())
    );
    assert!(ct.unwrap().starts_with("text/html"));
    assert_eq!(
        get(&format!("{}/sign-in/", s.url)).await.2,
        b"<h1>sign in</h1>"
    );
    let (status, ct, _) = get(&format!("{}/pkg/clerk_wasm_bg.wasm", s.url)).await;
    assert_eq!((status, ct.as_deref()), (200, Some("application/wasm")));
    assert!(get(&format!("{}/pkg/clerk_wasm.js", s.url))
        .await
        .1
        .unwrap()
        .starts_with("text/javascript"));
    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/sign-in/%2e%2e/%2e%2e/secret.txt",
    ] {
        let (status, _, body) = get(&format!("{}{bad}", s.url)).await;
        assert_eq!(status, 404, "{bad}");
        assert!(!String::from_utf8_lossy(&body).contains("top secret"));
    }
    let (status, ct, _) = get(&format!("{}/v1/environment", s.url)).await;
    assert_eq!((status, ct.as_deref()), (200, Some("application/json")));
    assert!(
        dir.path().join("nested.db").exists(),
        "the SQLite file is created"
    );
    assert!(
        dir.path().join("nested.db.signing-key").exists(),
        "the key file sits beside it"
    );
}

#[tokio::test]
async fn settings_come_from_the_environment_and_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("clerk.toml");
    std::fs::write(&config, "application_name = \"From file\"\nmax_sessions_per_client = 2\n[display_config]\nsign_in_url = \"/login\"\n").unwrap();
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let s = start(
        &[],
        &[
            ("CLERK_LISTEN", "127.0.0.1:0"),
            ("CLERK_DATABASE_URL", &db),
            ("CLERK_CONFIG", config.to_str().unwrap()),
        ],
    );
    let env: serde_json::Value =
        serde_json::from_slice(&get(&format!("{}/v1/environment", s.url)).await.2).unwrap();
    assert_eq!(env["display_config"]["application_name"], "From file");
    assert_eq!(
        env["display_config"]["after_sign_out_one_url"],
        "/login/choose"
    );
    assert_eq!(env["auth_config"]["max_sessions_per_client"], 2);
}

#[test]
fn a_bad_config_file_or_missing_database_url_stops_the_binary_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "max_session_per_client = 2\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-server"))
        .args([
            "--database-url",
            "sqlite::memory:",
            "--config",
            config.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("max_session_per_client"));
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-server"))
        .env_remove("CLERK_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--database-url"));
}

/// A GET of `url` with request headers; the status, the named response headers, and the body.
async fn get_with(
    url: &str,
    request: &[(&str, &str)],
    wanted: &[&str],
) -> (u16, Vec<Option<String>>, Vec<u8>) {
    let mut req = reqwest::Client::new().get(url);
    for (k, v) in request {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let headers = wanted
        .iter()
        .map(|h| r.headers().get(*h).map(|v| v.to_str().unwrap().to_owned()))
        .collect();
    (status, headers, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn static_files_revalidate_with_etags_and_precompressed_variants_go_to_browsers_that_accept_them(
) {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("app.js"), "export const a = 1;").unwrap();
    std::fs::write(pkg.join("app.js.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("app.js.gz"), b"gzip bytes").unwrap();
    // A precompressed file older than its source is stale and never sent.
    std::fs::write(pkg.join("old.js"), "export const b = 2;").unwrap();
    std::fs::write(pkg.join("old.js.br"), b"stale").unwrap();
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(pkg.join("old.js.br"))
        .unwrap()
        .set_modified(past)
        .unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.db").display());
    let pkg_arg = format!("pkg={}", pkg.display());
    let s = start_serving(&db, &[&pkg_arg]);
    let url = format!("{}/pkg/app.js", s.url);
    let wanted = [
        "content-encoding",
        "etag",
        "cache-control",
        "vary",
        "content-type",
    ];

    let (status, h, body) = get_with(&url, &[], &wanted).await;
    assert_eq!(
        (status, body.as_slice()),
        (200, b"export const a = 1;".as_slice())
    );
    assert_eq!(h[0], None, "no encoding without Accept-Encoding");
    assert_eq!(h[2].as_deref(), Some("no-cache"));
    assert_eq!(h[3].as_deref(), Some("Accept-Encoding"));
    let plain_tag = h[1].clone().expect("an ETag");

    let accept = [("accept-encoding", "gzip, deflate, br")];
    let (status, h, body) = get_with(&url, &accept, &wanted).await;
    assert_eq!((status, body.as_slice()), (200, b"brotli bytes".as_slice()));
    assert_eq!(h[0].as_deref(), Some("br"));
    assert!(h[4].as_deref().unwrap().starts_with("text/javascript"));
    let br_tag = h[1].clone().expect("an ETag");
    assert_ne!(br_tag, plain_tag, "each encoding is its own version");

    let (_, h, body) = get_with(&url, &[("accept-encoding", "gzip")], &wanted).await;
    assert_eq!(
        (h[0].as_deref(), body.as_slice()),
        (Some("gzip"), b"gzip bytes".as_slice())
    );

    // Revalidation: the browser's tag for what it holds gets a 304 with no body.
    let (status, h, body) = get_with(
        &url,
        &[("accept-encoding", "br"), ("if-none-match", &br_tag)],
        &wanted,
    )
    .await;
    assert_eq!((status, body.len()), (304, 0));
    assert_eq!(h[1].as_deref(), Some(br_tag.as_str()));
    let (status, _, _) = get_with(&url, &[("if-none-match", &br_tag)], &wanted).await;
    assert_eq!(status, 200, "a brotli tag does not validate the plain file");

    // Once the file changes, the old tag no longer matches.
    std::fs::write(pkg.join("app.js"), "export const a = 22;").unwrap();
    // Newer than the precompressed files even where file times are coarse.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(pkg.join("app.js"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (status, _, body) = get_with(&url, &[("if-none-match", &plain_tag)], &wanted).await;
    assert_eq!(
        (status, body.as_slice()),
        (200, b"export const a = 22;".as_slice())
    );
    let (_, h, body) = get_with(&url, &accept, &wanted).await;
    assert_eq!(h[0], None, "the .br is older than the changed file now");
    assert_eq!(body, b"export const a = 22;");

    let (_, h, body) = get_with(&format!("{}/pkg/old.js", s.url), &accept, &wanted).await;
    assert_eq!(
        (h[0].as_deref(), body.as_slice()),
        (None, b"export const b = 2;".as_slice())
    );
}
