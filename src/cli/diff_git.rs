//! `jixiao diff --git REV [PATH...]`: the working tree against a revision.
//!
//! Only the `.jx` files that differ can hold changes: those git lists as
//! changed since the revision, and new files not yet added. Every `.jx` file
//! of the revision is written to a temporary folder with the same layout
//! (so that includes resolve); the changed ones are compared with the
//! working tree.

use super::diff_cmd::{load_side, report, show};
use super::Format;
use jixiao::diagnostic::{codes, Diagnostic};
use jixiao::diff::{diff_sides, Side};
use jixiao::source::SourceMap;
use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("无法运行 git：{}", jixiao::files::io_message(&e)))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(out.stdout)
}

fn git_error(message: String, help: &'static str) -> i32 {
    show(
        &[Diagnostic::new(&codes::GIT_FAILED, message).help(help)],
        &SourceMap::new(),
    );
    2
}

pub fn run(
    rev: &str,
    paths: &[PathBuf],
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> i32 {
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(o) => PathBuf::from(String::from_utf8_lossy(&o).trim()),
        Err(e) => {
            return git_error(
                format!("当前目录不在 git 仓库中：{e}"),
                "请在仓库目录里运行，或改用 jixiao diff 旧路径 新路径",
            )
        }
    };
    let top = top.canonicalize().unwrap_or(top);
    if let Err(e) = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ]) {
        let why = if e.is_empty() {
            "不存在".to_string()
        } else {
            e
        };
        return git_error(
            format!("git 中找不到版本“{rev}”：{why}"),
            "版本可以是 HEAD、HEAD~1、分支名、标签或提交号",
        );
    }
    // The paths to compare, relative to the top of the repository.
    let cwd = std::env::current_dir().unwrap_or_default();
    let wanted: Vec<PathBuf> = if paths.is_empty() {
        vec![top.clone()]
    } else {
        paths.iter().map(|p| cwd.join(p)).collect()
    };
    // A path that no longer exists (a deleted file) is placed by its folder.
    let mut prefixes = Vec::new();
    for w in &wanted {
        let abs = w.canonicalize().unwrap_or_else(|_| {
            match (
                w.parent().and_then(|p| p.canonicalize().ok()),
                w.file_name(),
            ) {
                (Some(dir), Some(name)) => dir.join(name),
                _ => w.clone(),
            }
        });
        match abs.strip_prefix(&top) {
            Ok(rel) => prefixes.push(rel.to_path_buf()),
            Err(_) => {
                return super::usage_error(&format!(
                    "路径“{}”不在 git 仓库“{}”之内",
                    w.display(),
                    top.display()
                ))
            }
        }
    }
    let top_str = top.display().to_string();
    let mut specs: Vec<String> = prefixes
        .iter()
        .map(|p| {
            let s = p.display().to_string();
            if s.is_empty() {
                ".".to_string()
            } else {
                s
            }
        })
        .collect();
    specs.dedup();
    let list = |args: &[&str]| -> Result<Vec<String>, String> {
        let mut full: Vec<&str> = vec!["-C", &top_str];
        full.extend_from_slice(args);
        full.push("--");
        full.extend(specs.iter().map(String::as_str));
        let out = git(&full)?;
        Ok(out
            .split(|b| *b == 0)
            .filter(|r| !r.is_empty())
            .map(|r| String::from_utf8_lossy(r).into_owned())
            .filter(|r| r.ends_with(".jx"))
            .collect())
    };
    // Only files that differ can hold changes: those git sees as changed
    // since the revision, and new files not yet added.
    let changed = match list(&["diff", "--name-only", "-z", "--no-renames", rev]) {
        Ok(c) => c,
        Err(e) => {
            return git_error(
                format!("无法列出自版本“{rev}”以来改动的文件：{e}"),
                "请检查版本号",
            )
        }
    };
    let untracked = match list(&["ls-files", "--others", "--exclude-standard", "-z"]) {
        Ok(c) => c,
        Err(e) => return git_error(format!("无法列出未加入 git 的文件：{e}"), "请检查仓库状态"),
    };

    // Old side: every .jx file of the revision is written to a temporary
    // folder with the same layout (so that includes resolve); the changed
    // ones are compared.
    let listing = match git(&[
        "-C",
        &top_str,
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-tree",
        rev,
    ]) {
        Ok(o) => o,
        Err(e) => return git_error(format!("无法列出版本“{rev}”中的文件：{e}"), "请检查版本号"),
    };
    // Created new with an unpredictable name (not pid and time, which
    // another user could create first), removed when dropped.
    let tmp = match tempfile::Builder::new().prefix("jixiao-diff-").tempdir() {
        Ok(t) => t,
        Err(e) => {
            return super::usage_error(&format!(
                "无法建立临时目录：{}",
                jixiao::files::io_message(&e)
            ))
        }
    };
    let mut old_roots = Vec::new();
    for raw in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rel = String::from_utf8_lossy(raw).into_owned();
        if !rel.ends_with(".jx") {
            continue;
        }
        let content = match git(&["-C", &top_str, "show", &format!("{rev}:{rel}")]) {
            Ok(c) => c,
            Err(e) => return git_error(format!("无法读取“{rev}:{rel}”：{e}"), "请检查版本号"),
        };
        let dest = tmp.path().join(&rel);
        let written = dest
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&dest, content));
        if let Err(e) = written {
            return super::usage_error(&format!(
                "无法写临时文件“{}”：{}",
                dest.display(),
                jixiao::files::io_message(&e)
            ));
        }
        if changed.contains(&rel) {
            old_roots.push(dest);
        }
    }
    let old = if old_roots.is_empty() {
        Side::default()
    } else {
        match load_side(
            &old_roots,
            Some(tmp.path().to_path_buf()),
            encoding,
            &format!("版本 {rev} 的"),
        ) {
            Ok(ws) => ws,
            Err(code) => return code,
        }
    };

    // New side: the same files, and the new ones, as they are in the working tree.
    let new_roots: Vec<PathBuf> = changed
        .iter()
        .chain(untracked.iter())
        .map(|rel| top.join(rel))
        .filter(|p| p.is_file())
        .collect();
    let new = if new_roots.is_empty() {
        Side::default()
    } else {
        match load_side(&new_roots, Some(top.clone()), encoding, "工作区") {
            Ok(ws) => ws,
            Err(code) => return code,
        }
    };
    report(&diff_sides(&old, &new), format)
}
