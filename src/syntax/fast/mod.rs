//! A hand-written fast path for the second pass: project bodies
//! (`project_block`) and 自评 project bodies (`actuals_block`).
//!
//! pest stays the specification. This reader handles the common, valid
//! input — what `jixiao gen` and the seed declaration write — and builds
//! exactly the tree the pest path builds, spans and comments included. On
//! anything else (a syntax error, a rare construct, a value the builder
//! would report) it returns `None` and the caller runs the pest path, so
//! every message stays as it was. `tests.rs` checks the equality on every
//! example, test case and generated workload, and on mutated blocks.

mod actuals;
mod cursor;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod differential;
mod expr;
mod project;
mod skeleton;
#[cfg(test)]
mod tests;

use crate::source::{FileId, Node};
use crate::syntax::ast::ProjectStmt;
use crate::syntax::eval_ast::ActualStmt;
use cursor::Cur;
pub(crate) use skeleton::{RawProject, Skeleton};

/// Statements and comments of a project block (`{ … }`, as the first pass
/// cut it out), spans counted from `offset`; `None` to use pest instead.
pub(crate) fn project_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> Option<(Vec<ProjectStmt>, Vec<Node<String>>)> {
    let mut c = Cur::new(block, file, offset);
    let stmts = project::body(&mut c)?;
    c.at_end().then_some((stmts, c.comments))
}

/// The same for a project block of a `自评`.
pub(crate) fn actuals_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> Option<(Vec<ActualStmt>, Vec<Node<String>>)> {
    let mut c = Cur::new(block, file, offset);
    let stmts = actuals::body(&mut c)?;
    c.at_end().then_some((stmts, c.comments))
}

/// The first pass over a whole file (its text from position 0): items with
/// their project blocks left raw (`deferred`), 自评 bodies read if `bodies`
/// (else left `deferred` too, like the projects); `None` to use pest.
pub(crate) fn skeleton(file: FileId, text: &str, bodies: bool) -> Option<Skeleton> {
    let mut c = Cur::new(text, file, 0);
    let (items, projects) = skeleton::file(&mut c, bodies)?;
    Some(Skeleton {
        items,
        projects,
        comments: c.comments,
    })
}
