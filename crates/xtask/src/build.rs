//! `cargo xtask build`: the wasm package in `pkg/`, built by wasm-pack with npm's binaryen
//! wasm-opt, plus the files of `js/` (loader, README) and a patched `package.json`.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Result, XtaskError};
use crate::package_json;
use crate::process::{command, root, run};
use crate::setup::node_bin_dir;

/// The cargo profile of the wasm builds: opt-level "z", fat LTO, `panic = "abort"`; its
/// wasm-opt flags are `[package.metadata.wasm-pack.profile.custom]` in the workspace Cargo.toml.
pub const WASM_PROFILE: &str = "wasm-release";

/// The output folder of the npm package.
pub fn pkg_dir() -> PathBuf {
    root().join("pkg")
}

/// Builds `pkg/` and prints the sizes of its files.
pub fn build() -> Result<()> {
    wasm_pack("pkg", &[])?;
    let copied = copy_js()?;
    for name in copied.iter().filter(|n| n.ends_with(".js")) {
        minify(&pkg_dir().join(name), false)?;
    }
    patch_package_json(&copied)?;
    precompress(&pkg_dir())?;
    print_sizes()
}

/// Node's zlib as `gzip(bytes)` (level 9) and `brotli(bytes)` (quality 11): the brotli files the
/// build ships and what `cargo xtask bench size` reports, one definition for both (the shipped
/// `.gz` files are Zopfli's, `compress.rs`; the bench reports both gzip figures).
pub const COMPRESSORS_JS: &str = r#"
const fs = require('fs'), zlib = require('zlib');
const gzip = (raw) => zlib.gzipSync(raw, { level: 9 });
const brotli = (raw) => zlib.brotliCompressSync(raw, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
"#;

/// Writes `NAME.br` (brotli quality 11, Node's zlib) and `NAME.gz` (Zopfli, `compress.rs`) beside
/// every `.js` and `.wasm` in `dir`: `clerk-server --static-dir` sends them to browsers that
/// accept them (the npm package's `files` list leaves them out).
fn precompress(dir: &Path) -> Result<()> {
    const WRITE_JS: &str = r#"
for (const file of process.argv.slice(1)) {
  fs.writeFileSync(file + '.br', brotli(fs.readFileSync(file)));
}
"#;
    let entries = fs::read_dir(dir)
        .map_err(|e| XtaskError::io(format!("cannot read {}", dir.display()), e))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("js" | "wasm")))
        .collect();
    files.sort();
    for file in &files {
        crate::compress::write_gzip(file)?;
    }
    run(command("node")
        .arg("-e")
        .arg(format!("{COMPRESSORS_JS}{WRITE_JS}"))
        .args(&files))
}

/// Where [`build_headless`] puts the SDK built without the `ui` feature.
pub fn headless_dir() -> PathBuf {
    root().join("target").join("pkg-headless")
}

/// Builds the SDK without the prebuilt UI (`--no-default-features`) into
/// `target/pkg-headless/`, the build the SDK's size budget counts.
pub fn build_headless() -> Result<()> {
    wasm_pack("target/pkg-headless", &["--no-default-features"])
}

/// wasm-pack into `out_dir` (relative to the repository root), then [`shrink`], then the `.d.ts`
/// made to type-check under the libs apps use ([`dts`](crate::dts): `[Symbol.dispose]` only
/// where the app's `lib` declares `Symbol.dispose`).
fn wasm_pack(out_dir: &str, cargo_args: &[&str]) -> Result<()> {
    let bin = node_bin_dir();
    if !bin.join("wasm-opt").exists() {
        return Err(XtaskError::Missing(format!(
            "npm's binaryen wasm-opt ({}); run `cargo xtask setup`",
            bin.join("wasm-opt").display()
        )));
    }
    run(command("wasm-pack")
        .env("PATH", path_with_first(&bin))
        .args([
            "build",
            "--target",
            "web",
            // The size-tuned profile of the workspace Cargo.toml (`release` is the server's).
            "--profile",
            WASM_PROFILE,
            "--mode",
            "no-install",
            "--out-dir",
            out_dir,
        ])
        // The workspace's default members (server, xtask) must not be built for wasm32.
        .args(["--", "--package", "clerk-wasm"])
        .args(cargo_args))?;
    let dir = root().join(out_dir);
    shrink(&dir)?;
    crate::dts::fix_file(&dir.join("clerk_wasm.d.ts"))
}

/// The shipped bytes made smaller without changing behaviour: short import and export names in
/// the wasm and the glue ([`wasm_names`](crate::wasm_names)), then the glue minified by terser
/// (npm, in `tests/`). The `.d.ts` keeps every name and doc comment.
fn shrink(dir: &Path) -> Result<()> {
    let wasm_path = dir.join("clerk_wasm_bg.wasm");
    let glue_path = dir.join("clerk_wasm.js");
    let wasm = fs::read(&wasm_path)
        .map_err(|e| XtaskError::io(format!("cannot read {}", wasm_path.display()), e))?;
    let glue = fs::read_to_string(&glue_path)
        .map_err(|e| XtaskError::io(format!("cannot read {}", glue_path.display()), e))?;
    let (wasm, glue, renamed) = crate::wasm_names::shorten(&wasm, &glue)?;
    fs::write(&wasm_path, wasm)
        .map_err(|e| XtaskError::io(format!("cannot write {}", wasm_path.display()), e))?;
    fs::write(&glue_path, glue)
        .map_err(|e| XtaskError::io(format!("cannot write {}", glue_path.display()), e))?;
    eprintln!("build: {renamed} wasm import/export names shortened");
    minify(&glue_path, true)
}

/// Minifies a JS file in place with terser: an ES module (`module`) or a classic script.
fn minify(file: &Path, module: bool) -> Result<()> {
    let terser = root().join("tests/node_modules/terser/bin/terser");
    if !terser.exists() {
        return Err(XtaskError::Missing(format!(
            "terser ({}); run `cargo xtask setup`",
            terser.display()
        )));
    }
    let mut cmd = command("node");
    cmd.arg(terser).arg(file);
    if module {
        cmd.arg("--module");
    }
    // `ecma=2020` with `unsafe_arrows` and `unsafe_methods`: function expressions that use
    // neither `this` nor `arguments` become arrows, and `{f: function () {}}` becomes `{f() {}}`
    // (about 2.4 KB raw, 70 B gzip off the glue's imports object). Safe here: nothing constructs
    // those functions with `new` or reads their `prototype`, and every browser that runs this
    // wasm (reference types) has ES2020. Not `unsafe`, which rewrites `String(x)` as `"" + x`.
    run(cmd
        .args([
            "--compress",
            "passes=2,ecma=2020,unsafe_arrows=true,unsafe_methods=true",
        ])
        .args(["--mangle", "--keep-classnames"])
        // The one comment kept: where TypeScript and Deno find the types of the ES module.
        .args(["--comments", "/@ts-self-types/", "--output"])
        .arg(file))
}

/// PATH with `dir` in front, so wasm-pack finds npm's wasm-opt before any other.
pub fn path_with_first(dir: &Path) -> OsString {
    let mut paths = vec![dir.to_path_buf()];
    if let Some(path) = env::var_os("PATH") {
        paths.extend(env::split_paths(&path));
    }
    env::join_paths(paths).unwrap_or_else(|_| dir.as_os_str().to_os_string())
}

/// Copies every file of `js/` (if present) into `pkg/`; returns their names relative to `pkg/`.
fn copy_js() -> Result<Vec<String>> {
    let js = root().join("js");
    let mut copied = Vec::new();
    if js.is_dir() {
        copy_tree(&js, &pkg_dir(), "", &mut copied)?;
    }
    copied.sort();
    Ok(copied)
}

fn copy_tree(from: &Path, to: &Path, prefix: &str, copied: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(from)
        .map_err(|e| XtaskError::io(format!("cannot read {}", from.display()), e))?;
    fs::create_dir_all(to)
        .map_err(|e| XtaskError::io(format!("cannot create {}", to.display()), e))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| XtaskError::io(format!("cannot read {}", from.display()), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let source = entry.path();
        let rel = format!("{prefix}{name}");
        if source.is_dir() {
            copy_tree(&source, &to.join(&name), &format!("{rel}/"), copied)?;
        } else {
            fs::copy(&source, to.join(&name))
                .map_err(|e| XtaskError::io(format!("cannot copy {}", source.display()), e))?;
            copied.push(rel);
        }
    }
    Ok(())
}

fn patch_package_json(copied: &[String]) -> Result<()> {
    let path = pkg_dir().join("package.json");
    let text = fs::read_to_string(&path)
        .map_err(|e| XtaskError::io(format!("cannot read {}", path.display()), e))?;
    let mut pkg: serde_json::Value = serde_json::from_str(&text)?;
    package_json::patch(&mut pkg, copied);
    if package_json::loader_of(copied).is_none() {
        eprintln!("build: no js/*loader*.js yet, so pkg/ has no `./loader` export");
    }
    let text = serde_json::to_string_pretty(&pkg)? + "\n";
    fs::write(&path, text)
        .map_err(|e| XtaskError::io(format!("cannot write {}", path.display()), e))
}

fn print_sizes() -> Result<()> {
    let dir = pkg_dir();
    let mut rows = Vec::new();
    let entries = fs::read_dir(&dir)
        .map_err(|e| XtaskError::io(format!("cannot read {}", dir.display()), e))?;
    for entry in entries.flatten() {
        if let Ok(meta) = entry.metadata() {
            if meta.is_file() {
                rows.push((entry.file_name().to_string_lossy().into_owned(), meta.len()));
            }
        }
    }
    rows.sort();
    println!("pkg/ ({} files):", rows.len());
    for (name, len) in rows {
        println!("  {len:>9}  {name}");
    }
    println!("(`cargo xtask bench size` prints gzip and brotli sizes)");
    Ok(())
}
