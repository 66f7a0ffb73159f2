//! Hostile uploads to `POST /v1/me/profile_image`, each a structured 4xx that changes nothing:
//! a file that is not an image, a truncated PNG, decompression bombs (a tiny header claiming
//! 100000×100000 pixels, and a real PNG of 64 million pixels in a few hundred KB), a 6 MB body,
//! no `file` field, bodies that are not multipart, and no session token.

use crate::common::images::*;
use crate::common::me::{upload, upload_raw};
use crate::common::*;
use image::ImageFormat;

const ADA: &str = "ada@example.com";

/// Signs Ada up with a picture; answers the app, her browser, session and image URL.
async fn ada_with_a_picture() -> (TestApp, TestClient, String, serde_json::Value) {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let r = upload(&app, &browser, &sess, &picture(50, 50, ImageFormat::Png)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let url = r.json()["response"]["image_url"].clone();
    (app, browser, sess, url)
}

/// Ada's picture is still `url`.
async fn unchanged(browser: &TestClient, url: &serde_json::Value) {
    let c = browser.get("/v1/client").await.json();
    assert_eq!(c["client"]["sessions"][0]["user"]["image_url"], *url, "{c}");
}

#[tokio::test]
async fn files_that_are_not_images_or_are_cut_short_are_image_invalid() {
    let (app, browser, sess, url) = ada_with_a_picture().await;
    let png = picture(200, 200, ImageFormat::Png);
    let gif_magic_only = b"GIF89a\x10\x00\x10\x00".to_vec();
    for bad in [
        b"<html><script>alert(1)</script></html>".to_vec(),
        b"%PDF-1.7 not a picture".to_vec(),
        png[..png.len() / 2].to_vec(),
        png[..40].to_vec(),
        gif_magic_only,
        Vec::new(),
    ] {
        let r = upload(&app, &browser, &sess, &bad).await;
        assert_error(&r, 422, "image_invalid");
    }
    unchanged(&browser, &url).await;
}

#[tokio::test]
async fn decompression_bombs_are_image_too_large_before_they_are_decoded() {
    let (app, browser, sess, url) = ada_with_a_picture().await;
    let header_only = lying_png_header(100_000, 100_000);
    assert!(header_only.len() < 100);
    let r = upload(&app, &browser, &sess, &header_only).await;
    assert_error(&r, 422, "image_too_large");
    assert_eq!(r.json()["errors"][0]["meta"]["max_side_px"], "8192");
    // A real PNG: 8000×8000 (64 million pixels, 256 MB as RGBA) in a few hundred KB.
    let bomb = zero_png(8000, 8000);
    assert!(bomb.len() < 1_000_000, "{}", bomb.len());
    assert_eq!(
        image::ImageReader::new(std::io::Cursor::new(&bomb))
            .with_guessed_format()
            .unwrap()
            .into_dimensions()
            .unwrap(),
        (8000, 8000)
    );
    let r = upload(&app, &browser, &sess, &bomb).await;
    assert_error(&r, 422, "image_too_large");
    // And one side past the limit, however few pixels.
    let r = upload(&app, &browser, &sess, &zero_png(9000, 8)).await;
    assert_error(&r, 422, "image_too_large");
    unchanged(&browser, &url).await;
}

#[test]
fn the_hand_written_bomb_is_a_valid_png() {
    let small = zero_png(300, 200);
    let img = image::load_from_memory_with_format(&small, ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), (300, 200));
}

#[tokio::test]
async fn a_six_megabyte_upload_is_payload_too_large() {
    let (app, browser, sess, url) = ada_with_a_picture().await;
    let mut big = picture(64, 64, ImageFormat::Png);
    big.resize(6 * 1024 * 1024, 0);
    let r = upload(&app, &browser, &sess, &big).await;
    assert_error(&r, 413, "payload_too_large");
    unchanged(&browser, &url).await;
}

#[tokio::test]
async fn a_body_without_a_file_field_or_not_multipart_is_a_structured_4xx() {
    let (app, browser, sess, url) = ada_with_a_picture().await;
    let png = picture(32, 32, ImageFormat::Png);
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let r = upload_raw(
        &app,
        &browser,
        &sess,
        &ct,
        multipart("avatar", "a.png", "image/png", &png),
    )
    .await;
    assert_error(&r, 422, "invalid_param");
    assert_eq!(r.json()["errors"][0]["meta"]["param_name"], "file");
    let not_multipart = [
        ("image/png", png.clone()),
        ("application/json", br#"{"file":"x"}"#.to_vec()),
        (
            "multipart/form-data",
            multipart("file", "a.png", "image/png", &png),
        ),
        (ct.as_str(), b"--not-the-boundary\r\n\r\n".to_vec()),
    ];
    for (content_type, body) in not_multipart {
        let r = upload_raw(&app, &browser, &sess, content_type, body).await;
        assert!(
            (400..500).contains(&r.status),
            "{content_type}: {}",
            r.status
        );
        assert!(r.json()["errors"][0]["code"].is_string(), "{content_type}");
    }
    unchanged(&browser, &url).await;
}

#[tokio::test]
async fn an_upload_without_a_session_token_is_refused() {
    let (app, browser, _sess, url) = ada_with_a_picture().await;
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let body = multipart(
        "file",
        "a.png",
        "image/png",
        &picture(8, 8, ImageFormat::Png),
    );
    let path = clerk_protocol::routes::ME_PROFILE_IMAGE;
    let r = browser
        .send(
            reqwest::Method::POST,
            path,
            &[("content-type", ct.as_str())],
            Some(body),
        )
        .await;
    assert_error(&r, 401, "authentication_invalid");
    let r = browser.send(reqwest::Method::DELETE, path, &[], None).await;
    assert_error(&r, 401, "authentication_invalid");
    unchanged(&browser, &url).await;
    drop(app);
}

#[tokio::test]
async fn a_chunked_upload_that_streams_past_five_megabytes_is_payload_too_large() {
    use tokio::io::AsyncWriteExt;
    let (app, browser, sess, url) = ada_with_a_picture().await;
    let token = app.token(&browser, &sess).await;
    let stream = crate::common::raw::connect(&app.url).await;
    let (mut reader, mut writer) = stream.into_split();
    let head = format!(
        "POST /v1/me/profile_image HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    let mut body = multipart("file", "a.png", "image/png", &[]);
    body.truncate(body.len() - format!("\r\n--{BOUNDARY}--\r\n").len());
    let send = tokio::spawn(async move {
        let _ = writer.write_all(head.as_bytes()).await;
        let _ = writer
            .write_all(format!("{:x}\r\n", body.len()).as_bytes())
            .await;
        let _ = writer.write_all(&[body, b"\r\n".to_vec()].concat()).await;
        let chunk = vec![0u8; 64 * 1024];
        for _ in 0..96 {
            let framed = [
                format!("{:x}\r\n", chunk.len()).into_bytes(),
                chunk.clone(),
                b"\r\n".to_vec(),
            ]
            .concat();
            if writer.write_all(&framed).await.is_err() {
                break;
            }
        }
        writer
    });
    let mut stream_back = Vec::new();
    let answer = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        use tokio::io::AsyncReadExt;
        let mut buf = [0u8; 4096];
        loop {
            let n = reader.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            stream_back.extend_from_slice(&buf[..n]);
            if stream_back.windows(4).any(|w| w == b"\r\n\r\n") && stream_back.ends_with(b"}") {
                break;
            }
        }
        String::from_utf8_lossy(&stream_back).into_owned()
    })
    .await
    .expect("an answer in time");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    drop(send);
    unchanged(&browser, &url).await;
}
