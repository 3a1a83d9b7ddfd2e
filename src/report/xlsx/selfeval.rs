//! The 项目支出绩效自评表: one sheet per project (funds grid with 执行率 and
//! 得分, indicator rows, 总分 and 等级) and a department summary sheet.

use super::style::{fit_height, measured, merge, merge_groups, number, print_setup, Styles};
use crate::model::evaluation::{Evaluation, ProjectEvaluation, ShortText};
use crate::model::{Project, ProjectField};
use crate::report::columns::{
    self, form_project_columns, Cell, Column, FundsCell, FundsColumn, Look, ProjectCell,
    ProjectColumn, Xlsx,
};
use rust_xlsxwriter::{FormatAlign, Workbook, XlsxError};

/// The width of the first column (栏目); the others are the indicator
/// table's ([`columns::Spec::xlsx`]).
const FIRST_WIDTH: f64 = 8.0;

/// The indicator table's columns in the workbook of project `p`, from its
/// second column on: the printed 分值 and 得分 where it has some (issue 17).
fn columns(p: &ProjectEvaluation) -> Vec<Column> {
    columns::shown(|s| s.xlsx != Xlsx::Absent)
        .filter(|c| match c.spec().xlsx {
            Xlsx::WhenAny(_) => p.indicators.iter().any(|i| c.cell(i).is_present()),
            Xlsx::Absent | Xlsx::Width(_) | Xlsx::Fitted(_) => true,
        })
        .collect()
}

/// A column's width, and whether a row grows to show all of its text.
fn width(column: Column) -> (f64, bool) {
    match column.spec().xlsx {
        Xlsx::Absent => (0.0, false),
        Xlsx::Width(w) | Xlsx::WhenAny(w) => (w, false),
        Xlsx::Fitted(w) => (w, true),
    }
}

/// Row of the indicator table's header, repeated on every page.
pub const INDICATOR_HEADER_ROW: u32 = 8;

pub fn project_sheet(
    book: &mut Workbook,
    name: &str,
    year: Option<i32>,
    p: &ProjectEvaluation,
    declared: Option<&Project>,
    st: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    sheet.set_column_width(0, FIRST_WIDTH)?;
    let shown = columns(p);
    for (c, column) in shown.iter().enumerate() {
        sheet.set_column_width(1 + c as u16, width(*column).0)?;
    }
    // The last column: 8 (the official form's nine), more with printed
    // values or a budget table with printed columns.
    let funds_last = if p.budget_rows.is_empty() {
        0
    } else {
        1 + columns::funds_columns(&columns::funds_rows(p)).len() as u16
    };
    let last = (shown.len() as u16).max(8).max(funds_last);
    merge(sheet, (0, 0), (0, last), "项目支出绩效自评表", &st.title)?;
    sheet.set_row_height(0, 26)?;
    let year = year.map(|y| format!("（{y} 年度）")).unwrap_or_default();
    merge(sheet, (1, 0), (1, last), &year, &st.subtitle)?;

    let text = |s: &Option<ShortText>| s.as_deref().unwrap_or_default().to_string();
    merge(sheet, (2, 0), (2, 1), "项目名称", &st.label)?;
    merge(sheet, (2, 2), (2, last), &p.name, &st.text)?;
    merge(
        sheet,
        (3, 0),
        (3, 1),
        ProjectField::Competent.word(),
        &st.label,
    )?;
    merge(
        sheet,
        (3, 2),
        (3, 4),
        &text(&p.competent_department),
        &st.text,
    )?;
    merge(
        sheet,
        (3, 5),
        (3, 6),
        ProjectField::Implementer.word(),
        &st.label,
    )?;
    merge(
        sheet,
        (3, 7),
        (3, last),
        &text(&p.implementing_unit),
        &st.text,
    )?;
    sheet.set_row_height(2, 22)?;
    sheet.set_row_height(3, 30)?;

    // 项目资金（元）: the 自评's budget section adds its rows under the total.
    let extra = if p.budget_rows.is_empty() {
        merge(sheet, (4, 0), (5, 1), "项目资金（元）", &st.label)?;
        sheet.write_string_with_format(4, 2, "", &st.label)?;
        for (c, h) in ["全年预算数", "全年执行数", "分值", "执行率"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(4, 3 + c as u16, *h, &st.label)?;
        }
        merge(sheet, (4, 7), (4, last), "得分", &st.label)?;
        sheet.write_string_with_format(5, 2, "年度资金总额", &st.label)?;
        number(sheet, 5, 3, p.budget, &st.money, st)?;
        number(sheet, 5, 4, p.spent, &st.money, st)?;
        number(sheet, 5, 5, Some(p.execution_points), &st.score, st)?;
        number(sheet, 5, 6, p.execution_rate, &st.percent, st)?;
        merge(sheet, (5, 7), (5, last), "", &st.score)?;
        number(sheet, 5, 7, p.execution_score, &st.score, st)?;
        sheet.set_row_height(4, 22)?;
        sheet.set_row_height(5, 22)?;
        0
    } else {
        funds_rows(sheet, p, st)?
    };

    // 年度总体目标: 预期目标 from the declaration; 实际完成情况 is the office's to write.
    let (g1, g2) = (6 + extra, 7 + extra);
    merge(sheet, (g1, 0), (g2, 1), "年度总体目标", &st.label)?;
    merge(sheet, (g1, 2), (g1, 5), "预期目标", &st.label)?;
    merge(sheet, (g1, 6), (g1, last), "实际完成情况", &st.label)?;
    let goal = declared
        .and_then(|d| d.annual_goal.clone())
        .unwrap_or_default();
    merge(sheet, (g2, 2), (g2, 5), &goal, &st.text)?;
    merge(sheet, (g2, 6), (g2, last), "", &st.text)?;
    sheet.set_row_height(g2, fit_height(&goal, 56.0).max(30.0))?;

    // 绩效指标
    let top = INDICATOR_HEADER_ROW + extra;
    let n = p.indicators.len() as u32;
    merge(sheet, (top, 0), (top + n, 0), "绩效指标", &st.label)?;
    for (c, h) in shown.iter().map(|c| c.spec().header).enumerate() {
        sheet.write_string_with_format(top, 1 + c as u16, h, &st.label)?;
    }
    sheet.set_row_height(top, 30)?;
    let first = top + 1;
    let groups: Vec<(&str, &str)> = p
        .indicators
        .iter()
        .map(|i| (i.level1.as_str(), i.level2.as_str()))
        .collect();
    merge_groups(sheet, first, &groups, &st.center)?;
    for (k, i) in p.indicators.iter().enumerate() {
        let r = first + k as u32;
        let mut height: f64 = 20.0;
        for (c, &column) in shown.iter().enumerate() {
            let c = 1 + c as u16;
            if column.spec().look == Look::Group {
                // Merged above, by runs (`merge_groups`).
                continue;
            }
            match column.cell(i) {
                Cell::Actual {
                    measured: Some((v, unit)),
                    written,
                } => match measured(v, unit) {
                    // A measured actual is a number whose format shows the unit.
                    Some((v, f)) => {
                        let format = st
                            .text
                            .clone()
                            .set_num_format(f)
                            .set_align(FormatAlign::Right);
                        sheet.write_number_with_format(r, c, v, &format)?;
                    }
                    None => {
                        let actual = written.unwrap_or("（缺）");
                        sheet.write_string_with_format(r, c, actual, &st.text)?;
                    }
                },
                Cell::Points(v) => number(sheet, r, c, Some(v), &st.score, st)?,
                Cell::Score(v) | Cell::Optional(v) | Cell::Exact(v) | Cell::OptionalPoints(v) => {
                    number(sheet, r, c, v, &st.score, st)?
                }
                // A printed score that is not the computed one stands out.
                Cell::Printed { printed, differs } => {
                    let format = if differs { &st.differs } else { &st.score };
                    number(sheet, r, c, printed, format, st)?
                }
                cell @ (Cell::Text(_)
                | Cell::Owned(_)
                | Cell::Actual { .. }
                | Cell::Maybe(_)
                | Cell::YesNo(_)) => {
                    let text = columns::text(cell);
                    if let (width, true) = width(column) {
                        height = height.max(fit_height(&text, width));
                    }
                    sheet.write_string_with_format(r, c, text.as_ref(), &st.text)?;
                }
            }
        }
        sheet.set_row_height(r, height)?;
    }

    // 总分 and 等级, the form's printed ones under its columns.
    let r = first + n;
    let at = |column: Column| {
        shown
            .iter()
            .position(|c| *c == column)
            .map(|k| 1 + k as u16)
    };
    let (points_at, score_at) = (
        at(Column::Points).unwrap_or(6),
        at(Column::Score).unwrap_or(7),
    );
    merge(sheet, (r, 0), (r, points_at - 1), "总分", &st.label)?;
    number(sheet, r, points_at, Some(p.points()), &st.total, st)?;
    number(sheet, r, score_at, p.total, &st.total, st)?;
    for c in score_at + 1..=last {
        if Some(c) == at(Column::PrintedPoints) {
            number(sheet, r, c, p.printed_total_points, &st.total, st)?;
        } else if Some(c) == at(Column::PrintedScore) {
            let format = if p.printed_total_differs() {
                &st.differs
            } else {
                &st.total
            };
            number(sheet, r, c, p.printed_total, format, st)?;
        } else {
            sheet.write_string_with_format(r, c, "", &st.text)?;
        }
    }
    merge(sheet, (r + 1, 0), (r + 1, points_at - 1), "等级", &st.label)?;
    merge(
        sheet,
        (r + 1, points_at),
        (r + 1, last),
        &columns::grade_text(p),
        &st.center,
    )?;
    sheet.set_row_height(r, 22)?;
    sheet.set_row_height(r + 1, 22)?;
    if p.adjusted_total.is_some() {
        merge(
            sheet,
            (r + 2, 0),
            (r + 2, points_at - 1),
            "含人工调整的总分",
            &st.label,
        )?;
        sheet.write_string_with_format(r + 2, points_at, "", &st.text)?;
        number(sheet, r + 2, score_at, p.adjusted_total, &st.total, st)?;
        let g = p.adjusted_grade.clone().unwrap_or_else(|| "—".into());
        merge(
            sheet,
            (r + 2, score_at + 1),
            (r + 2, last),
            g.as_str(),
            &st.center,
        )?;
    }
    print_setup(sheet, true, Some((top, top)))?;
    Ok(())
}

/// The budget grid of a project whose 自评 has a budget section: a header
/// row, 年度资金总额 and a row for each row under it, in the budget table's
/// columns ([`columns::FundsColumn`]) from the third column on. What the form
/// printed is a number whose format shows the printed digits (`99%`,
/// `100.00%`, a ratio `1`). The rows it adds to the sheet.
fn funds_rows(
    sheet: &mut rust_xlsxwriter::Worksheet,
    p: &ProjectEvaluation,
    st: &Styles,
) -> Result<u32, XlsxError> {
    let rows = columns::funds_rows(p);
    let shown: Vec<FundsColumn> = columns::funds_columns(&rows)
        .into_iter()
        .filter(|c| *c != FundsColumn::Name)
        .collect();
    let last = 4 + rows.len() as u32;
    merge(sheet, (4, 0), (last, 1), "项目资金（元）", &st.label)?;
    sheet.write_string_with_format(4, 2, "", &st.label)?;
    for (c, column) in shown.iter().enumerate() {
        sheet.write_string_with_format(4, 3 + c as u16, column.spec().header, &st.label)?;
    }
    sheet.set_row_height(4, 22)?;
    let printed = st
        .text
        .clone()
        .set_num_format("General")
        .set_align(FormatAlign::Right);
    for (k, r) in rows.iter().enumerate() {
        let row = 5 + k as u32;
        sheet.write_string_with_format(row, 2, r.label.as_ref(), &st.label)?;
        for (c, column) in shown.iter().enumerate() {
            let c = 3 + c as u16;
            match column.cell(r) {
                FundsCell::Money(Some(v)) => number(sheet, row, c, Some(v), &st.money, st)?,
                FundsCell::Percent(Some(v)) => number(sheet, row, c, Some(v), &st.percent, st)?,
                FundsCell::Points(Some(v)) => number(sheet, row, c, Some(v), &st.score, st)?,
                FundsCell::Score(v) if r.total => number(sheet, row, c, v, &st.score, st)?,
                FundsCell::Printed(Some(v))
                | FundsCell::PrintedScore {
                    printed: Some(v), ..
                } => number(sheet, row, c, Some(v), &printed, st)?,
                FundsCell::PrintedRate(Some(v)) => {
                    let format = printed.clone().set_num_format(printed_rate_format(v));
                    number(sheet, row, c, Some(v), &format, st)?
                }
                FundsCell::Money(None) | FundsCell::Percent(None) if r.total => {
                    number(sheet, row, c, None, &st.money, st)?
                }
                FundsCell::Text(_)
                | FundsCell::Money(_)
                | FundsCell::Percent(_)
                | FundsCell::Points(None)
                | FundsCell::Score(_)
                | FundsCell::Printed(None)
                | FundsCell::PrintedScore { printed: None, .. }
                | FundsCell::PrintedRate(None)
                | FundsCell::Blank => {
                    sheet.write_string_with_format(row, c, "", &st.text)?;
                }
            }
        }
        sheet.set_row_height(row, 22)?;
    }
    Ok(rows.len() as u32 - 1)
}

/// The number format that shows a printed 执行率 with its printed digits: a
/// fraction kept with ≥ 2 decimals is a percentage (`1.0000` → `0.00%`),
/// one with fewer a ratio (`1` → `0`).
fn printed_rate_format(fraction: rust_decimal::Decimal) -> String {
    let scale = fraction.scale();
    let (decimals, sign) = match scale.checked_sub(2) {
        Some(d) => (d, "%"),
        None => (scale, ""),
    };
    let zeros = "0".repeat(decimals as usize);
    if zeros.is_empty() {
        format!("0{sign}")
    } else {
        format!("0.{zeros}{sign}")
    }
}

/// Every project's 执行率, scores, 总分 and 等级, with the department's sums.
pub fn summary_sheet(
    book: &mut Workbook,
    name: &str,
    ev: &Evaluation,
    st: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, column) in form_project_columns().enumerate() {
        let width = column.spec().form_width.unwrap_or_default();
        sheet.set_column_width(c as u16, width)?;
    }
    let title = format!(
        "{}{}项目支出绩效自评汇总",
        ev.department.clone().unwrap_or_default(),
        ev.year.map(|y| format!(" {y} 年度")).unwrap_or_default()
    );
    merge(sheet, (0, 0), (0, 8), &title, &st.title)?;
    sheet.set_row_height(0, 26)?;
    let mut rules = format!("规则集：{}", ev.rules.name);
    if let Some(t) = &ev.rules.title {
        rules.push_str(&format!(" {t}"));
    }
    merge(sheet, (1, 0), (1, 8), &rules, &st.note)?;
    for (c, column) in form_project_columns().enumerate() {
        sheet.write_string_with_format(2, c as u16, column.spec().form_header, &st.label)?;
    }
    sheet.set_row_height(2, 30)?;
    let count = st.center.clone().set_num_format("0");
    for (i, p) in ev.projects.iter().enumerate() {
        let r = 3 + i as u32;
        for (c, column) in form_project_columns().enumerate() {
            let c = c as u16;
            match column.cell(i + 1, p) {
                ProjectCell::Number(n) => {
                    sheet.write_number_with_format(r, c, n as f64, &count)?;
                }
                ProjectCell::Text(t) => {
                    sheet.write_string_with_format(r, c, t, &st.text)?;
                }
                ProjectCell::Money(v) => number(sheet, r, c, v, &st.money, st)?,
                ProjectCell::Percent(v) => number(sheet, r, c, v, &st.percent, st)?,
                ProjectCell::Score(v) if column == ProjectColumn::Total => {
                    number(sheet, r, c, v, &st.total, st)?
                }
                ProjectCell::Score(v) | ProjectCell::Optional(v) => {
                    number(sheet, r, c, v, &st.score, st)?
                }
                ProjectCell::Word(w) => {
                    sheet.write_string_with_format(r, c, w.unwrap_or("—"), &st.center)?;
                }
            }
        }
        sheet.set_row_height(r, 20)?;
    }
    let s = &ev.summary;
    let r = 3 + ev.projects.len() as u32;
    merge(sheet, (r, 0), (r, 1), "合计", &st.label)?;
    number(sheet, r, 2, s.budget, &st.money, st)?;
    number(sheet, r, 3, s.spent, &st.money, st)?;
    number(sheet, r, 4, s.execution_rate, &st.percent, st)?;
    merge(sheet, (r, 5), (r, 6), "平均分", &st.label)?;
    number(sheet, r, 7, s.average, &st.total, st)?;
    sheet.write_string_with_format(r, 8, "", &st.text)?;
    let grades: Vec<String> = s
        .grades
        .iter()
        .map(|(g, n)| format!("{g} {n} 个"))
        .collect();
    let line = format!(
        "{} 个项目（{} 个有自评数据），{} 项指标：达成 {} 项，缺少完成值 {} 项；{}。",
        s.projects,
        s.evaluated,
        s.indicators,
        s.met,
        s.missing,
        grades.join("、")
    );
    merge(sheet, (r + 1, 0), (r + 1, 8), &line, &st.note)?;
    print_setup(sheet, true, Some((2, 2)))?;
    Ok(())
}
