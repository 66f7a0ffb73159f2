use super::*;

/// The shape wasm-bindgen 0.2.130 writes: custom interfaces merged with classes, each class with
/// `free()` and `[Symbol.dispose]()`, then the init functions.
const WASM_BINDGEN_DTS: &str = r#"/* tslint:disable */
/* eslint-disable */

/** The data of a `Client` (own properties, merged with the class). */
export interface Client {
    readonly id: string;
}

/**
 * The entry point. `using` frees it: see [`Symbol.dispose`] in the docs.
 */
export class Clerk {
    free(): void;
    [Symbol.dispose](): void;
    load(): Promise<void>;
    constructor(frontendApi?: string | null);
}

export class Client {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export default function __wbg_init (module_or_path?: InitInput): Promise<InitOutput>;
"#;

#[test]
fn every_class_loses_its_dispose_member_and_extends_the_conditional_disposal_instead() {
    let (fixed, classes) = make_dispose_follow_the_lib(WASM_BINDGEN_DTS).expect("rewritten");
    assert_eq!(classes, ["Clerk", "Client"]);
    assert!(
        !fixed.lines().any(|l| l.trim() == DISPOSE_MEMBER),
        "{fixed}"
    );
    assert!(fixed.contains("export interface Clerk extends Disposal {}\n"));
    assert!(fixed.contains("export interface Client extends Disposal {}\n"));
    assert!(fixed.contains(
        "type DisposeSymbol = SymbolConstructor extends { readonly dispose: infer S extends symbol } ? S : never;"
    ));
    assert!(fixed.contains("type Disposal = { [K in DisposeSymbol]: () => void };"));
    assert!(fixed.ends_with("export {};\n"), "{fixed}");
}

#[test]
fn everything_else_is_kept_line_for_line() {
    let (fixed, _) = make_dispose_follow_the_lib(WASM_BINDGEN_DTS).expect("rewritten");
    let expected: Vec<&str> = WASM_BINDGEN_DTS
        .lines()
        .filter(|l| l.trim() != "[Symbol.dispose](): void;")
        .collect();
    let kept: Vec<&str> = fixed.lines().take(expected.len()).collect();
    assert_eq!(kept, expected);
    assert!(fixed.contains("    free(): void;\n    load(): Promise<void>;\n"));
}

#[test]
fn a_second_run_changes_nothing() {
    let (once, _) = make_dispose_follow_the_lib(WASM_BINDGEN_DTS).expect("rewritten");
    let (twice, classes) = make_dispose_follow_the_lib(&once).expect("unchanged");
    assert_eq!(twice, once);
    assert!(classes.is_empty());
}

#[test]
fn a_file_without_classes_is_left_as_it_is() {
    let text = "export type A = string;\nexport function f(): void;\n";
    assert_eq!(
        make_dispose_follow_the_lib(text),
        Ok((text.to_string(), Vec::new()))
    );
}

#[test]
fn another_use_of_symbol_dispose_fails_the_build_instead_of_shipping_types_that_do_not_check() {
    let text = WASM_BINDGEN_DTS.replace(
        "    load(): Promise<void>;\n",
        "    load(): Promise<void>;\n    [Symbol.dispose]?(): void;\n",
    );
    let error = make_dispose_follow_the_lib(&text).expect_err("refused");
    assert!(error.contains("[Symbol.dispose]?(): void;"), "{error}");
}

#[test]
fn a_declaration_not_marked_export_fails_the_build_since_export_braces_would_hide_it() {
    let text = format!("{WASM_BINDGEN_DTS}declare const helper: number;\n");
    let error = make_dispose_follow_the_lib(&text).expect_err("refused");
    assert!(error.contains("declare const helper"), "{error}");
}

#[test]
fn the_rewritten_file_is_written_back_in_place() {
    let dir = crate::process::TempDir::new("xtask-dts").expect("temp dir");
    let path = dir.path().join("clerk_wasm.d.ts");
    fs::write(&path, WASM_BINDGEN_DTS).expect("written");
    fix_file(&path).expect("fixed");
    let on_disk = fs::read_to_string(&path).expect("read back");
    assert_eq!(
        on_disk,
        make_dispose_follow_the_lib(WASM_BINDGEN_DTS)
            .expect("rewritten")
            .0
    );
}
