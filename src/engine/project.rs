//! Scoring one project: points allocation, indicators, 执行率, totals.

use super::expr::{eval, Env, Value};
use super::fmt::{money, num, percent, score as fmt_score, sum};
use super::indicator::{self, Input};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::evaluation::{GroupSubtotal, ProjectActuals, ProjectEvaluation, Trace};
use crate::model::rules::{ClampPolicy, RuleSet};
use crate::model::{Indicator, Project};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

pub fn evaluate(
    project: &Project,
    actuals: Option<&ProjectActuals>,
    rules: &RuleSet,
    diags: &mut Vec<Diagnostic>,
) -> ProjectEvaluation {
    let mut pe = ProjectEvaluation {
        name: project.name.clone(),
        competent_department: project.competent_department.clone(),
        implementing_unit: project.implementing_unit.clone(),
        has_actuals: actuals.is_some(),
        execution_points: rules.execution_points,
        ..ProjectEvaluation::default()
    };
    if actuals.is_none() {
        diags.push(
            Diagnostic::new(
                &codes::PROJECT_NOT_REPORTED,
                format!(
                    "申报的项目“{}”在自评中没有数据，各项按规则集的缺失政策计分",
                    project.name
                ),
            )
            .label(project.name_span, "申报的项目")
            .help(format!(
                "在自评块中加上：项目 \"{}\" {{ 预算 … 执行 … }}",
                project.name
            )),
        );
    }
    let points = allocate(project, rules, diags);
    let project_span = actuals.map(|a| a.name_span).unwrap_or(project.name_span);
    for (ind, (group, pts)) in project.indicators.iter().zip(points) {
        let actual = actuals.and_then(|a| a.actual(&ind.name));
        let input = Input {
            indicator: ind,
            actual,
            points: pts.unwrap_or_default(),
            group,
            rules,
            project_missing: actuals.is_none(),
            project_name: &project.name,
            project_span,
        };
        let mut ev = indicator::score(&input, diags);
        if pts.is_none() {
            ev.score = None;
        }
        pe.indicators.push(ev);
    }
    if let Some(a) = actuals {
        undeclared(project, a, diags);
    }
    execution(project, actuals, rules, &mut pe, diags);
    totals(rules, &mut pe);
    warnings(project, actuals, &pe, diags);
    pe
}

/// A project whose actuals block has a syntax error: listed, not scored.
pub fn unreadable(project: &Project, rules: &RuleSet) -> ProjectEvaluation {
    let mut quiet = Vec::new();
    let mut pe = evaluate(project, None, rules, &mut quiet);
    pe.has_actuals = false;
    pe.execution_score = None;
    pe.execution_trace.line = "自评块有语法错误，未评分".into();
    for i in &mut pe.indicators {
        i.score = None;
        i.met = None;
        i.missing = false;
        i.explanation_required = false;
        i.trace.line = format!("{}：自评块有语法错误，未评分", i.name);
    }
    for g in &mut pe.groups {
        g.score = None;
    }
    pe.total = None;
    pe.grade = None;
    pe
}

/// The points of each indicator: explicit 分值 where given, the rest of the
/// group split evenly (rounded down to the rule set's places, the remainder
/// to the last indicator, so that the parts add up to the group exactly).
fn allocate(
    project: &Project,
    rules: &RuleSet,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Option<Decimal>)> {
    let groups: Vec<String> = project
        .indicators
        .iter()
        .map(|i| rules.scoring_group(&i.level1).to_string())
        .collect();
    let mut out: Vec<(String, Option<Decimal>)> =
        groups.iter().map(|g| (g.clone(), None)).collect();
    let mut reported: Vec<&str> = Vec::new();
    for g in &rules.groups {
        let members: Vec<usize> = (0..groups.len()).filter(|i| groups[*i] == g.name).collect();
        if members.is_empty() {
            continue;
        }
        let inds: Vec<&Indicator> = members
            .iter()
            .filter_map(|i| project.indicators.get(*i))
            .collect();
        // An overflowing sum cannot match the group: reported as a mismatch.
        let explicit = sum(inds.iter().filter_map(|i| i.points)).unwrap_or(Decimal::MAX);
        let free: Vec<usize> = members
            .iter()
            .copied()
            .filter(|i| {
                project
                    .indicators
                    .get(*i)
                    .is_some_and(|x| x.points.is_none())
            })
            .collect();
        let rest = g.points.checked_sub(explicit).unwrap_or(Decimal::MIN);
        let mismatch = if free.is_empty() {
            explicit != g.points
        } else {
            rest < Decimal::ZERO
        };
        if mismatch {
            let first = inds.iter().find(|i| i.points.is_some());
            let mut d = Diagnostic::new(
                &codes::POINTS_MISMATCH,
                format!(
                    "项目“{}”中“{}”各指标的分值合计 {}，而规则集“{}”给这一组 {} 分",
                    project.name,
                    g.name,
                    num(explicit),
                    rules.name,
                    num(g.points)
                ),
            );
            if let Some(i) = first {
                d = d.label(i.span, "写了分值的指标");
            }
            diags.push(
                d.label(g.span, "规则集中的组分值")
                    .help("调整各指标的“分值”使合计等于组分值，或删去分值改为均分"),
            );
        }
        for i in &members {
            if let (Some(slot), Some(ind)) = (out.get_mut(*i), project.indicators.get(*i)) {
                slot.1 = ind.points;
            }
        }
        if !free.is_empty() {
            let rest = rest.max(Decimal::ZERO);
            let n = Decimal::from(free.len());
            let each = rest
                .checked_div(n)
                .unwrap_or_default()
                .round_dp_with_strategy(rules.rounding.places, RoundingStrategy::ToZero);
            let last = each
                .checked_mul(n - Decimal::ONE)
                .and_then(|x| rest.checked_sub(x))
                .unwrap_or(each);
            for (k, i) in free.iter().enumerate() {
                if let Some(slot) = out.get_mut(*i) {
                    slot.1 = Some(if k + 1 == free.len() { last } else { each });
                }
            }
        }
    }
    for (i, (g, p)) in out.iter().enumerate() {
        if p.is_some() || reported.contains(&g.as_str()) {
            continue;
        }
        reported.push(g);
        let Some(ind) = project.indicators.get(i) else {
            continue;
        };
        let names: Vec<&str> = rules.groups.iter().map(|g| g.name.as_str()).collect();
        let mut d = Diagnostic::new(
            &codes::GROUP_NOT_IN_RULES,
            format!(
                "规则集“{}”没有给一级指标“{}”分值，其中的指标无法评分",
                rules.name, g
            ),
        )
        .label(ind.level1_span, "这个一级指标");
        d = match crate::suggest::nearest(g, names.iter().copied()) {
            Some(n) => d.help(format!(
                "是不是想写“{n}”？规则集中的一级指标：{}",
                names.join("、")
            )),
            None => d.help(format!(
                "规则集中的一级指标：{}；也可在规则集中写“{g} 归入 …”",
                names.join("、")
            )),
        };
        diags.push(d);
    }
    out
}

fn undeclared(project: &Project, actuals: &ProjectActuals, diags: &mut Vec<Diagnostic>) {
    for a in &actuals.values {
        if project.indicator(&a.name).is_some() {
            continue;
        }
        let names: Vec<&str> = project.indicators.iter().map(|i| i.name.as_str()).collect();
        let mut d = Diagnostic::new(
            &codes::UNDECLARED_INDICATOR,
            format!("项目“{}”没有申报指标“{}”", project.name, a.name),
        )
        .label(a.name_span, "自评中的指标");
        d = match crate::suggest::nearest(&a.name, names.iter().copied()) {
            Some(n) => d.help(format!("是不是想写“{n}”？")),
            None => d.help(format!("这个项目申报的指标：{}", names.join("、"))),
        };
        diags.push(d);
    }
}

fn execution(
    project: &Project,
    actuals: Option<&ProjectActuals>,
    rules: &RuleSet,
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
    let mut trace = Trace {
        rule: "执行率".into(),
        formula: rules
            .formulas
            .execution
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default(),
        ..Trace::default()
    };
    let budget = match (budget, declared) {
        (Some(b), _) => Some(b),
        (None, Some(d)) => {
            trace.notes.push(format!(
                "自评未写全年预算数，取申报的年度资金 {} 元",
                money(d)
            ));
            Some(d)
        }
        (None, None) => None,
    };
    pe.budget = budget;
    pe.spent = spent;
    if let Some(a) = actuals {
        if a.spent.is_none() || (a.budget.is_none() && declared.is_none()) {
            let what = if a.spent.is_none() {
                "执行"
            } else {
                "预算"
            };
            diags.push(
                Diagnostic::new(
                    &codes::BUDGET_MISSING,
                    format!(
                        "项目“{}”的自评没有写“{what}”，预算执行率按 0 分计",
                        project.name
                    ),
                )
                .label(a.name_span, "这个项目的自评")
                .help("写上：预算 <全年预算数> 元 与 执行 <全年执行数> 元"),
            );
        }
    }
    let (Some(b), Some(s)) = (budget, spent) else {
        pe.execution_score = Some(rules.rounding.apply(Decimal::ZERO));
        trace.line = "预算执行率：缺少全年预算数或执行数 → 0".into();
        pe.execution_trace = trace;
        return;
    };
    if !b.is_zero() {
        pe.execution_rate = s.checked_div(b);
    }
    let Some(f) = &rules.formulas.execution else {
        pe.execution_trace = trace;
        return;
    };
    let s_used = if s < Decimal::ZERO {
        trace.notes.push("执行数为负，按 0 计".into());
        Decimal::ZERO
    } else {
        s
    };
    let rate = pe.execution_rate.unwrap_or_default();
    let vars = [
        ("执行数", Value::Num(s_used)),
        ("预算数", Value::Num(b)),
        ("执行率", Value::Num(rate)),
        ("分值", Value::Num(rules.execution_points)),
    ];
    let w = rules.execution_points;
    match eval(&f.expr, &Env { vars: &vars }) {
        Ok((Value::Num(raw), text)) => {
            let raw = if raw < Decimal::ZERO || raw > w {
                if rules.clamp == ClampPolicy::Clamp {
                    let c = raw.max(Decimal::ZERO).min(w);
                    trace.notes.push(format!(
                        "公式结果 {} 超出 0～{}，取 {}",
                        num(raw),
                        num(w),
                        num(c)
                    ));
                    Some(c)
                } else {
                    diags.push(
                        Diagnostic::new(
                            &codes::SCORE_OUT_OF_RANGE,
                            format!(
                                "按规则“执行率”算出项目“{}”的预算执行率得分为 {}，超出 0 至 {}",
                                project.name,
                                num(raw),
                                num(w)
                            ),
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
                pe.execution_trace = trace;
                return;
            };
            let sc = rules.rounding.apply(raw);
            pe.execution_score = Some(sc);
            trace.line = format!(
                "预算执行率：执行数 {} 元 ÷ 预算数 {} 元 = {} → {} = {}",
                money(s),
                money(b),
                percent(rate),
                text,
                fmt_score(sc, rules.rounding.places)
            );
        }
        Ok((Value::Bool(_), _)) => {}
        Err(e) => {
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
                .help("全年预算数为 0 时无法计算执行率：检查“预算”一行"),
            );
        }
    }
    pe.execution_trace = trace;
}

fn totals(rules: &RuleSet, pe: &mut ProjectEvaluation) {
    let mut order: Vec<String> = rules.groups.iter().map(|g| g.name.clone()).collect();
    for i in &pe.indicators {
        if !order.contains(&i.group) {
            order.push(i.group.clone());
        }
    }
    let mut members: HashMap<&str, Vec<String>> = HashMap::new();
    for i in &pe.indicators {
        let m = members.entry(i.group.as_str()).or_default();
        if !m.contains(&i.level1) {
            m.push(i.level1.clone());
        }
    }
    let mut groups = Vec::new();
    for g in &order {
        let inds: Vec<_> = pe.indicators.iter().filter(|i| &i.group == g).collect();
        let points = rules
            .group(g)
            .map(|x| x.points)
            .or_else(|| sum(inds.iter().map(|i| i.points)))
            .unwrap_or_default();
        let score = inds.iter().try_fold(Decimal::ZERO, |acc, i| {
            i.score.and_then(|s| acc.checked_add(s))
        });
        groups.push(GroupSubtotal {
            name: g.clone(),
            members: members.get(g.as_str()).cloned().unwrap_or_default(),
            points,
            score,
        });
    }
    pe.groups = groups;
    let ind_total = pe.indicators.iter().try_fold(Decimal::ZERO, |acc, i| {
        i.score.and_then(|s| acc.checked_add(s))
    });
    pe.total = match (pe.execution_score, ind_total) {
        (Some(e), Some(t)) => e.checked_add(t),
        _ => None,
    };
    pe.grade = pe.total.and_then(|t| rules.grade_of(t));
    if pe.indicators.iter().any(|i| i.manual.is_some()) {
        let adj = pe.indicators.iter().try_fold(Decimal::ZERO, |acc, i| {
            i.manual
                .as_ref()
                .map(|m| m.score)
                .or(i.score)
                .and_then(|s| acc.checked_add(s))
        });
        pe.adjusted_total = match (pe.execution_score, adj) {
            (Some(e), Some(t)) => e.checked_add(t),
            _ => None,
        };
        pe.adjusted_grade = pe.adjusted_total.and_then(|t| rules.grade_of(t));
    }
}

/// The warnings real systems raise: low 执行率, and indicators far ahead of spending.
fn warnings(
    project: &Project,
    actuals: Option<&ProjectActuals>,
    pe: &ProjectEvaluation,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(a), Some(rate)) = (actuals, pe.execution_rate) else {
        return;
    };
    let span = a.spent.as_ref().map(|s| s.span).unwrap_or(a.name_span);
    let eighty = Decimal::new(8, 1);
    if rate < eighty {
        diags.push(
            Diagnostic::new(
                &codes::LOW_EXECUTION,
                format!(
                    "项目“{}”的预算执行率只有 {}，低于 80%",
                    project.name,
                    percent(rate)
                ),
            )
            .label(span, "全年执行数")
            .help("请在自评说明中分析资金执行慢的原因"),
        );
    }
    let points = sum(pe.indicators.iter().map(|i| i.points));
    let scored = pe
        .indicators
        .iter()
        .map(|i| i.score)
        .collect::<Option<Vec<_>>>()
        .and_then(sum);
    let share = match (scored, points) {
        (Some(s), Some(p)) if !p.is_zero() => s.checked_div(p),
        _ => None,
    };
    if let Some(share) = share {
        let gap = share
            .checked_sub(rate.min(Decimal::ONE))
            .unwrap_or_default();
        if gap > Decimal::new(5, 2) {
            diags.push(
                Diagnostic::new(
                    &codes::PROGRESS_MISMATCH,
                    format!(
                        "项目“{}”的指标得分率 {} 比预算执行率 {} 高出 {} 个百分点以上",
                        project.name,
                        percent(share),
                        percent(rate),
                        5
                    ),
                )
                .label(span, "全年执行数")
                .help("指标完成远快于资金执行：请核实完成值，或说明资金结余的原因"),
            );
        }
    }
}
