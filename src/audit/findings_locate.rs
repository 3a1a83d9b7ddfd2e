//! The eval findings that are audit findings ([`crate::audit::FROM_EVAL`]),
//! located at a project and a line of the form from where their diagnostic
//! points. The diagnostic is kept as eval wrote it.

use super::Located;
use crate::audit::{Finding, Line, FROM_EVAL};
use crate::model::evaluation::{ActualValue, Actuals, Evaluation, ProjectActuals};
use crate::source::Span;
use rust_decimal::Decimal;

/// `inner` lies within `outer` (same file).
fn within(inner: Span, outer: Span) -> bool {
    inner.file == outer.file && outer.start <= inner.start && inner.end <= outer.end
}

/// The line of a project's 自评 block that holds `at`.
fn line_of(pa: &ProjectActuals, at: Span) -> Line {
    if let Some(a) = pa.values.iter().find(|a| {
        within(at, a.span)
            || matches!(&a.value, ActualValue::Grade { score_span, .. } if within(at, *score_span))
    }) {
        return Line::Indicator(a.name.clone());
    }
    if let Some(p) = pa.printed.iter().find(|p| within(at, p.span)) {
        return Line::Indicator(p.name.clone());
    }
    if let Some(s) = pa.subtotals.iter().find(|s| within(at, s.span)) {
        return Line::Subtotal(s.group.clone().unwrap_or_default());
    }
    if pa.total.as_ref().is_some_and(|t| within(at, t.span)) {
        return Line::Total;
    }
    let budget_line = pa.rows.iter().any(|r| within(at, r.span))
        || [&pa.budget, &pa.spent]
            .into_iter()
            .flatten()
            .any(|a| within(at, a.span));
    if budget_line {
        Line::Budget
    } else {
        Line::Project
    }
}

/// The project a diagnostic is about: the 自评 block its span lies in,
/// else the project its message names (a span in the declaration), else
/// the only project.
fn project_of<'a>(
    evaluation: &'a Evaluation,
    actuals: &'a Actuals,
    at: Option<Span>,
    message: &str,
) -> Option<(&'a str, Option<&'a ProjectActuals>)> {
    if let Some(pa) = at.and_then(|s| actuals.projects.iter().find(|p| within(s, p.span))) {
        return Some((&pa.name, Some(pa)));
    }
    let named = evaluation
        .projects
        .iter()
        .find(|p| message.contains(&format!("“{}”", p.name)));
    let only = match evaluation.projects.as_slice() {
        [p] => Some(p),
        _ => None,
    };
    named.or(only).map(|p| (p.name.as_str(), None))
}

/// The diagnostics of `evaluation` with a [`FROM_EVAL`] code, as findings.
pub(super) fn from_eval(evaluation: &Evaluation, actuals: &Actuals) -> Vec<Located> {
    let mut out = Vec::new();
    for d in &evaluation.diagnostics {
        let Some(code) = FROM_EVAL.iter().find(|c| c.code == d.code) else {
            continue;
        };
        let at = d.primary_span();
        let Some((project, pa)) = project_of(evaluation, actuals, at, &d.message) else {
            continue;
        };
        // 执行率 against completion is the project's, though shown at 执行数.
        let whole = code.code == crate::diagnostic::codes::PROGRESS_MISMATCH.code;
        let line = match (pa, at) {
            (Some(pa), Some(at)) if !whole => line_of(pa, at),
            _ => Line::Project,
        };
        out.push(Located {
            finding: Finding {
                project: project.to_string(),
                line,
                code: code.code,
                severity: d.severity,
                printed: None,
                computed: None,
                stake: Decimal::ZERO,
                message: d.message.clone(),
            },
            diagnostic: d.clone(),
        });
    }
    out
}
