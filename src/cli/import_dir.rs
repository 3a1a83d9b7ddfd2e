//! `jixiao import 目录 -o 输出目录`: every form in a folder in one run,
//! each written as `输出目录/<文件名>.jx`, and a table of what imported, what
//! needs a look and why. A file that fails never stops the others.

use super::import_cmd::{import_file, Args, NotRead};
use jixiao::diagnostic::{codes, Diagnostic, Severity};
use jixiao::files::io_message;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// The extensions imported from a folder (compared in lower case).
const EXTENSIONS: [&str; 4] = ["txt", "xlsx", "xls", "ods"];

/// The most files one run imports: a folder of more is refused, not read
/// half-way (a department has tens of forms, a district a few hundred).
const MAX_FILES: usize = 10_000;

/// What became of one file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Imported,
    Review,
    Failed,
}

impl Outcome {
    fn chinese(self) -> &'static str {
        match self {
            Outcome::Imported => "已导入",
            Outcome::Review => "需核对",
            Outcome::Failed => "未导入",
        }
    }
}

struct Row {
    file: String,
    outcome: Outcome,
    /// The main reason: first error, else first warning (or check error).
    reason: String,
    counts: Option<(usize, usize)>,
}

pub fn run(args: &Args) -> i32 {
    let dir = &args.file;
    let Some(out) = &args.output else {
        return super::usage_error(&format!(
            "“{}”是目录：导入目录时须用 -o 指定输出目录（每个文件写成“输出目录/文件名.jx”）",
            dir.display()
        ));
    };
    if out.exists() && !out.is_dir() {
        return super::usage_error(&format!(
            "导入目录时 -o 应是目录，“{}”是一个文件",
            out.display()
        ));
    }
    let encoding = match super::encoding::parse(args.encoding.as_deref()) {
        Ok(e) => e,
        Err(e) => return super::usage_error(&e),
    };
    let files = match candidates(dir) {
        Ok(f) => f,
        Err(message) => return super::usage_error(&message),
    };
    if files.is_empty() {
        eprintln!(
            "错误：目录“{}”中没有可导入的文件（.txt、.xlsx、.xls、.ods；不读子目录）",
            dir.display()
        );
        return 1;
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        return super::usage_error(&format!(
            "无法创建输出目录“{}”：{}",
            out.display(),
            io_message(&e)
        ));
    }
    let names = output_names(&files);
    let mut rows = Vec::new();
    for (path, name) in files.iter().zip(&names) {
        let target = out.join(name);
        // Never over an input (a link named like the output, say).
        if files.iter().any(|f| jixiao::files::same_file(f, &target)) {
            rows.push(Row {
                file: name.clone(),
                outcome: Outcome::Failed,
                reason: format!("输出文件“{}”就是一个要导入的文件，未写出", target.display()),
                counts: None,
            });
            continue;
        }
        rows.push(one(path, &target, encoding));
    }
    print_table(&rows, out);
    if rows.iter().any(|r| r.outcome == Outcome::Failed) {
        1
    } else {
        0
    }
}

/// The files to import, by name: regular files with an imported extension,
/// not hidden and not Excel's lock files (`~$表.xlsx`).
fn candidates(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("无法读取目录“{}”：{}", dir.display(), io_message(&e)))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.starts_with('.') || name.starts_with("~$") || !EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        if !path.is_file() {
            continue;
        }
        if files.len() == MAX_FILES {
            return Err(format!(
                "目录“{}”中要导入的文件超过 {MAX_FILES} 个；请分几个目录导入",
                dir.display()
            ));
        }
        files.push(path);
    }
    files.sort();
    Ok(files)
}

/// `表.xlsx` → `表.jx`; when two files share a stem (`表.txt`, `表.xlsx`),
/// each keeps its extension (`表.txt.jx`, `表.xlsx.jx`) so that neither
/// overwrites the other.
fn output_names(files: &[PathBuf]) -> Vec<String> {
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    files
        .iter()
        .map(|p| {
            let s = stem(p);
            let shared = files.iter().filter(|q| stem(q) == s).count() > 1;
            if shared {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("{name}.jx")
            } else {
                format!("{s}.jx")
            }
        })
        .collect()
}

fn line(d: &Diagnostic) -> String {
    format!("{}[{}] {}", d.severity.chinese(), d.code, d.message)
}

/// Import `path` and write it to `target`: the row of the table.
fn one(path: &Path, target: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Row {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let failed = |reason: String| Row {
        file: file.clone(),
        outcome: Outcome::Failed,
        reason,
        counts: None,
    };
    let display = path.display().to_string();
    let imported = match import_file(path, &display, encoding) {
        Ok(i) => i,
        Err(NotRead::Io(d)) => return failed(line(&d)),
        Err(NotRead::Encoding(m)) => return failed(m),
    };
    if let Some(d) = imported.diagnostics.iter().find(|d| d.is_error()) {
        return failed(line(d));
    }
    if imported.text.is_empty() {
        return failed("没有读出任何内容".into());
    }
    let verified = jixiao::import::verify(&display, &imported.text);
    if !verified.structurally_sound() {
        let d = Diagnostic::new(
            &codes::IMPORT_OUTPUT_INVALID,
            "导入得到的文本未通过检查，未写出（这是 jixiao 的缺陷，请报告）",
        );
        return failed(line(&d));
    }
    if let Err(e) = jixiao::safe_write::write_file(target, imported.text.as_bytes()) {
        let d = Diagnostic::new(
            &codes::IO_ERROR,
            format!("无法写入“{}”：{}", target.display(), io_message(&e)),
        );
        return failed(line(&d));
    }
    let ws = &verified.workspace;
    let counts = Some((ws.projects().count(), ws.indicator_count()));
    let warning = imported
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .or_else(|| verified.findings.iter().find(|d| d.is_error()));
    match warning {
        Some(d) => Row {
            file,
            outcome: Outcome::Review,
            reason: line(d),
            counts,
        },
        None => Row {
            file,
            outcome: Outcome::Imported,
            reason: String::new(),
            counts,
        },
    }
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn print_table(rows: &[Row], out: &Path) {
    let file_width = rows
        .iter()
        .map(|r| r.file.width())
        .chain(std::iter::once("文件".width()))
        .max()
        .unwrap_or(0);
    println!("{}  结果    项目  指标  原因", pad("文件", file_width));
    for r in rows {
        let (p, i) = match r.counts {
            Some((p, i)) => (p.to_string(), i.to_string()),
            None => ("-".into(), "-".into()),
        };
        let line = format!(
            "{}  {}  {p:>4}  {i:>4}  {}",
            pad(&r.file, file_width),
            r.outcome.chinese(),
            r.reason
        );
        println!("{}", line.trim_end());
    }
    let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
    println!(
        "共 {} 个文件：已导入 {} 个，需核对 {} 个，未导入 {} 个；导入结果在“{}”。",
        rows.len(),
        count(Outcome::Imported),
        count(Outcome::Review),
        count(Outcome::Failed),
        out.display()
    );
    if count(Outcome::Review) + count(Outcome::Failed) > 0 {
        println!("逐条原因：对单个文件运行 jixiao import 文件，看完整的导入摘要。");
    }
}
