//! Bounded memory (issue 8) must not change what anyone reads.
//!
//! `check` and `eval` load skeleton trees and parse each project body while
//! lowering it; `jixiao check` (`check_report`) also checks each project as
//! soon as it is lowered and keeps no model. Whatever a file holds, both
//! must report exactly what whole trees and a whole model report: the same
//! diagnostics, at the same places, in the same order, the same model and
//! the same counts.

use jixiao::diagnostic::render::{render_all, RenderOptions};
use jixiao::load::{load_paths, LoadOptions};
use std::path::{Path, PathBuf};

const OPTIONS: RenderOptions = RenderOptions {
    color: false,
    width: Some(100),
};

/// Every fixture (findings of every kind, syntax errors, includes) and every
/// example, one file at a time, with the options each needs.
fn each_fixture(mut each: impl FnMut(&[PathBuf], &LoadOptions)) {
    for dir in ["tests/cases/syntax", "tests/cases/check", "examples"] {
        for path in jx_below(dir) {
            each(&[path], &LoadOptions::default());
        }
    }
    let include = LoadOptions {
        root: Some(PathBuf::from("tests/cases/include")),
        ..LoadOptions::default()
    };
    for path in jx_below("tests/cases/include") {
        each(&[path], &include);
    }
}

fn jx_below(dir: &str) -> Vec<PathBuf> {
    let files = jixiao::load::jx_files(Path::new(dir)).unwrap();
    assert!(!files.is_empty(), "no .jx below {dir}");
    files
}

// ───────────── skeleton trees, bodies parsed while lowering ─────────────

/// What was read: the model, and the actuals of each root file.
type Read = (jixiao::Workspace, Vec<Option<jixiao::Actuals>>);

/// Diagnostics of loading, lowering and lowering the roots' 自评 blocks,
/// sorted as `check` prints them, and rendered (spans count: equal `Span`s
/// ignore positions).
fn read(paths: &[PathBuf], options: &LoadOptions) -> (String, Read) {
    let loaded = load_paths(paths, options);
    let (workspace, lowered) = jixiao::lower::lower(&loaded);
    let mut all = loaded.diagnostics.clone();
    all.extend(lowered);
    let mut actuals = Vec::new();
    for &root in &loaded.roots {
        let (a, d) = jixiao::lower::lower_actuals(&loaded, root);
        actuals.push(a);
        all.extend(d);
    }
    jixiao::diagnostic::sort(&mut all);
    (
        render_all(&all, &loaded.sources, OPTIONS),
        (workspace, actuals),
    )
}

fn same_either_way(paths: &[PathBuf], whole: &LoadOptions) {
    let skeleton = LoadOptions {
        defer_bodies: true,
        ..whole.clone()
    };
    let (said_whole, model_whole) = read(paths, whole);
    let (said_skeleton, model_skeleton) = read(paths, &skeleton);
    assert_eq!(said_skeleton, said_whole, "{paths:?}");
    assert_eq!(model_skeleton, model_whole, "{paths:?}");
}

fn rooted(dir: &Path) -> LoadOptions {
    LoadOptions {
        root: Some(dir.to_path_buf()),
        ..LoadOptions::default()
    }
}

#[test]
fn fixtures_and_examples_read_the_same() {
    each_fixture(same_either_way);
}

/// A project whose block is whole (the first pass takes it) but whose body
/// does not parse (line 7).
const BROKEN: &str = "项目 \"坏项目\" {\n  性质 其他经常性项目\n  资金 { 总额 10 万元 }\n  指标 {\n    产出指标 {\n      数量指标 {\n        人数 ≥≥ 5 人\n      }\n    }\n  }\n}\n";

/// A file included twice is lowered twice but its syntax errors are reported
/// once; a project no one lowers (in a department an included file may not
/// declare) still has its syntax errors reported.
#[test]
fn bodies_included_twice_or_never_lowered() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("jixiao.toml"), "").unwrap();
    std::fs::write(root.join("part.jx"), BROKEN).unwrap();
    std::fs::write(
        root.join("nested.jx"),
        format!(
            "部门 \"里面的部门\" {{\n  年度 2025\n  {}}}\n",
            BROKEN.replace('\n', "\n  ")
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("main.jx"),
        "部门 \"局\" {\n  年度 2025\n  引用 \"part.jx\"\n  引用 \"nested.jx\"\n}\n部门 \"处\" {\n  年度 2025\n  引用 \"part.jx\"\n}\n",
    )
    .unwrap();
    let paths = [root.join("main.jx")];
    same_either_way(&paths, &rooted(root));
    let (said, _) = read(
        &paths,
        &LoadOptions {
            defer_bodies: true,
            ..LoadOptions::default()
        },
    );
    assert_eq!(said.matches("part.jx:7:").count(), 1, "{said}");
    assert_eq!(said.matches("nested.jx:9:").count(), 1, "{said}");
}

/// 自评 blocks are deferred too: a project block that does not parse, in
/// the file given and in a file it includes (whose 自评 no one lowers), and
/// many projects (parsed in parallel) read the same.
#[test]
fn actuals_bodies_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let good = |i: usize| {
        format!("  项目 \"项目{i}\" {{\n    预算 {i} 元\n    执行 {i} 元\n    人数 {i} 人\n  }}\n")
    };
    let bad = "  项目 \"坏项目\" {\n    预算 ≥≥ 元\n  }\n";
    let mut main = String::from("引用 \"part.jx\"\n自评 \"局\" 2025 {\n");
    for i in 0..100 {
        main.push_str(&if i % 9 == 4 {
            bad.replace("坏项目", &format!("坏{i}"))
        } else {
            good(i)
        });
    }
    main.push_str("}\n");
    std::fs::write(root.join("main.jx"), main).unwrap();
    std::fs::write(
        root.join("part.jx"),
        format!("自评 \"处\" 2025 {{\n{bad}}}\n"),
    )
    .unwrap();
    let paths = [root.join("main.jx")];
    same_either_way(&paths, &rooted(root));
    let (said, (_, actuals)) = read(
        &paths,
        &LoadOptions {
            defer_bodies: true,
            ..rooted(root)
        },
    );
    assert_eq!(said.matches("main.jx:").count(), 11, "{said}");
    assert_eq!(said.matches("part.jx:3:").count(), 1, "{said}");
    let read = actuals[0].as_ref().unwrap();
    // One bad line is one diagnostic, and its project is still read
    // (issue 17): no project is unreadable any more.
    assert_eq!((read.projects.len(), read.unreadable.len()), (100, 0));
    let broken = read.project("坏4").unwrap();
    assert!(broken.budget.is_none());
    assert!(matches!(
        broken.values.as_slice(),
        [a] if a.name == "预算" && a.value == jixiao::model::evaluation::ActualValue::Unreadable
    ));
}

/// Many projects (lowered in parallel), some broken, read the same.
#[test]
fn many_projects_some_broken_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("部门 \"局\" {\n  年度 2025\n");
    for i in 0..150 {
        if i % 7 == 3 {
            text.push_str(&BROKEN.replace("坏项目", &format!("项目{i}")));
        } else {
            text.push_str(&format!(
                "项目 \"项目{i}\" {{\n  性质 其他经常性项目\n  资金 {{ 总额 {i} 万元 }}\n  未知 {i}\n}}\n"
            ));
        }
    }
    text.push_str("}\n");
    let path = dir.path().join("many.jx");
    std::fs::write(&path, text).unwrap();
    same_either_way(&[path], &rooted(dir.path()));
}

// ───────────── check_report: each project checked and dropped ─────────────

fn checks_the_same(paths: &[PathBuf], options: &LoadOptions) {
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

#[test]
fn fixtures_and_examples_check_the_same() {
    each_fixture(checks_the_same);
    checks_the_same(
        &[PathBuf::from("examples/songjiang-npc-2025")],
        &LoadOptions::default(),
    );
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
    let options = rooted(dir.path());
    let report = jixiao::check_report(std::slice::from_ref(&path), &options);
    for code in ["JX-D001", "JX-S", "JX-M"] {
        assert!(
            report.diagnostics.iter().any(|d| d.code.starts_with(code)),
            "no {code}"
        );
    }
    checks_the_same(&[path], &options);
}
