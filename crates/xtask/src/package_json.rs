//! Turns the `package.json` wasm-pack writes into the npm package `clerk-wasm`: ES module entry,
//! types, the script-tag loader in `files`, and `exports` for `.` and `./loader`.

use serde_json::{json, Map, Value};

/// The package name on npm.
pub const PACKAGE_NAME: &str = "clerk-wasm";

/// Patches a wasm-pack `package.json` in place. `extra_files` are the files copied into `pkg/`
/// from `js/`; the loader is the one whose name contains `loader` and ends in `.js`.
pub fn patch(pkg: &mut Value, extra_files: &[String]) {
    let Some(obj) = pkg.as_object_mut() else {
        *pkg = json!({});
        return patch(pkg, extra_files);
    };
    let entry = string_field(obj, "module")
        .or_else(|| string_field(obj, "main"))
        .unwrap_or_else(|| "clerk_wasm.js".to_string());
    let types = string_field(obj, "types").unwrap_or_else(|| entry.replace(".js", ".d.ts"));
    let mut files: Vec<String> = match obj.get("files") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    for file in extra_files {
        if !files.contains(file) {
            files.push(file.clone());
        }
    }
    let wasm = files.iter().find(|f| f.ends_with(".wasm")).cloned();
    let loader = loader_of(extra_files);

    obj.insert("name".into(), json!(PACKAGE_NAME));
    obj.insert("type".into(), json!("module"));
    obj.insert("main".into(), json!(entry));
    obj.insert("module".into(), json!(entry));
    obj.insert("types".into(), json!(types));
    obj.insert("files".into(), json!(files));

    let mut exports = Map::new();
    exports.insert(
        ".".into(),
        json!({"types": format!("./{types}"), "import": format!("./{entry}"), "default": format!("./{entry}")}),
    );
    if let Some(loader) = &loader {
        let loader_types = loader.trim_end_matches(".js").to_string() + ".d.ts";
        let target = if extra_files.contains(&loader_types) {
            json!({"types": format!("./{loader_types}"), "default": format!("./{loader}")})
        } else {
            json!(format!("./{loader}"))
        };
        exports.insert("./loader".into(), target);
        add_side_effect(obj, &format!("./{loader}"));
    }
    if let Some(wasm) = wasm {
        exports.insert(format!("./{wasm}"), json!(format!("./{wasm}")));
    }
    exports.insert("./package.json".into(), json!("./package.json"));
    obj.insert("exports".into(), Value::Object(exports));
}

/// The loader script among the copied files (`*loader*.js`), if any.
pub fn loader_of(files: &[String]) -> Option<String> {
    files
        .iter()
        .find(|f| f.contains("loader") && f.ends_with(".js"))
        .cloned()
}

fn string_field(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(Value::as_str).map(String::from)
}

/// The loader sets `window.Clerk` when imported, so bundlers must not drop it.
fn add_side_effect(obj: &mut Map<String, Value>, path: &str) {
    let mut list: Vec<Value> = match obj.get("sideEffects") {
        Some(Value::Array(list)) => list.clone(),
        _ => Vec::new(),
    };
    if !list.iter().any(|v| v.as_str() == Some(path)) {
        list.push(json!(path));
    }
    obj.insert("sideEffects".into(), Value::Array(list));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wasm_pack_output() -> Value {
        json!({
            "name": "clerk-wasm",
            "description": "Multi-session authentication",
            "version": "0.1.0",
            "license": "MIT",
            "files": ["clerk_wasm_bg.wasm", "clerk_wasm.js", "clerk_wasm.d.ts"],
            "main": "clerk_wasm.js",
            "types": "clerk_wasm.d.ts",
            "sideEffects": ["./snippets/*"]
        })
    }

    #[test]
    fn the_patched_package_is_an_es_module_with_exports_for_the_entry_and_the_loader() {
        let mut pkg = wasm_pack_output();
        let extra = vec!["clerk-loader.js".to_string(), "README.md".to_string()];
        patch(&mut pkg, &extra);
        assert_eq!(pkg["name"], "clerk-wasm");
        assert_eq!(pkg["type"], "module");
        assert_eq!(pkg["main"], "clerk_wasm.js");
        assert_eq!(pkg["module"], "clerk_wasm.js");
        assert_eq!(pkg["types"], "clerk_wasm.d.ts");
        assert_eq!(pkg["exports"]["."]["import"], "./clerk_wasm.js");
        assert_eq!(pkg["exports"]["."]["types"], "./clerk_wasm.d.ts");
        assert_eq!(pkg["exports"]["./loader"], "./clerk-loader.js");
        assert_eq!(
            pkg["exports"]["./clerk_wasm_bg.wasm"],
            "./clerk_wasm_bg.wasm"
        );
        let files: Vec<&str> = pkg["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(files.contains(&"clerk-loader.js"));
        assert!(files.contains(&"README.md"));
        assert!(files.contains(&"clerk_wasm_bg.wasm"));
        let effects = pkg["sideEffects"].as_array().unwrap();
        assert!(effects.contains(&json!("./snippets/*")));
        assert!(effects.contains(&json!("./clerk-loader.js")));
        assert_eq!(pkg["version"], "0.1.0");
    }

    #[test]
    fn patching_twice_gives_the_same_package() {
        let extra = vec!["loader.js".to_string(), "loader.d.ts".to_string()];
        let mut once = wasm_pack_output();
        patch(&mut once, &extra);
        let mut twice = once.clone();
        patch(&mut twice, &extra);
        assert_eq!(once, twice);
        assert_eq!(once["exports"]["./loader"]["types"], "./loader.d.ts");
    }

    #[test]
    fn without_a_loader_there_is_no_loader_export() {
        let mut pkg = wasm_pack_output();
        patch(&mut pkg, &[]);
        assert!(pkg["exports"].get("./loader").is_none());
        assert_eq!(pkg["exports"]["."]["default"], "./clerk_wasm.js");
    }

    #[test]
    fn export_conditions_are_in_the_order_resolvers_read_them() {
        // Node and TypeScript take the first matching condition: `types` first, `default` last.
        let mut pkg = wasm_pack_output();
        patch(&mut pkg, &["clerk-loader.js".to_string()]);
        let keys: Vec<&String> = pkg["exports"]["."]
            .as_object()
            .expect("conditions")
            .keys()
            .collect();
        assert_eq!(keys, ["types", "import", "default"]);
    }
}
