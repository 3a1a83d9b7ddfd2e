//! Shared by the tests that walk the repository's `.jx` files.

use std::path::{Path, PathBuf};

/// Every `.jx` under `dir`, recursively, in sorted order.
pub fn jx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            jx_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "jx") {
            out.push(p);
        }
    }
}
