//! The open documents: their text as the editor last sent it (full text
//! sync: each change carries the whole text).

use lsp_types::Uri;
use std::collections::HashMap;

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let key = uri.as_str().to_string();
        self.open.insert(key, Document { uri, version, text });
    }
    /// The new text of a change; `None` when the document is not open.
    pub fn change(&mut self, uri: &Uri, version: i32, text: String) -> Option<&Document> {
        let doc = self.open.get_mut(uri.as_str())?;
        doc.version = version;
        doc.text = text;
        Some(doc)
    }
    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }
    /// Every open document, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }
}
