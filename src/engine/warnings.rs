//! The warnings real systems raise on a scored project: low 执行率
//! (JX-V017), spending over the budget (JX-V031), and 执行率 and indicator
//! completion more than 5 points apart, either way (JX-V018).

use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{money_exact, percent};
use crate::model::evaluation::{ProjectActuals, ProjectEvaluation};
use crate::model::quantity::sum;
use crate::model::Project;
use rust_decimal::Decimal;

/// The warnings real systems raise: low 执行率, spending over the budget,
/// and indicators far ahead of spending or behind it.
pub(super) fn warnings(
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
