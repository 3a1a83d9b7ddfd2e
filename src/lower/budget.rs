//! Lowering the budget section of a 自评 project (`预算 { … }`, issue 17):
//! rows and their cells → [`BudgetRow`]s; the total row's 全年 and 执行 are
//! also the project's `预算` and `执行`.

use super::actuals::quantity;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::evaluation::{BudgetRow, Printed, ProjectActuals};
use crate::model::Amount;
use crate::source::{Node, Span};
use crate::syntax::eval_ast::{BudgetCellLit, BudgetRowLit};
use crate::vocab::BudgetColumn;
use rust_decimal::Decimal;

/// The rows of one `预算 { … }` block into `pa`. A second block is a
/// duplicate: each row is written once, in one block.
pub(super) fn rows(
    block: &Node<Vec<BudgetRowLit>>,
    first_block: &mut Option<Span>,
    pa: &mut ProjectActuals,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(first) = first_block {
        diags.push(twice("预算栏写了两次".into(), *first, block.span));
        return;
    }
    *first_block = Some(block.span);
    for lit in &block.node {
        let same_row = pa
            .rows
            .iter()
            .find(|r| r.row == lit.key.node || (r.row.is_total() && lit.key.node.is_total()));
        if let Some(prev) = same_row {
            diags.push(twice(
                format!("预算栏的“{}”行写了两次", lit.key.node.label()),
                prev.name_span,
                lit.key.span,
            ));
            continue;
        }
        let row = row(lit, diags);
        if row.row.is_total() {
            total_into(&row, pa, diags);
        }
        pa.rows.push(row);
    }
}

/// One row: each column once, amounts in money, printed numbers checked.
fn row(lit: &BudgetRowLit, diags: &mut Vec<Diagnostic>) -> BudgetRow {
    let mut row = BudgetRow {
        row: lit.key.node,
        initial: None,
        adjusted: None,
        spent: None,
        points: None,
        rate: None,
        score: None,
        span: lit.span,
        name_span: lit.key.span,
    };
    let mut seen: Vec<(BudgetColumn, Span)> = Vec::new();
    for cell in &lit.cells {
        let column = cell.column.node;
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == column) {
            let message = format!(
                "预算栏“{}”行的“{}”写了两次",
                lit.key.node.label(),
                column.word()
            );
            diags.push(twice(message, *first, cell.column.span));
            continue;
        }
        seen.push((column, cell.column.span));
        match column {
            BudgetColumn::Initial => row.initial = amount(lit, cell, diags),
            BudgetColumn::Adjusted => row.adjusted = amount(lit, cell, diags),
            BudgetColumn::Spent => row.spent = amount(lit, cell, diags),
            BudgetColumn::Points => row.points = points(lit, cell, diags),
            BudgetColumn::Score => row.score = points(lit, cell, diags),
            BudgetColumn::Rate => row.rate = rate(lit, cell, diags),
        }
    }
    row
}

/// The total row's 全年 and 执行 are the project's 预算 and 执行: written
/// once, on a line or in the row.
fn total_into(row: &BudgetRow, pa: &mut ProjectActuals, diags: &mut Vec<Diagnostic>) {
    for (cell, slot, what) in [
        (&row.adjusted, &mut pa.budget, ("全年预算数", "预算")),
        (&row.spent, &mut pa.spent, ("全年执行数", "执行")),
    ] {
        let Some(a) = cell else { continue };
        if let Some(prev) = slot {
            let (name, line) = what;
            let message = format!("{name}写了两次：“{line}”一行与预算栏的年度资金总额行");
            diags.push(twice(message, prev.span, a.span));
            continue;
        }
        *slot = Some(a.clone());
    }
}

/// JX-M002: something of the budget section written twice.
fn twice(message: String, first: Span, again: Span) -> Diagnostic {
    Diagnostic::new(&codes::DUPLICATE_FIELD, message)
        .label(again, "第二次")
        .label(first, "第一次")
        .help("每一项只写一次；删去多余的一处")
}

/// 年初, 全年, 执行: an amount of money, not negative.
fn amount(lit: &BudgetRowLit, cell: &BudgetCellLit, diags: &mut Vec<Diagnostic>) -> Option<Amount> {
    let (row, column) = (lit.key.node.label(), cell.column.node.word());
    let q = quantity(&cell.value.node, cell.value.span, diags);
    if !q.unit.is_money() {
        diags.push(
            Diagnostic::new(
                &codes::ACTUAL_UNIT,
                format!("预算栏“{row}”行的“{column}”应是金额，写的是“{q}”"),
            )
            .label(cell.value.span, "这里")
            .help(format!("写成金额并带单位，如“{column} 251.89 万元”")),
        );
        return None;
    }
    if q.value.is_sign_negative() && !q.value.is_zero() {
        diags.push(
            Diagnostic::new(
                &codes::NEGATIVE_FUNDS,
                format!("预算栏“{row}”行的“{column}”是负数：{q}"),
            )
            .label(cell.value.span, "这里")
            .help("预算数、执行数不能为负；核减、退回的资金从执行数中减去后再填"),
        );
    }
    Some(Amount {
        quantity: q,
        span: cell.value.span,
    })
}

/// 分值, 得分 as printed: a number (`分` may follow), not negative.
fn points(
    lit: &BudgetRowLit,
    cell: &BudgetCellLit,
    diags: &mut Vec<Diagnostic>,
) -> Option<Printed> {
    let q = quantity(&cell.value.node, cell.value.span, diags);
    let plain = q.unit.is_none() || q.unit.text() == "分";
    if plain && !q.value.is_sign_negative() {
        return Some(Printed {
            value: q.value,
            span: cell.value.span,
        });
    }
    let column = cell.column.node.word();
    diags.push(
        Diagnostic::new(
            &codes::ACTUAL_KIND,
            format!(
                "预算栏“{}”行的“{column}”应是不为负的分数，写的是“{q}”",
                lit.key.node.label()
            ),
        )
        .label(cell.value.span, "这里")
        .help(format!("照表上印的写分数，如“{column} 10”")),
    );
    None
}

/// 执行率 as printed: a percentage (`100.00%`) or a ratio (`1`), kept as a
/// fraction with the printed precision (`100.00%` → `1.0000`).
fn rate(lit: &BudgetRowLit, cell: &BudgetCellLit, diags: &mut Vec<Diagnostic>) -> Option<Printed> {
    let q = quantity(&cell.value.node, cell.value.span, diags);
    let fraction = if q.unit.is_percent() {
        percent_fraction(q.value)
    } else if q.unit.is_none() {
        Some(q.value)
    } else {
        None
    };
    match fraction {
        Some(value) if !value.is_sign_negative() => Some(Printed {
            value,
            span: cell.value.span,
        }),
        _ => {
            diags.push(
                Diagnostic::new(
                    &codes::ACTUAL_KIND,
                    format!(
                        "预算栏“{}”行的“执行率”应是不为负的百分数或比率，写的是“{q}”",
                        lit.key.node.label()
                    ),
                )
                .label(cell.value.span, "这里")
                .help("照表上印的写，如“执行率 100.00%”或“执行率 1”"),
            );
            None
        }
    }
}

/// A percentage as a fraction with two more decimals: every printed digit
/// kept (`99%` → `0.99`, `100.00%` → `1.0000`).
fn percent_fraction(pct: Decimal) -> Option<Decimal> {
    let scale = pct.scale().checked_add(2)?;
    if scale <= 28 {
        Some(Decimal::from_i128_with_scale(pct.mantissa(), scale))
    } else {
        pct.checked_div(Decimal::ONE_HUNDRED)
    }
}

#[cfg(test)]
mod tests {
    use super::percent_fraction;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn a_percentage_keeps_its_printed_digits() {
        let f = |s: &str| {
            percent_fraction(Decimal::from_str(s).unwrap())
                .unwrap()
                .to_string()
        };
        assert_eq!(f("100.00"), "1.0000");
        assert_eq!(f("99"), "0.99");
        assert_eq!(f("102.59"), "1.0259");
        assert_eq!(f("0.00"), "0.0000");
    }
}
