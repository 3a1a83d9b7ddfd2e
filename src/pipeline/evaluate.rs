//! A whole evaluation (issue 4): the declarations lowered and checked with
//! the model, the actuals and a rule set read, and every project scored by
//! [`crate::engine::evaluate`]. `jixiao report` and embedding programs use
//! it; `jixiao eval` streams instead ([`super::stream`]), and falls back to
//! this where streaming cannot know what a whole evaluation would do.

use super::check::{lowered, Checked};
use super::{dedup, deferred, roots_holding};
use crate::diagnostic::{self, codes, Diagnostic};
use crate::load::{self, LoadOptions, Loaded};
use crate::lower;
use crate::model::evaluation::{Actuals, Evaluation};
use crate::model::rules::RuleSet;
use crate::source::{FileId, SourceMap};
use std::path::{Path, PathBuf};

/// The built-in rule set (central, 财预〔2020〕10号 style), used when no
/// other is given.
pub const DEFAULT_RULES: &str = include_str!("../../rules/central-2020.jx");
/// The name the built-in rule set is shown under in messages.
pub const DEFAULT_RULES_NAME: &str = "<内置规则>/central-2020.jx";

/// A declaration checked, actuals and a rule set read, and the evaluation.
#[derive(Debug)]
pub struct Evaluated {
    /// The declarations, lowered and checked.
    pub checked: Checked,
    /// The actuals, when they could be read.
    pub actuals: Option<Actuals>,
    /// The rule set, when it could be read.
    pub rules: Option<RuleSet>,
    /// `None` when the actuals or the rule set could not be read.
    pub evaluation: Option<Evaluation>,
    /// Every diagnostic: declaration, actuals, rule set, evaluation.
    pub diagnostics: Vec<Diagnostic>,
}

impl Evaluated {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    /// The files read, for rendering the diagnostics.
    pub fn sources(&self) -> &SourceMap {
        &self.checked.loaded.sources
    }
}

/// Load declarations, actuals and (optionally) a rule set from files, and
/// evaluate. Without `rules` the built-in central rule set is used.
pub fn evaluate_paths(
    declarations: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
    options: &LoadOptions,
) -> Evaluated {
    match load_evaluation(declarations, actuals, rules, options) {
        Ok(l) => whole(l.loaded, l.actuals, l.rules),
        Err(loaded) => unreadable_rules(*loaded),
    }
}

/// Evaluate texts held in memory: a declaration, actuals and optionally a
/// rule set (the built-in central one otherwise).
pub fn evaluate_text(declaration: &str, actuals: &str, rules: Option<&str>) -> Evaluated {
    let (loaded, a, r) = load_texts(declaration, actuals, rules);
    whole(loaded, Some(a), r)
}

/// Evaluate one text that holds both a declaration and its `自评` (what
/// `import` writes from a published 自评表), under the rule set `rules`
/// (name, text), or the built-in one.
pub fn evaluate_form_text(name: &str, text: &str, rules: Option<(&str, &str)>) -> Evaluated {
    let mut loaded = load::load_text_with(name, text, &deferred(&LoadOptions::default()));
    let actuals = discover_actuals(&mut loaded);
    let r = rules.map(|(n, t)| loaded.add_text(n, t));
    whole(loaded, actuals, r)
}

/// Evaluate texts held in memory as `jixiao eval` a folder of them (the
/// editor's open and saved files of one folder): every text (name, text)
/// is read as declarations; the `自评` is text `prefer` when it holds one,
/// else the one text holding a `自评` (as `eval` finds it), the rule set
/// the one text holding a `规则` (several: none, no scores), else the
/// built-in one. The texts' files are `FileId(0)`, `FileId(1)` … in order.
pub fn evaluate_texts(texts: &[(&str, &str)], prefer: usize) -> Evaluated {
    let options = deferred(&LoadOptions::default());
    let mut loaded = Loaded::default();
    for (i, (name, text)) in texts.iter().enumerate() {
        if i == 0 {
            loaded = load::load_text_with(name, text, &options);
        } else {
            loaded.add_root_text(name, text);
        }
    }
    let preferred = u32::try_from(prefer).ok().map(FileId).filter(|f| {
        loaded.tree(*f).is_some_and(|t| {
            t.items
                .iter()
                .any(|i| matches!(i, crate::syntax::ast::Item::Actuals(_)))
        })
    });
    let actuals = preferred.or_else(|| discover_actuals(&mut loaded));
    match discover_rules(&mut loaded) {
        Ok(rules) => whole(loaded, actuals, rules),
        Err(Ambiguous) => unreadable_rules(loaded),
    }
}

/// Read a rule set from text (e.g. to inspect or test one).
pub fn parse_rules(name: &str, text: &str) -> (Option<RuleSet>, Vec<Diagnostic>) {
    let loaded = load::load_text(name, text);
    let mut diags = loaded.diagnostics.clone();
    let (rs, d) = lower::lower_rules(&loaded, FileId(0));
    diags.extend(d);
    (rs, diags)
}

/// Evaluate loaded files whole: `actuals_file` holds the actuals (if
/// found), `rules_file` the rule set (`None`: the built-in one).
pub(super) fn whole(
    mut loaded: Loaded,
    actuals_file: Option<FileId>,
    rules_file: Option<FileId>,
) -> Evaluated {
    let rules_file =
        rules_file.unwrap_or_else(|| loaded.add_text(DEFAULT_RULES_NAME, DEFAULT_RULES));
    let (mut checked, kept) = lowered(loaded, actuals_file);
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
            let ev = crate::engine::evaluate(&checked.workspace, a, r);
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

/// The files of an evaluation, loaded (skeleton trees), and which of them
/// holds the actuals and which the rule set (`None`: the built-in one).
pub(super) struct LoadedEvaluation {
    pub(super) loaded: Loaded,
    pub(super) actuals: Option<FileId>,
    pub(super) rules: Option<FileId>,
}

/// Load the files of an evaluation; `Err` when the rule file could not be
/// read (the loader said why).
pub(super) fn load_evaluation(
    declarations: &[PathBuf],
    actuals: Option<&Path>,
    rules: Option<&Path>,
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
    let find = |loaded: &Loaded, p: &Path| {
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

/// The texts of [`evaluate_text`], loaded: the actuals' file and the rule
/// set's, if given.
pub(super) fn load_texts(
    declaration: &str,
    actuals: &str,
    rules: Option<&str>,
) -> (Loaded, FileId, Option<FileId>) {
    let mut loaded =
        load::load_text_with("申报.jx", declaration, &deferred(&LoadOptions::default()));
    let a = loaded.add_text("自评.jx", actuals);
    let r = rules.map(|r| loaded.add_text("规则.jx", r));
    (loaded, a, r)
}

/// The rule file could not be read: the declarations checked, no evaluation.
pub(super) fn unreadable_rules(loaded: Loaded) -> Evaluated {
    let checked = lowered(loaded, None).0;
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
fn discover_actuals(loaded: &mut Loaded) -> Option<FileId> {
    let found = roots_holding(loaded, |i| {
        matches!(i, crate::syntax::ast::Item::Actuals(_))
    });
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            loaded.diagnostics.push(
                Diagnostic::new(
                    &codes::NO_ACTUALS,
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
                    &codes::NO_ACTUALS,
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
fn discover_rules(loaded: &mut Loaded) -> Result<Option<FileId>, Ambiguous> {
    let found = roots_holding(loaded, |i| {
        matches!(i, crate::syntax::ast::Item::RuleSet(_))
    });
    let display = |f: &FileId| loaded.sources.get(*f).map(|s| s.display.clone());
    match found.as_slice() {
        [] => Ok(None),
        [one] => {
            let name = display(one).unwrap_or_default();
            loaded.diagnostics.push(
                Diagnostic::new(
                    &codes::RULES_FROM_FOLDER,
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
                    &codes::MANY_RULE_FILES,
                    format!("找到多个规则集文件：{}，不知道用哪一个", names.join("、")),
                )
                .help("用 --rules 指定其中一个"),
            );
            Err(Ambiguous)
        }
    }
}

/// Several files could be meant; a diagnostic says which.
struct Ambiguous;

/// The built-in rule set (central-2020), lowered.
pub(super) fn default_rules() -> Option<RuleSet> {
    let loaded = load::load_text_with(DEFAULT_RULES_NAME, DEFAULT_RULES, &LoadOptions::default());
    loaded
        .roots
        .first()
        .and_then(|f| lower::lower_rules(&loaded, *f).0)
}
