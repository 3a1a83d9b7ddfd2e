//! The summary of an audit of many forms (issue 19): a row per project of
//! each form — printed scores, reproduced, flagged, findings by severity,
//! points at stake, the rule set that reproduces the most — sorted so that
//! the forms a reviewer must look at come first: errors, then warnings,
//! then notices, each by points at stake (most first), then by name.

use super::FormAudit;
use crate::diagnostic::Severity;
use rust_decimal::Decimal;
use serde::Serialize;

/// One row of the summary: a project of a form (or the form, when it has
/// no project with printed scores or could not be read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    pub form: String,
    /// The project; empty for a form without one.
    pub project: String,
    #[serde(flatten)]
    pub n: Tally,
    /// The shipped rule set that reproduces the most printed scores, and
    /// how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best: Option<(String, usize)>,
}

impl Row {
    /// 0 with an error, 1 with a warning, 2 with a notice, 3 clean.
    fn rank(&self) -> u8 {
        if self.n.errors > 0 {
            0
        } else if self.n.warnings > 0 {
            1
        } else if self.n.infos > 0 {
            2
        } else {
            3
        }
    }
    /// `central-2020（表内分值 采用） 7/9`.
    pub fn best_text(&self) -> String {
        match &self.best {
            Some((name, n)) => format!("{name} {n}/{}", self.n.printed),
            None => "—".to_string(),
        }
    }
}

/// What a row counts, and the totals sum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Indicators with a printed 得分.
    pub printed: usize,
    /// Of those, the ones the rule set computes exactly.
    pub reproduced: usize,
    /// Of those, the ones with a finding on their line.
    pub flagged: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Points at stake: the sum of the findings' stakes.
    pub stake: Decimal,
}

impl Tally {
    /// The counts in the table's order: 印出的得分, 重现, 标出, 错误, 警告, 提示.
    pub fn counts(&self) -> [usize; 6] {
        [
            self.printed,
            self.reproduced,
            self.flagged,
            self.errors,
            self.warnings,
            self.infos,
        ]
    }
    fn add(&mut self, o: &Tally) {
        self.printed += o.printed;
        self.reproduced += o.reproduced;
        self.flagged += o.flagged;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.stake += o.stake;
    }
}

/// The sums over every row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub forms: usize,
    pub projects: usize,
    #[serde(flatten)]
    pub n: Tally,
}

/// The summary table and its totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: Vec<Row>,
    pub totals: Totals,
}

/// The rows of one form: a row per project with printed scores or a
/// finding; the form's errors that are not findings (syntax, an
/// unreadable file) count on its first row.
fn rows_of(a: &FormAudit) -> Vec<Row> {
    let mut rows: Vec<Row> = a
        .projects
        .iter()
        .map(|t| Row {
            form: a.label.clone(),
            project: t.project.clone(),
            n: Tally {
                printed: t.printed,
                reproduced: t.reproduced,
                flagged: t.flagged,
                ..Tally::default()
            },
            best: a
                .explained
                .iter()
                .find(|e| e.project == t.project)
                .and_then(|e| e.best())
                .map(|(n, k)| (n.to_string(), k)),
        })
        .collect();
    for f in &a.findings {
        let at = match rows.iter().position(|r| r.project == f.project) {
            Some(at) => at,
            None => {
                rows.push(Row {
                    form: a.label.clone(),
                    project: f.project.clone(),
                    ..Row::default()
                });
                rows.len() - 1
            }
        };
        if let Some(r) = rows.get_mut(at) {
            count(&mut r.n, f.severity);
            r.n.stake += f.stake;
        }
    }
    let finding_errors = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let other_errors = a
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count()
        .saturating_sub(finding_errors);
    if rows.is_empty() {
        rows.push(Row {
            form: a.label.clone(),
            ..Row::default()
        });
    }
    if let Some(first) = rows.first_mut() {
        first.n.errors += other_errors;
    }
    rows
}

/// A stake as it is: exact, trailing zeros dropped (never rounded, so that
/// the sum shown is the sum).
pub fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

fn count(r: &mut Tally, s: Severity) {
    match s {
        Severity::Error => r.errors += 1,
        Severity::Warning => r.warnings += 1,
        _ => r.infos += 1,
    }
}

/// The summary of the audited forms.
pub fn summarize<'a>(audits: impl IntoIterator<Item = &'a FormAudit>) -> Summary {
    let mut out = Summary::default();
    for a in audits {
        out.totals.forms += 1;
        out.rows.extend(rows_of(a));
    }
    for r in &out.rows {
        out.totals.projects += usize::from(!r.project.is_empty());
        out.totals.n.add(&r.n);
    }
    out.rows.sort_by(|a, b| {
        a.rank()
            .cmp(&b.rank())
            .then(b.n.stake.cmp(&a.n.stake))
            .then_with(|| a.form.cmp(&b.form))
            .then_with(|| a.project.cmp(&b.project))
    });
    out
}

/// The header of the summary table.
pub const HEADER: [&str; 10] = [
    "表",
    "项目",
    "印出的得分",
    "重现",
    "标出",
    "错误",
    "警告",
    "提示",
    "分差合计",
    "最能重现的规则集",
];

impl Summary {
    /// The table's cells, header first, as the terminal and the HTML
    /// page show them.
    pub fn cells(&self) -> Vec<Vec<String>> {
        let mut out = vec![HEADER.iter().map(|h| h.to_string()).collect()];
        for r in &self.rows {
            let mut row = vec![
                r.form.clone(),
                if r.project.is_empty() {
                    "—".to_string()
                } else {
                    r.project.clone()
                },
            ];
            row.extend(r.n.counts().iter().map(usize::to_string));
            row.push(exact(r.n.stake));
            row.push(r.best_text());
            out.push(row);
        }
        out
    }

    /// The totals line.
    pub fn totals_line(&self) -> String {
        let t = &self.totals;
        let [printed, reproduced, flagged, errors, warnings, infos] = t.n.counts();
        format!(
            "共 {} 张表、{} 个项目：印出的得分 {printed} 项，重现 {reproduced} 项，标出 {flagged} 项；{errors} 个错误，{warnings} 个警告，{infos} 个提示；分差合计 {} 分。",
            t.forms,
            t.projects,
            exact(t.n.stake)
        )
    }
}
