//! Reading and parsing files ahead of the loader, in parallel.
//!
//! The loader assigns file ids in the order it meets files (arguments, then
//! each file's includes, depth first), which only it can know. Ahead of it,
//! every argument file is read, decoded and parsed in parallel under the id
//! it will get if no include comes between; the loader takes a prefetched
//! file only when the id matches, and otherwise reads it again itself. The
//! result is the same either way, in the same order.

use super::decode::{self, Decoded};
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::{self, SyntaxFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Prefetched {
    pub id: FileId,
    pub text: String,
    pub tree: SyntaxFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read, decode and parse `files` (in the order the loader will meet them)
/// in parallel, keyed by canonical path. Files that cannot be read or are
/// not plain text are left to the loader, which reports them.
pub fn prefetch(
    files: &[&Path],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> HashMap<PathBuf, Prefetched> {
    if files.len() < 2 {
        return HashMap::new();
    }
    let mut seen = HashMap::new();
    let mut jobs = Vec::new();
    for path in files {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !seen.contains_key(&canonical) {
            let id = FileId(u32::try_from(seen.len()).unwrap_or(u32::MAX));
            seen.insert(canonical.clone(), id);
            jobs.push((*path, canonical, id));
        }
    }
    use rayon::prelude::*;
    jobs.into_par_iter()
        .filter_map(|(path, canonical, id)| {
            let bytes = std::fs::read(path).ok()?;
            let Decoded::Text(text) = decode::decode_owned(bytes, encoding) else {
                return None;
            };
            let (tree, diagnostics) = syntax::parse(id, &text);
            Some((
                canonical,
                Prefetched {
                    id,
                    text,
                    tree,
                    diagnostics,
                },
            ))
        })
        .collect()
}
