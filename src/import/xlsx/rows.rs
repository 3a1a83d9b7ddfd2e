//! Indicator rows → indicators. Merged 一级/二级 cells are empty below their
//! first row, so the last seen label carries down.

use super::columns::{Col, Header};
use super::groups::Weights;
use super::Grid;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftAttributes, DraftIndicator, DraftProject, DraftTarget, Entry};
use crate::import::target::{
    normalize_unit, parse_inline, parse_number, parse_sense, take_comparator, take_number,
    InlineProblem, Sense,
};
use crate::model::Comparator;
use crate::vocab::{Direction, ProjectField};
use rust_decimal::Decimal;

/// The indicators in rows `from..to`, and the first-level group weights
/// printed in their cells.
pub(crate) fn indicators(
    grid: &Grid,
    h: &Header,
    from: usize,
    to: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Entry<DraftIndicator>>, Vec<(String, Decimal)>) {
    let mut reader = RowReader::default();
    for r in from..to {
        reader.row(grid, h, r, diags);
    }
    reader.finish(diags)
}

/// One table with a 项目名称 column: projects in order of first appearance.
pub(crate) fn list_layout(
    grid: &Grid,
    h: &Header,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DraftProject> {
    let Some(pcol) = h.col(Col::Project) else {
        return Vec::new();
    };
    let mut order: Vec<(String, Vec<usize>)> = Vec::new();
    let mut current = String::new();
    for r in h.row + 1..grid.cells.len() {
        let name = grid.cell(r, pcol);
        if !name.is_empty() {
            current = name.to_string();
        }
        if current.is_empty() {
            continue;
        }
        match order.iter_mut().find(|(n, _)| *n == current) {
            Some((_, rows)) => rows.push(r),
            None => order.push((current.clone(), vec![r])),
        }
    }
    let mut projects = Vec::new();
    for (name, rows) in order {
        let mut p = DraftProject {
            name,
            ..DraftProject::default()
        };
        for (col, key) in [
            (Col::Nature, ProjectField::Nature.word()),
            (Col::Category, ProjectField::Category.word()),
            (Col::Competent, ProjectField::Competent.word()),
            (Col::Implementer, ProjectField::Implementer.word()),
        ] {
            let Some(c) = h.col(col) else { continue };
            if let Some(v) = rows
                .iter()
                .map(|&r| grid.cell(r, c))
                .find(|v| !v.is_empty())
            {
                p.fields.push(Entry::new((key.to_string(), v.to_string())));
            }
        }
        let mut reader = RowReader::default();
        for r in rows {
            reader.row(grid, h, r, diags);
        }
        (p.indicators, p.group_points) = reader.finish(diags);
        projects.push(p);
    }
    projects
}

#[derive(Default)]
struct RowReader {
    level1: String,
    level2: String,
    out: Vec<Entry<DraftIndicator>>,
    /// Comments for the next indicator (content of rows without a name).
    pending: Vec<String>,
    /// 一级/二级 text on a row without an indicator, not yet used by one.
    unused_levels: Option<String>,
    weights: Weights,
}

impl RowReader {
    fn row(&mut self, grid: &Grid, h: &Header, r: usize, diags: &mut Vec<Diagnostic>) {
        let get = |c: Col| h.col(c).map(|i| grid.cell(r, i)).unwrap_or("");
        let l1 = get(Col::Level1);
        let l2 = get(Col::Level2);
        let mut comments = std::mem::take(&mut self.pending);
        if !l1.is_empty() {
            self.level1 = self.weights.level1(grid, r, l1, &mut comments, diags);
        }
        if !l2.is_empty() {
            self.level2 = Weights::level2(grid, r, l2, &mut comments, diags);
        }
        let name = get(Col::Name);
        for (i, kind, title) in &h.cols {
            let v = grid.cell(r, *i);
            let unread = *kind == Col::Other
                || (kind.is_selfeval() && !h.is_selfeval())
                || (name.is_empty() && is_attribute(h, *kind));
            if unread && !v.is_empty() {
                comments.push(format!("原表“{title}”：{v}"));
            }
        }
        if name.is_empty() && (!l1.is_empty() || !l2.is_empty()) {
            let text = [l1, l2]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            self.unused_levels = Some(format!("{}：{text}", grid.row_at(r)));
        } else if !name.is_empty() {
            self.unused_levels = None;
        }
        if name.is_empty() {
            let rest: Vec<&str> = [Col::Value, Col::Sense, Col::Unit]
                .iter()
                .map(|c| get(*c))
                .filter(|v| !v.is_empty())
                .collect();
            if !rest.is_empty() {
                let text = rest.join(" ");
                comments.push(format!("未能归位（{}）：{text}", grid.row_at(r)));
                diags.push(
                    Diagnostic::new(
                        &codes::IMPORT_UNPLACED,
                        format!(
                            "{}没有三级指标名称，内容“{text}”已作为注释写入",
                            grid.row_at(r)
                        ),
                    )
                    .help("补上指标名称后重新导入，或在输出中手工改写"),
                );
            }
            self.pending = comments;
            return;
        }
        let value = h.col(Col::Value).map(|i| grid.cell(r, i)).unwrap_or("");
        let target = self.target(grid, h, r, name, value, &mut comments, diags);
        let Some(target) = target else {
            self.out.push(Entry {
                comments,
                value: None,
            });
            return;
        };
        for (level, what) in [(&self.level1, "一级指标"), (&self.level2, "二级指标")] {
            if level.is_empty() {
                comments.push(format!("原表本行没有{what}"));
            }
        }
        let or_default = |s: &String| {
            if s.is_empty() {
                "未分类指标".to_string()
            } else {
                s.clone()
            }
        };
        let mut attributes = attributes(grid, h, r, name, &mut comments, diags);
        let midterm = h.col(Col::Midterm).map(|i| grid.cell(r, i)).unwrap_or("");
        if !midterm.is_empty() {
            attributes.midterm = self.target(grid, h, r, name, midterm, &mut comments, diags);
        }
        self.out.push(Entry {
            comments,
            value: Some(DraftIndicator {
                level1: or_default(&self.level1),
                level2: or_default(&self.level2),
                name: name.to_string(),
                target,
                attributes,
            }),
        });
    }

    /// The target in `value` (the 指标值 cell, or the 中期指标值 one), with
    /// the row's 指标方向 and 度量单位.
    #[allow(clippy::too_many_arguments)]
    fn target(
        &self,
        grid: &Grid,
        h: &Header,
        r: usize,
        name: &str,
        value: &str,
        comments: &mut Vec<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<DraftTarget> {
        let unit_cell = h.col(Col::Unit).map(|i| grid.cell(r, i)).unwrap_or("");
        let senses: Vec<&str> = h
            .all(Col::Sense)
            .map(|i| grid.cell(r, i))
            .filter(|s| !s.is_empty())
            .collect();
        let mut warn = |message: String, comment: String| {
            comments.push(comment);
            diags.push(Diagnostic::new(&codes::IMPORT_BAD_TARGET, message));
        };
        if value.is_empty() {
            warn(
                format!("{}的指标“{name}”没有指标值，已作为注释写入", grid.row_at(r)),
                format!("原表指标“{name}”的指标值为空：{}", senses.join(" ")),
            );
            comments.push(format!("未能归位：指标“{name}”"));
            return None;
        }
        // Inline: `≥95%`, or a comparator in the value cell whatever the
        // other columns say.
        if take_comparator(value).is_some() || (senses.is_empty() && unit_cell.is_empty()) {
            return Some(match parse_inline(value) {
                Ok(DraftTarget::Compare {
                    comparator,
                    value: v,
                    unit,
                }) if unit.is_empty() => DraftTarget::Compare {
                    comparator,
                    value: v,
                    unit: normalize_unit(unit_cell).unwrap_or_default(),
                },
                Ok(t) => t,
                Err(InlineProblem::NotQuantitative) => DraftTarget::Qualitative(value.to_string()),
                Err(InlineProblem::BadUnit(u)) => {
                    warn(
                        format!(
                            "{}的指标值“{value}”中的单位“{u}”认不出，暂作文字目标",
                            grid.row_at(r)
                        ),
                        format!("原文指标值为“{value}”，单位“{u}”无法写入，暂作文字目标"),
                    );
                    DraftTarget::Qualitative(value.to_string())
                }
            });
        }
        let mut sense = None;
        for s in &senses {
            match parse_sense(s) {
                Some(Sense::Qualitative) => sense = Some(Sense::Qualitative),
                Some(c) if sense.is_none() => sense = Some(c),
                Some(_) => {}
                None if matches!(s.trim(), "定量" | "定量指标") => {}
                None => warn(
                    format!("{}的“{s}”不是认得出的指标方向", grid.row_at(r)),
                    format!("原表指标方向/性质作“{s}”，认不出"),
                ),
            }
        }
        // The number, and a unit written after it in the same cell.
        let (number, unit_text) = match parse_number(value) {
            Some(n) => (Some(n), unit_cell.to_string()),
            None => match take_number(value) {
                Some((n, rest)) if !rest.trim().is_empty() && unit_cell.is_empty() => {
                    (Some(n), rest.trim().to_string())
                }
                // The unit both in the cell and in its column: a percent
                // cell shows `95%` beside a 度量单位 of `%` or 百分比.
                Some((n, rest))
                    if normalize_unit(rest).is_some()
                        && normalize_unit(rest) == normalize_unit(unit_cell) =>
                {
                    (Some(n), unit_cell.to_string())
                }
                _ => (None, unit_cell.to_string()),
            },
        };
        let comparator = match (sense, number) {
            (Some(Sense::Qualitative), _) | (_, None) => {
                return Some(DraftTarget::Qualitative(value.to_string()));
            }
            (Some(Sense::Compare(c)), Some(_)) => c,
            (None, Some(_)) => {
                warn(
                    format!("{}的指标“{name}”没有指标方向，按“≥”处理", grid.row_at(r)),
                    "原表没有指标方向，此处按“≥”处理，请核对".into(),
                );
                Comparator::Ge
            }
        };
        let n = number?;
        match normalize_unit(&unit_text) {
            Some(unit) => Some(DraftTarget::Compare {
                comparator,
                value: n,
                unit,
            }),
            None => {
                let text = format!("{}{}{}", comparator.symbol(), value, unit_text);
                warn(
                    format!(
                        "{}的单位“{unit_text}”认不出，指标“{name}”暂作文字目标",
                        grid.row_at(r)
                    ),
                    format!("原表单位作“{unit_text}”，无法写入，暂作文字目标"),
                );
                Some(DraftTarget::Qualitative(text))
            }
        }
    }

    fn finish(
        mut self,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<Entry<DraftIndicator>>, Vec<(String, Decimal)>) {
        if let Some(text) = self.unused_levels.take() {
            self.pending.push(format!("未能归位（{text}）"));
            diags.push(Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("指标表之后的内容放不进任何栏目（{text}），已作为注释写入"),
            ));
        }
        if !self.pending.is_empty() {
            self.out.push(Entry {
                comments: self.pending,
                value: None,
            });
        }
        (self.out, self.weights.level1)
    }
}

/// A column read as an indicator attribute: in a 自评表, 分值 is the
/// printed one, read with the actuals.
fn is_attribute(h: &Header, c: Col) -> bool {
    if c == Col::Points && h.is_selfeval() {
        return false;
    }
    matches!(
        c,
        Col::Points | Col::Tolerance | Col::Scoring | Col::Caliber | Col::Midterm
    )
}

/// 分值, 容差, 计分方向 and 口径 of the indicator on row `r`. A cell that
/// cannot be one becomes a comment and a warning.
fn attributes(
    grid: &Grid,
    h: &Header,
    r: usize,
    name: &str,
    comments: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> DraftAttributes {
    let mut a = DraftAttributes::default();
    for (i, kind, title) in &h.cols {
        let v = grid.cell(r, *i);
        // The 中期指标值 is a target, read with the row's direction and unit.
        if v.is_empty() || !is_attribute(h, *kind) || *kind == Col::Midterm {
            continue;
        }
        let ok = match kind {
            Col::Points => {
                // `10分`: a cell formatted `0"分"` shows its unit.
                a.points = parse_number(v).or_else(|| parse_number(v.trim().strip_suffix('分')?));
                a.points.is_some()
            }
            Col::Tolerance => {
                a.tolerance = take_number(v).and_then(|(n, rest)| Some((n, normalize_unit(rest)?)));
                a.tolerance.is_some()
            }
            Col::Scoring => {
                a.direction = Direction::from_word(v).map(|d| d.word().to_string());
                a.direction.is_some()
            }
            _ => {
                a.caliber = Some(v.to_string());
                true
            }
        };
        if !ok {
            comments.push(format!("原表“{title}”作“{v}”，读不出"));
            diags.push(Diagnostic::new(
                &codes::IMPORT_BAD_TARGET,
                format!(
                    "{}的指标“{name}”的“{title}”一格“{v}”读不出，已作为注释写入",
                    grid.row_at(r)
                ),
            ));
        }
    }
    a
}
