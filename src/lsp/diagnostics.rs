//! What `jixiao check` says of a document — and, when the document holds a
//! declaration and its `自评`, what `jixiao eval` says too — as LSP
//! diagnostics: code (`JX-…`), severity, message with the help appended,
//! the other labels as related locations.

use super::documents::Document;
use super::position::{LineIndex, Placer};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;
use crate::syntax::ast::Item;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

/// The document's text as the library reads it (`\n` line ends, no
/// byte-order mark), and how far its first line is shifted in the editor.
pub struct Normalized {
    pub text: String,
    /// 1 when the editor's text starts with a byte-order mark.
    pub bom: u32,
}

impl Normalized {
    pub fn of(text: &str) -> Normalized {
        Normalized {
            text: crate::load::normalize(text),
            bom: u32::from(text.starts_with('\u{FEFF}')),
        }
    }
}

/// The name the library gives the document (its file name).
pub fn name_of(uri: &Uri) -> String {
    let s = uri.as_str();
    s.rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(s)
        .to_string()
}

/// The diagnostics to publish for `doc`.
pub fn publish(doc: &Document) -> PublishDiagnosticsParams {
    let found = of_text(&name_of(&doc.uri), &doc.text);
    let normalized = Normalized::of(&doc.text);
    let placer = Placer {
        index: LineIndex::new(&normalized.text),
        bom: normalized.bom,
    };
    let diagnostics = found.iter().map(|d| to_lsp(d, &doc.uri, &placer)).collect();
    PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics, Some(doc.version))
}

/// What `jixiao check` says of the text (and `jixiao eval`, when the text
/// holds a declaration and its `自评`), in file order, each once.
pub fn of_text(name: &str, text: &str) -> Vec<Diagnostic> {
    let report = crate::check_report_text(name, text);
    let mut found = report.diagnostics;
    let holds = |actuals: bool| {
        report.loaded.tree(FileId(0)).is_some_and(|t| {
            t.items.iter().any(|i| match i {
                Item::Actuals(_) => actuals,
                Item::Department(_) | Item::Project(_) => !actuals,
                Item::Include(_) | Item::RuleSet(_) => false,
            })
        })
    };
    if holds(true) && holds(false) {
        found.extend(crate::evaluate_form_text(name, text, None).diagnostics);
        crate::diagnostic::sort(&mut found);
        let mut seen = std::collections::HashSet::new();
        found.retain(|d| {
            let at = d.primary_span().map(|s| (s.file, s.start, s.end));
            seen.insert((d.code, d.message.clone(), at))
        });
    }
    found
}

/// A diagnostic as the editor shows it (also named by its quick fixes).
pub fn to_lsp(d: &Diagnostic, uri: &Uri, placer: &Placer) -> lsp_types::Diagnostic {
    let range_of = |span: crate::source::Span| placer.range(span.start as usize, span.end as usize);
    // Labels in other files (a built-in rule set) have no place here.
    let mut labels = d.labels.iter().filter(|l| l.span.file == FileId(0));
    let range = labels.next().map(|l| range_of(l.span)).unwrap_or_default();
    let related: Vec<DiagnosticRelatedInformation> = labels
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range_of(l.span)),
            message: l.message.as_deref().unwrap_or("相关位置").to_string(),
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n建议：");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("jixiao".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}
