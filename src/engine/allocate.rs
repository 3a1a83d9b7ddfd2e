//! Points per indicator: the form's 分值 where given (as `表内分值` says),
//! the rest of each group split evenly; and the points of each group.

use super::form_points::{places, proportional, Form, FormWeights};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::ProjectActuals;
use crate::model::quantity::sum;
use crate::model::rules::{EmptyGroupPolicy, FormPointsPolicy, GroupPoints, RuleSet};
use crate::model::Project;
use crate::source::Span;
use rust_decimal::{Decimal, RoundingStrategy};

/// Points per indicator (with its scoring group) and per rule-set group.
pub(super) struct Allocation<'a> {
    pub indicators: Vec<(&'a str, Option<Decimal>)>,
    /// Each group of the rule set, in order, with the points it carries in
    /// this project (the form's under `表内分值 采用`; scaled up under
    /// `缺组 按比例折算`).
    pub groups: Vec<(&'a str, Decimal)>,
    /// The points add up to more than the full marks (JX-V050): why the
    /// total is not graded.
    pub over: Option<String>,
}

/// The full marks of a project: a total above them is not graded.
pub(super) const FULL_MARKS: Decimal = Decimal::ONE_HUNDRED;

/// The points of each rule-set group in this project: `base` (the rule
/// set's, or the form's under `表内分值 采用`). A group the project has no
/// indicator in loses its points, or under `缺组 按比例折算` they are spread
/// over the other groups in proportion (rounded down, the remainder to the
/// last group, so that the groups still add up to the rule set's total).
fn group_points<'a>(
    project: &Project,
    rules: &'a RuleSet,
    present: &[bool],
    base: impl Fn(usize) -> Decimal,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'a str, Decimal)> {
    let present = |k: usize| present.get(k) == Some(&true);
    let all = sum(rules.groups.iter().map(|g| g.points));
    let here = sum((0..rules.groups.len()).filter(|k| present(*k)).map(&base));
    let absent = (0..rules.groups.len())
        .any(|k| !present(k) && rules.groups.get(k).is_some_and(|g| !g.points.is_zero()));
    // The form's own points fill the rule set's whole: nothing is missing.
    let filled = matches!((all, here), (Some(a), Some(h)) if h >= a);
    let rescale = rules.empty_groups == EmptyGroupPolicy::Rescale;
    for (k, g) in rules.groups.iter().enumerate() {
        if present(k) || project.indicators.is_empty() || g.points.is_zero() || filled {
            continue;
        }
        let (message, help, severity) = if rescale {
            (
                format!(
                    "项目“{}”没有“{}”的指标，按规则“缺组 按比例折算”，这一组的 {} 分折算到其他组",
                    project.name,
                    g.name,
                    num(g.points)
                ),
                "各组分值见自评表的分组小计".to_string(),
                crate::Severity::Info,
            )
        } else {
            (
                format!(
                    "项目“{}”没有“{}”的指标，规则集给这一组的 {} 分无从得分",
                    project.name,
                    g.name,
                    num(g.points)
                ),
                format!(
                    "在申报的“指标”中补上“{}”，或在规则集中写“缺组 按比例折算”",
                    g.name
                ),
                crate::Severity::Warning,
            )
        };
        diags.push(
            Diagnostic::new(&codes::EMPTY_GROUP, message)
                .severity(severity)
                .label(project.name_span, "申报的项目")
                .label(g.span, "规则集中的组分值")
                .help(help),
        );
    }
    let scaled = match (all, here) {
        (Some(all), Some(here)) if rescale && absent && !here.is_zero() && here < all => {
            Some((all, here))
        }
        _ => None,
    };
    let Some((all, here)) = scaled else {
        return rules
            .groups
            .iter()
            .enumerate()
            .map(|(k, g)| (g.name.as_str(), if present(k) { base(k) } else { g.points }))
            .collect();
    };
    let last = (0..rules.groups.len()).rposition(present);
    let mut given = Decimal::ZERO;
    let mut out = Vec::new();
    for (k, g) in rules.groups.iter().enumerate() {
        let p = if !present(k) {
            Decimal::ZERO
        } else if Some(k) == last {
            all.checked_sub(given).unwrap_or_default()
        } else {
            base(k)
                .checked_mul(all)
                .and_then(|x| x.checked_div(here))
                .unwrap_or_default()
                .round_dp_with_strategy(rules.rounding.places, RoundingStrategy::ToZero)
        };
        given = given.checked_add(p).unwrap_or(given);
        out.push((g.name.as_str(), p));
    }
    out
}

/// What allocating `project`'s points under `rules` says of its 分值
/// (JX-V014: points that do not fit their group; JX-V050: points above the
/// full 100), for `check`, which reports before the year end what eval
/// would refuse.
pub fn points_mismatches(project: &Project, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let weighted =
        project.indicators.iter().any(|i| i.points.is_some()) || !project.group_points.is_empty();
    if weighted {
        let _ = allocate(project, None, rules, &mut diags);
        diags.retain(|d| {
            d.code == codes::POINTS_MISMATCH.code || d.code == codes::POINTS_OVER_FULL.code
        });
    }
    diags
}

/// The points of each indicator: the form's weights where it writes them,
/// combined with the rule set's group points as `表内分值` says
/// ([`super::form_points`]); the rest of a group split evenly (rounded down
/// to the rule set's places, the remainder to the last indicator, so that
/// the parts add up to the group exactly).
pub(super) fn allocate<'a>(
    project: &'a Project,
    actuals: Option<&'a ProjectActuals>,
    rules: &'a RuleSet,
    diags: &mut Vec<Diagnostic>,
) -> Allocation<'a> {
    let groups: Vec<&str> = project
        .indicators
        .iter()
        .map(|i| rules.scoring_group(&i.level1))
        .collect();
    // Each indicator's group by its place in the rule set (compared as a
    // number below, where names were compared in every pass, issue 7).
    let slots: Vec<Option<usize>> = groups
        .iter()
        .map(|g| rules.groups.iter().position(|r| r.name == *g))
        .collect();
    // A group of the rule set by the place of the first of its name.
    let first = |k: usize| {
        let name = rules.groups.get(k).map(|g| g.name.as_str());
        rules
            .groups
            .iter()
            .position(|r| Some(r.name.as_str()) == name)
    };
    let present: Vec<bool> = (0..rules.groups.len())
        .map(|k| slots.contains(&first(k)))
        .collect();
    let form = FormWeights::of(project, actuals, rules, diags);
    // The form's weights of each group the project has; none (and nothing
    // allocated) when the form has no weights, as most projects.
    let forms: Vec<Option<Form>> = match &form {
        Some(f) => (0..rules.groups.len())
            .map(|k| {
                (present.get(k) == Some(&true))
                    .then(|| f.group_form(&places(&slots, first(k)), rules.rounding.places, diags))
            })
            .collect(),
        None => Vec::new(),
    };
    let base = |k: usize| {
        let total = forms.get(k).and_then(Option::as_ref).and_then(|f| f.total);
        match (rules.form_points, total) {
            (FormPointsPolicy::Use, Some(total)) => total,
            _ => rules.groups.get(k).map(|g| g.points).unwrap_or_default(),
        }
    };
    let group_points = group_points(project, rules, &present, base, diags);
    let mut out: Vec<(&str, Option<Decimal>)> = groups.iter().map(|g| (*g, None)).collect();
    let mut reported: Vec<&str> = Vec::new();
    for (k, (g, (_, group_pts))) in rules.groups.iter().zip(&group_points).enumerate() {
        if present.get(k) != Some(&true) {
            continue;
        }
        let group_points = *group_pts;
        let slot = first(k);
        let Some(f) = forms.get(k).and_then(Option::as_ref) else {
            // No weights: an even split, the members walked again rather
            // than collected (scoring allocates enough, issue 7).
            let free = slots.iter().filter(|x| **x == slot).count();
            let (each, last) = even_split(group_points, free, rules);
            let mut k = 0;
            for (o, _) in out.iter_mut().zip(&slots).filter(|(_, x)| **x == slot) {
                k += 1;
                o.1 = Some(if k == free { last } else { each });
            }
            continue;
        };
        let members = places(&slots, slot);
        let shares = share_form(project, rules, g, f, &members, group_points, diags);
        for (i, p) in members.iter().zip(shares) {
            if let Some(o) = out.get_mut(*i) {
                o.1 = Some(p);
            }
        }
    }
    for (i, (g, p)) in out.iter().enumerate() {
        if p.is_some() || reported.contains(g) {
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
    let over = over_full_marks(project, rules, &present, &group_points, &forms, diags);
    Allocation {
        indicators: out,
        groups: group_points,
        over,
    }
}

/// The points of a group's members from the form's weights: in proportion
/// within the form's points for the group when it says them (JX-V051 when
/// that rescales them), else the written ones as they are and the rest
/// split evenly (JX-V014 when the written ones exceed the group).
fn share_form(
    project: &Project,
    rules: &RuleSet,
    g: &GroupPoints,
    form: &Form,
    members: &[usize],
    points: Decimal,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Decimal> {
    let places = rules.rounding.places;
    if let Some(total) = form.total {
        let w: Vec<Decimal> = form.w.iter().map(|x| x.unwrap_or_default()).collect();
        let weighed = w
            .iter()
            .copied()
            .fold(Decimal::ZERO, Decimal::saturating_add);
        let frame = total.max(weighed);
        if frame != points && rules.form_points == FormPointsPolicy::Scale {
            let mut d = Diagnostic::new(
                &codes::FORM_POINTS_SCALED,
                format!(
                    "项目“{}”中“{}”的表内分值合计 {}，按规则“表内分值 折算”折算为规则集给这一组的 {} 分",
                    project.name,
                    g.name,
                    num(frame),
                    num(points)
                ),
            )
            .severity(crate::Severity::Info);
            if let Some(at) = form.at {
                d = d.label(at, "表内分值");
            }
            diags.push(d.help(format!(
                "各指标的分值 = 表内分值 × {} ÷ {}；要按表内分值计分，在规则集中写“表内分值 采用”",
                num(points),
                num(frame)
            )));
        }
        return proportional(&w, frame, points, places, !form.shared);
    }
    let explicit = form
        .w
        .iter()
        .flatten()
        .copied()
        .fold(Decimal::ZERO, Decimal::saturating_add);
    if explicit > points {
        let first = members
            .iter()
            .zip(&form.w)
            .find(|(_, w)| w.is_some())
            .and_then(|(m, _)| project.indicators.get(*m));
        let mut d = Diagnostic::new(
            &codes::POINTS_MISMATCH,
            format!(
                "项目“{}”中“{}”各指标的分值合计 {}，而规则集“{}”给这一组 {} 分",
                project.name,
                g.name,
                num(explicit),
                rules.name,
                num(points)
            ),
        );
        if let Some(i) = first {
            d = d.label(i.span, "写了分值的指标");
        }
        diags.push(
            d.label(g.span, "规则集中的组分值")
                .help("调整各指标的“分值”使合计不超过组分值，或删去分值改为均分；评分时写了分值的指标按比例减到组分值之内，其余指标不得分"),
        );
        let written: Vec<Decimal> = form.w.iter().flatten().copied().collect();
        let mut scaled = proportional(&written, explicit, points, places, false).into_iter();
        return form
            .w
            .iter()
            .map(|w| match w {
                Some(_) => scaled.next().unwrap_or_default(),
                None => Decimal::ZERO,
            })
            .collect();
    }
    // Not scaled: the shares of a group's 分值 as points, on the rule
    // set's places.
    split(&form.grid, points, rules)
}

/// Written points as they are; the rest of `points` split evenly among the
/// others ([`even_split`]).
fn split(w: &[Option<Decimal>], points: Decimal, rules: &RuleSet) -> Vec<Decimal> {
    let explicit = w
        .iter()
        .flatten()
        .copied()
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let free = w.iter().filter(|x| x.is_none()).count();
    let rest = points
        .checked_sub(explicit)
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let (each, last) = even_split(rest, free, rules);
    let mut k = 0;
    w.iter()
        .map(|x| match x {
            Some(v) => *v,
            None => {
                k += 1;
                if k == free {
                    last
                } else {
                    each
                }
            }
        })
        .collect()
}

/// What each of `n` indicators gets of `rest`, and the last: rounded down to
/// the rule set's places, the remainder to the last, so that the parts add
/// up to `rest` exactly.
fn even_split(rest: Decimal, n: usize, rules: &RuleSet) -> (Decimal, Decimal) {
    let rest = rest.max(Decimal::ZERO);
    if n == 1 {
        // The only one takes the rest (what the split gives it, without
        // dividing by one).
        return (rest, rest);
    }
    if n == 0 {
        return (Decimal::ZERO, Decimal::ZERO);
    }
    let n = Decimal::from(n);
    let each = rest
        .checked_div(n)
        .unwrap_or_default()
        .round_dp_with_strategy(rules.rounding.places, RoundingStrategy::ToZero);
    let last = each
        .checked_mul(n - Decimal::ONE)
        .and_then(|x| rest.checked_sub(x))
        .unwrap_or(each);
    (each, last)
}

/// JX-V050: the points of the groups the project has, with 预算执行率's,
/// add up to more than the full 100, so no total can be graded. Reported on
/// the group whose points pass 100.
fn over_full_marks(
    project: &Project,
    rules: &RuleSet,
    present: &[bool],
    group_points: &[(&str, Decimal)],
    forms: &[Option<Form>],
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut total = rules.execution_points;
    let mut parts = vec![format!("预算执行率 {}", num(rules.execution_points))];
    let mut crossing: Option<(Span, bool)> = None;
    for (k, (name, p)) in group_points.iter().enumerate() {
        if present.get(k) != Some(&true) {
            continue;
        }
        total = total.saturating_add(*p);
        parts.push(format!("{name} {}", num(*p)));
        if total > FULL_MARKS && crossing.is_none() {
            let form = forms.get(k).and_then(Option::as_ref);
            let by_form = rules.form_points == FormPointsPolicy::Use
                && form.is_some_and(|f| f.total.is_some());
            let at = form
                .and_then(|f| f.at)
                .filter(|_| by_form)
                .or_else(|| rules.groups.get(k).map(|g| g.span));
            crossing = at.map(|s| (s, by_form));
        }
    }
    if total <= FULL_MARKS {
        return None;
    }
    let mut d = Diagnostic::new(
        &codes::POINTS_OVER_FULL,
        format!(
            "项目“{}”的分值合计 {}（{}），超过满分 100：总分照算，但不评等级",
            project.name,
            num(total),
            parts.join(" + ")
        ),
    )
    .label(project.name_span, "申报的项目");
    let by_form = crossing.is_some_and(|(_, f)| f);
    if let Some((at, _)) = crossing {
        d = d.label(
            at,
            if by_form {
                "这一组的表内分值使合计超过 100"
            } else {
                "规则集中这一组的分值使合计超过 100"
            },
        );
    }
    diags.push(d.help(if by_form {
        "按表核对各组的分值；表上的分值若是另一种口径，在规则集中写“表内分值 折算”，按规则集的组分值折算"
    } else {
        "规则集的分值合计超过 100：核对规则集的“分值”"
    }));
    Some(format!("分值合计 {}，超过满分 100", num(total)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single free indicator takes the rest as it is: what the even
    /// split gives it (rest ÷ 1, rounded down, then rest − 0 × that),
    /// digit for digit, scale included (the points are serialized).
    #[test]
    fn one_free_indicator_takes_the_rest_as_the_split_would() {
        for rest in ["30", "30.5", "0", "7.125", "12.30", "0.001", "100.000"] {
            let rest: Decimal = rest.parse().unwrap();
            for places in 0..4 {
                let n = Decimal::ONE;
                let each = rest
                    .checked_div(n)
                    .unwrap_or_default()
                    .round_dp_with_strategy(places, RoundingStrategy::ToZero);
                let last = each
                    .checked_mul(n - Decimal::ONE)
                    .and_then(|x| rest.checked_sub(x))
                    .unwrap_or(each);
                assert_eq!(last.to_string(), rest.to_string(), "{rest} at {places}");
            }
        }
    }
}
