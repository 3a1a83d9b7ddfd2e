//! Lowering: syntax tree → typed model. Interprets what was written (units,
//! numbers, dates), assembles departments across included files, and reports
//! what does not make sense as a declaration (unknown or repeated fields).

mod project;
mod sink;

use sink::Keep;
pub(crate) use sink::Sink;

use crate::diagnostic::{codes, Diagnostic};
use crate::load::Loaded;
use crate::model::{Claim, Department, Project, Quantity, Unit, Workspace};
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{self, DeptStmt, Item, NumberLit, QuantityLit};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::hash_map::Entry;

/// A unit as written, in its canonical spelling: full-width `％` `／` and the
/// other product signs mean exactly `%` `/` `·`, and `百分比` means `%`, so
/// `100％` and `100%` lower to the same model (and export, and diff alike).
pub fn unit(text: &str) -> Unit {
    let text = text.trim();
    if text == "百分比" {
        return Unit::parse("%");
    }
    let canonical: String = text
        .chars()
        .map(|c| match c {
            '％' => '%',
            '／' => '/',
            '・' | '•' | '*' => '·',
            other => other,
        })
        .collect();
    Unit::parse(&canonical)
}

fn dept_of(name: &str) -> String {
    format!("部门“{name}”的")
}

/// Below this many consecutive projects, lowering stays on the calling thread.
const PARALLEL_MIN_PROJECTS: usize = 64;

/// Lower every root file of a load into one workspace.
/// Project bodies a skeleton tree left unparsed (`LoadOptions::defer_bodies`)
/// are parsed here, each in the worker that lowers it, and dropped once
/// lowered; their syntax diagnostics come out with the lowering's.
pub fn lower(loaded: &Loaded) -> (Workspace, Vec<Diagnostic>) {
    lower_into(loaded, &Keep, &mut ())
}

/// Lower every root file, handing each project to `sink` as soon as it is
/// lowered (in the worker that lowered it) instead of keeping it; what the
/// sink takes goes to `gathered`. The departments come back with what the
/// sink kept of their projects, and the diagnostics of lowering (in the
/// order written, with what the sink added to them).
pub(crate) fn lower_into<S: Sink>(
    loaded: &Loaded,
    sink: &S,
    gathered: &mut S::Gathered,
) -> (Workspace, Vec<Diagnostic>) {
    let mut l = Lowerer::new(loaded);
    let mut to = To { sink, gathered };
    for root in &loaded.roots {
        l.file_items(&mut to, *root, None);
    }
    l.duplicate_departments();
    l.unread_bodies();
    (l.workspace, l.diagnostics)
}

/// A sink and what it gathers, as lowering passes them along.
struct To<'s, S: Sink> {
    sink: &'s S,
    gathered: &'s mut S::Gathered,
}

/// Where a project name was first written in its department, and how when
/// that differs from its `name_key`.
type FirstName = (Span, Option<Box<str>>);

struct Lowerer<'a> {
    loaded: &'a Loaded,
    diagnostics: Vec<Diagnostic>,
    workspace: Workspace,
    /// Files being lowered, to stop at include cycles.
    stack: Vec<FileId>,
    /// Each department's project names by [`name_key`](crate::model::name_key):
    /// where the first was written, and how when that differs from its key
    /// (a linear search here made lowering quadratic in the project count).
    project_names: FxHashMap<(usize, String), FirstName>,
    /// The same keys, taken as projects are handed to the workers (before
    /// any is lowered): a later project of a key is `repeated`.
    declared: FxHashSet<(usize, String)>,
    /// Deferred bodies whose syntax diagnostics are out, by (file, start of
    /// the project): a file included twice is lowered twice but its syntax
    /// reported once, as a whole tree reports it.
    bodies_read: FxHashSet<(FileId, u32)>,
}

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

impl<'a> Lowerer<'a> {
    fn new(loaded: &'a Loaded) -> Self {
        Lowerer {
            loaded,
            diagnostics: Vec::new(),
            workspace: Workspace::default(),
            stack: Vec::new(),
            project_names: FxHashMap::default(),
            declared: FxHashSet::default(),
            bodies_read: FxHashSet::default(),
        }
    }
}

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

/// Every project of a tree, in file order.
fn tree_projects(tree: &ast::SyntaxFile) -> impl Iterator<Item = &ast::Project> {
    tree.items.iter().flat_map(|item| {
        let (top, in_dept): (Option<&ast::Project>, &[DeptStmt]) = match item {
            Item::Project(p) => (Some(p), &[]),
            Item::Department(d) => (None, d.stmts.as_slice()),
            Item::Include(_) | Item::Actuals(_) | Item::RuleSet(_) => (None, &[]),
        };
        top.into_iter()
            .chain(in_dept.iter().filter_map(|s| match s {
                DeptStmt::Project(p) => Some(p),
                DeptStmt::Year(_) | DeptStmt::Claim(_) | DeptStmt::Include(_) => None,
            }))
    })
}

impl Lowerer<'_> {
    /// Lower a file's items. `dept` is the index of the department the file is
    /// included into, if any.
    fn file_items<S: Sink>(&mut self, to: &mut To<'_, S>, file: FileId, dept: Option<usize>) {
        if self.stack.contains(&file) {
            return; // the loader reported the cycle
        }
        let Some(tree) = self.loaded.tree(file) else {
            return;
        };
        self.stack.push(file);
        let mut loose: Option<usize> = None;
        // Consecutive projects are lowered together (in parallel when many).
        let mut run: Vec<&ast::Project> = Vec::new();
        let mut run_target = 0;
        for item in &tree.items {
            if !matches!(item, Item::Project(_)) {
                self.add_projects(to, run_target, &std::mem::take(&mut run));
            }
            match item {
                Item::Department(d) => {
                    if let Some(i) = dept {
                        let parent = self
                            .workspace
                            .departments
                            .get(i)
                            .and_then(|d| d.name.clone())
                            .unwrap_or_default();
                        self.diagnostics.push(
                            Diagnostic::new(
                                &codes::INCLUDE_MISPLACED,
                                format!("部门“{parent}”中引用的文件又声明了部门“{}”", d.name.node),
                            )
                            .label(d.name.span, "这里声明了部门")
                            .help("在部门块里引用的文件只能包含项目；部门应在顶层声明"),
                        );
                        continue;
                    }
                    self.department(to, d);
                }
                Item::Project(p) => {
                    let target = match dept {
                        Some(i) => i,
                        None => *loose.get_or_insert_with(|| {
                            self.workspace.departments.push(Department {
                                span: p.span,
                                ..Department::default()
                            });
                            self.workspace.departments.len() - 1
                        }),
                    };
                    run_target = target;
                    run.push(p);
                }
                Item::Include(inc) => self.include(to, inc.span, dept),
                // Year-end actuals and rule sets are lowered by `lower::actuals`
                // and `lower::rules` when an evaluation asks for them.
                Item::Actuals(_) | Item::RuleSet(_) => {}
            }
        }
        self.add_projects(to, run_target, &run);
        self.stack.pop();
    }

    /// The items of an included file, into `dept`. An include that could
    /// not be read (missing, outside the root, a cycle; reported by `load`)
    /// leaves the department incomplete: its header claim is not checked
    /// against a partial count and sum, which would only repeat the cause.
    fn include<S: Sink>(&mut self, to: &mut To<'_, S>, at: Span, dept: Option<usize>) {
        match self.loaded.included(at) {
            Some(f) => self.file_items(to, f, dept),
            None => {
                if let Some(d) = dept.and_then(|i| self.workspace.departments.get_mut(i)) {
                    d.incomplete = true;
                }
            }
        }
    }

    fn department<S: Sink>(&mut self, to: &mut To<'_, S>, d: &ast::Department) {
        let mut dept = Department {
            name: Some(d.name.node.clone()),
            name_span: d.name.span,
            span: d.span,
            ..Department::default()
        };
        let mut year_span: Option<Span> = None;
        let mut claim_span: Option<Span> = None;
        for stmt in &d.stmts {
            match stmt {
                DeptStmt::Year(y) => {
                    if let Some(first) = year_span {
                        self.duplicate(&dept_of(&d.name.node), "年度", first, y.span);
                    }
                    year_span = Some(y.span);
                    dept.year = self.year(y);
                }
                DeptStmt::Claim(c) => {
                    if let Some(first) = claim_span {
                        self.duplicate(&dept_of(&d.name.node), "申报", first, c.span);
                    }
                    claim_span = Some(c.span);
                    let count = self.number(&c.count).unwrap_or_default();
                    let funds = self.quantity(&c.funds);
                    dept.claim = Some(Claim {
                        project_count: count,
                        funds,
                        span: c.span,
                        count_span: c.count.span,
                        funds_span: c.funds.span,
                    });
                }
                DeptStmt::Project(_) | DeptStmt::Include(_) => {}
            }
        }
        self.workspace.departments.push(dept);
        let index = self.workspace.departments.len() - 1;
        if let Some(d) = self.workspace.departments.last() {
            to.sink.department(to.gathered, index, d);
        }
        let mut run: Vec<&ast::Project> = Vec::new();
        for stmt in &d.stmts {
            match stmt {
                DeptStmt::Project(p) => run.push(p),
                DeptStmt::Include(inc) => {
                    self.add_projects(to, index, &std::mem::take(&mut run));
                    self.include(to, inc.span, Some(index));
                }
                DeptStmt::Year(_) | DeptStmt::Claim(_) => {}
            }
        }
        self.add_projects(to, index, &run);
    }

    /// Lower projects into a department, in parallel when there are many,
    /// each handed to the sink in the worker that lowered it; what the sink
    /// made of them is taken in the order written. A chunk at a time, so
    /// that what is lowered but not yet taken stays small.
    fn add_projects<S: Sink>(
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
            let mut l = lower_alone(loaded, p);
            let done = l.project.take().map(|mut project| {
                project.repeated = *again;
                sink.project(worker, dept, year, project)
            });
            (done, l)
        };
        let init = || sink.worker();
        let chunk_of = |chunk: &[&ast::Project], again: &[bool]| -> Vec<LoweredItem<S::Done>> {
            if chunk.len() < PARALLEL_MIN_PROJECTS {
                let mut worker = init();
                chunk
                    .iter()
                    .zip(again)
                    .map(|p| lower(&mut worker, p))
                    .collect()
            } else {
                use rayon::prelude::*;
                crate::parallel::install(|| {
                    chunk
                        .par_iter()
                        .zip(again.par_iter())
                        .map_init(init, lower)
                        .collect()
                })
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
                    let next = std::thread::scope(|s| {
                        let next = s.spawn(|| chunk_of(chunk, again));
                        self.merge(to, dept, done, lowered);
                        next.join()
                    });
                    match next {
                        Ok(next) => next,
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
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

    /// The syntax diagnostics of deferred bodies that were never lowered (a
    /// department declared in a file included into another, say): a whole
    /// tree reports every body, lowered or not. The same for the 自评 blocks
    /// of files that are not roots: `lower_actuals` reads those of the roots
    /// (and of the file an evaluation is given).
    fn unread_bodies(&mut self) {
        for (file, tree) in self.loaded.trees() {
            let text = self
                .loaded
                .sources
                .get(file)
                .map_or("", |f| f.text.as_str());
            for p in tree_projects(tree) {
                if p.deferred.is_some() && !self.bodies_read.contains(&(file, p.span.start)) {
                    let (_, syntax) = crate::syntax::parse_body(file, text, p);
                    self.diagnostics.extend(syntax);
                }
            }
            if self.loaded.roots.contains(&file) {
                continue;
            }
            for item in &tree.items {
                let Item::Actuals(a) = item else { continue };
                for p in a.projects.iter().filter(|p| p.deferred.is_some()) {
                    let (_, syntax) = crate::syntax::parse_actuals_body(file, text, p);
                    self.diagnostics.extend(syntax);
                }
            }
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

    fn duplicate_departments(&mut self) {
        let mut seen: FxHashMap<(String, Option<i32>), Span> = FxHashMap::default();
        for d in &self.workspace.departments {
            let Some(name) = &d.name else { continue };
            let key = (crate::model::name_key(name), d.year);
            if let Some(first) = seen.get(&key) {
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_DEPARTMENT,
                        format!("部门“{name}”的同一年度申报出现了两次"),
                    )
                    .label(d.name_span, "第二次声明")
                    .label(*first, "第一次声明")
                    .help("一个部门一个年度只声明一次；把项目拆到多个文件时，请在部门块中用“引用”"),
                );
            } else {
                seen.insert(key, d.name_span);
            }
        }
    }

    // ───────────── values ─────────────

    /// `where_` says whose field it is (`项目“X”的`, `资金块里`), may be empty.
    fn duplicate(&mut self, where_: &str, what: &str, first: Span, again: Span) {
        self.diagnostics.push(
            Diagnostic::new(&codes::DUPLICATE_FIELD, format!("{where_}“{what}”写了两次"))
                .label(again, "第二次")
                .label(first, "第一次")
                .help("每一项只写一次：请删去其中一行（现在以后写的一次为准）"),
        );
    }

    fn year(&mut self, y: &Node<NumberLit>) -> Option<i32> {
        let v = self.number(y)?;
        let year = (v.fract().is_zero() && v >= 1900.into() && v <= 2200.into())
            .then(|| i32::try_from(v.mantissa()).ok())
            .flatten();
        if year.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    &codes::BAD_YEAR,
                    format!("年度写的是“{}”，不是有效的年份", y.node.text),
                )
                .label(y.span, "这个年度")
                .help("年度写完整的四位年份（1900–2200），如“年度 2025”"),
            );
        }
        year
    }

    fn number(&mut self, n: &Node<NumberLit>) -> Option<rust_decimal::Decimal> {
        let v = n.node.value();
        if v.is_none() {
            self.diagnostics
                .push(crate::syntax::ast::out_of_range(&n.node, n.span));
        }
        v
    }

    fn quantity(&mut self, q: &Node<QuantityLit>) -> Quantity {
        let value = self
            .number(&Node::new(q.node.number.clone(), q.span))
            .unwrap_or_default();
        let unit = q
            .node
            .unit
            .as_ref()
            .map(|u| unit(&u.node))
            .unwrap_or_else(Unit::none);
        Quantity::new(value, unit)
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

// ───────────── year-end evaluation (issue 4) ─────────────

mod actuals;
mod rules;

pub use actuals::lower_actuals;
pub(crate) use actuals::ActualsIndex;
pub use rules::{lower_rule_block, lower_rules};

/// "File X has no 自评/规则 block": the diagnostic for a file given in a role
/// (`--actuals`, `--rules`) it does not hold.
pub(crate) fn missing_block(
    loaded: &Loaded,
    file: FileId,
    code: &crate::diagnostic::Code,
    keyword: &str,
    help: &'static str,
) -> Diagnostic {
    let name = loaded
        .sources
        .get(file)
        .map(|f| f.display.clone())
        .unwrap_or_default();
    Diagnostic::new(code, format!("文件“{name}”中没有“{keyword}”块"))
        .label(Span::new(file, 0, 0), "文件开头")
        .help(help)
}
