//! `cargo xtask bench size`: raw, gzip -9, Zopfli gzip (the shipped `.gz`) and brotli -q 11 bytes of the wasm, the JS glue and the
//! loader, and their total, for two builds: `pkg/` (with the prebuilt UI) and the headless SDK
//! without the `ui` feature (`target/pkg-headless/`); the budget counts the first. Then
//! both totals against the peers (`bench_size_peers`).
//! gzip -9 and brotli use Node's built-in zlib (no extra packages), Zopfli the `zopfli` crate
//! (`compress.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::build::{build, build_headless, headless_dir, pkg_dir, COMPRESSORS_JS};
use crate::error::{Result, XtaskError};
use crate::package_json::loader_of;
use crate::process::{command, describe};

/// Prints `<raw> <gzip> <brotli>` for each path given as an argument (after
/// [`COMPRESSORS_JS`]).
const SIZES_JS: &str = r#"
for (const file of process.argv.slice(1)) {
  const raw = fs.readFileSync(file);
  console.log(raw.length, gzip(raw).length, brotli(raw).length);
}
"#;

/// One measured file.
#[derive(Debug, PartialEq, Eq)]
pub struct Sizes {
    /// File name in `pkg/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes after gzip -9.
    pub gzip: u64,
    /// Bytes after Zopfli's gzip: the `.gz` file the build ships.
    pub zopfli: u64,
    /// Bytes after brotli quality 11.
    pub brotli: u64,
}

/// Builds both packages (unless `no_build`), measures and prints one table for each, then the
/// complete bundles against Better Auth's client and ClerkJS.
pub fn bench_size(no_build: bool) -> Result<()> {
    if !no_build {
        build()?;
        build_headless()?;
    }
    println!(
        "\nSDK with the prebuilt UI (pkg/; budget 100,000 B gzip, issue 11 target 84,000 B):\n"
    );
    let full = sizes_of(&measured_files(&pkg_dir())?)?;
    print!("{}", table(&full));
    println!("\nSDK without the UI (--no-default-features):\n");
    let headless = sizes_of(&measured_files(&headless_dir())?)?;
    print!("{}", table(&headless));
    crate::bench_size_peers::compare_with_peers(&[
        total(&full, "clerk-wasm SDK + prebuilt UI (wasm + glue + loader)"),
        total(
            &headless,
            "clerk-wasm SDK without UI (wasm + glue + loader)",
        ),
    ])
}

/// The sum of `rows` under one name.
pub fn total(rows: &[Sizes], name: &str) -> Sizes {
    Sizes {
        name: name.to_string(),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        zopfli: rows.iter().map(|r| r.zopfli).sum(),
        brotli: rows.iter().map(|r| r.brotli).sum(),
    }
}

/// Raw, gzip -9, Zopfli and brotli sizes of files (gzip -9 and brotli by Node's zlib).
pub fn sizes_of(files: &[(String, PathBuf)]) -> Result<Vec<Sizes>> {
    let mut cmd = command("node");
    cmd.arg("-e")
        .arg(format!("{COMPRESSORS_JS}{SIZES_JS}"))
        .args(files.iter().map(|(_, p)| p));
    let out = cmd
        .output()
        .map_err(|e| XtaskError::io("cannot run node", e))?;
    if !out.status.success() {
        return Err(XtaskError::CommandFailed {
            command: describe(&cmd),
            status: out.status,
        });
    }
    let text = String::from_utf8_lossy(&out.stdout);
    files
        .iter()
        .zip(text.lines())
        .map(|((name, path), line)| {
            let mut row = parse_row(name, line).ok_or_else(|| {
                XtaskError::Failed(format!("unexpected output from node: {text}"))
            })?;
            row.zopfli = crate::compress::zopfli_size(path)?;
            Ok(row)
        })
        .collect()
}

/// `*.wasm` and the JS glue (`clerk_wasm.js`) in `dir`, and `pkg/*loader*.js`.
fn measured_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = fs::read_dir(dir).map_err(|e| {
        XtaskError::io(
            format!("cannot read {} (run `cargo xtask build`)", dir.display()),
            e,
        )
    })?;
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut chosen: Vec<String> = names
        .iter()
        .filter(|n| n.ends_with(".wasm"))
        .cloned()
        .collect();
    chosen.extend(names.iter().filter(|n| *n == "clerk_wasm.js").cloned());
    let mut files: Vec<(String, PathBuf)> = chosen
        .into_iter()
        .map(|n| (n.clone(), dir.join(n)))
        .collect();
    let pkg_names: Vec<String> = fs::read_dir(pkg_dir())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    if let Some(loader) = loader_of(&pkg_names) {
        files.push((loader.clone(), pkg_dir().join(loader)));
    }
    if !files.iter().any(|(n, _)| n.ends_with(".wasm")) {
        return Err(XtaskError::Failed(format!(
            "no .wasm in {}; run `cargo xtask build`",
            dir.display()
        )));
    }
    Ok(files)
}

fn parse_row(name: &str, line: &str) -> Option<Sizes> {
    let mut nums = line.split_whitespace().map(|n| n.parse::<u64>().ok());
    Some(Sizes {
        name: name.to_string(),
        raw: nums.next()??,
        gzip: nums.next()??,
        zopfli: 0,
        brotli: nums.next()??,
    })
}

/// The printed table, with a total row.
pub fn table(rows: &[Sizes]) -> String {
    let line = |name: &str, raw: u64, gzip: u64, zopfli: u64, brotli: u64| {
        format!("{name:<28} {raw:>10} {gzip:>10} {zopfli:>10} {brotli:>10}\n")
    };
    let mut out = format!(
        "{:<28} {:>10} {:>10} {:>10} {:>10}\n",
        "file", "raw", "gzip -9", "zopfli", "brotli 11"
    );
    for r in rows {
        out += &line(&r.name, r.raw, r.gzip, r.zopfli, r.brotli);
    }
    let sum = |f: fn(&Sizes) -> u64| rows.iter().map(f).sum::<u64>();
    out += &line(
        "total",
        sum(|r| r.raw),
        sum(|r| r.gzip),
        sum(|r| r.zopfli),
        sum(|r| r.brotli),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_output_line_parses_into_sizes() {
        let row = parse_row("a.wasm", "100 60 50").unwrap();
        assert_eq!(
            row,
            Sizes {
                name: "a.wasm".into(),
                raw: 100,
                gzip: 60,
                zopfli: 0,
                brotli: 50
            }
        );
        assert_eq!(parse_row("a.wasm", "100 60"), None);
    }

    #[test]
    fn the_table_ends_with_the_totals() {
        let rows = [
            Sizes {
                name: "a.wasm".into(),
                raw: 100,
                gzip: 60,
                zopfli: 57,
                brotli: 50,
            },
            Sizes {
                name: "a.js".into(),
                raw: 10,
                gzip: 6,
                zopfli: 5,
                brotli: 5,
            },
        ];
        let text = table(&rows);
        let last = text.lines().last().unwrap();
        assert_eq!(
            last.split_whitespace().collect::<Vec<_>>(),
            ["total", "110", "66", "62", "55"]
        );
    }
}
