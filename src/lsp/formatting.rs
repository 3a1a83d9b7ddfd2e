//! `textDocument/formatting`: `jixiao fmt` of the document's text.

use super::position::LineIndex;
use crate::format::{format_text, FormatError};
use crate::source::FileId;
use lsp_types::{Position, Range, TextEdit};

/// The edits that make `text` what `jixiao fmt` writes: one edit replacing
/// the whole document when it changes, none when it is already formatted.
/// `Err` says in Chinese why fmt leaves it as it is (the errors themselves
/// are already the document's diagnostics).
pub fn edits(text: &str) -> Result<Vec<TextEdit>, String> {
    let formatted = formatted(&crate::load::normalize(text))?;
    if formatted == text {
        return Ok(Vec::new());
    }
    let end = LineIndex::new(text).end();
    Ok(vec![TextEdit::new(
        Range::new(Position::new(0, 0), end),
        formatted,
    )])
}

/// What `jixiao fmt` writes of `normalized` (the text the library reads);
/// `Err` says in Chinese why it leaves it as it is.
pub fn formatted(normalized: &str) -> Result<String, String> {
    match format_text(FileId(0), normalized) {
        Ok(formatted) => Ok(formatted),
        Err(FormatError::Syntax(errors)) => Err(format!(
            "文件有 {} 处语法错误，jixiao fmt 未格式化；请先按诊断改正",
            errors.len()
        )),
        Err(FormatError::Unsupported(d) | FormatError::Internal(d)) => Err(d.message),
    }
}
