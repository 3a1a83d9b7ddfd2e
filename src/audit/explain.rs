//! Which rule set explains the scores a 自评表 printed (issue 19). Each
//! shipped rule set (and central-2020 taking the form's own points,
//! `表内分值 采用`) scores the same actuals; for each project, the number of printed indicator scores it reproduces exactly is
//! counted — the same comparison as eval's `≠` mark. A reviewer sees which
//! rule the office actually used ("central 7/9, 采用 9/9").

use crate::engine;
use crate::model::evaluation::Actuals;
use crate::model::rules::RuleSet;
use crate::model::Workspace;
use crate::pipeline::parse_rules;
use serde::Serialize;

/// The rule sets an audit tries: (name shown, rule-set text).
pub fn shipped_rule_sets() -> Vec<(&'static str, String)> {
    let central = include_str!("../../rules/central-2020.jx");
    vec![
        ("central-2020", central.to_string()),
        (
            "central-2020（表内分值 采用）",
            central.replacen("表内分值 折算", "表内分值 采用", 1),
        ),
        (
            "hubei-2020",
            include_str!("../../rules/hubei-2020.jx").to_string(),
        ),
        (
            "sichuan-2022",
            include_str!("../../rules/sichuan-2022.jx").to_string(),
        ),
    ]
}

/// One project's printed scores and how many each rule set reproduces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explained {
    pub project: String,
    /// Indicators with a printed 得分.
    pub printed: usize,
    /// (rule set, printed scores it reproduces), in [`shipped_rule_sets`] order.
    pub reproduced: Vec<(String, usize)>,
}

/// The shipped rule sets, each read once: (name shown, rule set). A rule
/// set that cannot be read is left out (the shipped ones are tested to read).
pub fn parsed_rule_sets() -> Vec<(String, RuleSet)> {
    shipped_rule_sets()
        .into_iter()
        .filter_map(|(name, text)| parse_rules(name, &text).0.map(|r| (name.to_string(), r)))
        .collect()
}

/// For each project with printed indicator scores: how many of them each
/// shipped rule set reproduces. Reads the rule sets; to audit many forms,
/// read them once with [`parsed_rule_sets`] and call [`explain_with`].
pub fn explain(workspace: &Workspace, actuals: &Actuals) -> Vec<Explained> {
    explain_with(workspace, actuals, &parsed_rule_sets())
}

/// [`explain`] under rule sets already read.
pub fn explain_with(
    workspace: &Workspace,
    actuals: &Actuals,
    sets: &[(String, RuleSet)],
) -> Vec<Explained> {
    let mut out: Vec<Explained> = Vec::new();
    for (name, rules) in sets {
        let evaluation = engine::evaluate(workspace, actuals, rules);
        for p in &evaluation.projects {
            let Some((printed, same)) = super::printed_scores(p) else {
                continue;
            };
            let project = p.name.to_string();
            match out.iter_mut().find(|e| e.project == project) {
                Some(e) => e.reproduced.push((name.clone(), same)),
                None => out.push(Explained {
                    project,
                    printed: printed.len(),
                    reproduced: vec![(name.clone(), same)],
                }),
            }
        }
    }
    out
}

impl Explained {
    /// The rule set that reproduces the most printed scores (the first of
    /// equals, in [`shipped_rule_sets`] order) and how many.
    pub fn best(&self) -> Option<(&str, usize)> {
        let mut best: Option<(&str, usize)> = None;
        for (name, n) in &self.reproduced {
            if best.is_none_or(|(_, b)| *n > b) {
                best = Some((name, *n));
            }
        }
        best
    }
}
