//! Scoring a qualitative indicator: the grade's band and the point in it.

use super::indicator::{kind_error, Input};
use super::trace::{band_formula, pct, Qualitative, QualitativeHow};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::{
    Actual, ActualValue, Grade, GradeScore, IndicatorEvaluation, Trace, TraceText,
};
use rust_decimal::Decimal;

pub(super) fn score(
    input: &Input<'_>,
    actual: &Actual,
    ev: &mut IndicatorEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let ind = input.indicator;
    let rules = input.rules;
    let ActualValue::Grade {
        grade,
        score,
        score_span,
    } = &actual.value
    else {
        kind_error(input, actual, "写等级（达成、部分达成、未达成）", diags);
        return None;
    };
    ev.actual = Some(grade.short().into());
    ev.met = Some(*grade == Grade::Achieved);
    // Written out now only where scoring stops short of a score.
    let stopped = |formula: String| {
        Trace::ready(TraceText {
            rule: "定性".into(),
            formula,
            ..TraceText::default()
        })
    };
    let Some(band) = rules.band(*grade) else {
        ev.trace = stopped(String::new());
        return None;
    };
    let fractions = [band.low, band.high, band.default];
    let failed = |ev: &mut IndicatorEvaluation| {
        ev.trace = stopped(band_formula(*grade, fractions));
        None
    };
    let w = input.points;
    let Some((lo, hi, raw, how)) = bounds(input, actual, band, score, diags) else {
        return failed(ev);
    };
    if raw < lo || raw > hi {
        diags.push(
            Diagnostic::new(
                &codes::GRADE_OUT_OF_BAND,
                format!(
                    "指标“{}”评为“{}”，得分 {} 不在该等级的分数段 {}～{} 分（分值 {} 的 {}%～{}%）之内",
                    ind.name,
                    grade.short(),
                    num(raw),
                    num(lo),
                    num(hi),
                    num(w),
                    pct(band.low),
                    pct(band.high)
                ),
            )
            .label(*score_span, "给定的得分")
            .label(band.span, "规则集的分数段")
            .help("改为分数段之内的得分，或改评另一个等级"),
        );
        return failed(ev);
    }
    let s = rules.rounding.apply(raw);
    ev.trace = Trace::lazy(Box::new(Qualitative {
        name: ind.name.as_str().into(),
        grade: *grade,
        band: fractions,
        points: w,
        low: lo,
        high: hi,
        how,
        score: s,
        places: rules.rounding.places,
    }));
    Some(s)
}

/// The band in points, the points given and how they were found.
fn bounds(
    input: &Input<'_>,
    actual: &Actual,
    band: &crate::model::rules::QualBand,
    score: &Option<GradeScore>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Decimal, Decimal, Decimal, QualitativeHow)> {
    let w = input.points;
    let lo = w
        .checked_mul(band.low)
        .or_else(|| overflow(input, actual, diags))?;
    let hi = w
        .checked_mul(band.high)
        .or_else(|| overflow(input, actual, diags))?;
    let (raw, how) = match score {
        None => {
            let s = w
                .checked_mul(band.default)
                .or_else(|| overflow(input, actual, diags))?;
            (s, QualitativeHow::Default)
        }
        Some(GradeScore::Points(p)) => (*p, QualitativeHow::Points(*p)),
        Some(GradeScore::Fraction(f)) => {
            let s = w
                .checked_mul(*f)
                .or_else(|| overflow(input, actual, diags))?;
            (s, QualitativeHow::Fraction(*f))
        }
    };
    Some((lo, hi, raw, how))
}

/// A score too large to compute exactly: said, never silently dropped.
fn overflow(input: &Input<'_>, actual: &Actual, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
    diags.push(
        Diagnostic::new(
            &codes::BAD_ACTUAL,
            format!(
                "指标“{}”的得分超出了可以精确表示的范围（分值 {}）",
                input.indicator.name,
                num(input.points)
            ),
        )
        .label(actual.value_span, "完成值")
        .help("检查分值和给定的得分是否多写了数字"),
    );
    None
}
