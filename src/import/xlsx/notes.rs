//! The rows below a form's indicator table that `jixiao report --xlsx`
//! writes (src/report/xlsx/notes.rs): 项目经费情况说明, one labelled row per
//! section, and 备注 with one row per 校验 and 允许.

use super::Grid;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftProject, Entry};
use crate::report::xlsx::notes::{ALLOW_LABEL, CHECK_LABEL, CONTACT_FIELDS, NARRATIVE_HEADING};

fn key(text: &str) -> String {
    crate::model::name_key(text)
}

fn is_heading(text: &str) -> bool {
    let k = key(text);
    k == key(NARRATIVE_HEADING) || k.starts_with("备注")
}

/// What a row's label says.
enum Label {
    Heading,
    Section(&'static str),
    /// A project field written below the table (项目负责人 …).
    Field(&'static str),
    Check,
    Allow,
}

fn label(text: &str) -> Option<Label> {
    if is_heading(text) {
        return Some(Label::Heading);
    }
    let k = key(text);
    let k = k.trim_end_matches(':');
    if k == CHECK_LABEL {
        return Some(Label::Check);
    }
    if k == ALLOW_LABEL {
        return Some(Label::Allow);
    }
    if let Some(field) = CONTACT_FIELDS.iter().find(|f| f.word() == k) {
        return Some(Label::Field(field.word()));
    }
    match crate::import::text::section(k) {
        Some((section, rest)) if rest.is_empty() => Some(Label::Section(section)),
        _ => None,
    }
}

/// The filled cells of row `r`: (column, text).
fn filled(grid: &Grid, r: usize) -> Vec<(usize, &str)> {
    grid.cells
        .get(r)
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(c, t)| (c, t.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

/// The first row in `from..to` below the indicator table: a heading
/// anywhere, or a label left of the 一级指标 column (`level1`).
pub(crate) fn start(grid: &Grid, from: usize, to: usize, level1: usize) -> usize {
    (from..to.min(grid.cells.len()))
        .find(|&r| match filled(grid, r).first() {
            Some((c, t)) => is_heading(t) || (*c < level1 && label(t).is_some()),
            None => false,
        })
        .unwrap_or(to)
}

/// Read the rows `from..to` into `project`.
pub(crate) fn read(
    grid: &Grid,
    from: usize,
    to: usize,
    project: &mut DraftProject,
    diags: &mut Vec<Diagnostic>,
) {
    for r in from..to.min(grid.cells.len()) {
        let cells = filled(grid, r);
        let Some(&(c0, first)) = cells.first() else {
            continue;
        };
        let values: Vec<(usize, &str)> = cells.get(1..).unwrap_or(&[]).to_vec();
        let value = values.first().map(|v| v.1).unwrap_or("");
        let mut extra = values.get(1..).unwrap_or(&[]).to_vec();
        match label(first) {
            Some(Label::Heading) => extra = values,
            Some(Label::Section(section)) => {
                let title = first;
                if value.is_empty() {
                    let comment = super::fields::blank(grid, r, c0, title, diags);
                    project.narrative.push(Entry::comment(comment));
                } else if project
                    .narrative
                    .iter()
                    .any(|n| n.value.as_ref().is_some_and(|(k, _)| k == section))
                {
                    project
                        .narrative
                        .push(Entry::comment(format!("原表另有一处“{title}”：{value}")));
                    diags.push(Diagnostic::new(
                        &codes::IMPORT_UNPLACED,
                        format!(
                            "{}的“{title}”出现了两次，第二处已作为注释写入",
                            grid.row_at(r)
                        ),
                    ));
                } else {
                    project
                        .narrative
                        .push(Entry::new((section.to_string(), value.to_string())));
                }
            }
            Some(Label::Field(key)) => project
                .fields
                .push(Entry::new((key.to_string(), value.to_string()))),
            Some(Label::Check) => check(grid, r, value, project, diags),
            Some(Label::Allow) => {
                let reason = values.get(1).map(|v| v.1.to_string());
                extra = values.get(2..).unwrap_or(&[]).to_vec();
                allow(grid, r, value, reason, project, diags);
            }
            None => extra = cells,
        }
        for (c, _) in extra {
            super::fields::unplaced(grid, r, c, &mut project.indicator_comments, diags);
        }
    }
}

/// A 校验 row: kept when the expression reads as the language's.
fn check(
    grid: &Grid,
    r: usize,
    text: &str,
    project: &mut DraftProject,
    diags: &mut Vec<Diagnostic>,
) {
    let single_line = !text.contains('\n');
    let parses = crate::syntax::parse_expr(crate::source::FileId(0), text, 0).is_ok();
    if single_line && parses {
        project.checks.push(Entry::new(text.to_string()));
        return;
    }
    project
        .checks
        .push(Entry::comment(format!("原表“校验”作“{text}”，读不懂")));
    diags.push(
        Diagnostic::new(
            &codes::IMPORT_UNPLACED,
            format!(
                "{}的校验“{text}”不是能读懂的表达式，已作为注释写入",
                grid.row_at(r)
            ),
        )
        .help("表达式的写法见 grammar/GRAMMAR.md 第 12 节，如“人均费用 × 人数 ≤ 资金.总额”"),
    );
}

/// An 允许 row: the code, and the reason in the next cell.
fn allow(
    grid: &Grid,
    r: usize,
    code: &str,
    reason: Option<String>,
    project: &mut DraftProject,
    diags: &mut Vec<Diagnostic>,
) {
    let is_code = !code.is_empty()
        && !code
            .chars()
            .any(|c| c.is_whitespace() || "\"#＃{};；".contains(c));
    if is_code {
        project.allows.push(Entry::new((code.to_string(), reason)));
        return;
    }
    let reason = reason.unwrap_or_default();
    project.allows.push(Entry::comment(format!(
        "原表“允许”作“{code}”“{reason}”，读不出诊断代码"
    )));
    diags.push(Diagnostic::new(
        &codes::IMPORT_UNPLACED,
        format!(
            "{}的“允许”一行读不出诊断代码（“{code}”），已作为注释写入",
            grid.row_at(r)
        ),
    ));
}
