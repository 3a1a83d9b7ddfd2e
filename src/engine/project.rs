//! Scoring one project: points allocation, indicators, 执行率, totals.

use super::indicator::{self, Input};
use super::trace::SharedFormulas;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::evaluation::{
    GroupSubtotal, ProjectActuals, ProjectEvaluation, ShortText, Trace, TraceText,
};
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
    super::warnings::warnings(project, actuals, &pe, diags);
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
            Some(n) => crate::diagnostic::apply::did_you_mean(d, name_span, name, n),
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
