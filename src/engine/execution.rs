//! 预算执行率 and its score.

use super::expr::{value, Env, Value};
use super::trace::{self, SharedFormulas, EXECUTION_VARS};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{figure, money, num, told_apart};
use crate::model::evaluation::{ProjectActuals, ProjectEvaluation, Trace, TraceText};
use crate::model::rules::{ClampPolicy, ExecutionBase, RuleSet};
use crate::model::Project;
use rust_decimal::Decimal;

pub(super) fn execution(
    project: &Project,
    actuals: Option<&ProjectActuals>,
    rules: &RuleSet,
    formulas: &SharedFormulas,
    pe: &mut ProjectEvaluation,
    diags: &mut Vec<Diagnostic>,
) {
    let declared = project
        .funds
        .annual_request
        .as_ref()
        .or(project.funds.total.as_ref())
        .and_then(|a| a.quantity.yuan());
    let budget = actuals
        .and_then(|a| a.budget.as_ref())
        .and_then(|a| a.quantity.yuan());
    let spent = actuals
        .and_then(|a| a.spent.as_ref())
        .and_then(|a| a.quantity.yuan());
    let kind = rules.execution_base;
    // 年初预算数: the total row's (there is no line for it).
    let initial = actuals
        .and_then(|a| a.total_row())
        .and_then(|t| t.initial.as_ref())
        .and_then(|a| a.quantity.yuan());
    let written_base = match kind {
        ExecutionBase::Adjusted => budget,
        ExecutionBase::Initial => initial,
    };
    // The formula is written into the traces that are written now; the
    // one written when read takes it from the formula it keeps.
    let ready = |trace: TraceText| {
        Trace::ready(TraceText {
            formula: rules
                .formulas
                .execution
                .as_ref()
                .map(|f| f.text.clone())
                .unwrap_or_default(),
            ..trace
        })
    };
    let mut trace = TraceText {
        rule: "执行率".into(),
        ..TraceText::default()
    };
    if kind == ExecutionBase::Initial {
        trace.notes.push("执行率分母：年初预算数（规则集）".into());
    }
    let base = match (written_base, declared) {
        (Some(b), _) => Some(b),
        (None, Some(d)) => {
            let what = match kind {
                ExecutionBase::Adjusted => "全年预算数",
                ExecutionBase::Initial => "年初预算数",
            };
            trace
                .notes
                .push(format!("自评未写{what}，取申报的年度资金 {} 元", money(d)));
            Some(d)
        }
        (None, None) => None,
    };
    pe.budget = match kind {
        ExecutionBase::Adjusted => base,
        ExecutionBase::Initial => budget,
    };
    pe.spent = spent;
    if kind == ExecutionBase::Initial {
        pe.execution_base = base;
    }
    let mut void = false;
    if let Some(a) = actuals {
        if a.spent.is_none() || (written_base.is_none() && declared.is_none()) {
            let what = if a.spent.is_none() {
                "执行"
            } else {
                match kind {
                    ExecutionBase::Adjusted => "预算",
                    ExecutionBase::Initial => "年初预算数",
                }
            };
            let printed = a
                .total_row()
                .and_then(|t| t.score)
                .map(|s| format!("（表上印的得分 {} 并列显示，不计入）", num(s.value)))
                .unwrap_or_default();
            diags.push(
                Diagnostic::new(
                    &codes::BUDGET_MISSING,
                    format!(
                        "项目“{}”的自评没有写“{what}”，预算执行率按 0 分计{printed}",
                        project.name
                    ),
                )
                .label(a.name_span, "这个项目的自评")
                .help("写上：预算 <全年预算数> 元 与 执行 <全年执行数> 元"),
            );
        }
        let totals = super::budget::Totals {
            spent,
            base: written_base,
            kind,
        };
        void = super::budget::section(project, a, rules, &totals, pe, diags);
    }
    if void {
        pe.execution_score = None;
        trace.line = "预算执行率：年度资金总额行为 0 而其中各行有资金，未计算".into();
        pe.execution_trace = ready(trace);
        return;
    }
    let (Some(b), Some(s)) = (base, spent) else {
        pe.execution_score = Some(rules.rounding.apply(Decimal::ZERO));
        trace.line = "预算执行率：缺少全年预算数或执行数 → 0".into();
        pe.execution_trace = ready(trace);
        return;
    };
    if !b.is_zero() {
        pe.execution_rate = s.checked_div(b);
    }
    let Some(trace::Rule { formula: f, code }) = &formulas.execution else {
        pe.execution_trace = ready(trace);
        return;
    };
    let s_used = if s < Decimal::ZERO {
        trace.notes.push("执行数为负，按 0 计".into());
        Decimal::ZERO
    } else {
        s
    };
    let rate = pe.execution_rate.unwrap_or_default();
    let w = rules.execution_points;
    let values = [
        Value::Num(s_used),
        Value::Num(b),
        Value::Num(rate),
        Value::Num(w),
    ];
    // Compiled; the interpreter says what went wrong where it fails.
    let computed = code.value(&values).ok_or(()).or_else(|()| {
        value(
            &f.expr,
            &Env {
                vars: &trace::named(EXECUTION_VARS, values),
            },
        )
    });
    match computed {
        Ok(Value::Num(raw)) => {
            let raw = if raw < Decimal::ZERO || raw > w {
                if rules.clamp == ClampPolicy::Clamp {
                    let c = raw.max(Decimal::ZERO).min(w);
                    let [raw_t, _, w_t] = told_apart([raw, Decimal::ZERO, w]);
                    trace
                        .notes
                        .push(format!("公式结果 {raw_t} 超出 0～{w_t}，取 {}", figure(c)));
                    Some(c)
                } else {
                    diags.push(
                        Diagnostic::new(
                            &codes::SCORE_OUT_OF_RANGE,
                            {
                                let [raw_t, _, w_t] = told_apart([raw, Decimal::ZERO, w]);
                                format!(
                                    "按规则“执行率”算出项目“{}”的预算执行率得分为 {raw_t}，超出 0 至 {w_t}",
                                    project.name,
                                )
                            },
                        )
                        .label(f.span, "规则集中的公式")
                        .label(project.name_span, "项目")
                        .help("在公式中用 最小(执行数 ÷ 预算数, 1) 封顶，或写“超出范围 截取”"),
                    );
                    None
                }
            } else {
                Some(raw)
            };
            let Some(raw) = raw else {
                pe.execution_trace = ready(trace);
                return;
            };
            let sc = rules.rounding.apply(raw);
            pe.execution_score = Some(sc);
            pe.execution_trace = Trace::lazy(Box::new(trace::Execution {
                formula: std::sync::Arc::clone(f),
                vars: values,
                base: kind.trace_name(),
                spent: s,
                score: sc,
                places: rules.rounding.places,
                notes: trace.notes,
            }));
            return;
        }
        Ok(Value::Bool(_)) => {}
        Err(e) => {
            trace.line = format!(
                "预算执行率：执行数 {} 元 ÷ {} {} 元，公式无法计算（{}）",
                money(s),
                kind.trace_name(),
                money(b),
                e.kind.describe()
            );
            let span = actuals.map(|a| a.name_span).unwrap_or(project.name_span);
            diags.push(
                Diagnostic::new(
                    &codes::FORMULA_FAILED,
                    format!(
                        "按规则“执行率”计算项目“{}”的预算执行率得分时出错：{}",
                        project.name,
                        e.kind.describe()
                    ),
                )
                .label(e.span, "规则集中出错的部分")
                .label(span, "项目的自评")
                .help(match kind {
                    ExecutionBase::Adjusted => {
                        "全年预算数为 0 时无法计算执行率：检查“预算”一行"
                    }
                    ExecutionBase::Initial => {
                        "年初预算数为 0 时（年中追加的项目）无法按年初预算数计算执行率：检查预算栏年度资金总额行的“年初”，或改用“执行率分母 全年预算数”"
                    }
                }),
            );
        }
    }
    pe.execution_trace = ready(trace);
}
