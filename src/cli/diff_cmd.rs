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
use jixiao::diff::{diff_sides, render_human, Diff, Side};
use jixiao::load::{load_paths, LoadOptions};
use jixiao::source::SourceMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// 与 git 中的这个版本比较（如 HEAD、main、v1）：旧内容用 git show 读取，新内容是工作区
    #[arg(long, value_name = "版本")]
    git: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: Format,
    /// 按此编码读取文件，如 gbk（默认 UTF-8）
    #[arg(long, value_name = "编码")]
    encoding: Option<String>,
    /// 旧、新两个文件或目录；与 --git 一起用时是要比较的路径（默认整个仓库）
    #[arg(value_name = "路径")]
    paths: Vec<PathBuf>,
}

pub fn run(args: &Args) -> i32 {
    let encoding = match super::encoding::parse(args.encoding.as_deref()) {
        Ok(e) => e,
        Err(e) => return super::usage_error(&e),
    };
    if let Some(rev) = &args.git {
        return super::diff_git::run(rev, &args.paths, args.format, encoding);
    }
    match args.paths.len() {
        2 => {
            let (Some(old), Some(new)) = (args.paths.first(), args.paths.get(1)) else {
                return 2;
            };
            let old = match load_side(std::slice::from_ref(old), None, encoding, "旧") {
                Ok(ws) => ws,
                Err(code) => return code,
            };
            let new = match load_side(std::slice::from_ref(new), None, encoding, "新") {
                Ok(ws) => ws,
                Err(code) => return code,
            };
            report(&diff_sides(&old, &new), args.format)
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
pub(super) fn report(d: &Diff, format: Format) -> i32 {
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

pub(super) fn show(diags: &[Diagnostic], sources: &SourceMap) {
    eprint!(
        "{}",
        render::render_all(diags, sources, render::RenderOptions::default())
    );
}

/// Load one side. Errors that make the model incomplete (unreadable files,
/// syntax errors, broken includes) stop the comparison: exit code 2.
pub(super) fn load_side(
    paths: &[PathBuf],
    root: Option<PathBuf>,
    encoding: Option<&'static encoding_rs::Encoding>,
    side: &str,
) -> Result<Side, i32> {
    let options = LoadOptions {
        root,
        encoding,
        ..LoadOptions::default()
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
    Ok(Side::of(&loaded))
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
        let bytes = jixiao::files::read(p).map_err(|e| jixiao::files::io_message(&e))?;
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
            let d = diff_sides(&a, &b);
            if format == Format::Human {
                out(&format!("jixiao diff a/{name} b/{name}\n"));
            }
            report(&d, format);
        }
        _ => {
            out(&format!(
                "jixiao diff a/{name} b/{name}\n（有一方有语法错误，无法做语义比较；以下是逐行差异）\n{}",
                jixiao::format::unified::unified(&name, &old_text, &new_text).text
            ));
        }
    }
    0
}

/// The model of one file's text on its own (its includes are not followed),
/// or `None` if it has syntax errors.
fn model_of(name: &str, text: &str) -> Option<Side> {
    if text.trim().is_empty() {
        return Some(Side::default());
    }
    let loaded = jixiao::load::load_text(name, text);
    let broken = loaded
        .diagnostics
        .iter()
        .any(|d| d.is_error() && d.code != codes::INCLUDE_MISSING.code);
    if broken {
        return None;
    }
    Some(Side::of(&loaded))
}
