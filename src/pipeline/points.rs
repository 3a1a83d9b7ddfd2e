//! `check` and the rule set (issue 15): the 分值 a declaration writes are
//! checked against the rule set `eval` would score it under — the one rule
//! file among the inputs, else the built-in central-2020 — so that `check`
//! passes nothing that `eval` refuses for its points (JX-V014).
//!
//! Kept-nothing checking looks at each project in the worker that lowered
//! it ([`super::tally::Checking`]); a check that keeps the model looks at
//! them all at the end ([`of_workspace`]).

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::lower;
use crate::model::rules::RuleSet;
use crate::model::{Project, Workspace};
use crate::source::FileId;

/// The rule set eval would use with the same inputs, and its file when it
/// is one of them. Several rule files: none (eval refuses them, JX-V023).
pub(super) fn rule_set(loaded: &Loaded) -> Option<(RuleSet, Option<FileId>)> {
    let files = super::roots_holding(loaded, |i| {
        matches!(i, crate::syntax::ast::Item::RuleSet(_))
    });
    match files.as_slice() {
        [one] => lower::lower_rules(loaded, *one).0.map(|r| (r, Some(*one))),
        [] => super::evaluate::default_rules().map(|r| (r, None)),
        _ => None,
    }
}

/// The 分值 findings of a workspace lowered whole.
pub(super) fn of_workspace(loaded: &Loaded, workspace: &Workspace) -> Vec<Diagnostic> {
    let Some((rules, own_file)) = rule_set(loaded) else {
        return Vec::new();
    };
    let points = Points::new(&rules, own_file);
    workspace
        .projects()
        .filter(|p| !p.repeated)
        .flat_map(|p| points.of(p))
        .collect()
}

/// Checks each project's 分值 against a rule set.
pub(super) struct Points<'a> {
    rules: &'a RuleSet,
    /// The rule set is not among the loaded files: its spans point nowhere
    /// here, so labels on it are left out (the message names it).
    foreign: bool,
}

impl<'a> Points<'a> {
    /// Against `rules`, read from `own_file` (`None`: the built-in set).
    pub(super) fn new(rules: &'a RuleSet, own_file: Option<FileId>) -> Self {
        Points {
            rules,
            foreign: own_file.is_none(),
        }
    }

    /// What is wrong with the 分值 of `project`.
    pub(super) fn of(&self, project: &Project) -> Vec<Diagnostic> {
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
