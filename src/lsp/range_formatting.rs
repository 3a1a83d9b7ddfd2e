//! `textDocument/rangeFormatting`: `jixiao fmt` restricted to the lines of
//! the range. The whole text is formatted (fmt aligns a block's columns
//! and needs the whole file), the result compared with the text line by
//! line, and each run of changed lines that touches a line of the range is
//! returned whole — so a run may reach past the range (a block whose
//! alignment changes with the line), and the lines outside the range that
//! fmt would change by themselves are left as they are. The lines are
//! compared as `jixiao fmt --check` compares them (`format::unified`):
//! when very many lines change, paired by position, in linear time.

use super::diagnostics::Normalized;
use super::formatting::formatted;
use super::position::{LineIndex, Placer};
use lsp_types::{Range, TextEdit};
use similar::DiffOp;

/// The edits of `jixiao fmt` that touch the lines of `range` in the
/// editor's `text`; `Err` says in Chinese why fmt cannot format it.
pub fn edits(text: &str, range: Range) -> Result<Vec<TextEdit>, String> {
    let normalized = Normalized::of(text);
    let formatted = formatted(&normalized.text)?;
    let old = &normalized.text;
    let old_starts = line_starts(old);
    let new_starts = line_starts(&formatted);
    let placer = Placer {
        index: LineIndex::new(old),
        bom: normalized.bom,
    };
    let first = range.start.line as usize;
    // a range ending at a line's start (whole lines selected) ends the
    // line before
    let last = match range.end {
        end if end.character == 0 && end.line > range.start.line => end.line - 1,
        end => end.line,
    } as usize;
    let mut out = Vec::new();
    for op in crate::format::unified::line_ops(old, &formatted) {
        let (old_lines, new_lines) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        // an insertion touches the lines on either side of it
        let touches = if old_lines.is_empty() {
            old_lines.start <= last + 1 && first <= old_lines.start
        } else {
            old_lines.start <= last && first < old_lines.end
        };
        if !touches {
            continue;
        }
        let at =
            |starts: &[usize], line: usize, len: usize| starts.get(line).copied().unwrap_or(len);
        let new_text = formatted
            .get(
                at(&new_starts, new_lines.start, formatted.len())
                    ..at(&new_starts, new_lines.end, formatted.len()),
            )
            .unwrap_or("");
        out.push(TextEdit::new(
            placer.range(
                at(&old_starts, old_lines.start, old.len()),
                at(&old_starts, old_lines.end, old.len()),
            ),
            new_text.to_string(),
        ));
    }
    Ok(out)
}

/// The byte offset where each line of `text` starts (`\n` line ends).
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl super::Server {
    pub(super) fn range_formatting(
        &self,
        request: &lsp_server::Request,
    ) -> Result<lsp_server::Response, lsp_server::Response> {
        let p: lsp_types::DocumentRangeFormattingParams = super::params(request)?;
        let doc = self.open_document(request, &p.text_document.uri)?;
        match edits(&doc.text, p.range) {
            Ok(edits) => Ok(lsp_server::Response::new_ok(request.id.clone(), edits)),
            Err(why) => Err(super::error(
                request,
                lsp_server::ErrorCode::RequestFailed,
                why,
            )),
        }
    }
}
