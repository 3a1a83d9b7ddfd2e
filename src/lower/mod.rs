//! Lowering: syntax tree → typed model. Interprets what was written (units,
//! numbers, dates), assembles departments across included files, and reports
//! what does not make sense as a declaration (unknown or repeated fields).
//!
//! `walk` goes through the files, includes and departments; `batch` lowers
//! a department's projects in parallel batches (`project` lowers one) and
//! hands each to a `Sink`; `actuals` and `rules` lower the year-end blocks.

mod batch;
mod project;
mod sink;
mod walk;
mod written;

use sink::Keep;
pub(crate) use sink::{Reused, Sink};

use crate::diagnostic::{codes, Diagnostic};
use crate::load::Loaded;
use crate::model::{Quantity, Unit, Workspace};
use crate::source::{FileId, Node, Span};
use crate::syntax::ast::{NumberLit, QuantityLit};
use rustc_hash::{FxHashMap, FxHashSet};

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

impl Lowerer<'_> {
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
            .map(|u| Unit::from_written(&u.node))
            .unwrap_or_else(Unit::none);
        Quantity::new(value, unit)
    }
}

// ───────────── year-end evaluation (issue 4) ─────────────

mod actuals;
mod budget;
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
