//! The 财政项目支出绩效目标申报表 of one project: fields, the funds grid, the
//! goals and the indicator table. Labels and values are split across lines,
//! so the field area is read as one joined string and cut at the labels.

use super::narrative::unplaced;
use super::{compact, goals, table, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftProject, Entry};
use crate::import::target::{parse_date as date, take_number};
use crate::import::Sink;
use crate::vocab::{FundKey, ProjectField};
use rust_decimal::Decimal;

/// Lines joined into one string, remembering where each line starts.
struct Joined<'a> {
    text: String,
    starts: Vec<(usize, &'a Line)>,
}

impl<'a> Joined<'a> {
    fn new(lines: &'a [Line]) -> Joined<'a> {
        let mut text = String::new();
        let mut starts = Vec::new();
        for l in lines {
            let glue = text
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && l.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if glue {
                text.push(' ');
            }
            starts.push((text.len(), l));
            text.push_str(&l.text);
        }
        Joined { text, starts }
    }
    fn line_at(&self, pos: usize) -> Option<&'a Line> {
        self.starts
            .iter()
            .rev()
            .find(|(s, _)| *s <= pos)
            .map(|(_, l)| *l)
    }
}

const FIELD_LABELS: [&str; 8] = [
    "项目名称",
    "项目性质",
    "项目类别",
    ProjectField::Competent.word(),
    ProjectField::Implementer.word(),
    "计划开始日期",
    "计划完成日期",
    "项目资金",
];

/// Cut `text` at the labels: each found label with the text up to the next
/// one. Labels are taken at their earliest occurrence after the previous cut.
fn cut<'t>(
    text: &'t str,
    labels: &[&'static str],
) -> (&'t str, Vec<(&'static str, usize, &'t str)>) {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    let mut pos = 0;
    let mut left: Vec<&'static str> = labels.to_vec();
    loop {
        let next = left
            .iter()
            .enumerate()
            .filter_map(|(i, l)| text.get(pos..)?.find(l).map(|at| (pos + at, i)))
            .min();
        let Some((at, i)) = next else { break };
        let label = left.remove(i);
        found.push((at, label));
        pos = at + label.len();
    }
    let prefix = text
        .get(..found.first().map(|f| f.0).unwrap_or(text.len()))
        .unwrap_or("");
    let mut out = Vec::new();
    for (k, (at, label)) in found.iter().enumerate() {
        let start = at + label.len();
        let end = found.get(k + 1).map(|f| f.0).unwrap_or(text.len());
        out.push((*label, *at, text.get(start..end).unwrap_or("").trim()));
    }
    (prefix, out)
}

pub(super) fn read(
    sink: &mut Sink,
    project: &mut DraftProject,
    form: &[Line],
    title: Option<&Line>,
) {
    let mut cut = super::table_header::cut_out(form);
    // The year line `（2025 年度）` under the title; cells run onto it stay.
    if let Some(first) = cut.first_mut() {
        if let Some((_, rest)) = super::year_line(&first.text) {
            let rest = rest.to_string();
            first.start = first.end.saturating_sub(rest.len()).max(first.start);
            first.text = rest;
        }
    }
    cut.retain(|l| !l.text.is_empty());
    let lines = cut.as_slice();
    let funds_at = lines
        .iter()
        .position(|l| compact(&l.text).contains("项目资金"));
    let search_from = funds_at.unwrap_or(0);
    let header_at = lines
        .iter()
        .skip(search_from)
        .position(|l| compact(&l.text).contains("三级指标"))
        .map(|i| i + search_from);
    let mut goals_end = header_at.unwrap_or(lines.len());
    while goals_end > search_from
        && lines
            .get(goals_end - 1)
            .is_some_and(|l| matches!(compact(&l.text).as_str(), "一级" | "指标" | "一级指标"))
    {
        goals_end -= 1;
    }
    let goals_start = lines
        .iter()
        .enumerate()
        .take(goals_end)
        .skip(search_from + 1)
        .find(|(_, l)| {
            let t = compact(&l.text);
            matches!(t.as_str(), "项" | "项目" | "项目绩效目标")
                || t.starts_with("项目总目标")
                || t.starts_with("年度总体目标")
        })
        .map(|(i, _)| i)
        .unwrap_or(goals_end);
    fields_and_funds(sink, project, lines.get(..goals_start).unwrap_or(&[]));
    goals::read(
        sink,
        project,
        lines.get(goals_start..goals_end).unwrap_or(&[]),
    );
    match header_at {
        Some(h) => table::read(sink, project, lines.get(h + 1..).unwrap_or(&[])),
        None => {
            let name = if project.name.is_empty() {
                "（未知）"
            } else {
                &project.name
            };
            let mut d = Diagnostic::new(
                &codes::IMPORT_NO_INDICATORS,
                format!(
                    "项目“{name}”的申报表中没有指标表（找不到“一级指标 二级指标 三级指标”的表头）"
                ),
            )
            .help("文本可能被截断，或指标表没有导出；导入结果中该项目没有指标，请补写");
            let at = lines.last().or(title);
            if let Some(at) = at {
                d = d.label(sink.span(at.start, at.end), "申报表到此结束");
            }
            sink.push(d);
            project
                .indicator_comments
                .push("原文申报表中没有指标表（可能被截断），请补写指标".into());
        }
    }
}

fn fields_and_funds(sink: &mut Sink, project: &mut DraftProject, lines: &[Line]) {
    let joined = Joined::new(lines);
    let (prefix, cells) = cut(&joined.text, &FIELD_LABELS);
    if !compact(prefix).is_empty() {
        if let Some(l) = joined.line_at(0) {
            let stray = Line {
                text: prefix.trim().to_string(),
                ..l.clone()
            };
            unplaced(sink, &mut project.comments, &stray, "申报表开头");
        }
    }
    let mut start = None;
    let mut end = None;
    for (label, at, value) in cells {
        let line = joined.line_at(at);
        if label == "项目资金" {
            let rest = joined.text.get(at..).unwrap_or("");
            funds(sink, project, rest, line);
            continue;
        }
        if value.is_empty() {
            project
                .fields
                .push(Entry::comment(format!("原表“{label}”一格为空")));
            if let Some(l) = line {
                sink.push(
                    Diagnostic::new(
                        &codes::IMPORT_BLANK_CELL,
                        format!("“{label}”一格为空，已略去"),
                    )
                    .label(sink.span(l.start, l.end), ""),
                );
            }
            continue;
        }
        match label {
            "项目名称" => project.name = value.to_string(),
            "计划开始日期" | "计划完成日期" => {
                let slot = if label == "计划开始日期" {
                    &mut start
                } else {
                    &mut end
                };
                match date(value) {
                    Some(d) => *slot = Some(d),
                    None => {
                        project
                            .period
                            .comments
                            .push(format!("原表“{label}”作“{value}”，读不出日期"));
                        if let Some(l) = line {
                            sink.push(
                                Diagnostic::new(
                                    &codes::IMPORT_UNPLACED,
                                    format!("“{label}”的“{value}”不是日期，已作为注释写入"),
                                )
                                .label(sink.span(l.start, l.end), ""),
                            );
                        }
                    }
                }
            }
            _ => project.fields.push(Entry::new((
                short_key(label).to_string(),
                value.to_string(),
            ))),
        }
    }
    match (start, end) {
        (Some(s), Some(e)) => project.period.value = Some((s, e)),
        (Some(d), None) | (None, Some(d)) => project
            .period
            .comments
            .push(format!("原表只给出了一个计划日期：{d}")),
        (None, None) => {}
    }
}

fn short_key(label: &str) -> &'static str {
    match label {
        "项目性质" => ProjectField::Nature.word(),
        "项目类别" => ProjectField::Category.word(),
        w if w == ProjectField::Competent.word() => ProjectField::Competent.word(),
        // The last of FIELD_LABELS' text fields.
        _ => ProjectField::Implementer.word(),
    }
}

/// Funds labels as they appear on the form, longest first.
const FUND_LABELS: &[(&str, &str)] = &[
    ("项目资金总额", FundKey::Total.word()),
    ("年度资金申请总额", FundKey::AnnualRequest.word()),
    ("其中：当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("其中:当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("当年财政拨款", FundKey::CurrentAppropriation.word()),
    ("其中：财政资金", FundKey::Fiscal.word()),
    ("其中:财政资金", FundKey::Fiscal.word()),
    ("财政资金", FundKey::Fiscal.word()),
    ("上年结转资金", FundKey::Carryover.word()),
    ("其他资金", FundKey::Other.word()),
];

enum Token {
    Label(&'static str),
    Number(Decimal),
    Stray(String),
}

fn funds(sink: &mut Sink, project: &mut DraftProject, text: &str, line: Option<&Line>) {
    let mut tokens = Vec::new();
    let mut rest = if text.starts_with("项目资金总额") {
        text
    } else {
        text.strip_prefix("项目资金").unwrap_or(text)
    };
    let mut stray = String::new();
    project.funds_unit = "元".into();
    for (header, unit) in [
        ("（元）", "元"),
        ("(元)", "元"),
        ("（万元）", "万元"),
        ("(万元)", "万元"),
    ] {
        if let Some(r) = rest.trim_start().strip_prefix(header) {
            rest = r;
            project.funds_unit = unit.into();
        }
    }
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = rest.get(c.len_utf8()..).unwrap_or("");
            continue;
        }
        let token = FUND_LABELS
            .iter()
            .find_map(|(l, k)| rest.strip_prefix(l).map(|r| (Token::Label(k), r)))
            .or_else(|| {
                take_number(rest).map(|(v, r)| {
                    let (v, r) = money_in_grid(v, r, &project.funds_unit).unwrap_or((v, r));
                    (Token::Number(v), r)
                })
            });
        match token {
            Some((t, r)) => {
                if !stray.is_empty() {
                    tokens.push(Token::Stray(std::mem::take(&mut stray)));
                }
                tokens.push(t);
                rest = r;
            }
            None => {
                stray.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
    }
    if !stray.is_empty() {
        tokens.push(Token::Stray(stray));
    }
    // Each label takes the number right after it; a label followed by
    // another label is a blank cell.
    let mut values: Vec<(&'static str, Vec<Option<Decimal>>)> = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        match t {
            Token::Label(k) => {
                let v = match tokens.get(i + 1) {
                    Some(Token::Number(n)) => {
                        i += 1;
                        Some(*n)
                    }
                    _ => None,
                };
                match values.iter_mut().find(|(key, _)| key == k) {
                    Some((_, vs)) => vs.push(v),
                    None => values.push((k, vec![v])),
                }
            }
            Token::Number(n) => comments.push(stray_comment(sink, &n.to_string(), line)),
            Token::Stray(s) => comments.push(stray_comment(sink, s, line)),
        }
        i += 1;
    }
    let (entries, problems) = crate::import::funds::entries(&values, comments);
    project.funds = entries;
    for p in problems {
        let mut d = Diagnostic::new(p.code, p.message);
        if let Some(l) = line {
            d = d.label(sink.span(l.start, l.end), "");
        }
        sink.push(d);
    }
}

/// A money unit written right after a number of the funds grid (`10000万元`,
/// `9.0682 万元`; issue 18: a unit on the line below its label was lost and the
/// number read in the grid's unit): the number in the grid's unit, exactly, and
/// the text after the unit. `None` when no money unit follows, or when the
/// number would not fit (the unit is then left as text and reported).
fn money_in_grid<'a>(n: Decimal, rest: &'a str, grid: &str) -> Option<(Decimal, &'a str)> {
    let after = rest.trim_start();
    let len = after
        .char_indices()
        .take_while(|(_, c)| !c.is_whitespace() && !c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| {
            after
                .get(..end)
                .is_some_and(|u| crate::model::Unit::from_written(u).is_money())
        })
        .last()?;
    let unit = crate::model::Unit::from_written(after.get(..len)?);
    let grid = crate::model::Unit::from_written(grid);
    if !grid.is_money() || grid.factor().is_zero() {
        return None;
    }
    let mut value = n
        .checked_mul(unit.factor())?
        .checked_div(grid.factor())?
        .normalize();
    if value.scale() < 2 {
        value.rescale(2); // only adds zeros: amounts are written with 分
    }
    Some((value, after.get(len..).unwrap_or("")))
}

fn stray_comment(sink: &mut Sink, text: &str, line: Option<&Line>) -> String {
    if let Some(l) = line {
        sink.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("资金表中的“{text}”对不上任何栏目，已作为注释写入"),
            )
            .label(sink.span(l.start, l.end), ""),
        );
    }
    format!("未能归位（资金表）：{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_labels() {
        let (prefix, cells) = cut(
            "项目名称甲项目项目性质其他经常性项目项目类别其他运转类",
            &FIELD_LABELS,
        );
        assert_eq!(prefix, "");
        let got: Vec<_> = cells.iter().map(|(l, _, v)| (*l, *v)).collect();
        assert_eq!(
            got,
            [
                ("项目名称", "甲项目"),
                ("项目性质", "其他经常性项目"),
                ("项目类别", "其他运转类")
            ]
        );
    }
}
