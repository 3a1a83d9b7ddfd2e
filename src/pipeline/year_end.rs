//! What is wrong inside the `自评` and `规则` blocks of the root files, on
//! their own (so that `jixiao check` reports a bad formula or a duplicate
//! actual without an evaluation).

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::lower;
use crate::model::evaluation::Actuals;
use crate::source::FileId;

/// What lowering the 自评 blocks of a file found: the actuals and the
/// diagnostics.
pub(super) type LoweredActuals = (Option<Actuals>, Vec<Diagnostic>);

/// The diagnostics of the year-end blocks of every root, keeping the
/// actuals of `keep_actuals` if it is a root (whose 自评 blocks are lowered
/// for their diagnostics anyway), so that an evaluation does not read them
/// twice.
pub(super) fn diagnostics(
    loaded: &Loaded,
    keep_actuals: Option<FileId>,
) -> (Vec<Diagnostic>, Option<LoweredActuals>) {
    let mut kept = None;
    let out = diagnostics_with(loaded, |f| {
        let (actuals, d) = lower::lower_actuals(loaded, f);
        if keep_actuals == Some(f) && kept.is_none() {
            kept = Some((actuals, d.clone()));
        }
        d
    });
    (out, kept)
}

/// [`diagnostics`], with the diagnostics of each root's 自评 blocks given by
/// `actuals` (a streamed evaluation has its own for the file it evaluates).
pub(super) fn diagnostics_with(
    loaded: &Loaded,
    mut actuals: impl FnMut(FileId) -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    use crate::syntax::ast::Item;
    let mut out = Vec::new();
    for &f in &loaded.roots {
        let Some(tree) = loaded.tree(f) else { continue };
        if tree.items.iter().any(|i| matches!(i, Item::Actuals(_))) {
            out.extend(actuals(f));
        }
        if tree.items.iter().any(|i| matches!(i, Item::RuleSet(_))) {
            out.extend(lower::lower_rules(loaded, f).1);
        }
    }
    out
}
