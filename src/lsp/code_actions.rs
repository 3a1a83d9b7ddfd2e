//! `textDocument/codeAction`: the fixes the library attaches to its
//! diagnostics ([`crate::diagnostic::Fix`]: a did-you-mean, a swapped
//! comparator, a unit, the skeleton of a missing explanation), one quick
//! fix for each, for the diagnostics that touch the requested range.

use super::diagnostics::{self, Normalized};
use super::documents::Document;
use super::position::{LineIndex, Placer};
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::FileId;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The quick fixes for the diagnostics of `doc` whose range overlaps
/// `range` (touching it counts: a cursor at the end of a word asks too).
pub fn at(doc: &mut Document, range: Range) -> Vec<CodeActionOrCommand> {
    let found = diagnostics::found(doc);
    of(doc, &found, range)
}

/// The quick fixes among `found` (the diagnostics of `doc`'s text).
// lsp-types keys a WorkspaceEdit's changes by Uri, whose parsed form is
// cached inside it; the map here is built once and never looked into.
#[allow(clippy::mutable_key_type)]
pub fn of(doc: &Document, found: &[Diagnostic], range: Range) -> Vec<CodeActionOrCommand> {
    // Editors ask at every cursor move: most documents have no fix at all,
    // and the text is indexed (never copied) only when one has.
    if found.iter().all(|d| d.fixes.is_empty()) {
        return Vec::new();
    }
    // The text the check read (normalized, kept by the document's cache:
    // `found` is of this version) unless the cache holds none.
    let normalized;
    let text = match doc.checks.text() {
        "" => {
            normalized = Normalized::of(&doc.text);
            normalized.text.as_str()
        }
        kept => kept,
    };
    let placer = Placer {
        index: LineIndex::new(text),
        bom: u32::from(doc.text.starts_with('\u{FEFF}')),
    };
    let crlf = doc.text.contains("\r\n");
    let mut actions = Vec::new();
    for d in found.iter().filter(|d| !d.fixes.is_empty()) {
        let Some(at) = d.primary_span().filter(|s| s.file == FileId(0)) else {
            continue;
        };
        let place = placer.range(at.start as usize, at.end as usize);
        if place.start > range.end || range.start > place.end {
            continue;
        }
        let shown = diagnostics::to_lsp(d, &doc.uri, &placer);
        let only = d.fixes.len() == 1;
        for fix in &d.fixes {
            let Some(edits) = text_edits(fix, &placer, crlf) else {
                continue;
            };
            let mut changes = HashMap::new();
            changes.insert(doc.uri.clone(), edits);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.to_string(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(WorkspaceEdit::new(changes)),
                is_preferred: only.then_some(true),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The fix's edits in the editor's positions; `None` when one is in
/// another file (a built-in rule set) — the fix is offered whole or not.
/// A line the fix inserts ends as the document's lines do.
fn text_edits(fix: &Fix, placer: &Placer, crlf: bool) -> Option<Vec<TextEdit>> {
    fix.edits
        .iter()
        .map(|e| {
            (e.span.file == FileId(0)).then(|| TextEdit {
                range: placer.range(e.span.start as usize, e.span.end as usize),
                new_text: if crlf {
                    e.text.replace('\n', "\r\n")
                } else {
                    e.text.to_string()
                },
            })
        })
        .collect()
}
