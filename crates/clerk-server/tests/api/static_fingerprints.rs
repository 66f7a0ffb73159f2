//! Fingerprinted static files: HTML pages are sent naming the files they use by content-hashed
//! names, those names are served `immutable`, plain names keep `no-cache` with an `ETag`, and a
//! hashed name that is not the current content is a 404, never another version.

use crate::common::binary::{start_binary_with, RunningBinary};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const PAGE: &str = r#"<!doctype html>
<link rel="stylesheet" href="/app.css">
<link rel="preload" href="/pkg/clerk_wasm_bg.wasm" as="fetch" crossorigin>
<link rel="preload" href="/v1/client" as="fetch" crossorigin="use-credentials">
<script src='/pkg/clerk-loader.js' data-wasm="/pkg/clerk_wasm_bg.wasm" data-sign-in-url="/sign-in/"></script>
<a href="/">home</a> <a href="/missing.css">gone</a> <a href="https://example.com/app.css">x</a>
<a href="/app.css?v=1">query</a> <a href="/pkg/clerk_wasm.0123456789abcdef.js">built</a>
<script type="module">import x from '/pkg/clerk_wasm.js';</script>
"#;

struct Site {
    _dir: tempfile::TempDir,
    www: std::path::PathBuf,
    server: RunningBinary,
}

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(www.join("sign-in")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), PAGE).unwrap();
    std::fs::write(www.join("app.css"), "body { color: red }").unwrap();
    std::fs::write(pkg.join("clerk-loader.js"), "/* loader */").unwrap();
    std::fs::write(pkg.join("clerk_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("clerk_wasm_bg.wasm.br"), b"brotli wasm").unwrap();
    // A file a build wrote under a hashed name: served as it is.
    std::fs::write(pkg.join("clerk_wasm.0123456789abcdef.js"), "export {}").unwrap();
    let db = format!("sqlite://{}", dir.path().join("s.db").display());
    let (www_arg, pkg_arg) = (www.display().to_string(), format!("pkg={}", pkg.display()));
    let args = [
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db,
        "--dev",
        "--static-dir",
        &www_arg,
        "--static-dir",
        &pkg_arg,
    ];
    let server = start_binary_with(&args, &[]).listening();
    Site {
        _dir: dir,
        www,
        server,
    }
}

/// A GET with request headers: status, (cache-control, etag, content-encoding), body as text.
async fn get(url: &str, request: &[(&str, &str)]) -> (u16, [Option<String>; 3], String) {
    let mut req = reqwest::Client::new().get(url);
    for (k, v) in request {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let headers = [
        header("cache-control"),
        header("etag"),
        header("content-encoding"),
    ];
    let status = r.status().as_u16();
    (status, headers, r.text().await.unwrap())
}

/// The fingerprinted path the page names in place of `plain` (`/app.css` → `/app.<hex>.css`).
fn named(page: &str, plain: &str) -> String {
    let (stem, ext) = plain.rsplit_once('.').unwrap();
    let at = page
        .find(&format!("{stem}."))
        .unwrap_or_else(|| panic!("{plain} in {page}"));
    let name = &page[at..at + stem.len() + 1 + 16 + 1 + ext.len()];
    assert!(name.ends_with(&format!(".{ext}")), "{name}");
    name.to_owned()
}

#[tokio::test]
async fn a_page_names_its_static_files_by_fingerprints_which_are_served_immutable() {
    let s = site();
    let (status, [cache, tag, _], page) = get(&format!("{}/", s.server.url), &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        cache.as_deref(),
        Some("no-cache"),
        "the page itself revalidates"
    );
    let css = named(&page, "/app.css");
    let wasm = named(&page, "/pkg/clerk_wasm_bg.wasm");
    let loader = named(&page, "/pkg/clerk-loader.js");
    assert!(page.contains(&format!(r#"href="{css}""#)), "{page}");
    assert!(page.contains(&format!(r#"src='{loader}' data-wasm="{wasm}""#)));
    assert_eq!(page.matches(&wasm).count(), 2, "every reference: {page}");
    // Left as they are: the API, folders, missing files, other sites, queries, names hashed
    // already, and module imports.
    for kept in [
        r#"href="/v1/client""#,
        r#"data-sign-in-url="/sign-in/""#,
        r#"href="/""#,
        r#"href="/missing.css""#,
        r#"href="https://example.com/app.css""#,
        r#"href="/app.css?v=1""#,
        r#"href="/pkg/clerk_wasm.0123456789abcdef.js""#,
        "from '/pkg/clerk_wasm.js'",
    ] {
        assert!(page.contains(kept), "{kept} in {page}");
    }

    for path in [&css, &loader, "/pkg/clerk_wasm.0123456789abcdef.js"] {
        let (status, [cache, ..], _) = get(&format!("{}{path}", s.server.url), &[]).await;
        assert_eq!((status, cache.as_deref()), (200, Some(IMMUTABLE)), "{path}");
    }
    let (_, _, body) = get(&format!("{}{css}", s.server.url), &[]).await;
    assert_eq!(body, "body { color: red }");
    let accept = [("accept-encoding", "br")];
    let (status, [cache, _, encoding], body) =
        get(&format!("{}{wasm}", s.server.url), &accept).await;
    assert_eq!(status, 200);
    assert_eq!(cache.as_deref(), Some(IMMUTABLE));
    assert_eq!(
        (encoding.as_deref(), body.as_str()),
        (Some("br"), "brotli wasm")
    );
    let (_, [cache, ..], _) = get(&format!("{}/app.css", s.server.url), &[]).await;
    assert_eq!(cache.as_deref(), Some("no-cache"), "plain names revalidate");

    // Revalidating the unchanged page: a 304.
    let tag = tag.expect("the page has an ETag");
    let (status, ..) = get(&format!("{}/", s.server.url), &[("if-none-match", &tag)]).await;
    assert_eq!(status, 304);

    // A changed file: the page names the new version (a new ETag), and the old name is gone.
    std::fs::write(s.www.join("app.css"), "body { color: blue }").unwrap();
    let (status, [_, new_tag, _], page) =
        get(&format!("{}/", s.server.url), &[("if-none-match", &tag)]).await;
    assert_eq!(status, 200, "the page changed with the file it names");
    assert_ne!(new_tag.as_deref(), Some(tag.as_str()));
    let new_css = named(&page, "/app.css");
    assert_ne!(new_css, css);
    let (status, _, body) = get(&format!("{}{new_css}", s.server.url), &[]).await;
    assert_eq!((status, body.as_str()), (200, "body { color: blue }"));
    let (status, _, body) = get(&format!("{}{css}", s.server.url), &[]).await;
    assert_eq!(status, 404, "an old fingerprint never names new bytes");
    assert!(!body.contains("blue"));
    for bad in [
        "/app.0123456789abcdef.css",
        "/pkg/clerk-loader.0000000000000000.js",
    ] {
        let (status, ..) = get(&format!("{}{bad}", s.server.url), &[]).await;
        assert_eq!(status, 404, "{bad}");
    }
}
