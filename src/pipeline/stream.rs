//! A streamed evaluation (`jixiao eval`): each declared project is scored in
//! the worker that lowers it, its part of the report written out in project
//! order, and dropped. Neither the model, nor the actuals, nor the
//! evaluation of every project exists at once, so a province's workload is
//! evaluated in memory little more than its text (performance, issue 7).
//!
//! The report and the diagnostics are byte for byte those of
//! [`super::evaluate_paths`] rendered whole; the diagnostics are known only
//! at the end, so they come after the report. Where streaming cannot know
//! what a whole evaluation would do (the actuals name no declared
//! department, the rule file declares projects too) it is a whole evaluation.

use super::evaluate::{self, load_evaluation, load_texts, unreadable_rules, Evaluated};
use super::tally::{Checking, Counted, Tallies};
use super::{dedup, year_end};
use crate::diagnostic::{self, Diagnostic};
use crate::engine::{self, Found, ProjectCount, SummaryTally, Worker};
use crate::load::{LoadOptions, Loaded};
use crate::lower::{self, ActualsIndex, Sink};
use crate::model::evaluation::RuleSetInfo;
use crate::model::rules::RuleSet;
use crate::model::{name_key, Department, Project};
use crate::report::stream::{Head, Part, Stream};
use crate::report::Format;
use crate::source::{FileId, Span};
use rustc_hash::FxHashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a streamed evaluation leaves once its report is written.
#[derive(Debug)]
pub struct Streamed {
    /// The files (for rendering the diagnostics).
    pub loaded: Loaded,
    /// Every diagnostic, as [`super::Evaluated::diagnostics`] has them.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether a report was written: false when the actuals or the rule
    /// set could not be read (nothing was scored).
    pub reported: bool,
}

impl Streamed {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// The files read, for rendering the diagnostics.
    pub fn sources(&self) -> &crate::SourceMap {
        &self.loaded.sources
    }
}

/// Evaluate like [`super::evaluate_paths`] and write the report in
/// `format` to `out` as the projects are scored. Writing stops at the first
/// error of `out` (a closed pipe); the evaluation still finishes.
pub fn evaluate_to(
    declarations: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
    options: &LoadOptions,
    format: Format,
    explain: bool,
    out: &mut (dyn Write + Send),
) -> Streamed {
    match load_evaluation(declarations, actuals, rules, options) {
        Ok(l) => evaluate_loaded(l.loaded, l.actuals, l.rules, format, explain, out),
        Err(loaded) => whole(unreadable_rules(*loaded), format, explain, out),
    }
}

/// [`evaluate_to`] for texts held in memory, as [`super::evaluate_text`]
/// reads them: a declaration, actuals and optionally a rule set.
pub fn evaluate_text_to(
    declaration: &str,
    actuals: &str,
    rules: Option<&str>,
    format: Format,
    explain: bool,
    out: &mut (dyn Write + Send),
) -> Streamed {
    let (loaded, a, r) = load_texts(declaration, actuals, rules);
    evaluate_loaded(loaded, Some(a), r, format, explain, out)
}

/// Evaluate loaded files: `actuals` holds the actuals (if found), `rules`
/// the rule set (`None`: the built-in one).
fn evaluate_loaded(
    mut loaded: Loaded,
    actuals: Option<FileId>,
    rules: Option<FileId>,
    format: Format,
    explain: bool,
    out: &mut (dyn Write + Send),
) -> Streamed {
    let rules_file = rules
        .unwrap_or_else(|| loaded.add_text(evaluate::DEFAULT_RULES_NAME, evaluate::DEFAULT_RULES));
    let Some(actuals_file) = actuals.filter(|_| only_rule_sets(&loaded, rules_file)) else {
        let run = evaluate::whole(loaded, actuals, Some(rules_file));
        return whole(run, format, explain, out);
    };
    match stream(&loaded, actuals_file, rules_file, format, explain, out) {
        Some(diagnostics) => Streamed {
            // They are among `diagnostics` (a whole evaluation takes them too).
            loaded: {
                loaded.diagnostics = Vec::new();
                loaded
            },
            diagnostics,
            reported: true,
        },
        None => {
            let run = evaluate::whole(loaded, Some(actuals_file), Some(rules_file));
            whole(run, format, explain, out)
        }
    }
}

/// Whether the rule file holds rule sets only: then whether it has errors
/// is known before the declarations are lowered.
fn only_rule_sets(loaded: &Loaded, rules_file: FileId) -> bool {
    use crate::syntax::ast::Item;
    loaded
        .tree(rules_file)
        .is_some_and(|t| t.items.iter().all(|i| matches!(i, Item::RuleSet(_))))
}

/// An evaluation made whole, written out.
fn whole(run: Evaluated, format: Format, explain: bool, out: &mut (dyn Write + Send)) -> Streamed {
    let reported = match &run.evaluation {
        Some(ev) => {
            let text = match format {
                Format::Table => crate::report::table(ev, explain),
                Format::Markdown => crate::report::markdown(ev, explain),
                Format::Csv => crate::report::csv::render(ev),
                Format::Json => crate::report::json(ev, &run.diagnostics, run.sources()),
            };
            let _ = out.write_all(text.as_bytes());
            true
        }
        None => false,
    };
    Streamed {
        loaded: run.checked.loaded,
        diagnostics: run.diagnostics,
        reported,
    }
}

/// Score and write out; `None` (nothing written) when the evaluation must
/// be made whole: the actuals or the rule set cannot be read, or no
/// declared department has the actuals' name.
fn stream(
    loaded: &Loaded,
    actuals_file: FileId,
    rules_file: FileId,
    format: Format,
    explain: bool,
    out: &mut (dyn Write + Send),
) -> Option<Vec<Diagnostic>> {
    let (rules, rules_diags) = lower::lower_rules(loaded, rules_file);
    let rules_ok = !rules_diags.iter().any(Diagnostic::is_error)
        && !loaded
            .diagnostics
            .iter()
            .any(|x| x.is_error() && x.primary_span().map(|s| s.file) == Some(rules_file));
    let rules = rules.filter(|_| rules_ok)?;
    let (index, head_diags) = ActualsIndex::build(loaded, actuals_file);
    let index = index?;
    let scoring = Scoring {
        index: &index,
        rules: &rules,
        info: rules.info(),
        key: name_key(&index.head.department),
        claimed: OnceLock::new(),
        parts: Stream::new(format, explain),
        checking: Checking { points: None },
    };
    let mut written = Written {
        stream: Stream::new(format, explain),
        out,
        failed: false,
        checked: Tallies::default(),
        tally: SummaryTally::new(&rules),
        scored: Gathered::default(),
        actuals: Vec::new(),
        declared: FxHashSet::default(),
        names: Vec::new(),
    };
    let (workspace, lowering) = lower::lower_into(loaded, &scoring, &mut written);
    let claimed = *scoring.claimed.get()?;
    let dept = workspace.departments.get(claimed)?;
    written.checked.for_departments(&workspace.departments);
    let tallies = std::mem::take(&mut written.checked.tallies);

    // The diagnostics in the order a whole evaluation makes them (sorting
    // keeps the order of those at one place).
    let mut actuals_diags = head_diags;
    actuals_diags.append(&mut written.actuals);
    let mut undeclared = Vec::new();
    let names: Vec<&str> = written.names.iter().map(String::as_str).collect();
    for (i, key) in index.keys().iter().enumerate() {
        if written.declared.contains(key) {
            continue;
        }
        let mut lowered = index.lower(i);
        actuals_diags.append(&mut lowered.diagnostics);
        if let Some(pa) = &lowered.project {
            undeclared.push(engine::undeclared_project(pa, &names, dept.incomplete));
        }
    }
    let mut evaluation = Vec::new();
    let _ = engine::department(&workspace, &index.head, &mut evaluation);
    std::mem::take(&mut written.scored).into_vec(&mut evaluation, undeclared.len());
    evaluation.append(&mut undeclared);
    diagnostic::sort(&mut evaluation);
    // One vector for all, sized once: 250,000 diagnostics are 24 MB, and a
    // vector grown by doubling holds them twice for a moment.
    let mut all = Vec::with_capacity(
        loaded.diagnostics.len()
            + lowering.len()
            + actuals_diags.len()
            + rules_diags.len()
            + evaluation.len()
            + 1024,
    );
    all.extend(loaded.diagnostics.iter().cloned());
    all.extend(lowering);
    for (d, tally) in workspace.departments.iter().zip(&tallies) {
        all.extend(crate::check::department(d, tally));
    }
    let mut actuals_diags = Some(actuals_diags);
    all.extend(year_end::diagnostics_with(loaded, |f| {
        match (f == actuals_file).then(|| actuals_diags.take()).flatten() {
            Some(d) => d,
            None => lower::lower_actuals(loaded, f).1,
        }
    }));
    diagnostic::sort(&mut all);
    // Actuals that are not a root (given as text) come after, as a whole
    // evaluation reads them after checking.
    all.extend(actuals_diags.into_iter().flatten());
    all.extend(rules_diags);
    all.append(&mut evaluation);
    drop(evaluation);
    dedup(&mut all);
    diagnostic::sort(&mut all);

    let tally = std::mem::replace(&mut written.tally, SummaryTally::new(&rules));
    let summary = tally.finish(&rules);
    let mut stream = std::mem::replace(&mut written.stream, Stream::new(format, explain));
    stream.end_into(&summary, &all, &loaded.sources, &mut |t| written.write(t));
    Some(all)
}

/// The sink that checks every project, and scores those of the evaluated
/// department, in the worker that lowered them.
struct Scoring<'a> {
    index: &'a ActualsIndex<'a>,
    rules: &'a RuleSet,
    info: RuleSetInfo,
    /// The actuals' department, as a name key.
    key: String,
    /// The index of the department evaluated: the first with that name.
    claimed: OnceLock<usize>,
    /// Renders each project's part, in the workers.
    parts: Stream,
    /// Checks and counts each project, as `check` does.
    checking: Checking<'a>,
}

/// The written side of a streamed evaluation: what the lowering thread
/// keeps and writes, project by project, while the workers score the next
/// ones.
struct Written<'a> {
    /// Takes the parts in order and writes the head and the end.
    stream: Stream,
    out: &'a mut (dyn Write + Send),
    /// Writing failed: write no more.
    failed: bool,
    /// The departments' tallies (for their own checks).
    checked: Tallies,
    tally: SummaryTally,
    /// What scoring found, in project order.
    scored: Gathered,
    /// What lowering the actuals found, project by project.
    actuals: Vec<Diagnostic>,
    /// The name keys of the projects scored.
    declared: FxHashSet<String>,
    /// Their names, in order (for suggestions).
    names: Vec<String>,
}

/// Diagnostics gathered a project at a time, in segments: a vector of
/// 250,000 grown by doubling was copied whole again and again on the
/// lowering thread while the workers waited.
#[derive(Default)]
struct Gathered {
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
    fn into_vec(self, out: &mut Vec<Diagnostic>, then: usize) {
        let n: usize = self.full.iter().map(Vec::len).sum::<usize>() + self.current.len();
        out.reserve_exact(n + then);
        for mut segment in self.full.into_iter().chain([self.current]) {
            out.append(&mut segment);
        }
    }
}

/// One project scored, on its way from the worker to the writer.
struct Scored {
    part: Part,
    count: ProjectCount,
    diagnostics: Vec<Diagnostic>,
    actuals: Vec<Diagnostic>,
    key: String,
    name: String,
}

impl Written<'_> {
    fn write(&mut self, text: &str) {
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
