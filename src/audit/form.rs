//! One form audited: its evaluation under the rule set, the findings, and
//! which shipped rule set explains its printed scores.

use super::findings::{self, Located};
use super::{explain_with, Explained, Finding, Line};
use crate::diagnostic::Diagnostic;
use crate::model::rules::RuleSet;
use crate::pipeline::Evaluated;
use serde::Serialize;

/// The audit of one form (a 自评 with its declaration).
#[derive(Clone, Debug, Serialize)]
pub struct FormAudit {
    /// The form as the user named it (a file or a folder).
    pub label: String,
    /// The rule set the findings are judged by (`None`: not evaluated).
    pub rules: Option<String>,
    /// Per project: printed scores, how many are reproduced, how many flagged.
    pub projects: Vec<ProjectTally>,
    /// How many printed scores each shipped rule set reproduces.
    pub explained: Vec<Explained>,
    /// The audit findings, in the order of the form.
    pub findings: Vec<Finding>,
    /// What to show at its place in the form: the findings, and the errors
    /// that kept the form from being evaluated whole (syntax, names …).
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

impl FormAudit {
    /// Whether the form has an error-level finding (or could not be read).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One project's printed indicator scores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProjectTally {
    pub project: String,
    /// Indicators with a printed 得分.
    pub printed: usize,
    /// Of those, the ones the rule set computes exactly.
    pub reproduced: usize,
    /// Of those, the ones whose printed score carries a finding (the JX-H
    /// family: a V016 on a reproduced score's line is about the missing
    /// explanation, not the score).
    pub flagged: usize,
}

/// Audit one evaluated form. Errors that are not audit findings (a form
/// that does not parse, an indicator not declared) are kept for display.
pub fn audit(evaluated: &Evaluated, label: &str) -> FormAudit {
    audit_with(evaluated, label, &super::explain::parsed_rule_sets())
}

/// [`audit`], explaining the printed scores under rule sets already read
/// ([`super::explain::parsed_rule_sets`]: once for many forms).
pub fn audit_with(evaluated: &Evaluated, label: &str, sets: &[(String, RuleSet)]) -> FormAudit {
    let mut out = FormAudit {
        label: label.to_string(),
        rules: evaluated.rules.as_ref().map(|r| r.name.clone()),
        projects: Vec::new(),
        explained: Vec::new(),
        findings: Vec::new(),
        diagnostics: evaluated
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && !super::is_audit_code(d.code))
            .cloned()
            .collect(),
    };
    let (Some(evaluation), Some(actuals), Some(rules)) =
        (&evaluated.evaluation, &evaluated.actuals, &evaluated.rules)
    else {
        return out;
    };
    let located = findings::collect(evaluation, actuals, rules);
    for p in &evaluation.projects {
        let Some((printed, reproduced)) = super::printed_scores(p) else {
            continue;
        };
        let flagged = |name: &str| {
            located.iter().any(|l| {
                l.finding.project == p.name.as_str()
                    && l.finding.code.starts_with("JX-H")
                    && matches!(&l.finding.line, Line::Indicator(n) if n == name)
            })
        };
        out.projects.push(ProjectTally {
            project: p.name.to_string(),
            printed: printed.len(),
            reproduced,
            flagged: printed.iter().filter(|i| flagged(&i.name)).count(),
        });
    }
    out.explained = explain_with(&evaluated.checked.workspace, actuals, sets);
    for Located {
        finding,
        diagnostic,
    } in located
    {
        out.findings.push(finding);
        out.diagnostics.push(diagnostic);
    }
    crate::diagnostic::sort(&mut out.diagnostics);
    out
}
