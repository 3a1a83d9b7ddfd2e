//! The reports of an audit of many forms (issue 19): CSV (one row per
//! finding), a workbook (sheets 汇总 and 发现) and a self-contained HTML
//! page (the summary table, a section per form). They only read the
//! [`FormAudit`]s and their [`Summary`]; nothing is computed here.

pub mod html;
pub mod xlsx;

use crate::audit::summary::exact;
use crate::audit::{is_audit_code, FormAudit};

/// The columns of a finding, in the CSV and the 发现 sheet.
pub const FINDING_HEADER: [&str; 9] = [
    "表", "项目", "行", "代码", "级别", "表上", "算出", "分差", "说明",
];

/// A finding's cells: text, and the numbers as exact decimals.
pub struct FindingRow<'a> {
    pub form: &'a str,
    pub project: &'a str,
    pub line: String,
    pub code: &'a str,
    pub severity: &'static str,
    pub printed: Option<rust_decimal::Decimal>,
    pub computed: Option<rust_decimal::Decimal>,
    pub stake: Option<rust_decimal::Decimal>,
    pub message: &'a str,
}

/// Every finding of the forms, in input order, then, for each form, the
/// errors that kept it from being audited whole (not findings: no
/// project, no line).
pub fn finding_rows(audits: &[FormAudit]) -> Vec<FindingRow<'_>> {
    let mut out = Vec::new();
    for a in audits {
        for f in &a.findings {
            out.push(FindingRow {
                form: &a.label,
                project: &f.project,
                line: f.line.to_string(),
                code: f.code,
                severity: f.severity.chinese(),
                printed: f.printed,
                computed: f.computed,
                stake: Some(f.stake),
                message: &f.message,
            });
        }
        for d in a
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && !is_audit_code(d.code))
        {
            out.push(FindingRow {
                form: &a.label,
                project: "",
                line: String::new(),
                code: d.code,
                severity: d.severity.chinese(),
                printed: None,
                computed: None,
                stake: None,
                message: &d.message,
            });
        }
    }
    out
}

/// One row per finding (columns [`FINDING_HEADER`]), RFC 4180, UTF-8 with
/// a byte order mark so that Excel reads the Chinese.
pub fn csv(audits: &[FormAudit]) -> String {
    use super::csv::field;
    let mut out = String::from('\u{FEFF}');
    out.push_str(&FINDING_HEADER.join(","));
    out.push_str("\r\n");
    for r in finding_rows(audits) {
        let number = |d: Option<rust_decimal::Decimal>| d.map(exact).unwrap_or_default();
        let cells: [(String, bool); 9] = [
            (r.form.to_string(), true),
            (r.project.to_string(), true),
            (r.line, true),
            (r.code.to_string(), true),
            (r.severity.to_string(), true),
            (number(r.printed), false),
            (number(r.computed), false),
            (number(r.stake), false),
            (r.message.to_string(), true),
        ];
        for (k, (s, text)) in cells.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            field(&mut out, s, *text);
        }
        out.push_str("\r\n");
    }
    out
}
