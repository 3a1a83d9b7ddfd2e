//! The budget section of a 自评 (`预算 { … }`, issue 17): its rows in the
//! evaluation (in 元, with the 执行率 jixiao computes beside the printed one)
//! and what the rows say against each other — a total row left at 0 while
//! the rows under it hold money (JX-V060), rows that do not add up to the
//! total (JX-V061), a printed 执行率 that is not 执行数 ÷ 预算数 at its printed
//! precision (JX-V062) or is it only cut, not rounded (JX-V063), a printed
//! 分值 other than the rule set's (JX-V064), and a row spending more than its
//! budget (JX-V031).

use crate::diagnostic::{codes, Diagnostic};
use crate::model::display::{money, num, percent_at, printed_rate, yuan};
use crate::model::evaluation::{BudgetRow, BudgetRowEvaluation, ProjectActuals, ProjectEvaluation};
use crate::model::rules::{ExecutionBase, RuleSet};
use crate::model::{Amount, Project};
use crate::source::Span;
use crate::vocab::BudgetColumn;
use rust_decimal::{Decimal, RoundingStrategy};

/// The project's own numbers, as 执行率 is computed from them.
pub(super) struct Totals {
    /// 全年执行数 in 元.
    pub spent: Option<Decimal>,
    /// The denominator in 元 when the 自评 writes it (not the declared
    /// amount taken in its place).
    pub base: Option<Decimal>,
    /// The rule set's denominator.
    pub kind: ExecutionBase,
}

/// Fill the evaluation's budget rows and printed values and check the
/// section. `true` when the total row is void (JX-V060): 执行率 is then not
/// computed.
pub(super) fn section(
    project: &Project,
    actuals: &ProjectActuals,
    rules: &RuleSet,
    totals: &Totals,
    pe: &mut ProjectEvaluation,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if actuals.rows.is_empty() {
        return false;
    }
    let total_rate = match (totals.spent, totals.base) {
        (Some(s), Some(b)) if !b.is_zero() => s.checked_div(b),
        _ => None,
    };
    pe.budget_rows = actuals
        .rows
        .iter()
        .map(|r| BudgetRowEvaluation {
            name: r.row.label().into(),
            total: r.row.is_total(),
            initial: yuan_of(&r.initial),
            adjusted: yuan_of(&r.adjusted),
            spent: yuan_of(&r.spent),
            rate: if r.row.is_total() {
                total_rate
            } else {
                row_rate(r, totals.kind)
            },
            printed_points: r.points.map(|p| p.value),
            printed_rate: r.rate.map(|p| p.value),
            printed_score: r.score.map(|p| p.value),
        })
        .collect();
    let total = actuals.total_row();
    pe.printed_execution_rate = total.and_then(|t| t.rate).map(|p| p.value);
    pe.printed_execution_score = total.and_then(|t| t.score).map(|p| p.value);
    let name = &project.name;
    if let Some(p) = total.and_then(|t| t.points) {
        if p.value != rules.execution_points {
            diags.push(
                Diagnostic::new(
                    &codes::PRINTED_POINTS_OTHER,
                    format!(
                        "项目“{name}”的表上预算执行率分值为 {}，规则集“{}”为 {}：按规则集计分",
                        num(p.value),
                        rules.name,
                        num(rules.execution_points)
                    ),
                )
                .label(p.span, "表上的分值")
                .help("表若按另一规则集评分（如预算执行率 20 分的 hubei-2020），用 --rules 指定那个规则集"),
            );
        }
    }
    let void = void_total(name, actuals, totals.kind, diags);
    if !void {
        sums(name, actuals, diags);
    }
    over_budget(name, actuals, diags);
    for r in &actuals.rows {
        let Some(printed) = r.rate else { continue };
        let (spent, base) = if r.row.is_total() {
            (totals.spent, totals.base)
        } else {
            (yuan_of(&r.spent), yuan_of(column(r, totals.kind)))
        };
        let other = other_base(r, actuals, totals.kind);
        printed_rate_check(
            name,
            r,
            printed.value,
            printed.span,
            spent,
            base,
            other,
            totals.kind,
            diags,
        );
    }
    void
}

fn yuan_of(a: &Option<Amount>) -> Option<Decimal> {
    a.as_ref().and_then(|a| a.quantity.yuan())
}

/// The row's amount that is the denominator under `kind`.
fn column(r: &BudgetRow, kind: ExecutionBase) -> &Option<Amount> {
    match kind {
        ExecutionBase::Adjusted => &r.adjusted,
        ExecutionBase::Initial => &r.initial,
    }
}

/// The other denominator's name and column word.
fn other(kind: ExecutionBase) -> ExecutionBase {
    match kind {
        ExecutionBase::Adjusted => ExecutionBase::Initial,
        ExecutionBase::Initial => ExecutionBase::Adjusted,
    }
}

/// 全年预算数 or 年初预算数.
fn base_name(kind: ExecutionBase) -> &'static str {
    match kind {
        ExecutionBase::Adjusted => BudgetColumn::Adjusted.header(),
        ExecutionBase::Initial => BudgetColumn::Initial.header(),
    }
}

/// A row's 执行率 under `kind`: `None` without both numbers or over 0.
fn row_rate(r: &BudgetRow, kind: ExecutionBase) -> Option<Decimal> {
    let (s, b) = (yuan_of(&r.spent)?, yuan_of(column(r, kind))?);
    if b.is_zero() {
        None
    } else {
        s.checked_div(b)
    }
}

/// The row's 执行率 under the other denominator (for the total row, the
/// total's numbers), to say which one a printed rate follows.
fn other_base(r: &BudgetRow, actuals: &ProjectActuals, kind: ExecutionBase) -> Option<Decimal> {
    let o = other(kind);
    if !r.row.is_total() {
        return row_rate(r, o);
    }
    let spent = yuan_of(&actuals.spent)?;
    let base = match o {
        ExecutionBase::Adjusted => yuan_of(&actuals.budget)?,
        ExecutionBase::Initial => yuan_of(&r.initial)?,
    };
    (!base.is_zero()).then(|| spent.checked_div(base)).flatten()
}

/// The total's amount in a column, where written: 全年 and 执行 on a line
/// or in the total row, 年初 in the total row.
fn total_amount(actuals: &ProjectActuals, c: BudgetColumn) -> Option<&Amount> {
    match c {
        BudgetColumn::Adjusted => actuals.budget.as_ref(),
        BudgetColumn::Spent => actuals.spent.as_ref(),
        BudgetColumn::Initial => actuals.total_row().and_then(|t| t.initial.as_ref()),
        BudgetColumn::Rate | BudgetColumn::Points | BudgetColumn::Score => None,
    }
}

fn cell(r: &BudgetRow, c: BudgetColumn) -> Option<&Amount> {
    match c {
        BudgetColumn::Initial => r.initial.as_ref(),
        BudgetColumn::Adjusted => r.adjusted.as_ref(),
        BudgetColumn::Spent => r.spent.as_ref(),
        BudgetColumn::Rate | BudgetColumn::Points | BudgetColumn::Score => None,
    }
}

/// JX-V060: the total's denominator or 执行 is 0 while a row under it holds
/// money in that column (池州棠溪 2022: 0 0 0 over 90 89.974 89.974).
fn void_total(
    name: &str,
    actuals: &ProjectActuals,
    kind: ExecutionBase,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let base = match kind {
        ExecutionBase::Adjusted => BudgetColumn::Adjusted,
        ExecutionBase::Initial => BudgetColumn::Initial,
    };
    let mut zero: Vec<(BudgetColumn, Span)> = Vec::new();
    let mut held: Option<&BudgetRow> = None;
    for c in [base, BudgetColumn::Spent] {
        let Some(t) = total_amount(actuals, c) else {
            continue;
        };
        if !t.quantity.value.is_zero() {
            continue;
        }
        let full = actuals.rows.iter().find(|r| {
            !r.row.is_total()
                && cell(r, c)
                    .and_then(|a| a.quantity.yuan())
                    .is_some_and(|v| v > Decimal::ZERO)
        });
        if let Some(r) = full {
            zero.push((c, t.span));
            held = held.or(Some(r));
        }
    }
    let Some(r) = held else { return false };
    let zeros: Vec<&str> = zero.iter().map(|(c, _)| c.header()).collect();
    let amounts: Vec<String> = [
        BudgetColumn::Initial,
        BudgetColumn::Adjusted,
        BudgetColumn::Spent,
    ]
    .into_iter()
    .filter_map(|c| {
        Some(format!(
            "{} {}",
            c.header(),
            yuan(cell(r, c)?.quantity.yuan()?)
        ))
    })
    .collect();
    let mut d = Diagnostic::new(
        &codes::BUDGET_TOTAL_EMPTY,
        format!(
            "项目“{name}”预算栏的年度资金总额行{}为 0，而“{}”行有资金（{}）：总额行应是其中各行之和，jixiao 不按它计算执行率，本项目的预算执行率得分和总分空着",
            zeros.join("、"),
            r.row.label(),
            amounts.join("，")
        ),
    );
    for (c, span) in &zero {
        d = d.label(*span, format!("总额的{}", c.header()));
    }
    diags.push(d.label(r.name_span, "有资金的行").help(
        "年度资金总额是其中各行之和：照各行填上总额行的年初、全年、执行；表上的得分照印的并列显示",
    ));
    true
}

/// Half of the last written digit of an amount, in 元: how far a printed
/// amount may be from the exact one.
fn half_digit(a: &Amount) -> Decimal {
    half_unit(a.quantity.value)
        .checked_mul(a.quantity.unit.factor())
        .unwrap_or_default()
}

/// Half of the last written digit of a printed number (`45` → 0.5,
/// `45.0` → 0.05): how far the exact number it was rounded from may be.
/// JX-V061 and the audit's sums (JX-H004, JX-H005) allow this much.
pub fn half_unit(printed: Decimal) -> Decimal {
    let scale = printed.scale().saturating_add(1);
    if scale > 28 {
        return Decimal::ZERO;
    }
    Decimal::new(5, scale)
}

/// JX-V061: the rows under a total (年度资金总额; 财政资金 over 当年财政拨款
/// and 上年结转) that do not add up to it in a column, beyond the rounding of
/// the printed digits. A row left blank in the column counts as 0.
fn sums(name: &str, actuals: &ProjectActuals, diags: &mut Vec<Diagnostic>) {
    let written = |k| actuals.rows.iter().any(|r| r.row == k);
    // The rows directly under the total: those not part of a written row.
    let top: Vec<&BudgetRow> = actuals
        .rows
        .iter()
        .filter(|r| !r.row.is_total() && !r.row.part_of().is_some_and(written))
        .collect();
    let mut groups: Vec<(String, Option<&Amount>, Vec<&BudgetRow>, BudgetColumn)> = Vec::new();
    for c in [
        BudgetColumn::Initial,
        BudgetColumn::Adjusted,
        BudgetColumn::Spent,
    ] {
        groups.push((
            "年度资金总额".into(),
            total_amount(actuals, c),
            top.clone(),
            c,
        ));
        for parent in &actuals.rows {
            let parts: Vec<&BudgetRow> = actuals
                .rows
                .iter()
                .filter(|r| r.row.part_of() == Some(parent.row))
                .collect();
            if !parts.is_empty() {
                groups.push((parent.row.label().into(), cell(parent, c), parts, c));
            }
        }
    }
    for (label, total, parts, c) in groups {
        let Some(total) = total else { continue };
        let cells: Vec<&Amount> = parts.iter().filter_map(|r| cell(r, c)).collect();
        if cells.is_empty() {
            continue;
        }
        let (Some(t), Some(sum)) = (
            total.quantity.yuan(),
            cells
                .iter()
                .try_fold(Decimal::ZERO, |acc, a| acc.checked_add(a.quantity.yuan()?)),
        ) else {
            continue;
        };
        let slack = cells
            .iter()
            .try_fold(half_digit(total), |acc, a| acc.checked_add(half_digit(a)))
            .unwrap_or_default();
        let Some(gap) = sum.checked_sub(t) else {
            continue;
        };
        if gap.abs() <= slack {
            continue;
        }
        let names: Vec<&str> = parts.iter().map(|r| r.row.label()).collect();
        let mut d = Diagnostic::new(
            &codes::BUDGET_ROWS_SUM,
            format!(
                "项目“{name}”预算栏中{}的{}之和为 {}，“{label}”为 {}，相差 {}",
                names.join("、"),
                c.header(),
                yuan(sum),
                yuan(t),
                yuan(gap.abs())
            ),
        )
        .label(total.span, format!("“{label}”的{}", c.header()));
        for a in &cells {
            d = d.label(a.span, "其中一行");
        }
        diags.push(d.help(format!(
            "核对各行的{}：空着的行按 0 计；差额在各数所印精度的舍入之内（至多 {}）不报告",
            c.header(),
            yuan(slack)
        )));
    }
}

/// JX-V031 for a row under the total that spends more than its 全年预算数,
/// when the total does not already (that one the project's warning reports).
fn over_budget(name: &str, actuals: &ProjectActuals, diags: &mut Vec<Diagnostic>) {
    let total_over = match (yuan_of(&actuals.spent), yuan_of(&actuals.budget)) {
        (Some(s), Some(b)) => s > b && !b.is_sign_negative(),
        _ => false,
    };
    if total_over {
        return;
    }
    for r in actuals.rows.iter().filter(|r| !r.row.is_total()) {
        let (Some(s), Some(b), Some(at)) = (yuan_of(&r.spent), yuan_of(&r.adjusted), &r.spent)
        else {
            continue;
        };
        if s > b && !b.is_sign_negative() {
            diags.push(
                Diagnostic::new(
                    &codes::SPENT_OVER_BUDGET,
                    format!(
                        "项目“{name}”预算栏“{}”行的全年执行数 {} 元超过全年预算数 {} 元",
                        r.row.label(),
                        money(s),
                        money(b)
                    ),
                )
                .label(at.span, "全年执行数")
                .help("执行数不能超过调整后的全年预算数（含上年结转）：请核对这一行"),
            );
        }
    }
}

/// JX-V062 / JX-V063: a printed 执行率 against 执行数 ÷ 预算数 at the printed
/// precision. Rounded half away from zero it agrees; cut (截断) it is
/// reported as information, saying so; otherwise a warning. 0 ÷ 0 printed as
/// 0 (`0.00%`, as 四川's forms print it) agrees.
#[allow(clippy::too_many_arguments)]
fn printed_rate_check(
    name: &str,
    r: &BudgetRow,
    printed: Decimal,
    at: Span,
    spent: Option<Decimal>,
    base: Option<Decimal>,
    other_rate: Option<Decimal>,
    kind: ExecutionBase,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(s), Some(b)) = (spent, base) else {
        return;
    };
    let row = r.row.label();
    let shown = printed_rate(printed);
    let denominator = base_name(kind);
    let places = printed.scale();
    // A rate at the printed precision, and whether it is what was printed.
    let at_printed = |rate: Decimal| {
        let mut rounded =
            rate.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(places);
        (rounded == printed, rounded)
    };
    let help = if other_rate.is_some_and(|o| at_printed(o).0) {
        let o = base_name(other(kind));
        format!("按{o}计算与表上相符：表的执行率分母是{o}；规则集写“执行率分母 {o}”时照它计算")
    } else {
        format!(
            "执行率 = 全年执行数 ÷ {denominator}（规则集的“执行率分母”）：请核对这一行的数与印的执行率"
        )
    };
    let wrong = |message: String| {
        Diagnostic::new(&codes::PRINTED_RATE_WRONG, message)
            .label(at, "表上的执行率")
            .help(help.clone())
    };
    if b.is_zero() {
        if !printed.is_zero() {
            diags.push(wrong(format!(
                "项目“{name}”预算栏“{row}”行印的执行率为 {shown}，而{denominator}为 0，执行率无从计算"
            )));
        }
        return;
    }
    let Some(rate) = s.checked_div(b) else {
        return;
    };
    let (same, rounded) = at_printed(rate);
    if same {
        return;
    }
    // The rate with a digit more than printed, marked when not exact.
    let decimals = places.saturating_sub(2).saturating_add(3);
    let exact = rate
        .checked_mul(Decimal::ONE_HUNDRED)
        .is_some_and(|p| p.round_dp(decimals) == p);
    let equals = if exact { "=" } else { "≈" };
    let computed = format!(
        "{} ÷ {} {equals} {}",
        yuan(s),
        yuan(b),
        percent_at(rate, decimals)
    );
    let cut = rate.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    if cut == printed {
        diags.push(
            Diagnostic::new(
                &codes::PRINTED_RATE_CUT,
                format!(
                    "项目“{name}”预算栏“{row}”行印的执行率 {shown} 是 {computed} 截断的结果，四舍五入应为 {}",
                    printed_rate(rounded)
                ),
            )
            .label(at, "表上的执行率")
            .help("jixiao 按算出的执行率计分，表上的执行率并列显示"),
        );
        return;
    }
    diags.push(wrong(format!(
        "项目“{name}”预算栏“{row}”行印的执行率 {shown} 与全年执行数 ÷ {denominator} = {computed} 不符（按所印精度应为 {}）",
        printed_rate(rounded)
    )));
}
