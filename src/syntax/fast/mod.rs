//! The builder of syntax trees: project bodies (`project_block`), 自评
//! project bodies (`actuals_block`), rule sets (`ruleset`), expressions
//! (`expr`), and the first pass (`file`) of files without errors.
//!
//! pest stays the specification and the finder of errors. This reader
//! matches exactly what the grammar matches and builds the tree, spans and
//! comments included; where it gives up (`None`), the text has a syntax
//! error, and pest parses it again only to say what the error is. Values
//! the grammar accepts but the tree refuses (a bad escape, a number too
//! large, an expression too long) come with diagnostics. `tests.rs` checks
//! on every file of the repository, generated workloads and mutated blocks
//! that the fast path gives up exactly where pest finds an error.

mod actuals;
mod cursor;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod differential;
mod expr;
mod project;
mod rules;
mod skeleton;
#[cfg(test)]
mod tests;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::Expr;
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{ProjectStmt, QuantityLit, StringLit};
use crate::syntax::eval_ast::{ActualStmt, RuleSet};
use cursor::Cur;
pub(crate) use skeleton::{RawProject, Skeleton};

/// A piece of text read whole: its tree, its comments and the diagnostics
/// of values the tree refuses.
pub(crate) struct Read<T> {
    pub tree: T,
    pub comments: Vec<Node<String>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read all of `text` (starting at `offset` in its file) with `rule`;
/// `None` where it has a syntax error.
fn read_all<T>(
    file: FileId,
    text: &str,
    offset: usize,
    rule: impl FnOnce(&mut Cur<'_>) -> Option<T>,
) -> Option<Read<T>> {
    let mut c = Cur::new(text, file, offset);
    let tree = rule(&mut c)?;
    c.at_end().then_some(Read {
        tree,
        comments: c.comments,
        diagnostics: c.diagnostics,
    })
}

/// Statements of a project block (`{ … }`, as the first pass cut it out),
/// spans counted from `offset`.
pub(crate) fn project_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> Option<Read<Vec<ProjectStmt>>> {
    read_all(file, block, offset, project::body)
}

/// The same for a project block of a `自评`.
pub(crate) fn actuals_body(
    file: FileId,
    block: &str,
    offset: usize,
) -> Option<Read<Vec<ActualStmt>>> {
    read_all(file, block, offset, actuals::body)
}

/// A 自评 project block that [`actuals_body`] gave up on, read statement
/// by statement: the statements that read and an
/// [`ActualStmt::Unreadable`] for each that does not; `None` when none is
/// unreadable.
pub(crate) fn actuals_recovering(
    file: FileId,
    block: &str,
    offset: usize,
) -> Option<Read<Vec<ActualStmt>>> {
    read_all(file, block, offset, actuals::body_recovering)
}

/// A rule set, `规则 …` to its `}`.
pub(crate) fn ruleset(file: FileId, text: &str, offset: usize) -> Option<Read<RuleSet>> {
    read_all(file, text, offset, rules::ruleset)
}

/// A `name`, `word` or `string`, all of `text`: for the first pass through
/// pest, which reads the skeleton and leaves the values to this reader.
pub(crate) fn word(file: FileId, text: &str, offset: usize) -> Option<Read<Node<StringLit>>> {
    read_all(file, text, offset, |c| c.word())
}

/// A `quantity`, all of `text`, for the same.
pub(crate) fn quantity(file: FileId, text: &str, offset: usize) -> Option<Node<QuantityLit>> {
    read_all(file, text, offset, |c| c.quantity()).map(|r| r.tree)
}

/// A standalone expression: as far as the grammar's `expr` reads it (its
/// end in `text`), and `None` for the tree when it is too long to build
/// (the diagnostic says so).
pub(crate) fn expr(file: FileId, text: &str, offset: usize) -> Option<(Read<Option<Expr>>, usize)> {
    let mut c = Cur::new(text, file, offset);
    let tree = expr::expr(&mut c)?;
    let end = c.pos;
    Some((
        Read {
            tree,
            comments: c.comments,
            diagnostics: c.diagnostics,
        },
        end,
    ))
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
        diagnostics: c.diagnostics,
    })
}

/// Text that the grammar accepts but the fast path did not read: a fault
/// of jixiao, never of the user's text. The text is reported unreadable
/// rather than lost in silence; the differential tests and the fuzz target
/// `fast_parse` fail on it.
#[allow(
    clippy::panic,
    reason = "only in tests and fuzzing: they fail on a fault of the parser"
)]
pub(crate) fn disagrees(span: Span) -> Diagnostic {
    if cfg!(any(test, feature = "fuzzing")) {
        panic!("the fast path gave up on text pest accepts, at {span:?}");
    }
    Diagnostic::new(
        &codes::PARSER_DISAGREES,
        "这段文字符合语法，但 jixiao 没能读取（jixiao 的内部错误），这一块没有读取",
    )
    .label(span, "这一块")
    .help("这不是文字的问题：请把这段文字连同 jixiao 的版本报告给维护者；可以试着改写这一块绕开")
}
