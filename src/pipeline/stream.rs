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
use super::scoring::{Gathered, Scoring, Written};
use super::tally::{Checking, Tallies};
use super::{dedup, year_end};
use crate::diagnostic::{self, Diagnostic};
use crate::engine::{self, SummaryTally};
use crate::load::{LoadOptions, Loaded};
use crate::lower::{self, ActualsIndex};
use crate::model::name_key;
use crate::report::stream::Stream;
use crate::report::Format;
use crate::source::FileId;
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
