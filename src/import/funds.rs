//! The funds grid, as read cell by cell, into entries: blank cells become
//! comments, and the form's two 其他资金 cells (project and year) collapse
//! into one value.

use super::draft::Entry;
use crate::diagnostic::{codes, Code};
use crate::vocab::FundKey;
use rust_decimal::Decimal;

/// A problem to report, where the caller knows the place.
pub(crate) struct Problem {
    pub code: &'static Code,
    pub message: String,
}

/// `values`: each keyword with the values of its cells (None = blank), in
/// the order read. `stray`: comments for text that belonged to no cell,
/// written above the first entry.
pub(crate) fn entries(
    values: &[(&'static str, Vec<Option<Decimal>>)],
    mut stray: Vec<String>,
) -> (Vec<Entry<(String, Decimal)>>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for fund in FundKey::ALL {
        let (key, form_label) = (fund.word(), fund.form_label());
        let Some((_, vs)) = values.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        let present: Vec<Decimal> = vs.iter().flatten().copied().collect();
        let mut entry = match present.last() {
            None => {
                problems.push(Problem {
                    code: &codes::IMPORT_BLANK_CELL,
                    message: format!("资金表中“{form_label}”一格为空，已略去"),
                });
                Entry::comment(format!("原表“{form_label}”一格为空"))
            }
            Some(last) => {
                let mut e = Entry::new((key.to_string(), *last));
                if present.iter().any(|v| v != last) {
                    let all: Vec<String> = present.iter().map(|v| v.to_string()).collect();
                    e.comments.push(format!(
                        "原表“{form_label}”有两格，分别为 {}；此处取年度资金一栏的数",
                        all.join(" 和 ")
                    ));
                    problems.push(Problem {
                        code: &codes::IMPORT_UNPLACED,
                        message: format!(
                            "资金表中“{form_label}”两格不同（{}），已取后者，前者写成注释",
                            all.join("、")
                        ),
                    });
                }
                e
            }
        };
        if out.is_empty() {
            entry.comments.splice(0..0, stray.drain(..));
        }
        out.push(entry);
    }
    if !stray.is_empty() {
        out.push(Entry {
            comments: stray,
            value: None,
        });
    }
    (out, problems)
}

/// A money unit written right after a number of the funds grid (`10000万元`,
/// `9.0682 万元`; issue 18: a unit on the line below its label was lost and the
/// number read in the grid's unit; `1.2亿`, `854万` in a funds cell are 亿元 and
/// 万元): the number in the grid's unit, exactly, and
/// the text after the unit. `None` when no money unit follows, or when the
/// number would not fit (the unit is then left as text and reported).
pub(crate) fn money_in_grid<'a>(
    n: Decimal,
    rest: &'a str,
    grid: &str,
) -> Option<(Decimal, &'a str)> {
    let after = rest.trim_start();
    let len = after
        .char_indices()
        .take_while(|(_, c)| !c.is_whitespace() && !c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| after.get(..end).is_some_and(|u| money(u).is_money()))
        .last()?;
    let unit = money(after.get(..len)?);
    let grid = crate::model::Unit::from_written(grid);
    if !grid.is_money() || grid.factor().is_zero() {
        return None;
    }
    let value = n
        .checked_mul(unit.factor())?
        .checked_div(grid.factor())?
        .normalize();
    Some((value, after.get(len..).unwrap_or("")))
}

/// A money unit as written in a funds cell, where a bare magnitude word is
/// money: `万` is 万元, `亿` is 亿元.
fn money(written: &str) -> crate::model::Unit {
    match written.trim() {
        "万" => crate::model::Unit::from_written("万元"),
        "亿" => crate::model::Unit::from_written("亿元"),
        w => crate::model::Unit::from_written(w),
    }
}
