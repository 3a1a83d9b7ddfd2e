//! `jixiao diff --git`, the git diff driver and the pre-commit recipe, in a
//! real git repository in a temporary folder.

#[path = "common/cli.rs"]
mod cli;
use cli::Checked;

use std::path::Path;
use std::process::{Command, Output};

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/songjiang-npc-2025/declaration.jx"
    ))
    .unwrap()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "测试")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "测试")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    out
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    cli::command(dir).args(args).checked()
}

/// A repository with the seed committed, then edited: one target
/// tightened, one loosened, one project's 总额 changed, and a third project
/// reformatted (spacing, full-width operators, a unit rewrite, an alias).
fn edited_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(git(dir, &["init", "-q"]));
    std::fs::create_dir(dir.join("申报")).unwrap();
    std::fs::write(dir.join("申报/declaration.jx"), seed()).unwrap();
    ok(git(dir, &["add", "."]));
    ok(git(dir, &["commit", "-q", "-m", "seed"]));

    let mut s = seed();
    s = s.replace("代表履职费发放人数 ≥ 280 人", "代表履职费发放人数 ≥ 300 人");
    s = s.replace("运维总成本 ≤ 10.04 万元", "运维总成本 ≤ 12 万元");
    s = s.replace("总额     310,581.00 元", "总额     320,581.00 元");
    let a = s.find("项目 \"人大履职培训\"").unwrap();
    let b = s.find("项目 \"全过程人民民主与松江人大工作研究\"").unwrap();
    let block = s[a..b]
        .replace("人均培训成本 ≤ 7,500 元/人", "人均培训成本<=0.75万元/人")
        .replace("培训人数 ≥ 140 人", "培训人数＞＝140人")
        .replace("总额     1,060,000.00 元", "项目资金总额 106.00 万元")
        .replace("参与培训代表满意度 ≥ 90%", "参与培训代表满意度 >= 90 ％")
        .replace("\n    ", "\n        ");
    s = format!("{}{}{}", &s[..a], block, &s[b..]);
    std::fs::write(dir.join("申报/declaration.jx"), s).unwrap();
    tmp
}

#[test]
fn diff_git_head_lists_exactly_the_semantic_changes() {
    let tmp = edited_repo();
    let dir = tmp.path();
    let out = jixiao(dir, &["diff", "--git", "HEAD"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("指标“代表履职费发放人数”：≥ 280 人 → ≥ 300 人，收紧"));
    assert!(text.contains("指标“运维总成本”：≤ 10.04 万元 → ≤ 12 万元，放宽"));
    assert!(text.contains("资金.总额：310,581.00 元 → 320,581.00 元（增加 10,000.00 元，+3.22%）"));
    assert!(!text.contains("人大履职培训"), "{text}");
    assert!(text.contains("共 3 处实质变更，涉及 3 个项目。"));
    insta::assert_snapshot!("diff_git_head", text);

    // The same from a subfolder, limited to a path, and as JSON.
    let out = jixiao(
        &dir.join("申报"),
        &["diff", "--git", "HEAD", "--format", "json", "."],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["changed"], true);
    let verdicts: Vec<&str> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["changes"].as_array().unwrap())
        .filter_map(|c| c["verdict"].as_str())
        .collect();
    assert_eq!(verdicts, ["loosened", "tightened"]);

    // After committing, nothing differs from HEAD.
    ok(git(dir, &["commit", "-q", "-am", "edit"]));
    let out = jixiao(dir, &["diff", "--git", "HEAD"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "无实质变更。\n");
    // … and against the first commit the changes are still there.
    let out = jixiao(dir, &["diff", "--git", "HEAD~1"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn diff_git_reports_bad_revision() {
    let tmp = edited_repo();
    let out = jixiao(tmp.path(), &["diff", "--git", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("git 中找不到版本“no-such-rev”"), "{err}");
}

#[test]
fn git_diff_driver_shows_semantic_diff() {
    let tmp = edited_repo();
    let dir = tmp.path();
    std::fs::write(dir.join(".gitattributes"), "*.jx diff=jixiao\n").unwrap();
    ok(git(
        dir,
        &[
            "config",
            "diff.jixiao.command",
            &format!("{} diff", cli::bin()),
        ],
    ));
    let text = ok(git(dir, &["diff"]));
    assert!(
        text.starts_with("jixiao diff a/申报/declaration.jx b/申报/declaration.jx\n"),
        "{text}"
    );
    assert!(text.contains("指标“代表履职费发放人数”：≥ 280 人 → ≥ 300 人，收紧"));
    assert!(text.contains("共 3 处实质变更，涉及 3 个项目。"));

    // A formatting-only change shows as such.
    ok(git(dir, &["commit", "-q", "-am", "edit"]));
    let fmt = jixiao(dir, &["fmt", "申报/declaration.jx"]);
    assert_eq!(fmt.status.code(), Some(0));
    let text = ok(git(dir, &["diff"]));
    assert_eq!(
        text,
        "jixiao diff a/申报/declaration.jx b/申报/declaration.jx\n无实质变更。\n"
    );

    // New and deleted files.
    std::fs::write(
        dir.join("新.jx"),
        "项目 \"新项目\" {\n  资金 {\n    总额 1 万元\n  }\n}\n",
    )
    .unwrap();
    ok(git(dir, &["add", "新.jx"]));
    let text = ok(git(dir, &["diff", "--cached"]));
    assert!(
        text.contains("项目“新项目”：\n  新增项目：0 项指标，总额 1 万元"),
        "{text}"
    );
}

#[test]
fn pre_commit_recipe_blocks_unformatted_and_wrong_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(git(dir, &["init", "-q"]));
    let recipe =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/git.md")).unwrap();
    // The hook is the shell block after the marker in docs/git.md.
    let start = recipe.find("```sh\n#!/bin/sh").unwrap() + "```sh\n".len();
    let end = start + recipe[start..].find("```").unwrap();
    let hook = dir.join(".git/hooks/pre-commit");
    std::fs::write(&hook, &recipe[start..end]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let bin_dir = Path::new(cli::bin()).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let commit = |msg: &str| {
        Command::new("git")
            .args(["commit", "-q", "-m", msg])
            .current_dir(dir)
            .env("PATH", &path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .env("GIT_AUTHOR_NAME", "测试")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "测试")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap()
    };
    // Not in canonical layout: refused.
    std::fs::write(dir.join("a.jx"), "项目 \"甲\" {\n资金 { 总额 1 万元 }\n}\n").unwrap();
    ok(git(dir, &["add", "a.jx"]));
    let out = commit("unformatted");
    assert!(!out.status.success());
    // git passes a hook's standard output on as standard error.
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("+++ b/a.jx"), "{shown}");
    assert!(shown.contains("不是规范格式"), "{shown}");
    // Formatted: accepted.
    assert_eq!(jixiao(dir, &["fmt", "a.jx"]).status.code(), Some(0));
    ok(git(dir, &["add", "a.jx"]));
    let out = commit("formatted");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Formatted but wrong (an unknown field): refused by jixiao check.
    std::fs::write(dir.join("a.jx"), "项目 \"甲\" {\n  预算 1 万元\n}\n").unwrap();
    ok(git(dir, &["add", "a.jx"]));
    let out = commit("wrong");
    assert!(!out.status.success());
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("JX-M001"), "{shown}");
}
