use super::*;

/// A module importing two functions from `./m_bg.js` and exporting two functions and a memory.
fn module(imports: &[&str], exports: &[&str]) -> Vec<u8> {
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    // Type section: one type, () -> ().
    m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
    let mut body = Vec::new();
    leb_write(&mut body, imports.len() as u64);
    for name in imports {
        name_write(&mut body, "./m_bg.js");
        name_write(&mut body, name);
        body.extend_from_slice(&[0, 0]);
    }
    m.push(IMPORT);
    leb_write(&mut m, body.len() as u64);
    m.extend_from_slice(&body);
    let mut body = Vec::new();
    leb_write(&mut body, exports.len() as u64);
    for (i, name) in exports.iter().enumerate() {
        name_write(&mut body, name);
        body.extend_from_slice(&[0, i as u8]);
    }
    m.push(EXPORT);
    leb_write(&mut m, body.len() as u64);
    m.extend_from_slice(&body);
    m
}

/// The (module, field) names of the imports and the export names of `wasm`.
fn names_of(wasm: &[u8]) -> (Vec<(String, String)>, Vec<String>) {
    let (mut imports, mut exports) = (Vec::new(), Vec::new());
    for s in sections(wasm).expect("sections") {
        let mut r = Reader {
            b: &wasm[s.start..s.end],
            at: 0,
        };
        if s.id == IMPORT {
            for _ in 0..r.leb().expect("count") {
                let m = r.name().expect("module").to_owned();
                let f = r.name().expect("field").to_owned();
                r.import_desc().expect("desc");
                imports.push((m, f));
            }
        } else if s.id == EXPORT {
            for _ in 0..r.leb().expect("count") {
                exports.push(r.name().expect("name").to_owned());
                r.byte().expect("kind");
                r.leb().expect("index");
            }
        }
    }
    (imports, exports)
}

const GLUE: &str = r#"
function __wbg_get_imports() {
    const import0 = {
        __wbg_now_463ac581d2fc7ea3: function() { return Date.now(); },
        __wbg_log_0123456789abcdef : function(x) { console.log(x); },
    };
    return { __proto__: null, "./m_bg.js": import0 };
}
export function load() { return wasm.clerk_load(wasm.memory); }
function clerk_invoke_h0123456789abcdef(x) { wasm.clerk_invoke_h0123456789abcdef(x); }
"#;

#[test]
fn imports_and_exports_get_short_names_in_the_wasm_and_the_glue_alike() {
    let wasm = module(
        &["__wbg_now_463ac581d2fc7ea3", "__wbg_log_0123456789abcdef"],
        &["clerk_load", "memory", "clerk_invoke_h0123456789abcdef"],
    );
    let (out, glue, renamed) = shorten(&wasm, GLUE).expect("shorten");
    assert_eq!(renamed, 5);
    let (imports, exports) = names_of(&out);
    assert_eq!(
        imports,
        vec![("w".into(), "a".into()), ("w".into(), "b".into())]
    );
    assert_eq!(exports, vec!["c", "d", "e"]);
    // The JS wrapper function of the same name is a separate binding: only `wasm.` uses change.
    assert!(glue.contains("function clerk_invoke_h0123456789abcdef(x) { wasm.e(x); }"));
    assert!(glue.contains("a: function() { return Date.now(); }"));
    assert!(glue.contains("b : function(x)"));
    assert!(glue.contains("\"w\": import0"));
    assert!(glue.contains("return wasm.c(wasm.d);"));
    assert!(!glue.contains("463ac581d2fc7ea3"));
}

#[test]
fn a_name_the_glue_also_uses_elsewhere_keeps_its_name() {
    let glue = GLUE.replace(
        "console.log(x)",
        "console.log(x, __wbg_log_0123456789abcdef)",
    );
    let glue = glue.replace(
        "return wasm.clerk_load(",
        "return wasm[\"clerk_load\"](wasm.clerk_load, ",
    );
    let wasm = module(
        &["__wbg_log_0123456789abcdef"],
        &["clerk_load", "clerk_gone"],
    );
    let (out, new_glue, renamed) = shorten(&wasm, &glue).expect("shorten");
    let (imports, exports) = names_of(&out);
    assert_eq!(imports[0].1, "__wbg_log_0123456789abcdef");
    // `clerk_load` is also used quoted, `clerk_gone` not at all: both kept.
    assert_eq!(exports, vec!["clerk_load", "clerk_gone"]);
    assert_eq!(renamed, 0);
    assert!(new_glue.contains("console.log(x, __wbg_log_0123456789abcdef)"));
}

#[test]
fn short_names_skip_identifiers_the_glue_already_has() {
    let mut gen = NameGen::default();
    assert_eq!(gen.next("let a = 1; const b = a;"), "c");
    assert_eq!(gen.next(""), "d");
    let mut gen = NameGen {
        next: 51,
        issued: 0,
    };
    assert_eq!(gen.next(""), "Z");
    assert_eq!(gen.next(""), "aa");
}

#[test]
fn a_file_that_is_not_wasm_is_refused() {
    assert!(shorten(b"not wasm at all", GLUE).is_err());
    let mut truncated = module(&["__wbg_now_463ac581d2fc7ea3"], &[]);
    truncated.truncate(truncated.len() - 5);
    assert!(shorten(&truncated, GLUE).is_err());
}
