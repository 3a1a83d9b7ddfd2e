//! `jixiao fmt` and `jixiao diff OLD NEW` from the command line: what the
//! user sees, exit codes, and what happens to the files.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn run(dir: &Path, args: &[&str]) -> Output {
    cli::command(dir).args(args).checked()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MESSY: &str = "项目 \"甲\" {\n资金 {\n总额 100400元 # 注释\n年度申请 10.04 万元\n}\n指标 {\n产出指标 {\n数量指标 {\n培训人数>=140人\n}\n}\n}\n}\n";
const CLEAN: &str = "项目 \"甲\" {\n  资金 {\n    总额     100,400 元 # 注释\n    年度申请   10.04 万元\n  }\n  指标 {\n    产出指标 {\n      数量指标 {\n        培训人数 ≥ 140 人\n      }\n    }\n  }\n}\n";

#[test]
fn check_prints_a_unified_diff_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.jx"), MESSY).unwrap();
    std::fs::write(tmp.path().join("b.jx"), CLEAN).unwrap();
    let o = run(tmp.path(), &["fmt", "--check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("--- a/a.jx\n+++ b/a.jx\n"), "{out}");
    assert!(out.contains("\n-培训人数>=140人\n"), "{out}");
    assert!(out.contains("\n+        培训人数 ≥ 140 人\n"), "{out}");
    assert!(!out.contains("b.jx"));
    assert!(stderr(&o).contains("2 个文件中有 1 个不是规范格式"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.jx")).unwrap(),
        MESSY
    );

    let o = run(tmp.path(), &["fmt", "--check", "b.jx"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn fmt_rewrites_atomically_keeping_permissions_and_only_when_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.jx");
    std::fs::write(&a, MESSY).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let o = run(tmp.path(), &["fmt", "a.jx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("已格式化：a.jx"));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), CLEAN);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(&a).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        // A second run finds nothing to change and does not touch the file.
        let inode = meta.ino();
        let o = run(tmp.path(), &["fmt", "a.jx"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stderr(&o).contains("格式化了 1 个文件，其中 0 个有改动"));
        assert_eq!(std::fs::metadata(&a).unwrap().ino(), inode);
    }
}

#[test]
fn crlf_and_bom_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.jx");
    let messy = format!("\u{FEFF}{}", MESSY.replace('\n', "\r\n"));
    std::fs::write(&a, &messy).unwrap();
    let o = run(tmp.path(), &["fmt", "a.jx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = format!("\u{FEFF}{}", CLEAN.replace('\n', "\r\n"));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), expected);
}

#[test]
fn read_only_file_is_left_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.jx");
    std::fs::write(&a, MESSY).unwrap();
    let mut perms = std::fs::metadata(&a).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&a, perms).unwrap();
    let o = run(tmp.path(), &["fmt", "a.jx"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("JX-X010"), "{err}");
    assert!(err.contains("“a.jx”是只读文件，没有改写"), "{err}");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), MESSY);
}

#[test]
fn stdin_to_stdout() {
    let mut child = cli::command(&cli::root())
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MESSY.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), CLEAN);
}

#[test]
fn syntax_errors_refuse_and_show_the_error() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = "项目 \"甲\" {\n  资金 {\n    总额 ≥ 元\n  }\n}\n";
    std::fs::write(tmp.path().join("bad.jx"), bad).unwrap();
    let o = run(tmp.path(), &["fmt", "bad.jx"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("JX-S"), "{err}");
    assert!(err.contains("“bad.jx”有语法错误，未格式化"), "{err}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("bad.jx")).unwrap(),
        bad
    );

    let o = run(tmp.path(), &["fmt", "missing.jx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无法读取“missing.jx”：文件或目录不存在"));
}

#[test]
fn diff_files_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("old.jx"), MESSY).unwrap();
    std::fs::write(d.join("same.jx"), CLEAN.replace("100,400 元", "10.04 万元")).unwrap();
    std::fs::write(d.join("new.jx"), CLEAN.replace("≥ 140 人", "≥ 150 人")).unwrap();

    let o = run(d, &["diff", "old.jx", "same.jx"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "无实质变更。\n");

    let o = run(d, &["diff", "old.jx", "new.jx"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "项目“甲”：\n  指标“培训人数”：≥ 140 人 → ≥ 150 人，收紧\n\n共 1 处实质变更，涉及 1 个项目。\n"
    );

    let o = run(d, &["diff", "old.jx", "missing.jx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("无法读取“missing.jx”"),
        "{}",
        stderr(&o)
    );

    let o = run(d, &["diff", "old.jx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("用法"));
}

#[test]
fn git_driver_convention_falls_back_to_a_line_diff_on_syntax_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("old"), "项目 \"甲\" {\n  资金 { 总额 ≥ }\n}\n").unwrap();
    std::fs::write(d.join("new"), "项目 \"甲\" {\n  资金 { 总额 1 元 }\n}\n").unwrap();
    let o = run(
        d,
        &[
            "diff", "a.jx", "old", "0000", "100644", "new", "0000", "100644",
        ],
    );
    // Always 0 as a driver: git stops at a driver that fails.
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "jixiao diff a/a.jx b/a.jx\n（有一方有语法错误，无法做语义比较；以下是逐行差异）\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("-  资金 { 总额 ≥ }\n+  资金 { 总额 1 元 }\n"),
        "{out}"
    );
    // A deleted file: the new side is /dev/null.
    std::fs::write(d.join("old"), "项目 \"甲\" {\n  资金 { 总额 1 元 }\n}\n").unwrap();
    let o = run(
        d,
        &[
            "diff",
            "a.jx",
            "old",
            "0000",
            "100644",
            "/dev/null",
            "0000",
            "100644",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("项目“甲”：\n  删除项目：原有 0 项指标，总额 1 元\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn diff_directories_match_projects_across_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let p = |name: &str, total: &str| {
        format!("项目 \"{name}\" {{\n  资金 {{\n    总额 {total}\n  }}\n}}\n")
    };
    for dir in ["old", "new"] {
        std::fs::create_dir(d.join(dir)).unwrap();
    }
    // Old: 甲 and 乙 in one file. New: 乙 moved to a file of its own (same
    // value written in 万元), 甲 changed, 丙 added.
    std::fs::write(
        d.join("old/a.jx"),
        format!("{}{}", p("甲", "1 万元"), p("乙", "20,000 元")),
    )
    .unwrap();
    std::fs::write(d.join("new/a.jx"), p("甲", "1.5 万元")).unwrap();
    std::fs::write(
        d.join("new/b.jx"),
        format!("{}{}", p("乙", "2 万元"), p("丙", "3 万元")),
    )
    .unwrap();
    let o = run(d, &["diff", "old", "new"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "项目“甲”：\n  资金.总额：1 万元 → 1.5 万元（增加 5,000.00 元，+50%）\n\n项目“丙”：\n  新增项目：0 项指标，总额 3 万元\n\n共 2 处实质变更，涉及 2 个项目。\n"
    );
}

/// The committed examples and rule sets (declaration, 自评 actuals, both
/// built-in rule sets) are in the canonical layout: the pre-commit recipe
/// (`jixiao fmt --check`) passes on them.
#[test]
fn examples_and_rules_are_canonical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run(root, &["fmt", "--check", "examples", "rules"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("个文件都已是规范格式。"),
        "{}",
        stderr(&o)
    );
}
