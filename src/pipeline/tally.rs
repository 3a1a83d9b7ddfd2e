//! The keep-nothing sink of `jixiao check`: each project is checked in the
//! worker that lowered it, counted in its department's [`Tally`] and
//! dropped there (freeing a project's many small allocations on the
//! lowering thread kept the workers waiting), so the model of all projects
//! never exists at once (bounded memory, issue 8).

use super::points::Points;
use crate::check::{ProjectTally, Tally};
use crate::diagnostic::Diagnostic;
use crate::lower::Sink;
use crate::model::{Department, Project};
use crate::source::Span;

/// Check, count and drop each project; with `points`, check its 分值
/// against the rule set eval would use too.
pub(super) struct Checking<'r> {
    pub(super) points: Option<Points<'r>>,
}

/// One project checked and counted, its model dropped.
#[derive(Clone)]
pub(super) struct Counted {
    pub(super) name: String,
    pub(super) name_span: Span,
    pub(super) tally: ProjectTally,
    /// What checking it found (through its `允许`).
    pub(super) findings: Vec<Diagnostic>,
    /// What checking its 分值 found.
    pub(super) points: Vec<Diagnostic>,
}

/// What checking gathers: each department's tally (by index) and the 分值
/// findings (reported after the rest, as a whole check adds them).
#[derive(Default)]
pub(super) struct Tallies {
    pub(super) tallies: Vec<Tally>,
    pub(super) points: Vec<Diagnostic>,
}

impl Tallies {
    /// One tally per department of `departments`.
    pub(super) fn for_departments(&mut self, departments: &[Department]) {
        self.tallies.resize(departments.len(), Tally::default());
    }
}

impl Sink for Checking<'_> {
    type Worker = ();
    type Done = Counted;
    type Gathered = Tallies;

    fn worker(&self) {}

    fn department(&self, _: &mut Tallies, _: usize, _: &Department) {}

    fn expect(&self, _: &mut Department, _: usize) {}

    fn project(&self, (): &mut (), _: usize, year: Option<i32>, project: Project) -> Counted {
        let findings = crate::check::project(year, &project);
        let points = match &self.points {
            Some(points) if !project.repeated => points.of(&project),
            Some(_) | None => Vec::new(),
        };
        Counted {
            tally: ProjectTally::of(&project),
            name: project.name,
            name_span: project.name_span,
            findings,
            points,
        }
    }

    fn name(done: &Counted) -> (&str, Span) {
        (&done.name, done.name_span)
    }

    fn take(
        &self,
        gathered: &mut Tallies,
        index: usize,
        _: &mut Department,
        mut done: Counted,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let tallies = &mut gathered.tallies;
        if tallies.len() <= index {
            tallies.resize(index + 1, Tally::default());
        }
        if let Some(t) = tallies.get_mut(index) {
            t.add_counted(&done.tally);
        }
        diagnostics.append(&mut done.findings);
        gathered.points.append(&mut done.points);
    }
}

/// Check each project in the worker that lowered it, and keep it: the model
/// with its findings (`check_paths`, `check_text`, a whole evaluation). The
/// departments' own checks need the model whole, after lowering.
pub(super) struct CheckingKept;

impl Sink for CheckingKept {
    type Worker = ();
    /// The project and what checking it found.
    type Done = (Project, Vec<Diagnostic>);
    type Gathered = ();

    fn worker(&self) {}

    fn department(&self, (): &mut (), _: usize, _: &Department) {}

    fn expect(&self, dept: &mut Department, projects: usize) {
        dept.projects.reserve(projects);
    }

    fn project(&self, (): &mut (), _: usize, year: Option<i32>, project: Project) -> Self::Done {
        let findings = crate::check::project(year, &project);
        (project, findings)
    }

    fn name((project, _): &Self::Done) -> (&str, Span) {
        (&project.name, project.name_span)
    }

    fn take(
        &self,
        (): &mut (),
        _: usize,
        dept: &mut Department,
        (project, mut findings): Self::Done,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        dept.projects.push(project);
        diagnostics.append(&mut findings);
    }
}
