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

/// The output folder of the npm package.
pub fn pkg_dir() -> PathBuf {
    root().join("pkg")
}

/// Builds `pkg/` and prints the sizes of its files.
pub fn build() -> Result<()> {
    wasm_pack("pkg", &[])?;
    let copied = copy_js()?;
    patch_package_json(&copied)?;
    print_sizes()
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

/// wasm-pack into `out_dir` (relative to the repository root), then the JS glue without its
/// JSDoc comments (the `.d.ts` keeps every doc; in the shipped glue they are only bytes).
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
            "--release",
            "--mode",
            "no-install",
            "--out-dir",
            out_dir,
        ])
        // The workspace's default members (server, xtask) must not be built for wasm32.
        .args(["--", "--package", "clerk-wasm"])
        .args(cargo_args))?;
    let glue = root().join(out_dir).join("clerk_wasm.js");
    let text = fs::read_to_string(&glue)
        .map_err(|e| XtaskError::io(format!("cannot read {}", glue.display()), e))?;
    fs::write(&glue, strip_jsdoc(&text))
        .map_err(|e| XtaskError::io(format!("cannot write {}", glue.display()), e))
}

/// `text` without `/** ... */` comments and the lines they leave empty.
pub fn strip_jsdoc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/**") {
        let Some(len) = rest[start..].find("*/") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    let mut lines: Vec<&str> = Vec::new();
    let mut last_blank = false;
    for line in out.lines() {
        let blank = line.trim().is_empty();
        if !(blank && last_blank) {
            lines.push(if blank { "" } else { line });
        }
        last_blank = blank;
    }
    let mut joined = lines.join("\n");
    joined.push('\n');
    joined
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

#[cfg(test)]
mod tests {
    use super::strip_jsdoc;

    #[test]
    fn jsdoc_comments_go_and_code_and_other_comments_stay() {
        let glue = "/* @ts-self-types=\"./a.d.ts\" */\n\n/**\n * Docs.\n */\nexport class A {\n    /**\n     * @returns {string}\n     */\n    get id() {\n        return 1 / 2;\n    }\n}\n";
        assert_eq!(
            strip_jsdoc(glue),
            "/* @ts-self-types=\"./a.d.ts\" */\n\nexport class A {\n\n    get id() {\n        return 1 / 2;\n    }\n}\n"
        );
    }
}
