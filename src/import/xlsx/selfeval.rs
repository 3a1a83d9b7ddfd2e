//! A 项目支出绩效自评表 sheet (its indicator table has a 实际完成值
//! column), as budget systems and `jixiao report --xlsx` of a 自评 write it:
//! the budget grid (全年预算数, 全年执行数, 分值, 执行率, 得分), the
//! 年度总体目标 with 预期目标 and 实际完成情况, the indicator rows with their
//! actuals, 分值, 得分 and 偏差原因, then 总分 and 等级. What the sheet
//! printed goes into the draft's [`DraftSelfEval`], as printed.

use super::columns::{Col, Header};
use super::{fields, notes, rows, Grid};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{
    DraftActual, DraftActualValue, DraftBudgetRow, DraftProject, DraftSelfEval, DraftTotal, Entry,
};
use crate::import::target::{normalize_unit, parse_number, take_comparator, take_number};
use crate::report::columns::{FundsColumn as Money, FUNDS_COLUMNS};
use std::ops::Range;

fn key(text: &str) -> String {
    crate::model::name_key(text)
}

/// Read the project of a 自评表 sheet in `rows`, whose indicator header
/// is `h`, into `project` (its 自评 in `project.selfeval`).
pub(crate) fn read_project(
    grid: &Grid,
    h: &Header,
    area: Range<usize>,
    project: &mut DraftProject,
    diags: &mut Vec<Diagnostic>,
) {
    let mut s = DraftSelfEval::default();
    let top = budget_header(grid, area.start..h.row).unwrap_or(h.row);
    fields::read(grid, area.start..top, project, diags);
    read_top(grid, top..h.row, project, &mut s, diags);
    let level1 = h.col(Col::Level1).unwrap_or(0);
    let end = table_end(grid, h.row + 1, area.end, level1);
    (project.indicators, project.group_points) = rows::indicators(grid, h, h.row + 1, end, diags);
    actuals(grid, h, h.row + 1..end, &mut s, diags);
    let after = totals(grid, h, end, area.end, level1, &mut s, diags);
    notes::read(grid, after, area.end, project, diags);
    project.selfeval = Some(s);
}

/// The row of the budget grid's header: 全年预算数 and 全年执行数 in it.
fn budget_header(grid: &Grid, rows: Range<usize>) -> Option<usize> {
    rows.into_iter().find(|&r| {
        let row: Vec<String> = grid
            .cells
            .get(r)
            .map(|c| c.iter().map(|t| key(t)).collect())
            .unwrap_or_default();
        row.iter().any(|k| k == "全年预算数" || k == "调整后预算数")
            && row.iter().any(|k| k == "全年执行数")
    })
}

/// What a budget grid column holds: the columns `jixiao report --xlsx`
/// writes, by their headers there (and 调整后预算数, another name of
/// 全年预算数).
fn money_column(text: &str) -> Option<Money> {
    let k = key(text);
    if k == "调整后预算数" {
        return Some(Money::Adjusted);
    }
    FUNDS_COLUMNS
        .into_iter()
        .filter(|c| *c != Money::Name)
        .find(|c| key(c.spec().header) == k)
}

/// The budget grid and the 年度总体目标 in `rows` (from the grid's header).
/// Every other filled cell is a comment and a warning.
fn read_top(
    grid: &Grid,
    rows: Range<usize>,
    project: &mut DraftProject,
    s: &mut DraftSelfEval,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(header) = rows.clone().next() else {
        return;
    };
    let cols: Vec<(usize, Money)> = grid
        .cells
        .get(header)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(c, t)| Some((c, money_column(t)?)))
        .collect();
    let first = cols.first().map_or(0, |(c, _)| *c);
    let unit = if grid
        .cells
        .get(header)
        .into_iter()
        .flatten()
        .any(|t| key(t).contains("万元"))
    {
        "万元"
    } else {
        "元"
    };
    let has = |m: Money| cols.iter().any(|(_, k)| *k == m);
    // jixiao's workbook: the 表内 columns are the printed ones, the others
    // its computed ones.
    let jixiao = has(Money::PrintedPoints) || has(Money::PrintedRate) || has(Money::PrintedScore);
    let mut r = header + 1;
    while r < rows.end {
        let left: Vec<&str> = (0..first).map(|c| grid.cell(r, c)).collect();
        if left
            .iter()
            .any(|t| is_goal_label(t) || money_column(t).is_some())
        {
            break;
        }
        let Some(label) = left.iter().rev().find(|t| !t.is_empty()) else {
            break;
        };
        let get = |m: Money| {
            cols.iter()
                .find(|(_, k)| *k == m)
                .map(|(c, _)| grid.cell(r, *c))
                .filter(|t| !t.is_empty())
        };
        let number = |m: Money| get(m).and_then(parse_number);
        let pick = |computed: Money, shown: Money| if jixiao { shown } else { computed };
        let rate_cell = get(pick(Money::Rate, Money::PrintedRate));
        let rate = rate_cell.and_then(|t| {
            let (n, rest) = take_number(t.trim())?;
            Some((n, normalize_unit(rest)?))
        });
        let name = key(label);
        let name = name.strip_prefix("其中:").unwrap_or(&name);
        s.budget.push(Entry::new(DraftBudgetRow {
            key: name.to_string(),
            start: number(Money::Initial),
            full: number(Money::Adjusted),
            spent: number(Money::Spent),
            unit: unit.into(),
            points: number(pick(Money::Points, Money::PrintedPoints)),
            rate,
            score: number(pick(Money::Score, Money::PrintedScore)),
        }));
        r += 1;
    }
    let mut used: Vec<(usize, usize)> = Vec::new();
    for r in rows.clone() {
        for c in 0..grid.cells.get(r).map_or(0, Vec::len) {
            let t = grid.cell(r, c);
            if t.is_empty() {
                continue;
            }
            if r < header + 1 + s.budget.len()
                || key(t) == "项目资金(元)"
                || key(t) == "项目资金(万元)"
            {
                // The grid: labels and numbers read above.
                used.push((r, c));
            } else if is_goal_label(t) {
                used.push((r, c));
                goal(grid, r, c, project, s, &mut used);
            }
        }
    }
    let mut comments = Vec::new();
    for r in rows {
        for c in 0..grid.cells.get(r).map_or(0, Vec::len) {
            if !grid.cell(r, c).is_empty() && !used.contains(&(r, c)) {
                fields::unplaced(grid, r, c, &mut comments, diags);
            }
        }
    }
    s.comments.extend(comments);
}

fn is_goal_label(text: &str) -> bool {
    matches!(key(text).as_str(), "年度总体目标" | "年度目标" | "总体目标")
}

/// The 年度总体目标 labelled at (r, c): below 预期目标 (the declared goal)
/// and 实际完成情况 when the row right of it has those headings, else the
/// next filled cell right of it.
fn goal(
    grid: &Grid,
    r: usize,
    c: usize,
    project: &mut DraftProject,
    s: &mut DraftSelfEval,
    used: &mut Vec<(usize, usize)>,
) {
    let width = grid.cells.get(r).map_or(0, Vec::len);
    let headed: Vec<(usize, String)> = (c + 1..width)
        .map(|cc| (cc, key(grid.cell(r, cc))))
        .filter(|(_, k)| k == "预期目标" || k == "实际完成情况")
        .collect();
    if headed.is_empty() {
        if let Some(cc) = (c + 1..width).find(|&cc| !grid.cell(r, cc).is_empty()) {
            project.annual_goal.value = Some(grid.cell(r, cc).to_string());
            used.push((r, cc));
        }
        return;
    }
    for (cc, k) in headed {
        used.push((r, cc));
        let below = grid.cell(r + 1, cc);
        if below.is_empty() {
            continue;
        }
        used.push((r + 1, cc));
        if k == "预期目标" {
            project.annual_goal.value = Some(below.to_string());
        } else {
            s.comments
                .push(format!("原表年度总体目标的实际完成情况：{below}"));
        }
    }
}

/// The first row below the indicator table: 总分, 合计, 等级 left of the
/// 一级指标 column, or where the notes start.
fn table_end(grid: &Grid, from: usize, to: usize, level1: usize) -> usize {
    let total = (from..to.min(grid.cells.len())).find(|&r| {
        (0..=level1).any(|c| is_total_label(grid.cell(r, c)) || key(grid.cell(r, c)) == "等级")
    });
    notes::start(grid, from, to, level1).min(total.unwrap_or(to))
}

fn is_total_label(text: &str) -> bool {
    matches!(key(text).as_str(), "总分" | "合计" | "总计")
}

/// The printed 分值 and 得分 columns: the 表内 ones when the sheet has
/// either (a workbook of jixiao's: 分值 and 得分 are its computed ones),
/// else 分值 and 得分.
fn score_columns(h: &Header) -> (Option<usize>, Option<usize>) {
    if h.has(Col::PrintedPoints) || h.has(Col::PrintedScore) {
        (h.col(Col::PrintedPoints), h.col(Col::PrintedScore))
    } else {
        (h.col(Col::Points), h.col(Col::Score))
    }
}

/// One actual per indicator row of `rows`.
fn actuals(
    grid: &Grid,
    h: &Header,
    rows: Range<usize>,
    s: &mut DraftSelfEval,
    diags: &mut Vec<Diagnostic>,
) {
    let (points_col, score_col) = score_columns(h);
    let cell = |r: usize, c: Option<usize>| c.map(|c| grid.cell(r, c)).unwrap_or("");
    for r in rows {
        let name = cell(r, h.col(Col::Name));
        if name.is_empty() {
            continue;
        }
        let mut comments = Vec::new();
        let reason = reason(cell(r, h.col(Col::Reason)), &mut comments);
        for c in &comments {
            diags.push(Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("{}的指标“{name}”：{c}", grid.row_at(r)),
            ));
        }
        let mut number = |c: Option<usize>, what: &str| {
            let t = cell(r, c);
            let t = if fields::is_dash(t) { "" } else { t };
            let n = parse_number(t);
            if n.is_none() && !t.is_empty() {
                comments.push(format!("原表“{what}”作“{t}”，不是数"));
                diags.push(Diagnostic::new(
                    &codes::IMPORT_UNPLACED,
                    format!("{}的{what}“{t}”不是数，已作为注释写入", grid.row_at(r)),
                ));
            }
            n
        };
        let points = number(points_col, "分值");
        let score = number(score_col, "得分");
        s.actuals.push(Entry {
            comments,
            value: Some(DraftActual {
                name: name.to_string(),
                value: actual_value(cell(r, h.col(Col::Actual))),
                points,
                score,
                reason,
            }),
        });
    }
}

/// An actual as the sheet shows it: `32.78 万元`, `≥ 266 米`, `90%`, a word;
/// none for an empty cell or jixiao's `（缺）`.
fn actual_value(text: &str) -> Option<DraftActualValue> {
    let t = text.trim();
    if t.is_empty() || t == "（缺）" {
        return None;
    }
    let (comparator, rest) = match take_comparator(t) {
        Some((c, rest)) => (Some(c), rest.trim_start()),
        None => (None, t),
    };
    let quantity = take_number(rest).and_then(|(value, unit)| {
        Some(DraftActualValue::Quantity {
            comparator,
            value,
            unit: normalize_unit(unit)?,
        })
    });
    Some(quantity.unwrap_or_else(|| DraftActualValue::Word(t.to_string())))
}

/// The reason in a 偏差原因分析及改进措施 cell. jixiao's own remarks
/// (`【超额完成】`, `【需说明，未填写】`) are not the form's; a 措施 or a
/// manual score's reason has no place in the draft: a comment each.
fn reason(text: &str, comments: &mut Vec<String>) -> Option<String> {
    let mut kept = Vec::new();
    for part in text.split('；').map(str::trim).filter(|p| !p.is_empty()) {
        if part.starts_with('【') && part.ends_with('】') {
            continue;
        }
        if part.starts_with("措施：") || part.starts_with("人工调整理由：") {
            comments.push(format!("原表偏差原因一栏另有“{part}”，请手工写入"));
            continue;
        }
        kept.push(part);
    }
    (!kept.is_empty()).then(|| kept.join("；"))
}

/// 总分 and 等级 from row `from`: the row after them.
fn totals(
    grid: &Grid,
    h: &Header,
    from: usize,
    to: usize,
    level1: usize,
    s: &mut DraftSelfEval,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let (points_col, score_col) = score_columns(h);
    let mut total = DraftTotal::default();
    let mut any = false;
    let mut r = from;
    while r < to.min(grid.cells.len()) {
        let label = (0..=level1)
            .map(|c| grid.cell(r, c))
            .find(|t| !t.is_empty());
        match label.map(key).as_deref() {
            Some("总分" | "合计" | "总计") => {
                let at = |c: Option<usize>| c.and_then(|c| parse_number(grid.cell(r, c)));
                total.points = at(points_col);
                total.score = at(score_col);
            }
            Some("等级") => {
                let width = grid.cells.get(r).map_or(0, Vec::len);
                total.grade = (level1 + 1..width)
                    .map(|c| grid.cell(r, c))
                    .find(|t| !t.is_empty())
                    .map(str::to_string);
            }
            Some("含人工调整的总分") => diags.push(
                Diagnostic::new(
                    &codes::IMPORT_UNPLACED,
                    format!(
                        "{}的“含人工调整的总分”由自评中的人工得分算出，未导入",
                        grid.row_at(r)
                    ),
                )
                .severity(crate::Severity::Info),
            ),
            _ => break,
        }
        any = true;
        r += 1;
    }
    if any {
        s.total = Some(Entry::new(total));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn actual_values_and_reasons() {
        assert_eq!(
            actual_value("32.78万元"),
            Some(DraftActualValue::Quantity {
                comparator: None,
                value: Decimal::new(3278, 2),
                unit: "万元".into()
            })
        );
        assert_eq!(actual_value("（缺）"), None);
        assert_eq!(
            actual_value("达成"),
            Some(DraftActualValue::Word("达成".into()))
        );
        let mut comments = Vec::new();
        assert_eq!(
            reason("【超额完成】；设备晚到；措施：提前采购", &mut comments).as_deref(),
            Some("设备晚到")
        );
        assert_eq!(comments.len(), 1);
        assert_eq!(reason("【需说明，未填写】", &mut comments), None);
    }
}
