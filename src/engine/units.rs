//! An actual's unit against its target's (issue 15): a unit left off, a
//! target written without one, and the likely slips — a fraction for a
//! percentage, 元 for 万元 — that would otherwise be scored silently.

use super::indicator::Input;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::{Actual, ActualValue};
use crate::model::{Indicator, Quantity, Unit};
use rust_decimal::Decimal;

/// The unit to compare in: the target's, or `%` when the target has no
/// unit and the actual is a percentage or a ratio expression (warned:
/// JX-V033).
pub(super) fn effective_unit(
    input: &Input<'_>,
    actual: &Actual,
    target: &Unit,
    diags: &mut Vec<Diagnostic>,
) -> Unit {
    if !target.is_none() {
        return target.clone();
    }
    let (written, unit) = match &actual.value {
        ActualValue::Quantity { value, .. } if value.unit.is_percent() => {
            (value.to_string(), value.unit.clone())
        }
        ActualValue::Expr { text, .. } => (format!("= {text}"), Unit::parse("%")),
        ActualValue::Quantity { .. } | ActualValue::Grade { .. } | ActualValue::Unreadable => {
            return target.clone()
        }
    };
    let ind = input.indicator;
    diags.push(
        Diagnostic::new(
            &codes::TARGET_NO_UNIT_PERCENT,
            format!(
                "指标“{}”的指标值“{}”没有写单位，完成值“{written}”是百分数（比率）：按百分数比较",
                ind.name, ind.target
            ),
        )
        .label(actual.value_span, "完成值")
        .label(ind.target_span, "指标值没有单位")
        .help(format!(
            "已把指标值读作百分数；请在申报中写明单位，如“{}%”",
            ind.target
        )),
    );
    unit
}

/// A target's quantity in the unit compared in; one written without a unit
/// is read in that unit (as an actual without one is).
pub(super) fn in_unit(q: &Quantity, unit: &Unit) -> Decimal {
    if q.unit.is_none() {
        return q.value;
    }
    q.value_in(unit).unwrap_or(q.value)
}

/// JX-V032: an actual written without a unit, read in the target's.
pub(super) fn no_unit(ind: &Indicator, actual: &Actual, value: Decimal, unit: &Unit) -> Diagnostic {
    // The number as written, every digit (issue 17).
    let read = crate::model::display::exact_in_unit(value, unit);
    Diagnostic::new(
        &codes::ACTUAL_NO_UNIT,
        format!(
            "指标“{}”的完成值“{}”没有写单位，按指标值的单位“{unit}”计：{read}",
            ind.name,
            crate::model::display::exact_in_unit(value, &Unit::none())
        ),
    )
    .label(actual.value_span, format!("按 {read} 计"))
    .label(ind.target_span, "指标值")
    .help(format!("已按“{unit}”计；请写明单位，如“{read}”"))
}

fn in_unit_text(value: Decimal, unit: &Unit) -> String {
    crate::model::display::figure_in_unit(value, unit).to_string()
}

/// The plausible band of an actual around its target: a third to three
/// times. A slip of 100 or 10,000 moves a value out of it, and exactly
/// one correction brings it back.
fn plausible(ratio: Decimal) -> bool {
    let third = Decimal::ONE / Decimal::from(3);
    ratio >= third && ratio <= Decimal::from(3)
}

/// JX-V034: the actual `a` (in `unit`) is 100× or 10⁴× off the target,
/// and in the plausible band only after correcting that: fraction vs %
/// (the target or the actual a percentage), 元 vs 万元 (money).
pub(super) fn check_slip(
    input: &Input<'_>,
    actual: &Actual,
    a: Decimal,
    target: &Quantity,
    unit: &Unit,
    diags: &mut Vec<Diagnostic>,
) {
    let t = target.value;
    let percent = unit.is_percent()
        || matches!(&actual.value, ActualValue::Quantity { value, .. } if value.unit.is_percent());
    let step = if percent {
        Decimal::ONE_HUNDRED
    } else if unit.is_money() {
        Decimal::from(10_000)
    } else {
        return;
    };
    let Some(ratio) = a.checked_div(t) else {
        return;
    };
    if t.is_zero() || a.is_zero() || plausible(ratio) {
        return;
    }
    let fix = [step, Decimal::ONE / step]
        .into_iter()
        .find(|k| ratio.checked_mul(*k).is_some_and(plausible));
    let Some(k) = fix else { return };
    let Some(corrected) = a.checked_mul(k) else {
        return;
    };
    let ind = input.indicator;
    let read = in_unit_text(a, unit);
    let meant = in_unit_text(corrected, unit);
    let times = if step == Decimal::ONE_HUNDRED {
        "100 倍"
    } else {
        "1 万倍"
    };
    let yuan = (unit.is_money() && unit.factor() != Decimal::ONE)
        .then(|| corrected.checked_mul(unit.factor()))
        .flatten()
        .map(|y| format!("（即 {} 元）", num(y)))
        .unwrap_or_default();
    diags.push(
        Diagnostic::new(
            &codes::ACTUAL_UNIT_SLIP,
            format!(
                "指标“{}”的完成值读作 {read}，与指标值 {} 相差约 {times}，可能写错了单位",
                ind.name, ind.target
            ),
        )
        .label(actual.value_span, format!("读作 {read}"))
        .label(ind.target_span, "指标值")
        .help(format!(
            "若指的是 {meant}{yuan}，请照此改写完成值；现按 {read} 评分"
        )),
    );
}
