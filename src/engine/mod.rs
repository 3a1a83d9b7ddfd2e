//! The scoring engine: a workspace's declared targets, a department's
//! actuals and a rule set in; an [`Evaluation`] (scores, totals, grades and
//! the trace of every number) out. No I/O, no panics: every problem is a
//! diagnostic in [`Evaluation::diagnostics`].
//!
//! ```
//! let decl = r#"
//! 部门 "示例局" {
//!   年度 2025
//!   项目 "培训" {
//!     资金 { 年度申请 10,000 元 }
//!     指标 {
//!       产出指标 { 数量指标 { 培训人数 ≥ 140 人 } }
//!       效益指标 { 社会效益指标 { 履职能力: 提升 } }
//!       满意度指标 { 服务对象满意度指标 { 满意率 ≥ 95% } }
//!     }
//!   }
//! }
//! "#;
//! let actuals = r#"
//! 自评 "示例局" 2025 {
//!   项目 "培训" {
//!     预算 10,000 元
//!     执行 9,000 元
//!     培训人数 150 人
//!     履职能力: 达成
//!     满意率 = 112 / 118  原因 "个别学员对时间安排不满意"
//!   }
//! }
//! "#;
//! let run = jixiao::evaluate_text(decl, actuals, None);
//! assert!(!run.has_errors(), "{:?}", run.diagnostics);
//! let ev = run.evaluation.unwrap();
//! let p = &ev.projects[0];
//! assert_eq!(p.execution_score.unwrap().to_string(), "9.00");
//! assert_eq!(p.indicators[2].trace.line,
//!     "满意率：完成值 94.92% < 指标值 95% → 10 × 94.92 ÷ 95 = 9.99");
//! assert_eq!(p.total.unwrap().to_string(), "98.99");
//! assert_eq!(p.grade.as_deref(), Some("优"));
//! // The evaluation is plain data: serialize it for another system.
//! let json = serde_json::to_string(&ev).unwrap();
//! assert!(json.contains("\"total\":\"98.99\""));
//! ```

mod allocate;
mod budget;
mod execution;
pub mod expr;
mod form_points;
mod indicator;
mod printed;
mod project;
mod qualitative;
mod quantitative;
mod summary;
mod trace;
mod units;
mod warnings;

pub use allocate::points_mismatches;
pub use budget::half_unit;
pub use quantitative::formula_kind;
pub(crate) use summary::{ProjectCount, SummaryTally};

use crate::diagnostic::{codes, Diagnostic};
use crate::model::evaluation::ProjectActuals;
use crate::model::evaluation::{Actuals, Evaluation};
use crate::model::rules::RuleSet;
use crate::model::{name_key, Department, Workspace};
use rustc_hash::{FxHashMap, FxHashSet};

/// Evaluate the department of `workspace` that `actuals` names under `rules`.
///
/// The same workspace and actuals can be scored under another rule set:
///
/// ```
/// # let decl = "部门 \"局\" {\n 年度 2025\n 项目 \"甲\" {\n  指标 {\n   产出指标 { 数量指标 { 次数 ≥ 10 次 } }\n   效益指标 { 社会效益指标 { 成本 ≤ 100 元 } }\n   满意度指标 { 服务对象满意度指标 { 满意率 ≥ 90% } }\n  }\n }\n}\n";
/// # let actuals = "自评 \"局\" 2025 {\n 项目 \"甲\" {\n  预算 100 元\n  执行 90 元\n  次数 10 次\n  成本 150 元 原因 \"涨价\"\n  满意率 95%\n }\n}\n";
/// let run = jixiao::evaluate_text(decl, actuals, None); // the built-in central rules
/// let central = run.evaluation.as_ref().unwrap();
/// let (hubei, _) = jixiao::parse_rules("hubei-2020.jx", include_str!("../../rules/hubei-2020.jx"));
/// let other = jixiao::evaluate(&run.checked.workspace, run.actuals.as_ref().unwrap(), &hubei.unwrap());
/// // 反向 1.5 × the target: central 30 × (1 − 0.5) = 15; ratio style 30 × 100 ÷ 150 = 20
/// assert_eq!(central.projects[0].indicators[1].score.unwrap().to_string(), "15.00");
/// assert_eq!(other.projects[0].indicators[1].score.unwrap().to_string(), "20.00");
/// assert_eq!(other.projects[0].execution_score.unwrap().to_string(), "18.00");
/// ```
pub fn evaluate(workspace: &Workspace, actuals: &Actuals, rules: &RuleSet) -> Evaluation {
    let mut diags = Vec::new();
    let mut ev = Evaluation {
        rules: rules.info(),
        year: actuals.year,
        ..Evaluation::default()
    };
    let Some(dept) = department(workspace, actuals, &mut diags) else {
        ev.diagnostics = diags;
        return ev;
    };
    ev.department = dept.name.clone().or(Some(actuals.department.clone()));
    // Names are matched through maps built once: a search per project made
    // scoring quadratic in the project count (performance, issue 7).
    let unreadable: FxHashSet<String> = actuals.unreadable.iter().map(|u| name_key(u)).collect();
    let keys: Vec<String> = actuals.projects.iter().map(|p| name_key(&p.name)).collect();
    // Each name with the first actuals project of that name (and its place).
    let mut by_name: FxHashMap<&str, (usize, &ProjectActuals)> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (k, (pa, key)) in actuals.projects.iter().zip(&keys).enumerate() {
        by_name.entry(key.as_str()).or_insert((k, pa));
    }
    // Projects are scored independently: many of them in parallel, joined
    // in project order with their diagnostics (performance, issue 7).
    let score = |worker: &mut Worker, p: &crate::model::Project| {
        let key = name_key(&p.name);
        // The place of the actuals project of this name, if any.
        let at = by_name.get(key.as_str()).copied();
        let found = match at {
            _ if unreadable.contains(&key) => Found::Unreadable,
            Some((_, a)) => Found::Actuals(a),
            None => Found::Missing,
        };
        let mut diags = Vec::new();
        let result = worker.score(rules, p, found, &mut diags);
        // Counted here, while the project is in this thread's cache.
        let count = ProjectCount::of(&result);
        (result, (diags, at.map(|(k, _)| k), count))
    };
    // The results go straight into their vector (unzipped from the rest):
    // moving 100,000 of them once more took 10 ms.
    // A repeated name (JX-M005) is not scored: one 自评 block, one project.
    let scored: Vec<&crate::model::Project> =
        dept.projects.iter().filter(|p| !p.repeated).collect();
    let sequential = || {
        let mut worker = Worker::new(rules);
        scored.iter().map(|p| score(&mut worker, p)).unzip()
    };
    let (projects, rest): (Vec<_>, Vec<_>) = if scored.len() >= 64 {
        use rayon::prelude::*;
        crate::parallel::run(
            || {
                scored
                    .par_iter()
                    .map_init(|| Worker::new(rules), |w, p| score(w, p))
                    .unzip()
            },
            sequential,
        )
    } else {
        sequential()
    };
    ev.projects = projects;
    // Which actuals projects a declared project took (by the first of each name).
    let mut declared = vec![false; actuals.projects.len()];
    let mut tally = SummaryTally::new(rules);
    for (mut found, at, count) in rest {
        diags.append(&mut found);
        if let Some(slot) = at.and_then(|k| declared.get_mut(k)) {
            *slot = true;
        }
        tally.add(&count);
    }
    let names: Vec<&str> = dept.projects.iter().map(|p| p.name.as_str()).collect();
    for (pa, key) in actuals.projects.iter().zip(&keys) {
        let first = by_name.get(key.as_str()).map(|(k, _)| *k);
        if first.is_none_or(|k| declared.get(k) != Some(&true)) {
            diags.push(undeclared_project(pa, &names, dept.incomplete));
        }
    }
    ev.summary = tally.finish(rules);
    crate::diagnostic::sort(&mut diags);
    ev.diagnostics = diags;
    ev
}

/// Where a declared project's actuals were found.
#[derive(Clone, Copy)]
pub(crate) enum Found<'a> {
    Actuals(&'a ProjectActuals),
    /// The actuals have no block for the project.
    Missing,
    /// Its block in the actuals has a syntax error: listed, not scored.
    Unreadable,
}

/// What one thread keeps to score projects under a rule set: the formulas
/// the traces keep (each thread its own copies, so that threads share no
/// reference count).
pub(crate) struct Worker {
    formulas: trace::SharedFormulas,
}

impl Worker {
    pub fn new(rules: &RuleSet) -> Worker {
        Worker {
            formulas: trace::SharedFormulas::new(&rules.formulas),
        }
    }

    /// Score one project under `rules` (the rule set the worker was made
    /// for); what scoring finds goes to `diags`.
    pub fn score(
        &mut self,
        rules: &RuleSet,
        p: &crate::model::Project,
        found: Found<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> crate::model::evaluation::ProjectEvaluation {
        let f = &self.formulas;
        match found {
            Found::Unreadable => project::unreadable(p, rules, f),
            Found::Actuals(a) => project::evaluate(p, Some(a), rules, f, diags),
            Found::Missing => project::evaluate(p, None, rules, f, diags),
        }
    }
}

/// An actuals project no declared project matched; `names` are the
/// department's projects, `incomplete` whether some could not be read.
pub(crate) fn undeclared_project(
    pa: &ProjectActuals,
    names: &[&str],
    incomplete: bool,
) -> Diagnostic {
    let d = Diagnostic::new(
        &codes::UNDECLARED_PROJECT,
        format!("自评中的项目“{}”没有申报", pa.name),
    )
    .label(pa.name_span, "自评中的项目");
    match crate::suggest::nearest(&pa.name, names.iter().copied()) {
        Some(n) => crate::diagnostic::apply::did_you_mean(d, pa.name_span, &pa.name, n),
        None if incomplete => d
            .help("申报中有项目因语法错误未能读入，可能就是这个项目：先改正申报文件的错误")
            .severity(crate::Severity::Warning),
        None => d.help(format!("申报的项目：{}", names.join("、"))),
    }
}

/// The department the actuals are for: by name, else the only one.
pub(crate) fn department<'a>(
    ws: &'a Workspace,
    actuals: &Actuals,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a Department> {
    let key = name_key(&actuals.department);
    let by_name = ws
        .departments
        .iter()
        .find(|d| d.name.as_deref().map(name_key) == Some(key.clone()));
    let dept = match by_name {
        Some(d) => d,
        None => {
            let names: Vec<&str> = ws
                .departments
                .iter()
                .filter_map(|d| d.name.as_deref())
                .collect();
            let only = (ws.departments.len() == 1)
                .then(|| ws.departments.first())
                .flatten();
            let mut d = Diagnostic::new(
                &codes::ACTUALS_DEPARTMENT,
                format!("自评的部门“{}”在申报中没有找到", actuals.department),
            )
            .label(actuals.department_span, "自评的部门");
            d = match crate::suggest::nearest(&actuals.department, names.iter().copied()) {
                Some(n) => crate::diagnostic::apply::did_you_mean(
                    d,
                    actuals.department_span,
                    &actuals.department,
                    n,
                ),
                None if names.is_empty() => d.help("申报文件中没有部门块"),
                None => d.help(format!("申报的部门：{}", names.join("、"))),
            };
            if only.is_none() {
                d = d.severity(crate::Severity::Error);
            }
            diags.push(d);
            only?
        }
    };
    if let (Some(dy), Some(ay)) = (dept.year, actuals.year) {
        if dy != ay {
            diags.push(
                Diagnostic::new(
                    &codes::ACTUALS_DEPARTMENT,
                    format!("自评的年度 {ay} 与申报的年度 {dy} 不一致"),
                )
                .label(actuals.department_span, "自评")
                .label(dept.name_span, "申报")
                .help("自评应针对同一年度的申报；请核对年度"),
            );
        }
    }
    Some(dept)
}
