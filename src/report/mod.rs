//! Reports of an evaluation: the 自评表 as aligned text or Markdown, CSV for
//! spreadsheets, JSON for other systems. Renderers only read an
//! [`Evaluation`] (or one project of it at a time, [`stream`]); they never
//! compute a score.

pub mod columns;
pub mod csv;
mod doc;
pub mod grid;
mod selfeval;
pub mod stream;

// ── files people hand in and look at (issue 6) ──
pub mod html;
pub mod xlsx;

// ── the audit of published forms (issue 19) ──
pub mod audit;

use crate::model::evaluation::Evaluation;
pub use selfeval::indicator_explained;

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
    stream::whole(ev, Format::Table, explain, &[], &crate::SourceMap::new())
}

/// The same as Markdown.
pub fn markdown(ev: &Evaluation, explain: bool) -> String {
    stream::whole(ev, Format::Markdown, explain, &[], &crate::SourceMap::new())
}

/// The evaluation as a JSON document, with the diagnostics located in their
/// files: `{format, version, rules, department, year, projects, summary,
/// diagnostics}`, pretty-printed.
pub fn json(
    ev: &Evaluation,
    diagnostics: &[crate::Diagnostic],
    sources: &crate::SourceMap,
) -> String {
    stream::whole(ev, Format::Json, false, diagnostics, sources)
}
