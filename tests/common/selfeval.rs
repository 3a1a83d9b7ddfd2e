//! The 自评表 corpus of `tests/corpus/selfeval/` (issue 17): its forms and
//! the rule sets its `期望.tsv` names (`central-2020/采用` is
//! `rules/central-2020.jx` saying `表内分值 采用`). Shared by
//! `tests/corpus_selfeval.rs` (eval) and `tests/audit_corpus.rs` (audit).
//!
//! Include it with `#[path = "common/selfeval.rs"] mod selfeval;` after
//! `#[path = "common/cli.rs"] mod cli;`.
#![allow(dead_code)]

use super::cli;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub const ROOT: &str = "tests/corpus/selfeval";
/// The words of the rule statement `表内分值 <mode>` (issue 17, W1).
pub const FORM_POINTS: &str = "表内分值";
pub const FORM_POINTS_MODES: [&str; 3] = ["采用", "折算", "不用"];

/// A rule-set spec of `期望.tsv`: the file of `rules/` and the 表内分值
/// mode it is run with, if the spec names one.
pub fn rule_spec(spec: &str) -> (PathBuf, Option<&str>) {
    let (name, mode) = match spec.split_once('/') {
        Some((name, mode)) => (name, Some(mode)),
        None => (spec, None),
    };
    (cli::root().join("rules").join(format!("{name}.jx")), mode)
}

/// Every form directory, sorted.
pub fn forms() -> Vec<PathBuf> {
    let root = cli::root().join(ROOT);
    let mut forms: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    forms.sort();
    forms
}

/// The rule set of `spec` as a file: the shipped one, or a copy of it that
/// says `表内分值 <mode>` (in `tmp`) instead of what the shipped one says.
pub fn rule_file(spec: &str, tmp: &Path) -> PathBuf {
    let (rules, mode) = rule_spec(spec);
    let Some(mode) = mode else {
        return rules;
    };
    let text = std::fs::read_to_string(&rules).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with(FORM_POINTS))
        .map(str::to_string)
        .collect();
    let close = lines
        .iter()
        .rposition(|l| l.trim() == "}")
        .expect("a rule set ends with }");
    lines.insert(close, format!("  {FORM_POINTS} {mode}"));
    let path = tmp.join(format!("{}.jx", spec.replace('/', "-")));
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// `代码`: the audit code the stated cause of a `不同` row calls for
/// (tests/audit_corpus.rs); empty on the others.
pub const HEADER: &str = "指标\t表内得分\t规则集\t结论\t代码";
pub const BUDGET: &str = "[预算执行率]";

/// One row of a form's `期望.tsv`.
pub struct Expect {
    /// `项目名/` before the indicator, when the form has several projects.
    pub project: Option<String>,
    /// The indicator's declared name, or `[预算执行率]`.
    pub name: String,
    pub printed: Decimal,
    /// `central-2020`, or `central-2020/采用` (see the module doc).
    pub rules: String,
    pub reproduced: bool,
    /// The audit code of a `不同` row of the form's own rule set (`代码`).
    pub code: String,
}

impl Expect {
    pub fn label(&self) -> String {
        match &self.project {
            Some(p) => format!("{p}/{}", self.name),
            None => self.name.clone(),
        }
    }
}

pub fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}/{file}: {e}", dir.display()))
}

pub fn expectations(dir: &Path) -> Vec<Expect> {
    let text = read(dir, "期望.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(HEADER),
        "{}: 期望.tsv header",
        dir.display()
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "{}: row “{l}”", dir.display());
            let (project, name) = match cols[0].rsplit_once('/') {
                Some((p, n)) if n == BUDGET => (Some(p.to_string()), n.to_string()),
                _ => (None, cols[0].to_string()),
            };
            let printed = Decimal::from_str(cols[1])
                .unwrap_or_else(|e| panic!("{}: printed score “{}”: {e}", dir.display(), cols[1]));
            let reproduced = match cols[3] {
                "重现" => true,
                "不同" => false,
                other => panic!(
                    "{}: conclusion “{other}” is neither 重现 nor 不同",
                    dir.display()
                ),
            };
            Expect {
                project,
                name,
                printed,
                rules: cols[2].to_string(),
                reproduced,
                code: cols[4].to_string(),
            }
        })
        .collect()
}
