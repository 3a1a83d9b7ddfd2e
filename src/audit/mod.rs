//! `jixiao audit` (自评复核, issue 19): recompute every filled 自评表 and
//! flag each inconsistency between what the form printed, what the rule set
//! computes, and the form's own other numbers.
//!
//! - [`explain`]: which shipped rule set reproduces the printed scores;
//! - [`findings`]: the findings of one form (the JX-H family, and the eval
//!   findings of [`FROM_EVAL`] that concern the 自评 itself), each located
//!   at a project and a line of the form;
//! - [`form`]: one form audited ([`FormAudit`]);
//! - [`forms`]: which files among the paths given make each form;
//! - [`run`]: many forms audited in parallel, in input order;
//! - [`summary`]: the table of all forms, sorted by severity and stake.

pub mod explain;
pub mod findings;
pub mod form;
pub mod forms;
pub mod run;
pub mod summary;

pub use explain::{explain, explain_with, parsed_rule_sets, shipped_rule_sets, Explained};
pub use form::{audit, audit_with, FormAudit, ProjectTally};

use crate::diagnostic::{codes, Code, Severity};
use rust_decimal::Decimal;
use serde::Serialize;

/// The findings of `eval` that are audit findings too: they concern what
/// the 自评 printed or left out, not the declaration. Each is computed in
/// one place (the engine); the audit only locates and collects them.
pub const FROM_EVAL: &[&Code] = &[
    &codes::EXPLANATION_MISSING,
    &codes::PROGRESS_MISMATCH,
    &codes::SPENT_OVER_BUDGET,
    &codes::ACTUAL_WORD_ONLY,
    &codes::UNKNOWN_VERDICT,
    &codes::POINTS_OVER_FULL,
    &codes::PRINTED_POINTS_DIFFER,
    &codes::PRINTED_NEGATIVE,
    &codes::BUDGET_TOTAL_EMPTY,
    &codes::BUDGET_ROWS_SUM,
    &codes::PRINTED_RATE_WRONG,
    &codes::PRINTED_RATE_CUT,
    &codes::PRINTED_POINTS_OTHER,
    // The form's own weights: a group's printed 分值 is not the sum of its
    // rows' (the "weights ≠ the template's points").
    &codes::POINTS_MISMATCH,
    // A group's printed 分值 is not the rule set's (the template's): its
    // rows are scaled to the rule set's points (a notice).
    &codes::FORM_POINTS_SCALED,
];

/// A project's indicators with a printed 得分, and how many of them the
/// rule set reproduces exactly (eval's `≠` comparison); `None` when none
/// printed one.
pub(crate) fn printed_scores(
    p: &crate::model::evaluation::ProjectEvaluation,
) -> Option<(Vec<&crate::model::evaluation::IndicatorEvaluation>, usize)> {
    let printed: Vec<_> = p
        .indicators
        .iter()
        .filter(|i| i.printed_score.is_some())
        .collect();
    let same = printed.iter().filter(|i| !i.printed_differs()).count();
    (!printed.is_empty()).then_some((printed, same))
}

/// Whether findings with this code are audit findings.
pub fn is_audit_code(code: &str) -> bool {
    code.starts_with("JX-H") || FROM_EVAL.iter().any(|c| c.code == code)
}

/// The line of the form a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Line {
    /// An indicator's line, by its name.
    Indicator(String),
    /// The budget section (预算执行率's row).
    Budget,
    /// `小计 <一级指标>`.
    Subtotal(String),
    /// `合计`.
    Total,
    /// The project as a whole (e.g. 执行率 against completion).
    Project,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Line::Indicator(n) => f.write_str(n),
            Line::Budget => f.write_str("预算执行率"),
            Line::Subtotal(g) => write!(f, "小计 {g}"),
            Line::Total => f.write_str("合计"),
            Line::Project => f.write_str("（项目）"),
        }
    }
}

/// One inconsistency of a form, where it is and what is at stake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub project: String,
    pub line: Line,
    pub code: &'static str,
    pub severity: Severity,
    /// The figure the form printed, when the finding compares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<Decimal>,
    /// The figure it should be: computed by the rule set, or the sum of
    /// the form's own parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Decimal>,
    /// Points at stake: |printed − computed| for a score, 0 otherwise.
    pub stake: Decimal,
    pub message: String,
}

impl Finding {
    /// The code's catalogue entry.
    pub fn code(&self) -> Option<&'static Code> {
        codes::find(self.code)
    }
}
