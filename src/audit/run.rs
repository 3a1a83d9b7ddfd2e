//! Audit many forms (issue 19): each form evaluated and audited on the
//! project's pool, in input order. The shipped rule sets that explain the
//! printed scores are read once for the run; of each form only its
//! [`FormAudit`] is kept (and, for the terminal, its findings rendered
//! while its sources are at hand), so memory does not grow with the
//! forms' texts.

use super::forms::{Form, Source};
use super::{audit_with, parsed_rule_sets, FormAudit};
use crate::diagnostic::render::{self, RenderOptions, Shown};
use crate::diagnostic::{codes, Diagnostic};
use crate::load::LoadOptions;
use crate::model::rules::RuleSet;
use crate::pipeline::{evaluate_form_text, evaluate_paths};
use crate::source::SourceMap;
use rayon::prelude::*;
use std::path::PathBuf;

/// How to audit the forms.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--rules F`: its path (for `.jx` forms) and its text (for imported
    /// ones, evaluated in memory). `None`: each form's folder's `规则`
    /// file, else the built-in central-2020.
    pub rules: Option<(PathBuf, String)>,
    pub load: LoadOptions,
    /// Render each form's findings for the terminal (`None`: do not).
    pub render: Option<(RenderOptions, Shown)>,
}

/// One form audited, and its findings rendered for the terminal.
#[derive(Clone, Debug)]
pub struct Audited {
    pub audit: FormAudit,
    /// The findings and errors as `check` shows them (empty when none or
    /// not asked for).
    pub shown: String,
    /// A file of the form could not be read (exit code 2 in the CLI).
    pub io_failed: bool,
}

/// Audit each form, in parallel, the results in the order of `forms`.
pub fn run(forms: &[Form], options: &Options) -> Vec<Audited> {
    let sets = parsed_rule_sets();
    let one = |f: &Form| audit_one(f, options, &sets);
    crate::parallel::run(
        || forms.par_iter().map(one).collect(),
        || forms.iter().map(one).collect(),
    )
}

fn audit_one(form: &Form, options: &Options, sets: &[(String, RuleSet)]) -> Audited {
    match &form.source {
        Source::Files { paths, actuals } => {
            let evaluated = evaluate_paths(
                paths,
                actuals.as_deref(),
                options.rules.as_ref().map(|(p, _)| p.as_path()),
                &options.load,
            );
            let audit = audit_with(&evaluated, &form.label, sets);
            let shown = shown(&audit.diagnostics, evaluated.sources(), options);
            Audited {
                audit,
                shown,
                io_failed: evaluated.checked.loaded.io_failed,
            }
        }
        Source::Import(path) => imported(form, path, options, sets),
    }
}

/// A published form, imported in memory and audited. A form that cannot
/// be imported is this form's error; the others go on.
fn imported(
    form: &Form,
    path: &std::path::Path,
    options: &Options,
    sets: &[(String, RuleSet)],
) -> Audited {
    let bytes = match crate::files::read(path) {
        Ok(b) => b,
        Err(e) => {
            let d = crate::files::read_error(&form.label, &e)
                .help("检查文件路径是否正确、文件是否可读");
            return failed(form, vec![d], &SourceMap::new(), options, true);
        }
    };
    let bytes = match options.load.encoding {
        Some(enc) if !bytes.starts_with(b"PK\x03\x04") => enc
            .decode_with_bom_removal(&bytes)
            .0
            .into_owned()
            .into_bytes(),
        _ => bytes,
    };
    let imported = crate::import::import_bytes(path, &form.label, &bytes);
    if imported.has_errors() || imported.text.is_empty() {
        let mut errors: Vec<Diagnostic> = imported
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if errors.is_empty() {
            errors.push(
                Diagnostic::new(
                    &codes::IMPORT_NOTHING,
                    format!("“{}”中没有读到自评表，无法复核", form.label),
                )
                .help("用 jixiao import 查看这个文件读出了什么"),
            );
        }
        return failed(form, errors, &imported.sources, options, false);
    }
    let name = format!("{}（导入结果）", form.label);
    let rules = options
        .rules
        .as_ref()
        .map(|(p, text)| (p.display().to_string(), text.as_str()));
    let evaluated = evaluate_form_text(
        &name,
        &imported.text,
        rules.as_ref().map(|(n, t)| (n.as_str(), *t)),
    );
    let audit = audit_with(&evaluated, &form.label, sets);
    let shown = shown(&audit.diagnostics, evaluated.sources(), options);
    Audited {
        audit,
        shown,
        io_failed: false,
    }
}

/// A form that could not be read: its errors, no evaluation.
fn failed(
    form: &Form,
    diagnostics: Vec<Diagnostic>,
    sources: &SourceMap,
    options: &Options,
    io_failed: bool,
) -> Audited {
    let shown = shown(&diagnostics, sources, options);
    Audited {
        audit: FormAudit {
            label: form.label.clone(),
            rules: None,
            projects: Vec::new(),
            explained: Vec::new(),
            findings: Vec::new(),
            diagnostics,
        },
        shown,
        io_failed,
    }
}

/// The diagnostics rendered as `check` shows them, when asked for.
fn shown(diagnostics: &[Diagnostic], sources: &SourceMap, options: &Options) -> String {
    let Some((render_options, limit)) = options.render else {
        return String::new();
    };
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut out = Vec::new();
    let _ = render::render_to(diagnostics, sources, render_options, limit, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
