//! The 项目支出绩效自评表 as a document: per project the funds grid and the
//! indicator grid, totals and grade; then the department summary.

use super::columns::{self, Column, Look, ProjectColumn, Shown, PROJECT_COLUMNS};
use super::doc::{Block, Doc};
use super::grid::{Align, CompactRow, Grid};
use super::stream::Head;
use crate::model::display::{money, num, percent, score};
use crate::model::evaluation::{
    IndicatorEvaluation, ProjectEvaluation, RuleSetInfo, ShortText, Summary,
};
use rust_decimal::Decimal;

const PLACES: u32 = 2;

fn opt_score(s: Option<Decimal>) -> String {
    s.map(|s| score(s, PLACES)).unwrap_or_else(|| "—".into())
}

/// The blocks before the first project: title, department, rule set.
pub fn head(head: &Head<'_>, explain: bool) -> Doc {
    let mut doc = Doc::default();
    let year = head
        .year
        .map(|y| format!("（{y} 年度）"))
        .unwrap_or_default();
    doc.push(Block::Title(format!("项目支出绩效自评表{year}")));
    if let Some(d) = head.department {
        doc.push(Block::Para(format!("部门：{d}")));
    }
    doc.push(Block::Para(rules_line(head.rules)));
    if explain && !head.rules.unverified.is_empty() {
        doc.push(Block::Para("规则集中未核实的内容：".into()));
        doc.push(Block::List(head.rules.unverified.clone()));
    }
    doc
}

fn rules_line(r: &RuleSetInfo) -> String {
    let mut s = format!("规则集：{}", r.name);
    if let Some(t) = &r.title {
        s.push_str(&format!(" {t}"));
    }
    if let Some(src) = &r.source {
        s.push_str(&format!("；来源 {src}"));
    }
    if !r.unverified.is_empty() {
        s.push_str(&format!("；{} 处未核实", r.unverified.len()));
    }
    s
}

/// One project's blocks: its name, funds, indicators, subtotals, total.
pub fn project(p: &ProjectEvaluation, explain: bool) -> Doc {
    let mut doc = Doc::default();
    doc.push(Block::Heading(format!("项目名称：{}", p.name)));
    let mut info = Vec::new();
    if let Some(c) = &p.competent_department {
        info.push(format!("主管部门：{c}"));
    }
    if let Some(u) = &p.implementing_unit {
        info.push(format!("实施单位：{u}"));
    }
    info.extend(p.people.iter().map(|x| format!("{}：{}", x.field, x.value)));
    if !p.has_actuals && p.total.is_none() {
        info.push("（自评块有语法错误，未评分）".into());
    } else if !p.has_actuals {
        info.push("（自评中没有这个项目的数据）".into());
    }
    if !info.is_empty() {
        doc.push(Block::Para(info.join("    ")));
    }
    let funds = funds_grid(p);
    doc.push(Block::Grid(funds));
    doc.push(Block::Grid(indicator_grid(p)));
    let parts: Vec<String> = p
        .groups
        .iter()
        .map(|g| {
            let with: Vec<&ShortText> = g.members.iter().filter(|m| **m != g.name).collect();
            let name = if with.is_empty() {
                g.name.to_string()
            } else {
                format!(
                    "{}（含{}）",
                    g.name,
                    with.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                )
            };
            let mut line = format!("{name} {} 分，得 {}", num(g.points), opt_score(g.score));
            let printed: Vec<String> = [
                g.printed_points.map(|v| format!("分值 {}", num(v))),
                g.printed_score.map(|_| {
                    format!(
                        "得分 {}",
                        columns::printed_text(g.printed_score, g.printed_differs())
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !printed.is_empty() {
                line.push_str(&format!("（表内{}）", printed.join("，")));
            }
            line
        })
        .collect();
    doc.push(Block::Para(format!("分组小计：{}", parts.join("；"))));
    let mut total = format!(
        "总分：{}    等级：{}",
        opt_score(p.total),
        columns::grade_text(p)
    );
    let printed = columns::printed_total_text(p);
    if !printed.is_empty() {
        total.push_str(&format!("    {printed}"));
    }
    if p.adjusted_total.is_some() {
        total.push_str(&format!(
            "    含人工调整的总分：{}（{}）",
            opt_score(p.adjusted_total),
            p.adjusted_grade.clone().unwrap_or_else(|| "—".into())
        ));
    }
    doc.push(Block::Para(total));
    if explain {
        doc.push(Block::Para("评分过程：".into()));
        // `rendered`: the traces are written out for this report only, not
        // kept in the evaluation.
        let mut lines = Vec::new();
        let t = p.execution_trace.rendered();
        lines.push(explain_line(&t.line, &t.rule));
        for n in &t.notes {
            lines.push(format!("    · {n}"));
        }
        for i in &p.indicators {
            lines.extend(indicator_explained(i));
        }
        doc.push(Block::List(lines));
    }
    doc
}

/// The budget table: 年度资金总额 and the rows under it, the printed values
/// beside the computed ones ([`columns::FundsColumn`]).
fn funds_grid(p: &ProjectEvaluation) -> Grid {
    let rows = columns::funds_rows(p);
    let shown = columns::funds_columns(&rows);
    let headers: Vec<&str> = shown.iter().map(|c| c.spec().header).collect();
    let aligns: Vec<Align> = shown.iter().map(|c| align(c.spec().look)).collect();
    let mut grid = Grid::new(&headers, &aligns);
    for r in &rows {
        grid.row(
            shown
                .iter()
                .map(|c| columns::funds_text(c.cell(r), r.total).into_owned())
                .collect(),
        );
    }
    grid
}

/// The indicator table: the columns the text table shows ([`Spec::table`]),
/// a group's name only where it changes.
fn indicator_grid(p: &ProjectEvaluation) -> Grid {
    let columns: Vec<Column> = columns::shown(|s| s.table != Shown::Never)
        .filter(|c| {
            c.spec().table == Shown::Always || p.indicators.iter().any(|i| c.cell(i).is_present())
        })
        .collect();
    let headers: Vec<&str> = columns.iter().map(|c| c.spec().header).collect();
    let aligns: Vec<Align> = columns.iter().map(|c| align(c.spec().look)).collect();
    let mut grid = Grid::new(&headers, &aligns);
    // The group names of the row before, by group column.
    let mut last: Vec<String> = Vec::new();
    for i in &p.indicators {
        let mut group = 0;
        let mut changed = false;
        let row = columns
            .iter()
            .map(|c| {
                let cell = columns::text(c.cell(i));
                match c.spec().look {
                    Look::Group => {
                        if last.len() <= group {
                            last.push(String::new());
                        }
                        let shown = match last.get_mut(group) {
                            Some(before) => {
                                changed |= *before != *cell;
                                before.clear();
                                before.push_str(&cell);
                                changed
                            }
                            None => true,
                        };
                        group += 1;
                        if shown {
                            cell.into_owned()
                        } else {
                            String::new()
                        }
                    }
                    Look::Text | Look::Number => cell.into_owned(),
                }
            })
            .collect();
        grid.row(row);
    }
    grid
}

/// Numbers align right.
fn align(look: Look) -> Align {
    match look {
        Look::Group | Look::Text => Align::Left,
        Look::Number => Align::Right,
    }
}

/// An indicator's lines under `--explain` (评分过程): the result, the
/// notes, the formula (the editor's hover shows the same).
pub fn indicator_explained(i: &IndicatorEvaluation) -> Vec<String> {
    let t = i.trace.rendered();
    let mut lines = vec![explain_line(&t.line, &t.rule)];
    for n in &t.notes {
        lines.push(format!("    · {n}"));
    }
    if !t.formula.is_empty() && t.rule != "定性" && !i.missing {
        lines.push(format!("    · 公式：{} = {}", t.rule, t.formula));
    }
    lines
}

fn explain_line(line: &str, rule: &str) -> String {
    if line.is_empty() {
        format!("（未能计算，规则“{rule}”）")
    } else if rule.is_empty() {
        line.to_string()
    } else {
        format!("{line}    [{rule}]")
    }
}

pub(crate) fn deviation(i: &IndicatorEvaluation) -> String {
    let mut parts = Vec::new();
    if i.missing {
        parts.push("【缺少完成值，按规则计分】".to_string());
    }
    if let Some(why) = i.unscored {
        parts.push(format!(
            "【未评分：{}，计 0 分】",
            why.why(i.actual.as_deref())
        ));
    }
    if i.over_achieved {
        parts.push("【超额完成】".to_string());
    }
    if let Some(r) = &i.reason {
        parts.push(r.clone());
    }
    if let Some(m) = &i.measure {
        parts.push(format!("措施：{m}"));
    }
    if i.explanation_required && !i.explanation_present && !i.missing {
        parts.push("【需说明，未填写】".to_string());
    }
    if let Some(m) = &i.manual {
        parts.push(format!("人工调整理由：{}", m.reason));
    }
    parts.join("；")
}

/// A project's row of the department summary: a cell for each column the
/// text table may show ([`ProjectColumn`]); the last (含人工调整) is shown
/// only when some project has one.
pub fn summary_row(p: &ProjectEvaluation) -> CompactRow {
    // The text table has no 序号: the number is never drawn.
    CompactRow::of(table_project_columns().map(|c| columns::project_text(c.cell(0, p))))
}

/// The department summary's columns in the text table, in order.
fn table_project_columns() -> impl Iterator<Item = ProjectColumn> {
    PROJECT_COLUMNS
        .into_iter()
        .filter(|c| c.spec().table != Shown::Never)
}

/// The department summary after the last project: a row per project (from
/// [`summary_row`]), the 合计 row, and the counts.
pub fn summary(rows: Vec<CompactRow>, adjusted: bool, s: &Summary) -> Doc {
    let mut doc = Doc::default();
    doc.push(Block::Heading("部门汇总".into()));
    let shown: Vec<ProjectColumn> = table_project_columns()
        .filter(|c| adjusted || c.spec().table == Shown::Always)
        .collect();
    let headers: Vec<&str> = shown.iter().map(|c| c.spec().header).collect();
    let aligns: Vec<Align> = shown.iter().map(|c| align(c.spec().look)).collect();
    let mut g = Grid::new(&headers, &aligns);
    g.rows = rows;
    g.row(CompactRow::new(&[
        "合计",
        &s.budget.map(money).unwrap_or_else(|| "—".into()),
        &s.spent.map(money).unwrap_or_else(|| "—".into()),
        &s.execution_rate.map(percent).unwrap_or_else(|| "—".into()),
    ]));
    doc.push(Block::Summary(g));
    let grades: Vec<String> = s
        .grades
        .iter()
        .map(|(g, n)| format!("{g} {n} 个"))
        .collect();
    doc.push(Block::Para(format!(
        "{} 个项目（{} 个有自评数据），{} 项指标：达成 {} 项，缺少完成值 {} 项；平均分 {}；{}。",
        s.projects,
        s.evaluated,
        s.indicators,
        s.met,
        s.missing,
        opt_score(s.average),
        grades.join("、")
    )));
    doc
}
