//! The header row of the indicator table and what each column holds.
//! Keep docs/import.md in step with [`classify`].

use super::Grid;
use crate::vocab::ProjectField;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    /// 项目名称: one table for many projects.
    Project,
    Level1,
    Level2,
    /// 三级指标: the indicator's name.
    Name,
    /// 指标值: the target, inline (`≥95%`) or just the number.
    Value,
    /// 指标方向 / 指标性质: `≥`, `大于等于`, `正向`, `004 >=`, `定性`.
    Sense,
    /// 度量单位: `%`, `百分比`, `元`, `次` …
    Unit,
    Nature,
    Category,
    Competent,
    Implementer,
    /// 中期指标值: the target at the middle of a multi-year project.
    Midterm,
    /// 分值, 容差, 计分方向, 口径: indicator attributes (the columns
    /// `jixiao report --xlsx` adds when indicators have them).
    Points,
    Tolerance,
    Scoring,
    Caliber,
    /// 实际完成值: the column that makes the table a 自评表's; with it,
    /// 分值 and 得分 are what the form printed (`src/import/xlsx/selfeval.rs`).
    Actual,
    Score,
    /// 偏差原因分析及改进措施.
    Reason,
    /// 表内分值, 表内得分: the printed ones beside jixiao's computed ones
    /// (`jixiao report --xlsx` of a 自评 with printed values).
    PrintedPoints,
    PrintedScore,
    /// Any other titled column: its cells go into comments.
    Other,
}

impl Col {
    /// A column only a 自评表 reads.
    pub fn is_selfeval(self) -> bool {
        matches!(
            self,
            Col::Actual | Col::Score | Col::Reason | Col::PrintedPoints | Col::PrintedScore
        )
    }
}

/// A label as compared: white space removed, full-width forms folded.
fn key(text: &str) -> String {
    crate::model::name_key(text)
}

/// The kind of a header cell, by its text.
pub(crate) fn classify(text: &str) -> Option<Col> {
    let k = key(text);
    let k = k.trim_end_matches(':');
    Some(match k {
        "项目名称" => Col::Project,
        "一级指标" | "一级指标名称" => Col::Level1,
        "二级指标" | "二级指标名称" => Col::Level2,
        "三级指标" | "三级指标名称" | "指标名称" => Col::Name,
        "指标值"
        | "年度指标值"
        | "目标值"
        | "年度目标值"
        | "指标目标值"
        | "绩效指标值"
        | "年度绩效指标值"
        | "年度(/项目)指标值"
        | "年度/项目指标值"
        | "指标值(含单位)"
        | "绩效目标值"
        | "预期目标值"
        | "预期指标值"
        | "年初目标值"
        | "年度指标值(含单位)"
        | "指标值及单位" => Col::Value,
        "指标方向" | "指标性质" | "运算符号" | "运算符" | "比较符" | "比较符号" | "计算符号"
        | "指标值方向" | "方向" | "指标类型" | "指标值类型" | "符号" => {
            Col::Sense
        }
        "度量单位" | "计量单位" | "单位" | "指标单位" | "指标值单位" | "度量单位(单位)" => {
            Col::Unit
        }
        "中期指标值" | "中期目标值" | "中期绩效指标值" => Col::Midterm,
        "分值" | "指标分值" | "权重" | "指标权重" => Col::Points,
        "容差" => Col::Tolerance,
        "计分方向" => Col::Scoring,
        "口径" | "指标口径" | "统计口径" => Col::Caliber,
        "实际完成值"
        | "完成值"
        | "全年实际值"
        | "实际完成情况"
        | "实际值"
        | "年度实际完成值"
        | "全年实际完成值"
        | "实际完成指标值" => Col::Actual,
        "得分" | "指标得分" | "自评得分" | "评分" => Col::Score,
        "偏差原因分析及改进措施"
        | "偏差原因"
        | "偏差原因分析"
        | "未完成原因分析"
        | "未完成原因及拟采取的改进措施"
        | "未完成原因"
        | "原因" => Col::Reason,
        "表内分值" => Col::PrintedPoints,
        "表内得分" => Col::PrintedScore,
        "项目性质" => Col::Nature,
        "项目类别" => Col::Category,
        w if w == ProjectField::Competent.word() => Col::Competent,
        w if w == ProjectField::Implementer.word() => Col::Implementer,
        "" => return None,
        _ => Col::Other,
    })
}

/// `预期指标值(A)` → `预期指标值`: the letter a form's formulas use.
pub(crate) fn strip_letter(k: &str) -> &str {
    k.strip_suffix(')')
        .and_then(|r| r.strip_suffix(|c: char| c.is_ascii_uppercase()))
        .and_then(|r| r.strip_suffix('('))
        .unwrap_or(k)
}

/// A header row: its index and its columns (index, kind, title).
pub(crate) struct Header {
    pub row: usize,
    pub cols: Vec<(usize, Col, String)>,
}

impl Header {
    pub fn has(&self, c: Col) -> bool {
        self.cols.iter().any(|(_, k, _)| *k == c)
    }
    pub fn col(&self, c: Col) -> Option<usize> {
        self.cols
            .iter()
            .find(|(_, k, _)| *k == c)
            .map(|(i, _, _)| *i)
    }
    /// A 自评表's indicator table (it has a 实际完成值 column).
    pub fn is_selfeval(&self) -> bool {
        self.has(Col::Actual)
    }
    pub fn all(&self, c: Col) -> impl Iterator<Item = usize> + '_ {
        self.cols
            .iter()
            .filter(move |(_, k, _)| *k == c)
            .map(|(i, _, _)| *i)
    }
}

/// The first row with 一级指标, 二级指标 and 三级指标 columns.
pub(crate) fn find_header(grid: &Grid) -> Option<Header> {
    find_header_in(grid, 0..grid.cells.len())
}

/// The first header row in `rows`.
pub(crate) fn find_header_in(grid: &Grid, rows: std::ops::Range<usize>) -> Option<Header> {
    let skip = rows.start;
    let take = rows.end.saturating_sub(rows.start);
    grid.cells
        .iter()
        .enumerate()
        .skip(skip)
        .take(take)
        .find_map(|(r, row)| {
            let cols: Vec<(usize, Col, String)> = row
                .iter()
                .enumerate()
                .filter_map(|(i, t)| classify(t).map(|c| (i, c, t.clone())))
                .collect();
            let header = Header { row: r, cols };
            (header.has(Col::Level1) && header.has(Col::Level2) && header.has(Col::Name))
                .then_some(header)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(classify("一级指标"), Some(Col::Level1));
        assert_eq!(classify("年度（/项目）指标值"), Some(Col::Value));
        assert_eq!(classify("度量单位"), Some(Col::Unit));
        assert_eq!(classify("指标性质"), Some(Col::Sense));
        assert_eq!(classify("备注"), Some(Col::Other));
        assert_eq!(classify(" "), None);
        assert_eq!(classify("权重"), Some(Col::Points));
        assert_eq!(classify("实际 完成值"), Some(Col::Actual));
        assert_eq!(classify("指标值"), Some(Col::Value));
        assert_eq!(
            classify(strip_letter("实际完成指标值(B)")),
            Some(Col::Actual)
        );
        assert_eq!(classify("未完成原因及拟采取的改进措施"), Some(Col::Reason));
    }
}
