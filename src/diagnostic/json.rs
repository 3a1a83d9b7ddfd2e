//! JSON rendering of diagnostics, for editors and CI.

use super::{Counts, Diagnostic};
use crate::source::SourceMap;
use serde::Serialize;

/// Version of the JSON diagnostics format.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonLabel {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: Option<String>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: super::Severity,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<JsonLabel>,
}

/// The diagnostics report. `D` is how the diagnostics are held: the
/// streamed evaluation report converts them one at a time while serde
/// writes them (`report::stream`).
#[derive(Serialize)]
pub struct JsonReport<D = Vec<JsonDiagnostic>> {
    pub version: u32,
    pub diagnostics: D,
    pub summary: Counts,
}

pub fn to_json(diagnostic: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
    let labels: Vec<JsonLabel> = diagnostic
        .labels
        .iter()
        .filter_map(|l| {
            let f = sources.get(l.span.file)?;
            let (line, column) = f.line_col(l.span.start as usize);
            let (end_line, end_column) = f.line_col(l.span.end as usize);
            Some(JsonLabel {
                file: f.display.clone(),
                line,
                column,
                end_line,
                end_column,
                message: l.message.as_deref().map(str::to_string),
            })
        })
        .collect();
    let first = labels.first();
    JsonDiagnostic {
        code: diagnostic.code,
        severity: diagnostic.severity,
        file: first.map(|l| l.file.clone()),
        line: first.map(|l| l.line),
        column: first.map(|l| l.column),
        message: diagnostic.message.clone(),
        help: diagnostic.help.as_deref().map(str::to_string),
        labels,
    }
}

pub fn report(diagnostics: &[Diagnostic], sources: &SourceMap) -> JsonReport {
    JsonReport {
        version: FORMAT_VERSION,
        diagnostics: diagnostics.iter().map(|d| to_json(d, sources)).collect(),
        summary: Counts::of(diagnostics),
    }
}
