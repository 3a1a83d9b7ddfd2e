//! `check` and `eval` load skeleton trees and parse each project body while
//! lowering it (bounded memory, issue 8). Whatever a file holds, they must
//! report exactly what loading whole trees reports: the same diagnostics, at
//! the same places, in the same order, and the same model.

use jixiao::diagnostic::render::{render_all, RenderOptions};
use jixiao::load::{load_paths, LoadOptions};
use std::path::{Path, PathBuf};

/// Diagnostics of loading and lowering, sorted as `check` prints them, and
/// rendered (spans count: equal `Span`s ignore positions).
fn read(paths: &[PathBuf], options: &LoadOptions) -> (String, jixiao::Workspace) {
    let loaded = load_paths(paths, options);
    let (workspace, lowered) = jixiao::lower::lower(&loaded);
    let mut all = loaded.diagnostics.clone();
    all.extend(lowered);
    jixiao::diagnostic::sort(&mut all);
    let options = RenderOptions {
        color: false,
        width: Some(100),
    };
    (render_all(&all, &loaded.sources, options), workspace)
}

fn same_either_way(paths: &[PathBuf], root: Option<&Path>) {
    let whole = LoadOptions {
        root: root.map(Path::to_path_buf),
        ..LoadOptions::default()
    };
    let skeleton = LoadOptions {
        defer_bodies: true,
        ..whole.clone()
    };
    let (said_whole, model_whole) = read(paths, &whole);
    let (said_skeleton, model_skeleton) = read(paths, &skeleton);
    assert_eq!(said_skeleton, said_whole, "{paths:?}");
    assert_eq!(model_skeleton, model_whole, "{paths:?}");
}

fn jx_below(dir: &str) -> Vec<PathBuf> {
    let files = jixiao::load::jx_files(Path::new(dir)).unwrap();
    assert!(!files.is_empty(), "no .jx below {dir}");
    files
}

/// Every malformed fixture and every example, one file at a time.
#[test]
fn fixtures_and_examples_read_the_same() {
    for dir in ["tests/cases/syntax", "tests/cases/check", "examples"] {
        for path in jx_below(dir) {
            same_either_way(&[path], None);
        }
    }
    for path in jx_below("tests/cases/include") {
        same_either_way(&[path], Some(Path::new("tests/cases/include")));
    }
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
    same_either_way(&paths, Some(root));
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
    same_either_way(&[path], Some(dir.path()));
}
