//! A document's text as the library reads it and its syntax tree, read
//! once per version and shared by the requests that only need the tree
//! (outline, folding, semantic tokens, hover, completion): an editor asks
//! for several of them after every change, and each used to parse the
//! whole text again (44–80 ms apiece on a 1,000-project file).

use super::diagnostics::Normalized;
use crate::load::Loaded;
use crate::source::FileId;
use crate::syntax::ast::SyntaxFile;
use std::sync::Arc;

/// Texts longer than this are parsed for each request instead of kept
/// (the tree of a 263 MB document would double what the server holds).
pub const KEEP_AT_MOST: usize = 64 << 20;

/// The normalized text and what `load_text` read of it.
pub struct Parsed {
    pub normalized: Normalized,
    pub loaded: Loaded,
}

impl Parsed {
    /// Read `text` (the editor's) as the file `name`.
    pub fn of(name: &str, text: &str) -> Parsed {
        let normalized = Normalized::of(text);
        let loaded = crate::load::load_text(name, &normalized.text);
        Parsed { normalized, loaded }
    }
    /// The text the library reads (`\n` line ends, no byte-order mark).
    pub fn text(&self) -> &str {
        &self.normalized.text
    }
    /// The document's syntax tree (errors or not).
    pub fn tree(&self) -> Option<&SyntaxFile> {
        self.loaded.tree(FileId(0))
    }
}

/// The kept reading of one version of a document.
#[derive(Default)]
pub struct Kept(std::cell::OnceCell<Arc<Parsed>>);

impl Kept {
    /// The reading of `text`, read now if this version has none yet.
    pub fn get(&self, name: &str, text: &str) -> Arc<Parsed> {
        if text.len() > KEEP_AT_MOST {
            return Arc::new(Parsed::of(name, text));
        }
        self.0
            .get_or_init(|| Arc::new(Parsed::of(name, text)))
            .clone()
    }
}
