//! The one driver of a run: load → lower → check → (evaluate) → sink.
//!
//! Lowering hands each project, in the worker that lowered it, to a typed
//! [`Sink`](crate::lower::Sink); what the sink makes of it comes back on the
//! lowering thread in project order. Each way of running is a sink:
//!
//! - [`check`]: `check_report` checks each project, counts it in its
//!   department's tally and drops it ([`tally`]'s `Checking`: keep-nothing,
//!   bounded memory); `check_paths` checks each project the same way and
//!   keeps it (`CheckingKept`) — the same checks, the same diagnostics;
//!   `check_text` checks a declaration on its own (no rule set);
//! - [`points`]: the 分值 of each project against the rule set eval would
//!   use, beside the checks of either;
//! - [`evaluate`]: a whole evaluation (the model, the actuals, the rule
//!   set, then [`crate::engine::evaluate`]);
//! - [`stream`]: a streamed evaluation (`jixiao eval`): each project scored
//!   in its worker ([`scoring`]'s `Scoring`), its part of the report written
//!   in order, and dropped.

mod block_edit;
mod check;
mod evaluate;
mod incremental;
mod points;
mod scoring;
mod stream;
mod tally;
mod year_end;

pub use check::{check_paths, check_report, check_report_text, check_text, CheckReport, Checked};
pub use evaluate::{
    evaluate_form_text, evaluate_paths, evaluate_text, evaluate_texts, parse_rules, Evaluated,
    DEFAULT_RULES, DEFAULT_RULES_NAME,
};
pub use incremental::ProjectCache;
pub use stream::{evaluate_text_to, evaluate_to, Streamed};

use crate::diagnostic::Diagnostic;
use crate::load::{LoadOptions, Loaded};
use crate::source::FileId;

/// Options that leave project bodies to lowering, so that the trees of all
/// bodies never exist at once (bounded memory, issue 8).
fn deferred(options: &LoadOptions) -> LoadOptions {
    LoadOptions {
        defer_bodies: true,
        ..options.clone()
    }
}

/// The root files that hold an item `is`.
fn roots_holding(loaded: &Loaded, is: impl Fn(&crate::syntax::ast::Item) -> bool) -> Vec<FileId> {
    let holds = |f: &FileId| loaded.tree(*f).is_some_and(|t| t.items.iter().any(&is));
    loaded.roots.iter().copied().filter(holds).collect()
}

/// Drop repeated diagnostics (same code, message and place): a file given
/// both as a root and as `--actuals` is lowered twice.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    // Borrowed keys: cloning 250,000 messages into the set cost 35 MB.
    let mut seen =
        rustc_hash::FxHashSet::with_capacity_and_hasher(diagnostics.len(), Default::default());
    let keep: Vec<bool> = diagnostics
        .iter()
        .map(|d| {
            let at = d.primary_span().map(|s| (s.file, s.start, s.end));
            seen.insert((d.code, d.message.as_str(), at))
        })
        .collect();
    drop(seen);
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}
