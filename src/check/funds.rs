//! 资金 (JX-F): the arithmetic of the funds grid.
//!
//! 总额 = 财政资金 + 其他资金; 财政资金 = 当年拨款 + 上年结转; 年度申请 ≤ 总额;
//! no negative amounts; every amount in money.
//!
//! Blank cells: a sum is checked only when its total and at least one of its
//! parts are written; a blank part then counts as 0, as on the paper form.
//! A blank 财政资金 inside 总额 = 财政资金 + 其他资金 counts as 当年拨款 +
//! 上年结转 when those are written (the form's own breakdown of it). So the
//! seed's project 2 (财政资金 blank, 当年拨款 0, 其他资金 200,000 = 总额) is
//! consistent and reports nothing.

use super::units::too_large_in_yuan;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::yuan;
use crate::model::{Amount, Project};
use crate::source::Span;
use crate::vocab::FundKey;
use rust_decimal::Decimal;

/// One cell of the grid, read for arithmetic.
#[derive(Clone, Copy)]
enum Cell {
    Blank,
    /// Written but not usable (not money, or overflow): sums are skipped.
    Unusable,
    Yuan(Decimal, Span),
}

fn cell(a: Option<&Amount>) -> Cell {
    match a {
        None => Cell::Blank,
        Some(a) => match a.quantity.yuan() {
            Some(v) => Cell::Yuan(v, a.span),
            None => Cell::Unusable,
        },
    }
}

impl Cell {
    fn written(self) -> bool {
        !matches!(self, Cell::Blank)
    }
    fn shown(self) -> String {
        match self {
            Cell::Yuan(v, _) => yuan(v),
            _ => "未填（按 0 计）".into(),
        }
    }
}

pub(super) fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    let f = &p.funds;
    for (key, amount) in f.fields() {
        let Some(a) = amount else { continue };
        if !a.quantity.unit.is_money() {
            let unit = if a.quantity.unit.is_none() {
                "没有单位".to_string()
            } else {
                format!("单位是“{}”", a.quantity.unit)
            };
            out.push(
                Diagnostic::new(
                    &codes::FUNDS_NOT_MONEY,
                    format!("资金“{key}”写的是 {}，{unit}，不是金额", a.quantity),
                )
                .label(a.span, "这里应是金额")
                .help(format!(
                    "资金的每一项都写金额单位，如“{key} 90,682.50 元”或“{key} 10.04 万元”"
                )),
            );
        } else if a.quantity.yuan().is_none() {
            out.push(too_large_in_yuan(
                &format!("资金“{key}”"),
                &a.quantity,
                a.span,
            ));
        } else if a.quantity.value.is_sign_negative() && !a.quantity.value.is_zero() {
            out.push(
                Diagnostic::new(
                    &codes::FUNDS_NEGATIVE,
                    format!("资金“{key}”是负数：{}", a.quantity),
                )
                .label(a.span, "负数")
                .help("申报表上的资金不能为负；没有这项资金时写 0.00 元或不写"),
            );
        }
    }
    let total = cell(f.total.as_ref());
    let fiscal = cell(f.fiscal.as_ref());
    let current = cell(f.current_appropriation.as_ref());
    let carry = cell(f.carryover.as_ref());
    let other = cell(f.other.as_ref());
    let annual = cell(f.annual_request.as_ref());

    // 财政资金 = 当年拨款 + 上年结转
    let breakdown = sum(&[current, carry]);
    if let (Cell::Yuan(fv, fspan), Some(Some(parts))) = (fiscal, breakdown) {
        if fv != parts {
            let mut d = Diagnostic::new(
                &codes::FUNDS_FISCAL_SPLIT,
                format!(
                    "财政资金 {}不等于当年拨款 {}与上年结转 {}之和 {}（相差 {}）",
                    yuan(fv),
                    current.shown(),
                    carry.shown(),
                    yuan(parts),
                    yuan((fv - parts).abs())
                ),
            )
            .label(fspan, format!("财政资金 {}", yuan(fv)));
            d = label_cell(d, current, FundKey::CurrentAppropriation.word());
            d = label_cell(d, carry, FundKey::Carryover.word());
            out.push(d.help(
                "核对申报表：其中：财政资金 = 其中：当年财政拨款 + 上年结转资金；空格按 0 计",
            ));
        }
    }

    // 总额 = 财政资金 + 其他资金
    let fiscal_used = fiscal_or_breakdown(fiscal, breakdown);
    if let (Cell::Yuan(tv, tspan), Some(Some(parts))) = (total, sum(&[fiscal_used, other])) {
        if tv != parts {
            let fiscal_text = match (fiscal, fiscal_used) {
                (Cell::Blank, Cell::Yuan(v, _)) => {
                    format!("{}（未填，按当年拨款与上年结转之和计）", yuan(v))
                }
                _ => fiscal.shown(),
            };
            let mut d = Diagnostic::new(
                &codes::FUNDS_TOTAL_SPLIT,
                format!(
                    "项目资金总额 {}不等于财政资金 {fiscal_text}与其他资金 {}之和 {}（相差 {}）",
                    yuan(tv),
                    other.shown(),
                    yuan(parts),
                    yuan((tv - parts).abs())
                ),
            )
            .label(tspan, format!("总额 {}", yuan(tv)));
            d = label_cell(d, fiscal, FundKey::Fiscal.word());
            d = label_cell(d, other, FundKey::Other.word());
            out.push(d.help("核对申报表：项目资金总额 = 其中：财政资金 + 其他资金；空格按 0 计"));
        }
    }

    // 年度申请 ≤ 总额
    if let (Cell::Yuan(av, aspan), Cell::Yuan(tv, tspan)) = (annual, total) {
        if av > tv {
            out.push(
                Diagnostic::new(
                    &codes::FUNDS_ANNUAL_OVER,
                    format!(
                        "年度资金申请总额 {}超过了项目资金总额 {}（多 {}）",
                        yuan(av),
                        yuan(tv),
                        yuan(av - tv)
                    ),
                )
                .label(aspan, format!("年度申请 {}", yuan(av)))
                .label(tspan, format!("总额 {}", yuan(tv)))
                .help("一年申请的资金不能多于项目的全部资金；请核对两格的数字与单位"),
            );
        }
    }
}

/// 财政资金 for the sum 总额 = 财政资金 + 其他资金: when blank, 当年拨款 +
/// 上年结转 if those are written (`breakdown`).
fn fiscal_or_breakdown(fiscal: Cell, breakdown: Option<Option<Decimal>>) -> Cell {
    match (fiscal, breakdown) {
        (Cell::Blank, Some(Some(parts))) => Cell::Yuan(parts, Span::default()),
        _ => fiscal,
    }
}

/// Is the project's 总额 other than 财政资金 + 其他资金 (JX-F001 reports it)?
pub(super) fn total_split_off(p: &Project) -> bool {
    matches!(split(p), Some(Split { parts, total: Some(total) }) if total != parts)
}

/// 财政资金 + 其他资金 of a project's funds, as JX-F001 adds them (a
/// blank 财政资金 is 当年拨款 + 上年结转), beside its 总额.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// The sum of the parts, in 元.
    pub parts: Decimal,
    /// 总额 in 元; `None` when not written (or not money).
    pub total: Option<Decimal>,
}

/// The sum of the funds' parts; `None` when no part is written, or one is
/// not usable (not money, overflow).
pub fn split(p: &Project) -> Option<Split> {
    let f = &p.funds;
    let breakdown = sum(&[
        cell(f.current_appropriation.as_ref()),
        cell(f.carryover.as_ref()),
    ]);
    let fiscal = fiscal_or_breakdown(cell(f.fiscal.as_ref()), breakdown);
    let parts = sum(&[fiscal, cell(f.other.as_ref())])??;
    let total = match cell(f.total.as_ref()) {
        Cell::Yuan(t, _) => Some(t),
        Cell::Blank | Cell::Unusable => None,
    };
    Some(Split { parts, total })
}

/// The sum of parts: `None` when no part is written, `Some(None)` when a
/// written part is unusable (or the sum overflows).
fn sum(parts: &[Cell]) -> Option<Option<Decimal>> {
    if !parts.iter().any(|c| c.written()) {
        return None;
    }
    let mut total = Decimal::ZERO;
    for c in parts {
        match c {
            Cell::Blank => {}
            Cell::Unusable => return Some(None),
            Cell::Yuan(v, _) => match total.checked_add(*v) {
                Some(t) => total = t,
                None => return Some(None),
            },
        }
    }
    Some(Some(total))
}

fn label_cell(d: Diagnostic, c: Cell, name: &str) -> Diagnostic {
    match c {
        Cell::Yuan(v, span) if span.end > span.start => {
            d.label(span, format!("{name} {}", yuan(v)))
        }
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn value_of_cells() {
        assert_eq!(sum(&[Cell::Blank, Cell::Blank]), None);
    }
}
