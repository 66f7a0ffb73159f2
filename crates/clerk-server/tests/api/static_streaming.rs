//! Static files are streamed from disk: clients that ask for a large file and never read it do
//! not make the server hold the file in memory (measured on the real binary's resident memory),
//! a file still arrives whole with its `Content-Length`, and HEAD gives the length without a
//! body.

use crate::common::binary::{start_binary, RunningBinary};
use crate::common::raw::{connect, exchange, get_request};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BIG: usize = 32 * 1024 * 1024;
const CLIENTS: usize = 16;
/// Reading the file whole for each client would take 16 × 32 MiB = 512 MiB.
const RSS_BOUND_KIB: u64 = 150 * 1024;

/// A folder with `big.bin` (32 MiB of a repeating pattern) served by the binary.
fn serve_big_file() -> (tempfile::TempDir, RunningBinary) {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    let pattern: Vec<u8> = (0..BIG).map(|i| (i % 251) as u8).collect();
    std::fs::write(www.join("big.bin"), &pattern).unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.db").display());
    let www_arg = www.display().to_string();
    let server = start_binary(&[
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db,
        "--dev",
        "--static-dir",
        &www_arg,
    ])
    .listening();
    (dir, server)
}

/// Reads until the end of the answer's head; the bytes read so far.
async fn read_head(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut buf = Vec::new();
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let mut chunk = [0u8; 1024];
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "closed before the head");
        buf.extend_from_slice(&chunk[..n]);
    }
    buf
}

#[tokio::test]
async fn sixteen_clients_that_never_read_a_32_mib_file_do_not_make_the_server_hold_it() {
    let (_dir, server) = serve_big_file();
    let before = server.rss_kib();
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let mut stream = connect(&server.url).await;
        stream
            .write_all(&get_request("/big.bin", ""))
            .await
            .unwrap();
        clients.push(stream);
    }
    // Every answer has begun (its head is here), then nobody reads on.
    for stream in &mut clients {
        let head = tokio::time::timeout(Duration::from_secs(30), read_head(stream))
            .await
            .expect("an answer head in time");
        assert!(head.starts_with(b"HTTP/1.1 200"), "{:?}", &head[..12]);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let held = server.rss_kib();
    eprintln!(
        "clerk-server VmRSS: {} MiB before, {} MiB with {CLIENTS} unread 32 MiB answers",
        before / 1024,
        held / 1024
    );
    assert!(
        held < RSS_BOUND_KIB,
        "{} MiB resident with {CLIENTS} unread answers (before: {} MiB)",
        held / 1024,
        before / 1024
    );

    // A client that does read gets the whole file, byte for byte.
    let mut stream = connect(&server.url).await;
    let answer = exchange(
        &mut stream,
        &get_request("/big.bin", ""),
        Duration::from_secs(60),
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.header("content-length"),
        Some(BIG.to_string().as_str())
    );
    assert_eq!(answer.body.len(), BIG);
    assert!(answer
        .body
        .iter()
        .enumerate()
        .all(|(i, b)| *b == (i % 251) as u8));
}

#[tokio::test]
async fn head_gives_the_file_length_and_no_body() {
    let (_dir, server) = serve_big_file();
    let mut stream = connect(&server.url).await;
    stream
        .write_all(b"HEAD /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let head = read_head(&mut stream).await;
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 200"), "{text}");
    assert!(
        text.contains(&format!("content-length: {BIG}\r\n")),
        "{text}"
    );
    assert!(text.ends_with("\r\n\r\n"), "no body after the head: {text}");
    // The connection goes on with the next request: nothing of a body was sent.
    let answer = exchange(
        &mut stream,
        &get_request("/v1/environment", ""),
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(answer.status, 200);
}
