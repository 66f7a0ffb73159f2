//! The `.d.ts` wasm-bindgen writes, made to type-check under the `lib`s apps really use.
//!
//! wasm-bindgen 0.2.130 declares `[Symbol.dispose](): void;` in every exported class (its glue
//! sets that method to `free` where the browser has `Symbol.dispose`). TypeScript declares
//! `Symbol.dispose` only in its `esnext.disposable` lib (part of `ESNext`), which the libs of a
//! Vite `vanilla-ts` template (`["ES2023", "DOM"]`) and most apps' do not include, so an app that
//! checks its libraries (`skipLibCheck: false`) got, once per class:
//!
//! ```text
//! error TS2550: Property 'dispose' does not exist on type 'SymbolConstructor'. Do you need to
//! change your target library? Try changing the 'lib' compiler option to 'esnext' or later.
//! ```
//!
//! [`make_dispose_follow_the_lib`] takes those members out of the classes and gives the classes
//! one conditional type by declaration merging instead: `[Symbol.dispose]` where the app's `lib`
//! declares `Symbol.dispose`, so `using clerk = new Clerk()` type-checks there as before, and
//! nothing where it does not (`using` then gets TypeScript's own "Cannot find global type
//! 'Disposable'", as for any other object). The types thus follow the app's own `lib` choice.
//! Rejected:
//! - `/// <reference lib="esnext.disposable" />` at the top: it would add the lib to every app
//!   that imports the package, so the app's own code would type-check `Symbol.dispose`,
//!   `DisposableStack` and `using` for browsers that lack them (the glue sets the method only
//!   where the symbol exists), and TypeScript before 5.2 stops at the unknown lib.
//! - Deleting the members: `using` would stop type-checking for apps that have the lib.
//! - A wasm-bindgen option: 0.2.130 has none for it.
//!
//! The `end-to-end` test `tests/sdk-bundler.test.mjs` checks the result with a real `tsc`, under
//! the template's libs and under `ESNext` with `using`.

use std::fs;
use std::path::Path;

use crate::error::{Result, XtaskError};

/// The member wasm-bindgen declares in each class (trimmed line).
const DISPOSE_MEMBER: &str = "[Symbol.dispose](): void;";

/// Appended to the `.d.ts`, before the `interface` lines merged into the classes.
const DISPOSAL_TYPES: &str = "
/**
 * `[Symbol.dispose]()`, the same as `free()`, where the app's TypeScript `lib` declares
 * `Symbol.dispose` (`ESNext`, or `esnext.disposable`), so `using` works there; nothing under libs
 * that do not know the symbol. Written by `cargo xtask build` (crates/xtask/src/dts.rs).
 */
type Disposal = { [K in DisposeSymbol]: () => void };
/** The type of `Symbol.dispose` if the app's `lib` declares it, else `never`. */
type DisposeSymbol = SymbolConstructor extends { readonly dispose: infer S extends symbol } ? S : never;
";

/// Ends the `.d.ts`: with it, only the declarations marked `export` are the module's, so the two
/// helper types above stay private.
const EXPORT_ONLY_MARKED: &str =
    "/** Only the declarations marked `export` are this module's. */\nexport {};\n";

/// Rewrites the `.d.ts` at `path` in place with [`make_dispose_follow_the_lib`].
pub fn fix_file(path: &Path) -> Result<()> {
    let text = fs::read_to_string(path)
        .map_err(|e| XtaskError::io(format!("cannot read {}", path.display()), e))?;
    let (fixed, classes) = make_dispose_follow_the_lib(&text)
        .map_err(|e| XtaskError::Failed(format!("{}: {e}", path.display())))?;
    fs::write(path, fixed)
        .map_err(|e| XtaskError::io(format!("cannot write {}", path.display()), e))?;
    eprintln!(
        "build: [Symbol.dispose] of {} classes declared only under libs that have it",
        classes.len()
    );
    Ok(())
}

/// The `.d.ts` `text` with every class's `[Symbol.dispose](): void;` replaced by
/// `export interface CLASS extends Disposal {}` (see the module doc), and the names of those
/// classes. Text without such members comes back unchanged, so a second run changes nothing.
/// Fails if `Symbol.dispose` is still used in another way afterwards (a new wasm-bindgen's
/// shape), or if the file has declarations not marked `export`, which the closing
/// `export {};` would hide.
pub fn make_dispose_follow_the_lib(
    text: &str,
) -> std::result::Result<(String, Vec<String>), String> {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut classes: Vec<String> = Vec::new();
    let mut class: Option<String> = None;
    for line in text.split_inclusive('\n') {
        let code = line.trim_end();
        if let Some(rest) = code.strip_prefix("export class ") {
            class = Some(
                rest.split(|c: char| !is_ident(c))
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        } else if code == "}" {
            class = None;
        }
        match &class {
            Some(name) if code.trim() == DISPOSE_MEMBER => {
                if !classes.contains(name) {
                    classes.push(name.clone());
                }
            }
            _ => out.push_str(line),
        }
    }
    if classes.is_empty() {
        return Ok((text.to_string(), classes));
    }
    if let Some(line) = out
        .lines()
        .find(|l| is_code(l) && l.contains("Symbol.dispose"))
    {
        return Err(format!(
            "`Symbol.dispose` still declared after the rewrite, in `{}`: update crates/xtask/src/dts.rs",
            line.trim()
        ));
    }
    if let Some(line) = out.lines().find(|l| is_unexported_declaration(l)) {
        return Err(format!(
            "declaration not marked `export` (`export {{}}` would hide it): `{}`",
            line.trim()
        ));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(DISPOSAL_TYPES);
    for name in &classes {
        out.push_str(&format!("export interface {name} extends Disposal {{}}\n"));
    }
    out.push_str(EXPORT_ONLY_MARKED);
    Ok((out, classes))
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Not a comment line (`/**`, ` * …`, `//`).
fn is_code(line: &str) -> bool {
    let t = line.trim_start();
    !(t.starts_with("/*") || t.starts_with('*') || t.starts_with("//"))
}

/// A top-level declaration without `export` (wasm-bindgen marks all of its own).
fn is_unexported_declaration(line: &str) -> bool {
    const KEYWORDS: [&str; 8] = [
        "declare ",
        "type ",
        "interface ",
        "class ",
        "function ",
        "const ",
        "enum ",
        "namespace ",
    ];
    KEYWORDS.iter().any(|k| line.starts_with(k))
}

#[cfg(test)]
#[path = "dts_tests.rs"]
mod tests;
