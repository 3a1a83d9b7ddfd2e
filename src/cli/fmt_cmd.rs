//! `jixiao fmt`: rewrite files in the canonical layout.

use jixiao::diagnostic::{codes, render, Diagnostic};
use jixiao::format::{format_noting, FormatError};
use jixiao::load::{decode, Decoded};
use jixiao::source::{SourceFile, SourceMap, Span};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// 只检查不改写：打印会改动之处（统一差异格式），有需要改动的文件时退出码为 1
    #[arg(long)]
    check: bool,
    /// 按此编码读取文件，如 gbk（默认 UTF-8）；改写时仍用此编码
    #[arg(long, value_name = "编码")]
    encoding: Option<String>,
    /// 文件或目录（目录表示其下所有 .jx 文件）；“-”表示从标准输入读、向标准输出写
    #[arg(required = true, value_name = "路径")]
    paths: Vec<PathBuf>,
}

/// What happened to one input.
#[derive(Default)]
struct Tally {
    files: usize,
    changed: usize,
    failed: bool,
    io_failed: bool,
}

pub fn run(args: &Args) -> i32 {
    let encoding = match super::encoding::parse(args.encoding.as_deref()) {
        Ok(e) => e,
        Err(e) => return super::usage_error(&e),
    };
    let mut tally = Tally::default();
    let mut files = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            files.push(None);
        } else if p.is_dir() {
            match jixiao::load::jx_files(p) {
                Ok(found) if found.is_empty() => {
                    eprintln!("错误：目录“{}”中没有 .jx 文件", p.display());
                    tally.io_failed = true;
                }
                Ok(found) => files.extend(found.into_iter().map(Some)),
                Err(e) => {
                    eprintln!(
                        "错误：无法读取目录“{}”：{}",
                        p.display(),
                        jixiao::files::io_message(&e)
                    );
                    tally.io_failed = true;
                }
            }
        } else {
            files.push(Some(p.clone()));
        }
    }
    for f in files {
        match f {
            Some(path) => file(&path, args.check, encoding, &mut tally),
            None => stdin(args.check, encoding, &mut tally),
        }
    }
    if args.check {
        if tally.changed > 0 {
            eprintln!(
                "{} 个文件中有 {} 个不是规范格式；运行 jixiao fmt 加相同路径即可改写。",
                tally.files, tally.changed
            );
        } else if !tally.failed && !tally.io_failed {
            eprintln!("{} 个文件都已是规范格式。", tally.files);
        }
    } else if tally.files > 0 && !args.paths.iter().all(|p| p.as_os_str() == "-") {
        eprintln!(
            "格式化了 {} 个文件，其中 {} 个有改动。",
            tally.files, tally.changed
        );
    }
    if tally.io_failed {
        2
    } else if tally.failed || (args.check && tally.changed > 0) {
        1
    } else {
        0
    }
}

/// The formatted bytes, keeping the file's byte-order mark, CRLF line
/// endings and encoding (`--encoding`) if it had them. `Err` when the
/// formatted text cannot be written in that encoding.
fn conventions(
    original: &[u8],
    formatted: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<u8>, String> {
    let text = if super::encoding::crlf(encoding, original) {
        std::borrow::Cow::Owned(formatted.replace('\n', "\r\n"))
    } else {
        std::borrow::Cow::Borrowed(formatted)
    };
    if let Some(enc) = encoding {
        return super::encoding::encode(enc, &text, original);
    }
    let mut out = Vec::with_capacity(text.len() + 16);
    if original.starts_with("\u{FEFF}".as_bytes()) {
        out.extend_from_slice("\u{FEFF}".as_bytes());
    }
    out.extend_from_slice(text.as_bytes());
    Ok(out)
}

/// What formatting one input gave: the decoded input, the formatted text,
/// and one line for each spelling of a published form it rewrites
/// (`申报.jx:12:9：“不低于”改写为“≥”`), shown on standard error so that the
/// form's wording stays findable.
struct Output {
    text: String,
    out: String,
    notices: Vec<String>,
}

impl Output {
    fn notify(&self) {
        for n in &self.notices {
            eprintln!("{n}");
        }
    }
}

/// Format bytes read from `display`, or `None` after showing why not.
/// `check`: the notices say what fmt would rewrite.
fn format_bytes(
    display: &str,
    path: PathBuf,
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
    check: bool,
    tally: &mut Tally,
) -> Option<Output> {
    let mut sources = SourceMap::new();
    let text = match decode(bytes, encoding) {
        Decoded::Text(t) => t,
        Decoded::Problem(problem) => {
            let id = sources.add(SourceFile::new(path, display.to_string(), String::new()));
            show(&[problem.into_diagnostic(Span::new(id, 0, 0))], &sources);
            tally.failed = true;
            return None;
        }
    };
    let id = sources.add(SourceFile::new(path, display.to_string(), text.clone()));
    match format_noting(id, &text) {
        Ok(f) => {
            let verb = if check { "将改写为" } else { "改写为" };
            let notices = f
                .notices
                .iter()
                .map(|n| {
                    let (line, col) = sources
                        .get(id)
                        .map_or((1, 1), |s| s.line_col(n.span.start as usize));
                    format!(
                        "{display}:{line}:{col}：“{}”{verb}“{}”",
                        n.written, n.canonical
                    )
                })
                .collect();
            Some(Output {
                text,
                out: f.text,
                notices,
            })
        }
        Err(FormatError::Syntax(diags)) => {
            show(&diags, &sources);
            eprintln!("“{display}”有语法错误，未格式化；请先改正上面的错误。");
            tally.failed = true;
            None
        }
        Err(FormatError::Internal(d) | FormatError::Unsupported(d)) => {
            show(&[d], &sources);
            tally.failed = true;
            None
        }
    }
}

fn show(diags: &[Diagnostic], sources: &SourceMap) {
    eprint!(
        "{}",
        render::render_all(diags, sources, render::RenderOptions::default())
    );
}

/// The diff `--check` prints; when it is too large a change for the
/// shortest diff, says so (on standard error, so the diff still applies).
fn unified(display: &str, old: &str, new: &str) -> String {
    let u = jixiao::format::unified::unified(display, old, new);
    if u.by_position {
        eprintln!(
            "“{display}”改动的行太多，下面的差异按行的先后逐行对照列出（不一定是最短的差异）。"
        );
    }
    u.text
}

fn stdin(check: bool, encoding: Option<&'static encoding_rs::Encoding>, tally: &mut Tally) {
    let bytes = match jixiao::files::read_stream(std::io::stdin().lock()) {
        Ok(b) => b,
        Err(e) => {
            show(
                &[jixiao::files::read_error("标准输入", &e)],
                &SourceMap::new(),
            );
            tally.io_failed = true;
            return;
        }
    };
    tally.files += 1;
    let Some(formatted) = format_bytes(
        jixiao::load::STDIN_NAME,
        PathBuf::from("-"),
        &bytes,
        encoding,
        check,
        tally,
    ) else {
        return;
    };
    formatted.notify();
    let Output { text, out, .. } = formatted;
    let Some(result) = encoded(&bytes, &out, encoding, jixiao::load::STDIN_NAME, tally) else {
        return;
    };
    if result != bytes {
        tally.changed += 1;
    }
    let mut stdout = std::io::stdout().lock();
    let written = if check {
        if text == out {
            Ok(())
        } else {
            stdout.write_all(unified(jixiao::load::STDIN_NAME, &text, &out).as_bytes())
        }
    } else {
        stdout.write_all(&result)
    };
    if let Err(e) = written.and_then(|_| stdout.flush()) {
        eprintln!("错误：无法写标准输出：{}", jixiao::files::io_message(&e));
        tally.io_failed = true;
    }
}

/// [`conventions`], or `None` after saying why the result cannot be written.
fn encoded(
    original: &[u8],
    formatted: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
    display: &str,
    tally: &mut Tally,
) -> Option<Vec<u8>> {
    match conventions(original, formatted, encoding) {
        Ok(bytes) => Some(bytes),
        Err(why) => {
            eprintln!("错误：{why}，“{display}”未格式化；请把文件转换为 UTF-8 后再格式化。");
            tally.failed = true;
            None
        }
    }
}

fn file(
    path: &Path,
    check: bool,
    encoding: Option<&'static encoding_rs::Encoding>,
    tally: &mut Tally,
) {
    let shown = path.display().to_string();
    let display = shown.strip_prefix("./").unwrap_or(&shown).to_string();
    let bytes = match jixiao::files::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = jixiao::files::read_error(&display, &e);
            let d = match jixiao::files::Problem::of(&e) {
                Some(_) => d,
                None => d.help("请检查路径是否写对、文件是否存在"),
            };
            show(&[d], &SourceMap::new());
            tally.io_failed = true;
            return;
        }
    };
    tally.files += 1;
    let Some(formatted) =
        format_bytes(&display, path.to_path_buf(), &bytes, encoding, check, tally)
    else {
        return;
    };
    let Output { text, out, .. } = &formatted;
    let (text, out) = (text.as_str(), out.as_str());
    let Some(result) = encoded(&bytes, out, encoding, &display, tally) else {
        return;
    };
    if result == bytes {
        return;
    }
    tally.changed += 1;
    if check {
        formatted.notify();
        let mut o = std::io::stdout().lock();
        let _ = o
            .write_all(unified(&display, text, out).as_bytes())
            .and_then(|_| o.flush());
        return;
    }
    if let Err(d) = write_file(path, &display, &bytes, &result) {
        show(&[d], &SourceMap::new());
        tally.failed = true;
        return;
    }
    formatted.notify();
    eprintln!("已格式化：{display}");
}

/// Replace the file's content atomically (see `jixiao::safe_write`): never
/// half written, and not at all if the file changed since it was read.
fn write_file(path: &Path, display: &str, original: &[u8], bytes: &[u8]) -> Result<(), Diagnostic> {
    use jixiao::safe_write::{replace_file, WriteError};
    match replace_file(path, original, bytes) {
        Ok(()) => Ok(()),
        Err(WriteError::ReadOnly) => Err(Diagnostic::new(
            &codes::FILE_READ_ONLY,
            format!("“{display}”是只读文件，没有改写"),
        )
        .help("原文件没有改动；如需格式化，请先取消只读属性，或用 jixiao fmt --check 只查看改动")),
        Err(WriteError::Changed) => Err(Diagnostic::new(
            &codes::FILE_CHANGED,
            format!("“{display}”在格式化期间被改动了（可能正在别的程序中编辑保存），没有改写"),
        )
        .help("原文件保持别处改动后的内容；保存并关闭编辑器后再运行一次 jixiao fmt")),
        Err(e @ WriteError::Io(_)) => Err(Diagnostic::new(
            &codes::WRITE_FAILED,
            format!("无法写回“{display}”：{e}"),
        )
        .help("原文件没有改动；请检查磁盘空间和目录的写权限")),
    }
}
