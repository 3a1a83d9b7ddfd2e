//! 部门申报 (JX-D): the header claim `申报 9 个项目，资金 436.30 万元`
//! against the projects actually written.
//!
//! The claimed amount is compared at the precision it was written with:
//! `436.30 万元` states the amount to 0.01 万元, so it means 4,363,000 元
//! ± 50 元 and a sum of 4,362,963.50 元 agrees with it. The rounding allowed
//! is at most 0.5 万元 (whole 万元), however coarse the writing: `2 亿元`
//! means 200,000,000 元 ± 5,000 元, not ± 0.5 亿元. A claim that agrees
//! with the sum of 年度申请 instead is accepted too, unless some project's
//! 总额 is not 财政资金 + 其他资金 (JX-F001). Skipped when a project of the
//! department could not be read, or an included file was missing (the sums
//! would be partial).

use super::units::too_large_in_yuan;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{number, yuan};
use crate::model::{Amount, Department, Project};
use rust_decimal::Decimal;

/// What the department checks need of its projects: summed over
/// `dept.projects`, or project by project as they are lowered and dropped.
#[derive(Clone, Debug)]
pub struct Tally {
    pub projects: usize,
    pub indicators: usize,
    /// The sums in 元 of 总额 and 年度申请, while every project has them in
    /// money (and they fit).
    total: Option<Decimal>,
    annual: Option<Decimal>,
    /// Projects whose 总额 is not 财政资金 + 其他资金 (JX-F001).
    split_off: usize,
    /// The sum of 总额 stopped because it overflowed (not because a
    /// project had no 总额 in money, which is reported where it is written).
    total_overflowed: bool,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            projects: 0,
            indicators: 0,
            total: Some(Decimal::ZERO),
            annual: Some(Decimal::ZERO),
            split_off: 0,
            total_overflowed: false,
        }
    }
}

impl Tally {
    pub fn of(dept: &Department) -> Tally {
        let mut t = Tally::default();
        for p in &dept.projects {
            t.add(p);
        }
        t
    }
    /// Count one more project, in the order written.
    pub fn add(&mut self, p: &Project) {
        self.add_counted(&ProjectTally::of(p));
    }
    /// Count one more project, counted where it was lowered.
    pub fn add_counted(&mut self, c: &ProjectTally) {
        fn plus(acc: Option<Decimal>, amount: Option<Decimal>) -> Option<Decimal> {
            acc?.checked_add(amount?)
        }
        self.projects += 1;
        self.indicators += c.indicators;
        let total = plus(self.total, c.total);
        self.total_overflowed |= total.is_none() && self.total.is_some() && c.total.is_some();
        self.total = total;
        self.annual = plus(self.annual, c.annual);
        self.split_off += usize::from(c.split_off);
    }
}

/// What a [`Tally`] counts of one project: taken in the worker that lowered
/// it, so that the project can be dropped there.
#[derive(Clone, Copy, Debug)]
pub struct ProjectTally {
    indicators: usize,
    /// 总额 and 年度申请 in 元, if written in money.
    total: Option<Decimal>,
    annual: Option<Decimal>,
    split_off: bool,
}

impl ProjectTally {
    pub fn of(p: &Project) -> ProjectTally {
        let yuan = |a: Option<&Amount>| a.and_then(|a| a.quantity.yuan());
        ProjectTally {
            indicators: p.indicators.len(),
            total: yuan(p.funds.total.as_ref()),
            annual: yuan(p.funds.annual_request.as_ref()),
            split_off: super::funds::total_split_off(p),
        }
    }
}

/// The most a claimed amount may be off by rounding: 0.5 万元, what a claim
/// written in whole 万元 rounds away.
const MAX_ROUNDING: Decimal = Decimal::from_parts(5_000, 0, 0, false, 0);

pub(super) fn check(dept: &Department, tally: &Tally, out: &mut Vec<Diagnostic>) {
    let Some(claim) = &dept.claim else { return };
    if dept.incomplete {
        return;
    }
    let actual = Decimal::from(tally.projects);
    if claim.project_count != actual {
        out.push(
            Diagnostic::new(
                &codes::DEPT_COUNT_MISMATCH,
                format!(
                    "部门申报 {} 个项目，实际写了 {} 个项目",
                    number(claim.project_count),
                    tally.projects
                ),
            )
            .label(
                claim.count_span,
                format!("申报 {} 个", number(claim.project_count)),
            )
            .label(
                dept.name_span,
                format!("本部门实际有 {} 个项目", tally.projects),
            )
            .help("核对申报表首页的项目个数，或检查是否漏写、多写了项目"),
        );
    }
    funds(dept, tally, out);
}

fn funds(dept: &Department, tally: &Tally, out: &mut Vec<Diagnostic>) {
    let Some(claim) = &dept.claim else { return };
    let Some(claimed) = claim.funds.yuan() else {
        if claim.funds.unit.is_money() {
            out.push(too_large_in_yuan(
                "部门申报的资金",
                &claim.funds,
                claim.funds_span,
            ));
        } else {
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
    let (Some(by_total), by_annual) = (tally.total, tally.annual) else {
        if tally.total_overflowed {
            out.push(
                Diagnostic::new(
                    &codes::BAD_NUMBER,
                    format!(
                        "{} 个项目的资金总额之和超出了可以精确计算的范围，无法与申报资金核对",
                        tally.projects
                    ),
                )
                .label(claim.funds_span, format!("申报 {}", claim.funds))
                .label(dept.name_span, "各项目总额之和太大")
                .help("请检查各项目的总额是否多写或误粘贴了数字、写错了单位"),
            );
        }
        return;
    };
    // Half a unit of the last written digit, in 元, but never more than
    // half a 万元: `2 亿元` is not “2 亿元 ± 0.5 亿元”.
    let scale = claim.funds.value.scale().min(27);
    let half_digit = Decimal::new(5, scale + 1).checked_mul(claim.funds.unit.factor());
    let tolerance = half_digit.map_or(MAX_ROUNDING, |t| t.min(MAX_ROUNDING));
    let agrees = |sum: Decimal| (claimed - sum).abs() <= tolerance;
    // A claim may be the sum of 年度申请 (projects over several years), but
    // not when some 总额 is itself wrong: then the sum of 总额 is off, and
    // saying nothing would leave JX-F001 hiding it.
    let by_annual = by_annual.filter(|_| tally.split_off == 0);
    if agrees(by_total) || by_annual.is_some_and(agrees) {
        return;
    }
    let capped = half_digit.is_none_or(|t| t > MAX_ROUNDING);
    let precision = if tolerance.is_zero() || claim.funds.unit.text() == "元" && scale >= 2 {
        String::new()
    } else if capped {
        format!("，即 {}，取整至多差 {}", yuan(claimed), yuan(tolerance))
    } else {
        format!("，按所写精度即 {} ± {}", yuan(claimed), yuan(tolerance))
    };
    // Written with enough decimals to agree (2 亿元 → 2.5000 亿元).
    let factor = claim.funds.unit.factor();
    let mut places = scale;
    while places < 27
        && Decimal::new(5, places + 1)
            .checked_mul(factor)
            .is_none_or(|t| t > MAX_ROUNDING)
    {
        places += 1;
    }
    let mut suggested = by_total
        .checked_div(factor)
        .unwrap_or(by_total)
        .round_dp(places);
    suggested.rescale(places);
    out.push(
        Diagnostic::new(
            &codes::DEPT_FUNDS_MISMATCH,
            format!(
                "部门申报资金 {}{precision}，而 {} 个项目的资金总额之和为 {}（相差 {}）",
                claim.funds,
                tally.projects,
                yuan(by_total),
                yuan((claimed - by_total).abs())
            ),
        )
        .label(claim.funds_span, format!("申报 {}", claim.funds))
        .label(dept.name_span, format!("各项目总额之和 {}", yuan(by_total)))
        .help(if tally.split_off > 0 {
            format!(
                "有 {} 个项目的总额不等于财政资金与其他资金之和（JX-F001），先核对这些项目的总额，再核对申报资金",
                tally.split_off
            )
        } else {
            format!(
                "按各项目总额，申报资金应写作 {} {}；或核对各项目的总额",
                crate::model::group_thousands(suggested),
                claim.funds.unit
            )
        }),
    );
}
