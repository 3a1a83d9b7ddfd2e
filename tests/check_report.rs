//! `jixiao check` checks each project as soon as it is lowered and keeps no
//! model (`check_report`, bounded memory, issue 8). It must say exactly what
//! checking the whole model says (`check_paths`): the same diagnostics, at
//! the same places, in the same order, and the same counts.

use jixiao::diagnostic::render::{render_all, RenderOptions};
use jixiao::LoadOptions;
use std::path::{Path, PathBuf};

const OPTIONS: RenderOptions = RenderOptions {
    color: false,
    width: Some(100),
};

fn same_either_way(paths: &[PathBuf], options: &LoadOptions) {
    let checked = jixiao::check_paths(paths, options);
    let report = jixiao::check_report(paths, options);
    assert_eq!(
        render_all(&report.diagnostics, report.sources(), OPTIONS),
        render_all(&checked.diagnostics, checked.sources(), OPTIONS),
        "{paths:?}"
    );
    let ws = &checked.workspace;
    assert_eq!(
        (report.departments, report.projects, report.indicators),
        (
            ws.departments.len(),
            ws.projects().count(),
            ws.indicator_count()
        ),
        "{paths:?}"
    );
}

fn jx_below(dir: &str) -> Vec<PathBuf> {
    let files = jixiao::load::jx_files(Path::new(dir)).unwrap();
    assert!(!files.is_empty(), "no .jx below {dir}");
    files
}

/// Every fixture (findings of every kind, syntax errors, includes) and every
/// example, one at a time and the examples' folders whole.
#[test]
fn fixtures_and_examples_check_the_same() {
    let plain = LoadOptions::default();
    for dir in ["tests/cases/syntax", "tests/cases/check", "examples"] {
        for path in jx_below(dir) {
            same_either_way(&[path], &plain);
        }
    }
    same_either_way(&[PathBuf::from("examples/songjiang-npc-2025")], &plain);
    let include = LoadOptions {
        root: Some(PathBuf::from("tests/cases/include")),
        ..LoadOptions::default()
    };
    for path in jx_below("tests/cases/include") {
        same_either_way(&[path], &include);
    }
}

/// Many departments and projects (checked in parallel), with claims that do
/// and do not add up, projects that cannot be read, duplicates and findings.
#[test]
fn many_projects_check_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for d in 0..3 {
        let count = if d == 1 { 151 } else { 150 };
        text.push_str(&format!(
            "部门 \"局{d}\" {{\n  年度 2025\n  申报 {count} 个项目，资金 {} 万元\n",
            (0..150).sum::<u32>() + d
        ));
        for i in 0..150 {
            let name = if i == 77 { 76 } else { i };
            let body = if d == 2 && i == 9 {
                "  指标 {\n    产出指标 {\n      数量指标 {\n        人数 ≥≥ 5 人\n      }\n    }\n  }\n".to_string()
            } else {
                format!(
                    "  周期 2025-0{}-01 至 2025-03-31\n  资金 {{ 总额 {i} 万元\n 年度申请 {i} 万元 }}\n  指标 {{\n    产出指标 {{\n      数量指标 {{\n        人数 ≥ {i} 坨\n      }}\n    }}\n  }}\n",
                    i % 6 + 1
                )
            };
            text.push_str(&format!("项目 \"项目{name}\" {{\n{body}}}\n"));
        }
        text.push_str("}\n");
    }
    let path = dir.path().join("many.jx");
    std::fs::write(&path, text).unwrap();
    let options = LoadOptions {
        root: Some(dir.path().to_path_buf()),
        ..LoadOptions::default()
    };
    let report = jixiao::check_report(std::slice::from_ref(&path), &options);
    for code in ["JX-D001", "JX-S", "JX-M"] {
        assert!(
            report.diagnostics.iter().any(|d| d.code.starts_with(code)),
            "no {code}"
        );
    }
    same_either_way(&[path], &options);
}
