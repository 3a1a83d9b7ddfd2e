//! Reading and parsing files ahead of the loader, in parallel.
//!
//! The loader assigns file ids in the order it meets files (arguments, then
//! each file's includes, depth first), which only it can know. Ahead of it,
//! every argument file is read, decoded and parsed in parallel under the id
//! it will get if no include comes between; the loader takes a prefetched
//! file only when the id matches, and otherwise reads it again itself. The
//! result is the same either way, in the same order.

use super::decode;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::SyntaxFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Prefetched {
    pub id: FileId,
    pub text: crate::source::Text,
    pub tree: SyntaxFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read, decode and parse `files` (in the order the loader will meet them)
/// in parallel, keyed by canonical path. Files that cannot be read or are
/// not plain text are left to the loader, which reports them.
pub fn prefetch(files: &[&Path], options: &super::LoadOptions) -> HashMap<PathBuf, Prefetched> {
    let (encoding, defer) = (options.encoding, options.defer_bodies);
    if files.len() < 2 {
        return HashMap::new();
    }
    let mut seen = HashMap::new();
    let mut jobs = Vec::new();
    // Standard input is read once, by the loader itself.
    for path in files.iter().filter(|p| !super::is_stdin(p)) {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !seen.contains_key(&canonical) {
            let id = FileId(u32::try_from(seen.len()).unwrap_or(u32::MAX));
            seen.insert(canonical.clone(), id);
            jobs.push((*path, canonical, id));
        }
    }
    use rayon::prelude::*;
    let parse = |(path, canonical, id): (&Path, PathBuf, FileId)| {
        let text = decode::read_text(path, encoding).ok()?.ok()?;
        let (tree, diagnostics) = super::parse(defer, id, &text);
        Some((
            canonical,
            Prefetched {
                id,
                text,
                tree,
                diagnostics,
            },
        ))
    };
    let mut done: HashMap<PathBuf, Prefetched> = crate::parallel::run_on(
        jobs,
        |jobs| jobs.into_par_iter().filter_map(parse).collect(),
        |jobs| jobs.into_iter().filter_map(parse).collect(),
    );

    // The includes are known now: predict the ids again, following them as
    // the loader will, and parse again (in parallel) the files that moved.
    let order = loader_order(files, &done);
    let moved: Vec<(PathBuf, Prefetched)> = done
        .iter()
        .filter(|(c, p)| order.get(*c).is_some_and(|id| *id != p.id))
        .map(|(c, _)| c.clone())
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|c| done.remove_entry(&c))
        .collect();
    let reparse = |(canonical, p): (PathBuf, Prefetched)| {
        let id = *order.get(&canonical)?;
        let (tree, diagnostics) = super::parse(defer, id, &p.text);
        Some((
            canonical,
            Prefetched {
                id,
                text: p.text,
                tree,
                diagnostics,
            },
        ))
    };
    let reparsed: Vec<(PathBuf, Prefetched)> = crate::parallel::run_on(
        moved,
        |moved| moved.into_par_iter().filter_map(reparse).collect(),
        |moved| moved.into_iter().filter_map(reparse).collect(),
    );
    done.extend(reparsed);
    done
}

/// The ids the loader will give: arguments in order, each followed depth
/// first by what it includes. Only a prediction (it does not check the
/// workspace root); a wrong one costs a parse, never a wrong result.
fn loader_order(
    files: &[&Path],
    parsed: &HashMap<PathBuf, Prefetched>,
) -> HashMap<PathBuf, FileId> {
    fn visit(
        canonical: PathBuf,
        parsed: &HashMap<PathBuf, Prefetched>,
        order: &mut HashMap<PathBuf, FileId>,
    ) {
        if order.contains_key(&canonical) {
            return;
        }
        let id = FileId(u32::try_from(order.len()).unwrap_or(u32::MAX));
        order.insert(canonical.clone(), id);
        let Some(p) = parsed.get(&canonical) else {
            return;
        };
        let dir = canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for (_, rel) in super::include_paths(&p.tree) {
            if let Ok(target) = dir.join(rel).canonicalize() {
                visit(target, parsed, order);
            }
        }
    }
    let mut order = HashMap::new();
    // Standard input is read once, by the loader itself.
    for path in files.iter().filter(|p| !super::is_stdin(p)) {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        visit(canonical, parsed, &mut order);
    }
    order
}
