//! The open documents: their text as the editor last sent it (incremental
//! sync: each change carries the ranges it replaces, applied here in
//! order), and what the last check of each kept for the next
//! ([`ProjectCache`]: only the projects an edit touched are checked again).

use crate::ProjectCache;
use lsp_types::{Position, TextDocumentContentChangeEvent, Uri};
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
    /// This version's syntax tree, once a request has read it.
    kept: super::parsed::Kept,
}

impl Document {
    /// A document just opened: nothing checked or read yet.
    pub fn new(uri: Uri, version: i32, text: String) -> Document {
        Document {
            uri,
            version,
            text,
            checks: ProjectCache::default(),
            pending: true,
            kept: super::parsed::Kept::default(),
        }
    }
    /// This version's text as the library reads it, and its syntax tree:
    /// read once per version ([`super::parsed`]).
    pub fn parsed(&self) -> std::sync::Arc<super::parsed::Parsed> {
        let name = super::diagnostics::name_of(&self.uri);
        self.kept.get(&name, &self.text)
    }
}

/// The open documents, by URI.
#[derive(Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let key = uri.as_str().to_string();
        let doc = Document::new(uri, version, text);
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
        doc.kept = super::parsed::Kept::default();
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
    /// Every open document, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
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
                let start = offset(text, range.start);
                let end = offset(text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
}

/// [`LineIndex::offset`](super::position::LineIndex::offset) of one
/// position, without indexing every line of the text: the line is found
/// by scanning for line breaks up to it (a keystroke in a 263 MB document
/// would otherwise index all of it).
pub fn offset(text: &str, at: Position) -> usize {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut line = 0;
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
    while line < at.line {
        let Some(i) = breaks.next() else {
            return text.len();
        };
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            continue; // the \n of this \r\n ends the line
        }
        start = i + 1;
        line += 1;
    }
    let end = memchr::memchr2(b'\n', b'\r', bytes.get(start..).unwrap_or(&[]))
        .map_or(text.len(), |i| start + i);
    let content = text.get(start..end).unwrap_or("");
    let mut units = 0u32;
    for (i, c) in content.char_indices() {
        if units >= at.character {
            return start + i;
        }
        units = units.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
    }
    start + content.len()
}

#[cfg(test)]
mod tests {
    use super::super::position::LineIndex;
    use super::*;

    /// The same offsets as the line index, for every position near every
    /// kind of line break, astral characters and past the ends.
    #[test]
    fn offset_is_the_line_index_offset() {
        for text in [
            "",
            "a",
            "ab\ncd",
            "甲\r\n乙\r丙\n\n𠀀x\r",
            "\r\n\r\n",
            "\n",
            "x\r\r\ny",
        ] {
            let index = LineIndex::new(text);
            for line in 0..7 {
                for character in 0..6 {
                    let at = Position::new(line, character);
                    assert_eq!(offset(text, at), index.offset(at), "{text:?} {at:?}");
                }
            }
        }
    }
}
