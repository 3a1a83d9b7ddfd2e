//! A 自评表 whose text ends inside the indicator table, before any 合计
//! row (web excerpts are often cut there: 金寨 ends at `成本指标 | 指标1:`):
//! the last cell is named in a JX-I005 warning and in a comment of the 自评
//! block, so that a cut-off table is never taken for a whole one.

use super::{excerpt, Cells};
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};

/// The warning and the comment when the text's last filled cell is in the
/// table (`table_end` is one past its last cell) and no total was read.
pub(crate) fn check(
    cells: &Cells,
    file: FileId,
    table_end: usize,
    has_total: bool,
) -> Option<(Diagnostic, String)> {
    if has_total {
        return None;
    }
    let last = (0..cells.len())
        .rev()
        .find(|&i| !cells.text(i).is_empty())?;
    if last >= table_end {
        return None;
    }
    let cell = cells.cell(last)?;
    let text = excerpt(cell.text.trim());
    let diagnostic = Diagnostic::new(
        &codes::IMPORT_TRUNCATED,
        format!(
            "文本在第 {} 行“{text}”处结束，指标表还没有合计行：原表可能被截断，其后的指标没有读到",
            cell.line
        ),
    )
    .label(Span::new(file, cell.start, cell.end), "文本到这里结束")
    .help("请对照原表补上其后的指标和合计行");
    let comment = format!(
        "原表的指标表在第 {} 行“{text}”处中断，没有合计行，其后的内容不在文本中",
        cell.line
    );
    Some((diagnostic, comment))
}
