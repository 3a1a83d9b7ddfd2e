//! One row of the table: a 三级 indicator and its printed 自评 values, a
//! fourth-level `其中…` row, or a name without values.

use super::super::super::cells::Cell;
use super::super::align::{Assignment, Mode};
use super::super::header::key;
use super::super::levels;
use super::super::values::{self, RowCells};
use super::{cell_index, layout_error, span, Reader};
use crate::diagnostic::{codes, Diagnostic};
use crate::import::draft::{DraftActual, DraftAttributes, DraftIndicator, Entry};

impl Reader<'_> {
    pub(super) fn row(&mut self, at: usize, a: &Assignment) -> Result<(), Diagnostic> {
        let Some(cell) = self.cell(at).cloned() else {
            return Ok(());
        };
        let raw = cell.text.trim();
        let mut row = RowCells::default();
        for (k, c) in a.columns.iter().enumerate() {
            if let Some(kind) = self.columns.get(*c) {
                row.put(kind, self.text(at + 1 + k));
            }
        }
        if let (Mode::Flat, Some(rule)) = (self.mode, row.reason.filter(|r| is_scoring_rule(r))) {
            // Flattened text: a scoring rule after 得分 is a merged
            // 得分计算方法 cell (历城), no reason.
            row.reason = None;
            row.other.insert(0, ("得分计算方法".to_string(), rule));
        }
        let values_text: Vec<&str> = (1..=a.columns.len()).map(|k| self.text(at + k)).collect();
        if a.columns.is_empty() && levels::is_placeholder(raw) {
            let group = self.level2.clone().or(self.level1.clone());
            self.placeholders.push((group, raw.to_string(), cell.line));
            return Ok(());
        }
        if key(raw).starts_with("其中") {
            return self.fourth_level(&cell, &values_text);
        }
        let Some(target_cell) = row.target.filter(|_| !a.columns.is_empty()) else {
            if a.columns.is_empty() {
                self.lone.push(cell_index(self.items, at));
            }
            let text = std::iter::once(raw)
                .chain(values_text.iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            self.unplaced(&cell, format!("原表一行“{text}”没有指标值，未写入"));
            return Ok(());
        };
        let Some(level1) = self.level1.clone() else {
            return Err(layout_error(
                self.cells,
                cell_index(self.items, at),
                "一级指标",
            ));
        };
        let mut comments = Vec::new();
        let mut name = raw.to_string();
        if let Some(stripped) = name.strip_prefix('★') {
            comments.push("原表在名称前标有“★”".to_string());
            name = stripped.trim().to_string();
        }
        if let Some((stripped, prefix)) = levels::template_prefix(&name) {
            comments.push(format!("原表名称前有模板编号“{prefix}”"));
            name = stripped.to_string();
        }
        let level2 = match self.level2.clone() {
            Some(l2) => l2,
            None => {
                self.diags.push(
                    Diagnostic::new(
                        &codes::IMPORT_GUESSED,
                        format!("指标“{name}”前没有二级指标，按一级指标“{level1}”分组"),
                    )
                    .label(span(&cell), ""),
                );
                self.level2 = Some(level1.clone());
                level1.clone()
            }
        };
        if a.ambiguous {
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_GUESSED,
                    format!(
                        "指标“{name}”一行的“{}”归入哪一列有不止一种读法，按列的类型推断",
                        values_text.join(" ")
                    ),
                )
                .label(span(&cell), "")
                .help("请对照原表核对这一行的指标值、完成值、分值和得分"),
            );
            comments.push("这一行各格的归属是按类型推断的，请核对".to_string());
        }
        for (title, text) in &row.other {
            comments.push(format!("原表“{title}”：{text}"));
        }
        let (target, problem) = values::target(target_cell, row.nature, row.unit);
        if let Some(p) = problem {
            comments.push(p.comment);
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_BAD_TARGET,
                    format!("指标“{name}”的{}", p.message),
                )
                .label(span(&cell), "")
                .help("请按原表改写这个指标值"),
            );
        }
        let points = values::number(row.points);
        let actual = row.actual.map(|a| values::actual(a, &target));
        let attributes = DraftAttributes {
            points,
            midterm: row
                .midterm
                .map(|m| values::target(m, row.nature, row.unit).0),
            ..DraftAttributes::default()
        };
        self.table.indicators.push(
            Entry::new(DraftIndicator {
                level1,
                level2,
                name: name.clone(),
                target,
                attributes,
            })
            .with_comments(comments),
        );
        if let (Mode::Flat, Some(reason)) = (self.mode, row.reason) {
            // Flattened text: a text after 得分 may as well be another
            // column's merged cell (历城's 得分计算方法).
            self.diags.push(
                Diagnostic::new(
                    &codes::IMPORT_GUESSED,
                    format!("指标“{name}”得分后面的“{reason}”按位置推断为偏差原因"),
                )
                .label(span(&cell), "")
                .help("文本里空格子没有了，请对照原表核对这是不是偏差原因"),
            );
        }
        let printed = row.actual.is_some() || row.score.is_some() || row.reason.is_some();
        if self.self_eval && (printed || points.is_some()) {
            self.table.actuals.push(Entry::new(DraftActual {
                name,
                value: actual,
                points,
                score: values::number(row.score),
                reason: row.reason.map(str::to_string),
            }));
        }
        Ok(())
    }

    /// `其中桃树种植面积 | 1.5亩 | 1.5亩` (萧县): a fourth level the
    /// language has not; a comment under the indicator above.
    fn fourth_level(&mut self, cell: &Cell, values: &[&str]) -> Result<(), Diagnostic> {
        let text = std::iter::once(cell.text.trim())
            .chain(values.iter().copied())
            .collect::<Vec<_>>()
            .join(" | ");
        let comment = format!("原表第四级指标：{text}");
        match self.table.indicators.last_mut() {
            Some(last) => last.comments.push(comment.clone()),
            None => self.table.trailing.push(comment.clone()),
        }
        self.diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!(
                    "第 {} 行“{}”是第四级指标（jixiao 只有三级），已作为注释写在上一个指标处",
                    cell.line,
                    cell.text.trim()
                ),
            )
            .label(span(cell), "")
            .help("需要时把它写成单独的三级指标"),
        );
        Ok(())
    }

    fn unplaced(&mut self, cell: &Cell, comment: String) {
        self.table.trailing.push(comment.clone());
        self.diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!("第 {} 行：{comment}", cell.line),
            )
            .label(span(cell), "")
            .help("请对照原表补上这一行"),
        );
    }
}

/// `定量指标计算:完成值达到指标值,记满分;…`: how a score is computed.
fn is_scoring_rule(text: &str) -> bool {
    text.contains("指标计算")
        || text.contains("分值") && ["记分", "计分", "记满分"].iter().any(|w| text.contains(w))
}
