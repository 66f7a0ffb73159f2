//! `POST` / `DELETE /v1/me/profile_image` and `GET /v1/images/{hash}.png` over real HTTP: real
//! PNG and JPEG uploads become a 256-pixel square PNG without metadata, named by its hash,
//! served immutable with headers that keep it an image; `GET /v1/client` shows the new
//! `image_url`; another user's picture is never touched, and an image nobody names is deleted.

use crate::common::images::*;
use crate::common::me::{me_call, upload};
use crate::common::*;
use image::ImageFormat;
use reqwest::Method;

const ADA: &str = "ada@example.com";
const BOB: &str = "bob@example.com";

/// The path of an `image_url` on this server.
fn image_path(url: &serde_json::Value) -> String {
    let url = url
        .as_str()
        .unwrap_or_else(|| panic!("no image_url: {url}"));
    let at = url.find("/v1/images/").unwrap();
    url[at..].to_owned()
}

fn user_of<'a>(client: &'a serde_json::Value, email: &str) -> &'a serde_json::Value {
    client["client"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["user"])
        .find(|u| u["email_address"] == email)
        .unwrap()
}

#[tokio::test]
async fn a_png_upload_becomes_a_square_png_named_by_its_hash_and_shows_in_the_client() {
    let app = spawn_app_with(|c| c.dev = true).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let r = upload(&app, &browser, &sess, &picture(640, 480, ImageFormat::Png)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let url = body["response"]["image_url"].as_str().unwrap().to_owned();
    let path = image_path(&body["response"]["image_url"]);
    assert_eq!(
        url,
        format!("{}{path}", app.url),
        "dev: the request's host, http"
    );
    assert_eq!(session_ids(&body), vec![sess.clone()], "{body}");
    let hash = path
        .trim_start_matches("/v1/images/")
        .trim_end_matches(".png");
    assert_eq!(hash.len(), 64);
    // GET /v1/client shows it too.
    let c = browser.get("/v1/client").await.json();
    assert_eq!(user_of(&c, ADA)["image_url"], url.as_str());
    // Served with the headers of an immutable image that is never a page.
    let got = browser.get(&path).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.header("content-type").unwrap(), "image/png");
    assert_eq!(
        got.header("cache-control").unwrap(),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(got.header("x-content-type-options").unwrap(), "nosniff");
    let csp = got.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let etag = got.header("etag").unwrap();
    assert_eq!(etag, format!("\"{hash}\""));
    let sha: String = sha2::Sha256::digest(&got.body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, hash, "the name is the hash of the bytes served");
    let img = image::load_from_memory_with_format(&got.body, ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), (256, 256));
    // A revalidation is a 304.
    let again = browser
        .send(
            Method::GET,
            &path,
            &[("if-none-match", etag.as_str())],
            None,
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
}

use sha2::Digest;

#[tokio::test]
async fn a_jpeg_with_exif_is_stored_as_a_png_without_any_metadata() {
    let app = spawn_app().await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let jpeg = jpeg_with_exif(300, 500, 60_000);
    assert!(jpeg.windows(EXIF_SECRET.len()).any(|w| w == EXIF_SECRET));
    let r = upload(&app, &browser, &sess, &jpeg).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let url = &r.json()["response"]["image_url"];
    assert!(
        url.as_str().unwrap().starts_with("https://127.0.0.1:"),
        "{url}"
    );
    let got = browser.get(&image_path(url)).await;
    assert_eq!(got.status, 200);
    assert_eq!(png_chunks(&got.body), ["IHDR", "IDAT", "IEND"]);
    for needle in [EXIF_SECRET, b"Exif", b"eXIf", b"iCCP", b"tEXt"] {
        assert!(!got.body.windows(needle.len()).any(|w| w == needle));
    }
    let img = image::load_from_memory(&got.body).unwrap();
    assert_eq!((img.width(), img.height()), (256, 256));
}

#[tokio::test]
async fn a_configured_public_url_starts_the_image_url() {
    let app = spawn_app_with(|c| c.file.http.public_url = "https://auth.example.com/".into()).await;
    let browser = app.client();
    let sess = app.sign_up(&browser, ADA).await;
    let r = upload(&app, &browser, &sess, &picture(40, 40, ImageFormat::Png)).await;
    let url = r.json()["response"]["image_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        url.starts_with("https://auth.example.com/v1/images/"),
        "{url}"
    );
    assert!(url.ends_with(".png"));
}

#[tokio::test]
async fn replacing_and_removing_a_picture_leaves_another_users_picture_alone() {
    let app = spawn_app().await;
    let browser = app.client();
    let ada = app.sign_up(&browser, ADA).await;
    let bob = app.sign_up(&browser, BOB).await;
    let r = upload(&app, &browser, &bob, &picture(64, 64, ImageFormat::Jpeg)).await;
    let bobs = r.json()["response"]["image_url"].clone();
    let r = upload(&app, &browser, &ada, &picture(80, 60, ImageFormat::Png)).await;
    let first = r.json()["response"]["image_url"].clone();
    assert_ne!(first, bobs);
    // Replaced: the old image is gone (nobody names it), the new one served.
    let r = upload(&app, &browser, &ada, &picture(90, 70, ImageFormat::Png)).await;
    let second = r.json()["response"]["image_url"].clone();
    assert_ne!(second, first);
    assert_error(
        &browser.get(&image_path(&first)).await,
        404,
        "resource_not_found",
    );
    assert_eq!(browser.get(&image_path(&second)).await.status, 200);
    // Removed: image_url null, the image deleted; Bob's is untouched.
    let r = me_call(
        &app,
        &browser,
        &ada,
        Method::DELETE,
        "/v1/me/profile_image",
        &[],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["response"]["image_url"], serde_json::Value::Null);
    assert_eq!(r.json()["response"]["object"], "user");
    assert_error(
        &browser.get(&image_path(&second)).await,
        404,
        "resource_not_found",
    );
    let c = browser.get("/v1/client").await.json();
    assert_eq!(user_of(&c, ADA)["image_url"], serde_json::Value::Null);
    assert_eq!(user_of(&c, BOB)["image_url"], bobs);
    assert_eq!(browser.get(&image_path(&bobs)).await.status, 200);
    // Removing again is no error.
    let r = me_call(
        &app,
        &browser,
        &ada,
        Method::DELETE,
        "/v1/me/profile_image",
        &[],
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn an_image_two_users_share_is_kept_until_neither_names_it() {
    let app = spawn_app().await;
    let laptop = app.client();
    let phone = app.client();
    let ada = app.sign_up(&laptop, ADA).await;
    let bob = app.sign_up(&phone, BOB).await;
    let same = picture(120, 100, ImageFormat::Png);
    let a = upload(&app, &laptop, &ada, &same).await.json()["response"]["image_url"].clone();
    let b = upload(&app, &phone, &bob, &same).await.json()["response"]["image_url"].clone();
    assert_eq!(a, b, "one image, one name");
    let r = me_call(
        &app,
        &laptop,
        &ada,
        Method::DELETE,
        "/v1/me/profile_image",
        &[],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        phone.get(&image_path(&b)).await.status,
        200,
        "Bob still has it"
    );
    let rows = app.raw_rows("SELECT hash FROM profile_images").await;
    assert_eq!(rows.len(), 1);
    // Bob's account deleted: nobody names it, it is gone.
    crate::common::me::reverify(&app, &phone, &bob).await;
    let r = me_call(&app, &phone, &bob, Method::DELETE, "/v1/me", &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_error(
        &laptop.get(&image_path(&b)).await,
        404,
        "resource_not_found",
    );
    assert!(app
        .raw_rows("SELECT hash FROM profile_images")
        .await
        .is_empty());
}

#[tokio::test]
async fn image_names_that_are_not_a_stored_hash_are_structured_404s() {
    let app = spawn_app().await;
    let browser = app.client();
    let hex = "ab".repeat(32);
    for path in [
        format!("/v1/images/{hex}.png"),
        format!("/v1/images/{}.png", hex.to_uppercase()),
        format!("/v1/images/{hex}.jpg"),
        format!("/v1/images/{hex}"),
        "/v1/images/..%2F..%2Fetc%2Fpasswd.png".to_owned(),
        "/v1/images/x.png".to_owned(),
    ] {
        assert_error(&browser.get(&path).await, 404, "resource_not_found");
    }
}
