//! Group weights printed in the 一级/二级 cells, as the forms print them
//! (`产出指标（50分）`, `产出指标(50分)`) and as `jixiao report --xlsx`
//! writes the `产出指标 分值 50 { … }` of a declaration.

use super::Grid;
use crate::diagnostic::{codes, Diagnostic};
use crate::import::target::parse_number;
use rust_decimal::Decimal;

/// `产出指标（50分）` → (`产出指标`, 50). The name alone is never empty.
pub(crate) fn split(cell: &str) -> Option<(&str, Decimal)> {
    let t = cell.trim();
    let inner = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let name = inner.get(..open)?.trim_end();
    let paren = inner.get(open..)?;
    let number = paren
        .trim_start_matches(['（', '('])
        .trim()
        .strip_suffix('分')?;
    let points = parse_number(number)?;
    (!name.is_empty()).then_some((name, points))
}

/// The weights read so far of one project's first-level groups.
#[derive(Default)]
pub(crate) struct Weights {
    pub level1: Vec<(String, Decimal)>,
}

impl Weights {
    /// The 一级指标 cell at row `r`: its name, with a printed weight kept.
    /// A second, different weight for the same group is a comment and a
    /// warning.
    pub fn level1(
        &mut self,
        grid: &Grid,
        r: usize,
        cell: &str,
        comments: &mut Vec<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let Some((name, points)) = split(cell) else {
            return cell.to_string();
        };
        match self.level1.iter().find(|(n, _)| n == name) {
            None => self.level1.push((name.to_string(), points)),
            Some((_, p)) if *p == points => {}
            Some((_, p)) => {
                comments.push(format!(
                    "原表此处“{cell}”与前面的 {} 分不同，只保留前者",
                    p.normalize()
                ));
                diags.push(Diagnostic::new(
                    &codes::IMPORT_UNPLACED,
                    format!(
                        "{}的一级指标“{name}”另印有分值 {}，与前面的 {} 分不同，已作为注释写入",
                        grid.row_at(r),
                        points.normalize(),
                        p.normalize()
                    ),
                ));
            }
        }
        name.to_string()
    }

    /// The 二级指标 cell at row `r`: its name. A printed weight has no place
    /// in the import yet (only first-level weights are carried): a comment
    /// and a warning.
    pub fn level2(
        grid: &Grid,
        r: usize,
        cell: &str,
        comments: &mut Vec<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let Some((name, points)) = split(cell) else {
            return cell.to_string();
        };
        comments.push(format!(
            "原表二级指标“{name}”印有分值 {}，请在该分组后手工写“分值 {}”",
            points.normalize(),
            points.normalize()
        ));
        diags.push(
            Diagnostic::new(
                &codes::IMPORT_UNPLACED,
                format!(
                    "{}的二级指标“{name}”印有分值 {}，导入暂不能写入二级分组的分值，已作为注释写入",
                    grid.row_at(r),
                    points.normalize()
                ),
            )
            .help(format!(
                "在导入结果中把“{name} {{”改成“{name} 分值 {} {{”",
                points.normalize()
            )),
        );
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_in_names() {
        assert_eq!(
            split("产出指标（50分）"),
            Some(("产出指标", Decimal::from(50)))
        );
        assert_eq!(
            split("满意度指标 (10.5 分)"),
            Some(("满意度指标", Decimal::new(105, 1)))
        );
        assert_eq!(split("产出指标"), None);
        assert_eq!(split("（50分）"), None);
        assert_eq!(split("效益指标（社会）"), None);
    }
}
