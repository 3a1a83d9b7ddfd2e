//! Reports of an evaluation: the 自评表 as aligned text or Markdown, CSV for
//! spreadsheets, JSON for other systems. Renderers only read an
//! [`Evaluation`]; they never compute a score.

pub mod csv;
mod doc;
pub mod grid;
mod selfeval;

// ── files people hand in and look at (issue 6) ──
pub mod html;
pub mod write;
pub mod xlsx;

use crate::model::evaluation::Evaluation;

/// Output formats of `jixiao eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
}

/// The 自评表 of every project and the department summary, as aligned text.
pub fn table(ev: &Evaluation, explain: bool) -> String {
    selfeval::document(ev, explain).text()
}

/// The same as Markdown.
pub fn markdown(ev: &Evaluation, explain: bool) -> String {
    selfeval::document(ev, explain).markdown()
}

/// The evaluation as a JSON document, with the diagnostics located in their files.
pub fn json(
    ev: &Evaluation,
    diagnostics: &[crate::Diagnostic],
    sources: &crate::SourceMap,
) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        format: &'static str,
        version: u32,
        #[serde(flatten)]
        evaluation: &'a Evaluation,
        diagnostics: crate::diagnostic::json::JsonReport,
    }
    let doc = Doc {
        format: "jixiao-evaluation",
        version: 1,
        evaluation: ev,
        diagnostics: crate::diagnostic::json::report(diagnostics, sources),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
