//! The `clerk-server` binary: its one stdout line, its flags and environment variables, and the
//! static folders it serves beside the API.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str], envs: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clerk-server"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn clerk-server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("clerk-server listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    Server { child, url }
}

async fn get(url: &str) -> (u16, Option<String>, Vec<u8>) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, ct, r.bytes().await.unwrap().to_vec())
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
    let s = start(
        &[
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &db,
            "--dev",
            "--static-dir",
            &www_arg,
            "--static-dir",
            &pkg_arg,
        ],
        &[],
    );

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
