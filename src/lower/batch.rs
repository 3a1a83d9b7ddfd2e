//! Lowering the projects of a department in parallel batches, each handed
//! to the sink in the worker that lowered it and taken back in the order
//! written, with its name checked against the department's (JX-M005).

use super::{project, Lowerer, Sink, To};
use crate::diagnostic::{codes, Diagnostic};
use crate::load::Loaded;
use crate::model::Project;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::hash_map::Entry;

/// Below this many consecutive projects, lowering stays on the calling thread.
const PARALLEL_MIN_PROJECTS: usize = 64;

/// One project lowered on its own, in any thread.
struct Lowered {
    project: Option<Project>,
    /// What parsing its deferred body found.
    syntax: Vec<Diagnostic>,
    /// What lowering it found.
    diagnostics: Vec<Diagnostic>,
}

/// One project of a chunk: what the sink made of it (`None`: its block
/// could not be read), and what lowering it found.
type LoweredItem<D> = (Option<D>, Lowered);

/// A chunk of projects and what became of each.
type LoweredChunk<'p, D> = (&'p [&'p ast::Project], Vec<LoweredItem<D>>);

/// Lower one project, parsing its body first when the tree deferred it; the
/// body's tree is dropped on return.
fn lower_alone(loaded: &Loaded, p: &ast::Project) -> Lowered {
    let mut scratch = Lowerer::new(loaded);
    let (project, syntax) = match p.deferred {
        Some(block) => {
            let text = loaded
                .sources
                .get(block.file)
                .map_or("", |f| f.text.as_str());
            let (body, syntax) = crate::syntax::parse_body(block.file, text, p);
            let project = project::lower_project(&mut scratch, p, body.as_deref());
            (project, syntax)
        }
        None => (
            project::lower_project(&mut scratch, p, p.body.as_deref()),
            Vec::new(),
        ),
    };
    Lowered {
        project,
        syntax,
        diagnostics: scratch.diagnostics,
    }
}

impl Lowerer<'_> {
    /// Lower projects into a department, in parallel when there are many,
    /// each handed to the sink in the worker that lowered it; what the sink
    /// made of them is taken in the order written. A chunk at a time, so
    /// that what is lowered but not yet taken stays small.
    pub(super) fn add_projects<S: Sink>(
        &mut self,
        to: &mut To<'_, S>,
        dept: usize,
        projects: &[&ast::Project],
    ) {
        const CHUNK: usize = 1024;
        let sink = to.sink;
        let year = match self.workspace.departments.get_mut(dept) {
            Some(d) => {
                sink.expect(d, projects.len());
                d.year
            }
            None => None,
        };
        let loaded = self.loaded;
        let repeated: Vec<bool> = projects
            .iter()
            .map(|p| {
                !self
                    .declared
                    .insert((dept, crate::model::name_key(&p.name.node)))
            })
            .collect();
        let lower = |worker: &mut S::Worker, (p, again): (&&ast::Project, &bool)| {
            if let Some(kept) = sink.reuse(worker, dept, year, *again, p) {
                let l = Lowered {
                    project: None,
                    syntax: kept.syntax,
                    diagnostics: kept.lowering,
                };
                return (Some(kept.done), l);
            }
            let mut l = lower_alone(loaded, p);
            let done = l.project.take().map(|mut project| {
                project.repeated = *again;
                let mut done = sink.project(worker, dept, year, project);
                sink.lowered(&mut done, &l.syntax, &l.diagnostics);
                done
            });
            (done, l)
        };
        let init = || sink.worker();
        let chunk_of = |chunk: &[&ast::Project], again: &[bool]| -> Vec<LoweredItem<S::Done>> {
            let sequential = || {
                let mut worker = init();
                chunk
                    .iter()
                    .zip(again)
                    .map(|p| lower(&mut worker, p))
                    .collect()
            };
            if chunk.len() < PARALLEL_MIN_PROJECTS {
                sequential()
            } else {
                use rayon::prelude::*;
                crate::parallel::run(
                    || {
                        chunk
                            .par_iter()
                            .zip(again.par_iter())
                            .map_init(init, lower)
                            .collect()
                    },
                    sequential,
                )
            }
        };
        // Each chunk is merged on this thread while the pool lowers the next:
        // merging (writing a streamed report, counting, keeping diagnostics)
        // left the workers waiting (performance, issue 7).
        let mut pending: Option<LoweredChunk<'_, S::Done>> = None;
        for (chunk, again) in projects.chunks(CHUNK).zip(repeated.chunks(CHUNK)) {
            let lowered = match pending.take() {
                None => chunk_of(chunk, again),
                Some((done, lowered)) => {
                    let (next, ()) = crate::parallel::beside(
                        || chunk_of(chunk, again),
                        || self.merge(to, dept, done, lowered),
                    );
                    next
                }
            };
            pending = Some((chunk, lowered));
        }
        if let Some((done, lowered)) = pending {
            self.merge(to, dept, done, lowered);
        }
    }

    /// Take a chunk of lowered projects into their department, in order.
    fn merge<S: Sink>(
        &mut self,
        to: &mut To<'_, S>,
        dept: usize,
        chunk: &[&ast::Project],
        lowered: Vec<LoweredItem<S::Done>>,
    ) {
        for (p, (done, mut l)) in chunk.iter().zip(lowered) {
            if p.deferred.is_some() && self.bodies_read.insert((p.span.file, p.span.start)) {
                self.diagnostics.append(&mut l.syntax);
            }
            self.diagnostics.append(&mut l.diagnostics);
            self.add_lowered(to, dept, done);
        }
    }

    /// Add a lowered project (`None`: its block could not be read): its
    /// name is checked against the department's, then the sink takes it.
    fn add_lowered<S: Sink>(&mut self, to: &mut To<'_, S>, dept: usize, done: Option<S::Done>) {
        let Some(done) = done else {
            if let Some(d) = self.workspace.departments.get_mut(dept) {
                d.incomplete = true;
            }
            return;
        };
        let Some(d) = self.workspace.departments.get_mut(dept) else {
            return;
        };
        let (name, name_span) = S::name(&done);
        // One rule for names (GRAMMAR.md): `培训(一)` and `培训（一）` are one
        // name, so one 自评 block can never be taken by two projects.
        let key = crate::model::name_key(name);
        let written = (key != name).then(|| Box::<str>::from(name));
        let first = match self.project_names.entry((dept, key)) {
            Entry::Occupied(e) => {
                let (span, written) = e.get();
                Some((
                    *span,
                    written.as_deref().unwrap_or(e.key().1.as_str()).to_string(),
                ))
            }
            Entry::Vacant(e) => {
                e.insert((name_span, written));
                None
            }
        };
        if let Some((first_span, first_name)) = first {
            self.diagnostics
                .push(duplicate_project(name, name_span, &first_name, first_span));
        }
        to.sink
            .take(to.gathered, dept, d, done, &mut self.diagnostics);
    }
}

/// JX-M005: a project name used twice in one department. Names written
/// differently but one after folding (全角/半角, spaces) are named both, so
/// that the look-alike is seen.
fn duplicate_project(name: &str, span: Span, first: &str, first_span: Span) -> Diagnostic {
    let message = if first == name {
        format!("项目“{name}”在同一部门中出现了两次")
    } else {
        format!(
            "项目“{name}”与“{first}”只差全角半角或空格，是同一个项目名称，在同一部门中出现了两次"
        )
    };
    Diagnostic::new(&codes::DUPLICATE_PROJECT, message)
        .label(span, "第二次出现")
        .label(first_span, "第一次出现")
        .help("项目名称在部门内必须唯一（比较名称时全角半角、空格不计）；若确是两个项目，请改用能区分的名称")
}
