//! The 财政项目支出绩效目标申报表 of one project: fields, the funds grid, the
//! goals and the indicator table. Labels and values are split across lines,
//! so the field area is read as one joined string and cut at the labels.

use super::narrative::unplaced;
use super::{compact, goals, table, Line};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftProject, Entry};
use crate::import::target::parse_date as date;
use crate::import::Sink;
use crate::vocab::ProjectField;

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

pub(super) const FIELD_LABELS: [&str; 8] = [
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
        .find(|(i, l)| {
            let t = compact(&l.text);
            t == "项目绩效目标"
                || t.starts_with("项目总目标")
                || t.starts_with("年度总体目标")
                || (matches!(t.as_str(), "项" | "项目") && goals_label_follows(lines, *i))
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

/// A lone `项` or `项目` starts the vertical label 项目绩效目标 only when the
/// next short lines go on with it (`项目` then `类别` is the 项目类别 label).
fn goals_label_follows(lines: &[Line], at: usize) -> bool {
    let mut label = String::new();
    for l in lines.iter().skip(at).take(6) {
        let t = compact(&l.text);
        if t.chars().count() > 2 && !label.is_empty() {
            break;
        }
        label.push_str(&t);
        if !"项目绩效目标".starts_with(&label) {
            return false;
        }
    }
    label.chars().count() >= 3
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
            super::funds::read(sink, project, rest, line);
            continue;
        }
        let value = end_at_header(sink, project, value, line);
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

/// What ends a field's value besides the next field label: the indicator
/// header and the goals' labels (issue 18: `主管部门` took in the header
/// glued to its value, `示例局一级指标二级指标`).
pub(super) const STOPS: [&str; 5] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "项目总目标",
    "年度总体目标",
];

/// The value up to the first of [`STOPS`]. Header words after it start the
/// table (read there); anything else after it is a comment and a warning.
fn end_at_header<'v>(
    sink: &mut Sink,
    project: &mut DraftProject,
    value: &'v str,
    line: Option<&Line>,
) -> &'v str {
    let Some(at) = STOPS.iter().filter_map(|s| value.find(s)).min() else {
        return value;
    };
    let (kept, rest) = value.split_at(at);
    let mut left = compact(rest);
    while let Some(r) = ["一级指标", "二级指标", "三级指标", "一级", "指标"]
        .iter()
        .find_map(|w| left.strip_prefix(w))
    {
        left = r.to_string();
    }
    if let (false, Some(l)) = (left.is_empty(), line) {
        let stray = Line {
            text: rest.trim().to_string(),
            ..l.clone()
        };
        unplaced(sink, &mut project.comments, &stray, "申报表栏目");
    }
    kept.trim()
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
