//! The connection layer's limits over raw TCP: a head that never ends, a keep-alive connection
//! that goes quiet, more connections than `max_connections`, a head over
//! `max_request_head_bytes`. Timeouts are configured short (1 s) and checked with generous
//! bounds.

use crate::common::raw::{closed_within, connect, exchange, get_request, read_answer};
use crate::common::spawn_app_with;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Far longer than any configured timeout here: a connection still open then is held forever.
const GIVE_UP: Duration = Duration::from_secs(10);
/// Long enough for an answer on a busy machine.
const ANSWER: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed_after_the_header_timeout() {
    let app = spawn_app_with(|c| {
        c.file.http.header_read_timeout_seconds = 1;
        c.file.http.idle_timeout_seconds = 60;
    })
    .await;
    let stream = connect(&app.url).await;
    let (mut reader, mut writer) = stream.into_split();
    // One header byte every 100 ms: the connection is never idle, its head never ends.
    let trickle = tokio::spawn(async move {
        writer
            .write_all(b"GET /v1/environment HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            .await
            .ok();
        while writer.write_all(b"a").await.is_ok() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let start = std::time::Instant::now();
    let mut chunk = [0u8; 1024];
    let closed = tokio::time::timeout(GIVE_UP, async {
        loop {
            match reader.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    trickle.abort();
    assert!(
        closed.is_ok(),
        "the unfinished head was still being read after {GIVE_UP:?}"
    );
    let took = start.elapsed();
    assert!(took >= Duration::from_millis(500), "closed after {took:?}");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    let app = spawn_app_with(|c| {
        c.file.http.header_read_timeout_seconds = 60;
        c.file.http.idle_timeout_seconds = 1;
    })
    .await;
    let mut stream = connect(&app.url).await;
    let answer = exchange(&mut stream, &get_request("/v1/environment", ""), ANSWER).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("connection"), None, "kept alive");
    let took = closed_within(&mut stream, GIVE_UP)
        .await
        .unwrap_or_else(|| panic!("the idle connection was still open after {GIVE_UP:?}"));
    assert!(took >= Duration::from_millis(500), "closed after {took:?}");
}

#[tokio::test]
async fn with_max_connections_n_the_next_connection_is_answered_only_once_one_of_the_n_closes() {
    let app = spawn_app_with(|c| {
        c.file.http.max_connections = 2;
        c.file.http.header_read_timeout_seconds = 60;
        c.file.http.idle_timeout_seconds = 60;
    })
    .await;
    let request = get_request("/v1/environment", "");
    let mut first = connect(&app.url).await;
    let mut second = connect(&app.url).await;
    for stream in [&mut first, &mut second] {
        assert_eq!(exchange(stream, &request, ANSWER).await.status, 200);
    }
    // The third connection completes in the kernel's queue, but the server does not take it.
    let mut third = connect(&app.url).await;
    third.write_all(&request).await.unwrap();
    let mut byte = [0u8; 1];
    let early = tokio::time::timeout(Duration::from_secs(1), third.peek(&mut byte)).await;
    assert!(
        early.is_err(),
        "a third connection was answered while two were open"
    );
    drop(first);
    let answer = tokio::time::timeout(ANSWER, read_answer(&mut third))
        .await
        .expect("the third connection is answered once the first closes");
    assert_eq!(answer.status, 200);
    // The second is still served on its own connection.
    assert_eq!(exchange(&mut second, &request, ANSWER).await.status, 200);
}

#[tokio::test]
async fn a_request_head_over_64_kib_gets_431_and_one_under_it_is_served() {
    let app = spawn_app_with(|_| {}).await;
    let big = format!("X-Big: {}\r\n", "a".repeat(70 * 1024));
    let mut stream = connect(&app.url).await;
    let answer = exchange(&mut stream, &get_request("/v1/environment", &big), ANSWER).await;
    assert_eq!(answer.status, 431, "a 70 KiB head");
    assert!(
        closed_within(&mut stream, GIVE_UP).await.is_some(),
        "the connection is closed after the 431"
    );

    let fits = format!("X-Big: {}\r\n", "a".repeat(60 * 1024));
    let mut stream = connect(&app.url).await;
    let answer = exchange(&mut stream, &get_request("/v1/environment", &fits), ANSWER).await;
    assert_eq!(answer.status, 200, "a 60 KiB head");
}
