//! The goals: `年度总体目标` (and its spellings) with its value, or with
//! the sub-headers `预期目标 | 实际完成情况` and a value under each.

use super::fields::{key, label, FormKind, Header, Label};
use super::Cells;
use crate::import::draft::DraftProject;

/// A goal: its value, or its sub-headers and their values in order.
pub(super) fn read(
    cells: &mut Cells,
    found: Label,
    value: Option<String>,
    at: usize,
    end: usize,
    project: &mut DraftProject,
    header: &mut Header,
) {
    let slot = |p: &mut DraftProject, l: Label, v: String| {
        let e = if l == Label::Overall {
            &mut p.overall_goal
        } else {
            &mut p.annual_goal
        };
        if e.value.is_none() {
            e.value = Some(v);
        }
    };
    if let Some(v) = value {
        // A value written over several cells (flattened text keeps the
        // spaces of the sentence): the whole run up to the next label.
        let first = cells
            .next_filled(at + 1, end)
            .filter(|&f| cells.flattened && cells.text(f) == v);
        let run = first.map(|f| run_after(cells, f, end)).unwrap_or_default();
        let whole = if run.is_empty() {
            v
        } else {
            format!("{v} {}", join(cells, &run))
        };
        for &i in &run {
            cells.use_cell(i);
        }
        slot(project, found, whole);
        return;
    }
    if side_by_side(cells, found, at, end, project) {
        return;
    }
    // Sub-headers right after the label: 预期目标 实际完成情况, then the
    // values in the same order. A label followed directly by 年度目标完成情况
    // is itself the first column (四川: 项目年度目标 | 年度目标完成情况).
    let mut subs = Vec::new();
    let mut i = at;
    while let Some(n) = cells.next_filled(i + 1, end) {
        match label(cells.text(n)) {
            Some(l @ (Label::Expected | Label::Achieved)) => {
                if subs.is_empty() && l == Label::Achieved {
                    subs.push(Label::Expected);
                }
                cells.use_cell(n);
                subs.push(l);
                i = n;
            }
            _ => break,
        }
    }
    // One cell per sub-header; when the run has more cells (a flattened
    // sentence with spaces), the columns cannot be told apart: the cells
    // stay unplaced (comments and JX-I006).
    let mut run = run_after(cells, i, end);
    if !cells.flattened {
        // Cells are whole: one for each sub-header.
        run.truncate(subs.len());
    }
    if subs.is_empty() || run.len() != subs.len() {
        if !subs.is_empty() {
            project.comments.push(format!(
                "原表“{}”下的{}格文字分不开各栏，原文见注释",
                key(cells.text(at)),
                run.len()
            ));
        }
        return;
    }
    for (sub, n) in subs.into_iter().zip(run) {
        cells.use_cell(n);
        let v = cells.text(n).to_string();
        match sub {
            Label::Achieved => {
                header.achieved.get_or_insert(v);
            }
            _ => slot(project, found, v),
        }
    }
}

/// Goal labels side by side, a value under each (湘潭 2024: `长期目标 |
/// 年度目标 | 持续改善… | 2024通过…`): the values in the labels' order.
/// Whole cells only; `false` when the values do not match the labels.
fn side_by_side(
    cells: &mut Cells,
    found: Label,
    at: usize,
    end: usize,
    project: &mut DraftProject,
) -> bool {
    let mut labels = vec![(found, at)];
    let mut i = at;
    while let Some(n) = cells.next_filled(i + 1, end) {
        match label(cells.text(n)) {
            Some(l @ (Label::Overall | Label::Annual)) if !cells.is_used(n) => {
                labels.push((l, n));
                i = n;
            }
            _ => break,
        }
    }
    let mut run = run_after(cells, i, end);
    run.truncate(labels.len());
    if cells.flattened || labels.len() < 2 || run.len() != labels.len() {
        return false;
    }
    for ((l, label_cell), n) in labels.into_iter().zip(run) {
        cells.use_cell(label_cell);
        cells.use_cell(n);
        let v = cells.text(n).to_string();
        let goal = if l == Label::Overall {
            &mut project.overall_goal
        } else {
            &mut project.annual_goal
        };
        goal.value.get_or_insert(v);
    }
    true
}

/// The filled cells after `at` up to the next label, structural cell, used
/// cell or title.
fn run_after(cells: &Cells, at: usize, end: usize) -> Vec<usize> {
    let mut run = Vec::new();
    let mut i = at;
    while let Some(n) = cells.next_filled(i + 1, end) {
        let t = cells.text(n);
        if cells.is_used(n)
            || label(t).is_some()
            || super::is_structural(t)
            || FormKind::of_title(t).is_some()
        {
            break;
        }
        run.push(n);
        i = n;
    }
    run
}

fn join(cells: &Cells, run: &[usize]) -> String {
    let texts: Vec<&str> = run.iter().map(|&i| cells.text(i)).collect();
    texts.join(" ")
}
