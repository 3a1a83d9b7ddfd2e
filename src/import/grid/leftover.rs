//! Every cell is accounted for: runs of non-empty cells no reader placed
//! become comments (`原表第 3 行：…`) and a JX-I006 diagnostic naming the
//! line — nothing is dropped.

use super::{excerpt, Cells};
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};

/// The comments for the cells left over before `split` (above the
/// indicator table) and after it, in source order; one diagnostic per run.
pub(crate) fn collect(
    cells: &Cells,
    file: FileId,
    split: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<String>) {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut flush = |run: &mut Vec<usize>, diagnostics: &mut Vec<Diagnostic>| {
        let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
            return;
        };
        let (Some(a), Some(b)) = (cells.cell(first), cells.cell(last)) else {
            run.clear();
            return;
        };
        let texts: Vec<&str> = run.iter().map(|&i| cells.text(i)).collect();
        let lines = if a.line == b.line {
            format!("第 {} 行", a.line)
        } else {
            format!("第 {}–{} 行", a.line, b.line)
        };
        let comment = format!("原表{lines}未能归位：{}", texts.join(" | "));
        diagnostics.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!(
                    "原表{lines}“{}”未能归位，已作为注释写入",
                    excerpt(&texts.join(" "))
                ),
            )
            .label(
                Span::new(file, a.start, b.end.max(a.start)),
                "这些格没有对应的栏目",
            )
            .help("核对注释中的原文，需要的话手工写进相应栏目"),
        );
        if first < split {
            before.push(comment);
        } else {
            after.push(comment);
        }
        run.clear();
    };
    for i in 0..cells.len() {
        if cells.text(i).is_empty() {
            continue;
        }
        if cells.is_used(i) || run.last().is_some_and(|&l| l < split && i >= split) {
            flush(&mut run, diagnostics);
        }
        if !cells.is_used(i) {
            run.push(i);
        }
    }
    flush(&mut run, diagnostics);
    (before, after)
}
