//! 一致性与校验 (JX-C): the 周期 against itself and the department's
//! 年度, and the project's `校验` statements.

use super::eval::{Evaluator, Failure, Val};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{Check, Date, Expr, Function, OpClass, Project};

/// `year`: the department's 年度.
pub(super) fn check(year: Option<i32>, p: &Project, out: &mut Vec<Diagnostic>) {
    period(year, p, out);
    for c in &p.checks {
        check_one(p, c, out);
    }
}

fn period(year: Option<i32>, p: &Project, out: &mut Vec<Diagnostic>) {
    let Some(period) = &p.period else { return };
    if period.start > period.end {
        out.push(
            Diagnostic::new(
                &codes::PERIOD_INVERTED,
                format!(
                    "周期的开始日期 {} 晚于完成日期 {}",
                    period.start, period.end
                ),
            )
            .label(period.span, "开始晚于完成")
            .help(format!(
                "周期写作“开始 至 完成”，如“周期 {} 至 {}”",
                period.end, period.start
            )),
        );
        return;
    }
    let Some(year) = year.and_then(|y| u16::try_from(y).ok()) else {
        return;
    };
    let (Some(first), Some(last)) = (Date::new(year, 1, 1), Date::new(year, 12, 31)) else {
        return;
    };
    if period.start >= first && period.end <= last {
        return;
    }
    let overlap = period.start <= last && period.end >= first;
    let how = if overlap { "超出了" } else { "完全不在" };
    out.push(
        Diagnostic::new(
            &codes::PERIOD_OUTSIDE_YEAR,
            format!(
                "周期 {} 至 {} {how}部门年度 {year} 年（{first} 至 {last}）",
                period.start, period.end
            ),
        )
        .label(period.span, format!("不在 {year} 年内"))
        .help(format!(
            "年度申报表的周期一般在本年度内；若是跨年度项目，可在项目中写 允许 JX-C002 \"原因\"，否则请改为 {year} 年内的日期"
        )),
    );
}

/// What a `校验` comes to: `None` when it holds, else the finding it makes
/// (JX-C003 when it does not hold, another JX-C code when it cannot be
/// computed) — what `check` reports, before `允许`.
pub fn outcome(p: &Project, c: &Check) -> Option<Diagnostic> {
    let mut out = Vec::new();
    check_one(p, c, &mut out);
    out.pop()
}

fn check_one(p: &Project, c: &Check, out: &mut Vec<Diagnostic>) {
    let mut ev = Evaluator::new(p);
    let result = ev.eval(&c.expr);
    let d = match result {
        Ok(Val::Bool(true)) => return,
        Ok(Val::Bool(false)) => failed(p, c, &mut ev),
        Ok(v @ Val::Num(..)) => Diagnostic::new(
            &codes::CHECK_NOT_COMPUTABLE,
            format!(
                "校验“{}”的结果是数值 {}，不是成立与否的判断",
                c.text,
                v.shown()
            ),
        )
        .label(c.expr.span(), format!("= {}", v.shown()))
        .help("校验写成比较，如“校验 人均代表履职费 × 代表履职费发放人数 ≤ 资金.总额”"),
        Err(Failure::Unknown {
            name,
            span,
            suggestion,
            function,
        }) => {
            let what = if function {
                "不是可用的函数"
            } else {
                "不是本项目的指标，也不是资金项"
            };
            let d = Diagnostic::new(
                &codes::CHECK_UNKNOWN_NAME,
                format!("校验“{}”中的“{name}”{what}", c.text),
            )
            .label(span, "找不到");
            match (suggestion, function) {
                (Some(s), _) => d.help(format!("是不是想写“{s}”？")),
                (None, true) => d.help(functions_help()),
                (None, false) => d.help("校验中可用本项目三级指标的名称（取其目标值）和 资金.总额、资金.年度申请、资金.财政资金、资金.当年拨款、资金.上年结转、资金.其他资金"),
            }
        }
        Err(Failure::Dimension {
            message,
            left,
            right,
        }) => Diagnostic::new(
            &codes::CHECK_DIMENSION,
            format!("校验“{}”无法计算：{message}", c.text),
        )
        .label(left.0, left.1)
        .label(right.0, right.1)
        .help("参与加减和比较的两边要用同一类单位；元/人 × 人 得 元，元 ÷ 人 得 元/人"),
        Err(Failure::NotComputable { message, span }) => Diagnostic::new(
            &codes::CHECK_NOT_COMPUTABLE,
            format!("校验“{}”无法计算：{message}", c.text),
        )
        .label(span, "无法计算")
        .help("校验只能用有数值目标的指标和已填写的资金项，除数不能为 0，结果应是比较（成立或不成立）"),
    };
    out.push(d);
}

/// JX-C003, with the computed sides of the top comparison and every value
/// that went into it.
fn failed(p: &Project, c: &Check, ev: &mut Evaluator<'_>) -> Diagnostic {
    let top_comparison = match &c.expr {
        Expr::Binary {
            op, left, right, ..
        } => (op.class() == OpClass::Comparison).then_some((*op, left, right)),
        Expr::Number { .. }
        | Expr::Path { .. }
        | Expr::Unary { .. }
        | Expr::If { .. }
        | Expr::Call { .. } => None,
    };
    let mut d = match top_comparison {
        Some((op, left, right)) => {
            let mut side = Evaluator::new(p);
            let l = side.eval(left).map(|v| v.shown()).unwrap_or_default();
            let r = side.eval(right).map(|v| v.shown()).unwrap_or_default();
            Diagnostic::new(
                &codes::CHECK_FAILED,
                format!(
                    "校验“{}”不成立：左边 = {l}，右边 = {r}，{l} {} {r} 不成立",
                    c.text,
                    op.symbol()
                ),
            )
            .label(left.span(), format!("= {l}"))
            .label(right.span(), format!("= {r}"))
        }
        None => Diagnostic::new(&codes::CHECK_FAILED, format!("校验“{}”不成立", c.text))
            .label(c.expr.span(), "不成立"),
    };
    let mut seen = Vec::new();
    for r in &ev.references {
        if seen
            .iter()
            .any(|s: &crate::source::Span| s.same_as(&r.declared))
        {
            continue;
        }
        seen.push(r.declared);
        d = d.label(r.declared, format!("{} = {}", r.name, r.value.shown()));
    }
    d.help("校验写的是申报表各数之间应有的关系：请核对参与计算的指标值与资金，或改正校验本身")
}

/// The functions a `校验` may call, Latin names first, from the one table.
fn functions_help() -> String {
    let latin: Vec<&str> = Function::ALL
        .iter()
        .filter_map(|f| f.other_spellings().next())
        .collect();
    let chinese: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
    format!(
        "校验中可用的函数：{}（也可写 {}）",
        latin.join("、"),
        chinese.join("、")
    )
}
