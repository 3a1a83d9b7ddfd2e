//! Scoring one project: points allocation, indicators, 执行率, totals.

use super::indicator::{self, Input};
use super::trace::SharedFormulas;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{money_exact, percent};
use crate::model::evaluation::{
    GroupSubtotal, ProjectActuals, ProjectEvaluation, ShortText, Trace, TraceText,
};
use crate::model::quantity::sum;
use crate::model::rules::RuleSet;
use crate::model::Project;
use rust_decimal::Decimal;

pub fn evaluate(
    project: &Project,
    actuals: Option<&ProjectActuals>,
    rules: &RuleSet,
    formulas: &SharedFormulas,
    diags: &mut Vec<Diagnostic>,
) -> ProjectEvaluation {
    let mut pe = ProjectEvaluation {
        name: project.name.as_str().into(),
        competent_department: project.competent_department.as_deref().map(Into::into),
        implementing_unit: project.implementing_unit.as_deref().map(Into::into),
        people: crate::model::ProjectField::PEOPLE
            .into_iter()
            .filter_map(|field| {
                let value = project.text(field)?.as_str().into();
                Some(crate::model::evaluation::Person { field, value })
            })
            .collect(),
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
    if let Some(a) = actuals {
        lookalike(
            "项目",
            &a.name,
            a.name_span,
            &project.name,
            project.name_span,
            diags,
        );
    }
    let allocation = super::allocate::allocate(project, actuals, rules, diags);
    let project_span = actuals.map(|a| a.name_span).unwrap_or(project.name_span);
    pe.indicators.reserve_exact(project.indicators.len());
    // The actuals an indicator took are declared: only the others are
    // looked for among the indicators (each search compares every name).
    let mut matched = vec![false; actuals.map_or(0, |a| a.values.len())];
    for (ind, (group, pts)) in project.indicators.iter().zip(allocation.indicators) {
        let actual = actuals.and_then(|a| a.actual(&ind.name));
        if let (Some(a), Some(found)) = (actuals, actual) {
            lookalike(
                "指标",
                &found.name,
                found.name_span,
                &ind.name,
                ind.name_span,
                diags,
            );
            let at = a.values.iter().position(|v| std::ptr::eq(v, found));
            if let Some(slot) = at.and_then(|i| matched.get_mut(i)) {
                *slot = true;
            }
        }
        let input = Input {
            indicator: ind,
            actual,
            points: pts.unwrap_or_default(),
            group,
            rules,
            formulas,
            project_missing: actuals.is_none(),
            project_name: &project.name,
            project_span,
        };
        let mut ev = indicator::score(&input, diags);
        if pts.is_none() {
            ev.score = None;
        }
        if let Some(p) = actuals.and_then(|a| super::printed::line(a, &ind.name)) {
            super::printed::beside(&mut ev, p, actual.is_none(), diags);
        }
        pe.indicators.push(ev);
    }
    if let Some(a) = actuals {
        undeclared(project, a, &matched, diags);
    }
    super::execution::execution(project, actuals, rules, formulas, &mut pe, diags);
    totals(rules, &allocation.groups, &mut pe);
    super::printed::withhold_grade(allocation.over, &mut pe);
    if let Some(a) = actuals {
        super::printed::sums(project, a, rules, &mut pe, diags);
    }
    warnings(project, actuals, &pe, diags);
    pe
}

/// A project whose actuals block has a syntax error: listed, not scored.
pub fn unreadable(
    project: &Project,
    rules: &RuleSet,
    formulas: &SharedFormulas,
) -> ProjectEvaluation {
    let mut quiet = Vec::new();
    let mut pe = evaluate(project, None, rules, formulas, &mut quiet);
    pe.has_actuals = false;
    pe.execution_score = None;
    let relined = |trace: &Trace, line: String| {
        Trace::ready(TraceText {
            line,
            ..trace.text().clone()
        })
    };
    pe.execution_trace = relined(&pe.execution_trace, "自评块有语法错误，未评分".into());
    for i in &mut pe.indicators {
        i.score = None;
        i.met = None;
        i.missing = false;
        i.explanation_required = false;
        i.trace = relined(&i.trace, format!("{}：自评块有语法错误，未评分", i.name));
    }
    for g in &mut pe.groups {
        g.score = None;
    }
    pe.total = None;
    pe.grade = None;
    pe
}

/// JX-M010: a 自评 name that matches a declared one only after folding
/// (全角/半角, spaces). It is the same name (the one rule, GRAMMAR.md), but
/// the reviewer sees that it was written differently.
fn lookalike(
    what: &str,
    written: &str,
    span: crate::source::Span,
    declared: &str,
    declared_span: crate::source::Span,
    diags: &mut Vec<Diagnostic>,
) {
    if written == declared {
        return;
    }
    diags.push(
        Diagnostic::new(
            &codes::LOOKALIKE_NAME,
            format!("自评中的{what}“{written}”与申报的“{declared}”写法不同（只差全角半角或空格），按同一{what}计"),
        )
        .label(span, "自评的写法")
        .label(declared_span, "申报的写法")
        .help(format!("照申报的写法改为“{declared}”")),
    );
}

fn undeclared(
    project: &Project,
    actuals: &ProjectActuals,
    matched: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    // Lines that print values but have no actual are lines too.
    let lone = actuals
        .printed
        .iter()
        .filter(|p| p.alone.is_some())
        .map(|p| (&p.name, p.name_span));
    // A line that does not parse was reported where it is; what it names
    // may be no indicator at all (`预算 五万`).
    let lines = actuals
        .values
        .iter()
        .enumerate()
        .filter(|(k, a)| {
            matched.get(*k) != Some(&true)
                && !matches!(a.value, crate::model::evaluation::ActualValue::Unreadable)
        })
        .map(|(_, a)| (&a.name, a.name_span))
        .chain(lone);
    for (name, name_span) in lines {
        if project.indicator(name).is_some() {
            continue;
        }
        let names: Vec<&str> = project.indicators.iter().map(|i| i.name.as_str()).collect();
        let mut d = Diagnostic::new(
            &codes::UNDECLARED_INDICATOR,
            format!("项目“{}”没有申报指标“{}”", project.name, name),
        )
        .label(name_span, "自评中的指标");
        d = match crate::suggest::nearest(name, names.iter().copied()) {
            Some(n) => d.help(format!("是不是想写“{n}”？")),
            None => d.help(format!("这个项目申报的指标：{}", names.join("、"))),
        };
        diags.push(d);
    }
}

fn totals(rules: &RuleSet, group_points: &[(&str, Decimal)], pe: &mut ProjectEvaluation) {
    let mut order: Vec<&str> = rules.groups.iter().map(|g| g.name.as_str()).collect();
    for i in &pe.indicators {
        if !order.contains(&i.group.as_str()) {
            order.push(&i.group);
        }
    }
    let mut groups = Vec::with_capacity(order.len());
    for g in &order {
        let mut members: Vec<ShortText> = Vec::new();
        let mut points = Some(Decimal::ZERO);
        let mut score = Some(Decimal::ZERO);
        for i in pe.indicators.iter().filter(|i| i.group == *g) {
            if !members.contains(&i.level1) {
                members.push(i.level1.clone());
            }
            points = points.and_then(|p| p.checked_add(i.points));
            score = match (score, i.score) {
                (Some(acc), Some(s)) => acc.checked_add(s),
                _ => None,
            };
        }
        let points = group_points
            .iter()
            .find(|(n, _)| n == g)
            .map(|(_, p)| *p)
            .or(points)
            .unwrap_or_default();
        groups.push(GroupSubtotal {
            name: (*g).into(),
            members,
            points,
            score,
            ..GroupSubtotal::default()
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
    pe.grade = pe.total.and_then(|t| rules.grade_of(t)).map(Into::into);
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
        pe.adjusted_grade = pe
            .adjusted_total
            .and_then(|t| rules.grade_of(t))
            .map(Into::into);
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
                    percent_below(rate, eighty)
                ),
            )
            .label(span, "全年执行数")
            .help("请在自评说明中分析资金执行慢的原因"),
        );
    }
    if let (Some(b), Some(s)) = (pe.budget, pe.spent) {
        if s > b && !b.is_sign_negative() {
            diags.push(
                Diagnostic::new(
                    &codes::SPENT_OVER_BUDGET,
                    format!(
                        "项目“{}”的全年执行数 {} 元超过全年预算数 {} 元",
                        project.name,
                        money_exact(s),
                        money_exact(b)
                    ),
                )
                .label(span, "全年执行数")
                .help("执行数不能超过调整后的全年预算数（含上年结转）：请核对“预算”“执行”两行"),
            );
        }
    }
    // Completion of the indicators reported and read: one with no actual
    // (JX-V006) or an unreadable one is scored 0 for that, not for a
    // target missed.
    let read = || {
        pe.indicators
            .iter()
            .filter(|i| i.unscored.is_none() && !i.missing)
    };
    let points = sum(read().map(|i| i.points));
    let scored = read().try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.score?));
    let share = match (scored, points) {
        (Some(s), Some(p)) if !p.is_zero() => s.checked_div(p),
        _ => None,
    };
    let left_out = pe.indicators.len().saturating_sub(read().count());
    if let Some(share) = share {
        progress(project, (share, left_out), rate, span, diags);
    }
}

/// JX-V018 both ways: indicator completion (the share of the indicator
/// points scored) and 执行率 (at most 100%) more than 5 points apart —
/// targets ahead of spending, or money spent and targets not reached.
fn progress(
    project: &Project,
    (share, left_out): (Decimal, usize),
    rate: Decimal,
    span: crate::source::Span,
    diags: &mut Vec<Diagnostic>,
) {
    let spent = rate.min(Decimal::ONE);
    let five = Decimal::new(5, 2);
    let ahead = share.checked_sub(spent).is_some_and(|g| g > five);
    let behind = spent.checked_sub(share).is_some_and(|g| g > five);
    let (message, help) = if ahead {
        (
            format!(
                "项目“{}”的指标得分率 {} 比预算执行率 {} 高出 {} 个百分点以上",
                project.name,
                percent(share),
                percent(rate),
                5
            ),
            "指标完成远快于资金执行：请核实完成值，或说明资金结余的原因",
        )
    } else if behind {
        (
            format!(
                "项目“{}”的预算执行率 {} 比指标得分率 {} 高出 {} 个百分点以上",
                project.name,
                percent(rate),
                percent(share),
                5
            ),
            "资金已经花出，绩效目标却没有相应完成：请说明未完成的原因，核实资金是否用在了这些目标上",
        )
    } else {
        return;
    };
    let message = if left_out > 0 {
        format!("{message}（得分率不计没有完成值或完成值读不出的 {left_out} 项指标）")
    } else {
        message
    };
    diags.push(
        Diagnostic::new(&codes::PROGRESS_MISMATCH, message)
            .label(span, "全年执行数")
            .help(help),
    );
}

/// A rate below `bound` as a percentage that is below it too: two decimals,
/// more where rounding would reach the bound (79.996% is not “80.00%”).
fn percent_below(rate: Decimal, bound: Decimal) -> String {
    let hundred = |d: Decimal| d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d);
    let shown = percent(rate);
    let [r, b] = crate::model::display::told_apart([hundred(rate), hundred(bound)]);
    if shown.trim_end_matches('%').parse::<Decimal>().ok() < b.parse().ok() {
        shown
    } else {
        format!("{r}%")
    }
}
