//! What the form printed beside jixiao's own numbers (issue 17): an
//! indicator's 分值 and 得分, a group's 小计, the 合计 and its 等级. They are
//! shown beside the computed ones, never in their place; and a total above
//! the full marks is not graded.

use super::allocate::FULL_MARKS;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::num;
use crate::model::evaluation::{
    IndicatorEvaluation, PrintedLine, ProjectActuals, ProjectEvaluation, ShortText,
};
use crate::model::rules::RuleSet;
use crate::model::{same_name, Project};

/// What the form printed on the line of `indicator`, if anything.
pub(super) fn line<'a>(actuals: &'a ProjectActuals, indicator: &str) -> Option<&'a PrintedLine> {
    if actuals.printed.is_empty() {
        return None;
    }
    actuals.printed(indicator)
}

/// Put the printed values beside the computed ones; a line with no actual
/// brings its notes and its manual score (which counts, as on any line).
pub(super) fn beside(
    ev: &mut IndicatorEvaluation,
    printed: &PrintedLine,
    no_actual: bool,
    diags: &mut Vec<Diagnostic>,
) {
    ev.printed_points = printed.points;
    ev.printed_score = printed.score;
    let Some(notes) = printed.alone.as_ref().filter(|_| no_actual) else {
        return;
    };
    ev.reason.clone_from(&notes.reason);
    ev.measure.clone_from(&notes.measure);
    ev.source.clone_from(&notes.source);
    let written = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    ev.explanation_present = written(&notes.reason) || written(&notes.measure);
    if let Some(m) = &notes.manual {
        if m.score.is_sign_negative() || m.score > ev.points {
            diags.push(
                Diagnostic::new(
                    &codes::MANUAL_OUT_OF_RANGE,
                    format!(
                        "指标“{}”的人工得分 {} 不在 0 至分值 {} 之间",
                        ev.name,
                        num(m.score),
                        num(ev.points)
                    ),
                )
                .label(m.span, "人工得分")
                .label(printed.span, "这一行")
                .help("人工得分不能为负，也不能超过该指标的分值"),
            );
        }
        ev.manual = Some(m.clone());
    }
}

/// No grade for a total the rule set cannot accept: points above the full
/// marks (JX-V050, `over` says why), or a total above them all the same.
pub(super) fn withhold_grade(over: Option<String>, pe: &mut ProjectEvaluation) {
    let above = |t: Option<rust_decimal::Decimal>| t.is_some_and(|t| t > FULL_MARKS);
    let why = over.or_else(|| above(pe.total).then(|| format!("总分超过满分 {}", num(FULL_MARKS))));
    if let Some(why) = why {
        pe.grade = None;
        pe.adjusted_grade = None;
        pe.grade_withheld = Some(ShortText::from(why));
    } else if above(pe.adjusted_total) {
        pe.adjusted_grade = None;
    }
}

/// The form's 小计 beside the computed subtotals (JX-V053 when one names
/// no group scored on its own), and its 合计 and 等级 beside the total.
pub(super) fn sums(
    project: &Project,
    actuals: &ProjectActuals,
    rules: &RuleSet,
    pe: &mut ProjectEvaluation,
    diags: &mut Vec<Diagnostic>,
) {
    for s in &actuals.subtotals {
        let Some(name) = s.group.as_deref() else {
            continue;
        };
        // The computed subtotal of this group alone.
        let alone = |g: &crate::model::evaluation::GroupSubtotal| {
            g.members.iter().all(|m| same_name(m, name))
                && (same_name(&g.name, name) || !g.members.is_empty())
        };
        if let Some(g) = pe.groups.iter_mut().find(|g| alone(g)) {
            g.printed_points = s.points;
            g.printed_score = s.score;
            continue;
        }
        let merged = pe
            .groups
            .iter()
            .find(|g| g.members.iter().any(|m| same_name(m, name)));
        let declared = project
            .indicators
            .iter()
            .any(|i| same_name(&i.level1, name));
        let message = match merged {
            Some(g) => format!(
                "表上“{name}”的小计无法与计算的小计对照：规则集“{}”把它与{}合在“{}”中计分",
                rules.name,
                g.members
                    .iter()
                    .filter(|m| !same_name(m, name))
                    .map(|m| format!("“{m}”"))
                    .collect::<Vec<_>>()
                    .join("、"),
                g.name
            ),
            None if declared => format!("表上“{name}”的小计无法与计算的小计对照：这一组没有评分"),
            None => format!("项目“{}”的申报中没有一级指标“{name}”", project.name),
        };
        diags.push(
            Diagnostic::new(&codes::SUBTOTAL_UNKNOWN_GROUP, message)
                .label(s.name_span, "小计的一级指标")
                .help("小计写申报中的一级指标名，如：小计 产出指标 分值 50 得分 45"),
        );
    }
    if let Some(t) = &actuals.total {
        pe.printed_total = t.score;
        pe.printed_total_points = t.points;
        pe.printed_grade = t.grade.as_deref().map(ShortText::from);
    }
}
