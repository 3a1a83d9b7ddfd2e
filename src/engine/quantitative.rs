//! Scoring a quantitative indicator: the actual in the target's unit, the
//! rule set's formula for the comparator, clamping and rounding.

use super::expr::{value, Env, EvalError, Value};
use super::indicator::{kind_error, Input};
use super::trace::{self, Rule, UnitText, INDICATOR_VARS};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{equals, exact_in_unit, figure, told_apart, told_apart_figures};
use crate::model::evaluation::{
    Actual, ActualValue, IndicatorEvaluation, ShortText, Trace, TraceText,
};
use crate::model::rules::{ClampPolicy, Formula, FormulaKind, ImpliedPolicy, NegativePolicy};
use crate::model::{Comparator, Direction, Indicator, Target, Unit};
use rust_decimal::Decimal;
use std::sync::Arc;

/// The actual as a number in the target's unit, with notes on conversions,
/// and how the 自评表 shows it: as written, or (`None`) computed from an
/// expression, shown beside the target by the caller.
fn actual_number(
    input: &Input<'_>,
    actual: &Actual,
    target_unit: &Unit,
    notes: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Decimal, Option<ShortText>)> {
    let ind = input.indicator;
    match &actual.value {
        // Scored as words before this (`qualitative::word_only`), or
        // unscored: never read as a number.
        ActualValue::Grade { .. } | ActualValue::Unreadable => {
            kind_error(
                input,
                actual,
                "写数值（如 96%、8.84 万元、= 112 / 118）",
                diags,
            );
            None
        }
        ActualValue::Quantity { value, .. } => {
            if value.unit.is_none() && !target_unit.is_none() {
                notes.push(format!("完成值未写单位，按指标值的单位“{target_unit}”计"));
                diags.push(super::units::no_unit(ind, actual, value.value, target_unit));
                return Some((value.value, Some(exact_in_unit(value.value, target_unit))));
            }
            let converted = value.value_in(target_unit);
            if converted.is_none() && value.unit.compatible(target_unit) {
                bad_actual(
                    ind,
                    actual,
                    format!("换算成“{target_unit}”时超出了可以精确表示的范围"),
                    diags,
                );
                return None;
            }
            match converted {
                Some(v) => {
                    if value.unit != *target_unit {
                        notes.push(format!("换算：{value} {}", equals(v, target_unit)));
                    }
                    Some((v, Some(crate::model::display::quantity(value))))
                }
                None => {
                    diags.push(
                        Diagnostic::new(
                            &codes::ACTUAL_UNIT,
                            format!(
                                "指标“{}”的指标值是{}（{}），完成值“{}”却是{}，无法比较",
                                ind.name,
                                target_unit.dimension_name(),
                                ind.target,
                                value,
                                value.unit.dimension_name()
                            ),
                        )
                        .label(actual.value_span, "完成值")
                        .label(ind.target_span, "指标值")
                        .help(format!("完成值的单位要能换算成“{target_unit}”")),
                    );
                    None
                }
            }
        }
        ActualValue::Expr { expr, .. } => match value(expr, &Env { vars: &[] }) {
            Ok(Value::Num(v)) => {
                let Some(v) = v.checked_div(target_unit.factor()) else {
                    bad_actual(ind, actual, "结果超出了可以精确表示的范围".into(), diags);
                    return None;
                };
                Some((v, None))
            }
            Ok(Value::Bool(_)) => {
                bad_actual(ind, actual, "结果是条件而不是数".into(), diags);
                None
            }
            Err(e) => {
                bad_actual(ind, actual, e.kind.describe(), diags);
                None
            }
        },
    }
}

/// Below zero (`-0` is not), read from the sign: comparing with zero
/// costs a comparison of scales, three times per indicator.
fn negative(d: Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

/// A target written without a comparator, as the rule set's `无比较符`
/// says: scored with its reading (noted), or not scored (JX-T007). False
/// when it is not scored.
fn implied(input: &Input<'_>, notes: &mut Vec<String>, diags: &mut Vec<Diagnostic>) -> bool {
    let (ind, rules) = (input.indicator, input.rules);
    let Target::Compare {
        comparator, value, ..
    } = &ind.target
    else {
        return true;
    };
    let sign = comparator.symbol();
    match rules.implied {
        ImpliedPolicy::Infer => {
            notes.push(format!(
                "指标值没有写比较符，按“{sign} {value}”计（规则集“无比较符 推断”）"
            ));
            true
        }
        ImpliedPolicy::Error => {
            diags.push(
                Diagnostic::new(
                    &codes::TARGET_COMPARATOR_REQUIRED,
                    format!(
                        "指标“{}”的指标值“{value}”没有写比较符，规则集“{}”要求写明，这项指标未评分",
                        ind.name, rules.name
                    ),
                )
                .label(ind.target_span, "没有比较符")
                .label(rules.span, "规则集")
                .help(format!(
                    "在数值前写上比较符，如“{} {sign} {value}”；或在规则集中写“无比较符 推断”，按“{sign}”计",
                    ind.name
                )),
            );
            false
        }
    }
}

fn bad_actual(ind: &Indicator, actual: &Actual, why: String, diags: &mut Vec<Diagnostic>) {
    diags.push(
        Diagnostic::new(
            &codes::BAD_ACTUAL,
            format!("指标“{}”的完成值算不出来：{why}", ind.name),
        )
        .label(actual.value_span, "完成值")
        .help("完成值表达式只能用数字和 + − × ÷，如“= 112 / 118”"),
    );
}

pub(super) fn score(
    input: &Input<'_>,
    actual: &Actual,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ind = input.indicator;
    let rules = input.rules;
    let (comparator, target, low, high) = match &ind.target {
        Target::Compare {
            comparator, value, ..
        } => (Some(*comparator), value, value, value),
        Target::Range { low, high } => (None, high, low, high),
        Target::Qualitative { .. } => return None,
    };
    let mut notes = Vec::new();
    if ind.target.is_implied() && !implied(input, &mut notes, diags) {
        return None;
    }
    let unit = &super::units::effective_unit(input, actual, &target.unit, diags);
    let (a, shown) = actual_number(input, actual, unit, &mut notes, diags)?;
    let t = target.value;
    let lo = super::units::in_unit(low, unit);
    let hi = high.value;
    let shown = match shown {
        Some(written) => written,
        // Computed: as many decimals as it takes not to look like the
        // target when it is not (`94.999%`, never `95%` beside `≥ 95%`).
        None => {
            let [f, ..] = told_apart_figures([a, t, lo, hi]);
            let text = exact_in_unit(f, unit);
            let sign = if f == a.normalize() { "=" } else { "≈" };
            if let ActualValue::Expr { text: written, .. } = &actual.value {
                notes.push(format!("完成值 {written} {sign} {text}"));
            }
            text
        }
    };
    super::units::check_slip(input, actual, a, target, unit, diags);
    ev.actual = Some(shown);
    ev.actual_value = Some(a);
    ev.unit = (!unit.is_none()).then(|| unit.text().into());
    let tol = ind
        .tolerance
        .as_ref()
        .map(|q| super::units::in_unit(q, unit).abs())
        .unwrap_or_default();
    let direction = ind
        .direction
        .or(comparator.map(Comparator::direction))
        .unwrap_or(Direction::Positive);
    let met = met(comparator, ind.direction, a, [t, lo, hi, tol]);
    if met && !tol.is_zero() && !self::met(comparator, ind.direction, a, [t, lo, hi, Decimal::ZERO])
    {
        notes.push(format!(
            "完成值在容差 {}之内，视为达成",
            exact_in_unit(tol, unit)
        ));
    }
    // What the formula reads as 完成值: the actual as written, except
    // that 负完成值 记为零 reads a negative one as 0 where the target
    // cannot be negative. 达成 is always judged on the actual as written.
    let fa =
        if negative(a) && rules.negative == NegativePolicy::Zero && !negative(lo) && !negative(t) {
            let [a_t, _] = told_apart([a, Decimal::ZERO]);
            notes.push(format!(
                "完成值 {a_t} 为负而指标值不为负，按规则“负完成值 记为零”，公式中按 0 计"
            ));
            Decimal::ZERO
        } else {
            a
        };
    ev.met = Some(met);
    let f = input.formulas;
    let rule: Option<&Rule> = formula_kind(ind, |k| f.get(k).is_some()).and_then(|k| f.get(k));
    let Some(Rule {
        formula,
        code: compiled,
    }) = rule
    else {
        let key = match (comparator, direction) {
            (None, _) => FormulaKind::Range,
            (_, Direction::Positive) => FormulaKind::Positive,
            (_, Direction::Negative) => FormulaKind::Negative,
        }
        .keyword();
        diags.push(
            Diagnostic::new(
                &codes::RULE_MISSING_PART,
                format!(
                    "规则集“{}”没有“{key}”公式，无法给指标“{}”评分",
                    rules.name, ind.name
                ),
            )
            .label(rules.span, "规则集")
            .label(ind.target_span, "指标值")
            .help(format!(
                "在规则集中写“{key} = 若 达成 则 分值 否则 …”；可参照 rules/central-2020.jx"
            )),
        );
        return None;
    };
    // Written out now only where scoring stops short of a score.
    let stopped = |notes: Vec<String>| {
        Trace::ready(TraceText {
            rule: formula.kind.keyword().into(),
            formula: formula.text.clone(),
            notes,
            line: String::new(),
        })
    };
    let w = input.points;
    let numbers = [fa, t, w, lo, hi, tol];
    let values = trace::indicator_values(numbers, met);
    // The compiled code computes the value; the interpreter says what
    // went wrong, with the formula's text, where it does not.
    let computed = compiled.value(&values).ok_or(()).or_else(|()| {
        let vars = trace::named(INDICATOR_VARS, values);
        value(&formula.expr, &Env { vars: &vars })
    });
    let value = match computed {
        Ok(v) => v,
        Err(e) => {
            formula_failed(input, actual, formula, &e, diags);
            ev.trace = stopped(notes);
            return None;
        }
    };
    let Value::Num(raw) = value else {
        formula_failed(
            input,
            actual,
            formula,
            &EvalError {
                span: formula.expr.span(),
                kind: super::expr::ErrorKind::Type("公式的结果是条件，不是得分".into()),
            },
            diags,
        );
        ev.trace = stopped(Vec::new());
        return None;
    };
    let Some(clamped) = clamp(input, actual, formula, raw, &mut notes, diags) else {
        ev.trace = stopped(Vec::new());
        return None;
    };
    let formula_score = rules.rounding.apply(clamped);
    // An indicator not met never gets full marks, whatever the formula
    // gives (at a strict comparator's boundary its deviation is 0).
    let s = if !met && formula_score >= w && w > Decimal::ZERO {
        below_full(w, rules.rounding.places)
    } else {
        formula_score
    };
    // Over-achievement: well beyond the target in the good direction.
    if let Some(r) = rules.over_threshold {
        ev.over_achieved = !negative(t)
            && !negative(a)
            && !t.is_zero()
            && match (comparator, direction) {
                (None, _) => false,
                (_, Direction::Positive) => t.checked_mul(r).is_some_and(|x| a >= x),
                (_, Direction::Negative) => a.checked_mul(r).is_some_and(|x| x <= t),
            };
    }
    // Its note is the last, written with the others when the trace is read.
    let over = (ev.over_achieved)
        .then_some(rules.over_threshold)
        .flatten()
        .map(|r| (r, direction));
    ev.trace = Trace::lazy(Box::new(trace::Quantitative {
        formula: Arc::clone(formula),
        name: ind.name.as_str().into(),
        unit: UnitText::new(unit),
        numbers,
        actual: a,
        comparator,
        met,
        score: s,
        formula_score: (s != formula_score).then_some(formula_score),
        places: rules.rounding.places,
        notes,
        over,
    }));
    Some(s)
}

/// Is the target met by `a`? `[t, lo, hi, tol]`: the target (a range's
/// upper end), the range's lower end, and the tolerance, which widens
/// every comparator: `≥`/`>` by tolerance below, `≤`/`<` above, a range
/// at both ends.
fn met(
    comparator: Option<Comparator>,
    direction: Option<Direction>,
    a: Decimal,
    [t, lo, hi, tol]: [Decimal; 4],
) -> bool {
    let below = |x: Decimal| x.checked_sub(tol);
    let above = |x: Decimal| x.checked_add(tol);
    match comparator {
        None => below(lo).is_some_and(|l| l <= a) && above(hi).is_some_and(|h| a <= h),
        Some(Comparator::Ge) => below(t).is_some_and(|x| a >= x),
        Some(Comparator::Gt) => below(t).is_some_and(|x| a > x),
        Some(Comparator::Le) => above(t).is_some_and(|x| a <= x),
        Some(Comparator::Lt) => above(t).is_some_and(|x| a < x),
        Some(Comparator::Eq) if t.is_zero() => a <= tol,
        Some(Comparator::Eq) => match direction {
            Some(Direction::Negative) => above(t).is_some_and(|x| a <= x),
            Some(Direction::Positive) | None => below(t).is_some_and(|x| a >= x),
        },
    }
}

/// The highest score below `w` at the rule set's precision (`49.99` of 50
/// at 2 places), never below 0.
fn below_full(w: Decimal, places: u32) -> Decimal {
    Decimal::try_new(1, places.min(28))
        .ok()
        .and_then(|step| w.checked_sub(step))
        .unwrap_or_default()
        .max(Decimal::ZERO)
}

fn clamp(
    input: &Input<'_>,
    actual: &Actual,
    formula: &Formula,
    raw: Decimal,
    notes: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let w = input.points;
    if !negative(raw) && raw <= w {
        return Some(raw);
    }
    match input.rules.clamp {
        ClampPolicy::Clamp => {
            let c = raw.max(Decimal::ZERO).min(w);
            let [raw_t, _, w_t] = told_apart([raw, Decimal::ZERO, w]);
            notes.push(format!(
                "公式结果 {raw_t} 超出 0～{w_t}，按规则“超出范围 截取”取 {}",
                figure(c)
            ));
            Some(c)
        }
        ClampPolicy::Error => {
            diags.push(
                Diagnostic::new(&codes::SCORE_OUT_OF_RANGE, {
                    let [raw_t, _, w_t] = told_apart([raw, Decimal::ZERO, w]);
                    format!(
                        "按规则“{}”算出指标“{}”的得分为 {raw_t}，超出 0 至分值 {w_t} 的范围",
                        formula.kind.keyword(),
                        input.indicator.name,
                    )
                })
                .label(formula.span, "规则集中的公式")
                .label(input.indicator.span, "申报的指标")
                .label(actual.span, "完成值")
                .help(
                    "在公式中用 最小(…, 分值)、最大(…, 0) 限定结果，或在规则集中写“超出范围 截取”",
                ),
            );
            None
        }
    }
}

fn formula_failed(
    input: &Input<'_>,
    actual: &Actual,
    formula: &Formula,
    e: &EvalError,
    diags: &mut Vec<Diagnostic>,
) {
    let ind = input.indicator;
    let zero = matches!(e.kind, super::expr::ErrorKind::DivideByZero(_));
    let help = if zero {
        "指标值或完成值为 0 时公式会除以零：在规则集中写“零目标 = 若 完成值 ≤ 0 则 分值 否则 0”，或在公式中用“若 … 则 … 否则”避开"
    } else {
        "检查规则集中的这个公式"
    };
    diags.push(
        Diagnostic::new(
            &codes::FORMULA_FAILED,
            format!(
                "按规则“{}”给指标“{}”（{}）评分时出错：{}",
                formula.kind.keyword(),
                ind.name,
                ind.target,
                e.kind.describe()
            ),
        )
        .label(e.span, "规则集中出错的部分")
        .label(ind.span, "申报的指标")
        .label(actual.span, "完成值")
        .help(help),
    );
}

/// The kind of formula a rule set scores quantitative `ind` with, given
/// which kinds it writes (`has`): a range by 区间; a zero target (`= 0`,
/// `≤ 0`) by 零目标 when written; `=` without a 方向 by 等于, else 正向;
/// the others by their direction. `None` for a qualitative target. The
/// editor's hover names the formula with it before any 自评 is scored.
pub fn formula_kind(ind: &Indicator, has: impl Fn(FormulaKind) -> bool) -> Option<FormulaKind> {
    let (comparator, t) = match &ind.target {
        Target::Compare {
            comparator, value, ..
        } => (*comparator, value.value),
        Target::Range { .. } => return Some(FormulaKind::Range),
        Target::Qualitative { .. } => return None,
    };
    let zero_case =
        t.is_zero() && matches!(comparator, Comparator::Eq | Comparator::Le | Comparator::Lt);
    if zero_case && has(FormulaKind::Zero) {
        return Some(FormulaKind::Zero);
    }
    if comparator == Comparator::Eq && ind.direction.is_none() {
        return Some(if has(FormulaKind::Equal) {
            FormulaKind::Equal
        } else {
            FormulaKind::Positive
        });
    }
    Some(
        match ind.direction.unwrap_or_else(|| comparator.direction()) {
            Direction::Positive => FormulaKind::Positive,
            Direction::Negative => FormulaKind::Negative,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_is_below_zero() {
        for s in ["-1", "-0.001", "0", "-0", "0.000", "-0.000", "3", "1e-28"] {
            let d: Decimal = s
                .parse()
                .unwrap_or_else(|_| Decimal::from_scientific(s).unwrap());
            assert_eq!(negative(d), d < Decimal::ZERO, "{s}");
        }
        assert!(negative(Decimal::MIN) && !negative(Decimal::MAX));
    }
}
