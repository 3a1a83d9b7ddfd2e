//! Checking (`jixiao check`, `jixiao export`): load, lower and check, with
//! the model ([`check_paths`]) or keeping nothing ([`check_report`]). Both
//! run the same checks and say the same: every finding of the model, the
//! 分值 against the rule set eval would use, and — when the files hold a
//! declaration and one 自评 file — the 自评 names matched as eval matches
//! them. [`check_text`] checks a declaration on its own: the findings of
//! the model only.

use super::points::{self, Points};
use super::tally::{Checking, CheckingKept, Tallies};
use super::year_end::{self, LoweredActuals};
use super::{deferred, evaluate::default_rules};
use crate::diagnostic::{self, codes, Code, Diagnostic};
use crate::load::{self, LoadOptions, Loaded};
use crate::model::evaluation::Actuals;
use crate::model::Workspace;
use crate::source::{FileId, SourceMap};
use crate::{check, lower};
use std::path::PathBuf;

/// A loaded, lowered and checked set of files.
#[derive(Debug)]
pub struct Checked {
    /// The files as loaded, with skeleton trees: project bodies were parsed
    /// one at a time while lowering and not kept (`LoadOptions::defer_bodies`;
    /// `load::load_paths` without it gives whole trees).
    pub loaded: Loaded,
    /// The model of every file.
    pub workspace: Workspace,
    /// Every diagnostic, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// The files read, for rendering the diagnostics.
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }
}

/// What `jixiao check` reports of a set of files: the diagnostics and how
/// much was read, without the model. Each project is checked as soon as it
/// is lowered and dropped, so a large workspace is checked in memory little
/// more than its text (bounded memory, issue 8); [`check_paths`] keeps the
/// model. The diagnostics are the same, in the same order.
#[derive(Debug)]
pub struct CheckReport {
    /// The files as loaded, with skeleton trees.
    pub loaded: Loaded,
    /// Every diagnostic, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many departments were declared.
    pub departments: usize,
    /// How many projects were read.
    pub projects: usize,
    /// How many indicators those projects have.
    pub indicators: usize,
}

impl CheckReport {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// The files read, for rendering the diagnostics.
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }
}

/// Load, lower and check files and directories, keeping the model. Project
/// bodies are always deferred (`options.defer_bodies` is implied).
pub fn check_paths(paths: &[PathBuf], options: &LoadOptions) -> Checked {
    whole(load::load_paths(paths, &deferred(options)))
}

/// Load, lower and check text held in memory, keeping the model: the text
/// is a declaration on its own, checked without a rule set (its 分值 are
/// not checked against one; [`check_paths`] checks them as `jixiao check`
/// does).
pub fn check_text(name: &str, text: &str) -> Checked {
    let options = deferred(&LoadOptions::default());
    lowered(load::load_text_with(name, text, &options), None).0
}

/// Load, lower and check files and directories, keeping no model. When the
/// files hold a declaration and one 自评 file, the model is kept to match
/// the 自评 names as eval matches them: this mode is not bounded in memory.
pub fn check_report(paths: &[PathBuf], options: &LoadOptions) -> CheckReport {
    report_loaded(load::load_paths(paths, &deferred(options)))
}

/// [`check_report`] of one in-memory text (an editor's unsaved buffer,
/// `jixiao lsp`): the same checks and diagnostics as `jixiao check` on the
/// file, except that `引用` cannot be followed (a diagnostic says so).
pub fn check_report_text(name: &str, text: &str) -> CheckReport {
    report_loaded(load::load_text_with(
        name,
        text,
        &deferred(&LoadOptions::default()),
    ))
}

pub(super) fn report_loaded(loaded: Loaded) -> CheckReport {
    if lone_actuals_beside_declaration(&loaded).is_some() {
        return report_of(whole(loaded));
    }
    let rules = points::rule_set(&loaded);
    let sink = Checking {
        points: rules.as_ref().map(|(r, file)| Points::new(r, *file)),
    };
    let mut gathered = Tallies::default();
    let (workspace, diagnostics) = lower::lower_into(&loaded, &sink, &mut gathered);
    report_tallied(loaded, &workspace, diagnostics, gathered)
}

/// The report of files lowered with [`Checking`] (or a sink that tallies
/// as it does): lowering's diagnostics, the 分值 findings, the departments'
/// checks and the year-end blocks', in file order.
pub(super) fn report_tallied(
    mut loaded: Loaded,
    workspace: &Workspace,
    mut diagnostics: Vec<Diagnostic>,
    mut gathered: Tallies,
) -> CheckReport {
    diagnostics.append(&mut gathered.points);
    gathered.for_departments(&workspace.departments);
    let tallies = gathered.tallies;
    let mut all = std::mem::take(&mut loaded.diagnostics);
    all.append(&mut diagnostics);
    for (dept, tally) in workspace.departments.iter().zip(&tallies) {
        all.extend(check::department(dept, tally));
    }
    all.extend(year_end::diagnostics(&loaded, None).0);
    diagnostic::sort(&mut all);
    CheckReport {
        loaded,
        diagnostics: all,
        departments: workspace.departments.len(),
        projects: tallies.iter().map(|t| t.projects).sum(),
        indicators: tallies.iter().map(|t| t.indicators).sum(),
    }
}

/// The model lowered and checked (each project in the worker that lowered
/// it, as [`check_report`] checks it), and the diagnostics of the year-end
/// blocks, keeping the actuals of `actuals_file` if it is a root (whose 自评
/// blocks are lowered for their diagnostics anyway), so that an evaluation
/// does not read them twice.
pub(super) fn lowered(
    mut loaded: Loaded,
    actuals_file: Option<FileId>,
) -> (Checked, Option<LoweredActuals>) {
    let (workspace, mut diagnostics) = lower::lower_into(&loaded, &CheckingKept, &mut ());
    let mut all = std::mem::take(&mut loaded.diagnostics);
    all.append(&mut diagnostics);
    for dept in &workspace.departments {
        all.extend(check::department(dept, &check::Tally::of(dept)));
    }
    let (year_end, kept) = year_end::diagnostics(&loaded, actuals_file);
    all.extend(year_end);
    diagnostic::sort(&mut all);
    let checked = Checked {
        loaded,
        workspace,
        diagnostics: all,
    };
    (checked, kept)
}

/// Everything check says of loaded files, keeping the model: the model's
/// findings, the 分值 against the rule set, and the 自评 names of a lone
/// 自评 file beside the declaration.
fn whole(loaded: Loaded) -> Checked {
    let actuals_file = lone_actuals_beside_declaration(&loaded);
    let (mut checked, kept) = lowered(loaded, actuals_file);
    let found = points::of_workspace(&checked.loaded, &checked.workspace);
    checked.diagnostics.extend(found);
    if let Some((Some(actuals), _)) = kept {
        let found = misnamed(&checked.workspace, &actuals);
        checked.diagnostics.extend(found);
    }
    diagnostic::sort(&mut checked.diagnostics);
    checked
}

/// The counts of a check that kept the model.
fn report_of(checked: Checked) -> CheckReport {
    let Checked {
        loaded,
        workspace,
        diagnostics,
    } = checked;
    CheckReport {
        departments: workspace.departments.len(),
        projects: workspace.projects().count(),
        indicators: workspace.indicator_count(),
        loaded,
        diagnostics,
    }
}

/// The diagnostics of matching 自评 names with the declaration: what eval
/// says of names (issue 15: `check` passes nothing that `eval` rejects for
/// a misnamed project or indicator).
const NAME_MATCHING: [&Code; 4] = [
    &codes::ACTUALS_DEPARTMENT,
    &codes::UNDECLARED_PROJECT,
    &codes::UNDECLARED_INDICATOR,
    &codes::LOOKALIKE_NAME,
];

/// What a misnamed project or indicator leaves without data: reported by
/// check only beside a name that matched nothing (a value simply not yet
/// written is the year end's business, and eval's).
const LEFT_UNMATCHED: [&Code; 2] = [&codes::MISSING_ACTUAL, &codes::PROJECT_NOT_REPORTED];

/// The name-matching diagnostics of scoring `actuals` with the built-in
/// rule set (names are matched the same under every rule set).
fn misnamed(workspace: &Workspace, actuals: &Actuals) -> Vec<Diagnostic> {
    let Some(rules) = default_rules() else {
        return Vec::new();
    };
    let matched = crate::engine::evaluate(workspace, actuals, &rules);
    let is = |codes: &[&Code], d: &Diagnostic| codes.iter().any(|c| c.code == d.code);
    let misnamed = matched.diagnostics.iter().any(|d| {
        d.code == codes::UNDECLARED_PROJECT.code || d.code == codes::UNDECLARED_INDICATOR.code
    });
    matched
        .diagnostics
        .into_iter()
        .filter(|d| is(&NAME_MATCHING, d) || misnamed && is(&LEFT_UNMATCHED, d))
        .collect()
}

/// The one root holding 自评 blocks, when another root declares (`jixiao
/// check 申报.jx 自评.jx`, or a folder holding both).
fn lone_actuals_beside_declaration(loaded: &Loaded) -> Option<FileId> {
    use crate::syntax::ast::Item;
    let holds = |f: &FileId, actuals: bool| {
        loaded.tree(*f).is_some_and(|t| {
            t.items.iter().any(|i| match i {
                Item::Actuals(_) => actuals,
                Item::Department(_) | Item::Project(_) => !actuals,
                Item::Include(_) | Item::RuleSet(_) => false,
            })
        })
    };
    let found: Vec<FileId> = loaded
        .roots
        .iter()
        .copied()
        .filter(|f| holds(f, true))
        .collect();
    let declares = loaded.roots.iter().any(|f| holds(f, false));
    match found.as_slice() {
        [one] if declares => Some(*one),
        _ => None,
    }
}
