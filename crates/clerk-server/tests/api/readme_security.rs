//! The README's security section names, for each promise, the tests that prove it: every test it
//! names exists (so the list cannot silently point at tests that were renamed or removed).

use std::path::Path;

#[test]
fn every_test_the_readme_security_section_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = readme
        .split("\n## Security\n")
        .nth(1)
        .expect("a Security section")
        .split("\n## ")
        .next()
        .unwrap();
    let mut checked = 0;
    for row in section.lines().filter(|l| l.starts_with("| **")) {
        let tests = row.rsplit(" | ").next().unwrap();
        let mut module = String::new();
        for token in tests.split('`').skip(1).step_by(2) {
            if let Some(path) = token.strip_prefix("tests/") {
                assert!(root.join("tests").join(path).exists(), "{token}");
                checked += 1;
                continue;
            }
            let name = match token.split_once("::") {
                Some((m, name)) => {
                    module = m.to_owned();
                    name
                }
                None => token.trim_start_matches('…'),
            };
            let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/api")
                .join(format!("{module}.rs"));
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{token}: {} ({e})", file.display()));
            assert!(
                text.contains(&format!("fn {name}(")),
                "no test {module}::{name}"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} tests named");
}
