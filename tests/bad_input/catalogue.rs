//! docs/bad-input.md and the tests agree: every test the catalogue names
//! exists, so a row cannot outlive the test that shows it.

use std::path::Path;

fn rust_sources(dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// The test names in a table row's last cell: each `a::b::name` or `name`
/// in backquotes.
fn named_tests(row: &str) -> Vec<String> {
    let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
    let Some(last) = cells.last() else {
        return Vec::new();
    };
    last.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|t| t.rsplit("::").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_test_the_catalogue_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/bad-input.md")).expect("docs/bad-input.md");
    let mut sources = String::new();
    rust_sources(&root.join("tests"), &mut sources);
    rust_sources(&root.join("src"), &mut sources);
    let mut rows = 0;
    let mut missing = Vec::new();
    for row in doc
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
    {
        let names = named_tests(row);
        if names.is_empty() {
            continue;
        }
        rows += 1;
        for name in names {
            if !sources.contains(&format!("fn {name}(")) {
                missing.push(name);
            }
        }
    }
    assert!(rows > 60, "read only {rows} rows of the catalogue");
    assert!(
        missing.is_empty(),
        "tests named in docs/bad-input.md but not found: {missing:?}"
    );
}
