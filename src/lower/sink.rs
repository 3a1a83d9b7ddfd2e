//! Where lowering hands each project as soon as it is lowered: a [`Sink`].
//!
//! Lowering walks the files and lowers the projects of a department in
//! parallel batches; it knows nothing of what becomes of a project. The
//! sink says: [`Keep`] keeps it in its department (the model, [`super::lower`]);
//! the pipeline's sinks (`crate::pipeline`) check it, tally it, score it and
//! drop it in the worker that lowered it (bounded memory, issue 8).

use crate::diagnostic::Diagnostic;
use crate::model::{Department, Project};
use crate::source::Span;
use crate::syntax::ast;

/// What a sink kept of a project from an earlier run over the same text
/// (an editor's re-check after an edit elsewhere): what it made of the
/// project, and what parsing and lowering it said, as if it had just been
/// parsed and lowered. See [`Sink::reuse`].
pub(crate) struct Reused<D> {
    pub(crate) done: D,
    /// What parsing its deferred body found.
    pub(crate) syntax: Vec<Diagnostic>,
    /// What lowering it found.
    pub(crate) lowering: Vec<Diagnostic>,
}

/// What becomes of each project lowered. Typed: the state of a worker and
/// what it makes of a project are the sink's own types, checked by the
/// compiler (no `dyn Any`, no downcast that could drop a project).
pub(crate) trait Sink: Sync {
    /// The state one worker thread keeps across the projects it is given.
    type Worker;
    /// What a worker makes of one project, on its way to [`Sink::take`].
    type Done: Send;
    /// What the lowering thread gathers, project by project, in order.
    type Gathered;

    /// A new worker's state.
    fn worker(&self) -> Self::Worker;
    /// On the lowering thread: department `index` was declared, before any
    /// of its projects is lowered.
    fn department(&self, gathered: &mut Self::Gathered, index: usize, dept: &Department);
    /// Room for `projects` more projects in `dept` (those about to be
    /// lowered into it).
    fn expect(&self, dept: &mut Department, projects: usize);
    /// In a worker, right after the project is lowered: `dept` is its
    /// department's index, `year` its 年度; `project.repeated` is set.
    fn project(
        &self,
        worker: &mut Self::Worker,
        dept: usize,
        year: Option<i32>,
        project: Project,
    ) -> Self::Done;
    /// In a worker, before project `project` (of department `dept`, its
    /// 年度 `year`, `repeated` as [`Project::repeated`]) is parsed and
    /// lowered: what the sink already made of the same text in an earlier
    /// run, so that it is neither parsed nor lowered again. It must be what
    /// parsing, lowering and [`Sink::project`] would give, spans included.
    /// The default keeps nothing: every project is lowered.
    fn reuse(
        &self,
        _worker: &mut Self::Worker,
        _dept: usize,
        _year: Option<i32>,
        _repeated: bool,
        _project: &ast::Project,
    ) -> Option<Reused<Self::Done>> {
        None
    }
    /// In a worker, after a project was parsed and lowered afresh and made
    /// into `done`: what parsing (`syntax`) and lowering it said, for a
    /// sink that keeps them for [`Sink::reuse`]. The default does nothing.
    fn lowered(&self, _done: &mut Self::Done, _syntax: &[Diagnostic], _lowering: &[Diagnostic]) {}
    /// The project's name and where it is written (for JX-M005).
    fn name(done: &Self::Done) -> (&str, Span);
    /// On the lowering thread, in project order: what [`Sink::project`]
    /// made of a project of department `index`, after lowering's own
    /// diagnostics of it. The workers lower the next projects meanwhile.
    fn take(
        &self,
        gathered: &mut Self::Gathered,
        index: usize,
        dept: &mut Department,
        done: Self::Done,
        diagnostics: &mut Vec<Diagnostic>,
    );
}

/// Keep every project in its department: the whole model.
pub(crate) struct Keep;

impl Sink for Keep {
    type Worker = ();
    type Done = Project;
    type Gathered = ();

    fn worker(&self) {}
    fn department(&self, (): &mut (), _: usize, _: &Department) {}
    fn expect(&self, dept: &mut Department, projects: usize) {
        dept.projects.reserve(projects);
    }
    fn project(&self, (): &mut (), _: usize, _: Option<i32>, project: Project) -> Project {
        project
    }
    fn name(done: &Project) -> (&str, Span) {
        (&done.name, done.name_span)
    }
    fn take(
        &self,
        (): &mut (),
        _: usize,
        dept: &mut Department,
        done: Project,
        _: &mut Vec<Diagnostic>,
    ) {
        dept.projects.push(done);
    }
}
