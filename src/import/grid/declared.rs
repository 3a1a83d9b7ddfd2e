//! A 申报表's funds above the indicator table: `label value` pairs
//! (`年度资金总额:` `854万(…)`), written as the 资金 block.

use super::budget::{row_key, unit_in, HEADINGS};
use super::Cells;
use crate::import::draft::Entry;
use crate::import::target::take_number;
use crate::vocab::{BudgetRowKey, FundKey};
use rust_decimal::Decimal;

/// A row of the 资金 block: (keyword, amount in the grid's unit).
type FundEntry = Entry<(String, Decimal)>;

/// A 申报表's funds: `年度资金总额:` `854万(…)`, `年度资金总额:50万`,
/// `其中:财政拨款` `854万…` — a row label and the number that starts its
/// value (the text after the number is a comment on the line). Rows
/// without a number are left to the leftovers.
pub(crate) fn read_declared(
    cells: &mut Cells,
    range: std::ops::Range<usize>,
) -> (Vec<FundEntry>, String) {
    let end = range.end;
    // (entry, number as printed, the text after it): converted into the
    // grid's unit once that is known.
    let mut read: Vec<(FundEntry, Decimal, String)> = Vec::new();
    let mut own_unit: Option<&'static str> = None;
    for i in range.clone() {
        if cells.is_used(i) {
            continue;
        }
        let text = cells.text(i).to_string();
        let (label, inline) = match text.split_once([':', '：']) {
            Some((l, v)) if !v.trim().is_empty() && fund_of(l).is_some() => {
                (l.to_string(), Some(v.trim().to_string()))
            }
            _ => (text.clone(), None),
        };
        let Some((key, alias)) = fund_of(&label) else {
            continue;
        };
        let at = match &inline {
            Some(_) => i,
            None => match cells.next_filled(i + 1, end) {
                Some(n) if !cells.is_used(n) && row_key(cells.text(n)).is_none() => n,
                _ => continue,
            },
        };
        let mut value = inline.unwrap_or_else(|| cells.text(at).to_string());
        // A unit wrapped into the next cell (`10000` / `万元`): the amount's.
        let wrapped = cells
            .next_filled(at + 1, end)
            .filter(|&n| !cells.is_used(n) && is_money_word(cells.text(n)));
        if let (Some(n), Some((_, ""))) = (wrapped, take_number(&value)) {
            value.push_str(cells.text(n).trim());
            cells.use_cell(n);
        }
        let Some((number, rest)) = take_number(&value) else {
            continue;
        };
        let (own, after) = money_unit(rest);
        if own_unit.is_none() {
            own_unit = own;
        }
        cells.use_cell(i);
        cells.use_cell(at);
        let mut e = Entry::new((key.to_string(), number));
        if alias {
            e.comments.push(format!(
                "原表栏目“{}”，按{key}读",
                super::fields::key(&label)
            ));
        }
        if !after.trim().is_empty() {
            e.comments
                .push(format!("原表“{}”一格：{value}", super::fields::key(&label)));
        }
        read.push((e, number, rest.to_string()));
    }
    // The grid's heading: `资金情况 (万元)`.
    let heading = range.clone().find(|&i| {
        let k = super::fields::key(cells.text(i));
        !cells.is_used(i) && HEADINGS.iter().any(|h| k.starts_with(h))
    });
    // Taken when it gave the unit (`资金情况 (万元)`); `预算执行情况(10分)`
    // says more, and stays as a comment.
    if let (Some(h), false) = (heading, read.is_empty()) {
        if unit_in(cells.text(h)).is_some() {
            cells.use_cell(h);
        }
    }
    let unit = heading
        .and_then(|h| unit_in(cells.text(h)))
        .or(own_unit)
        .or_else(|| range.clone().find_map(|i| unit_in(cells.text(i))))
        .unwrap_or("元");
    // Each amount in the grid's unit, exactly: `1.2亿` under a 万元 heading
    // is 12,000 万元, `500元` is 0.05 万元 (a number with no unit of its own
    // is in the grid's unit).
    let funds = read
        .into_iter()
        .map(|(mut e, number, rest)| {
            let converted = crate::import::funds::money_in_grid(number, &rest, unit);
            if let (Some((v, _)), Some(value)) = (converted, e.value.as_mut()) {
                value.1 = v;
            }
            e
        })
        .collect();
    (funds, unit.to_string())
}

/// Labels of fund rows on 申报表 and 审批表 that the language spells
/// otherwise.
const ALIASES: &[(&str, FundKey)] = &[
    // 湘潭 2023: the year's budget, beside `该项目支出上级资金`.
    ("年度本级预算金额", FundKey::AnnualRequest),
    // 奉节 2023: `项目总预算 65 | 当年年度预算 65 | 其中:其它资金 0`.
    ("项目总预算", FundKey::Total),
    ("当年年度预算", FundKey::AnnualRequest),
    ("其它资金", FundKey::Other),
];

/// A fund row's word, and whether the form spells it in a way the language
/// has not (see [`ALIASES`]).
fn fund_of(label: &str) -> Option<(&'static str, bool)> {
    if let Some(word) = row_key(label).and_then(|k| fund_word(&k)) {
        return Some((word, false));
    }
    let k = super::fields::key(label);
    let k = k.strip_prefix("其中:").unwrap_or(&k);
    ALIASES
        .iter()
        .find(|(a, _)| *a == k)
        .map(|(_, f)| (f.word(), true))
}

/// The 资金 block's word for a row: `年度资金总额` is the year's request.
fn fund_word(printed: &str) -> Option<&'static str> {
    match BudgetRowKey::from_word(printed)? {
        k if k.is_total() => Some(FundKey::AnnualRequest.word()),
        BudgetRowKey::Fund(f) => Some(f.word()),
        BudgetRowKey::Line(_) => None,
    }
}

/// A cell that is only a money unit: `万元`, `元`, `万`, `亿元`, `亿`.
fn is_money_word(text: &str) -> bool {
    matches!(text.trim(), "万元" | "元" | "万" | "亿元" | "亿")
}

/// `万`/`万元`/`元` after a number (the grid's unit when no heading gives
/// one; `亿` makes a 万元 grid), and the rest.
fn money_unit(rest: &str) -> (Option<&'static str>, &str) {
    for (word, unit) in [
        ("万元", "万元"),
        ("万", "万元"),
        ("亿元", "万元"),
        ("亿", "万元"),
        ("元", "元"),
    ] {
        if let Some(r) = rest.strip_prefix(word) {
            return (Some(unit), r);
        }
    }
    (None, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::cells::cells;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn yueyang_declared_funds() {
        // 岳阳县 2022 申报表: values with 万 and an explanation after them.
        let text =
            "资金情况 (万元)\n\n年度资金总额:\n\n854万(高标准农田建设400万元)\n\n其中:财政拨款\n\n\
                    854万854万(高标准农田建设400万元)\n\n其他资金\n\n总体目标\n";
        let all = cells(text);
        let mut c = Cells::new(&all);
        let (funds, unit) = read_declared(&mut c, 0..all.len());
        assert_eq!(unit, "万元");
        let values: Vec<(String, Decimal)> = funds.iter().filter_map(|f| f.value.clone()).collect();
        assert_eq!(
            values,
            [
                ("年度申请".to_string(), d("854")),
                ("当年拨款".to_string(), d("854"))
            ]
        );
        assert_eq!(
            funds.get(1).map(|f| f.comments.clone()),
            Some(vec![
                "原表“其中:财政拨款”一格：854万854万(高标准农田建设400万元)".to_string()
            ])
        );
        // 武川 2021: the value in the label's cell.
        let all = cells("年度资金总额:50万 | 中央衔接推进乡村振兴补助资金50 |");
        let mut c = Cells::new(&all);
        let (funds, unit) = read_declared(&mut c, 0..all.len());
        assert_eq!(
            (funds.first().and_then(|f| f.value.clone()), unit.as_str()),
            (Some(("年度申请".to_string(), d("50"))), "万元")
        );
    }

    /// Amounts keep their magnitude: `1.2亿` under a 万元 heading was
    /// written `年度申请 1.2 万元` (10⁴ too small); `500元` was 500 万元.
    #[test]
    fn amounts_convert_into_the_grid_unit() {
        let all = cells("资金情况 (万元) | 年度资金总额: | 1.2亿 | 其中:财政拨款 | 500元 |");
        let mut c = Cells::new(&all);
        let (funds, unit) = read_declared(&mut c, 0..all.len());
        let values: Vec<_> = funds.iter().filter_map(|f| f.value.clone()).collect();
        assert_eq!(unit, "万元");
        assert_eq!(
            values,
            [
                ("年度申请".to_string(), d("12000")),
                ("当年拨款".to_string(), d("0.05"))
            ]
        );
    }

    /// A unit wrapped into the cell below its amount (one cell per line:
    /// `250` / `万元` under a 元 heading) was left as an unplaced comment and
    /// the amount read as 250 元.
    #[test]
    fn a_unit_in_the_next_cell_is_the_amounts() {
        let all = cells("单位:元 | 年度资金总额: | 250 | 万元 | 其他资金 | 0 |");
        let mut c = Cells::new(&all);
        let (funds, unit) = read_declared(&mut c, 0..all.len());
        let values: Vec<_> = funds.iter().filter_map(|f| f.value.clone()).collect();
        // 250 万元 either way: the grid takes the first unit written.
        assert_eq!(unit, "万元");
        assert_eq!(values.first(), Some(&("年度申请".to_string(), d("250"))));
    }
}
