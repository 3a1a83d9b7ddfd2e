//! Findings over the model: mistakes a reviewer at the finance bureau would
//! look for. Checks never print; they return diagnostics.
//!
//! One file per family: `funds` (JX-F), `department` (JX-D),
//! `taxonomy` (JX-T), `targets` and `points` (JX-G), `consistency` and `eval`
//! (JX-C), `allow` (JX-A, the in-file `允许`), `hidden` (JX-M015–M017,
//! hidden characters in names). `policy` applies the
//! command line's `--deny` / `--allow`. The codes live in
//! `diagnostic::codes`; docs/findings.md is the catalogue for users.

mod allow;
mod consistency;
mod department;
mod eval;
mod fixes;
mod funds;
pub mod hidden;
mod points;
pub mod policy;
mod targets;
mod taxonomy;
mod units;
pub mod vocabulary;

use crate::diagnostic::Diagnostic;
use crate::model::{Department, Project, Workspace};

pub use consistency::outcome as check_outcome;
pub(crate) use department::{ProjectTally, Tally};
pub use funds::{split as funds_split, Split as FundsSplit};

/// Run every check over a workspace. Findings of one project pass through
/// that project's `允许` statements before they are returned.
pub fn check(workspace: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for dept in &workspace.departments {
        out.extend(department(dept, &Tally::of(dept)));
        let project_findings = |p: &Project| project(dept.year, p);
        // Projects are independent: many are checked in parallel, and their
        // findings are joined in project order (performance, issue 7).
        if dept.projects.len() >= 64 {
            use rayon::prelude::*;
            let found: Vec<Vec<Diagnostic>> = crate::parallel::run(
                || dept.projects.par_iter().map(project_findings).collect(),
                || dept.projects.iter().map(project_findings).collect(),
            );
            out.extend(found.into_iter().flatten());
        } else {
            out.extend(dept.projects.iter().flat_map(project_findings));
        }
    }
    out
}

/// The findings about one project, through its `允许` statements; `year`
/// is its department's 年度.
pub fn project(year: Option<i32>, project: &Project) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    hidden::check_project(project, &mut found);
    funds::check(project, &mut found);
    taxonomy::check(project, &mut found);
    targets::check(project, &mut found);
    points::check(project, &mut found);
    consistency::check(year, project, &mut found);
    allow::apply(project, &mut found);
    found
}

/// The findings about a department's header claim, against the tally of
/// its projects.
pub fn department(dept: &Department, tally: &Tally) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    hidden::check_department(dept, &mut out);
    department::check(dept, tally, &mut out);
    out
}
