//! `jixiao import`: last year's 申报表 — the text a PDF extractor produced
//! from the official form, or an Excel export of the budget system — turned
//! into jixiao source text.
//!
//! Importers read into a [`Draft`] (values in form order, each with the `#`
//! comments that go above it); [`write::write`] turns the draft into text.
//! Whatever an importer cannot place becomes a comment next to where it
//! belongs *and* a diagnostic in [`Imported::diagnostics`], so nothing from
//! the source is dropped silently.

pub mod draft;
mod funds;
pub mod grid;
pub mod target;
pub mod text;
pub mod write;
mod write_selfeval;
pub mod xlsx;

pub use draft::Draft;

use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use std::path::Path;

/// The result of an import. (Serialize only: diagnostic codes are static.)
#[derive(Debug, Default, serde::Serialize)]
pub struct Imported {
    /// What was read, before writing.
    pub draft: Option<Draft>,
    /// Further departments, after `draft` (a workbook with several
    /// 部门汇总 sheets).
    pub others: Vec<Draft>,
    /// The jixiao text (empty when nothing could be read).
    pub text: String,
    /// Problems and everything that went into comments, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The layout recognised when it is not the seed's (`自评表（表格文本）`),
    /// for the import summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// The input, for rendering diagnostics (empty for workbooks).
    #[serde(skip)]
    pub sources: SourceMap,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    fn from_draft(draft: Draft, diagnostics: Vec<Diagnostic>, sources: SourceMap) -> Imported {
        Imported::from_drafts(vec![draft], diagnostics, sources)
    }
    /// One `部门` block per draft, in order.
    fn from_drafts(
        mut drafts: Vec<Draft>,
        mut diagnostics: Vec<Diagnostic>,
        sources: SourceMap,
    ) -> Imported {
        for draft in &mut drafts {
            settle(draft, &mut diagnostics);
        }
        let written: Vec<String> = drafts.iter().map(write::write).collect();
        let text = canonical(written.join("\n"), &mut diagnostics);
        let mut drafts = drafts.into_iter();
        Imported {
            text,
            draft: drafts.next(),
            others: drafts.collect(),
            diagnostics,
            sources,
            layout: None,
        }
    }
    fn failed(diagnostic: Diagnostic, sources: SourceMap) -> Imported {
        Imported {
            diagnostics: vec![diagnostic],
            sources,
            ..Imported::default()
        }
    }
}

/// The written text in the canonical layout of `jixiao fmt` (so that an
/// imported file is already formatted). If fmt refuses (it never should:
/// that is a defect), the writer's own layout is kept and a warning says so;
/// text with syntax errors is left to [`verify`], which reports it.
fn canonical(written: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    use crate::format::{format_text, FormatError};
    let why = match format_text(FileId(0), &written) {
        Ok(formatted) => return formatted,
        Err(FormatError::Syntax(_)) => return written,
        Err(FormatError::Internal(d)) | Err(FormatError::Unsupported(d)) => d.message,
    };
    diagnostics.push(
        Diagnostic::new(
            &codes::IMPORT_NOT_FORMATTED,
            format!("导入结果未能按 jixiao fmt 的规范格式排版（{why}），按导入器自己的排版写出"),
        )
        .help("内容不受影响；写出后可再运行 jixiao fmt。若仍失败，这是 jixiao 的缺陷，请连同原文件一起报告"),
    );
    written
}

/// The imported text read back, with its diagnostics in two kinds:
/// `structural` (syntax, fields, values: the importer's responsibility, so
/// an error here is a defect of jixiao) and `findings` (what `check` says
/// about the form's own content: sums that do not add up, a claim that does
/// not match — problems of the source, to be fixed by the user).
#[derive(Debug)]
pub struct Verified {
    pub loaded: crate::Loaded,
    pub workspace: crate::Workspace,
    pub structural: Vec<Diagnostic>,
    pub findings: Vec<Diagnostic>,
}

impl Verified {
    pub fn structurally_sound(&self) -> bool {
        !self.structural.iter().any(Diagnostic::is_error)
    }
}

/// Read imported text back as `check` would, keeping the two kinds apart.
pub fn verify(name: &str, text: &str) -> Verified {
    let mut loaded = crate::load::load_text(name, text);
    let (workspace, mut lowered) = crate::lower::lower(&loaded);
    let mut structural = std::mem::take(&mut loaded.diagnostics);
    structural.append(&mut lowered);
    crate::diagnostic::sort(&mut structural);
    let mut findings = crate::check::check(&workspace);
    crate::diagnostic::sort(&mut findings);
    Verified {
        loaded,
        workspace,
        structural,
        findings,
    }
}

/// What the language refuses twice: two projects of one name, a field
/// given twice. The second becomes a renamed project or a comment.
fn settle(draft: &mut Draft, diagnostics: &mut Vec<Diagnostic>) {
    let mut names: Vec<String> = Vec::new();
    for p in &mut draft.projects {
        if names.contains(&p.name) {
            let mut n = 2;
            let mut candidate = format!("{}（{n}）", p.name);
            while names.contains(&candidate) {
                n += 1;
                candidate = format!("{}（{n}）", p.name);
            }
            p.comments.push(format!(
                "原表中另有一个同名项目“{}”；为区分，此处改名为“{candidate}”",
                p.name
            ));
            diagnostics.push(
                Diagnostic::new(
                    &codes::IMPORT_UNPLACED,
                    format!(
                        "项目名称“{}”出现了两次，第二个已改名为“{candidate}”",
                        p.name
                    ),
                )
                .help("核对这两个项目是否重复导出；确认后删去一个或改成正式名称"),
            );
            p.name = candidate;
        }
        names.push(p.name.clone());
        let mut seen: Vec<String> = Vec::new();
        for f in &mut p.fields {
            let Some((key, value)) = &f.value else {
                continue;
            };
            if seen.contains(key) {
                f.comments
                    .push(format!("原表另有一处“{key}”作“{value}”，此处只保留第一处"));
                diagnostics.push(Diagnostic::new(
                    &codes::IMPORT_UNPLACED,
                    format!(
                        "项目“{}”的“{key}”出现了两次，第二处“{value}”已作为注释写入",
                        p.name
                    ),
                ));
                f.value = None;
            } else {
                seen.push(key.clone());
            }
        }
    }
}

/// What kind of file the bytes are.
fn is_workbook_bytes(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn has_workbook_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods"))
}

/// Import a file's bytes: a workbook when the bytes (or the extension) say
/// so, else text extracted from the PDF form.
pub fn import_bytes(path: &Path, display: &str, bytes: &[u8]) -> Imported {
    if is_workbook_bytes(bytes) {
        return xlsx::import_workbook(display, bytes);
    }
    if has_workbook_extension(path) {
        let d = Diagnostic::new(
            &codes::IMPORT_NOT_WORKBOOK,
            format!("“{display}”的扩展名是 Excel 工作簿，但内容不是 Excel 工作簿"),
        )
        .help("在 Excel 中打开并另存为 .xlsx；如果这是从 PDF 复制出的文本，请把扩展名改为 .txt");
        return Imported::failed(d, SourceMap::new());
    }
    let text = match decode_text(bytes) {
        Ok(t) => t,
        Err(d) => return Imported::failed(d, SourceMap::new()),
    };
    import_text(path, display, &text)
}

/// UTF-8 (with or without BOM), else GB18030, else refuse.
fn decode_text(bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.is_empty() {
        return Err(
            Diagnostic::new(&codes::IMPORT_NOTHING, "要导入的文件是空的（0 字节）")
                .help("导出申报表 PDF 的文本（或 Excel 工作簿）后再导入"),
        );
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::new(
            &codes::IMPORT_UNKNOWN_FORMAT,
            "要导入的文件既不是文本，也不是 Excel 工作簿",
        )
        .help("可以导入：从申报表 PDF 复制或导出的文本（.txt），或预算系统导出的 .xlsx 工作簿"));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(normalize(s));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(Diagnostic::new(
            &codes::IMPORT_UNKNOWN_FORMAT,
            "要导入的文件不是 UTF-8 或 GBK 文本，也不是 Excel 工作簿",
        )
        .help("把文件另存为 UTF-8 文本后再导入"));
    }
    Ok(normalize(&text))
}

/// Line endings to `\n`, byte-order mark removed.
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Import text extracted from the 申报表 PDF.
pub fn import_text(path: &Path, display: &str, text: &str) -> Imported {
    let mut sources = SourceMap::new();
    let file = sources.add(SourceFile::new(
        path.to_path_buf(),
        display.to_string(),
        text.to_string(),
    ));
    // The seed's layout (项目经费情况说明 and the Shanghai form) has its own
    // reader; every other form is read as cells (issue 18).
    if !text::recognizes(text) && grid::looks_like_form(text) {
        let (draft, diagnostics) = grid::import(file, Some(display), text);
        return match draft {
            Some(d) => {
                let layout = grid::layout_word(&d);
                let mut imported = Imported::from_draft(d, diagnostics, sources);
                imported.layout = Some(layout.to_string());
                imported
            }
            None => Imported {
                diagnostics,
                sources,
                ..Imported::default()
            },
        };
    }
    let (draft, diagnostics) = text::import(file, Some(display), text);
    match draft {
        Some(draft) => Imported::from_draft(draft, diagnostics, sources),
        None => Imported {
            diagnostics,
            sources,
            ..Imported::default()
        },
    }
}

/// A diagnostic collector with the file being read.
pub(crate) struct Sink {
    pub file: FileId,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: FileId) -> Sink {
        Sink {
            file,
            diagnostics: Vec::new(),
        }
    }
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
}
