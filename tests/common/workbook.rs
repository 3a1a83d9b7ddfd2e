//! Workbooks built in tests with rust_xlsxwriter, and what their import
//! must mean (shared by the import_xlsx* tests).
#![allow(dead_code)]

use rust_xlsxwriter::Worksheet;
use std::path::Path;

/// A cell: text, or a number when it parses as one.
pub fn put(ws: &mut Worksheet, row: u32, col: u16, v: &str) {
    if v.is_empty() {
        return;
    }
    match v.parse::<f64>() {
        Ok(n) if !v.starts_with('0') || v == "0" || v.starts_with("0.") => {
            ws.write_number(row, col, n).unwrap();
        }
        _ => {
            ws.write_string(row, col, v).unwrap();
        }
    };
}

pub fn rows(ws: &mut Worksheet, from: u32, rows: &[&[&str]]) {
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            put(ws, from + r as u32, c as u16, v);
        }
    }
}

pub fn import(bytes: &[u8]) -> jixiao::import::Imported {
    jixiao::import::import_bytes(Path::new("表.xlsx"), "表.xlsx", bytes)
}

/// The imported text reads back without syntax or structure errors and
/// means exactly `expected` (findings about the content are not the
/// importer's business).
pub fn assert_model(imported: &jixiao::import::Imported, expected: &str) {
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    let got = read_back(imported);
    let want = jixiao::import::verify("预期.jx", expected);
    assert!(want.structurally_sound(), "{:#?}", want.structural);
    assert_eq!(got.workspace, want.workspace, "\n{}", imported.text);
    // Written in the canonical layout: formatting it again changes nothing.
    let formatted = jixiao::format::format_text(jixiao::source::FileId(0), &imported.text);
    assert_eq!(formatted.ok().as_deref(), Some(imported.text.as_str()));
}

/// The imported text read back; it must have no syntax or structure error.
pub fn read_back(imported: &jixiao::import::Imported) -> jixiao::import::Verified {
    let got = jixiao::import::verify("导入.jx", &imported.text);
    assert!(
        got.structurally_sound(),
        "{:#?}\n{}",
        got.structural,
        imported.text
    );
    got
}

/// The warnings and errors of an import: `code message` each.
pub fn warnings(imported: &jixiao::import::Imported) -> Vec<String> {
    imported
        .diagnostics
        .iter()
        .filter(|d| d.severity >= jixiao::diagnostic::Severity::Warning)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

/// Imported without a warning (only 提示).
pub fn assert_no_warnings(imported: &jixiao::import::Imported) {
    let loud = warnings(imported);
    assert!(loud.is_empty(), "{loud:#?}");
}

/// The 申报表 workbook `jixiao report --xlsx` writes for `paths`.
pub fn report_workbook(paths: &[std::path::PathBuf]) -> Vec<u8> {
    let checked = jixiao::check_paths(paths, &Default::default());
    jixiao::report::xlsx::declaration(&checked.workspace).unwrap()
}

/// `jixiao diff OLD NEW` where NEW is the imported text: what it prints.
/// (The test crate declares `mod cli` from common/cli.rs.)
pub fn diff_against(old: &Path, imported: &jixiao::import::Imported) -> String {
    use super::cli::{command, root, Checked};
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("导入.jx");
    std::fs::write(&new, &imported.text).unwrap();
    let run = command(&root()).arg("diff").arg(old).arg(&new).checked();
    String::from_utf8(run.stdout).unwrap()
}
