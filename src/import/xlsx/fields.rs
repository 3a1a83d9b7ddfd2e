//! Form fields in a sheet: a label cell (项目名称, 主管部门, 项目资金总额 …)
//! with its value in the next filled cell to the right, or below it when
//! the right neighbour is another label (项目总目标 | 年度总体目标).

use super::Grid;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{Draft, DraftProject, Entry};
use crate::import::target::{parse_date, parse_number, take_number};
use crate::vocab::{FundKey, ProjectField};
use rust_decimal::Decimal;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Name,
    Text(&'static str),
    Start,
    End,
    Fund(&'static str),
    Overall,
    Annual,
    /// Only labels a column or block (项目资金（元）, 绩效指标).
    Heading,
}

/// A label as compared: white space removed, full-width forms folded.
fn key(text: &str) -> String {
    crate::model::name_key(text)
}

fn field(text: &str) -> Option<Field> {
    let k = key(text);
    let k = k.trim_end_matches(':');
    Some(match k {
        "项目名称" => Field::Name,
        "项目性质" => Field::Text(ProjectField::Nature.word()),
        "项目类别" => Field::Text(ProjectField::Category.word()),
        "计划开始日期" | "开始日期" | "项目开始日期" => Field::Start,
        "计划完成日期" | "完成日期" | "项目完成日期" | "计划结束日期" => {
            Field::End
        }
        "项目资金总额" | "资金总额" => Field::Fund(FundKey::Total.word()),
        "年度资金申请总额" | "年度资金总额" => {
            Field::Fund(FundKey::AnnualRequest.word())
        }
        "其中:财政资金" | "财政资金" => Field::Fund(FundKey::Fiscal.word()),
        "其中:当年财政拨款" | "当年财政拨款" => {
            Field::Fund(FundKey::CurrentAppropriation.word())
        }
        "上年结转资金" | "其中:上年结转资金" => {
            Field::Fund(FundKey::Carryover.word())
        }
        "其他资金" | "其中:其他资金" => Field::Fund(FundKey::Other.word()),
        "项目总目标" => Field::Overall,
        "年度总体目标" | "年度目标" => Field::Annual,
        "项目资金(元)"
        | "项目资金(万元)"
        | "项目资金"
        | "项目绩效目标"
        | "绩效目标"
        | "绩效指标" => Field::Heading,
        // Any other text field of the language, labelled with its word
        // (项目负责人, 联系人, 联系电话 …).
        _ => {
            let field = ProjectField::from_word(k)?;
            crate::syntax::ast::FieldKey::of(field)?;
            Field::Text(field.word())
        }
    })
}

/// A label written with its value in one cell: `主管部门：某某局`.
fn inline_label(text: &str) -> Option<(Field, &str)> {
    let (label, value) = text.split_once(['：', ':'])?;
    let f = field(label)?;
    let value = value.trim();
    (!value.is_empty()).then_some((f, value))
}

/// The value of the label at (r, c).
fn value_of(grid: &Grid, r: usize, c: usize) -> Option<(usize, usize)> {
    let row = grid.cells.get(r)?;
    for (cc, v) in row.iter().enumerate().skip(c + 1) {
        if v.is_empty() {
            continue;
        }
        if field(v).is_some() {
            break;
        }
        return Some((r, cc));
    }
    let below = grid.cell(r + 1, c);
    (!below.is_empty() && field(below).is_none()).then_some((r + 1, c))
}

/// An amount and the factor of the money unit written in its cell.
type FundCell = (Decimal, Option<Decimal>);

/// Read the fields in `rows` (above the table) into `project`. Returns whether any
/// project field was found.
pub(crate) fn read(
    grid: &Grid,
    rows: std::ops::Range<usize>,
    project: &mut DraftProject,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut used = new_used(grid);
    let mut any = false;
    // Each amount with the factor of the money unit written in its cell
    // (`12.5万元`: 10000), converted into the grid's unit at the end.
    let mut funds: Vec<(&'static str, Vec<Option<FundCell>>)> = Vec::new();
    let (mut start, mut end) = (None, None);
    for r in rows.start..rows.end.min(grid.cells.len()) {
        let width = grid.cells.get(r).map(Vec::len).unwrap_or(0);
        for c in 0..width {
            let text = grid.cell(r, c);
            let (f, value) = if let Some(f) = field(text) {
                let at = value_of(grid, r, c);
                if let Some((vr, vc)) = at {
                    mark(&mut used, vr, vc);
                }
                (f, at.map(|(vr, vc)| grid.cell(vr, vc).to_string()))
            } else if let Some((f, v)) = inline_label(text) {
                (f, Some(v.to_string()))
            } else {
                continue;
            };
            mark(&mut used, r, c);
            if f == Field::Heading {
                if key(text).contains("万元") {
                    project.funds_unit = "万元".into();
                }
                continue;
            }
            any = true;
            let value = value.unwrap_or_default();
            match f {
                Field::Fund(k) => {
                    let value = if is_dash(&value) {
                        String::new()
                    } else {
                        value
                    };
                    let v = amount(&value);
                    if v.is_none() && !value.is_empty() {
                        project
                            .comments
                            .push(format!("原表“{text}”作“{value}”，不是金额"));
                        diags.push(Diagnostic::new(
                            &codes::IMPORT_UNPLACED,
                            format!(
                                "{}的“{text}”一格的“{value}”不是金额，已作为注释写入",
                                grid.at(r, c)
                            ),
                        ));
                    }
                    match funds.iter_mut().find(|(key, _)| *key == k) {
                        Some((_, vs)) => vs.push(v),
                        None => funds.push((k, vec![v])),
                    }
                }
                _ if value.is_empty() => {
                    let comment = blank(grid, r, c, text, diags);
                    project.fields.push(Entry::comment(comment));
                }
                Field::Name => project.name = value,
                Field::Text(k) => project.fields.push(Entry::new((k.to_string(), value))),
                Field::Start | Field::End => match parse_date(&value) {
                    Some(d) if f == Field::Start => start = Some(d),
                    Some(d) => end = Some(d),
                    None => {
                        project
                            .period
                            .comments
                            .push(format!("原表“{text}”作“{value}”，读不出日期"));
                        diags.push(Diagnostic::new(
                            &codes::IMPORT_UNPLACED,
                            format!("{}的“{value}”不是日期，已作为注释写入", grid.at(r, c)),
                        ));
                    }
                },
                Field::Overall => project.overall_goal.value = Some(value),
                Field::Annual => project.annual_goal.value = Some(value),
                Field::Heading => {}
            }
        }
    }
    if let (Some(s), Some(e)) = (&start, &end) {
        project.period.value = Some((s.clone(), e.clone()));
    } else if let Some(d) = start.or(end) {
        project
            .period
            .comments
            .push(format!("原表只给出了一个计划日期：{d}"));
    }
    let grid_unit = crate::model::Unit::from_written(if project.funds_unit.is_empty() {
        "元"
    } else {
        &project.funds_unit
    });
    let funds: Vec<(&'static str, Vec<Option<Decimal>>)> = funds
        .into_iter()
        .map(|(k, vs)| {
            let vs = vs
                .into_iter()
                .map(|v| {
                    let (n, factor) = v?;
                    match factor {
                        None => Some(n),
                        Some(f) => in_grid_unit(n, f, &grid_unit),
                    }
                })
                .collect();
            (k, vs)
        })
        .collect();
    let (mut entries, problems) = crate::import::funds::entries(&funds, Vec::new());
    if project.funds_unit != "万元" {
        // A number cell does not keep its decimals: amounts in 元 are
        // written with 分, as the forms show them (`#,##0.00`).
        for (_, v) in entries.iter_mut().filter_map(|e| e.value.as_mut()) {
            if v.scale() < 2 {
                v.rescale(2);
            }
        }
    }
    project.funds = entries;
    for p in problems {
        diags.push(Diagnostic::new(
            p.code,
            format!("工作表“{}”：{}", grid.name, p.message),
        ));
    }
    if any {
        leftovers(grid, rows, &mut used, &mut project.comments, diags);
    }
    any
}

/// A fund cell: a number, or a number with a money unit after it
/// (`12.5万元`, `90,682.50 元`; a cell formatted `0.00"万元"` reads so):
/// the number and the unit's factor to 元.
fn amount(text: &str) -> Option<(Decimal, Option<Decimal>)> {
    if let Some(n) = parse_number(text) {
        return Some((n, None));
    }
    let (n, rest) = take_number(text.trim())?;
    let unit = crate::model::Unit::from_written(rest.trim());
    unit.is_money().then(|| (n, Some(unit.factor())))
}

/// `n` in a unit of `factor` 元, exactly in the grid's unit; amounts in 元
/// keep their 分. `None` when it does not fit (reported as not an amount).
fn in_grid_unit(n: Decimal, factor: Decimal, grid: &crate::model::Unit) -> Option<Decimal> {
    if !grid.is_money() || grid.factor().is_zero() {
        return None;
    }
    let mut v = n
        .checked_mul(factor)?
        .checked_div(grid.factor())?
        .normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    Some(v)
}

/// The row ranges of the projects in a form-layout sheet: each starts at a
/// 项目名称 label; one range for the whole sheet when there are fewer than two.
pub(crate) fn project_segments(grid: &Grid) -> Vec<std::ops::Range<usize>> {
    let len = grid.cells.len();
    let starts: Vec<usize> = grid
        .cells
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            row.iter().any(|t| {
                field(t) == Some(Field::Name)
                    || inline_label(t).is_some_and(|(f, _)| f == Field::Name)
            })
        })
        .map(|(r, _)| r)
        .collect();
    if starts.len() < 2 {
        return std::iter::once(0..len).collect();
    }
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let from = if i == 0 { 0 } else { s };
        let to = starts.get(i + 1).copied().unwrap_or(len);
        out.push(from..to);
    }
    out
}

type Used = Vec<Vec<bool>>;

fn new_used(grid: &Grid) -> Used {
    grid.cells
        .iter()
        .map(|row| vec![false; row.len()])
        .collect()
}

fn mark(used: &mut Used, r: usize, c: usize) {
    if let Some(x) = used.get_mut(r).and_then(|row| row.get_mut(c)) {
        *x = true;
    }
}

/// Every filled cell in `rows` that nothing used — not a title, not
/// the department or year (read by [`dept_info`]) — becomes a comment.
pub(crate) fn leftovers(
    grid: &Grid,
    rows: std::ops::Range<usize>,
    used: &mut Used,
    comments: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) {
    for r in rows.start..rows.end.min(grid.cells.len()) {
        let width = grid.cells.get(r).map(Vec::len).unwrap_or(0);
        for c in 0..width {
            let text = grid.cell(r, c);
            let is_year = key(text).trim_end_matches(':') == "年度";
            if dept_label(text).is_some() || is_year {
                mark(used, r, c);
                let inline = text.contains(['：', ':']);
                if let (false, Some((vr, vc))) = (inline, value_of(grid, r, c)) {
                    mark(used, vr, vc);
                }
            }
        }
    }
    for r in rows.start..rows.end.min(grid.cells.len()) {
        let width = grid.cells.get(r).map(Vec::len).unwrap_or(0);
        for c in 0..width {
            let text = grid.cell(r, c);
            let is_used = used
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(false);
            if text.is_empty() || is_used || is_title(text) {
                continue;
            }
            unplaced(grid, r, c, comments, diags);
        }
    }
}

/// The cell at (r, c) fits no field: a comment for where it stood, and a
/// warning.
pub(crate) fn unplaced(
    grid: &Grid,
    r: usize,
    c: usize,
    comments: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = grid.cell(r, c);
    comments.push(format!("未能归位（{}）：{text}", grid.at(r, c)));
    diags.push(Diagnostic::new(
        &codes::IMPORT_UNPLACED,
        format!("{}的“{text}”放不进任何栏目，已作为注释写入", grid.at(r, c)),
    ));
}

/// The label `label` at (r, c) has an empty value: a note (提示), and the
/// comment to write in its place.
pub(crate) fn blank(
    grid: &Grid,
    r: usize,
    c: usize,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> String {
    diags.push(Diagnostic::new(
        &codes::IMPORT_BLANK_CELL,
        format!("{}的“{label}”一格为空，已略去", grid.at(r, c)),
    ));
    format!("原表“{label}”一格为空")
}

/// Everything above a list-layout table that is not the department, year or
/// a title: comments for the department.
pub(crate) fn list_leftovers(
    grid: &Grid,
    rows: std::ops::Range<usize>,
    comments: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut used = new_used(grid);
    leftovers(grid, rows, &mut used, comments, diags);
}

/// A dash written for an absent amount (`jixiao report` writes “—”): an
/// empty cell.
pub(crate) fn is_dash(text: &str) -> bool {
    matches!(text.trim(), "—" | "-" | "－" | "/" | "／" | "——" | "–")
}

/// Titles that say what the sheet is: nothing to keep but the year.
fn is_title(text: &str) -> bool {
    let k = key(text);
    k.contains("申报表")
        || k.contains("绩效目标表")
        || k.contains("自评表")
        || k.contains("申报汇总")
        || is_year_line(&k)
        || matches!(
            k.as_str(),
            "(元)" | "(万元)" | "单位:元" | "单位:万元" | "金额单位:元" | "金额单位:万元"
        )
}

fn dept_label(text: &str) -> Option<&'static str> {
    let k = key(text);
    let k = k.split(':').next().unwrap_or("");
    matches!(
        k,
        "部门名称" | "单位名称" | "预算单位" | "预算部门" | "填报单位" | "部门" | "申报单位"
    )
    .then_some("部门")
}

/// The department and year, from any sheet.
#[derive(Clone, Default)]
pub(crate) struct DeptInfo {
    name: Option<String>,
    year: Option<i32>,
}

impl DeptInfo {
    /// These, where given, before what the sheets' labels say.
    pub fn overridden(&self, name: Option<String>, year: Option<i32>) -> DeptInfo {
        DeptInfo {
            name: name.or_else(|| self.name.clone()),
            year: year.or(self.year),
        }
    }
    pub fn merge(&mut self, other: DeptInfo) {
        self.name = self.name.take().or(other.name);
        self.year = self.year.or(other.year);
    }
    /// Fill in the draft: the name given, else the 主管部门 every project
    /// shares; the year given, else the first project's start year.
    pub fn apply(self, draft: &mut Draft) {
        let competent: Vec<&String> = draft
            .projects
            .iter()
            .filter_map(|p| {
                p.fields
                    .iter()
                    .filter_map(|f| f.value.as_ref())
                    .find(|(k, _)| k == ProjectField::Competent.word())
                    .map(|(_, v)| v)
            })
            .collect();
        let common = competent
            .first()
            .filter(|c| competent.iter().all(|o| o == *c))
            .map(|c| c.to_string());
        draft.name = self.name.or(common);
        if draft.name.is_none() {
            draft.comments.push("原表中找不到部门名称，请补写".into());
        }
        draft.year = self.year.or_else(|| {
            let start = draft
                .projects
                .iter()
                .find_map(|p| p.period.value.as_ref())?;
            start.0.get(..4)?.parse().ok()
        });
    }
}

pub(crate) fn dept_info(grid: &Grid) -> DeptInfo {
    let mut info = DeptInfo::default();
    for (r, row) in grid.cells.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if info.year.is_none() && is_title(text) {
                info.year = year_in(text);
            }
            if info.name.is_none() && dept_label(text).is_some() {
                let inline = text
                    .split_once(['：', ':'])
                    .map(|(_, v)| v.trim())
                    .filter(|v| !v.is_empty());
                info.name = match inline {
                    Some(v) => Some(v.to_string()),
                    None => value_of(grid, r, c).map(|(vr, vc)| grid.cell(vr, vc).to_string()),
                };
            }
            if info.year.is_none() && key(text).trim_end_matches(':') == "年度" {
                info.year = value_of(grid, r, c).and_then(|(vr, vc)| {
                    year_in(grid.cell(vr, vc)).or_else(|| grid.cell(vr, vc).parse().ok())
                });
            }
        }
    }
    info
}

/// `2025年…` → 2025.
fn year_in(text: &str) -> Option<i32> {
    let at = text.find(|c: char| c.is_ascii_digit())?;
    let (y, rest) = take_number(text.get(at..)?)?;
    let rest = rest.trim_start();
    if !rest.starts_with('年') {
        return None;
    }
    i32::try_from(y.trunc().mantissa())
        .ok()
        .filter(|y| (1900..=2200).contains(y))
}

/// The year line under a form's title: `（2025 年度）`, `2025年度`.
fn is_year_line(k: &str) -> bool {
    let inner = k.trim_start_matches('(').trim_end_matches(')');
    inner
        .strip_suffix("年度")
        .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_dashes() {
        assert!(is_title("（2025 年度）"));
        assert!(is_title("2025年度"));
        assert!(!is_title("（年度）"));
        assert!(!is_title("2025"));
        assert!(is_dash("—") && is_dash(" - ") && is_dash("／"));
        assert!(!is_dash("0"));
    }
}
