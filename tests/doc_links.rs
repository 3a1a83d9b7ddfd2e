//! Every relative link in the repository's Markdown points at a file that is
//! in the repository: a reader of a clean clone never follows a link out of it
//! (the folders beside a clone differ between machines).

use std::path::{Component, Path, PathBuf};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            if !matches!(
                name.as_ref(),
                "target" | ".git" | "corpus" | "artifacts" | "node_modules"
            ) {
                markdown_files(&path, out);
            }
        } else if kind.is_file() && name.ends_with(".md") {
            out.push(path);
        }
    }
}

/// The targets of `[text](target)` links in `text`.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// `path` normalised lexically (`a/../b` is `b`); None when it climbs above
/// the start.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[test]
fn relative_links_stay_inside_the_repository() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    assert!(files.len() > 5, "found the Markdown files: {files:?}");
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let dir = file.parent().unwrap_or(&root);
        if text.contains("../shared/") {
            broken.push(format!("{}: 提到仓库外的 ../shared/", file.display()));
        }
        for link in links(&text) {
            let target = link.split('#').next().unwrap_or("").trim();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let rel = dir
                .strip_prefix(&root)
                .unwrap_or(Path::new(""))
                .join(target);
            let inside = normalise(&rel).filter(|p| root.join(p).exists());
            if inside.is_none() {
                broken.push(format!("{}: {link}", file.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links leaving the repository or missing:\n{}",
        broken.join("\n")
    );
}
