//! `jixiao import FILE [-o OUT]`: last year's 申报表 (PDF text or Excel) as
//! jixiao text, checked before it is written.

use encoding_rs::Encoding;
use jixiao::diagnostic::{codes, render, Diagnostic, Severity};
use jixiao::files::{io_message, read_error};
use jixiao::import::{import_bytes, Imported};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// 要导入的文件：申报表 PDF 导出的文本（.txt），或预算系统导出的工作簿（.xlsx）；
    /// 也可以是目录：导入其中每个 .txt、.xlsx、.xls、.ods 文件（须用 -o 指定输出目录）
    #[arg(value_name = "文件")]
    pub(super) file: PathBuf,
    /// 写入此文件（默认写到标准输出）；导入目录时是输出目录，每个文件写成“目录/文件名.jx”
    #[arg(short = 'o', long = "output", value_name = "输出文件")]
    pub(super) output: Option<PathBuf>,
    /// 按此编码读取文本文件，如 gbk、utf-16le（默认 UTF-8，不是 UTF-8 时按 GBK）
    #[arg(long, value_name = "编码")]
    pub(super) encoding: Option<String>,
}

/// Why a file was not imported before the importer saw it.
pub(super) enum NotRead {
    /// The file could not be read.
    Io(Diagnostic),
    /// It cannot be read in the encoding asked for.
    Encoding(String),
}

/// Read `path` and import it: a workbook as it is, text in `encoding`
/// when one is given.
pub(super) fn import_file(
    path: &Path,
    display: &str,
    encoding: Option<&'static Encoding>,
) -> Result<Imported, NotRead> {
    let bytes = jixiao::files::read(path).map_err(|e| {
        NotRead::Io(read_error(display, &e).help("检查文件路径是否正确、文件是否可读"))
    })?;
    // A workbook is a zip file: it has no text encoding.
    Ok(
        match encoding.filter(|_| !bytes.starts_with(b"PK\x03\x04")) {
            Some(enc) => match enc.decode_with_bom_removal(&bytes) {
                (text, false) => import_bytes(path, display, text.as_bytes()),
                (_, true) => {
                    return Err(NotRead::Encoding(format!(
                        "“{display}”不能按 {} 编码读取；请确认文件的实际编码",
                        enc.name()
                    )))
                }
            },
            None => import_bytes(path, display, &bytes),
        },
    )
}

pub fn run(args: &Args) -> i32 {
    if args.file.is_dir() {
        return super::import_dir::run(args);
    }
    let display = args.file.display().to_string();
    if let Some(out) = &args.output {
        if jixiao::files::same_file(&args.file, out) {
            return super::usage_error(&format!(
                "输出文件“{}”就是要导入的文件；请换一个文件名，以免覆盖原件",
                out.display()
            ));
        }
    }
    let encoding = match super::encoding::parse(args.encoding.as_deref()) {
        Ok(e) => e,
        Err(e) => return super::usage_error(&e),
    };
    let imported = match import_file(&args.file, &display, encoding) {
        Ok(i) => i,
        Err(NotRead::Io(d)) => {
            eprint!(
                "{}",
                render::render(&d, &Default::default(), super::render_options())
            );
            return 2;
        }
        Err(NotRead::Encoding(message)) => return super::usage_error(&message),
    };
    summarize(&imported);
    if imported.has_errors() || imported.text.is_empty() {
        eprintln!("导入失败，没有写出任何内容。");
        return 1;
    }
    // The written text must read back without errors.
    let out_name = args
        .output
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "（导入结果）".into());
    let verified = jixiao::import::verify(&out_name, &imported.text);
    if !verified.structurally_sound() {
        let errors: Vec<_> = verified
            .structural
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        eprint!(
            "{}",
            render::render_all(&errors, &verified.loaded.sources, super::render_options())
        );
        let d = Diagnostic::new(
            &codes::IMPORT_OUTPUT_INVALID,
            format!("导入得到的文本有 {} 处错误，未写出", errors.len()),
        )
        .help("这是 jixiao 的缺陷，请连同原文件一起报告");
        eprint!(
            "{}",
            render::render(&d, &Default::default(), super::render_options())
        );
        return 1;
    }
    let ws = &verified.workspace;
    eprintln!(
        "已导入 {} 个项目、{} 项指标。",
        ws.projects().count(),
        ws.indicator_count()
    );
    let content_errors = report_findings(&verified);
    let written = match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            if out.write_all(imported.text.as_bytes()).is_err() {
                return 2;
            }
            0
        }
        Some(path) => match jixiao::safe_write::write_file(path, imported.text.as_bytes()) {
            Ok(()) => {
                eprintln!("已写入“{}”。", path.display());
                0
            }
            Err(e) => {
                let d = Diagnostic::new(
                    &codes::IO_ERROR,
                    format!("无法写入“{}”：{}", path.display(), io_message(&e)),
                )
                .help("检查输出目录是否存在、是否可写");
                eprint!(
                    "{}",
                    render::render(&d, &Default::default(), super::render_options())
                );
                2
            }
        },
    };
    if written != 0 {
        written
    } else if content_errors > 0 {
        // Written; the declaration itself has errors to fix.
        1
    } else {
        0
    }
}

/// The form's own problems, found by `check` in the imported text: it is
/// written all the same, and they are listed. Returns the number of errors.
fn report_findings(verified: &jixiao::import::Verified) -> usize {
    let errors = verified.findings.iter().filter(|d| d.is_error()).count();
    if verified.findings.is_empty() {
        return 0;
    }
    eprintln!(
        "jixiao check 对导入结果的发现（原表本身的问题，请在导入结果中修改）：{} 个错误，{} 条其他：",
        errors,
        verified.findings.len() - errors
    );
    for d in &verified.findings {
        let place = d
            .primary_span()
            .and_then(|s| {
                let f = verified.loaded.sources.get(s.file)?;
                Some(format!("{}:{} ", f.display, f.line_col(s.start as usize).0))
            })
            .unwrap_or_default();
        eprintln!(
            "  {place}{}[{}] {}",
            d.severity.chinese(),
            d.code,
            d.message
        );
    }
    errors
}

/// Errors in full; everything else as one line each, so the summary of what
/// went into comments stays readable.
fn summarize(imported: &Imported) {
    if let Some(layout) = &imported.layout {
        eprintln!("版式：{layout}");
    }
    let errors: Vec<_> = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprint!(
            "{}",
            render::render_all(&errors, &imported.sources, super::render_options())
        );
    }
    let rest: Vec<_> = imported
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .collect();
    if rest.is_empty() {
        return;
    }
    let review = rest
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if review == 0 {
        eprintln!(
            "导入摘要：{} 处已自动处理，均在输出中以 # 注释标出：",
            rest.len()
        );
    } else {
        eprintln!(
            "导入摘要：{} 条，其中 {review} 处（警告）需要人工核对，均在输出中以 # 注释标出：",
            rest.len()
        );
    }
    for d in rest {
        let place = d
            .primary_span()
            .and_then(|s| {
                let f = imported.sources.get(s.file)?;
                let (line, _) = f.line_col(s.start as usize);
                Some(format!("{}:{line}", f.display))
            })
            .unwrap_or_default();
        let sep = if place.is_empty() { "" } else { " " };
        eprintln!(
            "  {place}{sep}{}[{}] {}",
            d.severity.chinese(),
            d.code,
            d.message
        );
    }
}
