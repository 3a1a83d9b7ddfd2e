//! The fixes diagnostics carry (issue 20): applied to the text, each makes
//! its diagnostic go away and brings no new error; and what each kind of
//! fix writes, exactly.

use jixiao::diagnostic::apply::apply;
use jixiao::diagnostic::{Diagnostic, Severity};
use jixiao::lsp::diagnostics::of_text;
use jixiao::source::FileId;
use std::collections::BTreeMap;
use std::path::Path;

#[path = "common/jx_files.rs"]
mod jx;
use jx::jx_files;

fn count(found: &[Diagnostic], code: &str) -> usize {
    found.iter().filter(|d| d.code == code).count()
}

fn errors(found: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in found.iter().filter(|d| d.severity == Severity::Error) {
        *m.entry(d.code).or_insert(0) += 1;
    }
    m
}

/// Every fixture (and the examples) with a fix: each fix applies, and the
/// text it gives has one diagnostic of that code fewer and no new error.
#[test]
fn every_fix_resolves_its_diagnostic_and_adds_no_error() {
    let mut paths = Vec::new();
    jx_files(Path::new("tests/cases"), &mut paths);
    jx_files(Path::new("tests/lsp"), &mut paths);
    jx_files(Path::new("examples"), &mut paths);
    let mut applied = BTreeMap::new();
    for path in &paths {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = jixiao::load::normalize(&raw);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let before = of_text(&name, &text);
        for d in before.iter().filter(|d| !d.fixes.is_empty()) {
            for fix in &d.fixes {
                let fixed = apply(&text, FileId(0), fix).unwrap_or_else(|| {
                    panic!("{}: {} “{}” applies", path.display(), d.code, fix.title)
                });
                let after = of_text(&name, &fixed);
                assert!(
                    count(&after, d.code) < count(&before, d.code),
                    "{}: “{}” leaves {} ({})",
                    path.display(),
                    fix.title,
                    d.code,
                    d.message
                );
                let (b, a) = (errors(&before), errors(&after));
                for (code, n) in &a {
                    assert!(
                        b.get(code).copied().unwrap_or(0) >= *n,
                        "{}: “{}” brings a new {code}",
                        path.display(),
                        fix.title
                    );
                }
                *applied.entry(d.code).or_insert(0) += 1;
            }
        }
    }
    // The kinds of fix the fixtures exercise (a code missing here has lost
    // its fix, or its fixture).
    let codes: Vec<&str> = applied.keys().copied().collect();
    assert_eq!(
        codes,
        ["JX-G002", "JX-G007", "JX-G010", "JX-T002", "JX-T003", "JX-V016"]
    );
}
