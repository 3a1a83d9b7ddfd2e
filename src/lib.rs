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
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod format;
pub mod import;
pub mod load;
pub mod lower;
pub mod model;
pub mod report;
pub mod safe_write;
pub mod source;
pub mod suggest;
pub mod syntax;

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

/// [`finish`], also handing back the actuals of `actuals_file` when that
/// root file was lowered for its diagnostics (so that evaluation does not
/// lower it a second time).
fn finish_keeping(
    mut loaded: Loaded,
    actuals_file: Option<source::FileId>,
) -> (Checked, Option<Option<Actuals>>) {
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

/// Load, lower and check files and directories.
pub fn check_paths(paths: &[std::path::PathBuf], options: &LoadOptions) -> Checked {
    finish(load::load_paths(paths, options))
}

/// Load, lower and check text held in memory.
pub fn check_text(name: &str, text: &str) -> Checked {
    finish(load::load_text(name, text))
}

// ───────────── year-end evaluation (issue 4) ─────────────

pub use engine::evaluate;
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
        // Lowered already: its diagnostics are among the checked ones.
        (Some(_), Some(actuals)) => (actuals, Vec::new()),
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
    let mut paths = declarations.to_vec();
    if let Some(a) = actuals {
        paths.push(a.to_path_buf());
    }
    if let Some(r) = rules {
        paths.push(r.to_path_buf());
    }
    let mut loaded = load::load_paths(&paths, options);
    let find = |loaded: &Loaded, p: &std::path::Path| {
        let c = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        loaded.sources.find(&c)
    };
    let actuals_file = match actuals {
        Some(a) => find(&loaded, a),
        None => discover_actuals(&mut loaded),
    };
    let rules_file = rules.map(|r| find(&loaded, r));
    if let Some(None) = rules_file {
        // The rule file could not be read: the loader said why.
        let checked = finish(loaded);
        let diagnostics = checked.diagnostics.clone();
        return Evaluated {
            checked,
            actuals: None,
            rules: None,
            evaluation: None,
            diagnostics,
        };
    }
    finish_evaluation(loaded, actuals_file, rules_file.flatten())
}

/// Without `--actuals`: the one root file holding a `自评` block among those
/// loaded (e.g. `jixiao eval examples/songjiang-npc-2025`). None or several
/// is a diagnostic that says to name the file.
fn discover_actuals(loaded: &mut Loaded) -> Option<source::FileId> {
    use syntax::ast::Item;
    let found: Vec<source::FileId> = loaded
        .roots
        .iter()
        .copied()
        .filter(|f| {
            loaded
                .tree(*f)
                .is_some_and(|t| t.items.iter().any(|i| matches!(i, Item::Actuals(_))))
        })
        .collect();
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

/// Evaluate texts held in memory: a declaration, actuals and optionally a
/// rule set (the built-in central one otherwise).
pub fn evaluate_text(declaration: &str, actuals: &str, rules: Option<&str>) -> Evaluated {
    let mut loaded = load::load_text("申报.jx", declaration);
    let a = loaded.add_text("自评.jx", actuals);
    let r = rules.map(|r| loaded.add_text("规则.jx", r));
    finish_evaluation(loaded, Some(a), r)
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
/// actual without an evaluation). The actuals of `keep`, when lowered here,
/// are handed back.
fn year_end_file_diagnostics(
    loaded: &Loaded,
    keep: Option<source::FileId>,
) -> (Vec<Diagnostic>, Option<Option<Actuals>>) {
    use syntax::ast::Item;
    let mut out = Vec::new();
    let mut kept = None;
    for &f in &loaded.roots {
        let Some(tree) = loaded.tree(f) else { continue };
        if tree.items.iter().any(|i| matches!(i, Item::Actuals(_))) {
            let (actuals, d) = lower::lower_actuals(loaded, f);
            out.extend(d);
            if Some(f) == keep && kept.is_none() {
                kept = Some(actuals);
            }
        }
        if tree.items.iter().any(|i| matches!(i, Item::RuleSet(_))) {
            out.extend(lower::lower_rules(loaded, f).1);
        }
    }
    (out, kept)
}

/// Drop repeated diagnostics (same code, message and place): a file given
/// both as a root and as `--actuals` is lowered twice.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| {
        let at = d.primary_span().map(|s| (s.file, s.start, s.end));
        seen.insert((d.code, d.message.clone(), at))
    });
}
