//! `jixiao diff`: changes in meaning between two versions.
//!
//! Three ways to call it:
//! - `jixiao diff OLD NEW` — files or directories;
//! - `jixiao diff --git REV [PATH...]` — the working tree against a git
//!   revision (the old files are read with `git show`);
//! - as git's external diff driver, which calls it with seven arguments
//!   (`path old-file old-hex old-mode new-file new-hex new-mode`).
//!
//! Exit codes: 0 nothing changed in meaning, 1 something did, 2 usage or I/O
//! problems (or input that cannot be read). As a git driver it always exits
//! 0, since git stops at a driver that fails.

use super::Format;
use jixiao::diagnostic::{codes, render, Diagnostic};
use jixiao::diff::{diff, render_human, Diff};
use jixiao::load::{load_paths, LoadOptions};
use jixiao::source::SourceMap;
use jixiao::Workspace;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(clap::Args)]
pub struct Args {
    /// 与 git 中的这个版本比较（如 HEAD、main、v1）：旧内容用 git show 读取，新内容是工作区
    #[arg(long, value_name = "版本")]
    git: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// 旧、新两个文件或目录；与 --git 一起用时是要比较的路径（默认整个仓库）
    #[arg(value_name = "路径")]
    paths: Vec<PathBuf>,
}

pub fn run(args: &Args) -> i32 {
    if let Some(rev) = &args.git {
        return git_mode(rev, &args.paths, args.format);
    }
    match args.paths.len() {
        2 => {
            let (Some(old), Some(new)) = (args.paths.first(), args.paths.get(1)) else {
                return 2;
            };
            let old = match load_side(std::slice::from_ref(old), None, "旧") {
                Ok(ws) => ws,
                Err(code) => return code,
            };
            let new = match load_side(std::slice::from_ref(new), None, "新") {
                Ok(ws) => ws,
                Err(code) => return code,
            };
            report(&diff(&old, &new), args.format)
        }
        7 | 9 => driver_mode(&args.paths, args.format),
        // git calls the driver with the path alone for an unmerged file.
        1 if std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some() => {
            driver_mode(&args.paths, args.format)
        }
        _ => {
            super::usage_error("用法：jixiao diff 旧路径 新路径，或 jixiao diff --git 版本 [路径…]")
        }
    }
}

/// The JSON document: a format tag, its version, and the groups of changes.
#[derive(serde::Serialize)]
struct JsonDiff<'a> {
    format: &'static str,
    version: u32,
    changed: bool,
    groups: &'a [jixiao::diff::Group],
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
fn out(s: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes()).and_then(|_| o.flush());
}

/// Print the diff; exit 0 when nothing changed in meaning, 1 otherwise.
fn report(d: &Diff, format: Format) -> i32 {
    match format {
        Format::Human => out(&render_human(d)),
        Format::Json => {
            let doc = JsonDiff {
                format: "jixiao-diff",
                version: 1,
                changed: !d.is_empty(),
                groups: &d.groups,
            };
            match serde_json::to_string_pretty(&doc) {
                Ok(s) => out(&format!("{s}\n")),
                Err(e) => return super::usage_error(&e.to_string()),
            }
        }
    }
    if d.is_empty() {
        0
    } else {
        1
    }
}

fn show(diags: &[Diagnostic], sources: &SourceMap) {
    eprint!(
        "{}",
        render::render_all(diags, sources, render::RenderOptions::default())
    );
}

/// Load one side. Errors that make the model incomplete (unreadable files,
/// syntax errors, broken includes) stop the comparison: exit code 2.
fn load_side(paths: &[PathBuf], root: Option<PathBuf>, side: &str) -> Result<Workspace, i32> {
    let options = LoadOptions {
        root,
        encoding: None,
    };
    let loaded = load_paths(paths, &options);
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        show(&errors, &loaded.sources);
        let d = Diagnostic::new(
            &codes::DIFF_INPUT_ERRORS,
            format!("{side}版本有 {} 个错误，无法做语义比较", errors.len()),
        )
        .help("先改正上面的错误（jixiao check 可以列出它们），再比较");
        show(&[d], &SourceMap::new());
        return Err(2);
    }
    let (ws, _) = jixiao::lower::lower(&loaded);
    Ok(ws)
}

// ───────────── git's external diff driver ─────────────

/// `path old-file old-hex old-mode new-file new-hex new-mode`: print the
/// semantic diff of one file; fall back to a line diff when a side cannot be
/// parsed. Always exits 0 so that git goes on with the next file.
fn driver_mode(args: &[PathBuf], format: Format) -> i32 {
    let name = args
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let (Some(old), Some(new)) = (args.get(1), args.get(4)) else {
        out(&format!("{name}：未合并的文件，无法比较。\n"));
        return 0;
    };
    let read = |p: &Path| -> Result<String, String> {
        if p == Path::new("/dev/null") {
            return Ok(String::new());
        }
        let bytes = std::fs::read(p).map_err(|e| e.to_string())?;
        match jixiao::load::decode(&bytes, None) {
            jixiao::load::Decoded::Text(t) => Ok(t),
            jixiao::load::Decoded::Problem(_) if bytes.is_empty() => Ok(String::new()),
            jixiao::load::Decoded::Problem(p) => Err(p.into_diagnostic(Default::default()).message),
        }
    };
    let texts = (read(old), read(new));
    let (old_text, new_text) = match texts {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            out(&format!("{name}：无法读取（{e}），不做比较。\n"));
            return 0;
        }
    };
    match (model_of(&name, &old_text), model_of(&name, &new_text)) {
        (Some(a), Some(b)) => {
            let d = diff(&a, &b);
            if format == Format::Human {
                out(&format!("jixiao diff a/{name} b/{name}\n"));
            }
            report(&d, format);
        }
        _ => {
            out(&format!(
                "jixiao diff a/{name} b/{name}\n（有一方有语法错误，无法做语义比较；以下是逐行差异）\n{}",
                similar::TextDiff::from_lines(&old_text, &new_text)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
            ));
        }
    }
    0
}

/// The model of one file's text on its own (its includes are not followed),
/// or `None` if it has syntax errors.
fn model_of(name: &str, text: &str) -> Option<Workspace> {
    if text.trim().is_empty() {
        return Some(Workspace::default());
    }
    let loaded = jixiao::load::load_text(name, text);
    let broken = loaded
        .diagnostics
        .iter()
        .any(|d| d.is_error() && d.code != codes::INCLUDE_MISSING.code);
    if broken {
        return None;
    }
    Some(jixiao::lower::lower(&loaded).0)
}

// ───────────── --git REV ─────────────

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("无法运行 git：{e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(out.stdout)
}

fn git_error(message: String, help: &str) -> i32 {
    show(
        &[Diagnostic::new(&codes::GIT_FAILED, message).help(help)],
        &SourceMap::new(),
    );
    2
}

/// A folder in the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git_mode(rev: &str, paths: &[PathBuf], format: Format) -> i32 {
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
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp =
        TempDir(std::env::temp_dir().join(format!("jixiao-diff-{}-{nanos}", std::process::id())));
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
        let dest = tmp.0.join(&rel);
        let written = dest
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&dest, content));
        if let Err(e) = written {
            return super::usage_error(&format!("无法写临时文件“{}”：{e}", dest.display()));
        }
        if changed.contains(&rel) {
            old_roots.push(dest);
        }
    }
    let old = if old_roots.is_empty() {
        Workspace::default()
    } else {
        match load_side(&old_roots, Some(tmp.0.clone()), &format!("版本 {rev} 的")) {
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
        Workspace::default()
    } else {
        match load_side(&new_roots, Some(top.clone()), "工作区") {
            Ok(ws) => ws,
            Err(code) => return code,
        }
    };
    report(&diff(&old, &new), format)
}
