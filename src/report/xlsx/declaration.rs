//! The 财政项目支出绩效目标申报表: one sheet per project in the layout of the
//! official form, and a department summary sheet.

use super::notes;
use super::style::{fit_height, merge, merge_groups, number, print_setup, Styles};
use crate::model::{Department, Project, ProjectField};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Column widths (characters): 栏目, 一级指标, 二级指标, 三级指标, 指标值.
const WIDTHS: [f64; 5] = [12.0, 12.0, 16.0, 30.0, 22.0];

/// Row of the indicator table's header (一级指标 …), repeated on every page.
pub const INDICATOR_HEADER_ROW: u32 = 13;

pub fn project_sheet(
    book: &mut Workbook,
    name: &str,
    year: Option<i32>,
    p: &Project,
    st: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    merge(
        sheet,
        (0, 0),
        (0, 4),
        "财政项目支出绩效目标申报表",
        &st.title,
    )?;
    sheet.set_row_height(0, 26)?;
    let year = year.map(|y| format!("（{y} 年度）")).unwrap_or_default();
    merge(sheet, (1, 0), (1, 4), &year, &st.subtitle)?;

    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    sheet.write_string_with_format(2, 0, "项目名称", &st.label)?;
    merge(sheet, (2, 1), (2, 2), &p.name, &st.text)?;
    sheet.write_string_with_format(2, 3, "项目性质", &st.label)?;
    sheet.write_string_with_format(2, 4, text(&p.nature), &st.text)?;
    sheet.write_string_with_format(3, 0, "项目类别", &st.label)?;
    merge(sheet, (3, 1), (3, 2), &text(&p.category), &st.text)?;
    sheet.write_string_with_format(3, 3, ProjectField::Competent.word(), &st.label)?;
    sheet.write_string_with_format(3, 4, text(&p.competent_department), &st.text)?;
    sheet.write_string_with_format(4, 0, ProjectField::Implementer.word(), &st.label)?;
    merge(sheet, (4, 1), (4, 4), &text(&p.implementing_unit), &st.text)?;
    sheet.write_string_with_format(5, 0, "计划开始日期", &st.label)?;
    merge(sheet, (5, 1), (5, 2), "", &st.text)?;
    sheet.write_string_with_format(5, 3, "计划完成日期", &st.label)?;
    let date_fmt = st.text.clone().set_num_format("yyyy-mm-dd");
    if let Some(period) = &p.period {
        date(sheet, 5, 1, period.start, &date_fmt, st)?;
        date(sheet, 5, 4, period.end, &date_fmt, st)?;
    } else {
        sheet.write_string_with_format(5, 4, "", &st.text)?;
    }
    for r in 2..=5 {
        sheet.set_row_height(r, 30)?;
    }

    // 项目资金（元）: 总额 on the left, the annual request and its parts on the right.
    merge(sheet, (6, 0), (10, 0), "项目资金（元）", &st.label)?;
    merge(sheet, (6, 1), (10, 1), "项目资金总额", &st.label)?;
    merge(sheet, (6, 2), (10, 2), "", &st.money)?;
    number(sheet, 6, 2, yuan(p.funds.total.as_ref()), &st.money, st)?;
    let f = &p.funds;
    let right = [
        ("年度资金申请总额", &f.annual_request),
        ("其中：财政资金", &f.fiscal),
        ("其中：当年财政拨款", &f.current_appropriation),
        ("上年结转资金", &f.carryover),
        ("其他资金", &f.other),
    ];
    for (i, (label, amount)) in right.iter().enumerate() {
        let r = 6 + i as u32;
        sheet.write_string_with_format(r, 3, *label, &st.label)?;
        number(sheet, r, 4, yuan(amount.as_ref()), &st.money, st)?;
        sheet.set_row_height(r, 20)?;
    }

    // 项目绩效目标
    merge(sheet, (11, 0), (12, 0), "项目绩效目标", &st.label)?;
    merge(sheet, (11, 1), (11, 2), "项目总目标", &st.label)?;
    merge(sheet, (11, 3), (11, 4), "年度总体目标", &st.label)?;
    let overall = text(&p.overall_goal);
    let annual = text(&p.annual_goal);
    merge(sheet, (12, 1), (12, 2), &overall, &st.text)?;
    merge(sheet, (12, 3), (12, 4), &annual, &st.text)?;
    let h =
        fit_height(&overall, WIDTHS[1] + WIDTHS[2]).max(fit_height(&annual, WIDTHS[3] + WIDTHS[4]));
    sheet.set_row_height(12, h.max(30.0))?;

    // 绩效指标: three levels, 一级 and 二级 merged over their runs.
    let top = INDICATOR_HEADER_ROW;
    let n = p.indicators.len() as u32;
    merge(sheet, (top, 0), (top + n, 0), "绩效指标", &st.label)?;
    for (c, h) in ["一级指标", "二级指标", "三级指标", "年度(/项目)指标值"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(top, 1 + c as u16, *h, &st.label)?;
    }
    sheet.set_row_height(top, 22)?;
    let first = top + 1;
    // A group's weight in its cell, as the forms print it: 产出指标（50分）.
    let named = |level1: &str, level2: Option<&str>| match p.group_weight(level1, level2) {
        Some(w) => format!("{}（{}分）", level2.unwrap_or(level1), w.points.normalize()),
        None => level2.unwrap_or(level1).to_string(),
    };
    let names: Vec<(String, String)> = p
        .indicators
        .iter()
        .map(|i| (named(&i.level1, None), named(&i.level1, Some(&i.level2))))
        .collect();
    let groups: Vec<(&str, &str)> = names
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    merge_groups(sheet, first, &groups, &st.center)?;
    let extra = notes::attribute_columns(p);
    for (c, (title, width)) in extra.iter().enumerate() {
        let col = 5 + c as u16;
        sheet.set_column_width(col, *width)?;
        sheet.write_string_with_format(top, col, *title, &st.label)?;
    }
    for (k, ind) in p.indicators.iter().enumerate() {
        let r = first + k as u32;
        sheet.write_string_with_format(r, 3, &ind.name, &st.text)?;
        sheet.write_string_with_format(r, 4, ind.target.to_string(), &st.text)?;
        notes::attributes(sheet, r, ind, &extra, st)?;
        let h = fit_height(&ind.name, WIDTHS[3]).max(20.0);
        sheet.set_row_height(r, h)?;
    }
    let below = contacts(sheet, first + n, p, st)?;
    notes::below_indicators(sheet, below, p, WIDTHS[1..].iter().sum(), st)?;
    print_setup(sheet, false, Some((top, top)))?;
    Ok(())
}

fn date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    d: crate::model::Date,
    format: &Format,
    st: &Styles,
) -> Result<(), XlsxError> {
    match ExcelDateTime::from_ymd(d.year, d.month, d.day) {
        Ok(dt) => sheet.write_datetime_with_format(row, col, &dt, format)?,
        Err(_) => sheet.write_string_with_format(row, col, d.to_string(), &st.text)?,
    };
    Ok(())
}

fn yuan(a: Option<&crate::model::Amount>) -> Option<Decimal> {
    a.and_then(|a| a.quantity.yuan())
}

/// The department's projects in one table: funds and indicator counts.
pub fn summary_sheet(
    book: &mut Workbook,
    name: &str,
    d: &Department,
    st: &Styles,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let headers = [
        "序号",
        "项目名称",
        "项目性质",
        "项目类别",
        "项目资金总额（元）",
        "年度资金申请总额（元）",
        "其中：财政资金（元）",
        "三级指标数",
    ];
    let widths = [6.0, 30.0, 14.0, 14.0, 16.0, 16.0, 16.0, 10.0];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let title = format!(
        "{}{}财政项目支出绩效目标申报汇总",
        d.name.clone().unwrap_or_default(),
        d.year.map(|y| format!(" {y} 年")).unwrap_or_default()
    );
    merge(sheet, (0, 0), (0, 7), &title, &st.title)?;
    sheet.set_row_height(0, 26)?;
    let claim = d
        .claim
        .as_ref()
        .map(|c| {
            format!(
                "本部门编报绩效目标的项目 {} 个，涉及项目预算资金 {}。",
                c.project_count, c.funds
            )
        })
        .unwrap_or_default();
    merge(sheet, (1, 0), (1, 7), &claim, &st.note)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &st.label)?;
    }
    sheet.set_row_height(2, 30)?;
    let count = st.center.clone().set_num_format("0");
    let mut sums = [Some(Decimal::ZERO); 3];
    for (i, p) in d.projects.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &count)?;
        sheet.write_string_with_format(r, 1, &p.name, &st.text)?;
        sheet.write_string_with_format(r, 2, p.nature.clone().unwrap_or_default(), &st.text)?;
        sheet.write_string_with_format(r, 3, p.category.clone().unwrap_or_default(), &st.text)?;
        let amounts = [
            yuan(p.funds.total.as_ref()),
            yuan(p.funds.annual_request.as_ref()),
            yuan(p.funds.fiscal.as_ref()),
        ];
        for (k, a) in amounts.iter().enumerate() {
            number(sheet, r, 4 + k as u16, *a, &st.money, st)?;
            if let Some(s) = sums.get_mut(k) {
                *s = match (*s, a) {
                    (Some(s), Some(a)) => s.checked_add(*a),
                    _ => None,
                };
            }
        }
        sheet.write_number_with_format(r, 7, p.indicators.len() as f64, &count)?;
        sheet.set_row_height(r, 20)?;
    }
    let r = 3 + d.projects.len() as u32;
    merge(sheet, (r, 0), (r, 3), "合计", &st.label)?;
    for (k, s) in sums.iter().enumerate() {
        number(sheet, r, 4 + k as u16, *s, &st.money, st)?;
    }
    let total: usize = d.projects.iter().map(|p| p.indicators.len()).sum();
    sheet.write_number_with_format(r, 7, total as f64, &count)?;
    print_setup(sheet, true, Some((2, 2)))?;
    Ok(())
}

/// The project's people, below its indicators, a row each (项目负责人,
/// 联系人, 联系电话: the fields many provinces' forms carry), only those
/// written; the row after them.
fn contacts(
    sheet: &mut Worksheet,
    mut row: u32,
    p: &Project,
    st: &Styles,
) -> Result<u32, XlsxError> {
    for field in notes::CONTACT_FIELDS {
        if let Some(value) = p.text(field) {
            sheet.write_string_with_format(row, 0, field.word(), &st.label)?;
            merge(sheet, (row, 1), (row, 4), value, &st.text)?;
            sheet.set_row_height(row, 20)?;
            row += 1;
        }
    }
    Ok(row)
}
