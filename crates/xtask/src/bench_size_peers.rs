//! The size comparison of `cargo xtask bench size`: our complete bundles against Better Auth's
//! browser client (`better-auth/client` + `multiSessionClient`, bundled and minified with esbuild
//! from `bench/better-auth/client-entry.mjs`), the same client with Better Auth UI's React
//! `<UserButton />` (the complete multi-session UI a Better Auth app ships,
//! `bench/better-auth-ui/ui-entry.mjs`), and the published `@clerk/clerk-js`
//! `dist/clerk.browser.js` (all versions pinned in the two `package.json`s).

use std::path::{Path, PathBuf};

use crate::bench_peer::{install_npm_dir, install_peer, peer_dir, ui_peer_dir};
use crate::bench_size::{sizes_of, Sizes};
use crate::error::Result;
use crate::process::{command, run, TempDir};

/// Bundles the peers, measures them and prints the comparison with `ours`.
pub fn compare_with_peers(ours: &[Sizes]) -> Result<()> {
    install_peer()?;
    install_npm_dir(&ui_peer_dir(), "@daveyplate/better-auth-ui")?;
    let dir = TempDir::new("clerk-bench-size")?;
    let client = bundle(&peer_dir(), "client-entry.mjs", dir.path())?;
    let with_ui = bundle(&ui_peer_dir(), "ui-entry.mjs", dir.path())?;
    let theirs = sizes_of(&[
        (
            "Better Auth 1.7 client + multiSessionClient, no UI (esbuild --minify)".into(),
            client,
        ),
        (
            "Better Auth 1.7 React client + Better Auth UI 3.4 UserButton + React 19 (esbuild --minify; CSS not counted)".into(),
            with_ui,
        ),
        (
            "ClerkJS 6.40 dist/clerk.browser.js (first script only; its UI loads later)".into(),
            peer_dir().join("node_modules/@clerk/clerk-js/dist/clerk.browser.js"),
        ),
    ])?;
    println!("\n### Size: complete browser bundle\n");
    print!("{}", comparison(ours, &theirs));
    Ok(())
}

/// `entry` in `dir` bundled and minified by that folder's esbuild for production, into `out`.
fn bundle(dir: &Path, entry: &str, out: &Path) -> Result<PathBuf> {
    let file = out.join(entry.replace(".mjs", ".min.js"));
    run(command(dir.join("node_modules/.bin/esbuild"))
        .current_dir(dir)
        .args([
            entry,
            "--bundle",
            "--minify",
            "--format=esm",
            "--platform=browser",
            "--define:process.env.NODE_ENV=\"production\"",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", file.display())))?;
    Ok(file)
}

/// Markdown: our bundles, then each peer with its brotli size over our first bundle's.
pub fn comparison(ours: &[Sizes], peers: &[Sizes]) -> String {
    let base = ours.first().map_or(0, |s| s.brotli);
    let mut out = String::from(
        "| bundle | raw | gzip -9 | zopfli | brotli 11 | brotli vs our first row |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for (i, r) in ours.iter().chain(peers).enumerate() {
        let ratio = if i == 0 || base == 0 {
            "—".to_string()
        } else {
            format!("{:.2}x", r.brotli as f64 / base as f64)
        };
        out += &format!(
            "| {} | {} | {} | {} | {} | {ratio} |\n",
            r.name, r.raw, r.gzip, r.zopfli, r.brotli
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_gives_each_row_its_brotli_ratio_to_our_first() {
        let size = |name: &str, n| Sizes {
            name: name.into(),
            raw: n * 3,
            gzip: n * 2,
            zopfli: n * 2 - 1,
            brotli: n,
        };
        let text = comparison(&[size("ours", 100)], &[size("theirs", 250)]);
        assert!(
            text.contains("| ours | 300 | 200 | 199 | 100 | — |"),
            "{text}"
        );
        assert!(
            text.contains("| theirs | 750 | 500 | 499 | 250 | 2.50x |"),
            "{text}"
        );
    }
}
