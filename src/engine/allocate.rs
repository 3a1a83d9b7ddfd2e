//! Points per indicator: explicit 分值 where given, the rest of each group
//! split evenly.

use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::quantity::sum;
use crate::model::rules::{EmptyGroupPolicy, RuleSet};
use crate::model::Project;
use rust_decimal::{Decimal, RoundingStrategy};

/// Points per indicator (with its scoring group) and per rule-set group.
pub(super) struct Allocation<'a> {
    pub indicators: Vec<(&'a str, Option<Decimal>)>,
    /// Each group of the rule set, in order, with the points it carries in
    /// this project (scaled up under `缺组 按比例折算`).
    pub groups: Vec<(&'a str, Decimal)>,
}

/// The points of each rule-set group in this project. A group the project
/// has no indicator in loses its points, or under `缺组 按比例折算` they are
/// spread over the other groups in proportion (rounded down, the remainder
/// to the last group, so that the groups still add up to the same total).
fn group_points<'a>(
    project: &Project,
    rules: &'a RuleSet,
    present: &[bool],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'a str, Decimal)> {
    let present = |k: usize| present.get(k) == Some(&true);
    let all = sum(rules.groups.iter().map(|g| g.points));
    let here = sum(rules
        .groups
        .iter()
        .enumerate()
        .filter(|(k, _)| present(*k))
        .map(|(_, g)| g.points));
    let rescale = rules.empty_groups == EmptyGroupPolicy::Rescale;
    for (k, g) in rules.groups.iter().enumerate() {
        if present(k) || project.indicators.is_empty() || g.points.is_zero() {
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
        (Some(all), Some(here)) if rescale && !here.is_zero() && here != all => Some((all, here)),
        _ => None,
    };
    let Some((all, here)) = scaled else {
        return rules
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.points))
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
            g.points
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
/// (JX-V014: explicit points that do not fit the rule set's group), for
/// `check`, which reports before the year end what eval would refuse.
pub fn points_mismatches(project: &Project, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if project.indicators.iter().any(|i| i.points.is_some()) {
        let _ = allocate(project, rules, &mut diags);
        diags.retain(|d| d.code == codes::POINTS_MISMATCH.code);
    }
    diags
}

/// The points of each indicator: explicit 分值 where given, the rest of the
/// group split evenly (rounded down to the rule set's places, the remainder
/// to the last indicator, so that the parts add up to the group exactly).
pub(super) fn allocate<'a>(
    project: &'a Project,
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
    let group_points = group_points(project, rules, &present, diags);
    let mut out: Vec<(&str, Option<Decimal>)> = groups.iter().map(|g| (*g, None)).collect();
    let mut reported: Vec<&str> = Vec::new();
    for (k, (g, (_, group_pts))) in rules.groups.iter().zip(&group_points).enumerate() {
        if present.get(k) != Some(&true) {
            continue;
        }
        // The indicators scored in this group, with their places (walked
        // again rather than collected: scoring allocates enough).
        let slot = first(k);
        let members = || {
            project
                .indicators
                .iter()
                .zip(&slots)
                .enumerate()
                .filter(move |(_, (_, x))| **x == slot)
                .map(|(i, (ind, _))| (i, ind))
        };
        let group_points = *group_pts;
        // An overflowing sum cannot match the group: reported as a mismatch.
        let explicit = sum(members().filter_map(|(_, i)| i.points)).unwrap_or(Decimal::MAX);
        let free = members().filter(|(_, i)| i.points.is_none()).count();
        let rest = group_points.checked_sub(explicit).unwrap_or(Decimal::MIN);
        let mismatch = if free == 0 {
            explicit != group_points
        } else {
            rest < Decimal::ZERO
        };
        if mismatch {
            let first = members().map(|(_, i)| i).find(|i| i.points.is_some());
            let mut d = Diagnostic::new(
                &codes::POINTS_MISMATCH,
                format!(
                    "项目“{}”中“{}”各指标的分值合计 {}，而规则集“{}”给这一组 {} 分",
                    project.name,
                    g.name,
                    num(explicit),
                    rules.name,
                    num(group_points)
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
        for (i, ind) in members() {
            if let Some(slot) = out.get_mut(i) {
                slot.1 = ind.points;
            }
        }
        if free == 1 {
            // The only one takes the rest (what the split below gives it,
            // without dividing by one).
            let rest = rest.max(Decimal::ZERO);
            let only = members().find(|(_, ind)| ind.points.is_none());
            if let Some(slot) = only.and_then(|(i, _)| out.get_mut(i)) {
                slot.1 = Some(rest);
            }
        } else if free > 0 {
            let rest = rest.max(Decimal::ZERO);
            let n = Decimal::from(free);
            let each = rest
                .checked_div(n)
                .unwrap_or_default()
                .round_dp_with_strategy(rules.rounding.places, RoundingStrategy::ToZero);
            let last = each
                .checked_mul(n - Decimal::ONE)
                .and_then(|x| rest.checked_sub(x))
                .unwrap_or(each);
            let unpointed = members().filter(|(_, ind)| ind.points.is_none());
            for (k, (i, _)) in unpointed.enumerate() {
                if let Some(slot) = out.get_mut(i) {
                    slot.1 = Some(if k + 1 == free { last } else { each });
                }
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
    Allocation {
        indicators: out,
        groups: group_points,
    }
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
