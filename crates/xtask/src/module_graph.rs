//! The module graph of a crate, read from its sources: which module names which other module of
//! the same crate (`crate::a::b`, `super::x`, `self::x` paths, in `use` lines and in code), and
//! whether any of them import each other in a circle. The test below holds the SDK crates to
//! "no circles" (a module that needs a root item imports it from the module that defines it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`""` for the root, `a::b` for `src/a/b.rs` or `src/a/b/mod.rs`) → source.
pub fn read_modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let Ok(rel) = path.strip_prefix(src) else {
                continue;
            };
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.insert(parts.join("::"), text);
            }
        }
    }
    out
}

/// The code of `text` without comments and without `#[cfg(test)]` modules' bodies.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut cfg_test = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("");
        let trimmed = line.trim();
        if trimmed.starts_with("#[cfg(test)]") {
            cfg_test = true;
            continue;
        }
        let opens = line.matches('{').count();
        let closes = line.matches('}').count();
        if cfg_test && trimmed.starts_with("mod ") && opens > 0 && skip_depth.is_none() {
            skip_depth = Some(depth);
        }
        cfg_test = false;
        depth = depth + opens - closes.min(depth + opens);
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The longest module of `modules` that `path` (segments after `crate`) starts with; the root
/// for an item of the root.
fn resolve(modules: &BTreeMap<String, String>, segments: &[&str]) -> String {
    for n in (1..=segments.len()).rev() {
        let candidate = segments[..n].join("::");
        if modules.contains_key(&candidate) {
            return candidate;
        }
    }
    String::new()
}

/// Edges module → modules it names (itself excluded).
pub fn edges(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (module, text) in modules {
        let mut to = BTreeSet::new();
        let code = code(text);
        let own: Vec<&str> = if module.is_empty() {
            Vec::new()
        } else {
            module.split("::").collect()
        };
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", parent(&own)),
            ("self::", own.clone()),
        ] {
            for (i, _) in code.match_indices(prefix) {
                let before = code[..i].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &code[i + prefix.len()..];
                // `crate::{a, b::c}`: each item of the group.
                let mut paths: Vec<String> = Vec::new();
                if let Some(group) = rest.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or("");
                    paths.extend(group.split(',').map(|p| p.trim().to_owned()));
                } else {
                    let path: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    paths.push(path);
                }
                for path in paths {
                    let mut segments: Vec<&str> = base.to_vec();
                    segments.extend(path.split("::").filter(|s| !s.is_empty() && *s != "{"));
                    let target = resolve(modules, &segments);
                    if target != *module {
                        to.insert(target);
                    }
                }
            }
        }
        // Paths relative to this module: `child::item` for a child module `child`.
        for child in children(modules, module) {
            let token = format!("{child}::");
            for (i, _) in code.match_indices(&token) {
                let before = code[..i].chars().last();
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    let full = if module.is_empty() {
                        child.clone()
                    } else {
                        format!("{module}::{child}")
                    };
                    to.insert(full);
                }
            }
        }
        graph.insert(module.clone(), to);
    }
    graph
}

/// The names of `module`'s direct child modules.
fn children(modules: &BTreeMap<String, String>, module: &str) -> Vec<String> {
    modules
        .keys()
        .filter_map(|m| {
            let rest = if module.is_empty() {
                m.as_str()
            } else {
                m.strip_prefix(module)?.strip_prefix("::")?
            };
            (!rest.is_empty() && !rest.contains("::")).then(|| rest.to_owned())
        })
        .collect()
}

fn parent<'a>(own: &[&'a str]) -> Vec<&'a str> {
    own[..own.len().saturating_sub(1)].to_vec()
}

/// The modules that are on a circle, as strongly connected components of two or more.
pub fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: Vec<&String> = graph.keys().collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in &nodes {
        if done.contains(*n) {
            continue;
        }
        let component: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if component.len() > 1 {
            done.extend(component.iter().cloned());
            out.push(component);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circle_is_found_and_a_tree_has_none() {
        let modules: BTreeMap<String, String> = [
            ("", "mod a; mod b; pub use crate::a::X;"),
            ("a", "use crate::b::Y; pub struct X;"),
            ("b", "use super::a::X; pub struct Y;"),
            ("c", "use crate::a::X;"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let found = circles(&edges(&modules));
        assert_eq!(found, vec![vec!["a".to_owned(), "b".to_owned()]]);
        let tree: BTreeMap<String, String> = [("", "pub use crate::a::X;"), ("a", "pub struct X;")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert!(circles(&edges(&tree)).is_empty());
    }

    #[test]
    fn no_module_of_the_sdk_crates_imports_in_a_circle() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for src in [
            "src",
            "crates/clerk-sdk/src",
            "crates/clerk-core/src",
            "crates/clerk-ui/src",
        ] {
            let modules = read_modules(&root.join(src));
            assert!(modules.len() > 3, "{src}: {} modules", modules.len());
            let found = circles(&edges(&modules));
            assert!(
                found.is_empty(),
                "{src}: modules importing each other in a circle: {found:?}"
            );
        }
    }
}
