//! Where the indicator table ends, and its 合计/总分 row.

use super::super::cells::Cell;
use super::align::is_number;
use super::header::key;
use super::values;
use crate::import::draft::DraftTotal;

/// Cells that end the table. `合计` and `总分` start its total row.
pub(crate) const TOTAL_WORDS: [&str; 3] = ["合计", "总分", "总计"];
pub(crate) const END_WORDS: [&str; 13] = [
    "评价结论",
    "其他需说明",
    "注:",
    "存在的问题",
    "说明:",
    "其他需要说明事项",
    "其他需要说明的事项",
    "财政部门审核意见",
    "项目负责人",
    "填表人",
    "财务负责人",
    "存在问题",
    "审核人",
];
/// Grades a 合计 row prints.
pub(crate) const GRADES: [&str; 8] = ["优", "良", "中", "差", "优秀", "良好", "合格", "不合格"];

fn is_total(text: &str) -> bool {
    let k = key(text);
    TOTAL_WORDS.iter().any(|w| k.starts_with(w))
}

/// Non-empty cells after an end word looked at for a 合计/总分 row.
const TOTAL_LOOKAHEAD: usize = 3;

fn is_end_word(text: &str) -> bool {
    let k = key(text);
    // `(三)存在的问题和原因`, `三、评价结论`: numbering before the word.
    let bare =
        k.trim_start_matches(|c: char| c.is_ascii_digit() || "()一二三四五六七八九、.".contains(c));
    END_WORDS
        .iter()
        .any(|w| k.starts_with(w) || bare.starts_with(w))
}

pub(super) fn is_end(text: &str) -> bool {
    let k = key(text);
    is_total(text) || is_end_word(&k)
}

/// The table's total row, when found.
pub(super) struct Found {
    pub total: Option<DraftTotal>,
    /// Its cells `[start, end)` when it was printed after an end word.
    pub later: Option<(usize, usize)>,
    /// The first cell after the table.
    pub end: usize,
}

/// The `合计`/`总分` row at `stop`, if the table ends with one: points,
/// score and grade.
pub(super) fn total(cells: &[Cell], stop: usize) -> Found {
    let none = Found {
        total: None,
        later: None,
        end: stop,
    };
    let Some(first) = cells.get(stop) else {
        return none;
    };
    if !is_total(&first.text) {
        // `其他需要说明事项 | 无 | 总分 | 100 | 96 | 优` (永德): the
        // total a few cells on; the cells before it are not the table's.
        let later = cells
            .iter()
            .enumerate()
            .skip(stop + 1)
            .filter(|(_, c)| !c.is_empty())
            .take(TOTAL_LOOKAHEAD)
            .find(|(_, c)| is_total(&c.text) && !is_end_word(&c.text));
        return match later {
            Some((at, _)) => {
                let found = total(cells, at);
                Found {
                    later: Some((at, found.end)),
                    end: stop,
                    ..found
                }
            }
            None => none,
        };
    }
    let mut total = DraftTotal::default();
    let mut end = stop + 1;
    let mut taken = 0;
    for (i, cell) in cells.iter().enumerate().skip(stop + 1) {
        if taken >= 4 {
            break;
        }
        if cell.is_empty() {
            continue;
        }
        let t = key(&cell.text);
        if is_number(&t) {
            let n = values::number(Some(&t));
            if total.points.is_none() && taken == 0 {
                total.points = n;
            } else if total.score.is_none() {
                total.score = n;
            } else {
                break;
            }
        } else if t == "等级" || t == "评价等级" {
        } else if GRADES.contains(&t.as_str()) {
            total.grade = Some(t);
        } else {
            break;
        }
        taken += 1;
        end = i + 1;
    }
    Found {
        total: Some(total),
        later: None,
        end,
    }
}
