//! What `jixiao check` says of a document — and, when the document holds a
//! declaration and its `自评`, what `jixiao eval` says too — as LSP
//! diagnostics: code (`JX-…`), severity, message with the help appended,
//! the other labels as related locations. Each document's check goes
//! through its [`ProjectCache`]: only the projects whose text changed since
//! the last check are parsed, lowered and checked again, and the
//! diagnostics are exactly those of a whole check ([`of_text`]).

use super::documents::Document;
use super::position::{LineIndex, Placer};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;
use crate::syntax::ast::Item;
use crate::ProjectCache;
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

/// The diagnostics to publish for `doc`, checking again only what changed
/// since its last check (`doc.checks`); marks it published.
pub fn publish(doc: &mut Document) -> PublishDiagnosticsParams {
    doc.pending = false;
    let found = found(doc);
    let mut diagnostics = Vec::with_capacity(found.len());
    if !found.is_empty() {
        let placer = Placer {
            index: LineIndex::new(doc.checks.text()),
            bom: u32::from(doc.text.starts_with('\u{FEFF}')),
        };
        diagnostics.extend(found.iter().map(|d| to_lsp(d, &doc.uri, &placer)));
    }
    PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics, Some(doc.version))
}

/// What the check of `doc`'s text finds: kept from the last check of this
/// version, else checked now (again only what changed since the last
/// check) and kept — the publish and the quick fixes read the same.
pub fn found(doc: &mut Document) -> std::sync::Arc<Vec<Diagnostic>> {
    if let Some(found) = &doc.found {
        return found.clone();
    }
    let path = super::uri::path_of(&doc.uri);
    let name = name_of(&doc.uri);
    let mut found = of_text_with(&name, &doc.text, &mut doc.checks, path.as_deref());
    // What a check says only of a file this one includes belongs to that
    // file (shown when it is open), not here.
    found.retain(|d| d.labels.is_empty() || d.labels.iter().any(|l| l.span.file == FileId(0)));
    let found = std::sync::Arc::new(found);
    doc.found = Some(found.clone());
    found
}

/// `found` (diagnostics of `text` as the library read it) as the editor
/// receives them, placed in `text` as the editor holds it.
pub fn to_editor(uri: &Uri, text: &str, found: &[Diagnostic]) -> Vec<lsp_types::Diagnostic> {
    let normalized = Normalized::of(text);
    let placer = Placer {
        index: LineIndex::new(&normalized.text),
        bom: normalized.bom,
    };
    found.iter().map(|d| to_lsp(d, uri, &placer)).collect()
}

/// What `jixiao check` says of the text (and `jixiao eval`, when the text
/// holds a declaration and its `自评`), in file order, each once.
pub fn of_text(name: &str, text: &str) -> Vec<Diagnostic> {
    of_text_with(name, text, &mut ProjectCache::default(), None)
}

/// [`of_text`], reusing what the previous check through `checks` found of
/// the projects whose text did not change; given the path of the file the
/// text is, its `引用` are followed from there on disk.
pub fn of_text_with(
    name: &str,
    text: &str,
    checks: &mut ProjectCache,
    path: Option<&std::path::Path>,
) -> Vec<Diagnostic> {
    let report = checks.check_at(name, text, path);
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
    checks.keep(report.loaded);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::documents::Documents;
    use lsp_types::{Range, TextDocumentContentChangeEvent};
    use std::str::FromStr;

    /// One ranged change replacing the first `old` at or after byte `from`.
    fn replace(text: &str, from: usize, old: &str, new: &str) -> TextDocumentContentChangeEvent {
        let at = text.get(from..).and_then(|t| t.find(old)).map(|i| from + i);
        let at = at.unwrap_or(text.len());
        let index = LineIndex::new(text);
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                index.position(at),
                index.position(at + old.len()),
            )),
            range_length: None,
            text: new.to_string(),
        }
    }

    /// The diagnostics of a whole check of the text, as published.
    fn whole(doc: &Document) -> Vec<lsp_types::Diagnostic> {
        let mut fresh = Document::new(doc.uri.clone(), doc.version, doc.text.clone());
        publish(&mut fresh).diagnostics
    }

    /// An edit inside one project of five re-checks that project only; an
    /// edit of the department's header none; and each time the diagnostics
    /// are those of a whole check. (Seen failing: with `reuse` never
    /// reusing, `lowered` is 5 each time; with spans not moved by the
    /// edit's length, the diagnostics after the edit differ.)
    #[test]
    fn an_edit_inside_one_project_rechecks_only_that_project() {
        let uri = Uri::from_str("file:///w/g.jx").expect("a URI");
        let text = crate::gen::declaration_text(5, 1);
        let mut docs = Documents::default();
        docs.open(uri.clone(), 1, text.clone());
        let doc = docs.pending().next().expect("opened");
        let opened = publish(doc);
        assert_eq!((doc.checks.lowered(), doc.checks.reused()), (5, 0));
        assert_eq!(opened.diagnostics, whole(doc));

        // the third project's 总额 in 万元, not 元: its own checks say so
        let third = text.match_indices("  项目 \"").nth(2).map_or(0, |(i, _)| i);
        let change = replace(&text, third, "元\n      年度申请", "万元\n      年度申请");
        assert!(docs.change(&uri, 2, vec![change]));
        let doc = docs.pending().next().expect("changed");
        let edited = publish(doc);
        assert_eq!((doc.checks.lowered(), doc.checks.reused()), (1, 4));
        assert!(!edited.diagnostics.is_empty());
        assert_eq!(edited.diagnostics, whole(doc));

        // the department's header: no project is read again
        let text = doc.text.clone();
        let change = replace(&text, 0, "申报 5 个项目", "申报 6 个项目");
        assert!(docs.change(&uri, 3, vec![change]));
        let doc = docs.pending().next().expect("changed");
        let edited = publish(doc);
        assert_eq!((doc.checks.lowered(), doc.checks.reused()), (0, 5));
        assert_eq!(edited.diagnostics, whole(doc));

        // a brace removed: the projects after it read differently
        let text = doc.text.clone();
        let change = replace(&text, third, "资金 {", "资金 ");
        assert!(docs.change(&uri, 4, vec![change]));
        let doc = docs.pending().next().expect("changed");
        let edited = publish(doc);
        assert_eq!(edited.diagnostics, whole(doc));
    }
}
