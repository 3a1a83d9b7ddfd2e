//! The evaluation context of a document: the texts `jixiao eval` would
//! read for it, and their evaluation by the library's one pipeline
//! ([`crate::evaluate_texts`]).
//!
//! - A document holding both a declaration and its `自评` (what `import`
//!   and `gen --forms` write) is evaluated alone, under the rule file of
//!   its folder when there is exactly one, else the built-in central-2020.
//! - Any other document is evaluated with the `.jx` files beside it in its
//!   folder (the URI's path on disk), as `jixiao eval 目录` reads them: the
//!   declarations, the `自评` (the document's own when it holds one) and a
//!   `规则` file. An open document's text wins over the file on disk.
//!
//! Bounded: at most [`MAX_FILES`] files beside it, each at most
//! [`MAX_FILE_BYTES`], [`MAX_TOTAL_BYTES`] in all; only regular files are
//! read (`crate::files`: never a pipe or a device).

use super::diagnostics::Normalized;
use super::documents::Documents;
use crate::syntax::ast::Item;
use crate::Evaluated;
use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files beside the document read at most.
pub const MAX_FILES: usize = 64;
/// A file beside the document larger than this is left out.
pub const MAX_FILE_BYTES: u64 = 32 << 20;
/// Entries of the folder looked at (a folder of a million files is not
/// listed whole on each request).
pub const MAX_ENTRIES: usize = 10_000;
/// All the files beside the document together.
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;

/// One text of the context.
#[derive(Clone)]
pub struct Member {
    pub uri: Uri,
    /// The text as the library reads it (`\n` line ends, no byte-order mark).
    pub text: String,
    /// 1 when the editor's text starts with a byte-order mark.
    pub bom: u32,
}

/// The texts evaluated together: the document first (`FileId(0)`), then
/// the files beside it (`FileId(1)` …).
pub struct Context {
    pub members: Vec<Member>,
}

impl Context {
    /// The document's context; `None` when it is not open.
    pub fn of(uri: &Uri, documents: &Documents) -> Option<Context> {
        let doc = documents.get(uri)?;
        let own = Normalized::of(&doc.text);
        let mut members = vec![Member {
            uri: uri.clone(),
            text: own.text,
            bom: own.bom,
        }];
        let Some(path) = super::uri::path_of(uri) else {
            return Some(Context { members });
        };
        let siblings = siblings(&path, documents);
        // (a text without the word 自评 holds no 自评: not parsed to see)
        let form = !siblings.is_empty() && members.iter().any(|m| m.text.contains("自评")) && {
            let own = members.first().map(|m| holds(&m.text)).unwrap_or_default();
            own.declaration && own.actuals
        };
        for (sibling, open_uri, text) in siblings {
            // A form stands alone: only a rule file joins it.
            if form && !(text.contains("规则") && holds(&text).rules) {
                continue;
            }
            // an open document keeps the editor's spelling of its URI
            let Some(sibling) = open_uri.or_else(|| super::uri::uri_of(&sibling)) else {
                continue;
            };
            let normalized = Normalized::of(&text);
            members.push(Member {
                uri: sibling,
                text: normalized.text,
                bom: normalized.bom,
            });
        }
        Some(Context { members })
    }

    /// The evaluation of the texts (the document's `自评` preferred). The
    /// last one is kept: requests on unchanged texts (a hover after the
    /// inlay hints) do not evaluate again.
    pub fn evaluate(&self) -> Arc<Evaluated> {
        let same = |kept: &[Member]| {
            kept.len() == self.members.len()
                && kept
                    .iter()
                    .zip(&self.members)
                    .all(|(a, b)| a.uri == b.uri && a.bom == b.bom && a.text == b.text)
        };
        if let Ok(last) = LAST.lock() {
            if let Some((_, ev)) = last.as_ref().filter(|(kept, _)| same(kept)) {
                return Arc::clone(ev);
            }
        }
        let names: Vec<String> = self
            .members
            .iter()
            .map(|m| super::diagnostics::name_of(&m.uri))
            .collect();
        let texts: Vec<(&str, &str)> = names
            .iter()
            .zip(&self.members)
            .map(|(n, m)| (n.as_str(), m.text.as_str()))
            .collect();
        let ev = Arc::new(crate::evaluate_texts(&texts, 0));
        let size: usize = self.members.iter().map(|m| m.text.len()).sum();
        if let Ok(mut last) = LAST.lock() {
            // A workspace of 100,000 projects is not held between requests.
            *last =
                (size as u64 <= MAX_TOTAL_BYTES).then(|| (self.members.clone(), Arc::clone(&ev)));
        }
        ev
    }
}

/// The last evaluation, and the texts it is of.
type Last = Option<(Vec<Member>, Arc<Evaluated>)>;
static LAST: Mutex<Last> = Mutex::new(None);

/// What a text declares, by its skeleton.
#[derive(Default)]
struct Holds {
    declaration: bool,
    actuals: bool,
    rules: bool,
}

fn holds(text: &str) -> Holds {
    let options = crate::LoadOptions {
        defer_bodies: true,
        ..crate::LoadOptions::default()
    };
    let loaded = crate::load::load_text_with("", text, &options);
    let mut h = Holds::default();
    for item in loaded
        .tree(crate::source::FileId(0))
        .map(|t| t.items.as_slice())
        .unwrap_or_default()
    {
        match item {
            Item::Department(_) | Item::Project(_) => h.declaration = true,
            Item::Actuals(_) => h.actuals = true,
            Item::RuleSet(_) => h.rules = true,
            Item::Include(_) => {}
        }
    }
    h
}

/// The `.jx` files beside `path` (not below: `eval` of a folder also reads
/// its sub-folders, but an editor's folder may be a whole disk), with
/// their text: the open document's (and its URI) when one is open, else
/// the file's.
fn siblings(path: &Path, documents: &Documents) -> Vec<(PathBuf, Option<Uri>, String)> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .take(MAX_ENTRIES)
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "jx")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
                && p.as_path() != path
        })
        .filter(|p| !crate::files::same_file(p, path))
        .take(MAX_FILES.saturating_mul(4))
        .collect();
    paths.sort();
    let mut total = 0u64;
    let mut out = Vec::new();
    for p in paths {
        if out.len() >= MAX_FILES {
            break;
        }
        let open = documents
            .iter()
            .find(|d| super::uri::path_of(&d.uri).as_deref() == Some(p.as_path()));
        let text = match open {
            Some(d) => Some((Some(d.uri.clone()), d.text.clone())),
            None => read(&p, MAX_TOTAL_BYTES.saturating_sub(total)).map(|t| (None, t)),
        };
        if let Some((uri, text)) = text {
            total = total.saturating_add(text.len() as u64);
            if total > MAX_TOTAL_BYTES {
                break;
            }
            out.push((p, uri, text));
        }
    }
    out
}

/// A regular file's text, when it is at most `room` bytes (and
/// [`MAX_FILE_BYTES`]) and reads as text.
fn read(path: &Path, room: u64) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES.min(room) {
        return None;
    }
    let bytes = crate::files::read(path).ok()?;
    match crate::load::decode(&bytes, None) {
        crate::load::Decoded::Text(t) => Some(t),
        crate::load::Decoded::Problem(_) => None,
    }
}
