//! 部门申报 (JX-D): the header claim `申报 9 个项目，资金 436.30 万元`
//! against the projects actually written.
//!
//! The claimed amount is compared at the precision it was written with:
//! `436.30 万元` states the amount to 0.01 万元, so it means 4,363,000 元
//! ± 50 元 and a sum of 4,362,963.50 元 agrees with it. Skipped when a
//! project of the department could not be read (the sums would be partial).

use super::units::{number, yuan};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::Department;
use rust_decimal::Decimal;

pub(super) fn check(dept: &Department, out: &mut Vec<Diagnostic>) {
    let Some(claim) = &dept.claim else { return };
    if dept.incomplete {
        return;
    }
    let actual = Decimal::from(dept.projects.len());
    if claim.project_count != actual {
        out.push(
            Diagnostic::new(
                &codes::DEPT_COUNT_MISMATCH,
                format!(
                    "部门申报 {} 个项目，实际写了 {} 个项目",
                    number(claim.project_count),
                    dept.projects.len()
                ),
            )
            .label(
                claim.count_span,
                format!("申报 {} 个", number(claim.project_count)),
            )
            .label(
                dept.name_span,
                format!("本部门实际有 {} 个项目", dept.projects.len()),
            )
            .help("核对申报表首页的项目个数，或检查是否漏写、多写了项目"),
        );
    }
    funds(dept, out);
}

fn funds(dept: &Department, out: &mut Vec<Diagnostic>) {
    let Some(claim) = &dept.claim else { return };
    let Some(claimed) = claim.funds.yuan() else {
        if !claim.funds.unit.is_money() {
            out.push(
                Diagnostic::new(
                    &codes::FUNDS_NOT_MONEY,
                    format!("部门申报的资金写的是 {}，不是金额", claim.funds),
                )
                .label(claim.funds_span, "这里应是金额")
                .help("写作“申报 9 个项目，资金 436.30 万元”"),
            );
        }
        return;
    };
    let (Some(by_total), by_annual) = (
        sum(dept, |p| p.funds.total.as_ref()),
        sum(dept, |p| p.funds.annual_request.as_ref()),
    ) else {
        return;
    };
    // Half a unit of the last written digit, in 元.
    let scale = claim.funds.value.scale().min(27);
    let Some(tolerance) = Decimal::new(5, scale + 1).checked_mul(claim.funds.unit.factor()) else {
        return;
    };
    let agrees = |sum: Decimal| (claimed - sum).abs() <= tolerance;
    if agrees(by_total) || by_annual.is_some_and(agrees) {
        return;
    }
    let precision = if tolerance.is_zero() || claim.funds.unit.text() == "元" && scale >= 2 {
        String::new()
    } else {
        format!("，按所写精度即 {} ± {}", yuan(claimed), yuan(tolerance))
    };
    let mut suggested = by_total
        .checked_div(claim.funds.unit.factor())
        .unwrap_or(by_total)
        .round_dp(scale);
    suggested.rescale(scale);
    out.push(
        Diagnostic::new(
            &codes::DEPT_FUNDS_MISMATCH,
            format!(
                "部门申报资金 {}{precision}，而 {} 个项目的资金总额之和为 {}（相差 {}）",
                claim.funds,
                dept.projects.len(),
                yuan(by_total),
                yuan((claimed - by_total).abs())
            ),
        )
        .label(claim.funds_span, format!("申报 {}", claim.funds))
        .label(dept.name_span, format!("各项目总额之和 {}", yuan(by_total)))
        .help(format!(
            "按各项目总额，申报资金应写作 {} {}；或核对各项目的总额",
            crate::model::group_thousands(suggested),
            claim.funds.unit
        )),
    );
}

/// The sum in 元 of one funds field over the projects, if every project has
/// it in money.
fn sum(
    dept: &Department,
    field: impl Fn(&crate::model::Project) -> Option<&crate::model::Amount>,
) -> Option<Decimal> {
    dept.projects.iter().try_fold(Decimal::ZERO, |acc, p| {
        acc.checked_add(field(p)?.quantity.yuan()?)
    })
}
