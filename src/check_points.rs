//! `check` and the rule set (issue 15): the 分值 a declaration writes are
//! checked against the rule set `eval` would score it under — the one rule
//! file among the inputs, else the built-in central-2020 — so that `check`
//! passes nothing that `eval` refuses for its points (JX-V014).
//!
//! Each project is looked at in the worker that lowered it (the projects are
//! not kept, as in every `check`), and only when it writes a 分值.

use crate::check::Tally;
use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::lower::{self, Visit, Visited};
use crate::model::rules::RuleSet;
use crate::model::{Department, Project, Workspace};
use crate::source::FileId;
use std::any::Any;
use std::sync::Mutex;

/// Lower and check like [`lower::lower_checked`], and check each project's
/// 分值 against the rule set eval would use.
pub(crate) fn lower_checked(loaded: &Loaded) -> (Workspace, Vec<Tally>, Vec<Diagnostic>) {
    let Some((rules, own_file)) = rule_set(loaded) else {
        return lower::lower_checked(loaded);
    };
    let mut points = Points {
        rules: &rules,
        foreign: own_file.is_none(),
        found: Mutex::new(Vec::new()),
    };
    let (workspace, tallies, mut diagnostics) = lower::lower_visiting(loaded, &mut points);
    diagnostics.extend(points.found.into_inner().unwrap_or_else(|e| e.into_inner()));
    (workspace, tallies, diagnostics)
}

/// [`lower_checked`]'s findings for a workspace lowered whole (`check` with
/// a 自评 file, which keeps the model).
pub(crate) fn of_workspace(loaded: &Loaded, workspace: &Workspace) -> Vec<Diagnostic> {
    let Some((rules, own_file)) = rule_set(loaded) else {
        return Vec::new();
    };
    let points = Points {
        rules: &rules,
        foreign: own_file.is_none(),
        found: Mutex::new(Vec::new()),
    };
    workspace
        .projects()
        .filter(|p| !p.repeated)
        .flat_map(|p| points.of(p))
        .collect()
}

/// The rule set eval would use with the same inputs, and its file when it
/// is one of them. Several rule files: none (eval refuses them, JX-V023).
fn rule_set(loaded: &Loaded) -> Option<(RuleSet, Option<FileId>)> {
    let files = crate::roots_holding(loaded, |i| {
        matches!(i, crate::syntax::ast::Item::RuleSet(_))
    });
    match files.as_slice() {
        [one] => lower::lower_rules(loaded, *one).0.map(|r| (r, Some(*one))),
        [] => crate::default_rules().map(|r| (r, None)),
        _ => None,
    }
}

struct Points<'a> {
    rules: &'a RuleSet,
    /// The rule set is not among the loaded files: its spans point nowhere
    /// here, so labels on it are left out (the message names it).
    foreign: bool,
    found: Mutex<Vec<Diagnostic>>,
}

impl Points<'_> {
    fn of(&self, project: &Project) -> Vec<Diagnostic> {
        let mut found = crate::engine::points_mismatches(project, self.rules);
        if self.foreign {
            let place = |s: crate::source::Span| (s.file, s.start, s.end);
            let on_rules = |s| self.rules.groups.iter().any(|g| place(g.span) == place(s));
            for d in &mut found {
                d.labels.retain(|l| !on_rules(l.span));
            }
        }
        found
    }
}

impl Visit for Points<'_> {
    fn department(&mut self, _: usize, _: &Department) {}

    fn worker(&self) -> Box<dyn Any + Send> {
        Box::new(())
    }

    fn project(&self, _: &mut (dyn Any + Send), _: usize, project: &Project) -> Option<Visited> {
        let found = self.of(project);
        (!found.is_empty()).then(|| Box::new(found) as Visited)
    }

    fn visited(&self, visited: Visited) {
        if let Ok(found) = visited.downcast::<Vec<Diagnostic>>() {
            let mut all = self.found.lock().unwrap_or_else(|e| e.into_inner());
            all.extend(*found);
        }
    }
}
