//! Short import and export names for the shipped wasm and its JS glue.
//!
//! wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` under the module
//! `./clerk_wasm_bg.js`, and closure exports `wasm_bindgen__convert__closures_____invoke__h<hash>`.
//! Each name is stored twice (the wasm's import/export section and the glue), and the hashes do not
//! compress: about 5 KB of the gzipped bundle. [`shorten`] renames them to `a`, `b`, ... in both
//! files at once. Only names the glue uses in exactly the expected places are renamed (an import
//! as the one `name:` key of the import object, an export as `wasm.name`); anything else keeps
//! its name, so an unexpected glue shape costs bytes, never correctness.

use crate::error::{Result, XtaskError};

/// The module name every import gets instead of `./<crate>_bg.js`.
const MODULE: &str = "w";

/// The wasm and glue with short names, and how many names were shortened.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize)> {
    let sections = sections(wasm)?;
    let mut names = NameGen::default();
    let mut glue = glue.to_owned();
    let mut out = wasm[..8].to_vec();
    for s in &sections {
        let body = &wasm[s.start..s.end];
        let new_body = match s.id {
            IMPORT => Some(rename_imports(body, &mut glue, &mut names)?),
            EXPORT => Some(rename_exports(body, &mut glue, &mut names)?),
            _ => None,
        };
        match new_body {
            Some(b) => {
                out.push(s.id);
                leb_write(&mut out, b.len() as u64);
                out.extend_from_slice(&b);
            }
            None => out.extend_from_slice(&wasm[s.header..s.end]),
        }
    }
    Ok((out, glue, names.issued))
}

const IMPORT: u8 = 2;
const EXPORT: u8 = 7;

/// One section: where its id byte is, and where its body starts and ends.
struct Section {
    id: u8,
    header: usize,
    start: usize,
    end: usize,
}

fn bad(what: &str) -> XtaskError {
    XtaskError::Failed(format!("cannot shorten wasm names: {what}"))
}

fn sections(wasm: &[u8]) -> Result<Vec<Section>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(bad("not a wasm module"));
    }
    let mut r = Reader { b: wasm, at: 8 };
    let mut out = Vec::new();
    while r.at < wasm.len() {
        let header = r.at;
        let id = r.byte()?;
        let len = r.leb()? as usize;
        let start = r.at;
        let end = start.checked_add(len).filter(|e| *e <= wasm.len());
        let end = end.ok_or_else(|| bad("section runs past the end"))?;
        out.push(Section {
            id,
            header,
            start,
            end,
        });
        r.at = end;
    }
    Ok(out)
}

fn rename_imports(body: &[u8], glue: &mut String, names: &mut NameGen) -> Result<Vec<u8>> {
    let mut r = Reader { b: body, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::with_capacity(body.len());
    leb_write(&mut out, count);
    let mut module_key: Option<String> = None;
    for _ in 0..count {
        let module = r.name()?.to_owned();
        let field = r.name()?.to_owned();
        let desc_start = r.at;
        r.import_desc()?;
        let desc = &body[desc_start..r.at];
        // The module is renamed only if the glue names it exactly once, as a quoted key.
        if module_key.is_none() && module.ends_with("_bg.js") {
            let quoted = format!("\"{module}\":");
            if glue.matches(&quoted).count() == 1 {
                *glue = glue.replacen(&quoted, &format!("\"{MODULE}\":"), 1);
                module_key = Some(module.clone());
            }
        }
        let new_module = match &module_key {
            Some(m) if *m == module => MODULE,
            _ => &module,
        };
        let new_field = replace_ident(glue, &field, ":", "", names).unwrap_or(field);
        name_write(&mut out, new_module);
        name_write(&mut out, &new_field);
        out.extend_from_slice(desc);
    }
    Ok(out)
}

fn rename_exports(body: &[u8], glue: &mut String, names: &mut NameGen) -> Result<Vec<u8>> {
    let mut r = Reader { b: body, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::with_capacity(body.len());
    leb_write(&mut out, count);
    for _ in 0..count {
        let name = r.name()?.to_owned();
        let kind = r.byte()?;
        let index = r.leb()?;
        let new_name = replace_ident(glue, &name, "", "wasm.", names).unwrap_or(name);
        name_write(&mut out, &new_name);
        out.push(kind);
        leb_write(&mut out, index);
    }
    Ok(out)
}

/// Replaces `name` with a new short name in the places it is expected and returns that name;
/// `None` (glue unchanged) if `name` is already short or the glue uses it otherwise:
/// - an import (`suffix = ":"`) must appear exactly once, as an object key;
/// - an export (`prefix = "wasm."`) is renamed where it is a member of `wasm`, at least once;
///   other uses of the same word are separate JS bindings (wasm-bindgen names the JS wrapper of a
///   closure export like the export) and stay, but a quoted use (`wasm["name"]`) keeps the name.
fn replace_ident(
    glue: &mut String,
    name: &str,
    suffix: &str,
    prefix: &str,
    names: &mut NameGen,
) -> Option<String> {
    if name.len() <= 3 {
        return None;
    }
    let all = ident_positions(glue, name);
    let wanted: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&at| {
            glue[..at].ends_with(prefix) && glue[at + name.len()..].trim_start().starts_with(suffix)
        })
        .collect();
    let quoted = all.iter().any(|&at| glue[..at].ends_with(['"', '\'', '`']));
    let expected = if suffix.is_empty() {
        !wanted.is_empty() && !quoted
    } else {
        wanted.len() == 1 && all.len() == 1
    };
    if !expected {
        return None;
    }
    let short = names.next(glue);
    for &at in wanted.iter().rev() {
        glue.replace_range(at..at + name.len(), &short);
    }
    Some(short)
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// Byte offsets of `name` in `text` as a whole identifier.
fn ident_positions(text: &str, name: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    text.match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + name.len()).copied();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
        .collect()
}

/// `a`..`z`, `A`..`Z`, then two letters and so on, skipping any that already appear in the glue as
/// an identifier; counts the names it handed out (one per renamed import or export).
#[derive(Default)]
struct NameGen {
    next: usize,
    issued: usize,
}

impl NameGen {
    fn next(&mut self, glue: &str) -> String {
        const ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        loop {
            let mut n = self.next;
            self.next += 1;
            let mut s = Vec::new();
            loop {
                s.push(ALPHA[n % ALPHA.len()]);
                n /= ALPHA.len();
                if n == 0 {
                    break;
                }
                n -= 1;
            }
            let s: String = s.iter().rev().map(|&c| c as char).collect();
            if ident_positions(glue, &s).is_empty() {
                self.issued += 1;
                return s;
            }
        }
    }
}

/// A cursor over wasm bytes.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.at).ok_or_else(|| bad("truncated"))?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err(bad("LEB128 too long"));
            }
        }
    }

    fn name(&mut self) -> Result<&'a str> {
        let len = self.leb()? as usize;
        let end = self.at.checked_add(len).filter(|e| *e <= self.b.len());
        let end = end.ok_or_else(|| bad("name runs past the end"))?;
        let s = std::str::from_utf8(&self.b[self.at..end]).map_err(|_| bad("name not UTF-8"))?;
        self.at = end;
        Ok(s)
    }

    /// Skips an import description: function, table, memory, global or tag.
    fn import_desc(&mut self) -> Result<()> {
        match self.byte()? {
            0 => {
                self.leb()?;
            }
            4 => {
                self.byte()?;
                self.leb()?;
            }
            1 => {
                self.byte()?;
                self.limits()?;
            }
            2 => self.limits()?,
            3 => {
                self.byte()?;
                self.byte()?;
            }
            other => return Err(bad(&format!("unknown import kind {other}"))),
        }
        Ok(())
    }

    fn limits(&mut self) -> Result<()> {
        let flags = self.leb()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

fn leb_write(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn name_write(out: &mut Vec<u8>, name: &str) {
    leb_write(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
#[path = "wasm_names_tests.rs"]
mod tests;
