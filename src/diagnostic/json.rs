//! JSON rendering of diagnostics, for editors and CI.

use super::{Counts, Diagnostic};
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// Version of the JSON diagnostics format.
pub const FORMAT_VERSION: u32 = 1;

/// Where a label or an edit is: 1-based lines and columns (columns in
/// characters), the end excluded.
#[derive(Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Place {
    fn of(span: Span, sources: &SourceMap) -> Option<Place> {
        let f = sources.get(span.file)?;
        let (line, column) = f.line_col(span.start as usize);
        let (end_line, end_column) = f.line_col(span.end as usize);
        Some(Place {
            file: f.display.clone(),
            line,
            column,
            end_line,
            end_column,
        })
    }
}

#[derive(Serialize)]
pub struct JsonLabel {
    #[serde(flatten)]
    pub place: Place,
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
    /// The changes that would resolve it (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<JsonFix>,
}

/// One way to resolve a diagnostic: its title and its edits.
#[derive(Serialize)]
pub struct JsonFix {
    pub title: String,
    pub edits: Vec<JsonEdit>,
}

/// Replace the text at `place` with `text` (an empty place inserts).
#[derive(Serialize)]
pub struct JsonEdit {
    #[serde(flatten)]
    pub place: Place,
    pub text: String,
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
            Some(JsonLabel {
                place: Place::of(l.span, sources)?,
                message: l.message.as_deref().map(str::to_string),
            })
        })
        .collect();
    // A fix is shown whole or not at all.
    let fixes = diagnostic
        .fixes
        .iter()
        .filter_map(|fix| {
            let edits = fix.edits.iter().map(|e| {
                Some(JsonEdit {
                    place: Place::of(e.span, sources)?,
                    text: e.text.to_string(),
                })
            });
            Some(JsonFix {
                title: fix.title.to_string(),
                edits: edits.collect::<Option<Vec<JsonEdit>>>()?,
            })
        })
        .collect();
    let first = labels.first();
    JsonDiagnostic {
        code: diagnostic.code,
        severity: diagnostic.severity,
        file: first.map(|l| l.place.file.clone()),
        line: first.map(|l| l.place.line),
        column: first.map(|l| l.place.column),
        message: diagnostic.message.clone(),
        help: diagnostic.help.as_deref().map(str::to_string),
        labels,
        fixes,
    }
}

pub fn report(diagnostics: &[Diagnostic], sources: &SourceMap) -> JsonReport {
    JsonReport {
        version: FORMAT_VERSION,
        diagnostics: diagnostics.iter().map(|d| to_json(d, sources)).collect(),
        summary: Counts::of(diagnostics),
    }
}
