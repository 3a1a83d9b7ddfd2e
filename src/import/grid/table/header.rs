//! The header row of the indicator table: `一级指标 二级指标 三级指标 …`,
//! its words often split over cells (`一级`/`指标`, `年度`/`指标值`,
//! `实际`/`完成值`), and sometimes printed as two rows (永德: `年度指标值
//! 实际完成值 分值 得分 偏差原因…` above `一级指标 二级指标 三级指标
//! 指标性质 指标值 度量单位`, the second row splitting the first's 年度指标值).
//! The words are the workbook importer's ([`crate::import::xlsx::columns`]).

use super::super::cells::Cell;
use super::{Column, Header};
use crate::import::xlsx::columns::{classify, strip_letter, Col};

/// At most this many cells are joined into one header word (`年度`+`指标值`).
const MAX_JOIN: usize = 3;
/// Header cells looked at before `一级指标` for a first header row.
const MAX_LOOKBACK: usize = 12;

/// A cell's text as compared: spaces removed, full-width forms folded.
pub(super) fn key(text: &str) -> String {
    crate::model::name_key(text)
}

/// The column a header word names; `None` for a word that is no header.
pub(super) fn column_of(text: &str) -> Option<Column> {
    Some(
        match classify(strip_letter(key(text).trim_end_matches(':')))? {
            Col::Level1 => Column::Level1,
            Col::Level2 => Column::Level2,
            Col::Name => Column::Name,
            Col::Value => Column::Target,
            Col::Sense => Column::Nature,
            Col::Unit => Column::Unit,
            Col::Points => Column::Points,
            Col::Actual => Column::Actual,
            Col::Score => Column::Score,
            Col::Reason => Column::Reason,
            Col::Midterm => Column::Midterm,
            _ if OTHER_WORDS.contains(&key(text).as_str()) => Column::Other(key(text)),
            _ => return None,
        },
    )
}

/// Other titled columns some forms print: their cells become comments.
pub(crate) const OTHER_WORDS: &[&str] = &[
    "绩效标准",
    "指标解释",
    "指标说明",
    "备注",
    "评分标准",
    "评分规则",
    "计分方法",
    "指标值说明",
    "评(扣)分依据",
    "扣分原因",
    "得分计算方法",
    "评分方法",
];

/// The non-empty cells from `from` on: (index, text).
fn non_empty(cells: &[Cell], from: usize) -> impl Iterator<Item = (usize, &str)> {
    cells
        .iter()
        .enumerate()
        .skip(from)
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| (i, c.text.as_str()))
}

/// The longest run of up to [`MAX_JOIN`] non-empty cells from `from` that
/// joins into a header word: the column and the index after the run.
fn word_at(cells: &[Cell], from: usize) -> Option<(Column, usize)> {
    let run: Vec<(usize, &str)> = non_empty(cells, from).take(MAX_JOIN).collect();
    (1..=run.len()).rev().find_map(|n| {
        let joined: String = run.iter().take(n).map(|(_, t)| *t).collect();
        let last = run.get(n - 1)?.0;
        column_of(&joined).map(|c| (c, last + 1))
    })
}

/// Find the indicator table's header row: the first `一级指标` cell (or
/// `一级` + `指标`) from which 一级, 二级 and 三级 columns follow.
pub(crate) fn find_header(cells: &[Cell]) -> Option<Header> {
    let starts = cells.iter().enumerate().filter(|(_, c)| {
        let k = key(&c.text);
        k.starts_with("一级")
    });
    starts.map(|(i, _)| i).find_map(|i| header_at(cells, i))
}

fn header_at(cells: &[Cell], start: usize) -> Option<Header> {
    let mut columns = Vec::new();
    let mut at = start;
    while let Some((column, next)) = word_at(cells, at) {
        columns.push(column);
        at = next;
        if columns.len() > 20 {
            break;
        }
    }
    let has = |c: &Column| columns.contains(c);
    if !(columns.first() == Some(&Column::Level1) && has(&Column::Level2) && has(&Column::Name)) {
        return None;
    }
    let (first_row, first_start) = lookback(cells, start);
    for c in first_row {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    Some(Header {
        columns,
        start: first_start,
        end: at,
    })
}

/// The header words printed just before `一级指标` (a first header row whose
/// 年度指标值 the second row splits): their columns and where they start.
fn lookback(cells: &[Cell], start: usize) -> (Vec<Column>, usize) {
    let mut found = Vec::new();
    let mut first = start;
    let before = cells.get(..start).unwrap_or(&[]);
    for (i, cell) in before.iter().enumerate().rev().take(MAX_LOOKBACK) {
        if cell.is_empty() {
            continue;
        }
        match column_of(&cell.text) {
            Some(c) => {
                found.push(c);
                first = i;
            }
            None => break,
        }
    }
    found.reverse();
    (found, first)
}

/// The 指标值 header word printed after the cell `from` (稷山, 普陀: the
/// header's words out of order), as printed: `指标值`, `年度指标值`.
pub(super) fn later_target(cells: &[Cell], from: usize) -> Option<String> {
    (from..cells.len()).find_map(|i| match word_at(cells, i)? {
        (Column::Target, next) => Some(
            cells
                .get(i..next)?
                .iter()
                .map(|c| c.text.as_str())
                .collect::<String>(),
        ),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{split, Shape};
    use super::*;

    /// 廊坊: header words broken over lines (`年度`/`指标值`, `实际`/`完成值`).
    #[test]
    fn split_words() {
        let text = "一级指标\n\n二级指标\n\n三级指标\n\n年度\n\n指标值\n\n实际\n\n完成值\n\n分值\n\n得分\n\n偏差原因分析及改进措施\n\n产出指标";
        let cells = split(text, Shape::Lines);
        let h = find_header(&cells).unwrap();
        use Column::*;
        assert_eq!(
            h.columns,
            [Level1, Level2, Name, Target, Actual, Points, Score, Reason]
        );
        assert_eq!(cells.get(h.end).map(|c| c.text.as_str()), Some(""));
        assert_eq!(
            cells.get(h.start).map(|c| c.text.as_str()),
            Some("一级指标")
        );
    }

    /// 永德: two header rows; the second splits the first's 年度指标值.
    #[test]
    fn two_rows() {
        let text = "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 |";
        let cells = split(text, Shape::Pipe);
        let h = find_header(&cells).unwrap();
        use Column::*;
        assert_eq!(
            h.columns,
            [Level1, Level2, Name, Nature, Target, Unit, Actual, Points, Score, Reason]
        );
        assert_eq!(
            cells.get(h.start).map(|c| c.text.as_str()),
            Some("年度指标值")
        );
        assert_eq!(cells.get(h.end).map(|c| c.text.as_str()), Some("产出指标"));
    }

    /// A header without 二级/三级 columns is no indicator table.
    #[test]
    fn not_a_header() {
        let cells = split("一级指标 产出指标 数量指标", Shape::Flat);
        assert!(find_header(&cells).is_none());
    }
}
