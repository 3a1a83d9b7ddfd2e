//! The sink of a streamed evaluation (`jixiao eval`): every project is
//! checked and counted as `check` does, and those of the evaluated
//! department are scored and rendered in the worker that lowered them; the
//! lowering thread writes their parts in order ([`Written`]).

use super::tally::{Checking, Counted, Tallies};
use crate::diagnostic::Diagnostic;
use crate::engine::{Found, ProjectCount, SummaryTally, Worker};
use crate::lower::{ActualsIndex, Sink};
use crate::model::evaluation::RuleSetInfo;
use crate::model::rules::RuleSet;
use crate::model::{name_key, Department, Project};
use crate::report::stream::{Head, Part, Stream};
use crate::source::Span;
use rustc_hash::FxHashSet;
use std::io::Write;
use std::sync::OnceLock;

/// The sink that checks every project, and scores those of the evaluated
/// department, in the worker that lowered them.
pub(super) struct Scoring<'a> {
    pub(super) index: &'a ActualsIndex<'a>,
    pub(super) rules: &'a RuleSet,
    pub(super) info: RuleSetInfo,
    /// The actuals' department, as a name key.
    pub(super) key: String,
    /// The index of the department evaluated: the first with that name.
    pub(super) claimed: OnceLock<usize>,
    /// Renders each project's part, in the workers.
    pub(super) parts: Stream,
    /// Checks and counts each project, as `check` does.
    pub(super) checking: Checking<'a>,
}

/// The written side of a streamed evaluation: what the lowering thread
/// keeps and writes, project by project, while the workers score the next
/// ones.
pub(super) struct Written<'a> {
    /// Takes the parts in order and writes the head and the end.
    pub(super) stream: Stream,
    pub(super) out: &'a mut (dyn Write + Send),
    /// Writing failed: write no more.
    pub(super) failed: bool,
    /// The departments' tallies (for their own checks).
    pub(super) checked: Tallies,
    pub(super) tally: SummaryTally,
    /// What scoring found, in project order.
    pub(super) scored: Gathered,
    /// What lowering the actuals found, project by project.
    pub(super) actuals: Vec<Diagnostic>,
    /// The name keys of the projects scored.
    pub(super) declared: FxHashSet<String>,
    /// Their names, in order (for suggestions).
    pub(super) names: Vec<String>,
}

/// Diagnostics gathered a project at a time, in segments: a vector of
/// 250,000 grown by doubling was copied whole again and again on the
/// lowering thread while the workers waited.
#[derive(Default)]
pub(super) struct Gathered {
    full: Vec<Vec<Diagnostic>>,
    current: Vec<Diagnostic>,
}

impl Gathered {
    const SEGMENT: usize = 16_384;

    fn append(&mut self, more: &mut Vec<Diagnostic>) {
        if self.current.len() + more.len() > self.current.capacity() {
            let next = Vec::with_capacity(Self::SEGMENT.max(more.len()));
            self.full.push(std::mem::replace(&mut self.current, next));
        }
        self.current.append(more);
    }

    /// Append everything to `out`, with room for `then` more after.
    pub(super) fn into_vec(self, out: &mut Vec<Diagnostic>, then: usize) {
        let n: usize = self.full.iter().map(Vec::len).sum::<usize>() + self.current.len();
        out.reserve_exact(n + then);
        for mut segment in self.full.into_iter().chain([self.current]) {
            out.append(&mut segment);
        }
    }
}

/// One project scored, on its way from the worker to the writer.
pub(super) struct Scored {
    part: Part,
    count: ProjectCount,
    diagnostics: Vec<Diagnostic>,
    actuals: Vec<Diagnostic>,
    key: String,
    name: String,
}

impl Written<'_> {
    pub(super) fn write(&mut self, text: &str) {
        if !self.failed && self.out.write_all(text.as_bytes()).is_err() {
            self.failed = true;
        }
    }
}

impl Scoring<'_> {
    /// Score a project of the evaluated department.
    fn score(&self, worker: &mut Worker, project: &Project) -> Scored {
        let key = name_key(&project.name);
        let lowered = self.index.find(&key).map(|i| self.index.lower(i));
        let found = match &lowered {
            None => Found::Missing,
            Some(l) => l.project.as_ref().map_or(Found::Unreadable, Found::Actuals),
        };
        let mut diagnostics = Vec::new();
        let pe = worker.score(self.rules, project, found, &mut diagnostics);
        Scored {
            part: self.parts.project(&pe),
            count: ProjectCount::of(&pe),
            diagnostics,
            actuals: lowered.map(|l| l.diagnostics).unwrap_or_default(),
            key,
            name: project.name.clone(),
        }
    }
}

impl<'a> Sink for Scoring<'a> {
    type Worker = Worker;
    type Done = (Counted, Option<Scored>);
    type Gathered = Written<'a>;

    fn worker(&self) -> Worker {
        Worker::new(self.rules)
    }

    fn department(&self, sink: &mut Written<'a>, index: usize, dept: &Department) {
        if self.claimed.get().is_some()
            || dept.name.as_deref().map(name_key).as_ref() != Some(&self.key)
            || self.claimed.set(index).is_err()
        {
            return;
        }
        let head = Head {
            rules: &self.info,
            department: dept.name.as_deref(),
            year: self.index.head.year,
        };
        let text = sink.stream.begin(&head);
        sink.write(&text);
    }

    fn expect(&self, _: &mut Department, _: usize) {}

    fn project(
        &self,
        worker: &mut Worker,
        dept: usize,
        year: Option<i32>,
        project: Project,
    ) -> Self::Done {
        let scored = (self.claimed.get() == Some(&dept) && !project.repeated)
            .then(|| self.score(worker, &project));
        (self.checking.project(&mut (), dept, year, project), scored)
    }

    fn name((counted, _): &Self::Done) -> (&str, Span) {
        Checking::name(counted)
    }

    fn take(
        &self,
        sink: &mut Written<'a>,
        index: usize,
        dept: &mut Department,
        (counted, scored): Self::Done,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        self.checking
            .take(&mut sink.checked, index, dept, counted, diagnostics);
        let Some(Scored {
            part,
            count,
            mut diagnostics,
            mut actuals,
            key,
            name,
        }) = scored
        else {
            return;
        };
        let text = sink.stream.push(part);
        sink.write(&text);
        sink.tally.add(&count);
        sink.scored.append(&mut diagnostics);
        sink.actuals.append(&mut actuals);
        sink.declared.insert(key);
        sink.names.push(name);
    }
}
