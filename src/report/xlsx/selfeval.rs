//! The 项目支出绩效自评表: one sheet per project (funds grid with 执行率 and
//! 得分, indicator rows, 总分 and 等级) and a department summary sheet.

use super::style::{fit_height, measured, merge, merge_groups, number, print_setup, Styles};
use crate::model::evaluation::{Evaluation, ProjectEvaluation, ShortText};
use crate::model::Project;
use crate::report::selfeval::deviation;
use rust_xlsxwriter::{FormatAlign, Workbook, XlsxError};

/// Column widths: 栏目, 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值,
/// 分值, 得分, 偏差原因分析及改进措施.
const WIDTHS: [f64; 9] = [8.0, 10.0, 17.0, 24.0, 14.0, 14.0, 8.0, 8.0, 34.0];

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
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    merge(sheet, (0, 0), (0, 8), "项目支出绩效自评表", &st.title)?;
    sheet.set_row_height(0, 26)?;
    let year = year.map(|y| format!("（{y} 年度）")).unwrap_or_default();
    merge(sheet, (1, 0), (1, 8), &year, &st.subtitle)?;

    let text = |s: &Option<ShortText>| s.as_deref().unwrap_or_default().to_string();
    merge(sheet, (2, 0), (2, 1), "项目名称", &st.label)?;
    merge(sheet, (2, 2), (2, 8), &p.name, &st.text)?;
    merge(sheet, (3, 0), (3, 1), "主管部门", &st.label)?;
    merge(
        sheet,
        (3, 2),
        (3, 4),
        &text(&p.competent_department),
        &st.text,
    )?;
    merge(sheet, (3, 5), (3, 6), "实施单位", &st.label)?;
    merge(sheet, (3, 7), (3, 8), &text(&p.implementing_unit), &st.text)?;
    sheet.set_row_height(2, 22)?;
    sheet.set_row_height(3, 30)?;

    // 项目资金（元）
    merge(sheet, (4, 0), (5, 1), "项目资金（元）", &st.label)?;
    sheet.write_string_with_format(4, 2, "", &st.label)?;
    for (c, h) in ["全年预算数", "全年执行数", "分值", "执行率"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(4, 3 + c as u16, *h, &st.label)?;
    }
    merge(sheet, (4, 7), (4, 8), "得分", &st.label)?;
    sheet.write_string_with_format(5, 2, "年度资金总额", &st.label)?;
    number(sheet, 5, 3, p.budget, &st.money, st)?;
    number(sheet, 5, 4, p.spent, &st.money, st)?;
    number(sheet, 5, 5, Some(p.execution_points), &st.score, st)?;
    number(sheet, 5, 6, p.execution_rate, &st.percent, st)?;
    merge(sheet, (5, 7), (5, 8), "", &st.score)?;
    number(sheet, 5, 7, p.execution_score, &st.score, st)?;
    sheet.set_row_height(4, 22)?;
    sheet.set_row_height(5, 22)?;

    // 年度总体目标: 预期目标 from the declaration; 实际完成情况 is the office's to write.
    merge(sheet, (6, 0), (7, 1), "年度总体目标", &st.label)?;
    merge(sheet, (6, 2), (6, 5), "预期目标", &st.label)?;
    merge(sheet, (6, 6), (6, 8), "实际完成情况", &st.label)?;
    let goal = declared
        .and_then(|d| d.annual_goal.clone())
        .unwrap_or_default();
    merge(sheet, (7, 2), (7, 5), &goal, &st.text)?;
    merge(sheet, (7, 6), (7, 8), "", &st.text)?;
    sheet.set_row_height(7, fit_height(&goal, 56.0).max(30.0))?;

    // 绩效指标
    let top = INDICATOR_HEADER_ROW;
    let n = p.indicators.len() as u32;
    merge(sheet, (top, 0), (top + n, 0), "绩效指标", &st.label)?;
    let headers = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(top, 1 + c as u16, *h, &st.label)?;
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
        sheet.write_string_with_format(r, 3, i.name.as_str(), &st.text)?;
        sheet.write_string_with_format(r, 4, i.target.as_str(), &st.text)?;
        // A measured actual is a number whose format shows the unit.
        match i.actual_value.and_then(|v| measured(v, i.unit.as_deref())) {
            Some((v, f)) => {
                let format = st
                    .text
                    .clone()
                    .set_num_format(f)
                    .set_align(FormatAlign::Right);
                sheet.write_number_with_format(r, 5, v, &format)?;
            }
            None => {
                let actual = i.actual.as_deref().unwrap_or("（缺）");
                sheet.write_string_with_format(r, 5, actual, &st.text)?;
            }
        }
        number(sheet, r, 6, Some(i.points), &st.score, st)?;
        number(sheet, r, 7, i.score, &st.score, st)?;
        let why = deviation(i);
        sheet.write_string_with_format(r, 8, &why, &st.text)?;
        let h = fit_height(&why, WIDTHS[8])
            .max(fit_height(&i.name, WIDTHS[3]))
            .max(20.0);
        sheet.set_row_height(r, h)?;
    }

    // 总分 and 等级
    let r = first + n;
    let points = crate::model::quantity::sum(
        std::iter::once(p.execution_points).chain(p.indicators.iter().map(|i| i.points)),
    );
    merge(sheet, (r, 0), (r, 5), "总分", &st.label)?;
    number(sheet, r, 6, points, &st.total, st)?;
    number(sheet, r, 7, p.total, &st.total, st)?;
    sheet.write_string_with_format(r, 8, "", &st.text)?;
    merge(sheet, (r + 1, 0), (r + 1, 5), "等级", &st.label)?;
    merge(
        sheet,
        (r + 1, 6),
        (r + 1, 8),
        &p.grade.clone().unwrap_or_else(|| "—".into()),
        &st.center,
    )?;
    sheet.set_row_height(r, 22)?;
    sheet.set_row_height(r + 1, 22)?;
    if p.adjusted_total.is_some() {
        merge(sheet, (r + 2, 0), (r + 2, 5), "含人工调整的总分", &st.label)?;
        sheet.write_string_with_format(r + 2, 6, "", &st.text)?;
        number(sheet, r + 2, 7, p.adjusted_total, &st.total, st)?;
        let g = p.adjusted_grade.clone().unwrap_or_else(|| "—".into());
        sheet.write_string_with_format(r + 2, 8, g.as_str(), &st.center)?;
    }
    print_setup(sheet, true, Some((top, top)))?;
    Ok(())
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
    let headers = [
        "序号",
        "项目名称",
        "全年预算数（元）",
        "全年执行数（元）",
        "执行率",
        "执行率得分",
        "指标得分",
        "总分",
        "等级",
    ];
    let widths = [6.0, 30.0, 16.0, 16.0, 10.0, 10.0, 10.0, 10.0, 8.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
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
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &st.label)?;
    }
    sheet.set_row_height(2, 30)?;
    let count = st.center.clone().set_num_format("0");
    for (i, p) in ev.projects.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &count)?;
        sheet.write_string_with_format(r, 1, p.name.as_str(), &st.text)?;
        number(sheet, r, 2, p.budget, &st.money, st)?;
        number(sheet, r, 3, p.spent, &st.money, st)?;
        number(sheet, r, 4, p.execution_rate, &st.percent, st)?;
        number(sheet, r, 5, p.execution_score, &st.score, st)?;
        let indicators = p.indicator_total();
        number(sheet, r, 6, indicators, &st.score, st)?;
        number(sheet, r, 7, p.total, &st.total, st)?;
        let g = p.grade.clone().unwrap_or_else(|| "—".into());
        sheet.write_string_with_format(r, 8, g.as_str(), &st.center)?;
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
