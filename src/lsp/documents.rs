//! The open documents: their text as the editor last sent it (incremental
//! sync: each change carries the ranges it replaces, applied here in
//! order), and what the last check of each kept for the next
//! ([`ProjectCache`]: only the projects an edit touched are checked again).

use super::position::LineIndex;
use crate::ProjectCache;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;

/// One open document.
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// What the last check of the text kept for the next.
    pub checks: ProjectCache,
    /// Changed since its diagnostics were last published.
    pub pending: bool,
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let key = uri.as_str().to_string();
        let doc = Document {
            uri,
            version,
            text,
            checks: ProjectCache::default(),
            pending: true,
        };
        self.open.insert(key, doc);
    }
    /// Apply the changes of one didChange, in order; `false` when the
    /// document is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> bool {
        let Some(doc) = self.open.get_mut(uri.as_str()) else {
            return false;
        };
        doc.version = version;
        apply_changes(&mut doc.text, changes);
        doc.pending = true;
        true
    }
    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }
    /// The documents changed since their diagnostics were last published.
    pub fn pending(&mut self) -> impl Iterator<Item = &mut Document> {
        self.open.values_mut().filter(|d| d.pending)
    }
}

/// Apply changes in order: whole texts, or ranges (a range past the end of
/// a line or of the text stops there; an end before the start is the
/// start).
pub fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let index = LineIndex::new(text);
                let start = index.offset(range.start);
                let end = index.offset(range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
}
