//! Several forms in one text (大英: a page's excerpt holds the end of one
//! 自评表 and the start of the next): the text is cut before each title
//! that follows an indicator table and precedes another, each part is read
//! as one form, and the projects go into one department. A part with no
//! title of its own (the first table's tail) takes the kind and year of the
//! other forms' titles.

use super::cells::Cell;
use super::fields::{year_in, FormKind};
use super::table;
use crate::import::draft::Draft;

/// What the titles of the whole text say, for a part without a title.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Hint {
    pub kind: Option<FormKind>,
    pub year: Option<i32>,
}

fn is_title(c: &Cell) -> bool {
    !c.text.ends_with(['。', '！', '？', '；']) && FormKind::of_title(&c.text).is_some()
}

/// The parts of the text, one form each: cut at a title when an indicator
/// header comes before it (in the current part) and after it.
pub(crate) fn split(all: &[Cell]) -> Vec<&[Cell]> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (t, _) in all.iter().enumerate().filter(|(_, c)| is_title(c)) {
        let before = all.get(from..t).and_then(table::find_header);
        let after = all.get(t..).and_then(table::find_header);
        if let (Some(_), Some(_), Some(part)) = (before, after, all.get(from..t)) {
            parts.push(part);
            from = t;
        }
    }
    parts.extend(all.get(from..));
    parts
}

/// The kind and year of the first titles that give them.
pub(crate) fn hint(all: &[Cell]) -> Hint {
    let titles = || all.iter().filter(|c| is_title(c));
    Hint {
        kind: titles().find_map(|c| FormKind::of_title(&c.text)),
        year: titles().find_map(|c| year_in(&c.text)),
    }
}

/// One department of the parts' projects: its name, year and top comments
/// from the first part that has them.
pub(crate) fn merge(drafts: Vec<Draft>) -> Option<Draft> {
    let mut iter = drafts.into_iter();
    let mut merged = iter.next()?;
    for d in iter {
        if merged.name.is_none() && d.name.is_some() {
            merged.name = d.name;
            merged.comments.retain(|c| !c.contains("找不到部门名称"));
        }
        merged.year = merged.year.or(d.year);
        merged.projects.extend(d.projects);
        merged.trailing.extend(d.trailing);
        for c in d.comments {
            if !merged.comments.contains(&c) && !c.contains("找不到部门名称") {
                merged.comments.push(c);
            }
        }
    }
    Some(merged)
}

#[cfg(test)]
mod tests {
    use crate::source::FileId;

    /// 大英: the tail of one 自评表 and the head of the next in one text.
    const TWO: &str = "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90 | ||
合计 | 100 | |||||||||
部门预算项目支出绩效自评表(2023年度) | ||||||||||
项目名称 | 安可替代补助资金项目 | |||||||||
主管部门 | 大英县司法局部门 | 实施单位 | 大英县司法局 | |||||||
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
产出指标 | 质量指标 | 购买率 | = | 100 | % | 100 | 90 | 90 | ||
";

    #[test]
    fn two_forms_are_two_projects_of_one_department() {
        let all = super::super::cells::cells(TWO);
        assert_eq!(super::split(&all).len(), 2);
        let (draft, _) = super::super::import(FileId(0), None, TWO);
        let draft = draft.unwrap_or_default();
        assert_eq!(draft.name.as_deref(), Some("大英县司法局"));
        assert_eq!(draft.year, Some(2023));
        let names: Vec<&str> = draft.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["（项目名称未知）", "安可替代补助资金项目"]);
        // The first part prints no title: a 自评表 like the second, its
        // 完成值, 得分 and 合计 are kept.
        let first = draft.projects.first().and_then(|p| p.selfeval.as_ref());
        assert_eq!(first.map(|s| s.actuals.len()), Some(1));
        assert!(first.is_some_and(|s| s.total.is_some()));
    }
}
