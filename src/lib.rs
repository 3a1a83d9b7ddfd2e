//! jixiao（绩效）: a plain-text language for the performance targets of
//! publicly funded projects, and a rules engine that grades them.
//!
//! The pipeline runs one way: text → [`syntax`] → [`lower`] → [`model`] →
//! [`check`] findings (and later evaluation, formatting, diffs). The core does
//! no I/O beyond the small [`load`] module, so it can be embedded:
//!
//! ```
//! let text = r#"
//! 部门 "示例局" {
//!   年度 2025
//!   项目 "示例项目" {
//!     资金 {
//!       总额 10.04 万元
//!     }
//!     指标 {
//!       产出指标 {
//!         数量指标 {
//!           培训人数 ≥ 140 人
//!         }
//!       }
//!     }
//!   }
//! }
//! "#;
//! let checked = jixiao::check_text("示例.jx", text);
//! assert!(!checked.has_errors());
//! let project = &checked.workspace.departments[0].projects[0];
//! assert_eq!(project.funds.total.as_ref().unwrap().quantity.yuan(), Some(100_400.into()));
//! assert_eq!(project.indicators[0].target.to_string(), "≥ 140 人");
//! ```

// Library code never panics on what a user writes: no unwrap/expect/panic and
// no unchecked indexing outside tests (issue 8). A site that truly cannot fail
// says why in an `#[allow]` with a reason.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod check;
mod check_points;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod files;
pub mod format;
pub mod hidden;
pub mod import;
pub mod load;
pub mod lower;
pub mod model;
pub mod report;
pub mod safe_write;
pub mod source;
pub mod suggest;
pub mod syntax;
pub mod vocab;

// ── performance (issue 7): workload generator for benchmarks ──
#[doc(hidden)]
pub mod gen;
mod parallel;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadOptions, Loaded};
pub use model::Workspace;
pub use source::SourceMap;

/// A loaded, lowered and checked set of files.
#[derive(Debug)]
pub struct Checked {
    /// The files as loaded, with skeleton trees: project bodies were parsed
    /// one at a time while lowering and not kept (`LoadOptions::defer_bodies`;
    /// `load::load_paths` without it gives whole trees).
    pub loaded: Loaded,
    pub workspace: Workspace,
    /// Every diagnostic, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }
}

fn finish(loaded: Loaded) -> Checked {
    finish_keeping(loaded, None).0
}

/// What lowering the 自评 blocks of a file found: the actuals and the
/// diagnostics.
type LoweredActuals = (Option<Actuals>, Vec<Diagnostic>);

/// [`finish`], keeping the actuals of `actuals_file` if it is a root (whose
/// 自评 blocks are lowered for their diagnostics anyway), so that an
/// evaluation does not read them twice.
fn finish_keeping(
    mut loaded: Loaded,
    actuals_file: Option<source::FileId>,
) -> (Checked, Option<LoweredActuals>) {
    let (workspace, mut diagnostics) = lower::lower(&loaded);
    let mut all = std::mem::take(&mut loaded.diagnostics);
    all.append(&mut diagnostics);
    all.extend(check::check(&workspace));
    let (year_end, kept) = year_end_file_diagnostics(&loaded, actuals_file);
    all.extend(year_end);
    diagnostic::sort(&mut all);
    let checked = Checked {
        loaded,
        workspace,
        diagnostics: all,
    };
    (checked, kept)
}

/// Load, lower and check files and directories. Project bodies are always
/// deferred (`options.defer_bodies` is implied): only the model is needed.
pub fn check_paths(paths: &[std::path::PathBuf], options: &LoadOptions) -> Checked {
    finish(load::load_paths(paths, &deferred(options)))
}

/// What `jixiao check` reports of a set of files: the diagnostics and how
/// much was read, without the model. Each project is checked as soon as it
/// is lowered and dropped, so a large workspace is checked in memory little
/// more than its text (bounded memory, issue 8); [`check_paths`] keeps the
/// model. The diagnostics are the same, in the same order.
#[derive(Debug)]
pub struct CheckReport {
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
    pub departments: usize,
    pub projects: usize,
    pub indicators: usize,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }
}

/// Load, lower and check files and directories, keeping no model. When the
/// files hold a declaration and one 自评 file, the 自评 names are matched as
/// eval matches them (see [`check_with_actuals`]).
pub fn check_report(paths: &[std::path::PathBuf], options: &LoadOptions) -> CheckReport {
    let mut loaded = load::load_paths(paths, &deferred(options));
    if let Some(actuals) = lone_actuals_beside_declaration(&loaded) {
        return check_with_actuals(loaded, actuals);
    }
    let (workspace, tallies, mut diagnostics) = check_points::lower_checked(&loaded);
    let mut all = std::mem::take(&mut loaded.diagnostics);
    all.append(&mut diagnostics);
    for (dept, tally) in workspace.departments.iter().zip(&tallies) {
        all.extend(check::department(dept, tally));
    }
    all.extend(year_end_file_diagnostics(&loaded, None).0);
    diagnostic::sort(&mut all);
    CheckReport {
        loaded,
        diagnostics: all,
        departments: workspace.departments.len(),
        projects: tallies.iter().map(|t| t.projects).sum(),
        indicators: tallies.iter().map(|t| t.indicators).sum(),
    }
}

/// The diagnostics of matching 自评 names with the declaration: what eval
/// says of names (issue 15: `check` passes nothing that `eval` rejects for
/// a misnamed project or indicator).
const NAME_MATCHING: [&diagnostic::Code; 4] = [
    &diagnostic::codes::ACTUALS_DEPARTMENT,
    &diagnostic::codes::UNDECLARED_PROJECT,
    &diagnostic::codes::UNDECLARED_INDICATOR,
    &diagnostic::codes::LOOKALIKE_NAME,
];

/// What a misnamed project or indicator leaves without data: reported by
/// check only beside a name that matched nothing (a value simply not yet
/// written is the year end's business, and eval's).
const LEFT_UNMATCHED: [&diagnostic::Code; 2] = [
    &diagnostic::codes::MISSING_ACTUAL,
    &diagnostic::codes::PROJECT_NOT_REPORTED,
];

/// The one root holding 自评 blocks, when another root declares (`jixiao
/// check 申报.jx 自评.jx`, or a folder holding both).
fn lone_actuals_beside_declaration(loaded: &Loaded) -> Option<source::FileId> {
    use syntax::ast::Item;
    let holds = |f: &source::FileId, actuals: bool| {
        loaded.tree(*f).is_some_and(|t| {
            t.items.iter().any(|i| match i {
                Item::Actuals(_) => actuals,
                Item::Department(_) | Item::Project(_) => !actuals,
                Item::Include(_) | Item::RuleSet(_) => false,
            })
        })
    };
    let found: Vec<source::FileId> = loaded
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

/// `jixiao check` of a declaration with its 自评: everything check says, and
/// the name-matching diagnostics of scoring it with the built-in rule set
/// (names are matched the same under every rule set). The model is kept for
/// the matching: this mode is not bounded in memory like plain check.
fn check_with_actuals(loaded: Loaded, actuals_file: source::FileId) -> CheckReport {
    let (checked, kept) = finish_keeping(loaded, Some(actuals_file));
    let Checked {
        loaded,
        workspace,
        mut diagnostics,
    } = checked;
    diagnostics.extend(check_points::of_workspace(&loaded, &workspace));
    if let (Some((Some(actuals), _)), Some(rules)) = (kept, default_rules()) {
        let matched = evaluate(&workspace, &actuals, &rules);
        let is =
            |codes: &[&diagnostic::Code], d: &Diagnostic| codes.iter().any(|c| c.code == d.code);
        let misnamed = matched.diagnostics.iter().any(|d| {
            d.code == diagnostic::codes::UNDECLARED_PROJECT.code
                || d.code == diagnostic::codes::UNDECLARED_INDICATOR.code
        });
        diagnostics.extend(
            matched
                .diagnostics
                .into_iter()
                .filter(|d| is(&NAME_MATCHING, d) || misnamed && is(&LEFT_UNMATCHED, d)),
        );
        diagnostic::sort(&mut diagnostics);
    }
    let projects = workspace.departments.iter().map(|d| d.projects.len()).sum();
    CheckReport {
        departments: workspace.departments.len(),
        projects,
        indicators: workspace
            .departments
            .iter()
            .flat_map(|d| &d.projects)
            .map(|p| p.indicators.len())
            .sum(),
        loaded,
        diagnostics,
    }
}

/// Load, lower and check text held in memory.
pub fn check_text(name: &str, text: &str) -> Checked {
    finish(load::load_text_with(
        name,
        text,
        &deferred(&LoadOptions::default()),
    ))
}

/// Options that leave project bodies to lowering, so that the trees of all
/// bodies never exist at once (bounded memory, issue 8).
fn deferred(options: &LoadOptions) -> LoadOptions {
    LoadOptions {
        defer_bodies: true,
        ..options.clone()
    }
}

// ───────────── year-end evaluation (issue 4) ─────────────

pub use engine::evaluate;
pub use eval_stream::{evaluate_text_to, evaluate_to, Streamed};

mod eval_stream;
pub use model::evaluation::{Actuals, Evaluation};
pub use model::rules::RuleSet;

/// The built-in rule set (central, 财预〔2020〕10号 style), used when no
/// other is given.
pub const DEFAULT_RULES: &str = include_str!("../rules/central-2020.jx");
/// The name the built-in rule set is shown under in messages.
pub const DEFAULT_RULES_NAME: &str = "<内置规则>/central-2020.jx";

/// A declaration checked, actuals and a rule set read, and the evaluation.
#[derive(Debug)]
pub struct Evaluated {
    pub checked: Checked,
    pub actuals: Option<Actuals>,
    pub rules: Option<RuleSet>,
    /// `None` when the actuals or the rule set could not be read.
    pub evaluation: Option<Evaluation>,
    /// Every diagnostic: declaration, actuals, rule set, evaluation.
    pub diagnostics: Vec<Diagnostic>,
}

impl Evaluated {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn sources(&self) -> &SourceMap {
        &self.checked.loaded.sources
    }
}

fn finish_evaluation(
    mut loaded: Loaded,
    actuals_file: Option<source::FileId>,
    rules_file: Option<source::FileId>,
) -> Evaluated {
    let rules_file =
        rules_file.unwrap_or_else(|| loaded.add_text(DEFAULT_RULES_NAME, DEFAULT_RULES));
    let (mut checked, kept) = finish_keeping(loaded, actuals_file);
    let mut diagnostics = std::mem::take(&mut checked.diagnostics);
    let (actuals, d) = match (actuals_file, kept) {
        (Some(_), Some(kept)) => kept,
        (Some(f), None) => lower::lower_actuals(&checked.loaded, f),
        (None, _) => (None, Vec::new()),
    };
    diagnostics.extend(d);
    let (rules, d) = lower::lower_rules(&checked.loaded, rules_file);
    // A rule set with errors would score with holes: refuse to score at all.
    let rules_ok = !d.iter().any(Diagnostic::is_error)
        && !checked
            .loaded
            .diagnostics
            .iter()
            .chain(diagnostics.iter())
            .any(|x| x.is_error() && x.primary_span().map(|s| s.file) == Some(rules_file));
    diagnostics.extend(d);
    let evaluation = match (&actuals, &rules) {
        (Some(a), Some(r)) if rules_ok => {
            let ev = evaluate(&checked.workspace, a, r);
            diagnostics.extend(ev.diagnostics.iter().cloned());
            Some(ev)
        }
        _ => None,
    };
    dedup(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    checked.diagnostics = diagnostics.clone();
    Evaluated {
        checked,
        actuals,
        rules,
        evaluation,
        diagnostics,
    }
}

/// Load declarations, actuals and (optionally) a rule set from files, and
/// evaluate. Without `rules` the built-in central rule set is used.
pub fn evaluate_paths(
    declarations: &[std::path::PathBuf],
    actuals: Option<&std::path::Path>,
    rules: Option<&std::path::Path>,
    options: &LoadOptions,
) -> Evaluated {
    match load_evaluation(declarations, actuals, rules, options) {
        Ok(l) => finish_evaluation(l.loaded, l.actuals, l.rules),
        Err(loaded) => unreadable_rules(*loaded),
    }
}

/// The files of an evaluation, loaded (skeleton trees), and which of them
/// holds the actuals and which the rule set (`None`: the built-in one).
struct LoadedEvaluation {
    loaded: Loaded,
    actuals: Option<source::FileId>,
    rules: Option<source::FileId>,
}

/// Load the files of an evaluation; `Err` when the rule file could not be
/// read (the loader said why).
fn load_evaluation(
    declarations: &[std::path::PathBuf],
    actuals: Option<&std::path::Path>,
    rules: Option<&std::path::Path>,
    options: &LoadOptions,
) -> Result<LoadedEvaluation, Box<Loaded>> {
    let mut paths = declarations.to_vec();
    if let Some(a) = actuals {
        paths.push(a.to_path_buf());
    }
    if let Some(r) = rules {
        paths.push(r.to_path_buf());
    }
    let mut loaded = load::load_paths(&paths, &deferred(options));
    let find = |loaded: &Loaded, p: &std::path::Path| {
        let c = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        loaded.sources.find(&c)
    };
    let actuals_file = match actuals {
        Some(a) => find(&loaded, a),
        None => discover_actuals(&mut loaded),
    };
    let rules_file = match rules.map(|r| find(&loaded, r)) {
        Some(None) => return Err(Box::new(loaded)),
        Some(found) => found,
        None => match discover_rules(&mut loaded) {
            Ok(found) => found,
            Err(Ambiguous) => return Err(Box::new(loaded)),
        },
    };
    Ok(LoadedEvaluation {
        loaded,
        actuals: actuals_file,
        rules: rules_file,
    })
}

/// The rule file could not be read: the declarations checked, no evaluation.
fn unreadable_rules(loaded: Loaded) -> Evaluated {
    let checked = finish(loaded);
    let diagnostics = checked.diagnostics.clone();
    Evaluated {
        checked,
        actuals: None,
        rules: None,
        evaluation: None,
        diagnostics,
    }
}

/// Without `--actuals`: the one root file holding a `自评` block among those
/// loaded (e.g. `jixiao eval examples/songjiang-npc-2025`). None or several
/// is a diagnostic that says to name the file.
fn discover_actuals(loaded: &mut Loaded) -> Option<source::FileId> {
    let found = roots_holding(loaded, |i| matches!(i, syntax::ast::Item::Actuals(_)));
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            loaded.diagnostics.push(
                Diagnostic::new(
                    &diagnostic::codes::NO_ACTUALS,
                    "没有找到自评数据：所给的文件中没有“自评”块",
                )
                .help("用 --actuals 指定写有“自评”块的文件，或把它放在所给的目录中"),
            );
            None
        }
        several => {
            let names: Vec<String> = several
                .iter()
                .filter_map(|f| loaded.sources.get(*f).map(|s| s.display.clone()))
                .collect();
            loaded.diagnostics.push(
                Diagnostic::new(
                    &diagnostic::codes::NO_ACTUALS,
                    format!("找到多个自评文件：{}，不知道用哪一个", names.join("、")),
                )
                .help("用 --actuals 指定其中一个"),
            );
            None
        }
    }
}

/// Without `--rules`: the one root file holding a `规则` block among those
/// loaded (a rule file kept in the folder given to `eval`), said in a notice
/// so that the user sees which rule set scored; none is the built-in one;
/// several is an error, since guessing would score under the wrong rules.
fn discover_rules(loaded: &mut Loaded) -> Result<Option<source::FileId>, Ambiguous> {
    let found = roots_holding(loaded, |i| matches!(i, syntax::ast::Item::RuleSet(_)));
    let display = |f: &source::FileId| loaded.sources.get(*f).map(|s| s.display.clone());
    match found.as_slice() {
        [] => Ok(None),
        [one] => {
            let name = display(one).unwrap_or_default();
            loaded.diagnostics.push(
                Diagnostic::new(
                    &diagnostic::codes::RULES_FROM_FOLDER,
                    format!("按所给文件中的规则集 {name} 评分，而不是内置的 central-2020"),
                )
                .help("要用内置规则集，把这个文件移出所给的目录；要用别的规则集，写 --rules 文件"),
            );
            Ok(Some(*one))
        }
        several => {
            let names: Vec<String> = several.iter().filter_map(display).collect();
            loaded.diagnostics.push(
                Diagnostic::new(
                    &diagnostic::codes::MANY_RULE_FILES,
                    format!("找到多个规则集文件：{}，不知道用哪一个", names.join("、")),
                )
                .help("用 --rules 指定其中一个"),
            );
            Err(Ambiguous)
        }
    }
}

/// The built-in rule set (central-2020), lowered.
pub(crate) fn default_rules() -> Option<model::rules::RuleSet> {
    let loaded = load::load_text_with(DEFAULT_RULES_NAME, DEFAULT_RULES, &LoadOptions::default());
    loaded
        .roots
        .first()
        .and_then(|f| lower::lower_rules(&loaded, *f).0)
}

/// The root files that hold an item `is`.
pub(crate) fn roots_holding(
    loaded: &Loaded,
    is: impl Fn(&syntax::ast::Item) -> bool,
) -> Vec<source::FileId> {
    let holds = |f: &source::FileId| loaded.tree(*f).is_some_and(|t| t.items.iter().any(&is));
    loaded.roots.iter().copied().filter(holds).collect()
}

/// Several files could be meant; a diagnostic says which.
struct Ambiguous;

/// Evaluate texts held in memory: a declaration, actuals and optionally a
/// rule set (the built-in central one otherwise).
pub fn evaluate_text(declaration: &str, actuals: &str, rules: Option<&str>) -> Evaluated {
    let (loaded, a, r) = load_texts(declaration, actuals, rules);
    finish_evaluation(loaded, Some(a), r)
}

/// The texts of [`evaluate_text`], loaded: the actuals' file and the rule
/// set's, if given.
fn load_texts(
    declaration: &str,
    actuals: &str,
    rules: Option<&str>,
) -> (Loaded, source::FileId, Option<source::FileId>) {
    let mut loaded =
        load::load_text_with("申报.jx", declaration, &deferred(&LoadOptions::default()));
    let a = loaded.add_text("自评.jx", actuals);
    let r = rules.map(|r| loaded.add_text("规则.jx", r));
    (loaded, a, r)
}

/// Read a rule set from text (e.g. to inspect or test one).
pub fn parse_rules(name: &str, text: &str) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let loaded = load::load_text(name, text);
    let mut diags = loaded.diagnostics.clone();
    let (rs, d) = lower::lower_rules(&loaded, source::FileId(0));
    diags.extend(d);
    (rs, diags)
}

/// What is wrong inside the `自评` and `规则` blocks of the root files, on
/// their own (so that `jixiao check` reports a bad formula or a duplicate
/// actual without an evaluation).
fn year_end_file_diagnostics(
    loaded: &Loaded,
    keep_actuals: Option<source::FileId>,
) -> (Vec<Diagnostic>, Option<LoweredActuals>) {
    let mut kept = None;
    let out = year_end_diagnostics_with(loaded, |f| {
        let (actuals, d) = lower::lower_actuals(loaded, f);
        if keep_actuals == Some(f) && kept.is_none() {
            kept = Some((actuals, d.clone()));
        }
        d
    });
    (out, kept)
}

/// [`year_end_file_diagnostics`], with the diagnostics of each root's 自评
/// blocks given by `actuals` (a streamed evaluation has its own for the
/// file it evaluates).
fn year_end_diagnostics_with(
    loaded: &Loaded,
    mut actuals: impl FnMut(source::FileId) -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    use syntax::ast::Item;
    let mut out = Vec::new();
    for &f in &loaded.roots {
        let Some(tree) = loaded.tree(f) else { continue };
        if tree.items.iter().any(|i| matches!(i, Item::Actuals(_))) {
            out.extend(actuals(f));
        }
        if tree.items.iter().any(|i| matches!(i, Item::RuleSet(_))) {
            out.extend(lower::lower_rules(loaded, f).1);
        }
    }
    out
}

/// Drop repeated diagnostics (same code, message and place): a file given
/// both as a root and as `--actuals` is lowered twice.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    // Borrowed keys: cloning 250,000 messages into the set cost 35 MB.
    let mut seen =
        rustc_hash::FxHashSet::with_capacity_and_hasher(diagnostics.len(), Default::default());
    let keep: Vec<bool> = diagnostics
        .iter()
        .map(|d| {
            let at = d.primary_span().map(|s| (s.file, s.start, s.end));
            seen.insert((d.code, d.message.as_str(), at))
        })
        .collect();
    drop(seen);
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}
