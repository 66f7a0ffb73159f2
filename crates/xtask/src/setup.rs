//! `cargo xtask setup`: installs every tool the build and the tests need, idempotently.
//!
//! Each step first checks whether its tool is already there at the right version, so a second
//! run takes about a second. Debian's `binaryen` is never installed: its wasm-opt 108 produces
//! modules Chromium refuses (see ../shared/TOOLCHAIN.md); npm's binaryen 132 in `tests/` is used.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Result, XtaskError};
use crate::process::{command, is_root, root, run, stdout_of};

/// The wasm-bindgen-cli version; must equal the `wasm-bindgen` crate pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The wasm-pack version.
pub const WASM_PACK_VERSION: &str = "0.15.1";

/// A Debian package and a file whose presence shows it is installed.
struct AptTool {
    package: &'static str,
    probe: &'static str,
}

const APT_TOOLS: &[AptTool] = &[
    AptTool {
        package: "chromium",
        probe: "/usr/bin/chromium",
    },
    AptTool {
        package: "chromium-driver",
        probe: "/usr/bin/chromedriver",
    },
    AptTool {
        package: "postgresql",
        probe: "/usr/lib/postgresql",
    },
    AptTool {
        package: "wrk",
        probe: "/usr/bin/wrk",
    },
];

/// Runs every set-up step.
pub fn setup() -> Result<()> {
    wasm_target()?;
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        WASM_BINDGEN_VERSION,
        false,
    )?;
    cargo_tool("wasm-pack", "wasm-pack", WASM_PACK_VERSION, true)?;
    apt_tools()?;
    npm_tools()?;
    warn_about_debian_wasm_opt();
    eprintln!("setup: everything is in place");
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed = stdout_of(command("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") => Ok(()),
        Some(_) => run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        None => Err(XtaskError::Missing(
            "rustup is needed to add the wasm32-unknown-unknown target \
             (or add the target to your Rust toolchain by other means)"
                .into(),
        )),
    }
}

/// Installs `krate` with cargo unless `binary --version` already reports `version`.
fn cargo_tool(binary: &str, krate: &str, version: &str, locked: bool) -> Result<()> {
    let reported = stdout_of(command(binary).arg("--version")).unwrap_or_default();
    if reported.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    let mut cmd = command("cargo");
    cmd.args(["install", krate, "--version", version]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

fn apt_tools() -> Result<()> {
    let missing: Vec<&str> = APT_TOOLS
        .iter()
        .filter(|t| !Path::new(t.probe).exists())
        .map(|t| t.package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() {
        return Err(XtaskError::Missing(format!(
            "Debian packages {list}; install them with\n  sudo apt-get update && sudo apt-get install -y {list}\n\
             then run `cargo xtask setup` again"
        )));
    }
    run(command("apt-get").arg("update"))?;
    run(command("apt-get").args(["install", "-y"]).args(&missing))
}

/// The directory holding the Node tooling of the tests (`package.json`, `node_modules`).
pub fn tests_dir() -> PathBuf {
    root().join("tests")
}

/// npm's binaryen wasm-opt, put first on PATH for wasm-pack.
pub fn node_bin_dir() -> PathBuf {
    tests_dir().join("node_modules").join(".bin")
}

/// A folder whose npm tools `npm ci` installs from its committed `package-lock.json`, and the
/// files under its `node_modules/` that show the install is complete.
struct NpmFolder {
    dir: &'static str,
    probes: &'static [&'static str],
}

const NPM_FOLDERS: &[NpmFolder] = &[
    // wasm-opt (binaryen), terser, playwright-core: the build and the e2e tests; smtp-server:
    // the mail sink of the email e2e tests; axe-core: the accessibility checks (tests/a11y.mjs).
    NpmFolder {
        dir: "tests",
        probes: &[
            ".bin/wasm-opt",
            "playwright-core/package.json",
            "terser/package.json",
            "smtp-server/package.json",
            "axe-core/axe.min.js",
        ],
    },
    // typescript and vite of the Vite app that tests/sdk-bundler.test.mjs copies, installs the
    // packed pkg/ into, type-checks and builds.
    NpmFolder {
        dir: "tests/bundler-app",
        probes: &[".bin/tsc", ".bin/vite"],
    },
];

fn npm_tools() -> Result<()> {
    for folder in NPM_FOLDERS {
        npm_folder(&root().join(folder.dir), folder.probes)?;
    }
    Ok(())
}

/// `npm ci` in `dir` unless every probe exists and `node_modules` is newer than the lock file
/// and `package.json`.
fn npm_folder(dir: &Path, probes: &[&str]) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let modules = dir.join("node_modules");
    let installed_marker = modules.join(".package-lock.json");
    let up_to_date = probes.iter().all(|p| modules.join(p).exists())
        && modified(&installed_marker) >= modified(&lock).max(modified(&dir.join("package.json")));
    if up_to_date {
        return Ok(());
    }
    if stdout_of(command("npm").arg("--version")).is_none() {
        return Err(XtaskError::Missing(
            "npm (with Node.js 20 or newer); install it, e.g. `apt-get install -y nodejs npm`"
                .into(),
        ));
    }
    let verb = if lock.exists() { "ci" } else { "install" };
    run(command("npm")
        .current_dir(dir)
        .args([verb, "--no-audit", "--no-fund"]))
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn warn_about_debian_wasm_opt() {
    if Path::new("/usr/bin/wasm-opt").exists() {
        eprintln!(
            "setup: warning: /usr/bin/wasm-opt (Debian binaryen) is installed; xtask puts npm's \
             binaryen first on PATH, but plain `wasm-pack build` would pick the broken one. \
             Consider `apt-get remove binaryen`."
        );
    }
}
