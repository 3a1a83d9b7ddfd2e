//! Scoring one indicator against its actual.

use super::trace::SharedFormulas;
use crate::diagnostic::{codes, Diagnostic, Edit};
use crate::model::display::{score as fmt_score, told_apart};
use crate::model::evaluation::{
    Actual, ActualValue, IndicatorEvaluation, Trace, TraceText, Unscored,
};
use crate::model::rules::{MissingPolicy, RuleSet};
use crate::model::{Indicator, Target};
use crate::source::Span;
use rust_decimal::Decimal;

/// Everything needed to score an indicator.
pub struct Input<'a> {
    pub indicator: &'a Indicator,
    pub actual: Option<&'a Actual>,
    pub points: Decimal,
    pub group: &'a str,
    pub rules: &'a RuleSet,
    /// The rule set's formulas, for the traces to keep.
    pub formulas: &'a SharedFormulas,
    /// Missing actuals are reported once for the whole project instead.
    pub project_missing: bool,
    pub project_name: &'a str,
    /// Where the project's actuals are, for a missing actual.
    pub project_span: Span,
}

pub fn score(input: &Input<'_>, diags: &mut Vec<Diagnostic>) -> IndicatorEvaluation {
    let ind = input.indicator;
    let mut ev = IndicatorEvaluation {
        level1: ind.level1.as_str().into(),
        level2: ind.level2.as_str().into(),
        name: ind.name.as_str().into(),
        group: input.group.into(),
        target: crate::model::display::target(&ind.target),
        points: input.points,
        ..IndicatorEvaluation::default()
    };
    let Some(actual) = input.actual else {
        missing(input, &mut ev, diags);
        return ev;
    };
    ev.reason = actual.reason.clone();
    ev.measure = actual.measure.clone();
    ev.source = actual.source.clone();
    ev.explanation_present = actual
        .reason
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
        || actual
            .measure
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
    if let Some(m) = &actual.manual {
        if m.score < Decimal::ZERO || m.score > input.points {
            diags.push(
                Diagnostic::new(&codes::MANUAL_OUT_OF_RANGE, {
                    let [m_t, _, w_t] = told_apart([m.score, Decimal::ZERO, input.points]);
                    format!(
                        "指标“{}”的人工得分 {m_t} 不在 0 至分值 {w_t} 之间",
                        ind.name
                    )
                })
                .label(m.span, "人工得分")
                .label(ind.span, "申报的指标")
                .help("人工得分不能为负，也不能超过该指标的分值"),
            );
        }
        ev.manual = Some(m.clone());
    }
    let result = match (&actual.value, &ind.target) {
        // Its syntax error is reported where the line is.
        (ActualValue::Unreadable, _) => {
            ev.actual = Some("（读不出）".into());
            unscored(input, &mut ev, Unscored::SyntaxError)
        }
        (_, Target::Qualitative { .. }) => super::qualitative::score(input, actual, &mut ev, diags),
        (ActualValue::Grade { .. }, _) => {
            super::qualitative::word_only(input, actual, &mut ev, diags)
        }
        _ => super::quantitative::score(input, actual, &mut ev, diags),
    };
    if let Some(s) = result {
        ev.score = Some(s);
        let below = s < input.points && ev.unscored.is_none();
        ev.explanation_required = (below && input.rules.explain_below_full)
            || (ev.over_achieved && input.rules.explain_over);
        if ev.explanation_required && !ev.explanation_present {
            // One of the most frequent findings: written in one string.
            let mut message = String::with_capacity(ind.name.len() + 96);
            message.push_str("指标“");
            message.push_str(&ind.name);
            message.push('”');
            if below {
                message.push_str("得分 ");
                message.push_str(&fmt_score(s, input.rules.rounding.places));
                message.push_str(" 低于分值 ");
                // As many decimals as it takes to be above the score shown.
                let [w_t, _] = told_apart([input.points, s]);
                message.push_str(&w_t);
            } else {
                message.push_str("超额完成");
            }
            message.push_str("，需要写偏差原因分析及改进措施");
            diags.push(
                Diagnostic::new(&codes::EXPLANATION_MISSING, message)
                    .label(actual.span, "这一行")
                    .help("在完成值后写上 原因 \"……\" 措施 \"……\"")
                    .fix(
                        "补写偏差原因",
                        vec![explanation_skeleton(actual.value_span)],
                    ),
            );
        }
    }
    ev
}

/// The fix of JX-V016: right after the value (before any note or comment
/// on the line), a reason and a measure whose placeholders the user fills.
fn explanation_skeleton(value: crate::source::Span) -> Edit {
    Edit {
        span: crate::source::Span {
            start: value.end,
            ..value
        },
        text: " 原因 \"（请填写偏差原因）\" 措施 \"（请填写改进措施）\"".into(),
    }
}

/// An indicator whose actual cannot be read (a line with a syntax error,
/// a word no table knows): 0 points, said so in its row and trace, never
/// "缺少完成值"; the rest of the project is scored.
pub(super) fn unscored(
    input: &Input<'_>,
    ev: &mut IndicatorEvaluation,
    reason: Unscored,
) -> Option<Decimal> {
    ev.unscored = Some(reason);
    ev.met = Some(false);
    let why = reason.why(ev.actual.as_deref());
    ev.trace = Trace::ready(TraceText {
        rule: "未评分".into(),
        formula: String::new(),
        notes: Vec::new(),
        line: format!("{}：{why}，未评分，计 0 分", input.indicator.name),
    });
    Some(input.rules.rounding.apply(Decimal::ZERO))
}

fn missing(input: &Input<'_>, ev: &mut IndicatorEvaluation, diags: &mut Vec<Diagnostic>) {
    let ind = input.indicator;
    ev.missing = true;
    let trace = |formula: &str, line: String| {
        Trace::ready(TraceText {
            rule: "缺少完成值".into(),
            formula: formula.into(),
            notes: Vec::new(),
            line,
        })
    };
    match input.rules.missing {
        MissingPolicy::Zero => {
            ev.score = Some(input.rules.rounding.apply(Decimal::ZERO));
            ev.met = Some(false);
            ev.explanation_required = true;
            ev.trace = trace(
                "缺少完成值 记零分",
                format!(
                    "{}：缺少完成值 → 按规则“缺少完成值 记零分”计 0 分",
                    ind.name
                ),
            );
            if !input.project_missing {
                diags.push(
                    Diagnostic::new(
                        &codes::MISSING_ACTUAL,
                        format!(
                            "项目“{}”的指标“{}”没有完成值，按规则记 0 分",
                            input.project_name, ind.name
                        ),
                    )
                    .label(input.project_span, "这个项目的自评")
                    .label(ind.span, "申报的指标")
                    .help(format!("在项目的自评块里写一行：{} <完成值>", ind.name)),
                );
            }
        }
        MissingPolicy::Error => {
            ev.trace = trace(
                "缺少完成值 报错",
                format!("{}：缺少完成值 → 规则要求必须填写，未计分", ind.name),
            );
            diags.push(
                Diagnostic::new(
                    &codes::MISSING_ACTUAL,
                    format!(
                        "项目“{}”的指标“{}”没有完成值，规则集要求必须填写",
                        input.project_name, ind.name
                    ),
                )
                .severity(crate::Severity::Error)
                .label(input.project_span, "这个项目的自评")
                .label(ind.span, "申报的指标")
                .help(format!("在项目的自评块里写一行：{} <完成值>", ind.name)),
            );
        }
    }
}

pub(super) fn kind_error(
    input: &Input<'_>,
    actual: &Actual,
    want: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let ind = input.indicator;
    diags.push(
        Diagnostic::new(
            &codes::ACTUAL_KIND,
            format!("指标“{}”的指标值是“{}”，完成值应{want}", ind.name, ind.target),
        )
        .label(actual.value_span, "完成值")
        .label(ind.target_span, "指标值")
        .help("定性指标写“名称: 达成 / 部分达成 / 未达成”或规则集的定性用语；定量指标写数值和单位，如“名称 96%”或“名称 = 112 / 118”"),
    );
}
